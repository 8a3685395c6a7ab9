//! The binary on a corpus folder with its corpus cache in a folder of the test's (never
//! ~/.cache), or without the cache, and generated corpora: for the cache and saved-index tests.

#[path = "../../benches/support/corpus.rs"]
mod corpus;

use std::path::Path;
use std::process::{Command, Output};

use aes_reader::corpus::cache;

/// `aes-reader --dir DIR ARGS…` with the cache under `cache` (`None`: `--no-index`).
pub fn aes(dir: &Path, cache: Option<&Path>, args: &[&str]) -> Output {
    aes_logged(dir, cache, None, args)
}

/// [`aes`], logging to `log` when given.
pub fn aes_logged(dir: &Path, cache: Option<&Path>, log: Option<&Path>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_aes-reader"));
    cmd.arg("--dir")
        .arg(dir)
        .args(args)
        .env_remove("AES_READER_DIR")
        .env_remove("AES_READER_LOG")
        .env_remove("COLUMNS");
    if let Some(log) = log {
        cmd.arg("--log-file").arg(log);
    }
    match cache {
        Some(c) => cmd.env(cache::CACHE_DIR_ENV, c),
        None => cmd
            .arg("--no-index")
            .env(cache::CACHE_DIR_ENV, "/nonexistent-cache"),
    };
    cmd.output().expect("the binary runs")
}

/// Output bytes as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A generated corpus of `n` articles (the benchmarks' generator), in a temporary folder.
pub fn generated(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    corpus::generate(dir.path(), n, 7).unwrap();
    dir
}
