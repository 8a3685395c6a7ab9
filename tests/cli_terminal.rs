//! `show` and `list` printing to a terminal fit its width, which they ask the terminal for (not
//! `$COLUMNS`, which shells do not export): run in a pseudo-terminal of a given width
//! (`tests/support/term.rs`). Piped, they do not wrap at all (see `tests/cli_golden.rs`).
#![cfg(unix)]

mod support;

use support::reader::articles;
use support::term::{Cmd, Term};
use unicode_width::UnicodeWidthStr;

/// Everything `aes-reader --dir articles ARGS…` printed in a `width`-column terminal, as lines.
fn printed(width: u16, args: &[&str]) -> Vec<String> {
    let command = Cmd::reader().arg("--dir").arg(articles()).args(args);
    let t = Term::start(width, 50, command);
    assert_eq!(t.wait_for_exit(), "exit 0", "{}", t.screen());
    String::from_utf8(t.raw())
        .expect("UTF-8 output")
        .split("\r\n")
        .map(str::to_owned)
        .collect()
}

#[test]
fn show_wraps_its_paragraphs_to_a_narrow_terminal() {
    let lines = printed(60, &["show", "004"]);
    let widest = lines.iter().map(|l| l.width()).max().unwrap();
    assert!(
        widest <= 60,
        "a line of {widest} columns in a 60-column terminal"
    );
    // The width is used, not an 80- or 40-column guess.
    assert!(widest > 50, "the widest line has {widest} columns");
}

#[test]
fn list_shows_whole_titles_in_a_wide_terminal_and_cuts_them_in_a_narrow_one() {
    let long_title = "officialise un partenariat stratégique multidimensionnel";
    let wide = printed(200, &["list"]);
    assert!(
        wide.iter().any(|l| l.ends_with(long_title)),
        "{}",
        wide.join("\n")
    );
    let narrow = printed(80, &["list"]);
    // The first line names the corpus folder, as long as its path is.
    let widest = narrow[1..].iter().map(|l| l.width()).max().unwrap();
    assert!(
        widest <= 80,
        "a line of {widest} columns in an 80-column terminal:\n{}",
        narrow.join("\n")
    );
    assert!(!narrow.iter().any(|l| l.contains(long_title)));
}
