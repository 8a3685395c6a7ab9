//! The search index on its own thread, so typing never waits for a search: articles, queries and
//! work on the index (saving it) go in as messages, results come back tagged with the query's
//! number. The newest query wins: queries waiting behind it are skipped and a search under way
//! gives up when a newer one arrives.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use crate::corpus::search::doc::SearchDoc;
use crate::corpus::search::fields::Match;
use crate::corpus::search::index::Index;

/// Work on the index, done on the search thread between queries.
pub type Job = Box<dyn FnOnce(&Index) + Send>;

enum Request {
    Add(Vec<SearchDoc>),
    /// Work on the index as it stands once what came before is applied.
    With(Job),
    /// Another index in place of the one searched (articles added before are dropped with it).
    Replace(Box<Index>),
    Compact,
    Query {
        id: u64,
        text: String,
    },
    /// Tests only: the search thread panics, as a bug would make it.
    #[cfg(test)]
    Panic,
}

/// What the worker sends back.
#[derive(Debug, Clone)]
pub enum Reply {
    /// The matches of query `id` (the newest when it was sent): first, on a large corpus, the
    /// best [`FIRST_PAGE`](crate::corpus::search::FIRST_PAGE) when they are known early, then all.
    Results {
        /// The number [`SearchWorker::query`] returned.
        id: u64,
        /// The query text.
        query: String,
        /// Best first.
        matches: Arc<[Match]>,
        /// False for a first page: every match follows in a later reply.
        complete: bool,
    },
    /// This many articles are now searchable.
    Indexed(usize),
    /// The search thread has stopped (a bug made it panic): no reply will come any more.
    Stopped,
}

/// Handle to the search thread. Dropping it stops the thread.
#[derive(Debug)]
pub struct SearchWorker {
    tx: Sender<Request>,
    /// [`Reply::Stopped`] was handed out.
    stop_told: std::cell::Cell<bool>,
    rx: Receiver<Reply>,
    newest: Arc<AtomicU64>,
}

impl SearchWorker {
    /// Starts the thread with `index` (empty or prebuilt).
    pub fn spawn(index: Index) -> std::io::Result<SearchWorker> {
        let (tx, requests) = mpsc::channel();
        let (replies, rx) = mpsc::channel();
        let newest = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&newest);
        std::thread::Builder::new()
            .name("search".into())
            .spawn(move || serve(index, &requests, &replies, &seen))?;
        Ok(SearchWorker {
            tx,
            stop_told: std::cell::Cell::new(false),
            rx,
            newest,
        })
    }

    /// Appends articles to the index (in the order the caller numbers them).
    pub fn add(&self, docs: Vec<SearchDoc>) {
        let _ = self.tx.send(Request::Add(docs));
    }

    /// Searches `index` from now on, in place of the one built so far: queries asked after this
    /// are answered from it (numbered as it numbers its articles).
    pub fn replace(&self, index: Index) {
        let _ = self.tx.send(Request::Replace(Box::new(index)));
    }

    /// Gives back the index's spare capacity (once loading is done).
    pub fn compact(&self) {
        let _ = self.tx.send(Request::Compact);
    }

    /// Runs `job` on the index on the search thread, once what was sent before is applied (the
    /// queries after it wait for it).
    pub fn with(&self, job: Job) {
        let _ = self.tx.send(Request::With(job));
    }

    /// Asks for the matches of `text`; returns the number its [`Reply::Results`] will carry. Any
    /// earlier query still running is abandoned.
    pub fn query(&self, text: &str) -> u64 {
        let id = self.newest.fetch_add(1, Ordering::SeqCst) + 1;
        let _ = self.tx.send(Request::Query {
            id,
            text: text.to_owned(),
        });
        id
    }

    /// A reply, if one is ready; [`Reply::Stopped`] once, should the thread have died.
    pub fn try_recv(&self) -> Option<Reply> {
        match self.rx.try_recv() {
            Ok(reply) => Some(reply),
            Err(mpsc::TryRecvError::Disconnected) if !self.stop_told.replace(true) => {
                Some(Reply::Stopped)
            }
            Err(_) => None,
        }
    }

    /// Makes the search thread panic, as a bug would.
    #[cfg(test)]
    pub(crate) fn crash(&self) {
        let _ = self.tx.send(Request::Panic);
    }

    /// A reply, waiting up to `timeout`.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<Reply> {
        self.rx.recv_timeout(timeout).ok()
    }
}

fn serve(
    mut index: Index,
    requests: &Receiver<Request>,
    replies: &Sender<Reply>,
    newest: &AtomicU64,
) {
    while let Ok(first) = requests.recv() {
        // Take everything waiting: apply every article batch, keep only the last query.
        let mut query = None;
        // Batches that came meanwhile are indexed together: one addition, one emptying of the
        // caches, one `Indexed` reply.
        let mut added: Vec<SearchDoc> = Vec::new();
        let mut compact = false;
        let mut jobs: Vec<Job> = Vec::new();
        for r in std::iter::once(first).chain(requests.try_iter()) {
            match r {
                Request::Replace(new) => {
                    index = *new;
                    added.clear();
                }
                Request::With(job) => jobs.push(job),
                Request::Add(docs) if added.is_empty() => added = docs,
                Request::Add(docs) => added.extend(docs),
                Request::Compact => compact = true,
                Request::Query { id, text } => query = Some((id, text)),
                #[cfg(test)]
                Request::Panic => panic!("search thread crash, as asked by a test"),
            }
        }
        let any_added = !added.is_empty();
        if any_added {
            index.add(added);
        }
        if compact {
            index.compact();
        }
        for job in jobs {
            job(&index);
        }
        if any_added && replies.send(Reply::Indexed(index.len())).is_err() {
            return;
        }
        let Some((id, text)) = query else { continue };
        if newest.load(Ordering::SeqCst) != id {
            continue;
        }
        let stale = || newest.load(Ordering::Relaxed) != id;
        let mut first_page = |matches| {
            let _ = replies.send(Reply::Results {
                id,
                query: text.clone(),
                matches,
                complete: false,
            });
        };
        if let Some(matches) = index.search_progressive(&text, &stale, Some(&mut first_page)) {
            if replies
                .send(Reply::Results {
                    id,
                    query: text,
                    matches,
                    complete: true,
                })
                .is_err()
            {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Origin, Store};

    fn docs() -> Vec<SearchDoc> {
        let store = Store::from_files(
            Origin::Embedded,
            vec![
                (
                    "a.txt".into(),
                    "+++\ntitle = \"Lavrov à Bamako\"\n+++\nLa visite du ministre."
                        .as_bytes()
                        .to_vec(),
                ),
                (
                    "b.txt".into(),
                    "+++\ntitle = \"Sommet de Niamey\"\n+++\nLes chefs d’État réunis."
                        .as_bytes()
                        .to_vec(),
                ),
            ],
        );
        store
            .articles()
            .iter()
            .enumerate()
            .map(|(i, a)| SearchDoc::new(a, &[], u32::try_from(i).unwrap()))
            .collect()
    }

    fn next_results(w: &SearchWorker) -> (u64, Arc<[Match]>) {
        loop {
            match w.recv_timeout(Duration::from_secs(10)) {
                Some(Reply::Results {
                    id,
                    matches,
                    complete: true,
                    ..
                }) => return (id, matches),
                Some(Reply::Results { .. }) => {}
                Some(Reply::Indexed(_)) => {}
                Some(Reply::Stopped) | None => panic!("no reply from the search thread"),
            }
        }
    }

    #[test]
    fn queries_are_answered_after_the_articles_sent_before_them() {
        let w = SearchWorker::spawn(Index::default()).unwrap();
        w.add(docs());
        let id = w.query("niamey");
        let (got, matches) = next_results(&w);
        assert_eq!(got, id);
        assert_eq!(matches.len(), 1);
    }

    #[test]
    fn only_the_newest_of_queued_queries_is_answered() {
        let w = SearchWorker::spawn(Index::default()).unwrap();
        w.add(docs());
        let ids: Vec<u64> = ["l", "la", "lav", "lavr"]
            .iter()
            .map(|q| w.query(q))
            .collect();
        // Earlier queries may have been answered before later ones arrived, but the last reply
        // is always the newest query's.
        let mut last = 0;
        while last != ids[3] {
            let (id, matches) = next_results(&w);
            assert!(id > last, "replies come in query order");
            last = id;
            if id == ids[3] {
                assert_eq!(matches.len(), 1);
            }
        }
    }

    #[test]
    fn queries_after_a_replacement_are_answered_from_the_new_index() {
        let w = SearchWorker::spawn(Index::default()).unwrap();
        w.add(docs());
        let mut other = Index::default();
        other.add(docs().into_iter().rev().collect());
        w.replace(other);
        let id = w.query("niamey");
        let (got, matches) = next_results(&w);
        assert_eq!(got, id);
        assert_eq!(matches.iter().map(|m| m.index).collect::<Vec<_>>(), [0]);
    }

    #[test]
    fn a_search_thread_that_died_is_told_once() {
        let w = SearchWorker::spawn(Index::default()).unwrap();
        w.crash();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        let stopped = loop {
            match w.try_recv() {
                Some(Reply::Stopped) => break true,
                Some(_) => {}
                None if std::time::Instant::now() > deadline => break false,
                None => std::thread::sleep(Duration::from_millis(5)),
            }
        };
        assert!(stopped, "the dead thread is reported");
        assert!(w.try_recv().is_none(), "and only once");
    }
}
