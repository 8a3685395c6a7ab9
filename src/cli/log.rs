//! The log for bug reports (`--log-file PATH`, `AES_READER_LOG`), off by default: `tracing` events
//! appended to that file as plain text lines. What is logged: the version and subcommand, where the
//! corpus comes from, how long listing and loading took, article, rejection, diagnostic and quote
//! counts, the exit status, errors. Never article text, titles, ids or queries: a log must be safe
//! to attach to a bug report.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context;
use tracing::level_filters::LevelFilter;

/// The environment variable naming the log file when `--log-file` is not given.
pub(super) const LOG_ENV: &str = "AES_READER_LOG";

/// Starts logging to `flag` (`--log-file`), else to `$AES_READER_LOG` when it is set and not empty,
/// appending (the file is made when missing). Nothing is logged without a path.
pub(super) fn start(flag: Option<PathBuf>) -> anyhow::Result<()> {
    let from_env = || {
        std::env::var_os(LOG_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let Some(path) = flag.or_else(from_env) else {
        return Ok(());
    };
    let path = path.as_path();
    let file = open(path).with_context(|| {
        format!(
            "cannot open the log file {}. Check that its folder exists and is writable, or leave \
             out --log-file and AES_READER_LOG",
            path.display()
        )
    })?;
    // Only one subscriber per process; a second start (tests calling `run` twice) keeps the first.
    let _ = tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_max_level(LevelFilter::DEBUG)
        .try_init();
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "aes-reader started");
    Ok(())
}

fn open(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().create(true).append(true).open(path)
}
