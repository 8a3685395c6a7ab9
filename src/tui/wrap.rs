//! The reading pane's text layout: an article wrapped with textwrap to a measure (display width,
//! French marks kept with their words), line by line, each line knowing what it shows and where
//! it starts as an [`Anchor`], so a position survives a change of width. No drawing.

use std::ops::Range;

use textwrap::WordSeparator;
use textwrap::core::{Word, break_words};
use textwrap::wrap_algorithms::wrap_first_fit;

use crate::corpus::article::{Article, BlockKind};
use crate::corpus::state::Anchor;

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
    pub fn body(&self) -> Option<&Range<usize>> {
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
}
