//! The status bar: a message about the last action, or the corpus summary (articles, read, bad
//! files, loading progress, where it comes from), then the keys of the focused pane. Drawn from a
//! [`StatusView`].

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::tui::keymap::{self, Context};
use crate::tui::panes::truncate;
use crate::tui::theme::Theme;

/// What the status bar shows.
pub struct StatusView<'a> {
    /// Whose keys to show.
    pub context: Context,
    /// A message about the last action, shown instead of the summary.
    pub message: Option<&'a str>,
    /// Articles loaded.
    pub articles: usize,
    /// Articles marked read, among them.
    pub read: usize,
    /// Files that could not be loaded.
    pub rejected: usize,
    /// `(loaded, total)` while loading.
    pub loading: Option<(usize, usize)>,
    /// Where the corpus comes from.
    pub origin: &'a str,
    /// Styles.
    pub theme: &'a Theme,
}

/// Draws the status bar in `area`.
pub fn render(frame: &mut Frame<'_>, area: Rect, view: &StatusView<'_>) {
    let theme = view.theme;
    let width = usize::from(area.width);
    let mut hints: Vec<Span<'_>> = Vec::new();
    let mut hints_w = 0;
    for (key, hint) in keymap::hints(view.context) {
        let w = key.width() + hint.width() + 3;
        // Keep a third of the bar for the corpus summary.
        if hints_w + w > width * 2 / 3 {
            break;
        }
        hints.push(Span::styled(key, theme.key().patch(theme.status())));
        hints.push(Span::raw(format!(" {hint}  ")));
        hints_w += w;
    }
    let left = if let Some(m) = view.message {
        Span::raw(format!(" {m}"))
    } else {
        let n = view.articles;
        let read = view.read;
        let bad = view.rejected;
        let bad = if bad > 0 {
            format!(
                " · {bad} bad file{} (aes-reader check)",
                if bad == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        };
        let loading = view
            .loading
            .map(|(n, of)| format!(" · loading {n}/{of}"))
            .unwrap_or_default();
        let counts = format!(
            " {n} article{} · {read} read{bad}{loading}",
            if n == 1 { "" } else { "s" }
        );
        let origin = format!(" · {}", view.origin);
        // The corpus source only when it fits whole: a cut path helps no one.
        if counts.width() + origin.width() + hints_w < width {
            Span::raw(counts + &origin)
        } else {
            Span::raw(counts)
        }
    };
    let left_w = width.saturating_sub(hints_w).saturating_sub(1);
    let left = Span::styled(truncate(&left.content, left_w), left.style);
    let pad = width.saturating_sub(left.width() + hints_w);
    let mut spans = vec![left, Span::raw(" ".repeat(pad))];
    spans.extend(hints);
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(theme.status()),
        area,
    );
}
