//! Where the corpus cache lives: the root (`$AES_READER_CACHE_DIR`, else `$XDG_CACHE_HOME/aes-reader`,
//! else `~/.cache/aes-reader`), its `CACHEDIR.TAG`, and one folder per corpus folder,
//! `corpora/<16 hex of xxh3(canonical path)>/`, with a `corpus.json` naming the folder it serves.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Environment variable naming the cache's root folder (tests, or a cache on another disk).
pub const CACHE_DIR_ENV: &str = "AES_READER_CACHE_DIR";

/// The tag that tells backup tools the folder holds a cache (<https://bford.info/cachedir/>).
const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# This file is a cache directory tag created by aes-reader.\n\
# For information about cache directory tags see https://bford.info/cachedir/\n";

/// The cache's root folder: `$AES_READER_CACHE_DIR`, else `$XDG_CACHE_HOME/aes-reader`, else
/// `~/.cache/aes-reader`; `None` when none of them gives an absolute folder (the XDG rule: a
/// relative value is ignored).
pub fn default_root() -> Option<PathBuf> {
    root_from(
        std::env::var_os(CACHE_DIR_ENV).map(PathBuf::from),
        std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from),
        std::env::var_os("HOME").map(PathBuf::from),
    )
}

pub(super) fn root_from(
    own: Option<PathBuf>,
    xdg: Option<PathBuf>,
    home: Option<PathBuf>,
) -> Option<PathBuf> {
    if let Some(own) = own.filter(|p| p.is_absolute()) {
        return Some(own);
    }
    let base = xdg
        .filter(|p| p.is_absolute())
        .or_else(|| home.filter(|h| h.is_absolute()).map(|h| h.join(".cache")))?;
    Some(base.join("aes-reader"))
}

/// The cache of one corpus folder: where it is and which folder it serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The cache's root folder.
    pub root: PathBuf,
    /// `root/corpora/<hash>`.
    pub dir: PathBuf,
    /// The corpus folder, canonical.
    pub corpus: PathBuf,
}

/// What `corpus.json` holds.
#[derive(Debug, Serialize, Deserialize)]
struct CorpusFile {
    path: String,
}

impl Location {
    /// The cache of the corpus folder `corpus` under `root` (nothing is created).
    pub fn new(root: &Path, corpus: &Path) -> io::Result<Location> {
        let corpus = fs::canonicalize(corpus)?;
        let hash = xxhash_rust::xxh3::xxh3_64(corpus.as_os_str().as_encoded_bytes());
        Ok(Location {
            root: root.to_owned(),
            dir: root.join("corpora").join(format!("{hash:016x}")),
            corpus,
        })
    }

    /// True when `corpus.json` names another folder (two folders with the same hash): the
    /// cache there is not this corpus's.
    pub(super) fn taken_by_another(&self) -> bool {
        fs::read(self.dir.join("corpus.json"))
            .ok()
            .and_then(|b| serde_json::from_slice::<CorpusFile>(&b).ok())
            .is_some_and(|f| f.path != self.corpus.to_string_lossy())
    }

    /// Creates the folders, the root's `CACHEDIR.TAG` and `corpus.json` when missing.
    pub(super) fn create(&self) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let tag = self.root.join("CACHEDIR.TAG");
        if fs::symlink_metadata(&tag).is_err() {
            fs::write(&tag, CACHEDIR_TAG)?;
        }
        let file = CorpusFile {
            path: self.corpus.to_string_lossy().into_owned(),
        };
        let json = serde_json::to_vec_pretty(&file).map_err(io::Error::other)?;
        if fs::read(self.dir.join("corpus.json")).ok().as_deref() != Some(json.as_slice()) {
            fs::write(self.dir.join("corpus.json"), json)?;
        }
        Ok(())
    }

    /// The cache folder as it may appear in a one-line message.
    pub fn shown(&self) -> String {
        crate::corpus::sanitize::one_line(&self.dir.display().to_string()).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_the_override_else_xdg_else_home_and_relative_values_are_ignored() {
        let p = |s: &str| Some(PathBuf::from(s));
        assert_eq!(
            root_from(p("/c"), p("/x"), p("/h")),
            p("/c"),
            "the override wins"
        );
        assert_eq!(root_from(p("rel"), p("/x"), p("/h")), p("/x/aes-reader"));
        assert_eq!(root_from(None, p("x"), p("/h")), p("/h/.cache/aes-reader"));
        assert_eq!(root_from(None, None, p("h")), None);
    }

    #[test]
    fn each_corpus_folder_has_a_folder_of_its_own() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let root = Path::new("/cache");
        let (la, lb) = (
            Location::new(root, a.path()).unwrap(),
            Location::new(root, b.path()).unwrap(),
        );
        assert_ne!(la.dir, lb.dir);
        assert!(la.dir.starts_with("/cache/corpora"));
        assert_eq!(la, Location::new(root, a.path()).unwrap());
    }
}
