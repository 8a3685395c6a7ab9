//! What packagers and bug reporters use, through the real binary: completion scripts for every
//! shell (bash's parses with `bash -n`), the manual pages (rendered with `man -l` when `man` is
//! installed), and the log file (`--log-file`, `AES_READER_LOG`): timings and counts, never
//! article text.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn aes() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_aes-reader"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("AES_READER_DIR")
        .env_remove("AES_READER_LOG")
        .env(
            "AES_READER_CACHE_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("test-cache"),
        );
    cmd
}

fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// Whether `program` can be run (`program --version`).
fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn every_shell_gets_a_completion_script() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = ok(aes().args(["completions", shell]).output().unwrap());
        assert!(script.contains("aes-reader"), "{shell}");
        assert!(script.contains("speakers"), "{shell}");
    }
}

#[test]
fn the_bash_completion_script_parses() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("aes-reader.bash");
    std::fs::write(
        &path,
        ok(aes().args(["completions", "bash"]).output().unwrap()),
    )
    .unwrap();
    let check = Command::new("bash").arg("-n").arg(&path).output().unwrap();
    assert!(
        check.status.success(),
        "bash -n: {}",
        String::from_utf8_lossy(&check.stderr)
    );
}

/// `man -l PAGE` as plain text, or `None` (with a message) where `man` is not installed.
fn render(page: &Path) -> Option<String> {
    if !installed("man") {
        eprintln!("skipped: `man` is not installed (apt-get install man-db)");
        return None;
    }
    // Not justified: groff spreads the spaces of a justified line from alternate ends, so a
    // phrase's two words could be two spaces apart depending on what came before.
    let out = Command::new("man")
        .arg("--nj")
        .arg("-l")
        .arg(page)
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("MANWIDTH", "100")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "man -l {}: {stderr}", page.display());
    // groff names the line of any request it does not understand.
    assert!(
        !stderr.contains("warning"),
        "man -l {}: {stderr}",
        page.display()
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn the_manual_page_renders_with_man() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("aes-reader.1");
    std::fs::write(&page, ok(aes().arg("man").output().unwrap())).unwrap();
    let Some(text) = render(&page) else { return };
    for needed in [
        "NAME",
        "SYNOPSIS",
        "--dir",
        "--log-file",
        "aes-reader-quotes(1)",
        "EXIT STATUS",
        "nothing found",
        "AES_READER_DIR",
    ] {
        assert!(text.contains(needed), "no {needed:?} in:\n{text}");
    }
}

#[test]
fn man_out_dir_writes_every_page_it_names_and_each_renders() {
    let dir = tempfile::tempdir().unwrap();
    let listed = ok(aes()
        .args(["man", "--out-dir"])
        .arg(dir.path())
        .output()
        .unwrap());
    let written: Vec<PathBuf> = listed.lines().map(PathBuf::from).collect();
    assert_eq!(written[0], dir.path().join("aes-reader.1"));
    for sub in [
        "list", "show", "check", "quotes", "speakers", "cite", "search",
    ] {
        assert!(written.contains(&dir.path().join(format!("aes-reader-{sub}.1"))));
    }
    for page in &written {
        if let Some(text) = render(page) {
            assert!(text.contains("SYNOPSIS"), "{}:\n{text}", page.display());
        }
    }
}

#[test]
fn man_out_dir_into_a_missing_folder_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no/such/folder");
    let out = aes()
        .args(["man", "--out-dir"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("cannot write the manual page"), "{stderr}");
    assert!(stderr.contains(&missing.display().to_string()), "{stderr}");
    assert!(stderr.contains("Check that the folder exists"), "{stderr}");
    assert!(!stderr.contains("standard output"), "{stderr}");
}

// ------------------------------------------------------------------------------------------ log

/// The titles and a quote of the seeds: none may reach the log.
const ARTICLE_TEXT: [&str; 3] = [
    "La Russie renforce ses relations",
    "alliance militaire",
    "politique étrangère",
];

#[test]
fn the_log_file_holds_timings_and_counts_and_no_article_text() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("aes.log");
    let out = aes()
        .args(["--dir", "articles", "quotes", "--log-file"])
        .arg(&log)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = std::fs::read_to_string(&log).expect("the log is written");
    for needed in [
        "aes-reader started",
        "command=\"quotes\"",
        "corpus listed",
        "articles=5",
        "rejected=0",
        "quotes found",
        "ms=",
        "finished",
        "exit=0",
    ] {
        assert!(text.contains(needed), "no {needed:?} in:\n{text}");
    }
    for article in ARTICLE_TEXT {
        assert!(!text.contains(article), "{article:?} in:\n{text}");
    }
}

#[test]
fn the_log_file_can_come_from_the_environment_and_records_errors() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("aes.log");
    let out = aes()
        .args(["--dir", "articles", "show", "nope"])
        .env("AES_READER_LOG", &log)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = std::fs::read_to_string(&log).expect("the log is written");
    assert!(text.contains("ERROR"), "{text}");
    assert!(text.contains("no article `nope`"), "{text}");
    // A second run appends.
    aes()
        .args(["--dir", "articles", "check"])
        .env("AES_READER_LOG", &log)
        .output()
        .unwrap();
    let again = std::fs::read_to_string(&log).unwrap();
    assert!(again.starts_with(&text) && again.len() > text.len());
}

#[test]
fn no_log_is_written_without_the_option() {
    let dir = tempfile::tempdir().unwrap();
    let out = aes()
        .args(["--dir"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("articles"))
        .arg("list")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn an_empty_log_variable_means_no_log() {
    let out = aes()
        .args(["--dir", "articles", "check"])
        .env("AES_READER_LOG", "")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_log_file_that_cannot_be_opened_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("missing/aes.log");
    let out = aes()
        .args(["--dir", "articles", "list", "--log-file"])
        .arg(&log)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&log.display().to_string()), "{stderr}");
    assert!(stderr.contains("leave out --log-file"), "{stderr}");
}
