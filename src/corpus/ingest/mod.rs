//! Raw file → [`Article`]: decoding and sanitizing, TOML front matter, metadata detection (title,
//! date, outlet, author, URL) and boilerplate removal by general line rules whose vocabulary lives in
//! `boilerplate.toml`. Every sentence of the article itself is kept.
//!
//! The parts: `front_matter`, then `detect` runs the line rules (`line`, `rules`, with `date`,
//! `url` and the `vocab`ulary) and finds names (`names`), and `blocks` turns the lines left into
//! captions, paragraphs, headings and interview turns; `fields` writes the metadata labels.

mod blocks;
mod date;
mod detect;
mod fields;
mod front_matter;
mod line;
mod names;
mod rules;
mod url;
mod vocab;

use crate::corpus::article::Article;
use crate::corpus::sanitize::{self, Undecodable};

pub use fields::id_of;
pub use url::canonical_url;
pub use vocab::VOCAB;

use detect::detect;
use fields::{file_title, label};
use front_matter::{FrontMatter, split_front_matter};

/// Why a file could not become an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// Not text.
    #[error(transparent)]
    Undecodable(#[from] Undecodable),
    /// Nothing but white space (or nothing left after sanitizing).
    #[error("empty file: no text to read")]
    Empty,
    /// Nothing left once navigation and footers were removed.
    #[error("no article text found: the file holds only site navigation or metadata")]
    NoBody,
    /// Nothing after a front matter that gives no title either, because of the problems named.
    #[error("no article text found after the front matter, which has problems: {0}")]
    FrontMatterOnly(String),
}

/// A successfully read article and what the reader should be told about it.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// The cleaned article.
    pub article: Article,
    /// Non-fatal notes: repaired text, ignored front matter keys …
    pub warnings: Vec<String>,
}

/// Turns the bytes of one file into an article. `file` is the path relative to the corpus folder.
pub fn ingest(file: &str, bytes: &[u8]) -> Result<Ingested, Rejection> {
    let (decoded, mut report) = sanitize::decode(bytes)?;
    let text = sanitize::sanitize(&decoded, &mut report);
    // Nothing but white space and the markers of removed controls is no text either.
    if text.split_whitespace().all(sanitize::is_markers) {
        return Err(Rejection::Empty);
    }
    let mut warnings = Vec::new();
    if let Some(summary) = report.summary() {
        warnings.push(summary);
    }
    let repairs = warnings.len();
    let (front, rest) = split_front_matter(&text, &mut warnings);
    let mut article = detect(file, rest, &front);
    if article.blocks.is_empty() && front.block && front.title.is_none() {
        // The block says where the body starts: a body of one line is the body, not a title.
        let titled = FrontMatter {
            title: Some(file_title(file).to_owned()),
            ..front.clone()
        };
        article = detect(file, rest, &titled);
    }
    if article.blocks.is_empty() {
        if front.title.is_none() {
            return Err(match &warnings[repairs..] {
                [] => Rejection::NoBody,
                problems => Rejection::FrontMatterOnly(problems.join("; ")),
            });
        }
        warnings.push("no article text found besides the front matter".into());
    }
    let meta = &mut article.meta;
    meta.title = label(&meta.title);
    for field in [&mut meta.source, &mut meta.author] {
        *field = field.as_deref().map(label).filter(|s| !s.is_empty());
    }
    Ok(Ingested { article, warnings })
}

#[cfg(test)]
mod tests;
