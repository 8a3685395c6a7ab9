//! The search session: the questions asked of the search thread and the answers taken in (only the
//! newest question counts), whether the list is stale because articles arrived since it was asked
//! for, the corpus's saved index once it came (its article numbers turned into the library's), and,
//! once loading is over, giving the memory loading freed back to the system.

use std::sync::Arc;
use std::time::{Duration, Instant};

use std::collections::HashMap;

use crate::corpus::article::Article;
use crate::corpus::load::{Committed, ReaderDoc, SavedIndex};
use crate::corpus::search::worker::{Reply, SearchWorker};
use crate::corpus::search::{FIRST_PAGE, Index, Match, NameWords};

/// How often the list takes in newly loaded articles.
const REFRESH: Duration = Duration::from_millis(100);

/// What the search thread said that the reader must act on.
#[derive(Debug)]
pub enum Answer {
    /// The matches of the newest question (all of them, or a first page).
    Results {
        /// Best first.
        matches: Arc<[Match]>,
        /// The question differs from the one the list answered before.
        new_query: bool,
    },
    /// The search thread died (a bug): nothing more will come.
    Stopped,
}

/// The search thread and the state of the conversation with it.
#[derive(Debug)]
pub struct Search {
    worker: SearchWorker,
    /// The search thread died (a bug): the list stays as it was and nothing waits for it.
    stopped: bool,
    /// Number of the newest query sent to the search thread, and of the one the list shows.
    asked: u64,
    answered: u64,
    /// The query the list's matches answer (the filter line may be ahead while typing).
    results_for: String,
    /// The list holds every match of `results_for`, not only a first page.
    results_complete: bool,
    /// The words the alias file spells another way (the index's), for highlighting.
    names: Arc<NameWords>,
    /// New articles were indexed since the list was last asked for.
    stale: bool,
    /// When the list was last asked for again because articles arrived.
    refreshed: Option<Instant>,
    /// Loading is over: once the answer to this query is in (the search thread has compacted its
    /// index by then), the memory loading freed goes back to the system.
    release_after: Option<u64>,
    /// The search thread answers from the corpus's saved index: its numbers are not the library's.
    saved: Option<SavedNumbers>,
}

/// The saved index's article numbers and the library's.
#[derive(Debug)]
struct SavedNumbers {
    /// The index's number of each article file.
    rows: HashMap<String, u32>,
    /// `library[row]`: the library's number of the index's article `row` (`u32::MAX`: not
    /// arrived yet).
    library: Vec<u32>,
    /// Answers of queries asked before this number are in the library's numbers.
    from_query: u64,
    /// Every article arrived, each with the index's number (as when the corpus did not change):
    /// answers pass as they are, where turning a million matches into a copy took milliseconds.
    same: bool,
}

impl SavedNumbers {
    fn arrived(&mut self, articles: &[Article], slots: std::ops::Range<usize>) {
        for slot in slots {
            let row = articles.get(slot).and_then(|a| self.rows.get(&a.file));
            if let (Some(&row), Ok(slot)) = (row, u32::try_from(slot))
                && let Some(at) = self.library.get_mut(row as usize)
            {
                *at = slot;
            }
        }
    }

    /// No article arrives after loading: the file names go (a million of them at 1M).
    fn loading_done(&mut self) {
        self.rows = HashMap::new();
        self.same = (0..).zip(&self.library).all(|(i, &slot)| i == slot);
    }

    /// `matches` in the library's numbers, those not arrived yet left out.
    fn translate(&self, matches: &Arc<[Match]>) -> Arc<[Match]> {
        if self.same {
            return Arc::clone(matches);
        }
        matches
            .iter()
            .filter_map(|m| {
                let slot = *self.library.get(m.index)?;
                (slot != u32::MAX).then_some(Match {
                    index: slot as usize,
                    ..*m
                })
            })
            .collect()
    }
}

impl Search {
    /// Starts the search thread over `index`.
    pub fn spawn(index: Index) -> std::io::Result<Search> {
        let names = index.names();
        Ok(Search {
            names,
            worker: SearchWorker::spawn(index)?,
            stopped: false,
            asked: 0,
            answered: 0,
            results_for: String::new(),
            results_complete: true,
            stale: false,
            refreshed: None,
            release_after: None,
            saved: None,
        })
    }

    /// Asks for the matches of `query`; the answer comes through [`Search::next_answer`].
    pub fn ask(&mut self, query: &str) {
        self.asked = self.worker.query(query);
    }

    /// Makes articles searchable: `docs` of the library's articles from `from` on (`articles`:
    /// the library's articles, those among them).
    pub fn add(&mut self, docs: Vec<ReaderDoc>, from: usize, articles: &[Article]) {
        match &mut self.saved {
            Some(saved) => {
                saved.arrived(articles, from..from + docs.len());
                self.stale = true;
            }
            None => self.worker.add(docs.into_iter().flatten().collect()),
        }
    }

    /// Searches the corpus's saved index from now on (the library holds `articles` so far),
    /// asking for `query` again from it.
    pub fn use_saved(&mut self, saved: Box<SavedIndex>, articles: &[Article], query: &str) {
        let SavedIndex { index, rows, .. } = *saved;
        self.names = index.names();
        let mut numbers = SavedNumbers {
            rows,
            library: vec![u32::MAX; index.len()],
            from_query: 0,
            same: false,
        };
        numbers.arrived(articles, 0..articles.len());
        self.worker.replace(index);
        self.ask(query);
        numbers.from_query = self.asked;
        self.saved = Some(numbers);
    }

    /// Loading is over: compacts the index, then asks for `query` again; once that is answered
    /// the memory loading freed goes back to the system.
    pub fn loading_done(&mut self, query: &str) {
        if let Some(saved) = &mut self.saved {
            saved.loading_done();
        }
        self.worker.compact();
        // Asked after the compaction, so its answer says the index is compact.
        self.ask(query);
        self.release_after = Some(self.asked);
    }

    /// The next answer to act on, taking in (and passing over) the replies that need none.
    pub fn next_answer(&mut self) -> Option<Answer> {
        loop {
            match self.worker.try_recv()? {
                Reply::Indexed(_) => self.stale = true,
                Reply::Results {
                    id,
                    query,
                    matches,
                    complete,
                } if id == self.asked => {
                    let matches = match &self.saved {
                        Some(saved) if id >= saved.from_query => saved.translate(&matches),
                        _ => matches,
                    };
                    if complete {
                        self.answered = id;
                        if self.release_after.is_some_and(|after| id >= after) {
                            self.release_after = None;
                            release_free_memory();
                        }
                    }
                    let new_query = query != self.results_for;
                    self.results_for = query;
                    self.results_complete = complete;
                    return Some(Answer::Results { matches, new_query });
                }
                Reply::Results { .. } => {}
                Reply::Stopped => {
                    self.stopped = true;
                    return Some(Answer::Stopped);
                }
            }
        }
    }

    /// Asks for `query` again when articles arrived since the list was asked for, once the newest
    /// question is answered (one search in flight). While `loading`, at most every `REFRESH`
    /// once the list (`listed` rows) is long: each answer lists every article, so asking after
    /// every batch would cost the square of the corpus.
    pub fn refresh(&mut self, query: &str, loading: bool, listed: usize) {
        let due = !loading
            || listed < FIRST_PAGE
            || self.refreshed.is_none_or(|t| t.elapsed() >= REFRESH);
        if self.stale && self.answered == self.asked && due {
            self.stale = false;
            self.refreshed = Some(Instant::now());
            self.ask(query);
        }
    }

    /// True while a search is under way (or due) and the thread is alive.
    pub fn busy(&self) -> bool {
        !self.stopped && (self.answered != self.asked || self.stale)
    }

    /// True once the search thread has died.
    pub fn stopped(&self) -> bool {
        self.stopped
    }

    /// The query the list's matches answer.
    pub fn results_for(&self) -> &str {
        &self.results_for
    }

    /// The words the alias file spells another way, for highlighting what a query found.
    pub fn names(&self) -> &NameWords {
        &self.names
    }

    /// True when the list holds every match of [`Search::results_for`], not only a first page.
    pub fn results_complete(&self) -> bool {
        self.results_complete
    }

    /// True once the answers come from the corpus's saved index.
    pub fn uses_saved(&self) -> bool {
        self.saved.is_some()
    }

    /// Saves the index built here, with the list's rows of `articles` (the index's articles, in
    /// its numbers), where the load `committed` the corpus cache, for the next launch to list and
    /// search at once: on the search thread, after what was asked before. Nothing when the
    /// answers came from the saved index already.
    pub fn save_for_next_launch(&self, committed: Committed, articles: Arc<Vec<Article>>) {
        if self.uses_saved() {
            return;
        }
        self.worker
            .with(Box::new(move |index| committed.save(&articles, index)));
    }

    /// How many questions were asked so far.
    #[cfg(test)]
    pub fn asked(&self) -> u64 {
        self.asked
    }

    /// Makes the search thread panic, as a bug would.
    #[cfg(test)]
    pub fn crash(&self) {
        self.worker.crash();
    }
}

/// Gives the memory freed after loading (the loading threads' buffers and regex caches), or after
/// building the quotebook, back to the system: glibc's allocator keeps freed pages otherwise, and
/// they would count against the reader for as long as it runs. A no-op with other allocators.
pub(super) fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only returns the allocator's own free pages; it takes its locks.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(indices: &[usize]) -> Arc<[Match]> {
        indices
            .iter()
            .map(|&index| Match {
                index,
                score: 0,
                fields: Default::default(),
                typos: 0,
            })
            .collect()
    }

    fn numbers(library: Vec<u32>) -> SavedNumbers {
        let mut n = SavedNumbers {
            rows: HashMap::from([("a.txt".to_owned(), 0)]),
            library,
            from_query: 0,
            same: false,
        };
        n.loading_done();
        n
    }

    #[test]
    fn an_answer_passes_as_it_is_once_every_article_came_with_the_index_number() {
        let n = numbers(vec![0, 1, 2]);
        assert!(n.rows.is_empty());
        let matches = answer(&[2, 0, 1]);
        assert!(Arc::ptr_eq(&n.translate(&matches), &matches));
    }

    #[test]
    fn an_answer_is_renumbered_when_the_library_numbers_otherwise() {
        let indices = |a: Arc<[Match]>| a.iter().map(|m| m.index).collect::<Vec<_>>();
        let n = numbers(vec![1, 0, 2]);
        assert_eq!(indices(n.translate(&answer(&[2, 0, 1]))), [2, 1, 0]);
        // An article that never came is left out.
        let n = numbers(vec![0, u32::MAX, 2]);
        assert_eq!(indices(n.translate(&answer(&[2, 1, 0]))), [2, 0]);
    }
}
