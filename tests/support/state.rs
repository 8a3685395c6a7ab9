//! A family of distinct reader states for the state-file tests.

use aes_reader::corpus::state::{Anchor, ReaderState, VERSION};

/// State number `n`: `n` read marks, and `positions` reading positions whose offsets depend on `n`
/// (a file mixing two states would not equal either).
pub fn state_n(n: usize, positions: usize) -> ReaderState {
    ReaderState {
        version: VERSION,
        read: (0..n).map(|i| format!("article-{i:05}")).collect(),
        last: n.checked_sub(1).map(|i| format!("article-{i:05}")),
        positions: (0..positions)
            .map(|i| {
                let at = Anchor {
                    block: i % 97,
                    offset: i * 7 + n,
                };
                (format!("article-{i:05}"), at)
            })
            .collect(),
    }
}
