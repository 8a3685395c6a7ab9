//! Layout and drawing of the whole screen: which panes fit at this size and where, a warning shown
//! whole above the status bar, the status bar, the help overlay and the "terminal too small"
//! notice. Reads the state, never changes it.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::tui::app::{App, Focus};
use crate::tui::keymap;
use crate::tui::panes::{filter, list, quotes, reader, truncate};

/// Below this many columns or rows, only a notice is drawn.
pub const MIN_SIZE: (u16, u16) = (20, 5);
/// Below this many columns or rows, only the focused pane is drawn.
pub const SINGLE_PANE: (u16, u16) = (40, 10);

/// Where each part of the screen goes; `None` for parts that do not fit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    /// Article list.
    pub list: Option<Rect>,
    /// Reading pane.
    pub reader: Option<Rect>,
    /// Quote panel.
    pub quotes: Option<Rect>,
    /// Filter line.
    pub filter: Option<Rect>,
    /// The warning, above the status bar.
    pub warning: Option<Rect>,
    /// Status bar.
    pub status: Option<Rect>,
    /// True when the terminal is too small for anything but a notice.
    pub too_small: bool,
}

fn split_rows(area: Rect, top: u16) -> (Rect, Rect) {
    let top = top.min(area.height);
    (
        Rect {
            height: top,
            ..area
        },
        Rect {
            y: area.y + top,
            height: area.height - top,
            ..area
        },
    )
}

fn split_cols(area: Rect, left: u16) -> (Rect, Rect) {
    let left = left.min(area.width);
    (
        Rect {
            width: left,
            ..area
        },
        Rect {
            x: area.x + left,
            width: area.width - left,
            ..area
        },
    )
}

/// Lays the screen out. Wide: list | reader | quotes. Medium: list | reader over quotes. Narrow:
/// list over reader over quotes. Small: the focused pane alone. Tiny: a notice.
/// `list_rows` is how many rows the list would like (the stacked layout gives it no more);
/// `warning_rows` how many the warning would like (it gets a third of the screen at most).
pub fn layout(
    area: Rect,
    focus: Focus,
    filter_shown: bool,
    list_rows: usize,
    warning_rows: usize,
) -> Areas {
    let (w, h) = (area.width, area.height);
    if w < MIN_SIZE.0 || h < MIN_SIZE.1 {
        return Areas {
            too_small: true,
            ..Areas::default()
        };
    }
    let (main, status) = split_rows(area, h - 1);
    let warning_rows = u16::try_from(warning_rows)
        .unwrap_or(u16::MAX)
        .min((h / 3).max(1));
    let (main, warning) = if warning_rows > 0 {
        let (m, r) = split_rows(main, main.height.saturating_sub(warning_rows));
        (m, Some(r))
    } else {
        (main, None)
    };
    let (main, filter) = if filter_shown {
        let (m, f) = split_rows(main, main.height.saturating_sub(1));
        (m, Some(f))
    } else {
        (main, None)
    };
    let mut areas = Areas {
        status: Some(status),
        filter,
        warning,
        ..Areas::default()
    };
    // The reader or the quotes in one region, as focus says (quotes replace the reader when there
    // is no room for both).
    let one_of = |areas: &mut Areas, r: Rect| {
        if focus == Focus::Quotes {
            areas.quotes = Some(r);
        } else {
            areas.reader = Some(r);
        }
    };
    if w < SINGLE_PANE.0 || h < SINGLE_PANE.1 {
        match focus {
            Focus::List => areas.list = Some(main),
            _ => one_of(&mut areas, main),
        }
    } else if w < 100 {
        // The focused pane gets the room: the list shrinks to its selected row while reading.
        let wanted = u16::try_from(list_rows.saturating_add(2)).unwrap_or(u16::MAX);
        let list_h = if focus == Focus::List {
            wanted.min(main.height / 3).max(3)
        } else {
            3
        };
        let (l, rest) = split_rows(main, list_h);
        areas.list = Some(l);
        if main.height >= 20 {
            let q = if focus == Focus::Quotes {
                rest.height / 2
            } else {
                (rest.height / 3).clamp(4, 10)
            };
            let (r, qa) = split_rows(rest, rest.height - q);
            areas.reader = Some(r);
            areas.quotes = Some(qa);
        } else {
            one_of(&mut areas, rest);
        }
    } else if w < 160 {
        let (l, right) = split_cols(main, (w * 2 / 5).clamp(30, 60));
        areas.list = Some(l);
        if main.height >= 18 {
            let q = (main.height / 3).clamp(5, 14);
            let (r, qa) = split_rows(right, right.height - q);
            areas.reader = Some(r);
            areas.quotes = Some(qa);
        } else {
            one_of(&mut areas, right);
        }
    } else {
        // The reader needs its measure plus margins and borders; the list takes what is left.
        let q = (w / 4).clamp(34, 56);
        let reader_w = u16::try_from(reader::MEASURE + 6).unwrap_or(86);
        let list_w = w.saturating_sub(q + reader_w).clamp(36, 72);
        let (l, rest) = split_cols(main, list_w);
        let (r, qa) = split_cols(rest, rest.width - q);
        areas.list = Some(l);
        areas.reader = Some(r);
        areas.quotes = Some(qa);
    }
    areas
}

/// Draws the whole screen.
pub fn render(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    let warning = app
        .warning
        .as_deref()
        .map(|w| warning_lines(w, usize::from(area.width)))
        .unwrap_or_default();
    let areas = layout(
        area,
        app.focus,
        app.filter.shown(),
        app.list.matches.len(),
        warning.len(),
    );
    if areas.too_small {
        let note = format!(
            "Terminal too small ({}x{}); aes-reader needs at least {}x{}.",
            area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
        );
        frame.render_widget(
            Paragraph::new(note)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    if let Some(r) = areas.list {
        list::render(frame, r, app, app.focus == Focus::List);
    }
    if let Some(r) = areas.reader {
        reader::render(frame, r, app, app.focus == Focus::Reader);
    }
    if let Some(r) = areas.quotes {
        let name_of = |id: &crate::corpus::ArticleId| {
            app.article_by_id(id.as_str()).map(|a| a.meta.title.clone())
        };
        let view = quotes::PanelView {
            quotes: app.current_quotes(),
            state: app.quotes_pane,
            article_open: app.reader.article.is_some(),
            corpus_has_quotes: app.corpus_has_quotes,
            loading: app.loading_progress().is_some(),
            focused: app.focus == Focus::Quotes,
            theme: &app.theme,
            name_of: &name_of,
        };
        quotes::render(frame, r, &view);
    }
    if let Some(r) = areas.filter {
        filter::render(frame, r, app);
    }
    if let Some(r) = areas.warning {
        render_warning(frame, r, &warning, &app.theme);
    }
    if let Some(r) = areas.status {
        render_status(frame, r, app);
    }
    if app.help {
        render_help(frame, area, app);
    }
}

fn render_status(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let theme = &app.theme;
    let width = usize::from(area.width);
    let mut hints: Vec<Span<'_>> = Vec::new();
    let mut hints_w = 0;
    for (key, hint) in keymap::hints(app.context()) {
        let w = key.width() + hint.width() + 3;
        // Keep a third of the bar for the corpus summary.
        if hints_w + w > width * 2 / 3 {
            break;
        }
        hints.push(Span::styled(key, theme.key().patch(theme.status())));
        hints.push(Span::raw(format!(" {hint}  ")));
        hints_w += w;
    }
    let left = if let Some(m) = &app.message {
        Span::raw(format!(" {m}"))
    } else {
        let n = app.articles().len();
        let read = app.read_count();
        let bad = app.rejected;
        let bad = if bad > 0 {
            format!(
                " · {bad} bad file{} (aes-reader check)",
                if bad == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        };
        let loading = app
            .loading_progress()
            .map(|(n, of)| format!(" · loading {n}/{of}"))
            .unwrap_or_default();
        let counts = format!(
            " {n} article{} · {read} read{bad}{loading}",
            if n == 1 { "" } else { "s" }
        );
        let origin = format!(" · {}", app.origin);
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

/// The rows of a warning at `width` columns: all of it (a file name in it must be readable whole),
/// then how to hide it. Characters a terminal would act on are left out.
pub fn warning_lines(warning: &str, width: usize) -> Vec<String> {
    let text: String = warning
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| crate::corpus::sanitize::is_safe_char(*c))
        .collect();
    let text = format!("⚠ {text} (Esc hides this.)");
    // Broken at spaces only, so a path stays whole on its row when it fits one.
    let options = textwrap::Options::new(width.saturating_sub(2).max(1))
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(&text, options)
        .into_iter()
        .map(|l| format!(" {l}"))
        .collect()
}

/// Draws the warning's rows in `area`; when they do not all fit, the last row shown ends in `…`.
fn render_warning(
    frame: &mut Frame<'_>,
    area: Rect,
    lines: &[String],
    theme: &crate::tui::theme::Theme,
) {
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

fn render_help(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let theme = &app.theme;
    let rows = keymap::help_rows();
    let key_w = rows
        .iter()
        .filter_map(|(k, _)| k.as_ref().map(|k| k.width()))
        .max()
        .unwrap_or(8);
    let w = area.width.saturating_sub(4).min(70);
    let h = area
        .height
        .saturating_sub(2)
        .min(u16::try_from(rows.len() + 2).unwrap_or(u16::MAX));
    if w < 10 || h < 3 {
        return;
    }
    let popup = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    let inner_h = usize::from(h - 2);
    let scroll = app.help_scroll.min(rows.len().saturating_sub(inner_h));
    let text_w = usize::from(w - 2);
    let lines: Vec<Line<'_>> = rows
        .iter()
        .skip(scroll)
        .take(inner_h)
        .map(|(keys, help)| match keys {
            None => Line::from(Span::styled(truncate(help, text_w), theme.heading())),
            Some(k) => {
                let pad = " ".repeat(key_w.saturating_sub(k.width()));
                Line::from(vec![
                    Span::styled(format!("  {k}{pad}  "), theme.key()),
                    Span::raw(truncate(help, text_w.saturating_sub(key_w + 4))),
                ])
            }
        })
        .collect();
    let more = if scroll + inner_h < rows.len() {
        " j/k scroll ·"
    } else {
        ""
    };
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.border_focused())
        .title(" Keys ")
        .title_bottom(Line::from(format!("{more} Esc closes ")).right_aligned());
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
