//! One word's articles in the search index, compactly: varint gaps with a title bit, and counts.

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
    pub(super) fn iter(&self) -> impl Iterator<Item = (u32, u8, bool)> + '_ {
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

    pub(super) fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
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
