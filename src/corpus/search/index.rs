//! The search index, built incrementally as articles stream in: an inverted index from every
//! title and body word to its articles (with a capped count, and a mark when the title has it),
//! folded titles for fuzzy matching, and distinct outlets/authors/speakers with the articles that
//! have them. Words are found by hash while indexing, and a vocabulary sorted lazily answers word
//! prefixes. Results (keyed by the folded query) and per-word hits are cached, within a budget,
//! until the next articles arrive.

// foldhash, not SipHash: hashing every word of every article was a tenth of loading; its seed is
// random per process, so article text cannot choose colliding words ahead of time.
use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;
use std::collections::hash_map::Entry;
use std::sync::{Arc, Mutex};

use crate::corpus::article::{Article, order_key};
use crate::corpus::quote::Quote;
use crate::corpus::search::{Fields, Fuzzy, Match, Query, SearchField, Skim, words, words_in};
use crate::corpus::text::fold;

const TIER_TITLE: i64 = 3_000_000;
const TIER_FIELD: i64 = 2_000_000;
const TIER_BODY: i64 = 1_000_000;
/// Every query word occurring in a field outranks a scattered fuzzy match of it.
const WORDS_BONUS: i64 = 1_000;
/// Below this many articles a query runs on one thread.
const PARALLEL_FROM: usize = 8_192;
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
/// Most queries kept in the result cache.
const CACHE_QUERIES: usize = 256;
/// Most matches kept in the result cache (24 bytes each): about ten answers listing every one of
/// 100,000 articles, enough to erase a word typed on such a corpus for free.
const CACHE_MATCHES: usize = 1 << 20;
/// Most articles kept in the per-word cache (7 bytes each).
const CACHE_WORD_HITS: usize = 1 << 21;

/// What the index needs of one article, prepared away from the index (on loading threads).
#[derive(Debug, Clone, Default)]
pub struct SearchDoc {
    title: Box<str>,
    outlet: Option<Box<str>>,
    author: Option<Box<str>>,
    speakers: Vec<Box<str>>,
    /// Distinct words of title and body, each followed by a space.
    words: String,
    /// How often each word occurs (capped at 255).
    tallies: Vec<u8>,
    /// Whether each word is in the title.
    in_title: Vec<bool>,
    key: u64,
}

impl SearchDoc {
    /// Prepares `article` with its `quotes`; `seq` orders articles of the same date (file order).
    pub fn new(article: &Article, quotes: &[Quote], seq: u32) -> SearchDoc {
        let folded = |s: &str| fold(s).into_boxed_str();
        let mut speakers: Vec<Box<str>> = quotes
            .iter()
            .filter_map(|q| q.speaker.as_deref().map(folded))
            .collect();
        speakers.sort();
        speakers.dedup();
        let title = folded(&article.meta.title);
        let body = fold(&article.body);
        // Distinct words in order of first appearance, title first, counted.
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(512);
        let mut words_out = String::new();
        let mut tallies: Vec<u8> = Vec::new();
        let mut in_title = Vec::new();
        let title_words = words(&title).map(|w| (w, true));
        for (word, titled) in title_words.chain(words(&body).map(|w| (w, false))) {
            match seen.entry(word) {
                Entry::Occupied(at) => {
                    if let Some(n) = tallies.get_mut(*at.get()) {
                        *n = n.saturating_add(1);
                    }
                }
                Entry::Vacant(slot) => {
                    slot.insert(tallies.len());
                    words_out.push_str(word);
                    words_out.push(' ');
                    tallies.push(1);
                    in_title.push(titled);
                }
            }
        }
        words_out.shrink_to_fit();
        tallies.shrink_to_fit();
        in_title.shrink_to_fit();
        SearchDoc {
            outlet: article.meta.source.as_deref().map(folded),
            author: article.meta.author.as_deref().map(folded),
            title,
            speakers,
            words: words_out,
            tallies,
            in_title,
            key: order_key(article.meta.date, seq),
        }
    }

    /// The article's place in list order ([`order_key`]).
    pub fn key(&self) -> u64 {
        self.key
    }
}

/// Distinct values of a short field and the articles that have each.
#[derive(Debug, Default)]
struct Table {
    ids: HashMap<Box<str>, u32>,
    values: Vec<Box<str>>,
    docs: Vec<Vec<u32>>,
}

impl Table {
    fn add(&mut self, value: Box<str>, doc: u32) {
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
    fn score_into(
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
fn all_words_score(value: &str, q: &Query) -> Option<i64> {
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
fn fuzzy_score(value: &str, q: &Query, fuzzy: &dyn Fuzzy) -> Option<i64> {
    if value.is_empty() || !q.allows_fuzzy() || !super::fuzzy::is_subsequence(value, &q.whole) {
        return None;
    }
    fuzzy
        .score(value, &q.whole)
        .map(|s| s.clamp(0, WORDS_BONUS - 1))
}

/// The articles where a word prefix occurs, with summed counts and where the title has it.
#[derive(Debug, Default)]
struct WordHits {
    docs: Vec<u32>,
    counts: Vec<u16>,
    /// [`IN_TITLE`] and [`TITLE_WORD`] bits.
    title: Vec<u8>,
}

/// A title word starts with the prefix.
const IN_TITLE: u8 = 1;
/// A title word is the prefix, whole.
const TITLE_WORD: u8 = 2;

/// One article against a query's words: how many it has, in all and in the title.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    /// Query words starting a word of the title or body.
    seen: u8,
    /// Query words starting a word of the title.
    in_title: u8,
    /// Query words that are a whole word of the title.
    title_words: u8,
    /// Occurrences of the query words.
    total: u32,
}

impl Tally {
    fn add(&mut self, count: u16, title: u8) {
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

/// A search index over a growing corpus. Article `i` is the `i`-th one added.
pub struct Index {
    fuzzy: Box<dyn Fuzzy>,
    titles: Vec<Box<str>>,
    keys: Vec<u64>,
    /// Article indices in list order ([`order_key`]).
    order: Mutex<LazySorted>,
    outlets: Table,
    authors: Table,
    speakers: Table,
    /// Each word's number: its place in `words` and `postings`.
    terms: HashMap<Arc<str>, u32>,
    words: Vec<Arc<str>>,
    /// Word numbers in word order, for prefix queries.
    vocab: Mutex<LazySorted>,
    postings: Vec<Postings>,
    word_cache: Mutex<Cache<Arc<WordHits>>>,
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
            titles: Vec::new(),
            keys: Vec::new(),
            order: Mutex::new(LazySorted::default()),
            outlets: Table::default(),
            authors: Table::default(),
            speakers: Table::default(),
            terms: HashMap::new(),
            words: Vec::new(),
            vocab: Mutex::new(LazySorted::default()),
            postings: Vec::new(),
            word_cache: Mutex::new(Cache::new(CACHE_WORD_HITS)),
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
        self.titles.is_empty()
    }

    /// The scorer for short fields.
    pub fn fuzzy(&self) -> &dyn Fuzzy {
        self.fuzzy.as_ref()
    }

    /// Appends articles (they get the next indices) and empties the caches.
    pub fn add(&mut self, docs: Vec<SearchDoc>) {
        let first = self.titles.len();
        for (i, doc) in docs.into_iter().enumerate() {
            let id = u32::try_from(first + i).unwrap_or(u32::MAX);
            self.titles.push(doc.title);
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
                let t = match self.terms.get(term) {
                    Some(&t) => t,
                    None => {
                        let t = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
                        let word: Arc<str> = term.into();
                        self.terms.insert(Arc::clone(&word), t);
                        self.words.push(word);
                        self.postings.push(Postings::default());
                        lock(&self.vocab).add([t]);
                        t
                    }
                };
                if let Some(p) = self.postings.get_mut(t as usize) {
                    p.push(id, n, in_title);
                }
            }
        }
        lock(&self.order).add((first..self.titles.len()).filter_map(|i| u32::try_from(i).ok()));
        self.clear_caches();
    }

    /// Gives back the spare capacity of growing lists (call once loading is done).
    pub fn compact(&mut self) {
        self.postings.iter_mut().for_each(Postings::shrink_to_fit);
        self.postings.shrink_to_fit();
        self.words.shrink_to_fit();
        self.terms.shrink_to_fit();
        self.titles.shrink_to_fit();
        self.keys.shrink_to_fit();
        lock(&self.order).shrink_to_fit();
    }

    fn clear_caches(&self) {
        lock(&self.word_cache).clear();
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
                })
                .collect(),
            Some(q) => self.run(q, stale, first_page)?.into(),
        };
        lock(&self.result_cache).insert(key, Arc::clone(&result), result.len());
        Some(result)
    }

    fn run(
        &self,
        q: &Query,
        stale: &(dyn Fn() -> bool + Sync),
        first_page: Option<&mut dyn FnMut(Arc<[Match]>)>,
    ) -> Option<Vec<Match>> {
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
        let mut tally = vec![Tally::default(); n];
        for h in &hits {
            for ((&d, &c), &t) in h.docs.iter().zip(&h.counts).zip(&h.title) {
                if let Some(x) = tally.get_mut(d as usize) {
                    x.add(c, t);
                }
            }
        }
        let need = u8::try_from(hits.len()).unwrap_or(u8::MAX);
        // Titles with every query word head the list (whole words above prefixes).
        let mut in_titles = 0;
        for ((x, score), f) in tally.iter().zip(&mut scores).zip(&mut fields) {
            if x.in_title == need {
                *score = TIER_TITLE + WORDS_BONUS + 10 * i64::from(x.title_words);
                f.insert(SearchField::Title);
                in_titles += 1;
            }
        }
        if let Some(send) = first_page
            && in_titles >= FIRST_PAGE
            && n >= FIRST_PAGE_FROM
        {
            send(self.ranked(&scores, &fields, Some(FIRST_PAGE)).into());
        }
        // Then the articles having every word, in the title or the body.
        for ((x, score), f) in tally.iter().zip(&mut scores).zip(&mut fields) {
            if x.seen == need {
                if !f.contains(SearchField::Title) {
                    *score = TIER_BODY + i64::from(x.total.min(999));
                }
                f.insert(SearchField::Body);
            }
        }
        drop(tally);
        // Short fields: each distinct value scored once.
        self.outlets
            .score_into(q, fuzzy, SearchField::Outlet, &mut scores, &mut fields);
        self.authors
            .score_into(q, fuzzy, SearchField::Author, &mut scores, &mut fields);
        self.speakers
            .score_into(q, fuzzy, SearchField::Speaker, &mut scores, &mut fields);
        // The other titles, fuzzy.
        if q.allows_fuzzy() {
            let complete = self.score_titles(stale, &mut scores, &mut fields, |t| {
                fuzzy_score(t, q, fuzzy)
            });
            if !complete {
                return None;
            }
        }
        Some(self.ranked(&scores, &fields, None))
    }

    /// Scores the titles not matched yet with `score` (the fuzzy pass), on every core (rayon)
    /// when there are many. False when a newer query made the work moot.
    fn score_titles(
        &self,
        stale: &(dyn Fn() -> bool + Sync),
        scores: &mut [i64],
        fields: &mut [Fields],
        score: impl Fn(&str) -> Option<i64> + Sync,
    ) -> bool {
        /// A stretch of titles, with their scores and fields, scored between two looks at `stale`.
        type Stretch<'a> = ((&'a mut [i64], &'a mut [Fields]), &'a [Box<str>]);
        let pass = |((scores, fields), titles): Stretch<'_>| {
            if stale() {
                return false;
            }
            for ((total, f), title) in scores.iter_mut().zip(fields).zip(titles) {
                if f.contains(SearchField::Title) {
                    continue;
                }
                if let Some(t) = score(title) {
                    *total = TIER_TITLE + t;
                    f.insert(SearchField::Title);
                }
            }
            true
        };
        if self.titles.len() < PARALLEL_FROM {
            return scores
                .chunks_mut(STALE_EVERY)
                .zip(fields.chunks_mut(STALE_EVERY))
                .zip(self.titles.chunks(STALE_EVERY))
                .all(pass);
        }
        scores
            .par_chunks_mut(STALE_EVERY)
            .zip(fields.par_chunks_mut(STALE_EVERY))
            .zip(self.titles.par_chunks(STALE_EVERY))
            .all(pass)
    }

    /// The matches, best first (ties in list order); only the best `top` when given.
    fn ranked(&self, scores: &[i64], fields: &[Fields], top: Option<usize>) -> Vec<Match> {
        // Gathered in list order, then ordered on the score alone: no key lookups while sorting,
        // which matters when most of 100,000 articles match.
        let mut out: Vec<Match> = lock(&self.order)
            .sorted(|&i| self.key(i))
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| fields.get(i).is_some_and(|f| !f.is_empty()))
            .map(|index| Match {
                index,
                score: scores[index],
                fields: fields[index],
            })
            .collect();
        match top {
            Some(top) if top > 0 && top < out.len() => {
                // The best `top` by (score, place in list order), then those sorted.
                let mut ranked: Vec<(std::cmp::Reverse<i64>, usize)> = out
                    .iter()
                    .enumerate()
                    .map(|(place, m)| (std::cmp::Reverse(m.score), place))
                    .collect();
                ranked.select_nth_unstable(top - 1);
                ranked.truncate(top);
                ranked.sort_unstable();
                ranked.into_iter().map(|(_, place)| out[place]).collect()
            }
            _ => {
                out.sort_by_key(|m| std::cmp::Reverse(m.score));
                out
            }
        }
    }

    /// Article `i`'s place in list order.
    fn key(&self, i: u32) -> u64 {
        self.keys.get(i as usize).copied().unwrap_or(u64::MAX)
    }

    /// The numbers of the words starting with `prefix`.
    fn with_prefix(&self, prefix: &str) -> Vec<u32> {
        let word = |t: &u32| self.words.get(*t as usize).map_or("", |w| &**w);
        let mut vocab = lock(&self.vocab);
        let sorted = vocab.sorted(word);
        let from = sorted.partition_point(|t| word(t) < prefix);
        sorted[from..]
            .iter()
            .take_while(|t| word(t).starts_with(prefix))
            .copied()
            .collect()
    }

    /// Articles having a word that starts with `prefix`, cached.
    fn word_hits(&self, prefix: &str) -> Arc<WordHits> {
        if let Some(h) = lock(&self.word_cache).get(prefix) {
            return h;
        }
        let n = self.titles.len();
        let mut acc = vec![(0u16, 0u8); n];
        let terms = self.with_prefix(prefix);
        for t in terms {
            let whole = self.words.get(t as usize).is_some_and(|w| &**w == prefix);
            let in_title = if whole {
                IN_TITLE | TITLE_WORD
            } else {
                IN_TITLE
            };
            for (d, c, titled) in self.postings[t as usize].iter() {
                if let Some((count, title)) = acc.get_mut(d as usize) {
                    *count = count.saturating_add(u16::from(c));
                    if titled {
                        *title |= in_title;
                    }
                }
            }
        }
        let mut hits = WordHits::default();
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

/// Answers kept until the next articles arrive, within a budget of entries and of their sizes
/// (matches or articles): the oldest go first, so erasing what was just typed stays free while
/// memory stays bounded however long one types.
#[derive(Debug)]
struct Cache<V> {
    map: HashMap<String, (V, usize)>,
    /// Keys, oldest first.
    order: std::collections::VecDeque<String>,
    size: usize,
    max_size: usize,
}

impl<V: Clone> Cache<V> {
    fn new(max_size: usize) -> Cache<V> {
        Cache {
            map: HashMap::new(),
            order: std::collections::VecDeque::new(),
            size: 0,
            max_size,
        }
    }

    fn get(&self, key: &str) -> Option<V> {
        self.map.get(key).map(|(v, _)| v.clone())
    }

    /// Keeps `value` (of `size` matches or articles) under `key`, forgetting the oldest entries
    /// until it fits. A value bigger than the whole budget is kept alone.
    fn insert(&mut self, key: &str, value: V, size: usize) {
        if let Some((_, old)) = self.map.remove(key) {
            self.size = self.size.saturating_sub(old);
            self.order.retain(|k| k != key);
        }
        while !self.order.is_empty()
            && (self.order.len() >= CACHE_QUERIES || self.size + size > self.max_size)
        {
            if let Some((_, gone)) = self.order.pop_front().and_then(|k| self.map.remove(&k)) {
                self.size = self.size.saturating_sub(gone);
            }
        }
        self.size += size;
        self.order.push_back(key.to_owned());
        self.map.insert(key.to_owned(), (value, size));
    }

    fn clear(&mut self) {
        self.map.clear();
        self.order.clear();
        self.size = 0;
    }
}

/// Two sorted lists as one; on ties, `old` first.
fn merge<T>(old: Vec<T>, new: Vec<T>, le: impl Fn(&T, &T) -> bool) -> Vec<T> {
    let mut merged = Vec::with_capacity(old.len() + new.len());
    let (mut a, mut b) = (old.into_iter().peekable(), new.into_iter().peekable());
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => le(x, y),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        merged.extend(if take_a { a.next() } else { b.next() });
    }
    merged
}

/// Numbers (articles, words) kept sorted by a key. Numbers added since the last look wait in
/// `pending` and are sorted in by the next look, so adding while loading never moves or re-sorts
/// what is already there (merging the list order on every batch made loading quadratic).
#[derive(Debug, Default)]
struct LazySorted {
    sorted: Vec<u32>,
    pending: Vec<u32>,
}

impl LazySorted {
    fn add(&mut self, numbers: impl IntoIterator<Item = u32>) {
        self.pending.extend(numbers);
    }

    /// Every number, sorted by `key` (which must tell any two numbers apart).
    fn sorted<K: Ord>(&mut self, key: impl Fn(&u32) -> K) -> &[u32] {
        if !self.pending.is_empty() {
            let mut new = std::mem::take(&mut self.pending);
            new.sort_unstable_by_key(&key);
            self.sorted = merge(std::mem::take(&mut self.sorted), new, |x, y| {
                key(x) <= key(y)
            });
        }
        &self.sorted
    }

    fn shrink_to_fit(&mut self) {
        self.sorted.shrink_to_fit();
    }
}

/// One word's articles in ascending order, with how often the word occurs in each and whether in
/// the title. Stored as (gap, count) pairs, the gap as a LEB128 varint whose lowest bit says
/// "in the title": a word most articles have costs two bytes per article instead of five, and one
/// allocation instead of two.
#[derive(Debug, Default)]
struct Postings {
    bytes: Vec<u8>,
    /// The smallest article the next posting can name (the last one plus one).
    next: u32,
}

impl Postings {
    /// Appends `doc` (greater than every article already in) occurring `count` times.
    fn push(&mut self, doc: u32, count: u8, in_title: bool) {
        let mut gap = u64::from(doc.saturating_sub(self.next)) << 1 | u64::from(in_title);
        while gap >= 0x80 {
            self.bytes.push((gap as u8 & 0x7f) | 0x80);
            gap >>= 7;
        }
        self.bytes.push(gap as u8);
        self.bytes.push(count);
        self.next = doc.saturating_add(1);
    }

    /// `(article, count, in title)` in ascending order.
    fn iter(&self) -> impl Iterator<Item = (u32, u8, bool)> + '_ {
        let mut bytes = self.bytes.iter().copied();
        let mut next = 0u32;
        std::iter::from_fn(move || {
            let (mut gap, mut shift) = (0u64, 0u32);
            loop {
                let b = bytes.next()?;
                gap |= u64::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
                if b < 0x80 {
                    break;
                }
                shift += 7;
            }
            let doc = next.saturating_add(u32::try_from(gap >> 1).unwrap_or(u32::MAX));
            next = doc.saturating_add(1);
            Some((doc, bytes.next()?, gap & 1 == 1))
        })
    }

    fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
    }
}

/// A poisoned lock only means a panic elsewhere; the cache inside is still a valid cache.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod cache_tests {
    use super::{CACHE_QUERIES, Cache};

    #[test]
    fn the_cache_forgets_its_oldest_answers_to_stay_within_budget() {
        let mut c: Cache<u32> = Cache::new(10);
        c.insert("a", 1, 4);
        c.insert("ab", 2, 4);
        c.insert("abc", 3, 4);
        assert_eq!(c.get("a"), None, "the oldest went");
        assert_eq!((c.get("ab"), c.get("abc")), (Some(2), Some(3)));
        assert_eq!(c.size, 8);
        c.insert("huge", 4, 50);
        assert_eq!(c.get("huge"), Some(4), "kept alone");
        assert_eq!((c.get("ab"), c.size), (None, 50));
    }

    #[test]
    fn the_cache_keeps_a_bounded_number_of_queries() {
        let mut c: Cache<usize> = Cache::new(usize::MAX);
        for i in 0..CACHE_QUERIES + 10 {
            c.insert(&i.to_string(), i, 0);
        }
        assert_eq!(c.map.len(), CACHE_QUERIES);
        assert_eq!(c.get("9"), None);
        assert_eq!(
            c.get(&(CACHE_QUERIES + 9).to_string()),
            Some(CACHE_QUERIES + 9)
        );
    }
}

#[cfg(test)]
mod postings_tests {
    use super::Postings;

    #[test]
    fn postings_give_back_every_article_count_and_title_mark_in_order() {
        let docs = [0u32, 1, 2, 130, 131, 20_000, 2_000_000, u32::MAX - 1];
        let want: Vec<(u32, u8, bool)> = docs
            .iter()
            .enumerate()
            .map(|(i, &d)| (d, u8::try_from(i).unwrap_or(u8::MAX) + 1, i % 3 == 0))
            .collect();
        let mut p = Postings::default();
        for &(d, c, t) in &want {
            p.push(d, c, t);
        }
        assert_eq!(p.iter().collect::<Vec<_>>(), want);
    }

    #[test]
    fn a_word_in_consecutive_articles_costs_two_bytes_each() {
        let mut p = Postings::default();
        for d in 0..1000 {
            p.push(d, 1, d % 2 == 0);
        }
        assert_eq!(p.bytes.len(), 2000);
    }
}

#[cfg(test)]
mod title_index_tests {
    use proptest::prelude::*;

    use super::*;
    use crate::corpus::article::{ArticleId, Meta};

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
    }
}
