//! Streaming loading for the reader: every core reads, cleans, extracts quotes and prepares search
//! data for a share of the files, and articles arrive in batches while the rest is still loading,
//! so the first screen never waits for the whole corpus. Cross-article quote links come last.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use crate::corpus::article::Article;
use crate::corpus::quote::{self, ALIAS_FILE, Aliases, Link, Quote};
use crate::corpus::search::SearchDoc;
use crate::corpus::store::{Diagnostic, Source};

/// Files a loading thread takes at a time: small, so the first batch comes quickly.
const CHUNK: usize = 32;
/// Threads reading files ahead of the loading threads (disk waits overlap the cleaning; with more
/// reads in flight a cold disk delivers faster: 100k small files read in 8 s one at a time, 2.8 s
/// eight at a time), and how far ahead they may go.
const READERS: usize = 4;
const READ_AHEAD: usize = 8 * CHUNK;

/// One article, ready for the reader.
#[derive(Debug)]
pub struct Loaded {
    /// The cleaned article.
    pub article: Article,
    /// Its quotes, attributed (links to other articles come later, in [`LoadEvent::Links`]).
    pub quotes: Vec<Quote>,
    /// What the search index needs of it.
    pub doc: SearchDoc,
}

/// What loading reports, in this order: batches, then links, then done.
#[derive(Debug)]
pub enum LoadEvent {
    /// More articles. Number them in arrival order, from 0: links refer to those numbers.
    Batch(Vec<Loaded>),
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

/// A load under way. Dropping it lets the loading threads finish on their own.
#[derive(Debug)]
pub struct Loading {
    rx: Receiver<LoadEvent>,
    total: usize,
    /// A `Done` was seen (or made up), so a closed channel is the normal end.
    ended: std::cell::Cell<bool>,
}

impl Loading {
    /// Starts loading `source` on every core.
    pub fn start(source: Source) -> Loading {
        let total = source.len();
        let (tx, rx) = mpsc::channel();
        let source = Arc::new(source);
        let (shared, sender) = (Arc::clone(&source), tx.clone());
        if std::thread::Builder::new()
            .name("load".into())
            .spawn(move || run(&shared, &sender))
            .is_err()
        {
            // No thread to spare: load here; the events wait in the channel.
            run(&source, &tx);
        }
        Loading {
            rx,
            total,
            ended: std::cell::Cell::new(false),
        }
    }

    /// Number of article files being loaded.
    pub fn total(&self) -> usize {
        self.total
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

/// What a loading thread sends: its articles and the rejected files' diagnostics.
type Part = (Vec<Loaded>, Vec<Diagnostic>);

fn run(source: &Source, tx: &Sender<LoadEvent>) {
    let (aliases, alias_warning) = quote::load_aliases(source.extra(ALIAS_FILE));
    let mut diagnostics = source.diagnostics().to_vec();
    // Quotes to link, by the article's list-order key (so a quote reprinted widely names the same
    // first articles whichever thread finished first), and the arrival number of each key.
    let mut linker = quote::Linker::default();
    let mut arrival: HashMap<u64, u64> = HashMap::new();
    let mut arrived = 0usize;
    let mut gone = false;
    // Number the articles as they are passed on, and keep what linking quotes needs.
    in_chunks(
        source,
        |files| load_chunk(source, files, &aliases),
        |(batch, diags): Part| {
            diagnostics.extend(diags);
            for (k, l) in batch.iter().enumerate() {
                let key = l.doc.key();
                arrival.insert(key, (arrived + k) as u64);
                for (q, quote) in l.quotes.iter().enumerate() {
                    linker.add(key, q, &quote::word_hashes(&quote.text));
                }
            }
            arrived += batch.len();
            gone = !batch.is_empty() && tx.send(LoadEvent::Batch(batch)).is_err();
            !gone
        },
    );
    if gone {
        return;
    }
    let mut links = linker.finish();
    let arrived_as = |key: u64| arrival.get(&key).copied().unwrap_or(u64::MAX);
    for l in &mut links {
        l.article = arrived_as(l.article);
        l.others.iter_mut().for_each(|o| *o = arrived_as(*o));
    }
    if !links.is_empty() {
        let _ = tx.send(LoadEvent::Links(links));
    }
    diagnostics.sort_by(|a, b| a.file.cmp(&b.file));
    let _ = tx.send(LoadEvent::Done {
        diagnostics,
        warnings: alias_warning.into_iter().collect(),
    });
}

/// Runs `work` over every file of `source`, [`CHUNK`] files at a time, on every core (with threads
/// reading ahead when the files are on disk), and hands each chunk's result to `take` on this
/// thread as it comes; `take` returns false to stop early. Both the reader's streaming load and
/// [`crate::corpus::Store::from_source`] load this way. With no thread to spare, it all runs here.
pub(crate) fn in_chunks<P: Send>(
    source: &Source,
    work: impl Fn(Range<usize>) -> P + Sync,
    mut take: impl FnMut(P) -> bool,
) {
    let next = AtomicUsize::new(0);
    let (fetched, stop) = (AtomicUsize::new(0), AtomicBool::new(false));
    let claim = || {
        let start = next.fetch_add(CHUNK, Ordering::Relaxed);
        (start < source.len() && !stop.load(Ordering::Relaxed))
            .then(|| start..(start + CHUNK).min(source.len()))
    };
    std::thread::scope(|scope| {
        // Made here, so that stopping early drops the receiver before the threads are joined and
        // their next send fails.
        let (parts_tx, parts) = mpsc::channel::<P>();
        let mut spawned = 0;
        for _ in 0..crate::corpus::cpu_threads() {
            let parts_tx = parts_tx.clone();
            let (work, claim, stop) = (&work, &claim, &stop);
            let started = std::thread::Builder::new()
                .name("load".into())
                .spawn_scoped(scope, move || {
                    while let Some(files) = claim() {
                        if parts_tx.send(work(files)).is_err() {
                            stop.store(true, Ordering::Relaxed);
                            break;
                        }
                    }
                });
            spawned += usize::from(started.is_ok());
        }
        drop(parts_tx);
        if spawned == 0 {
            while let Some(files) = claim() {
                if !take(work(files)) {
                    break;
                }
            }
            return;
        }
        if source.on_disk() {
            for _ in 0..READERS {
                let (next, fetched, stop) = (&next, &fetched, &stop);
                // A reader ahead that cannot start is only a little speed lost.
                let _ = std::thread::Builder::new()
                    .name("read-ahead".into())
                    .spawn_scoped(scope, move || read_ahead(source, next, fetched, stop));
            }
        }
        for part in parts {
            if !take(part) {
                stop.store(true, Ordering::Relaxed);
                break;
            }
        }
    });
}

/// Reads files ahead of the loading threads (at most [`READ_AHEAD`] past the next one they take)
/// until every file is read or `stop` is set. Stands down when file descriptors run short: the
/// loading threads need them more.
fn read_ahead(source: &Source, next: &AtomicUsize, fetched: &AtomicUsize, stop: &AtomicBool) {
    loop {
        let i = fetched.fetch_add(1, Ordering::Relaxed);
        if i >= source.len() || stop.load(Ordering::Relaxed) {
            return;
        }
        while i >= next.load(Ordering::Relaxed) + READ_AHEAD {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        // Files the loading threads have already taken are read by them.
        if i >= next.load(Ordering::Relaxed) && !source.prefetch(i) {
            return;
        }
    }
}

fn load_chunk(source: &Source, files: std::ops::Range<usize>, aliases: &Aliases) -> Part {
    let mut batch = Vec::with_capacity(files.len());
    let mut diags = Vec::new();
    for i in files {
        match source.load(i) {
            Some(Ok((article, warnings))) => {
                diags.extend(warnings);
                let mut quotes = quote::extract_article(&article, aliases);
                quotes.shrink_to_fit();
                let doc = SearchDoc::new(&article, &quotes, u32::try_from(i).unwrap_or(u32::MAX));
                batch.push(Loaded {
                    article,
                    quotes,
                    doc,
                });
            }
            Some(Err(d)) => diags.push(d),
            None => {}
        }
    }
    (batch, diags)
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
}
