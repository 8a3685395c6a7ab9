//! How an article scores against a query: the tiers (title, then outlet, author or speaker, then
//! body), short fields scored once per distinct value, and the tally of a query's words in one
//! article.

use foldhash::HashMap;

use crate::corpus::search::fields::{Fields, SearchField};
use crate::corpus::search::fuzzy::{self, Fuzzy};
use crate::corpus::search::query::{Query, words, words_in};

pub(super) const TIER_TITLE: i64 = 3_000_000;
const TIER_FIELD: i64 = 2_000_000;
pub(super) const TIER_BODY: i64 = 1_000_000;
/// Every query word occurring in a field outranks a scattered fuzzy match of it.
pub(super) const WORDS_BONUS: i64 = 1_000;

/// Distinct values of a short field and the articles that have each.
#[derive(Debug, Default)]
pub(super) struct Table {
    ids: HashMap<Box<str>, u32>,
    values: Vec<Box<str>>,
    docs: Vec<Vec<u32>>,
}

impl Table {
    pub(super) fn add(&mut self, value: Box<str>, doc: u32) {
        let next = u32::try_from(self.values.len()).unwrap_or(u32::MAX);
        let id = *self.ids.entry(value.clone()).or_insert_with(|| {
            self.values.push(value);
            self.docs.push(Vec::new());
            next
        });
        if let Some(list) = self.docs.get_mut(id as usize) {
            if list.last() != Some(&doc) {
                list.push(doc);
            }
        }
    }

    /// Scores every distinct value once and gives each of its articles the best score.
    pub(super) fn score_into(
        &self,
        q: &Query,
        fuzzy: &dyn Fuzzy,
        field: SearchField,
        scores: &mut [i64],
        fields: &mut [Fields],
    ) {
        for (value, docs) in self.values.iter().zip(&self.docs) {
            if let Some(s) = score_short(value, q, fuzzy) {
                for &d in docs {
                    let d = d as usize;
                    if let (Some(score), Some(f)) = (scores.get_mut(d), fields.get_mut(d)) {
                        *score = (*score).max(TIER_FIELD + s);
                        f.insert(field);
                    }
                }
            }
        }
    }
}

/// A short folded field against a query: all words present beats a fuzzy match.
fn score_short(value: &str, q: &Query, fuzzy: &dyn Fuzzy) -> Option<i64> {
    all_words_score(value, q).or_else(|| fuzzy_score(value, q, fuzzy))
}

/// A field having every query word (as word starts); whole words rank above prefixes.
pub(super) fn all_words_score(value: &str, q: &Query) -> Option<i64> {
    if value.is_empty() || !words_in(value, &q.words) {
        return None;
    }
    let whole = q
        .words
        .iter()
        .filter(|w| words(value).any(|v| v == w.as_str()))
        .count();
    Some(WORDS_BONUS + 10 * i64::try_from(whole).unwrap_or(0))
}

/// A fuzzy match of the whole query, below any field having every word.
pub(super) fn fuzzy_score(value: &str, q: &Query, fuzzy: &dyn Fuzzy) -> Option<i64> {
    if value.is_empty() || !q.allows_fuzzy() || !fuzzy::is_subsequence(value, &q.whole) {
        return None;
    }
    fuzzy
        .score(value, &q.whole)
        .map(|s| s.clamp(0, WORDS_BONUS - 1))
}

/// The articles where a word prefix occurs, with summed counts and where the title has it.
#[derive(Debug, Default)]
pub(super) struct WordHits {
    pub(super) docs: Vec<u32>,
    pub(super) counts: Vec<u16>,
    /// [`IN_TITLE`] and [`TITLE_WORD`] bits.
    pub(super) title: Vec<u8>,
}

/// A title word starts with the prefix.
pub(super) const IN_TITLE: u8 = 1;
/// A title word is the prefix, whole.
pub(super) const TITLE_WORD: u8 = 2;

/// One article against a query's words: how many it has, in all and in the title.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Tally {
    /// Query words starting a word of the title or body.
    pub(super) seen: u8,
    /// Query words starting a word of the title.
    pub(super) in_title: u8,
    /// Query words that are a whole word of the title.
    pub(super) title_words: u8,
    /// Occurrences of the query words.
    pub(super) total: u32,
}

impl Tally {
    pub(super) fn add(&mut self, count: u16, title: u8) {
        self.seen = self.seen.saturating_add(1);
        self.total += u32::from(count);
        if title & IN_TITLE != 0 {
            self.in_title = self.in_title.saturating_add(1);
        }
        if title & TITLE_WORD != 0 {
            self.title_words = self.title_words.saturating_add(1);
        }
    }
}
