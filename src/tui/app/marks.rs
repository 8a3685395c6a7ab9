//! What the reader remembers across runs, kept by [`App`]: read marks (with the content
//! fingerprints that let a mark follow a renamed file), reading positions and the last article
//! open; the journal of what changed since the last save, and the outcome of each save (other
//! readers' changes, failures to show). Every change to the marks goes through here, so the
//! journal and the library's read count follow.

use std::collections::HashMap;
use std::sync::mpsc::Receiver;

use super::App;
use super::library::TextState;
use crate::corpus::state::{Anchor, Changes, Fingerprint, Synced};

impl App {
    /// What changed since the last call (the current reading position recorded), to be saved:
    /// marks set and removed, positions moved, the last article. A save applies these onto the
    /// file as it is on disk, so other readers' marks are kept.
    pub fn take_changes(&mut self) -> Changes {
        self.record_position();
        std::mem::take(&mut self.journal)
    }

    /// What [`App::take_changes`] would return, leaving it to be taken (a checkpoint).
    pub fn pending_changes(&mut self) -> Changes {
        self.record_position();
        self.journal.clone()
    }

    /// Takes in the outcome of each save from `replies` (see [`crate::corpus::state::Saver`]):
    /// other readers' changes, and failures to show.
    pub fn follow_saves(&mut self, replies: Receiver<Synced>) {
        self.synced = Some(replies);
    }

    /// Takes in the saves' outcomes that arrived. True when the screen should be redrawn.
    pub(super) fn take_synced(&mut self) -> bool {
        let Some(replies) = &self.synced else {
            return false;
        };
        let outcomes: Vec<Synced> = replies.try_iter().collect();
        let mut changed = false;
        for outcome in outcomes {
            match outcome {
                Synced::Saved(others) => {
                    changed |= self.apply_external(&others);
                    if std::mem::take(&mut self.save_failed) {
                        self.screen.warning = None;
                        changed = true;
                    }
                }
                Synced::Failed(message) => {
                    self.screen.warning = Some(message);
                    self.save_failed = true;
                    changed = true;
                }
            }
        }
        changed
    }

    /// Applies what other readers changed (as a save reports it), except on the articles this
    /// reader has acted on since it handed its changes over (its own action is the later one)
    /// and the position of the article open. True when a mark changed.
    pub fn apply_external(&mut self, others: &Changes) -> bool {
        let open = self
            .screen
            .reader
            .article
            .and_then(|i| self.library.article(i))
            .map(|a| a.id.as_str());
        let mine = &self.journal;
        let mut theirs = others.clone();
        theirs.read.retain(|id, _| !mine.read.contains_key(id));
        theirs
            .positions
            .retain(|id, _| !mine.positions.contains_key(id) && open != Some(id.as_str()));
        theirs
            .fingerprints
            .retain(|id, _| !mine.fingerprints.contains_key(id));
        theirs.last = None;
        // The marks that change an article of this corpus, counted before they are applied.
        let flips: Vec<bool> = theirs
            .read
            .iter()
            .filter(|&(id, &read)| {
                self.state.read.contains(id) != read && self.library.index_of(id).is_some()
            })
            .map(|(_, &read)| read)
            .collect();
        theirs.apply(&mut self.state);
        for &read in &flips {
            self.library.count_mark(read);
        }
        !flips.is_empty()
    }

    /// Marks article `index` read or unread, and records it for the next save.
    pub(super) fn set_read(&mut self, index: usize, read: bool) {
        let Some(a) = self.library.article(index) else {
            return;
        };
        let id = a.id.as_str();
        let changed = if read {
            self.state.read.insert(id.to_owned())
        } else {
            self.state.read.remove(id)
        };
        let fingerprint = read.then(|| self.library.fingerprint(index)).flatten();
        match fingerprint {
            Some(fp) => self.state.fingerprints.insert(id.to_owned(), fp),
            None => self.state.fingerprints.remove(id),
        };
        self.journal.mark(id, read, fingerprint);
        if changed {
            self.library.count_mark(read);
        }
    }

    /// Once every article is in: a read mark whose article is no longer in the corpus follows
    /// the unread article with the same content (its file was renamed), with its reading
    /// position; and read articles without a fingerprint (marked before fingerprints existed) get
    /// one. Linear in the marks and the corpus; hashes article texts only when needed.
    pub(super) fn follow_renames(&mut self) {
        // The articles `pick` picks with their fingerprints, hashed only for them (an article
        // whose text never came, as it could not be read, has none).
        let library = &self.library;
        let fingerprints = |pick: &dyn Fn(&str) -> bool| {
            let articles = library.articles().iter().enumerate();
            let picked = articles.filter(move |(_, a)| pick(a.id.as_str()));
            picked
                .filter_map(|(i, _)| Some((i, library.fingerprint(i)?)))
                .collect::<Vec<_>>()
        };
        let state = &self.state;
        let missing =
            fingerprints(&|id| state.read.contains(id) && !state.fingerprints.contains_key(id));
        for (i, fp) in missing {
            let Some(id) = self.library.articles().get(i).map(|a| a.id.to_string()) else {
                continue;
            };
            self.state.fingerprints.insert(id.clone(), fp);
            self.journal.fingerprints.insert(id, Some(fp));
        }
        // Marks with a fingerprint whose article is gone: one walk over both, in id order.
        let state = &self.state;
        let mut unread: Option<HashMap<Fingerprint, usize>> = None;
        let mut moves = Vec::new();
        let mut read = state.read.iter().peekable();
        for (id, fp) in &state.fingerprints {
            while read.next_if(|r| *r < id).is_some() {}
            if read.peek() != Some(&id) || self.library.index_of(id).is_some() {
                continue;
            }
            let unread = unread.get_or_insert_with(|| {
                let unread = fingerprints(&|id| !state.read.contains(id));
                unread.into_iter().map(|(i, fp)| (fp, i)).collect()
            });
            if let Some(i) = unread.remove(fp) {
                moves.push((id.clone(), i));
            }
        }
        for (old, i) in moves {
            let Some(new) = self.library.article(i).map(|a| a.id.to_string()) else {
                continue;
            };
            self.set_read(i, true);
            self.state.read.remove(&old);
            self.state.fingerprints.remove(&old);
            self.journal.mark(&old, false, None);
            if let Some(at) = self.state.positions.remove(&old) {
                self.state.positions.insert(new.clone(), at);
                self.journal.positions.insert(old.clone(), None);
                self.journal.positions.insert(new.clone(), Some(at));
            }
            if self.restore.as_deref() == Some(old.as_str()) {
                self.restore = Some(new);
            }
        }
    }

    /// Keeps the open article's reading position in the state (none when at the top), and in
    /// the journal when it moved.
    pub(super) fn record_position(&mut self) {
        let reader = &self.screen.reader;
        // An article whose text is not here has no position to keep yet: its saved one stays.
        let open = (reader.article).filter(|&i| self.library.text_state(i) == TextState::Here);
        if let Some(a) = open.and_then(|i| self.library.article(i)) {
            let id = a.id.as_str();
            let at = (reader.anchor != Anchor::default()).then_some(reader.anchor);
            if self.state.positions.get(id).copied() != at {
                match at {
                    Some(at) => self.state.positions.insert(id.to_owned(), at),
                    None => self.state.positions.remove(id),
                };
                self.journal.positions.insert(id.to_owned(), at);
            }
        }
    }

    /// Records article `index`, just opened, as the last one (to reopen at the next start).
    pub(super) fn note_last(&mut self, index: Option<usize>) {
        if let Some(a) = index.and_then(|i| self.library.article(i)) {
            if self.state.last.as_deref() != Some(a.id.as_str()) {
                self.state.last = Some(a.id.to_string());
                self.journal.last = Some(a.id.to_string());
            }
        }
    }
}
