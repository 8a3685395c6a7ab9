//! How an article scores against a query: the tiers (title, then outlet, author or speaker, then
//! body, then matches that need typos), short fields scored once per distinct value, and the tally
//! of a query's words in one article.

use foldhash::HashMap;

use crate::corpus::search::fields::{Fields, SearchField};
use crate::corpus::search::fuzzy::{self, Fuzzy};
use crate::corpus::search::query::{Query, words, words_in};
use crate::corpus::search::typo::Typos;

pub(super) const TIER_TITLE: i64 = 3_000_000;
const TIER_FIELD: i64 = 2_000_000;
pub(super) const TIER_BODY: i64 = 1_000_000;
/// Every query word occurring in a field outranks a scattered fuzzy match of it.
pub(super) const WORDS_BONUS: i64 = 1_000;
/// Matches that need typos rank below every match that needs none (Meilisearch's `typo` rule
/// comes before its field order): from here down by [`TYPO_STEP`] per typo, so fewer typos
/// first, then title above outlet/author/speaker above body.
pub(super) const TIER_TYPO: i64 = 900_000;
/// What one more typo costs (four and more cost the same).
const TYPO_STEP: i64 = 200_000;
const TYPO_TITLE: i64 = 60_000;
const TYPO_FIELD: i64 = 40_000;

/// The score of a match that needs `typos` typos (one or more): every query word in the title
/// (`in_title`) or in a short field (`field`), else in the body, with `count` occurrences.
pub(super) fn typo_score(typos: u8, in_title: bool, field: bool, count: u32) -> i64 {
    let place = if in_title {
        TYPO_TITLE
    } else if field {
        TYPO_FIELD
    } else {
        0
    };
    TIER_TYPO - TYPO_STEP * i64::from(typos.clamp(1, 4)) + place + i64::from(count.min(999))
}

/// Distinct values of a short field and the articles that have each.
#[derive(Debug, Default)]
pub(super) struct Table {
    ids: HashMap<Box<str>, u32>,
    values: Vec<Box<str>>,
    docs: Vec<Vec<u32>>,
}

impl Table {
    /// A table of `values` and the articles of each (a saved table read back).
    pub(super) fn from_parts(values: Vec<Box<str>>, docs: Vec<Vec<u32>>) -> Table {
        let mut ids = HashMap::default();
        for (i, v) in values.iter().enumerate() {
            ids.entry(v.clone())
                .or_insert_with(|| u32::try_from(i).unwrap_or(u32::MAX));
        }
        Table { ids, values, docs }
    }

    /// The distinct values and the articles of each (what [`Table::from_parts`] takes back).
    pub(super) fn parts(&self) -> (&[Box<str>], &[Vec<u32>]) {
        (&self.values, &self.docs)
    }

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

    /// Scores every distinct value once, by [`typo_words`], and gives each of its articles not
    /// matched otherwise (`fields` empty, or a typo match scoring less) that score, with its typos
    /// in `typos`.
    pub(super) fn score_typos_into(
        &self,
        q: &Query,
        matchers: &[Option<Typos>],
        field: SearchField,
        scores: &mut [i64],
        fields: &mut [Fields],
        typos: &mut [u8],
    ) {
        for (value, docs) in self.values.iter().zip(&self.docs) {
            let Some(n) = typo_words(value, q, matchers) else {
                continue;
            };
            let s = typo_score(n, false, true, 0);
            for &d in docs {
                let d = d as usize;
                let (Some(score), Some(f), Some(t)) =
                    (scores.get_mut(d), fields.get_mut(d), typos.get_mut(d))
                else {
                    continue;
                };
                if f.is_empty() || (*t > 0 && *score < s) {
                    *score = s;
                    *t = n;
                    f.insert(field);
                }
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

/// The typos a short folded field needs to have every query word at a word start, when it needs
/// one or more (none: [`all_words_score`] matches it) and each word stays within its allowance
/// (`matchers[i]`, the matcher of word `i`; `None` for a word too short for typos).
pub(super) fn typo_words(value: &str, q: &Query, matchers: &[Option<Typos>]) -> Option<u8> {
    let mut total = 0u8;
    for (w, m) in q.words.iter().zip(matchers) {
        let exact = words(value).any(|v| v.starts_with(w.as_str()));
        if exact {
            continue;
        }
        let best = words(value).filter_map(|v| m.as_ref()?.distance(v)).min()?;
        total = total.saturating_add(best);
    }
    (total > 0).then_some(total)
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

/// The articles where a word prefix occurs, with summed counts and where the title has it; for
/// typo hits, how many typos each needs.
#[derive(Debug, Default)]
pub(super) struct WordHits {
    pub(super) docs: Vec<u32>,
    pub(super) counts: Vec<u16>,
    /// [`IN_TITLE`] and [`TITLE_WORD`] bits.
    pub(super) title: Vec<u8>,
    /// Typos per article (empty: none, the prefix as typed).
    pub(super) typos: Vec<u8>,
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
    /// Typos the words found need (0: every one as typed).
    pub(super) typos: u8,
}

impl Tally {
    /// One query word found `count` times (`title` bits), needing `typos` typos.
    pub(super) fn add(&mut self, count: u16, title: u8, typos: u8) {
        self.seen = self.seen.saturating_add(1);
        self.typos = self.typos.saturating_add(typos);
        self.total += u32::from(count);
        if title & IN_TITLE != 0 {
            self.in_title = self.in_title.saturating_add(1);
        }
        if title & TITLE_WORD != 0 {
            self.title_words = self.title_words.saturating_add(1);
        }
    }
}
