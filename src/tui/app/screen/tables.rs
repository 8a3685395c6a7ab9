//! The Quotes and Speakers views' tables as the screen state sees them: keeping the selection in
//! view, a page of rows, and which row a click lands on. The lines a row takes come from
//! `layout::row_lines`, which the drawing uses too.

use super::Screen;
use crate::tui::app::views::Item;
use crate::tui::layout::{self, Table, View, keep_visible_by, row_lines};

impl Screen {
    /// The table of the view shown, when it is the Quotes or Speakers view and on screen.
    pub fn table(&self) -> Option<Table> {
        match self.view {
            View::Articles => None,
            _ => self.areas().view.map(layout::table),
        }
    }

    /// Lines of row `i` of the view shown.
    fn lines_of(&self, wide: bool, i: usize) -> usize {
        let sub = self.view == View::Quotes
            && matches!(self.quotes_view.items.get(i), Some(Item::Printing(..)));
        row_lines(wide, sub)
    }

    /// Rows of the view shown.
    fn rows_shown(&self) -> usize {
        match self.view {
            View::Articles => 0,
            View::Quotes => self.quotes_view.items.len(),
            View::Speakers => self.speakers.results.speakers.len(),
        }
    }

    /// Scrolls the view shown so its selected row shows.
    pub fn keep_view_visible(&mut self) {
        let Some(t) = self.table() else {
            return;
        };
        let n = self.rows_shown();
        let scroll = match self.view {
            View::Quotes => self.quotes_view.scroll,
            View::Speakers => self.speakers.scroll,
            View::Articles => return,
        };
        let offset = keep_visible_by(
            n,
            |i| self.lines_of(t.wide, i),
            scroll.selected,
            scroll.offset,
            usize::from(t.body.height),
        );
        match self.view {
            View::Quotes => self.quotes_view.scroll.offset = offset,
            View::Speakers => self.speakers.scroll.offset = offset,
            View::Articles => {}
        }
    }

    /// Rows a page of the view shown holds (at least one).
    pub fn view_page(&self) -> usize {
        self.table()
            .map_or(1, |t| {
                usize::from(t.body.height) / row_lines(t.wide, false).max(1)
            })
            .max(1)
    }

    /// The row of the view shown drawn at screen row `y`, if any.
    pub fn view_row_at(&self, y: u16) -> Option<usize> {
        let t = self.table()?;
        if y < t.body.y || y >= t.body.y + t.body.height {
            return None;
        }
        let offset = match self.view {
            View::Quotes => self.quotes_view.scroll.offset,
            View::Speakers => self.speakers.scroll.offset,
            View::Articles => return None,
        };
        let mut line = usize::from(t.body.y);
        for i in offset..self.rows_shown() {
            let next = line + self.lines_of(t.wide, i);
            if usize::from(y) < next {
                return Some(i);
            }
            line = next;
        }
        None
    }
}
