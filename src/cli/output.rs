//! What the commands' output shares: char offsets for JSON, compact JSON with its schema number,
//! the terminal's width and padding to a display width.

use std::io::{self, IsTerminal};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::corpus::article::char_offset;

/// Byte offsets into one text turned into char offsets, as [`char_offset`] does, but counting only
/// the chars since the previous offset: offsets asked in reading order cost one pass over the text
/// in all. (Counting from the start for each block made `show --json` quadratic: an article of
/// 200,000 caption lines took seconds.)
pub(super) struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        CharOffsets {
            text,
            byte: 0,
            chars: 0,
        }
    }

    pub(super) fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            // Out of order: start again from the beginning.
            self.byte = 0;
            self.chars = 0;
        }
        match self.text.get(self.byte..byte) {
            Some(between) => {
                self.chars += between.chars().count();
                self.byte = byte;
                self.chars
            }
            None => char_offset(self.text, byte),
        }
    }
}

/// The version of the JSON objects the commands print (`"schema": 1`, their first field). It goes
/// up when a field is removed, renamed or changes meaning; adding a field keeps it.
pub const JSON_SCHEMA: u32 = 1;

/// A JSON object of the commands' output: `schema` first, then the object's own fields.
#[derive(Serialize)]
struct Versioned<'a, T> {
    schema: u32,
    #[serde(flatten)]
    object: &'a T,
}

/// `value` (a struct) as one line of compact JSON, `"schema": 1` first.
pub(super) fn to_json(value: &impl Serialize) -> String {
    let versioned = Versioned {
        schema: JSON_SCHEMA,
        object: value,
    };
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_string(&versioned).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// The width to fit text to: the terminal's when standard output is one, else `None` (piped or
/// redirected output is not wrapped).
pub(super) fn terminal_width() -> Option<usize> {
    if !io::stdout().is_terminal() {
        return None;
    }
    Some(terminal_columns().unwrap_or(80).max(20))
}

/// The terminal's own width (crossterm asks the terminal), else `$COLUMNS`.
fn terminal_columns() -> Option<usize> {
    #[cfg(feature = "tui")]
    if let Ok((cols, _)) = crossterm::terminal::size()
        && cols > 0
    {
        return Some(usize::from(cols));
    }
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
}

pub(super) fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    if w >= width {
        s.to_owned()
    } else {
        format!("{s}{}", " ".repeat(width - w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_objects_open_with_their_schema_number() {
        #[derive(Serialize)]
        struct Item<'a> {
            id: &'a str,
            words: usize,
        }
        let line = to_json(&Item {
            id: "004",
            words: 3,
        });
        assert_eq!(line, r#"{"schema":1,"id":"004","words":3}"#);
    }

    #[test]
    fn char_offsets_agree_with_char_offset_in_any_order() {
        let text = "« Été », a dit l’élu.\n\nFin 中国.";
        let bytes: Vec<usize> = (0..=text.len() + 2).collect();
        let mut offsets = CharOffsets::new(text);
        for &b in bytes.iter().chain(bytes.iter().rev()) {
            if text.is_char_boundary(b.min(text.len())) {
                assert_eq!(offsets.at(b), char_offset(text, b), "byte {b}");
            }
        }
    }
}
