//! End-to-end: drives the built `aes-reader` in a pseudo-terminal (120x40) — launch, move, filter,
//! open, jump to a quote, quit — and checks the terminal came back; the quote panel explaining its
//! selected quote's speaker; content that once froze the reader (a paragraph of 100,000 `« `, a
//! 10,000-character paste or burst of keys into the filter); and keys typed before the first list
//! arrives.
#![cfg(unix)]

mod support;

use std::path::Path;
use std::process::Command;

use support::reader::{
    articles, corpus_size, list_rows, selected_line, selected_quote, selected_row,
};
use support::term::{Cmd, READER_MODES, Term};

#[test]
fn a_user_can_filter_open_jump_to_a_quote_and_quit_cleanly() {
    let state = tempfile::tempdir().unwrap();
    let command = Cmd::reader()
        .env("XDG_STATE_HOME", state.path())
        .env("NO_COLOR", "")
        .arg("--dir")
        .arg(articles());
    let t = Term::start(120, 40, command);

    let n = corpus_size();
    let start = t.wait("the whole list", |s| list_rows(s) == n);
    assert!(start.contains("▶ 1 Articles"), "{start}");
    assert!(t.alternate_on());

    // Move down: the marker follows.
    let first = selected_row(&start);
    t.keys(&["j"]);
    t.wait("the selection to move", |s| selected_row(s) != first);

    // Filter live.
    t.keys(&["/"]);
    t.text("lavrov");
    let filtered = t.wait_for("/lavrov");
    assert!(
        filtered.contains(&format!(" of {n} articles")),
        "{filtered}"
    );
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
    assert_eq!(t.wait_for_exit(), "exit 0", "{}", t.screen());
    assert!(
        !t.alternate_on(),
        "the terminal is still in the alternate screen"
    );
    t.assert_modes_restored(&READER_MODES);
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
    let command = Cmd::reader()
        .env("NO_COLOR", "1")
        .args(["--no-state", "--dir"])
        .arg(articles());
    let t = Term::start(120, 40, command);
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
    assert_eq!(t.wait_for_exit(), "exit 0", "{}", t.screen());
    assert!(!t.alternate_on());
}

#[test]
fn without_a_terminal_it_says_so_and_fails() {
    let out = Command::new(env!("CARGO_BIN_EXE_aes-reader"))
        .args(["--no-state", "--no-index", "--dir"])
        .arg(articles())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(out.stdout.is_empty());
}

/// The reader on `dir`, without state.
fn reader_on(dir: &Path) -> Cmd {
    Cmd::reader()
        .env("RUST_BACKTRACE", "0")
        .args(["--no-state", "--dir"])
        .arg(dir)
}

#[test]
fn an_article_of_a_hundred_thousand_guillemets_opens_resizes_and_quits() {
    // Once, wrapping this paragraph took 23 s of the UI thread per selection and per resize.
    let dir = tempfile::tempdir().unwrap();
    let guillemets = format!(
        "+++\ntitle = \"Des guillemets à perte de vue\"\ndate = 2025-06-02\n+++\nIl a dit {}et s’est tu.\n",
        "« ".repeat(100_000)
    );
    let bangs = format!(
        "+++\ntitle = \"Des exclamations sans fin\"\ndate = 2025-06-01\n+++\nQuelle surprise {}\n",
        "! ".repeat(30_000)
    );
    std::fs::write(dir.path().join("guillemets.txt"), guillemets).unwrap();
    std::fs::write(dir.path().join("exclamations.txt"), bangs).unwrap();
    let t = Term::start(80, 24, reader_on(dir.path()));
    t.wait("both articles listed", |s| list_rows(s) == 2);
    t.keys(&["Enter"]);
    t.wait("the first article open", |s| {
        s.contains("▶ Article ") && (s.contains("« « «") || s.contains("! ! !"))
    });
    t.keys(&["G"]);
    t.wait("the end of the article", |s| s.contains(" end ┛"));
    t.resize(200, 60);
    t.keys(&["Tab", "Tab", "j", "Enter"]);
    t.wait("the second article open", |s| {
        s.contains("▶ Article ") && s.contains("« « «") && s.contains("! ! !")
            || (s.contains("▶ Article ") && selected_line(s) == Some(2))
    });
    t.resize(120, 40);
    t.keys(&["q"]);
    assert_eq!(t.wait_for_exit(), "exit 0", "{}", t.screen());
}

/// Ten thousand characters of French words, spaces between.
fn long_text() -> String {
    let text = "la coopération entre Bamako et Moscou se renforce ".repeat(200);
    assert!(text.chars().count() >= 10_000);
    text
}

/// The filter line's query: what follows `/` on the row that starts with it.
fn filter_query(screen: &str) -> Option<String> {
    screen
        .lines()
        .find(|l| l.starts_with('/'))
        .map(|l| l[1..].to_owned())
}

#[test]
fn a_ten_thousand_character_paste_is_capped_and_the_reader_stays_responsive() {
    let t = Term::start(120, 40, reader_on(&articles()));
    let n = corpus_size();
    t.wait("the whole list", |s| list_rows(s) == n);
    // A bracketed paste (the reader asked for it): one event, however long.
    assert!(
        t.bracketed_paste(),
        "the reader did not turn bracketed paste on"
    );
    t.paste(&long_text());
    let screen = t.wait_for("256 characters at most");
    assert!(
        filter_query(&screen).is_some_and(|q| q.contains("renforce")),
        "{screen}"
    );
    still_responsive(&t, n);
}

#[test]
fn ten_thousand_characters_typed_into_the_filter_are_capped_and_the_reader_stays_responsive() {
    let t = Term::start(120, 40, reader_on(&articles()));
    let n = corpus_size();
    t.wait("the whole list", |s| list_rows(s) == n);
    t.keys(&["/"]);
    t.wait("the filter line", |s| filter_query(s).is_some());
    // Not a paste: ten thousand key events.
    t.text(&long_text());
    t.wait_for("256 characters at most");
    still_responsive(&t, n);
}

/// After a capped query: Esc clears the filter (all `n` articles back), the list moves, `q` quits.
fn still_responsive(t: &Term, n: usize) {
    t.keys(&["Escape"]);
    t.wait("the filter cleared", |s| {
        filter_query(s).is_none() && list_rows(s) == n
    });
    t.keys(&["j"]);
    t.wait("the selection to move", |s| selected_line(s) == Some(2));
    t.keys(&["q"]);
    assert_eq!(t.wait_for_exit(), "exit 0", "{}", t.screen());
}

#[test]
fn keys_typed_as_the_reader_starts_are_not_lost() {
    // Three dated articles: the list's order is known (newest first).
    let dir = tempfile::tempdir().unwrap();
    for (file, date, title) in [
        ("a.txt", "2025-03-01", "Le premier sommet de Niamey"),
        ("b.txt", "2025-02-01", "Une coopération qui avance"),
        ("c.txt", "2025-01-01", "Le troisième accord de défense"),
    ] {
        let text = format!(
            "+++\ntitle = \"{title}\"\ndate = {date}\n+++\nLes ministres se sont réunis à Bamako.\n"
        );
        std::fs::write(dir.path().join(file), text).unwrap();
    }
    let t = Term::start(100, 30, reader_on(dir.path()));
    // At once, while the reader starts: they wait in the terminal, then for the first list.
    t.keys(&["j", "j", "Tab"]);
    let screen = t.wait("the keys to take effect", |s| {
        s.contains("▶ Article ") && selected_line(s) == Some(3)
    });
    // The reading pane shows the article selected by the keys.
    let row = selected_row(&screen);
    let shown = ["Le premier sommet", "Une coopération", "Le troisième"]
        .into_iter()
        .find(|t| row.contains(t))
        .unwrap_or_else(|| panic!("no known title selected:\n{screen}"));
    assert_eq!(screen.matches(shown).count(), 2, "{screen}");
    t.keys(&["q"]);
    assert_eq!(t.wait_for_exit(), "exit 0", "{}", t.screen());
}
