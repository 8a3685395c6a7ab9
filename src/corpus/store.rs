//! The article store: finds the corpus (folder or bundled), loads every article file with a
//! per-file diagnostic for those that cannot be read, keeps a stable order and answers lookups.

use std::fmt;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::corpus::article::{Article, ArticleId};
use crate::corpus::ingest::{self, Rejection};
use crate::corpus::sanitize;

/// Files larger than this are not read: no press article comes near it.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Environment variable naming the corpus folder when `--dir` is not given.
pub const DIR_ENV: &str = "AES_READER_DIR";

/// File extensions read as articles (case-insensitive).
const ARTICLE_EXTENSIONS: [&str; 2] = ["txt", "md"];

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_corpus.rs"));
}

/// Where the corpus comes from, and why that place was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A folder on disk.
    Dir {
        /// The folder.
        path: PathBuf,
        /// How it was chosen: `--dir`, `AES_READER_DIR` or `./articles`.
        via: &'static str,
    },
    /// The corpus compiled into the binary.
    Embedded,
}

impl Origin {
    /// Picks the corpus: `--dir`, else `$AES_READER_DIR`, else `./articles` when it exists, else the
    /// bundled corpus.
    pub fn resolve(dir_flag: Option<PathBuf>) -> Origin {
        if let Some(path) = dir_flag {
            return Origin::Dir { path, via: "--dir" };
        }
        if let Some(path) = std::env::var_os(DIR_ENV).filter(|v| !v.is_empty()) {
            return Origin::Dir {
                path: PathBuf::from(path),
                via: DIR_ENV,
            };
        }
        let local = PathBuf::from("articles");
        if local.is_dir() {
            return Origin::Dir {
                path: local,
                via: "./articles",
            };
        }
        Origin::Embedded
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Dir { path, via } => write!(
                f,
                "{} (from {via})",
                sanitize::one_line(&path.display().to_string())
            ),
            Origin::Embedded => f.write_str("bundled corpus"),
        }
    }
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file was loaded, with repairs worth knowing about.
    Warning,
    /// The file was not loaded.
    Rejected,
}

/// Something to tell the user about one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Path relative to the corpus folder (sanitized for display).
    pub file: String,
    /// Loaded with warnings, or rejected.
    pub severity: Severity,
    /// What happened, and what to do where there is something to do.
    pub message: String,
}

/// The corpus folder itself could not be read.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The folder is missing or unreadable.
    #[error("cannot read the corpus folder {path}: {source}. Check the path given with --dir or ${env}, or run without them to use ./articles or the bundled corpus", env = DIR_ENV)]
    Dir {
        /// The folder.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

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
    diagnostics: Vec<Diagnostic>,
    /// Files seen (articles and rejected ones), for `check`.
    files: Vec<String>,
    /// Non-article files of the corpus (such as `people.toml`), by relative path.
    extras: Vec<(String, Vec<u8>)>,
}

impl Store {
    /// Loads the corpus from wherever `origin` says.
    pub fn open(origin: Origin) -> Result<Store, StoreError> {
        match &origin {
            Origin::Dir { path, .. } => {
                let mut store = Store::load(path)?;
                store.origin = origin;
                Ok(store)
            }
            Origin::Embedded => Ok(Store::embedded()),
        }
    }

    /// Loads every `.txt` and `.md` file under `dir` (subfolders included; hidden files and
    /// symlinked folders skipped). A file that cannot be read becomes a diagnostic.
    pub fn load(dir: &Path) -> Result<Store, StoreError> {
        let dir_err = |source| StoreError::Dir {
            path: sanitize::one_line(&dir.display().to_string()).into_owned(),
            source,
        };
        let meta = fs::metadata(dir).map_err(dir_err)?;
        if !meta.is_dir() {
            return Err(dir_err(std::io::Error::new(
                std::io::ErrorKind::NotADirectory,
                "not a folder",
            )));
        }
        let mut paths = Vec::new();
        let mut diagnostics = Vec::new();
        walk(dir, dir, &mut paths, &mut diagnostics).map_err(dir_err)?;
        paths.sort();
        let mut inputs = Vec::with_capacity(paths.len());
        let mut extras = Vec::new();
        for (rel, path) in paths {
            if is_article_file(&rel) {
                inputs.push((rel.clone(), read_capped(&path)));
            } else if rel.ends_with(".toml") {
                if let Ok(Ok(bytes)) = read_capped(&path) {
                    extras.push((rel, bytes));
                }
            }
        }
        let mut store = Store::from_inputs(
            Origin::Dir {
                path: dir.to_owned(),
                via: "--dir",
            },
            inputs,
        );
        store.extras = extras;
        diagnostics.append(&mut store.diagnostics);
        store.diagnostics = diagnostics;
        Ok(store)
    }

    /// The corpus compiled into the binary.
    pub fn embedded() -> Store {
        let inputs = embedded::FILES
            .iter()
            .filter(|(rel, _)| is_article_file(rel))
            .map(|(rel, bytes)| ((*rel).to_owned(), Ok(Ok(bytes.to_vec()))))
            .collect();
        let mut store = Store::from_inputs(Origin::Embedded, inputs);
        store.extras = embedded::FILES
            .iter()
            .filter(|(rel, _)| rel.ends_with(".toml"))
            .map(|(rel, bytes)| ((*rel).to_owned(), bytes.to_vec()))
            .collect();
        store
    }

    /// Builds a store from in-memory files (tests, benchmarks, the embedded corpus).
    pub fn from_files(origin: Origin, files: Vec<(String, Vec<u8>)>) -> Store {
        Store::from_inputs(
            origin,
            files.into_iter().map(|(rel, b)| (rel, Ok(Ok(b)))).collect(),
        )
    }

    fn from_inputs(origin: Origin, inputs: Vec<(String, ReadResult)>) -> Store {
        let mut articles = Vec::with_capacity(inputs.len());
        let mut diagnostics = Vec::new();
        let mut files = Vec::with_capacity(inputs.len());
        for (rel, read) in inputs {
            let shown = sanitize::one_line(&rel).into_owned();
            files.push(shown.clone());
            let reject = |message: String| Diagnostic {
                file: shown.clone(),
                severity: Severity::Rejected,
                message,
            };
            let bytes = match read {
                Ok(Ok(bytes)) => bytes,
                Ok(Err(size)) => {
                    diagnostics.push(reject(format!(
                        "too large ({size} bytes, limit {MAX_FILE_BYTES}); split it or remove it from the folder"
                    )));
                    continue;
                }
                Err(e) => {
                    diagnostics.push(reject(format!("cannot read: {e}; check its permissions")));
                    continue;
                }
            };
            match ingest::ingest(&shown, &bytes) {
                Ok(done) => {
                    diagnostics.extend(done.warnings.into_iter().map(|message| Diagnostic {
                        file: shown.clone(),
                        severity: Severity::Warning,
                        message,
                    }));
                    articles.push(done.article);
                }
                Err(e @ (Rejection::Empty | Rejection::NoBody | Rejection::Undecodable(_))) => {
                    diagnostics.push(reject(e.to_string()));
                }
            }
        }
        articles.sort_by(|a, b| {
            (a.meta.date.is_none(), a.meta.date, &a.file).cmp(&(
                b.meta.date.is_none(),
                b.meta.date,
                &b.file,
            ))
        });
        dedupe_ids(&mut articles);
        Store {
            origin,
            articles,
            diagnostics,
            files,
            extras: Vec::new(),
        }
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
        self.articles.iter().find(|a| a.id == *id)
    }

    /// Finds an article by id, file name, or a unique id prefix.
    pub fn find(&self, query: &str) -> Result<&Article, LookupError> {
        let q = query.trim();
        if let Some(a) = self
            .articles
            .iter()
            .find(|a| a.id.0 == q || a.file == q || a.file_name() == q)
        {
            return Ok(a);
        }
        let matches: Vec<&Article> = self
            .articles
            .iter()
            .filter(|a| !q.is_empty() && a.id.0.starts_with(q))
            .collect();
        match matches.as_slice() {
            [one] => Ok(one),
            [] => Err(LookupError::NotFound(sanitize::one_line(q).into_owned())),
            many => Err(LookupError::Ambiguous {
                query: sanitize::one_line(q).into_owned(),
                candidates: many.iter().map(|a| a.id.0.clone()).collect(),
            }),
        }
    }
}

/// Bytes, or the size of a file over the cap, or an I/O error.
type ReadResult = std::io::Result<Result<Vec<u8>, u64>>;

fn read_capped(path: &Path) -> ReadResult {
    let file = fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > MAX_FILE_BYTES {
        return Ok(Err(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // `take` guards against a file that grows while we read it.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Ok(Err(bytes.len() as u64));
    }
    Ok(Ok(bytes))
}

fn is_article_file(rel: &str) -> bool {
    rel.rsplit_once('.').is_some_and(|(_, ext)| {
        ARTICLE_EXTENSIONS
            .iter()
            .any(|e| ext.eq_ignore_ascii_case(e))
    })
}

fn walk(
    root: &Path,
    dir: &Path,
    out: &mut Vec<(String, PathBuf)>,
    diags: &mut Vec<Diagnostic>,
) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic {
                    file: sanitize::one_line(&dir.display().to_string()).into_owned(),
                    severity: Severity::Rejected,
                    message: format!("cannot list folder: {e}"),
                });
                continue;
            }
        };
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        // file_type does not follow symlinks: symlinked folders are skipped (no loops), symlinked
        // files are read through.
        match entry.file_type() {
            Ok(t) if t.is_dir() => {
                if let Err(e) = walk(root, &path, out, diags) {
                    diags.push(Diagnostic {
                        file: sanitize::one_line(&rel).into_owned(),
                        severity: Severity::Rejected,
                        message: format!("cannot list folder: {e}"),
                    });
                }
            }
            Ok(t) if t.is_symlink() => {
                if fs::metadata(&path)
                    .map(|m| m.is_file())
                    .unwrap_or(is_article_file(&rel))
                {
                    out.push((rel, path));
                }
            }
            Ok(_) => out.push((rel, path)),
            Err(e) => diags.push(Diagnostic {
                file: sanitize::one_line(&rel).into_owned(),
                severity: Severity::Rejected,
                message: format!("cannot read: {e}"),
            }),
        }
    }
    Ok(())
}

/// Two files can fold to one id (`a.txt` and `a.md`): keep ids unique by adding the extension.
fn dedupe_ids(articles: &mut [Article]) {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for a in articles.iter() {
        *seen.entry(a.id.0.clone()).or_default() += 1;
    }
    for a in articles.iter_mut() {
        if seen.get(&a.id.0).copied().unwrap_or(0) > 1 {
            a.id = ArticleId(a.file.clone());
        }
    }
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
        assert_eq!(s.find("001").unwrap().id.0, "001_def");
        assert_eq!(s.find("000_abc.txt").unwrap().id.0, "000_abc");
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
