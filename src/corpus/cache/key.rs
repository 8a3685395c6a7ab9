//! What a cache is valid for: the format of its files, the engine that made its records (a hash
//! of the running executable, so any rebuild of the cleaning or the quote engine invalidates
//! them), the corpus's alias file (quotes depend on it) and whether symbolic links were followed.

use std::io::Read;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The version of the cache's file formats (manifest, segments, records).
pub const FORMAT: u32 = 1;

/// The validity key stored in the manifest: a manifest with another one is rebuilt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    /// [`FORMAT`].
    pub format: u32,
    /// [`engine_id`].
    pub engine: u64,
    /// xxh3 of the alias file (`people.toml`), when there is one.
    pub aliases: Option<u64>,
    /// `--follow-symlinks`.
    pub follow_symlinks: bool,
}

impl Key {
    /// The key of this engine for a corpus with this alias file.
    pub fn current(alias_file: Option<&[u8]>, follow_symlinks: bool) -> Key {
        Key {
            format: FORMAT,
            engine: engine_id(),
            aliases: alias_file.map(xxhash_rust::xxh3::xxh3_64),
            follow_symlinks,
        }
    }
}

/// The engine's id: xxh3 of the running executable's bytes, read once per process; the crate's
/// version when the executable cannot be read.
pub fn engine_id() -> u64 {
    static ID: OnceLock<u64> = OnceLock::new();
    *ID.get_or_init(|| {
        executable_hash()
            .unwrap_or_else(|| xxhash_rust::xxh3::xxh3_64(env!("CARGO_PKG_VERSION").as_bytes()))
    })
}

fn executable_hash() -> Option<u64> {
    let mut file = std::fs::File::open(std::env::current_exe().ok()?).ok()?;
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    let mut buf = vec![0; 1 << 20];
    loop {
        match file.read(&mut buf) {
            Ok(0) => return Some(hasher.digest()),
            Ok(n) => hasher.update(buf.get(..n)?),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}
