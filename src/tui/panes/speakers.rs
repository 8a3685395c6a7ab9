//! The Speakers view: everyone quoted (a name, or a description of an anonymous source in its own
//! style), with their quote and article counts, first and last date, a per-month sparkline, the
//! outlets quoting them and their other spellings. Drawn from a [`SpeakersView`].

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::corpus::quotebook::{Quotebook, Speaker};
use crate::corpus::sanitize;
use crate::tui::layout::{Scroll, View, table};
use crate::tui::panes::quote_list::BookState;
use crate::tui::panes::{fit, truncate, view_block};
use crate::tui::theme::Theme;

/// What the Speakers view shows.
pub struct SpeakersView<'a> {
    /// The book, once built.
    pub book: Option<&'a Quotebook>,
    /// Where the book is.
    pub state: BookState,
    /// The speakers shown, in order.
    pub speakers: &'a [u32],
    /// Selection and first row shown.
    pub scroll: Scroll,
    /// A filter narrows the list.
    pub filtered: bool,
    /// The list answers a question (before the first answer there is none to show).
    pub answered: bool,
    /// Styles.
    pub theme: &'a Theme,
}

/// The bars of a sparkline, lowest first.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The last `width` values as a sparkline: a bar as high as the value against the highest shown,
/// a space for none.
pub fn sparkline(values: &[u32], width: usize) -> String {
    let shown = &values[values.len().saturating_sub(width)..];
    let max = shown.iter().copied().max().unwrap_or(0).max(1);
    shown
        .iter()
        .map(|&v| {
            if v == 0 {
                ' '
            } else {
                // 1..=8 eighths of the highest, never 0 for a month with a quote.
                let level = (u64::from(v) * 8).div_ceil(u64::from(max)).clamp(1, 8);
                BARS[usize::try_from(level - 1).unwrap_or(0)]
            }
        })
        .collect()
}

/// `first–last`, or one date when they are the same, or a dash.
fn dates(s: &Speaker) -> String {
    match (s.first, s.last) {
        (Some(f), Some(l)) if f == l => f.to_string(),
        (Some(f), Some(l)) => format!("{f}–{l}"),
        _ => "—".to_owned(),
    }
}

/// The first outlets that fit `width` columns, then `+N` for the others.
pub fn outlets(list: &[String], width: usize) -> String {
    let mut out = String::new();
    for (i, o) in list.iter().enumerate() {
        let o = sanitize::one_line(o);
        let more = list.len() - i - 1;
        let sep = if out.is_empty() { "" } else { ", " };
        let tail = if more > 0 {
            format!(" +{more}")
        } else {
            String::new()
        };
        if out.width() + sep.width() + o.width() + tail.width() > width {
            if out.is_empty() {
                // Not even the first fits: it is cut, the count stays.
                let room = width.saturating_sub(tail.width());
                return format!("{}{tail}", truncate(&o, room));
            }
            return truncate(&format!("{out} +{}", list.len() - i), width);
        }
        out.push_str(sep);
        out.push_str(&o);
    }
    out
}

/// Columns of a wide table that do not grow.
const QUOTES: usize = 6;
const ARTICLES: usize = 8;
const DATES: usize = 21;
const SPARK: usize = 12;

/// Widths of the wide table's columns that grow with it: the name, the outlets, and the other
/// spellings (the rest).
struct Cols {
    name: usize,
    outlets: usize,
    rest: usize,
}

fn cols(width: usize) -> Cols {
    let name = (width / 5).clamp(24, 40);
    let outlets = (width / 6).clamp(16, 32);
    let fixed = 2 + name + 1 + QUOTES + 1 + ARTICLES + 1 + DATES + 1 + SPARK + 1 + outlets + 1;
    Cols {
        name,
        outlets,
        rest: width.saturating_sub(fixed),
    }
}

fn name_span(s: &Speaker, width: usize, theme: &Theme) -> Span<'static> {
    let style = if s.named {
        theme.speaker()
    } else {
        theme.description()
    };
    Span::styled(fit(&sanitize::one_line(&s.name), width), style)
}

fn aliases(s: &Speaker) -> String {
    s.aliases
        .iter()
        .map(|a| sanitize::one_line(a).into_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The lines of one speaker at `width` columns (one wide, two narrow).
fn lines_of(s: &Speaker, width: usize, wide: bool, theme: &Theme) -> Vec<Line<'static>> {
    if wide {
        let Cols {
            name,
            outlets: outlets_w,
            rest,
        } = cols(width);
        vec![Line::from(vec![
            Span::raw("  "),
            name_span(s, name, theme),
            Span::raw(format!(" {:>QUOTES$} {:>ARTICLES$} ", s.quotes, s.articles)),
            Span::styled(fit(&dates(s), DATES), theme.dim()),
            Span::raw(" "),
            Span::styled(fit(&sparkline(&s.per_month, SPARK), SPARK), theme.quote()),
            Span::raw(" "),
            Span::styled(fit(&outlets(&s.outlets, outlets_w), outlets_w), theme.dim()),
            Span::raw(" "),
            Span::styled(fit(&aliases(s), rest), theme.dim()),
        ])]
    } else {
        let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        let counts = format!(
            " · {} · {} ",
            plural(s.quotes, "quote"),
            plural(s.articles, "article")
        );
        let spark = sparkline(&s.per_month, 8);
        let room = width.saturating_sub(2 + counts.width() + spark.width());
        let name = name_span(s, room.max(8.min(width)), theme);
        let name = Span::styled(name.content.trim_end().to_owned(), name.style);
        let used = 2 + name.width();
        // What is known of them, a dash when nothing is.
        let mut known: Vec<String> = Vec::new();
        if s.first.is_some() {
            known.push(dates(s));
        }
        if !s.outlets.is_empty() {
            known.push(outlets(&s.outlets, 28));
        }
        if !s.aliases.is_empty() {
            known.push(format!("aka {}", aliases(s)));
        }
        if known.is_empty() {
            known.push("—".to_owned());
        }
        let second = format!("    {}", known.join(" · "));
        vec![
            Line::from(vec![
                Span::raw("  "),
                name,
                Span::raw(truncate(&counts, width.saturating_sub(used))),
                Span::styled(
                    truncate(&spark, width.saturating_sub(used + counts.width())),
                    theme.quote(),
                ),
            ]),
            Line::from(Span::styled(truncate(&second, width), theme.dim())),
        ]
    }
}

/// The header line of a wide table.
fn header(width: usize, theme: &Theme) -> Line<'static> {
    let Cols {
        name,
        outlets,
        rest,
    } = cols(width);
    Line::from(Span::styled(
        format!(
            "  {} {:>QUOTES$} {:>ARTICLES$} {} {} {} {}",
            fit("Speaker", name),
            "Quotes",
            "Articles",
            fit("First–last quoted", DATES),
            fit("Per month", SPARK),
            fit("Outlets", outlets),
            fit("Also written", rest)
        ),
        theme.heading(),
    ))
}

/// Draws the Speakers view in `area`.
pub fn render(frame: &mut Frame<'_>, area: Rect, view: &SpeakersView<'_>) {
    let theme = view.theme;
    let total = view.book.map_or(0, |b| b.speakers().len());
    let count = match view.book {
        None => String::new(),
        Some(_) if view.filtered => format!("{} of {total} speakers", view.speakers.len()),
        Some(_) => format!("{total} speakers"),
    };
    frame.render_widget(view_block(View::Speakers, area.width, count, theme), area);
    let t = table(area);
    let note = match (view.state.note(), view.book) {
        (Some(note), _) => Some(note),
        (None, Some(book)) if book.speakers().is_empty() => {
            Some("No one is quoted in this corpus.".into())
        }
        (None, _) if view.speakers.is_empty() && !view.answered => Some("…".into()),
        (None, _) if view.speakers.is_empty() => {
            Some("No speaker matches. Esc clears the filter.".into())
        }
        _ => None,
    };
    if let Some(note) = note {
        frame.render_widget(
            Paragraph::new(note)
                .style(theme.dim())
                .wrap(Wrap { trim: true }),
            Block::bordered().inner(area),
        );
        return;
    }
    let Some(book) = view.book else {
        return;
    };
    let width = usize::from(t.body.width);
    if let Some(h) = t.header {
        frame.render_widget(Paragraph::new(header(width, theme)), h);
    }
    let rows = usize::from(t.body.height);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, &s) in view.speakers.iter().enumerate().skip(view.scroll.offset) {
        if lines.len() >= rows {
            break;
        }
        let Some(sp) = book.speakers().get(s as usize) else {
            continue;
        };
        let mut drawn = lines_of(sp, width, t.wide, theme);
        if i == view.scroll.selected {
            if let Some(first) = drawn.first_mut().and_then(|l| l.spans.first_mut()) {
                *first = Span::raw("▶ ");
            }
            drawn = drawn
                .into_iter()
                .map(|l| l.style(theme.selected()))
                .collect();
        }
        lines.extend(drawn);
    }
    frame.render_widget(Paragraph::new(lines), t.body);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sparkline_scales_to_the_highest_month_and_leaves_empty_months_blank() {
        assert_eq!(sparkline(&[1, 0, 4, 8], 12), "▁ ▄█");
        assert_eq!(sparkline(&[3], 12), "█");
        assert_eq!(sparkline(&[], 12), "");
        // Only the last months that fit.
        assert_eq!(sparkline(&[8, 0, 0, 1, 2], 2), "▄█");
        // A month with one quote among months with many still shows a bar.
        assert_eq!(sparkline(&[1, 100], 2), "▁█");
    }

    #[test]
    fn outlets_show_the_first_that_fit_then_how_many_more() {
        let list: Vec<String> = ["DW", "abamako.com", "Sahel Hebdo", "Radio Dune"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            outlets(&list, 60),
            "DW, abamako.com, Sahel Hebdo, Radio Dune"
        );
        assert_eq!(outlets(&list, 20), "DW, abamako.com +2");
        assert_eq!(outlets(&list, 6), "DW +3");
        assert_eq!(outlets(&[], 10), "");
        // A first outlet too long for the column is cut, never replaced by the count alone.
        let long = ["Actualités Express".to_owned(), "DW".to_owned()];
        assert_eq!(outlets(&long, 16), "Actualités E… +1");
    }
}
