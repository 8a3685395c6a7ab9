//! One word's articles in the search index, compactly: varint gaps with a title bit, and counts;
//! and every word's, growing one list per word while indexing, or packed in one buffer when read
//! from a saved index ([`PostingLists`]).

use bytes::Bytes;

/// One word's articles in ascending order, with how often the word occurs in each and whether in
/// the title. Stored as (gap, count) pairs, the gap as a LEB128 varint whose lowest bit says
/// "in the title": a word most articles have costs two bytes per article instead of five, and one
/// allocation instead of two.
#[derive(Debug, Default)]
pub(super) struct Postings {
    bytes: Vec<u8>,
    /// The smallest article the next posting can name (the last one plus one).
    next: u32,
}

impl Postings {
    /// Appends `doc` (greater than every article already in) occurring `count` times.
    pub(super) fn push(&mut self, doc: u32, count: u8, in_title: bool) {
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
    #[cfg(test)]
    pub(super) fn iter(&self) -> impl Iterator<Item = (u32, u8, bool)> + '_ {
        decode(&self.bytes)
    }

    /// Postings from their encoding (what [`PostingLists::packed`] holds).
    fn from_bytes(bytes: &[u8]) -> Postings {
        let next = decode(bytes)
            .last()
            .map_or(0, |(doc, _, _)| doc.saturating_add(1));
        Postings {
            bytes: bytes.to_vec(),
            next,
        }
    }

    pub(super) fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
    }
}

/// `(article, count, in title)` of encoded postings, in ascending order; stops at the first
/// incomplete posting.
fn decode(bytes: &[u8]) -> impl Iterator<Item = (u32, u8, bool)> + '_ {
    let mut bytes = bytes.iter().copied();
    let mut next = 0u32;
    std::iter::from_fn(move || {
        let (mut gap, mut shift) = (0u64, 0u32);
        loop {
            let b = bytes.next()?;
            gap |= u64::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
            if b < 0x80 {
                break;
            }
            shift = shift.saturating_add(7);
        }
        let doc = next.saturating_add(u32::try_from(gap >> 1).unwrap_or(u32::MAX));
        next = doc.saturating_add(1);
        Some((doc, bytes.next()?, gap & 1 == 1))
    })
}

/// Every word's postings (word `t`'s at `t`): one list per word while indexing, or all of them in
/// one buffer as read from a saved index, which a query reads in place (reading 100,000 articles'
/// postings is then no copy at all, not an allocation per word). Adding to packed lists unpacks
/// them.
#[derive(Debug)]
pub(super) enum PostingLists {
    Growing(Vec<Postings>),
    Packed {
        /// Shared with the saved file they were read from (see [`Index::read_shared`]).
        ///
        /// [`Index::read_shared`]: super::Index::read_shared
        bytes: Bytes,
        /// Where each word's postings end in `bytes`.
        ends: Vec<u64>,
    },
}

impl Default for PostingLists {
    fn default() -> PostingLists {
        PostingLists::Growing(Vec::new())
    }
}

impl PostingLists {
    /// Packed lists, checked: the ends in order and within `bytes`, the last one its end.
    pub(super) fn packed(bytes: Bytes, ends: Vec<u64>) -> Option<PostingLists> {
        let ordered = ends.windows(2).all(|w| w[0] <= w[1]);
        let last = ends.last().copied().unwrap_or(0);
        (ordered && usize::try_from(last).ok() == Some(bytes.len()))
            .then_some(PostingLists::Packed { bytes, ends })
    }

    /// Number of words.
    pub(super) fn len(&self) -> usize {
        match self {
            PostingLists::Growing(lists) => lists.len(),
            PostingLists::Packed { ends, .. } => ends.len(),
        }
    }

    /// Word `t`'s encoded postings (empty past the end).
    pub(super) fn bytes(&self, t: u32) -> &[u8] {
        let t = t as usize;
        match self {
            PostingLists::Growing(lists) => lists.get(t).map_or(&[], |p| &p.bytes),
            PostingLists::Packed { bytes, ends } => {
                let start = t.checked_sub(1).and_then(|p| ends.get(p)).map_or(0, |&s| s);
                ends.get(t)
                    .and_then(|&end| {
                        bytes.get(usize::try_from(start).ok()?..usize::try_from(end).ok()?)
                    })
                    .unwrap_or(&[])
            }
        }
    }

    /// Word `t`'s `(article, count, in title)` in ascending order.
    pub(super) fn iter(&self, t: u32) -> impl Iterator<Item = (u32, u8, bool)> + '_ {
        decode(self.bytes(t))
    }

    /// The lists, growing (packed ones unpacked).
    fn growing(&mut self) -> &mut Vec<Postings> {
        if let PostingLists::Packed { .. } = self {
            let lists = (0..self.len())
                .map(|t| Postings::from_bytes(self.bytes(u32::try_from(t).unwrap_or(u32::MAX))))
                .collect();
            *self = PostingLists::Growing(lists);
        }
        match self {
            PostingLists::Growing(lists) => lists,
            PostingLists::Packed { .. } => unreachable!("unpacked just above"),
        }
    }

    /// A new word with no articles yet (it gets the next number).
    pub(super) fn add_word(&mut self) {
        self.growing().push(Postings::default());
    }

    /// Appends `doc` to word `t`'s articles (see [`Postings::push`]).
    pub(super) fn push(&mut self, t: u32, doc: u32, count: u8, in_title: bool) {
        if let Some(p) = self.growing().get_mut(t as usize) {
            p.push(doc, count, in_title);
        }
    }

    pub(super) fn shrink_to_fit(&mut self) {
        match self {
            PostingLists::Growing(lists) => {
                lists.iter_mut().for_each(Postings::shrink_to_fit);
                lists.shrink_to_fit();
            }
            PostingLists::Packed { ends, .. } => ends.shrink_to_fit(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{PostingLists, Postings};

    #[test]
    fn packed_lists_give_back_what_growing_ones_held_and_grow_again() {
        let mut lists = PostingLists::default();
        lists.add_word();
        lists.add_word();
        lists.push(0, 3, 2, true);
        lists.push(1, 5, 1, false);
        lists.push(0, 700, 9, false);
        let ends: Vec<u64> = vec![
            lists.bytes(0).len() as u64,
            (lists.bytes(0).len() + lists.bytes(1).len()) as u64,
        ];
        let bytes = [lists.bytes(0), lists.bytes(1)].concat();
        let mut packed = PostingLists::packed(bytes.into(), ends).expect("ends fit");
        for t in 0..2 {
            assert_eq!(
                packed.iter(t).collect::<Vec<_>>(),
                lists.iter(t).collect::<Vec<_>>()
            );
        }
        packed.push(0, 701, 1, true);
        assert_eq!(
            packed.iter(0).collect::<Vec<_>>(),
            vec![(3, 2, true), (700, 9, false), (701, 1, true)]
        );
        assert!(PostingLists::packed(vec![0; 3].into(), vec![2, 1]).is_none());
        assert!(PostingLists::packed(vec![0; 3].into(), vec![2]).is_none());
    }

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
