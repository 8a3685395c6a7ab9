//! The screen state: which view is shown and which pane has the keyboard, what each pane shows and
//! where it is scrolled (the list's matches and selection, the filter line, the open article's
//! position and hits, the quote panel in `screen/panel.rs`, the Quotes and Speakers views), the
//! back stack, the help overlay, the message and the warning. Its methods keep it consistent with
//! the terminal's size; they are given the article they need, never the library.

mod panel;
mod tables;

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use ratatui::layout::{Position, Rect};

use crate::corpus::article::Article;
use crate::corpus::quote::Quote;
use crate::corpus::search::{Highlighter, Match, NameWords, Skim};
use crate::corpus::state::Anchor;
pub use crate::tui::app::views::FilterPane;
use crate::tui::app::views::{History, QuotesView, SpeakersView};
use crate::tui::keymap::{Context, Keymap};
use crate::tui::layout::{
    self, Areas, Focus, PanelState, Panes, Scroll, View, Viewport, keep_visible_by, viewport,
};
use crate::tui::theme::Theme;
use crate::tui::wrap::Wrapped;

/// The longest query, in characters. Longer ones find nothing more (no title, speaker or quote is
/// that long) and only cost time; what is typed or pasted past it is left out, with a note.
pub const MAX_QUERY: usize = 256;

/// `query` cut to [`MAX_QUERY`] characters, and whether it had to be.
pub fn cap(mut query: String) -> (String, bool) {
    match query.char_indices().nth(MAX_QUERY) {
        Some((at, _)) => {
            query.truncate(at);
            (query, true)
        }
        None => (query, false),
    }
}

/// List state: the matches of the filter, the selected one, the first row shown. Plain data
/// (public fields): the App moves it, the drawing reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListPane {
    /// Matching articles, best first (all, in list order, without a filter), shared with the
    /// search thread's cache.
    pub matches: Arc<[Match]>,
    /// Index into `matches`.
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
}

impl ListPane {
    /// The article index of the selected row.
    pub fn selected_article(&self) -> Option<usize> {
        self.matches.get(self.selected).map(|m| m.index)
    }
}

/// Reading pane state: which article, where, what is highlighted, and the wrap cache. Public
/// fields (but the cache): the screen moves them, the drawing reads them.
#[derive(Debug, Default)]
pub struct ReaderPane {
    /// Index of the article shown.
    pub article: Option<usize>,
    /// Top line in the current wrap.
    pub top: usize,
    /// The same position as an anchor (what survives a resize and is saved).
    pub anchor: Anchor,
    /// Search hits in the body (byte ranges).
    pub hits: Vec<Range<usize>>,
    /// Search hits in the title.
    pub title_hits: Vec<Range<usize>>,
    /// The hit `n`/`N` moved to.
    pub hit: Option<usize>,
    /// The quote the user jumped to (index into the article's quotes).
    pub marked: Option<usize>,
    cache: RefCell<Option<(usize, usize, Rc<Wrapped>)>>,
}

impl ReaderPane {
    /// The article wrapped to `measure`, from the cache when the width has not changed.
    pub fn wrapped(&self, index: usize, article: &Article, measure: usize) -> Rc<Wrapped> {
        let mut cache = self.cache.borrow_mut();
        if let Some((i, m, w)) = cache.as_ref() {
            if *i == index && *m == measure {
                return Rc::clone(w);
            }
        }
        let w = Rc::new(Wrapped::build(article, measure));
        *cache = Some((index, measure, Rc::clone(&w)));
        w
    }

    /// Forgets the wrapped article: its text changed (it came after the article was listed).
    pub fn forget_wrapped(&mut self) {
        self.cache.take();
    }
}

/// The rows of a warning at `width` columns: all of it (a file name in it must be readable whole),
/// then how to hide it. Characters a terminal would act on are left out.
pub fn warning_lines(warning: &str, width: usize) -> Vec<String> {
    let text: String = warning
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| crate::corpus::sanitize::is_safe_char(*c))
        .collect();
    let text = format!("⚠ {text} (Esc hides this.)");
    // Broken at spaces only, so a path stays whole on its row when it fits one.
    let options = textwrap::Options::new(width.saturating_sub(2).max(1))
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(&text, options)
        .into_iter()
        .map(|l| format!(" {l}"))
        .collect()
}

/// What the screen shows and how.
#[derive(Debug)]
pub struct Screen {
    /// Styles.
    theme: Theme,
    /// The keys in effect (the built-in ones, or a configuration file's).
    keymap: Keymap,
    /// The configuration file's layout preferences.
    panes: Panes,
    /// What is wrong with the configuration file, kept on the status bar: (in full, short).
    config_note: Option<(String, String)>,
    /// Scorer for the list's title highlights (made once: it keeps its buffers).
    fuzzy: Skim,
    /// Terminal size (columns, rows).
    size: (u16, u16),
    /// The view the main area shows. `pub` (as `focus`).
    pub view: View,
    /// The Quotes view's filter, results, selection and scroll. `pub`: the App moves it, the
    /// drawing reads it.
    pub quotes_view: QuotesView,
    /// The Speakers view's. `pub`: see `quotes_view`.
    pub speakers: SpeakersView,
    /// Where the back keys return to. `pub`: see `quotes_view`.
    pub history: History,
    /// The focused pane. `pub` (as `list`, `filter`, `reader` and `warning`): the App moves it
    /// with the other parts, the drawing reads it, and tests/state_shared.rs and the benches set
    /// or read it by name (through `App`'s `Deref`).
    pub focus: Focus,
    /// Help overlay open.
    help: bool,
    /// First help row shown.
    help_scroll: usize,
    /// Article list. `pub`: see `focus`.
    pub list: ListPane,
    /// Filter line. `pub`: see `focus`.
    pub filter: FilterPane,
    /// Reading pane. `pub`: see `focus`.
    pub reader: ReaderPane,
    /// Quote panel: the selected quote and the first shown (positions in the panel).
    quotes: Scroll,
    /// Quote panel: its order, the speaker the filter names, the "also in" list opened.
    panel: PanelState,
    /// A lasting warning (state file problem, search thread stopped), until Esc. `pub`: see
    /// `focus`.
    pub warning: Option<String>,
    /// A short message about the last action, cleared by the next one.
    message: Option<String>,
    /// Every warning shown this session, oldest first, to print again at exit.
    warnings_seen: Vec<String>,
    /// What the quote panel's offset was last worked out for: article, area, selection, offset.
    quotes_laid_out: Option<(Option<usize>, Rect, usize, usize)>,
}

impl Screen {
    /// A screen of size zero (a resize follows), the list focused.
    pub fn new(theme: Theme) -> Screen {
        Screen {
            theme,
            keymap: Keymap::default(),
            panes: Panes::default(),
            config_note: None,
            fuzzy: Skim::default(),
            size: (0, 0),
            view: View::Articles,
            quotes_view: QuotesView::default(),
            speakers: SpeakersView::default(),
            history: History::default(),
            focus: Focus::List,
            help: false,
            help_scroll: 0,
            list: ListPane::default(),
            filter: FilterPane::default(),
            reader: ReaderPane::default(),
            quotes: Scroll::default(),
            panel: PanelState::default(),
            warning: None,
            message: None,
            warnings_seen: Vec::new(),
            quotes_laid_out: None,
        }
    }

    /// Styles.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// The keys in effect.
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// Takes the keys (and the layout preferences, and what is wrong with the configuration
    /// file) of a configuration file.
    pub fn configure(
        &mut self,
        keymap: Keymap,
        panes: Panes,
        config_note: Option<(String, String)>,
    ) {
        self.keymap = keymap;
        self.panes = panes;
        self.config_note = config_note;
    }

    /// The layout preferences in effect.
    pub fn panes(&self) -> Panes {
        self.panes
    }

    /// What is wrong with the configuration file, for the status bar.
    pub fn config_note(&self) -> Option<(&str, &str)> {
        self.config_note
            .as_ref()
            .map(|(full, short)| (full.as_str(), short.as_str()))
    }

    /// The scorer for title highlights.
    pub fn fuzzy(&self) -> &Skim {
        &self.fuzzy
    }

    /// True while the help overlay is open.
    pub fn help_open(&self) -> bool {
        self.help
    }

    /// First help row shown.
    pub fn help_scroll(&self) -> usize {
        self.help_scroll
    }

    /// Opens or closes the help: at its top, or, from the Quotes and Speakers views, at the views'
    /// keys.
    pub fn toggle_help(&mut self) {
        let context = self.context();
        self.help = !self.help;
        self.help_scroll = 0;
        if matches!(context, Context::QuotesView | Context::SpeakersView) {
            let views = self
                .keymap
                .help_rows()
                .iter()
                .position(|(k, h)| k.is_none() && h == Context::Views.title());
            self.help_scroll = views.unwrap_or(0);
        }
    }

    /// Closes the help.
    pub fn close_help(&mut self) {
        self.help = false;
    }

    /// Scrolls the help one row down (or up).
    pub fn scroll_help(&mut self, down: bool) {
        self.help_scroll = if down {
            self.help_scroll.saturating_add(1)
        } else {
            self.help_scroll.saturating_sub(1)
        };
    }

    /// The quote panel's selection and first quote shown.
    pub fn quotes(&self) -> Scroll {
        self.quotes
    }

    /// The quote panel's order, named speaker and open "also in" list.
    pub fn panel(&self) -> &PanelState {
        &self.panel
    }

    /// The filter line of the view shown.
    pub fn active_filter(&self) -> &FilterPane {
        match self.view {
            View::Articles => &self.filter,
            View::Quotes => &self.quotes_view.filter,
            View::Speakers => &self.speakers.filter,
        }
    }

    /// The filter line of the view shown, to edit.
    pub fn active_filter_mut(&mut self) -> &mut FilterPane {
        match self.view {
            View::Articles => &mut self.filter,
            View::Quotes => &mut self.quotes_view.filter,
            View::Speakers => &mut self.speakers.filter,
        }
    }

    /// True when the filter line takes a row in the view shown.
    pub fn filter_shown(&self) -> bool {
        match self.view {
            View::Quotes => self.quotes_view.filter_shown(),
            _ => self.active_filter().shown(),
        }
    }

    /// The terminal's size (columns, rows).
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// The message about the last action.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Shows a message about the last action (`None`: clears it).
    pub fn set_message(&mut self, message: Option<String>) {
        self.message = message;
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

    /// The quotes changed height (links added lines): their offset must be worked out again.
    pub fn quotes_changed(&mut self) {
        self.quotes_laid_out = None;
    }

    /// Which keymap context applies now.
    pub fn context(&self) -> Context {
        if self.help {
            Context::Help
        } else if self.active_filter().editing {
            Context::Filter
        } else {
            match (self.view, self.focus) {
                (View::Quotes, _) => Context::QuotesView,
                (View::Speakers, _) => Context::SpeakersView,
                (View::Articles, Focus::List) => Context::List,
                (View::Articles, Focus::Reader) => Context::Reader,
                (View::Articles, Focus::Quotes) => Context::Quotes,
            }
        }
    }

    /// Follows the terminal's new size.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
    }

    /// The layout at the current size, view and focus.
    pub fn areas(&self) -> Areas {
        match self.view {
            View::Articles => self.layout_for(self.focus),
            view => layout::layout_view(
                Rect::new(0, 0, self.size.0, self.size.1),
                view,
                self.filter_shown(),
                self.warning_rows(),
            ),
        }
    }

    /// Rows the warning would like at the current width.
    fn warning_rows(&self) -> usize {
        self.warning
            .as_deref()
            .map_or(0, |w| warning_lines(w, usize::from(self.size.0)).len())
    }

    /// The layout at the current size, as it would be with `focus`.
    fn layout_for(&self, focus: Focus) -> Areas {
        layout::layout_with(
            self.panes,
            Rect::new(0, 0, self.size.0, self.size.1),
            focus,
            self.filter.shown(),
            self.list.matches.len(),
            self.warning_rows(),
        )
    }

    /// The reader's text area, as if it were shown (a single-pane layout hides it).
    fn reader_viewport(&self) -> Viewport {
        let areas = self.layout_for(Focus::Reader);
        areas.reader.map(viewport).unwrap_or_default()
    }

    /// Rows of the reader's text area (as if it were shown).
    pub fn reader_height(&self) -> usize {
        self.reader_viewport().height
    }

    /// `article`, the one open in the reader, wrapped to the reader's measure.
    fn wrapped(&self, article: Option<&Article>) -> Option<Rc<Wrapped>> {
        let i = self.reader.article?;
        Some(
            self.reader
                .wrapped(i, article?, self.reader_viewport().measure),
        )
    }

    /// Re-derives everything that depends on the size: the reader's top line from its anchor, and
    /// the list and quote offsets. `article` is the one open, `quotes` its quotes.
    pub fn relayout(&mut self, article: Option<&Article>, quotes: &[Quote]) {
        if let Some(w) = self.wrapped(article) {
            let vp = self.reader_viewport();
            self.reader.top = w.line_of(self.reader.anchor).min(w.max_top(vp.height));
        }
        self.keep_list_visible();
        self.keep_quote_visible(quotes);
    }

    /// Rows of articles the list shows (inside its border).
    pub fn list_rows(&self) -> usize {
        self.areas()
            .list
            .or(self.layout_for(Focus::List).list)
            .map_or(1, |r| usize::from(r.height.saturating_sub(2)))
    }

    /// Scrolls the list so its selected row shows.
    pub fn keep_list_visible(&mut self) {
        let h = self.list_rows();
        // Every row is one line high: only the rows around the window are looked at.
        self.list.offset = keep_visible_by(
            self.list.matches.len(),
            |_| 1,
            self.list.selected,
            self.list.offset,
            h,
        );
    }

    /// Shows article `index` in the reading pane, at `anchor`, with nothing highlighted and the
    /// first quote selected.
    pub fn open_article(&mut self, index: Option<usize>, anchor: Anchor) {
        self.reader.article = index;
        self.reader.marked = None;
        self.reader.hit = None;
        self.quotes = Scroll::default();
        self.panel = PanelState {
            named: self.panel.named.take(),
            ..PanelState::default()
        };
        self.reader.anchor = anchor;
        self.reader.top = 0;
    }

    /// Finds the words of `query` in `article`, the one open, for highlighting (with the other
    /// spellings `names` gives them, or with typos).
    pub fn find_hits(&mut self, article: Option<&Article>, query: &str, names: &NameWords) {
        let (hits, title_hits) = article.map_or_else(Default::default, |a| {
            let h = Highlighter::new(query, names);
            (h.find(&a.body), h.find(&a.meta.title))
        });
        self.reader.hits = hits;
        self.reader.title_hits = title_hits;
        self.reader.hit = None;
    }

    /// Puts line `top` of `article`, the one open, at the top of the reader.
    fn set_top(&mut self, top: usize, article: Option<&Article>) {
        let Some(w) = self.wrapped(article) else {
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

    /// Scrolls the reader by `delta` lines (`isize::MIN`/`MAX`: to the top/end).
    pub fn scroll_reader(&mut self, delta: isize, article: Option<&Article>) {
        let top = match delta {
            isize::MIN => 0,
            isize::MAX => usize::MAX,
            d => self.reader.top.saturating_add_signed(d),
        };
        self.set_top(top, article);
    }

    /// Scrolls so body line `line` sits a third of the way down the pane.
    fn reveal_line(&mut self, line: usize, article: Option<&Article>) {
        let h = self.reader_viewport().height;
        self.set_top(line.saturating_sub(h / 3), article);
    }

    /// Moves to the next (or previous) hit in `article`, the one open; with none, says why.
    pub fn step_hit(&mut self, forward: bool, article: Option<&Article>) {
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
                let Some(w) = self.wrapped(article) else {
                    return;
                };
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
        if let Some(w) = self.wrapped(article) {
            self.reveal_line(w.line_of_body(start), article);
        }
    }

    /// Which part of the screen is at `(x, y)`.
    pub fn hit_test(&self, x: u16, y: u16) -> Option<(Part, Rect)> {
        let at = Position { x, y };
        let areas = self.areas();
        let parts = [
            (Part::List, areas.list),
            (Part::Reader, areas.reader),
            (Part::Quotes, areas.quotes),
            (Part::Filter, areas.filter),
            (Part::View, areas.view),
            (Part::Detail, areas.detail),
        ];
        parts
            .into_iter()
            .find_map(|(part, r)| r.filter(|r| r.contains(at)).map(|r| (part, r)))
    }
}

/// A part of the screen the mouse can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The article list.
    List,
    /// The reading pane.
    Reader,
    /// The quote panel.
    Quotes,
    /// The filter line.
    Filter,
    /// The Quotes or Speakers view's table.
    View,
    /// The selected quote under the Quotes view's table.
    Detail,
}
