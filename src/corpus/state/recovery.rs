//! Loading the state with recovery: whatever is on disk, the reader gets a state to start with and
//! a warning when it is not simply the file's (a bad file kept aside, the backup restored, a file
//! from a newer version left untouched).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use super::disk::{Found, inspect, keep_aside, lock_beside, remove_stale_temps};
use super::format::{StateFile, VERSION};
use super::paths::{backup_path, resolve, show};
use crate::corpus::sanitize::one_line;

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

/// Reads the state at `path`. Never fails: whatever is on disk, the reader gets a state to start
/// with, and a warning when it is not simply the file's.
///
/// - A good file is the state. A missing file without a backup is a fresh start, silently.
/// - A bad file (truncated, empty, garbage, over [`MAX_BYTES`](super::MAX_BYTES), unreadable, a folder …) is moved
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
                file: *file,
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
            (*file, Some(bak.to_path_buf()), (None, outcome))
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

/// `2025-03-04 12:34 UTC`.
pub(super) fn utc_minute(time: SystemTime) -> String {
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
