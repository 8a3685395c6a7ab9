//! Numbers (articles, words) kept sorted by a key while more arrive: the list order of the search
//! index and its vocabulary.

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
pub(super) struct LazySorted {
    sorted: Vec<u32>,
    pending: Vec<u32>,
}

impl LazySorted {
    /// Numbers already sorted (a saved order read back).
    pub(super) fn from_sorted(sorted: Vec<u32>) -> LazySorted {
        LazySorted {
            sorted,
            pending: Vec::new(),
        }
    }

    pub(super) fn add(&mut self, numbers: impl IntoIterator<Item = u32>) {
        self.pending.extend(numbers);
    }

    /// Every number, sorted by `key` (which must tell any two numbers apart).
    pub(super) fn sorted<K: Ord>(&mut self, key: impl Fn(&u32) -> K) -> &[u32] {
        if !self.pending.is_empty() {
            let mut new = std::mem::take(&mut self.pending);
            new.sort_unstable_by_key(&key);
            self.sorted = merge(std::mem::take(&mut self.sorted), new, |x, y| {
                key(x) <= key(y)
            });
        }
        &self.sorted
    }

    /// Every number, sorted or waiting.
    pub(super) fn len(&self) -> usize {
        self.sorted.len() + self.pending.len()
    }

    pub(super) fn shrink_to_fit(&mut self) {
        self.sorted.shrink_to_fit();
    }
}
