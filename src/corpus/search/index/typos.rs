//! The articles a query word finds only with typos: the vocabulary's words the word's matcher
//! reaches ([`Typos::scan`] over the sorted vocabulary), and their articles that do not have the
//! word as typed, each with the fewest typos it needs.

use std::sync::Arc;

use super::{Index, lock};
use crate::corpus::search::score::{IN_TITLE, WordHits};
use crate::corpus::search::typo::Typos;

/// Typo hits are cached beside the word's own hits under the word after this char, which no
/// folded word has (words are letters and digits).
const TYPO_KEY: char = '~';

impl Index {
    /// Articles where `word` starts a word only with typos (`typos`, its matcher), and not as
    /// typed (`exact`: its own hits), with the fewest typos each needs; cached.
    pub(super) fn typo_hits(&self, word: &str, typos: &Typos, exact: &WordHits) -> Arc<WordHits> {
        let key = format!("{TYPO_KEY}{word}");
        if let Some(h) = lock(&self.word_cache).get(&key) {
            return h;
        }
        let reached = {
            let text = |t: &u32| self.words.get(*t);
            let mut vocab = lock(&self.vocab);
            let sorted = vocab.sorted(text);
            typos.scan(sorted.iter().map(|t| (*t, text(t))))
        };
        // Per article: the fewest typos, and the count and title mark of the words needing them.
        // `u8::MAX` typos: not reached (or found as typed, so left to the word's own hits).
        let n = self.titles.len();
        let mut acc = vec![(u8::MAX, 0u16, false); n];
        for &d in &exact.docs {
            if let Some(slot) = acc.get_mut(d as usize) {
                slot.0 = 0;
            }
        }
        for (t, d) in reached {
            for (doc, count, titled) in self.postings.iter(t) {
                let Some((best, sum, title)) = acc.get_mut(doc as usize) else {
                    continue;
                };
                if *best == 0 || d > *best {
                    continue;
                }
                if d < *best {
                    (*best, *sum, *title) = (d, 0, false);
                }
                *sum = sum.saturating_add(u16::from(count));
                *title |= titled;
            }
        }
        let mut hits = WordHits::default();
        for (doc, &(best, sum, title)) in acc.iter().enumerate() {
            if best != 0 && best != u8::MAX {
                hits.docs.push(u32::try_from(doc).unwrap_or(u32::MAX));
                hits.counts.push(sum);
                hits.title.push(if title { IN_TITLE } else { 0 });
                hits.typos.push(best);
            }
        }
        let hits = Arc::new(hits);
        lock(&self.word_cache).insert(&key, Arc::clone(&hits), hits.docs.len());
        hits
    }
}
