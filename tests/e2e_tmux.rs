//! End-to-end: drives the built `aes-reader` in a real terminal (tmux at 120x40) — launch, move,
//! filter, open, jump to a quote, quit — and checks the terminal came back. Needs tmux (CI installs it).

mod support;

use std::path::Path;
use std::process::Command;

use support::tmux::{Tmux, articles, corpus_size, list_rows, quote, selected_row};

#[test]
fn a_user_can_filter_open_jump_to_a_quote_and_quit_cleanly() {
    let state = tempfile::tempdir().unwrap();
    let command = format!(
        "env XDG_STATE_HOME={} NO_COLOR= {} --dir {}; echo EXITED:$?; sleep 60",
        quote(state.path()),
        quote(Path::new(env!("CARGO_BIN_EXE_aes-reader"))),
        quote(&articles()),
    );
    let t = Tmux::start(120, 40, &command, false);

    let n = corpus_size();
    let start = t.wait("the whole list", |s| list_rows(s) == n);
    assert!(start.contains("▶ Articles"), "{start}");
    assert_eq!(t.alternate_on(), "1");

    // Move down: the marker follows.
    let first = selected_row(&start);
    t.keys(&["j"]);
    t.wait("the selection to move", |s| selected_row(s) != first);

    // Filter live.
    t.keys(&["/"]);
    t.text("lavrov");
    let filtered = t.wait_for("/lavrov");
    assert!(filtered.contains("Articles "), "{filtered}");
    t.keys(&["Enter"]);
    t.keys(&["Enter"]);
    let reading = t.wait_for("▶ Article ");
    assert!(selected_row(&reading).to_lowercase().contains("russie") || reading.contains("Lavrov"));

    // The quote panel: select the last quote and jump to it.
    t.keys(&["Tab"]);
    let quotes = t.wait_for("▶ Quotes");
    if !quotes.contains("Quotes (0)") {
        t.keys(&["G", "Enter"]);
        t.wait("the reader to leave the top", |s| !s.contains(" top ┘"));
    }

    // Help opens and Esc closes it.
    t.keys(&["?"]);
    t.wait_for(" Keys ");
    t.keys(&["Escape"]);
    t.wait("the help to close", |s| !s.contains(" Keys "));

    t.keys(&["q"]);
    t.wait_for("EXITED:0");
    assert_eq!(
        t.alternate_on(),
        "0",
        "the terminal is still in the alternate screen"
    );
    let saved = std::fs::read_to_string(state.path().join("aes-reader/state.json")).unwrap();
    assert!(saved.contains("\"read\""), "{saved}");
}

#[test]
fn without_a_terminal_it_says_so_and_fails() {
    let out = Command::new(env!("CARGO_BIN_EXE_aes-reader"))
        .args(["--no-state", "--dir"])
        .arg(articles())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(out.stdout.is_empty());
}
