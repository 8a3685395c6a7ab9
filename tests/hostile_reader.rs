//! The hostile corpus in the full-screen reader, in a pseudo-terminal: every article opened, at its
//! top and its end, then the quote panel and the help, without a character that must never reach a
//! terminal on the screen, and without a byte the reader wrote being anything but its own drawing (no
//! title, bell, clipboard write or mouse switch from an article); the alias file's names reach the
//! quote panel sanitized.
#![cfg(unix)]

mod support;

use std::path::Path;

use support::hostile::build_folder;
use support::hostile::run::{LIMIT, aes, args};
use support::hostile::safety::is_forbidden;
use support::term::{Cmd, MouseProtocolMode, Term};

/// What is wrong on a screen: any character that must never reach a terminal from an article.
fn screen_problems(screen: &str) -> Vec<String> {
    screen
        .chars()
        .filter(|c| *c != '\n' && is_forbidden(*c))
        .map(|c| format!("U+{:04X} on screen", c as u32))
        .collect()
}

/// The DEC private modes the reader itself switches: the cursor (25), the alternate screen (1049)
/// and bracketed paste (2004). No mouse mode: the tests run it with `--no-mouse`, so a mouse switch
/// could only come from an article.
const OWN_MODES: [&str; 3] = ["25", "1049", "2004"];

/// What in the bytes the reader wrote is not its own drawing: any escape sequence but a CSI moving
/// the cursor (`H`), erasing (`J`, `K`), setting colours (`m`) or switching one of [`OWN_MODES`]
/// (so no OSC title or clipboard write, no DCS, APC or other string); any control character but CR
/// and LF (so no BEL); any character that must never reach a terminal; bytes that are not UTF-8.
/// Stricter than the screen, which only shows what a sequence left behind. A sequence or character
/// cut at the end is left for the bytes still to come.
fn stream_problems(raw: &[u8]) -> Vec<String> {
    let text = match std::str::from_utf8(raw) {
        Ok(text) => text,
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&raw[..e.valid_up_to()]).unwrap(),
        Err(e) => return vec![format!("the reader wrote bytes that are not UTF-8: {e}")],
    };
    let context = |at: usize| -> String { text[at..].chars().take(24).collect() };
    let mut problems = Vec::new();
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        if c == '\u{1b}' {
            let rest = &text[at + 1..];
            let cut = rest.is_empty()
                || rest.strip_prefix('[').is_some_and(|csi| {
                    csi.chars()
                        .all(|c| c.is_ascii_digit() || c == ';' || c == '?')
                });
            if cut {
                break;
            }
            let own = rest.strip_prefix('[').and_then(|csi| {
                let len = csi
                    .find(|c: char| !(c.is_ascii_digit() || c == ';' || c == '?'))
                    .unwrap_or(csi.len());
                let (params, end) = (&csi[..len], csi[len..].chars().next()?);
                let own = match end {
                    'H' | 'J' | 'K' | 'm' => !params.starts_with('?'),
                    'h' | 'l' => params
                        .strip_prefix('?')
                        .is_some_and(|modes| modes.split(';').all(|m| OWN_MODES.contains(&m))),
                    _ => false,
                };
                own.then_some(1 + len + 1)
            });
            if let Some(len) = own {
                at += 1 + len;
                continue;
            }
            problems.push(format!(
                "a sequence the reader does not draw with, at byte {at}: {:?}",
                context(at)
            ));
        } else if !matches!(c, '\r' | '\n') && (c.is_control() || is_forbidden(c)) {
            problems.push(format!(
                "U+{:04X} written at byte {at}: {:?}",
                c as u32,
                context(at)
            ));
        }
        if problems.len() >= 20 {
            break;
        }
        at += c.len_utf8();
    }
    problems
}

/// The reader on a hostile folder at 120x40, mouse left alone (so a leaked mouse-mode switch would
/// show), once every article is loaded and listed.
fn reader_session(dir: &Path, state: &Path) -> Term {
    let command = Cmd::reader()
        .env("XDG_STATE_HOME", state)
        .args(["--no-mouse", "--dir"])
        .arg(dir);
    let t = Term::start(120, 40, command);
    // Articles stream in: wait until all are loaded and the list has its rows.
    t.wait("the article list", |s| {
        s.contains("1 Articles") && !s.contains("loading") && s.contains("┃▶")
    });
    t
}

/// Words that only the bodies of some hostile articles hold: seeing them proves those articles
/// were opened and drawn.
const BODY_ONLY: [&str; 6] = [
    "Sadiola",
    "Badalabougou",
    "Tillabéri",
    "FAUX",
    "ＡＥＳ",
    "Tsivilev",
];

#[test]
fn the_reader_shows_hostile_articles_without_passing_sequences_to_the_terminal() {
    let (dir, _) = build_folder(&["main", "reader"]);
    let n_articles = aes(dir.path(), &args(&["list", "--json"]), LIMIT)
        .json_lines()
        .len();
    let state = tempfile::tempdir().unwrap();
    let t = reader_session(dir.path(), state.path());

    let mut problems = Vec::new();
    let mut seen = String::new();
    for i in 0..n_articles {
        // Open the selected article (the reader takes the focus), look at its top and its end,
        // come back to the list, move on.
        t.keys(&["Enter"]);
        seen.push_str(&t.wait("the reading pane to take the focus", |s| {
            s.contains("▶ Article ")
        }));
        for p in screen_problems(&t.screen()) {
            problems.push(format!("article {i}, top: {p}"));
        }
        t.keys(&["G"]);
        for p in screen_problems(&t.screen()) {
            problems.push(format!("article {i}, end: {p}"));
        }
        t.keys(&["BTab"]);
        t.wait("the list to take the focus back", |s| {
            s.contains("▶ 1 Articles")
        });
        t.keys(&["j"]);
        if let Some(how) = t.exit_status() {
            panic!("the reader exited at article {i} ({how}):\n{}", t.screen());
        }
    }
    // The quote panel and the help, over the last article.
    t.keys(&["Tab", "Tab"]);
    t.wait("the quote panel to take the focus", |s| {
        s.contains("▶ Quotes")
    });
    t.keys(&["?"]);
    t.wait("the help", |s| s.contains(" Keys "));
    for p in screen_problems(&t.screen()) {
        problems.push(format!("help over the quote panel: {p}"));
    }
    t.keys(&["Escape"]);
    // A key sent right behind Escape would read as Alt+key: wait for the help to close first.
    t.wait("the help to close", |s| !s.contains(" Keys "));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for word in BODY_ONLY {
        assert!(
            seen.contains(word),
            "never saw {word:?}: was that article opened?"
        );
    }
    t.events(|e| {
        assert!(
            e.titles.is_empty(),
            "the terminal title changed: {:?}",
            e.titles
        );
        assert_eq!(e.bells, 0, "an article rang the bell");
        assert!(
            e.clipboard_writes.is_empty(),
            "an article wrote the clipboard: {:?}",
            e.clipboard_writes
        );
    });
    assert_eq!(
        t.mouse().0,
        MouseProtocolMode::None,
        "an article turned mouse mode on"
    );
    assert!(t.alternate_on());
    let problems = stream_problems(&t.raw());
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    t.keys(&["q"]);
    assert_eq!(t.wait_for_exit(), "exit 0", "{}", t.screen());
    assert!(
        !t.alternate_on(),
        "the terminal is still in the alternate screen"
    );
    // The alternate screen and bracketed paste (no mouse: `--no-mouse`) on, then off.
    t.assert_modes_restored(&[1049, 2004]);
    let problems = stream_problems(&t.raw());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The speaker names of the alias file reach the quote panel sanitized, as they reach `quotes`.
#[test]
fn the_quote_panel_shows_alias_file_names_sanitized() {
    let (dir, _) = build_folder(&["main"]);
    let state = tempfile::tempdir().unwrap();
    let t = reader_session(dir.path(), state.path());
    t.keys(&["/"]);
    t.text("passeport");
    t.keys(&["Enter", "Enter"]);
    // Wait for the whole frame: a read can land while the terminal is still drawing it.
    let screen = t.wait("the article and its quotes to show", |s| {
        s.contains("symbole fort") && s.contains("Abdoulaye")
    });
    assert!(!screen.contains("pwned"), "{screen}");
    assert!(screen.contains("^[Abdoulaye Diop"), "{screen}");
}

/// The stream check itself: the reader's own drawing passes; a title, a clipboard write, a bell, a
/// mouse switch, a DCS string or a bidi control does not; a sequence cut at the end waits.
#[test]
fn the_stream_check_flags_what_an_article_could_smuggle() {
    let own = "\u{1b}[?1049h\u{1b}[?2004h\u{1b}[?25l\u{1b}[2J\u{1b}[1;1H\u{1b}[36;1m┏ Articles\u{1b}[0m\r\n";
    assert_eq!(stream_problems(own.as_bytes()), Vec::<String>::new());
    assert_eq!(
        stream_problems(format!("{own}\u{1b}[12;4").as_bytes()),
        Vec::<String>::new()
    );
    for smuggled in [
        "\u{1b}]0;pwned\u{7}",
        "\u{1b}]52;c;cHduZWQ=\u{1b}\\",
        "\u{7}",
        "\u{1b}[?1000h",
        "\u{1b}P1$r\u{1b}\\",
        "\u{202e}",
        "\u{9b}31m",
    ] {
        let problems = stream_problems(format!("{own}{smuggled}{own}").as_bytes());
        assert!(!problems.is_empty(), "{smuggled:?} passed the check");
    }
}
