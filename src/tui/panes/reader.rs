//! The reading pane: the open article, wrapped (by `tui::wrap`) to a comfortable measure and
//! centred; headings, captions and interview speakers styled, quotes and search hits highlighted,
//! a position indicator. Drawn from a [`ReaderView`].

use std::ops::Range;
use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::corpus::article::Article;
use crate::corpus::quote::{Field, Quote};
use crate::tui::layout::viewport;
use crate::tui::panes::pane_block;
use crate::tui::theme::Theme;
use crate::tui::wrap::{LineKind, LineText, Wrapped, WrappedLine};

/// The wrapping, where tests/wrap_properties.rs and the benches have always found it.
pub use crate::tui::wrap::wrap_ranges;

/// The article open in the reading pane.
pub struct OpenArticle<'a> {
    /// The article.
    pub article: &'a Article,
    /// It wrapped to the pane's measure (see [`viewport`]).
    pub wrapped: Rc<Wrapped>,
    /// Its quotes.
    pub quotes: &'a [Quote],
    /// Its text is not here: it is listed ahead of it, or the text was put away.
    pub waiting: bool,
    /// That text is on its way (else it could not be read).
    pub coming: bool,
}

/// What the reading pane shows.
pub struct ReaderView<'a> {
    /// The article open, if any.
    pub open: Option<OpenArticle<'a>>,
    /// Top line shown.
    pub top: usize,
    /// Search hits in the body (byte ranges).
    pub hits: &'a [Range<usize>],
    /// Search hits in the title.
    pub title_hits: &'a [Range<usize>],
    /// The hit `n`/`N` moved to.
    pub hit: Option<usize>,
    /// The quote the user jumped to (index into `quotes`).
    pub marked: Option<usize>,
    /// No list has been shown yet (keys wait for it).
    pub first_list_pending: bool,
    /// Articles are still loading.
    pub loading: bool,
    /// No article has been loaded (yet).
    pub no_articles: bool,
    /// Whether the pane has focus.
    pub focused: bool,
    /// Styles.
    pub theme: &'a Theme,
}

/// Splits `text[range]` into spans styled by `base` patched with every highlight covering them
/// (later highlights win).
pub fn styled_spans<'a>(
    text: &'a str,
    range: Range<usize>,
    base: Style,
    highlights: &[(Range<usize>, Style)],
) -> Vec<Span<'a>> {
    let mut cuts = vec![range.start, range.end];
    for (r, _) in highlights {
        if r.start < range.end && r.end > range.start {
            cuts.push(r.start.clamp(range.start, range.end));
            cuts.push(r.end.clamp(range.start, range.end));
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter_map(|w| {
            let (a, b) = (w[0], w[1]);
            let piece = text.get(a..b)?;
            let style = highlights
                .iter()
                .filter(|(r, _)| r.start <= a && r.end >= b)
                .fold(base, |s, (_, h)| s.patch(*h));
            Some(Span::styled(piece, style))
        })
        .collect()
}

/// Draws the reading pane.
pub fn render(frame: &mut Frame<'_>, area: Rect, view: &ReaderView<'_>) {
    let theme = view.theme;
    let mut block = pane_block("Article", view.focused, theme);
    let Some(open) = &view.open else {
        let loading = view.loading;
        let note = if view.first_list_pending || (loading && view.no_articles) {
            "Loading…"
        } else if view.no_articles {
            "The corpus has no articles. Add .txt or .md files to the folder, or run `aes-reader check`."
        } else if loading {
            "No article matches the filter so far; more are loading. Esc clears it."
        } else {
            "No article matches the filter. Esc clears it."
        };
        frame.render_widget(
            Paragraph::new(note)
                .style(theme.dim())
                .wrap(ratatui::widgets::Wrap { trim: true })
                .block(block),
            area,
        );
        return;
    };
    let (article, wrapped) = (open.article, &open.wrapped);
    let vp = viewport(area);
    let top = view.top.min(wrapped.max_top(vp.height));
    let total = wrapped.lines.len();
    let position = if total <= vp.height {
        "all".to_owned()
    } else if top == 0 {
        "top".to_owned()
    } else if top >= wrapped.max_top(vp.height) {
        "end".to_owned()
    } else {
        format!("{}%", (top + vp.height) * 100 / total.max(1))
    };
    let hits = if view.hits.is_empty() {
        String::new()
    } else {
        match view.hit {
            Some(h) => format!(" hit {}/{} ·", h + 1, view.hits.len()),
            None => {
                let n = view.hits.len();
                format!(" {n} hit{} (n/N) ·", if n == 1 { "" } else { "s" })
            }
        }
    };
    block = block.title_bottom(
        Line::from(format!(
            "{hits} {}/{total} {position} ",
            (top + 1).min(total)
        ))
        .right_aligned(),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let quotes = open.quotes;
    let mut body_hl: Vec<(Range<usize>, Style)> = Vec::new();
    let mut title_hl: Vec<(Range<usize>, Style)> = Vec::new();
    for (i, q) in quotes.iter().enumerate() {
        let style = if view.marked == Some(i) {
            theme.quote_marked()
        } else {
            theme.quote()
        };
        match q.field {
            Field::Body => body_hl.push((q.span.clone(), style)),
            Field::Title => title_hl.push((q.span.clone(), style)),
        }
    }
    for (i, r) in view.hits.iter().enumerate() {
        let style = if view.hit == Some(i) {
            theme.hit_current()
        } else {
            theme.hit()
        };
        body_hl.push((r.clone(), style));
    }
    title_hl.extend(view.title_hits.iter().map(|r| (r.clone(), theme.hit())));

    // Only the highlights on screen: a long article can have a hundred thousand hits, and every
    // line looks at each highlight it is given.
    let shown = wrapped.lines.get(top..).unwrap_or_default();
    let shown = shown.get(..vp.height.min(shown.len())).unwrap_or_default();
    let first = shown.iter().find_map(WrappedLine::body);
    let last = shown.iter().rev().find_map(WrappedLine::body);
    let body_span = first.zip(last).map(|(f, l)| f.start..l.end);
    body_hl.retain(|(r, _)| {
        body_span
            .as_ref()
            .is_some_and(|s| r.start < s.end && r.end > s.start)
    });
    let mut lines: Vec<Line<'_>> = shown
        .iter()
        .map(|l| {
            let base = match l.kind {
                LineKind::Title => theme.title(),
                LineKind::Meta | LineKind::Url | LineKind::Rule => theme.dim(),
                LineKind::Heading => theme.heading(),
                LineKind::Caption => theme.caption(),
                LineKind::Speaker => theme.speaker(),
                LineKind::Blank | LineKind::Paragraph | LineKind::Turn => Style::new(),
            };
            let mut spans = vec![Span::raw(" ".repeat(usize::from(l.indent)))];
            match &l.text {
                LineText::Title(r) => spans.extend(styled_spans(
                    &article.meta.title,
                    r.clone(),
                    base,
                    &title_hl,
                )),
                LineText::Body(r) => {
                    spans.extend(styled_spans(&article.body, r.clone(), base, &body_hl));
                }
                LineText::Owned(s) => spans.push(Span::styled(s.as_str(), base)),
            }
            Line::from(spans)
        })
        .collect();
    if open.waiting && lines.len() < vp.height {
        let note = if open.coming {
            "Loading the text…"
        } else {
            "The text of this article could not be read: `aes-reader check` says why."
        };
        lines.push(Line::default());
        lines.push(Line::styled(note, theme.dim()));
    }
    let text_area = Rect {
        x: inner.x.saturating_add(vp.left),
        width: inner
            .width
            .saturating_sub(vp.left)
            .min(u16::try_from(vp.measure).unwrap_or(u16::MAX)),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), text_area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_split_a_line_on_their_edges() {
        let text = "abc défghi";
        let spans = styled_spans(text, 0..text.len(), Style::new(), &[(4..7, Style::new())]);
        let parts: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(parts, vec!["abc ", "dé", "fghi"]);
    }
}
