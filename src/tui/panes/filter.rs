//! The filter line: the query being typed (or kept, or pasted), what else narrows the view (the
//! Quotes view's speaker), how many articles (quotes, speakers) it matches, and a note when the
//! query reached its length limit. Drawn from a [`FilterView`].

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::tui::panes::truncate;
use crate::tui::theme::Theme;

/// What the filter line shows.
pub struct FilterView<'a> {
    /// The query.
    pub query: &'a str,
    /// What else narrows the view, shown before the query (`speaker: Sergueï Lavrov`).
    pub label: Option<&'a str>,
    /// True while the user is typing into it.
    pub editing: bool,
    /// Where the cursor is, in characters from the start of the query.
    pub cursor: usize,
    /// The query reached its length limit, [`FilterView::max`] characters.
    pub capped: bool,
    /// The longest query, in characters.
    pub max: usize,
    /// How many articles match it; `None` while the search thread works on it.
    pub found: Option<usize>,
    /// How many articles there are.
    pub total: usize,
    /// Styles.
    pub theme: &'a Theme,
}

/// Draws the filter line: `/query` on the left with the terminal's cursor in it while editing,
/// `n/m` matches on the right.
pub fn render(frame: &mut Frame<'_>, area: Rect, view: &FilterView<'_>) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = view.theme;
    // While the search thread works on what was just typed, the count says so.
    let found = view.found.map_or_else(|| "…".to_owned(), |n| n.to_string());
    let count = format!(" {found}/{} ", view.total);
    let note = if view.capped {
        format!(" {} characters at most ", view.max)
    } else {
        String::new()
    };
    // The note goes first when the line is too narrow for everything.
    let note = truncate(&note, usize::from(area.width).saturating_sub(2));
    // A label alone (a speaker, nothing typed) needs no prompt after it.
    let alone = view.label.is_some() && view.query.is_empty() && !view.editing;
    let label = view
        .label
        .map(|l| {
            let l = if alone {
                l.to_owned()
            } else {
                format!("{l} · ")
            };
            truncate(&l, usize::from(area.width) / 2)
        })
        .unwrap_or_default();
    let slash = if alone { "" } else { "/" };
    let room = usize::from(area.width)
        .saturating_sub(count.width() + note.width() + label.width())
        .saturating_sub(1);
    // Show the end of a long query: that is where the typing happens. Found from the end, in
    // one pass.
    let mut width = 0;
    let mut from = view.query.len();
    for (at, ch) in view.query.char_indices().rev() {
        width += ch.width().unwrap_or(0);
        if width > room.saturating_sub(1) {
            break;
        }
        from = at;
    }
    // The cursor moved left of what shows: show from the cursor on, as much as fits.
    let cursor = view
        .query
        .char_indices()
        .nth(view.cursor)
        .map_or(view.query.len(), |(at, _)| at);
    let mut end = view.query.len();
    if cursor < from {
        from = cursor;
        let mut width = 0;
        end = view.query[from..]
            .char_indices()
            .find(|(_, ch)| {
                width += ch.width().unwrap_or(0);
                width > room.saturating_sub(1)
            })
            .map_or(view.query.len(), |(at, _)| from + at);
    }
    let shown = view.query.get(from..end).unwrap_or_default();
    let before_cursor = view.query.get(from..cursor).unwrap_or_default();
    let pad = usize::from(area.width)
        .saturating_sub(slash.len() + label.width() + shown.width() + note.width() + count.width());
    let prompt = if view.editing {
        theme.key()
    } else {
        theme.dim()
    };
    let line = Line::from(vec![
        Span::styled(label.clone(), theme.heading()),
        Span::styled(slash, prompt),
        Span::raw(shown.to_owned()),
        Span::raw(" ".repeat(pad)),
        Span::styled(note, theme.warning()),
        Span::styled(count, theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    if view.editing {
        let x = area
            .x
            .saturating_add(1)
            .saturating_add(u16::try_from(label.width()).unwrap_or(u16::MAX))
            .saturating_add(u16::try_from(before_cursor.width()).unwrap_or(u16::MAX));
        if x < area.right() {
            frame.set_cursor_position(Position { x, y: area.y });
        }
    }
}
