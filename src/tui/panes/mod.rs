//! The drawing of each part of the screen, from a small view of what it shows (never the App):
//! the article list, the reading pane, the quote panel, the filter line, the warning, the status
//! bar and the help overlay. Also what they share: a pane's frame and fitting text to columns.

pub mod filter;
pub mod help;
pub mod list;
pub mod quotes;
pub mod reader;
pub mod status;
pub mod warning;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_pads_by_display_width() {
        assert_eq!(fit("é", 3), "é  ");
    }
}
