//! The index's vocabulary: every distinct word once, in one buffer in order of first arrival (a
//! word's number is its place), found by hash while indexing. The hash table names words by number
//! instead of holding a copy of each, and a read index ([`Words::from_parts`]) builds it only when
//! articles are added to it: a query never needs it.

use foldhash::fast::RandomState;
use hashbrown::HashTable;
use std::hash::BuildHasher;

use super::strs::Strs;

/// Distinct words, numbered in order of arrival.
#[derive(Debug, Default)]
pub(super) struct Words {
    /// Every word, its number its place.
    list: Strs,
    /// Word numbers by the hash of their word; empty until needed on a read index.
    table: HashTable<u32>,
    /// foldhash, seeded at random per process, so article text cannot choose colliding words.
    hasher: RandomState,
}

impl Words {
    /// Words from their concatenation `text` and the ends of each, checked (see
    /// [`Strs::from_parts`]); `None` when they do not fit.
    pub(super) fn from_parts(text: String, ends: Vec<u32>) -> Option<Words> {
        Some(Words {
            list: Strs::from_parts(text, ends)?,
            table: HashTable::new(),
            hasher: RandomState::default(),
        })
    }

    /// Number of words.
    pub(super) fn len(&self) -> usize {
        self.list.len()
    }

    /// Word `t` ("" past the end).
    pub(super) fn get(&self, t: u32) -> &str {
        self.list.get(t as usize)
    }

    /// The concatenated words and where each ends (what [`Words::from_parts`] takes back).
    pub(super) fn parts(&self) -> (&str, &[u32]) {
        self.list.parts()
    }

    /// The number of `word`, and whether it was added now (it then gets the next number).
    pub(super) fn number(&mut self, word: &str) -> (u32, bool) {
        if self.table.len() < self.list.len() {
            self.fill_table();
        }
        let hash = self.hasher.hash_one(word);
        let Words {
            list,
            table,
            hasher,
        } = self;
        if let Some(&t) = table.find(hash, |&t| list.get(t as usize) == word) {
            return (t, false);
        }
        let t = u32::try_from(list.len()).unwrap_or(u32::MAX);
        table.insert_unique(hash, t, |&u| hasher.hash_one(list.get(u as usize)));
        list.push(word);
        (t, true)
    }

    /// Numbers every word by hash (a read index, before its first added article). The words are
    /// distinct, so none is looked for first.
    fn fill_table(&mut self) {
        let Words {
            list,
            table,
            hasher,
        } = self;
        table.clear();
        let rehash = |&u: &u32| hasher.hash_one(list.get(u as usize));
        table.reserve(list.len(), rehash);
        for t in 0..u32::try_from(list.len()).unwrap_or(u32::MAX) {
            table.insert_unique(hasher.hash_one(list.get(t as usize)), t, rehash);
        }
    }

    pub(super) fn shrink_to_fit(&mut self) {
        let Words {
            list,
            table,
            hasher,
        } = self;
        list.shrink_to_fit();
        table.shrink_to_fit(|&u| hasher.hash_one(list.get(u as usize)));
    }
}

#[cfg(test)]
mod tests {
    use super::Words;

    #[test]
    fn a_word_keeps_its_number_and_a_new_one_gets_the_next() {
        let mut w = Words::default();
        assert_eq!(w.number("sécurité"), (0, true));
        assert_eq!(w.number("aes"), (1, true));
        assert_eq!(w.number("sécurité"), (0, false));
        assert_eq!((w.get(0), w.get(1), w.get(2)), ("sécurité", "aes", ""));
    }

    #[test]
    fn words_read_back_from_their_parts_are_found_and_grow() {
        let mut w = Words::default();
        for word in ["mali", "niger", "burkina"] {
            w.number(word);
        }
        let (text, ends) = w.parts();
        let mut back = Words::from_parts(text.to_owned(), ends.to_vec()).expect("valid parts");
        assert_eq!(back.number("niger"), (1, false));
        assert_eq!(back.number("tchad"), (3, true));
        assert_eq!(back.get(3), "tchad");
    }
}
