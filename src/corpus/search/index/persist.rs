//! The index saved and read back ([`Index::write_to`], [`Index::read_from`]): everything a query
//! reads (titles, list-order keys and the list order, outlet/author/speaker tables, the
//! vocabulary in arrival and in word order, every word's postings in one buffer, the alias words),
//! in the envelope of [`crate::corpus::search::persist`]; the caches are not saved. A read index
//! answers every query as the index it was written from, and can take more articles.

use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use serde::{Deserialize, Serialize};

use super::{CACHE_FUZZY_TITLES, CACHE_MATCHES, CACHE_WORD_HITS, Index, Strs, Words, lock};
use crate::corpus::search::cache::Cache;
use crate::corpus::search::fuzzy::Fuzzy;
use crate::corpus::search::names::NameWords;
use crate::corpus::search::persist::{self, Kind, PersistError, Strings, malformed};
use crate::corpus::search::postings::PostingLists;
use crate::corpus::search::score::Table;
use crate::corpus::search::sorted::LazySorted;

/// A saved search index. The format number changes with any change of [`Saved`] or of what its
/// parts mean (the postings' encoding, the list-order key).
const KIND: Kind = Kind {
    name: "search index",
    magic: *b"AESR-IDX",
    format: 2,
};

/// The saved index.
#[derive(Serialize, Deserialize)]
struct Saved<'a> {
    #[serde(borrow)]
    titles: Strings<'a>,
    keys: Cow<'a, [u64]>,
    /// Article numbers in list order (those listed: see [`Index::relist`]).
    order: Vec<u32>,
    #[serde(borrow)]
    outlets: SavedTable<'a>,
    #[serde(borrow)]
    authors: SavedTable<'a>,
    #[serde(borrow)]
    speakers: SavedTable<'a>,
    /// Words in arrival order (a word's number is its place).
    #[serde(borrow)]
    words: Strings<'a>,
    /// Word numbers in word order.
    vocab: Vec<u32>,
    /// Every word's postings, one after the other.
    #[serde(with = "serde_bytes", borrow)]
    postings: Cow<'a, [u8]>,
    /// Where each word's postings end.
    postings_ends: Cow<'a, [u64]>,
    #[serde(borrow)]
    names: Vec<(&'a str, Vec<&'a str>)>,
}

/// A saved [`Table`]: the distinct values, and each one's articles one list after the other.
#[derive(Serialize, Deserialize)]
struct SavedTable<'a> {
    #[serde(borrow)]
    values: Strings<'a>,
    docs: Vec<u32>,
    /// Where each value's articles end in `docs`.
    ends: Vec<u32>,
}

impl<'a> SavedTable<'a> {
    fn of(table: &'a Table) -> SavedTable<'a> {
        let (values, docs) = table.parts();
        let mut ends = Vec::with_capacity(docs.len());
        let mut flat = Vec::new();
        for d in docs {
            flat.extend_from_slice(d);
            ends.push(u32::try_from(flat.len()).unwrap_or(u32::MAX));
        }
        SavedTable {
            values: Strings::join(values),
            docs: flat,
            ends,
        }
    }

    /// The table, every article below `n`.
    fn table(&self, n: usize) -> Result<Table, PersistError> {
        let bad = |detail: &str| malformed(KIND.name, format!("a field table {detail}"));
        let values = self
            .values
            .split()
            .ok_or_else(|| bad("with values cut wrong"))?;
        if values.len() != self.ends.len() {
            return Err(bad("with more values than article lists, or fewer"));
        }
        if self.docs.iter().any(|&d| d as usize >= n) {
            return Err(bad("naming an article past the last"));
        }
        let mut docs = Vec::with_capacity(self.ends.len());
        let mut start = 0usize;
        for &end in &self.ends {
            let list = self
                .docs
                .get(start..end as usize)
                .ok_or_else(|| bad("with article lists cut wrong"))?;
            docs.push(list.to_vec());
            start = end as usize;
        }
        if start != self.docs.len() {
            return Err(bad("with articles left over"));
        }
        Ok(Table::from_parts(
            values.into_iter().map(Box::from).collect(),
            docs,
        ))
    }
}

impl Index {
    /// Saves what a query needs (not the caches) to `out`; [`Index::read_from`] reads it back.
    pub fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        let order = lock(&self.order).sorted(|&i| self.key(i)).to_vec();
        let vocab = lock(&self.vocab).sorted(|t| self.words.get(*t)).to_vec();
        let mut postings_ends = Vec::with_capacity(self.postings.len());
        let postings: Cow<'_, [u8]> = match &self.postings {
            PostingLists::Packed { bytes, ends } => {
                postings_ends.extend_from_slice(ends);
                Cow::Borrowed(bytes)
            }
            PostingLists::Growing(_) => {
                let mut all = Vec::new();
                for t in 0..self.postings.len() {
                    all.extend_from_slice(
                        self.postings.bytes(u32::try_from(t).unwrap_or(u32::MAX)),
                    );
                    postings_ends.push(all.len() as u64);
                }
                Cow::Owned(all)
            }
        };
        let saved = Saved {
            titles: Strings::of_parts(self.titles.parts()),
            keys: Cow::Borrowed(&self.keys),
            order,
            outlets: SavedTable::of(&self.outlets),
            authors: SavedTable::of(&self.authors),
            speakers: SavedTable::of(&self.speakers),
            words: Strings::of_parts(self.words.parts()),
            vocab,
            postings,
            postings_ends: Cow::Owned(postings_ends),
            names: self.names.pairs(),
        };
        persist::write(KIND, &saved, out)
    }

    /// The index [`Index::write_to`] saved in `bytes`, scoring short fields with `fuzzy`: as
    /// [`Index::read_shared`], the bytes copied once.
    pub fn read_from(bytes: &[u8], fuzzy: Box<dyn Fuzzy>) -> Result<Index, PersistError> {
        Index::read_shared(&Bytes::copy_from_slice(bytes), fuzzy)
    }

    /// The index [`Index::write_to`] saved in `bytes`, scoring short fields with `fuzzy`, its
    /// postings (most of it) kept where they are in `bytes` (a mapped file: never copied). Any
    /// damage, another format or a file that does not hold together is an error, found before
    /// anything is used.
    pub fn read_shared(bytes: &Bytes, fuzzy: Box<dyn Fuzzy>) -> Result<Index, PersistError> {
        let saved: Saved<'_> = persist::read(KIND, bytes)?;
        let bad = |detail: &str| malformed(KIND.name, detail);
        let titles = Strs::from_parts(saved.titles.text.into_owned(), saved.titles.ends)
            .ok_or_else(|| bad("titles cut wrong"))?;
        let n = titles.len();
        if saved.keys.len() != n {
            return Err(bad("not one list-order key per article"));
        }
        if !each_once(&saved.order, n) {
            return Err(bad(
                "a list order naming an article twice, or past the last",
            ));
        }
        let words = Words::from_parts(saved.words.text.into_owned(), saved.words.ends)
            .ok_or_else(|| bad("words cut wrong"))?;
        if !is_permutation(&saved.vocab, words.len()) {
            return Err(bad("a word order that is not every word once"));
        }
        let postings = match saved.postings {
            Cow::Borrowed(within) => bytes.slice_ref(within),
            Cow::Owned(copied) => Bytes::from(copied),
        };
        let postings = PostingLists::packed(postings, saved.postings_ends.into_owned())
            .filter(|p| p.len() == words.len())
            .ok_or_else(|| bad("postings cut wrong"))?;
        Ok(Index {
            fuzzy,
            titles,
            keys: saved.keys.into_owned(),
            order: Mutex::new(LazySorted::from_sorted(saved.order)),
            outlets: saved.outlets.table(n)?,
            authors: saved.authors.table(n)?,
            speakers: saved.speakers.table(n)?,
            words,
            vocab: Mutex::new(LazySorted::from_sorted(saved.vocab)),
            postings,
            names: Arc::new(NameWords::from_pairs(saved.names)),
            word_cache: Mutex::new(Cache::new(CACHE_WORD_HITS)),
            fuzzy_cache: Mutex::new(Cache::new(CACHE_FUZZY_TITLES)),
            result_cache: Mutex::new(Cache::new(CACHE_MATCHES)),
        })
    }
}

/// True when `numbers` holds every number below `n` once.
fn is_permutation(numbers: &[u32], n: usize) -> bool {
    numbers.len() == n && each_once(numbers, n)
}

/// True when every number of `numbers` is below `n`, none twice.
fn each_once(numbers: &[u32], n: usize) -> bool {
    let mut seen = vec![false; n];
    numbers.iter().all(|&i| {
        seen.get_mut(i as usize)
            .is_some_and(|s| !std::mem::replace(s, true))
    })
}
