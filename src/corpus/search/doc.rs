//! What the search index needs of one article, prepared away from the index (on the loading
//! threads): folded title and short fields, its speakers, and the distinct words of title and body
//! with their counts.

// foldhash, not SipHash: hashing every word of every article was a tenth of loading; its seed is
// random per process, so article text cannot choose colliding words ahead of time.
use foldhash::{HashMap, HashMapExt};
use std::collections::hash_map::Entry;

use crate::corpus::article::{Article, order_key};
use crate::corpus::quote::Quote;
use crate::corpus::search::query::words;
use crate::corpus::text::fold;

/// What the index needs of one article, prepared away from the index (on loading threads).
#[derive(Debug, Clone, Default)]
pub struct SearchDoc {
    pub(super) title: Box<str>,
    pub(super) outlet: Option<Box<str>>,
    pub(super) author: Option<Box<str>>,
    pub(super) speakers: Vec<Box<str>>,
    /// Distinct words of title and body, each followed by a space.
    pub(super) words: String,
    /// How often each word occurs (capped at 255).
    pub(super) tallies: Vec<u8>,
    /// Whether each word is in the title.
    pub(super) in_title: Vec<bool>,
    pub(super) key: u64,
}

impl SearchDoc {
    /// Prepares `article` with its `quotes`; `seq` orders articles of the same date (file order).
    pub fn new(article: &Article, quotes: &[Quote], seq: u32) -> SearchDoc {
        let folded = |s: &str| fold(s).into_boxed_str();
        let mut speakers: Vec<Box<str>> = quotes
            .iter()
            .filter_map(|q| q.speaker.as_deref().map(folded))
            .collect();
        speakers.sort();
        speakers.dedup();
        let title = folded(&article.meta.title);
        let body = fold(&article.body);
        // Distinct words in order of first appearance, title first, counted.
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(512);
        let mut words_out = String::new();
        let mut tallies: Vec<u8> = Vec::new();
        let mut in_title = Vec::new();
        let title_words = words(&title).map(|w| (w, true));
        for (word, titled) in title_words.chain(words(&body).map(|w| (w, false))) {
            match seen.entry(word) {
                Entry::Occupied(at) => {
                    if let Some(n) = tallies.get_mut(*at.get()) {
                        *n = n.saturating_add(1);
                    }
                }
                Entry::Vacant(slot) => {
                    slot.insert(tallies.len());
                    words_out.push_str(word);
                    words_out.push(' ');
                    tallies.push(1);
                    in_title.push(titled);
                }
            }
        }
        words_out.shrink_to_fit();
        tallies.shrink_to_fit();
        in_title.shrink_to_fit();
        SearchDoc {
            outlet: article.meta.source.as_deref().map(folded),
            author: article.meta.author.as_deref().map(folded),
            title,
            speakers,
            words: words_out,
            tallies,
            in_title,
            key: order_key(article.meta.date, seq),
        }
    }

    /// The article's place in list order ([`order_key`]).
    pub fn key(&self) -> u64 {
        self.key
    }
}
