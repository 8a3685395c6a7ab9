//! Answers kept until the next articles arrive, within a budget: the result cache (keyed by the
//! folded query) and the per-word cache of the search index.

use foldhash::{HashMap, HashMapExt};

/// Most queries kept in a cache.
const CACHE_QUERIES: usize = 256;

/// Answers kept until the next articles arrive, within a budget of entries and of their sizes
/// (matches or articles): the oldest go first, so erasing what was just typed stays free while
/// memory stays bounded however long one types.
#[derive(Debug)]
pub(super) struct Cache<V> {
    map: HashMap<String, (V, usize)>,
    /// Keys, oldest first.
    order: std::collections::VecDeque<String>,
    size: usize,
    max_size: usize,
}

impl<V: Clone> Cache<V> {
    pub(super) fn new(max_size: usize) -> Cache<V> {
        Cache {
            map: HashMap::new(),
            order: std::collections::VecDeque::new(),
            size: 0,
            max_size,
        }
    }

    pub(super) fn get(&self, key: &str) -> Option<V> {
        self.map.get(key).map(|(v, _)| v.clone())
    }

    /// Keeps `value` (of `size` matches or articles) under `key`, forgetting the oldest entries
    /// until it fits. A value bigger than the whole budget is kept alone.
    pub(super) fn insert(&mut self, key: &str, value: V, size: usize) {
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

    pub(super) fn clear(&mut self) {
        self.map.clear();
        self.order.clear();
        self.size = 0;
    }
}

#[cfg(test)]
mod tests {
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
