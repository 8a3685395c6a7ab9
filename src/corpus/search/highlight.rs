//! Where a query shows in a text: the hits to highlight in an article body, and the letters of a
//! title that matched.

use std::ops::Range;

use crate::corpus::search::fuzzy::Fuzzy;
use crate::corpus::search::query::{Query, word_starts, words_in};
use crate::corpus::text::fold;

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
