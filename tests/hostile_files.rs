//! The hostile corpus through the headless subcommands: every file loads or is rejected as its
//! manifest entry says (with the French text around the junk intact), no subcommand lets anything an
//! article holds reach the terminal as a control or panics, exit codes are the documented ones, the
//! loaded articles are safe and stable under a second sanitize, and the quote engine finishes on the
//! big shapes. The runs are gathered once for all these tests (see `gathered`).
#![cfg(unix)]

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Instant;

use aes_reader::corpus::Store;
use aes_reader::corpus::sanitize::{Report, sanitize};
use serde_json::Value;
use support::hostile::expect::entry_problems;
use support::hostile::run::{LIMIT, Run, aes, args, find, run_all};
use support::hostile::safety::{is_forbidden, run_problems};
use support::hostile::{build_entries, build_folder, hostile_dir, manifest, reads_despite_chmod};

// ------------------------------------------------------------------------------------ the main run

/// Everything the tests look at, gathered once: the runs of the binary over the main folder and
/// over each large shape alone, and what the library says of the main folder's files. The folders
/// are deleted afterwards.
struct Gathered {
    main: Vec<Run>,
    /// (entry name, runs over a folder holding only that entry)
    alone: Vec<(String, Vec<Run>)>,
    notes: Vec<String>,
    library_problems: Vec<String>,
}

/// Search queries: French with accents, CJK, a payload word, a marker, and an escape sequence.
const QUERIES: [&str; 5] = ["sécurité", "中国", "pwned", "^[", "\u{1b}]0;titre\u{7}"];

/// The gathered runs. A panic while gathering is kept and reported by every test, so that the tests
/// waiting on it do not each gather again.
fn gathered() -> &'static Gathered {
    static G: OnceLock<Result<Gathered, String>> = OnceLock::new();
    let g = G.get_or_init(|| {
        std::panic::catch_unwind(gather).map_err(|e| {
            e.downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default()
        })
    });
    match g {
        Ok(g) => g,
        Err(e) => panic!("gathering the runs failed: {e}"),
    }
}

fn gather() -> Gathered {
    let clock = Instant::now();
    let (main_dir, mut notes) = build_folder(&["main"]);
    let main = gather_runs(main_dir.path(), true);
    let library_problems = library_problems(main_dir.path());
    drop(main_dir);
    let main_time = clock.elapsed();
    let mut alone = Vec::new();
    for e in manifest().file.iter().filter(|e| e.in_folder(&["alone"])) {
        let (dir, more_notes) = build_entries(&[e]);
        notes.extend(more_notes);
        alone.push((e.name.clone(), gather_runs(dir.path(), false)));
    }
    println!(
        "hostile corpus: {} runs over the main folder in {main_time:.1?}, {} over {} large \
         shapes alone in {:.1?}",
        main.len(),
        alone.iter().map(|(_, r)| r.len()).sum::<usize>(),
        alone.len(),
        clock.elapsed() - main_time
    );
    for n in &notes {
        println!("note: {n}");
    }
    Gathered {
        main,
        alone,
        notes,
        library_problems,
    }
}

/// `list --json` first (for the ids), then `check` and `show` (both forms) for every id. With `all`,
/// every other subcommand too: `list`, an unknown id, and the quote engine (`quotes`, `speakers`,
/// `search`), which the large shapes leave to their own test (each of their runs reads megabytes
/// of pathological text, so they get the runs that prove their fate and no more).
fn gather_runs(dir: &Path, all: bool) -> Vec<Run> {
    let list = aes(dir, &args(&["list", "--json"]), LIMIT);
    let ids: Vec<String> = list
        .json_lines()
        .iter()
        .filter_map(|v| v["id"].as_str().map(str::to_owned))
        .collect();
    let mut jobs = vec![args(&["check"])];
    for id in &ids {
        jobs.push(vec!["show".into(), id.into()]);
        jobs.push(vec!["show".into(), id.into(), "--json".into()]);
    }
    if all {
        jobs.push(args(&["list"]));
        // An unknown id that is itself hostile: the error names it, safely.
        jobs.push(args(&["show", "\u{1b}]0;pwned\u{7}\u{202e}inconnu"]));
        for a in [
            &["quotes"][..],
            &["quotes", "--json"],
            &["speakers"],
            &["speakers", "--json"],
            &["quotes", "--speaker", "Diop"],
        ] {
            jobs.push(args(a));
        }
        for q in QUERIES {
            jobs.push(args(&["search", q]));
            jobs.push(args(&["search", q, "--json"]));
        }
    }
    let mut runs = vec![list];
    runs.extend(run_all(dir, jobs, LIMIT));
    runs
}

/// In-process checks on the same folder: every loaded article is safe and sanitizing it again
/// changes nothing; every committed file sanitizes idempotently.
fn library_problems(dir: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let store = Store::load(dir).unwrap();
    for a in store.articles() {
        let fields = [("title", &a.meta.title), ("body", &a.body)];
        for (what, text) in fields {
            if let Some(c) = text.chars().find(|c| is_forbidden(*c)) {
                problems.push(format!("{}: {what} holds U+{:04X}", a.file, c as u32));
            }
            let again = sanitize(text, &mut Report::default());
            if &again != text {
                problems.push(format!(
                    "{}: sanitizing the {what} again changes it",
                    a.file
                ));
            }
        }
        for b in &a.blocks {
            if a.body.get(b.range.clone()).is_none() {
                problems.push(format!("{}: a block range is not in the body", a.file));
            }
        }
    }
    for e in manifest().file.iter().filter(|e| e.generated.is_none()) {
        let bytes = fs::read(hostile_dir().join(&e.name)).unwrap();
        if let Ok((text, _)) = aes_reader::corpus::sanitize::decode(&bytes) {
            let once = sanitize(&text, &mut Report::default());
            let twice = sanitize(&once, &mut Report::default());
            if once != twice {
                problems.push(format!("{}: sanitize is not idempotent", e.name));
            }
        }
    }
    problems
}

// ------------------------------------------------------------------------------------ tests

#[test]
fn the_manifest_describes_every_file_and_commits_no_big_one() {
    let m = manifest();
    assert!(m.file.len() >= 40, "{} entries", m.file.len());
    let mut on_disk: Vec<String> = fs::read_dir(hostile_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "manifest.toml")
        .collect();
    on_disk.sort();
    let mut committed: Vec<String> = m
        .file
        .iter()
        .filter(|e| e.generated.is_none())
        .map(|e| e.name.clone())
        .collect();
    committed.sort();
    assert_eq!(
        on_disk, committed,
        "committed files and manifest entries differ"
    );
    for e in &m.file {
        assert!(!e.contains.trim().is_empty(), "{}: says nothing", e.name);
        assert!(
            [
                "escape", "unicode", "encoding", "shape", "name", "metadata", "control"
            ]
            .contains(&e.category.as_str()),
            "{}: category {}",
            e.name,
            e.category
        );
        assert!(
            matches!(
                (e.outcome.as_str(), e.check.as_str()),
                ("loads", "ok" | "warning")
                    | ("rejected", "REJECTED")
                    | ("skipped", "warning")
                    | ("data", "none")
            ),
            "{}: outcome {} with check {}",
            e.name,
            e.outcome,
            e.check
        );
        if e.outcome == "loads" {
            assert!(
                e.title.is_some(),
                "{}: a loaded file needs its title",
                e.name
            );
        }
        assert!(
            e.folders
                .iter()
                .all(|f| ["main", "alone", "reader"].contains(&f.as_str())),
            "{}: folders {:?}",
            e.name,
            e.folders
        );
        if e.generated.is_none() {
            let size = fs::metadata(hostile_dir().join(&e.name)).unwrap().len();
            assert!(
                size <= 16 * 1024,
                "{}: {size} bytes; generate it instead",
                e.name
            );
        }
    }
}

#[test]
fn no_subcommand_lets_a_control_character_reach_the_terminal() {
    let g = gathered();
    let mut problems = Vec::new();
    for run in g.main.iter().chain(g.alone.iter().flat_map(|(_, r)| r)) {
        problems.extend(run_problems(run));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_subcommand_panics_and_exit_codes_are_the_documented_ones() {
    let g = gathered();
    for run in g.main.iter().chain(g.alone.iter().flat_map(|(_, r)| r)) {
        let expected = match run.args.first().and_then(|a| a.to_str()) {
            // `check` exits 1 when a file was rejected, as its last line says.
            Some("check") if !run.out().trim_end().ends_with(", 0 rejected") => 1,
            Some("show") if run.args[1].to_string_lossy().contains("inconnu") => 2,
            // What finds nothing exits 1, as grep does (these formats then print nothing).
            Some("search" | "quotes" | "speakers") if run.out().is_empty() => 1,
            _ => 0,
        };
        assert_eq!(
            run.code,
            Some(expected),
            "{}: stderr {}",
            run.label,
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let unknown = g
        .main
        .iter()
        .find(|r| r.code == Some(2))
        .expect("the unknown id run");
    let err = String::from_utf8_lossy(&unknown.stderr);
    assert!(err.contains("no article `^[inconnu`"), "{err}");
}

#[test]
fn every_file_meets_its_manifest_expectation() {
    let g = gathered();
    let mut problems = Vec::new();
    let folders = std::iter::once((None, &g.main)).chain(g.alone.iter().map(|(n, r)| (Some(n), r)));
    for (only, runs) in folders {
        let check = find(runs, &["check"]).out().to_owned();
        let listed: BTreeMap<String, Value> = find(runs, &["list", "--json"])
            .json_lines()
            .into_iter()
            .map(|v| (v["file"].as_str().unwrap_or_default().to_owned(), v))
            .collect();
        let entries = manifest().file.iter().filter(|e| match only {
            None => e.in_folder(&["main"]),
            Some(name) => e.name == *name,
        });
        for e in entries {
            problems.extend(entry_problems(e, runs, &check, &listed));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn loaded_articles_are_safe_and_stable_under_a_second_sanitize() {
    let g = gathered();
    assert!(
        g.library_problems.is_empty(),
        "{}",
        g.library_problems.join("\n")
    );
}

#[test]
fn the_unreadable_file_expectation_matches_the_machine() {
    let g = gathered();
    let noted = g.notes.iter().any(|n| n.contains("running as root"));
    assert_eq!(noted, reads_despite_chmod());
}

/// The quote engine on the big shapes (a 5 MiB line full of « quotes », a million lines): `quotes`,
/// `speakers` and `search` must finish, and as safely as the rest.
#[test]
fn the_quote_engine_finishes_on_the_big_shapes() {
    let (dir, _) = build_folder(&["alone"]);
    let mut jobs = vec![args(&["quotes", "--json"]), args(&["speakers", "--json"])];
    jobs.push(args(&["search", "sécurité", "--json"]));
    let runs = run_all(dir.path(), jobs, LIMIT);
    let problems: Vec<String> = runs.iter().flat_map(run_problems).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
