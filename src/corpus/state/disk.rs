//! The state file on disk, durably: judging what is at a state path, writing a state so that a
//! crash leaves the old or the new one complete (temp file, fsync, rename, the previous good state
//! kept as the backup), under an advisory lock, and moving bad files aside unchanged.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Deserialize;

use super::format::{StateFile, VERSION};
use super::paths::{backup_path, dir_of, resolve, show, temp_path, with_suffix};

/// The largest state file `load` reads, and `save` writes (128 MiB). A real one is a few kilobytes;
/// a million reading positions take about 50 MB.
pub const MAX_BYTES: u64 = 128 * 1024 * 1024;

/// A leftover temp file older than this belongs to a save that was killed, not to one running now.
pub(super) const STALE_TEMP: Duration = Duration::from_secs(60 * 60);

/// Saving failed. Cheap to clone (a reader waiting for a save shares its outcome).
#[derive(Debug, Clone, thiserror::Error)]
pub enum SaveError {
    /// A file system operation failed.
    #[error(
        "cannot save the reader state to {path}: {source}. Check that the folder is writable, or run with --no-state"
    )]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: Arc<io::Error>,
    },
    /// The state would be larger than [`MAX_BYTES`], which the loader would refuse.
    #[error(
        "not saving the reader state to {path}: it would take {mib} MiB, more than the {max} MiB the reader loads, so the file keeps its previous content. Unmark articles you no longer need, or move that file away to start over",
        max = MAX_BYTES >> 20
    )]
    TooLarge {
        /// The file.
        path: String,
        /// The size it would have, in MiB (rounded up).
        mib: u64,
    },
    /// The saving thread stopped on an internal error (a bug).
    #[error(
        "cannot save the reader state to {path}: the saving thread stopped on an internal error. Please report it"
    )]
    Stopped {
        /// The file.
        path: String,
    },
    /// The file on disk was written by a newer version and saving would replace it.
    #[error(
        "not saving the reader state: {path} was written by a newer aes-reader (format {version}; this one writes format {VERSION}) and saving would replace it. Use the newer aes-reader, or move that file away"
    )]
    Newer {
        /// The file.
        path: String,
        /// Its format version.
        version: u32,
    },
}

/// What is at a state path.
pub(super) enum Found {
    /// Nothing.
    Missing,
    /// A state this version understands, and the bytes it was read from.
    Good(Box<StateFile>, Vec<u8>),
    /// A state written by a newer version: its format number.
    Newer(u32),
    /// Anything else; says what is wrong ("empty", "unreadable (…)" …).
    Bad(String),
}

/// Reads and judges what is at `path`, reading at most [`MAX_BYTES`].
pub(super) fn inspect(path: &Path) -> Found {
    // Metadata first: a folder, a FIFO (whose open would block) or an oversized file is judged
    // without opening it.
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Found::Missing,
        Err(e) => return Found::Bad(format!("unreadable ({e})")),
    };
    if meta.is_dir() {
        return Found::Bad("a folder, not a file".into());
    }
    if !meta.is_file() {
        return Found::Bad("not a regular file".into());
    }
    let too_big = || {
        format!(
            "larger than {} MiB, far more than a state file can be",
            MAX_BYTES >> 20
        )
    };
    if meta.len() > MAX_BYTES {
        return Found::Bad(too_big());
    }
    let mut bytes = Vec::new();
    // `take` also caps a file that grew after `metadata`.
    if let Err(e) = fs::File::open(path).and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
    {
        return Found::Bad(format!("unreadable ({e})"));
    }
    if u64::try_from(bytes.len()).map_or(true, |n| n > MAX_BYTES) {
        return Found::Bad(too_big());
    }
    if bytes.is_empty() {
        return Found::Bad("empty".into());
    }
    // serde also reads a struct from an array; the state is always written as an object.
    if bytes.trim_ascii_start().first() != Some(&b'{') {
        return Found::Bad("not a state file (it does not hold a JSON object)".into());
    }
    match StateFile::from_json(&bytes) {
        Ok(file) if file.version <= VERSION => Found::Good(Box::new(file), bytes),
        Ok(file) => Found::Newer(file.version),
        Err(e) => {
            /// A newer format may change more than its version number.
            #[derive(Deserialize)]
            struct VersionOnly {
                version: u32,
            }
            match serde_json::from_slice::<VersionOnly>(&bytes) {
                Ok(v) if v.version > VERSION => Found::Newer(v.version),
                _ => Found::Bad(format!("not valid state JSON ({e})")),
            }
        }
    }
}

/// Writes `file` to `path` so that, whenever the process is killed, `path` holds either the previous
/// state or the new one, complete, and a completed save survives a power cut:
/// 1. the new state goes to a temp file in the same folder, fsynced;
/// 2. the current file, when it is a good state, becomes the backup `<path>.bak`: hard-linked (or,
///    where links are not supported, copied and fsynced) to a temp name, then renamed, so the
///    backup too is always complete. Best effort: a failed backup does not stop the save;
/// 3. the temp file is renamed over `path` and the folder fsynced.
///
/// This replaces what is on disk; a reader saves with [`Session::save`](super::Session::save), which merges. Both hold the
/// lock `<path>.lock` (an advisory `flock`) from reading the file to the rename, so two readers'
/// saves never interleave. A bad file found at `path` is moved aside first, never overwritten; one
/// written by a newer version stops the save ([`SaveError::Newer`]), and so does a state larger than
/// [`MAX_BYTES`] ([`SaveError::TooLarge`]): the loader would refuse it. The state is written as
/// compact JSON, format [`VERSION`]. Creates the folder when missing. A `path` that is a symbolic
/// link is written through: its target is replaced, the link stays.
pub fn save(path: &Path, file: &StateFile) -> Result<(), SaveError> {
    let real = resolve(path);
    fs::create_dir_all(dir_of(&real)).map_err(|e| io_error(path, e))?;
    let _lock = lock_beside(&real);
    match inspect(&real) {
        Found::Good(old, bytes) => write(path, &real, file, OnDisk::Good(old.version, &bytes)),
        Found::Missing => write(path, &real, file, OnDisk::Missing),
        Found::Bad(_) => write(path, &real, file, OnDisk::Bad),
        Found::Newer(version) => Err(SaveError::Newer {
            path: show(path),
            version,
        }),
    }
}

/// What a save found at the state path (a newer version's file stops it before).
pub(super) enum OnDisk<'a> {
    /// A good state of this format version, these bytes: it becomes the backup (and, when the
    /// version is older, a lasting copy too: see [`write`]).
    Good(u32, &'a [u8]),
    /// Nothing.
    Missing,
    /// A bad file: it is kept aside.
    Bad,
}

/// Writes `file` at `real` (`path` resolved), where `on_disk` was found; the caller holds the lock.
/// The first save over a file of an older format also keeps it as `<path>.v<N>.bak` (never
/// replaced), for going back to the version that wrote it.
pub(super) fn write(
    path: &Path,
    real: &Path,
    file: &StateFile,
    on_disk: OnDisk<'_>,
) -> Result<(), SaveError> {
    write_capped(path, real, file, on_disk, MAX_BYTES)
}

/// [`write`], refusing a file over `limit` bytes.
pub(super) fn write_capped(
    path: &Path,
    real: &Path,
    file: &StateFile,
    on_disk: OnDisk<'_>,
    limit: u64,
) -> Result<(), SaveError> {
    let io_err = |e| io_error(path, e);
    let json = file.to_json().map_err(|e| io_err(io::Error::other(e)))?;
    let len = u64::try_from(json.len()).unwrap_or(u64::MAX);
    if len > limit {
        return Err(SaveError::TooLarge {
            path: show(path),
            mib: len.div_ceil(1 << 20),
        });
    }
    let tmp = temp_path(real);
    let result = (|| {
        write_synced(&tmp, &json).map_err(io_err)?;
        match on_disk {
            OnDisk::Good(version, bytes) => {
                let old = with_suffix(real, &format!(".v{version}.bak"));
                if version < VERSION && fs::symlink_metadata(&old).is_err() {
                    let _ = keep_copy(real, &old, bytes);
                }
                let _ = back_up(real, bytes);
            }
            OnDisk::Missing => {}
            OnDisk::Bad => {
                keep_aside(real).map_err(io_err)?;
            }
        }
        fs::rename(&tmp, real).map_err(io_err)?;
        // Make the renames durable.
        fs::File::open(dir_of(real))
            .and_then(|d| d.sync_all())
            .map_err(io_err)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

pub(super) fn io_error(path: &Path, source: io::Error) -> SaveError {
    SaveError::Io {
        path: show(path),
        source: Arc::new(source),
    }
}

/// Takes the advisory lock `<real>.lock` (created when missing, never removed: removing a lock file
/// lets two processes lock two different files), waiting while another reader holds it; released
/// when the returned file is dropped. `None` when the lock cannot be had (no folder yet, a read-only
/// one, a file system without locks): the caller goes on without it, as a single reader would.
pub(super) fn lock_beside(real: &Path) -> Option<fs::File> {
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(with_suffix(real, ".lock"))
        .ok()?;
    fs4::FileExt::lock(&lock).ok()?;
    Some(lock)
}

/// Makes the good file at `path`, whose content is `bytes`, the backup.
pub(super) fn back_up(path: &Path, bytes: &[u8]) -> io::Result<()> {
    keep_copy(path, &backup_path(path), bytes)
}

/// Makes the good file at `path`, whose content is `bytes`, the file `bak` too, in one step.
pub(super) fn keep_copy(path: &Path, bak: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = temp_path(bak);
    // Left by a killed process that had our pid.
    let _ = fs::remove_file(&tmp);
    // A link shares the file, which nothing ever writes in place: no copy, and already on disk.
    let made = fs::hard_link(path, &tmp)
        .or_else(|_| write_synced(&tmp, bytes))
        .and_then(|()| fs::rename(&tmp, bak));
    // When `bak` already is a link to the same file (a save killed between its two renames), the
    // rename does nothing and leaves the temp name behind.
    let _ = fs::remove_file(&tmp);
    made
}

/// Moves what is at `path` (a file, a folder, anything) to `<path>.bad-<secs>-<n>`, the first such
/// name not taken, unchanged; returns that name.
pub(super) fn keep_aside(path: &Path) -> io::Result<PathBuf> {
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    for n in 1..=1000 {
        let aside = with_suffix(path, &format!(".bad-{stamp}-{n}"));
        // A hard link never replaces an existing name, so not even two readers starting together
        // can pick the same one.
        match fs::hard_link(path, &aside) {
            Ok(()) => {
                return match fs::remove_file(path) {
                    Ok(()) => Ok(aside),
                    Err(e) => {
                        let _ = fs::remove_file(&aside);
                        Err(e)
                    }
                };
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(e),
            // Folders cannot be hard-linked, nor anything on some file systems: rename to a name
            // checked free (racy only between two readers in the same second).
            Err(_) => {
                if fs::symlink_metadata(&aside).is_err() {
                    fs::rename(path, &aside)?;
                    return Ok(aside);
                }
            }
        }
    }
    Err(io::Error::other(
        "a thousand files were already kept aside this second",
    ))
}

/// Removes `<name>.tmp-<pid>` and `<name>.bak.tmp-<pid>` files older than [`STALE_TEMP`]: what saves
/// killed midway leave behind. They are never the state: that is only ever replaced by a rename.
pub(super) fn remove_stale_temps(path: &Path) {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    let Ok(entries) = fs::read_dir(dir_of(path)) else {
        return;
    };
    let mut prefixes = vec![format!("{name}.tmp-"), format!("{name}.bak.tmp-")];
    prefixes.extend((0..VERSION).map(|v| format!("{name}.v{v}.bak.tmp-")));
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let ours = file_name.to_str().is_some_and(|f| {
            prefixes.iter().any(|p| {
                f.strip_prefix(p.as_str())
                    .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
            })
        });
        // `DirEntry::metadata` does not follow links: only plain files are removed.
        let stale = ours
            && entry
                .metadata()
                .ok()
                .filter(fs::Metadata::is_file)
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > STALE_TEMP);
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

pub(super) fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}
