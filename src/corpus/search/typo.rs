//! The typo rule, in one place: how many typos a query word may have, and a matcher that says how
//! many a word of the corpus needs. A typo is one edit of optimal string alignment (Damerau):
//! a letter inserted, deleted or replaced, or two adjacent letters swapped. The matcher is a
//! Levenshtein automaton (`levenshtein_automata`, the one tantivy uses) in prefix mode, since every
//! query word matches the start of a word: `lavorv` needs one typo to start `lavrov`, `securt` one
//! to start `securite`.

use std::sync::OnceLock;

use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder, SINK_STATE};

/// A query word of this many letters (chars of the folded word) or more may have one typo.
/// The rule users know from Meilisearch (`minWordSizeForTypos.oneTypo`, 5 by default).
pub const ONE_TYPO_FROM: usize = 5;
/// A query word of this many letters or more may have two typos (Meilisearch's
/// `minWordSizeForTypos.twoTypos`, 9 by default).
pub const TWO_TYPOS_FROM: usize = 9;
/// Longer query words get no typo: no word a person types is that long (a pasted URL or hash
/// is), and the automaton grows with the word.
pub const TYPOS_UP_TO: usize = 40;

/// How many typos a folded query word may have: none under [`ONE_TYPO_FROM`] letters, one from
/// there, two from [`TWO_TYPOS_FROM`] (none past [`TYPOS_UP_TO`]).
pub fn typos_allowed(word: &str) -> u8 {
    match word.chars().count() {
        n if n > TYPOS_UP_TO => 0,
        n if n >= TWO_TYPOS_FROM => 2,
        n if n >= ONE_TYPO_FROM => 1,
        _ => 0,
    }
}

/// The automaton builders for one and two typos, with a swap costing one. Built once (a few
/// milliseconds for two), on the first query that needs them.
fn builder(typos: u8) -> &'static LevenshteinAutomatonBuilder {
    static ONE: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    static TWO: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    let cell = if typos >= 2 { &TWO } else { &ONE };
    cell.get_or_init(|| LevenshteinAutomatonBuilder::new(typos.min(2), true))
}

/// One folded query word's typo matcher: how many typos a word needs for the query word to start
/// it, within the word's allowance ([`typos_allowed`]).
pub struct Typos {
    dfa: DFA,
}

impl std::fmt::Debug for Typos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Typos")
            .field("states", &self.dfa.num_states())
            .finish()
    }
}

impl Typos {
    /// The matcher of `word` (folded), or `None` when the word is too short for any typo.
    pub fn new(word: &str) -> Option<Typos> {
        let allowed = typos_allowed(word);
        (allowed > 0).then(|| Typos {
            dfa: builder(allowed).build_prefix_dfa(word),
        })
    }

    /// The fewest typos with which the query word starts `candidate` (folded): 0 when it starts it
    /// as typed, `None` beyond the allowance.
    pub fn distance(&self, candidate: &str) -> Option<u8> {
        let mut state = self.dfa.initial_state();
        for &b in candidate.as_bytes() {
            state = self.dfa.transition(state, b);
            if state == SINK_STATE {
                return None;
            }
        }
        self.verdict(state)
    }

    fn verdict(&self, state: u32) -> Option<u8> {
        match self.dfa.distance(state) {
            Distance::Exact(d) => Some(d),
            Distance::AtLeast(_) => None,
        }
    }

    /// The words of `sorted` (numbered words in byte order, as the index's vocabulary keeps them)
    /// that need at least one typo and at most the allowance, with how many. Words sharing a
    /// start share the automaton's walk over it, and a start no word within reach begins costs
    /// nothing more for the words after it that share it.
    pub fn scan<'a>(&self, sorted: impl IntoIterator<Item = (u32, &'a str)>) -> Vec<(u32, u8)> {
        let mut found = Vec::new();
        let mut prev: &[u8] = b"";
        // `states[i]`: the state after the first `i` bytes of `prev` (up to where it died).
        let mut states = vec![self.dfa.initial_state()];
        for (number, word) in sorted {
            let bytes = word.as_bytes();
            let shared = prev
                .iter()
                .zip(bytes)
                .take_while(|(a, b)| a == b)
                .count()
                .min(states.len() - 1);
            states.truncate(shared + 1);
            let mut state = states[shared];
            for &b in &bytes[shared..] {
                if state == SINK_STATE {
                    break;
                }
                state = self.dfa.transition(state, b);
                states.push(state);
            }
            prev = bytes;
            if state != SINK_STATE {
                if let Some(d @ 1..) = self.verdict(state) {
                    found.push((number, d));
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests;
