//! The corpus folder as files on disk: ids that stay unique and lead back to their file whatever the
//! names hold, a file swapped for a named pipe between listing and reading, and a process short of
//! file descriptors. (Hostile single files and symbolic links are in `tests/hostile.rs`.)
#![cfg(unix)]

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::mpsc;
use std::time::Duration;

use aes_reader::corpus::load::{LoadEvent, Loading};
use aes_reader::corpus::store::{Source, escape_name, unescape_name};
use aes_reader::corpus::{Origin, Severity, Store};
use proptest::prelude::*;

fn origin(dir: &Path) -> Origin {
    Origin::Dir {
        path: dir.to_owned(),
        via: "--dir",
    }
}

/// A short French article numbered `i`.
fn article(i: usize) -> String {
    format!("Titre numéro {i}\n2025-03-01\n\nUn paragraphe sur la coopération au Sahel, le {i}e.\n")
}

/// Runs `f` on a thread; `None` if it has not finished after `secs` seconds.
fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(secs)).ok()
}

// ------------------------------------------------------------------------------------ ids

/// Names rich in what broke ids: shared stems, double extensions, bytes that are not UTF-8, escape
/// sequences, backslashes, decomposed accents, and escapes written out literally.
fn raw_name() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"dup".to_vec()),
        Just(b".txt".to_vec()),
        Just(b".md".to_vec()),
        Just(b"\\xff".to_vec()),
        Just(b"\\".to_vec()),
        Just(vec![0xff]),
        Just(vec![0xfe]),
        Just(b"\x1b[31m".to_vec()),
        Just(b"\x1b[32m".to_vec()),
        Just(b"\n".to_vec()),
        Just(b" ".to_vec()),
        Just("e\u{301}".as_bytes().to_vec()),
        Just("\u{e9}".as_bytes().to_vec()),
        Just("\u{202e}".as_bytes().to_vec()),
        "[a-z]{1,3}".prop_map(String::into_bytes),
        any::<u8>().prop_map(|b| vec![b]),
    ];
    (
        prop::collection::vec(piece, 1..5),
        prop_oneof![Just(".txt"), Just(".md"), Just(".TXT")],
    )
        .prop_map(|(pieces, ext)| {
            let mut name = pieces.concat();
            name.retain(|b| *b != b'/' && *b != 0);
            // Hidden files are skipped by design (an empty name would make the hidden `.txt`).
            if name.first().is_none_or(|b| *b == b'.') {
                name.insert(0, b'x');
            }
            name.extend_from_slice(ext.as_bytes());
            name
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever the names, on disk: every file loads under an id of its own, `show ID` (the
    /// store's lookup) reaches that very file, and its shown name gives back the name's bytes.
    #[test]
    fn ids_are_unique_and_each_leads_back_to_its_file(
        raw in prop::collection::btree_set(raw_name(), 1..10),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let raw: Vec<Vec<u8>> = raw.into_iter().collect();
        for (i, name) in raw.iter().enumerate() {
            fs::write(dir.path().join(OsStr::from_bytes(name)), article(i)).unwrap();
        }
        let store = Store::from_source(Source::scan(origin(dir.path())).unwrap());
        prop_assert_eq!(store.rejected(), 0, "{:?}", store.diagnostics());
        prop_assert_eq!(store.articles().len(), raw.len());
        let ids: HashSet<&str> = store.articles().iter().map(|a| a.id.as_str()).collect();
        prop_assert_eq!(ids.len(), raw.len(), "shared ids");
        for (i, name) in raw.iter().enumerate() {
            let shown = escape_name(name);
            let a = store.articles().iter().find(|a| a.file == shown).unwrap();
            prop_assert_eq!(unescape_name(&a.file), Some(name.clone()));
            let found = store.find(a.id.as_str()).unwrap();
            prop_assert_eq!(&found.file, &a.file, "show {:?}", a.id.as_str());
            prop_assert_eq!(&found.meta.title, &format!("Titre numéro {i}"));
        }
    }
}

#[test]
fn the_dup_trio_gets_three_ids_and_two_invalid_names_two() {
    let dir = tempfile::tempdir().unwrap();
    let names: [&[u8]; 6] = [
        b"dup.txt",
        b"dup.md",
        b"dup.txt.md",
        b"inv\xff.txt",
        b"inv\xfe.txt",
        b"seul.txt",
    ];
    for (i, n) in names.iter().enumerate() {
        fs::write(dir.path().join(OsStr::from_bytes(n)), article(i)).unwrap();
    }
    let source = Source::scan(origin(dir.path())).unwrap();
    let ids: Vec<&str> = source.ids().map(|id| id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "dup.md",
            "dup.txt",
            "dup.txt.md",
            "inv\\xfe",
            "inv\\xff",
            "seul"
        ]
    );
}

// ------------------------------------------------------------------------------------ named pipes

/// A folder of 300 articles, listed; then `a150.txt` is replaced by a named pipe, as a hostile
/// process could between the listing and the read.
fn swapped_for_a_pipe() -> Option<(tempfile::TempDir, Source)> {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        fs::write(dir.path().join(format!("a{i:03}.txt")), article(i)).unwrap();
    }
    let source = Source::scan(origin(dir.path())).unwrap();
    let victim = dir.path().join("a150.txt");
    fs::remove_file(&victim).unwrap();
    let made = Command::new("mkfifo")
        .arg(&victim)
        .status()
        .is_ok_and(|s| s.success());
    made.then_some((dir, source))
}

#[test]
fn a_file_swapped_for_a_named_pipe_after_the_listing_is_refused_and_the_store_loads() {
    let Some((_dir, source)) = swapped_for_a_pipe() else {
        return; // no mkfifo here: nothing to test
    };
    let store =
        within(60, move || Store::from_source(source)).expect("loading finishes despite the pipe");
    assert_eq!(store.articles().len(), 299);
    let d: Vec<_> = store.diagnostics().iter().collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].file, "a150.txt");
    assert_eq!(d[0].severity, Severity::Rejected);
    assert_eq!(d[0].message, "a named pipe, not a regular file: not read");
}

#[test]
fn a_file_swapped_for_a_named_pipe_after_the_listing_does_not_stall_the_reader_load() {
    let Some((_dir, source)) = swapped_for_a_pipe() else {
        return;
    };
    let done = within(60, move || {
        let loading = Loading::start(source);
        let mut articles = 0;
        while let Some(event) = loading.next_timeout(Duration::from_secs(3600)) {
            match event {
                LoadEvent::Batch(b) => articles += b.len(),
                LoadEvent::Links(_)
                | LoadEvent::Saved(_)
                | LoadEvent::Ahead(_)
                | LoadEvent::NotRead(_)
                | LoadEvent::Committed(_) => {}
                LoadEvent::Done { diagnostics, .. } => return (articles, diagnostics),
            }
        }
        (articles, Vec::new())
    })
    .expect("the reader's load finishes despite the pipe");
    assert_eq!(done.0, 299);
    assert_eq!(done.1.len(), 1, "{:?}", done.1);
    assert!(done.1[0].message.contains("named pipe"));
}

// ------------------------------------------------------------------------------------ descriptors

/// Runs the binary with its file descriptor limit at 12, of which the shell has already taken
/// 3 to 9 (a POSIX shell redirects single digits only): two are left for the listing, the loading
/// threads and the readers ahead, far fewer than they would hold at once.
fn short_of_descriptors(dir: &Path, args: &[&str]) -> Output {
    let script = "ulimit -n 12 || exit 99
exec 3</dev/null 4</dev/null 5</dev/null 6</dev/null 7</dev/null 8</dev/null 9</dev/null
exec \"$@\"";
    let state = tempfile::tempdir().unwrap();
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(script)
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_aes-reader"))
        .arg("--dir")
        .arg(dir)
        .args(args)
        .env_remove("AES_READER_DIR")
        .env("XDG_STATE_HOME", state.path())
        .env("AES_READER_CACHE_DIR", state.path().join("cache"));
    within(300, move || cmd.output().unwrap()).expect("the run finishes")
}

#[test]
fn with_few_file_descriptors_every_file_still_loads_and_none_is_reported_bad() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..400 {
        let sub = dir.path().join(format!("d{}", i % 4));
        fs::create_dir_all(&sub).unwrap();
        fs::write(sub.join(format!("a{i:03}.txt")), article(i)).unwrap();
    }
    let check = short_of_descriptors(dir.path(), &["check"]);
    let out = String::from_utf8_lossy(&check.stdout);
    assert_ne!(check.status.code(), Some(99), "ulimit -n 12 refused");
    assert!(
        out.trim_end().ends_with("# 400 loaded, 0 rejected"),
        "{}\n{}",
        out.lines()
            .filter(|l| !l.starts_with("ok "))
            .take(20)
            .collect::<Vec<_>>()
            .join("\n"),
        String::from_utf8_lossy(&check.stderr)
    );
    assert_eq!(check.status.code(), Some(0));
    let list = short_of_descriptors(dir.path(), &["list", "--json"]);
    assert_eq!(list.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&list.stdout).lines().count(), 400);
}

/// The reader's load reports the entries the listing skipped, as `check` does (the status bar
/// counts them).
#[test]
fn the_reader_load_names_every_skipped_entry() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("dehors.txt"), article(1)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), article(0)).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("dehors.txt"),
        dir.path().join("lien.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink("absent.txt", dir.path().join("casse.txt")).unwrap();
    let source = Source::scan(origin(dir.path())).unwrap();
    let done = within(60, move || {
        let loading = Loading::start(source);
        while let Some(event) = loading.next_timeout(Duration::from_secs(3600)) {
            if let LoadEvent::Done { diagnostics, .. } = event {
                return diagnostics;
            }
        }
        Vec::new()
    })
    .expect("the load finishes");
    let named: Vec<(&str, Severity)> = done.iter().map(|d| (d.file.as_str(), d.severity)).collect();
    assert_eq!(
        named,
        [
            ("casse.txt", Severity::Rejected),
            ("lien.txt", Severity::Rejected)
        ]
    );
    assert!(done[1].message.contains("outside the corpus folder"));
}
