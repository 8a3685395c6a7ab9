//! Where the state files live and how they are named: the state file, its backup, lock, temp and
//! kept-aside copies beside it (beside its target, when it is a symbolic link).

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use crate::corpus::sanitize::one_line;

/// `$XDG_STATE_HOME/aes-reader/state.json`, else `~/.local/state/aes-reader/state.json`; `None` when
/// neither variable gives an absolute folder.
pub fn default_path() -> Option<PathBuf> {
    path_from(
        std::env::var_os("XDG_STATE_HOME").map(PathBuf::from),
        std::env::var_os("HOME").map(PathBuf::from),
    )
}

pub(super) fn path_from(xdg: Option<PathBuf>, home: Option<PathBuf>) -> Option<PathBuf> {
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

/// `path` with symbolic links followed (even to a target that does not exist yet), so that a save
/// replaces the target and the link stays a link.
pub(super) fn resolve(path: &Path) -> PathBuf {
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

pub(super) fn dir_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

pub(super) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

pub(super) fn temp_path(path: &Path) -> PathBuf {
    with_suffix(path, &format!(".tmp-{}", std::process::id()))
}

/// A path as it may appear in a one-line message.
pub(super) fn show(path: &Path) -> String {
    one_line(&path.display().to_string()).into_owned()
}
