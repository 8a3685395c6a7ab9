//! The state file: saving and loading back, backups, bad files kept aside, symbolic links, the size
//! bound, merging readers' saves, the version-1 migration.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use super::disk::{Found, OnDisk, STALE_TEMP, inspect, keep_aside, write_capped};
use super::paths::{path_from, temp_path, with_suffix};
use super::recovery::utc_minute;
use super::*;
use crate::corpus::Origin;

const CORPUS: &str = "/corpus/sahel";

/// One corpus with `marks` read, the last one open.
fn corpus(marks: &[&str]) -> ReaderState {
    ReaderState {
        read: marks.iter().map(|m| (*m).to_string()).collect(),
        last: marks.last().map(|m| (*m).to_string()),
        ..ReaderState::default()
    }
}

fn sample(marks: &[&str]) -> StateFile {
    let mut file = StateFile::new();
    file.corpora.insert(CORPUS.into(), corpus(marks));
    file
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

fn marks(path: &Path, key: &str) -> Vec<String> {
    load(path)
        .file
        .corpora
        .get(key)
        .map(|c| c.read.iter().cloned().collect())
        .unwrap_or_default()
}

fn marking(ids: &[(&str, bool)]) -> Changes {
    let mut changes = Changes::default();
    for (id, read) in ids {
        changes.mark(id, *read, None);
    }
    changes
}

fn session(path: &Path, key: &str) -> Session {
    open(path, key).session.expect("writable")
}

#[test]
fn xdg_state_home_wins_and_relative_values_are_ignored() {
    assert_eq!(
        path_from(Some("/x/state".into()), Some("/home/u".into())),
        Some(PathBuf::from("/x/state/aes-reader/state.json"))
    );
    assert_eq!(
        path_from(Some("rel".into()), Some("/home/u".into())),
        Some(PathBuf::from("/home/u/.local/state/aes-reader/state.json"))
    );
    assert_eq!(path_from(None, None), None);
}

#[test]
fn saved_state_loads_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join("state.json");
    let mut state = sample(&["004"]);
    state.corpora.get_mut(CORPUS).unwrap().positions.insert(
        "004".into(),
        Anchor {
            block: 3,
            offset: 17,
        },
    );
    save(&path, &state).unwrap();
    let loaded = load(&path);
    assert_eq!(loaded.file, state);
    assert_eq!(loaded.warning, None);
    assert!(loaded.writable && loaded.kept_aside.is_empty() && loaded.restored_from.is_none());
    // No temp file is left behind, and the first save has nothing to back up.
    assert_eq!(
        names(path.parent().unwrap()),
        ["state.json", "state.json.lock"]
    );
}

#[test]
fn the_file_is_compact_json_of_format_2_with_one_entry_per_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut file = sample(&["rapport"]);
    file.corpora.insert(BUNDLED.into(), corpus(&["sommet"]));
    save(&path, &file).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().count(), 1, "compact: {text}");
    assert!(text.ends_with("}\n"), "{text}");
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["version"], 2);
    assert_eq!(json["corpora"][CORPUS]["read"][0], "rapport");
    assert_eq!(json["corpora"][BUNDLED]["read"][0], "sommet");
    assert!(json.get("read").is_none(), "{text}");
}

#[test]
fn a_missing_file_is_a_fresh_start_without_warning() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = load(&dir.path().join("state.json"));
    assert!(loaded.file.corpora.is_empty() && loaded.file.unclaimed.is_none());
    assert!(loaded.warning.is_none() && loaded.writable);
}

#[test]
fn each_save_keeps_the_previous_state_as_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (a, b, c) = (
        sample(&["a"]),
        sample(&["a", "b"]),
        sample(&["a", "b", "c"]),
    );
    save(&path, &a).unwrap();
    save(&path, &b).unwrap();
    let parsed = |p: &Path| StateFile::from_json(&fs::read(p).unwrap()).unwrap();
    assert_eq!(parsed(&backup_path(&path)), a);
    save(&path, &c).unwrap();
    assert_eq!(parsed(&backup_path(&path)), b);
    assert_eq!(parsed(&path), c);
    assert_eq!(
        names(dir.path()),
        ["state.json", "state.json.bak", "state.json.lock"]
    );
}

#[test]
fn a_save_killed_between_its_renames_leaves_no_temp_file_on_the_next_save() {
    // Killed after the backup rename, before the state rename: both names are one file.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    save(&path, &sample(&["a"])).unwrap();
    fs::hard_link(&path, backup_path(&path)).unwrap();
    save(&path, &sample(&["a", "b"])).unwrap();
    assert_eq!(
        names(dir.path()),
        ["state.json", "state.json.bak", "state.json.lock"]
    );
    assert_eq!(load(&backup_path(&path)).file, sample(&["a"]));
    assert_eq!(load(&path).file, sample(&["a", "b"]));
}

#[test]
fn a_bad_file_that_appears_before_a_save_is_kept_aside_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    fs::write(&path, b"{ half a sta").unwrap();
    save(&path, &sample(&["a"])).unwrap();
    let names = names(dir.path());
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names[1].starts_with("state.json.bad-"), "{names:?}");
    assert_eq!(
        fs::read(dir.path().join(&names[1])).unwrap(),
        b"{ half a sta"
    );
    assert_eq!(load(&path).file, sample(&["a"]));
}

#[test]
fn a_save_refuses_to_replace_a_file_from_a_newer_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let newer = br#"{"version": 3, "corpora": {"changed": true}}"#;
    fs::write(&path, newer).unwrap();
    let err = save(&path, &sample(&["a"])).unwrap_err();
    assert!(matches!(err, SaveError::Newer { version: 3, .. }), "{err}");
    assert!(
        err.to_string().contains("Use the newer aes-reader"),
        "{err}"
    );
    assert_eq!(fs::read(&path).unwrap(), newer);
    assert_eq!(names(dir.path()), ["state.json", "state.json.lock"]);
}

#[test]
fn a_state_over_the_loaders_bound_is_not_written_and_the_old_file_stays() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    save(&path, &sample(&["a"])).unwrap();
    let before = fs::read(&path).unwrap();
    let mut big = sample(&["a"]);
    let ids = (0..200).map(|i| format!("article-{i:04}"));
    big.corpora.get_mut(CORPUS).unwrap().read.extend(ids);
    let err = write_capped(&path, &path, &big, OnDisk::Good(VERSION, &before), 1024).unwrap_err();
    assert!(matches!(err, SaveError::TooLarge { mib: 1, .. }), "{err}");
    let message = err.to_string();
    assert!(message.contains("keeps its previous content"), "{message}");
    assert!(message.contains("128 MiB"), "{message}");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(names(dir.path()), ["state.json", "state.json.lock"]);
    // The writer's bound is the loader's: whatever one writes, the other reads.
    let file = fs::File::create(dir.path().join("at-bound.json")).unwrap();
    file.set_len(MAX_BYTES).unwrap();
    assert!(
        !matches!(inspect(&dir.path().join("at-bound.json")), Found::Bad(p) if p.contains("larger"))
    );
}

#[test]
fn fields_from_a_newer_version_survive_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let text = format!(
        r#"{{"version": 2, "bookmarks": [{{"id": "rapport", "note": "à relire"}}],
                "corpora": {{"{CORPUS}": {{"read": ["rapport"], "highlights": {{"rapport": [3, 9]}}}}}}}}"#
    );
    fs::write(&path, text).unwrap();
    let mut reader = session(&path, CORPUS);
    reader.save(marking(&[("sommet", true)])).unwrap();
    let json: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(json["bookmarks"][0]["note"], "à relire");
    assert_eq!(json["corpora"][CORPUS]["highlights"]["rapport"][1], 9);
    assert_eq!(marks(&path, CORPUS), ["rapport", "sommet"]);
    // And through a plain save of what was loaded.
    let loaded = load(&path).file;
    save(&path, &loaded).unwrap();
    let again: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(again, json);
}

#[cfg(unix)]
#[test]
fn a_symlinked_state_file_is_written_through_to_its_target_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let dotfiles = dir.path().join("dotfiles");
    fs::create_dir(&dotfiles).unwrap();
    let target = dotfiles.join("aes-state.json");
    let path = dir.path().join("state.json");
    // A link to a file that does not exist yet: the first save creates the target.
    std::os::unix::fs::symlink("dotfiles/aes-state.json", &path).unwrap();
    let mut reader = session(&path, CORPUS);
    reader.save(marking(&[("rapport", true)])).unwrap();
    reader.save(marking(&[("sommet", true)])).unwrap();
    assert!(
        fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(marks(&target, CORPUS), ["rapport", "sommet"]);
    assert_eq!(marks(&path, CORPUS), ["rapport", "sommet"]);
    // The backup and the lock live beside the target.
    assert_eq!(
        names(&dotfiles),
        [
            "aes-state.json",
            "aes-state.json.bak",
            "aes-state.json.lock"
        ]
    );
    assert_eq!(names(dir.path()), ["dotfiles", "state.json"]);
}

#[test]
fn saves_of_two_readers_merge_instead_of_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut a = session(&path, CORPUS);
    let mut b = session(&path, CORPUS);
    a.save(marking(&[("rapport", true)])).unwrap();
    let seen_by_b = b.save(marking(&[("sommet", true)])).unwrap();
    assert_eq!(marks(&path, CORPUS), ["rapport", "sommet"]);
    assert_eq!(
        seen_by_b.read,
        BTreeMap::from([("rapport".to_owned(), true)]),
        "b learns of a's mark"
    );
    // a has nothing to write: it only hears of b's mark, and the file is left alone.
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    let seen_by_a = a.save(Changes::default()).unwrap();
    assert_eq!(
        seen_by_a.read,
        BTreeMap::from([("sommet".to_owned(), true)])
    );
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), modified);
}

#[test]
fn the_latest_action_on_an_article_wins_and_untouched_articles_keep_the_disks_value() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut a = session(&path, CORPUS);
    let mut b = session(&path, CORPUS);
    a.save(marking(&[("rapport", true), ("sommet", true)]))
        .unwrap();
    // b unmarks what a marked (b saw it after its save): the later action wins.
    b.save(Changes::default()).unwrap();
    b.save(marking(&[("rapport", false)])).unwrap();
    assert_eq!(marks(&path, CORPUS), ["sommet"]);
    // a marks it again, later still.
    a.save(marking(&[("rapport", true)])).unwrap();
    assert_eq!(marks(&path, CORPUS), ["rapport", "sommet"]);
}

#[test]
fn a_process_that_rewrites_the_file_meanwhile_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut reader = session(&path, CORPUS);
    reader.save(marking(&[("rapport", true)])).unwrap();
    let mut outside = load(&path).file;
    outside
        .corpora
        .get_mut(CORPUS)
        .unwrap()
        .read
        .insert("ajout-externe".into());
    outside
        .corpora
        .insert("/autre/corpus".into(), corpus(&["x"]));
    save(&path, &outside).unwrap();
    reader.save(marking(&[("sommet", true)])).unwrap();
    assert_eq!(marks(&path, CORPUS), ["ajout-externe", "rapport", "sommet"]);
    assert_eq!(marks(&path, "/autre/corpus"), ["x"]);
}

#[test]
fn a_failed_save_keeps_its_changes_for_the_next_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut reader = session(&path, CORPUS);
    // The temp file cannot be written while a folder has its name (even for root).
    let blocker = temp_path(&path);
    fs::create_dir(&blocker).unwrap();
    let err = reader.save(marking(&[("rapport", true)])).unwrap_err();
    assert!(matches!(err, SaveError::Io { .. }), "{err}");
    assert!(!path.exists());
    fs::remove_dir(&blocker).unwrap();
    reader.save(marking(&[("sommet", true)])).unwrap();
    assert_eq!(marks(&path, CORPUS), ["rapport", "sommet"]);
}

#[test]
fn a_bad_file_at_save_time_is_kept_aside_and_the_merge_starts_from_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut other = StateFile::new();
    other.corpora.insert("/autre".into(), corpus(&["x"]));
    save(&path, &other).unwrap();
    let mut reader = session(&path, CORPUS);
    reader.save(marking(&[("rapport", true)])).unwrap();
    fs::write(&path, b"\0\0garbage").unwrap();
    reader.save(marking(&[("sommet", true)])).unwrap();
    // This corpus from the reader, the other one from the backup.
    assert_eq!(marks(&path, CORPUS), ["rapport", "sommet"]);
    assert_eq!(marks(&path, "/autre"), ["x"]);
    assert!(
        names(dir.path())
            .iter()
            .any(|n| n.starts_with("state.json.bad-"))
    );
}

#[test]
fn a_version_1_file_migrates_to_the_first_corpus_opened_without_loss() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let v1 = br#"{
  "version": 1,
  "read": ["rapport", "sommet"],
  "last": "sommet",
  "positions": {"sommet": {"block": 4, "offset": 12}},
  "bookmarks": ["rapport"]
}
"#;
    fs::write(&path, v1).unwrap();
    let opened = open(&path, CORPUS);
    assert_eq!(opened.warning, None);
    assert_eq!(opened.state.read.len(), 2);
    assert_eq!(opened.state.last.as_deref(), Some("sommet"));
    assert_eq!(opened.state.positions["sommet"].offset, 12);
    // The first save moves them to this corpus; one opened after does not get them.
    opened.session.unwrap().save(Changes::default()).unwrap();
    let elsewhere = open(&path, "/autre");
    assert_eq!(elsewhere.state, ReaderState::default());
    let told = elsewhere
        .session
        .unwrap()
        .save(marking(&[("x", true)]))
        .unwrap();
    assert!(told.is_empty(), "{told:?}");
    let file = load(&path).file;
    assert_eq!(file.version, 2);
    assert_eq!(file.unclaimed, None);
    assert_eq!(file.corpora[CORPUS].read.len(), 2);
    assert_eq!(file.corpora[CORPUS].positions["sommet"].block, 4);
    assert_eq!(file.corpora["/autre"].read.len(), 1);
    assert_eq!(file.extra["bookmarks"][0], "rapport");
    // The version-1 file is kept as it was, for going back to the old version.
    assert_eq!(fs::read(with_suffix(&path, ".v1.bak")).unwrap(), v1);
}

#[test]
fn version_1_marks_claimed_by_another_reader_leave_this_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    fs::write(&path, br#"{"version": 1, "read": ["rapport"]}"#).unwrap();
    let mut c1 = session(&path, "/c1");
    let mut c2 = session(&path, "/c2");
    c1.save(Changes::default()).unwrap();
    let told = c2.save(Changes::default()).unwrap();
    assert_eq!(told.read, BTreeMap::from([("rapport".to_owned(), false)]));
    assert_eq!(marks(&path, "/c1"), ["rapport"]);
    assert!(marks(&path, "/c2").is_empty());
}

#[test]
fn corpus_keys_are_canonical_folders_or_bundled() {
    let dir = tempfile::tempdir().unwrap();
    let c1 = dir.path().join("c1");
    fs::create_dir(&c1).unwrap();
    let key = |path: PathBuf| corpus_key(&Origin::Dir { path, via: "--dir" });
    assert_eq!(key(c1.clone()), key(dir.path().join("c1/../c1")));
    assert_eq!(
        key(c1.clone()),
        fs::canonicalize(&c1).unwrap().to_string_lossy()
    );
    assert_ne!(key(c1), key(dir.path().join("c2")));
    assert_eq!(corpus_key(&Origin::Embedded), "bundled");
}

#[test]
fn aside_names_are_never_reused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut kept = Vec::new();
    for content in [&b"one"[..], b"two", b"three"] {
        fs::write(&path, content).unwrap();
        kept.push(keep_aside(&path).unwrap());
    }
    for (k, content) in kept.iter().zip([&b"one"[..], b"two", b"three"]) {
        assert_eq!(fs::read(k).unwrap(), content);
    }
    assert!(!path.exists());
}

#[test]
fn temp_files_of_killed_saves_are_removed_once_stale() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let old = SystemTime::now() - 2 * STALE_TEMP;
    for name in [
        "state.json.tmp-12",
        "state.json.bak.tmp-34",
        "state.json.v1.bak.tmp-90",
        "state.json.tmp-fresh",
        "state.json.tmp-56",
        "other.tmp-78",
    ] {
        let f = fs::File::create(dir.path().join(name)).unwrap();
        // The last two are not ours or not stale.
        if name != "state.json.tmp-56" {
            f.set_modified(old).unwrap();
        }
    }
    load(&path);
    assert_eq!(
        names(dir.path()),
        [
            "other.tmp-78",
            "state.json.lock",
            "state.json.tmp-56",
            "state.json.tmp-fresh"
        ]
    );
}

#[test]
fn backup_times_are_shown_as_utc_dates() {
    let at = |secs| utc_minute(UNIX_EPOCH + Duration::from_secs(secs));
    assert_eq!(at(0), "1970-01-01 00:00 UTC");
    assert_eq!(at(951_782_400 + 3600 + 120), "2000-02-29 01:02 UTC");
    assert_eq!(at(1_709_164_800), "2024-02-29 00:00 UTC");
    assert_eq!(at(1_735_689_599), "2024-12-31 23:59 UTC");
    assert_eq!(at(4_107_542_400), "2100-03-01 00:00 UTC");
}

fn history(path: &Path) -> Vec<String> {
    load(path).file.corpora[CORPUS].history.clone()
}

fn kept(queries: &[&str]) -> Changes {
    Changes {
        history: queries.iter().map(|q| (*q).to_owned()).collect(),
        ..Changes::default()
    }
}

#[test]
fn two_readers_filters_are_all_kept_in_the_history_newest_last_each_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut a = session(&path, CORPUS);
    let mut b = session(&path, CORPUS);
    a.save(kept(&["lavrov", "sahel"])).unwrap();
    let seen_by_b = b.save(kept(&["niamey", "lavrov"])).unwrap();
    assert_eq!(history(&path), ["sahel", "niamey", "lavrov"]);
    let mut b_view = ReaderState::default();
    seen_by_b.apply(&mut b_view);
    assert!(
        b_view.history.contains(&"sahel".to_owned()),
        "b learns of a's filters"
    );
    // Marks saved meanwhile are untouched by the history.
    a.save(marking(&[("rapport", true)])).unwrap();
    assert_eq!(history(&path), ["sahel", "niamey", "lavrov"]);
    assert_eq!(marks(&path, CORPUS), ["rapport"]);
}

#[test]
fn the_history_keeps_the_newest_hundred_and_no_blank_filter() {
    let mut state = ReaderState::default();
    for i in 0..MAX_HISTORY + 20 {
        remember(&mut state.history, &format!("q{i}"));
    }
    remember(&mut state.history, "   ");
    assert_eq!(state.history.len(), MAX_HISTORY);
    assert_eq!(state.history[0], "q20");
    remember(&mut state.history, "q20");
    assert_eq!(state.history.last().map(String::as_str), Some("q20"));
    assert_eq!(state.history.len(), MAX_HISTORY);
}

#[test]
fn a_file_without_history_or_order_loads_and_an_unknown_order_reads_as_the_default() {
    let old =
        br#"{"version":2,"corpora":{"/corpus/sahel":{"read":["a"],"last":"a","positions":{}}}}"#;
    let file = StateFile::from_json(old).unwrap();
    let state = &file.corpora[CORPUS];
    assert!(state.history.is_empty() && state.sort.is_none());
    // Written back without the fields it does not use.
    let text = String::from_utf8(file.to_json().unwrap()).unwrap();
    assert!(
        !text.contains("history") && !text.contains("sort"),
        "{text}"
    );
    let newer = br#"{"version":2,"corpora":{"/corpus/sahel":{"sort":"by-mood","history":["x"]}}}"#;
    let state = StateFile::from_json(newer).unwrap().corpora[CORPUS].clone();
    assert_eq!(state.sort, Some(Sort::Newest));
    assert_eq!(state.history, ["x"]);
    let mut chosen = ReaderState::default();
    Changes {
        sort: Some(Sort::Title),
        ..Changes::default()
    }
    .apply(&mut chosen);
    let json = serde_json::to_string(&chosen).unwrap();
    assert!(json.contains(r#""sort":"title""#), "{json}");
}
