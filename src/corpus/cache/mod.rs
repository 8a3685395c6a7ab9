//! The corpus cache: what reading, cleaning and quote extraction made of each article file, kept
//! on disk so that the next load of the same folder only does that work for files that changed.
//! Results are identical by construction: a record holds exactly what the work gave (the article,
//! its repair warnings, its quotes before cross-article links), and everything after it (links,
//! search data, the order) is done again at every load.
//!
//! On disk (`paths`): one folder per corpus folder, with a manifest (`manifest`) naming each
//! article file's fingerprint and where its record (`record`) is, in segment files written once
//! (`seg-<n>.bin`). A load opens a [`Cache`], asks it for each file ([`Cache::load`], on the
//! loading threads), and commits what changed at the end ([`Cache::commit`], in `write`). Nothing
//! wrong in the cache is ever worse than reading the files again, with a one-line note.

mod frozen;
mod info;
mod key;
mod listing;
mod manifest;
mod paths;
mod record;
mod write;

use std::collections::HashMap;
use std::fs;

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::corpus::article::Article;
use crate::corpus::quote::Quote;
use crate::corpus::store::{FileStat, Folders, LoadResult, Source};

pub use frozen::{Frozen, Tag, save_frozen};
pub use info::{Info, info};
pub use key::{FORMAT, Key, engine_id};
pub use listing::{LISTING, scan};
use manifest::{Entry, Fingerprint, Manifest, Place, Unusable};
pub use paths::{CACHE_DIR_ENV, Location, default_root};
pub use write::Summary;

/// How an article's quotes are made (the quote engine, with the corpus's aliases).
pub type Extract<'a> = &'a dyn Fn(&Article) -> Vec<Quote>;

/// What one article file gives: the article and its warnings (or why it was rejected), and its
/// quotes (none for an article-only load).
pub type FileLoad = (LoadResult, Vec<Quote>);

/// The cache of one corpus folder, open for one load.
#[derive(Debug)]
pub struct Cache {
    location: Location,
    key: Key,
    /// The manifest as read (`None`: none, or not usable).
    manifest: Option<Manifest>,
    /// Its segments, open.
    segments: HashMap<u32, fs::File>,
    /// What this load decided for each file it saw.
    seen: Mutex<HashMap<String, Seen>>,
    /// Files asked about, to commit only a load that went through every file.
    asked: AtomicUsize,
    total: usize,
    /// What was wrong with the cache, first thing found (the note).
    damage: Mutex<Option<String>>,
    /// The manifest had another key (another build, alias file or `--follow-symlinks`).
    stale: bool,
    /// The generation of the manifest found on disk, usable or not (0: none, or damaged).
    found_generation: u64,
    /// The hash of the usable manifest's bytes: what a saved index and catalog made from the
    /// files it describes are tagged with ([`frozen`]).
    manifest_hash: Option<u64>,
}

/// What changed in a corpus folder since its manifest was written ([`Cache::changes`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Article files (their numbers in the source) added or changed.
    pub changed: Vec<usize>,
    /// Files of the manifest that are gone (deleted, renamed, or no longer article files).
    pub gone: usize,
}

impl Changes {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.gone == 0
    }
}

/// What happened to a file whose record is written again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileWas {
    /// Not in the manifest.
    Added,
    /// In it, with other bytes.
    Changed,
    /// In it with the same bytes: its record was unusable, or lacked the quotes.
    Same,
}

/// What this load decided for one file.
#[derive(Debug)]
enum Seen {
    /// Its record stays where it is (the entry may have a new fingerprint or read time).
    Kept(Entry),
    /// A record to write.
    New {
        path: String,
        fingerprint: Fingerprint,
        read_at_ns: i64,
        record: record::Encoded,
        /// What happened to the file since the manifest was written.
        file: FileWas,
    },
}

impl Cache {
    /// The cache `source` loads through: `None` when it has none (`--no-index`, a corpus not on
    /// disk, a folder that cannot be named) or another folder's cache sits at its place.
    pub fn open(source: &Source) -> Option<Cache> {
        let root = source.cache_root()?;
        let crate::corpus::store::Origin::Dir { path, .. } = source.origin() else {
            return None;
        };
        let location = Location::new(root, path).ok()?;
        if location.taken_by_another() {
            tracing::warn!(cache = %location.shown(), "the cache folder serves another corpus folder; not used");
            return None;
        }
        let key = Key::current(
            source.extra(crate::corpus::quote::ALIAS_FILE),
            source.follows_symlinks(),
        );
        let mut cache = Cache {
            location,
            key,
            manifest: None,
            segments: HashMap::new(),
            seen: Mutex::new(HashMap::with_capacity(source.len())),
            asked: AtomicUsize::new(0),
            total: source.len(),
            damage: Mutex::new(None),
            stale: false,
            found_generation: 0,
            manifest_hash: None,
        };
        // A writer may replace the segments between our reading the manifest and opening them:
        // read it again once before calling a missing segment damage.
        for attempt in 0..2 {
            match cache.read_manifest() {
                Ok(()) => break,
                Err(why) if attempt == 1 => {
                    cache.manifest = None;
                    cache.segments.clear();
                    cache.damaged(why);
                }
                Err(_) => {}
            }
        }
        Some(cache)
    }

    /// Reads the manifest and opens its segments; the error is a missing segment.
    fn read_manifest(&mut self) -> Result<(), String> {
        self.manifest = None;
        self.manifest_hash = None;
        self.segments.clear();
        let bytes = match fs::read(self.location.dir.join(write::MANIFEST)) {
            Ok(b) => b,
            Err(e) => {
                // No cache yet (or none can be there): the commit says so if it cannot write.
                if e.kind() != std::io::ErrorKind::NotFound {
                    tracing::warn!(cache = %self.location.shown(), "no manifest read: {e}");
                }
                return Ok(());
            }
        };
        let manifest = match Manifest::decode(&bytes) {
            Ok(m) if m.key == self.key => {
                self.found_generation = m.generation;
                m
            }
            Ok(m) => {
                self.found_generation = m.generation;
                self.stale = true;
                return Ok(());
            }
            Err(Unusable::OtherFormat) => {
                self.stale = true;
                return Ok(());
            }
            Err(Unusable::Damaged(why)) => {
                self.damaged(why);
                return Ok(());
            }
        };
        for n in manifest.segments() {
            match fs::File::open(self.location.dir.join(write::segment_name(n))) {
                Ok(f) => {
                    self.segments.insert(n, f);
                }
                Err(e) => return Err(format!("segment {n} cannot be opened ({e})")),
            }
        }
        self.manifest = Some(manifest);
        self.manifest_hash = Some(xxhash_rust::xxh3::xxh3_64(&bytes));
        Ok(())
    }

    /// Notes that the cache was damaged (the first reason is kept).
    fn damaged(&self, why: String) {
        tracing::warn!(cache = %self.location.shown(), "corpus cache damaged: {why}");
        let mut d = self.damage.lock().unwrap_or_else(|p| p.into_inner());
        d.get_or_insert(why);
    }

    /// Where the cache is.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// What the user should be told about the cache after this load (at most one line): it was
    /// damaged, or made for something else, and is being rebuilt.
    pub fn notes(&self) -> Vec<String> {
        let damage = self.damage.lock().unwrap_or_else(|p| p.into_inner());
        let shown = self.location.shown();
        if let Some(why) = damage.as_ref() {
            let why = crate::corpus::sanitize::one_line(why);
            vec![format!(
                "the corpus cache at {shown} was damaged ({why}); rebuilt"
            )]
        } else if self.stale {
            vec![format!(
                "the corpus cache at {shown} was made by another build of aes-reader, or with another alias file or --follow-symlinks; rebuilt"
            )]
        } else {
            Vec::new()
        }
    }

    /// Article file `i` of `source`, from its record when the file has not changed, else read
    /// and ingested (and its quotes made with `quotes`, when given) and recorded for the commit.
    /// Rejected files are not recorded.
    pub fn load(&self, source: &Source, i: usize, quotes: Option<Extract<'_>>) -> Option<FileLoad> {
        self.asked.fetch_add(1, Ordering::Relaxed);
        let name = source.name(i)?;
        let id = source.id(i)?;
        let known = self.entry(name);
        if let Some(entry) = known
            && unchanged(entry, || source.stat(i))
            && let Some(done) = self.reuse(entry.clone(), id, quotes)
        {
            return Some(done);
        }
        let (bytes, meta) = match source.read(i)? {
            Ok(read) => read,
            Err(d) => return Some((Err(d), Vec::new())),
        };
        let read_at_ns = now_ns();
        let fingerprint = meta.map(|m| Fingerprint::of(&m, xxhash_rust::xxh3::xxh3_64(&bytes)));
        if let (Some(entry), Some(fingerprint)) = (known, fingerprint)
            && entry.fingerprint.hash == fingerprint.hash
            && entry.fingerprint.size == fingerprint.size
        {
            let entry = Entry {
                fingerprint,
                read_at_ns,
                ..entry.clone()
            };
            if let Some(done) = self.reuse(entry, id, quotes) {
                return Some(done);
            }
        }
        let (article, warnings) = match source.ingest(i, &bytes)? {
            Ok(done) => done,
            Err(d) => return Some((Err(d), Vec::new())),
        };
        let made = quotes.map(|q| q(&article));
        if let Some(fingerprint) = fingerprint
            && let Some(record) = record::encode(&article, &warnings, made.as_deref())
        {
            self.see(Seen::New {
                path: name.to_owned(),
                fingerprint,
                read_at_ns,
                record,
                file: match known {
                    None => FileWas::Added,
                    Some(e) if e.fingerprint.hash == fingerprint.hash => FileWas::Same,
                    Some(_) => FileWas::Changed,
                },
            });
        }
        Some((Ok((article, warnings)), made.unwrap_or_default()))
    }

    /// The article files of `source` that are not in the manifest as they are now (added, or
    /// changed by their stat), checked on every core, and how many of the manifest's files are
    /// gone; `None` when the manifest cannot be used (none, damaged, made for something else).
    pub fn changes(&self, source: &Source) -> Option<Changes> {
        use rayon::prelude::*;
        self.manifest_hash?;
        if self.stale {
            return None;
        }
        // Files in list order, a run of them per job: most jobs open one folder once.
        let changed: Vec<usize> = (0..source.len())
            .into_par_iter()
            .with_min_len(256)
            .map_init(Folders::default, |folders, i| {
                let same = source
                    .name(i)
                    .and_then(|n| self.entry_near(i, n))
                    .is_some_and(|entry| unchanged(entry, || source.stat_in(i, folders)));
                (!same).then_some(i)
            })
            .flatten_iter()
            .collect();
        let kept = source.len() - changed.len();
        let gone = self.entries().len().saturating_sub(kept);
        Some(Changes { changed, gone })
    }

    /// Article file `i` of `source` from its record, when it has one and the file has not
    /// changed, without counting it among the files the load asked about: for a reader that
    /// wants one article ahead of the load. `None`: no usable record (the caller reads the file).
    pub fn peek(&self, source: &Source, i: usize, quotes: Option<Extract<'_>>) -> Option<FileLoad> {
        let entry = self.entry(source.name(i)?)?;
        if !unchanged(entry, || source.stat(i)) {
            return None;
        }
        self.reuse(entry.clone(), source.id(i)?, quotes)
    }

    /// Keeps article file `i` of `source` as the manifest has it, without reading its record:
    /// for a load that takes what it knows of the file from elsewhere (the saved catalog and
    /// index), having found it unchanged ([`Cache::changes`]). False when the manifest does not
    /// name it.
    pub fn keep(&self, source: &Source, i: usize) -> bool {
        let Some(entry) = source.name(i).and_then(|n| self.entry(n)) else {
            return false;
        };
        self.asked.fetch_add(1, Ordering::Relaxed);
        self.see(Seen::Kept(entry.clone()));
        true
    }

    /// The hash of the manifest as read (what saved files made from its files are tagged with).
    pub fn manifest_hash(&self) -> Option<u64> {
        self.manifest_hash
    }

    /// True when the manifest has a record for article file `i` of `source` (it may have
    /// changed since): reading it ahead is likely wasted.
    pub fn knows(&self, source: &Source, i: usize) -> bool {
        source.name(i).is_some_and(|n| self.entry(n).is_some())
    }

    /// The manifest's entries, sorted by file name as written (none without a usable manifest).
    fn entries(&self) -> &[Entry] {
        self.manifest.as_ref().map_or(&[], |m| &m.entries)
    }

    /// The manifest's entry for the file `name` ([`Manifest::entry`]).
    fn entry(&self, name: &str) -> Option<&Entry> {
        self.manifest.as_ref()?.entry(name)
    }

    /// [`Cache::entry`], tried first at place `i`: where files were neither added nor removed,
    /// file `i` of the source (in name order) is entry `i` of the manifest.
    fn entry_near(&self, i: usize, name: &str) -> Option<&Entry> {
        match self.entries().get(i) {
            Some(e) if e.path == name => Some(e),
            _ => self.entry(name),
        }
    }

    fn see(&self, seen: Seen) {
        let path = match &seen {
            Seen::Kept(e) => e.path.clone(),
            Seen::New { path, .. } => path.clone(),
        };
        let mut all = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        all.insert(path, seen);
    }

    /// The article (with id `id`) and quotes of `entry`'s record; `None` when the record is
    /// unusable (noted as damage).
    fn reuse(
        &self,
        entry: Entry,
        id: &crate::corpus::article::ArticleId,
        quotes: Option<Extract<'_>>,
    ) -> Option<FileLoad> {
        let with_quotes = quotes.is_some() && entry.place.quotes_len.is_some();
        let bytes = match self.record_bytes(&entry.place, with_quotes) {
            Ok(b) => b,
            Err(why) => {
                self.damaged(format!("{why}, for {}", entry.path));
                return None;
            }
        };
        let decoded = record::decode(&bytes, &entry.place, with_quotes);
        let (mut first, stored) = match decoded {
            Ok(d) => d,
            Err(why) => {
                self.damaged(format!("{why}, for {}", entry.path));
                return None;
            }
        };
        first.article.id = id.clone();
        let quotes = match (quotes, stored) {
            (_, Some(q)) => q,
            (None, None) => Vec::new(),
            (Some(make), None) => {
                // An article-only load's record: make the quotes now, and record them.
                let q = make(&first.article);
                if let Some(record) = record::encode(&first.article, &first.warnings, Some(&q)) {
                    self.see(Seen::New {
                        path: entry.path.clone(),
                        fingerprint: entry.fingerprint,
                        read_at_ns: entry.read_at_ns,
                        record,
                        file: FileWas::Same,
                    });
                    return Some((Ok((first.article, first.warnings)), q));
                }
                q
            }
        };
        self.see(Seen::Kept(entry));
        Some((Ok((first.article, first.warnings)), quotes))
    }

    /// The bytes of the record at `place` (its first blob alone unless `with_quotes`).
    fn record_bytes(&self, place: &Place, with_quotes: bool) -> Result<Vec<u8>, String> {
        let segment = self
            .segments
            .get(&place.segment)
            .ok_or_else(|| format!("segment {} is missing", place.segment))?;
        let len = if with_quotes {
            place.len()
        } else {
            record::BLOB_HEAD as u64 + u64::from(place.article_len)
        };
        let len = usize::try_from(len).map_err(|_| "a record is too long".to_owned())?;
        let mut buf = vec![0; len];
        read_at(segment, &mut buf, place.offset)
            .map_err(|e| format!("segment {} cannot be read ({e})", place.segment))?;
        Ok(buf)
    }
}

/// True when the article file `entry` records is as it recorded it by its `stat` alone: same size,
/// times, inode and device, and not read too soon after its last change to trust them (racy).
fn unchanged(entry: &Entry, stat: impl FnOnce() -> Option<std::io::Result<FileStat>>) -> bool {
    !entry.racy() && matches!(stat(), Some(Ok(stat)) if entry.fingerprint.same_stat_as(&stat))
}

/// Reads exactly `buf.len()` bytes at `offset`.
fn read_at(file: &fs::File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
    }
    #[cfg(not(unix))]
    {
        use std::io::{Read, Seek, SeekFrom};
        let mut f = file;
        f.seek(SeekFrom::Start(offset))?;
        f.read_exact(buf)
    }
}

/// Nanoseconds since the epoch.
pub(super) fn now_ns() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// The cache root a command uses: `None` with `--no-index` (`enabled` false) or when no folder
/// can be named.
pub fn root(enabled: bool) -> Option<PathBuf> {
    enabled.then(default_root).flatten()
}
