//! A query as the index reads it (folded, split into words) and word matching on folded text.

use crate::corpus::text::{fold, is_alphanumeric};

/// Queries shorter than this (in letters) are not matched fuzzily.
const FUZZY_FROM: usize = 3;

/// A query, folded: the whole (for fuzzy fields) and its words (for word matching).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The folded query, white space collapsed (fuzzy fields match it whole).
    pub(super) whole: String,
    /// Its words (each must start a word of what matches).
    pub(super) words: Vec<String>,
}

impl Query {
    /// `None` when the query has no word (empty or punctuation only): everything matches.
    pub fn new(raw: &str) -> Option<Query> {
        let folded = fold(raw);
        let words: Vec<String> = words(&folded).map(str::to_owned).collect();
        (!words.is_empty()).then(|| Query {
            whole: folded.split_whitespace().collect::<Vec<_>>().join(" "),
            words,
        })
    }

    /// The folded words.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Fuzzy matching serves one word of three letters or more: one or two letters scattered
    /// through a title are noise, and several words are matched as word prefixes, all required.
    pub(super) fn allows_fuzzy(&self) -> bool {
        self.words.len() == 1 && self.whole.chars().count() >= FUZZY_FROM
    }
}

/// The words of folded text: runs of letters and digits (`l’État` gives `l`, `etat`).
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !is_alphanumeric(c))
        .filter(|w| !w.is_empty())
}

/// Byte offsets in `folded` where `needle` occurs at the start of a word.
pub(super) fn word_starts<'a>(
    folded: &'a str,
    needle: &'a str,
) -> impl Iterator<Item = usize> + 'a {
    folded.match_indices(needle).filter_map(move |(i, _)| {
        folded[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
            .then_some(i)
    })
}

/// True when every word starts a word of `folded`.
pub(super) fn words_in(folded: &str, words: &[String]) -> bool {
    !words.is_empty()
        && words
            .iter()
            .all(|w| word_starts(folded, w).next().is_some())
}
