//! A body quote while the per-article pipeline attributes it ([`Found`]), and the test that keeps
//! scare-quoted terms and titles (`« persona non grata »`, `« Africa Corps »`) from counting as
//! quotes.

use std::ops::Range;

use super::attribute::Speaker;
use super::extract::Span;
use super::lexicon::LEXICON;
use crate::corpus::text::{ends_sentence, fold, word_count};

/// A body quote between the passes of [`extract_article`](super::extract_article): its span, the
/// sentence around it, and the speaker found so far.
pub struct Found {
    /// Where the quote stands.
    pub span: Span,
    /// From the sentence it opens in to the one it closes in.
    pub sentence: Range<usize>,
    /// Who said it, once found.
    pub speaker: Option<Speaker>,
    /// The speaker came from evidence in the quote's own sentence (its own or another quote's).
    pub explicit: bool,
}

/// Words that open a clause or a noun phrase: a short quote starting with one is speech, not a term.
fn opens_phrase(folded: &str) -> bool {
    let first = folded.split_whitespace().next().unwrap_or("");
    LEXICON.starts_definite(folded)
        || LEXICON.starts_indefinite(folded)
        || LEXICON.pronoun(first).is_some()
        || [
            "nous", "vous", "on", "je", "nos", "vos", "votre", "mon", "ma", "mes", "tout", "tous",
            "ils", "elles",
        ]
        .contains(&first)
}

/// A scare-quoted term or a title rather than a citation: one or two words, three without a
/// determiner (`« persona non grata »`), or a short run of capitalized words (`« Africa Corps »`).
/// A shout (`« Démission ! »`) is never a term.
pub fn is_term(text: &str) -> bool {
    if text.trim_end().ends_with(['!', '?']) {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let folded = fold(text);
    let capitalized = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    words.len() <= 2
        || (words.len() == 3 && !opens_phrase(&folded))
        || (words.len() <= 5 && capitalized * 2 > words.len() && !opens_phrase(&folded))
}

/// A short quote that is a sentence of its own (`« Elle viendra ».`): speech, not a term.
pub fn stands_alone(body: &str, f: &Found) -> bool {
    let text = &body[f.span.content.clone()];
    let opens = body[f.sentence.start.min(f.span.open)..f.span.open]
        .trim()
        .is_empty();
    let after = body[f.span.close_end.min(body.len())..].trim_start();
    let closes = ends_sentence(text) || after.is_empty() || after.starts_with(['.', '!', '?', '…']);
    word_count(text) >= 2 && text.starts_with(char::is_uppercase) && opens && closes
}
