//! The article list's own keys: its order (`s`: newest first by default, kept in the state), the
//! unread-only toggle (`U`), marking every listed article read (`M`) and undoing the last marking
//! (`u`), the next and previous article from any pane (`J`/`K`), and the article's URL to open
//! (`o`: the App says which; the event loop starts the browser). A filter being typed ranks by
//! relevance: the order applies to the list without a query.

use std::sync::Arc;

use crate::corpus::article::{Article, order_key};
use crate::corpus::search::Match;
use crate::corpus::state::Sort;
use crate::corpus::text::words_key;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::layout::{Focus, View, step};

impl App {
    /// The list's order (the default until `s` is pressed).
    pub fn sort(&self) -> Sort {
        self.state.sort.unwrap_or_default()
    }

    /// True while the list shows unread articles only.
    pub fn unread_only(&self) -> bool {
        self.unread_only
    }

    /// How the list is ordered and narrowed, for its frame: `newest first`, `unread, by outlet`;
    /// a query ranks by relevance.
    pub fn order_label(&self) -> String {
        let order = if self.search.results_for().is_empty() {
            self.sort().label()
        } else {
            "best match first"
        };
        if self.unread_only {
            format!("unread, {order}")
        } else {
            order.to_owned()
        }
    }

    /// The search's answer as the list shows it: without a query in the chosen order (the answer
    /// comes oldest first), with one as ranked; only the unread articles (and the one open) when
    /// asked. Shares the answer when nothing changes.
    pub(super) fn arranged(&self, answer: &Arc<[Match]>) -> Arc<[Match]> {
        let sort = self.search.results_for().is_empty().then(|| self.sort());
        if !self.unread_only && matches!(sort, None | Some(Sort::Oldest)) {
            return Arc::clone(answer);
        }
        let open = self.screen.reader.article;
        let articles = self.library.articles();
        let mut rows: Vec<Match> = answer
            .iter()
            .filter(|m| {
                !self.unread_only
                    || Some(m.index) == open
                    || articles
                        .get(m.index)
                        .is_some_and(|a| !self.state.read.contains(a.id.as_str()))
            })
            .copied()
            .collect();
        let Some(sort) = sort.filter(|s| *s != Sort::Oldest) else {
            return rows.into();
        };
        // Newest first, undated ones last in file order: the ties of every other order.
        let undated = |m: &Match| articles.get(m.index).is_none_or(|a| a.meta.date.is_none());
        let split = rows.iter().position(undated).unwrap_or(rows.len());
        rows[..split].reverse();
        let article = |m: &Match| articles.get(m.index);
        match sort {
            Sort::Newest | Sort::Oldest => {}
            Sort::Outlet => rows.sort_by_cached_key(|m| {
                let outlet = article(m).and_then(|a| a.meta.source.as_deref());
                (outlet.is_none(), outlet.map(words_key))
            }),
            Sort::Quotes => {
                rows.sort_by_key(|m| std::cmp::Reverse(self.library.quotes_of(m.index).len()));
            }
            Sort::Title => rows.sort_by_cached_key(|m| {
                let a = article(m);
                (
                    a.map(|a| words_key(&a.meta.title)),
                    a.map(|a: &Article| order_key(a.meta.date, 0)),
                )
            }),
        }
        rows.into()
    }

    /// Shows the answer again as [`App::arranged`] says (after `s` or `U`), on the same article.
    fn rearrange(&mut self) {
        let keep = self.screen.list.selected_article();
        let answer = Arc::clone(&self.answer);
        self.screen.list.matches = self.arranged(&answer);
        let list = &mut self.screen.list;
        list.selected = keep
            .and_then(|i| list.matches.iter().position(|m| m.index == i))
            .unwrap_or(0);
        self.show_article(self.screen.list.selected_article());
        self.screen.keep_list_visible();
    }

    /// The list's keys (see the module's header). In the Quotes and Speakers views only `o` works
    /// (on the selected quote's article); the others say where they do.
    pub(super) fn update_list_keys(&mut self, action: Action) {
        if self.screen.view != View::Articles && action != Action::OpenUrl {
            self.screen.set_message(Some(
                "that key works on the article list: 1 shows it".into(),
            ));
            return;
        }
        match action {
            Action::CycleSort => {
                let sort = self.sort().next();
                self.state.sort = Some(sort);
                self.journal.sort = Some(sort);
                self.save_requested = true;
                self.rearrange();
                let note = if self.search.results_for().is_empty() {
                    format!("sorted {}", sort.label())
                } else {
                    format!(
                        "sorted {} once the filter is cleared (a filter ranks by match)",
                        sort.label()
                    )
                };
                self.screen.set_message(Some(note));
            }
            Action::ToggleUnread => {
                self.unread_only = !self.unread_only;
                self.rearrange();
                let note = if self.unread_only {
                    "unread articles only (U shows all)"
                } else {
                    "all articles"
                };
                self.screen.set_message(Some(note.into()));
            }
            Action::MarkAllRead => self.mark_all_read(),
            Action::UndoMarks => self.undo_marks(),
            Action::NextArticle => self.open_next(1),
            Action::PrevArticle => self.open_next(-1),
            Action::OpenUrl => self.ask_open_url(),
            _ => {}
        }
    }

    /// `M`: every article listed marked read; `u` undoes it.
    fn mark_all_read(&mut self) {
        let listed: Vec<usize> = self.screen.list.matches.iter().map(|m| m.index).collect();
        let mut undo = Vec::new();
        for i in listed {
            if self.is_unread(i) {
                self.set_read(i, true);
                undo.push((i, false));
            }
        }
        let n = undo.len();
        let note = match n {
            0 => "every article listed was read already".to_owned(),
            1 => "marked 1 article read (u undoes)".to_owned(),
            n => format!("marked {n} articles read (u undoes)"),
        };
        if n > 0 {
            self.undo = Some(undo);
            self.save_requested = true;
        }
        self.screen.set_message(Some(note));
    }

    /// Remembers the marks `m` is about to change, for `u`.
    pub(super) fn note_marking(&mut self, index: usize, was_read: bool) {
        self.undo = Some(vec![(index, was_read)]);
    }

    /// `u`: the marks the last `m` or `M` changed, back as they were (and saved).
    fn undo_marks(&mut self) {
        let Some(undo) = self.undo.take() else {
            self.screen
                .set_message(Some("nothing to undo: u undoes the last m or M".into()));
            return;
        };
        let n = undo.len();
        for (i, read) in undo {
            self.set_read(i, read);
        }
        self.save_requested = true;
        let note = if n == 1 {
            "undone: 1 mark as it was".to_owned()
        } else {
            format!("undone: {n} marks as they were")
        };
        self.screen.set_message(Some(note));
    }

    /// `J` (`delta` 1) or `K` (-1): the next or previous article of the list opened, as Enter
    /// opens one (marked read), the keyboard staying in the reading or quote pane.
    fn open_next(&mut self, delta: isize) {
        let n = self.screen.list.matches.len();
        let from = self.screen.list.selected;
        let to = step(from, delta, n);
        let open = self.screen.reader.article;
        if n == 0 || (to == from && open == self.screen.list.selected_article()) {
            let note = if delta > 0 {
                "this is the last article of the list"
            } else {
                "this is the first article of the list"
            };
            self.screen.set_message(Some(note.into()));
            return;
        }
        self.select_row(to);
        if self.screen.focus == Focus::List {
            self.screen.focus = Focus::Reader;
        }
        if let Some(i) = self.screen.list.selected_article() {
            self.mark_opened(i);
        }
    }

    /// `o`: the URL of the article selected (list), open (reader, quote panel) or of the selected
    /// quote (Quotes view), for the event loop to open; without one, says so.
    fn ask_open_url(&mut self) {
        let index = match (self.screen.view, self.screen.focus) {
            (View::Articles, Focus::List) => self.screen.list.selected_article(),
            (View::Articles, _) => self.screen.reader.article,
            (View::Quotes, _) => self.quote_article(),
            (View::Speakers, _) => {
                self.screen.set_message(Some(
                    "o opens an article's URL: Enter shows this speaker's quotes".into(),
                ));
                return;
            }
        };
        let Some(article) = index.and_then(|i| self.library.article(i)) else {
            self.screen
                .set_message(Some("no article selected: its URL is what o opens".into()));
            return;
        };
        match &article.meta.url {
            Some(url) => self.url = Some(url.clone()),
            None => {
                let note = format!("“{}” has no URL to open", article.meta.title);
                self.screen.set_message(Some(note));
            }
        }
    }

    /// The URL `o` asked to open, once.
    pub fn take_url(&mut self) -> Option<String> {
        self.url.take()
    }

    /// Says how opening `url` went: `Ok` holds the program that opens it, `Err` what failed.
    pub fn opened(&mut self, url: &str, result: Result<String, String>) {
        let message = match result {
            Ok(program) => format!("Opening {url} with {program}"),
            Err(e) => format!("Could not open {url}: {e}"),
        };
        self.screen.set_message(Some(message));
    }
}

#[cfg(test)]
mod tests;
