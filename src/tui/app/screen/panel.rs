//! The quote panel's state rules: its order (the quotes of the speaker the filter names first),
//! the selection moving through quotes, through the rows of a quote taller than the panel and
//! through its opened "also in" list, keeping the selection in view, clicks, and marking a quote in
//! the text. Given the open article's quotes, never the library.

use ratatui::layout::Rect;

use super::Screen;
use crate::corpus::article::Article;
use crate::corpus::quote::{Field, Quote};
use crate::tui::layout::{Focus, keep_visible_by, step};
use crate::tui::quote_text::{item_height, sub_row};

impl Screen {
    /// The quote panel's area, as it would be with the panel shown.
    fn panel_area(&self) -> Option<Rect> {
        self.layout_for(Focus::Quotes).quotes
    }

    /// Text columns and rows inside the panel.
    fn panel_size(&self) -> (usize, usize) {
        self.panel_area().map_or((1, 1), |a| {
            (
                usize::from(a.width.saturating_sub(2)),
                usize::from(a.height.saturating_sub(2)),
            )
        })
    }

    /// Rows of the item at position `pos` among `quotes`, as drawn now.
    fn panel_height(&self, quotes: &[Quote], pos: usize, width: usize) -> usize {
        let selected = pos == self.quotes.selected;
        quotes
            .get(self.panel.quote_at(pos))
            .map_or(0, |q| item_height(q, width, selected, self.panel.open))
    }

    /// Scrolls the quote panel so its selected quote (of `quotes`) shows, and keeps a quote taller
    /// than the panel scrolled no further than its end.
    pub(super) fn keep_quote_visible(&mut self, quotes: &[Quote]) {
        let Some(area) = self.panel_area() else {
            return;
        };
        // Wrapping quotes to measure them is the dearest part of a key: skipped when nothing it
        // depends on has changed (typing into the filter, say).
        let key = (
            self.reader.article,
            area,
            self.quotes.selected,
            self.quotes.offset,
        );
        if self.quotes_laid_out == Some(key) {
            return;
        }
        let (width, rows) = self.panel_size();
        let selected = self.quotes.selected;
        // Measured on demand: an article with thousands of quotes costs no more per key.
        self.quotes.offset = keep_visible_by(
            quotes.len(),
            |i| self.panel_height(quotes, i, width),
            selected,
            self.quotes.offset,
            rows,
        );
        let tall = self.panel_height(quotes, selected, width);
        self.panel.line = self.panel.line.min(tall.saturating_sub(rows));
        self.quotes_laid_out = Some((key.0, key.1, key.2, self.quotes.offset));
    }

    /// The panel changed in a way its offset depends on: worked out again.
    fn panel_moved(&mut self, quotes: &[Quote]) {
        self.quotes_laid_out = None;
        self.keep_quote_visible(quotes);
    }

    /// Scrolls a selected quote taller than the panel so its part `sub` shows.
    fn reveal_sub(&mut self, q: &Quote) {
        let (width, rows) = self.panel_size();
        let row = sub_row(q, width, self.panel.sub);
        if row < self.panel.line {
            self.panel.line = row;
        } else if row >= self.panel.line + rows {
            self.panel.line = row + 1 - rows.max(1);
        }
    }

    /// Moves the quote selection by `delta` (`isize::MIN`/`MAX`: first/last) among `quotes`. One
    /// step goes through the selected quote first: the articles of its open "also in" list, the
    /// rows of a quote taller than the panel; then to the next quote.
    pub fn move_quote(&mut self, delta: isize, quotes: &[Quote]) {
        let (width, rows) = self.panel_size();
        let pos = self.quotes.selected;
        if let Some(q) = quotes.get(self.panel.quote_at(pos)) {
            let listed = if self.panel.open { q.also_in.len() } else { 0 };
            let tall = item_height(q, width, true, self.panel.open);
            let within = match delta {
                1 if self.panel.sub < listed => {
                    self.panel.sub += 1;
                    self.reveal_sub(q);
                    true
                }
                1 if tall > rows && self.panel.line + rows < tall => {
                    self.panel.line += 1;
                    true
                }
                -1 if self.panel.sub > 0 => {
                    self.panel.sub -= 1;
                    self.reveal_sub(q);
                    true
                }
                -1 if self.panel.line > 0 => {
                    self.panel.line -= 1;
                    true
                }
                _ => false,
            };
            if within {
                self.panel_moved(quotes);
                return;
            }
        }
        self.quotes.selected = step(pos, delta, quotes.len());
        if self.quotes.selected != pos {
            self.close_also_in();
        }
        self.panel_moved(quotes);
    }

    fn close_also_in(&mut self) {
        self.panel.open = false;
        self.panel.sub = 0;
        self.panel.line = 0;
    }

    /// Opens (`true`) or closes the selected quote's "also in" list, as a tree does: opening an
    /// open list selects its first article, closing from an article goes back to the quote. True
    /// when something changed.
    pub fn open_also_in(&mut self, open: bool, quotes: &[Quote]) -> bool {
        let Some(q) = quotes.get(self.panel.quote_at(self.quotes.selected)) else {
            return false;
        };
        if q.also_in.is_empty() {
            return false;
        }
        match (open, self.panel.open, self.panel.sub) {
            (true, false, _) => self.panel.open = true,
            (true, true, 0) => self.panel.sub = 1,
            (false, _, 1..) => self.panel.sub = 0,
            (false, true, 0) => self.panel.open = false,
            _ => return false,
        }
        self.reveal_sub(q);
        self.panel_moved(quotes);
        true
    }

    /// The selected quote (a quote number of the open article) and what is selected in it (0 the
    /// quote, `k` the `k`-th article of its "also in" list).
    pub fn selected_quote(&self) -> (usize, usize) {
        (self.panel.quote_at(self.quotes.selected), self.panel.sub)
    }

    /// Selects quote `quote` (a quote number of the open article) in the panel.
    pub fn select_quote(&mut self, quote: usize, quotes: &[Quote]) {
        self.quotes.selected = self.panel.position_of(quote);
        self.close_also_in();
        self.panel_moved(quotes);
    }

    /// Sets the speaker the filter names (`None`: none) and shows their quotes of `quotes` first.
    /// The selection stays on the quote it was on, unless it was on the first: then the first in
    /// the new order.
    pub fn set_named(&mut self, name: Option<String>, quotes: &[Quote]) {
        if self.panel.named == name {
            return;
        }
        self.panel.named = name;
        self.order_panel(quotes);
    }

    /// Orders the panel's `quotes`: the named speaker's first, the rest in the article's order.
    pub fn order_panel(&mut self, quotes: &[Quote]) {
        let (current, first) = (
            self.panel.quote_at(self.quotes.selected),
            self.quotes.selected == 0 && self.panel.sub == 0,
        );
        let named = |q: &Quote| self.panel.is_named(q.speaker.as_deref());
        self.panel.order = if quotes.iter().any(named) {
            let (mut order, rest): (Vec<usize>, Vec<usize>) =
                (0..quotes.len()).partition(|&i| named(&quotes[i]));
            order.extend(rest);
            order
        } else {
            Vec::new()
        };
        if !first {
            self.quotes.selected = self.panel.position_of(current);
        }
        self.panel_moved(quotes);
    }

    /// Marks quote `i` of `quotes` (those of `article`, the one open) and scrolls to it.
    pub fn jump_to_quote(&mut self, i: usize, article: Option<&Article>, quotes: &[Quote]) {
        let Some(q) = quotes.get(i) else {
            return;
        };
        self.reader.marked = Some(i);
        match q.field {
            Field::Title => self.set_top(0, article),
            Field::Body => {
                if let Some(w) = self.wrapped(article) {
                    self.reveal_line(w.line_of_body(q.span.start), article);
                }
            }
        }
    }

    /// Selects the quote (of `quotes`, in the quote panel at `area`), or the article of its open
    /// "also in" list, drawn on row `y`, if any.
    pub fn click_quote(&mut self, y: u16, area: Rect, quotes: &[Quote]) {
        let width = usize::from(area.width.saturating_sub(2));
        let selected = self.quotes.selected;
        let mut row = usize::from(area.y) + 1;
        let y = usize::from(y);
        for pos in self.quotes.offset..quotes.len() {
            if row > y {
                break;
            }
            let Some(q) = quotes.get(self.panel.quote_at(pos)) else {
                break;
            };
            // The selected quote, first on screen and taller than the panel, starts `line` down.
            let skip = if pos == selected && pos == self.quotes.offset {
                self.panel.line
            } else {
                0
            };
            let h = item_height(q, width, pos == selected, self.panel.open).saturating_sub(skip);
            if y < row + h {
                if pos == selected && self.panel.open {
                    let at = y - row + skip;
                    self.panel.sub = (1..=q.also_in.len())
                        .find(|&k| sub_row(q, width, k) == at)
                        .unwrap_or(0);
                } else {
                    self.quotes.selected = pos;
                    self.close_also_in();
                }
                self.panel_moved(quotes);
                break;
            }
            row += h;
        }
    }
}
