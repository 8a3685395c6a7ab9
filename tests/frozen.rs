//! The saved catalog and index (`catalog.bin`, `index.bin` in a corpus's cache folder, issue 19),
//! through the real binary: `list` and `search` answer byte for byte as `--no-index` does on every
//! run, answer from the saved files once nothing changed (the `--log-file` says so), bring them up
//! to date after a few changed, added or deleted files (round after round, as one built from
//! scratch would answer), never use them on a corpus with rejected files or with a saved file made
//! for another corpus; a damaged saved file is one note and is made again; `index` saves them too.
//! Every cache lives in a temporary folder (`AES_READER_CACHE_DIR`), never in ~/.cache.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, SystemTime};

use support::cached::{aes_logged, generated, text};

const CATALOG: &str = "catalog.bin";
const INDEX: &str = "index.bin";

/// Sets the modification time of `path`.
fn set_mtime(path: &Path, t: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

fn mtime(path: &Path) -> SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

/// Ten seconds ago: a file changed then is not "racy" (read within 2 s of its change).
fn ten_seconds_ago() -> SystemTime {
    SystemTime::now() - Duration::from_secs(10)
}

/// Sets every file under `dir` ten seconds in the past.
fn age(dir: &Path) {
    let t = ten_seconds_ago();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            age(&p);
        } else {
            set_mtime(&p, t);
        }
    }
}

/// A copy of the (flat) folder `from`.
fn copy_of(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    dir
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("articles")
}

fn hostile() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

/// One cached run: its output and what its log says of the saved files.
struct Run {
    out: Output,
    /// `Some(true)`: answered from the saved catalog and index; `None`: the log does not say.
    used: Option<bool>,
    /// The saved catalog and index were brought up to date with changed files first.
    refreshed: bool,
    /// The folder listing kept from the run before was used.
    kept_listing: bool,
}

impl Run {
    fn stderr(&self) -> String {
        text(&self.out.stderr)
    }

    /// Asserts that this run printed what `plain` (the `--no-index` run) printed on standard
    /// output, with the same exit status (standard error is each caller's to check).
    fn answers_as(&self, plain: &Output, what: &str) {
        assert_eq!(text(&self.out.stdout), text(&plain.stdout), "{what}");
        assert_eq!(self.out.status.code(), plain.status.code(), "{what}");
    }
}

/// What a log says of the saved catalog and index (the `saved catalog and index used=…` line).
fn used(log: &str) -> Option<bool> {
    let mut found = log
        .lines()
        .filter_map(|l| l.split("saved catalog and index used=").nth(1))
        .map(|rest| rest.trim().starts_with("true"));
    let first = found.next();
    assert!(found.next().is_none(), "one such line per run: {log}");
    first
}

/// A corpus folder (made non-racy) and its cache.
struct Fixture {
    dir: tempfile::TempDir,
    cache: tempfile::TempDir,
}

impl Fixture {
    /// `dir`, its files set ten seconds in the past, with an empty cache.
    fn new(dir: tempfile::TempDir) -> Fixture {
        age(dir.path());
        Fixture {
            dir,
            cache: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `args` through the cache, with a log.
    fn run(&self, args: &[&str]) -> Run {
        let logs = tempfile::tempdir().unwrap();
        let log = logs.path().join("aes.log");
        let out = aes_logged(self.path(), Some(self.cache.path()), Some(&log), args);
        let log = fs::read_to_string(&log).unwrap_or_default();
        Run {
            out,
            used: used(&log),
            refreshed: log.contains("saved catalog and index brought up to date"),
            kept_listing: log.contains("kept_listing=true"),
        }
    }

    /// Runs `args` with `--no-index`.
    fn plain(&self, args: &[&str]) -> Output {
        aes_logged(self.path(), None, None, args)
    }

    /// Runs `args` through the cache and asserts that standard output, standard error and the
    /// exit status are those of `--no-index`.
    fn same(&self, args: &[&str], what: &str) -> Run {
        let plain = self.plain(args);
        let run = self.run(args);
        self.assert_same(&run, &plain, args, what);
        run
    }

    fn assert_same(&self, run: &Run, plain: &Output, args: &[&str], what: &str) {
        run.answers_as(plain, &format!("{what}: {args:?}"));
        assert_eq!(run.stderr(), text(&plain.stderr), "{what}: {args:?}");
    }

    /// The corpus's cache folder (one corpus per cache here).
    fn saved(&self) -> PathBuf {
        let mut dirs = fs::read_dir(self.cache.path().join("corpora"))
            .unwrap()
            .map(|e| e.unwrap().path());
        let dir = dirs.next().unwrap();
        assert!(dirs.next().is_none());
        dir
    }
}

/// `search --json` for each word, `list` and `list --json`.
fn commands(words: &[&'static str]) -> Vec<Vec<&'static str>> {
    let mut all: Vec<Vec<&str>> = words.iter().map(|w| vec!["search", "--json", w]).collect();
    all.push(vec!["list"]);
    all.push(vec!["list", "--json"]);
    all
}

/// Four rounds of `commands(words)` on `fixture`: every answer as `--no-index`'s; from the third
/// round on, every one from the saved files when `fast`, none ever when not.
fn four_rounds(fixture: &Fixture, words: &[&'static str], fast: bool, what: &str) {
    for round in 1..=4 {
        for args in commands(words) {
            let run = fixture.same(&args, &format!("{what}, round {round}"));
            if !fast {
                assert_ne!(run.used, Some(true), "{what}, round {round}: {args:?}");
            } else if round >= 3 {
                assert_eq!(run.used, Some(true), "{what}, round {round}: {args:?}");
            }
        }
    }
}

#[test]
fn the_seeds_answer_as_without_the_cache_on_every_run_and_from_the_saved_files_once_warm() {
    let f = Fixture::new(copy_of(&seeds()));
    four_rounds(
        &f,
        &["Bamako", "Wagner", "Goïta", "wagnr", "introuvablexyz"],
        true,
        "seeds",
    );
}

#[test]
fn a_corpus_with_rejected_files_answers_as_without_the_cache_and_never_from_the_saved_files() {
    let f = Fixture::new(copy_of(&hostile()));
    four_rounds(&f, &["Sahel", "a", "témoin"], false, "hostile");
}

#[test]
fn a_generated_corpus_answers_as_without_the_cache_on_every_run_and_from_the_saved_files_once_warm()
{
    let f = Fixture::new(generated(1_000));
    four_rounds(
        &f,
        &["Moscou", "Niger", "sécurité", "Bamako"],
        true,
        "generated 1000",
    );
}

#[test]
fn the_third_run_answers_from_the_saved_catalog_and_index() {
    let f = Fixture::new(generated(50));
    let args = ["search", "--json", "Niger"];
    let first = f.same(&args, "first run");
    assert_ne!(first.used, Some(true), "nothing saved yet");
    f.same(&args, "second run");
    let third = f.same(&args, "third run");
    assert_eq!(third.used, Some(true));
    let saved = f.saved();
    for name in [CATALOG, INDEX] {
        let len = fs::metadata(saved.join(name)).map(|m| m.len()).unwrap_or(0);
        assert!(len > 16, "{name} saved in {}", saved.display());
    }
    let list = f.same(&["list", "--json"], "list after search");
    assert_eq!(list.used, Some(true));
}

/// A warm fixture of 60 generated articles: the saved files are there and used.
fn warm() -> Fixture {
    warm_of(60)
}

/// A warm fixture of `n` generated articles.
fn warm_of(n: usize) -> Fixture {
    let f = Fixture::new(generated(n));
    for _ in 0..2 {
        f.same(&["search", "--json", "Niger"], "warming");
    }
    let run = f.same(&["search", "--json", "Niger"], "warm");
    assert_eq!(run.used, Some(true), "warm");
    f
}

/// After `change` on a warm corpus, the next `search --json WORD` gives the `--no-index` answer
/// (with `note` on stderr when given, else what `--no-index` prints): from the saved files brought
/// up to date when `refreshed`, else from a load; the runs after (and `list --json`) answer from
/// the new saved files.
fn a_change_is_seen(
    what: &str,
    word: &'static str,
    note: Option<&str>,
    refreshed: bool,
    change: impl Fn(&Path),
) {
    let f = warm();
    let saved = f.saved();
    let before = (
        fs::read(saved.join(CATALOG)).unwrap(),
        fs::read(saved.join(INDEX)).unwrap(),
    );
    change(f.path());
    let search = ["search", "--json", word];
    let next = match note {
        None => f.same(&search, what),
        Some(note) => {
            let plain = f.plain(&search);
            let next = f.run(&search);
            next.answers_as(&plain, what);
            let err = next.stderr();
            assert_eq!(err.lines().count(), 1, "{what}: {err}");
            assert!(err.contains(note), "{what}: {err}");
            next
        }
    };
    if refreshed {
        assert_eq!(
            next.used,
            Some(true),
            "{what}: the saved files, brought up to date"
        );
        assert!(
            next.refreshed,
            "{what}: the saved files, brought up to date"
        );
    } else {
        assert_ne!(next.used, Some(true), "{what}: the saved files are stale");
    }
    let after = f.same(&search, &format!("{what}, the run after"));
    assert_eq!(after.used, Some(true), "{what}: new saved files");
    let list = f.same(&["list", "--json"], &format!("{what}, list"));
    assert_eq!(list.used, Some(true), "{what}: new saved catalog");
    assert_ne!(
        fs::read(saved.join(CATALOG)).unwrap(),
        before.0,
        "{what}: catalog saved again"
    );
    assert_ne!(
        fs::read(saved.join(INDEX)).unwrap(),
        before.1,
        "{what}: index saved again"
    );
}

/// The first article file of a generated corpus (sorted).
fn first_file(dir: &Path) -> PathBuf {
    article_files(dir).remove(0)
}

#[test]
fn a_changed_file_with_an_older_mtime_is_seen_and_saved_again() {
    a_change_is_seen("changed file", "Zanzibar", None, true, |dir| {
        let file = first_file(dir);
        let old = mtime(&file);
        let mut bytes = fs::read(&file).unwrap();
        bytes.extend_from_slice("\nUn paragraphe ajouté sur Zanzibar.\n".as_bytes());
        fs::write(&file, bytes).unwrap();
        let t = ten_seconds_ago() - Duration::from_secs(5);
        assert_ne!(t, old);
        set_mtime(&file, t);
    });
}

#[test]
fn a_same_size_change_with_the_mtime_put_back_is_seen_by_its_ctime() {
    a_change_is_seen("same size, same mtime", "Zanzibar", None, true, |dir| {
        let file = first_file(dir);
        let old = mtime(&file);
        let bytes = fs::read_to_string(&file).unwrap();
        // Replace the last eight characters of the text with as many bytes.
        let cut = bytes.trim_end().len() - 8;
        let cut = (0..=cut)
            .rev()
            .find(|&i| bytes.is_char_boundary(i))
            .unwrap();
        let tail_len = bytes.trim_end().len() - cut;
        let mut changed = bytes[..cut].to_owned();
        changed.push_str(&format!("{:<width$}", "Zanzibar", width = tail_len));
        changed.push_str(&bytes[bytes.trim_end().len()..]);
        assert_eq!(changed.len(), bytes.len());
        assert_ne!(changed, bytes);
        fs::write(&file, changed).unwrap();
        set_mtime(&file, old);
    });
}

#[test]
fn an_added_file_is_seen_and_saved_again() {
    a_change_is_seen("added file", "Zanzibar", None, true, |dir| {
        let file = dir.join("ajout.txt");
        fs::write(
            &file,
            "Un article ajouté\n\nUn paragraphe sur Zanzibar et le Sahel.\n",
        )
        .unwrap();
        set_mtime(&file, ten_seconds_ago());
    });
}

#[test]
fn a_deleted_file_is_seen_and_saved_again() {
    a_change_is_seen("deleted file", "Niger", None, true, |dir| {
        fs::remove_file(first_file(dir)).unwrap();
    });
}

#[test]
fn a_changed_alias_file_is_seen_and_saved_again() {
    // The cache's own note says its records were made with another alias file.
    let note = "was made by another build of aes-reader, or with another alias file";
    a_change_is_seen("changed alias file", "Niger", Some(note), false, |dir| {
        let file = dir.join("people.toml");
        fs::write(
            &file,
            "[[person]]\nname = \"Zoé Zanzibar\"\naliases = [\"Z. Zanzibar\"]\n",
        )
        .unwrap();
        set_mtime(&file, ten_seconds_ago());
    });
}

/// The article files of a generated corpus, sorted.
fn article_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// Writes `bytes` to `path`, dated `secs` seconds before ten seconds ago (not racy, and another
/// time than before).
fn write_aged(path: &Path, bytes: &[u8], secs: u64) {
    fs::write(path, bytes).unwrap();
    set_mtime(path, ten_seconds_ago() - Duration::from_secs(secs));
}

#[test]
fn a_corpus_changing_round_after_round_is_brought_up_to_date_and_answers_as_built_from_scratch() {
    let f = warm_of(120);
    let words = [
        "Zanzibar",
        "Niger",
        "sécurité",
        "Moscou",
        "zanzibr",
        "Tombouctou",
    ];
    for round in 1..=4u64 {
        let what = format!("round {round}");
        let files = article_files(f.path());
        // A body gains a word; another article moves in the list (a new date); a file whose
        // name sorts among the others (every later file's place changes) is added; one is deleted.
        let grown = &files[(round as usize * 7) % files.len()];
        let mut bytes = fs::read(grown).unwrap();
        bytes.extend_from_slice(format!("\nZanzibar, tour {round}.\n").as_bytes());
        write_aged(grown, &bytes, round);
        let moved = &files[(round as usize * 13 + 3) % files.len()];
        let text_of = fs::read_to_string(moved).unwrap();
        let redated: String = text_of
            .lines()
            .map(|l| {
                if l.starts_with("date = ") {
                    format!("date = 2019-0{round}-1{round}")
                } else {
                    l.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        write_aged(moved, redated.as_bytes(), round);
        let middle = files[files.len() / 2].with_extension(format!("{round}.txt"));
        let added = format!(
            "+++\ntitle = \"Zanzibar et le Niger, tour {round}\"\ndate = 2025-0{round}-02\nsource = \"Le Témoin\"\n+++\nLe ministre a déclaré : « Zanzibar n’est pas loin. »\n"
        );
        write_aged(&middle, added.as_bytes(), round);
        let deleted = files
            .iter()
            .rev()
            .find(|p| *p != grown && *p != moved)
            .unwrap();
        fs::remove_file(deleted).unwrap();
        for (i, args) in commands(&words).iter().enumerate() {
            let run = f.same(args, &what);
            assert_eq!(run.used, Some(true), "{what}: {args:?}");
            if i == 0 {
                assert!(run.refreshed, "{what}: brought up to date");
            } else {
                assert!(!run.refreshed, "{what}: {args:?} after the first");
            }
        }
    }
}

#[test]
fn the_folder_listing_kept_by_a_run_is_used_by_the_next_until_a_folder_changes() {
    let f = Fixture::new(generated(30));
    // Folders changed less than two seconds before they were listed are listed again next time.
    std::thread::sleep(Duration::from_millis(2100));
    let args = ["search", "--json", "Niger"];
    let first = f.same(&args, "first run");
    assert!(!first.kept_listing, "nothing kept yet");
    let second = f.same(&args, "second run");
    assert!(second.kept_listing, "kept by the first run");
    let list = f.same(&["list", "--json"], "list");
    assert!(list.kept_listing);
    let added = article_files(f.path())[0].with_file_name("ajout-zanzibar.txt");
    write_aged(
        &added,
        "Zanzibar au Niger\n\nUn paragraphe sur Zanzibar.\n".as_bytes(),
        1,
    );
    let after = f.same(&["search", "--json", "Zanzibar"], "a file added");
    assert!(!after.kept_listing, "its folder changed");
    assert!(text(&after.out.stdout).contains("ajout-zanzibar"));
}

#[test]
fn list_alone_brings_its_saved_catalog_up_to_date() {
    let f = Fixture::new(generated(60));
    let list = ["list", "--json"];
    f.same(&list, "first list");
    assert_eq!(f.same(&list, "second list").used, Some(true));
    assert!(!f.saved().join(INDEX).exists(), "list saves no index");
    let files = article_files(f.path());
    fs::remove_file(&files[7]).unwrap();
    write_aged(
        &files[0].with_file_name("ajout.txt"),
        "Un titre ajouté\n\nUn paragraphe.\n".as_bytes(),
        1,
    );
    let next = f.same(&list, "after a change");
    assert_eq!(next.used, Some(true));
    assert!(next.refreshed);
    assert_eq!(f.same(&list, "the run after").used, Some(true));
    let search = f.same(&["search", "--json", "titre"], "search: no index saved yet");
    assert_ne!(search.used, Some(true));
}

#[test]
fn a_new_file_that_changes_another_articles_id_is_a_full_load_that_answers_right() {
    // `a0000001.md` beside `a0000001.txt`: both ids become the whole file names.
    a_change_is_seen("an id changed", "Zanzibar", None, false, |dir| {
        let txt = article_files(dir)[1].clone();
        write_aged(
            &txt.with_extension("md"),
            "Zanzibar en double\n\nUn autre texte.\n".as_bytes(),
            1,
        );
    });
}

#[test]
fn a_file_turned_to_garbage_is_reported_as_without_the_cache() {
    let f = warm();
    let file = article_files(f.path())[2].clone();
    write_aged(&file, &[0u8, 159, 146, 150, 0, 0, 1, 2, 3], 1);
    for round in ["the run after the change", "the run after that"] {
        let run = f.same(&["search", "--json", "Niger"], round);
        assert_ne!(
            run.used,
            Some(true),
            "{round}: a corpus with a rejected file"
        );
        assert!(!run.refreshed, "{round}");
    }
}

#[test]
fn many_changes_at_once_are_a_load_that_saves_the_files_packed() {
    let f = warm_of(40);
    for (n, file) in article_files(f.path()).iter().enumerate().take(12) {
        let mut bytes = fs::read(file).unwrap();
        bytes.extend_from_slice("\nZanzibar.\n".as_bytes());
        write_aged(file, &bytes, n as u64 + 1);
    }
    let run = f.same(&["search", "--json", "Zanzibar"], "12 of 40 changed");
    assert_ne!(run.used, Some(true), "a load, not the saved files");
    assert!(!run.refreshed);
    let after = f.same(&["search", "--json", "Zanzibar"], "the run after");
    assert_eq!(after.used, Some(true), "saved again");
}

/// After `damage` to the saved files of a warm corpus, the next `args` answers as `--no-index`
/// with exactly one note naming `name`; the run after has no note and uses the saved files again.
fn a_damaged_saved_file_is_made_again(
    what: &str,
    name: &str,
    args: &[&str],
    damage: impl Fn(&Path),
) {
    let f = warm();
    damage(&f.saved().join(name));
    let plain = f.plain(args);
    let next = f.run(args);
    next.answers_as(&plain, &format!("{what}: right answer"));
    let err = next.stderr();
    let notes: Vec<&str> = err.lines().filter(|l| l.contains("note:")).collect();
    assert_eq!(notes.len(), 1, "{what}: one note: {err}");
    assert_eq!(
        err.trim_end(),
        notes[0],
        "{what}: nothing else on stderr: {err}"
    );
    assert!(
        notes[0].starts_with(&format!(
            "aes-reader: note: the saved {name} in the corpus cache at "
        )) && notes[0].contains("was damaged (")
            && notes[0].ends_with("); rebuilt"),
        "{what}: {err}"
    );
    for run in ["the run after", "the run after that"] {
        let again = f.run(args);
        f.assert_same(&again, &plain, args, &format!("{what}, {run}"));
        assert_eq!(again.used, Some(true), "{what}, {run}: saved again");
    }
}

/// Whatever is wrong with a saved file, every run answers as `--no-index` does, with at most
/// one note (the part of [`a_damaged_saved_file_is_made_again`] that holds even while a damaged
/// file with an intact head is not made again).
fn every_run_answers_right(what: &str, name: &str, args: &[&str], damage: impl Fn(&Path)) {
    let f = warm();
    damage(&f.saved().join(name));
    let plain = f.plain(args);
    for run in 1..=3 {
        let next = f.run(args);
        next.answers_as(&plain, &format!("{what}, run {run}"));
        assert!(next.stderr().lines().count() <= 1, "{what}, run {run}");
    }
}

#[test]
fn a_saved_file_damaged_after_its_head_never_changes_the_answer() {
    every_run_answers_right("index cut to half", INDEX, &search(), |p| {
        let bytes = fs::read(p).unwrap();
        fs::write(p, &bytes[..bytes.len() / 2]).unwrap();
    });
    every_run_answers_right("flipped byte in the index", INDEX, &search(), |p| {
        let mut bytes = fs::read(p).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x55;
        fs::write(p, bytes).unwrap();
    });
    every_run_answers_right("flipped byte in the catalog", CATALOG, &["list"], |p| {
        let mut bytes = fs::read(p).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x55;
        fs::write(p, bytes).unwrap();
    });
}

fn search() -> [&'static str; 3] {
    ["search", "--json", "Niger"]
}

#[test]
fn an_index_cut_to_half_is_one_note_and_is_saved_again() {
    a_damaged_saved_file_is_made_again("index cut to half", INDEX, &search(), |p| {
        let len = fs::metadata(p).unwrap().len();
        fs::OpenOptions::new()
            .write(true)
            .open(p)
            .unwrap()
            .set_len(len / 2)
            .unwrap();
    });
}

#[test]
fn a_garbage_catalog_is_one_note_and_is_saved_again() {
    for args in [&search()[..], &["list", "--json"][..]] {
        a_damaged_saved_file_is_made_again("garbage catalog", CATALOG, args, |p| {
            fs::write(p, "this is not a catalog at all, just some garbage bytes").unwrap();
        });
    }
}

#[test]
fn a_catalog_with_its_head_kept_and_garbage_after_is_one_note_and_is_saved_again() {
    for args in [&search()[..], &["list"][..]] {
        a_damaged_saved_file_is_made_again("garbage after the head", CATALOG, args, |p| {
            let mut bytes = fs::read(p).unwrap();
            bytes.truncate(16);
            bytes.extend_from_slice(&[0x5a; 200]);
            fs::write(p, bytes).unwrap();
        });
    }
}

#[test]
fn a_flipped_byte_in_the_middle_of_the_index_is_one_note_and_is_saved_again() {
    a_damaged_saved_file_is_made_again("flipped byte in the index", INDEX, &search(), |p| {
        let mut bytes = fs::read(p).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x55;
        fs::write(p, bytes).unwrap();
    });
}

#[test]
fn an_empty_index_or_catalog_is_one_note_and_is_saved_again() {
    for name in [INDEX, CATALOG] {
        a_damaged_saved_file_is_made_again("zero-length file", name, &search(), |p| {
            fs::write(p, b"").unwrap();
        });
    }
}

#[test]
fn saved_files_of_another_corpus_are_not_used_and_are_replaced() {
    let f = warm();
    let other = Fixture::new(generated(20));
    for _ in 0..2 {
        other.same(&["search", "--json", "Niger"], "the other corpus");
    }
    for name in [INDEX, CATALOG] {
        assert!(other.saved().join(name).exists(), "{name}");
    }
    // The other corpus's index alone, then both of its files.
    for names in [&[INDEX][..], &[INDEX, CATALOG][..]] {
        for name in names {
            fs::copy(other.saved().join(name), f.saved().join(name)).unwrap();
        }
        let what = format!("{names:?} from another corpus");
        let next = f.same(&search(), &what);
        assert_ne!(next.used, Some(true), "{what}");
        let after = f.same(&search(), &format!("{what}, the run after"));
        assert_eq!(after.used, Some(true), "{what}: saved again");
        let list = f.same(&["list"], &format!("{what}, list"));
        assert_eq!(list.used, Some(true), "{what}: list");
    }
}

#[test]
fn the_first_search_after_index_answers_from_the_saved_files() {
    let f = Fixture::new(generated(60));
    let index = f.run(&["index"]);
    assert!(index.out.status.success(), "{}", index.stderr());
    assert!(
        text(&index.out.stdout).starts_with("indexed 60 articles"),
        "{}",
        text(&index.out.stdout)
    );
    let search = f.same(&search(), "first search after index");
    assert_eq!(search.used, Some(true));
    let list = f.same(&["list"], "first list after index");
    assert_eq!(list.used, Some(true));
}

#[test]
fn index_after_a_few_changes_brings_the_saved_files_up_to_date_and_says_what_changed() {
    let f = warm();
    let files = article_files(f.path());
    let mut bytes = fs::read(&files[3]).unwrap();
    bytes.extend_from_slice("\nZanzibar encore.\n".as_bytes());
    write_aged(&files[3], &bytes, 1);
    fs::remove_file(&files[5]).unwrap();
    write_aged(
        &files[0].with_file_name("nouveau.txt"),
        "Un nouveau titre\n\nSur Zanzibar.\n".as_bytes(),
        1,
    );
    let index = f.run(&["index"]);
    assert!(index.out.status.success(), "{}", index.stderr());
    let said = text(&index.out.stdout);
    assert!(
        said.starts_with("indexed 60 articles (1 new, 1 changed, 1 removed)"),
        "{said}"
    );
    assert!(index.refreshed, "brought up to date, not loaded again");
    let again = f.run(&["index"]);
    assert!(
        text(&again.out.stdout).starts_with("indexed 60 articles ("),
        "{}",
        text(&again.out.stdout)
    );
    let search = f.same(&["search", "--json", "Zanzibar"], "search after index");
    assert_eq!(search.used, Some(true));
}

/// The reader on `f`'s corpus and cache in a 120x40 terminal, logging to `log`, with no state.
#[cfg(unix)]
fn reader_in_terminal(f: &Fixture, log: &Path) -> support::term::Term {
    use support::term::{Cmd, Term};
    Term::start(
        120,
        40,
        Cmd::reader()
            .arg("--dir")
            .arg(f.path())
            .arg("--no-state")
            .arg("--log-file")
            .arg(log)
            .env("AES_READER_CACHE_DIR", f.cache.path()),
    )
}

/// The reader's second launch in a terminal: every article is listed from the saved catalog (the
/// log says the saved index came with them all), the last one, opened at once, shows its text and
/// not `Loading the text…` for ever, and the filter finds an article by a word of its body.
#[cfg(unix)]
#[test]
fn the_readers_second_launch_lists_every_article_and_shows_the_text_of_one_opened_at_once() {
    let f = Fixture::new(generated(3000));
    let run = f.run(&["index"]);
    assert!(run.out.status.success(), "{}", run.stderr());
    let rows: Vec<serde_json::Value> = text(&f.run(&["list", "--json"]).out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 3000);
    let last = &rows[2999];
    let shown = text(&f.run(&["show", last["id"].as_str().unwrap()]).out.stdout);
    // The first words of its first paragraph, after the title and the fields.
    let paragraph = shown
        .split("\n\n")
        .nth(1)
        .expect("a body after the title and fields");
    let words: Vec<&str> = paragraph.split_whitespace().take(3).collect();
    let words = words.join(" ");
    let logs = tempfile::tempdir().unwrap();
    let log = logs.path().join("reader.log");
    let t = reader_in_terminal(&f, &log);
    t.wait("every article listed", |s| s.contains("3000 articles"));
    t.keys(&["G"]);
    let screen = t.wait("the last article's text", |s| s.contains(&words));
    assert!(screen.contains(last["title"].as_str().unwrap()), "{screen}");
    assert!(!screen.contains("Loading the text"), "{screen}");
    t.keys(&["q"]);
    t.wait_for_exit();
    let log = fs::read_to_string(&log).unwrap();
    assert!(
        log.contains("the saved index and catalog came articles="),
        "the saved index came: {log}"
    );
}

/// A reader's first launch on a corpus (no saved catalog or index yet) saves the index it built
/// and the list's rows once its load is done: `search` then answers from them, as `--no-index`
/// does.
#[cfg(unix)]
#[test]
fn a_readers_first_launch_saves_what_search_then_answers_from() {
    let f = Fixture::new(generated(500));
    let logs = tempfile::tempdir().unwrap();
    let log = logs.path().join("reader.log");
    let t = reader_in_terminal(&f, &log);
    t.wait("every article listed", |s| s.contains("500 articles"));
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !fs::read_to_string(&log)
        .unwrap_or_default()
        .contains("catalog and index saved for the next launch articles=500")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the reader saves its index"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    t.keys(&["q"]);
    t.wait_for_exit();
    for word in ["Niger", "sécurité", "lavrov"] {
        let args = ["search", "--json", word];
        let run = f.same(&args, "after the reader");
        assert_eq!(
            run.used,
            Some(true),
            "{word}: answered from what the reader saved"
        );
    }
    let run = f.same(&["list", "--json"], "after the reader");
    assert_eq!(run.used, Some(true));
}
