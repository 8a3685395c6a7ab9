//! The reader's persistent state (read marks, last article, reading positions): where it lives,
//! loading (an unreadable file is moved aside, never overwritten), and atomic saving.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Current format version, written in every file.
pub const VERSION: u32 = 1;

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
    /// The state (default when there was none or it was unreadable).
    pub state: ReaderState,
    /// Something the user should see (the file was unreadable and moved aside …).
    pub warning: Option<String>,
    /// False when saving would destroy a file we could not read nor move aside.
    pub writable: bool,
}

/// Saving failed.
#[derive(Debug, thiserror::Error)]
#[error(
    "cannot save the reader state to {path}: {source}. Check that the folder is writable, or run with --no-state"
)]
pub struct SaveError {
    /// The file.
    pub path: String,
    /// The I/O error.
    pub source: std::io::Error,
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

/// Reads the state at `path`. A missing file is a fresh start; an unreadable or invalid one is
/// renamed to `state.json.bad-<seconds>` and reported in `warning`.
pub fn load(path: &Path) -> Loaded {
    let shown = crate::corpus::sanitize::one_line(&path.display().to_string()).into_owned();
    let fresh = |warning, writable| Loaded {
        state: ReaderState {
            version: VERSION,
            ..ReaderState::default()
        },
        warning,
        writable,
    };
    let problem = match fs::read(path) {
        Ok(bytes) => match serde_json::from_slice::<ReaderState>(&bytes) {
            Ok(state) if state.version <= VERSION => {
                return Loaded {
                    state: ReaderState {
                        version: VERSION,
                        ..state
                    },
                    warning: None,
                    writable: true,
                };
            }
            Ok(state) => format!("written by a newer version (format {})", state.version),
            Err(e) => format!("not valid state JSON ({e})"),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return fresh(None, true),
        Err(e) => format!("unreadable ({e})"),
    };
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut aside = path.as_os_str().to_owned();
    aside.push(format!(".bad-{stamp}"));
    let aside = PathBuf::from(aside);
    match fs::rename(path, &aside) {
        Ok(()) => fresh(
            Some(format!(
                "state file {shown} was {problem}; moved aside to {}",
                crate::corpus::sanitize::one_line(&aside.display().to_string())
            )),
            true,
        ),
        Err(e) => fresh(
            Some(format!(
                "state file {shown} was {problem} and could not be moved aside ({e}); not saving this session"
            )),
            false,
        ),
    }
}

/// Writes `state` to `path` atomically: a temp file in the same folder, fsync, rename over the
/// target, fsync the folder. Creates the folder when missing.
pub fn save(path: &Path, state: &ReaderState) -> Result<(), SaveError> {
    let err = |source| SaveError {
        path: crate::corpus::sanitize::one_line(&path.display().to_string()).into_owned(),
        source,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(err)?;
    let json = serde_json::to_vec_pretty(state).map_err(|e| err(std::io::Error::other(e)))?;
    let mut tmp_name = path
        .file_name()
        .map(std::ffi::OsStr::to_owned)
        .unwrap_or_default();
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    let tmp = dir.join(tmp_name);
    let write = || -> std::io::Result<()> {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(&json)?;
        f.write_all(b"\n")?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        // Make the rename itself durable.
        fs::File::open(dir)?.sync_all()
    };
    write().map_err(|e| {
        let _ = fs::remove_file(&tmp);
        err(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let mut state = ReaderState {
            version: VERSION,
            ..ReaderState::default()
        };
        state.read.insert("004".into());
        state.last = Some("004".into());
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
        // No temp file is left behind.
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("state.json")]);
    }

    #[test]
    fn a_missing_file_is_a_fresh_start_without_warning() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = load(&dir.path().join("state.json"));
        assert!(loaded.state.read.is_empty());
        assert!(loaded.warning.is_none() && loaded.writable);
    }

    #[test]
    fn an_unreadable_file_is_moved_aside_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        fs::write(&path, b"{ not json").unwrap();
        let loaded = load(&path);
        assert!(loaded.warning.as_deref().unwrap().contains("moved aside"));
        assert!(!path.exists());
        let aside: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(aside.len(), 1);
        assert!(aside[0].starts_with("state.json.bad-"));
        assert_eq!(fs::read(dir.path().join(&aside[0])).unwrap(), b"{ not json");
    }
}
