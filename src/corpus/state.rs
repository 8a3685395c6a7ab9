//! The reader's persistent state (read marks, last article, reading positions, per corpus): where
//! it lives, loading with recovery (a bad file is kept aside unchanged, the last good backup
//! restored), and durable saving under a lock (temp file + fsync + rename, the previous good state
//! kept as `<file>.bak`). [`Session`] merges one reader's changes into what other readers saved.

mod changes;
mod session;

pub use changes::{Changes, Fingerprint};
pub use session::{Opened, Saver, SaverHandle, Session, Synced, open};

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::corpus::sanitize::one_line;
use crate::corpus::store::Origin;

/// Current format version, written in every file. Version 1 (one set of marks for every corpus) is
/// read and migrated: see [`StateFile::unclaimed`].
pub const VERSION: u32 = 2;

/// The largest state file `load` reads, and `save` writes (128 MiB). A real one is a few kilobytes;
/// a million reading positions take about 50 MB.
pub const MAX_BYTES: u64 = 128 * 1024 * 1024;

/// The corpus key of the articles compiled into the binary.
pub const BUNDLED: &str = "bundled";

/// A leftover temp file older than this belongs to a save that was killed, not to one running now.
const STALE_TEMP: Duration = Duration::from_secs(60 * 60);

/// A reading position that survives a resize: the block (paragraph) at the top of the pane and the
/// byte offset inside it where the top line starts. Block 0 is the header; block `k + 1` is the body's
/// block `k`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Anchor {
    /// Segment: 0 for the header, `k + 1` for body block `k`.
    pub block: usize,
    /// Byte offset inside that segment (a line index for the header).
    pub offset: usize,
}

/// What the reader remembers about one corpus. Ids are article ids.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderState {
    /// Articles marked read.
    #[serde(default)]
    pub read: BTreeSet<String>,
    /// The article open when the reader last quit.
    #[serde(default)]
    pub last: Option<String>,
    /// Reading position per article.
    #[serde(default)]
    pub positions: BTreeMap<String, Anchor>,
    /// Content fingerprint of read articles, so a mark follows an article whose file was renamed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fingerprints: BTreeMap<String, Fingerprint>,
    /// Fields this version does not know (written by a newer one), kept as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The whole state file: `{"version": 2, "corpora": {"<key>": {…}}, …}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StateFile {
    /// Format version (of the file as read; [`VERSION`] is always written).
    pub version: u32,
    /// The state of each corpus, by [`corpus_key`].
    pub corpora: BTreeMap<String, ReaderState>,
    /// The marks of a version-1 file, which did not say which corpus they belong to: the first
    /// corpus opened claims them ([`StateFile::into_corpus`]). Kept at the top level until then.
    pub unclaimed: Option<ReaderState>,
    /// Fields this version does not know, kept as they are.
    pub extra: Map<String, Value>,
}

/// The file as JSON: version 2 fields, version 1 fields (unclaimed marks), and the rest.
#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    version: u32,
    #[serde(default)]
    corpora: BTreeMap<String, ReaderState>,
    #[serde(default)]
    read: Option<BTreeSet<String>>,
    #[serde(default)]
    last: Option<String>,
    #[serde(default)]
    positions: Option<BTreeMap<String, Anchor>>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

#[derive(Serialize)]
struct RawFileOut<'a> {
    version: u32,
    corpora: &'a BTreeMap<String, ReaderState>,
    #[serde(skip_serializing_if = "Option::is_none")]
    read: Option<&'a BTreeSet<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last: Option<&'a String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    positions: Option<&'a BTreeMap<String, Anchor>>,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

impl StateFile {
    /// An empty file of the current version.
    pub fn new() -> StateFile {
        StateFile {
            version: VERSION,
            ..StateFile::default()
        }
    }

    /// The state of corpus `key`, and whether it includes unclaimed version-1 marks (the session
    /// that opens it then moves them to `key` at its first save: see [`Session::new`]).
    pub fn into_corpus(mut self, key: &str) -> (ReaderState, bool) {
        let mut state = self.corpora.remove(key).unwrap_or_default();
        match self.unclaimed {
            Some(old) => {
                absorb(&mut state, old);
                (state, true)
            }
            None => (state, false),
        }
    }

    /// Parses a state file (of any version: see [`StateFile::version`]).
    pub fn from_json(bytes: &[u8]) -> serde_json::Result<StateFile> {
        let raw: RawFile = serde_json::from_slice(bytes)?;
        let unclaimed =
            (raw.read.is_some() || raw.last.is_some() || raw.positions.is_some()).then(|| {
                ReaderState {
                    read: raw.read.unwrap_or_default(),
                    last: raw.last,
                    positions: raw.positions.unwrap_or_default(),
                    ..ReaderState::default()
                }
            });
        Ok(StateFile {
            version: raw.version,
            corpora: raw.corpora,
            unclaimed,
            extra: raw.extra,
        })
    }

    /// Compact JSON and a final newline, always as format [`VERSION`].
    pub fn to_json(&self) -> serde_json::Result<Vec<u8>> {
        let old = self.unclaimed.as_ref();
        let mut json = serde_json::to_vec(&RawFileOut {
            version: VERSION,
            corpora: &self.corpora,
            read: old.map(|o| &o.read),
            last: old.and_then(|o| o.last.as_ref()),
            positions: old.map(|o| &o.positions),
            extra: &self.extra,
        })?;
        json.push(b'\n');
        Ok(json)
    }
}

/// Adds `old` (unclaimed version-1 marks) to `state`; what `state` says wins.
fn absorb(state: &mut ReaderState, old: ReaderState) {
    state.read.extend(old.read);
    for (id, at) in old.positions {
        state.positions.entry(id).or_insert(at);
    }
    if state.last.is_none() {
        state.last = old.last;
    }
}

/// The key under which the state of the corpus at `origin` is kept: the canonical path of its
/// folder (the absolute path when it cannot be resolved), or [`BUNDLED`].
pub fn corpus_key(origin: &Origin) -> String {
    match origin {
        Origin::Embedded => BUNDLED.to_owned(),
        Origin::Dir { path, .. } => fs::canonicalize(path)
            .or_else(|_| std::path::absolute(path))
            .unwrap_or_else(|_| path.clone())
            .to_string_lossy()
            .into_owned(),
    }
}

/// What loading found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The state: the file's, else the backup's, else an empty one.
    pub file: StateFile,
    /// Something the user should see (the file was bad and kept aside, the backup was restored …).
    pub warning: Option<String>,
    /// False when saving would destroy a file we must keep: one from a newer version, or a bad one
    /// that could not be moved aside.
    pub writable: bool,
    /// Files that could not be used and were moved aside, unchanged (the state file, and the backup
    /// when it was bad too).
    pub kept_aside: Vec<PathBuf>,
    /// The backup the state was restored from, when it was.
    pub restored_from: Option<PathBuf>,
}

/// Saving failed. Cheap to clone (a reader waiting for a save shares its outcome).
#[derive(Debug, Clone, thiserror::Error)]
pub enum SaveError {
    /// A file system operation failed.
    #[error(
        "cannot save the reader state to {path}: {source}. Check that the folder is writable, or run with --no-state"
    )]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: Arc<io::Error>,
    },
    /// The state would be larger than [`MAX_BYTES`], which the loader would refuse.
    #[error(
        "not saving the reader state to {path}: it would take {mib} MiB, more than the {max} MiB the reader loads, so the file keeps its previous content. Unmark articles you no longer need, or move that file away to start over",
        max = MAX_BYTES >> 20
    )]
    TooLarge {
        /// The file.
        path: String,
        /// The size it would have, in MiB (rounded up).
        mib: u64,
    },
    /// The saving thread stopped on an internal error (a bug).
    #[error(
        "cannot save the reader state to {path}: the saving thread stopped on an internal error. Please report it"
    )]
    Stopped {
        /// The file.
        path: String,
    },
    /// The file on disk was written by a newer version and saving would replace it.
    #[error(
        "not saving the reader state: {path} was written by a newer aes-reader (format {version}; this one writes format {VERSION}) and saving would replace it. Use the newer aes-reader, or move that file away"
    )]
    Newer {
        /// The file.
        path: String,
        /// Its format version.
        version: u32,
    },
}

/// `$XDG_STATE_HOME/aes-reader/state.json`, else `~/.local/state/aes-reader/state.json`; `None` when
/// neither variable gives an absolute folder.
pub fn default_path() -> Option<PathBuf> {
    path_from(
        std::env::var_os("XDG_STATE_HOME").map(PathBuf::from),
        std::env::var_os("HOME").map(PathBuf::from),
    )
}

fn path_from(xdg: Option<PathBuf>, home: Option<PathBuf>) -> Option<PathBuf> {
    // The XDG spec says relative values are to be ignored.
    let base = xdg.filter(|p| p.is_absolute()).or_else(|| {
        home.filter(|h| h.is_absolute())
            .map(|h| h.join(".local").join("state"))
    })?;
    Some(base.join("aes-reader").join("state.json"))
}

/// The backup of the state at `path`: `<path>.bak`, the state as it was before the last save.
pub fn backup_path(path: &Path) -> PathBuf {
    with_suffix(path, ".bak")
}

/// Reads the state at `path`. Never fails: whatever is on disk, the reader gets a state to start
/// with, and a warning when it is not simply the file's.
///
/// - A good file is the state. A missing file without a backup is a fresh start, silently.
/// - A bad file (truncated, empty, garbage, over [`MAX_BYTES`], unreadable, a folder …) is moved
///   aside unchanged to `<path>.bad-<secs>-<n>` (a name not yet taken), and the backup is restored;
///   without a usable backup, the state starts empty.
/// - A missing file while a backup exists: the backup is restored, with a warning. A save never
///   leaves the file missing (the rename replaces it in one step), so either someone deleted it
///   (the warning says to delete the backup too to start over) or an earlier run kept a bad file
///   aside and was killed before it saved, where restoring again is what the user wants.
/// - A file written by a newer version is left where it is, untouched, and `writable` is false: this
///   older binary never overwrites it, and the newer one, when the user goes back to it, finds its
///   own file where it left it (moving it aside would make it start from this version's file). The
///   session starts from the backup when this version can read it.
///
/// A backup that cannot be used is moved aside too, since the next save would replace it. Temp
/// files left by saves killed more than an hour ago are removed.
///
/// A state file that is a symbolic link is read through it, and its backup, lock and kept-aside
/// copies live beside its target. Loading waits for a save under way in another reader (the lock).
pub fn load(path: &Path) -> Loaded {
    let path = &resolve(path);
    let _lock = lock_beside(path);
    remove_stale_temps(path);
    let shown = show(path);
    let bak = backup_path(path);
    let problem = match inspect(path) {
        Found::Good(file, _) => {
            return Loaded {
                file,
                warning: None,
                writable: true,
                kept_aside: Vec::new(),
                restored_from: None,
            };
        }
        Found::Missing => {
            let fallback = fall_back(&bak, true);
            let warning = match (&fallback.restored_from, fallback.outcome.is_empty()) {
                (Some(_), _) => Some(format!(
                    "the reader state file {shown} was missing; {}. To start over instead, delete {} too",
                    fallback.outcome,
                    show(&bak)
                )),
                (None, false) => Some(format!(
                    "the reader state file {shown} was missing; {}",
                    fallback.outcome
                )),
                (None, true) => None,
            };
            return fallback.into_loaded(warning, true, Vec::new());
        }
        Found::Newer(version) => {
            let fallback = fall_back(&bak, false);
            let warning = format!(
                "the reader state file {shown} was written by a newer aes-reader (format {version}; this one reads format {VERSION}); it is left untouched and nothing will be saved this session; {}. Use the newer aes-reader to keep your read marks",
                fallback.outcome_or_empty()
            );
            return fallback.into_loaded(Some(warning), false, Vec::new());
        }
        Found::Bad(problem) => problem,
    };
    match keep_aside(path) {
        Ok(kept) => {
            let fallback = fall_back(&bak, true);
            let warning = format!(
                "the reader state file {shown} was {problem}; it is kept unchanged as {}; {}",
                show(&kept),
                fallback.outcome_or_empty()
            );
            fallback.into_loaded(Some(warning), true, vec![kept])
        }
        Err(e) => {
            let fallback = fall_back(&bak, false);
            let warning = format!(
                "the reader state file {shown} was {problem} and could not be moved aside ({e}), so nothing will be saved this session; {}. Move that file away to let the reader save again",
                fallback.outcome_or_empty()
            );
            fallback.into_loaded(Some(warning), false, Vec::new())
        }
    }
}

/// What is at a state path.
enum Found {
    /// Nothing.
    Missing,
    /// A state this version understands, and the bytes it was read from.
    Good(StateFile, Vec<u8>),
    /// A state written by a newer version: its format number.
    Newer(u32),
    /// Anything else; says what is wrong ("empty", "unreadable (…)" …).
    Bad(String),
}

/// Reads and judges what is at `path`, reading at most [`MAX_BYTES`].
fn inspect(path: &Path) -> Found {
    // Metadata first: a folder, a FIFO (whose open would block) or an oversized file is judged
    // without opening it.
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Found::Missing,
        Err(e) => return Found::Bad(format!("unreadable ({e})")),
    };
    if meta.is_dir() {
        return Found::Bad("a folder, not a file".into());
    }
    if !meta.is_file() {
        return Found::Bad("not a regular file".into());
    }
    let too_big = || {
        format!(
            "larger than {} MiB, far more than a state file can be",
            MAX_BYTES >> 20
        )
    };
    if meta.len() > MAX_BYTES {
        return Found::Bad(too_big());
    }
    let mut bytes = Vec::new();
    // `take` also caps a file that grew after `metadata`.
    if let Err(e) = fs::File::open(path).and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
    {
        return Found::Bad(format!("unreadable ({e})"));
    }
    if u64::try_from(bytes.len()).map_or(true, |n| n > MAX_BYTES) {
        return Found::Bad(too_big());
    }
    if bytes.is_empty() {
        return Found::Bad("empty".into());
    }
    // serde also reads a struct from an array; the state is always written as an object.
    if bytes.trim_ascii_start().first() != Some(&b'{') {
        return Found::Bad("not a state file (it does not hold a JSON object)".into());
    }
    match StateFile::from_json(&bytes) {
        Ok(file) if file.version <= VERSION => Found::Good(file, bytes),
        Ok(file) => Found::Newer(file.version),
        Err(e) => {
            /// A newer format may change more than its version number.
            #[derive(Deserialize)]
            struct VersionOnly {
                version: u32,
            }
            match serde_json::from_slice::<VersionOnly>(&bytes) {
                Ok(v) if v.version > VERSION => Found::Newer(v.version),
                _ => Found::Bad(format!("not valid state JSON ({e})")),
            }
        }
    }
}

/// The state to start from when the state file cannot be used: the backup's when it is good.
struct Fallback {
    file: StateFile,
    restored_from: Option<PathBuf>,
    /// A backup that was moved aside.
    kept: Option<PathBuf>,
    /// What happened, for the warning; empty when there was no backup at all.
    outcome: String,
}

impl Fallback {
    fn outcome_or_empty(&self) -> &str {
        if self.outcome.is_empty() {
            "there is no backup, so read marks and positions start empty"
        } else {
            &self.outcome
        }
    }

    fn into_loaded(
        self,
        warning: Option<String>,
        writable: bool,
        mut kept: Vec<PathBuf>,
    ) -> Loaded {
        kept.extend(self.kept);
        Loaded {
            file: self.file,
            // Parse errors quote the file's text, which may hold escape sequences.
            warning: warning.map(|w| one_line(&w).into_owned()),
            writable,
            kept_aside: kept,
            restored_from: self.restored_from,
        }
    }
}

/// Reads the backup `bak`. An unusable one is moved aside when `may_move` (the next save would
/// replace it otherwise); a session that will not save leaves it be.
fn fall_back(bak: &Path, may_move: bool) -> Fallback {
    let empty = StateFile::new();
    let shown = show(bak);
    let unusable = |what: String| {
        const START: &str = "read marks and positions start empty";
        if !may_move {
            return (None, format!("the backup {shown} is {what}; {START}"));
        }
        match keep_aside(bak) {
            Ok(kept) => {
                let outcome = format!(
                    "the backup {shown} is {what} and is kept as {}; {START}",
                    show(&kept)
                );
                (Some(kept), outcome)
            }
            Err(e) => (
                None,
                format!("the backup {shown} is {what} and could not be moved aside ({e}); {START}"),
            ),
        }
    };
    let (file, restored_from, (kept, outcome)) = match inspect(bak) {
        Found::Good(file, _) => {
            let when = fs::metadata(bak)
                .and_then(|m| m.modified())
                .map_or_else(|_| "unknown date".into(), utc_minute);
            let outcome = format!("restored the state from the backup of {when} ({shown})");
            (file, Some(bak.to_path_buf()), (None, outcome))
        }
        Found::Missing => (empty, None, (None, String::new())),
        Found::Newer(version) => (
            empty,
            None,
            unusable(format!("from a newer aes-reader (format {version})")),
        ),
        Found::Bad(problem) => (empty, None, unusable(problem)),
    };
    Fallback {
        file,
        restored_from,
        kept,
        outcome,
    }
}

/// Writes `file` to `path` so that, whenever the process is killed, `path` holds either the previous
/// state or the new one, complete, and a completed save survives a power cut:
/// 1. the new state goes to a temp file in the same folder, fsynced;
/// 2. the current file, when it is a good state, becomes the backup `<path>.bak`: hard-linked (or,
///    where links are not supported, copied and fsynced) to a temp name, then renamed, so the
///    backup too is always complete. Best effort: a failed backup does not stop the save;
/// 3. the temp file is renamed over `path` and the folder fsynced.
///
/// This replaces what is on disk; a reader saves with [`Session::save`], which merges. Both hold the
/// lock `<path>.lock` (an advisory `flock`) from reading the file to the rename, so two readers'
/// saves never interleave. A bad file found at `path` is moved aside first, never overwritten; one
/// written by a newer version stops the save ([`SaveError::Newer`]), and so does a state larger than
/// [`MAX_BYTES`] ([`SaveError::TooLarge`]): the loader would refuse it. The state is written as
/// compact JSON, format [`VERSION`]. Creates the folder when missing. A `path` that is a symbolic
/// link is written through: its target is replaced, the link stays.
pub fn save(path: &Path, file: &StateFile) -> Result<(), SaveError> {
    let real = resolve(path);
    fs::create_dir_all(dir_of(&real)).map_err(|e| io_error(path, e))?;
    let _lock = lock_beside(&real);
    match inspect(&real) {
        Found::Good(old, bytes) => write(path, &real, file, OnDisk::Good(old.version, &bytes)),
        Found::Missing => write(path, &real, file, OnDisk::Missing),
        Found::Bad(_) => write(path, &real, file, OnDisk::Bad),
        Found::Newer(version) => Err(SaveError::Newer {
            path: show(path),
            version,
        }),
    }
}

/// What a save found at the state path (a newer version's file stops it before).
enum OnDisk<'a> {
    /// A good state of this format version, these bytes: it becomes the backup (and, when the
    /// version is older, a lasting copy too: see [`write`]).
    Good(u32, &'a [u8]),
    /// Nothing.
    Missing,
    /// A bad file: it is kept aside.
    Bad,
}

/// Writes `file` at `real` (`path` resolved), where `on_disk` was found; the caller holds the lock.
/// The first save over a file of an older format also keeps it as `<path>.v<N>.bak` (never
/// replaced), for going back to the version that wrote it.
fn write(path: &Path, real: &Path, file: &StateFile, on_disk: OnDisk<'_>) -> Result<(), SaveError> {
    write_capped(path, real, file, on_disk, MAX_BYTES)
}

/// [`write`], refusing a file over `limit` bytes.
fn write_capped(
    path: &Path,
    real: &Path,
    file: &StateFile,
    on_disk: OnDisk<'_>,
    limit: u64,
) -> Result<(), SaveError> {
    let io_err = |e| io_error(path, e);
    let json = file.to_json().map_err(|e| io_err(io::Error::other(e)))?;
    let len = u64::try_from(json.len()).unwrap_or(u64::MAX);
    if len > limit {
        return Err(SaveError::TooLarge {
            path: show(path),
            mib: len.div_ceil(1 << 20),
        });
    }
    let tmp = temp_path(real);
    let result = (|| {
        write_synced(&tmp, &json).map_err(io_err)?;
        match on_disk {
            OnDisk::Good(version, bytes) => {
                let old = with_suffix(real, &format!(".v{version}.bak"));
                if version < VERSION && fs::symlink_metadata(&old).is_err() {
                    let _ = keep_copy(real, &old, bytes);
                }
                let _ = back_up(real, bytes);
            }
            OnDisk::Missing => {}
            OnDisk::Bad => {
                keep_aside(real).map_err(io_err)?;
            }
        }
        fs::rename(&tmp, real).map_err(io_err)?;
        // Make the renames durable.
        fs::File::open(dir_of(real))
            .and_then(|d| d.sync_all())
            .map_err(io_err)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn io_error(path: &Path, source: io::Error) -> SaveError {
    SaveError::Io {
        path: show(path),
        source: Arc::new(source),
    }
}

/// `path` with symbolic links followed (even to a target that does not exist yet), so that a save
/// replaces the target and the link stays a link.
fn resolve(path: &Path) -> PathBuf {
    let mut real = path.to_path_buf();
    // As many links as the kernel follows; a loop ends there, and the file then reads as bad.
    for _ in 0..40 {
        match fs::read_link(&real) {
            Ok(target) => real = dir_of(&real).join(target),
            Err(_) => break,
        }
    }
    real
}

/// Takes the advisory lock `<real>.lock` (created when missing, never removed: removing a lock file
/// lets two processes lock two different files), waiting while another reader holds it; released
/// when the returned file is dropped. `None` when the lock cannot be had (no folder yet, a read-only
/// one, a file system without locks): the caller goes on without it, as a single reader would.
fn lock_beside(real: &Path) -> Option<fs::File> {
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(with_suffix(real, ".lock"))
        .ok()?;
    fs4::FileExt::lock(&lock).ok()?;
    Some(lock)
}

/// Makes the good file at `path`, whose content is `bytes`, the backup.
fn back_up(path: &Path, bytes: &[u8]) -> io::Result<()> {
    keep_copy(path, &backup_path(path), bytes)
}

/// Makes the good file at `path`, whose content is `bytes`, the file `bak` too, in one step.
fn keep_copy(path: &Path, bak: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = temp_path(bak);
    // Left by a killed process that had our pid.
    let _ = fs::remove_file(&tmp);
    // A link shares the file, which nothing ever writes in place: no copy, and already on disk.
    let made = fs::hard_link(path, &tmp)
        .or_else(|_| write_synced(&tmp, bytes))
        .and_then(|()| fs::rename(&tmp, bak));
    // When `bak` already is a link to the same file (a save killed between its two renames), the
    // rename does nothing and leaves the temp name behind.
    let _ = fs::remove_file(&tmp);
    made
}

/// Moves what is at `path` (a file, a folder, anything) to `<path>.bad-<secs>-<n>`, the first such
/// name not taken, unchanged; returns that name.
fn keep_aside(path: &Path) -> io::Result<PathBuf> {
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    for n in 1..=1000 {
        let aside = with_suffix(path, &format!(".bad-{stamp}-{n}"));
        // A hard link never replaces an existing name, so not even two readers starting together
        // can pick the same one.
        match fs::hard_link(path, &aside) {
            Ok(()) => {
                return match fs::remove_file(path) {
                    Ok(()) => Ok(aside),
                    Err(e) => {
                        let _ = fs::remove_file(&aside);
                        Err(e)
                    }
                };
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(e),
            // Folders cannot be hard-linked, nor anything on some file systems: rename to a name
            // checked free (racy only between two readers in the same second).
            Err(_) => {
                if fs::symlink_metadata(&aside).is_err() {
                    fs::rename(path, &aside)?;
                    return Ok(aside);
                }
            }
        }
    }
    Err(io::Error::other(
        "a thousand files were already kept aside this second",
    ))
}

/// Removes `<name>.tmp-<pid>` and `<name>.bak.tmp-<pid>` files older than [`STALE_TEMP`]: what saves
/// killed midway leave behind. They are never the state: that is only ever replaced by a rename.
fn remove_stale_temps(path: &Path) {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    let Ok(entries) = fs::read_dir(dir_of(path)) else {
        return;
    };
    let mut prefixes = vec![format!("{name}.tmp-"), format!("{name}.bak.tmp-")];
    prefixes.extend((0..VERSION).map(|v| format!("{name}.v{v}.bak.tmp-")));
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let ours = file_name.to_str().is_some_and(|f| {
            prefixes.iter().any(|p| {
                f.strip_prefix(p.as_str())
                    .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
            })
        });
        // `DirEntry::metadata` does not follow links: only plain files are removed.
        let stale = ours
            && entry
                .metadata()
                .ok()
                .filter(fs::Metadata::is_file)
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > STALE_TEMP);
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

fn dir_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

fn temp_path(path: &Path) -> PathBuf {
    with_suffix(path, &format!(".tmp-{}", std::process::id()))
}

/// A path as it may appear in a one-line message.
fn show(path: &Path) -> String {
    one_line(&path.display().to_string()).into_owned()
}

/// `2025-03-04 12:34 UTC`.
fn utc_minute(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (year, month, day) = civil_from_days(secs / 86_400);
    let (hour, minute) = (secs % 86_400 / 3600, secs % 3600 / 60);
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02} UTC")
}

/// Days since 1970-01-01 to a Gregorian date (Howard Hinnant's `civil_from_days`, for days ≥ 0).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CORPUS: &str = "/corpus/sahel";

    /// One corpus with `marks` read, the last one open.
    fn corpus(marks: &[&str]) -> ReaderState {
        ReaderState {
            read: marks.iter().map(|m| (*m).to_string()).collect(),
            last: marks.last().map(|m| (*m).to_string()),
            ..ReaderState::default()
        }
    }

    fn sample(marks: &[&str]) -> StateFile {
        let mut file = StateFile::new();
        file.corpora.insert(CORPUS.into(), corpus(marks));
        file
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    fn marks(path: &Path, key: &str) -> Vec<String> {
        load(path)
            .file
            .corpora
            .get(key)
            .map(|c| c.read.iter().cloned().collect())
            .unwrap_or_default()
    }

    fn marking(ids: &[(&str, bool)]) -> Changes {
        let mut changes = Changes::default();
        for (id, read) in ids {
            changes.mark(id, *read, None);
        }
        changes
    }

    fn session(path: &Path, key: &str) -> Session {
        open(path, key).session.expect("writable")
    }

    #[test]
    fn xdg_state_home_wins_and_relative_values_are_ignored() {
        assert_eq!(
            path_from(Some("/x/state".into()), Some("/home/u".into())),
            Some(PathBuf::from("/x/state/aes-reader/state.json"))
        );
        assert_eq!(
            path_from(Some("rel".into()), Some("/home/u".into())),
            Some(PathBuf::from("/home/u/.local/state/aes-reader/state.json"))
        );
        assert_eq!(path_from(None, None), None);
    }

    #[test]
    fn saved_state_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("state.json");
        let mut state = sample(&["004"]);
        state.corpora.get_mut(CORPUS).unwrap().positions.insert(
            "004".into(),
            Anchor {
                block: 3,
                offset: 17,
            },
        );
        save(&path, &state).unwrap();
        let loaded = load(&path);
        assert_eq!(loaded.file, state);
        assert_eq!(loaded.warning, None);
        assert!(loaded.writable && loaded.kept_aside.is_empty() && loaded.restored_from.is_none());
        // No temp file is left behind, and the first save has nothing to back up.
        assert_eq!(
            names(path.parent().unwrap()),
            ["state.json", "state.json.lock"]
        );
    }

    #[test]
    fn the_file_is_compact_json_of_format_2_with_one_entry_per_corpus() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let mut file = sample(&["rapport"]);
        file.corpora.insert(BUNDLED.into(), corpus(&["sommet"]));
        save(&path, &file).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 1, "compact: {text}");
        assert!(text.ends_with("}\n"), "{text}");
        let json: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["version"], 2);
        assert_eq!(json["corpora"][CORPUS]["read"][0], "rapport");
        assert_eq!(json["corpora"][BUNDLED]["read"][0], "sommet");
        assert!(json.get("read").is_none(), "{text}");
    }

    #[test]
    fn a_missing_file_is_a_fresh_start_without_warning() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = load(&dir.path().join("state.json"));
        assert!(loaded.file.corpora.is_empty() && loaded.file.unclaimed.is_none());
        assert!(loaded.warning.is_none() && loaded.writable);
    }

    #[test]
    fn each_save_keeps_the_previous_state_as_the_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let (a, b, c) = (
            sample(&["a"]),
            sample(&["a", "b"]),
            sample(&["a", "b", "c"]),
        );
        save(&path, &a).unwrap();
        save(&path, &b).unwrap();
        let parsed = |p: &Path| StateFile::from_json(&fs::read(p).unwrap()).unwrap();
        assert_eq!(parsed(&backup_path(&path)), a);
        save(&path, &c).unwrap();
        assert_eq!(parsed(&backup_path(&path)), b);
        assert_eq!(parsed(&path), c);
        assert_eq!(
            names(dir.path()),
            ["state.json", "state.json.bak", "state.json.lock"]
        );
    }

    #[test]
    fn a_save_killed_between_its_renames_leaves_no_temp_file_on_the_next_save() {
        // Killed after the backup rename, before the state rename: both names are one file.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        save(&path, &sample(&["a"])).unwrap();
        fs::hard_link(&path, backup_path(&path)).unwrap();
        save(&path, &sample(&["a", "b"])).unwrap();
        assert_eq!(
            names(dir.path()),
            ["state.json", "state.json.bak", "state.json.lock"]
        );
        assert_eq!(load(&backup_path(&path)).file, sample(&["a"]));
        assert_eq!(load(&path).file, sample(&["a", "b"]));
    }

    #[test]
    fn a_bad_file_that_appears_before_a_save_is_kept_aside_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        fs::write(&path, b"{ half a sta").unwrap();
        save(&path, &sample(&["a"])).unwrap();
        let names = names(dir.path());
        assert_eq!(names.len(), 3, "{names:?}");
        assert!(names[1].starts_with("state.json.bad-"), "{names:?}");
        assert_eq!(
            fs::read(dir.path().join(&names[1])).unwrap(),
            b"{ half a sta"
        );
        assert_eq!(load(&path).file, sample(&["a"]));
    }

    #[test]
    fn a_save_refuses_to_replace_a_file_from_a_newer_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let newer = br#"{"version": 3, "corpora": {"changed": true}}"#;
        fs::write(&path, newer).unwrap();
        let err = save(&path, &sample(&["a"])).unwrap_err();
        assert!(matches!(err, SaveError::Newer { version: 3, .. }), "{err}");
        assert!(
            err.to_string().contains("Use the newer aes-reader"),
            "{err}"
        );
        assert_eq!(fs::read(&path).unwrap(), newer);
        assert_eq!(names(dir.path()), ["state.json", "state.json.lock"]);
    }

    #[test]
    fn a_state_over_the_loaders_bound_is_not_written_and_the_old_file_stays() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        save(&path, &sample(&["a"])).unwrap();
        let before = fs::read(&path).unwrap();
        let mut big = sample(&["a"]);
        let ids = (0..200).map(|i| format!("article-{i:04}"));
        big.corpora.get_mut(CORPUS).unwrap().read.extend(ids);
        let err =
            write_capped(&path, &path, &big, OnDisk::Good(VERSION, &before), 1024).unwrap_err();
        assert!(matches!(err, SaveError::TooLarge { mib: 1, .. }), "{err}");
        let message = err.to_string();
        assert!(message.contains("keeps its previous content"), "{message}");
        assert!(message.contains("128 MiB"), "{message}");
        assert_eq!(fs::read(&path).unwrap(), before);
        assert_eq!(names(dir.path()), ["state.json", "state.json.lock"]);
        // The writer's bound is the loader's: whatever one writes, the other reads.
        let file = fs::File::create(dir.path().join("at-bound.json")).unwrap();
        file.set_len(MAX_BYTES).unwrap();
        assert!(
            !matches!(inspect(&dir.path().join("at-bound.json")), Found::Bad(p) if p.contains("larger"))
        );
    }

    #[test]
    fn fields_from_a_newer_version_survive_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let text = format!(
            r#"{{"version": 2, "bookmarks": [{{"id": "rapport", "note": "à relire"}}],
                "corpora": {{"{CORPUS}": {{"read": ["rapport"], "highlights": {{"rapport": [3, 9]}}}}}}}}"#
        );
        fs::write(&path, text).unwrap();
        let mut reader = session(&path, CORPUS);
        reader.save(marking(&[("sommet", true)])).unwrap();
        let json: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        assert_eq!(json["bookmarks"][0]["note"], "à relire");
        assert_eq!(json["corpora"][CORPUS]["highlights"]["rapport"][1], 9);
        assert_eq!(marks(&path, CORPUS), ["rapport", "sommet"]);
        // And through a plain save of what was loaded.
        let loaded = load(&path).file;
        save(&path, &loaded).unwrap();
        let again: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        assert_eq!(again, json);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_state_file_is_written_through_to_its_target_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let dotfiles = dir.path().join("dotfiles");
        fs::create_dir(&dotfiles).unwrap();
        let target = dotfiles.join("aes-state.json");
        let path = dir.path().join("state.json");
        // A link to a file that does not exist yet: the first save creates the target.
        std::os::unix::fs::symlink("dotfiles/aes-state.json", &path).unwrap();
        let mut reader = session(&path, CORPUS);
        reader.save(marking(&[("rapport", true)])).unwrap();
        reader.save(marking(&[("sommet", true)])).unwrap();
        assert!(
            fs::symlink_metadata(&path)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(marks(&target, CORPUS), ["rapport", "sommet"]);
        assert_eq!(marks(&path, CORPUS), ["rapport", "sommet"]);
        // The backup and the lock live beside the target.
        assert_eq!(
            names(&dotfiles),
            [
                "aes-state.json",
                "aes-state.json.bak",
                "aes-state.json.lock"
            ]
        );
        assert_eq!(names(dir.path()), ["dotfiles", "state.json"]);
    }

    #[test]
    fn saves_of_two_readers_merge_instead_of_overwriting() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let mut a = session(&path, CORPUS);
        let mut b = session(&path, CORPUS);
        a.save(marking(&[("rapport", true)])).unwrap();
        let seen_by_b = b.save(marking(&[("sommet", true)])).unwrap();
        assert_eq!(marks(&path, CORPUS), ["rapport", "sommet"]);
        assert_eq!(
            seen_by_b.read,
            BTreeMap::from([("rapport".to_owned(), true)]),
            "b learns of a's mark"
        );
        // a has nothing to write: it only hears of b's mark, and the file is left alone.
        let modified = fs::metadata(&path).unwrap().modified().unwrap();
        let seen_by_a = a.save(Changes::default()).unwrap();
        assert_eq!(
            seen_by_a.read,
            BTreeMap::from([("sommet".to_owned(), true)])
        );
        assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), modified);
    }

    #[test]
    fn the_latest_action_on_an_article_wins_and_untouched_articles_keep_the_disks_value() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let mut a = session(&path, CORPUS);
        let mut b = session(&path, CORPUS);
        a.save(marking(&[("rapport", true), ("sommet", true)]))
            .unwrap();
        // b unmarks what a marked (b saw it after its save): the later action wins.
        b.save(Changes::default()).unwrap();
        b.save(marking(&[("rapport", false)])).unwrap();
        assert_eq!(marks(&path, CORPUS), ["sommet"]);
        // a marks it again, later still.
        a.save(marking(&[("rapport", true)])).unwrap();
        assert_eq!(marks(&path, CORPUS), ["rapport", "sommet"]);
    }

    #[test]
    fn a_process_that_rewrites_the_file_meanwhile_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let mut reader = session(&path, CORPUS);
        reader.save(marking(&[("rapport", true)])).unwrap();
        let mut outside = load(&path).file;
        outside
            .corpora
            .get_mut(CORPUS)
            .unwrap()
            .read
            .insert("ajout-externe".into());
        outside
            .corpora
            .insert("/autre/corpus".into(), corpus(&["x"]));
        save(&path, &outside).unwrap();
        reader.save(marking(&[("sommet", true)])).unwrap();
        assert_eq!(marks(&path, CORPUS), ["ajout-externe", "rapport", "sommet"]);
        assert_eq!(marks(&path, "/autre/corpus"), ["x"]);
    }

    #[test]
    fn a_failed_save_keeps_its_changes_for_the_next_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let mut reader = session(&path, CORPUS);
        // The temp file cannot be written while a folder has its name (even for root).
        let blocker = temp_path(&path);
        fs::create_dir(&blocker).unwrap();
        let err = reader.save(marking(&[("rapport", true)])).unwrap_err();
        assert!(matches!(err, SaveError::Io { .. }), "{err}");
        assert!(!path.exists());
        fs::remove_dir(&blocker).unwrap();
        reader.save(marking(&[("sommet", true)])).unwrap();
        assert_eq!(marks(&path, CORPUS), ["rapport", "sommet"]);
    }

    #[test]
    fn a_bad_file_at_save_time_is_kept_aside_and_the_merge_starts_from_the_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let mut other = StateFile::new();
        other.corpora.insert("/autre".into(), corpus(&["x"]));
        save(&path, &other).unwrap();
        let mut reader = session(&path, CORPUS);
        reader.save(marking(&[("rapport", true)])).unwrap();
        fs::write(&path, b"\0\0garbage").unwrap();
        reader.save(marking(&[("sommet", true)])).unwrap();
        // This corpus from the reader, the other one from the backup.
        assert_eq!(marks(&path, CORPUS), ["rapport", "sommet"]);
        assert_eq!(marks(&path, "/autre"), ["x"]);
        assert!(
            names(dir.path())
                .iter()
                .any(|n| n.starts_with("state.json.bad-"))
        );
    }

    #[test]
    fn a_version_1_file_migrates_to_the_first_corpus_opened_without_loss() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let v1 = br#"{
  "version": 1,
  "read": ["rapport", "sommet"],
  "last": "sommet",
  "positions": {"sommet": {"block": 4, "offset": 12}},
  "bookmarks": ["rapport"]
}
"#;
        fs::write(&path, v1).unwrap();
        let opened = open(&path, CORPUS);
        assert_eq!(opened.warning, None);
        assert_eq!(opened.state.read.len(), 2);
        assert_eq!(opened.state.last.as_deref(), Some("sommet"));
        assert_eq!(opened.state.positions["sommet"].offset, 12);
        // The first save moves them to this corpus; one opened after does not get them.
        opened.session.unwrap().save(Changes::default()).unwrap();
        let elsewhere = open(&path, "/autre");
        assert_eq!(elsewhere.state, ReaderState::default());
        let told = elsewhere
            .session
            .unwrap()
            .save(marking(&[("x", true)]))
            .unwrap();
        assert!(told.is_empty(), "{told:?}");
        let file = load(&path).file;
        assert_eq!(file.version, 2);
        assert_eq!(file.unclaimed, None);
        assert_eq!(file.corpora[CORPUS].read.len(), 2);
        assert_eq!(file.corpora[CORPUS].positions["sommet"].block, 4);
        assert_eq!(file.corpora["/autre"].read.len(), 1);
        assert_eq!(file.extra["bookmarks"][0], "rapport");
        // The version-1 file is kept as it was, for going back to the old version.
        assert_eq!(fs::read(with_suffix(&path, ".v1.bak")).unwrap(), v1);
    }

    #[test]
    fn version_1_marks_claimed_by_another_reader_leave_this_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        fs::write(&path, br#"{"version": 1, "read": ["rapport"]}"#).unwrap();
        let mut c1 = session(&path, "/c1");
        let mut c2 = session(&path, "/c2");
        c1.save(Changes::default()).unwrap();
        let told = c2.save(Changes::default()).unwrap();
        assert_eq!(told.read, BTreeMap::from([("rapport".to_owned(), false)]));
        assert_eq!(marks(&path, "/c1"), ["rapport"]);
        assert!(marks(&path, "/c2").is_empty());
    }

    #[test]
    fn corpus_keys_are_canonical_folders_or_bundled() {
        let dir = tempfile::tempdir().unwrap();
        let c1 = dir.path().join("c1");
        fs::create_dir(&c1).unwrap();
        let key = |path: PathBuf| corpus_key(&Origin::Dir { path, via: "--dir" });
        assert_eq!(key(c1.clone()), key(dir.path().join("c1/../c1")));
        assert_eq!(
            key(c1.clone()),
            fs::canonicalize(&c1).unwrap().to_string_lossy()
        );
        assert_ne!(key(c1), key(dir.path().join("c2")));
        assert_eq!(corpus_key(&Origin::Embedded), "bundled");
    }

    #[test]
    fn aside_names_are_never_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let mut kept = Vec::new();
        for content in [&b"one"[..], b"two", b"three"] {
            fs::write(&path, content).unwrap();
            kept.push(keep_aside(&path).unwrap());
        }
        for (k, content) in kept.iter().zip([&b"one"[..], b"two", b"three"]) {
            assert_eq!(fs::read(k).unwrap(), content);
        }
        assert!(!path.exists());
    }

    #[test]
    fn temp_files_of_killed_saves_are_removed_once_stale() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let old = SystemTime::now() - 2 * STALE_TEMP;
        for name in [
            "state.json.tmp-12",
            "state.json.bak.tmp-34",
            "state.json.v1.bak.tmp-90",
            "state.json.tmp-fresh",
            "state.json.tmp-56",
            "other.tmp-78",
        ] {
            let f = fs::File::create(dir.path().join(name)).unwrap();
            // The last two are not ours or not stale.
            if name != "state.json.tmp-56" {
                f.set_modified(old).unwrap();
            }
        }
        load(&path);
        assert_eq!(
            names(dir.path()),
            [
                "other.tmp-78",
                "state.json.lock",
                "state.json.tmp-56",
                "state.json.tmp-fresh"
            ]
        );
    }

    #[test]
    fn backup_times_are_shown_as_utc_dates() {
        let at = |secs| utc_minute(UNIX_EPOCH + Duration::from_secs(secs));
        assert_eq!(at(0), "1970-01-01 00:00 UTC");
        assert_eq!(at(951_782_400 + 3600 + 120), "2000-02-29 01:02 UTC");
        assert_eq!(at(1_709_164_800), "2024-02-29 00:00 UTC");
        assert_eq!(at(1_735_689_599), "2024-12-31 23:59 UTC");
        assert_eq!(at(4_107_542_400), "2100-03-01 00:00 UTC");
    }
}
