//! What the commands' output shares: char offsets for JSON, compact JSON, the terminal's width and
//! padding to a display width.

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

pub(super) fn to_json(value: &impl Serialize) -> String {
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_string(value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

pub(super) fn terminal_width() -> Option<usize> {
    if !io::stdout().is_terminal() {
        return None;
    }
    let cols = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    Some(cols.unwrap_or(80).max(20))
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
