//! End-to-end, in a pseudo-terminal at 120x40 on the bundled corpus, as a new user would go: every
//! Lavrov quote with its outlet and date on screen within 5 keys (`2 / l a v`), who is quoted most
//! within 2 (`3`), and `y` copying a quote's citation: the OSC 52 sequence in the terminal's byte
//! stream, tmux's own paste buffer with `set-clipboard on` (the reader run inside tmux, itself in the
//! pseudo-terminal; skipped with a message where tmux is not installed), and a copy command from
//! `AES_READER_COPY_COMMAND`.
#![cfg(unix)]

mod support;

use std::process::Command;

use aes_reader::corpus::cite;
use aes_reader::corpus::quote::QuoteIndex;
use aes_reader::corpus::store::Store;
use support::reader::{articles, corpus_size, list_rows, reader};
use support::term::{Cmd, Term, wait_until};

/// The reader on the bundled corpus, without state or colour, and without a copy command unless
/// `env` sets one.
fn reader_command(env: &[(&str, &str)]) -> Cmd {
    let mut cmd = Cmd::reader()
        .env_remove("AES_READER_COPY_COMMAND")
        .env("NO_COLOR", "1");
    for (k, v) in env {
        cmd = cmd.env(k, v);
    }
    cmd.arg("--no-state").arg("--dir").arg(articles())
}

/// A headless subcommand's standard output.
fn headless(args: &[&str]) -> String {
    let out = Command::new(reader())
        .arg("--dir")
        .arg(articles())
        .args(args)
        .env(
            "AES_READER_CACHE_DIR",
            std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("test-cache"),
        )
        .output()
        .expect("run aes-reader");
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn started(env: &[(&str, &str)]) -> Term {
    let t = Term::start(120, 40, reader_command(env));
    t.wait("the whole list", |s| list_rows(s) == corpus_size());
    t
}

/// One Lavrov quote as `aes-reader quotes --json` gives it, with its article's date, outlet and
/// title as `aes-reader list --json` gives them (a dash for what is missing, as the screen does).
struct Said {
    words: String,
    date: String,
    outlet: String,
    title: String,
}

fn lavrov_quotes() -> Vec<Said> {
    let articles: Vec<serde_json::Value> = headless(&["list", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let field = |a: &serde_json::Value, k: &str| a[k].as_str().unwrap_or("—").to_owned();
    headless(&["quotes", "--speaker", "lavrov", "--json"])
        .lines()
        .map(|l| {
            let q: serde_json::Value = serde_json::from_str(l).unwrap();
            let a = articles.iter().find(|a| a["id"] == q["id"]).unwrap();
            Said {
                words: q["quote"].as_str().unwrap().to_owned(),
                date: field(a, "date"),
                outlet: field(a, "source"),
                title: field(a, "title"),
            }
        })
        .collect()
}

/// The first `n` characters of `s`.
fn start(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

#[test]
fn every_lavrov_quote_is_on_screen_with_its_outlet_and_date_within_five_keys() {
    let said = lavrov_quotes();
    assert!(said.len() >= 3, "the bundled corpus quotes Lavrov");
    let t = started(&[]);
    // Five keys: the Quotes view, then `/lav`.
    t.keys(&["2"]);
    t.wait_for("▶ 2 Quotes");
    t.keys(&["/"]);
    t.text("lav");
    let screen = t.wait("Lavrov's quotes", |s| {
        s.contains("/lav") && s.lines().nth(2).is_some_and(|l| l.contains("Lavrov"))
    });
    let mut lines: Vec<&str> = screen.lines().collect();
    for q in &said {
        // Its own row (words, date and outlet on one line), or, printed by several articles, one
        // line per printing under the row (date, outlet, the article's title).
        let own = lines.iter().position(|l| {
            l.contains(&start(&q.words, 20)) && l.contains(&q.date) && l.contains(&q.outlet)
        });
        let printing = lines.iter().position(|l| {
            l.contains(&format!("└ {}", start(&q.title, 20)))
                && l.contains(&q.date)
                && l.contains(&q.outlet)
        });
        let Some(at) = own.or(printing) else {
            panic!(
                "« {} » ({} {}) is not on screen:\n{screen}",
                q.words, q.date, q.outlet
            );
        };
        // Each line stands for one quote.
        lines.remove(at);
    }
    t.keys(&["Enter", "q"]);
    assert_eq!(t.wait_for_exit(), "exit 0");
}

#[test]
fn who_is_quoted_most_is_on_screen_within_two_keys() {
    let most = headless(&["speakers"]);
    let first = most.lines().next().unwrap();
    // `  16 quotes    2 articles  Abdoulaye Diop`
    let name = first.split("articles").nth(1).unwrap().trim();
    let count = first.split_whitespace().next().unwrap();
    let t = started(&[]);
    t.keys(&["3"]);
    let screen = t.wait("the Speakers view", |s| s.contains("▶ 3 Speakers"));
    let top = screen
        .lines()
        .find(|l| l.starts_with("┃▶"))
        .unwrap_or_default();
    assert!(top.contains(name) && top.contains(count), "{top}\n{screen}");
    t.keys(&["q"]);
    assert_eq!(t.wait_for_exit(), "exit 0");
}

/// The citation `y` copies for Lavrov's partial quote of the DW article.
fn expected_citation() -> String {
    let store = Store::load(&articles()).unwrap();
    let index = QuoteIndex::build(&store);
    let article = store
        .articles()
        .iter()
        .find(|a| a.meta.source.as_deref() == Some("DW"))
        .unwrap();
    let quote = index
        .quotes(&article.id)
        .iter()
        .find(|q| q.text.starts_with("dans le domaine de la politique"))
        .unwrap();
    cite::quote_citation(article, quote)
}

/// Base64 (RFC 4648), written again here so the test does not check the reader against itself.
fn base64(bytes: &[u8]) -> String {
    let abc = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            out.push(if i <= c.len() {
                char::from(abc[(n >> (18 - 6 * i) & 63) as usize])
            } else {
                '='
            });
        }
    }
    out
}

/// Goes to Lavrov's partial quote in the Quotes view (the first of his rows) and presses `y`.
fn copy_lavrov_quote(t: &Term) {
    t.keys(&["2"]);
    t.wait_for("▶ 2 Quotes");
    t.keys(&["/"]);
    t.text("lavrov");
    t.wait("Lavrov's quotes", |s| {
        s.contains("/lavrov") && s.lines().nth(2).is_some_and(|l| l.contains("politique"))
    });
    t.keys(&["Enter", "y"]);
    t.wait_for("Copied citation: «");
}

#[test]
fn y_on_a_quote_writes_its_citation_to_the_terminal_as_osc_52() {
    let t = started(&[]);
    let before = t.raw_len();
    copy_lavrov_quote(&t);
    let expected = format!("\x1b]52;c;{}\x07", base64(expected_citation().as_bytes()));
    let bytes = wait_until("the OSC 52 sequence in the output", || {
        let bytes = t.raw().split_off(before);
        bytes
            .windows(expected.len())
            .any(|w| w == expected.as_bytes())
            .then_some(bytes)
    });
    // One sequence, and the terminal took it as one clipboard write of that citation.
    let text = String::from_utf8_lossy(&bytes);
    assert_eq!(text.matches("\x1b]52;").count(), 1, "{text:?}");
    let writes = t.events(|e| e.clipboard_writes.len());
    assert_eq!(writes, 1);
    t.keys(&["q"]);
    assert_eq!(t.wait_for_exit(), "exit 0");
}

/// `tmux` on a socket of its own, without the user's configuration.
fn tmux(socket: &str, args: &[&str]) -> std::process::Output {
    Command::new("tmux")
        .args(["-L", socket, "-f", "/dev/null"])
        .args(args)
        .output()
        .expect("run tmux")
}

#[test]
fn y_lands_in_tmuxs_buffer_with_set_clipboard_on() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("skipped: tmux is not installed, so there is no tmux buffer to look at");
        return;
    }
    let socket = format!("aes-views-{}", std::process::id());
    // tmux inside the pseudo-terminal, the reader inside tmux: keys go through tmux to the reader,
    // and tmux, told `set-clipboard on`, keeps what the reader copies in its paste buffer.
    let (reader, dir) = (
        reader().display().to_string(),
        articles().display().to_string(),
    );
    let cmd = Cmd::new("tmux")
        .args(["-L", &socket, "-f", "/dev/null", "new-session", "--"])
        .args(["env", "-u", "AES_READER_COPY_COMMAND", "NO_COLOR=1"])
        .args([reader.as_str(), "--no-state", "--dir", &dir]);
    // One more row than the reader's 40, for tmux's status line.
    let t = Term::start(120, 41, cmd);
    t.wait("the whole list", |s| list_rows(s) == corpus_size());
    let out = tmux(&socket, &["set-option", "-s", "set-clipboard", "on"]);
    assert!(out.status.success(), "{out:?}");
    copy_lavrov_quote(&t);
    let expected = expected_citation();
    let buffer = wait_until("the citation in tmux's buffer", || {
        let out = tmux(&socket, &["show-buffer"]);
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        (text == expected).then_some(text)
    });
    assert!(buffer.starts_with("«\u{a0}dans le domaine"), "{buffer}");
    assert!(
        buffer.contains("Sergueï Lavrov, DW, 2025-04-03"),
        "{buffer}"
    );
    t.keys(&["q"]);
    // The reader's end ends the session and the server.
    assert_eq!(t.wait_for_exit(), "exit 0");
    tmux(&socket, &["kill-server"]);
}

#[test]
fn y_gives_the_citation_to_the_copy_command_when_one_is_set() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clipboard.txt");
    let tee = format!("tee {}", file.display());
    let t = started(&[("AES_READER_COPY_COMMAND", &tee)]);
    copy_lavrov_quote(&t);
    let copied = wait_until("the copy command's file", || {
        std::fs::read_to_string(&file)
            .ok()
            .filter(|s| !s.is_empty())
    });
    assert_eq!(copied, expected_citation());
    t.keys(&["q"]);
    assert_eq!(t.wait_for_exit(), "exit 0");
}
