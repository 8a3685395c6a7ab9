//! Where the corpus comes from: `--dir`, `$AES_READER_DIR`, `./articles`, or the corpus compiled
//! into the binary, and how that choice is shown.

use std::fmt;
use std::path::PathBuf;

use crate::corpus::sanitize;

/// Environment variable naming the corpus folder when `--dir` is not given.
pub const DIR_ENV: &str = "AES_READER_DIR";

/// Where the corpus comes from, and why that place was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A folder on disk.
    Dir {
        /// The folder.
        path: PathBuf,
        /// How it was chosen: `--dir`, `AES_READER_DIR` or `./articles`.
        via: &'static str,
    },
    /// The corpus compiled into the binary.
    Embedded,
}

impl Origin {
    /// Picks the corpus: `--dir`, else `$AES_READER_DIR`, else `./articles` when it exists, else the
    /// bundled corpus.
    pub fn resolve(dir_flag: Option<PathBuf>) -> Origin {
        if let Some(path) = dir_flag {
            return Origin::Dir { path, via: "--dir" };
        }
        if let Some(path) = std::env::var_os(DIR_ENV).filter(|v| !v.is_empty()) {
            return Origin::Dir {
                path: PathBuf::from(path),
                via: DIR_ENV,
            };
        }
        let local = PathBuf::from("articles");
        if local.is_dir() {
            return Origin::Dir {
                path: local,
                via: "./articles",
            };
        }
        Origin::Embedded
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Dir { path, via } => write!(
                f,
                "{} (from {via})",
                sanitize::one_line(&path.display().to_string())
            ),
            Origin::Embedded => f.write_str("bundled corpus"),
        }
    }
}
