//! A kept listing gives the source a fresh listing gives, and is never used once a folder
//! changed: an added, deleted or renamed file, a new folder, a folder changed just before it was
//! kept; a listing with a symbolic link or a skipped entry is not kept; a damaged one is ignored.

use std::fs;
use std::path::Path;
use std::time::Duration;

use super::*;

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("2025/juin")).unwrap();
    for (name, text) in [
        ("a.txt", "Le sommet de Niamey\n\nLes chefs d’État réunis."),
        // Two files with the same stem: each is known by its whole name.
        (
            "a.md",
            "Le sommet de Niamey, suite\n\nLa déclaration finale.",
        ),
        ("2025/b.md", "Bamako\n\nUn article."),
        ("2025/juin/c.txt", "Kidal\n\nUn autre article."),
        ("people.toml", "[[person]]\nname = \"Assimi Goïta\"\n"),
    ] {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn origin(dir: &Path) -> Origin {
    Origin::Dir {
        path: dir.to_owned(),
        via: "--dir",
    }
}

/// What a source says of itself: its files, ids and data files.
fn shape(s: &Source) -> (Vec<String>, Vec<String>, Option<Vec<u8>>) {
    (
        s.files().map(str::to_owned).collect(),
        s.ids().map(|i| i.as_str().to_owned()).collect(),
        s.extra("people.toml").map(<[u8]>::to_vec),
    )
}

/// The listing kept for `dir` in `cache`, trusted however recently its folders changed.
fn kept_now(dir: &Path, cache: &Path) -> Option<Source> {
    let location = Location::new(cache, dir).unwrap();
    kept(&location, &origin(dir), Symlinks::InsideOnly, 0)
}

/// A change made to a corpus folder.
type Change = dyn Fn(&Path);

fn scan_in(dir: &Path, cache: &Path) -> (Source, bool) {
    scan(origin(dir), Symlinks::InsideOnly, Some(cache.to_owned())).unwrap()
}

#[test]
fn a_kept_listing_gives_what_listing_the_folders_gives_until_a_folder_changes() {
    let dir = corpus();
    let cache = tempfile::tempdir().unwrap();
    let (first, used) = scan_in(dir.path(), cache.path());
    assert!(!used, "nothing kept yet");
    let kept = kept_now(dir.path(), cache.path()).expect("kept and unchanged");
    assert_eq!(shape(&kept), shape(&first));
    assert_eq!(kept.cache_root(), None, "the caller sets the cache");
    let changes: [(&str, &Change); 5] = [
        ("a file added in a subfolder", &|d| {
            fs::write(d.join("2025/juin/d.txt"), "Gao\n\nEncore.").unwrap()
        }),
        ("a file deleted", &|d| {
            fs::remove_file(d.join("2025/b.md")).unwrap()
        }),
        ("a file renamed", &|d| {
            fs::rename(d.join("a.txt"), d.join("a2.txt")).unwrap()
        }),
        ("a folder added", &|d| {
            fs::create_dir(d.join("2026")).unwrap()
        }),
        ("a folder's file moved to another", &|d| {
            fs::rename(d.join("2025/juin/c.txt"), d.join("2025/c.txt")).unwrap()
        }),
    ];
    for (what, change) in changes {
        // Trusted before the change...
        assert!(
            kept_now(dir.path(), cache.path()).is_some(),
            "{what}: kept before"
        );
        change(dir.path());
        assert!(kept_now(dir.path(), cache.path()).is_none(), "{what}: seen");
        // ...and listed again, kept again, as a fresh listing says.
        let (again, used) = scan_in(dir.path(), cache.path());
        assert!(!used, "{what}");
        let fresh = Source::scan(origin(dir.path())).unwrap();
        assert_eq!(shape(&again), shape(&fresh), "{what}");
    }
}

#[test]
fn a_data_files_new_content_is_read_from_a_kept_listing() {
    let dir = corpus();
    let cache = tempfile::tempdir().unwrap();
    scan_in(dir.path(), cache.path());
    fs::write(
        dir.path().join("people.toml"),
        "[[person]]\nname = \"Autre\"\n",
    )
    .unwrap();
    let kept = kept_now(dir.path(), cache.path()).expect("no folder changed");
    assert_eq!(
        kept.extra("people.toml"),
        Some("[[person]]\nname = \"Autre\"\n".as_bytes())
    );
}

#[test]
fn a_folder_changed_just_before_the_listing_was_kept_is_not_trusted() {
    let dir = corpus();
    let cache = tempfile::tempdir().unwrap();
    // The folders were just made: kept, but not trusted.
    scan_in(dir.path(), cache.path());
    let (_, used) = scan_in(dir.path(), cache.path());
    assert!(!used, "changed within two seconds of being kept");
    std::thread::sleep(Duration::from_millis(2100));
    // Kept again by the scan above, before the two seconds were up: still not trusted ...
    let (_, used) = scan_in(dir.path(), cache.path());
    assert!(!used);
    // ... but the one this scan kept is.
    let (source, used) = scan_in(dir.path(), cache.path());
    assert!(used, "kept two seconds after the last change");
    assert_eq!(
        shape(&source),
        shape(&Source::scan(origin(dir.path())).unwrap())
    );
}

#[cfg(unix)]
#[test]
fn a_listing_with_a_symbolic_link_or_a_skipped_entry_is_not_kept() {
    for make in [
        (&|d: &Path| std::os::unix::fs::symlink(d.join("a.txt"), d.join("lien.txt")).unwrap())
            as &dyn Fn(&Path),
        &|d: &Path| std::os::unix::fs::symlink("/nonexistent", d.join("cassé.txt")).unwrap(),
        &|d: &Path| {
            fs::create_dir(d.join("x.txt")).unwrap();
            fs::write(d.join("x.txt/y.txt"), "ok").unwrap();
            fs::write(d.join("bad\u{7}.txt"), "un nom à échapper").unwrap();
        },
    ] {
        let dir = corpus();
        make(dir.path());
        let cache = tempfile::tempdir().unwrap();
        scan_in(dir.path(), cache.path());
        let location = Location::new(cache.path(), dir.path()).unwrap();
        assert!(!location.dir.join(LISTING).exists());
    }
}

#[test]
fn a_damaged_kept_listing_is_ignored_and_kept_again() {
    let dir = corpus();
    let cache = tempfile::tempdir().unwrap();
    scan_in(dir.path(), cache.path());
    let location = Location::new(cache.path(), dir.path()).unwrap();
    let path = location.dir.join(LISTING);
    let mut bytes = fs::read(&path).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x55;
    fs::write(&path, &bytes).unwrap();
    assert!(kept_now(dir.path(), cache.path()).is_none());
    let (source, used) = scan_in(dir.path(), cache.path());
    assert!(!used);
    assert_eq!(
        shape(&source),
        shape(&Source::scan(origin(dir.path())).unwrap())
    );
    assert!(kept_now(dir.path(), cache.path()).is_some(), "kept again");
}

#[test]
fn a_kept_listing_whose_ids_are_not_its_files_is_not_used() {
    let dir = corpus();
    let cache = tempfile::tempdir().unwrap();
    scan_in(dir.path(), cache.path());
    assert!(kept_now(dir.path(), cache.path()).is_some());
    let path = Location::new(cache.path(), dir.path())
        .unwrap()
        .dir
        .join(LISTING);
    let bytes = fs::read(&path).unwrap();
    let kept: Kept<'_> = persist::read(KIND, &bytes).unwrap();
    let n = kept.ids.split().unwrap().len();
    // Whole, with a good checksum, but each id is not its file's: written by something else.
    let forged = Kept {
        ids: Strings::join(std::iter::repeat_n("\u{1b}]0;autre\u{7}", n)),
        ..kept
    };
    let mut out = Vec::new();
    persist::write(KIND, &forged, &mut out).unwrap();
    fs::write(&path, out).unwrap();
    assert!(kept_now(dir.path(), cache.path()).is_none());
}
