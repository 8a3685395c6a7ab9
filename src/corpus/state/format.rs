//! The state file's format (version 2): one [`ReaderState`] per corpus, by [`corpus_key`], the
//! fields a newer version wrote kept as they are, and the marks of a version-1 file until a corpus
//! claims them.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::corpus::store::Origin;

/// Current format version, written in every file. Version 1 (one set of marks for every corpus) is
/// read and migrated: see [`StateFile::unclaimed`].
pub const VERSION: u32 = 2;

/// The corpus key of the articles compiled into the binary.
pub const BUNDLED: &str = "bundled";

/// A reading position that survives a resize: the block (paragraph) at the top of the pane and the
/// byte offset inside it where the top line starts. Block 0 is the header; block `k + 1` is the body's
/// block `k`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Anchor {
    /// Segment: 0 for the header, `k + 1` for body block `k`.
    pub block: usize,
    /// Byte offset inside that segment (a line index for the header).
    pub offset: usize,
}

/// What the reader remembers about one corpus. Ids are article ids.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderState {
    /// Articles marked read.
    #[serde(default)]
    pub read: BTreeSet<String>,
    /// The article open when the reader last quit.
    #[serde(default)]
    pub last: Option<String>,
    /// Reading position per article.
    #[serde(default)]
    pub positions: BTreeMap<String, Anchor>,
    /// Content fingerprint of read articles, so a mark follows an article whose file was renamed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fingerprints: BTreeMap<String, Fingerprint>,
    /// Past filters of the article list, oldest first, each once, at most [`MAX_HISTORY`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<String>,
    /// The article list's order (absent: the default, newest first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<Sort>,
    /// Fields this version does not know (written by a newer one), kept as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Most past filters kept per corpus (the oldest go first).
pub const MAX_HISTORY: usize = 100;

/// Adds `query` as the newest past filter: moved to the end when it was there, the oldest
/// dropped past [`MAX_HISTORY`]. Blank queries are not kept.
pub fn remember(history: &mut Vec<String>, query: &str) {
    if query.trim().is_empty() {
        return;
    }
    history.retain(|q| q != query);
    history.push(query.to_owned());
    if history.len() > MAX_HISTORY {
        history.drain(..history.len() - MAX_HISTORY);
    }
}

/// The order of the article list, cycled by the reader's sort key. Written as a word
/// (`"newest"`); a word this version does not know reads as the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", from = "String")]
pub enum Sort {
    /// Date, newest first (undated articles last).
    #[default]
    Newest,
    /// Date, oldest first (undated articles last).
    Oldest,
    /// Outlet name, A to Z, then newest first.
    Outlet,
    /// Most quotes first, then newest first.
    Quotes,
    /// Title, A to Z.
    Title,
}

impl From<String> for Sort {
    fn from(word: String) -> Sort {
        match word.as_str() {
            "oldest" => Sort::Oldest,
            "outlet" => Sort::Outlet,
            "quotes" => Sort::Quotes,
            "title" => Sort::Title,
            _ => Sort::Newest,
        }
    }
}

impl Sort {
    /// The next order in the cycle.
    pub fn next(self) -> Sort {
        match self {
            Sort::Newest => Sort::Oldest,
            Sort::Oldest => Sort::Outlet,
            Sort::Outlet => Sort::Quotes,
            Sort::Quotes => Sort::Title,
            Sort::Title => Sort::Newest,
        }
    }

    /// How the list names it (`newest first`).
    pub fn label(self) -> &'static str {
        match self {
            Sort::Newest => "newest first",
            Sort::Oldest => "oldest first",
            Sort::Outlet => "by outlet",
            Sort::Quotes => "most quoted",
            Sort::Title => "by title",
        }
    }
}

/// The whole state file: `{"version": 2, "corpora": {"<key>": {…}}, …}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StateFile {
    /// Format version (of the file as read; [`VERSION`] is always written).
    pub version: u32,
    /// The state of each corpus, by [`corpus_key`].
    pub corpora: BTreeMap<String, ReaderState>,
    /// The marks of a version-1 file, which did not say which corpus they belong to: the first
    /// corpus opened claims them ([`StateFile::into_corpus`]). Kept at the top level until then.
    pub unclaimed: Option<ReaderState>,
    /// Fields this version does not know, kept as they are.
    pub extra: Map<String, Value>,
}

/// The file as JSON: version 2 fields, version 1 fields (unclaimed marks), and the rest.
#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    version: u32,
    #[serde(default)]
    corpora: BTreeMap<String, ReaderState>,
    #[serde(default)]
    read: Option<BTreeSet<String>>,
    #[serde(default)]
    last: Option<String>,
    #[serde(default)]
    positions: Option<BTreeMap<String, Anchor>>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

#[derive(Serialize)]
struct RawFileOut<'a> {
    version: u32,
    corpora: &'a BTreeMap<String, ReaderState>,
    #[serde(skip_serializing_if = "Option::is_none")]
    read: Option<&'a BTreeSet<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last: Option<&'a String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    positions: Option<&'a BTreeMap<String, Anchor>>,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

impl StateFile {
    /// An empty file of the current version.
    pub fn new() -> StateFile {
        StateFile {
            version: VERSION,
            ..StateFile::default()
        }
    }

    /// The state of corpus `key`, and whether it includes unclaimed version-1 marks (the session
    /// that opens it then moves them to `key` at its first save: see [`Session::new`](super::Session::new)).
    pub fn into_corpus(mut self, key: &str) -> (ReaderState, bool) {
        let mut state = self.corpora.remove(key).unwrap_or_default();
        match self.unclaimed {
            Some(old) => {
                absorb(&mut state, old);
                (state, true)
            }
            None => (state, false),
        }
    }

    /// Parses a state file (of any version: see [`StateFile::version`]).
    pub fn from_json(bytes: &[u8]) -> serde_json::Result<StateFile> {
        let raw: RawFile = serde_json::from_slice(bytes)?;
        let unclaimed =
            (raw.read.is_some() || raw.last.is_some() || raw.positions.is_some()).then(|| {
                ReaderState {
                    read: raw.read.unwrap_or_default(),
                    last: raw.last,
                    positions: raw.positions.unwrap_or_default(),
                    ..ReaderState::default()
                }
            });
        Ok(StateFile {
            version: raw.version,
            corpora: raw.corpora,
            unclaimed,
            extra: raw.extra,
        })
    }

    /// Compact JSON and a final newline, always as format [`VERSION`].
    pub fn to_json(&self) -> serde_json::Result<Vec<u8>> {
        let old = self.unclaimed.as_ref();
        let mut json = serde_json::to_vec(&RawFileOut {
            version: VERSION,
            corpora: &self.corpora,
            read: old.map(|o| &o.read),
            last: old.and_then(|o| o.last.as_ref()),
            positions: old.map(|o| &o.positions),
            extra: &self.extra,
        })?;
        json.push(b'\n');
        Ok(json)
    }
}

/// Adds `old` (unclaimed version-1 marks) to `state`; what `state` says wins.
pub(super) fn absorb(state: &mut ReaderState, old: ReaderState) {
    state.read.extend(old.read);
    for (id, at) in old.positions {
        state.positions.entry(id).or_insert(at);
    }
    if state.last.is_none() {
        state.last = old.last;
    }
}

/// The key under which the state of the corpus at `origin` is kept: the canonical path of its
/// folder (the absolute path when it cannot be resolved), or [`BUNDLED`].
pub fn corpus_key(origin: &Origin) -> String {
    match origin {
        Origin::Embedded => BUNDLED.to_owned(),
        Origin::Dir { path, .. } => fs::canonicalize(path)
            .or_else(|_| std::path::absolute(path))
            .unwrap_or_else(|_| path.clone())
            .to_string_lossy()
            .into_owned(),
    }
}

/// A 64-bit fingerprint of an article's cleaned body (XXH3, a hash with a fixed specification, so
/// it stays the same across versions and machines), written as 16 hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(pub u64);

impl Fingerprint {
    /// The fingerprint of an article whose cleaned body is `body`.
    pub fn of(body: &str) -> Fingerprint {
        Fingerprint(xxhash_rust::xxh3::xxh3_64(body.as_bytes()))
    }
}

impl Serialize for Fingerprint {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{:016x}", self.0))
    }
}

impl<'de> Deserialize<'de> for Fingerprint {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Fingerprint, D::Error> {
        let hex = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        if hex.len() != 16 {
            return Err(serde::de::Error::custom(
                "a fingerprint is 16 hexadecimal digits",
            ));
        }
        u64::from_str_radix(&hex, 16)
            .map(Fingerprint)
            .map_err(|_| serde::de::Error::custom("a fingerprint is 16 hexadecimal digits"))
    }
}
