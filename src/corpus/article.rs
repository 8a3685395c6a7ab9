//! The article model: identity, metadata and a body of typed blocks over one plain-text `body`
//! string, which every character offset in the program refers to.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Stable identifier of an article: its path relative to the corpus folder, without extension,
/// with `/` separators (`000_aa1d56584d383c90`, `mali/2025-05-01-interview`).
/// Shared, so the many places that name an article (quote links, the reader's maps) cost a
/// pointer each.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(pub Arc<str>);

impl ArticleId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for ArticleId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for ArticleId {
    fn from(s: &str) -> ArticleId {
        ArticleId(s.into())
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for ArticleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// The mirror of the `Serialize` above (a string), for the corpus cache's records.
impl<'de> Deserialize<'de> for ArticleId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(|s| ArticleId(s.into()))
    }
}

/// A publication date, as precise as the source allows: `2025`, `2025-05` or `2025-05-12`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Four-digit year.
    pub year: u16,
    /// Month 1..=12, when known.
    pub month: Option<u8>,
    /// Day of month, when known (only with a month).
    pub day: Option<u8>,
}

impl PartialDate {
    /// A validated date; `None` when the parts cannot form a real calendar date.
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Option<Self> {
        if !(1800..=2200).contains(&year) {
            return None;
        }
        match (month, day) {
            (None, Some(_)) => return None,
            (Some(m), _) if !(1..=12).contains(&m) => return None,
            (Some(m), Some(d)) if d == 0 || d > days_in_month(year, m) => return None,
            _ => {}
        }
        Some(Self { year, month, day })
    }

    /// Parses ISO `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a time part after `T` or a space is ignored).
    pub fn parse_iso(s: &str) -> Option<Self> {
        let s = s.trim();
        let date = s.split(['T', ' ']).next().unwrap_or(s);
        let mut parts = date.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next().map(str::parse).transpose().ok()?;
        let day = parts.next().map(str::parse).transpose().ok()?;
        if parts.next().is_some() {
            return None;
        }
        Self::new(year, month, day)
    }

    /// True when this date has a day (or month) that `other` lacks, and agrees with it otherwise.
    pub fn refines(&self, other: &Self) -> bool {
        self.year == other.year
            && other.month.is_none_or(|m| self.month == Some(m))
            && other.day.is_none_or(|d| self.day == Some(d))
            && (self.month, self.day) != (other.month, other.day)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The mirror of the `Serialize` above (`2025`, `2025-05` or `2025-05-12`), for the corpus
/// cache's records; anything else is an error, not a made-up date.
impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PartialDate::parse_iso(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date: {s:?}")))
    }
}

/// What is known about an article besides its text. Front matter wins over detection.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Headline; never empty (falls back to the file name).
    pub title: String,
    /// Publication date.
    pub date: Option<PartialDate>,
    /// The outlet that published it (`DW`, `abamako.com`).
    pub source: Option<String>,
    /// The journalist who signed it.
    pub author: Option<String>,
    /// Canonical address, with any proxy prefix unwrapped.
    pub url: Option<String>,
    /// Language code from front matter (`fr` when unknown).
    pub lang: Option<String>,
    /// Free tags from front matter.
    pub tags: Vec<String>,
}

/// What a block of the body is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockKind {
    /// A section heading inside the article.
    Heading,
    /// Running text.
    Paragraph,
    /// A photo caption (with its credit, when the source gave one).
    Caption,
    /// An interview turn. `labelled` is false for the answer paragraphs that follow a
    /// `Name: answer` paragraph without a label of their own.
    Turn {
        /// The label before the colon (`Mohamed Amara`, `DW`).
        speaker: String,
        /// Whether this paragraph carried the label itself.
        labelled: bool,
    },
}

impl BlockKind {
    /// The kind's name in JSON output.
    pub fn name(&self) -> &'static str {
        match self {
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::Caption => "caption",
            BlockKind::Turn { .. } => "turn",
        }
    }
}

/// One block of the body; its text is `body[range]` (byte range, always on char boundaries).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Byte range of the block's text in [`Article::body`].
    pub range: Range<usize>,
}

/// File `i`'s place in file order, as [`order_key`] takes it.
pub fn seq(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// The list order of an article, one key for the store, the reader and search: dated ones first, by
/// date (a year alone before its months), then by `seq` (the file's place in path order); undated
/// ones last, by `seq`.
pub fn order_key(date: Option<PartialDate>, seq: u32) -> u64 {
    let date = date.map_or(1 << 23, |d| {
        (u64::from(d.year) << 9)
            | (u64::from(d.month.unwrap_or(0)) << 5)
            | u64::from(d.day.unwrap_or(0))
    });
    (date << 32) | u64::from(seq)
}

/// A cleaned article. (Serialized for the corpus cache only: the JSON output builds its own
/// objects.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier derived from the file name.
    pub id: ArticleId,
    /// Path relative to the corpus folder, `/`-separated.
    pub file: String,
    /// Title, date, outlet, author, URL …
    pub meta: Meta,
    /// The body as typed blocks, in reading order.
    pub blocks: Vec<Block>,
    /// The body as plain text: block texts joined by a blank line (`\n\n`).
    pub body: String,
}

/// Separator between block texts in [`Article::body`].
pub const BLOCK_SEPARATOR: &str = "\n\n";

impl Article {
    /// The text of one block.
    pub fn block_text(&self, block: &Block) -> &str {
        self.body.get(block.range.clone()).unwrap_or_default()
    }

    /// Number of words in the body.
    pub fn words(&self) -> usize {
        self.body
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    }

    /// File name without folders (what the quote scorer and JSON `article` fields use).
    pub fn file_name(&self) -> &str {
        self.file.rsplit('/').next().unwrap_or(&self.file)
    }

    /// Builds the body string and block ranges from `(kind, text)` pairs.
    pub fn assemble(parts: Vec<(BlockKind, String)>) -> (Vec<Block>, String) {
        let mut body = String::with_capacity(parts.iter().map(|(_, t)| t.len() + 2).sum());
        let mut blocks = Vec::with_capacity(parts.len());
        for (kind, text) in parts {
            if !body.is_empty() {
                body.push_str(BLOCK_SEPARATOR);
            }
            let start = body.len();
            body.push_str(&text);
            blocks.push(Block {
                kind,
                range: start..body.len(),
            });
        }
        (blocks, body)
    }
}

/// Converts a byte offset in `text` to a char offset (for JSON output and scripts).
pub fn char_offset(text: &str, byte: usize) -> usize {
    text.get(..byte)
        .map_or_else(|| text.chars().count(), |s| s.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_print_as_iso() {
        assert_eq!(
            PartialDate::parse_iso("2025-05").unwrap().to_string(),
            "2025-05"
        );
        assert_eq!(
            PartialDate::parse_iso("2025-05-12T10:00")
                .unwrap()
                .to_string(),
            "2025-05-12"
        );
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert!(PartialDate::parse_iso("2025-02-30").is_none());
        assert!(PartialDate::parse_iso("2025-13").is_none());
        assert!(PartialDate::new(2024, Some(2), Some(29)).is_some());
    }

    #[test]
    fn a_day_refines_its_month() {
        let month = PartialDate::parse_iso("2025-05").unwrap();
        let day = PartialDate::parse_iso("2025-05-12").unwrap();
        assert!(day.refines(&month));
        assert!(!month.refines(&day));
    }

    #[test]
    fn assembled_blocks_slice_back_to_their_text() {
        let (blocks, body) = Article::assemble(vec![
            (BlockKind::Heading, "Été".into()),
            (BlockKind::Paragraph, "« Oui », a-t-il dit.".into()),
        ]);
        assert_eq!(&body[blocks[1].range.clone()], "« Oui », a-t-il dit.");
        assert_eq!(char_offset(&body, blocks[1].range.start), 5);
    }
}
