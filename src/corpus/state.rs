//! The reader's persistent state (read marks, last article, reading positions): where it lives,
//! loading with recovery (a bad file is kept aside unchanged, the last good backup restored), and
//! durable saving (temp file + fsync + rename, the previous good state kept as `<file>.bak`).

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::corpus::sanitize::one_line;

/// Current format version, written in every file.
pub const VERSION: u32 = 1;

/// The largest state file `load` reads (64 MiB). A real one is a few kilobytes; anything bigger is
/// treated as bad without being read in full.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

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

/// Everything the reader remembers between runs. Ids are article ids.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderState {
    /// Format version.
    #[serde(default)]
    pub version: u32,
    /// Articles marked read.
    #[serde(default)]
    pub read: BTreeSet<String>,
    /// The article open when the reader last quit.
    #[serde(default)]
    pub last: Option<String>,
    /// Reading position per article.
    #[serde(default)]
    pub positions: BTreeMap<String, Anchor>,
}

/// What loading found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The state: the file's, else the backup's, else an empty one.
    pub state: ReaderState,
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

/// Saving failed.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// A file system operation failed.
    #[error(
        "cannot save the reader state to {path}: {source}. Check that the folder is writable, or run with --no-state"
    )]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: io::Error,
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
pub fn load(path: &Path) -> Loaded {
    remove_stale_temps(path);
    let shown = show(path);
    let bak = backup_path(path);
    let problem = match inspect(path) {
        Found::Good(state, _) => {
            return Loaded {
                state,
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
    Good(ReaderState, Vec<u8>),
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
    match serde_json::from_slice::<ReaderState>(&bytes) {
        Ok(state) if state.version <= VERSION => Found::Good(
            ReaderState {
                version: VERSION,
                ..state
            },
            bytes,
        ),
        Ok(state) => Found::Newer(state.version),
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
    state: ReaderState,
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
            state: self.state,
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
    let empty = ReaderState {
        version: VERSION,
        ..ReaderState::default()
    };
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
    let (state, restored_from, (kept, outcome)) = match inspect(bak) {
        Found::Good(state, _) => {
            let when = fs::metadata(bak)
                .and_then(|m| m.modified())
                .map_or_else(|_| "unknown date".into(), utc_minute);
            let outcome = format!("restored the state from the backup of {when} ({shown})");
            (state, Some(bak.to_path_buf()), (None, outcome))
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
        state,
        restored_from,
        kept,
        outcome,
    }
}

/// Writes `state` to `path` so that, whenever the process is killed, `path` holds either the previous
/// state or the new one, complete, and a completed save survives a power cut:
/// 1. the new state goes to a temp file in the same folder, fsynced;
/// 2. the current file, when it is a good state, becomes the backup `<path>.bak`: hard-linked (or,
///    where links are not supported, copied and fsynced) to a temp name, then renamed, so the
///    backup too is always complete. Best effort: a failed backup does not stop the save;
/// 3. the temp file is renamed over `path` and the folder fsynced.
///
/// A bad file found at `path` is moved aside first, never overwritten; one written by a newer version
/// stops the save ([`SaveError::Newer`]). The state is written as format [`VERSION`]. Creates the
/// folder when missing.
pub fn save(path: &Path, state: &ReaderState) -> Result<(), SaveError> {
    let io_err = |source| SaveError::Io {
        path: show(path),
        source,
    };
    let dir = dir_of(path);
    fs::create_dir_all(dir).map_err(io_err)?;
    let state = ReaderState {
        version: VERSION,
        ..state.clone()
    };
    let mut json = serde_json::to_vec_pretty(&state).map_err(|e| io_err(io::Error::other(e)))?;
    json.push(b'\n');
    let tmp = temp_path(path);
    let result = (|| {
        write_synced(&tmp, &json).map_err(io_err)?;
        match inspect(path) {
            Found::Good(_, bytes) => {
                let _ = back_up(path, &bytes);
            }
            Found::Missing => {}
            Found::Newer(version) => {
                return Err(SaveError::Newer {
                    path: show(path),
                    version,
                });
            }
            Found::Bad(_) => {
                keep_aside(path).map_err(io_err)?;
            }
        }
        fs::rename(&tmp, path).map_err(io_err)?;
        // Make the renames durable.
        fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(io_err)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Makes the good file at `path`, whose content is `bytes`, the backup.
fn back_up(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let bak = backup_path(path);
    let tmp = temp_path(&bak);
    // Left by a killed process that had our pid.
    let _ = fs::remove_file(&tmp);
    // A link shares the file, which nothing ever writes in place: no copy, and already on disk.
    let made = fs::hard_link(path, &tmp)
        .or_else(|_| write_synced(&tmp, bytes))
        .and_then(|()| fs::rename(&tmp, &bak));
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
    let prefixes = [format!("{name}.tmp-"), format!("{name}.bak.tmp-")];
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

    fn sample(marks: &[&str]) -> ReaderState {
        let mut state = ReaderState {
            version: VERSION,
            ..ReaderState::default()
        };
        state.read.extend(marks.iter().map(|m| (*m).to_string()));
        state.last = marks.last().map(|m| (*m).to_string());
        state
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
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
        state.positions.insert(
            "004".into(),
            Anchor {
                block: 3,
                offset: 17,
            },
        );
        save(&path, &state).unwrap();
        let loaded = load(&path);
        assert_eq!(loaded.state, state);
        assert_eq!(loaded.warning, None);
        assert!(loaded.writable && loaded.kept_aside.is_empty() && loaded.restored_from.is_none());
        // No temp file is left behind, and the first save has nothing to back up.
        assert_eq!(names(path.parent().unwrap()), ["state.json"]);
    }

    #[test]
    fn a_missing_file_is_a_fresh_start_without_warning() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = load(&dir.path().join("state.json"));
        assert!(loaded.state.read.is_empty());
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
        let parsed =
            |p: &Path| serde_json::from_slice::<ReaderState>(&fs::read(p).unwrap()).unwrap();
        assert_eq!(parsed(&backup_path(&path)), a);
        save(&path, &c).unwrap();
        assert_eq!(parsed(&backup_path(&path)), b);
        assert_eq!(parsed(&path), c);
        assert_eq!(names(dir.path()), ["state.json", "state.json.bak"]);
    }

    #[test]
    fn a_save_killed_between_its_renames_leaves_no_temp_file_on_the_next_save() {
        // Killed after the backup rename, before the state rename: both names are one file.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        save(&path, &sample(&["a"])).unwrap();
        fs::hard_link(&path, backup_path(&path)).unwrap();
        save(&path, &sample(&["a", "b"])).unwrap();
        assert_eq!(names(dir.path()), ["state.json", "state.json.bak"]);
        assert_eq!(load(&backup_path(&path)).state, sample(&["a"]));
        assert_eq!(load(&path).state, sample(&["a", "b"]));
    }

    #[test]
    fn a_bad_file_that_appears_before_a_save_is_kept_aside_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        fs::write(&path, b"{ half a sta").unwrap();
        save(&path, &sample(&["a"])).unwrap();
        let names = names(dir.path());
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names[1].starts_with("state.json.bad-"), "{names:?}");
        assert_eq!(
            fs::read(dir.path().join(&names[1])).unwrap(),
            b"{ half a sta"
        );
        assert_eq!(load(&path).state, sample(&["a"]));
    }

    #[test]
    fn a_save_refuses_to_replace_a_file_from_a_newer_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let newer = br#"{"version": 2, "read": {"changed": true}}"#;
        fs::write(&path, newer).unwrap();
        let err = save(&path, &sample(&["a"])).unwrap_err();
        assert!(matches!(err, SaveError::Newer { version: 2, .. }), "{err}");
        assert!(
            err.to_string().contains("Use the newer aes-reader"),
            "{err}"
        );
        assert_eq!(fs::read(&path).unwrap(), newer);
        assert_eq!(names(dir.path()), ["state.json"]);
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
            ["other.tmp-78", "state.json.tmp-56", "state.json.tmp-fresh"]
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
