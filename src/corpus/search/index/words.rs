//! The index's vocabulary: every distinct word once, in one buffer in order of first arrival (a
//! word's number is its place), found by hash while indexing. The hash table names words by number
//! instead of holding a copy of each, and a read index ([`Words::from_parts`]) builds it only when
//! articles are added to it: a query never needs it.

use foldhash::fast::RandomState;
use hashbrown::HashTable;
use std::hash::BuildHasher;

/// Distinct words, numbered in order of arrival.
#[derive(Debug, Default)]
pub(super) struct Words {
    /// Every word, one after the other.
    text: String,
    /// Where each word ends in `text`.
    ends: Vec<u32>,
    /// Word numbers by the hash of their word; empty until needed on a read index.
    table: HashTable<u32>,
    /// foldhash, seeded at random per process, so article text cannot choose colliding words.
    hasher: RandomState,
}

impl Words {
    /// Words from their concatenation `text` and the ends of each, checked (every end on a char
    /// boundary, in order, the last one the end of `text`); `None` when they do not fit.
    pub(super) fn from_parts(text: String, ends: Vec<u32>) -> Option<Words> {
        let mut start = 0usize;
        for &end in &ends {
            let end = end as usize;
            if end < start || !text.is_char_boundary(end) {
                return None;
            }
            start = end;
        }
        (start == text.len()).then(|| Words {
            text,
            ends,
            table: HashTable::new(),
            hasher: RandomState::default(),
        })
    }

    /// Number of words.
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Word `t` ("" past the end).
    pub(super) fn get(&self, t: u32) -> &str {
        word_at(&self.text, &self.ends, t)
    }

    /// The concatenated words and where each ends (what [`Words::from_parts`] takes back).
    pub(super) fn parts(&self) -> (&str, &[u32]) {
        (&self.text, &self.ends)
    }

    /// The number of `word`, and whether it was added now (it then gets the next number).
    pub(super) fn number(&mut self, word: &str) -> (u32, bool) {
        if self.table.len() < self.ends.len() {
            self.fill_table();
        }
        let hash = self.hasher.hash_one(word);
        let Words {
            text,
            ends,
            table,
            hasher,
        } = self;
        if let Some(&t) = table.find(hash, |&t| word_at(text, ends, t) == word) {
            return (t, false);
        }
        let t = u32::try_from(ends.len()).unwrap_or(u32::MAX);
        table.insert_unique(hash, t, |&u| hasher.hash_one(word_at(text, ends, u)));
        text.push_str(word);
        ends.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        (t, true)
    }

    /// Numbers every word by hash (a read index, before its first added article). The words are
    /// distinct, so none is looked for first.
    fn fill_table(&mut self) {
        let Words {
            text,
            ends,
            table,
            hasher,
        } = self;
        table.clear();
        let rehash = |&u: &u32| hasher.hash_one(word_at(text, ends, u));
        table.reserve(ends.len(), rehash);
        for t in 0..u32::try_from(ends.len()).unwrap_or(u32::MAX) {
            table.insert_unique(hasher.hash_one(word_at(text, ends, t)), t, rehash);
        }
    }

    pub(super) fn shrink_to_fit(&mut self) {
        let Words {
            text,
            ends,
            table,
            hasher,
        } = self;
        text.shrink_to_fit();
        ends.shrink_to_fit();
        table.shrink_to_fit(|&u| hasher.hash_one(word_at(text, ends, u)));
    }
}

/// Word `t` of `text` cut at `ends` ("" past the end).
fn word_at<'a>(text: &'a str, ends: &[u32], t: u32) -> &'a str {
    let t = t as usize;
    let start = match t.checked_sub(1) {
        Some(p) => ends.get(p).copied().unwrap_or(0),
        None => 0,
    };
    ends.get(t)
        .and_then(|&end| text.get(start as usize..end as usize))
        .unwrap_or("")
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

    #[test]
    fn parts_that_do_not_fit_are_refused() {
        assert!(
            Words::from_parts("été".to_owned(), vec![1]).is_none(),
            "inside a char"
        );
        assert!(
            Words::from_parts("abc".to_owned(), vec![2, 1]).is_none(),
            "out of order"
        );
        assert!(
            Words::from_parts("abc".to_owned(), vec![2]).is_none(),
            "text left over"
        );
        assert!(
            Words::from_parts("abc".to_owned(), vec![4]).is_none(),
            "past the end"
        );
    }
}
