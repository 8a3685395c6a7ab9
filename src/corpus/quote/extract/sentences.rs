//! Sentences: where a sentence ends (`.`, `!`, `?`, `…` before a capital, not after `M.` or an
//! initial, not inside a quote), and headings a scraped page glued to the next sentence.

use std::ops::Range;

use super::marks::{END_OR_MARK_LEADS, is_space};
use crate::corpus::quote::lexicon::LEXICON;
use crate::corpus::text::{find_ascii_capital, find_in_set, is_alphanumeric};

/// Sentence ranges of `text` within `range`: a sentence ends at `.`, `!`, `?` or `…` followed by a
/// space and a capital, a digit or a mark, but not after `M.` or an initial, and not inside a quote.
pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    let mut depth = 0i32;
    let slice = &text[range.clone()];
    // Byte offsets in `slice`; only the bytes that may start a mark or a terminator are decoded.
    let mut k = 0;
    loop {
        k = find_in_set(slice.as_bytes(), k, &END_OR_MARK_LEADS);
        let Some(c) = slice.get(k..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let at = range.start + k;
        k += c.len_utf8();
        match c {
            '«' | '“' | '„' | '‹' => depth += 1,
            '»' | '”' | '›' => {
                depth = (depth - 1).max(0);
                // `« Nous ne céderons sur rien. » C’est …`: a quote that ends its own sentence.
                let ends_inside = slice[..k - c.len_utf8()]
                    .trim_end_matches(is_space)
                    .ends_with(['.', '!', '?', '…']);
                let rest = &slice[k..];
                let next = rest.trim_start_matches(is_space);
                if depth == 0
                    && ends_inside
                    && next.len() < rest.len()
                    && next.starts_with(char::is_uppercase)
                {
                    out.push(start..range.start + k);
                    start = range.start + k + (rest.len() - next.len());
                }
            }
            '.' | '!' | '?' | '…' if depth == 0 => {
                let skip = |from: usize, pred: fn(char) -> bool| {
                    slice[from..]
                        .char_indices()
                        .find(|&(_, ch)| !pred(ch))
                        .map_or(slice.len(), |(p, _)| from + p)
                };
                let mut gap_start = skip(k, |ch| {
                    matches!(ch, '.' | '!' | '?' | '…' | '"' | '»' | ')')
                });
                // `russe."Cette`: a straight mark glued to the next word opens the next sentence.
                if gap_start > k
                    && slice[..gap_start].ends_with('"')
                    && slice[gap_start..].starts_with(|ch: char| !is_space(ch))
                {
                    gap_start -= 1;
                }
                let j = skip(gap_start, is_space);
                let Some(next) = slice[j..].chars().next() else {
                    continue;
                };
                let next_at = range.start + j;
                // Glued sentences (`Unis.La RCA`, a scraped page that lost its spaces) split
                // only after a lower-case word of three letters or more, before a capital.
                let glued = gap_start == j
                    && (next.is_uppercase() || next == '"')
                    && text[start..at]
                        .trim_end_matches(['"', '»', '”', ')'])
                        .rsplit(|ch: char| !is_alphanumeric(ch))
                        .next()
                        .is_some_and(|w| {
                            let n = w.chars().count();
                            (n >= 3 && w.chars().next_back().is_some_and(char::is_lowercase))
                                || (n >= 4 && w.chars().all(|ch| ch.is_ascii_digit()))
                        })
                    // Or the word before was a quotation just closed (`nécessaire".La`).
                    || gap_start == j
                        && next.is_uppercase()
                        && text[start..at].ends_with(['"', '»', '”']);
                if (gap_start == j && !glued)
                    || !(next.is_uppercase() || next.is_ascii_digit() || "«\"“—–-".contains(next))
                {
                    continue;
                }
                let word_before = text[start..at]
                    .rsplit(|ch: char| !is_alphanumeric(ch))
                    .next()
                    .unwrap_or("");
                let abbreviation = c == '.'
                    && (word_before.chars().count() == 1
                        && word_before.chars().all(char::is_uppercase)
                        || LEXICON
                            .titles
                            .iter()
                            .any(|t| t.trim_end_matches('.') == word_before));
                if abbreviation {
                    continue;
                }
                let end = range.start + gap_start;
                out.push(start..end);
                start = next_at;
                // The rest of the run (`..`, `?!`) ended this sentence too; read on from the next.
                k = j;
            }
            _ => {}
        }
    }
    if start < range.end && !text[start..range.end].trim().is_empty() {
        out.push(start..range.end);
    }
    split_glued_headings(text, out)
}

/// Splits a sentence where a scraped page glued a heading to the next sentence
/// (`prête à coopérerLes autorités`): a lower-case word of three letters or more running into a
/// capitalized one.
fn split_glued_headings(text: &str, mut sentences: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let lower_or_letter = |b: u8| b.is_ascii_lowercase() || b >= 0x80;
    let glued_at = |i: usize| {
        bytes[i + 1].is_ascii_lowercase()
            && bytes[i - 1].is_ascii_lowercase()
            && bytes[i - 3..i - 1].iter().all(|&b| lower_or_letter(b))
            && {
                // The glued word starts in lower case (`TotalEnergies` is a name).
                let word_start = bytes[..i]
                    .iter()
                    .rposition(|b| !(b.is_ascii_alphabetic() || *b >= 0x80))
                    .map_or(0, |p| p + 1);
                text[word_start..]
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
            }
    };
    // One pass: upper-case ASCII bytes are rare, and only they can start a glued heading.
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (sentence, cut)
    for (k, r) in sentences.iter().enumerate() {
        let (from, to) = (r.start + 3, r.end.saturating_sub(1));
        let mut i = from;
        while i < to {
            i = find_ascii_capital(&bytes[..to], i);
            if i >= to {
                break;
            }
            if glued_at(i) {
                cuts.push((k, i));
            }
            i += 1;
        }
    }
    if cuts.is_empty() {
        return sentences;
    }
    let mut out = Vec::with_capacity(sentences.len() + cuts.len());
    let mut cuts = cuts.into_iter().peekable();
    for (k, r) in sentences.drain(..).enumerate() {
        let mut start = r.start;
        while let Some((_, cut)) = cuts.next_if(|&(s, _)| s == k) {
            out.push(start..cut);
            start = cut;
        }
        out.push(start..r.end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_do_not_end_at_titles_or_inside_quotes() {
        let t = "Selon M. Diop, « la paix. Enfin » est là. K. Mamadou a écrit. Fin";
        let s: Vec<&str> = sentences(t, 0..t.len())
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(
            s,
            [
                "Selon M. Diop, « la paix. Enfin » est là.",
                "K. Mamadou a écrit.",
                "Fin"
            ]
        );
    }

    /// Issue 6 (fuzzing, target `quotes`): the second `.` of `..` was read as a new sentence end
    /// after the sentence had already moved past it, and slicing backwards panicked.
    #[test]
    fn a_run_of_terminators_ends_one_sentence() {
        let t = "Et puis... Rien ne bouge. Quoi ?! Non.. Encore";
        let s: Vec<&str> = sentences(t, 0..t.len())
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(
            s,
            ["Et puis...", "Rien ne bouge.", "Quoi ?!", "Non..", "Encore"]
        );
    }
}
