//! The reading pane: the article wrapped with textwrap to a comfortable measure (cached per width),
//! headings, captions and interview speakers styled, quotes and search hits highlighted, a position
//! indicator. Positions are [`Anchor`]s so they survive a change of width.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use textwrap::WordSeparator;
use textwrap::core::{Word, break_words};
use textwrap::wrap_algorithms::wrap_first_fit;

use crate::corpus::article::{Article, BlockKind};
use crate::corpus::quote::Field;
use crate::corpus::state::Anchor;
use crate::tui::app::App;
use crate::tui::panes::pane_block;

/// The widest the text gets, in columns: lines longer than this are tiring to read.
pub const MEASURE: usize = 80;

/// What a wrapped line shows, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// The headline.
    Title,
    /// Outlet · date · author.
    Meta,
    /// The URL.
    Url,
    /// The rule under the header.
    Rule,
    /// Space between blocks.
    Blank,
    /// A section heading.
    Heading,
    /// Running text.
    Paragraph,
    /// A photo caption.
    Caption,
    /// An interview speaker's name, before their turn.
    Speaker,
    /// Text of an interview turn.
    Turn,
}

/// Where a line's text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineText {
    /// A byte range of the title.
    Title(Range<usize>),
    /// A byte range of the body.
    Body(Range<usize>),
    /// Text made for display (meta line, speaker label, rule).
    Owned(String),
}

/// One line of the wrapped article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedLine {
    /// The position this line starts (not unique: a blank line shares its next block's key).
    pub key: Anchor,
    /// What it is.
    pub kind: LineKind,
    /// Its text.
    pub text: LineText,
    /// Columns of indent before the text.
    pub indent: u16,
}

impl WrappedLine {
    /// The body bytes this line shows, when it shows body text.
    fn body(&self) -> Option<&Range<usize>> {
        match &self.text {
            LineText::Body(r) => Some(r),
            _ => None,
        }
    }
}

/// An article wrapped to one measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    /// The measure it was wrapped to.
    pub measure: usize,
    /// The lines, top to bottom.
    pub lines: Vec<WrappedLine>,
    /// The indices of the body lines, in order (their body ranges start in increasing order).
    body_lines: Vec<usize>,
}

/// Byte ranges of the lines of `text` wrapped to `width` columns (display width, so accents, no-break
/// spaces and wide characters count right). Words wider than the line are broken; lines never end
/// with the spaces that separated them from the next.
pub fn wrap_ranges(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut base = 0;
    for line in text.split('\n') {
        let words = glue_french_marks(line, WordSeparator::AsciiSpace.find_words(line).collect());
        let words = break_words(words, width);
        let mut starts = Vec::with_capacity(words.len());
        let mut pos = 0;
        for w in &words {
            starts.push(pos);
            pos += w.word.len() + w.whitespace.len();
        }
        // Precision loss is impossible for widths a terminal can have.
        #[allow(clippy::cast_precision_loss)]
        let lines = wrap_first_fit(&words, &[width as f64]);
        let mut i = 0;
        let before = out.len();
        for l in lines {
            if l.is_empty() {
                continue;
            }
            let last = i + l.len() - 1;
            let (Some(&start), Some(&last_start), Some(last_word)) =
                (starts.get(i), starts.get(last), words.get(last))
            else {
                break;
            };
            out.push(base + start..base + last_start + last_word.word.len());
            i += l.len();
        }
        if out.len() == before {
            out.push(base..base);
        }
        base += line.len() + 1;
    }
    out
}

/// Joins `«` to the word after it and `»`, `:`, `;`, `!`, `?` to the word before, so a line never
/// starts with a closing mark or ends with an opening one when the source used plain spaces where
/// French typography wants no-break ones. Linear in the line: a run of glued words (100,000 `« `)
/// becomes one word whose width is measured once, when the run ends.
fn glue_french_marks<'a>(line: &'a str, words: Vec<Word<'a>>) -> Vec<Word<'a>> {
    let opens = |w: &str| w.ends_with(['«', '“', '‹']);
    let closes = |w: &str| {
        matches!(
            w,
            "»" | "”" | "›" | ":" | ";" | "!" | "?" | "!»" | "?»" | "»." | "»," | "»;" | "»:"
        )
    };
    let mut out: Vec<Word<'a>> = Vec::with_capacity(words.len());
    // The run being glued: where it starts in `line`, where its last word starts, its last word.
    let mut run: Option<(usize, usize, Word<'a>)> = None;
    let mut pos = 0;
    for w in words {
        let start = pos;
        pos += w.word.len() + w.whitespace.len();
        run = match run.take() {
            // Glued text ends with its last word, so the last word alone decides.
            Some((first, _, last))
                if !last.whitespace.is_empty() && (opens(last.word) || closes(w.word)) =>
            {
                Some((first, start, w))
            }
            Some(done) => {
                out.push(glued(line, done));
                Some((start, start, w))
            }
            None => Some((start, start, w)),
        };
    }
    if let Some(done) = run {
        out.push(glued(line, done));
    }
    out
}

/// The word for a run of glued words: `line[first..]` up to the end of `last` (which starts at
/// `last_start`), followed by `last`'s whitespace.
fn glued<'a>(line: &'a str, (first, last_start, last): (usize, usize, Word<'a>)) -> Word<'a> {
    if first == last_start {
        return last;
    }
    let Some(text) = line.get(first..last_start + last.word.len()) else {
        return last;
    };
    let mut word = Word::from(text);
    word.whitespace = last.whitespace;
    word
}

impl Wrapped {
    /// Wraps `article` to `measure` columns: header (title, meta, URL, rule) then the blocks.
    pub fn build(article: &Article, measure: usize) -> Wrapped {
        let measure = measure.max(1);
        let mut lines = Vec::new();
        let mut header = 0;
        let mut head = |lines: &mut Vec<WrappedLine>, kind, text| {
            lines.push(WrappedLine {
                key: Anchor {
                    block: 0,
                    offset: header,
                },
                kind,
                text,
                indent: 0,
            });
            header += 1;
        };
        for r in wrap_ranges(&article.meta.title, measure) {
            head(&mut lines, LineKind::Title, LineText::Title(r));
        }
        let meta: Vec<String> = [
            article.meta.source.clone(),
            article.meta.date.map(|d| d.to_string()),
            article.meta.author.as_ref().map(|a| format!("par {a}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        let owned =
            |s: &str, r: Range<usize>| LineText::Owned(s.get(r).unwrap_or_default().to_owned());
        if !meta.is_empty() {
            let meta = meta.join(" · ");
            for r in wrap_ranges(&meta, measure) {
                head(&mut lines, LineKind::Meta, owned(&meta, r));
            }
        }
        if let Some(url) = &article.meta.url {
            for r in wrap_ranges(url, measure) {
                head(&mut lines, LineKind::Url, owned(url, r));
            }
        }
        head(
            &mut lines,
            LineKind::Rule,
            LineText::Owned("─".repeat(measure.min(24))),
        );
        let mut last_speaker: Option<&str> = None;
        for (k, block) in article.blocks.iter().enumerate() {
            let at = |offset| Anchor {
                block: k + 1,
                offset,
            };
            lines.push(WrappedLine {
                key: at(0),
                kind: LineKind::Blank,
                text: LineText::Owned(String::new()),
                indent: 0,
            });
            let (kind, indent) = match &block.kind {
                BlockKind::Heading => (LineKind::Heading, 0),
                BlockKind::Paragraph => (LineKind::Paragraph, 0),
                BlockKind::Caption => (LineKind::Caption, 2),
                BlockKind::Turn { speaker, labelled } => {
                    if *labelled || last_speaker != Some(speaker.as_str()) {
                        lines.push(WrappedLine {
                            key: at(0),
                            kind: LineKind::Speaker,
                            text: LineText::Owned(format!("{speaker} :")),
                            indent: 0,
                        });
                    }
                    (LineKind::Turn, 2)
                }
            };
            last_speaker = match &block.kind {
                BlockKind::Turn { speaker, .. } => Some(speaker),
                _ => None,
            };
            let text = article.block_text(block);
            let start = block.range.start;
            for r in wrap_ranges(text, measure.saturating_sub(usize::from(indent)).max(1)) {
                lines.push(WrappedLine {
                    key: at(r.start),
                    kind,
                    text: LineText::Body(start + r.start..start + r.end),
                    indent,
                });
            }
        }
        let body_lines = (0..lines.len())
            .filter(|&i| lines[i].body().is_some())
            .collect();
        Wrapped {
            measure,
            lines,
            body_lines,
        }
    }

    fn body_start(&self, line: usize) -> Option<usize> {
        self.lines.get(line)?.body().map(|r| r.start)
    }

    /// The line to show at the top for `anchor`: the first line with that key, else the last line
    /// before it.
    pub fn line_of(&self, anchor: Anchor) -> usize {
        let after = self.lines.partition_point(|l| l.key < anchor);
        match self.lines.get(after) {
            Some(l) if l.key == anchor => after,
            _ => after.saturating_sub(1),
        }
    }

    /// The line that shows body byte `byte`.
    pub fn line_of_body(&self, byte: usize) -> usize {
        // A binary search: `n` walks through every hit of a long article.
        let after = self
            .body_lines
            .partition_point(|&i| self.body_start(i).is_some_and(|start| start <= byte));
        after
            .checked_sub(1)
            .and_then(|k| self.body_lines.get(k).copied())
            .unwrap_or(0)
    }

    /// The largest top line that still fills a pane of `height` rows.
    pub fn max_top(&self, height: usize) -> usize {
        self.lines.len().saturating_sub(height.max(1))
    }
}

/// The text area of the reading pane: the measure, how far it is indented to be centred, its height.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Viewport {
    /// Columns of text.
    pub measure: usize,
    /// Columns before the text (centring).
    pub left: u16,
    /// Rows.
    pub height: usize,
}

/// The viewport of a reading pane drawn in `area` (with its border).
pub fn viewport(area: Rect) -> Viewport {
    let inner_w = area.width.saturating_sub(2);
    let usable = inner_w.saturating_sub(2).max(1);
    let measure = usable.min(MEASURE as u16);
    Viewport {
        measure: usize::from(measure),
        left: inner_w.saturating_sub(measure) / 2,
        height: usize::from(area.height.saturating_sub(2)),
    }
}

/// Reading pane state: which article, where, what is highlighted, and the wrap cache.
#[derive(Debug, Default)]
pub struct ReaderPane {
    /// Index of the article shown.
    pub article: Option<usize>,
    /// Top line in the current wrap.
    pub top: usize,
    /// The same position as an anchor (what survives a resize and is saved).
    pub anchor: Anchor,
    /// Search hits in the body (byte ranges).
    pub hits: Vec<Range<usize>>,
    /// Search hits in the title.
    pub title_hits: Vec<Range<usize>>,
    /// The hit `n`/`N` moved to.
    pub hit: Option<usize>,
    /// The quote the user jumped to (index into the article's quotes).
    pub marked: Option<usize>,
    cache: RefCell<Option<(usize, usize, Rc<Wrapped>)>>,
}

impl ReaderPane {
    /// The article wrapped to `measure`, from the cache when the width has not changed.
    pub fn wrapped(&self, index: usize, article: &Article, measure: usize) -> Rc<Wrapped> {
        let mut cache = self.cache.borrow_mut();
        if let Some((i, m, w)) = cache.as_ref() {
            if *i == index && *m == measure {
                return Rc::clone(w);
            }
        }
        let w = Rc::new(Wrapped::build(article, measure));
        *cache = Some((index, measure, Rc::clone(&w)));
        w
    }
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
pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, focused: bool) {
    let theme = &app.theme;
    let mut block = pane_block("Article", focused, theme);
    let article = app
        .reader
        .article
        .and_then(|i| app.articles().get(i).map(|a| (i, a)));
    let Some((index, article)) = article else {
        let loading = app.loading_progress().is_some();
        let note = if app.first_list_pending() || (loading && app.articles().is_empty()) {
            "Loading…"
        } else if app.articles().is_empty() {
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
    let vp = viewport(area);
    let wrapped = app.reader.wrapped(index, article, vp.measure);
    let top = app.reader.top.min(wrapped.max_top(vp.height));
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
    let hits = if app.reader.hits.is_empty() {
        String::new()
    } else {
        match app.reader.hit {
            Some(h) => format!(" hit {}/{} ·", h + 1, app.reader.hits.len()),
            None => {
                let n = app.reader.hits.len();
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

    let quotes = app.quotes_of(index);
    let mut body_hl: Vec<(Range<usize>, Style)> = Vec::new();
    let mut title_hl: Vec<(Range<usize>, Style)> = Vec::new();
    for (i, q) in quotes.iter().enumerate() {
        let style = if app.reader.marked == Some(i) {
            theme.quote_marked()
        } else {
            theme.quote()
        };
        match q.field {
            Field::Body => body_hl.push((q.span.clone(), style)),
            Field::Title => title_hl.push((q.span.clone(), style)),
        }
    }
    for (i, r) in app.reader.hits.iter().enumerate() {
        let style = if app.reader.hit == Some(i) {
            theme.hit_current()
        } else {
            theme.hit()
        };
        body_hl.push((r.clone(), style));
    }
    title_hl.extend(
        app.reader
            .title_hits
            .iter()
            .map(|r| (r.clone(), theme.hit())),
    );

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
    let lines: Vec<Line<'_>> = shown
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
    use crate::corpus::{Origin, Store};
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn wrapped_lines_fit_the_width_by_display_columns() {
        let text =
            "L’AES a « la même définition de l’ennemi » que la Russie, a déclaré le ministre.";
        for width in 1..40 {
            for r in wrap_ranges(text, width) {
                let line = &text[r];
                assert!(line.width() <= width, "{line:?} > {width}");
            }
        }
    }

    #[test]
    fn wrapping_keeps_every_word_in_order() {
        let text = "Un deux trois\nquatre cinq six sept huit neuf dix onze douze";
        let words: Vec<&str> = wrap_ranges(text, 12)
            .into_iter()
            .flat_map(|r| text[r].split_whitespace().collect::<Vec<_>>())
            .collect();
        assert_eq!(words, text.split_whitespace().collect::<Vec<_>>());
    }

    #[test]
    fn guillemets_with_plain_spaces_never_dangle_at_a_line_edge() {
        let text = "Il a mis en avant les « liens d’amitié et de fraternité » unissant Moscou et Ouagadougou.";
        // From the width of the longest glued word (`fraternité »`) up; narrower, words must break.
        for width in 12..60 {
            for r in wrap_ranges(text, width) {
                let line = &text[r];
                assert!(
                    !line.ends_with('«') && !line.starts_with('»'),
                    "{width}: {line:?}"
                );
            }
        }
    }

    #[test]
    fn guillemets_stay_glued_to_their_words_by_no_break_spaces() {
        let text = "Il a dit «\u{a0}oui\u{a0}» hier.";
        let lines: Vec<&str> = wrap_ranges(text, 9).into_iter().map(|r| &text[r]).collect();
        assert!(lines.contains(&"«\u{a0}oui\u{a0}»"), "{lines:?}");
    }

    fn article() -> Article {
        let s = Store::from_files(
            Origin::Embedded,
            vec![(
                "a.txt".into(),
                "+++\ntitle = \"Titre\"\n+++\nPremier paragraphe assez long pour être coupé en plusieurs lignes.\n\nDeuxième paragraphe, lui aussi assez long pour plusieurs lignes."
                    .as_bytes()
                    .to_vec(),
            )],
        );
        s.articles()[0].clone()
    }

    #[test]
    fn an_anchor_finds_the_same_text_after_a_resize() {
        let a = article();
        let narrow = Wrapped::build(&a, 20);
        let line = narrow
            .lines
            .iter()
            .position(|l| l.key.block == 2 && l.key.offset > 0)
            .unwrap();
        let anchor = narrow.lines[line].key;
        let wide = Wrapped::build(&a, 60);
        let top = wide.line_of(anchor);
        let LineText::Body(r) = &wide.lines[top].text else {
            panic!("not a body line")
        };
        // The wide line starts at or before the anchored text and contains it.
        assert_eq!(wide.lines[top].key.block, 2);
        assert!(r.start <= a.blocks[1].range.start + anchor.offset);
    }

    #[test]
    fn highlights_split_a_line_on_their_edges() {
        let text = "abc défghi";
        let spans = styled_spans(text, 0..text.len(), Style::new(), &[(4..7, Style::new())]);
        let parts: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(parts, vec!["abc ", "dé", "fghi"]);
    }
}
