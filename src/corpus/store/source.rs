//! What a corpus is made of before anything is read: its article files (shown name, id, where the
//! bytes are), its data files (such as `people.toml`) and the problems met while listing them; and
//! reading one article file into an [`Article`].

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::diagnostic::{Diagnostic, Severity};
use super::files::{self, Stamp, Symlinks};
use super::names::{assign_ids, escape_name, is_article_file, may_be_id_of};
use super::origin::{DIR_ENV, Origin};
use super::stat::{FileStat, Folders};
use crate::corpus::article::{Article, ArticleId};
use crate::corpus::{ingest, sanitize};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_corpus.rs"));
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

/// The data files of a corpus (such as `people.toml`): relative path and bytes.
pub(crate) type DataFiles = Vec<(String, Vec<u8>)>;

/// An article file's bytes, with what the open file said of itself (`None` for an in-memory
/// file).
pub type ReadFile = (Vec<u8>, Option<fs::Metadata>);

/// What loading one file gives: the article and its warnings, or why it was rejected.
pub type LoadResult = Result<(Article, Vec<Diagnostic>), Diagnostic>;

/// A corpus before anything is read: its article files, its data files (such as `people.toml`)
/// and the problems met while listing them. Cheap to get even for huge folders.
#[derive(Debug, Clone)]
pub struct Source {
    origin: Origin,
    /// Article files in name order.
    files: Vec<SourceFile>,
    extras: DataFiles,
    diagnostics: Vec<Diagnostic>,
    /// The root of the corpus cache to load through (see [`Source::with_cache`]); none by default.
    cache_root: Option<PathBuf>,
    /// Symbolic links were followed when listing (part of the cache's validity key).
    follows_symlinks: bool,
    /// The corpus folder (canonical) and the stamp of each of its folders, when the listing was
    /// plain enough to be kept and trusted again while they are unchanged (see [`Stamp`]).
    stamps: Option<(PathBuf, Vec<(String, Stamp)>)>,
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
    /// The file of its shown name under this folder (a kept listing's names are their names on
    /// disk): one path for every file rather than one each.
    Under(Arc<Path>),
    Bytes(Arc<[u8]>),
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
                let mut source = Source::scan_dir(origin, &path, symlinks)?;
                source.follows_symlinks = symlinks == Symlinks::Follow;
                Ok(source)
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
        let mut source = Source::new(
            origin,
            listing
                .files
                .into_iter()
                .map(|(rel, p)| (rel, Input::Path(p)))
                .collect(),
            listing.diagnostics,
        );
        source.stamps = listing
            .stamps
            .map(|s| (fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned()), s));
        Ok(source)
    }

    /// The corpus in folder `root` (canonical) whose listing found these files with no problem:
    /// a listing kept from before, its folders unchanged since (`cache::listing`), as
    /// [`Source::kept_listing`] gave it: the article files in name order with their ids (given by
    /// a listing of the same names, so not worked out again), then the data files, read now.
    /// `None` when the parts do not hold together (names out of order, not article files, or an
    /// id that is neither its file's stem nor its name): the caller lists the folders.
    pub fn from_kept(
        origin: Origin,
        root: &Path,
        articles: Vec<(String, &str)>,
        extras: Vec<String>,
        symlinks: Symlinks,
    ) -> Option<Source> {
        let in_order = articles.windows(2).all(|w| w[0].0 < w[1].0);
        let named = |(name, id): &(String, &str)| is_article_file(name) && may_be_id_of(id, name);
        if !in_order || !articles.iter().all(named) {
            return None;
        }
        let root: Arc<Path> = Arc::from(root);
        let files = articles
            .into_iter()
            .map(|(name, id)| SourceFile {
                name,
                id: ArticleId(Arc::from(id)),
                input: Input::Under(Arc::clone(&root)),
            })
            .collect();
        let (mut data, mut diagnostics) = (Vec::new(), Vec::new());
        for rel in extras {
            read_data(
                rel,
                &Input::Under(Arc::clone(&root)),
                &mut data,
                &mut diagnostics,
            );
        }
        Some(Source {
            origin,
            files,
            extras: data,
            diagnostics,
            cache_root: None,
            follows_symlinks: symlinks == Symlinks::Follow,
            stamps: None,
        })
    }

    /// What a kept listing holds of this corpus: its article files' names with their ids, in
    /// order, then its data files' names ([`Source::from_kept`] takes them back).
    pub fn kept_listing(
        &self,
    ) -> (
        impl Iterator<Item = (&str, &str)> + Clone,
        impl Iterator<Item = &str>,
    ) {
        (
            self.files.iter().map(|f| (f.name.as_str(), f.id.as_str())),
            self.extras.iter().map(|(rel, _)| rel.as_str()),
        )
    }

    /// The corpus folder (canonical) and its folders' stamps, when this listing can be kept (see
    /// [`Stamp`]).
    pub fn stamps(&self) -> Option<(&Path, &[(String, Stamp)])> {
        self.stamps
            .as_ref()
            .map(|(root, s)| (root.as_path(), s.as_slice()))
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
            } else {
                read_data(rel, &input, &mut extras, &mut diagnostics);
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
            cache_root: None,
            follows_symlinks: false,
            stamps: None,
        }
    }

    /// The same corpus, loaded through the corpus cache under `root` (see
    /// [`crate::corpus::cache`]) when it is a folder on disk; `None` loads without it.
    pub fn with_cache(mut self, root: Option<PathBuf>) -> Source {
        self.cache_root = root;
        self
    }

    /// The root of the corpus cache this corpus is loaded through, if any.
    pub fn cache_root(&self) -> Option<&Path> {
        self.cache_root.as_deref()
    }

    /// True when symbolic links were followed out of the folder (`--follow-symlinks`).
    pub fn follows_symlinks(&self) -> bool {
        self.follows_symlinks
    }

    /// The same corpus with only the article files `keep` says yes to (given each file's id and
    /// shown name), in the same order; data files and listing problems stay. Ids are not made
    /// again: each file keeps the one it has in the whole corpus. A part of a corpus is read
    /// without the cache (its manifest describes the whole).
    pub(crate) fn retain(mut self, mut keep: impl FnMut(&str, &str) -> bool) -> Source {
        self.files.retain(|f| keep(f.id.as_str(), &f.name));
        self.cache_root = None;
        self
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

    /// What a store keeps of the corpus once it is read: where it came from, the names of its
    /// article files and its data files.
    pub(super) fn into_parts(self) -> (Origin, Vec<String>, DataFiles) {
        let names = self.files.into_iter().map(|f| f.name).collect();
        (self.origin, names, self.extras)
    }

    /// True when the articles are files on disk (worth reading ahead, see [`Source::prefetch`]).
    pub fn on_disk(&self) -> bool {
        self.files
            .iter()
            .any(|f| !matches!(f.input, Input::Bytes(_)))
    }

    /// Reads article file `i` and throws the bytes away, so that [`Source::load`] finds them in
    /// the page cache: reading ahead on spare threads overlaps disk waits with the cleaning done
    /// on the others. Does nothing for in-memory files and for what is not a regular file, never
    /// blocks and never waits for a file descriptor: false when there was none to spare, and the
    /// reader ahead should stand down (the loading threads need them more).
    pub fn prefetch(&self, i: usize) -> bool {
        match self.files.get(i).and_then(SourceFile::path) {
            Some(p) => files::prefetch(&p),
            None => true,
        }
    }

    /// Reads and ingests article file `i`: the article and its warnings, or why it was rejected.
    pub fn load(&self, i: usize) -> Option<LoadResult> {
        let bytes = match self.read(i)? {
            Ok((bytes, _)) => bytes,
            Err(d) => return Some(Err(d)),
        };
        self.ingest(i, &bytes)
    }

    /// The shown name of article file `i` (see [`Source::files`]).
    pub fn name(&self, i: usize) -> Option<&str> {
        self.files.get(i).map(|f| f.name.as_str())
    }

    /// The number of the article file named `name` (see [`Source::files`]), found by halves: the
    /// files are in name order.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.files
            .binary_search_by(|f| f.name.as_str().cmp(name))
            .ok()
    }

    /// The id of article file `i` (see [`Source::ids`]).
    pub fn id(&self, i: usize) -> Option<&ArticleId> {
        self.files.get(i).map(|f| &f.id)
    }

    /// What the file system says of article file `i` now (following a link to its target),
    /// without opening it: `None` for an in-memory file.
    pub fn stat(&self, i: usize) -> Option<std::io::Result<FileStat>> {
        let path = self.files.get(i)?.path()?;
        Some(fs::metadata(path).map(|m| FileStat::of(&m)))
    }

    /// [`Source::stat`] for one file of many taken in list order, `folders` keeping the last
    /// folder open (see [`Folders`]).
    pub fn stat_in(&self, i: usize, folders: &mut Folders) -> Option<std::io::Result<FileStat>> {
        let file = self.files.get(i)?;
        match &file.input {
            Input::Path(p) => Some(folders.stat(p)),
            Input::Under(root) => Some(folders.stat_under(root, &file.name)),
            Input::Bytes(_) => None,
        }
    }

    /// The bytes of article file `i`, read safely (see [`Source::load`]), with what the open file
    /// said of itself before it was read (`None` for an in-memory file); or why it was rejected.
    pub fn read(&self, i: usize) -> Option<Result<ReadFile, Diagnostic>> {
        let file = self.files.get(i)?;
        let read = match (&file.input, file.path()) {
            (Input::Bytes(b), _) => Ok((b.to_vec(), None)),
            (_, Some(p)) => files::read_with_meta(&p).map(|(b, m)| (b, Some(m))),
            (_, None) => return None,
        };
        Some(read.map_err(|e| Diagnostic::rejected(&file.name, e.to_string())))
    }

    /// Ingests `bytes` as article file `i`: the article and its warnings, or why it was rejected.
    pub fn ingest(&self, i: usize, bytes: &[u8]) -> Option<LoadResult> {
        let SourceFile { name, id, .. } = self.files.get(i)?;
        Some(match ingest::ingest(name, bytes) {
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
            Err(e) => Err(Diagnostic::rejected(name, e.to_string())),
        })
    }
}

/// Reads `rel` into `data` when it is a data file (`.toml`: small, and needed first), or says why
/// it could not be read; other files are left out.
fn read_data(rel: String, input: &Input, data: &mut DataFiles, diagnostics: &mut Vec<Diagnostic>) {
    if !rel.ends_with(".toml") {
        return;
    }
    match input.read(&rel) {
        Ok(bytes) => data.push((rel, bytes)),
        Err(e) => diagnostics.push(Diagnostic::rejected(&rel, e.to_string())),
    }
}

impl Input {
    /// The bytes of the file shown as `name`.
    fn read(&self, name: &str) -> Result<Vec<u8>, files::ReadError> {
        match self {
            Input::Path(p) => files::read(p),
            Input::Under(root) => files::read(&root.join(name)),
            Input::Bytes(b) => Ok(b.to_vec()),
        }
    }

    /// The path of the file shown as `name` (`None` in memory).
    fn path(&self, name: &str) -> Option<std::borrow::Cow<'_, Path>> {
        match self {
            Input::Path(p) => Some(std::borrow::Cow::Borrowed(p)),
            Input::Under(root) => Some(std::borrow::Cow::Owned(root.join(name))),
            Input::Bytes(_) => None,
        }
    }
}

impl SourceFile {
    /// Where the file is on disk (`None` in memory).
    fn path(&self) -> Option<std::borrow::Cow<'_, Path>> {
        self.input.path(&self.name)
    }
}
