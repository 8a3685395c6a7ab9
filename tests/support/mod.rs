//! Helpers shared by the integration test binaries; each binary uses a part of them, hence the allow.
#![allow(dead_code)]

pub mod cached;
#[cfg(unix)]
pub mod hostile;
pub mod reader;
pub mod state;
#[cfg(unix)]
pub mod term;
pub mod transcript;

use aes_reader::corpus::text::fold;

/// Tokens the way the quote scorer (`quote_eval.py`) makes them: folded, split on anything not
/// alphanumeric.
pub fn tokens(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}
