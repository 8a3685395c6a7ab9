//! Who said what across the whole corpus: every quote as one row (the same words printed by
//! several outlets make one row), every speaker with their counts, outlets and dates, and the
//! filters of the reader's Quotes and Speakers views. No terminal code.
//!
//! Articles and quotes are referred to by number: an article's position in the slice given to
//! [`Quotebook::build`], a quote's position in that article's quotes.

use std::collections::{BTreeMap, HashMap};

use crate::corpus::article::{Article, ArticleId, PartialDate};
use crate::corpus::quote::{Quote, is_same_quote, word_hashes};
use crate::corpus::search::{Fuzzy, Skim, words};
use crate::corpus::text::fold;

/// Months a speaker's sparkline covers at most (the most recent ones).
pub const MAX_MONTHS: usize = 120;

/// One quote of the corpus, with every article that prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Where it was printed first (the earliest date; corpus order among equal dates).
    pub first: (u32, u32),
    /// The same quote in other articles, earliest first.
    pub also: Vec<(u32, u32)>,
    /// Its speaker, a position in [`Quotebook::speakers`].
    pub speaker: Option<u32>,
    /// The date of its first printing.
    pub date: Option<PartialDate>,
}

impl Row {
    /// Every printing, the first one first.
    pub fn printings(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        std::iter::once(self.first).chain(self.also.iter().copied())
    }
}

/// Everyone quoted, with what a reader asks about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The canonical name, or the description of an anonymous source (`un diplomate`).
    pub name: String,
    /// A name (person, organisation) rather than a description.
    pub named: bool,
    /// Quotes attributed to them (each printing counts once: a row is one quote).
    pub quotes: usize,
    /// Articles quoting them.
    pub articles: usize,
    /// Outlets quoting them, the one quoting them most first.
    pub outlets: Vec<String>,
    /// Other spellings of the name (from the corpus alias file).
    pub aliases: Vec<String>,
    /// The first and the last date they were quoted.
    pub first: Option<PartialDate>,
    /// See `first`.
    pub last: Option<PartialDate>,
    /// Quotes per month from the month of `first` (or [`MAX_MONTHS`] before `last`) to the month
    /// of `last`, months without a quote included: a sparkline's values. Empty when no quote has
    /// a month.
    pub per_month: Vec<u32>,
}

/// The quotes and speakers of a corpus, and their search.
#[derive(Debug, Default)]
pub struct Quotebook {
    rows: Vec<Row>,
    speakers: Vec<Speaker>,
    /// Folded words of each row's quote, speaker and outlets, sorted, each with the rows holding
    /// it (ascending): a word prefix is a range of this table.
    vocabulary: Vec<(Box<str>, Vec<u32>)>,
    /// Each speaker's folded name and aliases, for the fuzzy pass.
    folded_names: Vec<Vec<String>>,
    /// Each speaker's rows, in row order.
    rows_of: Vec<Vec<u32>>,
}

/// Which printing comes first: the earlier date (undated last), then the article's id (its file
/// name: the same on every run, whatever order the articles arrived in), then reading order.
fn printing_order(
    articles: &[Article],
    p: (u32, u32),
) -> (bool, Option<PartialDate>, Option<&ArticleId>, u32) {
    let article = articles.get(p.0 as usize);
    let date = article.and_then(|a| a.meta.date);
    (date.is_none(), date, article.map(|a| &a.id), p.1)
}

impl Quotebook {
    /// Builds the rows and speakers of `quotes` (the quotes of each article, links applied);
    /// `aliases_of` gives the other spellings of a canonical name.
    pub fn build<'a>(
        articles: &[Article],
        quotes: &[Vec<Quote>],
        aliases_of: impl Fn(&str) -> &'a [String],
    ) -> Quotebook {
        let groups = group_printings(articles, quotes);
        let mut speaker_ids: HashMap<&str, u32> = HashMap::new();
        let mut speakers: Vec<Speaker> = Vec::new();
        let mut rows = Vec::with_capacity(groups.len());
        for mut printings in groups {
            printings.sort_by_key(|&p| printing_order(articles, p));
            let first = printings[0];
            // A quote's speaker is the first printing's, else any printing's.
            let name = printings
                .iter()
                .find_map(|&(a, q)| quotes[a as usize][q as usize].speaker.as_deref());
            let speaker = name.map(|n| {
                *speaker_ids.entry(n).or_insert_with(|| {
                    speakers.push(Speaker {
                        name: n.to_owned(),
                        named: !n.starts_with(char::is_lowercase),
                        quotes: 0,
                        articles: 0,
                        outlets: Vec::new(),
                        aliases: aliases_of(n).to_vec(),
                        first: None,
                        last: None,
                        per_month: Vec::new(),
                    });
                    (speakers.len() - 1) as u32
                })
            });
            rows.push(Row {
                first,
                also: printings[1..].to_vec(),
                speaker,
                date: articles.get(first.0 as usize).and_then(|a| a.meta.date),
            });
        }
        // Newest first: what was said last is what a reader looks for first.
        // Rows of one date in a fixed order (by article id), however the articles arrived.
        let id = |r: &Row| articles.get(r.first.0 as usize).map(|a| &a.id);
        rows.sort_by(|a, b| {
            b.date
                .is_some()
                .cmp(&a.date.is_some())
                .then(b.date.cmp(&a.date))
                .then_with(|| id(a).cmp(&id(b)))
                .then(a.first.1.cmp(&b.first.1))
        });
        let mut book = Quotebook {
            rows,
            speakers,
            ..Quotebook::default()
        };
        book.tally(articles);
        book.index(articles, quotes);
        book
    }

    /// Counts, outlets and dates of every speaker, and each speaker's rows.
    fn tally(&mut self, articles: &[Article]) {
        let n = self.speakers.len();
        let mut rows_of = vec![Vec::new(); n];
        let mut arts: Vec<Vec<u32>> = vec![Vec::new(); n];
        let mut outlets: Vec<BTreeMap<&str, usize>> = vec![BTreeMap::new(); n];
        let mut months: Vec<BTreeMap<(u16, u8), u32>> = vec![BTreeMap::new(); n];
        for (r, row) in self.rows.iter().enumerate() {
            let Some(s) = row.speaker else { continue };
            let s = s as usize;
            rows_of[s].push(r as u32);
            self.speakers[s].quotes += 1;
            if let Some(d) = row.date {
                let sp = &mut self.speakers[s];
                sp.first = Some(sp.first.map_or(d, |f| f.min(d)));
                sp.last = Some(sp.last.map_or(d, |l| l.max(d)));
                if let Some(m) = d.month {
                    *months[s].entry((d.year, m)).or_default() += 1;
                }
            }
            for (a, _) in row.printings() {
                arts[s].push(a);
                if let Some(o) = articles
                    .get(a as usize)
                    .and_then(|a| a.meta.source.as_deref())
                {
                    *outlets[s].entry(o).or_default() += 1;
                }
            }
        }
        for (s, sp) in self.speakers.iter_mut().enumerate() {
            arts[s].sort_unstable();
            arts[s].dedup();
            sp.articles = arts[s].len();
            let mut by_count: Vec<(&str, usize)> =
                outlets[s].iter().map(|(o, c)| (*o, *c)).collect();
            by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            sp.outlets = by_count.into_iter().map(|(o, _)| o.to_owned()).collect();
            sp.per_month = sparkline(&months[s]);
        }
        self.rows_of = rows_of;
    }

    /// The word table and the folded names the filters read.
    fn index(&mut self, articles: &[Article], quotes: &[Vec<Quote>]) {
        let mut table: HashMap<String, Vec<u32>> = HashMap::new();
        let mut seen: Vec<String> = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            let (a, q) = row.first;
            let quote = &quotes[a as usize][q as usize];
            let mut text = fold(&quote.text);
            if let Some(s) = row.speaker {
                text.push(' ');
                text.push_str(&fold(&self.speakers[s as usize].name));
            }
            for (a, _) in row.printings() {
                if let Some(o) = articles
                    .get(a as usize)
                    .and_then(|a| a.meta.source.as_deref())
                {
                    text.push(' ');
                    text.push_str(&fold(o));
                }
            }
            seen.clear();
            for w in words(&text) {
                if !seen.iter().any(|s| s == w) {
                    seen.push(w.to_owned());
                    table.entry(w.to_owned()).or_default().push(r as u32);
                }
            }
        }
        let mut vocabulary: Vec<(Box<str>, Vec<u32>)> = table
            .into_iter()
            .map(|(w, rows)| (w.into_boxed_str(), rows))
            .collect();
        vocabulary.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        self.vocabulary = vocabulary;
        self.folded_names = self
            .speakers
            .iter()
            .map(|s| {
                std::iter::once(&s.name)
                    .chain(&s.aliases)
                    .map(|n| fold(n))
                    .collect()
            })
            .collect();
    }

    /// Every row, newest first.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Everyone quoted, in the order they were first met (see [`Self::filter_speakers`] for the
    /// order a reader wants).
    pub fn speakers(&self) -> &[Speaker] {
        &self.speakers
    }

    /// The rows of one speaker, newest first.
    pub fn rows_of(&self, speaker: u32) -> &[u32] {
        self.rows_of
            .get(speaker as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// The row printing quote `quote` of article `article`, if any.
    pub fn row_of(&self, article: u32, quote: u32) -> Option<u32> {
        self.rows
            .iter()
            .position(|r| r.printings().any(|p| p == (article, quote)))
            .map(|r| r as u32)
    }

    /// Speakers whose name or an alias `query` matches fuzzily, best first (accents, case and
    /// apostrophes ignored).
    fn matching_speakers(&self, query: &str, fuzzy: &dyn Fuzzy) -> Vec<(u32, i64)> {
        let pattern = fold(query.trim());
        if pattern.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<(u32, i64)> = self
            .folded_names
            .iter()
            .enumerate()
            .filter_map(|(s, names)| {
                let score = names
                    .iter()
                    .filter_map(|n| fuzzy.score(n, &pattern))
                    .max()?;
                Some((s as u32, score))
            })
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        found
    }

    /// The rows a Quotes view shows for `query`: those whose speaker the query names (fuzzily,
    /// best match first), then those where every word of the query starts a word of the quote,
    /// the speaker or an outlet. Accents, case and apostrophes are ignored. Every row for an
    /// empty query. The second value is the speaker named, if one is.
    pub fn filter_rows(&self, query: &str) -> (Vec<u32>, Option<u32>) {
        let folded = fold(query);
        let terms: Vec<&str> = words(&folded).collect();
        if terms.is_empty() {
            return ((0..self.rows.len() as u32).collect(), None);
        }
        let speakers = self.matching_speakers(query, &Skim::default());
        let mut taken = vec![false; self.rows.len()];
        let mut out = Vec::new();
        for &(s, _) in &speakers {
            for &r in self.rows_of(s) {
                if !std::mem::replace(&mut taken[r as usize], true) {
                    out.push(r);
                }
            }
        }
        if let Some(words) = self.rows_with_all(&terms) {
            for (r, taken) in taken.iter().enumerate() {
                if !taken && words[r / 64] >> (r % 64) & 1 == 1 {
                    out.push(r as u32);
                }
            }
        }
        (out, speakers.first().map(|&(s, _)| s))
    }

    /// A bit per row: set when every term starts a word of the row. `None` when none does.
    fn rows_with_all(&self, terms: &[&str]) -> Option<Vec<u64>> {
        let mut all: Option<Vec<u64>> = None;
        for term in terms {
            let mut bits = vec![0u64; self.rows.len().div_ceil(64)];
            let from = self.vocabulary.partition_point(|(w, _)| &**w < *term);
            for (w, rows) in &self.vocabulary[from..] {
                if !w.starts_with(term) {
                    break;
                }
                for &r in rows {
                    bits[r as usize / 64] |= 1 << (r % 64);
                }
            }
            all = Some(match all {
                None => bits,
                Some(mut acc) => {
                    acc.iter_mut().zip(&bits).for_each(|(a, b)| *a &= b);
                    acc
                }
            });
        }
        all.filter(|bits| bits.iter().any(|&b| b != 0))
    }

    /// The speakers a Speakers view shows for `query`: names and aliases matched fuzzily, best
    /// first; for an empty query everyone, the most quoted first.
    pub fn filter_speakers(&self, query: &str) -> Vec<u32> {
        if fold(query).trim().is_empty() {
            let mut all: Vec<u32> = (0..self.speakers.len() as u32).collect();
            all.sort_by(|&a, &b| {
                let (a_, b_) = (&self.speakers[a as usize], &self.speakers[b as usize]);
                b_.quotes
                    .cmp(&a_.quotes)
                    .then(b_.named.cmp(&a_.named))
                    .then(a_.name.cmp(&b_.name))
            });
            return all;
        }
        self.matching_speakers(query, &Skim::default())
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    }
}

/// Months from the first to the last key of `months` (at most the last [`MAX_MONTHS`]), each
/// with its count.
fn sparkline(months: &BTreeMap<(u16, u8), u32>) -> Vec<u32> {
    let index = |(y, m): (u16, u8)| usize::from(y) * 12 + usize::from(m.saturating_sub(1));
    let (Some((&first, _)), Some((&last, _))) = (months.first_key_value(), months.last_key_value())
    else {
        return Vec::new();
    };
    let end = index(last);
    let start = index(first).max((end + 1).saturating_sub(MAX_MONTHS));
    let mut out = vec![0; end + 1 - start];
    for (&k, &n) in months {
        if let Some(slot) = index(k).checked_sub(start).and_then(|i| out.get_mut(i)) {
            *slot += n;
        }
    }
    out
}

/// The printings of each distinct quote: quotes linked across articles (`also_in`) whose words
/// are the same quote are one group; every other quote is a group of its own.
fn group_printings(articles: &[Article], quotes: &[Vec<Quote>]) -> Vec<Vec<(u32, u32)>> {
    let number: HashMap<&str, u32> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i as u32))
        .collect();
    // Union-find over every quote, numbered in corpus order.
    let offsets: Vec<usize> = quotes
        .iter()
        .scan(0, |n, qs| {
            let at = *n;
            *n += qs.len();
            Some(at)
        })
        .collect();
    let total = offsets
        .last()
        .map_or(0, |o| o + quotes.last().map_or(0, Vec::len));
    let mut parent: Vec<usize> = (0..total).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut hashes: HashMap<(u32, u32), Box<[u32]>> = HashMap::new();
    let mut hashes_of = |a: u32, q: u32| -> Box<[u32]> {
        hashes
            .entry((a, q))
            .or_insert_with(|| word_hashes(&quotes[a as usize][q as usize].text))
            .clone()
    };
    for (a, qs) in quotes.iter().enumerate() {
        for (q, quote) in qs.iter().enumerate() {
            if quote.also_in.is_empty() {
                continue;
            }
            let mine = hashes_of(a as u32, q as u32);
            for other in &quote.also_in {
                let Some(&b) = number.get(other.as_str()) else {
                    continue;
                };
                // The quote of the other article that is the same quote (and links back when it
                // can: a quote reprinted widely lists only the first articles).
                let same = (0..quotes[b as usize].len()).find(|&j| {
                    quotes[b as usize][j].also_in_count > 0
                        && is_same_quote(&mine, &hashes_of(b, j as u32))
                });
                if let Some(j) = same {
                    let (x, y) = (
                        root(&mut parent, offsets[a] + q),
                        root(&mut parent, offsets[b as usize] + j),
                    );
                    parent[x.max(y)] = x.min(y);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<(u32, u32)>> = BTreeMap::new();
    for (a, qs) in quotes.iter().enumerate() {
        for q in 0..qs.len() {
            let r = root(&mut parent, offsets[a] + q);
            groups.entry(r).or_default().push((a as u32, q as u32));
        }
    }
    groups.into_values().collect()
}

#[cfg(test)]
mod tests;
