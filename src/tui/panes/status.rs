//! The status bar, in order of priority: the corpus problems (`2 bad files: aes-reader check`,
//! never cut), the filter and pane keys, then the rest: a message about the last action or the
//! corpus summary (articles, read, loading progress, where it comes from) and the other keys of
//! the focused pane. Drawn from a [`StatusView`].

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::tui::keymap::{Context, Keymap};
use crate::tui::panes::truncate;
use crate::tui::theme::Theme;

/// What the status bar shows.
pub struct StatusView<'a> {
    /// Whose keys to show.
    pub context: Context,
    /// The keys in effect.
    pub keymap: &'a Keymap,
    /// What is wrong with the configuration file, in full (`config error: FILE:LINE:COL what —
    /// defaults in use; aes-reader config check`) and short (the file's name, no what), never cut
    /// for the keys: the full one when it leaves the keys a third of the bar.
    pub config_note: Option<(&'a str, &'a str)>,
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

/// The hints that show before the others when the bar is short: the filter and moving between
/// panes, the two a new user reaches for first (whatever their keys).
const FIRST_HINTS: [&str; 2] = ["filter", "pane"];

/// What a file that could not be loaded means for the user, and what to run to know why.
fn bad_note(rejected: usize) -> Option<String> {
    (rejected > 0).then(|| {
        format!(
            "{rejected} bad file{}: aes-reader check",
            if rejected == 1 { "" } else { "s" }
        )
    })
}

/// The notes that are never cut for the keys: the corpus problems and what is wrong with the
/// configuration file (in full when that leaves a third of the `width` to the keys).
fn notes(view: &StatusView<'_>, width: usize) -> Option<String> {
    let bad = bad_note(view.rejected);
    let bad_w = bad.as_ref().map_or(0, |b| b.width() + 3);
    let config = view.config_note.map(|(full, short)| {
        if bad_w + full.width() + 2 <= width * 2 / 3 {
            full.to_owned()
        } else {
            short.to_owned()
        }
    });
    match (config, bad) {
        (Some(c), Some(b)) => Some(format!("{c} · {b}")),
        (c, b) => c.or(b),
    }
}

/// The keys of `hints` that fit in `room` columns, in their own order, chosen by priority: the
/// filter and pane keys first, then the others in order as long as they fit.
fn fitting_hints(hints: Vec<(String, &'static str)>, room: usize) -> Vec<(String, &'static str)> {
    let w = |(key, hint): &(String, &str)| key.width() + hint.width() + 3;
    let first = |h: &str| FIRST_HINTS.contains(&h);
    let mut keep = vec![false; hints.len()];
    let mut used = 0;
    let by_priority = (0..hints.len())
        .filter(|&i| first(hints[i].1))
        .chain((0..hints.len()).filter(|&i| !first(hints[i].1)));
    for i in by_priority {
        let need = w(&hints[i]);
        if used + need <= room {
            keep[i] = true;
            used += need;
        }
    }
    hints
        .into_iter()
        .zip(keep)
        .filter_map(|(h, k)| k.then_some(h))
        .collect()
}

/// The bar's text left of the keys, at most `room` columns: the corpus problems first and whole,
/// then the message (or the counts, loading progress and corpus source), cut when they must be.
fn summary(view: &StatusView<'_>, notes: Option<&str>, room: usize) -> String {
    let rest = if let Some(m) = view.message {
        m.to_owned()
    } else {
        let n = view.articles;
        let loading = view
            .loading
            .map(|(n, of)| format!(" · loading {n}/{of}"))
            .unwrap_or_default();
        format!(
            "{n} article{} · {} read{loading}",
            if n == 1 { "" } else { "s" },
            view.read
        )
    };
    let head = match notes {
        Some(b) => format!(" {b} · {rest}"),
        None => format!(" {rest}"),
    };
    // The corpus source only when it fits whole: a cut path helps no one.
    let origin = format!(" · {}", view.origin);
    if view.message.is_none() && head.width() + origin.width() <= room {
        return head + &origin;
    }
    // The note goes first, so only what follows it is cut (on a bar too short even for the note,
    // the keys have already given way to it).
    truncate(&head, room)
}

/// Draws the status bar in `area`.
pub fn render(frame: &mut Frame<'_>, area: Rect, view: &StatusView<'_>) {
    let theme = view.theme;
    let width = usize::from(area.width);
    // The corpus problems and the configuration file's are never cut: the keys get what they
    // leave (a third of the bar is kept for the summary when there are none).
    let notes = notes(view, width);
    let note_w = notes.as_ref().map_or(0, |b| b.width() + 2);
    let room = (width * 2 / 3).min(width.saturating_sub(note_w + 1));
    let mut hints: Vec<Span<'_>> = Vec::new();
    let mut hints_w = 0;
    for (key, hint) in fitting_hints(view.keymap.hints(view.context), room) {
        hints_w += key.width() + hint.width() + 3;
        hints.push(Span::styled(key, theme.key().patch(theme.status())));
        hints.push(Span::raw(format!(" {hint}  ")));
    }
    let left = summary(
        view,
        notes.as_deref(),
        width.saturating_sub(hints_w).saturating_sub(1),
    );
    let pad = width.saturating_sub(left.width() + hints_w);
    let mut spans = vec![Span::raw(left), Span::raw(" ".repeat(pad))];
    spans.extend(hints);
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(theme.status()),
        area,
    );
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;

    fn bar(width: u16, rejected: usize, message: Option<&str>) -> String {
        let theme = Theme::new(true);
        let keymap = Keymap::default();
        let view = StatusView {
            context: Context::List,
            keymap: &keymap,
            config_note: None,
            message,
            articles: 5000,
            read: 120,
            rejected,
            loading: None,
            origin: "/home/someone/corpus",
            theme: &theme,
        };
        let mut t = Terminal::new(TestBackend::new(width, 1)).unwrap();
        t.draw(|f| render(f, f.area(), &view)).unwrap();
        t.backend().to_string()
    }

    #[test]
    fn at_80_columns_the_bar_keeps_the_bad_files_whole_and_the_filter_and_pane_keys() {
        for message in [None, Some("copied the citation of the quote")] {
            let line = bar(80, 2, message);
            assert!(line.contains(" 2 bad files: aes-reader check"), "{line}");
            assert!(line.contains("/ filter"), "{line}");
            assert!(line.contains("Tab pane"), "{line}");
        }
        let line = bar(80, 1, None);
        assert!(line.contains(" 1 bad file: aes-reader check"), "{line}");
        // Without bad files, help shows too.
        let line = bar(80, 0, None);
        for hint in ["/ filter", "Tab pane", "? help", "5000 articles · 120 read"] {
            assert!(line.contains(hint), "{hint:?} not in {line}");
        }
    }

    #[test]
    fn a_wide_bar_shows_every_key_and_the_corpus_source() {
        let line = bar(200, 2, None);
        assert!(line.contains("/home/someone/corpus"), "{line}");
        for (key, hint) in Keymap::default().hints(Context::List) {
            assert!(
                line.contains(&format!("{key} {hint}")),
                "{key} {hint} not in {line}"
            );
        }
    }
}
