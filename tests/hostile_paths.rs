//! Hostile paths around the corpus: a named pipe with an article's name is rejected without blocking
//! the load; symbolic links out of the corpus are reported and read only with `--follow-symlinks`,
//! while a device or a pipe behind a link is still refused and a folder linking to itself ends the
//! walk.
#![cfg(unix)]

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use serde_json::Value;
use support::hostile::expect::entry_problems;
use support::hostile::run::{Limit, Run, aes, args, run_all};
use support::hostile::safety::run_problems;
use support::hostile::{generate, hostile_dir, manifest};

/// A named pipe with an article's name is rejected, not opened: opening it would wait for a writer
/// forever, and the whole corpus with it.
#[test]
fn a_named_pipe_is_rejected_without_blocking_the_load() {
    let dir = tempfile::tempdir().unwrap();
    let m = manifest();
    for e in m
        .file
        .iter()
        .filter(|e| e.isolated || e.name == "propre_temoin.txt")
    {
        let path = dir.path().join(e.disk_name());
        match e.generated.as_deref() {
            Some(kind) => generate(kind, e, &path, &mut Vec::new()),
            None => {
                fs::copy(hostile_dir().join(&e.name), &path).unwrap();
            }
        }
    }
    let limit = Limit {
        cpu: Duration::from_secs(20),
        wall: Duration::from_secs(20),
    };
    let check = aes(dir.path(), &args(&["check"]), limit);
    let listed = aes(dir.path(), &args(&["list", "--json"]), limit);
    let check_out = check.out().to_owned();
    let listed: BTreeMap<String, Value> = listed
        .json_lines()
        .into_iter()
        .map(|v| (v["file"].as_str().unwrap_or_default().to_owned(), v))
        .collect();
    let mut problems: Vec<String> = run_problems(&check);
    problems.extend(
        m.file
            .iter()
            .filter(|e| e.isolated)
            .flat_map(|e| entry_problems(e, &[], &check_out, &listed)),
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(listed.contains_key("propre_temoin.txt"));
}

/// Symbolic links out of the corpus: reported and not read by default; with `--follow-symlinks`
/// read (a file, a folder), while a device or a pipe behind a link is still refused and a folder
/// that links to itself ends the walk.
#[test]
fn links_out_of_the_corpus_are_read_only_with_follow_symlinks() {
    let outside = tempfile::tempdir().unwrap();
    let o = outside.path();
    fs::write(
        o.join("article.txt"),
        "Un article rangé hors du corpus\n2025-06-02\n\nCe texte vit dans un autre dossier.\n",
    )
    .unwrap();
    fs::create_dir(o.join("dossier")).unwrap();
    fs::write(
        o.join("dossier/interne.txt"),
        "Un article dans un dossier lié\n2025-06-03\n\nCe texte est lu par un lien de dossier.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(o.join("dossier"), o.join("dossier/retour")).unwrap();
    let fifo = Command::new("mkfifo").arg(o.join("tube")).status().unwrap();
    assert!(fifo.success(), "mkfifo failed");
    let corpus = tempfile::tempdir().unwrap();
    let c = corpus.path();
    fs::copy(
        hostile_dir().join("propre_temoin.txt"),
        c.join("propre_temoin.txt"),
    )
    .unwrap();
    let link =
        |target: &Path, name: &str| std::os::unix::fs::symlink(target, c.join(name)).unwrap();
    link(&o.join("article.txt"), "dehors.txt");
    link(&o.join("dossier"), "dossier");
    link(Path::new("/dev/null"), "null.txt");
    link(&o.join("tube"), "tube_dehors.txt");

    let limit = Limit {
        cpu: Duration::from_secs(30),
        wall: Duration::from_secs(60),
    };
    let runs = run_all(
        c,
        vec![
            args(&["check"]),
            args(&["list", "--json"]),
            args(&["check", "--follow-symlinks"]),
            args(&["list", "--json", "--follow-symlinks"]),
        ],
        limit,
    );
    let problems: Vec<String> = runs.iter().flat_map(run_problems).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let files = |run: &Run| -> Vec<String> {
        run.json_lines()
            .iter()
            .filter_map(|v| v["file"].as_str().map(str::to_owned))
            .collect()
    };
    let has = |run: &Run, line: &str| run.out().lines().any(|l| l.starts_with(line));

    let (check, list) = (&runs[0], &runs[1]);
    assert_eq!(files(list), ["propre_temoin.txt"]);
    for line in [
        "REJECTED  dehors.txt: a symbolic link to a file outside the corpus folder",
        "REJECTED  dossier: a symbolic link to a folder outside the corpus folder",
        "REJECTED  null.txt: a symbolic link to a file outside the corpus folder (/dev/null)",
        "REJECTED  tube_dehors.txt: a symbolic link to a file outside the corpus folder",
    ] {
        assert!(has(check, line), "no {line:?} in\n{}", check.out());
    }
    assert!(check.out().contains("pass --follow-symlinks to read it"));
    assert_eq!(check.code, Some(1));

    let (check, list) = (&runs[2], &runs[3]);
    let mut listed = files(list);
    listed.sort();
    assert_eq!(
        listed,
        ["dehors.txt", "dossier/interne.txt", "propre_temoin.txt"]
    );
    for line in [
        "ok        dehors.txt",
        "ok        dossier/interne.txt",
        "REJECTED  dossier/retour: a symbolic link to a folder already read",
        "REJECTED  null.txt: a symbolic link to a device, not a regular file",
        "REJECTED  tube_dehors.txt: a symbolic link to a named pipe, not a regular file",
    ] {
        assert!(has(check, line), "no {line:?} in\n{}", check.out());
    }

    let help = Command::new(env!("CARGO_BIN_EXE_aes-reader"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("--follow-symlinks"), "{help}");
}
