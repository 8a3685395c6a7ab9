//! The warning above the status bar (a state file set aside, the search thread stopped): its rows,
//! already wrapped, and a `…` when they do not all fit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::panes::truncate;
use crate::tui::theme::Theme;

/// Draws the warning's rows in `area`; when they do not all fit, the last row shown ends in `…`.
pub fn render(frame: &mut Frame<'_>, area: Rect, lines: &[String], theme: &Theme) {
    let rows = usize::from(area.height);
    let width = usize::from(area.width);
    let mut shown: Vec<Line<'_>> = Vec::with_capacity(rows);
    for (i, l) in lines.iter().take(rows).enumerate() {
        let text = if i + 1 == rows && lines.len() > rows {
            // More follows: the row ends in `…` whether or not it had to be cut.
            let cut = truncate(l, width.saturating_sub(1));
            if cut.ends_with('…') {
                cut
            } else {
                format!("{cut}…")
            }
        } else {
            truncate(l, width)
        };
        shown.push(Line::from(Span::styled(text, theme.warning())));
    }
    frame.render_widget(Paragraph::new(shown), area);
}
