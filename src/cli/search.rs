//! `search QUERY`: the search engine's ranked matches, one per line.

use std::io::{self, Write};

use serde::Serialize;

use super::output::to_json;
use crate::corpus::article::Article;
use crate::corpus::catalog::Row;
use crate::corpus::load::Corpus;
use crate::corpus::search::Index;

/// What `search` prints of a matched article.
pub(super) struct Shown<'a> {
    id: &'a str,
    file: &'a str,
    title: &'a str,
}

impl<'a> From<&'a Article> for Shown<'a> {
    fn from(a: &'a Article) -> Self {
        Shown {
            id: a.id.as_str(),
            file: &a.file,
            title: &a.meta.title,
        }
    }
}

impl<'a> From<Row<'a>> for Shown<'a> {
    fn from(r: Row<'a>) -> Self {
        Shown {
            id: r.id,
            file: r.file,
            title: r.title,
        }
    }
}

/// `search QUERY`: ranked matches from the search engine (`corpus::search`), one per line; how
/// many were printed.
pub(super) fn search(
    corpus: &Corpus,
    index: &Index,
    query: &str,
    json: bool,
    out: &mut impl Write,
) -> io::Result<usize> {
    let articles = corpus.store().articles();
    search_shown(
        |i| articles.get(i).map(Shown::from),
        index,
        query,
        json,
        out,
    )
}

/// [`search`], the matched article `i` shown as `shown(i)` says (from a store, or from a saved
/// [`crate::corpus::catalog::Catalog`]'s row `i`).
pub(super) fn search_shown<'a>(
    shown: impl Fn(usize) -> Option<Shown<'a>>,
    index: &Index,
    query: &str,
    json: bool,
    out: &mut impl Write,
) -> io::Result<usize> {
    #[derive(Serialize)]
    struct Hit<'a> {
        id: &'a str,
        file: &'a str,
        title: &'a str,
        score: i64,
        fields: Vec<&'static str>,
        /// Typos the match needs, when it needs any (it then ranks below every match that does not).
        #[serde(skip_serializing_if = "is_zero")]
        typos: u8,
    }
    fn is_zero(n: &u8) -> bool {
        *n == 0
    }
    let mut printed = 0;
    for m in index.search(query).iter() {
        let Some(a) = shown(m.index) else {
            continue;
        };
        if json {
            let hit = Hit {
                id: a.id,
                file: a.file,
                title: a.title,
                score: m.score,
                fields: m.fields.iter().map(|f| f.name()).collect(),
                typos: m.typos,
            };
            writeln!(out, "{}", to_json(&hit))?;
        } else {
            // Written piece by piece: a search that matches most of a large corpus prints a
            // hundred thousand lines.
            for piece in [a.id, "  ", a.title, "  ["] {
                out.write_all(piece.as_bytes())?;
            }
            for (k, field) in m.fields.iter().enumerate() {
                let comma = if k == 0 { "" } else { "," };
                out.write_all(comma.as_bytes())?;
                out.write_all(field.name().as_bytes())?;
            }
            match m.typos {
                0 => out.write_all(b"]\n")?,
                1 => out.write_all(b"]  (1 typo)\n")?,
                n => writeln!(out, "]  ({n} typos)")?,
            }
        }
        printed += 1;
    }
    Ok(printed)
}

#[cfg(test)]
mod tests;
