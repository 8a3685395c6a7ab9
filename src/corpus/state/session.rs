//! One reader's side of the shared state file. A [`Session`] saves by merging: under the lock, it
//! reads the file, applies this reader's [`Changes`] to its corpus, writes the result, and tells
//! what other readers changed meanwhile. A [`Saver`] runs the saves on a thread of their own, so
//! marking an article never waits for the disk.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use super::changes::Changes;
use super::disk::{Found, OnDisk, SaveError, inspect, io_error, lock_beside, write};
use super::format::{ReaderState, StateFile, absorb};
use super::paths::{backup_path, dir_of, resolve, show};
use super::recovery::load;

/// What [`open`] gives a reader.
#[derive(Debug)]
pub struct Opened {
    /// The state of the corpus opened.
    pub state: ReaderState,
    /// Something the user should see (see [`super::recovery::Loaded::warning`]).
    pub warning: Option<String>,
    /// What to save with; `None` when nothing may be saved this session (a file from a newer
    /// version, or a bad one that could not be moved aside).
    pub session: Option<Session>,
}

/// Loads the state file at `path` (with recovery: see [`load`]) and opens the corpus `key` in it.
pub fn open(path: &Path, key: &str) -> Opened {
    let loaded = load(path);
    let (state, claim) = loaded.file.into_corpus(key);
    let session = loaded
        .writable
        .then(|| Session::new(path.to_path_buf(), key.to_owned(), state.clone(), claim));
    Opened {
        state,
        warning: loaded.warning,
        session,
    }
}

/// One reader's saves to the state file at `path`, for the corpus `key`.
#[derive(Debug)]
pub struct Session {
    path: PathBuf,
    key: String,
    /// The corpus's state as the reader holds it, short of the changes not handed over yet.
    view: ReaderState,
    /// The reader started with a version-1 file's unclaimed marks: the next save moves them to
    /// `key`.
    claim: bool,
    /// Changes not written yet (the save failed): the next save tries them again.
    pending: Changes,
    /// The file as this session last read or wrote it: while it is unchanged, a save with nothing
    /// to write has nothing to learn either, and does not read it again.
    seen: Option<Stamp>,
}

/// What tells a file changed: every save replaces the file (a new inode), and an edit in place
/// changes its time or size.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: (u64, u64),
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path)
            .ok()
            .filter(std::fs::Metadata::is_file)?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: {
                use std::os::unix::fs::MetadataExt;
                (meta.dev(), meta.ino())
            },
        })
    }
}

impl Session {
    /// A session for a reader that holds `view`, the state of corpus `key` as loaded from `path`.
    /// With `claim`, `view` includes the unclaimed marks of a version-1 file, and the first save
    /// moves them to `key` (if no other reader claimed them first: then the save's answer takes
    /// them back out of the reader's state).
    pub fn new(path: PathBuf, key: String, view: ReaderState, claim: bool) -> Session {
        Session {
            path,
            key,
            view,
            claim,
            pending: Changes::default(),
            seen: None,
        }
    }

    /// The state file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Saves `changes` (with any left over from a failed save) by merging them into the file, and
    /// returns what other readers changed in this corpus since this session last looked: the
    /// reader applies those to its state, except where it has acted since.
    ///
    /// Under the lock: reads the file; applies this session's changes to its corpus, where the
    /// latest action wins per article (this session's, since it saves right after acting), and
    /// articles it did not touch keep the file's value; other corpora and fields this version does
    /// not know stay as they are; then writes atomically (see [`super::disk::save`]). With nothing to
    /// apply and a good file, nothing is written. When the file is missing or bad (kept aside),
    /// the merge starts from the backup, and this corpus from what the reader holds. On an error
    /// nothing is lost: the changes are kept for the next save.
    pub fn save(&mut self, changes: Changes) -> Result<Changes, SaveError> {
        self.pending.merge(changes);
        let path = self.path.clone();
        let real = resolve(&path);
        if self.pending.is_empty()
            && !self.claim
            && self.seen.is_some()
            && Stamp::of(&real) == self.seen
        {
            return Ok(Changes::default());
        }
        std::fs::create_dir_all(dir_of(&real)).map_err(|e| io_error(&path, e))?;
        let _lock = lock_beside(&real);
        let stamp = Stamp::of(&real);
        let found = inspect(&real);
        let (mut file, bytes, bad) = match found {
            Found::Good(file, bytes) => (*file, Some(bytes), false),
            Found::Newer(version) => {
                return Err(SaveError::Newer {
                    path: show(&path),
                    version,
                });
            }
            Found::Missing => (self.base_after_loss(&real), None, false),
            Found::Bad(_) => (self.base_after_loss(&real), None, true),
        };
        let version = file.version;
        let claimable = self.claim && file.unclaimed.is_some();
        if bytes.is_some() && self.pending.is_empty() && !claimable {
            self.claim = false;
            self.seen = stamp;
            let now = file.corpora.remove(&self.key).unwrap_or_default();
            return Ok(self.catch_up(now));
        }
        if claimable {
            if let Some(old) = file.unclaimed.take() {
                absorb(file.corpora.entry(self.key.clone()).or_default(), old);
            }
        }
        self.pending
            .apply(file.corpora.entry(self.key.clone()).or_default());
        let on_disk = match (&bytes, bad) {
            (Some(bytes), _) => OnDisk::Good(version, bytes),
            (None, true) => OnDisk::Bad,
            (None, false) => OnDisk::Missing,
        };
        write(&path, &real, &file, on_disk)?;
        self.claim = false;
        self.seen = Stamp::of(&real);
        std::mem::take(&mut self.pending).apply(&mut self.view);
        let now = file.corpora.remove(&self.key).unwrap_or_default();
        Ok(self.catch_up(now))
    }

    /// What to merge into when the file is missing or bad: the backup when it is good (other
    /// corpora), else an empty file; this corpus as the reader holds it.
    fn base_after_loss(&self, real: &Path) -> StateFile {
        let mut base = match inspect(&backup_path(real)) {
            Found::Good(file, _) => *file,
            _ => StateFile::new(),
        };
        base.corpora.insert(self.key.clone(), self.view.clone());
        base
    }

    /// Takes `now`, the corpus as saved, as the new view; returns what changed from the old one.
    fn catch_up(&mut self, now: ReaderState) -> Changes {
        let changed = Changes::between(&self.view, &now);
        self.view = now;
        changed
    }
}

/// What the saving thread reports after each save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Synced {
    /// Saved (or nothing to save); what other readers changed in this corpus meanwhile.
    Saved(Changes),
    /// The save failed; the changes are kept for the next one. What to tell the user.
    Failed(String),
}

enum Request {
    Save(Changes),
    /// Save, then answer on this channel; with `last`, the thread ends then (other senders, such
    /// as a watchdog's handle, may outlive the reader).
    Flush {
        changes: Changes,
        reply: Sender<Result<(), SaveError>>,
        last: bool,
    },
}

/// Saves on a thread of its own: [`Saver::save`] returns at once, requests that queue up while a
/// save runs are merged into one, and each save's outcome is sent to the receiver
/// [`Saver::spawn`] returns.
#[derive(Debug)]
pub struct Saver {
    requests: Sender<Request>,
    thread: JoinHandle<()>,
    path: String,
}

/// Another thread's way to save and wait (the hangup watchdog's).
#[derive(Debug, Clone)]
pub struct SaverHandle {
    requests: Sender<Request>,
    path: String,
}

impl Saver {
    /// Starts the saving thread for `session`.
    pub fn spawn(mut session: Session) -> std::io::Result<(Saver, Receiver<Synced>)> {
        let (requests, queue) = mpsc::channel::<Request>();
        let (synced, replies) = mpsc::channel();
        let path = show(session.path());
        let thread = std::thread::Builder::new()
            .name("state-saver".into())
            .spawn(move || {
                while let Ok(first) = queue.recv() {
                    let mut done = false;
                    let mut changes = Changes::default();
                    let mut waiting = Vec::new();
                    for request in std::iter::once(first).chain(queue.try_iter()) {
                        match request {
                            Request::Save(c) => changes.merge(c),
                            Request::Flush {
                                changes: c,
                                reply,
                                last,
                            } => {
                                changes.merge(c);
                                waiting.push(reply);
                                done |= last;
                            }
                        }
                    }
                    let outcome = session.save(changes);
                    let _ = synced.send(match &outcome {
                        Ok(changed) => Synced::Saved(changed.clone()),
                        Err(e) => Synced::Failed(e.to_string()),
                    });
                    for reply in waiting {
                        let _ = reply.send(outcome.as_ref().map(|_| ()).map_err(Clone::clone));
                    }
                    if done {
                        break;
                    }
                }
            })?;
        Ok((
            Saver {
                requests,
                thread,
                path,
            },
            replies,
        ))
    }

    /// Asks for `changes` to be saved, without waiting.
    pub fn save(&self, changes: Changes) {
        // A send fails only when the thread is gone; `finish` reports it.
        let _ = self.requests.send(Request::Save(changes));
    }

    /// A handle for another thread.
    pub fn handle(&self) -> SaverHandle {
        SaverHandle {
            requests: self.requests.clone(),
            path: self.path.clone(),
        }
    }

    /// Saves `changes` after everything asked before, waits for it, and ends the thread.
    pub fn finish(self, changes: Changes) -> Result<(), SaveError> {
        let outcome = self.handle().send_flush(changes, true);
        let _ = self.thread.join();
        outcome
    }
}

impl SaverHandle {
    /// Saves `changes` after everything asked before, and waits for it.
    pub fn flush(&self, changes: Changes) -> Result<(), SaveError> {
        self.send_flush(changes, false)
    }

    fn send_flush(&self, changes: Changes, last: bool) -> Result<(), SaveError> {
        let stopped = || SaveError::Stopped {
            path: self.path.clone(),
        };
        let (reply, outcome) = mpsc::channel();
        let request = Request::Flush {
            changes,
            reply,
            last,
        };
        self.requests.send(request).map_err(|_| stopped())?;
        outcome.recv().map_err(|_| stopped())?
    }
}
