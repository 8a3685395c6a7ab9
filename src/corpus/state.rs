//! The reader's persistent state (read marks, last article, reading positions, the
//! list's order and past filters, per corpus): its
//! format (`format`), where its files live (`paths`), loading with recovery (`recovery`: a bad file is
//! kept aside unchanged, the last good backup restored), and durable saving under a lock (`disk`:
//! temp file + fsync + rename, the previous good state kept as `<file>.bak`). [`Session`] merges one
//! reader's [`Changes`] into what other readers saved.

mod changes;
mod disk;
mod format;
mod paths;
mod recovery;
mod session;

pub use changes::Changes;
pub use disk::{MAX_BYTES, SaveError, save};
pub use format::{
    Anchor, BUNDLED, Fingerprint, MAX_HISTORY, ReaderState, Sort, StateFile, VERSION, corpus_key,
    remember,
};
pub use paths::{backup_path, default_path};
pub use recovery::{Loaded, load};
pub use session::{Opened, Saver, SaverHandle, Session, Synced, open};

#[cfg(test)]
mod tests;
