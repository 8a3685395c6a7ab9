//! Editing the filter line of the view shown: typing and deleting at the cursor, moving it, and
//! walking the past filters (kept per corpus in the state, shared by the three views' lines) with
//! `↑`/`↓`. A filter kept with Enter joins the past filters and is saved.

use crate::corpus::sanitize::is_safe_char;
use crate::corpus::state::remember;
use crate::tui::action::{Action, Edit};
use crate::tui::app::App;
use crate::tui::app::screen::MAX_QUERY;
use crate::tui::layout::View;

/// `text` without what typing could not put in a query (control characters, line breaks, tabs).
fn typable(text: &str) -> String {
    text.chars()
        .filter(|&c| is_safe_char(c) && c != '\n' && c != '\t')
        .collect()
}

impl App {
    /// Applies a typed character, Backspace or an [`Edit`] to the filter line of the view shown.
    pub(super) fn edit_filter(&mut self, action: Action) {
        let filter = self.screen.active_filter();
        let edited = match action {
            // What the terminal would act on never goes into the query (it is drawn).
            Action::FilterInput(c) if !is_safe_char(c) || c == '\n' || c == '\t' => return,
            Action::FilterInput(c) if filter.query.chars().count() >= MAX_QUERY => {
                // Full: the query stays as it is, with the note that it is.
                let full = format!("{}{c}", filter.query);
                self.set_active_query(full);
                return;
            }
            Action::FilterInput(c) => filter.typed(c),
            Action::FilterBackspace => filter.backspaced(),
            Action::FilterEdit(edit @ (Edit::Older | Edit::Newer)) => {
                self.walk_history(edit == Edit::Older);
                return;
            }
            Action::FilterEdit(edit) => filter.edited(edit),
            _ => return,
        };
        let (query, cursor) = edited;
        self.set_active_query(query);
        let filter = self.screen.active_filter_mut();
        filter.at = Some(cursor);
        filter.browsing = None;
    }

    /// Sets the query of the view shown (the article search or the quotebook asked).
    fn set_active_query(&mut self, query: String) {
        match self.screen.view {
            View::Articles => self.set_query(query),
            _ => self.set_view_query(query),
        }
    }

    /// `↑` (older) or `↓` (newer): the next past filter in that direction, skipping one equal to
    /// the query shown; past the newest, what was typed before `↑`.
    fn walk_history(&mut self, older: bool) {
        let history = &self.state.history;
        let filter = self.screen.active_filter();
        let current = filter.query.clone();
        let (mut at, draft) = match (&filter.browsing, older) {
            (Some((at, draft)), _) => (Some(*at), draft.clone()),
            (None, true) => (None, current.clone()),
            (None, false) => return,
        };
        let next = loop {
            let step = match (at, older) {
                (None, _) => history.len().checked_sub(1),
                (Some(i), true) => i.checked_sub(1),
                (Some(i), false) => Some(i + 1).filter(|&j| j < history.len()),
            };
            match step {
                Some(i) if history[i] == current => at = Some(i),
                other => break other,
            }
        };
        let (query, browsing) = match next {
            // The state file is text from outside: only what could be typed is drawn.
            Some(i) => (typable(&history[i]), Some((i, draft))),
            // Past the oldest: stay on it.
            None if older => {
                if filter.browsing.is_none() {
                    self.screen
                        .set_message(Some("no past filters yet: Enter keeps one".into()));
                }
                return;
            }
            None => (draft, None),
        };
        self.set_active_query(query);
        let filter = self.screen.active_filter_mut();
        filter.at = None;
        filter.browsing = browsing;
    }

    /// Enter on the filter line: it closes, and a query kept joins the past filters (saved).
    pub(super) fn accept_filter(&mut self) {
        let filter = self.screen.active_filter_mut();
        filter.editing = false;
        filter.browsing = None;
        let query = filter.query.clone();
        if !query.trim().is_empty() && self.state.history.last() != Some(&query) {
            remember(&mut self.state.history, &query);
            self.journal.history.push(query);
            self.save_requested = true;
        }
    }
}

#[cfg(test)]
mod tests;
