//! Moving between the three views and through what links them: switching views, the Quotes and
//! Speakers views' keys (moving, filtering, opening a speaker's quotes, opening a quote's article at
//! the quote), the quote panel's "also in" list (opened, followed), the back stack, and `y`
//! (what to copy: the App only says what; the event loop writes it to the clipboard). Also taking
//! in the quotebook thread's answers.

use crate::corpus::article::Article;
use crate::corpus::cite;
use crate::corpus::quote::Quote;
use crate::tui::action::Action;
use crate::tui::app::book::BookAnswer;
use crate::tui::app::screen::{Part, cap};
use crate::tui::app::views::{Item, Place};
use crate::tui::app::{App, Clip};
use crate::tui::layout::{Focus, Scroll, View, tab_at};

impl App {
    /// Applies the actions that belong to the views (switching, going back, copying), the keys of
    /// the Quotes and Speakers views, and the quote panel's "also in" list. False for the actions
    /// the Articles view handles as before.
    pub(super) fn update_views(&mut self, action: Action) -> bool {
        match action {
            Action::ShowView(view) => self.show_view(view),
            Action::GoBack => self.go_back(),
            Action::Copy => self.copy(),
            _ if self.screen.view == View::Articles => return self.update_panel(action),
            _ => return self.update_in_view(action),
        }
        true
    }

    /// Where the user is now, for the back stack.
    fn place(&self) -> Place {
        let s = &self.screen;
        match s.view {
            View::Articles => Place::Articles {
                query: s.filter.query.clone(),
                listed: s.list.selected_article(),
                list_offset: s.list.offset,
                open: s.reader.article,
                anchor: s.reader.anchor,
                focus: s.focus,
                panel: s.quotes(),
                marked: s.reader.marked,
            },
            View::Quotes => s.quotes_view.place(),
            View::Speakers => s.speakers.place(),
        }
    }

    /// Shows `view`, remembering where the user was.
    pub(super) fn show_view(&mut self, view: View) {
        if view == self.screen.view {
            return;
        }
        self.screen.history.push(self.place());
        self.screen.view = view;
        self.ask_view();
        self.screen.keep_view_visible();
    }

    /// Asks the quotebook for what the view shown needs, unless its results are current.
    fn ask_view(&mut self) {
        match self.screen.view {
            View::Quotes if !self.screen.quotes_view.current() => {
                let v = &self.screen.quotes_view;
                self.book.ask_rows(&v.filter.query, v.speaker);
            }
            View::Speakers if !self.screen.speakers.current() => {
                self.book.ask_speakers(&self.screen.speakers.filter.query);
            }
            _ => {}
        }
    }

    /// Goes back to the last place left.
    fn go_back(&mut self) {
        let Some(place) = self.screen.history.pop() else {
            self.screen
                .set_message(Some("nowhere to go back to".into()));
            return;
        };
        self.screen.view = place.view();
        match place {
            Place::Articles {
                query,
                listed,
                list_offset,
                open,
                anchor,
                focus,
                panel,
                marked,
            } => {
                if query != self.screen.filter.query {
                    // The list follows when the search answers: the article listed then.
                    self.restore = listed
                        .and_then(|i| self.library.article(i))
                        .map(|a| a.id.to_string());
                    self.set_query(query);
                } else if let Some(row) =
                    listed.and_then(|i| self.screen.list.matches.iter().position(|m| m.index == i))
                {
                    self.screen.list.selected = row;
                }
                self.screen.list.offset = list_offset;
                self.show_article(open);
                self.screen.reader.anchor = anchor;
                self.screen.focus = focus;
                let (_, quotes) = self.library.with_quotes(open);
                self.screen
                    .select_quote(self.screen.panel().quote_at(panel.selected), quotes);
                self.screen.reader.marked = marked;
                self.screen.keep_list_visible();
            }
            Place::Quotes {
                query,
                speaker,
                selected,
                offset,
                expanded,
            } => {
                let v = &mut self.screen.quotes_view;
                v.filter.query = query;
                v.filter.editing = false;
                v.speaker = speaker;
                v.expanded = expanded;
                v.pending = selected;
                v.scroll.offset = offset;
                if v.current() {
                    if let Some(book) = self.book.book() {
                        let results = v.results.clone();
                        v.take(results, book);
                    }
                } else {
                    self.ask_view();
                }
            }
            Place::Speakers {
                query,
                selected,
                offset,
            } => {
                let v = &mut self.screen.speakers;
                v.filter.query = query;
                v.filter.editing = false;
                v.pending = selected;
                v.scroll.offset = offset;
                if v.current() {
                    let results = v.results.clone();
                    v.take(results);
                } else {
                    self.ask_view();
                }
            }
        }
        self.screen.keep_view_visible();
    }

    /// The article and quote an item of the Quotes view is about (a row: its first printing).
    fn printing_of(&self, item: Item) -> Option<(usize, usize)> {
        let book = self.book.book()?;
        let row = book.rows().get(item.row() as usize)?;
        let (a, q) = match item {
            Item::Row(_) => row.first,
            Item::Printing(_, k) => row.printings().nth(k as usize)?,
        };
        Some((a as usize, q as usize))
    }

    /// The article and quote `y` would copy from in the view shown, or an article alone.
    fn to_copy(&self) -> Option<(&Article, Option<&Quote>)> {
        match (self.screen.view, self.screen.focus) {
            (View::Quotes, _) => {
                let (a, q) = self
                    .screen
                    .quotes_view
                    .selected()
                    .and_then(|i| self.printing_of(i))?;
                let article = self.library.article(a)?;
                Some((article, self.library.quotes_of(a).get(q)))
            }
            (View::Speakers, _) => None,
            (View::Articles, Focus::Quotes) => {
                let (article, quotes) = self.library.with_quotes(self.screen.reader.article);
                let (q, _) = self.screen.selected_quote();
                Some((article?, quotes.get(q)))
            }
            (View::Articles, Focus::Reader) => {
                Some((self.library.article(self.screen.reader.article?)?, None))
            }
            (View::Articles, Focus::List) => Some((
                self.library.article(self.screen.list.selected_article()?)?,
                None,
            )),
        }
    }

    /// `y`: asks for the selected quote's citation, or the article's reference, to be copied.
    fn copy(&mut self) {
        let clip = match self.to_copy() {
            Some((article, Some(quote))) => Clip {
                text: cite::quote_citation(article, quote),
                what: "citation",
            },
            Some((article, None)) => Clip {
                text: cite::reference_text(article),
                what: "reference",
            },
            None => {
                let note = if self.screen.view == View::Speakers {
                    "y copies a quote or an article: Enter shows this speaker's quotes"
                } else {
                    "nothing selected to copy"
                };
                self.screen.set_message(Some(note.into()));
                return;
            }
        };
        self.clip = Some(clip);
    }

    /// What `y` asked to copy, once.
    pub fn take_clip(&mut self) -> Option<Clip> {
        self.clip.take()
    }

    /// Says how copying `clip` went: `Err` holds what failed.
    pub fn copied(&mut self, clip: &Clip, result: Result<(), String>) {
        let message = match result {
            Ok(()) => format!("Copied {}: {}", clip.what, clip.text),
            Err(e) => format!("Could not copy the {}: {e}", clip.what),
        };
        self.screen.set_message(Some(message));
    }

    /// The quote panel's "also in" list (`→`, `←`, Enter on an article of it); Enter on a quote
    /// marks it in the text as before. False for everything else.
    fn update_panel(&mut self, action: Action) -> bool {
        let in_panel = self.screen.focus == Focus::Quotes;
        let (_, quotes) = self.library.with_quotes(self.screen.reader.article);
        match action {
            Action::Expand | Action::Collapse if in_panel => {
                self.screen.open_also_in(action == Action::Expand, quotes);
            }
            Action::Expand | Action::Collapse | Action::ToggleExpand => {}
            Action::Open if in_panel => match self.screen.selected_quote() {
                (q, 0) => {
                    let (article, quotes) = self.library.with_quotes(self.screen.reader.article);
                    self.screen.jump_to_quote(q, article, quotes);
                }
                (q, k) => self.follow_also_in(q, k - 1),
            },
            _ => return false,
        }
        true
    }

    /// Opens the `k`-th "also in" article of quote `q` of the open article, at the same quote.
    fn follow_also_in(&mut self, q: usize, k: usize) {
        let Some(a) = self.screen.reader.article else {
            return;
        };
        let quotes = self.library.quotes_of(a);
        let Some(id) = quotes.get(q).and_then(|quote| quote.also_in.get(k)) else {
            return;
        };
        let Some(b) = self.library.index_of(id.as_str()) else {
            self.screen.set_message(Some(format!(
                "{id} is not in this corpus (it was when the link was made)"
            )));
            return;
        };
        // The book's row for this quote knows its printing in `b`; without the book (still being
        // built), the quote of `b` that links back here.
        let in_book = self.book.book().and_then(|book| {
            let row = book.row_of(a as u32, q as u32)?;
            let row = book.rows().get(row as usize)?;
            row.printings()
                .find(|&(x, _)| x as usize == b)
                .map(|(_, y)| y as usize)
        });
        let here = self.library.article(a).map(|x| x.id.clone());
        let target = in_book.or_else(|| {
            self.library
                .quotes_of(b)
                .iter()
                .position(|other| here.as_ref().is_some_and(|h| other.also_in.contains(h)))
        });
        self.screen.history.push(self.place());
        // The panel keeps the keyboard: the next "also in" is a key away.
        self.open_at(b, target, Focus::Quotes);
    }

    /// Shows article `a` in the Articles view (selected in the list when listed), `focus` focused
    /// and, given a quote, scrolled to it, marked, and selected in the panel. Marks the article
    /// read, as opening it from the list does.
    fn open_at(&mut self, a: usize, quote: Option<usize>, focus: Focus) {
        self.screen.view = View::Articles;
        match self.screen.list.matches.iter().position(|m| m.index == a) {
            Some(row) => self.select_row(row),
            None => self.show_article(Some(a)),
        }
        self.screen.focus = focus;
        if let Some(q) = quote {
            let (article, quotes) = self.library.with_quotes(Some(a));
            self.screen.select_quote(q, quotes);
            self.screen.jump_to_quote(q, article, quotes);
        }
        self.mark_opened(a);
    }

    /// The keys of the Quotes and Speakers views. False for those handled as everywhere (quit,
    /// help, resize).
    fn update_in_view(&mut self, action: Action) -> bool {
        let quotes = self.screen.view == View::Quotes;
        let page = isize::try_from(self.screen.view_page()).unwrap_or(1);
        match action {
            Action::Up => self.move_view(-1),
            Action::Down => self.move_view(1),
            Action::Top => self.move_view(isize::MIN),
            Action::Bottom => self.move_view(isize::MAX),
            Action::PageDown => self.move_view(page),
            Action::PageUp => self.move_view(-page),
            Action::HalfDown => self.move_view((page / 2).max(1)),
            Action::HalfUp => self.move_view(-(page / 2).max(1)),
            Action::Open if quotes => {
                let at = self
                    .screen
                    .quotes_view
                    .selected()
                    .and_then(|i| self.printing_of(i));
                if let Some((a, q)) = at {
                    self.screen.history.push(self.place());
                    self.open_at(a, Some(q), Focus::Reader);
                }
            }
            Action::Open => self.open_speaker(),
            Action::Expand | Action::Collapse | Action::ToggleExpand if quotes => {
                self.expand(action);
            }
            Action::FilterOpen => self.screen.active_filter_mut().editing = true,
            Action::FilterInput(_) | Action::FilterBackspace | Action::FilterEdit(_) => {
                self.edit_filter(action);
            }
            Action::FilterAccept => self.accept_filter(),
            Action::FilterCancel => {
                self.screen.active_filter_mut().editing = false;
                self.set_view_query(String::new());
            }
            Action::Back => {
                if !self.screen.active_filter().query.is_empty() {
                    self.set_view_query(String::new());
                } else if quotes && self.screen.quotes_view.speaker.is_some() {
                    self.screen.quotes_view.speaker = None;
                    self.ask_view();
                } else if self.screen.warning.is_some() {
                    self.screen.warning = None;
                }
            }
            Action::NextHit | Action::PrevHit | Action::ToggleRead => {
                self.screen.set_message(Some(
                    "that key works on an open article: Enter opens one, 1 the Articles view"
                        .into(),
                ));
            }
            Action::MarkAllRead
            | Action::UndoMarks
            | Action::ToggleUnread
            | Action::CycleSort
            | Action::NextArticle
            | Action::PrevArticle
            | Action::OpenUrl => self.update_list_keys(action),
            // The wheel moves the selection a row, as in the article list.
            Action::Scroll { x, y, down } => {
                if matches!(self.screen.hit_test(x, y), Some((Part::View, _))) {
                    self.move_view(if down { 1 } else { -1 });
                }
            }
            Action::Click { x, y } => self.click_view(x, y),
            Action::FocusNext
            | Action::FocusPrev
            | Action::Expand
            | Action::Collapse
            | Action::ToggleExpand => {}
            Action::Quit
            | Action::ForceQuit
            | Action::Help
            | Action::Resize(..)
            | Action::ShowView(_)
            | Action::GoBack
            | Action::Copy => return false,
        }
        self.screen.keep_view_visible();
        true
    }

    /// Moves the selection of the view shown by `delta` rows.
    fn move_view(&mut self, delta: isize) {
        match self.screen.view {
            View::Quotes => self.screen.quotes_view.move_by(delta),
            View::Speakers => self.screen.speakers.move_by(delta),
            View::Articles => {}
        }
    }

    /// The article of the Quotes view's selected line.
    pub(super) fn quote_article(&self) -> Option<usize> {
        let item = self.screen.quotes_view.selected()?;
        self.printing_of(item).map(|(a, _)| a)
    }

    /// Sets the view's filter (cut to the query limit) and asks the quotebook.
    pub(super) fn set_view_query(&mut self, query: String) {
        let (query, capped) = cap(query);
        let filter = self.screen.active_filter_mut();
        filter.capped = capped;
        if query != filter.query {
            filter.query = query;
            self.ask_view();
        }
    }

    /// Enter on a speaker: the Quotes view, filtered to them exactly (shown in the filter line;
    /// their quotes' printings open by themselves when there are not too many).
    fn open_speaker(&mut self) {
        let Some(s) = self.screen.speakers.selected() else {
            return;
        };
        self.screen.history.push(self.place());
        let v = &mut self.screen.quotes_view;
        v.speaker = Some(s);
        v.filter.query.clear();
        v.filter.editing = false;
        v.pending = None;
        v.scroll = Scroll::default();
        self.screen.view = View::Quotes;
        self.ask_view();
    }

    /// `Space`, `→`, `←` in the Quotes view: a row's printings opened or closed; `←` on a printing
    /// goes up to its row.
    fn expand(&mut self, action: Action) {
        let Some(book) = self.book.book() else {
            return;
        };
        let v = &mut self.screen.quotes_view;
        match (action, v.selected()) {
            (Action::Collapse, Some(Item::Printing(r, _))) => {
                if let Some(at) = v.items.iter().position(|i| *i == Item::Row(r)) {
                    v.scroll.selected = at;
                }
            }
            (Action::Expand, Some(Item::Row(r))) if v.expanded.contains(&r) => v.move_by(1),
            (Action::Expand, _) => {
                v.expand(Some(true), book);
            }
            (Action::Collapse, _) => {
                v.expand(Some(false), book);
            }
            _ => {
                v.expand(None, book);
            }
        }
    }

    /// A click in the Quotes or Speakers view: a tab, a row, the filter line.
    fn click_view(&mut self, x: u16, y: u16) {
        match self.screen.hit_test(x, y) {
            Some((Part::View, r)) if y == r.y => {
                if let Some(view) = tab_at(self.screen.view, true, r, x) {
                    self.show_view(view);
                }
            }
            Some((Part::View, _)) => {
                if let Some(row) = self.screen.view_row_at(y) {
                    match self.screen.view {
                        View::Quotes => self.screen.quotes_view.scroll.selected = row,
                        View::Speakers => self.screen.speakers.scroll.selected = row,
                        View::Articles => {}
                    }
                }
            }
            Some((Part::Filter, _)) => self.screen.active_filter_mut().editing = true,
            _ => {}
        }
    }

    /// Takes in what the quotebook thread answered. True when the screen should be redrawn.
    pub(super) fn take_book_answers(&mut self) -> bool {
        let mut changed = false;
        while let Some(answer) = self.book.next_answer() {
            changed = true;
            match answer {
                BookAnswer::Built => {
                    // Quotes and Speakers are asked for at once, so switching views is instant.
                    let (q, s) = (&self.screen.quotes_view, &self.screen.speakers);
                    if !q.current() {
                        self.book.ask_rows(&q.filter.query.clone(), q.speaker);
                    }
                    if !s.current() {
                        self.book.ask_speakers(&s.filter.query.clone());
                    }
                    self.book.ask_named(&self.screen.filter.query.clone());
                }
                BookAnswer::Rows(rows) => {
                    if let Some(book) = self.book.book() {
                        self.screen.quotes_view.take(rows, book);
                    }
                }
                BookAnswer::Speakers(list) => self.screen.speakers.take(list),
                BookAnswer::Named { query, speaker } => {
                    if query == self.screen.filter.query {
                        let name = speaker.and_then(|s| {
                            let book = self.book.book()?;
                            Some(book.speakers().get(s as usize)?.name.clone())
                        });
                        let (_, quotes) = self.library.with_quotes(self.screen.reader.article);
                        self.screen.set_named(name, quotes);
                    }
                }
                BookAnswer::Stopped => {
                    self.screen.warning = Some(
                        "the quote index stopped on an internal error: the Quotes and Speakers \
                         views no longer follow their filters until the reader is restarted. \
                         Please report it"
                            .into(),
                    );
                }
            }
        }
        if changed {
            self.screen.keep_view_visible();
        }
        changed
    }
}

#[cfg(test)]
mod tests;
