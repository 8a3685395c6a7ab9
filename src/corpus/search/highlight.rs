//! Where a query shows in a text: the hits to highlight in an article body, and the letters of a
//! title that matched. A query word is highlighted where it starts a word as typed and where
//! another spelling the alias file gives it does; where it does neither in a text, the words it
//! reaches with typos are highlighted instead.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use crate::corpus::search::fuzzy::Fuzzy;
use crate::corpus::search::names::NameWords;
use crate::corpus::search::query::{Query, word_starts, words_in};
use crate::corpus::search::typo::Typos;
use crate::corpus::text::{fold, is_alphanumeric};

/// Byte ranges in `text` (on char boundaries) where a term of `query` starts a word, folded (case,
/// accents, apostrophes ignored), sorted and merged; see [`Highlighter`]. Knows no alias file.
pub fn find_hits(text: &str, query: &str) -> Vec<Range<usize>> {
    Highlighter::new(query, &NameWords::default()).find(text)
}

/// One term of a query to highlight.
#[derive(Debug)]
struct Term {
    /// Folded, without its outer punctuation.
    text: String,
    /// Other spellings the alias file gives it.
    others: Vec<Box<str>>,
    /// Its typo matcher, for a one-word term long enough for typos.
    typos: Option<Typos>,
}

/// What to highlight for a query: its terms, each a space-separated piece of the query without
/// its outer punctuation (so `l’état` finds `l'Etat` and not every `l`), with the other spellings
/// the alias file gives them and their typo matchers.
#[derive(Debug)]
pub struct Highlighter {
    terms: Vec<Term>,
}

impl Highlighter {
    /// The highlighter of `query`, with the other spellings of `names`.
    pub fn new(query: &str, names: &NameWords) -> Highlighter {
        let terms = fold(query)
            .split_whitespace()
            .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|t| !t.is_empty())
            .map(|t| Term {
                text: t.to_owned(),
                others: names.others(t).to_vec(),
                typos: t
                    .chars()
                    .all(is_alphanumeric)
                    .then(|| Typos::new(t))
                    .flatten(),
            })
            .collect();
        Highlighter { terms }
    }

    /// Byte ranges in `text` (on char boundaries) to highlight, sorted and merged: where a term
    /// starts a word, folded (case, accents, apostrophes ignored), or another spelling of it does;
    /// for a term found neither way, the words it reaches with typos, whole. Empty for an empty
    /// query.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        self.hits(text, false).unwrap_or_default()
    }

    /// [`Highlighter::find`] when every term is found in `text`, else `None`.
    pub fn find_all(&self, text: &str) -> Option<Vec<Range<usize>>> {
        self.hits(text, true)
    }

    fn hits(&self, text: &str, every_term: bool) -> Option<Vec<Range<usize>>> {
        if self.terms.is_empty() {
            return Some(Vec::new());
        }
        let folded = fold(text);
        let mut found: Vec<Range<usize>> = Vec::new();
        for t in &self.terms {
            let before = found.len();
            for w in std::iter::once(t.text.as_str()).chain(t.others.iter().map(|o| &**o)) {
                found.extend(word_starts(&folded, w).map(|start| start..start + w.len()));
            }
            if let (true, Some(typos)) = (found.len() == before, &t.typos) {
                found.extend(
                    word_spans(&folded)
                        .filter(|r| typos.distance(&folded[r.clone()]).is_some_and(|d| d > 0)),
                );
            }
            if every_term && found.len() == before {
                return None;
            }
        }
        Some(to_original(text, &folded, found))
    }
}

/// Byte ranges of the words (runs of letters and digits) of folded text.
fn word_spans(folded: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = None;
    folded
        .char_indices()
        .map(Some)
        .chain([None])
        .filter_map(move |c| match c {
            Some((i, c)) if is_alphanumeric(c) => {
                start.get_or_insert(i);
                None
            }
            Some((i, _)) => start.take().map(|s| s..i),
            None => start.take().map(|s| s..folded.len()),
        })
}

/// `found`, byte ranges of `folded` (the fold of `text`), as byte ranges of `text`, merged.
fn to_original(text: &str, folded: &str, found: Vec<Range<usize>>) -> Vec<Range<usize>> {
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
/// else the fuzzy matcher's picks, else the words the query reaches with typos when every word
/// reaches one. Computed for the rows on screen only.
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
    // A title found with typos: the words reached, whole.
    let Some(found) = title_highlighter(query).find_all(title) else {
        return Vec::new();
    };
    found
        .into_iter()
        .flat_map(|r| {
            let start = title[..r.start].chars().count();
            start..start + title[r].chars().count()
        })
        .collect()
}

/// The highlighter of `query` (without alias file) for the list's titles: made once per query
/// per thread, not once per row drawn (a typo matcher is an automaton built from the query).
fn title_highlighter(query: &str) -> Rc<Highlighter> {
    thread_local! {
        static LAST: RefCell<Option<(String, Rc<Highlighter>)>> = const { RefCell::new(None) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        match &*last {
            Some((q, h)) if q == query => Rc::clone(h),
            _ => {
                let h = Rc::new(Highlighter::new(query, &NameWords::default()));
                *last = Some((query.to_owned(), Rc::clone(&h)));
                h
            }
        }
    })
}
