//! `search QUERY`: the search engine's ranked matches, one per line.

use std::io::{self, Write};

use serde::Serialize;

use super::output::to_json;
use crate::corpus::load::Corpus;
use crate::corpus::search::Index;

/// `search QUERY`: ranked matches from the search engine (`corpus::search`), one per line; how
/// many were printed.
pub(super) fn search(
    corpus: &Corpus,
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
    let articles = corpus.store().articles();
    let mut printed = 0;
    for m in index.search(query).iter() {
        let Some(a) = articles.get(m.index) else {
            continue;
        };
        let fields: Vec<&'static str> = m.fields.iter().map(|f| f.name()).collect();
        if json {
            let hit = Hit {
                id: a.id.as_str(),
                file: &a.file,
                title: &a.meta.title,
                score: m.score,
                fields,
                typos: m.typos,
            };
            writeln!(out, "{}", to_json(&hit))?;
        } else {
            let typos = match m.typos {
                0 => String::new(),
                1 => "  (1 typo)".to_owned(),
                n => format!("  ({n} typos)"),
            };
            writeln!(
                out,
                "{}  {}  [{}]{typos}",
                a.id,
                a.meta.title,
                fields.join(",")
            )?;
        }
        printed += 1;
    }
    Ok(printed)
}
