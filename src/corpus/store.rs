//! The article store: a corpus once read, in list order (by date, then file name), with the
//! problems met on the way, answering lookups by id, file name or id prefix. How a corpus is found
//! and listed lives in `origin`, `files` and `source`, shown names and ids in `names`; reading it
//! (the constructors [`Store::from_source`], [`Store::open`], [`Store::embedded`] …) is the one
//! loading path, in [`crate::corpus::load`].

mod diagnostic;
mod files;
mod names;
mod origin;
mod source;
mod stat;

use std::collections::HashMap;

use crate::corpus::article::{Article, ArticleId};
use crate::corpus::sanitize;

pub use diagnostic::{Diagnostic, Severity};
pub use files::{MAX_FILE_BYTES, Stamp, Symlinks};
pub use names::{assign_ids, escape_name, unescape_name};
pub use origin::{DIR_ENV, Origin};
use source::DataFiles;
pub use source::{LoadResult, ReadFile, Source, StoreError};
pub use stat::{FileStat, Folders};

/// No article matches what the user asked for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// Nothing matches.
    #[error("no article `{0}`; run `aes-reader list` to see the ids")]
    NotFound(String),
    /// Several articles start with the given prefix.
    #[error("`{query}` matches several articles ({}); give more of the id", .candidates.join(", "))]
    Ambiguous {
        /// What the user typed.
        query: String,
        /// The matching ids.
        candidates: Vec<String>,
    },
}

/// A loaded corpus.
#[derive(Debug, Clone)]
pub struct Store {
    origin: Origin,
    articles: Vec<Article>,
    /// Position of each article by id.
    positions: HashMap<ArticleId, usize>,
    diagnostics: Vec<Diagnostic>,
    /// Files seen (articles and rejected ones), for `check`.
    files: Vec<String>,
    /// Non-article files of the corpus (such as `people.toml`), by relative path.
    extras: DataFiles,
}

impl Store {
    /// The store of `source` once read: its `articles` in list order and every diagnostic (the
    /// listing's and the loading's, in that order).
    pub(crate) fn new(
        source: Source,
        articles: Vec<Article>,
        diagnostics: Vec<Diagnostic>,
    ) -> Store {
        let (origin, files, extras) = source.into_parts();
        let positions = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        Store {
            origin,
            articles,
            positions,
            diagnostics,
            files,
            extras,
        }
    }

    /// The articles, giving up the rest.
    pub fn into_articles(self) -> Vec<Article> {
        self.articles
    }

    /// Where the corpus came from.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// All articles, by date then file name.
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// Problems met while loading.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Number of files that could not be loaded.
    pub fn rejected(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Rejected)
            .count()
    }

    /// Every article file seen, loaded or not, in path order.
    pub fn files(&self) -> &[String] {
        &self.files
    }

    /// A non-article data file of the corpus (e.g. `people.toml`), if present.
    pub fn extra(&self, rel: &str) -> Option<&[u8]> {
        self.extras
            .iter()
            .find(|(r, _)| r == rel)
            .map(|(_, b)| b.as_slice())
    }

    /// The article with this id.
    pub fn get(&self, id: &ArticleId) -> Option<&Article> {
        self.position(id).and_then(|i| self.articles.get(i))
    }

    /// The place of the article with this id in [`Store::articles`].
    pub fn position(&self, id: &ArticleId) -> Option<usize> {
        self.positions.get(id).copied()
    }

    /// Finds an article by id, by file name (with its folders, or alone when no other file has
    /// it), or by a unique id prefix, in that order. The query is tried as typed, then trimmed.
    /// Only articles [`may_answer`] the query take part, so a store of just those answers as the
    /// whole corpus would.
    pub fn find(&self, query: &str) -> Result<&Article, LookupError> {
        for q in [query, query.trim()] {
            if let Some(a) = self.positions.get(q).and_then(|&i| self.articles.get(i)) {
                return Ok(a);
            }
            if let Some(a) = self.articles.iter().find(|a| a.file == q) {
                return Ok(a);
            }
        }
        let q = query.trim();
        let ambiguous = |many: &[&Article]| LookupError::Ambiguous {
            query: sanitize::one_line(q).into_owned(),
            candidates: many.iter().map(|a| a.id.to_string()).collect(),
        };
        let named: Vec<&Article> = self
            .articles
            .iter()
            .filter(|a| a.file_name() == q)
            .collect();
        match named.as_slice() {
            [one] => return Ok(one),
            [] => {}
            many => return Err(ambiguous(many)),
        }
        let matches: Vec<&Article> = self
            .articles
            .iter()
            .filter(|a| id_starts(a.id.as_str(), q))
            .collect();
        match matches.as_slice() {
            [one] => Ok(one),
            [] => Err(LookupError::NotFound(sanitize::one_line(q).into_owned())),
            many => Err(ambiguous(many)),
        }
    }
}

/// True when the article with this id and file (its shown path) takes part in [`Store::find`] for
/// `query`, at any of its steps: the others never change its answer. Lets `show` read only these
/// files.
pub fn may_answer(query: &str, id: &str, file: &str) -> bool {
    let q = query.trim();
    [query, q].iter().any(|x| id == *x || file == *x)
        || file.rsplit('/').next() == Some(q)
        || id_starts(id, q)
}

/// The prefix step of [`Store::find`]: an empty query is no prefix of anything.
fn id_starts(id: &str, q: &str) -> bool {
    !q.is_empty() && id.starts_with(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(files: &[(&str, &[u8])]) -> Store {
        Store::from_files(
            Origin::Embedded,
            files
                .iter()
                .map(|(n, b)| ((*n).to_owned(), b.to_vec()))
                .collect(),
        )
    }

    #[test]
    fn bad_files_become_diagnostics_and_the_rest_loads() {
        let s = store(&[
            (
                "a.txt",
                b"Un titre\n\nUn paragraphe de texte qui fait une phrase.",
            ),
            ("b.txt", b"\x00\x01binary"),
            ("c.txt", b"   \n\n "),
        ]);
        assert_eq!(s.articles().len(), 1);
        assert_eq!(s.rejected(), 2);
        assert!(
            s.diagnostics()
                .iter()
                .any(|d| d.file == "b.txt" && d.message.contains("binary"))
        );
        assert!(
            s.diagnostics()
                .iter()
                .any(|d| d.file == "c.txt" && d.message.contains("empty"))
        );
    }

    #[test]
    fn articles_are_ordered_by_date_then_file() {
        let s = store(&[
            (
                "z.txt",
                b"+++\ndate = \"2024-01-02\"\n+++\nZ\n\nTexte du corps, une phrase.",
            ),
            ("b.txt", b"B sans date\n\nTexte du corps, une phrase."),
            (
                "a.txt",
                b"+++\ndate = 2025-03-01\n+++\nA\n\nTexte du corps, une phrase.",
            ),
        ]);
        let order: Vec<&str> = s.articles().iter().map(|a| a.file.as_str()).collect();
        assert_eq!(order, ["z.txt", "a.txt", "b.txt"]);
    }

    #[test]
    fn ids_are_found_by_unique_prefix() {
        let s = store(&[
            ("000_abc.txt", b"T\n\nCorps."),
            ("001_def.txt", b"T\n\nCorps."),
        ]);
        assert_eq!(s.find("001").unwrap().id.as_str(), "001_def");
        assert_eq!(s.find("000_abc.txt").unwrap().id.as_str(), "000_abc");
        assert!(matches!(s.find("00"), Err(LookupError::Ambiguous { .. })));
        assert!(matches!(s.find("9"), Err(LookupError::NotFound(_))));
    }

    #[test]
    fn embedded_corpus_holds_the_seeds() {
        let s = Store::embedded();
        assert!(s.articles().len() >= 5);
        assert_eq!(s.rejected(), 0);
    }
}
