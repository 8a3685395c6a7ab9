//! The article library: the articles loaded so far (in arrival order; on a second launch, those
//! not arrived yet listed from the saved catalog, each filled in place when its text comes), their
//! quotes, the index by id, how many of them are marked read, and the load that brings them in,
//! batch by batch. Knows nothing of the screen or the search thread.
//!
//! Once the saved index came, the load keeps texts up to a budget (then nothing but the open
//! article needs them): beyond it, articles come without their body, which the load (still serving
//! after it is done) reads again from its record when the article is opened. The last few
//! brought back stay.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::sync::Arc;

use crate::corpus::article::{Article, ArticleId};
use crate::corpus::load::{Committed, LoadEvent, Loaded, Loading, ReaderDoc, SavedIndex};
use crate::corpus::quote::{self, Quote};
use crate::corpus::state::Fingerprint;
use crate::corpus::store::{Origin, Severity, Store};

/// How many texts read again stay (the open article's always does).
const BROUGHT_BACK: usize = 32;

/// Where an article's text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Text {
    /// In `articles`.
    Here,
    /// Listed from the saved catalog: the text and quotes are to come (once loading is over:
    /// they could not be read).
    Waiting,
    /// Put away: `articles` holds the article without its body, its quotes are here. The text
    /// is read again when opened, and goes with these quotes if it still has this fingerprint.
    Away(Fingerprint),
}

/// Where the text of an article that came is: here, unless it was put away.
fn text_of(put_away: Option<Fingerprint>) -> Text {
    put_away.map_or(Text::Here, Text::Away)
}

/// An article put away whose text was read again.
#[derive(Debug)]
struct Back {
    index: usize,
    article: Article,
    /// Its quotes, when its file changed since it was loaded (the quotes kept no longer fit).
    quotes: Option<Vec<Quote>>,
}

/// Whether the text of an article can be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextState {
    /// It is here.
    Here,
    /// It is on its way (loading, or being read again).
    Coming,
    /// It could not be read.
    Unreadable,
}

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
    /// The text of an article asked for could not be read.
    NotRead,
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
    /// The load once done: it says where it committed the corpus cache (if it does), and reads
    /// the texts put away again.
    finished: Option<Loading>,
    /// Article files being loaded (all of them, once loaded).
    total: usize,
    /// True when any article has a quote (picks the quote panel's empty-state note).
    corpus_has_quotes: bool,
    /// Articles marked read that are in the corpus.
    read_count: usize,
    /// `text[i]`: where the text of article `i` is.
    text: Vec<Text>,
    /// How many are waiting.
    waiting_count: usize,
    /// Articles whose text was asked for (ahead of its turn, or again) and has not come.
    wanted: HashSet<usize>,
    /// The article asked for last (the open one): its text, once back, stays.
    last_wanted: Option<usize>,
    /// Articles put away whose text could not be read again.
    unreadable: HashSet<usize>,
    /// Texts put away and read again, the newest last.
    back: VecDeque<Back>,
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
        let items = articles.into_iter().zip(quotes);
        library.push(items.map(|(a, q)| (a, q, Text::Here)), read);
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
            finished: None,
            total: 0,
            corpus_has_quotes: false,
            read_count: 0,
            text: Vec::new(),
            waiting_count: 0,
            wanted: HashSet::new(),
            last_wanted: None,
            unreadable: HashSet::new(),
            back: VecDeque::new(),
            arrived: Vec::new(),
        }
    }

    /// Keeps `article`, the text of article `i` (put away) read again, with `quotes` when they
    /// replace the article's; the oldest brought back go away again, but the one asked for last.
    fn bring_back(&mut self, i: usize, article: Article, quotes: Option<Vec<Quote>>) {
        self.back.retain(|b| b.index != i);
        self.back.push_back(Back {
            index: i,
            article,
            quotes,
        });
        while self.back.len() > BROUGHT_BACK {
            let oldest = self
                .back
                .iter()
                .position(|b| Some(b.index) != self.last_wanted)
                .unwrap_or(0);
            self.back.remove(oldest);
        }
    }

    /// Article `i` put away whose text `l` came: kept with the quotes here when it is the text
    /// that was put away, else (its file changed since) with its own. False when `i` was not
    /// waiting for it.
    fn came_back(&mut self, i: usize, l: Loaded<ReaderDoc>) -> bool {
        let Some(&Text::Away(fingerprint)) = self.text.get(i) else {
            return false;
        };
        if !self.wanted.remove(&i) {
            return false;
        }
        let same = Fingerprint::of(&l.article.body) == fingerprint;
        self.bring_back(i, l.article, (!same).then_some(l.quotes));
        true
    }

    /// The article brought back at `i`, if it is.
    fn brought_back(&self, i: usize) -> Option<&Back> {
        self.back.iter().find(|b| b.index == i)
    }

    /// Adds `items` after the articles here (each with where its text is), but those whose id is
    /// here already.
    fn push(
        &mut self,
        items: impl IntoIterator<Item = (Article, Vec<Quote>, Text)>,
        read: &BTreeSet<String>,
    ) {
        use std::collections::hash_map::Entry;
        // Only the library holds them while articles arrive (the quotebook is built after): these
        // never copy.
        let items = items.into_iter();
        let more = items.size_hint().0;
        Arc::make_mut(&mut self.articles).reserve(more);
        Arc::make_mut(&mut self.quotes).reserve(more);
        self.ids.reserve(more);
        self.text.reserve(more);
        for (a, q, text) in items {
            let i = self.text.len();
            match self.ids.entry(a.id.clone()) {
                Entry::Occupied(_) => continue,
                Entry::Vacant(at) => at.insert(i),
            };
            if read.contains(a.id.as_str()) {
                self.read_count += 1;
            }
            self.corpus_has_quotes |= !q.is_empty();
            Arc::make_mut(&mut self.articles).push(a);
            Arc::make_mut(&mut self.quotes).push(q);
            self.text.push(text);
            self.waiting_count += usize::from(text == Text::Waiting);
        }
    }

    /// Takes in a batch of loaded articles: each fills its head when one is waiting for it, else
    /// is added after the others. Their search data (of those added), the number of the first
    /// added, and the heads filled.
    fn take_batch(&mut self, batch: Vec<Loaded<ReaderDoc>>, read: &BTreeSet<String>) -> Arrival {
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
                    added.push((l.article, l.quotes, text_of(l.put_away)));
                    i
                }
            };
            self.arrived.push(u32::try_from(slot).unwrap_or(u32::MAX));
        }
        self.push(added, read);
        Arrival::Articles { docs, from, filled }
    }

    /// Puts `l` in the place of article `i` when it is waiting for its text; true when it was.
    fn fill(&mut self, i: usize, l: Loaded<ReaderDoc>) -> bool {
        if !self.is_waiting(i) {
            return false;
        }
        let asked = self.wanted.remove(&i);
        self.corpus_has_quotes |= !l.quotes.is_empty();
        Arc::make_mut(&mut self.articles)[i] = l.article;
        Arc::make_mut(&mut self.quotes)[i] = l.quotes;
        self.text[i] = text_of(l.put_away);
        self.waiting_count -= 1;
        if asked && l.put_away.is_some() {
            // Asked for, it came without its text: ask again.
            self.want(i);
        }
        true
    }

    /// Tells the load the list shows a screenful (see [`Loading::screenful_listed`]).
    pub fn screenful_listed(&self) {
        if let Some(loading) = &self.loading {
            loading.screenful_listed();
        }
    }

    /// Asks the load for the text of article `i` (about to be opened): ahead of its turn when
    /// it is waiting for it, again when it was put away (once until it comes).
    pub fn want(&mut self, i: usize) {
        self.last_wanted = Some(i);
        match self.text.get(i) {
            // Once loading is over, a text still waiting could not be read.
            Some(Text::Waiting) if self.loading.is_some() => {}
            Some(Text::Away(_)) => {
                if let Some(at) = self.back.iter().position(|b| b.index == i) {
                    // Here already: the newest again.
                    let back = self.back.remove(at);
                    self.back.extend(back);
                    return;
                }
                self.unreadable.remove(&i);
            }
            _ => return,
        }
        let load = self.loading.as_ref().or(self.finished.as_ref());
        if let (Some(load), Some(a)) = (load, self.articles.get(i))
            && self.wanted.insert(i)
        {
            load.want(&a.file);
        }
    }

    /// Lists `heads` (articles with no text yet, from the saved catalog) after the articles
    /// here, but those already here.
    fn take_heads(&mut self, heads: Vec<Article>, read: &BTreeSet<String>) {
        self.push(
            heads.into_iter().map(|h| (h, Vec::new(), Text::Waiting)),
            read,
        );
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
        let event = (self.loading.as_ref())
            .or(self.finished.as_ref())
            .and_then(Loading::try_next)?;
        Some(match event {
            LoadEvent::Batch(batch) => self.take_batch(batch, read),
            LoadEvent::Ahead(l) => {
                let i = self.index_of(l.article.id.as_str());
                let filled = i.filter(|&i| match self.text.get(i) {
                    Some(Text::Waiting) => self.fill(i, *l),
                    _ => self.came_back(i, *l),
                });
                Arrival::Articles {
                    docs: Vec::new(),
                    from: self.articles.len(),
                    filled: filled.into_iter().collect(),
                }
            }
            LoadEvent::NotRead(file) => {
                let asked = self.wanted.iter().copied();
                let i = asked.filter(|&i| self.articles.get(i).is_some_and(|a| a.file == file));
                if let Some(i) = i.min() {
                    self.wanted.remove(&i);
                    if matches!(self.text.get(i), Some(Text::Away(_))) {
                        self.unreadable.insert(i);
                    }
                }
                Arrival::NotRead
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
                self.finished = self.loading.take();
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

    /// Article `index` (with its text when it is here: see [`Library::text_state`]).
    pub fn article(&self, index: usize) -> Option<&Article> {
        match self.brought_back(index) {
            Some(b) => Some(&b.article),
            None => self.articles.get(index),
        }
    }

    /// Whether the text of article `index` can be shown now.
    pub fn text_state(&self, index: usize) -> TextState {
        match self.text.get(index) {
            Some(Text::Here) => TextState::Here,
            Some(Text::Waiting) if self.loading.is_some() => TextState::Coming,
            Some(Text::Away(_)) if self.brought_back(index).is_some() => TextState::Here,
            Some(Text::Away(_)) if !self.unreadable.contains(&index) => TextState::Coming,
            _ => TextState::Unreadable,
        }
    }

    /// The fingerprint of article `index`'s text (`None` while it is waiting for it).
    pub fn fingerprint(&self, index: usize) -> Option<Fingerprint> {
        match self.text.get(index)? {
            Text::Here => self.articles.get(index).map(|a| Fingerprint::of(&a.body)),
            Text::Waiting => None,
            Text::Away(fingerprint) => Some(*fingerprint),
        }
    }

    /// The index of the article with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }

    /// The article with this id.
    pub fn article_by_id(&self, id: &str) -> Option<&Article> {
        self.index_of(id).and_then(|i| self.article(i))
    }

    /// The quotes of article `index`.
    pub fn quotes_of(&self, index: usize) -> &[Quote] {
        match self.brought_back(index).and_then(|b| b.quotes.as_ref()) {
            Some(quotes) => quotes,
            None => self.quotes.get(index).map_or(&[], Vec::as_slice),
        }
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
    /// it once loading is done, since adding to them while shared would copy them (a text read
    /// again never changes them). The texts put away are not in them.
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
        self.text.get(index) == Some(&Text::Waiting)
    }

    /// True while a text asked for has not come (nor been said unreadable).
    pub fn text_asked(&self) -> bool {
        !self.wanted.is_empty()
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
