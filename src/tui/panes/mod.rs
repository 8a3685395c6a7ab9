//! The drawing of each part of the screen, from a small view of what it shows (never the App):
//! the article list, the reading pane, the quote panel, the Quotes and Speakers views, the filter
//! line, the warning, the status bar and the help overlay. Also what they share: a pane's frame,
//! a view's frame with the tabs, and fitting text to columns.

pub mod filter;
pub mod help;
pub mod list;
pub mod quote_list;
pub mod quotes;
pub mod reader;
pub mod speakers;
pub mod status;
pub mod warning;

use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};
use unicode_width::UnicodeWidthStr;

use crate::tui::layout::{View, tabs};
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

/// The tabs of a title row (`active` highlighted, marked `▶` when `marked`), for a frame `width`
/// columns wide: see [`tabs`].
pub fn tab_title<'a>(active: View, marked: bool, width: u16, theme: &Theme) -> Line<'a> {
    let mut title: Vec<Span<'a>> = Vec::new();
    for (i, (view, label)) in tabs(active, marked, width).into_iter().enumerate() {
        if i > 0 {
            // One column between tabs, as `layout::tab_at` counts them.
            // The frame's own line: thick where the frame is (a marked tab's frame has focus).
            let (line, style) = if marked {
                ("━", theme.border_focused())
            } else {
                ("─", theme.border())
            };
            title.push(Span::styled(line, style));
        }
        let style = if view == active {
            theme.selected()
        } else {
            theme.dim()
        };
        title.push(Span::styled(label, style));
    }
    Line::from(title)
}

/// The frame of the Quotes or Speakers view, `width` columns wide: the three views as tabs in its
/// title row, `count` at the bottom right.
pub fn view_block<'a>(active: View, width: u16, count: String, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.border_focused())
        .title(tab_title(active, true, width, theme))
        .title_bottom(Line::from(format!(" {count} ")).right_aligned())
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
