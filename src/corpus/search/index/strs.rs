//! Many short strings in one buffer ([`Strs`]): the index's vocabulary and its titles. A million
//! titles cost two allocations instead of a million, and a pass over every one reads memory in
//! order.

use std::ops::Range;

/// Strings, one after the other in one buffer, numbered in the order they were pushed.
#[derive(Debug, Default)]
pub(super) struct Strs {
    /// Every string, one after the other.
    text: String,
    /// Where each string ends in `text`.
    ends: Vec<u32>,
}

impl Strs {
    /// Strings from their concatenation `text` and the ends of each, checked (every end on a char
    /// boundary, in order, the last one the end of `text`); `None` when they do not fit.
    pub(super) fn from_parts(text: String, ends: Vec<u32>) -> Option<Strs> {
        let mut start = 0usize;
        for &end in &ends {
            let end = end as usize;
            if end < start || !text.is_char_boundary(end) {
                return None;
            }
            start = end;
        }
        (start == text.len()).then_some(Strs { text, ends })
    }

    /// Number of strings.
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// String `i` ("" past the end).
    pub(super) fn get(&self, i: usize) -> &str {
        let start = i
            .checked_sub(1)
            .and_then(|p| self.ends.get(p))
            .map_or(0, |&s| s as usize);
        self.ends
            .get(i)
            .and_then(|&end| self.text.get(start..end as usize))
            .unwrap_or("")
    }

    /// Strings `range` (clamped to those there are), in order.
    pub(super) fn range(&self, range: Range<usize>) -> impl Iterator<Item = &str> {
        let end = range.end.min(self.len());
        (range.start.min(end)..end).map(|i| self.get(i))
    }

    /// Appends `s`, which gets the next number. Past 4 GiB of text in all, `s` is kept empty (its
    /// number still taken), so the strings already there stay whole.
    pub(super) fn push(&mut self, s: &str) {
        let end = self
            .text
            .len()
            .checked_add(s.len())
            .and_then(|end| u32::try_from(end).ok());
        match end {
            Some(end) => {
                self.text.push_str(s);
                self.ends.push(end);
            }
            None => self
                .ends
                .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX)),
        }
    }

    /// The concatenated strings and where each ends (what [`Strs::from_parts`] takes back).
    pub(super) fn parts(&self) -> (&str, &[u32]) {
        (&self.text, &self.ends)
    }

    pub(super) fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::Strs;

    #[test]
    fn strings_come_back_by_number_and_by_range() {
        let mut s = Strs::default();
        for t in ["sécurité", "", "« AES »"] {
            s.push(t);
        }
        assert_eq!(
            (s.get(0), s.get(1), s.get(2), s.get(3)),
            ("sécurité", "", "« AES »", "")
        );
        assert_eq!(s.range(1..9).collect::<Vec<_>>(), ["", "« AES »"]);
        assert_eq!(s.range(5..9).count(), 0);
        let (text, ends) = s.parts();
        let back = Strs::from_parts(text.to_owned(), ends.to_vec()).expect("valid parts");
        assert_eq!(back.get(2), "« AES »");
    }

    #[test]
    fn parts_that_do_not_fit_are_refused() {
        let refused =
            |text: &str, ends: Vec<u32>| Strs::from_parts(text.to_owned(), ends).is_none();
        assert!(refused("été", vec![1]), "inside a char");
        assert!(refused("abc", vec![2, 1]), "out of order");
        assert!(refused("abc", vec![2]), "text left over");
        assert!(refused("abc", vec![4]), "past the end");
    }
}
