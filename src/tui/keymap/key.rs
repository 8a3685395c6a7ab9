//! One key: its code and modifiers, how the help writes it (`j`, `↓`, `Ctrl-d`, `PgDn`), how the
//! configuration file writes it (the same, with plain names for the arrows: `Down`), reading it
//! back from either, and whether a key press is it.

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One key: a code and the modifiers that must be held (Shift is implied by upper-case letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    code: KeyCode,
    mods: KeyModifiers,
}

pub(super) const fn k(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

pub(super) const fn c(ch: char) -> Key {
    k(KeyCode::Char(ch))
}

pub(super) const fn ctrl(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        mods: KeyModifiers::CONTROL,
    }
}

pub(super) const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::ALT,
    }
}

/// Ctrl-c: it always quits, whatever the configuration file says.
pub const CTRL_C: Key = ctrl('c');

/// The names a key can be written with, besides one character: (name, code), the first name of
/// a code being the one the configuration file writes. Matched without regard to case.
const NAMES: &[(&str, KeyCode)] = &[
    ("Up", KeyCode::Up),
    ("↑", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("↓", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("←", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("→", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PgUp", KeyCode::PageUp),
    ("PageUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
    ("PageDown", KeyCode::PageDown),
    ("Enter", KeyCode::Enter),
    ("Return", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Escape", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Del", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Ins", KeyCode::Insert),
    ("Space", KeyCode::Char(' ')),
];

/// How keys are written, for error messages and the default configuration file.
pub const KEY_SYNTAX: &str = "a character (`j`, `G`, `?`), or Up Down Left Right (or ↑ ↓ ← →), \
                              PgUp PgDn Home End Enter Esc Tab Shift-Tab Backspace Delete Insert \
                              Space F1 to F24, with Ctrl- or Alt- before it if held (`Ctrl-d`, \
                              `Alt-Left`); a capital letter for Shift (`G`)";

impl Key {
    /// How the key is written in help and hints (`j`, `↓`, `Ctrl-d`, `PgDn`).
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            _ => self.base_name(),
        };
        self.with_mods(base)
    }

    /// How the configuration file writes the key: as the help does, with words for the arrows
    /// (`Down`, `Alt-Left`).
    pub fn name(&self) -> String {
        self.with_mods(self.base_name())
    }

    /// The key's code alone, named as the file writes it.
    fn base_name(&self) -> String {
        match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(ch) => ch.to_string(),
            KeyCode::BackTab => "Shift-Tab".to_owned(),
            KeyCode::F(n) => format!("F{n}"),
            code => NAMES
                .iter()
                .find(|(_, c)| *c == code)
                .map_or_else(|| format!("{code:?}"), |(name, _)| (*name).to_owned()),
        }
    }

    fn with_mods(&self, base: String) -> String {
        let mut out = String::new();
        for (m, word) in [
            (KeyModifiers::CONTROL, "Ctrl-"),
            (KeyModifiers::ALT, "Alt-"),
            (KeyModifiers::SHIFT, "Shift-"),
        ] {
            if self.mods.contains(m) {
                out.push_str(word);
            }
        }
        out + &base
    }

    /// True when the key press `ev` is this key.
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let mut mods = ev.modifiers;
        // Terminals report `G` as Shift+G and `?` sometimes with Shift: the character says it all.
        if matches!(ev.code, KeyCode::Char(_)) {
            mods.remove(KeyModifiers::SHIFT);
        }
        // BackTab arrives with Shift held.
        if ev.code == KeyCode::BackTab {
            mods.remove(KeyModifiers::SHIFT);
        }
        let code = match ev.code {
            KeyCode::Char(ch) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(ch.to_ascii_lowercase())
            }
            other => other,
        };
        code == self.code && mods == self.mods
    }
}

/// A key string the configuration file cannot read; the message says what is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadKey(String);

impl fmt::Display for BadKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadKey {}

impl FromStr for Key {
    type Err = BadKey;

    /// Reads a key as the help or the configuration file writes it (`j`, `Down`, `↓`, `Ctrl-d`,
    /// `Alt-Left`, `Shift-Tab`, `F5`); names and modifiers without regard to case.
    fn from_str(text: &str) -> Result<Key, BadKey> {
        let bad = |why: &str| BadKey(format!("unknown key `{text}`{why}: write {KEY_SYNTAX}"));
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let next = [
                ("ctrl-", KeyModifiers::CONTROL),
                ("alt-", KeyModifiers::ALT),
                ("shift-", KeyModifiers::SHIFT),
            ]
            .into_iter()
            .find_map(|(word, m)| {
                let head = rest.get(..word.len())?;
                let tail = &rest[word.len()..];
                (head.eq_ignore_ascii_case(word) && !tail.is_empty()).then_some((tail, m))
            });
            match next {
                Some((tail, m)) => {
                    mods |= m;
                    rest = tail;
                }
                None => break,
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(ch), None) => KeyCode::Char(ch),
            _ => {
                let named = NAMES
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(rest))
                    .map(|(_, code)| *code);
                let function = rest
                    .strip_prefix(['F', 'f'])
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|n| (1..=24).contains(n))
                    .map(KeyCode::F);
                named.or(function).ok_or_else(|| bad(""))?
            }
        };
        let code = match code {
            KeyCode::Char(ch) if ch.is_control() => return Err(bad(" (a control character)")),
            KeyCode::Char(ch) if mods.contains(KeyModifiers::SHIFT) => {
                let hint = if ch.is_lowercase() {
                    format!(
                        " (for Shift with a letter, write the capital: `{}`)",
                        ch.to_uppercase()
                    )
                } else {
                    " (Shift goes with a named key, not a character)".to_owned()
                };
                return Err(bad(&hint));
            }
            // Terminals report Ctrl with a letter as the small letter.
            KeyCode::Char(ch) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(ch.to_ascii_lowercase())
            }
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            code => code,
        };
        Ok(Key { code, mods })
    }
}
