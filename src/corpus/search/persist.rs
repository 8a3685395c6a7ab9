//! The envelope of a saved file (the search index, the list's catalog): a magic that says what the
//! file is, a format number, the payload's length and an xxh3 checksum of the payload, checked
//! before any byte of the payload is used. The payload is postcard (serde), its strings and byte
//! blobs borrowed from the read bytes.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

/// Bytes before the payload: magic (8), format (4), length (8), checksum (8).
const HEADER: usize = 28;

/// What a saved file is: its name in messages, its magic and the format this version writes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Kind {
    pub(crate) name: &'static str,
    pub(crate) magic: [u8; 8],
    pub(crate) format: u32,
}

/// Why a saved file cannot be used. Every case means the same to the caller: read the corpus
/// again and save a new file (the saved files only repeat what the corpus says).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PersistError {
    /// Fewer bytes than the header or the payload it announces.
    #[error(
        "the saved {what} is cut short ({found} bytes, {needed} expected); delete it to have it rebuilt"
    )]
    Truncated {
        what: &'static str,
        found: u64,
        needed: u64,
    },
    /// Another file, or garbage.
    #[error(
        "this is not a saved {what} (it does not start with the right marker); delete it to have it rebuilt"
    )]
    NotOurs { what: &'static str },
    /// Written by another version of the program.
    #[error(
        "the saved {what} has format {found}, this version reads format {expected}; delete it to have it rebuilt"
    )]
    Format {
        what: &'static str,
        found: u32,
        expected: u32,
    },
    /// Damaged: the payload is not what was written.
    #[error(
        "the saved {what} is damaged (its checksum does not match); delete it to have it rebuilt"
    )]
    Checksum { what: &'static str },
    /// The checksum matches, yet the content does not hold together (a bug, or a forged file).
    #[error("the saved {what} does not hold together ({detail}); delete it to have it rebuilt")]
    Malformed { what: &'static str, detail: String },
}

/// Writes `payload` (postcard) in the envelope of `kind`.
pub(crate) fn write<T: Serialize>(kind: Kind, payload: &T, out: &mut impl Write) -> io::Result<()> {
    let bytes = postcard::to_stdvec(payload).map_err(io::Error::other)?;
    out.write_all(&kind.magic)?;
    out.write_all(&kind.format.to_le_bytes())?;
    out.write_all(&(bytes.len() as u64).to_le_bytes())?;
    out.write_all(&xxh3_64(&bytes).to_le_bytes())?;
    out.write_all(&bytes)
}

/// The payload of `bytes`, decoded, once the envelope says it is a whole, undamaged file of
/// `kind` in the format this version writes.
pub(crate) fn read<'a, T: Deserialize<'a>>(kind: Kind, bytes: &'a [u8]) -> Result<T, PersistError> {
    let what = kind.name;
    let short = |needed: u64| PersistError::Truncated {
        what,
        found: bytes.len() as u64,
        needed,
    };
    // A few bytes of the right magic are a cut file, not another one.
    let head = bytes.len().min(kind.magic.len());
    if bytes[..head] != kind.magic[..head] {
        return Err(PersistError::NotOurs { what });
    }
    let (Some(format), Some(length), Some(checksum)) = (
        bytes
            .get(8..12)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_le_bytes),
        bytes
            .get(12..20)
            .and_then(|b| b.try_into().ok())
            .map(u64::from_le_bytes),
        bytes
            .get(20..HEADER)
            .and_then(|b| b.try_into().ok())
            .map(u64::from_le_bytes),
    ) else {
        return Err(short(HEADER as u64));
    };
    if format != kind.format {
        return Err(PersistError::Format {
            what,
            found: format,
            expected: kind.format,
        });
    }
    let needed = (HEADER as u64).saturating_add(length);
    let payload = match usize::try_from(needed)
        .ok()
        .and_then(|end| bytes.get(HEADER..end))
    {
        Some(p) => p,
        None => return Err(short(needed)),
    };
    if payload.len() as u64 != bytes.len() as u64 - HEADER as u64 {
        return Err(PersistError::Malformed {
            what,
            detail: format!(
                "{} bytes after its end",
                bytes.len() - HEADER - payload.len()
            ),
        });
    }
    if xxh3_64(payload) != checksum {
        return Err(PersistError::Checksum { what });
    }
    let (value, rest) =
        postcard::take_from_bytes(payload).map_err(|e| malformed(what, e.to_string()))?;
    if !rest.is_empty() {
        return Err(malformed(what, format!("{} bytes left over", rest.len())));
    }
    Ok(value)
}

/// Strings saved as one: their concatenation and where each ends.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Strings<'a> {
    #[serde(borrow)]
    pub(crate) text: std::borrow::Cow<'a, str>,
    pub(crate) ends: Vec<u32>,
}

impl<'a> Strings<'a> {
    /// `items`, concatenated.
    pub(crate) fn join<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Strings<'a> {
        let mut text = String::new();
        let mut ends = Vec::new();
        for s in items {
            text.push_str(s.as_ref());
            ends.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        }
        Strings {
            text: text.into(),
            ends,
        }
    }

    /// Strings already joined (`text`, cut at `ends`), borrowed.
    pub(crate) fn of_parts((text, ends): (&'a str, &[u32])) -> Strings<'a> {
        Strings {
            text: std::borrow::Cow::Borrowed(text),
            ends: ends.to_vec(),
        }
    }

    /// Each string, or `None` when the ends do not cut the text at char boundaries, in order, to
    /// its end.
    pub(crate) fn split(&self) -> Option<Vec<&str>> {
        let mut out = Vec::with_capacity(self.ends.len());
        let mut start = 0usize;
        for &end in &self.ends {
            out.push(self.text.get(start..end as usize)?);
            start = end as usize;
        }
        (start == self.text.len()).then_some(out)
    }
}

/// A malformed-content error for `what` (see [`PersistError::Malformed`]).
pub(crate) fn malformed(what: &'static str, detail: impl Into<String>) -> PersistError {
    PersistError::Malformed {
        what,
        detail: detail.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KIND: Kind = Kind {
        name: "test file",
        magic: *b"AESR-TST",
        format: 3,
    };

    fn saved(payload: &(String, Vec<u32>)) -> Vec<u8> {
        let mut out = Vec::new();
        write(KIND, payload, &mut out).expect("writing to memory");
        out
    }

    #[test]
    fn a_saved_payload_reads_back_the_same() {
        let payload = ("sécurité".to_owned(), vec![1, 300, 70_000]);
        let back: (String, Vec<u32>) = read(KIND, &saved(&payload)).expect("a whole file");
        assert_eq!(back, payload);
    }

    #[test]
    fn each_kind_of_bad_file_says_what_is_wrong() {
        let good = saved(&("aes".to_owned(), vec![7]));
        let read = |b: &[u8]| read::<(String, Vec<u32>)>(KIND, b).unwrap_err();
        assert!(matches!(read(&good[..5]), PersistError::Truncated { .. }));
        assert!(matches!(
            read(&good[..good.len() - 1]),
            PersistError::Truncated { .. }
        ));
        assert!(matches!(
            read(b"{\"json\": true}"),
            PersistError::NotOurs { .. }
        ));
        let mut other = good.clone();
        other[8] = 4;
        assert_eq!(
            read(&other),
            PersistError::Format {
                what: "test file",
                found: 4,
                expected: 3
            }
        );
        let mut flipped = good.clone();
        *flipped.last_mut().expect("a payload") ^= 1;
        assert!(matches!(read(&flipped), PersistError::Checksum { .. }));
        let mut longer = good.clone();
        longer.push(0);
        assert!(matches!(read(&longer), PersistError::Malformed { .. }));
        assert!(read(&[]).to_string().contains("delete it"));
    }

    #[test]
    fn strings_split_back_and_refuse_cuts_inside_a_char() {
        let s = Strings::join(["été", "", "aes"]);
        assert_eq!(s.split(), Some(vec!["été", "", "aes"]));
        let bad = Strings {
            text: "été".into(),
            ends: vec![1, 5],
        };
        assert_eq!(bad.split(), None);
    }
}
