//! One line of the raw text as the rules read it, and what it turned out to be.

use crate::corpus::text::word_count_up_to;

/// What a line of the raw text turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Blank,
    Text,
    Caption,
    /// Consumed as metadata or removed as boilerplate.
    Gone,
}

/// A trimmed line as the line rules read it.
pub(super) struct Line<'a> {
    pub(super) text: &'a str,
    /// [`fold`] of `text`.
    pub(super) folded: &'a str,
    /// Words of `text`, counted up to [`WORD_CAP`].
    pub(super) words: usize,
}

/// No line rule holds for a line of more words than this (see [`judge`]).
pub(super) const LINE_RULE_WORDS: usize = 40;

/// Word counts stop here: no rule about a line's length needs to count further.
pub(super) const WORD_CAP: usize = LINE_RULE_WORDS + 1;

/// True when `s` has more than `n` words as [`word_count`] counts them, without counting further.
pub(super) fn more_words_than(s: &str, n: usize) -> bool {
    word_count_up_to(s, n + 1) > n
}
