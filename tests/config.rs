//! The configuration file, headless, through the real binary: `config default` prints a file that
//! `config check` accepts; `config check` says `ok: PATH` (exit 0) or each problem with
//! `FILE:LINE:COL`, the line and a caret (exit 2), for each kind of mistake: an unknown setting,
//! context, action or key name, two actions on one key, a value of the wrong type, a bad theme,
//! colour depth, colour role or colour. Golden transcripts of `config default` and `config check`
//! (ok and error) sit with the other commands' in `tests/snapshots/cli/`.

mod support;

use std::path::Path;
use std::process::Command;

use support::transcript::Run;

/// Runs `aes-reader ARGS…` in `dir` with no configuration file in the environment (its own
/// `XDG_CONFIG_HOME`, inside `dir`, empty).
fn aes(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_aes-reader"))
        .current_dir(dir)
        .args(args)
        .env_remove("AES_READER_CONFIG")
        .env_remove("AES_READER_LOG")
        .env_remove("COLUMNS")
        .env("XDG_CONFIG_HOME", dir.join("xdg"))
        .output()
        .expect("the binary runs");
    Run::of(args.join(" "), output)
}

/// `config check config.toml` on a file holding `text`, in a folder of its own.
fn check(text: &str) -> Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml"), text).unwrap();
    aes(dir.path(), &["config", "check", "config.toml"])
}

/// `text` is refused (exit 2) with an error at `config.toml:LINE:COL` saying each of `said`.
fn refused(text: &str, line_col: &str, said: &[&str]) {
    let run = check(text);
    assert_eq!(run.status, 2, "{}", run.transcript());
    assert_eq!(run.stdout, "", "{}", run.transcript());
    let first = run.stderr.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(&format!("config error: config.toml:{line_col}: ")),
        "{}",
        run.stderr
    );
    for s in said {
        assert!(run.stderr.contains(s), "{s:?} not in\n{}", run.stderr);
    }
    // The offending line, and a caret under its place.
    assert!(run.stderr.contains(" | "), "{}", run.stderr);
    assert!(run.stderr.contains('^'), "{}", run.stderr);
}

#[test]
fn the_default_file_passes_its_check() {
    let dir = tempfile::tempdir().unwrap();
    let default = aes(dir.path(), &["config", "default"]);
    assert_eq!(default.status, 0, "{}", default.transcript());
    assert!(default.stdout.contains("[keys.list]"));
    assert!(default.stdout.contains("Ctrl-c always quits"));
    std::fs::write(dir.path().join("config.toml"), &default.stdout).unwrap();
    let run = aes(dir.path(), &["config", "check", "config.toml"]);
    assert_eq!(
        (run.status, run.stdout.as_str(), run.stderr.as_str()),
        (0, "ok: config.toml\n", "")
    );
}

#[test]
fn config_default_and_check_golden() {
    let dir = tempfile::tempdir().unwrap();
    aes(dir.path(), &["config", "default"]).pin("config_default");
    let good = "theme = \"light\"\n\n[keys.list]\ndown = [\"k\"]\nup = [\"j\"]\n";
    std::fs::write(dir.path().join("good.toml"), good).unwrap();
    let ok = aes(dir.path(), &["config", "check", "good.toml"]);
    assert_eq!(ok.status, 0);
    ok.pin("config_check_ok");
    let bad = "[keys.list]\ndown = [\"Dwn\", \"j\"]\nup = [\"j\"]\nswap = [\"x\"]\n";
    std::fs::write(dir.path().join("bad.toml"), bad).unwrap();
    let error = aes(dir.path(), &["config", "check", "bad.toml"]);
    assert_eq!(error.status, 2);
    error.pin("config_check_error");
}

#[test]
fn an_unknown_setting_is_refused_with_the_settings_allowed() {
    refused(
        "sort = \"newest\"\ncolour = \"red\"\n",
        "2:1",
        &["unknown setting `colour`", "`theme`", "`keys`"],
    );
}

#[test]
fn an_unknown_context_is_refused_with_the_contexts() {
    refused(
        "[keys.lst]\ndown = [\"j\"]\n",
        "1:7",
        &["unknown setting `lst`", "`list`", "`speakers_view`"],
    );
}

#[test]
fn an_unknown_action_is_refused_with_the_context_s_actions() {
    refused(
        "[keys.list]\ndwn = [\"j\"]\n",
        "2:1",
        &["unknown action `dwn` in [keys.list]", "down, up"],
    );
}

#[test]
fn an_unknown_key_name_is_refused_with_the_key_syntax() {
    refused(
        "[keys.reader]\ndown = [\"j\", \"Dwn\"]\n",
        "2:14",
        &["unknown key `Dwn`", "Ctrl-"],
    );
}

#[test]
fn two_actions_on_one_key_are_refused() {
    refused(
        "[keys.list]\ndown = [\"x\"]\nup = [\"x\"]\n",
        "3:7",
        &["`x` is bound to two actions in [keys.list]: `down` (line 2) and `up`"],
    );
}

#[test]
fn a_value_of_the_wrong_type_is_refused() {
    refused("mouse = \"yes\"\n", "1:9", &["expected a boolean"]);
    refused(
        "[keys.list]\ndown = \"j\"\n",
        "2:8",
        &["a list of keys such as [\"j\", \"Down\"]"],
    );
}

#[test]
fn a_bad_theme_depth_role_or_colour_is_refused() {
    refused(
        "theme = \"solarized\"\n",
        "1:9",
        &["unknown value `solarized`", "`dark` or `light`"],
    );
    refused(
        "color = \"8\"\n",
        "1:9",
        &["unknown colour depth", "\"truecolor\""],
    );
    refused(
        "[colors]\ntitel = \"red\"\n",
        "2:1",
        &["unknown colour role `titel`", "`title`"],
    );
    refused(
        "[colors]\nquote = \"purple\"\n",
        "2:9",
        &["unknown colour \"purple\"", "#rrggbb"],
    );
}

#[test]
fn a_missing_named_file_is_an_error_but_a_missing_default_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let missing = aes(dir.path(), &["config", "check", "nope.toml"]);
    assert_eq!(missing.status, 2, "{}", missing.transcript());
    assert!(missing.stderr.contains("nope.toml"), "{}", missing.stderr);
    assert!(
        missing.stderr.contains("aes-reader config default >"),
        "{}",
        missing.stderr
    );
    let default = aes(dir.path(), &["config", "check"]);
    assert_eq!(default.status, 0, "{}", default.transcript());
    assert!(
        default.stdout.starts_with("ok: no file at "),
        "{}",
        default.stdout
    );
    // The variable names a file that must exist.
    let by_env = Command::new(env!("CARGO_BIN_EXE_aes-reader"))
        .current_dir(dir.path())
        .args(["config", "check"])
        .env("AES_READER_CONFIG", "absent.toml")
        .output()
        .unwrap();
    assert_eq!(by_env.status.code(), Some(2));
    let stderr = String::from_utf8(by_env.stderr).unwrap();
    assert!(stderr.contains("absent.toml"), "{stderr}");
    assert!(stderr.contains("$AES_READER_CONFIG"), "{stderr}");
}

#[test]
fn the_config_flag_is_the_reader_s_alone() {
    let dir = tempfile::tempdir().unwrap();
    let run = aes(dir.path(), &["--config", "c.toml", "list"]);
    assert_eq!(run.status, 2, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("--config is for the full-screen reader"),
        "{}",
        run.stderr
    );
}
