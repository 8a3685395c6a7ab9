//! The quotebook session: the thread that builds the corpus's [`Quotebook`] once loading is done
//! (at 100,000 articles that takes longer than a frame) and then answers the Quotes and Speakers
//! views' filters, so typing never waits for them; and the conversation with it (only the newest
//! question of each kind counts, as with the search thread). The book itself, once built, is
//! shared with the drawing (it is read-only).

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use crate::corpus::article::Article;
use crate::corpus::quote::{Aliases, Quote};
use crate::corpus::quotebook::Quotebook;

/// What the book's thread is asked.
enum Ask {
    /// Build the book from these articles and their quotes (loading is done).
    Build {
        articles: Arc<Vec<Article>>,
        quotes: Arc<Vec<Vec<Quote>>>,
        aliases: Aliases,
    },
    /// The Quotes view's rows for a query, only `speaker`'s when one is given.
    Rows {
        id: u64,
        query: String,
        speaker: Option<u32>,
    },
    /// The Speakers view's list for a query.
    Speakers { id: u64, query: String },
    /// The speaker the article filter's query names, for the quote panel.
    Named { id: u64, query: String },
}

/// What the thread sends back.
enum Reply {
    Built(Arc<Quotebook>, Duration),
    Rows(u64, Rows),
    Speakers(u64, SpeakerList),
    Named(u64, String, Option<u32>),
}

/// The Quotes view's rows for a question.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    /// The query asked.
    pub query: String,
    /// The speaker filter asked.
    pub speaker: Option<u32>,
    /// Rows of the book, in the order to show them.
    pub rows: Arc<[u32]>,
    /// The speaker the query names, if it names one.
    pub named: Option<u32>,
}

/// The Speakers view's list for a question.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpeakerList {
    /// The query asked.
    pub query: String,
    /// Speakers of the book, in the order to show them.
    pub speakers: Arc<[u32]>,
}

/// What the reader must act on.
#[derive(Debug)]
pub enum BookAnswer {
    /// The book is built.
    Built,
    /// Rows for the newest Quotes question.
    Rows(Rows),
    /// The list for the newest Speakers question.
    Speakers(SpeakerList),
    /// The speaker the newest article query names.
    Named {
        /// That query.
        query: String,
        /// The speaker, if any.
        speaker: Option<u32>,
    },
    /// The thread died (a bug): nothing more will come.
    Stopped,
}

/// The book's thread and the state of the conversation with it.
#[derive(Debug)]
pub struct Book {
    tx: Sender<Ask>,
    rx: Receiver<Reply>,
    /// The build was asked for.
    started: bool,
    /// The book, once built.
    book: Option<Arc<Quotebook>>,
    /// How long building it took.
    took: Option<Duration>,
    /// The thread died.
    stopped: bool,
    /// Numbers of the newest questions of each kind, and of the ones answered.
    next: u64,
    rows: (u64, u64),
    speakers: (u64, u64),
    named: (u64, u64),
}

impl std::fmt::Debug for Ask {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Ask")
    }
}

impl std::fmt::Debug for Reply {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Reply")
    }
}

impl Book {
    /// Starts the thread; it waits for [`Book::build`].
    pub fn spawn() -> std::io::Result<Book> {
        let (tx, asks) = mpsc::channel();
        let (replies, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("quotebook".into())
            .spawn(move || serve(&asks, &replies))?;
        Ok(Book {
            tx,
            rx,
            started: false,
            book: None,
            took: None,
            stopped: false,
            next: 0,
            rows: (0, 0),
            speakers: (0, 0),
            named: (0, 0),
        })
    }

    /// Builds the book of `articles` and `quotes` (once: later calls do nothing).
    pub fn build(
        &mut self,
        articles: Arc<Vec<Article>>,
        quotes: Arc<Vec<Vec<Quote>>>,
        aliases: Aliases,
    ) {
        if std::mem::replace(&mut self.started, true) {
            return;
        }
        self.send(Ask::Build {
            articles,
            quotes,
            aliases,
        });
    }

    /// Sends `ask`; should the thread have died, [`Book::next_answer`] says so.
    fn send(&mut self, ask: Ask) {
        let _ = self.tx.send(ask);
    }

    fn number(&mut self) -> u64 {
        self.next += 1;
        self.next
    }

    /// Asks for the Quotes view's rows of `query` (`speaker`'s only, when given).
    pub fn ask_rows(&mut self, query: &str, speaker: Option<u32>) {
        let id = self.number();
        self.rows.0 = id;
        self.send(Ask::Rows {
            id,
            query: query.to_owned(),
            speaker,
        });
    }

    /// Asks for the Speakers view's list for `query`.
    pub fn ask_speakers(&mut self, query: &str) {
        let id = self.number();
        self.speakers.0 = id;
        self.send(Ask::Speakers {
            id,
            query: query.to_owned(),
        });
    }

    /// Asks which speaker the article filter's `query` names.
    pub fn ask_named(&mut self, query: &str) {
        let id = self.number();
        self.named.0 = id;
        self.send(Ask::Named {
            id,
            query: query.to_owned(),
        });
    }

    /// The next answer to act on, passing over the replies to questions asked again since.
    pub fn next_answer(&mut self) -> Option<BookAnswer> {
        loop {
            let reply = match self.rx.try_recv() {
                Ok(reply) => reply,
                Err(mpsc::TryRecvError::Empty) => return None,
                Err(mpsc::TryRecvError::Disconnected) => {
                    // Told once.
                    let told = std::mem::replace(&mut self.stopped, true);
                    return (!told).then_some(BookAnswer::Stopped);
                }
            };
            match reply {
                Reply::Built(book, took) => {
                    self.book = Some(book);
                    self.took = Some(took);
                    return Some(BookAnswer::Built);
                }
                Reply::Rows(id, rows) if id == self.rows.0 => {
                    self.rows.1 = id;
                    return Some(BookAnswer::Rows(rows));
                }
                Reply::Speakers(id, list) if id == self.speakers.0 => {
                    self.speakers.1 = id;
                    return Some(BookAnswer::Speakers(list));
                }
                Reply::Named(id, query, speaker) if id == self.named.0 => {
                    self.named.1 = id;
                    return Some(BookAnswer::Named { query, speaker });
                }
                Reply::Rows(..) | Reply::Speakers(..) | Reply::Named(..) => {}
            }
        }
    }

    /// The book, once built.
    pub fn book(&self) -> Option<&Arc<Quotebook>> {
        self.book.as_ref()
    }

    /// How long building the book took, once built.
    pub fn build_time(&self) -> Option<Duration> {
        self.took
    }

    /// True once the build was asked for.
    pub fn started(&self) -> bool {
        self.started
    }

    /// True once the thread has died.
    pub fn stopped(&self) -> bool {
        self.stopped
    }

    /// True while the book is being built or a question waits for its answer.
    pub fn busy(&self) -> bool {
        !self.stopped
            && self.started
            && (self.book.is_none()
                || self.rows.0 != self.rows.1
                || self.speakers.0 != self.speakers.1
                || self.named.0 != self.named.1)
    }
}

/// The newest question of each kind among those waiting.
#[derive(Default)]
struct Waiting {
    rows: Option<Ask>,
    speakers: Option<Ask>,
    named: Option<Ask>,
}

impl Waiting {
    /// Keeps `ask`, in place of an older question of its kind; hands a build back.
    fn put(&mut self, ask: Ask) -> Option<Ask> {
        match ask {
            Ask::Rows { .. } => self.rows = Some(ask),
            Ask::Speakers { .. } => self.speakers = Some(ask),
            Ask::Named { .. } => self.named = Some(ask),
            Ask::Build { .. } => return Some(ask),
        }
        None
    }
}

fn serve(asks: &Receiver<Ask>, replies: &Sender<Reply>) {
    // Questions asked before the build wait for it.
    let mut waiting = Waiting::default();
    let book = loop {
        let Ok(ask) = asks.recv() else { return };
        if let Some(Ask::Build {
            articles,
            quotes,
            aliases,
        }) = waiting.put(ask)
        {
            let start = Instant::now();
            let book = Quotebook::build(&articles, &quotes, |n| aliases.variants(n));
            // The articles go back to the library alone, and what building took goes back to
            // the system.
            drop((articles, quotes));
            super::search::release_free_memory();
            let book = Arc::new(book);
            if replies
                .send(Reply::Built(Arc::clone(&book), start.elapsed()))
                .is_err()
            {
                return;
            }
            break book;
        }
    };
    loop {
        // The speaker named first (it marks the quote panel), then the views.
        for ask in [waiting.named, waiting.speakers, waiting.rows]
            .into_iter()
            .flatten()
        {
            if let Some(reply) = answer(&book, ask) {
                if replies.send(reply).is_err() {
                    return;
                }
            }
        }
        waiting = Waiting::default();
        let Ok(first) = asks.recv() else { return };
        for ask in std::iter::once(first).chain(asks.try_iter()) {
            // A second build is never asked for ([`Book::build`] sends one).
            let _ = waiting.put(ask);
        }
    }
}

/// The reply to one question (none to a build).
fn answer(book: &Quotebook, ask: Ask) -> Option<Reply> {
    Some(match ask {
        Ask::Rows { id, query, speaker } => Reply::Rows(id, rows(book, query, speaker)),
        Ask::Speakers { id, query } => Reply::Speakers(
            id,
            SpeakerList {
                speakers: book.filter_speakers(&query).into(),
                query,
            },
        ),
        Ask::Named { id, query } => {
            let named = named(book, &query);
            Reply::Named(id, query, named)
        }
        Ask::Build { .. } => return None,
    })
}

/// The Quotes view's rows of `query`, only `speaker`'s when given (in the book's order for an
/// empty query, else the filter's).
pub fn rows(book: &Quotebook, query: String, speaker: Option<u32>) -> Rows {
    let (rows, named) = match speaker {
        None => book.filter_rows(&query),
        Some(s) if query.trim().is_empty() => (book.rows_of(s).to_vec(), None),
        Some(s) => {
            let (rows, named) = book.filter_rows(&query);
            let of = |r: &u32| book.rows().get(*r as usize).and_then(|row| row.speaker) == Some(s);
            (rows.into_iter().filter(of).collect(), named)
        }
    };
    Rows {
        query,
        speaker,
        rows: rows.into(),
        named,
    }
}

/// The speaker `query` names, if any (the first the Speakers filter finds).
pub fn named(book: &Quotebook, query: &str) -> Option<u32> {
    if query.trim().is_empty() {
        return None;
    }
    book.filter_speakers(query).first().copied()
}
