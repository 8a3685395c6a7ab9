//! The filter line: the query being typed (or kept), and how many articles it matches.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::tui::app::App;

/// Filter line state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterPane {
    /// The query.
    pub query: String,
    /// True while the user is typing into it.
    pub editing: bool,
}

impl FilterPane {
    /// True when the line takes a row: being edited or holding a query.
    pub fn shown(&self) -> bool {
        self.editing || !self.query.is_empty()
    }
}

/// Draws the filter line: `/query▏` on the left, `n/m` matches on the right.
pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = &app.theme;
    // While the search thread works on what was just typed, the count says so.
    let found = if app.results_for == app.filter.query && app.results_complete {
        app.list.matches.len().to_string()
    } else {
        "…".to_owned()
    };
    let count = format!(" {found}/{} ", app.articles().len());
    let room = usize::from(area.width)
        .saturating_sub(count.width())
        .saturating_sub(1);
    // Show the end of a long query: that is where the typing happens.
    let mut shown: &str = &app.filter.query;
    while shown.width() > room.saturating_sub(1) {
        let mut chars = shown.chars();
        chars.next();
        shown = chars.as_str();
        if shown.is_empty() {
            break;
        }
    }
    let pad = usize::from(area.width).saturating_sub(1 + shown.width() + count.width());
    let prompt = if app.filter.editing {
        theme.key()
    } else {
        theme.dim()
    };
    let line = Line::from(vec![
        Span::styled("/", prompt),
        Span::raw(shown.to_owned()),
        Span::raw(" ".repeat(pad)),
        Span::styled(count, theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    if app.filter.editing {
        let x = area
            .x
            .saturating_add(1)
            .saturating_add(u16::try_from(shown.width()).unwrap_or(u16::MAX));
        if x < area.right() {
            frame.set_cursor_position(Position { x, y: area.y });
        }
    }
}
