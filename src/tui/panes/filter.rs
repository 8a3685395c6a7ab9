//! The filter line: the query being typed (or kept, or pasted), how many articles it matches, and
//! a note when the query reached its length limit.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::tui::app::App;
use crate::tui::panes::truncate;

/// The longest query, in characters. Longer ones find nothing more (no title, speaker or quote is
/// that long) and only cost time; what is typed or pasted past it is left out, with a note.
pub const MAX_QUERY: usize = 256;

/// Filter line state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterPane {
    /// The query ([`MAX_QUERY`] characters at most).
    pub query: String,
    /// True while the user is typing into it.
    pub editing: bool,
    /// True when the last text typed or pasted did not fit under [`MAX_QUERY`].
    pub capped: bool,
}

/// `query` cut to [`MAX_QUERY`] characters, and whether it had to be.
pub fn cap(mut query: String) -> (String, bool) {
    match query.char_indices().nth(MAX_QUERY) {
        Some((at, _)) => {
            query.truncate(at);
            (query, true)
        }
        None => (query, false),
    }
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
    let note = if app.filter.capped {
        format!(" {MAX_QUERY} characters at most ")
    } else {
        String::new()
    };
    // The note goes first when the line is too narrow for everything.
    let note = truncate(&note, usize::from(area.width).saturating_sub(2));
    let room = usize::from(area.width)
        .saturating_sub(count.width() + note.width())
        .saturating_sub(1);
    // Show the end of a long query: that is where the typing happens. Found from the end, in
    // one pass.
    let mut width = 0;
    let mut from = app.filter.query.len();
    for (at, ch) in app.filter.query.char_indices().rev() {
        width += ch.width().unwrap_or(0);
        if width > room.saturating_sub(1) {
            break;
        }
        from = at;
    }
    let shown = app.filter.query.get(from..).unwrap_or_default();
    let pad =
        usize::from(area.width).saturating_sub(1 + shown.width() + note.width() + count.width());
    let prompt = if app.filter.editing {
        theme.key()
    } else {
        theme.dim()
    };
    let line = Line::from(vec![
        Span::styled("/", prompt),
        Span::raw(shown.to_owned()),
        Span::raw(" ".repeat(pad)),
        Span::styled(note, theme.warning()),
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
