//! The article library: the articles loaded so far (in arrival order; on a second launch, those
//! not arrived yet listed from the saved catalog, each filled in place when its text comes), their
//! quotes, the index by id, how many of them are marked read, and the load that brings them in,
//! batch by batch. Knows nothing of the screen or the search thread.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::corpus::article::{Article, ArticleId};
use crate::corpus::load::{Committed, LoadEvent, Loading, ReaderDoc, SavedIndex};
use crate::corpus::quote::{self, Quote};
use crate::corpus::store::{Origin, Severity, Store};

/// What taking in one piece of the load did, for the parts that follow the library.
#[derive(Debug)]
pub enum Arrival {
    /// Articles were added, after those before (the first is article `from`); what the search
    /// index needs of them (nothing once the saved index came). Others, listed from the saved
    /// catalog, got their text and quotes (`filled`).
    Articles {
        /// Their search data, in order.
        docs: Vec<ReaderDoc>,
        /// The number of the first.
        from: usize,
        /// The articles listed ahead of their text that got it.
        filled: Vec<usize>,
    },
    /// The corpus's saved search index, with every article: those not arrived yet were added
    /// as their catalog rows give them, their text to come.
    Saved(Box<SavedIndex>),
    /// Quotes were linked across articles: they gained lines.
    Links,
    /// Loading is over; the first of its warnings, if any.
    Done(Option<String>),
    /// After that, the load committed the corpus cache: the catalog and index made of what it
    /// sent may be saved there for the next launch.
    Committed(Box<Committed>),
}

/// The articles and their quotes.
#[derive(Debug)]
pub struct Library {
    /// Shared (read-only) with the thread that builds the quotebook once loading is done; until
    /// then only the library holds them, so adding to them never copies.
    articles: Arc<Vec<Article>>,
    /// `quotes[i]` are the quotes of `articles[i]`. Shared as `articles` is.
    quotes: Arc<Vec<Vec<Quote>>>,
    /// Article index by id.
    ids: HashMap<ArticleId, usize, foldhash::fast::RandomState>,
    /// Where the corpus comes from, for the status bar.
    origin: String,
    /// Files that could not be loaded.
    rejected: usize,
    /// The load under way, until it is done.
    loading: Option<Loading>,
    /// The load once done, until it says where it committed the corpus cache (if it does).
    committing: Option<Loading>,
    /// Article files being loaded (all of them, once loaded).
    total: usize,
    /// True when any article has a quote (picks the quote panel's empty-state note).
    corpus_has_quotes: bool,
    /// Articles marked read that are in the corpus.
    read_count: usize,
    /// `waiting[i]`: article `i` is listed from the saved catalog, its text and quotes to come.
    waiting: Vec<bool>,
    /// How many are waiting.
    waiting_count: usize,
    /// Articles whose text was asked for ahead of its turn.
    wanted: std::collections::HashSet<usize>,
    /// The library's number of each article in the order the load sent them (the numbers its
    /// links use).
    arrived: Vec<u32>,
}

impl Library {
    /// The articles of a loaded `store`, `quotes[i]` those of article `i`; `read` are the ids
    /// marked read.
    pub fn loaded(store: Store, quotes: Vec<Vec<Quote>>, read: &BTreeSet<String>) -> Library {
        let mut library = Library::empty(store.origin().to_string(), None);
        library.rejected = store.rejected();
        let articles = store.into_articles();
        library.total = articles.len();
        let mut quotes = quotes;
        quotes.resize_with(articles.len(), Vec::new);
        library.push(articles.into_iter().zip(quotes), read, false);
        library
    }

    /// A library that fills as `loading` brings articles in (see [`Library::take_next`]).
    pub fn loading(loading: Loading, origin: &Origin) -> Library {
        let total = loading.total();
        let mut library = Library::empty(origin.to_string(), Some(loading));
        library.total = total;
        library
    }

    fn empty(origin: String, loading: Option<Loading>) -> Library {
        Library {
            articles: Arc::default(),
            quotes: Arc::default(),
            ids: HashMap::default(),
            origin,
            rejected: 0,
            loading,
            committing: None,
            total: 0,
            corpus_has_quotes: false,
            read_count: 0,
            waiting: Vec::new(),
            waiting_count: 0,
            wanted: Default::default(),
            arrived: Vec::new(),
        }
    }

    /// Adds `items` after the articles here, but those whose id is here already; `waiting`:
    /// they are listed ahead of their text.
    fn push(
        &mut self,
        items: impl IntoIterator<Item = (Article, Vec<Quote>)>,
        read: &BTreeSet<String>,
        waiting: bool,
    ) {
        use std::collections::hash_map::Entry;
        // Only the library holds them while articles arrive (the quotebook is built after): these
        // never copy.
        let articles = Arc::make_mut(&mut self.articles);
        let quotes = Arc::make_mut(&mut self.quotes);
        let items = items.into_iter();
        let more = items.size_hint().0;
        articles.reserve(more);
        quotes.reserve(more);
        self.ids.reserve(more);
        self.waiting.reserve(more);
        for (a, q) in items {
            let i = articles.len();
            match self.ids.entry(a.id.clone()) {
                Entry::Occupied(_) => continue,
                Entry::Vacant(at) => at.insert(i),
            };
            if read.contains(a.id.as_str()) {
                self.read_count += 1;
            }
            self.corpus_has_quotes |= !q.is_empty();
            articles.push(a);
            quotes.push(q);
            self.waiting.push(waiting);
            self.waiting_count += usize::from(waiting);
        }
    }

    /// Takes in a batch of loaded articles: each fills its head when one is waiting for it, else
    /// is added after the others. Their search data (of those added), the number of the first
    /// added, and the heads filled.
    fn take_batch(
        &mut self,
        batch: Vec<crate::corpus::load::Loaded<ReaderDoc>>,
        read: &BTreeSet<String>,
    ) -> Arrival {
        let from = self.articles.len();
        let mut docs = Vec::with_capacity(batch.len());
        let mut added = Vec::with_capacity(batch.len());
        let mut filled = Vec::new();
        for l in batch {
            let slot = match self.ids.get(&l.article.id) {
                Some(&i) => {
                    // Listed ahead of its text, which this is (unless that came ahead of its
                    // turn already: the first copy stays).
                    if self.fill(i, l) {
                        filled.push(i);
                    }
                    i
                }
                None => {
                    let i = from + added.len();
                    docs.push(l.doc);
                    added.push((l.article, l.quotes));
                    i
                }
            };
            self.arrived.push(u32::try_from(slot).unwrap_or(u32::MAX));
        }
        self.push(added, read, false);
        Arrival::Articles { docs, from, filled }
    }

    /// Puts `l` in the place of article `i` when it is waiting for its text; true when it was.
    fn fill(&mut self, i: usize, l: crate::corpus::load::Loaded<ReaderDoc>) -> bool {
        if !self.is_waiting(i) {
            return false;
        }
        self.corpus_has_quotes |= !l.quotes.is_empty();
        Arc::make_mut(&mut self.articles)[i] = l.article;
        Arc::make_mut(&mut self.quotes)[i] = l.quotes;
        self.waiting[i] = false;
        self.waiting_count -= 1;
        true
    }

    /// Tells the load the list shows a screenful (see [`Loading::screenful_listed`]).
    pub fn screenful_listed(&self) {
        if let Some(loading) = &self.loading {
            loading.screenful_listed();
        }
    }

    /// Asks the load for the text of article `i` ahead of its turn, when it is waiting for it
    /// (once per article).
    pub fn want(&mut self, i: usize) {
        if self.is_waiting(i)
            && self.wanted.insert(i)
            && let (Some(loading), Some(a)) = (&self.loading, self.articles.get(i))
        {
            loading.want(&a.file);
        }
    }

    /// Lists `heads` (articles with no text yet, from the saved catalog) after the articles
    /// here, but those already here.
    fn take_heads(&mut self, heads: Vec<Article>, read: &BTreeSet<String>) {
        self.push(heads.into_iter().map(|h| (h, Vec::new())), read, true);
    }

    /// `links` (in arrival numbers) in the library's numbers.
    fn renumbered(&self, mut links: Vec<quote::Link>) -> Vec<quote::Link> {
        let slot = |n: u64| {
            usize::try_from(n)
                .ok()
                .and_then(|n| self.arrived.get(n))
                .map_or(u64::MAX, |&s| u64::from(s))
        };
        for l in &mut links {
            l.article = slot(l.article);
            l.others.iter_mut().for_each(|o| *o = slot(*o));
        }
        links
    }

    /// Takes in the next piece the load has sent, if any (`read`: the ids marked read).
    pub fn take_next(&mut self, read: &BTreeSet<String>) -> Option<Arrival> {
        if self.loading.is_none() {
            let event = self.committing.as_ref().and_then(Loading::try_next)?;
            self.committing = None;
            return match event {
                LoadEvent::Committed(c) => Some(Arrival::Committed(c)),
                _ => None,
            };
        }
        let event = self.loading.as_ref().and_then(Loading::try_next)?;
        Some(match event {
            LoadEvent::Batch(batch) => self.take_batch(batch, read),
            LoadEvent::Ahead(l) => {
                let i = self.index_of(l.article.id.as_str());
                let filled = i.filter(|&i| self.fill(i, *l));
                Arrival::Articles {
                    docs: Vec::new(),
                    from: self.articles.len(),
                    filled: filled.into_iter().collect(),
                }
            }
            LoadEvent::Committed(c) => Arrival::Committed(c),
            LoadEvent::Saved(mut saved) => {
                self.take_heads(std::mem::take(&mut saved.heads), read);
                Arrival::Saved(saved)
            }
            LoadEvent::Links(links) => {
                let links = self.renumbered(links);
                quote::apply_links(
                    &self.articles,
                    Arc::make_mut(&mut self.quotes).as_mut_slice(),
                    &links,
                );
                Arrival::Links
            }
            LoadEvent::Done {
                diagnostics,
                warnings,
            } => {
                self.rejected = diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Rejected)
                    .count();
                self.total = self.articles.len();
                self.committing = self.loading.take();
                Arc::make_mut(&mut self.articles).shrink_to_fit();
                Arc::make_mut(&mut self.quotes).shrink_to_fit();
                Arrival::Done(warnings.into_iter().next())
            }
        })
    }

    /// Keeps the read count in step with a mark of an article of this corpus that changed to
    /// `read` (or to unread).
    pub fn count_mark(&mut self, read: bool) {
        if read {
            self.read_count += 1;
        } else {
            self.read_count = self.read_count.saturating_sub(1);
        }
    }

    /// All articles loaded so far, in arrival order (the list's order comes from the search).
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// Article `index`.
    pub fn article(&self, index: usize) -> Option<&Article> {
        self.articles.get(index)
    }

    /// The index of the article with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }

    /// The article with this id.
    pub fn article_by_id(&self, id: &str) -> Option<&Article> {
        self.index_of(id).and_then(|i| self.articles.get(i))
    }

    /// The quotes of article `index`.
    pub fn quotes_of(&self, index: usize) -> &[Quote] {
        self.quotes.get(index).map_or(&[], Vec::as_slice)
    }

    /// The quotes of every article loaded so far (`quotes()[i]` are those of article `i`).
    pub fn quotes(&self) -> &[Vec<Quote>] {
        &self.quotes
    }

    /// Article `index` (when there is one) and its quotes.
    pub fn with_quotes(&self, index: Option<usize>) -> (Option<&Article>, &[Quote]) {
        match index {
            Some(i) => (self.article(i), self.quotes_of(i)),
            None => (None, &[]),
        }
    }

    /// The articles and their quotes, shared, for a thread that reads them (the quotebook's): call
    /// it once loading is done, since adding to them while shared would copy them.
    pub fn shared(&self) -> (Arc<Vec<Article>>, Arc<Vec<Vec<Quote>>>) {
        (Arc::clone(&self.articles), Arc::clone(&self.quotes))
    }

    /// Articles marked read, among those loaded.
    pub fn read_count(&self) -> usize {
        self.read_count
    }

    /// `(loaded, total)` while loading: articles read, not those listed ahead of their text.
    pub fn loading_progress(&self) -> Option<(usize, usize)> {
        self.loading
            .as_ref()
            .map(|l| (self.articles.len() - self.waiting_count, l.total()))
    }

    /// True when article `index` is listed from the saved catalog and its text (and quotes) have
    /// not come yet; once loading is over, that it could not be read.
    pub fn is_waiting(&self, index: usize) -> bool {
        self.waiting.get(index) == Some(&true)
    }

    /// True while articles are still loading.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Article files being loaded (all of them, once loaded).
    pub fn total(&self) -> usize {
        self.total
    }

    /// Files that could not be loaded.
    pub fn rejected(&self) -> usize {
        self.rejected
    }

    /// Where the corpus comes from.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// True when any article loaded so far has a quote.
    pub fn has_quotes(&self) -> bool {
        self.corpus_has_quotes
    }
}
