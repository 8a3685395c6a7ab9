//! Committing a load to the cache: under the writer lock, new records go to a new segment (written
//! to a temporary file, synced, renamed), then the manifest is replaced the same way and the
//! segments no manifest names are deleted; when dead bytes pass half of the total, every live
//! record is rewritten into one segment. Another process holding the lock, or a newer manifest
//! than the one this load read, means this load writes nothing (the next one will). A write error
//! leaves the previous manifest and segments as they were.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use super::manifest::{Entry, Manifest, Place};
use super::{Cache, FileWas, Seen};

/// The manifest's file name.
pub(super) const MANIFEST: &str = "manifest.bin";
/// The writer lock's file name.
const LOCK: &str = "lock";

/// The file name of segment `n`.
pub(super) fn segment_name(n: u32) -> String {
    format!("seg-{n}.bin")
}

/// The number of a segment file name.
pub(super) fn segment_number(name: &str) -> Option<u32> {
    name.strip_prefix("seg-")?
        .strip_suffix(".bin")?
        .parse()
        .ok()
}

/// What a load did to the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Articles the cache now holds (or would, had it been written).
    pub articles: usize,
    /// Files read for the first time.
    pub new: usize,
    /// Files whose bytes changed.
    pub changed: usize,
    /// Files the manifest named that are gone (or now rejected).
    pub removed: usize,
    /// The cache was written.
    pub written: bool,
    /// Another process was writing it: nothing was written this time.
    pub busy: bool,
    /// The hash of the manifest on disk when it describes exactly the files this load read
    /// (written by it, or unchanged): what to tag an index and catalog made by this load with.
    pub manifest: Option<u64>,
}

impl Cache {
    /// Writes what this load found out, when it changes anything and the load went through every
    /// file. The error is the note for the user (one line). What it found out is handed over (a
    /// second commit writes nothing); the cache stays open for reading its records
    /// ([`Cache::peek`]) as they were when it was opened.
    pub fn commit(&self) -> Result<Summary, String> {
        let asked = self.asked.swap(0, std::sync::atomic::Ordering::Relaxed);
        let complete = asked >= self.total;
        let seen = std::mem::take(&mut *self.seen.lock().unwrap_or_else(|p| p.into_inner()));
        let damaged = self
            .damage
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_some();
        let old = self.manifest.as_ref();
        let removed = old.map_or(0, |m| {
            m.entries
                .iter()
                .filter(|e| !seen.contains_key(&e.path))
                .count()
        });
        let (mut new, mut changed, mut moved) = (0, 0, false);
        for s in seen.values() {
            match s {
                Seen::New { file, .. } => match file {
                    FileWas::Added => new += 1,
                    FileWas::Changed => changed += 1,
                    FileWas::Same => moved = true,
                },
                Seen::Kept(e) => {
                    moved |= old.and_then(|m| m.entry(&e.path)) != Some(e);
                }
            }
        }
        let mut summary = Summary {
            articles: seen.len(),
            new,
            changed,
            removed,
            written: false,
            busy: false,
            manifest: None,
        };
        let dirty = new + changed + removed > 0
            || moved
            || damaged
            || self.stale
            || (old.is_none() && !seen.is_empty());
        if !complete || !dirty {
            if complete {
                summary.manifest = self.manifest_hash;
            }
            return Ok(summary);
        }
        let fail = |what: &str, e: io::Error| {
            format!(
                "cannot update the corpus cache at {} ({what}: {e}); it stays as it was, and the next run tries again",
                self.location.shown()
            )
        };
        self.location
            .create()
            .map_err(|e| fail("creating its folder", e))?;
        let dir = &self.location.dir;
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(LOCK))
            .map_err(|e| fail("opening its lock", e))?;
        match fs4::FileExt::try_lock(&lock) {
            Ok(()) => {}
            Err(fs4::TryLockError::WouldBlock) => {
                summary.busy = true;
                return Ok(summary);
            }
            Err(fs4::TryLockError::Error(e)) => return Err(fail("taking its lock", e)),
        }
        // Another writer went first: its manifest is newer than what this load read.
        let generation = self.found_generation;
        if on_disk_generation(dir) != generation {
            summary.busy = true;
            return Ok(summary);
        }
        remove_leftovers(dir);
        let mut next_segment = next_segment_number(dir);
        let mut entries = Vec::with_capacity(seen.len());
        let mut fresh = AtomicFile::new(dir, segment_name(next_segment));
        let mut kept_bytes = 0u64;
        for s in seen.into_values() {
            match s {
                Seen::Kept(e) => {
                    kept_bytes += e.place.len();
                    entries.push(e);
                }
                Seen::New {
                    path,
                    fingerprint,
                    read_at_ns,
                    record,
                    ..
                } => {
                    let place = Place {
                        segment: next_segment,
                        offset: fresh
                            .append(&record.bytes)
                            .map_err(|e| fail("writing a segment", e))?,
                        article_len: record.article_len,
                        quotes_len: record.quotes_len,
                    };
                    entries.push(Entry {
                        path,
                        fingerprint,
                        read_at_ns,
                        place,
                    });
                }
            }
        }
        // Dead bytes: what the segments kept hold beyond their live records.
        let kept_segments: HashMap<u32, u64> = entries
            .iter()
            .filter(|e| e.place.segment != next_segment)
            .map(|e| (e.place.segment, segment_size(dir, e.place.segment)))
            .collect();
        let total: u64 = kept_segments.values().sum();
        if total > 0 && total - kept_bytes.min(total) > total / 2 {
            // Compact: every kept record is appended to the new segment.
            for e in &mut entries {
                if e.place.segment == next_segment {
                    continue;
                }
                let mut buf = vec![0; usize::try_from(e.place.len()).unwrap_or(usize::MAX)];
                if let Some(f) = self.segments.get(&e.place.segment)
                    && super::read_at(f, &mut buf, e.place.offset).is_ok()
                {
                    e.place.segment = next_segment;
                    e.place.offset = fresh
                        .append(&buf)
                        .map_err(|e| fail("writing a segment", e))?;
                } else {
                    // Unreadable now: the file will be read again next time.
                    e.path.clear();
                }
            }
            entries.retain(|e| !e.path.is_empty());
        }
        if fresh.is_empty() {
            next_segment = u32::MAX;
        } else {
            fresh.finish().map_err(|e| fail("writing a segment", e))?;
        }
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        let manifest = Manifest {
            key: self.key,
            generation: generation + 1,
            written_ms: u64::try_from(super::now_ns() / 1_000_000).unwrap_or(0),
            entries,
        };
        let encoded = manifest.encode();
        if let Err(e) = write_atomically(dir, MANIFEST, &encoded) {
            if next_segment != u32::MAX {
                let _ = fs::remove_file(dir.join(segment_name(next_segment)));
            }
            return Err(fail("writing its manifest", e));
        }
        sync_dir(dir);
        remove_unnamed_segments(dir, &manifest.segments());
        summary.articles = manifest.entries.len();
        summary.written = true;
        summary.manifest = Some(xxhash_rust::xxh3::xxh3_64(&encoded));
        Ok(summary)
    }
}

/// The generation of the manifest now on disk (0 when there is none or it is unusable).
fn on_disk_generation(dir: &Path) -> u64 {
    fs::read(dir.join(MANIFEST))
        .ok()
        .and_then(|b| Manifest::decode(&b).ok())
        .map_or(0, |m| m.generation)
}

fn segment_size(dir: &Path, n: u32) -> u64 {
    fs::metadata(dir.join(segment_name(n))).map_or(0, |m| m.len())
}

/// One more than the highest segment number in the folder.
fn next_segment_number(dir: &Path) -> u32 {
    fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| segment_number(&e.ok()?.file_name().to_string_lossy()))
        .max()
        .map_or(1, |n| n.saturating_add(1))
}

/// Removes the temporary files a writer stopped half-way left (only a writer holding the lock
/// calls this, and only a writer holding it makes them).
fn remove_leftovers(dir: &Path) {
    for e in fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.file_name().to_string_lossy().ends_with(".tmp") {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Deletes the segments `named` does not hold (a process still reading one keeps its open file).
fn remove_unnamed_segments(dir: &Path, named: &[u32]) {
    for e in fs::read_dir(dir).into_iter().flatten().flatten() {
        if let Some(n) = segment_number(&e.file_name().to_string_lossy())
            && !named.contains(&n)
        {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// A file written whole under a temporary name, then synced and renamed over `name`, so a reader
/// sees the old file or the new one: a segment (its records go to the temporary file as they come,
/// so none is held twice in memory), the manifest, a saved catalog or index. Dropped unfinished
/// (an error), its temporary file is removed.
pub(super) struct AtomicFile<'d> {
    dir: &'d Path,
    name: String,
    tmp: String,
    file: Option<io::BufWriter<fs::File>>,
    len: u64,
}

impl<'d> AtomicFile<'d> {
    /// `dir/name`, through `name.tmp`: for a file only the writer holding the lock writes.
    pub(super) fn new(dir: &'d Path, name: impl Into<String>) -> AtomicFile<'d> {
        let name = name.into();
        AtomicFile {
            dir,
            tmp: format!("{name}.tmp"),
            name,
            file: None,
            len: 0,
        }
    }

    /// Through a temporary name of this process's own: for a file written without the lock.
    pub(super) fn of_this_process(mut self) -> AtomicFile<'d> {
        self.tmp = format!("{}.{}.tmp", self.name, std::process::id());
        self
    }

    /// Appends `bytes` (creating the file first); where they start.
    pub(super) fn append(&mut self, bytes: &[u8]) -> io::Result<u64> {
        let file = match &mut self.file {
            Some(f) => f,
            None => {
                let f = fs::File::create(self.dir.join(&self.tmp))?;
                self.file.insert(io::BufWriter::with_capacity(1 << 20, f))
            }
        };
        file.write_all(bytes)?;
        let at = self.len;
        self.len += bytes.len() as u64;
        Ok(at)
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Syncs the file and renames it to its name.
    pub(super) fn finish(mut self) -> io::Result<()> {
        self.append(&[])?;
        let result = (|| {
            let file = self.file.take().map(io::BufWriter::into_inner);
            let file = file
                .transpose()
                .map_err(io::IntoInnerError::into_error)?
                .ok_or_else(|| io::Error::other("no file"))?;
            file.sync_all()?;
            fs::rename(self.dir.join(&self.tmp), self.dir.join(&self.name))
        })();
        if result.is_err() {
            let _ = fs::remove_file(self.dir.join(&self.tmp));
        }
        result
    }
}

/// What the saved catalog and index are written through.
impl Write for AtomicFile<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.append(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for AtomicFile<'_> {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fs::remove_file(self.dir.join(&self.tmp));
        }
    }
}

/// Writes `bytes` to `dir/name` through a synced temporary file renamed over it.
fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    let mut file = AtomicFile::new(dir, name);
    file.append(bytes)?;
    file.finish()
}

/// Syncs the folder, so the renames in it last (Unix; elsewhere there is nothing to do).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
