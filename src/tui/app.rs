//! The reader's state and `update(Action)`, which changes it without drawing or doing I/O; and the
//! one event loop, which reads terminal events, updates, draws and asks for saves.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use crossterm::event;

use crate::corpus::article::{Article, ArticleId};
use crate::corpus::load::{LoadEvent, Loading};
use crate::corpus::quote::{self, Quote};
use crate::corpus::sanitize::is_safe_char;
use crate::corpus::search::worker::{Reply, SearchWorker};
use crate::corpus::search::{FIRST_PAGE, Index, Match, Skim, find_hits};
use crate::corpus::state::{Anchor, Changes, Fingerprint, ReaderState, Synced};
use crate::corpus::store::{Origin, Severity, Store};
use crate::tui::TestPanic;
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::panes::filter::{self, FilterPane, MAX_QUERY};
use crate::tui::panes::list::ListPane;
use crate::tui::panes::quotes::{self as quotes_pane, QuotesPane};
use crate::tui::panes::reader::{ReaderPane, Viewport, viewport};
use crate::tui::panes::{keep_visible_by, reader};
use crate::tui::theme::Theme;
use crate::tui::view;

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The article list.
    List,
    /// The reading pane.
    Reader,
    /// The quote panel.
    Quotes,
}

impl Focus {
    const ORDER: [Focus; 3] = [Focus::List, Focus::Reader, Focus::Quotes];

    fn step(self, forward: bool) -> Focus {
        let i = Focus::ORDER.iter().position(|f| *f == self).unwrap_or(0);
        let n = Focus::ORDER.len();
        Focus::ORDER[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// Lines the mouse wheel scrolls the reader by.
const WHEEL_LINES: isize = 3;

/// Everything the reader shows and remembers.
#[derive(Debug)]
pub struct App {
    articles: Vec<Article>,
    quotes: Vec<Vec<Quote>>,
    /// Article index by id.
    ids: HashMap<ArticleId, usize>,
    /// Where the corpus comes from, for the status bar.
    pub origin: String,
    /// Files that could not be loaded.
    pub rejected: usize,
    /// The load under way, until it is done.
    loading: Option<Loading>,
    /// Article files being loaded (all of them, once loaded).
    pub total: usize,
    /// True when any article has a quote (picks the quote panel's empty-state note).
    pub corpus_has_quotes: bool,
    search: SearchWorker,
    /// The search thread died (a bug): the list stays as it was and nothing waits for it.
    search_stopped: bool,
    /// Number of the newest query sent to the search thread, and of the one the list shows.
    asked: u64,
    answered: u64,
    /// The query the list's matches answer (the filter line may be ahead while typing).
    pub results_for: String,
    /// The list holds every match of `results_for`, not only a first page.
    pub results_complete: bool,
    /// New articles were indexed since the list was last asked for.
    stale_list: bool,
    /// When the list was last asked for again because articles arrived.
    refreshed: Option<Instant>,
    /// Loading is over: once the answer to this query is in (the search thread has compacted its
    /// index by then), the memory loading freed goes back to the system.
    release_after: Option<u64>,
    /// Articles marked read that are in the corpus.
    read_count: usize,
    /// The article to reopen (the last one of the previous run) until it arrives or the user moves.
    restore: Option<String>,
    /// Scorer for title highlights.
    pub fuzzy: Skim,
    /// Read marks, positions, last article.
    pub state: ReaderState,
    /// What changed in `state` since it was last handed over for saving (see [`App::take_changes`]).
    journal: Changes,
    /// The outcome of each save, with what other readers changed meanwhile.
    synced: Option<Receiver<Synced>>,
    /// The warning shown is a failed save's, to clear once a save succeeds.
    save_failed: bool,
    /// Styles.
    pub theme: Theme,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// The focused pane.
    pub focus: Focus,
    /// Help overlay open.
    pub help: bool,
    /// First help row shown.
    pub help_scroll: usize,
    /// Article list.
    pub list: ListPane,
    /// Filter line.
    pub filter: FilterPane,
    /// Reading pane.
    pub reader: ReaderPane,
    /// Quote panel.
    pub quotes_pane: QuotesPane,
    /// A lasting warning (state file problem), until Esc.
    pub warning: Option<String>,
    /// A short message about the last action, cleared by the next one.
    pub message: Option<String>,
    /// Set when the user asked to quit.
    pub quit: bool,
    save_requested: bool,
    /// The list has shown articles once (or loading ended without any): until then keys wait.
    listed: bool,
    /// Every warning shown this session, oldest first, to print again at exit.
    warnings_seen: Vec<String>,
    /// What the quote panel's offset was last worked out for: article, area, selection, offset.
    quotes_laid_out: Option<(Option<usize>, ratatui::layout::Rect, usize, usize)>,
}

/// Most events taken before drawing again.
const MAX_BURST: usize = 64;
/// Keeps a read count in step with a mark that changed to `read`.
fn count_mark(count: &mut usize, read: bool) {
    if read {
        *count += 1;
    } else {
        *count = count.saturating_sub(1);
    }
}

/// How long the loop waits for the next event of a burst before drawing. Not zero: with
/// crossterm's `use-dev-tty` event source a zero timeout never looks at the terminal, so each
/// event would cost a frame.
const BURST_WAIT: Duration = Duration::from_millis(1);

/// Longest the event loop spends taking in loaded articles before it draws again.
const PUMP_BUDGET: Duration = Duration::from_millis(8);
/// How often the list takes in newly loaded articles.
const REFRESH: Duration = Duration::from_millis(100);
/// How long the event loop waits for a key while loading or searching before it takes in what
/// came (idle, it waits longer): at most this many milliseconds between a result and its frame.
pub const BUSY_WAIT: Duration = Duration::from_millis(10);
/// How long the idle event loop waits for a key before looking for a stop signal.
const IDLE_WAIT: Duration = Duration::from_millis(150);

impl App {
    /// A reader over a loaded `store`; `quotes[i]` are the quotes of article `i`. Opens the last
    /// article of `state` when it is still in the corpus. Waits for the first list.
    pub fn new(
        store: Store,
        quotes: Vec<Vec<Quote>>,
        state: ReaderState,
        theme: Theme,
    ) -> std::io::Result<App> {
        let origin = store.origin().to_string();
        let rejected = store.rejected();
        let articles = store.into_articles();
        let index = Index::build(&articles, |i| quotes.get(i).map_or(&[][..], Vec::as_slice));
        let mut app = App::empty(&origin, state, theme, None, index)?;
        app.rejected = rejected;
        app.total = articles.len();
        let mut quotes = quotes;
        quotes.resize_with(articles.len(), Vec::new);
        app.push_articles(articles.into_iter().zip(quotes));
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
        let total = loading.total();
        let mut app = App::empty(
            &origin.to_string(),
            state,
            theme,
            Some(loading),
            Index::default(),
        )?;
        app.total = total;
        app.ask();
        Ok(app)
    }

    fn empty(
        origin: &str,
        state: ReaderState,
        theme: Theme,
        loading: Option<Loading>,
        index: Index,
    ) -> std::io::Result<App> {
        let search = SearchWorker::spawn(index)?;
        Ok(App {
            articles: Vec::new(),
            quotes: Vec::new(),
            ids: HashMap::new(),
            origin: origin.to_owned(),
            rejected: 0,
            loading,
            total: 0,
            corpus_has_quotes: false,
            search,
            search_stopped: false,
            asked: 0,
            answered: 0,
            results_for: String::new(),
            results_complete: true,
            stale_list: false,
            refreshed: None,
            release_after: None,
            read_count: 0,
            restore: state.last.clone(),
            fuzzy: Skim::default(),
            state,
            journal: Changes::default(),
            synced: None,
            save_failed: false,
            theme,
            size: (0, 0),
            focus: Focus::List,
            help: false,
            help_scroll: 0,
            list: ListPane::default(),
            filter: FilterPane::default(),
            reader: ReaderPane::default(),
            quotes_pane: QuotesPane::default(),
            warning: None,
            message: None,
            quit: false,
            save_requested: false,
            listed: false,
            warnings_seen: Vec::new(),
            quotes_laid_out: None,
        })
    }

    fn push_articles(&mut self, items: impl IntoIterator<Item = (Article, Vec<Quote>)>) {
        for (a, q) in items {
            let i = self.articles.len();
            if self.state.read.contains(a.id.as_str()) {
                self.read_count += 1;
            }
            self.corpus_has_quotes |= !q.is_empty();
            self.ids.insert(a.id.clone(), i);
            self.articles.push(a);
            self.quotes.push(q);
        }
    }

    /// Takes in what loading and the search thread have sent, for at most a few milliseconds.
    /// True when the screen should be redrawn.
    pub fn pump(&mut self) -> bool {
        let start = Instant::now();
        let mut changed = false;
        while let Some(event) = self.loading.as_ref().and_then(Loading::try_next) {
            changed = true;
            match event {
                LoadEvent::Batch(batch) => {
                    let mut docs = Vec::with_capacity(batch.len());
                    let items: Vec<(Article, Vec<Quote>)> = batch
                        .into_iter()
                        .map(|l| {
                            docs.push(l.doc);
                            (l.article, l.quotes)
                        })
                        .collect();
                    self.search.add(docs);
                    self.push_articles(items);
                }
                LoadEvent::Links(links) => {
                    quote::apply_links(&self.articles, &mut self.quotes, &links);
                    // Links add lines to quotes: their heights changed.
                    self.quotes_laid_out = None;
                }
                LoadEvent::Done {
                    diagnostics,
                    warnings,
                } => {
                    self.rejected = diagnostics
                        .iter()
                        .filter(|d| d.severity == Severity::Rejected)
                        .count();
                    self.total = self.articles.len();
                    if self.warning.is_none() {
                        self.warning = warnings.into_iter().next();
                    }
                    self.loading = None;
                    self.follow_renames();
                    self.articles.shrink_to_fit();
                    self.quotes.shrink_to_fit();
                    self.search.compact();
                    // Asked after the compaction, so its answer says the index is compact.
                    self.ask();
                    self.release_after = Some(self.asked);
                }
            }
            if start.elapsed() > PUMP_BUDGET {
                break;
            }
        }
        changed |= self.take_synced();
        while let Some(reply) = self.search.try_recv() {
            match reply {
                Reply::Indexed(_) => self.stale_list = true,
                Reply::Results {
                    id,
                    query,
                    matches,
                    complete,
                } if id == self.asked => {
                    if complete {
                        self.answered = id;
                        if self.release_after.is_some_and(|after| id >= after) {
                            self.release_after = None;
                            crate::tui::release_free_memory();
                        }
                    }
                    self.show_results(query, matches);
                    self.results_complete = complete;
                    changed = true;
                }
                Reply::Results { .. } => {}
                Reply::Stopped => {
                    self.search_stopped = true;
                    self.warning = Some(
                        "search stopped on an internal error: the list no longer follows the \
                         filter until the reader is restarted. Please report it"
                            .into(),
                    );
                    changed = true;
                }
            }
        }
        // New articles: ask again once the newest question is answered (one search in flight).
        // While loading, at most every REFRESH once the list is long: each answer lists every
        // article, so asking after every batch would cost the square of the corpus.
        let due = self.loading.is_none()
            || self.list.matches.len() < FIRST_PAGE
            || self.refreshed.is_none_or(|t| t.elapsed() >= REFRESH);
        if self.stale_list && self.answered == self.asked && due {
            self.stale_list = false;
            self.refreshed = Some(Instant::now());
            self.ask();
        }
        self.note_listed();
        changed
    }

    fn note_listed(&mut self) {
        self.listed |= !self.list.matches.is_empty() || self.search_stopped || self.ready();
    }

    /// True until the list has first shown articles (or loading has ended without any): keys
    /// typed before then are about the list the user is waiting for, so the event loop keeps
    /// them until it comes rather than applying them to an empty one.
    pub fn first_list_pending(&self) -> bool {
        !self.listed
    }

    /// Remembers the warning on screen, if it is new, to print it again at exit.
    pub fn note_warning(&mut self) {
        if let Some(w) = &self.warning {
            if !self.warnings_seen.contains(w) {
                self.warnings_seen.push(w.clone());
            }
        }
    }

    /// Every warning shown this session (dismissed or not), oldest first, and the one on screen.
    pub fn warnings_seen(&mut self) -> &[String] {
        self.note_warning();
        &self.warnings_seen
    }

    /// True while articles are loading or a search is under way: the loop should come back soon.
    pub fn busy(&self) -> bool {
        let searching = !self.search_stopped && (self.answered != self.asked || self.stale_list);
        self.loading.is_some() || searching
    }

    /// True once every article is loaded and searchable and the list answers the filter line.
    pub fn ready(&self) -> bool {
        !self.busy()
    }

    /// Waits (up to a minute) until loading is done and the newest query is answered.
    pub fn settle(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !self.ready() && Instant::now() < deadline {
            if !self.pump() {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        self.note_listed();
    }

    fn ask(&mut self) {
        self.asked = self.search.query(&self.filter.query);
    }

    fn show_results(&mut self, query: String, matches: Arc<[Match]>) {
        let keep = self.list.selected_article();
        let new_query = query != self.results_for;
        self.list.matches = matches;
        self.results_for = query;
        let position = |i: usize| self.list.matches.iter().position(|m| m.index == i);
        let restored = self
            .restore
            .as_ref()
            .and_then(|id| self.ids.get(id.as_str()))
            .and_then(|&i| position(i));
        // While typing, the best match is what the user is after; otherwise stay on the article.
        self.list.selected = if let Some(row) = restored {
            self.restore = None;
            row
        } else if new_query && !self.results_for.is_empty() {
            0
        } else {
            keep.and_then(position).unwrap_or(0)
        };
        if new_query {
            self.list.offset = 0;
        }
        self.show_article(self.list.selected_article());
        if new_query {
            self.refresh_hits();
        }
        self.relayout();
    }

    /// All articles loaded so far, in arrival order (the list's order comes from the search).
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// The article with this id.
    pub fn article_by_id(&self, id: &str) -> Option<&Article> {
        self.ids.get(id).and_then(|&i| self.articles.get(i))
    }

    /// Articles marked read, among those loaded.
    pub fn read_count(&self) -> usize {
        self.read_count
    }

    /// `(loaded, total)` while loading.
    pub fn loading_progress(&self) -> Option<(usize, usize)> {
        self.loading
            .as_ref()
            .map(|l| (self.articles.len(), l.total()))
    }

    /// The quotes of article `index`.
    pub fn quotes_of(&self, index: usize) -> &[Quote] {
        self.quotes.get(index).map_or(&[], Vec::as_slice)
    }

    /// The quotes of the article in the reading pane.
    pub fn current_quotes(&self) -> &[Quote] {
        self.reader.article.map_or(&[], |i| self.quotes_of(i))
    }

    /// Which keymap context applies now.
    pub fn context(&self) -> Context {
        if self.help {
            Context::Help
        } else if self.filter.editing {
            Context::Filter
        } else {
            match self.focus {
                Focus::List => Context::List,
                Focus::Reader => Context::Reader,
                Focus::Quotes => Context::Quotes,
            }
        }
    }

    /// True once after an action that should be saved right away (read marks, opening).
    pub fn take_save_request(&mut self) -> bool {
        std::mem::take(&mut self.save_requested)
    }

    /// What changed since the last call (the current reading position recorded), to be saved:
    /// marks set and removed, positions moved, the last article. A save applies these onto the
    /// file as it is on disk, so other readers' marks are kept.
    pub fn take_changes(&mut self) -> Changes {
        self.record_position();
        std::mem::take(&mut self.journal)
    }

    /// What [`App::take_changes`] would return, leaving it to be taken (a checkpoint).
    pub fn pending_changes(&mut self) -> Changes {
        self.record_position();
        self.journal.clone()
    }

    /// Takes in the outcome of each save from `replies` (see [`crate::corpus::state::Saver`]):
    /// other readers' changes, and failures to show.
    pub fn follow_saves(&mut self, replies: Receiver<Synced>) {
        self.synced = Some(replies);
    }

    /// Takes in the saves' outcomes that arrived. True when the screen should be redrawn.
    fn take_synced(&mut self) -> bool {
        let Some(replies) = &self.synced else {
            return false;
        };
        let outcomes: Vec<Synced> = replies.try_iter().collect();
        let mut changed = false;
        for outcome in outcomes {
            match outcome {
                Synced::Saved(others) => {
                    changed |= self.apply_external(&others);
                    if std::mem::take(&mut self.save_failed) {
                        self.warning = None;
                        changed = true;
                    }
                }
                Synced::Failed(message) => {
                    self.warning = Some(message);
                    self.save_failed = true;
                    changed = true;
                }
            }
        }
        changed
    }

    /// Applies what other readers changed (as a save reports it), except on the articles this
    /// reader has acted on since it handed its changes over (its own action is the later one)
    /// and the position of the article open. True when a mark changed.
    pub fn apply_external(&mut self, others: &Changes) -> bool {
        let open = self
            .reader
            .article
            .and_then(|i| self.articles.get(i))
            .map(|a| a.id.as_str());
        let mine = &self.journal;
        let mut theirs = others.clone();
        theirs.read.retain(|id, _| !mine.read.contains_key(id));
        theirs
            .positions
            .retain(|id, _| !mine.positions.contains_key(id) && open != Some(id.as_str()));
        theirs
            .fingerprints
            .retain(|id, _| !mine.fingerprints.contains_key(id));
        theirs.last = None;
        // The marks that change an article of this corpus, counted before they are applied.
        let flips: Vec<bool> = theirs
            .read
            .iter()
            .filter(|&(id, &read)| {
                self.state.read.contains(id) != read && self.ids.contains_key(id.as_str())
            })
            .map(|(_, &read)| read)
            .collect();
        theirs.apply(&mut self.state);
        for &read in &flips {
            count_mark(&mut self.read_count, read);
        }
        !flips.is_empty()
    }

    /// Marks article `index` read or unread, and records it for the next save.
    fn set_read(&mut self, index: usize, read: bool) {
        let Some(a) = self.articles.get(index) else {
            return;
        };
        let id = a.id.as_str();
        let changed = if read {
            self.state.read.insert(id.to_owned())
        } else {
            self.state.read.remove(id)
        };
        let fingerprint = read.then(|| Fingerprint::of(&a.body));
        if changed {
            count_mark(&mut self.read_count, read);
        }
        match fingerprint {
            Some(fp) => self.state.fingerprints.insert(id.to_owned(), fp),
            None => self.state.fingerprints.remove(id),
        };
        self.journal.mark(id, read, fingerprint);
    }

    /// Once every article is in: a read mark whose article is no longer in the corpus follows
    /// the unread article with the same content (its file was renamed), with its reading
    /// position; and read articles without a fingerprint (marked before fingerprints existed) get
    /// one. Linear in the marks and the corpus; hashes article texts only when needed.
    fn follow_renames(&mut self) {
        for a in &self.articles {
            let id = a.id.as_str();
            if self.state.read.contains(id) && !self.state.fingerprints.contains_key(id) {
                let fp = Fingerprint::of(&a.body);
                self.state.fingerprints.insert(id.to_owned(), fp);
                self.journal.fingerprints.insert(id.to_owned(), Some(fp));
            }
        }
        // Marks with a fingerprint whose article is gone: one walk over both, in id order.
        let state = &self.state;
        let mut unread: Option<HashMap<Fingerprint, usize>> = None;
        let mut moves = Vec::new();
        let mut read = state.read.iter().peekable();
        for (id, fp) in &state.fingerprints {
            while read.next_if(|r| *r < id).is_some() {}
            if read.peek() != Some(&id) || self.ids.contains_key(id.as_str()) {
                continue;
            }
            let unread = unread.get_or_insert_with(|| {
                self.articles
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| !state.read.contains(a.id.as_str()))
                    .map(|(i, a)| (Fingerprint::of(&a.body), i))
                    .collect()
            });
            if let Some(i) = unread.remove(fp) {
                moves.push((id.clone(), i));
            }
        }
        for (old, i) in moves {
            let new = self.articles[i].id.to_string();
            self.set_read(i, true);
            self.state.read.remove(&old);
            self.state.fingerprints.remove(&old);
            self.journal.mark(&old, false, None);
            if let Some(at) = self.state.positions.remove(&old) {
                self.state.positions.insert(new.clone(), at);
                self.journal.positions.insert(old.clone(), None);
                self.journal.positions.insert(new.clone(), Some(at));
            }
            if self.restore.as_deref() == Some(old.as_str()) {
                self.restore = Some(new);
            }
        }
    }

    /// Applies one action. Never draws, never does I/O.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize(..)) {
            self.message = None;
        }
        match action {
            Action::Quit | Action::ForceQuit => self.quit = true,
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.relayout();
            }
            Action::Help => {
                self.help = !self.help;
                self.help_scroll = 0;
            }
            Action::Back => {
                if self.help {
                    self.help = false;
                } else if !self.filter.query.is_empty() {
                    self.set_query(String::new());
                } else if self.warning.is_some() {
                    self.warning = None;
                } else {
                    self.focus = Focus::List;
                }
            }
            Action::Up | Action::Down if self.help => {
                self.help_scroll = if action == Action::Down {
                    self.help_scroll.saturating_add(1)
                } else {
                    self.help_scroll.saturating_sub(1)
                };
            }
            Action::FocusNext => self.focus = self.focus.step(true),
            Action::FocusPrev => self.focus = self.focus.step(false),
            Action::Up => self.move_in_focus(-1),
            Action::Down => self.move_in_focus(1),
            Action::Top => self.move_in_focus(isize::MIN),
            Action::Bottom => self.move_in_focus(isize::MAX),
            Action::PageDown | Action::PageUp | Action::HalfDown | Action::HalfUp => {
                let h = self.reader_viewport().height;
                let page = isize::try_from(h.saturating_sub(2).max(1)).unwrap_or(1);
                let half = isize::try_from((h / 2).max(1)).unwrap_or(1);
                self.scroll_reader(match action {
                    Action::PageDown => page,
                    Action::PageUp => -page,
                    Action::HalfDown => half,
                    _ => -half,
                });
            }
            Action::Open => match self.focus {
                Focus::List => {
                    if let Some(i) = self.list.selected_article() {
                        self.show_article(Some(i));
                        self.focus = Focus::Reader;
                        let unread = self
                            .articles
                            .get(i)
                            .is_some_and(|a| !self.state.read.contains(a.id.as_str()));
                        if unread {
                            self.set_read(i, true);
                        }
                        self.save_requested = true;
                    }
                }
                Focus::Quotes => self.jump_to_quote(self.quotes_pane.selected),
                Focus::Reader => {}
            },
            Action::FilterOpen => {
                self.filter.editing = true;
                self.focus = Focus::List;
            }
            Action::FilterInput(c) => {
                // What the terminal would act on never goes into the query (it is drawn).
                if is_safe_char(c) && c != '\n' && c != '\t' {
                    let mut q = self.filter.query.clone();
                    q.push(c);
                    self.set_query(q);
                }
            }
            Action::FilterBackspace => {
                let mut q = self.filter.query.clone();
                q.pop();
                self.set_query(q);
            }
            Action::FilterAccept => {
                self.filter.editing = false;
                self.focus = Focus::List;
            }
            Action::FilterCancel => {
                self.filter.editing = false;
                self.set_query(String::new());
            }
            Action::NextHit | Action::PrevHit => self.step_hit(action == Action::NextHit),
            Action::ToggleRead => {
                let open = self.reader.article.filter(|&i| i < self.articles.len());
                if let Some(i) = open {
                    let now_read = !self.state.read.contains(self.articles[i].id.as_str());
                    self.set_read(i, now_read);
                    self.message = Some(
                        if now_read {
                            "marked read"
                        } else {
                            "marked unread"
                        }
                        .into(),
                    );
                    self.save_requested = true;
                }
            }
            Action::Scroll { x, y, down } => self.wheel(x, y, down),
            Action::Click { x, y } => self.click(x, y),
        }
        // Focus and the filter line change the layout; the wrap is cached, so this is cheap.
        self.relayout();
    }

    fn areas(&self) -> view::Areas {
        self.layout_for(self.focus)
    }

    /// The layout at the current size, as it would be with `focus`.
    fn layout_for(&self, focus: Focus) -> view::Areas {
        view::layout(
            ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1),
            focus,
            self.filter.shown(),
            self.list.matches.len(),
            self.warning.as_deref().map_or(0, |w| {
                view::warning_lines(w, usize::from(self.size.0)).len()
            }),
        )
    }

    /// The reader's text area, as if it were shown (a single-pane layout hides it).
    fn reader_viewport(&self) -> Viewport {
        let areas = self.layout_for(Focus::Reader);
        areas.reader.map(viewport).unwrap_or_default()
    }

    fn wrapped(&self) -> Option<std::rc::Rc<reader::Wrapped>> {
        let i = self.reader.article?;
        let a = self.articles.get(i)?;
        Some(self.reader.wrapped(i, a, self.reader_viewport().measure))
    }

    /// Re-derives everything that depends on the size: the reader's top line from its anchor, and
    /// the list and quote offsets.
    fn relayout(&mut self) {
        if let Some(w) = self.wrapped() {
            let vp = self.reader_viewport();
            self.reader.top = w.line_of(self.reader.anchor).min(w.max_top(vp.height));
        }
        self.keep_list_visible();
        self.keep_quote_visible();
    }

    fn keep_list_visible(&mut self) {
        let h = self
            .areas()
            .list
            .or(self.layout_for(Focus::List).list)
            .map_or(1, |r| usize::from(r.height.saturating_sub(2)));
        // Every row is one line high: only the rows around the window are looked at.
        self.list.offset = keep_visible_by(
            self.list.matches.len(),
            |_| 1,
            self.list.selected,
            self.list.offset,
            h,
        );
    }

    fn quotes_area(&self) -> Option<ratatui::layout::Rect> {
        self.layout_for(Focus::Quotes).quotes
    }

    fn keep_quote_visible(&mut self) {
        let Some(area) = self.quotes_area() else {
            return;
        };
        // Wrapping quotes to measure them is the dearest part of a key: skipped when nothing it
        // depends on has changed (typing into the filter, say).
        let key = (
            self.reader.article,
            area,
            self.quotes_pane.selected,
            self.quotes_pane.offset,
        );
        if self.quotes_laid_out == Some(key) {
            return;
        }
        let width = usize::from(area.width.saturating_sub(2));
        let quotes = self.current_quotes();
        let selected = self.quotes_pane.selected;
        // Measured on demand: an article with thousands of quotes costs no more per key.
        self.quotes_pane.offset = keep_visible_by(
            quotes.len(),
            |i| {
                quotes
                    .get(i)
                    .map_or(0, |q| quotes_pane::height(q, width, i == selected))
            },
            selected,
            self.quotes_pane.offset,
            usize::from(area.height.saturating_sub(2)),
        );
        self.quotes_laid_out = Some((key.0, key.1, key.2, self.quotes_pane.offset));
    }

    /// Keeps the open article's reading position in the state (none when at the top), and in
    /// the journal when it moved.
    fn record_position(&mut self) {
        if let Some(a) = self.reader.article.and_then(|i| self.articles.get(i)) {
            let id = a.id.as_str();
            let at = (self.reader.anchor != Anchor::default()).then_some(self.reader.anchor);
            if self.state.positions.get(id).copied() != at {
                match at {
                    Some(at) => self.state.positions.insert(id.to_owned(), at),
                    None => self.state.positions.remove(id),
                };
                self.journal.positions.insert(id.to_owned(), at);
            }
        }
    }

    /// Shows article `index` in the reading pane, at its saved position.
    fn show_article(&mut self, index: Option<usize>) {
        if index == self.reader.article {
            return;
        }
        self.record_position();
        self.reader.article = index;
        self.reader.marked = None;
        self.reader.hit = None;
        self.quotes_pane = QuotesPane::default();
        let article = index.and_then(|i| self.articles.get(i));
        self.reader.anchor = article
            .and_then(|a| self.state.positions.get(a.id.as_str()).copied())
            .unwrap_or_default();
        if let Some(a) = article {
            if self.state.last.as_deref() != Some(a.id.as_str()) {
                self.state.last = Some(a.id.to_string());
                self.journal.last = Some(a.id.to_string());
            }
        }
        self.refresh_hits();
        self.reader.top = 0;
        self.relayout();
    }

    fn refresh_hits(&mut self) {
        let article = self.reader.article.and_then(|i| self.articles.get(i));
        let (hits, title_hits) = article.map_or_else(Default::default, |a| {
            (
                find_hits(&a.body, &self.results_for),
                find_hits(&a.meta.title, &self.results_for),
            )
        });
        self.reader.hits = hits;
        self.reader.title_hits = title_hits;
        self.reader.hit = None;
    }

    /// Sets the filter (cut to [`MAX_QUERY`] characters) and asks the search thread; the list
    /// follows when the answer comes. An unchanged query asks nothing: keys typed past the limit
    /// cost nothing.
    fn set_query(&mut self, query: String) {
        let (query, capped) = filter::cap(query);
        self.filter.capped = capped;
        if query != self.filter.query {
            self.filter.query = query;
            self.ask();
        }
    }

    /// Text pasted into the reader (one event, however long): it goes into the filter line,
    /// opened if need be, with line breaks and tabs as spaces and control characters left out,
    /// and no more than the query's limit of it is even looked at. Ignored under the help.
    pub fn paste(&mut self, text: &str) {
        if self.help {
            return;
        }
        self.message = None;
        self.filter.editing = true;
        self.focus = Focus::List;
        let mut query = self.filter.query.clone();
        let room = MAX_QUERY.saturating_sub(query.chars().count());
        // One character past the room, so that `set_query` knows some was left out.
        query.extend(
            text.chars()
                .map(|c| if c.is_whitespace() { ' ' } else { c })
                .filter(|c| is_safe_char(*c))
                .take(room + 1),
        );
        self.set_query(query);
        self.relayout();
    }

    fn move_in_focus(&mut self, delta: isize) {
        match self.focus {
            Focus::List => {
                self.restore = None;
                let n = self.list.matches.len();
                self.list.selected = step(self.list.selected, delta, n);
                self.show_article(self.list.selected_article());
                self.keep_list_visible();
            }
            Focus::Reader => self.scroll_reader(delta),
            Focus::Quotes => {
                let n = self.current_quotes().len();
                self.quotes_pane.selected = step(self.quotes_pane.selected, delta, n);
                self.keep_quote_visible();
            }
        }
    }

    fn set_top(&mut self, top: usize) {
        let Some(w) = self.wrapped() else {
            return;
        };
        let vp = self.reader_viewport();
        self.reader.top = top.min(w.max_top(vp.height));
        self.reader.anchor = w
            .lines
            .get(self.reader.top)
            .map(|l| l.key)
            .unwrap_or_default();
    }

    fn scroll_reader(&mut self, delta: isize) {
        let top = match delta {
            isize::MIN => 0,
            isize::MAX => usize::MAX,
            d => self.reader.top.saturating_add_signed(d),
        };
        self.set_top(top);
    }

    /// Scrolls so body line `line` sits a third of the way down the pane.
    fn reveal_line(&mut self, line: usize) {
        let h = self.reader_viewport().height;
        self.set_top(line.saturating_sub(h / 3));
    }

    fn jump_to_quote(&mut self, i: usize) {
        let Some(q) = self.current_quotes().get(i) else {
            return;
        };
        let field = q.field;
        let start = q.span.start;
        self.reader.marked = Some(i);
        match field {
            crate::corpus::quote::Field::Title => self.set_top(0),
            crate::corpus::quote::Field::Body => {
                if let Some(w) = self.wrapped() {
                    self.reveal_line(w.line_of_body(start));
                }
            }
        }
    }

    fn step_hit(&mut self, forward: bool) {
        let n = self.reader.hits.len();
        if n == 0 {
            self.message = Some(if self.filter.query.is_empty() {
                "no search: press / and type to find words".into()
            } else {
                "no hits in this article".into()
            });
            return;
        }
        let next = match self.reader.hit {
            Some(h) if forward => (h + 1) % n,
            Some(h) => (h + n - 1) % n,
            None => {
                // Start from what is on screen.
                let Some(w) = self.wrapped() else { return };
                let top = self.reader.top;
                let first_visible = self
                    .reader
                    .hits
                    .iter()
                    .position(|r| w.line_of_body(r.start) >= top);
                match (first_visible, forward) {
                    (Some(i), true) => i,
                    (Some(i), false) => (i + n - 1) % n,
                    (None, true) => 0,
                    (None, false) => n - 1,
                }
            }
        };
        self.reader.hit = Some(next);
        let start = self.reader.hits[next].start;
        if let Some(w) = self.wrapped() {
            self.reveal_line(w.line_of_body(start));
        }
    }

    fn wheel(&mut self, x: u16, y: u16, down: bool) {
        if self.help {
            self.update(if down { Action::Down } else { Action::Up });
            return;
        }
        let at = ratatui::layout::Position { x, y };
        let areas = self.areas();
        let d = if down { 1 } else { -1 };
        if areas.list.is_some_and(|r| r.contains(at)) {
            let saved = self.focus;
            self.focus = Focus::List;
            self.move_in_focus(d);
            self.focus = saved;
        } else if areas.reader.is_some_and(|r| r.contains(at)) {
            self.scroll_reader(d * WHEEL_LINES);
        } else if areas.quotes.is_some_and(|r| r.contains(at)) {
            let saved = self.focus;
            self.focus = Focus::Quotes;
            self.move_in_focus(d);
            self.focus = saved;
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        if self.help {
            self.help = false;
            return;
        }
        let at = ratatui::layout::Position { x, y };
        let areas = self.areas();
        if let Some(r) = areas.list.filter(|r| r.contains(at)) {
            self.focus = Focus::List;
            let row = usize::from(y.saturating_sub(r.y + 1)) + self.list.offset;
            if y > r.y && row < self.list.matches.len() {
                self.restore = None;
                self.list.selected = row;
                self.show_article(self.list.selected_article());
                self.keep_list_visible();
            }
        } else if areas.reader.is_some_and(|r| r.contains(at)) {
            self.focus = Focus::Reader;
        } else if let Some(r) = areas.quotes.filter(|r| r.contains(at)) {
            self.focus = Focus::Quotes;
            let width = usize::from(r.width.saturating_sub(2));
            let selected = self.quotes_pane.selected;
            let mut row = r.y + 1;
            let shown = self.current_quotes().iter().enumerate();
            for (i, q) in shown.skip(self.quotes_pane.offset) {
                if row > y {
                    break;
                }
                let h = quotes_pane::height(q, width, i == selected);
                let next = row.saturating_add(u16::try_from(h).unwrap_or(u16::MAX));
                if y >= row && y < next {
                    self.quotes_pane.selected = i;
                    break;
                }
                row = next;
            }
        } else if areas.filter.is_some_and(|r| r.contains(at)) {
            self.filter.editing = true;
            self.focus = Focus::List;
        }
    }
}

/// `current` moved by `delta` within `0..n` (`isize::MIN`/`MAX` mean first/last).
fn step(current: usize, delta: isize, n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    match delta {
        isize::MIN => 0,
        isize::MAX => n - 1,
        d => current.saturating_add_signed(d).min(n - 1),
    }
}

/// Most events held while the first list is awaited; past it, the loop leaves the rest in the
/// terminal's queue until the list comes.
const MAX_HELD: usize = 4096;

/// What the event loop tracks for [`TestPanic`].
struct PanicTest {
    panic: Option<TestPanic>,
    /// An article was opened from the list.
    opened: bool,
}

/// What handling an event did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Handled {
    /// Nothing (an unbound key).
    Nothing,
    /// The state changed: redraw, and checkpoint it.
    Changed,
    /// The state changed and was saved at once: redraw.
    Saved,
}

/// Handles one terminal event: updates `app`, asks `keep` to save when an action wants it.
fn handle(
    app: &mut App,
    ev: &event::Event,
    keep: &mut impl FnMut(&mut App, bool),
    test: &mut PanicTest,
) -> Handled {
    let context = app.context();
    let action = keymap::translate(ev, context);
    let mut handled = Handled::Nothing;
    if let Some(action) = action {
        app.update(action);
        handled = Handled::Changed;
    } else if let event::Event::Paste(text) = ev {
        app.paste(text);
        handled = Handled::Changed;
    }
    if app.take_save_request() {
        keep(app, true);
        handled = Handled::Saved;
    }
    if let Some(panic) = test.panic {
        let key = matches!(ev, event::Event::Key(k) if k.kind != event::KeyEventKind::Release);
        if test.opened && key {
            panic.fire();
            test.panic = None;
        }
        test.opened |= action == Some(Action::Open)
            && context == Context::List
            && app.reader.article.is_some();
    }
    handled
}

/// True for an event that is handled at once even while keys wait for the first list: a resize,
/// Ctrl-c, and `q` when nothing typed before waits (after a `/`, `q` is text).
fn urgent(app: &App, ev: &event::Event, nothing_held: bool) -> bool {
    match keymap::translate(ev, app.context()) {
        Some(Action::Resize(..) | Action::ForceQuit) => true,
        Some(Action::Quit) => nothing_held,
        _ => false,
    }
}

/// The event loop: draw when something changed, wait for an event (or a stop signal), update, and
/// hand the state to `keep` after the events it changes: `keep(app, true)` when an action asks for
/// a save now, `keep(app, false)` otherwise (to checkpoint it). Returns when the user quits or
/// `stop` is set. Keys typed before the first list arrives wait for it, in order (see
/// [`App::first_list_pending`]). `test_panic` (tests only, see [`TestPanic`]) panics on purpose
/// after an article is opened.
pub fn run_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
    mut keep: impl FnMut(&mut App, bool),
    test_panic: Option<TestPanic>,
) -> std::io::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let mut dirty = true;
    let mut test = PanicTest {
        panic: test_panic,
        opened: false,
    };
    let mut held: VecDeque<event::Event> = VecDeque::new();
    app.note_warning();
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if !held.is_empty() && !app.first_list_pending() {
            let mut changed = false;
            while let Some(ev) = held.pop_front() {
                match handle(app, &ev, &mut keep, &mut test) {
                    Handled::Nothing => {}
                    Handled::Changed => changed = true,
                    Handled::Saved => changed = false,
                }
                dirty = true;
                if app.quit {
                    break;
                }
            }
            if changed {
                keep(app, false);
            }
            app.note_warning();
            continue;
        }
        if dirty {
            terminal.draw(|f| view::render(f, app))?;
            dirty = false;
        }
        // A short timeout so a stop signal is noticed promptly, shorter while loading or
        // searching so results show as soon as they come.
        let wait = if app.busy() { BUSY_WAIT } else { IDLE_WAIT };
        if held.len() >= MAX_HELD {
            // Enough waits already: the rest stays in the terminal's queue meanwhile.
            std::thread::sleep(wait);
        } else if event::poll(wait)? {
            let mut changed = false;
            // Take the keys already typed before drawing (a burst costs one frame), but a bounded
            // number, so a stop signal is always noticed.
            let mut burst = 0;
            while burst < MAX_BURST && held.len() < MAX_HELD && event::poll(BURST_WAIT)? {
                burst += 1;
                let ev = event::read()?;
                if app.first_list_pending() && !urgent(app, &ev, held.is_empty()) {
                    held.push_back(ev);
                    continue;
                }
                match handle(app, &ev, &mut keep, &mut test) {
                    Handled::Nothing => {}
                    Handled::Changed => {
                        dirty = true;
                        changed = true;
                    }
                    Handled::Saved => {
                        dirty = true;
                        changed = false;
                    }
                }
                if app.quit {
                    break;
                }
            }
            if changed {
                keep(app, false);
            }
        }
        dirty |= app.pump();
        app.note_warning();
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::corpus::article::ArticleId;
    use crate::corpus::quote::{Field, QuoteKind};
    use crate::corpus::{Origin, Store};

    /// A small corpus under our control (independent of the seed articles and the quote engine).
    pub(crate) fn store() -> Store {
        let long: String = (1..=40)
            .map(|i| format!("Paragraphe numéro {i} : la coopération avance, selon les ministres réunis à Moscou."))
            .collect::<Vec<_>>()
            .join("\n\n");
        Store::from_files(
            Origin::Embedded,
            vec![
                (
                    "a.txt".into(),
                    format!("+++\ntitle = \"Russie–AES : une alliance militaire stratégique se renforce à Moscou\"\ndate = 2025-05-12\nsource = \"abamako.com\"\nauthor = \"K. Mamadou\"\nurl = \"https://abamako.com/article\"\n+++\nLe ministre russe de la Défense a reçu ses homologues.\n\n« Notre coopération dans le domaine militaire s’intensifie », a déclaré Sergueï Lavrov.\n\n{long}").into_bytes(),
                ),
                (
                    "b.txt".into(),
                    "+++\ntitle = \"L’AES a « la même définition de l’ennemi » que la Russie\"\ndate = 2025-04-03\nsource = \"DW\"\n+++\nL’État malien et la sécurité au Sahel.\n\nMohamed Amara: Il y a une intensification des rapports.\n\nDW: Est-ce bénéfique ?"
                        .as_bytes()
                        .to_vec(),
                ),
                (
                    "c.txt".into(),
                    "+++\ntitle = \"Un sommet sans citation\"\n+++\nRien à citer ici, une phrase simple."
                        .as_bytes()
                        .to_vec(),
                ),
            ],
        )
    }

    /// Hand-made quotes for the test corpus (article order: by date, then undated).
    pub(crate) fn quotes(store: &Store) -> Vec<Vec<Quote>> {
        store
            .articles()
            .iter()
            .map(|a| {
                let mut out = Vec::new();
                for (needle, speaker) in [
                    (
                        "Notre coopération dans le domaine militaire s’intensifie",
                        "Sergueï Lavrov",
                    ),
                    ("la même définition de l’ennemi", "Abdoulaye Diop"),
                    ("la coopération avance", "les ministres"),
                ] {
                    let (field, text) = if a.meta.title.contains(needle) {
                        (Field::Title, &a.meta.title)
                    } else {
                        (Field::Body, &a.body)
                    };
                    if let Some(start) = text.rfind(needle) {
                        out.push(Quote {
                            text: needle.into(),
                            kind: if field == Field::Title {
                                QuoteKind::Partial
                            } else {
                                QuoteKind::Direct
                            },
                            speaker: Some(speaker.into()),
                            evidence: None,
                            field,
                            span: start..start + needle.len(),
                            sentence: start..start + needle.len(),
                            also_at: Vec::new(),
                            also_in: if speaker == "Sergueï Lavrov" {
                                vec![ArticleId("004_6f84a66b26e0e186".into())]
                            } else {
                                Vec::new()
                            },
                            also_in_count: usize::from(speaker == "Sergueï Lavrov"),
                        });
                    }
                }
                out
            })
            .collect()
    }

    pub(crate) fn app(w: u16, h: u16) -> App {
        let s = store();
        let q = quotes(&s);
        let mut app = App::new(s, q, ReaderState::default(), Theme::new(false)).unwrap();
        app.update(Action::Resize(w, h));
        app
    }

    fn title(app: &App) -> String {
        app.reader
            .article
            .map(|i| app.articles()[i].meta.title.clone())
            .unwrap_or_default()
    }

    #[test]
    fn moving_in_the_list_previews_the_article() {
        let mut app = app(120, 40);
        assert!(title(&app).starts_with("L’AES"));
        app.update(Action::Down);
        assert!(title(&app).starts_with("Russie–AES"));
        app.update(Action::Bottom);
        assert_eq!(title(&app), "Un sommet sans citation");
        app.update(Action::Down);
        assert_eq!(app.list.selected, 2);
        app.update(Action::Top);
        assert_eq!(app.list.selected, 0);
    }

    #[test]
    fn enter_opens_focuses_the_reader_and_marks_read() {
        let mut app = app(120, 40);
        app.update(Action::Open);
        assert_eq!(app.focus, Focus::Reader);
        assert!(app.state.read.contains("b"));
        assert!(app.take_save_request());
        app.update(Action::ToggleRead);
        assert!(!app.state.read.contains("b"));
    }

    #[test]
    fn another_readers_change_does_not_undo_a_mark_made_here_since() {
        let mut app = app(120, 40);
        app.update(Action::Open);
        let mut others = Changes::default();
        others.mark("b", false, None);
        others.mark("c", true, None);
        assert!(app.apply_external(&others));
        assert!(
            app.state.read.contains("b"),
            "this reader's later mark wins"
        );
        assert!(app.state.read.contains("c"));
        assert_eq!(app.read_count(), 2);
        let mine = app.take_changes();
        assert_eq!(mine.read.get("b"), Some(&true));
        assert!(mine.fingerprints.get("b").is_some_and(Option::is_some));
        assert!(
            !mine.read.contains_key("c"),
            "the other reader's mark is not saved again"
        );
        assert!(app.take_changes().is_empty());
    }

    #[test]
    fn tab_cycles_focus_both_ways() {
        let mut app = app(120, 40);
        app.update(Action::FocusNext);
        assert_eq!(app.focus, Focus::Reader);
        app.update(Action::FocusNext);
        assert_eq!(app.focus, Focus::Quotes);
        app.update(Action::FocusNext);
        assert_eq!(app.focus, Focus::List);
        app.update(Action::FocusPrev);
        assert_eq!(app.focus, Focus::Quotes);
    }

    #[test]
    fn typing_filters_live_and_escape_clears() {
        let mut app = app(120, 40);
        app.update(Action::FilterOpen);
        assert_eq!(app.context(), Context::Filter);
        for c in "lavrov".chars() {
            app.update(Action::FilterInput(c));
        }
        app.settle();
        assert_eq!(app.list.matches.len(), 1);
        assert!(title(&app).starts_with("Russie–AES"));
        assert!(!app.reader.hits.is_empty());
        app.update(Action::FilterCancel);
        app.settle();
        assert_eq!(app.list.matches.len(), 3);
        assert_eq!(app.context(), Context::List);
        // The article found stays selected after clearing.
        assert!(title(&app).starts_with("Russie–AES"));
    }

    #[test]
    fn enter_keeps_the_filter_and_returns_to_the_list() {
        let mut app = app(120, 40);
        app.update(Action::FilterOpen);
        for c in "securite".chars() {
            app.update(Action::FilterInput(c));
        }
        app.settle();
        app.update(Action::FilterAccept);
        assert_eq!(app.context(), Context::List);
        assert_eq!(app.filter.query, "securite");
        assert_eq!(app.list.matches.len(), 1);
        app.update(Action::Back);
        app.settle();
        assert_eq!(app.filter.query, "");
    }

    #[test]
    fn paging_scrolls_the_reader_and_stops_at_the_end() {
        let mut app = app(80, 24);
        app.update(Action::Down); // the long article
        app.update(Action::PageDown);
        assert!(app.reader.top > 0);
        app.update(Action::Bottom); // list focus: last article
        app.update(Action::Top);
        app.update(Action::Down);
        app.focus = Focus::Reader;
        app.update(Action::Bottom);
        let end = app.reader.top;
        app.update(Action::PageDown);
        assert_eq!(app.reader.top, end);
        app.update(Action::Top);
        assert_eq!(app.reader.top, 0);
    }

    #[test]
    fn the_reading_position_survives_a_resize() {
        let mut app = app(200, 60);
        app.update(Action::Down);
        app.focus = Focus::Reader;
        for _ in 0..30 {
            app.update(Action::Down);
        }
        let anchor = app.reader.anchor;
        app.update(Action::Resize(80, 24));
        app.update(Action::Resize(200, 60));
        assert_eq!(app.reader.anchor, anchor);
        let changes = app.take_changes();
        assert_eq!(changes.positions.get("a"), Some(&Some(anchor)));
        assert_eq!(app.state.positions.get("a"), Some(&anchor));
    }

    #[test]
    fn enter_on_a_quote_scrolls_to_it_and_marks_it() {
        let mut app = app(80, 24);
        app.update(Action::Down); // article a: quotes Lavrov, then the 40th paragraph
        app.focus = Focus::Quotes;
        app.update(Action::Down);
        app.update(Action::Open);
        assert_eq!(app.reader.marked, Some(1));
        assert!(app.reader.top > 10, "top {}", app.reader.top);
        app.update(Action::Top);
        app.update(Action::Open);
        assert_eq!(app.reader.marked, Some(0));
    }

    #[test]
    fn n_walks_through_the_hits_and_wraps() {
        let mut app = app(80, 24);
        app.update(Action::FilterOpen);
        for c in "cooperation".chars() {
            app.update(Action::FilterInput(c));
        }
        app.settle();
        app.update(Action::FilterAccept);
        let n = app.reader.hits.len();
        assert!(n > 10);
        app.update(Action::NextHit);
        let first = app.reader.hit.unwrap();
        app.update(Action::PrevHit);
        assert_eq!(app.reader.hit, Some((first + n - 1) % n));
        app.update(Action::NextHit);
        assert_eq!(app.reader.hit, Some(first));
    }

    #[test]
    fn escape_closes_help_before_anything_else() {
        let mut app = app(80, 24);
        app.update(Action::FilterOpen);
        app.update(Action::FilterInput('x'));
        app.update(Action::FilterAccept);
        app.update(Action::Help);
        assert_eq!(app.context(), Context::Help);
        app.update(Action::Back);
        assert!(!app.help);
        assert_eq!(app.filter.query, "x");
        app.update(Action::Quit);
        assert!(app.quit);
    }

    #[test]
    fn the_last_article_reopens_at_its_position() {
        let s = store();
        let q = quotes(&s);
        let mut state = ReaderState {
            last: Some("a".into()),
            ..ReaderState::default()
        };
        state.positions.insert(
            "a".into(),
            Anchor {
                block: 10,
                offset: 0,
            },
        );
        let mut app = App::new(s, q, state, Theme::new(false)).unwrap();
        app.update(Action::Resize(120, 40));
        assert!(title(&app).starts_with("Russie–AES"));
        assert!(app.reader.top > 10);
    }

    #[test]
    fn clicks_select_and_the_wheel_scrolls_under_the_pointer() {
        let mut app = app(120, 40);
        let areas = app.areas();
        let list = areas.list.unwrap();
        app.update(Action::Click {
            x: list.x + 3,
            y: list.y + 2,
        });
        assert_eq!(app.list.selected, 1);
        let reader = areas.reader.unwrap();
        app.update(Action::Scroll {
            x: reader.x + 5,
            y: reader.y + 5,
            down: true,
        });
        assert_eq!(app.reader.top, 3);
        assert_eq!(app.focus, Focus::List);
    }

    #[test]
    fn an_empty_filter_result_leaves_no_article_open() {
        let mut app = app(80, 24);
        app.update(Action::FilterOpen);
        for c in "zzzzqqq".chars() {
            app.update(Action::FilterInput(c));
        }
        app.settle();
        assert!(app.list.matches.is_empty());
        assert_eq!(app.reader.article, None);
        app.update(Action::Down);
        app.update(Action::NextHit);
    }

    #[test]
    fn a_dead_search_thread_is_reported_and_nothing_waits_for_it() {
        let mut app = app(120, 40);
        app.settle();
        let listed = app.list.matches.len();
        app.search.crash();
        app.update(Action::FilterOpen);
        app.update(Action::FilterInput('x'));
        app.settle();
        assert!(!app.busy(), "the reader does not wait for a dead thread");
        assert!(
            app.warning
                .as_deref()
                .is_some_and(|w| w.contains("search stopped"))
        );
        assert_eq!(app.list.matches.len(), listed, "the list stays as it was");
    }

    #[test]
    fn a_ten_thousand_character_paste_is_cut_to_the_query_limit_in_one_go() {
        let mut app = app(120, 40);
        let asked = app.asked;
        let pasted = "sécurité au Sahel ".repeat(600);
        assert!(pasted.chars().count() > 10_000);
        app.paste(&pasted);
        assert_eq!(app.context(), Context::Filter, "a paste opens the filter");
        assert_eq!(app.filter.query.chars().count(), MAX_QUERY);
        assert!(pasted.starts_with(&app.filter.query));
        assert!(app.filter.capped);
        assert_eq!(app.asked, asked + 1, "one search for the whole paste");
        // Typing past the limit changes nothing and asks nothing.
        app.update(Action::FilterInput('x'));
        assert_eq!(app.filter.query.chars().count(), MAX_QUERY);
        assert_eq!(app.asked, asked + 1);
        // Deleting makes room again, and the note goes.
        app.update(Action::FilterBackspace);
        assert!(!app.filter.capped);
        app.settle();
        assert!(app.ready());
    }

    #[test]
    fn a_pasted_line_break_is_a_space_and_control_characters_are_left_out() {
        let mut app = app(120, 40);
        app.paste("Mali\n\tNiger\u{1b}[31m\u{7}Burkina\u{202e}");
        assert_eq!(app.filter.query, "Mali  Niger[31mBurkina");
        assert!(!app.filter.capped);
        app.update(Action::FilterInput('\u{1b}'));
        assert_eq!(app.filter.query, "Mali  Niger[31mBurkina");
    }

    #[test]
    fn a_paste_under_the_help_is_ignored() {
        let mut app = app(120, 40);
        app.update(Action::Help);
        app.paste("Lavrov");
        assert_eq!(app.filter.query, "");
        assert!(app.help);
    }

    /// A reader whose articles (`files`) are still to arrive: not pumped yet.
    fn loading_app(files: Vec<(String, Vec<u8>)>) -> App {
        use crate::corpus::load::Loading;
        use crate::corpus::store::Source;
        let source = Source::from_files(Origin::Embedded, files);
        let mut app = App::loading(
            Loading::start(source),
            &Origin::Embedded,
            ReaderState::default(),
            Theme::new(false),
        )
        .unwrap();
        app.update(Action::Resize(120, 40));
        app
    }

    #[test]
    fn keys_wait_for_the_first_list_until_it_has_articles() {
        let mut app = loading_app(vec![(
            "a.txt".to_owned(),
            b"Le sommet de Niamey\n\nLes chefs d\xe2\x80\x99\xc3\x89tat se sont r\xc3\xa9unis."
                .to_vec(),
        )]);
        assert!(app.first_list_pending());
        app.settle();
        assert!(!app.first_list_pending());
        assert_eq!(app.list.matches.len(), 1);
        // Filtering the list empty afterwards does not make keys wait again.
        app.update(Action::FilterOpen);
        for c in "zzzqqq".chars() {
            app.update(Action::FilterInput(c));
        }
        app.settle();
        assert!(app.list.matches.is_empty());
        assert!(!app.first_list_pending());
    }

    #[test]
    fn an_empty_corpus_does_not_hold_keys_for_ever() {
        let mut app = loading_app(Vec::new());
        app.settle();
        assert!(!app.first_list_pending());
    }

    #[test]
    fn every_warning_shown_is_kept_for_the_exit_even_once_dismissed() {
        let mut app = app(80, 24);
        app.warning = Some("the state file was set aside as state.json.bad-1".into());
        app.note_warning();
        app.update(Action::Back);
        assert_eq!(app.warning, None);
        app.warning = Some("search stopped".into());
        assert_eq!(
            app.warnings_seen(),
            [
                "the state file was set aside as state.json.bad-1",
                "search stopped"
            ]
        );
    }
}
