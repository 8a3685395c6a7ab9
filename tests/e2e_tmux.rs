//! End-to-end: drives the built `aes-reader` in a real terminal (tmux at 120x40) — launch, move,
//! filter, open, jump to a quote, quit — and checks the terminal came back; and the quote panel
//! explaining its selected quote's speaker. Needs tmux (CI installs it).

mod support;

use std::path::Path;
use std::process::Command;

use support::tmux::{
    Tmux, articles, corpus_size, list_rows, quote, reader, selected_quote, selected_row,
};

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

/// True when the panel rows of a selected quote (as [`selected_quote`] reads them) open with its
/// head and, right below it, the cue that gave its speaker.
fn explained(rows: &[String]) -> bool {
    rows.get(1)
        .is_some_and(|r| r.trim_start().starts_with("why: "))
}

#[test]
fn the_selected_quote_shows_how_sure_its_speaker_is_and_why() {
    // Without colour: the confidence must read from the marks alone.
    let command = format!(
        "env NO_COLOR=1 {} --no-state --dir {}; echo EXITED:$?; sleep 60",
        quote(&reader()),
        quote(&articles()),
    );
    let t = Tmux::start(120, 40, &command, false);
    t.wait("the whole list", |s| list_rows(s) == corpus_size());

    // Open an article with quotes (as the user would find it) and focus the quote panel.
    t.keys(&["/"]);
    t.text("lavrov");
    t.wait_for("/lavrov");
    t.keys(&["Enter"]);
    t.keys(&["Enter"]);
    t.wait_for("▶ Article ");
    t.keys(&["Tab"]);
    let screen = t.wait(
        "the quote panel to show its selected quote explained",
        |s| s.contains("▶ Quotes") && selected_quote(s).is_some_and(|(_, rows)| explained(&rows)),
    );
    let (at, rows) = selected_quote(&screen).unwrap();
    assert!(
        ["●●●", "●●○", "●○○"].iter().any(|m| rows[0].contains(m)),
        "no confidence mark on the selected quote:\n{screen}"
    );
    assert!(rows[1].trim().len() > "why:".len(), "{screen}");
    assert_eq!(screen.matches("why: ").count(), 1, "{screen}");

    // The explanation follows the selection: one quote explained at a time.
    t.keys(&["j"]);
    let moved = t.wait("the selection to move, explained", |s| {
        selected_quote(s).is_some_and(|(i, r)| (i, &r) != (at, &rows) && explained(&r))
    });
    assert_eq!(moved.matches("why: ").count(), 1, "{moved}");

    t.keys(&["q"]);
    t.wait_for("EXITED:0");
    assert_eq!(t.alternate_on(), "0");
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
