//! Search: a query -> ranked article matches. Short fields (title, outlet, author, speakers) match
//! fuzzily through [`fuzzy::Fuzzy`]; title and body match by word prefixes through an inverted index,
//! every query word required. All matching runs on folded text ([`fold`]), whose chars map one-to-one
//! to the original's, so highlight positions are computed on demand for what is on screen.

pub mod fuzzy;
mod index;
pub mod worker;

use std::ops::Range;

use serde::Serialize;

pub use fuzzy::{Fuzzy, Skim};
pub use index::{FIRST_PAGE, Index, SearchDoc};

use crate::corpus::text::{fold, is_alphanumeric};

/// Queries shorter than this (in letters) are not matched fuzzily.
const FUZZY_FROM: usize = 3;

/// Which part of an article a query matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchField {
    /// The headline.
    Title,
    /// The outlet.
    Outlet,
    /// The journalist.
    Author,
    /// A quote's speaker.
    Speaker,
    /// Every query word starts a word of the title or body.
    Body,
}

impl SearchField {
    const ALL: [SearchField; 5] = [
        SearchField::Title,
        SearchField::Outlet,
        SearchField::Author,
        SearchField::Speaker,
        SearchField::Body,
    ];

    /// Lower-case name, as in JSON.
    pub fn name(self) -> &'static str {
        match self {
            SearchField::Title => "title",
            SearchField::Outlet => "outlet",
            SearchField::Author => "author",
            SearchField::Speaker => "speaker",
            SearchField::Body => "body",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of [`SearchField`]s, one byte.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fields(u8);

impl Fields {
    /// Adds a field.
    pub fn insert(&mut self, f: SearchField) {
        self.0 |= f.bit();
    }

    /// True when `f` is in the set.
    pub fn contains(self, f: SearchField) -> bool {
        self.0 & f.bit() != 0
    }

    /// True when no field is in the set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The fields, in [`SearchField`] order.
    pub fn iter(self) -> impl Iterator<Item = SearchField> {
        SearchField::ALL
            .into_iter()
            .filter(move |f| self.contains(*f))
    }
}

/// One article that matches a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Index of the article, in the order articles were added to the [`Index`].
    pub index: usize,
    /// Higher is better: title hits score above outlet/author/speaker hits, and those above
    /// body-only hits.
    pub score: i64,
    /// The fields that matched.
    pub fields: Fields,
}

/// A query, folded: the whole (for fuzzy fields) and its words (for word matching).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    whole: String,
    words: Vec<String>,
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
    fn allows_fuzzy(&self) -> bool {
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
fn word_starts<'a>(folded: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    folded.match_indices(needle).filter_map(move |(i, _)| {
        folded[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
            .then_some(i)
    })
}

/// True when every word starts a word of `folded`.
fn words_in(folded: &str, words: &[String]) -> bool {
    !words.is_empty()
        && words
            .iter()
            .all(|w| word_starts(folded, w).next().is_some())
}

/// Byte ranges in `text` (on char boundaries) where a term of `query` starts a word, folded (case,
/// accents, apostrophes ignored), sorted and merged. A term is a space-separated piece of the query
/// without its outer punctuation, so `l’état` finds `l'Etat` and not every `l`. Empty for an empty
/// query.
pub fn find_hits(text: &str, query: &str) -> Vec<Range<usize>> {
    let folded_query = fold(query);
    let terms: Vec<&str> = folded_query
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|t| !t.is_empty())
        .collect();
    if terms.is_empty() {
        return Vec::new();
    }
    let folded = fold(text);
    let mut found: Vec<Range<usize>> = Vec::new();
    for t in terms {
        found.extend(word_starts(&folded, t).map(|start| start..start + t.len()));
    }
    // Folding keeps one char per char: walk both strings once to map folded offsets back.
    let mut bounds: Vec<usize> = found.iter().flat_map(|r| [r.start, r.end]).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut map = std::collections::HashMap::with_capacity(bounds.len());
    let mut next = bounds.iter().peekable();
    let pairs = folded
        .char_indices()
        .map(|(i, _)| i)
        .zip(text.char_indices().map(|(i, _)| i))
        .chain([(folded.len(), text.len())]);
    for (f, o) in pairs {
        while next.peek().is_some_and(|b| **b <= f) {
            if let Some(b) = next.next() {
                map.insert(*b, o);
            }
        }
    }
    let orig = |b: usize| map.get(&b).copied().unwrap_or(text.len());
    merge(
        found
            .into_iter()
            .map(|r| orig(r.start)..orig(r.end))
            .collect(),
    )
}

fn merge(mut out: Vec<Range<usize>>) -> Vec<Range<usize>> {
    out.sort_by_key(|r| (r.start, r.end));
    // Merge overlaps so a highlight never paints the same character twice.
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Char indices of `title` to highlight for `query`: the query's words where they all occur,
/// else the fuzzy matcher's picks. Computed for the rows on screen only.
pub fn title_highlights(fuzzy: &dyn Fuzzy, title: &str, query: &str) -> Vec<usize> {
    let Some(q) = Query::new(query) else {
        return Vec::new();
    };
    let folded = fold(title);
    if words_in(&folded, &q.words) {
        // Highlight each word where it starts a word, as the match did.
        let hits = q
            .words
            .iter()
            .flat_map(|w| word_starts(&folded, w).map(move |i| i..i + w.len()));
        let mut chars: Vec<usize> = hits
            .flat_map(|r| {
                let start = folded[..r.start].chars().count();
                start..start + folded[r].chars().count()
            })
            .collect();
        chars.sort_unstable();
        chars.dedup();
        return chars;
    }
    if q.whole.chars().filter(|c| *c != ' ').count() >= 3
        && fuzzy.score(&folded, &q.whole).is_some()
    {
        return fuzzy.indices(&folded, &q.whole).unwrap_or_default();
    }
    Vec::new()
}

#[cfg(test)]
mod tests;
