//! Copying for `y`: the text (a quote's citation, an article's reference) goes to the terminal's
//! clipboard through OSC 52 (`ESC ] 52 ; c ; <base64> BEL`: it works over SSH, and in tmux with
//! `set -g set-clipboard on`), or, when `AES_READER_COPY_COMMAND` names a command (`wl-copy`,
//! `xclip -selection clipboard`, `pbcopy`), or else the configuration file's `copy_command` does,
//! to that command's standard input instead: its words split at white space, no shell. The text
//! is sanitized first, whatever its source; the OSC 52 payload is base64, so nothing in it can act
//! on the terminal.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::corpus::cite;

/// The environment variable naming a copy command to use instead of OSC 52.
pub const COPY_COMMAND_VAR: &str = "AES_READER_COPY_COMMAND";

/// How long a copy command may take before the reader stops waiting for it.
const COMMAND_WAIT: Duration = Duration::from_secs(2);

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `bytes` in base64 (RFC 4648, standard alphabet, `=` padding), as OSC 52 wants. (No base64 crate
/// is in the dependency tree; this is the whole of it.)
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The OSC 52 sequence that puts `text` (sanitized, one line) on the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(cite::clean(text).as_bytes()))
}

/// Where the configuration file's copy command comes from, for error messages.
const CONFIG_SOURCE: &str = "copy_command in the configuration file";

/// Copies `text` (sanitized, one line): through the command in [`COPY_COMMAND_VAR`] when it is
/// set (blank: OSC 52), else through `configured` (the configuration file's `copy_command`), else
/// as OSC 52 written to `terminal`. The error says what failed.
pub fn copy(text: &str, configured: Option<&str>, terminal: &mut impl Write) -> Result<(), String> {
    match std::env::var(COPY_COMMAND_VAR) {
        Ok(command) => copy_with(Some(&command), text, terminal),
        Err(_) => copy_by(configured.map(|c| (c, CONFIG_SOURCE)), text, terminal),
    }
}

/// [`copy`], with the copy command of [`COPY_COMMAND_VAR`] given (`None` or blank: OSC 52).
pub fn copy_with(
    command: Option<&str>,
    text: &str,
    terminal: &mut impl Write,
) -> Result<(), String> {
    copy_by(command.map(|c| (c, COPY_COMMAND_VAR)), text, terminal)
}

/// [`copy`], with the copy command and where it comes from given (`None` or blank: OSC 52).
fn copy_by(
    command: Option<(&str, &str)>,
    text: &str,
    terminal: &mut impl Write,
) -> Result<(), String> {
    match command.filter(|(c, _)| !c.trim().is_empty()) {
        Some((command, source)) => run(command, source, &cite::clean(text)),
        None => terminal
            .write_all(osc52(text).as_bytes())
            .and_then(|()| terminal.flush())
            .map_err(|e| format!("the terminal could not be written to: {e}")),
    }
}

/// Runs `command` (its words split at white space, no shell) with `text` on standard input, its
/// output discarded (it would land on the screen), waiting [`COMMAND_WAIT`] at most. `source`
/// says where the command comes from.
fn run(command: &str, source: &str, text: &str) -> Result<(), String> {
    let mut words = command.split_whitespace();
    let program = words.next().unwrap_or_default();
    let mut child = Command::new(program)
        .args(words)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            format!("{source} names `{program}`, which cannot be run ({e}); fix or unset it")
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        // A command that exits without reading fails below, by its status.
        let _ = stdin.write_all(text.as_bytes());
    }
    let deadline = Instant::now() + COMMAND_WAIT;
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                return Err(format!("`{command}` ({source}) failed ({status})"));
            }
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            Ok(None) => {
                // Left to finish on its own; reaped by a thread so it leaves no zombie.
                let _ = std::thread::Builder::new()
                    .name("copy-command".into())
                    .spawn(move || child.wait());
                return Err(format!(
                    "`{command}` ({source}) has not finished after {} s",
                    COMMAND_WAIT.as_secs()
                ));
            }
            Err(e) => return Err(format!("`{command}` ({source}): {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small base64 decoder, for the tests only.
    fn decode(s: &str) -> Vec<u8> {
        let value = |c: u8| ALPHABET.iter().position(|a| *a == c).unwrap() as u32;
        let mut out = Vec::new();
        for chunk in s.as_bytes().chunks(4) {
            let pad = chunk.iter().filter(|c| **c == b'=').count();
            let n = chunk
                .iter()
                .map(|&c| if c == b'=' { 0 } else { value(c) })
                .fold(0u32, |n, v| n << 6 | v);
            out.extend_from_slice(&n.to_be_bytes()[1..4 - pad]);
        }
        out
    }

    #[test]
    fn base64_gives_the_rfc_4648_test_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded, "{plain:?}");
            assert_eq!(decode(coded), plain.as_bytes());
        }
        // Every byte value, through UTF-8 French text too.
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(decode(&base64(&all)), all);
        let french = "« Nous soutenons votre combat » — Sergueï Lavrov, DW";
        assert_eq!(decode(&base64(french.as_bytes())), french.as_bytes());
    }

    #[test]
    fn the_osc_52_sequence_of_a_hostile_string_holds_no_control_character() {
        let hostile =
            "« Oui »\u{1b}]52;c;AAAA\u{7}\u{1b}[2J\u{202e}gnp.exe\u{7}\r\n\t\u{0}\u{9b}31m fin";
        let seq = osc52(hostile);
        let payload = seq
            .strip_prefix("\x1b]52;c;")
            .and_then(|p| p.strip_suffix('\x07'))
            .expect("ESC ] 52 ; c ; <payload> BEL");
        assert!(
            payload
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)),
            "{payload}"
        );
        let text = String::from_utf8(decode(payload)).unwrap();
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() || crate::corpus::sanitize::is_bidi_control(c)),
            "{text:?}"
        );
        assert!(
            text.starts_with("« Oui »") && text.ends_with("fin"),
            "{text:?}"
        );
        assert_eq!(text, cite::clean(hostile));
    }

    #[test]
    fn without_a_copy_command_the_text_goes_to_the_terminal_as_osc_52() {
        let mut out = Vec::new();
        copy_with(None, "« Oui » — X", &mut out).unwrap();
        assert_eq!(out, osc52("« Oui » — X").into_bytes());
        let mut out = Vec::new();
        copy_with(Some("  "), "abc", &mut out).unwrap();
        assert_eq!(out, b"\x1b]52;c;YWJj\x07");
    }

    #[test]
    fn a_copy_command_gets_the_sanitized_text_on_its_input_and_nothing_goes_to_the_terminal() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("clip.txt");
        let mut out = Vec::new();
        let command = format!("tee {}", file.display());
        copy_with(Some(&command), "« Oui »\u{1b}[2J — X", &mut out).unwrap();
        assert!(out.is_empty());
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            cite::clean("« Oui »\u{1b}[2J — X")
        );
    }

    #[test]
    fn a_failing_or_missing_copy_command_says_what_failed() {
        let mut out = Vec::new();
        let e = copy_with(Some("false"), "x", &mut out).unwrap_err();
        assert!(e.contains("`false`") && e.contains("failed"), "{e}");
        let e = copy_with(Some("no-such-copy-command-here --x"), "x", &mut out).unwrap_err();
        assert!(
            e.contains("no-such-copy-command-here") && e.contains(COPY_COMMAND_VAR),
            "{e}"
        );
        assert!(out.is_empty());
    }
}
