//! The state of the filter lines (one per view: the query, the cursor and its edits) and of the Quotes and Speakers views (each with
//! its own filter, results, selection and scroll; in the Quotes view, the rows opened to show every printing), and the back stack: where
//! the user was (view, query, selection, scroll), so a back key returns there. Plain data and the
//! small rules that keep it consistent; no drawing, no threads.

use std::collections::BTreeSet;

use crate::corpus::quotebook::Quotebook;
use crate::corpus::state::Anchor;
use crate::tui::action::Edit;
use crate::tui::app::book::{Rows, SpeakerList};
// The lines of the Quotes view's table are plain data the drawing reads too.
pub use crate::tui::layout::Item;
use crate::tui::layout::{Focus, Scroll, View, step};

/// Filter line state. Plain data (public fields): the App edits it, the drawing reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterPane {
    /// The query ([`MAX_QUERY`](crate::tui::app::screen::MAX_QUERY) characters at most).
    pub query: String,
    /// True while the user is typing into it.
    pub editing: bool,
    /// True when the last text typed or pasted did not fit under
    /// [`MAX_QUERY`](crate::tui::app::screen::MAX_QUERY).
    pub capped: bool,
    /// Where the cursor is, in characters from the start; `None`: at the end, wherever that is.
    pub at: Option<usize>,
    /// While `↑`/`↓` walk the past filters: the one shown, and what was typed before.
    pub browsing: Option<(usize, String)>,
}

impl FilterPane {
    /// True when the line takes a row: being edited or holding a query.
    pub fn shown(&self) -> bool {
        self.editing || !self.query.is_empty()
    }

    /// The cursor, in characters from the start of the query.
    pub fn cursor(&self) -> usize {
        let n = self.query.chars().count();
        self.at.map_or(n, |at| at.min(n))
    }

    /// The query with `c` typed at the cursor, and the cursor after it.
    pub fn typed(&self, c: char) -> (String, usize) {
        let mut chars: Vec<char> = self.query.chars().collect();
        let at = self.cursor();
        chars.insert(at, c);
        (chars.into_iter().collect(), at + 1)
    }

    /// The query and cursor after `edit` (past filters aside: the App walks them). Deleting
    /// before the cursor: [`Edit::DeleteWord`] takes the spaces, then the rest of a word up to a
    /// space (as Ctrl-w in a shell); [`Edit::DeleteAlnum`] takes what is not a letter or digit,
    /// then the letters and digits (as Alt-Backspace).
    pub fn edited(&self, edit: Edit) -> (String, usize) {
        let chars: Vec<char> = self.query.chars().collect();
        let at = self.cursor();
        let back = |keep: &dyn Fn(char) -> bool| {
            let mut from = at;
            while from > 0 && !keep(chars[from - 1]) {
                from -= 1;
            }
            while from > 0 && keep(chars[from - 1]) {
                from -= 1;
            }
            from
        };
        let cut = |from: usize, to: usize| {
            let mut out = chars[..from].to_vec();
            out.extend_from_slice(&chars[to..]);
            (out.into_iter().collect::<String>(), from)
        };
        match edit {
            Edit::Left => (self.query.clone(), at.saturating_sub(1)),
            Edit::Right => (self.query.clone(), (at + 1).min(chars.len())),
            Edit::Home => (self.query.clone(), 0),
            Edit::End | Edit::Older | Edit::Newer => (self.query.clone(), chars.len()),
            Edit::DeleteToStart => cut(0, at),
            Edit::DeleteWord => cut(back(&|c: char| !c.is_whitespace()), at),
            Edit::DeleteAlnum => cut(back(&|c: char| c.is_alphanumeric()), at),
            Edit::Delete => cut(at, (at + 1).min(chars.len())),
        }
    }

    /// The query with the character before the cursor deleted, and the cursor after.
    pub fn backspaced(&self) -> (String, usize) {
        let at = self.cursor();
        if at == 0 {
            return (self.query.clone(), 0);
        }
        let mut chars: Vec<char> = self.query.chars().collect();
        chars.remove(at - 1);
        (chars.into_iter().collect(), at - 1)
    }
}

/// The Quotes view.
#[derive(Debug, Clone, Default)]
pub struct QuotesView {
    /// Its filter line (words and speakers).
    pub filter: FilterPane,
    /// Only this speaker's quotes (Enter on a speaker), shown in the filter line; Esc removes it.
    pub speaker: Option<u32>,
    /// The rows shown and the question they answer.
    pub results: Rows,
    /// The results answer the filter and speaker above (else an answer is on its way).
    pub answered: bool,
    /// Rows opened to show their printings.
    pub expanded: BTreeSet<u32>,
    /// Rows opened for the question asked: those of the speaker it is about (filtered to, or
    /// named by the query), when they are few. Worked out again for each new question.
    pub auto_open: BTreeSet<u32>,
    /// The lines of the table: the rows, each followed by its printings when opened.
    pub items: Vec<Item>,
    /// Selection and first line shown, in `items`.
    pub scroll: Scroll,
    /// The item to select when the results come (going back to this view).
    pub pending: Option<Item>,
}

impl QuotesView {
    /// True when the filter line takes a row: being edited, holding a query or a speaker.
    pub fn filter_shown(&self) -> bool {
        self.filter.shown() || self.speaker.is_some()
    }

    /// True when the results answer the current query and speaker.
    pub fn current(&self) -> bool {
        self.answered
            && self.results.query == self.filter.query
            && self.results.speaker == self.speaker
    }

    /// The selected item.
    pub fn selected(&self) -> Option<Item> {
        self.items.get(self.scroll.selected).copied()
    }

    /// Takes in new results: the lines rebuilt from `book`, the first selected (or the one going
    /// back asked for).
    pub fn take(&mut self, results: Rows, book: &Quotebook) {
        let new_question = results.query != self.results.query
            || results.speaker != self.results.speaker
            || !self.answered;
        if new_question {
            self.auto_open = opened_for(book, results.speaker.or(results.named));
        }
        self.results = results;
        self.answered = true;
        let keep = (!new_question).then(|| self.selected()).flatten();
        self.rebuild(book);
        let wanted = self.pending.take().or(keep);
        self.scroll.selected = wanted
            .and_then(|w| self.items.iter().position(|i| *i == w))
            .unwrap_or(0);
        if new_question && wanted.is_none() {
            self.scroll.offset = 0;
        }
    }

    /// The lines of the table from the results and the rows opened.
    pub fn rebuild(&mut self, book: &Quotebook) {
        self.items.clear();
        for &r in self.results.rows.iter() {
            self.items.push(Item::Row(r));
            if self.expanded.contains(&r) || self.auto_open.contains(&r) {
                let n = book
                    .rows()
                    .get(r as usize)
                    .map_or(0, |row| 1 + row.also.len());
                self.items
                    .extend((0..n).map(|k| Item::Printing(r, u32::try_from(k).unwrap_or(0))));
            }
        }
    }

    /// Opens (`Some(true)`), closes (`Some(false)`) or toggles (`None`) the selected row's
    /// printings, when it has several; the selection stays on the row. True when it changed.
    pub fn expand(&mut self, open: Option<bool>, book: &Quotebook) -> bool {
        let Some(item) = self.selected() else {
            return false;
        };
        let r = item.row();
        let several = book
            .rows()
            .get(r as usize)
            .is_some_and(|row| !row.also.is_empty());
        let is_open = self.expanded.contains(&r) || self.auto_open.contains(&r);
        let want = open.unwrap_or(!is_open);
        if !several || want == is_open {
            return false;
        }
        if want {
            self.expanded.insert(r);
        } else {
            self.expanded.remove(&r);
            self.auto_open.remove(&r);
        }
        self.rebuild(book);
        self.scroll.selected = self
            .items
            .iter()
            .position(|i| *i == Item::Row(r))
            .unwrap_or(0);
        true
    }

    /// Moves the selection by `delta` (`isize::MIN`/`MAX`: first/last).
    pub fn move_by(&mut self, delta: isize) {
        self.scroll.selected = step(self.scroll.selected, delta, self.items.len());
    }

    /// Where the view is, for the back stack.
    pub fn place(&self) -> Place {
        Place::Quotes {
            query: self.filter.query.clone(),
            speaker: self.speaker,
            selected: self.selected(),
            offset: self.scroll.offset,
            expanded: self.expanded.clone(),
        }
    }
}

/// Rows a speaker's quotes may have for their printings to open by themselves when a question is
/// about that speaker (a screenful or two; with more they stay closed, `Space` opens one).
pub const OPEN_UP_TO: usize = 40;

/// The rows printed several times of `speaker`, when they have no more than [`OPEN_UP_TO`] rows.
fn opened_for(book: &Quotebook, speaker: Option<u32>) -> BTreeSet<u32> {
    let Some(rows) = speaker.map(|s| book.rows_of(s)) else {
        return BTreeSet::new();
    };
    if rows.len() > OPEN_UP_TO {
        return BTreeSet::new();
    }
    rows.iter()
        .copied()
        .filter(|&r| {
            book.rows()
                .get(r as usize)
                .is_some_and(|row| !row.also.is_empty())
        })
        .collect()
}

/// The Speakers view.
#[derive(Debug, Clone, Default)]
pub struct SpeakersView {
    /// Its filter line (names and aliases).
    pub filter: FilterPane,
    /// The speakers shown and the query they answer.
    pub results: SpeakerList,
    /// The results answer the filter above (else an answer is on its way).
    pub answered: bool,
    /// Selection and first row shown, in the results.
    pub scroll: Scroll,
    /// The speaker to select when the results come (going back to this view).
    pub pending: Option<u32>,
}

impl SpeakersView {
    /// True when the results answer the current query.
    pub fn current(&self) -> bool {
        self.answered && self.results.query == self.filter.query
    }

    /// The selected speaker.
    pub fn selected(&self) -> Option<u32> {
        self.results.speakers.get(self.scroll.selected).copied()
    }

    /// Takes in new results: the first selected (or the one going back asked for).
    pub fn take(&mut self, results: SpeakerList) {
        let new_question = results.query != self.results.query || !self.answered;
        let keep = (!new_question).then(|| self.selected()).flatten();
        self.results = results;
        self.answered = true;
        let wanted = self.pending.take().or(keep);
        self.scroll.selected = wanted
            .and_then(|w| self.results.speakers.iter().position(|s| *s == w))
            .unwrap_or(0);
        if new_question && wanted.is_none() {
            self.scroll.offset = 0;
        }
    }

    /// Moves the selection by `delta` (`isize::MIN`/`MAX`: first/last).
    pub fn move_by(&mut self, delta: isize) {
        self.scroll.selected = step(self.scroll.selected, delta, self.results.speakers.len());
    }

    /// Where the view is, for the back stack.
    pub fn place(&self) -> Place {
        Place::Speakers {
            query: self.filter.query.clone(),
            selected: self.selected(),
            offset: self.scroll.offset,
        }
    }
}

/// Where the user was: a view, its query, its selection and scroll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The Articles view.
    Articles {
        /// The article filter.
        query: String,
        /// The article selected in the list (an article number).
        listed: Option<usize>,
        /// The list's first row shown.
        list_offset: usize,
        /// The article in the reading pane, and where it was read.
        open: Option<usize>,
        /// See `open`.
        anchor: Anchor,
        /// The pane with the keyboard.
        focus: Focus,
        /// The quote panel's selection and scroll.
        panel: Scroll,
        /// The quote marked in the text.
        marked: Option<usize>,
    },
    /// The Quotes view.
    Quotes {
        /// Its filter.
        query: String,
        /// Its speaker filter.
        speaker: Option<u32>,
        /// The line selected.
        selected: Option<Item>,
        /// The first line shown.
        offset: usize,
        /// The rows opened.
        expanded: BTreeSet<u32>,
    },
    /// The Speakers view.
    Speakers {
        /// Its filter.
        query: String,
        /// The speaker selected.
        selected: Option<u32>,
        /// The first row shown.
        offset: usize,
    },
}

impl Place {
    /// The view this place is in.
    pub fn view(&self) -> View {
        match self {
            Place::Articles { .. } => View::Articles,
            Place::Quotes { .. } => View::Quotes,
            Place::Speakers { .. } => View::Speakers,
        }
    }
}

/// Most places the back stack remembers (the oldest go first).
pub const MAX_BACK: usize = 64;

/// The back stack: the places left by following something (a speaker, a quote, an "also in"
/// article) or by switching views, newest last.
#[derive(Debug, Clone, Default)]
pub struct History {
    places: Vec<Place>,
}

impl History {
    /// Remembers `place` (not twice in a row).
    pub fn push(&mut self, place: Place) {
        if self.places.last() == Some(&place) {
            return;
        }
        if self.places.len() >= MAX_BACK {
            self.places.remove(0);
        }
        self.places.push(place);
    }

    /// The newest place, taken off the stack.
    pub fn pop(&mut self) -> Option<Place> {
        self.places.pop()
    }

    /// How many places it holds.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// True when there is nowhere to go back to.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}
