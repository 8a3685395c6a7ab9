//! The reader's state and `update(Action)`, which changes it without drawing or doing I/O. `App`
//! puts together the parts, each the owner of one concern: the article library
//! ([`library::Library`]), the search session ([`search::Search`]), the quotebook session
//! ([`book::Book`]: who said what, for the Quotes and Speakers views), the screen state
//! ([`screen::Screen`], with the views' state in [`views`]); `App` itself keeps the read marks and
//! positions and what changed in them since the last save (in `marks.rs`), and moves the parts
//! together (opening an article, taking in what loading and the threads sent; moving between the
//! views in `navigate.rs`; the filter line's editing in `filter_line.rs`; the list's order,
//! unread-only, marking and next-article keys in `listing.rs`). Imports no drawing code.

pub mod book;
mod filter_line;
pub mod library;
mod listing;
mod marks;
mod navigate;
pub mod screen;
pub mod search;
pub mod views;

#[cfg(test)]
mod tests;

use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use crate::corpus::article::Article;
use crate::corpus::load::Loading;
use crate::corpus::quote::{ALIAS_FILE, Aliases, Quote, load_aliases};
use crate::corpus::sanitize::is_safe_char;
use crate::corpus::search::{Index, Match, NameWords};
use crate::corpus::state::{Changes, ReaderState, Synced};
use crate::corpus::store::{Origin, Store};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, Keymap};
// Which pane has the keyboard: defined with the layout, and found here too by the benches and
// tests/state_shared.rs.
pub use crate::tui::layout::Focus;
use crate::tui::layout::{Panes, View, step, tab_at};
use crate::tui::theme::Theme;
use book::Book;
use library::{Arrival, Library};
use screen::{MAX_QUERY, Part, Screen, cap};
use search::{Answer, Search};

/// Lines the mouse wheel scrolls the reader by.
const WHEEL_LINES: isize = 3;

/// Longest [`App::pump`] spends taking in loaded articles before the screen is drawn again.
const PUMP_BUDGET: Duration = Duration::from_millis(8);

/// How long the event loop waits for a key while the App is [busy](App::busy) before it pumps
/// again (idle, it waits longer): at most this many milliseconds between a result and its frame.
pub const BUSY_WAIT: Duration = Duration::from_millis(10);

/// Text to put on the clipboard, and what it is (`citation`, `reference`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clip {
    /// The text, one line.
    pub text: String,
    /// What it is, for the message.
    pub what: &'static str,
}

/// Everything the reader shows and remembers.
#[derive(Debug)]
pub struct App {
    library: Library,
    search: Search,
    book: Book,
    screen: Screen,
    /// Other spellings of speakers (the corpus's alias file), for the quotebook, until it is built.
    aliases: Option<Aliases>,
    /// What `y` asked to copy, until the event loop takes it.
    clip: Option<Clip>,
    /// The URL `o` asked to open, until the event loop takes it.
    url: Option<String>,
    /// The search's newest answer, as it came (the list shows it arranged: `listing.rs`).
    answer: Arc<[Match]>,
    /// The list shows unread articles only (`U`).
    unread_only: bool,
    /// The marks the last `m` or `M` changed, as they were (article, read), for `u`.
    undo: Option<Vec<(usize, bool)>>,
    /// Read marks, positions, last article. `pub`: tests/state_shared.rs reads it; it changes
    /// only through the methods of `marks.rs`, which keep the journal and the read count in step.
    pub state: ReaderState,
    /// What changed in `state` since it was last handed over for saving (see [`App::take_changes`]).
    journal: Changes,
    /// The outcome of each save, with what other readers changed meanwhile.
    synced: Option<Receiver<Synced>>,
    /// The warning shown is a failed save's, to clear once a save succeeds.
    save_failed: bool,
    save_requested: bool,
    /// The article to reopen (the last one of the previous run) until it arrives or the user moves.
    restore: Option<String>,
    /// The user acted (or the restored article was shown): from then on the selection follows its
    /// article as batches arrive; until then it stays on the first row, whatever arrives above.
    chosen: bool,
    /// The list has shown articles once (or loading ended without any): until then keys wait.
    listed: bool,
    /// Set when the user asked to quit.
    quit: bool,
}

/// `app.focus`, `app.list`, `app.reader`, `app.filter`, `app.warning`: the screen's state, read
/// (and the focus set) by name by tests/state_shared.rs and the benches, from outside the crate.
impl std::ops::Deref for App {
    type Target = Screen;

    fn deref(&self) -> &Screen {
        &self.screen
    }
}

impl std::ops::DerefMut for App {
    fn deref_mut(&mut self) -> &mut Screen {
        &mut self.screen
    }
}

impl App {
    /// A reader over a loaded `store`; `quotes[i]` are the quotes of article `i`. Opens the last
    /// article of `state` when it is still in the corpus. Waits for the first list.
    pub fn new(
        store: Store,
        quotes: Vec<Vec<Quote>>,
        state: ReaderState,
        theme: Theme,
    ) -> std::io::Result<App> {
        let (aliases, _) = load_aliases(store.extra(ALIAS_FILE));
        let library = Library::loaded(store, quotes, &state.read);
        let mut index = Index::build(library.articles(), |i| library.quotes_of(i));
        index.set_names(NameWords::from_aliases(&aliases));
        let mut app = App::with(library, Search::spawn(index)?, Book::spawn()?, state, theme);
        app.aliases = Some(aliases);
        app.build_book();
        app.follow_renames();
        app.ask();
        app.settle();
        Ok(app)
    }

    /// A reader that fills as `loading` brings articles in; call [`App::pump`] often.
    pub fn loading(
        loading: Loading,
        origin: &Origin,
        state: ReaderState,
        theme: Theme,
    ) -> std::io::Result<App> {
        let mut index = Index::default();
        index.set_names(loading.names().clone());
        let library = Library::loading(loading, origin);
        let search = Search::spawn(index)?;
        let mut app = App::with(library, search, Book::spawn()?, state, theme);
        app.ask();
        Ok(app)
    }

    fn with(library: Library, search: Search, book: Book, state: ReaderState, theme: Theme) -> App {
        App {
            library,
            search,
            book,
            screen: Screen::new(theme),
            aliases: None,
            clip: None,
            url: None,
            answer: Arc::default(),
            unread_only: false,
            undo: None,
            restore: state.last.clone(),
            chosen: false,
            state,
            journal: Changes::default(),
            synced: None,
            save_failed: false,
            save_requested: false,
            listed: false,
            quit: false,
        }
    }

    /// The articles and their quotes.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The search session.
    pub fn search(&self) -> &Search {
        &self.search
    }

    /// What the screen shows.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The quotebook session (the book, once built).
    pub fn book(&self) -> &Book {
        &self.book
    }

    /// Gives the quotebook the other spellings of speakers (the corpus's alias file), before
    /// loading is done.
    pub fn set_aliases(&mut self, aliases: Aliases) {
        self.aliases = Some(aliases);
    }

    /// Starts building the quotebook from the articles loaded (once loading is done).
    fn build_book(&mut self) {
        let (articles, quotes) = self.library.shared();
        let aliases = self.aliases.take().unwrap_or_default();
        self.book.build(articles, quotes, aliases);
    }

    /// Takes a configuration file's keys and layout preferences, and what is wrong with the file
    /// (kept on the status bar: in full, short).
    pub fn configure(
        &mut self,
        keymap: Keymap,
        panes: Panes,
        config_note: Option<(String, String)>,
    ) {
        self.screen.configure(keymap, panes, config_note);
        self.relayout();
    }

    /// Shows a lasting warning (`None`: none).
    pub fn set_warning(&mut self, warning: Option<String>) {
        self.screen.warning = warning;
    }

    /// True once the user asked to quit.
    pub fn quit_asked(&self) -> bool {
        self.quit
    }

    /// Takes in what loading and the search thread have sent, for at most a few milliseconds.
    /// True when the screen should be redrawn.
    pub fn pump(&mut self) -> bool {
        let start = Instant::now();
        let mut changed = false;
        while let Some(arrival) = self.library.take_next(&self.state.read) {
            changed = true;
            match arrival {
                Arrival::Articles { docs, from, filled } => {
                    self.search.add(docs, from, self.library.articles());
                    let open = self.screen.reader.article;
                    if open.is_some_and(|i| filled.contains(&i)) {
                        self.text_came(open);
                    }
                }
                Arrival::Saved(saved) => {
                    tracing::info!(
                        articles = self.library.articles().len(),
                        "the saved index and catalog came"
                    );
                    self.search.use_saved(
                        saved,
                        self.library.articles(),
                        &self.screen.filter.query,
                    );
                }
                // Links add lines to quotes: their heights changed.
                Arrival::Links => self.screen.quotes_changed(),
                // The reading pane says so (redrawn).
                Arrival::NotRead => {}
                Arrival::Committed(committed) => {
                    let (articles, _) = self.library.shared();
                    self.search.save_for_next_launch(*committed, articles);
                }
                Arrival::Done(warning) => {
                    if self.screen.warning.is_none() {
                        self.screen.warning = warning;
                    }
                    self.follow_renames();
                    self.search.loading_done(&self.screen.filter.query);
                }
            }
            if start.elapsed() > PUMP_BUDGET {
                break;
            }
        }
        changed |= self.take_synced();
        let listed_before = self.answer.len();
        while let Some(answer) = self.search.next_answer() {
            match answer {
                Answer::Results { matches, new_query } => self.show_results(matches, new_query),
                Answer::Stopped => {
                    self.screen.warning = Some(
                        "search stopped on an internal error: the list no longer follows the \
                         filter until the reader is restarted. Please report it"
                            .into(),
                    );
                }
            }
            changed = true;
        }
        let screenful = self.screen.list_rows().min(self.library.total());
        if listed_before < screenful && self.answer.len() >= screenful {
            self.library.screenful_listed();
        }
        // The quotebook is built once loading is over and the search index is ready: it would
        // only slow them down before.
        if !self.book.started() && self.ready() {
            self.build_book();
            changed = true;
        }
        changed |= self.take_book_answers();
        // New articles: ask again (see `Search::refresh`).
        self.search.refresh(
            &self.screen.filter.query,
            self.library.is_loading(),
            self.answer.len(),
        );
        self.note_listed();
        changed
    }

    fn note_listed(&mut self) {
        self.listed |=
            !self.screen.list.matches.is_empty() || self.search.stopped() || self.ready();
    }

    /// True until the list has first shown articles (or loading has ended without any): keys
    /// typed before then are about the list the user is waiting for, so the event loop keeps
    /// them until it comes rather than applying them to an empty one.
    pub fn first_list_pending(&self) -> bool {
        !self.listed
    }

    /// Remembers the warning on screen, if it is new, to print it again at exit.
    pub fn note_warning(&mut self) {
        self.screen.note_warning();
    }

    /// Every warning shown this session (dismissed or not), oldest first, and the one on screen.
    pub fn warnings_seen(&mut self) -> &[String] {
        self.screen.warnings_seen()
    }

    /// True while articles are loading, a text asked for is on its way, a search is under way,
    /// or the quotebook is yet to be built, being built or asked something: the loop should come
    /// back soon.
    pub fn busy(&self) -> bool {
        self.library.is_loading()
            || self.library.text_asked()
            || self.search.busy()
            || !self.book.started()
            || self.book.busy()
    }

    /// True once every article is loaded and searchable and the list answers the filter line (the
    /// quotebook may still be building).
    pub fn ready(&self) -> bool {
        !self.library.is_loading() && !self.search.busy()
    }

    /// Waits (up to a minute) until loading is done, the quotebook built, and the newest queries
    /// answered.
    pub fn settle(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while self.busy() && Instant::now() < deadline {
            if !self.pump() {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        self.note_listed();
    }

    fn ask(&mut self) {
        self.search.ask(&self.screen.filter.query);
    }

    /// True once the search answers from the corpus's saved index.
    #[cfg(test)]
    pub fn searches_saved_index(&self) -> bool {
        self.search.uses_saved()
    }

    /// Shows the matches of the newest query: the article to reopen when it is among them, else
    /// the best match while typing, else the article selected before, or the first row until the
    /// user acts (batches arriving in any order must not move the first screen's selection).
    fn show_results(&mut self, matches: Arc<[Match]>, new_query: bool) {
        let keep = self.screen.list.selected_article();
        self.screen.list.matches = self.arranged(&matches);
        self.answer = matches;
        let list = &mut self.screen.list;
        let position = |i: usize| list.matches.iter().position(|m| m.index == i);
        let restored = self
            .restore
            .as_ref()
            .and_then(|id| self.library.index_of(id))
            .and_then(position);
        // While typing, the best match is what the user is after; otherwise stay on the article.
        list.selected = if let Some(row) = restored {
            self.restore = None;
            self.chosen = true;
            row
        } else if new_query && !self.search.results_for().is_empty() {
            0
        } else if self.chosen {
            keep.and_then(position).unwrap_or(0)
        } else {
            0
        };
        if new_query || !self.chosen {
            list.offset = 0;
        }
        self.show_article(self.screen.list.selected_article());
        if new_query {
            self.refresh_hits();
        }
        self.relayout();
    }

    /// All articles loaded so far, in arrival order (the list's order comes from the search).
    pub fn articles(&self) -> &[Article] {
        self.library.articles()
    }

    /// The article with this id.
    pub fn article_by_id(&self, id: &str) -> Option<&Article> {
        self.library.article_by_id(id)
    }

    /// Articles marked read, among those loaded.
    pub fn read_count(&self) -> usize {
        self.library.read_count()
    }

    /// `(loaded, total)` while loading.
    pub fn loading_progress(&self) -> Option<(usize, usize)> {
        self.library.loading_progress()
    }

    /// The quotes of article `index`.
    pub fn quotes_of(&self, index: usize) -> &[Quote] {
        self.library.quotes_of(index)
    }

    /// The article in the reading pane, if any, and its quotes.
    pub fn open_article(&self) -> (Option<&Article>, &[Quote]) {
        self.library.with_quotes(self.screen.reader.article)
    }

    /// The quotes of the article in the reading pane.
    pub fn current_quotes(&self) -> &[Quote] {
        self.open_article().1
    }

    /// Which keymap context applies now.
    pub fn context(&self) -> Context {
        self.screen.context()
    }

    /// True once after an action that should be saved right away (read marks, opening).
    pub fn take_save_request(&mut self) -> bool {
        std::mem::take(&mut self.save_requested)
    }

    /// Applies one action. Never draws, never does I/O.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize(..)) {
            self.screen.set_message(None);
        }
        self.chosen |= !matches!(action, Action::Resize(..) | Action::Help);
        let help = self.screen.help_open();
        if !help && self.update_views(action) {
            self.relayout();
            return;
        }
        match action {
            Action::Quit | Action::ForceQuit => self.quit = true,
            Action::Resize(w, h) => {
                self.screen.resize(w, h);
                self.relayout();
            }
            Action::Help => self.screen.toggle_help(),
            Action::Back => {
                if help {
                    self.screen.close_help();
                } else if self.screen.focus != Focus::List && !self.screen.filter.query.is_empty() {
                    // Back to the list the filter made, kept.
                    self.screen.focus = Focus::List;
                } else if !self.screen.filter.query.is_empty() {
                    self.set_query(String::new());
                } else if self.screen.warning.is_some() {
                    self.screen.warning = None;
                } else {
                    self.screen.focus = Focus::List;
                }
            }
            Action::Up | Action::Down if help => self.screen.scroll_help(action == Action::Down),
            Action::FocusNext => self.screen.focus = self.screen.focus.step(true),
            Action::FocusPrev => self.screen.focus = self.screen.focus.step(false),
            Action::Up => self.move_in(self.screen.focus, -1),
            Action::Down => self.move_in(self.screen.focus, 1),
            Action::Top => self.move_in(self.screen.focus, isize::MIN),
            Action::Bottom => self.move_in(self.screen.focus, isize::MAX),
            Action::PageDown | Action::PageUp | Action::HalfDown | Action::HalfUp => {
                let h = self.screen.reader_height();
                let page = isize::try_from(h.saturating_sub(2).max(1)).unwrap_or(1);
                let half = isize::try_from((h / 2).max(1)).unwrap_or(1);
                let (article, _) = self.library.with_quotes(self.screen.reader.article);
                self.screen.scroll_reader(
                    match action {
                        Action::PageDown => page,
                        Action::PageUp => -page,
                        Action::HalfDown => half,
                        _ => -half,
                    },
                    article,
                );
            }
            Action::Open => match self.screen.focus {
                Focus::List => {
                    if let Some(i) = self.screen.list.selected_article() {
                        self.show_article(Some(i));
                        self.screen.focus = Focus::Reader;
                        self.mark_opened(i);
                    }
                }
                Focus::Quotes => {
                    let (article, quotes) = self.library.with_quotes(self.screen.reader.article);
                    let (selected, _) = self.screen.selected_quote();
                    self.screen.jump_to_quote(selected, article, quotes);
                }
                Focus::Reader => {}
            },
            // The views' own actions (`update_views`); under the help, nothing.
            Action::ShowView(_)
            | Action::GoBack
            | Action::Copy
            | Action::Expand
            | Action::Collapse
            | Action::ToggleExpand => {}
            Action::FilterOpen => {
                self.screen.filter.editing = true;
                self.screen.focus = Focus::List;
            }
            Action::FilterInput(_) | Action::FilterBackspace | Action::FilterEdit(_) => {
                self.edit_filter(action);
            }
            Action::FilterAccept => {
                self.accept_filter();
                self.screen.focus = Focus::List;
            }
            Action::FilterCancel => {
                self.screen.filter.editing = false;
                self.set_query(String::new());
            }
            Action::NextHit | Action::PrevHit => {
                let (article, _) = self.library.with_quotes(self.screen.reader.article);
                self.screen.step_hit(action == Action::NextHit, article);
            }
            Action::ToggleRead => {
                let open = self.screen.reader.article;
                if let Some((i, a)) = open.and_then(|i| self.library.article(i).map(|a| (i, a))) {
                    let now_read = !self.state.read.contains(a.id.as_str());
                    self.note_marking(i, !now_read);
                    self.set_read(i, now_read);
                    let message = if now_read {
                        "marked read"
                    } else {
                        "marked unread"
                    };
                    self.screen.set_message(Some(message.into()));
                    self.save_requested = true;
                }
            }
            Action::MarkAllRead
            | Action::UndoMarks
            | Action::ToggleUnread
            | Action::CycleSort
            | Action::NextArticle
            | Action::PrevArticle
            | Action::OpenUrl => self.update_list_keys(action),
            Action::Scroll { x, y, down } => self.wheel(x, y, down),
            Action::Click { x, y } => self.click(x, y),
        }
        // Focus and the filter line change the layout; the wrap is cached, so this is cheap.
        self.relayout();
    }

    /// Re-derives what depends on the size (see [`Screen::relayout`]).
    fn relayout(&mut self) {
        let (article, quotes) = self.library.with_quotes(self.screen.reader.article);
        self.screen.relayout(article, quotes);
        self.screen.keep_view_visible();
    }

    /// Shows article `index` in the reading pane, at its saved position.
    fn show_article(&mut self, index: Option<usize>) {
        if index == self.screen.reader.article {
            return;
        }
        self.record_position();
        if let Some(i) = index {
            self.library.want(i);
        }
        self.note_last(index);
        self.open_at_saved_position(index);
    }

    /// The text of article `index`, open while it was listed ahead of it, came: shown as if just
    /// opened, at its saved position (moving in an empty article cannot have changed it).
    fn text_came(&mut self, index: Option<usize>) {
        self.screen.reader.forget_wrapped();
        self.open_at_saved_position(index);
    }

    /// Puts article `index` in the reading pane at its saved position, its quotes in the panel and
    /// the query's words highlighted.
    fn open_at_saved_position(&mut self, index: Option<usize>) {
        let article = index.and_then(|i| self.library.article(i));
        let anchor = article
            .and_then(|a| self.state.positions.get(a.id.as_str()).copied())
            .unwrap_or_default();
        self.screen.open_article(index, anchor);
        let (_, quotes) = self.library.with_quotes(index);
        self.screen.order_panel(quotes);
        self.refresh_hits();
        self.relayout();
    }

    /// True when article `i` exists and is not marked read.
    fn is_unread(&self, i: usize) -> bool {
        self.library
            .article(i)
            .is_some_and(|a| !self.state.read.contains(a.id.as_str()))
    }

    /// Article `i`, just opened as Enter opens one: marked read, and saved.
    fn mark_opened(&mut self, i: usize) {
        if self.is_unread(i) {
            self.set_read(i, true);
        }
        self.save_requested = true;
    }

    /// Highlights the words of the query the list answers in the open article.
    fn refresh_hits(&mut self) {
        let (article, _) = self.library.with_quotes(self.screen.reader.article);
        let search = &self.search;
        self.screen
            .find_hits(article, search.results_for(), search.names());
    }

    /// Sets the filter (cut to [`MAX_QUERY`] characters) and asks the search thread; the list
    /// follows when the answer comes. An unchanged query asks nothing: keys typed past the limit
    /// cost nothing.
    fn set_query(&mut self, query: String) {
        let (query, capped) = cap(query);
        self.screen.filter.capped = capped;
        if query != self.screen.filter.query {
            self.screen.filter.query = query;
            self.ask();
            // Whose quotes the panel shows first.
            self.book.ask_named(&self.screen.filter.query);
        }
    }

    /// Text pasted into the reader (one event, however long): it goes into the filter line,
    /// opened if need be, with line breaks and tabs as spaces and control characters left out,
    /// and no more than the query's limit of it is even looked at. Ignored under the help.
    pub fn paste(&mut self, text: &str) {
        if self.screen.help_open() {
            return;
        }
        self.screen.set_message(None);
        self.screen.filter.editing = true;
        self.screen.focus = Focus::List;
        let mut query = self.screen.filter.query.clone();
        let room = MAX_QUERY.saturating_sub(query.chars().count());
        // One character past the room, so that `set_query` knows some was left out.
        query.extend(
            text.chars()
                .map(|c| if c.is_whitespace() { ' ' } else { c })
                .filter(|c| is_safe_char(*c))
                .take(room + 1),
        );
        self.set_query(query);
        self.screen.filter.at = None;
        self.screen.filter.browsing = None;
        self.relayout();
    }

    /// Moves by `delta` (`isize::MIN`/`MAX`: to the first/last) in pane `pane`: the selected
    /// article (which opens), the reader's lines, or the selected quote.
    fn move_in(&mut self, pane: Focus, delta: isize) {
        let (article, quotes) = self.library.with_quotes(self.screen.reader.article);
        match pane {
            Focus::List => {
                let n = self.screen.list.matches.len();
                self.select_row(step(self.screen.list.selected, delta, n));
            }
            Focus::Reader => self.screen.scroll_reader(delta, article),
            Focus::Quotes => self.screen.move_quote(delta, quotes),
        }
    }

    /// Selects row `row` of the list and previews its article.
    fn select_row(&mut self, row: usize) {
        self.restore = None;
        self.screen.list.selected = row;
        self.show_article(self.screen.list.selected_article());
        self.screen.keep_list_visible();
    }

    fn wheel(&mut self, x: u16, y: u16, down: bool) {
        if self.screen.help_open() {
            self.update(if down { Action::Down } else { Action::Up });
            return;
        }
        let d = if down { 1 } else { -1 };
        match self.screen.hit_test(x, y) {
            Some((Part::List, _)) => self.move_in(Focus::List, d),
            Some((Part::Reader, _)) => self.move_in(Focus::Reader, d * WHEEL_LINES),
            Some((Part::Quotes, _)) => self.move_in(Focus::Quotes, d),
            Some((Part::Filter | Part::View | Part::Detail, _)) | None => {}
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        if self.screen.help_open() {
            self.screen.close_help();
            return;
        }
        match self.screen.hit_test(x, y) {
            Some((Part::List, r)) if y == r.y => {
                // The title row holds the views' tabs.
                let marked = self.screen.focus == Focus::List;
                if let Some(view) = tab_at(View::Articles, marked, r, x) {
                    self.show_view(view);
                }
            }
            Some((Part::List, r)) => {
                self.screen.focus = Focus::List;
                let row = usize::from(y.saturating_sub(r.y + 1)) + self.screen.list.offset;
                if y > r.y && row < self.screen.list.matches.len() {
                    self.select_row(row);
                }
            }
            Some((Part::Reader, _)) => self.screen.focus = Focus::Reader,
            Some((Part::Quotes, r)) => {
                self.screen.focus = Focus::Quotes;
                let (_, quotes) = self.library.with_quotes(self.screen.reader.article);
                self.screen.click_quote(y, r, quotes);
            }
            Some((Part::Filter, _)) => {
                self.screen.filter.editing = true;
                self.screen.focus = Focus::List;
            }
            Some((Part::View | Part::Detail, _)) | None => {}
        }
    }
}
