//! The manifest, `manifest.bin`: a magic, the format, a checksum, then (postcard) the validity
//! key, the generation, when it was written and, per article file, its fingerprint and where its
//! record is. Any bytes decode to a manifest or to an error saying what is wrong, never a panic.

use std::fs;

use crate::corpus::store::FileStat;

use serde::{Deserialize, Serialize};

use super::key::{FORMAT, Key};

/// The first bytes of a manifest.
const MAGIC: &[u8; 8] = b"AESRCMAN";

/// What the file system says of an article file, and the hash of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub size: u64,
    pub mtime_ns: i64,
    pub ctime_ns: i64,
    pub inode: u64,
    pub device: u64,
    /// xxh3 of the bytes.
    pub hash: u64,
}

impl Fingerprint {
    /// The fingerprint of a file with this metadata and these bytes' hash.
    pub fn of(meta: &fs::Metadata, hash: u64) -> Fingerprint {
        let FileStat { size, stamp } = FileStat::of(meta);
        Fingerprint {
            size,
            mtime_ns: stamp.mtime_ns,
            ctime_ns: stamp.ctime_ns,
            inode: stamp.inode,
            device: stamp.device,
            hash,
        }
    }

    /// True when `stat` says the file has the size, times, inode and device this fingerprint
    /// recorded (the hash aside).
    pub fn same_stat_as(&self, stat: &FileStat) -> bool {
        let FileStat { size, stamp } = *stat;
        (
            size,
            stamp.mtime_ns,
            stamp.ctime_ns,
            stamp.inode,
            stamp.device,
        ) == (
            self.size,
            self.mtime_ns,
            self.ctime_ns,
            self.inode,
            self.device,
        )
    }
}

/// Where a record is: its segment, its offset there and the lengths of its blobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub segment: u32,
    pub offset: u64,
    pub article_len: u32,
    /// `None` for a record made by an article-only load.
    pub quotes_len: Option<u32>,
}

impl Place {
    /// The record's whole length in its segment.
    pub fn len(&self) -> u64 {
        let blob = |n: u32| super::record::BLOB_HEAD as u64 + u64::from(n);
        blob(self.article_len) + self.quotes_len.map_or(0, blob)
    }
}

/// One article file in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The file's shown name (relative path).
    pub path: String,
    pub fingerprint: Fingerprint,
    /// When the file was read (ns since the epoch): a file changed within 2 s before is
    /// "racy" and checked by content (git's rule).
    pub read_at_ns: i64,
    pub place: Place,
}

impl Entry {
    /// True when its stat alone cannot be trusted: it was read within 2 s of its last change.
    pub fn racy(&self) -> bool {
        self.read_at_ns.saturating_sub(self.fingerprint.mtime_ns) < 2_000_000_000
    }
}

/// A manifest's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub key: Key,
    /// Grows by one at each write: a writer that finds another generation than the one it read
    /// leaves the newer manifest alone.
    pub generation: u64,
    /// When it was written (ms since the epoch).
    pub written_ms: u64,
    pub entries: Vec<Entry>,
}

/// Why a manifest could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// Another format number (another version of aes-reader).
    OtherFormat,
    /// Damaged bytes, with what is wrong.
    Damaged(String),
}

impl Manifest {
    /// The entry for the file `name`, by binary search (entries are written sorted by file name):
    /// no table is built at each open. A manifest not sorted (damaged, or forged) only makes files
    /// look new: they are read again, and the commit writes it sorted.
    pub fn entry(&self, name: &str) -> Option<&Entry> {
        let at = self
            .entries
            .binary_search_by(|e| e.path.as_str().cmp(name))
            .ok()?;
        self.entries.get(at)
    }

    /// The bytes of the manifest file.
    pub fn encode(&self) -> Vec<u8> {
        let body = postcard::to_stdvec(self).unwrap_or_default();
        let mut out = Vec::with_capacity(body.len() + 20);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT.to_le_bytes());
        out.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&body).to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    /// The manifest in `bytes`.
    pub fn decode(bytes: &[u8]) -> Result<Manifest, Unusable> {
        let damaged = |why: &str| Unusable::Damaged(why.to_owned());
        let rest = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or_else(|| damaged("the manifest does not start as one"))?;
        let (format, rest) = rest
            .split_first_chunk::<4>()
            .ok_or_else(|| damaged("the manifest is cut short"))?;
        if u32::from_le_bytes(*format) != FORMAT {
            return Err(Unusable::OtherFormat);
        }
        let (sum, body) = rest
            .split_first_chunk::<8>()
            .ok_or_else(|| damaged("the manifest is cut short"))?;
        if xxhash_rust::xxh3::xxh3_64(body) != u64::from_le_bytes(*sum) {
            return Err(damaged("the manifest fails its checksum"));
        }
        postcard::from_bytes(body)
            .map_err(|e| Unusable::Damaged(format!("the manifest cannot be decoded ({e})")))
    }

    /// The numbers of the segments its entries name, each once, in order.
    pub fn segments(&self) -> Vec<u32> {
        let mut s: Vec<u32> = self.entries.iter().map(|e| e.place.segment).collect();
        s.sort_unstable();
        s.dedup();
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Manifest {
        let fingerprint = Fingerprint {
            size: 10,
            mtime_ns: 1,
            ctime_ns: 2,
            inode: 3,
            device: 4,
            hash: 5,
        };
        Manifest {
            key: Key::current(Some(b"x"), false),
            generation: 7,
            written_ms: 8,
            entries: (0..3)
                .map(|i| Entry {
                    path: format!("a{i}.txt"),
                    fingerprint,
                    read_at_ns: 9,
                    place: Place {
                        segment: i,
                        offset: 0,
                        article_len: 5,
                        quotes_len: (i > 0).then_some(6),
                    },
                })
                .collect(),
        }
    }

    #[test]
    fn a_manifest_reads_back_as_written() {
        let m = sample();
        assert_eq!(Manifest::decode(&m.encode()), Ok(m));
    }

    #[test]
    fn an_entry_is_found_by_its_name_and_never_taken_for_another() {
        let mut m = sample();
        for name in ["a0.txt", "a1.txt", "a2.txt"] {
            assert_eq!(m.entry(name).map(|e| e.path.as_str()), Some(name));
        }
        assert!(m.entry("a1.md").is_none());
        assert!(m.entry("").is_none());
        // Out of order (damaged or forged): a file may look new, never be another's entry.
        m.entries.reverse();
        for name in ["a0.txt", "a1.txt", "a2.txt", "a3.txt"] {
            assert!(m.entry(name).is_none_or(|e| e.path == name));
        }
    }

    #[test]
    fn every_cut_and_every_flipped_byte_is_refused() {
        let bytes = sample().encode();
        for n in 0..bytes.len() {
            assert!(Manifest::decode(&bytes[..n]).is_err(), "cut at {n}");
            let mut flipped = bytes.clone();
            flipped[n] ^= 0x10;
            assert!(Manifest::decode(&flipped).is_err(), "flipped at {n}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_decode_or_fail_without_a_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
            let _ = Manifest::decode(&bytes);
            let mut with_magic = MAGIC.to_vec();
            with_magic.extend_from_slice(&FORMAT.to_le_bytes());
            with_magic.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&bytes).to_le_bytes());
            with_magic.extend_from_slice(&bytes);
            let _ = Manifest::decode(&with_magic);
        }
    }
}
