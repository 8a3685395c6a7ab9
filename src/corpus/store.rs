//! The article store: finds the corpus (folder or bundled), loads every article file with a
//! per-file diagnostic for those that cannot be read, keeps a stable order and answers lookups.
//! Listing and reading the folder live in `files`, shown names and ids in `names`.

mod files;
mod names;

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::corpus::article::{Article, ArticleId, order_key};
use crate::corpus::ingest;
use crate::corpus::sanitize;

pub use files::Symlinks;
pub use names::{assign_ids, escape_name, unescape_name};

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

/// What loading one file gives: the article and its warnings, or why it was rejected.
type LoadResult = Result<(Article, Vec<Diagnostic>), Diagnostic>;

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
    extras: Vec<(String, Vec<u8>)>,
}

/// What a corpus is made of before anything is read: its article files, its data files (such as
/// `people.toml`) and the problems met while listing them. Cheap to get even for huge folders.
#[derive(Debug, Clone)]
pub struct Source {
    origin: Origin,
    /// Article files in name order.
    files: Vec<SourceFile>,
    extras: Vec<(String, Vec<u8>)>,
    diagnostics: Vec<Diagnostic>,
}

/// One article file: the name shown for it, its id and where its bytes are.
#[derive(Debug, Clone)]
struct SourceFile {
    name: String,
    id: ArticleId,
    input: Input,
}

/// Where an article file's bytes come from.
#[derive(Debug, Clone)]
enum Input {
    /// A regular file (for a symbolic link, its resolved target).
    Path(PathBuf),
    Bytes(std::sync::Arc<[u8]>),
}

impl Source {
    /// Lists the corpus that `origin` names, without reading its articles; symbolic links out of
    /// the corpus folder are reported, not followed.
    pub fn scan(origin: Origin) -> Result<Source, StoreError> {
        Source::scan_with(origin, Symlinks::InsideOnly)
    }

    /// [`Source::scan`], following symbolic links as `symlinks` says.
    pub fn scan_with(origin: Origin, symlinks: Symlinks) -> Result<Source, StoreError> {
        match &origin {
            Origin::Dir { path, .. } => {
                let path = path.clone();
                Source::scan_dir(origin, &path, symlinks)
            }
            Origin::Embedded => Ok(Source::new(
                origin,
                embedded::FILES
                    .iter()
                    .map(|(rel, bytes)| {
                        (escape_name(rel.as_bytes()), Input::Bytes((*bytes).into()))
                    })
                    .collect(),
                Vec::new(),
            )),
        }
    }

    /// In-memory files (tests, benchmarks); `/` separates folders, and names are all different.
    pub fn from_files(origin: Origin, files: Vec<(String, Vec<u8>)>) -> Source {
        Source::new(
            origin,
            files
                .into_iter()
                .map(|(rel, b)| (escape_name(rel.as_bytes()), Input::Bytes(b.into())))
                .collect(),
            Vec::new(),
        )
    }

    fn scan_dir(origin: Origin, dir: &Path, symlinks: Symlinks) -> Result<Source, StoreError> {
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
        let listing = files::list(dir, symlinks).map_err(dir_err)?;
        Ok(Source::new(
            origin,
            listing
                .files
                .into_iter()
                .map(|(rel, p)| (rel, Input::Path(p)))
                .collect(),
            listing.diagnostics,
        ))
    }

    /// Sorts by name, sets data files apart (read now: they are small and needed first) and gives
    /// every article its id.
    fn new(
        origin: Origin,
        mut all: Vec<(String, Input)>,
        mut diagnostics: Vec<Diagnostic>,
    ) -> Source {
        all.sort_by(|a, b| a.0.cmp(&b.0));
        let mut articles = Vec::with_capacity(all.len());
        let mut extras = Vec::new();
        for (rel, input) in all {
            if is_article_file(&rel) {
                articles.push((rel, input));
            } else if rel.ends_with(".toml") {
                match input.read() {
                    Ok(bytes) => extras.push((rel, bytes)),
                    Err(e) => diagnostics.push(Diagnostic {
                        file: rel,
                        severity: Severity::Rejected,
                        message: e.to_string(),
                    }),
                }
            }
        }
        let names: Vec<&str> = articles.iter().map(|(n, _)| n.as_str()).collect();
        let ids: Vec<ArticleId> = assign_ids(&names)
            .into_iter()
            .map(|id| ArticleId(id.as_ref().into()))
            .collect();
        let files = articles
            .into_iter()
            .zip(ids)
            .map(|((name, input), id)| SourceFile { name, id, input })
            .collect();
        Source {
            origin,
            files,
            extras,
            diagnostics,
        }
    }

    /// Where the corpus comes from.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// Number of article files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when there is no article file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The names of the article files, in name order (see [`escape_name`]).
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|f| f.name.as_str())
    }

    /// The ids of the article files, in the order of [`Source::files`] (see [`assign_ids`]).
    pub fn ids(&self) -> impl Iterator<Item = &ArticleId> {
        self.files.iter().map(|f| &f.id)
    }

    /// A data file of the corpus (e.g. `people.toml`), if present.
    pub fn extra(&self, rel: &str) -> Option<&[u8]> {
        self.extras
            .iter()
            .find(|(r, _)| r == rel)
            .map(|(_, b)| b.as_slice())
    }

    /// Problems met while listing the folder, skipped entries among them.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// True when the articles are files on disk (worth reading ahead, see [`Source::prefetch`]).
    pub fn on_disk(&self) -> bool {
        self.files.iter().any(|f| matches!(f.input, Input::Path(_)))
    }

    /// Reads article file `i` and throws the bytes away, so that [`Source::load`] finds them in
    /// the page cache: reading ahead on spare threads overlaps disk waits with the cleaning done
    /// on the others. Does nothing for in-memory files and for what is not a regular file, never
    /// blocks and never waits for a file descriptor: false when there was none to spare, and the
    /// reader ahead should stand down (the loading threads need them more).
    pub fn prefetch(&self, i: usize) -> bool {
        match self.files.get(i) {
            Some(SourceFile {
                input: Input::Path(p),
                ..
            }) => files::prefetch(p),
            _ => true,
        }
    }

    /// Reads and ingests article file `i`: the article and its warnings, or why it was rejected.
    pub fn load(&self, i: usize) -> Option<LoadResult> {
        let SourceFile { name, id, input } = self.files.get(i)?;
        let reject = |message: String| Diagnostic {
            file: name.clone(),
            severity: Severity::Rejected,
            message,
        };
        let bytes = match input.read() {
            Ok(bytes) => bytes,
            Err(e) => return Some(Err(reject(e.to_string()))),
        };
        Some(match ingest::ingest(name, &bytes) {
            Ok(done) => {
                let mut article = done.article;
                article.id = id.clone();
                article.body.shrink_to_fit();
                article.blocks.shrink_to_fit();
                let warnings = done
                    .warnings
                    .into_iter()
                    .map(|message| Diagnostic {
                        file: name.clone(),
                        severity: Severity::Warning,
                        message,
                    })
                    .collect();
                Ok((article, warnings))
            }
            Err(e) => Err(reject(e.to_string())),
        })
    }
}

impl Input {
    fn read(&self) -> Result<Vec<u8>, files::ReadError> {
        match self {
            Input::Path(p) => files::read(p),
            Input::Bytes(b) => Ok(b.to_vec()),
        }
    }
}

impl Store {
    /// Loads the corpus from wherever `origin` says.
    pub fn open(origin: Origin) -> Result<Store, StoreError> {
        Ok(Store::from_source(Source::scan(origin)?))
    }

    /// Loads every `.txt` and `.md` file under `dir` (subfolders included; hidden files, symlinked
    /// folders and symlinks out of `dir` skipped). A file that cannot be read becomes a diagnostic.
    pub fn load(dir: &Path) -> Result<Store, StoreError> {
        Store::open(Origin::Dir {
            path: dir.to_owned(),
            via: "--dir",
        })
    }

    /// The corpus compiled into the binary.
    pub fn embedded() -> Store {
        Store::from_source(
            Source::scan(Origin::Embedded)
                .unwrap_or_else(|_| Source::from_files(Origin::Embedded, Vec::new())),
        )
    }

    /// Builds a store from in-memory files (tests, benchmarks).
    pub fn from_files(origin: Origin, files: Vec<(String, Vec<u8>)>) -> Store {
        Store::from_source(Source::from_files(origin, files))
    }

    /// Reads every article of `source` (on every core: see [`crate::corpus::load`]), in order.
    pub fn from_source(source: Source) -> Store {
        let mut loaded: Vec<Option<LoadResult>> = Vec::new();
        loaded.resize_with(source.len(), || None);
        crate::corpus::load::in_chunks(
            &source,
            |files| files.map(|i| (i, source.load(i))).collect::<Vec<_>>(),
            |part| {
                for (i, result) in part {
                    if let Some(slot) = loaded.get_mut(i) {
                        *slot = result;
                    }
                }
                true
            },
        );
        let mut keyed = Vec::with_capacity(source.len());
        let mut diagnostics = source.diagnostics.clone();
        for (i, result) in loaded.into_iter().enumerate() {
            match result {
                Some(Ok((article, warnings))) => {
                    diagnostics.extend(warnings);
                    let seq = u32::try_from(i).unwrap_or(u32::MAX);
                    keyed.push((order_key(article.meta.date, seq), article));
                }
                Some(Err(d)) => diagnostics.push(d),
                None => {}
            }
        }
        keyed.sort_by_key(|(key, _)| *key);
        let articles: Vec<Article> = keyed.into_iter().map(|(_, a)| a).collect();
        let positions = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        Store {
            files: source.files().map(str::to_owned).collect(),
            origin: source.origin,
            articles,
            positions,
            diagnostics,
            extras: source.extras,
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
        self.positions.get(id).and_then(|&i| self.articles.get(i))
    }

    /// Finds an article by id, by file name (with its folders, or alone when no other file has
    /// it), or by a unique id prefix, in that order. The query is tried as typed, then trimmed.
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
            .filter(|a| !q.is_empty() && a.id.as_str().starts_with(q))
            .collect();
        match matches.as_slice() {
            [one] => Ok(one),
            [] => Err(LookupError::NotFound(sanitize::one_line(q).into_owned())),
            many => Err(ambiguous(many)),
        }
    }
}

/// True for a name with an article extension (`.txt`, `.md`, any case).
fn is_article_file(rel: &str) -> bool {
    rel.rsplit_once('.').is_some_and(|(_, ext)| {
        ARTICLE_EXTENSIONS
            .iter()
            .any(|e| ext.eq_ignore_ascii_case(e))
    })
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
