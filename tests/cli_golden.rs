//! Golden outputs of every headless subcommand on the bundled seed corpus (`articles/`), in text
//! and in JSON, run through the real binary: standard output, standard error and the exit status
//! are pinned together (insta snapshots in `tests/snapshots/cli/`). Also: every JSON object opens
//! with `"schema": 1`, `quotes --json` is byte for byte `quotes --format jsonl`, and what finds
//! nothing says so on standard error with exit status 1. Each command runs twice, through a
//! corpus cache of the test's own (cold, then warm): the second run prints the same bytes.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use support::transcript::Run;

/// The corpus cache of this test process: under the build's temporary folder, emptied once.
fn cache_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-golden-cache");
        let _ = std::fs::remove_dir_all(&dir);
        dir
    })
}

/// Runs `aes-reader ARGS…` in the crate's folder on the seeds (`--dir articles`, a relative path so
/// the output names no machine's folder), piped: no terminal width, no colour, no log.
fn aes(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_aes-reader"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--dir", "articles"])
        .args(args)
        .env_remove("AES_READER_DIR")
        .env_remove("AES_READER_LOG")
        .env_remove("COLUMNS")
        .env("AES_READER_CACHE_DIR", cache_dir())
        .output()
        .expect("the binary runs");
    Run::of(format!("--dir articles {}", args.join(" ")), output)
}

/// Pins the transcript of `aes-reader --dir articles ARGS…` as snapshot `name`.
fn golden(name: &str, args: &[&str]) -> Run {
    let run = aes(args);
    let warm = aes(args);
    assert_eq!(
        warm.transcript(),
        run.transcript(),
        "a second run (the cache warm) prints the same bytes"
    );
    run.pin(name);
    run
}

/// Every line of a JSON Lines output is an object whose first field is `"schema": 1`.
fn assert_schema_first(run: &Run) {
    assert!(!run.stdout.is_empty(), "{}", run.transcript());
    for line in run.stdout.lines() {
        assert!(
            line.starts_with(r#"{"schema":1,"#),
            "{}: {line:.120}",
            run.args
        );
        let value: serde_json::Value = serde_json::from_str(line).expect("JSON");
        assert_eq!(value["schema"], 1);
    }
}

#[test]
fn list_in_text_and_json() {
    let text = golden("list", &["list"]);
    assert_eq!(text.status, 0);
    assert_schema_first(&golden("list_json", &["list", "--json"]));
}

#[test]
fn show_in_text_and_json() {
    assert_eq!(golden("show", &["show", "004"]).status, 0);
    assert_schema_first(&golden("show_json", &["show", "004", "--json"]));
}

#[test]
fn check_on_a_clean_corpus() {
    assert_eq!(golden("check", &["check"]).status, 0);
}

#[test]
fn quotes_in_every_format() {
    assert_eq!(golden("quotes", &["quotes"]).status, 0);
    assert_schema_first(&golden("quotes_json", &["quotes", "--json"]));
    golden("quotes_csv", &["quotes", "--format", "csv"]);
    golden("quotes_markdown", &["quotes", "--format", "markdown"]);
}

#[test]
fn quotes_filtered_by_speaker_and_article() {
    golden("quotes_by_speaker", &["quotes", "--speaker", "lavrov"]);
    golden("quotes_of_article", &["quotes", "--article", "003"]);
}

#[test]
fn quotes_json_is_byte_for_byte_the_jsonl_format() {
    let json = aes(&["quotes", "--json"]);
    let jsonl = aes(&["quotes", "--format", "jsonl"]);
    assert_eq!(json.status, 0);
    assert!(
        json.stdout == jsonl.stdout,
        "--json and --format jsonl differ"
    );
}

#[test]
fn speakers_in_text_and_json() {
    let text = golden("speakers", &["speakers"]);
    // One quote, one article: no plural.
    assert!(
        text.stdout
            .lines()
            .any(|l| l.contains(" 1 quote ") && l.contains(" 1 article ")),
        "{}",
        text.stdout
    );
    assert!(!text.stdout.contains(" 1 quotes") && !text.stdout.contains(" 1 articles"));
    assert_schema_first(&golden("speakers_json", &["speakers", "--json"]));
}

#[test]
fn search_in_text_and_json() {
    assert_eq!(golden("search", &["search", "Wagner"]).status, 0);
    assert_schema_first(&golden("search_json", &["search", "Wagner", "--json"]));
}

#[test]
fn cite_in_every_format() {
    for format in ["text", "markdown", "bibtex", "csl-json"] {
        let run = golden(
            &format!("cite_{format}"),
            &["cite", "004", "003", "--format", format],
        );
        assert_eq!(run.status, 0);
    }
}

#[test]
fn a_search_that_matches_nothing_says_so_and_exits_1() {
    for args in [&["search", "zzzqqq"][..], &["search", "zzzqqq", "--json"]] {
        let run = aes(args);
        assert_eq!(run.status, 1, "{}", run.transcript());
        assert_eq!(run.stdout, "");
        assert_eq!(run.stderr, "aes-reader: no article matches `zzzqqq`\n");
    }
}

#[test]
fn a_quote_filter_that_matches_nothing_says_so_and_exits_1() {
    golden("quotes_by_nobody", &["quotes", "--speaker", "nobody"]);
    let run = golden(
        "quotes_by_nobody_markdown",
        &[
            "quotes",
            "--speaker",
            "nobody",
            "--article",
            "004",
            "--format",
            "markdown",
        ],
    );
    assert_eq!(run.status, 1);
    for format in ["jsonl", "csv"] {
        let run = aes(&["quotes", "--speaker", "nobody", "--format", format]);
        assert_eq!(run.status, 1, "{}", run.transcript());
        assert!(
            run.stderr
                .contains("no quote by a speaker matching `nobody`")
        );
    }
}

#[test]
fn errors_say_what_happened_and_what_to_do_once_with_exit_status_2() {
    let unknown = golden("error_unknown_id", &["show", "nope"]);
    assert_eq!(unknown.status, 2);
    let missing = Command::new(env!("CARGO_BIN_EXE_aes-reader"))
        .args(["--dir", "/nonexistent/aes-reader-corpus", "list"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(missing.stderr).unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("/nonexistent/aes-reader-corpus"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Check the path given with --dir"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("No such file or directory").count(),
        1,
        "{stderr}"
    );
}

#[test]
fn reader_flags_are_refused_by_the_headless_commands() {
    let run = golden("error_reader_flag", &["--no-state", "list"]);
    assert_eq!(run.status, 2);
    let after = aes(&["list", "--no-mouse"]);
    assert_eq!(after.status, 2);
    assert!(
        after.stderr.contains("unexpected argument '--no-mouse'"),
        "{}",
        after.stderr
    );
}

#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_is_an_error_but_a_closed_pipe_is_not() {
    let full = Command::new(env!("CARGO_BIN_EXE_aes-reader"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--dir", "articles", "quotes"])
        .env("AES_READER_CACHE_DIR", cache_dir())
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(full.status.code(), Some(2));
    let stderr = String::from_utf8(full.stderr).unwrap();
    assert!(
        stderr.starts_with("aes-reader: cannot write to standard output: "),
        "{stderr}"
    );
    // `aes-reader quotes | true`: the reader of the pipe is gone before anything is written.
    let piped = Command::new("bash")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("-c")
        .arg("set -o pipefail; \"$0\" --dir articles quotes | true")
        .arg(env!("CARGO_BIN_EXE_aes-reader"))
        .env("AES_READER_CACHE_DIR", cache_dir())
        .output()
        .unwrap();
    assert!(piped.status.success());
    assert_eq!(String::from_utf8_lossy(&piped.stderr), "");
}
