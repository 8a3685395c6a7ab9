//! The search index, built incrementally as articles stream in: an inverted index from every
//! title and body word to its articles ([`Postings`]: a capped count, and a mark when the title has
//! it), folded titles for fuzzy matching, and distinct outlets/authors/speakers with the articles
//! that have them ([`Table`]). Words are found by hash while indexing, and a vocabulary sorted lazily
//! answers word prefixes, the words the alias file spells another way ([`NameWords`]), and the
//! words a query word reaches with typos (`typos`, by the rule of [`crate::corpus::search::typo`]).
//! Results (keyed by the folded query) and per-word hits are cached, within a budget, until the
//! next articles arrive.

// foldhash, not SipHash: hashing every word of every article was a tenth of loading; its seed is
// random per process, so article text cannot choose colliding words ahead of time.
use rayon::prelude::*;
use std::sync::{Arc, Mutex};

use crate::corpus::article::Article;
use crate::corpus::quote::Quote;
use crate::corpus::search::cache::Cache;
use crate::corpus::search::doc::SearchDoc;
use crate::corpus::search::fields::{Fields, Match, SearchField};
use crate::corpus::search::fuzzy::{Fuzzy, Skim};
use crate::corpus::search::names::NameWords;
use crate::corpus::search::postings::PostingLists;
use crate::corpus::search::query::Query;
use crate::corpus::search::score::{
    IN_TITLE, TIER_BODY, TIER_TITLE, TITLE_WORD, Table, Tally, WORDS_BONUS, WordHits, fuzzy_score,
    typo_score,
};
use crate::corpus::search::sorted::LazySorted;
use crate::corpus::search::typo::Typos;

mod persist;
mod strs;
mod typos;
mod words;

use strs::Strs;
use words::Words;

/// Below this many articles a query runs on one thread.
const PARALLEL_FROM: usize = 8_192;
/// From this many bytes of postings, a word prefix's are read on every core.
const PARALLEL_POSTINGS: usize = 1 << 20;
/// Titles scored between two looks at whether a newer query is waiting.
const STALE_EVERY: usize = 4_096;
/// Matches handed over first when the best ones are known early (more than a screen holds).
pub const FIRST_PAGE: usize = 200;
/// Below this many articles every match comes in a few milliseconds: no first page is sent.
#[cfg(not(test))]
const FIRST_PAGE_FROM: usize = 50_000;
/// Tests see first pages on small corpora.
#[cfg(test)]
const FIRST_PAGE_FROM: usize = 1;
/// Most matches kept in the result cache (24 bytes each): about ten answers listing every one of
/// 100,000 articles, enough to erase a word typed on such a corpus for free.
const CACHE_MATCHES: usize = 1 << 20;
/// Most articles kept in the per-word cache (7 bytes each).
const CACHE_WORD_HITS: usize = 1 << 21;
/// Most titles kept in the fuzzy pass's cache (8 bytes each).
const CACHE_FUZZY_TITLES: usize = 1 << 21;

/// Titles the fuzzy pass matched, with their scores (below [`WORDS_BONUS`]).
type FuzzyTitles = Arc<[(u32, u16)]>;

/// A search index over a growing corpus. Article `i` is the `i`-th one added.
pub struct Index {
    fuzzy: Box<dyn Fuzzy>,
    /// Folded titles, article `i`'s at `i`.
    titles: Strs,
    keys: Vec<u64>,
    /// Article indices in list order ([`order_key`]).
    order: Mutex<LazySorted>,
    outlets: Table,
    authors: Table,
    speakers: Table,
    /// Each distinct word, numbered: the number is its place in `postings`.
    words: Words,
    /// Word numbers in word order, for prefix queries.
    vocab: Mutex<LazySorted>,
    postings: PostingLists,
    /// Words the alias file spells another way.
    names: Arc<NameWords>,
    word_cache: Mutex<Cache<Arc<WordHits>>>,
    /// The fuzzy pass's titles by folded query: erasing a letter at 1M articles finds them there
    /// when the whole answer (a million matches) no longer fits in the result cache.
    fuzzy_cache: Mutex<Cache<FuzzyTitles>>,
    result_cache: Mutex<Cache<Arc<[Match]>>>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("articles", &self.titles.len())
            .field("words", &self.words.len())
            .finish_non_exhaustive()
    }
}

impl Default for Index {
    fn default() -> Index {
        Index::with_fuzzy(Box::new(Skim::default()))
    }
}

impl Index {
    /// An empty index scoring short fields with `fuzzy`.
    pub fn with_fuzzy(fuzzy: Box<dyn Fuzzy>) -> Index {
        Index {
            fuzzy,
            titles: Strs::default(),
            keys: Vec::new(),
            order: Mutex::new(LazySorted::default()),
            outlets: Table::default(),
            authors: Table::default(),
            speakers: Table::default(),
            words: Words::default(),
            vocab: Mutex::new(LazySorted::default()),
            postings: PostingLists::default(),
            names: Arc::default(),
            word_cache: Mutex::new(Cache::new(CACHE_WORD_HITS)),
            fuzzy_cache: Mutex::new(Cache::new(CACHE_FUZZY_TITLES)),
            result_cache: Mutex::new(Cache::new(CACHE_MATCHES)),
        }
    }

    /// An index of `articles` with their quotes (`quotes(i)` for article `i`), in one go.
    pub fn build<'a>(articles: &[Article], quotes: impl Fn(usize) -> &'a [Quote]) -> Index {
        Index::build_with(Box::new(Skim::default()), articles, quotes)
    }

    /// [`Index::build`] scoring short fields with `fuzzy`.
    pub fn build_with<'a>(
        fuzzy: Box<dyn Fuzzy>,
        articles: &[Article],
        quotes: impl Fn(usize) -> &'a [Quote],
    ) -> Index {
        let mut index = Index::with_fuzzy(fuzzy);
        index.add(
            articles
                .iter()
                .enumerate()
                .map(|(i, a)| SearchDoc::new(a, quotes(i), u32::try_from(i).unwrap_or(u32::MAX)))
                .collect(),
        );
        index.compact();
        index
    }

    /// Number of indexed articles.
    pub fn len(&self) -> usize {
        self.titles.len()
    }

    /// True when no article is indexed.
    pub fn is_empty(&self) -> bool {
        self.titles.len() == 0
    }

    /// The scorer for short fields.
    pub fn fuzzy(&self) -> &dyn Fuzzy {
        self.fuzzy.as_ref()
    }

    /// Makes the other spellings the alias file gives a name's words find what those words find
    /// (`belousov` finds `Biélooussov`), and empties the caches.
    pub fn set_names(&mut self, names: NameWords) {
        self.names = Arc::new(names);
        self.clear_caches();
    }

    /// The words the alias file spells another way (for highlighting what a query found).
    pub fn names(&self) -> Arc<NameWords> {
        Arc::clone(&self.names)
    }

    /// Appends articles (they get the next indices) and empties the caches.
    pub fn add(&mut self, docs: Vec<SearchDoc>) {
        let first = self.titles.len();
        for (i, doc) in docs.into_iter().enumerate() {
            let id = u32::try_from(first + i).unwrap_or(u32::MAX);
            self.titles.push(&doc.title);
            self.keys.push(doc.key);
            if let Some(o) = doc.outlet {
                self.outlets.add(o, id);
            }
            if let Some(a) = doc.author {
                self.authors.add(a, id);
            }
            for s in doc.speakers {
                self.speakers.add(s, id);
            }
            let tallies = doc.tallies.iter().zip(&doc.in_title);
            for (term, (&n, &in_title)) in doc.words.split_terminator(' ').zip(tallies) {
                let (t, new) = self.words.number(term);
                if new {
                    self.postings.add_word();
                    lock(&self.vocab).add([t]);
                }
                self.postings.push(t, id, n, in_title);
            }
        }
        lock(&self.order).add((first..self.titles.len()).filter_map(|i| u32::try_from(i).ok()));
        self.clear_caches();
    }

    /// Sets every article's list-order key (`keys[i]` for article `i`): an article given none
    /// (or past the end of `keys`) is gone, never listed or matched again, its title emptied; the
    /// others are listed by their new keys. For a corpus whose files changed: the articles of
    /// changed and deleted files are dropped, their new versions added, and every key made again
    /// from the new file order, so the index answers as one built from scratch would, its
    /// articles numbered otherwise.
    pub fn relist(&mut self, keys: &[Option<u64>]) {
        let mut listed = Vec::with_capacity(keys.len());
        let mut titles = Strs::default();
        for (i, key) in self.keys.iter_mut().enumerate() {
            match keys.get(i).copied().flatten() {
                Some(k) => {
                    *key = k;
                    listed.extend(u32::try_from(i).ok());
                    titles.push(self.titles.get(i));
                }
                None => {
                    *key = u64::MAX;
                    titles.push("");
                }
            }
        }
        self.titles = titles;
        listed.sort_unstable_by_key(|&i| self.keys[i as usize]);
        *lock(&self.order) = LazySorted::from_sorted(listed);
        self.clear_caches();
    }

    /// Number of articles listed (those [`Index::relist`] did not drop).
    pub fn listed(&self) -> usize {
        lock(&self.order).len()
    }

    /// Gives back the spare capacity of growing lists (call once loading is done).
    pub fn compact(&mut self) {
        self.postings.shrink_to_fit();
        self.words.shrink_to_fit();
        self.titles.shrink_to_fit();
        self.keys.shrink_to_fit();
        lock(&self.order).shrink_to_fit();
    }

    fn clear_caches(&self) {
        lock(&self.word_cache).clear();
        lock(&self.fuzzy_cache).clear();
        lock(&self.result_cache).clear();
    }

    /// Articles matching `query`, best first (ties in list order). An empty query lists every
    /// article in list order with score 0.
    pub fn search(&self, query: &str) -> Arc<[Match]> {
        self.search_until(query, &|| false)
            .unwrap_or_else(|| Arc::from(Vec::new()))
    }

    /// [`Index::search`] that gives up (returns `None`) as soon as `stale()` says a newer query
    /// is waiting.
    pub fn search_until(
        &self,
        query: &str,
        stale: &(dyn Fn() -> bool + Sync),
    ) -> Option<Arc<[Match]>> {
        self.search_progressive(query, stale, None)
    }

    /// [`Index::search_until`] that first hands `first_page` (when given) the best [`FIRST_PAGE`] matches
    /// when they are known before the rest: titles having every query word outrank everything
    /// else, so when there are enough of them (the index says which) the top of the list is final
    /// before bodies, outlets, authors, speakers and fuzzy titles are scored. (Those matches'
    /// `fields` may still gain other fields in the complete answer.)
    pub fn search_progressive(
        &self,
        query: &str,
        stale: &(dyn Fn() -> bool + Sync),
        first_page: Option<&mut dyn FnMut(Arc<[Match]>)>,
    ) -> Option<Arc<[Match]>> {
        // Keyed by the folded query: `securite` is answered from `sécurité`, `aes ` from `aes`.
        let q = Query::new(query);
        let key = q.as_ref().map_or("", |q| q.whole.as_str());
        if let Some(hit) = lock(&self.result_cache).get(key) {
            return Some(hit);
        }
        let result: Arc<[Match]> = match &q {
            None => lock(&self.order)
                .sorted(|&i| self.key(i))
                .iter()
                .map(|&i| Match {
                    index: i as usize,
                    score: 0,
                    fields: Fields::default(),
                    typos: 0,
                })
                .collect(),
            Some(q) => self.run(q, stale, first_page)?,
        };
        lock(&self.result_cache).insert(key, Arc::clone(&result), result.len());
        Some(result)
    }

    fn run(
        &self,
        q: &Query,
        stale: &(dyn Fn() -> bool + Sync),
        first_page: Option<&mut dyn FnMut(Arc<[Match]>)>,
    ) -> Option<Arc<[Match]>> {
        let n = self.titles.len();
        let mut scores = vec![0i64; n];
        let mut fields = vec![Fields::default(); n];
        let fuzzy = self.fuzzy.as_ref();
        // Every query word must start a word of the article; the index says which articles, how
        // often, and whether in the title.
        let hits: Vec<Arc<WordHits>> = q.words.iter().map(|w| self.word_hits(w)).collect();
        if stale() {
            return None;
        }
        // And the articles where a word needs typos (none has the word as typed).
        let matchers: Vec<Option<Typos>> = q.words.iter().map(|w| Typos::new(w)).collect();
        let typo_hits: Vec<Arc<WordHits>> = q
            .words
            .iter()
            .zip(&matchers)
            .zip(&hits)
            .filter_map(|((w, m), exact)| Some(self.typo_hits(w, m.as_ref()?, exact)))
            .collect();
        if stale() {
            return None;
        }
        let mut tally = vec![Tally::default(); n];
        for h in &hits {
            for ((&d, &c), &t) in h.docs.iter().zip(&h.counts).zip(&h.title) {
                if let Some(x) = tally.get_mut(d as usize) {
                    x.add(c, t, 0);
                }
            }
        }
        for h in &typo_hits {
            let found = h.docs.iter().zip(&h.counts).zip(&h.title).zip(&h.typos);
            for (((&d, &c), &t), &typos) in found {
                if let Some(x) = tally.get_mut(d as usize) {
                    x.add(c, t, typos);
                }
            }
        }
        let need = u8::try_from(hits.len()).unwrap_or(u8::MAX);
        // Titles with every query word head the list (whole words above prefixes).
        let mut in_titles = 0;
        for ((x, score), f) in tally.iter().zip(&mut scores).zip(&mut fields) {
            if x.in_title == need && x.typos == 0 {
                *score = TIER_TITLE + WORDS_BONUS + 10 * i64::from(x.title_words);
                f.insert(SearchField::Title);
                in_titles += 1;
            }
        }
        if let Some(send) = first_page
            && in_titles >= FIRST_PAGE
            && n >= FIRST_PAGE_FROM
        {
            send(self.first_page(&scores, &fields));
        }
        // Then the articles having every word, in the title or the body.
        for ((x, score), f) in tally.iter().zip(&mut scores).zip(&mut fields) {
            if x.seen == need && x.typos == 0 {
                if !f.contains(SearchField::Title) {
                    *score = TIER_BODY + i64::from(x.total.min(999));
                }
                f.insert(SearchField::Body);
            }
        }
        // Short fields: each distinct value scored once.
        self.outlets
            .score_into(q, fuzzy, SearchField::Outlet, &mut scores, &mut fields);
        self.authors
            .score_into(q, fuzzy, SearchField::Author, &mut scores, &mut fields);
        self.speakers
            .score_into(q, fuzzy, SearchField::Speaker, &mut scores, &mut fields);
        // The other titles, fuzzy.
        if q.allows_fuzzy() {
            for &(d, t) in self.fuzzy_titles(q, stale, &fields)?.iter() {
                if let (Some(score), Some(f)) =
                    (scores.get_mut(d as usize), fields.get_mut(d as usize))
                {
                    *score = TIER_TITLE + i64::from(t);
                    f.insert(SearchField::Title);
                }
            }
        }
        // Last, below all of those, what typos find in articles nothing else found.
        let mut typos = Vec::new();
        if matchers.iter().any(Option::is_some) {
            typos = vec![0u8; n];
            let places = tally
                .iter()
                .zip(&mut scores)
                .zip(&mut fields)
                .zip(&mut typos);
            for (((x, score), f), typos) in places {
                if x.seen == need && x.typos > 0 && f.is_empty() {
                    let in_title = x.in_title == need;
                    *score = typo_score(x.typos, in_title, false, x.total);
                    *typos = x.typos;
                    if in_title {
                        f.insert(SearchField::Title);
                    }
                    f.insert(SearchField::Body);
                }
            }
            drop(tally);
            for (table, field) in [
                (&self.outlets, SearchField::Outlet),
                (&self.authors, SearchField::Author),
                (&self.speakers, SearchField::Speaker),
            ] {
                table.score_typos_into(q, &matchers, field, &mut scores, &mut fields, &mut typos);
            }
        }
        Some(self.ranked(&scores, &fields, &typos))
    }

    /// The titles `q` matches fuzzily among those no query word matched (`fields`), with their
    /// scores (the fuzzy pass), cached; on every core (rayon) when there are many. `None` when a
    /// newer query made the work moot.
    fn fuzzy_titles(
        &self,
        q: &Query,
        stale: &(dyn Fn() -> bool + Sync),
        fields: &[Fields],
    ) -> Option<FuzzyTitles> {
        if let Some(hit) = lock(&self.fuzzy_cache).get(&q.whole) {
            return Some(hit);
        }
        let fuzzy = self.fuzzy.as_ref();
        // A stretch of titles (the `k`-th), scored between two looks at `stale`.
        let pass = |(k, fields): (usize, &[Fields])| {
            if stale() {
                return None;
            }
            let first = k * STALE_EVERY;
            let titles = self.titles.range(first..first + fields.len());
            let mut found = Vec::new();
            for (d, (f, title)) in (first..).zip(fields.iter().zip(titles)) {
                if f.contains(SearchField::Title) {
                    continue;
                }
                if let (Some(t), Ok(d)) = (fuzzy_score(title, q, fuzzy), u32::try_from(d)) {
                    found.push((d, u16::try_from(t).unwrap_or(u16::MAX)));
                }
            }
            Some(found)
        };
        let stretches: Option<Vec<Vec<(u32, u16)>>> = if self.titles.len() < PARALLEL_FROM {
            fields.chunks(STALE_EVERY).enumerate().map(pass).collect()
        } else {
            fields
                .par_chunks(STALE_EVERY)
                .enumerate()
                .map(pass)
                .collect()
        };
        let stretches = stretches?;
        let found: FuzzyTitles = stretches.concat().into();
        lock(&self.fuzzy_cache).insert(&q.whole, Arc::clone(&found), found.len());
        Some(found)
    }

    /// The best [`FIRST_PAGE`] matches (ties in list order), in one pass over the articles that
    /// have a score, without gathering or ordering the others: at 1M articles, gathering every
    /// match in list order first took about as long as the search itself.
    fn first_page(&self, scores: &[i64], fields: &[Fields]) -> Arc<[Match]> {
        // The worst of the best kept on top: (score, place in list order) ranks them.
        let mut best = std::collections::BinaryHeap::with_capacity(FIRST_PAGE + 1);
        for (index, (&score, f)) in scores.iter().zip(fields).enumerate() {
            let key = u32::try_from(index).map_or(u64::MAX, |i| self.key(i));
            if f.is_empty() || key == u64::MAX {
                continue; // no match, or an article no longer listed (see `relist`)
            }
            let rank = (std::cmp::Reverse(score), key, index);
            if best.len() < FIRST_PAGE {
                best.push(rank);
            } else if best.peek().is_some_and(|worst| rank < *worst) {
                best.pop();
                best.push(rank);
            }
        }
        best.into_sorted_vec()
            .into_iter()
            .map(|(_, _, index)| Match {
                index,
                score: scores[index],
                fields: fields[index],
                typos: 0,
            })
            .collect()
    }

    /// Every match, best first (ties in list order). `typos[i]`: the typos article `i` needs (none
    /// when missing).
    fn ranked(&self, scores: &[i64], fields: &[Fields], typos: &[u8]) -> Arc<[Match]> {
        // Gathered in list order, then ordered on the score alone: no key lookups while sorting,
        // which matters when most of 100,000 articles match. Room for every article is asked for
        // at once, but only what the matches fill is ever touched.
        let mut order = lock(&self.order);
        let order = order.sorted(|&i| self.key(i));
        let mut out: Vec<Match> = Vec::with_capacity(order.len());
        out.extend(
            order
                .iter()
                .map(|&i| i as usize)
                .filter(|&i| fields.get(i).is_some_and(|f| !f.is_empty()))
                .map(|index| Match {
                    index,
                    score: scores[index],
                    fields: fields[index],
                    typos: typos.get(index).copied().unwrap_or(0),
                }),
        );
        best_first(&out)
    }

    /// Article `i`'s place in list order.
    fn key(&self, i: u32) -> u64 {
        self.keys.get(i as usize).copied().unwrap_or(u64::MAX)
    }

    /// The numbers of the words starting with `prefix`.
    fn with_prefix(&self, prefix: &str) -> Vec<u32> {
        let word = |t: &u32| self.words.get(*t);
        let mut vocab = lock(&self.vocab);
        let sorted = vocab.sorted(word);
        let from = sorted.partition_point(|t| word(t) < prefix);
        sorted[from..]
            .iter()
            .take_while(|t| word(t).starts_with(prefix))
            .copied()
            .collect()
    }

    /// Articles having a word that starts with `prefix`, or with another spelling the alias file
    /// gives the word `prefix` is, cached.
    fn word_hits(&self, prefix: &str) -> Arc<WordHits> {
        if let Some(h) = lock(&self.word_cache).get(prefix) {
            return h;
        }
        let others = self.names.others(prefix);
        let mut terms = self.with_prefix(prefix);
        if !others.is_empty() {
            terms.extend(others.iter().flat_map(|o| self.with_prefix(o)));
            terms.sort_unstable();
            terms.dedup();
        }
        // Per article: the summed counts, and the title bits.
        let tally = |terms: &[u32]| {
            let mut acc = vec![(0u16, 0u8); self.titles.len()];
            for &t in terms {
                let w = self.words.get(t);
                let whole = w == prefix || others.iter().any(|o| **o == *w);
                let in_title = if whole {
                    IN_TITLE | TITLE_WORD
                } else {
                    IN_TITLE
                };
                for (d, c, titled) in self.postings.iter(t) {
                    if let Some((count, title)) = acc.get_mut(d as usize) {
                        *count = count.saturating_add(u16::from(c));
                        if titled {
                            *title |= in_title;
                        }
                    }
                }
            }
            acc
        };
        // A short prefix reaches tens of millions of postings at 1M articles: its words are split
        // between the cores, by the size of their postings, and the tallies added up.
        let size: usize = terms.iter().map(|&t| self.postings.bytes(t).len()).sum();
        let acc = if size < PARALLEL_POSTINGS {
            tally(&terms)
        } else {
            let mut parts = Vec::new();
            let (share, mut from, mut taken) = (size.div_ceil(rayon::current_num_threads()), 0, 0);
            for (i, &t) in terms.iter().enumerate() {
                taken += self.postings.bytes(t).len();
                if taken >= share {
                    parts.push(&terms[from..=i]);
                    (from, taken) = (i + 1, 0);
                }
            }
            parts.push(&terms[from..]);
            parts
                .into_par_iter()
                .map(tally)
                .reduce_with(|mut acc, other| {
                    for ((count, title), (c, t)) in acc.iter_mut().zip(other) {
                        *count = count.saturating_add(c);
                        *title |= t;
                    }
                    acc
                })
                .unwrap_or_default()
        };
        let found = acc.iter().filter(|(c, _)| *c > 0).count();
        let mut hits = WordHits {
            docs: Vec::with_capacity(found),
            counts: Vec::with_capacity(found),
            title: Vec::with_capacity(found),
            typos: Vec::new(),
        };
        for (d, &(c, t)) in acc.iter().enumerate() {
            if c > 0 {
                hits.docs.push(u32::try_from(d).unwrap_or(u32::MAX));
                hits.counts.push(c);
                hits.title.push(t);
            }
        }
        let hits = Arc::new(hits);
        lock(&self.word_cache).insert(prefix, Arc::clone(&hits), hits.docs.len());
        hits
    }
}

/// `matches` ordered by score, best first, equal scores in the order they came: a counting sort over
/// the distinct scores, which are few (a tier plus a count or a fuzzy score), where a comparison
/// sort of a million matches (a short prefix at 1M articles) took 20-30 ms of each keystroke. The
/// answer is written once, in its place: a million matches are 24 MB.
fn best_first(matches: &[Match]) -> Arc<[Match]> {
    // Each distinct score gets a number as it first comes; each match, its score's number.
    let mut numbers: foldhash::HashMap<i64, u16> = foldhash::HashMap::default();
    let mut counts: Vec<(i64, u32)> = Vec::new();
    let mut of = Vec::with_capacity(matches.len());
    for m in matches {
        let next = u16::try_from(counts.len()).unwrap_or(u16::MAX);
        let n = *numbers.entry(m.score).or_insert(next);
        if n == next {
            // Mostly distinct scores: a comparison sort is as quick, without the table.
            if next == u16::MAX {
                let mut sorted = matches.to_vec();
                sorted.sort_by_key(|m| std::cmp::Reverse(m.score));
                return sorted.into();
            }
            counts.push((m.score, 0));
        }
        counts[usize::from(n)].1 += 1;
        of.push(n);
    }
    // Where each score's matches start, best score first.
    let mut by_score: Vec<usize> = (0..counts.len()).collect();
    by_score.sort_unstable_by_key(|&n| std::cmp::Reverse(counts[n].0));
    let mut next = vec![0u32; counts.len()];
    let mut start = 0;
    for n in by_score {
        next[n] = start;
        start += counts[n].1;
    }
    // Which match goes at each place.
    let mut from = vec![0u32; matches.len()];
    for (i, n) in of.into_iter().enumerate() {
        let at = &mut next[usize::from(n)];
        from[*at as usize] = u32::try_from(i).unwrap_or(u32::MAX);
        *at += 1;
    }
    from.iter().map(|&i| matches[i as usize]).collect()
}

/// A poisoned lock only means a panic elsewhere; the cache inside is still a valid cache.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::corpus::article::{ArticleId, Meta};
    use crate::corpus::search::score::all_words_score;
    use crate::corpus::text::fold;

    /// Text made of pieces that start, end and join words in every way titles do.
    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("sé"),
            Just("se"),
            Just("Sécu"),
            Just("rité"),
            Just("AES"),
            Just("aes"),
            Just("L’"),
            Just("d'"),
            Just("État"),
            Just("-"),
            Just(" "),
            Just(" "),
            Just("2025"),
            Just("à"),
            Just("« "),
            Just("ﬁ"),
        ];
        prop::collection::vec(piece, 0..10).prop_map(|v| v.concat())
    }

    fn article(i: usize, title: &str, body: &str) -> Article {
        Article {
            id: ArticleId::from(format!("a{i}").as_str()),
            file: format!("a{i}.txt"),
            meta: Meta {
                title: title.to_owned(),
                ..Meta::default()
            },
            blocks: Vec::new(),
            body: body.to_owned(),
        }
    }

    /// Articles whose titles rank in a few tiers for `securite sahel`, dated so that list order is
    /// not arrival order.
    fn tiered(n: usize) -> Vec<Article> {
        use crate::corpus::article::PartialDate;
        (0..n)
            .map(|i| {
                let title = match i % 4 {
                    0 => format!("Sécurité et Sahel {i}"),
                    1 => format!("Sécurité des Sahéliens {i}"),
                    2 => format!("Sécuritaire, le Sahel {i}"),
                    _ => format!("Autre chose {i}"),
                };
                let mut a = article(i, &title, "La sécurité du Sahel, encore.");
                a.meta.date = PartialDate::new(2025, Some(1 + (i % 7) as u8), None);
                a
            })
            .collect()
    }

    #[test]
    fn a_first_page_is_the_head_of_the_whole_answer_and_leaves_dropped_articles_out() {
        use crate::corpus::article::{order_key, seq};
        let articles = tiered(1_000);
        let mut index = Index::build(&articles, |_| &[]);
        // Every fifth article's file is gone.
        let keys: Vec<Option<u64>> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (i % 5 != 0).then(|| order_key(a.meta.date, seq(i))))
            .collect();
        index.relist(&keys);
        let mut pages = Vec::new();
        let all = index
            .search_progressive("securite sahel", &|| false, Some(&mut |p| pages.push(p)))
            .expect("not stale");
        assert_eq!(pages.len(), 1, "titles alone fill the first page");
        assert!(all.iter().all(|m| m.index % 5 != 0));
        // (The complete answer may add fields to the same matches: the body's, here.)
        let ranks = |ms: &[Match]| ms.iter().map(|m| (m.index, m.score)).collect::<Vec<_>>();
        assert_eq!(ranks(&pages[0]), ranks(&all[..FIRST_PAGE]));
    }

    #[test]
    fn an_answer_made_again_from_the_fuzzy_pass_cache_is_the_same() {
        let index = Index::build(&tiered(400), |_| &[]);
        for query in ["sahl", "curi", "autch"] {
            let first = index.search(query);
            let fuzzy = lock(&index.fuzzy_cache).get(&fold(query));
            assert!(
                fuzzy.is_some_and(|f| !f.is_empty()),
                "{query}: titles found fuzzily"
            );
            lock(&index.result_cache).clear();
            assert_eq!(&index.search(query)[..], &first[..], "{query}");
        }
    }

    proptest! {
        /// The counting sort orders matches as a stable sort by score does, whether the scores
        /// are few or mostly distinct.
        #[test]
        fn matches_come_best_first_in_the_order_equal_ones_came(
            scores in prop::collection::vec(prop_oneof![0i64..8, any::<i64>()], 0..6_000),
        ) {
            let matches: Vec<Match> = scores
                .iter()
                .enumerate()
                .map(|(index, &score)| Match { index, score, fields: Fields::default(), typos: 0 })
                .collect();
            let mut expected = matches.clone();
            expected.sort_by_key(|m| std::cmp::Reverse(m.score));
            prop_assert_eq!(&best_first(&matches)[..], &expected[..]);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

        /// The index's title marks find exactly the titles a scan of every title finds, with the
        /// same score.
        #[test]
        fn titles_with_every_query_word_are_those_a_scan_finds(
            docs in prop::collection::vec((text(), text()), 1..10),
            query in text(),
        ) {
            let articles: Vec<Article> = docs
                .iter()
                .enumerate()
                .map(|(i, (t, b))| article(i, t, b))
                .collect();
            let index = Index::build(&articles, |_| &[]);
            let Some(q) = Query::new(&query) else {
                return Ok(());
            };
            let matches = index.search(&query);
            for (i, a) in articles.iter().enumerate() {
                let scanned = all_words_score(&fold(&a.meta.title), &q).map(|s| TIER_TITLE + s);
                let indexed = matches
                    .iter()
                    .find(|m| m.index == i)
                    .map(|m| m.score)
                    .filter(|s| *s >= TIER_TITLE + WORDS_BONUS);
                prop_assert_eq!(indexed, scanned, "title {:?}, query {:?}", a.meta.title, query);
            }
        }

        /// An index some of whose articles were dropped and others added ([`Index::relist`], as
        /// when files changed) answers every query as one built from scratch on the articles
        /// left, in their new file order, and so does that index saved and read back.
        #[test]
        fn a_relisted_index_answers_as_one_built_from_scratch(
            docs in prop::collection::vec((text(), text(), 0u8..4), 1..10),
            added in prop::collection::vec((text(), text(), 0u8..4), 0..4),
            dropped in prop::collection::vec(any::<bool>(), 10),
            at in 0usize..10,
            query in text(),
        ) {
            use crate::corpus::article::{PartialDate, order_key, seq};
            let dated = |mut a: Article, month: u8| {
                a.meta.date = (month > 0).then(|| PartialDate::new(2025, Some(month), None)).flatten();
                a
            };
            let old: Vec<Article> = docs
                .iter()
                .enumerate()
                .map(|(i, (t, b, m))| dated(article(i, t, b), *m))
                .collect();
            let mut index = Index::build(&old, |_| &[]);
            // The files left, then the new ones put at `at` among them.
            let mut now: Vec<(Option<usize>, Article)> = old
                .iter()
                .enumerate()
                .filter(|(i, _)| !dropped[*i])
                .map(|(i, a)| (Some(i), a.clone()))
                .collect();
            let at = at.min(now.len());
            for (j, (t, b, m)) in added.iter().enumerate() {
                now.insert(at + j, (None, dated(article(100 + j, t, b), *m)));
            }
            let scratch = Index::build(
                &now.iter().map(|(_, a)| a.clone()).collect::<Vec<_>>(),
                |_| &[],
            );
            let mut keys = vec![None; old.len()];
            let mut ids: Vec<String> = old.iter().map(|a| a.id.to_string()).collect();
            let mut docs_added = Vec::new();
            for (place, (was, a)) in now.iter().enumerate() {
                match was {
                    Some(i) => keys[*i] = Some(order_key(a.meta.date, seq(place))),
                    None => {
                        let doc = SearchDoc::new(a, &[], seq(place));
                        keys.push(Some(doc.key()));
                        ids.push(a.id.to_string());
                        docs_added.push(doc);
                    }
                }
            }
            index.add(docs_added);
            index.relist(&keys);
            let answer = |index: &Index, ids: &dyn Fn(usize) -> String| {
                index
                    .search(&query)
                    .iter()
                    .map(|m| (ids(m.index), m.score, m.fields, m.typos))
                    .collect::<Vec<_>>()
            };
            let expected = answer(&scratch, &|i| now[i].1.id.to_string());
            prop_assert_eq!(&answer(&index, &|i| ids[i].clone()), &expected);
            prop_assert_eq!(index.listed(), now.len());
            let mut bytes = Vec::new();
            index.write_to(&mut bytes).expect("written to memory");
            let read = Index::read_from(&bytes, Box::new(Skim::default())).expect("read back");
            prop_assert_eq!(&answer(&read, &|i| ids[i].clone()), &expected);
        }
    }
}
