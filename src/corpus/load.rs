//! The one loading path. Every way a corpus is read goes through here: the files are read and
//! cleaned in chunks on every core (`chunks`), then, for the reader and the commands that need
//! quotes, each article's quotes are extracted and attributed and its search data prepared on the
//! same threads, and quotes printed in several articles are linked last. The reader takes the
//! articles in batches as they come ([`Loading`]), so its first screen never waits for the whole
//! corpus; the headless commands wait for all of it ([`Store::from_source`] for the articles alone,
//! [`Corpus::load`] with their quotes, [`Corpus::load_with_index`] with a search index too).
//! A `Source` given a cache root ([`Source::with_cache`]) goes through the corpus cache
//! ([`crate::corpus::cache`]): unchanged files come from their records, and what changed is
//! committed at the end (after `Done` for the reader, before returning for the others).

mod chunks;

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::corpus::article::{Article, ArticleId, order_key, seq};
use crate::corpus::cache::{Cache, FileLoad, Frozen, Location, Summary, Tag, save_frozen};
use crate::corpus::catalog::{self, Catalog};
use crate::corpus::quote::{self, ALIAS_FILE, Aliases, Link, Quote};
use crate::corpus::search::{Index, NameWords, SearchDoc};
use crate::corpus::state::Fingerprint;
use crate::corpus::store::{self, Diagnostic, LoadResult, Origin, Source, Store, StoreError};

/// One article, ready for the reader.
#[derive(Debug)]
pub struct Loaded<Doc = SearchDoc> {
    /// The cleaned article.
    pub article: Article,
    /// Its quotes, attributed (links to other articles come later, in [`LoadEvent::Links`]).
    pub quotes: Vec<Quote>,
    /// What was prepared for it besides its quotes: for the reader, what the search index needs
    /// of it.
    pub doc: Doc,
    /// Its body and blocks were left out to keep the reader small (the saved index came and the
    /// text budget is spent, see [`Loading::start_keeping`]): the fingerprint of the text left
    /// out. It is read again when asked for ([`Loading::want`]).
    pub put_away: Option<Fingerprint>,
}

/// Bytes of article text a reader's load keeps ([`Loading::start`]) once the saved index came;
/// beyond them, articles come without their text. 64 MB: every text of a corpus of about 18,000
/// articles, a sliver of 1,000,000.
pub const TEXT_BUDGET: usize = 64 << 20;

/// Leaves out the body and blocks of `article`; the fingerprint of the text left out.
fn put_away(article: &mut Article) -> Fingerprint {
    let fingerprint = Fingerprint::of(&article.body);
    article.body = String::new();
    article.blocks = Vec::new();
    fingerprint
}

/// What the reader's search needs of an article: its search data, or nothing once the corpus's
/// saved index came ([`LoadEvent::Saved`]).
pub type ReaderDoc = Option<SearchDoc>;

/// What loading reports, in this order: batches, then links, then done (and, for the reader, the
/// saved index at any point; one that comes after done is of no use and may be dropped).
#[derive(Debug)]
pub enum LoadEvent<Doc = ReaderDoc> {
    /// More articles. Number them in arrival order, from 0: links refer to those numbers.
    Batch(Vec<Loaded<Doc>>),
    /// The search index the corpus cache saved for this corpus (brought up to date first when a
    /// few files changed), with every article's catalog row: it holds every article already, so
    /// the articles that arrive after it come without search data (those before it may have
    /// theirs). Batches keep numbering articles in arrival order.
    Saved(Box<SavedIndex>),
    /// After `Done`, when the reader's load built its own index (no saved one came) and the
    /// corpus cache now describes exactly the files it read: where and for which manifest the
    /// reader may save its catalog and index for the next launch.
    Committed(Box<Committed>),
    /// An article asked for ahead of its turn ([`Loading::want`]), or again after loading, without
    /// search data. It has no arrival number: while loading, it comes again in its batch.
    Ahead(Box<Loaded<Doc>>),
    /// The article file asked for (by [`Article::file`]) could not be read now, nor its record.
    NotRead(String),
    /// Quotes also printed in other articles (article numbers are arrival numbers).
    Links(Vec<Link>),
    /// Everything is loaded.
    Done {
        /// Problems with files (rejected ones and repairs).
        diagnostics: Vec<Diagnostic>,
        /// Problems with the corpus's data files (the alias file).
        warnings: Vec<String>,
    },
}

/// A saved search index and which of its articles each article file is.
#[derive(Debug)]
pub struct SavedIndex {
    /// Every article of the corpus; match `index` is a row of its catalog.
    pub index: Index,
    /// The index's article number of each article file (by [`Article::file`]).
    pub rows: HashMap<String, u32>,
    /// Every article listed, in list order, as its catalog row gives it (no text yet:
    /// [`Row::head`](catalog::Row::head)), for a reader to list before the articles arrive.
    pub heads: Vec<Article>,
}

impl SavedIndex {
    /// The saved index of `source`'s corpus, brought up to date (and saved again) when a few files
    /// changed since it was saved; none when too many did (see [`Frozen::open`]). Bringing it up
    /// to date commits the cache: the load's own commit then finds it written and leaves it.
    fn open(source: &Source) -> Option<SavedIndex> {
        let start = std::time::Instant::now();
        let frozen = match Frozen::open(source, true) {
            Ok(found) => found?,
            Err(note) => {
                tracing::info!("{note}");
                return None;
            }
        };
        let index = frozen.index?;
        let rows = frozen
            .catalog
            .numbered_rows()
            .map(|(n, r)| (r.file.to_owned(), n))
            .collect();
        let opened = start.elapsed();
        let heads = frozen.catalog.rows().map(|r| r.head()).collect();
        tracing::info!(
            opened_ms = opened.as_millis(),
            ms = start.elapsed().as_millis(),
            "saved catalog and index read for the reader"
        );
        Some(SavedIndex { index, rows, heads })
    }
}

/// Where a reader's load committed the corpus cache, and the hash of the manifest it left: what
/// a catalog and index made from the articles it sent are tagged with when saved there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Committed {
    /// The corpus's cache folder.
    pub dir: std::path::PathBuf,
    /// The manifest's hash.
    pub manifest: u64,
}

impl Committed {
    /// Saves, for the next launch and the headless commands, the catalog of `articles` (article
    /// `i` the index's article `i`, as a reader's index numbers the articles it was given) and
    /// `index`, tagged for this commit; nothing when they do not hold the same articles. A write
    /// error is logged.
    pub fn save(&self, articles: &[Article], index: &Index) {
        if index.len() != articles.len() || index.listed() != articles.len() {
            return;
        }
        let start = std::time::Instant::now();
        // The empty query lists every article in list order.
        let order: Vec<u32> = index.search("").iter().map(|m| m.index as u32).collect();
        if order.len() != articles.len() {
            return;
        }
        let catalog = || {
            let mut catalog = Catalog::default();
            for a in articles {
                catalog.push(catalog::Row::of(a));
            }
            catalog.set_order(order.clone());
            catalog
        };
        let files = articles.iter().map(|a| a.file.as_str());
        self.save_made(files, &catalog, Some(index));
        tracing::info!(
            articles = articles.len(),
            ms = start.elapsed().as_millis(),
            "catalog and index saved for the next launch"
        );
    }

    /// Saves the catalog `catalog` makes and `index` (when given), tagged for this commit and for
    /// rows of `files` in this order (the catalog's rows, the index's articles).
    pub fn save_made<'a>(
        &self,
        files: impl IntoIterator<Item = &'a str>,
        catalog: &dyn Fn() -> Catalog,
        index: Option<&Index>,
    ) {
        let tag = Tag {
            manifest: self.manifest,
            numbering: catalog::numbering(files),
        };
        save_frozen(&self.dir, tag, Some(catalog), index);
    }
}

/// A load under way. Dropping it lets the loading threads finish on their own.
#[derive(Debug)]
pub struct Loading {
    rx: Receiver<LoadEvent>,
    /// Article files (by [`Article::file`]) the reader wants ahead of their turn.
    want: Sender<String>,
    /// Set once the reader lists a screenful ([`Loading::screenful_listed`]).
    screenful: Arc<AtomicBool>,
    total: usize,
    /// The words of the alias file's names, for the search index.
    names: NameWords,
    /// A `Done` was seen (or made up), so a closed channel is the normal end.
    ended: std::cell::Cell<bool>,
}

impl Loading {
    /// Starts loading `source` on every core; once the first articles are sent, when `source`
    /// has a corpus cache, the search index saved for it is read (brought up to date when a few
    /// files changed) and sent with every article's catalog row ([`LoadEvent::Saved`]), the load
    /// waiting for it: the articles after it come without search data.
    pub fn start(source: Source) -> Loading {
        Loading::start_keeping(source, TEXT_BUDGET)
    }

    /// [`Loading::start`], keeping `budget` bytes of article text once the saved index came: the
    /// articles after come without their text ([`Loaded::put_away`]), which the load reads
    /// again from their records (or files) when asked for, after the load too.
    pub fn start_keeping(source: Source, budget: usize) -> Loading {
        let total = source.len();
        let names = NameWords::from_aliases(&quote::load_aliases(source.extra(ALIAS_FILE)).0);
        let (tx, rx) = mpsc::channel();
        let (want, wanted) = mpsc::channel();
        let screenful = Arc::new(AtomicBool::new(false));
        let source = Arc::new(source);
        let (shared, sender, listed) = (Arc::clone(&source), tx.clone(), Arc::clone(&screenful));
        if std::thread::Builder::new()
            .name("load".into())
            .spawn(move || stream(&shared, &sender, wanted, &listed, budget))
            .is_err()
        {
            // No thread to spare: load here; the events wait in the channel (and nothing can be
            // asked for ahead, nor a screenful listed meanwhile).
            stream(
                &source,
                &tx,
                mpsc::channel().1,
                &AtomicBool::new(true),
                budget,
            );
        }
        Loading {
            rx,
            want,
            screenful,
            total,
            names,
            ended: std::cell::Cell::new(false),
        }
    }

    /// A load of `total` files that sends what the test sends through the sender returned; the
    /// receiver gets the files asked for ahead ([`Loading::want`]).
    #[cfg(test)]
    pub fn scripted(total: usize) -> (Sender<LoadEvent>, Receiver<String>, Loading) {
        let (tx, rx) = mpsc::channel();
        let (want, wanted) = mpsc::channel();
        let loading = Loading {
            rx,
            want,
            screenful: Arc::default(),
            total,
            names: NameWords::default(),
            ended: std::cell::Cell::new(false),
        };
        (tx, wanted, loading)
    }

    /// Says the reader lists a screenful of articles (as many as its list shows, or all there
    /// are): the load reads the saved index only then (or after [`SCREENFUL_WAIT`]), so that its
    /// work on every core does not delay the first screen.
    pub fn screenful_listed(&self) {
        self.screenful.store(true, Ordering::SeqCst);
    }

    /// Asks for the article of `file` ([`Article::file`]) ahead of its turn: it comes as
    /// [`LoadEvent::Ahead`] (from its cache record when it has one), unless loading is over.
    pub fn want(&self, file: &str) {
        let _ = self.want.send(file.to_owned());
    }

    /// Number of article files being loaded.
    pub fn total(&self) -> usize {
        self.total
    }

    /// The words the corpus's alias file spells another way, for the search index.
    pub fn names(&self) -> &NameWords {
        &self.names
    }

    /// The next event, if one is ready. Should the loading thread die before saying it is done,
    /// a last `Done` says so, so a reader never waits for ever.
    pub fn try_next(&self) -> Option<LoadEvent> {
        match self.rx.try_recv() {
            Ok(e) => {
                if matches!(e, LoadEvent::Done { .. }) {
                    self.ended.set(true);
                }
                Some(e)
            }
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) if !self.ended.get() => {
                self.ended.set(true);
                Some(LoadEvent::Done {
                    diagnostics: Vec::new(),
                    warnings: vec![
                        "loading stopped early (an internal error); some articles may be missing. Please report it".into(),
                    ],
                })
            }
            Err(mpsc::TryRecvError::Disconnected) => None,
        }
    }

    /// The next event, waiting up to `timeout`; `None` also when loading has ended.
    pub fn next_timeout(&self, timeout: Duration) -> Option<LoadEvent> {
        self.rx.recv_timeout(timeout).ok()
    }
}

/// Loads `source` for the reader, through its cache when it has one: the cache's note joins the
/// alias file's warnings in `Done`, and the cache is written after `Done` (the screen does not
/// wait for it; a write error is logged), then, when no saved index came and every file was read,
/// said to the reader ([`LoadEvent::Committed`]) so it can save the index it built. Once the
/// first batch is sent, the load waits while the saved index is looked for ([`open_saved`]); the
/// articles prepared after it was sent get no search data. Meanwhile a thread of its own serves
/// the articles the reader asks for ahead of their turn ([`Loading::want`]); after the commit,
/// this thread serves them (the texts left out among them) until the reader drops its [`Loading`].
fn stream(
    source: &Arc<Source>,
    tx: &Sender<LoadEvent>,
    wanted: Receiver<String>,
    screenful: &AtomicBool,
    budget: usize,
) {
    let cache = Cache::open(source);
    let saved = Arc::new(AtomicBool::new(false));
    let over = AtomicBool::new(false);
    let wanted = Mutex::new(wanted);
    let whole = std::thread::scope(|scope| {
        // Articles the reader opens before their turn, one at a time, until the load is over.
        let ahead = std::thread::Builder::new()
            .name("ahead".into())
            .spawn_scoped(scope, || {
                serve_ahead(source, cache.as_ref(), &wanted, tx, Some(&over))
            });
        if let Err(e) = ahead {
            tracing::info!("no thread for articles asked ahead ({e}): they come in their turn");
        }
        let whole = stream_all(source, cache.as_ref(), tx, &saved, screenful, budget);
        over.store(true, Ordering::SeqCst);
        whole
    });
    // Bringing the saved index up to date committed the cache first (then this commit finds a
    // newer manifest and leaves it): the two never race, and the saved files stay usable.
    if let Some(cache) = &cache {
        let dir = cache.location().dir.clone();
        match cache.commit() {
            // A reader that built its own index can save it, with the list's rows, for the next
            // launch: say which state of the corpus they would describe.
            Ok(summary) if whole && !saved.load(Ordering::SeqCst) => {
                if let Some(manifest) = summary.manifest {
                    let _ = tx.send(LoadEvent::Committed(Box::new(Committed { dir, manifest })));
                }
            }
            Ok(_) => {}
            Err(e) => tracing::warn!("{e}"),
        }
    }
    // The reader was sent only some texts (`TEXT_BUDGET`): the others are read again here when
    // opened, from the records as the cache was opened, for as long as the reader runs.
    serve_ahead(source, cache.as_ref(), &wanted, tx, None);
}

/// Sends each article file asked for through `wanted` ([`Loading::want`]) as
/// [`LoadEvent::Ahead`]: from its record when `cache` has a usable one, else read and cleaned
/// (without recording it: the load does); as [`LoadEvent::NotRead`] when neither can be had.
/// While the load runs (`over` given), until `over`; after it, until the reader drops its
/// [`Loading`]. `wanted` is only lent: one thread serves at a time.
fn serve_ahead(
    source: &Source,
    cache: Option<&Cache>,
    wanted: &Mutex<Receiver<String>>,
    tx: &Sender<LoadEvent>,
    over: Option<&AtomicBool>,
) {
    let wanted = wanted.lock().unwrap_or_else(|p| p.into_inner());
    let mut aliases: Option<Aliases> = None;
    loop {
        let file = match over {
            Some(over) if over.load(Ordering::SeqCst) => return,
            Some(_) => match wanted.recv_timeout(Duration::from_millis(20)) {
                Ok(file) => file,
                Err(mpsc::RecvTimeoutError::Timeout) => continue,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            },
            None => match wanted.recv() {
                Ok(file) => file,
                Err(_) => return,
            },
        };
        let aliases =
            aliases.get_or_insert_with(|| quote::load_aliases(source.extra(ALIAS_FILE)).0);
        let extract = |article: &Article| quote::extract_article(article, aliases);
        let found = source.position(&file).and_then(|i| {
            cache
                .and_then(|c| c.peek(source, i, Some(&extract)))
                .or_else(|| {
                    let (article, warnings) = source.load(i)?.ok()?;
                    let quotes = extract(&article);
                    Some((Ok((article, warnings)), quotes))
                })
        });
        let event = match found {
            Some((Ok((article, _)), quotes)) => LoadEvent::Ahead(Box::new(Loaded {
                article,
                quotes,
                doc: None,
                put_away: None,
            })),
            _ => LoadEvent::NotRead(file),
        };
        if tx.send(event).is_err() {
            return;
        }
    }
}

/// Articles sent before the reader's load reads the saved index: the list of a tall terminal.
const FIRST_SCREENFUL: usize = 100;

/// How long the load waits, with a screenful sent, for the reader to say it lists them
/// ([`Loading::screenful_listed`]) before it reads the saved index anyway.
pub const SCREENFUL_WAIT: Duration = Duration::from_millis(300);

/// [`stream`]'s load of every file, its saved index read (and sent, setting `saved`) once the
/// first batch is out. True when every file was read and none was rejected.
fn stream_all(
    source: &Arc<Source>,
    cache: Option<&Cache>,
    tx: &Sender<LoadEvent>,
    saved: &Arc<AtomicBool>,
    screenful: &AtomicBool,
    budget: usize,
) -> bool {
    let (mut looked, mut out, mut whole) = (false, 0, false);
    let kept = std::sync::atomic::AtomicUsize::new(0);
    run(
        source,
        cache,
        &|article, quotes, seq| {
            (!saved.load(Ordering::SeqCst)).then(|| SearchDoc::new(article, quotes, seq))
        },
        // Once the saved index came, nothing but the open article needs a text.
        &|article| {
            let len = article.body.len();
            let spent = saved.load(Ordering::SeqCst)
                && kept.fetch_add(len, Ordering::Relaxed).saturating_add(len) > budget;
            spent.then(|| put_away(article))
        },
        |event| match event {
            LoadEvent::Done {
                diagnostics,
                mut warnings,
            } => {
                let notes = cache.map(Cache::notes).unwrap_or_default();
                warnings.extend(notes.into_iter().map(|n| format!("note: {n}")));
                whole = diagnostics
                    .iter()
                    .all(|d| d.severity != store::Severity::Rejected);
                tx.send(LoadEvent::Done {
                    diagnostics,
                    warnings,
                })
                .is_ok()
            }
            LoadEvent::Batch(batch) => {
                out += batch.len();
                let sent = tx.send(LoadEvent::Batch(batch)).is_ok();
                // After the first screenful (reading the saved index would only delay it), the
                // load waits for it: on two cores reading records beside it would slow both, and
                // the whole corpus listed and searchable matters more than the next texts.
                if sent && !looked && out >= FIRST_SCREENFUL && cache.is_some() {
                    looked = true;
                    let deadline = std::time::Instant::now() + SCREENFUL_WAIT;
                    while !screenful.load(Ordering::SeqCst) && std::time::Instant::now() < deadline
                    {
                        std::thread::sleep(Duration::from_millis(1));
                    }
                    if let Some(looking) = open_saved(source, tx, saved) {
                        let _ = looking.join();
                    }
                }
                sent
            }
            other => tx.send(other).is_ok(),
        },
    );
    whole
}

/// Reads `source`'s saved index on a thread of its own (brought up to date when a few files
/// changed; a panic there costs only the saved index) and sends it through `tx`, then sets `sent`
/// (so that every batch prepared without search data comes after it). The thread, when one could
/// be started.
fn open_saved(
    source: &Arc<Source>,
    tx: &Sender<LoadEvent>,
    sent: &Arc<AtomicBool>,
) -> Option<std::thread::JoinHandle<()>> {
    let (source, tx, sent) = (Arc::clone(source), tx.clone(), Arc::clone(sent));
    let spawned = std::thread::Builder::new()
        .name("saved index".into())
        .spawn(move || {
            if let Some(saved) = SavedIndex::open(&source)
                && tx.send(LoadEvent::Saved(Box::new(saved))).is_ok()
            {
                sent.store(true, Ordering::SeqCst);
            }
        });
    spawned
        .inspect_err(|e| {
            tracing::info!("no thread for the saved index ({e}): the load indexes every article");
        })
        .ok()
}

/// What each article gets besides its quotes, prepared on the pool: the reader's search data
/// ([`SearchDoc::new`], until the saved index came), or nothing (`quotes` and `speakers` need no
/// search).
type Prepare<'a, Doc> = &'a (dyn Fn(&Article, &[Quote], u32) -> Doc + Sync);

/// Leaves out the text of an article, once prepared, when the reader's load keeps no more (see
/// [`Loaded::put_away`]): the fingerprint of the text left out. On the pool too, so that the
/// memory of a text is given back where it was taken.
type Trim<'a> = &'a (dyn Fn(&mut Article) -> Option<Fingerprint> + Sync);

/// What a chunk of files gives: its articles with their list-order keys and the word hashes of
/// their quotes (for linking), and the rejected files' diagnostics.
type Part<Doc> = (Vec<(u64, Loaded<Doc>, Vec<Box<[u32]>>)>, Vec<Diagnostic>);

/// Loads `source` all the way (articles with their quotes and what `prepare` makes of them, in
/// batches, then the links between quotes, then done), handing each event to `emit`, which returns
/// false to stop. Returns the corpus's aliases (from its alias file).
fn run<Doc: Send>(
    source: &Source,
    cache: Option<&Cache>,
    prepare: Prepare<'_, Doc>,
    trim: Trim<'_>,
    mut emit: impl FnMut(LoadEvent<Doc>) -> bool,
) -> Aliases {
    let (aliases, alias_warning) = quote::load_aliases(source.extra(ALIAS_FILE));
    let mut diagnostics = source.diagnostics().to_vec();
    // Quotes to link, by the article's list-order key (so a quote reprinted widely names the same
    // first articles whichever chunk was done first), and the arrival number of each key.
    let mut linker = quote::Linker::default();
    let mut arrival: HashMap<u64, u64> = HashMap::new();
    let mut gone = false;
    let links = chunks::with_pool(|pool| {
        // Number the articles as they are passed on, and keep what linking quotes needs.
        chunks::in_chunks(
            pool,
            source,
            |i| cache.is_some_and(|c| c.knows(source, i)),
            |files| load_chunk(source, cache, files, &aliases, (prepare, trim)),
            |(batch, diags): Part<Doc>| {
                diagnostics.extend(diags);
                let mut articles = Vec::with_capacity(batch.len());
                for (key, l, hashes) in batch {
                    arrival.insert(key, arrival.len() as u64);
                    for (q, words) in hashes.iter().enumerate() {
                        linker.add(key, q, words);
                    }
                    articles.push(l);
                }
                gone = !articles.is_empty() && !emit(LoadEvent::Batch(articles));
                !gone
            },
        );
        if gone {
            return Vec::new();
        }
        linker.finish_in(pool)
    });
    if gone {
        return aliases;
    }
    let mut links = links;
    let arrived_as = |key: u64| arrival.get(&key).copied().unwrap_or(u64::MAX);
    for l in &mut links {
        l.article = arrived_as(l.article);
        l.others.iter_mut().for_each(|o| *o = arrived_as(*o));
    }
    if !links.is_empty() && !emit(LoadEvent::Links(links)) {
        return aliases;
    }
    diagnostics.sort_by(|a, b| a.file.cmp(&b.file));
    emit(LoadEvent::Done {
        diagnostics,
        warnings: alias_warning.into_iter().collect(),
    });
    aliases
}

/// Reads files `files` of `source`: each article with its list-order key, its quotes (attributed
/// with `aliases`) and what `prepare` makes of it, and the rejected files' diagnostics.
fn load_chunk<Doc>(
    source: &Source,
    cache: Option<&Cache>,
    files: std::ops::Range<usize>,
    aliases: &Aliases,
    (prepare, trim): (Prepare<'_, Doc>, Trim<'_>),
) -> Part<Doc> {
    let mut batch = Vec::with_capacity(files.len());
    let mut diags = Vec::new();
    for i in files {
        match load_file(source, cache, i, Some(aliases)) {
            Some((Ok((mut article, warnings)), quotes)) => {
                diags.extend(warnings);
                let doc = prepare(&article, &quotes, seq(i));
                let put_away = trim(&mut article);
                let key = order_key(article.meta.date, seq(i));
                // Hashed here, on the pool: the thread taking the chunks in would wait on it.
                let hashes = quotes.iter().map(|q| quote::word_hashes(&q.text)).collect();
                batch.push((
                    key,
                    Loaded {
                        article,
                        quotes,
                        doc,
                        put_away,
                    },
                    hashes,
                ));
            }
            Some((Err(d), _)) => diags.push(d),
            None => {}
        }
    }
    (batch, diags)
}

/// File `i` of `source`: through `cache` when there is one, else read and cleaned; with its
/// quotes attributed with `aliases` (none when `None`: an article-only load).
fn load_file(
    source: &Source,
    cache: Option<&Cache>,
    i: usize,
    aliases: Option<&Aliases>,
) -> Option<FileLoad> {
    let extract =
        |article: &Article| aliases.map_or_else(Vec::new, |a| quote::extract_article(article, a));
    if let Some(cache) = cache {
        let extract: crate::corpus::cache::Extract<'_> = &extract;
        return cache.load(source, i, aliases.is_some().then_some(extract));
    }
    Some(match source.load(i)? {
        Ok((article, warnings)) => {
            let quotes = extract(&article);
            (Ok((article, warnings)), quotes)
        }
        Err(d) => (Err(d), Vec::new()),
    })
}

/// What a load did with the corpus cache: its notes for the user (one line each: it was damaged,
/// or could not be written) and what the commit did.
#[derive(Debug, Clone, Default)]
pub struct CacheReport {
    /// Notes for the user.
    pub notes: Vec<String>,
    /// What was written (`None`: no cache, or it could not be written).
    pub summary: Option<Summary>,
    /// Where the cache is (`None`: no cache).
    pub location: Option<Location>,
}

impl CacheReport {
    /// Saves, for the next headless `list` and `search`, the catalog `catalog` makes and `index`
    /// in the corpus cache, when the load this reports on left the cache describing exactly its
    /// files. `files`: the articles' files in list order (the catalog's rows and the index's
    /// articles). A write error is logged: nothing depends on these files.
    pub fn save_catalog<'a>(
        &self,
        files: impl IntoIterator<Item = &'a str>,
        catalog: &dyn Fn() -> Catalog,
        index: Option<&Index>,
    ) {
        if let (Some(location), Some(manifest)) = (
            &self.location,
            self.summary.as_ref().and_then(|s| s.manifest),
        ) {
            let committed = Committed {
                dir: location.dir.clone(),
                manifest,
            };
            committed.save_made(files, catalog, index);
        }
    }

    /// Commits `cache`, gathering its notes.
    fn of(cache: Option<Cache>) -> CacheReport {
        let Some(cache) = cache else {
            return CacheReport::default();
        };
        let mut notes = cache.notes();
        let location = Some(cache.location().clone());
        let summary = match cache.commit() {
            Ok(s) => Some(s),
            Err(e) => {
                notes.push(e);
                None
            }
        };
        CacheReport {
            notes,
            summary,
            location,
        }
    }
}

impl Store {
    /// Loads the corpus from wherever `origin` says.
    pub fn open(origin: Origin) -> Result<Store, StoreError> {
        Ok(Store::from_source(Source::scan(origin)?))
    }

    /// Loads every `.txt` and `.md` file under `dir` (subfolders included; hidden files, symlinked
    /// folders and symlinks out of `dir` skipped). A file that cannot be read becomes a diagnostic.
    pub fn load(dir: &Path) -> Result<Store, StoreError> {
        Store::open(Origin::Dir {
            path: dir.to_owned(),
            via: "--dir",
        })
    }

    /// The corpus compiled into the binary.
    pub fn embedded() -> Store {
        Store::from_source(
            Source::scan(Origin::Embedded)
                .unwrap_or_else(|_| Source::from_files(Origin::Embedded, Vec::new())),
        )
    }

    /// Builds a store from in-memory files (tests, benchmarks).
    pub fn from_files(origin: Origin, files: Vec<(String, Vec<u8>)>) -> Store {
        Store::from_source(Source::from_files(origin, files))
    }

    /// Reads every article of `source` on every core (no quotes), in list order.
    pub fn from_source(source: Source) -> Store {
        Store::from_source_reporting(source).0
    }

    /// [`Store::from_source`], through the corpus cache when `source` has one, with what was done
    /// with it.
    pub fn from_source_reporting(source: Source) -> (Store, CacheReport) {
        let cache = Cache::open(&source);
        let cache_ref = cache.as_ref();
        let mut loaded: Vec<Option<LoadResult>> = Vec::new();
        loaded.resize_with(source.len(), || None);
        chunks::with_pool(|pool| {
            chunks::in_chunks(
                pool,
                &source,
                |i| cache_ref.is_some_and(|c| c.knows(&source, i)),
                |files| {
                    files
                        .map(|i| (i, load_file(&source, cache_ref, i, None).map(|(r, _)| r)))
                        .collect::<Vec<_>>()
                },
                |part| {
                    for (i, result) in part {
                        if let Some(slot) = loaded.get_mut(i) {
                            *slot = result;
                        }
                    }
                    true
                },
            );
        });
        let mut keyed = Vec::with_capacity(source.len());
        let mut diagnostics = source.diagnostics().to_vec();
        for (i, result) in loaded.into_iter().enumerate() {
            match result {
                Some(Ok((article, warnings))) => {
                    diagnostics.extend(warnings);
                    keyed.push((order_key(article.meta.date, seq(i)), article));
                }
                Some(Err(d)) => diagnostics.push(d),
                None => {}
            }
        }
        let report = CacheReport::of(cache);
        (
            Store::new(source, in_list_order(keyed), diagnostics),
            report,
        )
    }

    /// The store of the articles of `source` that [`Store::find`] may answer `query` with, read
    /// alone: `find(query)` on it gives what it gives on the whole corpus, and `show ID` reads one
    /// file instead of every one.
    pub fn for_lookup(source: Source, query: &str) -> Store {
        Store::from_source(source.retain(|id, file| store::may_answer(query, id, file)))
    }
}

/// Items keyed by [`order_key`], in list order, without their keys.
fn in_list_order<T>(mut keyed: Vec<(u64, T)>) -> Vec<T> {
    keyed.sort_by_key(|(key, _)| *key);
    keyed.into_iter().map(|(_, item)| item).collect()
}

/// A whole corpus read the reader's way ([`Loading`]'s pipeline, waited for): the store and each
/// article's quotes, linked across articles. For the headless commands that need quotes
/// (`quotes`, `speakers`, `search`).
#[derive(Debug)]
pub struct Corpus {
    store: Store,
    /// The quotes of each article of the store, in its order.
    quotes: Vec<Vec<Quote>>,
    aliases: Aliases,
    warnings: Vec<String>,
    cache: CacheReport,
}

impl Corpus {
    /// Reads every article of `source` with its quotes, on every core.
    pub fn load(source: Source) -> Corpus {
        Corpus::load_with_progress(source, &mut |_| {})
    }

    /// [`Corpus::load`], telling `progress` how many articles are loaded as they come.
    pub fn load_with_progress(source: Source, progress: &mut dyn FnMut(usize)) -> Corpus {
        let prepare: Prepare<'_, (u64, ())> =
            &|article, _, seq| (order_key(article.meta.date, seq), ());
        Corpus::load_with(source, prepare, progress).0
    }

    /// [`Corpus::load`], with a search index of the articles prepared on the same threads (a
    /// match's `index` is a position in [`Store::articles`]).
    pub fn load_with_index(source: Source) -> (Corpus, Index) {
        Corpus::load_with_index_progress(source, &mut |_| {})
    }

    /// [`Corpus::load_with_index`], calling `progress` with the number of articles loaded so far.
    pub fn load_with_index_progress(
        source: Source,
        progress: &mut dyn FnMut(usize),
    ) -> (Corpus, Index) {
        let prepare: Prepare<'_, (u64, SearchDoc)> = &|article, quotes, seq| {
            let doc = SearchDoc::new(article, quotes, seq);
            (doc.key(), doc)
        };
        let (corpus, docs) = Corpus::load_with(source, prepare, progress);
        let mut index = Index::default();
        index.set_names(NameWords::from_aliases(&corpus.aliases));
        index.add(docs);
        index.compact();
        (corpus, index)
    }

    /// The corpus, and what `prepare` made of each article, in list order (by the key it gives).
    fn load_with<Doc: Send>(
        source: Source,
        prepare: Prepare<'_, (u64, Doc)>,
        progress: &mut dyn FnMut(usize),
    ) -> (Corpus, Vec<Doc>) {
        let mut loaded = Vec::with_capacity(source.len());
        let (mut links, mut diagnostics, mut warnings) = (Vec::new(), Vec::new(), Vec::new());
        let cache = Cache::open(&source);
        let aliases = run(&source, cache.as_ref(), prepare, &|_| None, |event| {
            match event {
                LoadEvent::Batch(batch) => {
                    loaded.extend(batch);
                    progress(loaded.len());
                }
                LoadEvent::Saved(_)
                | LoadEvent::Ahead(_)
                | LoadEvent::NotRead(_)
                | LoadEvent::Committed(_) => {}
                LoadEvent::Links(l) => links = l,
                LoadEvent::Done {
                    diagnostics: d,
                    warnings: w,
                } => (diagnostics, warnings) = (d, w),
            }
            true
        });
        // Links name articles by arrival number: apply them before putting the articles in order.
        let (mut articles, mut quotes, mut docs) = (Vec::new(), Vec::new(), Vec::new());
        for l in loaded {
            articles.push(l.article);
            quotes.push(l.quotes);
            docs.push(l.doc);
        }
        quote::apply_links(&articles, &mut quotes, &links);
        let keyed = articles
            .into_iter()
            .zip(quotes)
            .zip(docs)
            .map(|((article, qs), (key, doc))| (key, (article, qs, doc)))
            .collect();
        let (mut articles, mut quotes, mut docs) = (Vec::new(), Vec::new(), Vec::new());
        for (article, qs, doc) in in_list_order(keyed) {
            articles.push(article);
            quotes.push(qs);
            docs.push(doc);
        }
        let corpus = Corpus {
            store: Store::new(source, articles, diagnostics),
            quotes,
            aliases,
            warnings,
            cache: CacheReport::of(cache),
        };
        (corpus, docs)
    }

    /// The articles.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The quotes of the article with this id, in reading order (title first).
    pub fn quotes(&self, id: &ArticleId) -> &[Quote] {
        self.store
            .position(id)
            .and_then(|i| self.quotes.get(i))
            .map_or(&[], Vec::as_slice)
    }

    /// Problems with the corpus's data files (the alias file).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// What the load did with the corpus cache.
    pub fn cache(&self) -> &CacheReport {
        &self.cache
    }

    /// Saves this corpus's catalog and `index` (made from it: [`Corpus::load_with_index`]) for
    /// the next headless `list` and `search` (see [`CacheReport::save_catalog`]).
    pub fn save_catalog_and_index(&self, index: &Index) {
        self.cache.save_catalog(
            self.store.articles().iter().map(|a| a.file.as_str()),
            &|| Catalog::from_store(&self.store),
            Some(index),
        );
    }

    /// Other spellings of a speaker, from the alias file.
    pub fn aliases_of(&self, speaker: &str) -> &[String] {
        self.aliases.variants(speaker)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::quote::QuoteIndex;
    use crate::corpus::{Origin, Store};

    /// Loads all of `source` the streaming way and waits for the end: articles in arrival order with
    /// their linked quotes.
    fn collect(source: Source) -> (Vec<Article>, Vec<Vec<Quote>>, Vec<Diagnostic>) {
        let loading = Loading::start(source);
        let (mut articles, mut quotes) = (Vec::new(), Vec::new());
        let mut diagnostics = Vec::new();
        while let Some(event) = loading.next_timeout(Duration::from_secs(3600)) {
            match event {
                LoadEvent::Batch(batch) => {
                    for l in batch {
                        articles.push(l.article);
                        quotes.push(l.quotes);
                    }
                }
                LoadEvent::Links(links) => quote::apply_links(&articles, &mut quotes, &links),
                LoadEvent::Saved(_)
                | LoadEvent::Ahead(_)
                | LoadEvent::NotRead(_)
                | LoadEvent::Committed(_) => {}
                LoadEvent::Done { diagnostics: d, .. } => {
                    diagnostics = d;
                    break;
                }
            }
        }
        (articles, quotes, diagnostics)
    }

    #[test]
    fn streaming_gives_the_same_articles_and_quotes_as_the_store() {
        let store = Store::embedded();
        let index = QuoteIndex::build(&store);
        let (articles, quotes, diagnostics) = collect(Source::scan(Origin::Embedded).unwrap());
        assert_eq!(articles.len(), store.articles().len());
        assert!(
            diagnostics
                .iter()
                .all(|d| d.severity != crate::corpus::Severity::Rejected)
        );
        for (a, qs) in articles.iter().zip(&quotes) {
            let expected = index.quotes(&a.id);
            assert_eq!(qs.len(), expected.len(), "{}", a.id);
            for (got, want) in qs.iter().zip(expected) {
                assert_eq!(got.text, want.text);
                assert_eq!(got.speaker, want.speaker);
                let mut g = got.also_in.clone();
                let mut w = want.also_in.clone();
                g.sort();
                w.sort();
                assert_eq!(g, w, "links of {:?}", got.text);
            }
        }
    }

    /// The articles of folder `dir`, through a corpus cache under `cache` when given.
    fn folder(dir: &Path, cache: Option<&Path>) -> Source {
        Source::scan(Origin::Dir {
            path: dir.to_owned(),
            via: "--dir",
        })
        .unwrap()
        .with_cache(cache.map(Path::to_owned))
    }

    #[test]
    fn streaming_through_the_cache_gives_what_streaming_without_it_gives() {
        let dir = tempfile::tempdir().unwrap();
        let root = tempfile::tempdir().unwrap();
        for i in 0..70 {
            let text = format!("Titre {i}\n\n« Nous partons », a déclaré le ministre {i}.");
            std::fs::write(dir.path().join(format!("a{i:03}.txt")), text).unwrap();
        }
        std::fs::write(dir.path().join("vide.txt"), "").unwrap();
        let source = |cache: Option<&Path>| folder(dir.path(), cache);
        // Chunks arrive in the order they are done: compare in id order.
        let sorted = |(articles, quotes, diagnostics): (Vec<Article>, Vec<Vec<Quote>>, _)| {
            let mut all: Vec<(Article, Vec<Quote>)> = articles.into_iter().zip(quotes).collect();
            all.sort_by(|a, b| a.0.id.cmp(&b.0.id));
            (all, diagnostics)
        };
        let collect = |s| sorted(collect(s));
        let plain = collect(source(None));
        let cold = collect(source(Some(root.path())));
        // The loading thread commits after `Done`: wait for it.
        for _ in 0..1000 {
            let info = crate::corpus::cache::info(root.path(), dir.path()).unwrap();
            if info.articles == 70 {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let warm = collect(source(Some(root.path())));
        assert!(cold == plain, "cold through the cache differs");
        assert!(warm == plain, "warm through the cache differs");
        assert_eq!(plain.0.len(), 70);
    }

    /// What [`serve_ahead`] sends for `names` asked in that order (while loading when `over`,
    /// else after): the articles, and the files not read.
    fn asked_ahead(
        source: &Source,
        cache: Option<&Cache>,
        names: &[&str],
        while_loading: bool,
    ) -> (Vec<Loaded<ReaderDoc>>, Vec<String>) {
        let (tx, rx) = mpsc::channel();
        let (want, wanted) = mpsc::channel();
        let wanted = Mutex::new(wanted);
        let over = AtomicBool::new(false);
        let over = while_loading.then_some(&over);
        std::thread::scope(|s| {
            s.spawn(|| serve_ahead(source, cache, &wanted, &tx, over));
            for name in names {
                want.send((*name).to_owned()).unwrap();
            }
            let (mut got, mut not_read) = (Vec::new(), Vec::new());
            for _ in names {
                match rx.recv_timeout(Duration::from_secs(60)) {
                    Ok(LoadEvent::Ahead(l)) => got.push(*l),
                    Ok(LoadEvent::NotRead(file)) => not_read.push(file),
                    Ok(_) => panic!("only articles asked for are sent"),
                    Err(e) => panic!("nothing came: {e}"),
                }
            }
            match over {
                Some(over) => over.store(true, Ordering::SeqCst),
                None => drop(want),
            }
            (got, not_read)
        })
    }

    /// A folder of `n` articles `a000.txt`…, each a title and a quote, old enough for the cache
    /// to trust their stat.
    fn quoted_folder(n: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let then = std::time::SystemTime::now() - Duration::from_secs(10);
        for i in 0..n {
            let path = dir.path().join(format!("a{i:03}.txt"));
            let text = format!("Titre {i}\n\n« Nous partons demain », a déclaré le ministre {i}.");
            std::fs::write(&path, text).unwrap();
            let file = std::fs::File::options().write(true).open(&path).unwrap();
            file.set_modified(then).unwrap();
        }
        dir
    }

    #[test]
    fn an_article_asked_for_ahead_comes_with_its_quotes_from_its_record_or_its_file() {
        let dir = quoted_folder(20);
        let root = tempfile::tempdir().unwrap();
        let source = |cache: Option<&Path>| folder(dir.path(), cache);
        let (plain, quotes, _) = collect(source(None));
        let want = |name: &str| {
            let i = plain.iter().position(|a| a.file == name).unwrap();
            (
                &plain[i],
                quotes[i].iter().map(|q| q.text.clone()).collect::<Vec<_>>(),
            )
        };
        let check = |(got, not_read): &(Vec<Loaded<ReaderDoc>>, Vec<String>), how: &str| {
            let files: Vec<&str> = got.iter().map(|l| l.article.file.as_str()).collect();
            assert_eq!(files, ["a007.txt", "a002.txt"], "{how}: in the order asked");
            assert_eq!(
                not_read,
                &["absent.txt"],
                "{how}: the unknown one said not read"
            );
            for l in got {
                let (article, texts) = want(&l.article.file);
                assert_eq!(&l.article, article, "{how}");
                let got: Vec<String> = l.quotes.iter().map(|q| q.text.clone()).collect();
                assert_eq!(got, texts, "{how}");
                assert!(!texts.is_empty() && l.doc.is_none());
            }
        };
        let names = ["a007.txt", "absent.txt", "a002.txt"];
        // No cache: read from the file, while loading or after.
        for while_loading in [true, false] {
            check(
                &asked_ahead(&source(None), None, &names, while_loading),
                "from the files",
            );
        }
        // A cache with every record: from the records.
        let _ = Corpus::load(source(Some(root.path())));
        let cached = source(Some(root.path()));
        let cache = Cache::open(&cached).expect("the cache was written");
        assert!(cache.knows(&cached, 7));
        check(
            &asked_ahead(&cached, Some(&cache), &names, true),
            "from the records",
        );
        // After the commit, from the records as they were read.
        cache.commit().unwrap();
        check(
            &asked_ahead(&cached, Some(&cache), &names, false),
            "from the records, after the commit",
        );
    }

    #[test]
    fn once_loading_is_over_an_article_asked_for_still_comes_from_its_record() {
        let dir = quoted_folder(40);
        let root = tempfile::tempdir().unwrap();
        let (plain, quotes, _) = collect(folder(dir.path(), None));
        let _ = Corpus::load(folder(dir.path(), Some(root.path())));
        let loading = Loading::start_keeping(folder(dir.path(), Some(root.path())), 0);
        while let Some(event) = loading.next_timeout(Duration::from_secs(60)) {
            if let LoadEvent::Done { .. } = event {
                break;
            }
        }
        // The file changed since it was recorded, and another is gone: the text comes as it
        // is now; the gone one is said not read.
        std::fs::write(dir.path().join("a005.txt"), "Titre 5\n\nUn texte réécrit.").unwrap();
        std::fs::remove_file(dir.path().join("a009.txt")).unwrap();
        for name in ["a031.txt", "a005.txt", "a009.txt", "absent.txt"] {
            loading.want(name);
        }
        let mut got = Vec::new();
        while got.len() < 4 {
            match loading.next_timeout(Duration::from_secs(60)) {
                Some(LoadEvent::Ahead(l)) => got.push(Ok(*l)),
                Some(LoadEvent::NotRead(file)) => got.push(Err(file)),
                Some(LoadEvent::Committed(_)) => {}
                other => panic!("only what was asked comes: {other:?}"),
            }
        }
        let Ok(first) = &got[0] else {
            panic!("a031.txt came")
        };
        let i = plain.iter().position(|a| a.file == "a031.txt").unwrap();
        assert_eq!(first.article, plain[i]);
        assert_eq!(first.quotes.len(), quotes[i].len());
        assert!(first.put_away.is_none() && first.doc.is_none());
        let Ok(changed) = &got[1] else {
            panic!("a005.txt came")
        };
        assert_eq!(changed.article.body, "Un texte réécrit.");
        assert_eq!(got[2].as_ref().err().map(String::as_str), Some("a009.txt"));
        assert_eq!(
            got[3].as_ref().err().map(String::as_str),
            Some("absent.txt")
        );
    }

    #[cfg(unix)]
    #[test]
    fn reading_ahead_never_waits_on_a_named_pipe() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..300 {
            let text = format!("Titre {i}\n\nUn paragraphe sur le Sahel, numéro {i}.");
            std::fs::write(dir.path().join(format!("a{i:03}.txt")), text).unwrap();
        }
        let pipe = dir.path().join("a150-pipe.txt");
        if !std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .is_ok_and(|s| s.success())
        {
            return; // no mkfifo here: nothing to test
        }
        let source = Source::scan(Origin::Dir {
            path: dir.path().to_owned(),
            via: "--dir",
        })
        .unwrap();
        assert!(source.on_disk());
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(collect(source));
        });
        let (articles, _, diagnostics) = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("loading ends despite the pipe");
        assert_eq!(articles.len(), 300);
        assert!(diagnostics.iter().any(|d| d.file.contains("pipe")));
    }

    #[test]
    fn bad_files_are_reported_and_the_rest_stream_in() {
        let source = Source::from_files(
            Origin::Embedded,
            (0..100)
                .map(|i| {
                    (
                        format!("a{i:03}.txt"),
                        format!("Titre {i}\n\nUn paragraphe sur le Sahel, numéro {i}.")
                            .into_bytes(),
                    )
                })
                .chain([("vide.txt".to_owned(), Vec::new())])
                .collect(),
        );
        let (articles, _, diagnostics) = collect(source);
        assert_eq!(articles.len(), 100);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].file, "vide.txt");
    }

    #[test]
    fn the_headless_corpus_has_the_quotes_and_links_of_the_quote_index() {
        let store = Store::embedded();
        let index = QuoteIndex::build(&store);
        let corpus = Corpus::load(Source::scan(Origin::Embedded).unwrap());
        let ids = |s: &Store| {
            s.articles()
                .iter()
                .map(|a| a.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids(corpus.store()),
            ids(&store),
            "same articles, same order"
        );
        for a in store.articles() {
            assert_eq!(corpus.quotes(&a.id), index.quotes(&a.id), "{}", a.id);
        }
    }

    /// Files with ids that share stems, extensions and prefixes, some of them rejected.
    fn lookup_corpus() -> Source {
        let good = |t: &str| format!("{t}\n\nUn paragraphe sur le Sahel, une phrase.").into_bytes();
        let files = [
            ("dup.txt", good("A")),
            ("dup.md", good("B")),
            ("dup.txt.md", good("C")),
            ("ab.txt", good("D")),
            ("a.txt", Vec::new()),
            ("abc.txt", b"\x00binaire".to_vec()),
            ("mali/ab.txt", good("E")),
            ("mali/seul.txt", good("F")),
            ("niger/seul.md", good("G")),
            (" espace.txt", good("H")),
        ];
        Source::from_files(
            Origin::Embedded,
            files
                .iter()
                .map(|(n, b)| ((*n).to_owned(), b.clone()))
                .collect(),
        )
    }

    #[test]
    fn a_lookup_reads_only_the_files_the_query_may_name_and_answers_as_the_whole_corpus() {
        let whole = Store::from_source(lookup_corpus());
        let answer = |s: &Store, q: &str| s.find(q).map(|a| a.id.clone());
        for q in [
            "dup",
            "dup.txt",
            "dup.md",
            "dup.txt.md",
            "ab",
            "ab.txt",
            "a",
            "a.txt",
            "abc",
            "mali",
            "mali/ab",
            "seul",
            "seul.txt",
            "seul.md",
            "niger/seul",
            " espace",
            "espace",
            "",
            " ",
            " dup.md ",
            "zz",
            "d",
        ] {
            let alone = Store::for_lookup(lookup_corpus(), q);
            assert_eq!(answer(&alone, q), answer(&whole, q), "query {q:?}");
        }
        let one = Store::for_lookup(lookup_corpus(), "mali/seul");
        assert_eq!(one.articles().len(), 1, "an exact id reads one file");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, ..Default::default() })]

        /// Whatever the names, the files that cannot be read and the query, the files a lookup
        /// reads answer it as the whole corpus does.
        #[test]
        fn any_lookup_answers_as_the_whole_corpus(
            files in proptest::collection::btree_map(name(), proptest::bool::ANY, 1..10),
            query in query(),
        ) {
            let source = || Source::from_files(
                Origin::Embedded,
                files
                    .iter()
                    .map(|(n, good)| {
                        let text = if *good { "Titre\n\nUne phrase sur le Sahel." } else { "" };
                        (n.clone(), text.as_bytes().to_vec())
                    })
                    .collect(),
            );
            let whole = Store::from_source(source());
            let alone = Store::for_lookup(source(), &query);
            let answer = |s: &Store| s.find(&query).map(|a| a.id.clone());
            proptest::prop_assert_eq!(answer(&alone), answer(&whole));
        }
    }

    /// File names rich in shared stems, extensions, folders and prefixes of one another.
    fn name() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("a"),
            Just("ab"),
            Just("dup"),
            Just("x/"),
            Just(" "),
            Just(".txt")
        ];
        (
            proptest::collection::vec(piece, 1..4),
            prop_oneof![Just(".txt"), Just(".md")],
        )
            .prop_map(|(pieces, ext)| format!("{}{ext}", pieces.concat()))
    }

    /// Queries made of the same pieces, with or without an extension or spaces around.
    fn query() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("a"),
            Just("ab"),
            Just("dup"),
            Just("x/"),
            Just(" "),
            Just(".txt"),
            Just(".md")
        ];
        proptest::collection::vec(piece, 0..4).prop_map(|p| p.concat())
    }
}
