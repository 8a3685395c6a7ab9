//! Quotes printed in several articles: the same words, mostly in the same order, in another
//! article. Texts are compared as word hashes, so a whole corpus's quotes fit in memory while it
//! streams in.

use std::hash::BuildHasher;
use std::sync::LazyLock;

use foldhash::HashMap;
use rayon::prelude::*;

use crate::corpus::article::Article;
use crate::corpus::text::words_key;

use super::types::Quote;

/// A trigram shared by more distinct quote texts than this is boilerplate: it gives no candidates.
const BOILERPLATE: usize = 64;

/// One seed for the whole process, random, so every article's words hash alike and no article
/// can choose words that collide.
static WORD_HASH: LazyLock<foldhash::fast::RandomState> = LazyLock::new(Default::default);

/// A quote's words as hashes, the form a [`Linker`] compares.
pub fn word_hashes(text: &str) -> Box<[u32]> {
    words_key(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        // Truncation is fine: a collision can only add a candidate, which is then checked.
        .map(|w| WORD_HASH.hash_one(w) as u32)
        .collect()
}

/// Tokens of `a` found in order in `b`, counted the way `difflib.SequenceMatcher` counts its
/// matching blocks (longest common run first, then recursively on each side).
pub fn common_in_order<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut rows = vec![0usize; 2 * (b.len() + 1)];
    common_with(a, b, &mut rows)
}

/// [`common_in_order`] with its two rows of run lengths given (`2 * (b.len() + 1)` at least).
fn common_with<T: PartialEq>(a: &[T], b: &[T], rows: &mut [usize]) -> usize {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    if a == b {
        return a.len();
    }
    // The longest common run: its start in `a`, in `b`, and its length.
    let (prev, cur) = rows.split_at_mut(b.len() + 1);
    let (mut prev, mut cur) = (prev, &mut cur[..=b.len()]);
    prev.fill(0);
    cur.fill(0);
    let (mut i0, mut j0, mut k) = (0, 0, 0);
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { 0 };
            if cur[j + 1] > k {
                k = cur[j + 1];
                (i0, j0) = (i + 1 - k, j + 1 - k);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    if k == 0 {
        return 0;
    }
    k + common_with(&a[..i0], &b[..j0], rows) + common_with(&a[i0 + k..], &b[j0 + k..], rows)
}

/// Two texts are the same quote when at least 5 words, and 3 in 5 of the shorter, match in order.
/// `sorted_*` are the same words sorted: the words they share bound the in-order count, which
/// turns most candidates down before the quadratic comparison.
fn same_quote(
    a: &[u32],
    b: &[u32],
    sorted_a: &[u32],
    sorted_b: &[u32],
    rows: &mut Vec<usize>,
) -> bool {
    let enough = |common: usize| common >= 5 && common * 5 >= a.len().min(b.len()) * 3;
    if !enough(shared(sorted_a, sorted_b)) {
        return false;
    }
    rows.resize(rows.len().max(2 * (b.len() + 1)), 0);
    enough(common_with(a, b, rows))
}

/// Whether two quotes, given by their [`word_hashes`], are the same quote by the rule a [`Linker`]
/// links them with.
pub fn is_same_quote(a: &[u32], b: &[u32]) -> bool {
    let sorted = |t: &[u32]| {
        let mut s = t.to_vec();
        s.sort_unstable();
        s
    };
    same_quote(a, b, &sorted(a), &sorted(b), &mut Vec::new())
}

/// Size of the multiset intersection of two sorted lists.
fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Other articles a quote is printed in, by the article numbers given to [`Linker::add`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The quote's article.
    pub article: u64,
    /// The quote's position in that article's quotes.
    pub quote: usize,
    /// The first [`MAX_ALSO_IN`] other articles printing it, in ascending order.
    pub others: Vec<u64>,
    /// How many other articles print it.
    pub count: usize,
}

/// Other articles listed per quote: a quote reprinted a thousand times names the first few and
/// counts the rest, so links grow with the corpus, not with its square.
pub const MAX_ALSO_IN: usize = 16;

/// Links quotes across articles. Quotes are added as articles arrive: identical texts are grouped
/// (so a quote reprinted a thousand times is compared once) and each distinct text's word
/// trigrams are indexed then. [`Linker::finish`] compares the distinct texts sharing two trigrams,
/// on every core (rayon), once every quote is in.
#[derive(Debug, Default)]
pub struct Linker {
    /// Distinct texts, as word hashes.
    texts: Vec<Box<[u32]>>,
    /// The `(article, quote)` printing each text.
    members: Vec<Vec<(u64, usize)>>,
    /// Texts by a hash of their words (to find a text again).
    by_hash: Prehashed<Vec<u32>>,
    /// Texts by word trigram.
    shingles: Prehashed<Vec<u32>>,
}

impl Linker {
    /// Adds quote `quote` of `article` (any number unique to the article; [`Link::others`] lists
    /// articles in its order), given by its [`word_hashes`].
    pub fn add(&mut self, article: u64, quote: usize, words: &[u32]) {
        let same = self.by_hash.entry(key(words)).or_default();
        let class = match same.iter().find(|&&c| *self.texts[c as usize] == *words) {
            Some(&c) => c as usize,
            None => {
                let c = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
                same.push(c);
                for w in words.windows(3) {
                    let list = self.shingles.entry(key(w)).or_default();
                    if list.last() != Some(&c) {
                        list.push(c);
                    }
                }
                self.texts.push(words.into());
                self.members.push(Vec::new());
                self.texts.len() - 1
            }
        };
        self.members[class].push((article, quote));
    }

    /// The links of every quote added, sorted by article and quote. They do not depend on the
    /// order quotes were added in. Texts are compared on every core of rayon's global pool.
    pub fn finish(self) -> Vec<Link> {
        self.finish_in(None)
    }

    /// [`Linker::finish`], comparing texts on every core of `pool` when given (the rest runs on
    /// this thread).
    pub fn finish_in(self, pool: Option<&rayon::ThreadPool>) -> Vec<Link> {
        let Linker {
            texts,
            members,
            shingles,
            ..
        } = self.in_article_order();
        // Texts that are the same quote as each text (itself included, when long enough to tell).
        let mut same: Vec<Vec<usize>> = texts
            .iter()
            .enumerate()
            .map(|(x, t)| if t.len() >= 5 { vec![x] } else { Vec::new() })
            .collect();
        // Sorted here, on this thread: these short-lived copies, made by a pool's threads (whose
        // heaps hold the articles they loaded), left the reader 3% more resident memory.
        let sorted: Vec<Vec<u32>> = texts
            .iter()
            .map(|t| {
                let mut s = t.to_vec();
                s.sort_unstable();
                s
            })
            .collect();
        let pairs = match pool {
            Some(pool) => pool.install(|| same_pairs(&texts, &sorted, &shingles)),
            None => same_pairs(&texts, &sorted, &shingles),
        };
        for (x, y) in pairs {
            same[x].push(y);
            same[y].push(x);
        }
        let mut out = Vec::new();
        for (x, same) in same.iter().enumerate() {
            let mut articles: Vec<u64> = same
                .iter()
                .flat_map(|&y| members[y].iter().map(|&(a, _)| a))
                .collect();
            articles.sort_unstable();
            articles.dedup();
            for &(article, quote) in &members[x] {
                let count = articles.len() - usize::from(articles.binary_search(&article).is_ok());
                if count > 0 {
                    let others = articles
                        .iter()
                        .copied()
                        .filter(|&a| a != article)
                        .take(MAX_ALSO_IN)
                        .collect();
                    out.push(Link {
                        article,
                        quote,
                        others,
                        count,
                    });
                }
            }
        }
        out.sort_unstable_by_key(|l| (l.article, l.quote));
        out
    }

    /// The same texts numbered by their first `(article, quote)`. Two texts are compared one way
    /// only (the lower number against the higher, and the comparison is not symmetric), so numbers
    /// given in arrival order would make the links depend on which articles were loaded first.
    fn in_article_order(self) -> Linker {
        let Linker {
            texts,
            members,
            mut shingles,
            ..
        } = self;
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_unstable_by_key(|&c| members[c].iter().min().copied());
        let mut renumbered = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            renumbered[old] = u32::try_from(new).unwrap_or(u32::MAX);
        }
        for list in shingles.values_mut() {
            list.iter_mut().for_each(|c| *c = renumbered[*c as usize]);
        }
        let (mut texts, mut members) = (texts, members);
        let texts = order
            .iter()
            .map(|&c| std::mem::take(&mut texts[c]))
            .collect();
        let members = order
            .iter()
            .map(|&c| std::mem::take(&mut members[c]))
            .collect();
        Linker {
            texts,
            members,
            by_hash: Prehashed::default(),
            shingles,
        }
    }
}

/// Pairs `(x, y)`, `x < y`, of distinct texts that are the same quote (`sorted` holds each text's
/// words sorted): each text against the later ones sharing two trigrams with it, on every core of
/// the rayon pool it runs in (the loader's, or the global one), in the order of `x`.
fn same_pairs(
    texts: &[Box<[u32]>],
    sorted: &[Vec<u32>],
    shingles: &Prehashed<Vec<u32>>,
) -> Vec<(usize, usize)> {
    (0..texts.len())
        .into_par_iter()
        .map_init(
            // Buffers reused from text to text on each thread.
            || (Vec::new(), Vec::<u32>::new()),
            |(rows, candidates), x| {
                let t = &texts[x];
                candidates.clear();
                for w in t.windows(3) {
                    if let Some(list) = shingles.get(&key(w))
                        && list.len() <= BOILERPLATE
                    {
                        candidates.extend(list.iter().filter(|&&y| y as usize > x));
                    }
                }
                candidates.sort_unstable();
                let mut pairs = Vec::new();
                for run in candidates.chunk_by(|a, b| a == b) {
                    let y = run[0] as usize;
                    if run.len() >= 2 && same_quote(t, &texts[y], &sorted[x], &sorted[y], rows) {
                        pairs.push((x, y));
                    }
                }
                pairs
            },
        )
        .flatten_iter()
        .collect()
}

/// Fills `also_in` of quotes printed in several articles.
pub(super) fn link_across(articles: &[Article], per: &mut [Vec<Quote>]) {
    let mut linker = Linker::default();
    for (a, qs) in per.iter().enumerate() {
        for (q, quote) in qs.iter().enumerate() {
            linker.add(a as u64, q, &word_hashes(&quote.text));
        }
    }
    apply(articles, per, &linker.finish());
}

/// Fills `also_in` and `also_in_count` from [`Linker::finish`] whose article numbers are positions in
/// `articles` (and in `quotes`).
pub fn apply(articles: &[Article], quotes: &mut [Vec<Quote>], links: &[Link]) {
    let at = |n: u64| usize::try_from(n).ok();
    for l in links {
        if let Some(quote) = at(l.article)
            .and_then(|a| quotes.get_mut(a))
            .and_then(|qs| qs.get_mut(l.quote))
        {
            quote.also_in = l
                .others
                .iter()
                .filter_map(|&o| articles.get(at(o)?).map(|a| a.id.clone()))
                .collect();
            quote.also_in_count = l.count;
        }
    }
}

/// A key for a run of word hashes: a whole text, or a trigram (a collision only adds a candidate,
/// which is then checked).
fn key(w: &[u32]) -> u64 {
    w.iter().fold(0u64, |h, &x| {
        (h.rotate_left(21) ^ u64::from(x)).wrapping_mul(MIX)
    })
}

const MIX: u64 = 0x9E37_79B9_7F4A_7C15;

/// A map keyed by runs of word hashes ([`key`]).
type Prehashed<V> = HashMap<u64, V>;

#[cfg(test)]
mod tests {
    use super::*;

    /// Quotes made of few words, so that many share trigrams, repeat them, and match in part.
    fn quotes() -> Vec<(u64, usize, Box<[u32]>)> {
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) % n
        };
        (0..400)
            .map(|i| {
                let len = 5 + next(8);
                let words = (0..len)
                    .map(|_| u32::try_from(next(9)).unwrap_or(0))
                    .collect();
                (i / 3, usize::try_from(i % 3).unwrap_or(0), words)
            })
            .collect()
    }

    fn links(quotes: &[(u64, usize, Box<[u32]>)]) -> Vec<Link> {
        let mut linker = Linker::default();
        for (article, quote, words) in quotes {
            linker.add(*article, *quote, words);
        }
        linker.finish()
    }

    #[test]
    fn links_do_not_depend_on_the_order_quotes_arrive_in() {
        let mut quotes = quotes();
        let in_order = links(&quotes);
        assert!(in_order.len() > 10, "the quotes link: {}", in_order.len());
        quotes.reverse();
        assert_eq!(links(&quotes), in_order, "reversed");
        // Articles arriving in chunks, out of order, quotes in order within each.
        let mut chunks: Vec<_> = quotes.chunks(32).rev().map(<[_]>::to_vec).collect();
        chunks.rotate_left(2);
        let shuffled: Vec<_> = chunks
            .concat()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .chunks(30)
            .rev()
            .flat_map(<[_]>::to_vec)
            .collect();
        assert_eq!(links(&shuffled), in_order, "in chunks");
    }
}
