//! The Quotes view: every quote of the corpus, one row each (date, outlet, speaker, the words,
//! kind and confidence), the same words printed by several outlets as one row that opens to a line
//! per printing (date, outlet, title); below, the selected quote whole. Drawn from a
//! [`QuoteListView`].

use std::collections::BTreeSet;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::corpus::article::Article;
use crate::corpus::quote::{Confidence, Quote};
use crate::corpus::quotebook::{Quotebook, Row};
use crate::corpus::sanitize;
use crate::tui::layout::{Item, Scroll, View, row_lines, table};
use crate::tui::panes::quotes::{NameOf, item_lines};
use crate::tui::panes::{fit, truncate, view_block};
use crate::tui::quote_text::{confidence_mark, has_marks, why_rows, words};
use crate::tui::theme::Theme;

/// Where the quotebook is, for the notes of an empty view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookState {
    /// Articles are still loading: `(loaded, total)`.
    Loading(usize, usize),
    /// Loading is done, the book is being built.
    Building,
    /// Its thread stopped on an error.
    Stopped,
    /// Built.
    Ready,
}

impl BookState {
    /// What an empty view says in this state (`None` when built).
    pub fn note(self) -> Option<String> {
        match self {
            BookState::Loading(n, of) => Some(format!(
                "Loading… {n}/{of} articles. Who said what is worked out once every article is in."
            )),
            BookState::Building => Some("Building the quote index…".into()),
            BookState::Stopped => Some(
                "The quote index stopped on an internal error; restart the reader. Please report it."
                    .into(),
            ),
            BookState::Ready => None,
        }
    }
}

/// What the Quotes view shows.
pub struct QuoteListView<'a> {
    /// The book, once built.
    pub book: Option<&'a Quotebook>,
    /// Where the book is.
    pub state: BookState,
    /// Every article (the book's rows point into them).
    pub articles: &'a [Article],
    /// Their quotes.
    pub quotes: &'a [Vec<Quote>],
    /// The table's lines.
    pub items: &'a [Item],
    /// Selection and first line shown.
    pub scroll: Scroll,
    /// Rows opened to their printings (by the user, and for the question asked).
    pub expanded: &'a BTreeSet<u32>,
    /// See `expanded`.
    pub auto_open: &'a BTreeSet<u32>,
    /// The speaker the filter names (their name reads as a search hit).
    pub named: Option<u32>,
    /// A filter or a speaker narrows the rows.
    pub filtered: bool,
    /// The rows answer a question (before the first answer there are none to show).
    pub answered: bool,
    /// Titles for "also in".
    pub name_of: NameOf<'a>,
    /// Styles.
    pub theme: &'a Theme,
}

impl QuoteListView<'_> {
    fn quote(&self, (a, q): (u32, u32)) -> Option<(&Article, &Quote)> {
        let article = self.articles.get(a as usize)?;
        let quote = self.quotes.get(a as usize)?.get(q as usize)?;
        Some((article, quote))
    }

    fn row(&self, r: u32) -> Option<&Row> {
        self.book?.rows().get(r as usize)
    }
}

/// The date, or a dash.
fn date_of(article: &Article) -> String {
    article
        .meta
        .date
        .map_or_else(|| "—".to_owned(), |d| d.to_string())
}

/// The outlet, or a dash.
fn outlet_of(article: &Article) -> String {
    article
        .meta
        .source
        .as_deref()
        .map_or_else(|| "—".to_owned(), |o| sanitize::one_line(o).into_owned())
}

/// How a row's printings read: `3 outlets` when each is another outlet's, else `3 articles`;
/// `▸` closed, `▾` opened.
fn printed_by(view: &QuoteListView<'_>, r: u32, row: &Row) -> String {
    let outlets: Vec<Option<&str>> = row
        .printings()
        .map(|(a, _)| {
            view.articles
                .get(a as usize)
                .and_then(|x| x.meta.source.as_deref())
        })
        .collect();
    let mut known: Vec<&str> = outlets.iter().flatten().copied().collect();
    known.sort_unstable();
    known.dedup();
    let n = outlets.len();
    let what = if known.len() == n {
        format!("{n} outlets")
    } else {
        format!("{n} articles")
    };
    let open = view.expanded.contains(&r) || view.auto_open.contains(&r);
    let sign = if open { "▾" } else { "▸" };
    format!("{sign} {what}")
}

/// The speaker's span: the name, `(unattributed)`, a description in its own style, a guess with `?`;
/// the named speaker as a search hit.
fn speaker_span(view: &QuoteListView<'_>, row: &Row, quote: &Quote, width: usize) -> Span<'static> {
    let theme = view.theme;
    let speaker = row
        .speaker
        .and_then(|s| view.book?.speakers().get(s as usize));
    let low = quote.evidence.as_ref().map(|e| e.confidence) == Some(Confidence::Low);
    let (text, mut style) = match speaker {
        None => (truncate("(unattributed)", width), theme.dim()),
        Some(s) if low => (
            format!(
                "{}?",
                truncate(&sanitize::one_line(&s.name), width.saturating_sub(1))
            ),
            theme.speaker_guess(),
        ),
        Some(s) if !s.named => (
            sanitize::one_line(&s.name).into_owned(),
            theme.description(),
        ),
        Some(s) => (sanitize::one_line(&s.name).into_owned(), theme.speaker()),
    };
    if row.speaker.is_some() && row.speaker == view.named {
        style = style.patch(theme.hit());
    }
    Span::styled(fit(&text, width), style)
}

/// The words' style: the quote style for words printed in marks, the reported style otherwise.
fn words_style(quote: &Quote, theme: &Theme) -> Style {
    if has_marks(quote.kind) {
        theme.quote()
    } else {
        theme.reported()
    }
}

/// Kind and confidence, `direct ●●●`.
fn kind_of(quote: &Quote) -> String {
    let confidence = quote
        .evidence
        .as_ref()
        .map(|e| format!(" {}", confidence_mark(e.confidence)))
        .unwrap_or_default();
    format!("{}{confidence}", quote.kind.name())
}

/// Columns of a wide table that do not grow: the date, the kind and confidence.
const DATE: usize = 10;
const KIND: usize = 14;

/// Widths of the wide table's columns that grow with it: the outlet, the speaker, and the words
/// (the rest).
struct Cols {
    outlet: usize,
    speaker: usize,
    words: usize,
}

fn cols(width: usize) -> Cols {
    let outlet = (width / 9).clamp(14, 22);
    let speaker = (width / 7).clamp(22, 32);
    Cols {
        outlet,
        speaker,
        words: width.saturating_sub(2 + DATE + 1 + outlet + 1 + speaker + 1 + 1 + KIND),
    }
}

/// The lines of one item at `width` columns (one in a wide table, two in a narrow one; a printing
/// one).
fn item_lines_at(
    view: &QuoteListView<'_>,
    item: Item,
    width: usize,
    wide: bool,
) -> Vec<Line<'static>> {
    let theme = view.theme;
    let Some(row) = view.row(item.row()) else {
        return vec![Line::default()];
    };
    match item {
        Item::Printing(_, k) => {
            let Some((article, _)) = row.printings().nth(k as usize).and_then(|p| view.quote(p))
            else {
                return vec![Line::default()];
            };
            let title = sanitize::one_line(&article.meta.title).into_owned();
            let outlet_w = cols(width).outlet;
            let spans = if wide {
                vec![
                    Span::raw("  "),
                    Span::styled(fit(&date_of(article), DATE), theme.dim()),
                    Span::raw(" "),
                    Span::styled(fit(&outlet_of(article), outlet_w), theme.dim()),
                    Span::raw(" └ "),
                    Span::raw(truncate(
                        &title,
                        width.saturating_sub(2 + DATE + 1 + outlet_w + 3),
                    )),
                ]
            } else {
                let head = format!("    └ {} · {} · ", date_of(article), outlet_of(article));
                let rest = width.saturating_sub(head.width());
                vec![
                    Span::styled(head, theme.dim()),
                    Span::raw(truncate(&title, rest)),
                ]
            };
            vec![Line::from(spans)]
        }
        Item::Row(r) => {
            let Some((article, quote)) = view.quote(row.first) else {
                return vec![Line::default()];
            };
            let outlet = if row.also.is_empty() {
                outlet_of(article)
            } else {
                printed_by(view, r, row)
            };
            let style = words_style(quote, theme);
            let text = sanitize::one_line(&words(quote)).into_owned();
            if wide {
                let Cols {
                    outlet: outlet_w,
                    speaker: speaker_w,
                    words: words_w,
                } = cols(width);
                vec![Line::from(vec![
                    Span::raw("  "),
                    Span::styled(fit(&date_of(article), DATE), theme.dim()),
                    Span::raw(" "),
                    Span::styled(fit(&outlet, outlet_w), theme.dim()),
                    Span::raw(" "),
                    speaker_span(view, row, quote, speaker_w),
                    Span::raw(" "),
                    Span::styled(fit(&text, words_w), style),
                    Span::raw(" "),
                    Span::styled(fit(&kind_of(quote), KIND), theme.dim()),
                ])]
            } else {
                let tail = format!(" · {} · {} · {}", date_of(article), outlet, kind_of(quote));
                let room = width.saturating_sub(2 + tail.width()).max(8.min(width));
                let speaker = speaker_span(view, row, quote, room);
                let speaker = Span::styled(speaker.content.trim_end().to_owned(), speaker.style);
                vec![
                    Line::from(vec![
                        Span::raw("  "),
                        speaker,
                        Span::styled(
                            truncate(&tail, width.saturating_sub(2 + room.min(width))),
                            theme.dim(),
                        ),
                    ]),
                    Line::from(vec![
                        Span::raw("  "),
                        Span::styled(truncate(&text, width.saturating_sub(2)), style),
                    ]),
                ]
            }
        }
    }
}

/// The header line of a wide table.
fn header(width: usize, theme: &Theme) -> Line<'static> {
    let Cols {
        outlet,
        speaker,
        words: words_w,
    } = cols(width);
    Line::from(Span::styled(
        format!(
            "  {} {} {} {} {}",
            fit("Date", DATE),
            fit("Outlet", outlet),
            fit("Speaker", speaker),
            fit("Words (Space: every outlet)", words_w),
            fit("Kind", KIND)
        ),
        theme.heading(),
    ))
}

/// The count at the bottom right.
fn count(view: &QuoteListView<'_>) -> String {
    let total = view.book.map_or(0, |b| b.rows().len());
    let shown = view
        .items
        .iter()
        .filter(|i| matches!(i, Item::Row(_)))
        .count();
    if view.book.is_none() {
        String::new()
    } else if view.filtered {
        format!("{shown} of {total} quotes")
    } else {
        format!("{total} quotes")
    }
}

/// Draws the Quotes view: the table in `area`, the selected quote in `detail` when given.
pub fn render(frame: &mut Frame<'_>, area: Rect, detail: Option<Rect>, view: &QuoteListView<'_>) {
    let theme = view.theme;
    let block = view_block(View::Quotes, area.width, count(view), theme);
    frame.render_widget(block, area);
    let t = table(area);
    let width = usize::from(t.body.width);
    let note = match (view.state.note(), view.book) {
        (Some(note), _) => Some(note),
        (None, Some(book)) if book.rows().is_empty() => Some("No quotes in this corpus.".into()),
        (None, _) if view.items.is_empty() && !view.answered => Some("…".into()),
        (None, _) if view.items.is_empty() => {
            Some("No quote matches. Esc clears the filter.".into())
        }
        _ => None,
    };
    if let Some(note) = note {
        let inner = Block::bordered().inner(area);
        frame.render_widget(
            Paragraph::new(note)
                .style(theme.dim())
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    if let Some(h) = t.header {
        frame.render_widget(Paragraph::new(header(width, theme)), h);
    }
    let mut lines = Vec::new();
    let rows = usize::from(t.body.height);
    for (i, item) in view.items.iter().enumerate().skip(view.scroll.offset) {
        if lines.len() >= rows {
            break;
        }
        let drawn = item_lines_at(view, *item, width, t.wide);
        debug_assert_eq!(
            drawn.len(),
            row_lines(t.wide, matches!(item, Item::Printing(..)))
        );
        if i == view.scroll.selected {
            let marked: Vec<Line<'static>> = drawn
                .into_iter()
                .enumerate()
                .map(|(n, mut l)| {
                    if n == 0 {
                        if let Some(first) = l.spans.first_mut() {
                            *first = Span::raw("▶ ");
                        }
                    }
                    l.style(theme.selected())
                })
                .collect();
            lines.extend(marked);
        } else {
            lines.extend(drawn);
        }
    }
    frame.render_widget(Paragraph::new(lines), t.body);
    if let Some(d) = detail {
        render_detail(frame, d, view);
    }
}

/// The selected quote whole: speaker, kind, confidence, why, the words, where else printed.
fn render_detail(frame: &mut Frame<'_>, area: Rect, view: &QuoteListView<'_>) {
    let theme = view.theme;
    let block = Block::bordered()
        .border_style(theme.border())
        .title(" Selected quote · Enter opens it in its article · y copies its citation ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let item = view.items.get(view.scroll.selected).copied();
    let printing = item.and_then(|i| {
        let row = view.row(i.row())?;
        match i {
            Item::Row(_) => Some(row.first),
            Item::Printing(_, k) => row.printings().nth(k as usize),
        }
    });
    let Some((article, quote)) = printing.and_then(|p| view.quote(p)) else {
        return;
    };
    let width = usize::from(inner.width);
    let mut lines = item_lines(quote, width, false, theme, view.name_of);
    let why: Vec<Line<'_>> = why_rows(quote, width)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, theme.dim())))
        .collect();
    lines.splice(1..1, why);
    let source = format!(
        "  {} · {} · {}",
        outlet_of(article),
        date_of(article),
        sanitize::one_line(&article.meta.title)
    );
    lines.insert(
        1,
        Line::from(Span::styled(truncate(&source, width), theme.dim())),
    );
    frame.render_widget(Paragraph::new(lines), inner);
}
