//! The panes of the screen, each with its state and its drawing: the article list, the reading pane,
//! the quote panel and the filter line.

pub mod filter;
pub mod list;
pub mod quotes;
pub mod reader;

use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType};
use unicode_width::UnicodeWidthStr;

use crate::tui::theme::Theme;

/// A pane's frame: thick and bright when focused (so focus shows without colour too).
pub fn pane_block<'a>(title: &'a str, focused: bool, theme: &Theme) -> Block<'a> {
    let (style, kind, marker) = if focused {
        (theme.border_focused(), BorderType::Thick, "▶ ")
    } else {
        (theme.border(), BorderType::Plain, "")
    };
    Block::bordered()
        .border_type(kind)
        .border_style(style)
        .title(Line::from(format!(" {marker}{title} ")))
}

pub use crate::corpus::text::truncate;

/// `s` padded with spaces to `width` display columns (truncated first when wider).
pub fn fit(s: &str, width: usize) -> String {
    let t = truncate(s, width);
    let pad = width.saturating_sub(t.width());
    format!("{t}{}", " ".repeat(pad))
}

/// The first row to show so that rows `selected` (with the given heights) is visible, moving the
/// previous `offset` as little as possible.
pub fn keep_visible(heights: &[usize], selected: usize, offset: usize, height: usize) -> usize {
    if heights.is_empty() || height == 0 {
        return 0;
    }
    let selected = selected.min(heights.len() - 1);
    let mut offset = offset.min(selected);
    while offset < selected && heights[offset..=selected].iter().sum::<usize>() > height {
        offset += 1;
    }
    // Never leave empty rows at the bottom while rows above are hidden.
    while offset > 0 && heights[offset - 1..].iter().sum::<usize>() <= height {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_pads_by_display_width() {
        assert_eq!(fit("é", 3), "é  ");
    }

    #[test]
    fn the_selected_row_stays_in_view() {
        assert_eq!(keep_visible(&[1; 10], 9, 0, 4), 6);
        assert_eq!(keep_visible(&[1; 10], 2, 6, 4), 2);
        assert_eq!(keep_visible(&[3, 3, 3], 2, 0, 4), 2);
        assert_eq!(keep_visible(&[], 2, 5, 4), 0);
        // Room below pulls hidden rows back into view.
        assert_eq!(keep_visible(&[1; 5], 2, 2, 10), 0);
    }
}
