//! End-to-end: the configuration file in a pseudo-terminal (120x40). A file that swaps `j` and `k`
//! in the list and sets `theme = "light"` moves the selection the other way, shows the new keys
//! in the help overlay (an insta snapshot of the overlay) and draws in the light theme's colours;
//! a bad file still starts the reader, on the built-in keys, with the error on the status bar and
//! again on standard error at exit.
#![cfg(unix)]

mod support;

use std::path::Path;

use support::reader::{articles, corpus_size, list_rows, selected_line};
use support::term::{Cmd, Term};

/// The reader on the seed corpus, its state in `dir/state`, its configuration file `dir/c.toml`
/// holding `config` (named by `--config`).
fn reader(dir: &Path, config: &str) -> Cmd {
    let file = dir.join("c.toml");
    std::fs::write(&file, config).unwrap();
    Cmd::reader()
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_CONFIG_HOME", dir.join("xdg"))
        .env_remove("AES_READER_CONFIG")
        .env_remove("NO_COLOR")
        .arg("--dir")
        .arg(articles())
        .arg("--config")
        .arg(file)
}

/// The help overlay's inside: the lines between its side borders.
fn help_box(screen: &str) -> String {
    screen
        .lines()
        .skip_while(|l| !l.contains("Keys"))
        .skip(1)
        .take_while(|l| !l.contains('╚'))
        .map(|l| {
            let start = l.find('║').map_or(0, |i| i + '║'.len_utf8());
            let end = l.rfind('║').unwrap_or(l.len()).max(start);
            l[start..end].trim_end().to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const SWAPPED: &str =
    "theme = \"light\"\ncolor = \"256\"\n\n[keys.list]\ndown = [\"k\"]\nup = [\"j\"]\n";

#[test]
fn a_config_swapping_j_and_k_moves_the_list_the_other_way_in_the_light_theme() {
    let dir = tempfile::tempdir().unwrap();
    let t = Term::start(120, 40, reader(dir.path(), SWAPPED));
    let n = corpus_size();
    let screen = t.wait("the whole list", |s| list_rows(s) == n);
    let first = selected_line(&screen).expect("a selected row");
    // `k` now goes down, `j` up.
    t.keys(&["k", "k"]);
    t.wait("two rows down with k", |s| {
        selected_line(s) == Some(first + 2)
    });
    t.keys(&["j"]);
    t.wait("one row up with j", |s| selected_line(s) == Some(first + 1));
    // The status bar hints say so.
    assert!(t.screen().contains("k/j move"), "{}", t.screen());
    // The light theme: the selected row is black on light blue (palette 153).
    let styled = t.styled_screen();
    assert!(styled.contains("on Idx(153)"), "{styled}");
    // The help overlay shows the keys in effect.
    t.keys(&["?"]);
    let help = t.wait_for("Article list");
    let inside = help_box(&help);
    assert!(inside.contains("next article"), "{help}");
    insta::assert_snapshot!("help_overlay_with_j_and_k_swapped", inside);
    // (Esc then q apart: sent together they read as Alt-q.)
    t.keys(&["Escape"]);
    t.wait("the help closed", |s| !s.contains("Article list"));
    t.keys(&["q"]);
    assert_eq!(t.wait_for_exit(), "exit 0");
}

#[test]
fn a_bad_config_still_starts_the_reader_on_the_built_in_keys_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "[keys.list]\ndwn = [\"j\"]\n";
    let t = Term::start(120, 40, reader(dir.path(), bad));
    let n = corpus_size();
    let screen = t.wait("the whole list", |s| list_rows(s) == n);
    let status = screen.lines().last().unwrap_or_default().to_owned();
    assert!(
        status.contains("config error: ") && status.contains("c.toml:2:1"),
        "{screen}"
    );
    assert!(
        status.contains("defaults in use; aes-reader config check"),
        "{screen}"
    );
    // The built-in keys work.
    let first = selected_line(&screen).expect("a selected row");
    t.keys(&["j"]);
    let moved = t.wait("one row down with j", |s| {
        selected_line(s) == Some(first + 1)
    });
    // The note stays after a key.
    assert!(moved.contains("config error: "), "{moved}");
    t.keys(&["q"]);
    assert_eq!(t.wait_for_exit(), "exit 0");
    // The whole message again, on standard error, after the screen is restored.
    let after = t.screen();
    assert!(
        after.contains("unknown action `dwn` in [keys.list]"),
        "{after}"
    );
    assert!(after.contains("2 | dwn = [\"j\"]"), "{after}");
}

#[test]
fn a_missing_config_file_named_by_the_flag_is_said_but_the_reader_starts() {
    let dir = tempfile::tempdir().unwrap();
    let cmd = Cmd::reader()
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .env("NO_COLOR", "1")
        .arg("--dir")
        .arg(articles())
        .arg("--config")
        .arg(dir.path().join("nope.toml"));
    let t = Term::start(120, 40, cmd);
    let screen = t.wait("the whole list", |s| list_rows(s) == corpus_size());
    assert!(screen.contains("config error: "), "{screen}");
    t.keys(&["q"]);
    assert_eq!(t.wait_for_exit(), "exit 0");
    let after = t.screen();
    assert!(after.contains("nope.toml"), "{after}");
    assert!(after.contains("named by --config"), "{after}");
}
