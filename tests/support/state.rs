//! A family of distinct reader states for the state-file tests.

use aes_reader::corpus::state::{Anchor, ReaderState, StateFile};

/// The corpus the states of [`state_n`] are about.
pub const CORPUS: &str = "/tests/corpus";

/// State number `n`: `n` read marks, and `positions` reading positions whose offsets depend on `n`
/// (a file mixing two states would not equal either), all in corpus [`CORPUS`].
pub fn state_n(n: usize, positions: usize) -> StateFile {
    let corpus = ReaderState {
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
        ..ReaderState::default()
    };
    let mut file = StateFile::new();
    file.corpora.insert(CORPUS.to_owned(), corpus);
    file
}

/// Which `n` a state of [`state_n`] is: its number of read marks.
pub fn number_of(file: &StateFile) -> usize {
    file.corpora.get(CORPUS).map_or(0, |c| c.read.len())
}
