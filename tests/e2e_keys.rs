//! End-to-end: the reader's keys of issue 17 in a pseudo-terminal (120x40): Esc from the reading
//! pane keeps a kept filter; the filter line edits at its cursor (←, typing, Ctrl-w) and `↑`
//! brings back a filter kept in an earlier run; `o` starts `$BROWSER` (a script the test writes)
//! with the article's URL as its argument.
#![cfg(unix)]

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use support::reader::{articles, corpus_size, list_rows};
use support::term::{Cmd, Term, wait_until};

/// The reader on the seed corpus, its state kept in `state`.
fn reader(state: &Path) -> Cmd {
    Cmd::reader()
        .env("XDG_STATE_HOME", state)
        .env("NO_COLOR", "")
        .arg("--dir")
        .arg(articles())
}

/// The screen row holding the filter line (it starts with `/`).
fn filter_row(screen: &str) -> Option<(usize, String)> {
    screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with('/'))
        .map(|(i, l)| (i, l.trim_end().to_owned()))
}

/// The query the filter line shows (up to its count on the right).
fn query(screen: &str) -> String {
    filter_row(screen)
        .map(|(_, l)| {
            let l = l.trim_start_matches('/');
            l.split("  ").next().unwrap_or_default().to_owned()
        })
        .unwrap_or_default()
}

#[test]
fn escape_from_the_reader_keeps_the_filter_kept_with_enter() {
    let state = tempfile::tempdir().unwrap();
    let t = Term::start(120, 40, reader(state.path()));
    let n = corpus_size();
    t.wait("the whole list", |s| list_rows(s) == n);
    t.keys(&["/"]);
    t.text("lavrov");
    t.keys(&["Enter"]);
    let kept = t.wait("the filter kept", |s| {
        s.contains("▶ 1 Articles") && list_rows(s) < n && query(s) == "lavrov"
    });
    let listed = list_rows(&kept);
    t.keys(&["j", "Enter"]);
    t.wait_for("▶ Article ");
    t.keys(&["Escape"]);
    let back = t.wait("the list focused again", |s| s.contains("▶ 1 Articles"));
    assert_eq!(query(&back), "lavrov", "{back}");
    assert_eq!(list_rows(&back), listed, "{back}");
    // In the list, Esc clears it, as before.
    t.keys(&["Escape"]);
    t.wait("every article listed", |s| list_rows(s) == n);
    t.keys(&["q"]);
    assert_eq!(t.wait_for_exit(), "exit 0");
}

#[test]
fn the_filter_line_edits_at_its_cursor_and_remembers_kept_filters_across_runs() {
    let state = tempfile::tempdir().unwrap();
    let t = Term::start(120, 40, reader(state.path()));
    t.wait("the whole list", |s| list_rows(s) == corpus_size());
    t.keys(&["/"]);
    t.text("lavov");
    t.wait("the query typed", |s| query(s) == "lavov");
    t.keys(&["Left", "Left"]);
    t.text("r");
    let screen = t.wait("the letter typed at the cursor", |s| query(s) == "lavrov");
    // The terminal's cursor sits after `lavr`, on the filter line.
    let (row, _) = filter_row(&screen).unwrap();
    let (col, cursor_row, shown) = t.cursor();
    assert!(shown, "the cursor is shown while editing");
    assert_eq!((usize::from(cursor_row), col), (row, 5), "{screen}");
    // Ctrl-w takes the word before the cursor, and leaves what follows it.
    t.keys(&["C-w"]);
    t.wait("the word deleted", |s| query(s) == "ov");
    t.keys(&["End", "C-u"]);
    t.wait("the line emptied", |s| query(s).is_empty());
    t.text("sahel");
    t.keys(&["Enter"]);
    t.wait("the filter kept", |s| s.contains("▶ 1 Articles"));
    t.keys(&["q"]);
    assert_eq!(t.wait_for_exit(), "exit 0");

    let t = Term::start(120, 40, reader(state.path()));
    t.wait("the whole list", |s| list_rows(s) == corpus_size());
    t.keys(&["/"]);
    t.wait("the filter line open", |s| filter_row(s).is_some());
    t.keys(&["Up"]);
    let screen = t.wait("the kept filter back", |s| query(s) == "sahel");
    assert!(screen.contains("/sahel"), "{screen}");
    t.keys(&["Down"]);
    t.wait("back to what was typed", |s| query(s).is_empty());
    t.keys(&["Escape"]);
    t.wait("the filter line closed", |s| filter_row(s).is_none());
    t.keys(&["q"]);
    assert_eq!(t.wait_for_exit(), "exit 0");
}

#[test]
fn o_starts_the_browser_with_the_articles_url_as_its_argument() {
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let got = dir.path().join("got");
    let script = dir.path().join("browser");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > '{}.tmp' && mv '{0}.tmp' '{0}'\n",
            got.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let t = Term::start(120, 40, reader(state.path()).env("BROWSER", &script));
    t.wait("the whole list", |s| list_rows(s) == corpus_size());
    t.keys(&["/"]);
    t.text("renforce ses relations");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("▶ Article ");
    t.keys(&["o"]);
    let url = "https://p.dw.com/p/4sf7z";
    let said = t.wait_for(&format!("Opening {url} with"));
    let recorded = wait_until("the browser to record its argument", || {
        std::fs::read_to_string(&got).ok()
    });
    assert_eq!(
        recorded,
        format!("1\n{url}\n"),
        "one argument, the URL: {said}"
    );
    t.keys(&["q"]);
    assert_eq!(t.wait_for_exit(), "exit 0");
}
