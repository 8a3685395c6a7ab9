//! The corpus folder on disk: listing it (hidden entries skipped, symbolic links as [`Symlinks`]
//! says, every skipped entry named with its reason) and reading one file without ever blocking
//! (open first, then check what was opened) or failing for want of a file descriptor.

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::diagnostic::{Diagnostic, Severity};
use super::names::{escape_name, is_article_file};

/// Files larger than this are not read: no press article comes near it.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Which symbolic links the folder walk follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Symlinks {
    /// Links to files inside the corpus folder; a link out of it is reported, not followed
    /// (a link to `/etc/shadow` is not an article), and so is a link to a folder.
    #[default]
    InsideOnly,
    /// Also links out of the corpus folder, to files and to folders (`--follow-symlinks`). A link
    /// to a folder of the corpus itself is still not followed: its articles are read where they are.
    Follow,
}

/// What listing a folder found: the files to read (shown name, path to open) and the entries
/// skipped, with why.
#[derive(Debug, Default)]
pub(super) struct Listing {
    pub files: Vec<(String, PathBuf)>,
    pub diagnostics: Vec<Diagnostic>,
    /// Every folder listed (shown name, `""` for the corpus folder) with its stamp taken before it
    /// was read, when the listing is plain: no symbolic link, no skipped entry, every name shown
    /// as it is on disk (see [`Stamp`]).
    pub stamps: Option<Vec<(String, Stamp)>>,
}

/// What a file's or folder's stat says of which it is and when it last changed: times, inode and
/// device. A file with the same stamp and size is taken as unchanged (the corpus cache's
/// fingerprints); adding, removing or renaming an entry changes its folder's stamp, so a listing
/// whose folders all have the same stamps (and were not changed just before they were stamped)
/// has the same entries and need not be read again (`cache::listing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    /// Modification time, ns since the epoch.
    pub mtime_ns: i64,
    /// Status change time, ns since the epoch (0 where there is none).
    pub ctime_ns: i64,
    pub inode: u64,
    pub device: u64,
}

impl Stamp {
    /// The stamp of a file or folder with this stat.
    pub fn of(meta: &fs::Metadata) -> Stamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let ns = |s: i64, n: i64| s.saturating_mul(1_000_000_000).saturating_add(n);
            Stamp {
                mtime_ns: ns(meta.mtime(), meta.mtime_nsec()),
                ctime_ns: ns(meta.ctime(), meta.ctime_nsec()),
                inode: meta.ino(),
                device: meta.dev(),
            }
        }
        #[cfg(not(unix))]
        {
            let ns = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
            Stamp {
                mtime_ns: ns,
                ctime_ns: 0,
                inode: 0,
                device: 0,
            }
        }
    }
}

/// Lists `root` and its subfolders: `.txt`, `.md` and `.toml` files, in no particular order.
pub(super) fn list(root: &Path, symlinks: Symlinks) -> io::Result<Listing> {
    let canonical = fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
    let mut walk = Walk {
        root: canonical.clone(),
        symlinks,
        visited: HashSet::new(),
        out: Listing {
            stamps: Some(Vec::new()),
            ..Listing::default()
        },
    };
    walk.folder(canonical, "")?;
    let mut out = walk.out;
    if !out.diagnostics.is_empty() {
        out.stamps = None;
    }
    Ok(out)
}

struct Walk {
    /// The corpus folder, canonical: a link whose target is not under it points out of the corpus.
    root: PathBuf,
    symlinks: Symlinks,
    /// Folders listed so far (canonical), so that links cannot make a loop or list one twice.
    visited: HashSet<PathBuf>,
    out: Listing,
}

impl Walk {
    /// Lists folder `dir` (a canonical path), shown as `shown` (empty for the corpus folder).
    fn folder(&mut self, dir: PathBuf, shown: &str) -> io::Result<()> {
        self.visited.insert(dir.clone());
        // Stamped before it is read: a change while it is read makes the stamp old, never new.
        match fs::metadata(&dir) {
            Ok(meta) => {
                if let Some(stamps) = &mut self.out.stamps {
                    stamps.push((shown.to_owned(), Stamp::of(&meta)));
                }
            }
            Err(_) => self.out.stamps = None,
        }
        let mut entries = Vec::new();
        // Read whole, then closed: one descriptor at a time however deep the folders go.
        for entry in with_descriptor(|| fs::read_dir(&dir))? {
            match entry {
                Ok(e) => entries.push((e.file_name(), e.file_type())),
                Err(e) => self.reject(
                    if shown.is_empty() { "." } else { shown },
                    format!("cannot list the folder: {e}"),
                ),
            }
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, kind) in entries {
            let raw = name.as_encoded_bytes();
            if raw.first() == Some(&b'.') {
                continue;
            }
            let escaped = escape_name(raw);
            if escaped.as_bytes() != raw {
                // Its shown name is not its name on disk: a kept listing could not find it again.
                self.out.stamps = None;
            }
            let key = if shown.is_empty() {
                escaped
            } else {
                format!("{shown}/{escaped}")
            };
            let path = dir.join(&name);
            match kind {
                Ok(t) if t.is_dir() => {
                    if let Err(e) = self.folder(path, &key) {
                        self.reject(&key, format!("cannot list the folder: {e}"));
                    }
                }
                Ok(t) if t.is_symlink() => self.symlink(&path, &key),
                Ok(t) if t.is_file() => {
                    if wanted(&key) {
                        self.out.files.push((key, path));
                    }
                }
                Ok(t) => {
                    if wanted(&key) {
                        self.reject(&key, not_regular(kind_of(&t)));
                    }
                }
                Err(e) => {
                    if wanted(&key) {
                        self.reject(&key, format!("cannot read: {e}"));
                    }
                }
            }
        }
        Ok(())
    }

    /// A symbolic link named `key`: read through, listed through, or reported.
    fn symlink(&mut self, path: &Path, key: &str) {
        // Where it leads may change without any folder of the corpus changing.
        self.out.stamps = None;
        let target = match fs::canonicalize(path) {
            Ok(t) => t,
            Err(e) => {
                // Whether a broken link was meant as a folder cannot be known: only links named
                // as articles are reported.
                if wanted(key) {
                    self.reject(key, broken_link(&e));
                }
                return;
            }
        };
        let inside = target.starts_with(&self.root);
        let follow = inside || self.symlinks == Symlinks::Follow;
        let shown_target = escape_name(target.as_os_str().as_encoded_bytes());
        let meta = match fs::metadata(&target) {
            Ok(m) => m,
            Err(e) => {
                if wanted(key) {
                    self.reject(key, format!("cannot read the link's target: {e}"));
                }
                return;
            }
        };
        if meta.is_dir() {
            if inside {
                self.out.diagnostics.push(Diagnostic {
                    file: key.to_owned(),
                    severity: Severity::Warning,
                    message: format!(
                        "a symbolic link to a folder of the corpus ({shown_target}): not followed, \
                         its articles are read where they are"
                    ),
                });
            } else if !follow {
                self.reject(
                    key,
                    format!(
                        "a symbolic link to a folder outside the corpus folder ({shown_target}): \
                         not followed; pass --follow-symlinks to read it"
                    ),
                );
            } else if self.visited.contains(&target) {
                self.reject(
                    key,
                    format!("a symbolic link to a folder already read ({shown_target}): not followed again"),
                );
            } else if let Err(e) = self.folder(target, key) {
                self.reject(key, format!("cannot list the folder: {e}"));
            }
            return;
        }
        if !wanted(key) {
            return;
        }
        if !follow {
            self.reject(
                key,
                format!(
                    "a symbolic link to a file outside the corpus folder ({shown_target}): not read; \
                     pass --follow-symlinks to read it"
                ),
            );
        } else if meta.is_file() {
            self.out.files.push((key.to_owned(), target));
        } else {
            self.reject(
                key,
                format!(
                    "a symbolic link to {}",
                    not_regular(kind_of(&meta.file_type()))
                ),
            );
        }
    }

    fn reject(&mut self, file: &str, message: String) {
        self.out
            .diagnostics
            .push(Diagnostic::rejected(file, message));
    }
}

/// Files the corpus is made of: articles and data files; anything else in the folder is ignored.
fn wanted(key: &str) -> bool {
    is_article_file(key) || key.ends_with(".toml")
}

fn broken_link(e: &io::Error) -> String {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return "a symbolic link loop (it leads back to itself): not read".to_owned();
    }
    if e.kind() == io::ErrorKind::NotFound {
        return "a broken symbolic link (its target does not exist): not read".to_owned();
    }
    format!("cannot read: cannot follow the symbolic link: {e}")
}

/// What an entry that is not a regular file is, for a diagnostic.
fn kind_of(t: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if t.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

fn not_regular(kind: &str) -> String {
    format!("{kind}, not a regular file: not read")
}

// ------------------------------------------------------------------------------------ reading

/// Why the bytes of a file could not be had.
#[derive(Debug)]
pub(super) enum ReadError {
    /// Over [`MAX_FILE_BYTES`]: its size.
    TooLarge(u64),
    /// A named pipe, a device … (what it is).
    NotRegular(&'static str),
    /// The system said no.
    Io(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::TooLarge(size) => write!(
                f,
                "too large ({size} bytes, limit {MAX_FILE_BYTES}); split it or remove it from the folder"
            ),
            ReadError::NotRegular(kind) => f.write_str(&not_regular(kind)),
            ReadError::Io(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                write!(f, "cannot read: {e}; check its permissions")
            }
            ReadError::Io(e) if e.kind() == io::ErrorKind::WouldBlock => f.write_str(
                "cannot read: it has no data to give yet (a special file that behaves like a pipe)",
            ),
            ReadError::Io(e) if out_of_descriptors(e) => write!(
                f,
                "cannot read: {e}; the program ran out of file descriptors: raise the limit \
                 (`ulimit -n`) or close other programs, then run again"
            ),
            #[cfg(unix)]
            ReadError::Io(e) if e.raw_os_error() == Some(libc::ELOOP) => f.write_str(
                "cannot read: it was replaced by a symbolic link after the folder was listed; run again",
            ),
            ReadError::Io(e) => write!(f, "cannot read: {e}"),
        }
    }
}

/// Reads a whole file of at most [`MAX_FILE_BYTES`], refusing anything but a regular file.
pub(super) fn read(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_with_meta(path).map(|(bytes, _)| bytes)
}

/// [`read`], with what the open file said of itself before it was read (size, times, inode: the
/// corpus cache's fingerprint; taken before reading, so a change during the read is seen next
/// time).
pub(super) fn read_with_meta(path: &Path) -> Result<(Vec<u8>, fs::Metadata), ReadError> {
    let (file, meta) = open_regular(path)?;
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // `take` guards against a file that grows while it is read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok((bytes, meta))
}

/// Opens `path` and checks, on the open file, that it is a regular file; returns it with its metadata.
/// Opening cannot block (a named pipe without a writer would wait for ever), and since the check is
/// made on what was opened, a file swapped for a pipe or a device after the folder was listed is
/// refused too. The file stays non-blocking: a regular file reads the same, and a special file
/// that passes for one (`/proc/kmsg`) says it has nothing rather than wait.
fn open_regular(path: &Path) -> Result<(fs::File, fs::Metadata), ReadError> {
    let file = with_descriptor(|| open_nonblocking(path)).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta.file_type())));
    }
    Ok((file, meta))
}

/// Reads a file into the page cache and throws the bytes away; does not wait for a descriptor.
/// False when the process has none to spare (a reader ahead should then stand down).
pub(super) fn prefetch(path: &Path) -> bool {
    let file = match open_nonblocking(path) {
        Ok(f) => f,
        Err(e) => return !out_of_descriptors(&e),
    };
    if file.metadata().is_ok_and(|m| m.is_file()) {
        let _ = io::copy(&mut file.take(MAX_FILE_BYTES + 1), &mut io::sink());
    }
    true
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NOFOLLOW: the path was checked when the folder was listed (a file, or a link's resolved
    // target); a symlink put there since is not followed. O_NOCTTY: a terminal device swapped in
    // must not become the controlling terminal.
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_NOFOLLOW)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<fs::File> {
    fs::File::open(path)
}

// ------------------------------------------------------------------------------------ descriptors

/// How long one open waits, in all, for a file descriptor when the process (EMFILE) or the system
/// (ENFILE) has none left: the other loading threads close theirs within milliseconds.
const DESCRIPTOR_WAIT: Duration = Duration::from_secs(10);
/// The longest pause between two tries.
const MAX_PAUSE: Duration = Duration::from_millis(50);

/// Set when a wait for a descriptor gave up: descriptors are not coming back (something else holds
/// them all), so the next opens try once each instead of waiting in turn. Cleared by an open that
/// succeeds. Descriptors belong to the process, hence one flag for it.
static STARVED: AtomicBool = AtomicBool::new(false);

/// Runs `open`, and again after a growing pause while it fails for want of a file descriptor:
/// a file is not bad because the process is busy. Other errors come back at once.
pub(super) fn with_descriptor<T>(mut open: impl FnMut() -> io::Result<T>) -> io::Result<T> {
    let mut pause = Duration::from_millis(1);
    let mut waited = Duration::ZERO;
    loop {
        match open() {
            Ok(v) => {
                if STARVED.load(Ordering::Relaxed) {
                    STARVED.store(false, Ordering::Relaxed);
                }
                return Ok(v);
            }
            Err(e) if out_of_descriptors(&e) => {
                if waited >= DESCRIPTOR_WAIT || STARVED.load(Ordering::Relaxed) {
                    STARVED.store(true, Ordering::Relaxed);
                    return Err(e);
                }
                std::thread::sleep(pause);
                waited += pause;
                pause = (pause * 2).min(MAX_PAUSE);
            }
            Err(e) => return Err(e),
        }
    }
}

/// True for "too many open files", in the process or in the system.
pub(super) fn out_of_descriptors(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        matches!(e.raw_os_error(), Some(libc::EMFILE | libc::ENFILE))
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn mkfifo(path: &Path) -> bool {
        std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .is_ok_and(|s| s.success())
    }

    /// Runs `f` on a thread and fails the test if it does not finish in 20 s (it would hang for
    /// ever if opening waited for a writer).
    fn within_bound<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(f());
        });
        rx.recv_timeout(Duration::from_secs(20))
            .expect("did not finish: opening the pipe blocked")
    }

    #[test]
    fn opening_a_named_pipe_returns_at_once_and_refuses_it() {
        let dir = tempfile::tempdir().unwrap();
        let pipe = dir.path().join("tube.txt");
        if !mkfifo(&pipe) {
            return; // no mkfifo here: nothing to test
        }
        let got = within_bound(move || read(&pipe).map(|_| ()).map_err(|e| e.to_string()));
        assert_eq!(
            got.unwrap_err(),
            "a named pipe, not a regular file: not read"
        );
    }

    #[test]
    fn a_device_is_refused_after_opening_and_never_read() {
        let got = within_bound(|| {
            read(Path::new("/dev/zero"))
                .map(|_| ())
                .map_err(|e| e.to_string())
        });
        assert_eq!(got.unwrap_err(), "a device, not a regular file: not read");
    }

    #[test]
    fn a_file_replaced_by_a_symlink_after_the_listing_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("secret");
        fs::write(&outside, "à ne pas lire").unwrap();
        let file = dir.path().join("a.txt");
        std::os::unix::fs::symlink(&outside, &file).unwrap();
        let e = read(&file).unwrap_err().to_string();
        assert!(e.contains("replaced by a symbolic link"), "{e}");
    }

    #[test]
    fn waiting_for_a_descriptor_retries_only_while_descriptors_are_short() {
        let mut tries = 0;
        let got = with_descriptor(|| {
            tries += 1;
            if tries < 4 {
                Err(io::Error::from_raw_os_error(libc::EMFILE))
            } else {
                Ok(tries)
            }
        });
        assert_eq!(got.unwrap(), 4);
        let mut tries = 0;
        let got: io::Result<()> = with_descriptor(|| {
            tries += 1;
            Err(io::Error::from_raw_os_error(libc::EACCES))
        });
        assert!(got.is_err());
        assert_eq!(tries, 1, "a real error is not retried");
    }
}
