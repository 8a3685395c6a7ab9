//! Marked quotes: pairs of quotation marks of every style (« », “ ”, „ “, ‹ ›, straight `"`,
//! mixed pairs, nesting), paragraphs reopened with « or closed in the next paragraph, and whether
//! a marked span is a whole clause (direct) or a fragment (partial).

use std::ops::Range;

use super::marks::{MARK_LEADS, is_space};
use super::span::Span;
use crate::corpus::article::{Article, BlockKind};
use crate::corpus::quote::lexicon::LEXICON;
use crate::corpus::quote::types::{Field, QuoteKind};
use crate::corpus::text::{ends_sentence, find_in_set};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mark {
    Guillemet,
    Curly,
    Low,
    Angle,
    Straight,
}

/// A pair of marks found in one paragraph.
struct Found {
    content: Range<usize>,
    open: usize,
    close_end: usize,
    passage: Option<usize>,
    /// Left open at the end of the paragraph (kept if the next one reopens with « or closes it,
    /// or if the text ends there).
    open_ended: bool,
    /// A closing mark with nothing open before it: the end of a quote the previous paragraph
    /// opened (`content` runs from the paragraph's start).
    closes_carried: bool,
    /// Opened with a straight `"` (never joined across paragraphs: too ambiguous).
    straight: bool,
}

struct Open {
    mark: Mark,
    at: usize,
    content: usize,
    passage: Option<usize>,
}

/// Marked quotes of one text range (a block or the title). `reopened` carries a quote that the
/// previous paragraph left open, French style; the returned value says whether this one does too.
fn marked_in(
    text: &str,
    range: Range<usize>,
    reopen: Option<usize>,
    next_passage: &mut usize,
) -> (Vec<Found>, Option<usize>) {
    let slice = &text[range.clone()];
    let mut stack: Vec<Open> = Vec::new();
    let mut out = Vec::new();
    // Where the content starts when a mark ends at `local`: past any spaces.
    let content_after = |local: usize| {
        slice[local..]
            .char_indices()
            .find(|&(_, c)| !is_space(c))
            .map_or(range.end, |(p, _)| range.start + local + p)
    };
    let mut i = 0;
    loop {
        i = find_in_set(slice.as_bytes(), i, &MARK_LEADS);
        let Some(c) = slice.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let (here, after) = (i, i + c.len_utf8());
        i = after;
        let at = range.start + here;
        let first = here == 0;
        let prev = || slice[..here].chars().next_back();
        let next = || slice[after..].chars().next();
        let opening = |stack: &mut Vec<Open>, mark: Mark, width: usize| {
            let passage = if first && mark == Mark::Guillemet && stack.is_empty() {
                reopen
            } else {
                None
            };
            stack.push(Open {
                mark,
                at,
                content: content_after(here + width),
                passage,
            });
        };
        let close = |stack: &mut Vec<Open>, mark: Mark, out: &mut Vec<Found>, mark_len: usize| {
            let trim_back = |from: usize, mut end: usize| {
                while end > from {
                    match text[..end].chars().next_back() {
                        Some(ch) if is_space(ch) => end -= ch.len_utf8(),
                        _ => break,
                    }
                }
                end
            };
            let Some(pos) = stack
                .iter()
                .rposition(|o| o.mark == mark)
                .or_else(|| stack.len().checked_sub(1))
            else {
                // Nothing open: the end of a quote an earlier paragraph opened, if any.
                if mark != Mark::Straight && !out.iter().any(|f: &Found| f.closes_carried) {
                    let start = content_after(0).min(at);
                    let end = trim_back(start, at);
                    // Even an empty one says where the earlier paragraph's quote ends.
                    {
                        out.push(Found {
                            content: start..end,
                            open: range.start,
                            close_end: at + mark_len,
                            passage: None,
                            open_ended: false,
                            closes_carried: true,
                            straight: false,
                        });
                    }
                }
                return;
            };
            let o = stack.swap_remove(pos);
            stack.truncate(pos);
            if pos == 0 {
                let end = trim_back(o.content, at);
                if end > o.content {
                    out.push(Found {
                        content: o.content..end,
                        open: o.at,
                        close_end: at + mark_len,
                        passage: o.passage,
                        open_ended: false,
                        closes_carried: false,
                        straight: o.mark == Mark::Straight,
                    });
                }
            }
        };
        let next_solid = || slice[after..].chars().find(|&n| !is_space(n));
        match c {
            // `<<` and `‹‹` stand for « (and `>>`, `››` for »).
            '<' | '‹' if next() == Some(c) => {
                i += c.len_utf8();
                opening(&mut stack, Mark::Guillemet, 2 * c.len_utf8());
            }
            '>' | '›' if next() == Some(c) => {
                i += c.len_utf8();
                close(&mut stack, Mark::Guillemet, &mut out, 2 * c.len_utf8());
            }
            '<' | '>' => {}
            // « where a closer belongs (`recevoir« ,`, `… « .`) closes the open quote.
            '«' if stack.iter().any(|o| o.mark == Mark::Guillemet)
                && (next_solid().is_none_or(|n| ",.;:!?)".contains(n))
                    || (prev().is_some_and(|p| !is_space(p)) && next().is_none_or(is_space))) =>
            {
                close(&mut stack, Mark::Guillemet, &mut out, c.len_utf8())
            }
            '«' => opening(&mut stack, Mark::Guillemet, c.len_utf8()),
            '»' => close(&mut stack, Mark::Guillemet, &mut out, c.len_utf8()),
            '‹' => opening(&mut stack, Mark::Angle, c.len_utf8()),
            '›' => close(&mut stack, Mark::Angle, &mut out, c.len_utf8()),
            '„' => opening(&mut stack, Mark::Low, c.len_utf8()),
            '“' => {
                if stack.last().is_some_and(|o| o.mark == Mark::Low) {
                    close(&mut stack, Mark::Low, &mut out, c.len_utf8());
                } else {
                    opening(&mut stack, Mark::Curly, c.len_utf8());
                }
            }
            '”' => {
                // Used as an opening mark (`en ces termes: ” Les …`): nothing open, and a word,
                // or a space and a capital, after it.
                let opens_word = next().is_some_and(|n| !is_space(n))
                    || (next().is_some_and(is_space)
                        && next_solid().is_some_and(char::is_uppercase));
                if stack.is_empty() && prev().is_none_or(|p| is_space(p) || p == ':') && opens_word
                {
                    opening(&mut stack, Mark::Curly, c.len_utf8());
                } else {
                    close(&mut stack, Mark::Curly, &mut out, c.len_utf8());
                }
            }
            '"' => {
                let prev = prev();
                let next = next();
                // An opening `"` stands after a space, a bracket or a sentence's end
                // (`russe."Cette`), or is glued before a capital (`sorcières"Ce que`).
                let can_open = next.is_some_and(|n| !is_space(n))
                    && (prev.is_none_or(|p| is_space(p) || "([{—–-'’«“.!?:;…,".contains(p))
                        || next.is_some_and(char::is_uppercase));
                let can_close = prev.is_some_and(|p| !is_space(p));
                let straight_open = stack.iter().any(|o| o.mark == Mark::Straight);
                if straight_open && can_close {
                    close(&mut stack, Mark::Straight, &mut out, 1);
                } else if can_open {
                    opening(&mut stack, Mark::Straight, c.len_utf8());
                }
            }
            _ => {}
        }
    }
    // A quote left open at the end of a paragraph: it may go on in the next one (French style,
    // or closed there), or the text may end inside it (a truncated page).
    let left_open = match stack.first() {
        Some(o) if o.content < range.end => {
            let guillemet = o.mark == Mark::Guillemet;
            let passage = if guillemet {
                Some(o.passage.unwrap_or_else(|| {
                    *next_passage += 1;
                    *next_passage
                }))
            } else {
                None
            };
            let end = range.start + slice.trim_end().len();
            out.push(Found {
                content: o.content..end,
                open: o.at,
                close_end: end,
                passage,
                open_ended: true,
                closes_carried: false,
                straight: o.mark == Mark::Straight,
            });
            passage
        }
        _ => None,
    };
    (out, left_open)
}

/// Every marked quote of the article, title first. A quote left open at the end of a paragraph
/// goes on when the next paragraph reopens with « (one span per paragraph, one passage) or
/// closes it (one span over both); it is kept to the end when the text ends inside it; otherwise
/// it is dropped, so an unclosed mark never swallows the rest of the article.
pub fn marked(article: &Article) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut passage = 0;
    let title = &article.meta.title;
    let (title_quotes, _) = marked_in(title, 0..title.len(), None, &mut passage);
    for f in title_quotes
        .into_iter()
        .filter(|f| !f.open_ended && !f.closes_carried)
    {
        spans.push(Span {
            field: Field::Title,
            block: None,
            content: f.content,
            open: f.open,
            close_end: f.close_end,
            kind: QuoteKind::Partial,
            passage: None,
            attribution: None,
            label: None,
        });
    }
    let mut carried: Option<usize> = None;
    // Spans left open by the previous paragraph, and whether one was straight.
    let mut pending: Vec<Span> = Vec::new();
    let mut pending_straight = false;
    for (bi, block) in article.blocks.iter().enumerate() {
        if block.kind == BlockKind::Caption {
            continue;
        }
        let text = article.block_text(block);
        let prev = carried.take();
        let reopens = prev.is_some() && text.starts_with('«');
        let (found, left_open) = marked_in(
            &article.body,
            block.range.clone(),
            if reopens { prev } else { None },
            &mut passage,
        );
        let closes = !reopens
            && !pending.is_empty()
            && !pending_straight
            && found.iter().any(|f| f.closes_carried);
        if reopens {
            spans.append(&mut pending);
        } else if !closes {
            pending.clear();
        }
        pending_straight = false;
        for f in found {
            if f.closes_carried {
                if closes {
                    // One quote over both paragraphs.
                    if let Some(mut first) = pending.pop() {
                        let body = &article.body;
                        let mut end = f.content.end.max(first.content.start);
                        while let Some(c) = body[first.content.start..end].chars().next_back() {
                            if !is_space(c) {
                                break;
                            }
                            end -= c.len_utf8();
                        }
                        first.content.end = end;
                        first.close_end = f.close_end;
                        first.passage = None;
                        spans.push(first);
                    }
                    spans.append(&mut pending);
                }
                continue;
            }
            let span = Span {
                field: Field::Body,
                block: Some(bi),
                content: f.content,
                open: f.open,
                close_end: f.close_end,
                kind: QuoteKind::Direct,
                passage: f.passage,
                attribution: None,
                label: None,
            };
            if f.open_ended {
                pending_straight |= f.straight;
                pending.push(span)
            } else {
                spans.push(span)
            }
        }
        carried = left_open;
    }
    // The text ends inside an open quote (a truncated page): keep what is there.
    spans.append(&mut pending);
    spans
}

/// True when a marked span is a whole clause: it opens its sentence, follows a colon or a source
/// frame, or is followed by an inverted speech verb (`« … », a dit X`).
pub fn is_whole_clause(text: &str, sentence: &Range<usize>, span: &Span) -> bool {
    let before = text[sentence.start..span.open].trim_end();
    let after = &text[span.close_end.min(text.len())..];
    let starts_upper = text[span.content.clone()].starts_with(|c: char| c.is_uppercase());
    before.is_empty()
        || before.ends_with(':')
        || LEXICON.has_frame(&text[sentence.start..span.open])
        || (starts_upper
            && LEXICON
                .inverted_at(after.trim_start_matches([',', ' ']))
                .is_some())
        || (starts_upper && ends_sentence(&text[span.content.clone()]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(s: &str) -> Vec<&str> {
        let mut p = 0;
        marked_in(s, 0..s.len(), None, &mut p)
            .0
            .into_iter()
            .filter(|f| !f.open_ended)
            .map(|f| &s[f.content])
            .collect()
    }

    #[test]
    fn every_mark_style_pairs() {
        assert_eq!(
            marks("Il a dit « oui\u{a0}» puis «\u{202f}non »."),
            ["oui", "non"]
        );
        assert_eq!(marks("Il a dit «oui»."), ["oui"]);
        assert_eq!(
            marks("Il a dit “oui” et „ja“ et ‹ si ›."),
            ["oui", "ja", "si"]
        );
        assert_eq!(
            marks("entre les deux pays \"dans le domaine\", notamment"),
            ["dans le domaine"]
        );
        assert_eq!(marks("un texte “mixte » ici"), ["mixte"]);
    }

    #[test]
    fn nested_marks_stay_inside_the_outer_quote() {
        assert_eq!(
            marks("« Il a parlé de “paix” hier », dit-il."),
            ["Il a parlé de “paix” hier"]
        );
    }

    #[test]
    fn apostrophes_are_not_marks() {
        assert!(marks("L’AES et l'État s’engagent").is_empty());
    }
}
