//! `cite ID…`: article references for reports and bibliography managers, formatted by
//! [`crate::corpus::cite`].

use std::collections::HashSet;
use std::io::{self, Write};

use clap::ValueEnum;

use crate::corpus::article::Article;
use crate::corpus::cite;

/// What `cite` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiteFormat {
    /// One line per article: `Author, « Title », Outlet, 2025-04-03, https://…` (what is unknown
    /// is left out).
    Text,
    /// One Markdown line per article: `Author, « [Title](https://…) », *Outlet*, 2025-04-03`,
    /// escaped so the metadata cannot add markup.
    Markdown,
    /// BibTeX `@article` entries: author, title, journal (the outlet), year, month, day, url; no
    /// urldate (when the page was read is not known). UTF-8, LaTeX's special characters escaped.
    Bibtex,
    /// CSL-JSON for Zotero and pandoc: an array of `article-newspaper` items with id, title,
    /// container-title (the outlet), author (family/given, or literal), issued (date-parts), URL.
    CslJson,
}

/// Citation keys for `articles`, one each: [`cite::citation_key`], with `b`, `c` … `z` (then
/// `-2`, `-3` …) added to a key an earlier article of the same command already has, so a
/// bibliography holds no duplicate.
fn unique_keys(articles: &[&Article]) -> Vec<String> {
    let mut used = HashSet::new();
    articles
        .iter()
        .map(|a| {
            let key = cite::citation_key(a);
            let unique = std::iter::once(key.clone())
                .chain(('b'..='z').map(|c| format!("{key}{c}")))
                .chain((2..).map(|n| format!("{key}-{n}")))
                .find(|k| !used.contains(k))
                .unwrap_or(key);
            used.insert(unique.clone());
            unique
        })
        .collect()
}

/// Prints the references of `articles` in `format`: one line each (text, Markdown), one entry each
/// separated by a blank line (BibTeX), or one JSON array (CSL-JSON).
pub fn print_cite(
    articles: &[&Article],
    format: CiteFormat,
    out: &mut impl Write,
) -> io::Result<()> {
    // The same article asked twice (`cite 004 004_6f84…`) is cited once.
    let mut seen = HashSet::new();
    let articles: Vec<&Article> = articles
        .iter()
        .copied()
        .filter(|a| seen.insert(&a.id))
        .collect();
    let articles = articles.as_slice();
    match format {
        CiteFormat::Text => {
            for a in articles {
                writeln!(out, "{}", cite::reference_text(a))?;
            }
        }
        CiteFormat::Markdown => {
            for a in articles {
                writeln!(out, "{}", cite::reference_markdown(a))?;
            }
        }
        CiteFormat::Bibtex => {
            let keys = unique_keys(articles);
            for (i, (a, key)) in articles.iter().zip(&keys).enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                writeln!(out, "{}", cite::bibtex(a, Some(key)))?;
            }
        }
        CiteFormat::CslJson => {
            let keys = unique_keys(articles);
            let items: Vec<cite::CslItem> = articles
                .iter()
                .zip(&keys)
                .map(|(a, key)| cite::csl_item(a, Some(key)))
                .collect();
            writeln!(out, "{}", cite::csl_json(&items))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::article::{ArticleId, Meta};

    fn article(id: &str, title: &str) -> Article {
        Article {
            id: ArticleId::from(id),
            file: format!("{id}.txt"),
            meta: Meta {
                title: title.into(),
                source: Some("DW".into()),
                ..Meta::default()
            },
            blocks: Vec::new(),
            body: String::new(),
        }
    }

    #[test]
    fn articles_sharing_a_citation_key_get_letter_suffixes() {
        let (a, b, c) = (
            article("a", "Mali"),
            article("b", "Mali"),
            article("c", "Mali"),
        );
        assert_eq!(unique_keys(&[&a, &b, &c]), ["dwmali", "dwmalib", "dwmalic"]);
    }

    #[test]
    fn an_article_asked_twice_is_cited_once() {
        let a = article("a", "Mali");
        let mut out = Vec::new();
        print_cite(&[&a, &a], CiteFormat::Text, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "«\u{A0}Mali\u{A0}», DW\n");
    }
}
