//! Reported speech whose marks were lost: `Clause, a déclaré X.` and `Aussi, indique X, clause.`

use std::ops::Range;

use super::marks::has_mark;
use super::span::Span;
use crate::corpus::article::{Article, BlockKind};
use crate::corpus::quote::clauses::skip_complements;
use crate::corpus::quote::lexicon::LEXICON;
use crate::corpus::quote::types::{Field, QuoteKind};
use crate::corpus::text::{find_byte, fold, word_count_up_to};

/// Reported speech without marks: `Clause of five words or more, a déclaré X.` (the clause opens
/// its sentence), or `Aussi, indique X, clause.` (the verb and its subject inserted after an
/// opening word). The clause holds no quotation mark; the subject must read as one (a name, a
/// determiner, an inverted pronoun), past what may stand between (`à l’AFP`, `samedi`).
pub fn unmarked(article: &Article, sentences: &[Range<usize>]) -> Vec<Span> {
    let body = &article.body;
    let mut out = Vec::new();
    let subject_like = |after: &str, has_pronoun: bool| {
        let after = skip_complements(after.trim_start());
        has_pronoun || after.starts_with(|c: char| c.is_uppercase()) || {
            let folded = fold(after);
            LEXICON.starts_definite(&folded) || LEXICON.starts_indefinite(&folded)
        }
    };
    let in_order = sentences.is_sorted_by_key(|s| s.start);
    // Where `, ` stands in the sentence at hand (one buffer for every sentence).
    let mut commas: Vec<usize> = Vec::new();
    for (bi, block) in article.blocks.iter().enumerate() {
        if block.kind != BlockKind::Paragraph {
            continue;
        }
        // Sentences come in text order, so the block's own are one run of them.
        let own: &[Range<usize>] = if in_order {
            let first = sentences.partition_point(|s| s.start < block.range.start);
            let rest = &sentences[first..];
            &rest[..rest.partition_point(|s| s.start < block.range.end)]
        } else {
            sentences
        };
        for s in own.iter().filter(|s| block.range.contains(&s.start)) {
            let sentence = &body[s.clone()];
            // No comma, no reported speech: most sentences end here, before any other scan.
            if find_byte(sentence.as_bytes(), 0, [b',']) == sentence.len() || has_mark(sentence) {
                continue;
            }
            // Every `, ` in order (`match_indices`, a byte at a time).
            let mut next = 0;
            commas.clear();
            commas.extend(std::iter::from_fn(|| {
                loop {
                    let comma = find_byte(sentence.as_bytes(), next, [b',']);
                    next = comma + 1;
                    match sentence.as_bytes().get(comma + 1) {
                        Some(b' ') => return Some(comma),
                        Some(_) => continue,
                        None => return None,
                    }
                }
            }));
            // `Aussi, indique X, clause`: a short opener, the verb, its subject, the clause.
            if let Some(&first) = commas.first() {
                let opener = &sentence[..first];
                let rest = &sentence[first + 1..];
                if word_count_up_to(opener, 3) <= 2 {
                    if let Some((verb_end, pronoun)) = LEXICON.inverted_at(rest) {
                        let subject_end = commas.get(1).map(|c| c - first - 1);
                        if let Some(se) = subject_end.filter(|&se| se > verb_end) {
                            let subject = &rest[verb_end..se];
                            let clause = sentence[first + 1 + se + 1..].trim_start();
                            let clause_start = s.end - clause.len();
                            let clause_end = s.start + sentence.trim_end().len();
                            if word_count_up_to(subject, 11) <= 10
                                && subject_like(subject, pronoun.is_some())
                                && word_count_up_to(clause, 5) >= 5
                            {
                                out.push(Span {
                                    field: Field::Body,
                                    block: Some(bi),
                                    content: clause_start..clause_end,
                                    open: s.start,
                                    close_end: clause_end,
                                    kind: QuoteKind::Unmarked,
                                    passage: None,
                                    attribution: Some(
                                        s.start + first + 1..s.start + first + 1 + se,
                                    ),
                                    label: None,
                                });
                                continue;
                            }
                        }
                    }
                }
            }
            for &comma in &commas {
                // The verb first: it is the rarest condition and the cheapest to rule out.
                let rest = &sentence[comma + 1..];
                let Some((verb_end, pronoun)) = LEXICON.inverted_at(rest) else {
                    continue;
                };
                let clause = &sentence[..comma];
                if word_count_up_to(clause, 5) < 5 {
                    continue;
                }
                // `le président Keïta, dit IBK, …` gives a nickname, not speech.
                let verb = rest[..verb_end].trim();
                let name_before = clause
                    .split_whitespace()
                    .next_back()
                    .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
                if fold(verb) == "dit" && name_before {
                    continue;
                }
                if !subject_like(&rest[verb_end..], pronoun.is_some()) {
                    continue;
                }
                out.push(Span {
                    field: Field::Body,
                    block: Some(bi),
                    content: s.start..s.start + comma,
                    open: s.start,
                    close_end: s.start + comma,
                    kind: QuoteKind::Unmarked,
                    passage: None,
                    attribution: Some(s.start + comma + 1..s.end),
                    label: None,
                });
                break;
            }
        }
    }
    out
}
