//! Headless subcommands (`list`, `show`, `check`, `quotes`, `speakers`, `search`, `cite`) over the
//! corpus, as readable text or JSON Lines (and CSV, Markdown, BibTeX, CSL-JSON for exports), the
//! packaging ones (`completions`, `man`), `index` (the corpus cache) and `config` (the reader's
//! configuration file): which command runs and its exit status here; the arguments in `args`, the
//! commands' output in `articles` (list, show, check), `quotes` (quotes, speakers), `search` and
//! `cite`, what they share in `output`, the cache command in `index`, completions and the manual
//! page in `packaging`, the log for bug reports in `log`, the `config` command in `config`.

mod args;
mod articles;
mod cite;
#[cfg(feature = "tui")]
mod config;
mod index;
mod log;
mod output;
mod packaging;
mod quotes;
mod search;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

pub use self::args::{Args, Command};
use crate::corpus::cache::{self, Frozen};
use crate::corpus::catalog::{Catalog, Row};
use crate::corpus::load::{CacheReport, Corpus};
use crate::corpus::sanitize;
use crate::corpus::store::{Origin, Source, Store, Symlinks};

/// Exit status when a command that looks for something found nothing (`search`, `quotes`,
/// `speakers`), as grep and ripgrep do; `check` uses it for a rejected file.
const NOTHING_FOUND: u8 = 1;

/// Runs the parsed command; the exit status says whether it succeeded and found something. An
/// error is for the caller to print ([`error_message`]) with exit status 2.
pub fn run(mut args: Args) -> anyhow::Result<ExitCode> {
    log::start(args.log_file.take())?;
    let started = Instant::now();
    let name = args.command.as_ref().map_or("reader", Command::name);
    tracing::info!(command = name, "running");
    let status = dispatch(args);
    let ms = started.elapsed().as_millis();
    match &status {
        Ok(code) => tracing::info!(exit = code, ms, "finished"),
        Err(e) => tracing::error!(exit = 2, ms, "{}", error_message(e)),
    }
    status.map(ExitCode::from)
}

/// An error as one line: its message, then each cause the message does not already hold (an
/// error that prints its cause, as the corpus folder's does, would otherwise say it twice).
pub fn error_message(e: &anyhow::Error) -> String {
    let mut message = e.to_string();
    for cause in e.chain().skip(1) {
        let cause = cause.to_string();
        if !message.contains(&cause) {
            message.push_str(": ");
            message.push_str(&cause);
        }
    }
    message
}

fn dispatch(args: Args) -> anyhow::Result<u8> {
    let corpus = CorpusArgs {
        dir: args.dir,
        follow_symlinks: args.follow_symlinks,
        cache: !args.no_index,
    };
    let Some(command) = args.command else {
        return open_reader(corpus.scan()?, !args.no_mouse, !args.no_state, args.config);
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let status = headless(command, corpus, &mut out).and_then(|status| {
        out.flush().written()?;
        Ok(status)
    });
    match status {
        // `aes-reader list | head` closes the pipe early: that is success, not an error.
        Err(e)
            if e.downcast_ref::<OutputError>()
                .is_some_and(|o| o.0.kind() == io::ErrorKind::BrokenPipe) =>
        {
            Ok(0)
        }
        other => other,
    }
}

/// Writing a command's output to standard output failed (other files have errors of their own).
#[derive(Debug, thiserror::Error)]
#[error("cannot write to standard output")]
struct OutputError(#[source] io::Error);

/// The result of writing to standard output, its error an [`OutputError`].
trait Written<T> {
    fn written(self) -> Result<T, OutputError>;
}

impl<T> Written<T> for io::Result<T> {
    fn written(self) -> Result<T, OutputError> {
        self.map_err(OutputError)
    }
}

/// Which corpus to read: `--dir` and `--follow-symlinks`, and whether through the corpus cache
/// (not with `--no-index`).
struct CorpusArgs {
    dir: Option<PathBuf>,
    follow_symlinks: bool,
    cache: bool,
}

impl CorpusArgs {
    /// Lists the corpus's files (nothing is read yet).
    fn scan(self) -> anyhow::Result<Source> {
        let symlinks = if self.follow_symlinks {
            Symlinks::Follow
        } else {
            Symlinks::InsideOnly
        };
        let origin = Origin::resolve(self.dir);
        let (source, kept) = timed("listing the corpus", || {
            cache::scan(origin, symlinks, cache::root(self.cache))
        })?;
        tracing::info!(origin = %source.origin(), files = source.len(), kept_listing = kept, "corpus listed");
        Ok(source)
    }

    fn store(self) -> anyhow::Result<Store> {
        Ok(load_store(self.scan()?).0)
    }

    fn corpus(self) -> anyhow::Result<Corpus> {
        let source = self.scan()?;
        let corpus = timed("reading the articles and their quotes", || {
            Corpus::load(source)
        });
        print_notes(corpus.cache());
        log_corpus(&corpus);
        Ok(corpus)
    }
}

/// Reads `source`'s articles (not their quotes), saying what the cache has to say.
fn load_store(source: Source) -> (Store, CacheReport) {
    let (store, report) = timed("reading the articles", || {
        Store::from_source_reporting(source)
    });
    print_notes(&report);
    log_store(&store);
    (store, report)
}

/// What the corpus cache saved for the headless `list` (and `search`, `with_index`), when no
/// article file changed since: they then answer without reading any article. A damaged saved file
/// is a note; the command then loads the corpus, which saves it again.
fn frozen(source: &Source, with_index: bool) -> Option<Frozen> {
    match timed("opening the saved catalog and index", || {
        Frozen::open(source, with_index)
    }) {
        Ok(found) => {
            tracing::info!(used = found.is_some(), "saved catalog and index");
            found
        }
        Err(note) => {
            eprintln!("aes-reader: note: {}", sanitize::one_line(&note));
            None
        }
    }
}

/// Says on standard error what a load has to say about the corpus cache (it was damaged, or
/// could not be written): one line each, only when it happens.
fn print_notes(report: &CacheReport) {
    for n in &report.notes {
        eprintln!("aes-reader: note: {}", sanitize::one_line(n));
    }
}

/// Runs `f`, logging how long it took.
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let value = f();
    tracing::info!(ms = started.elapsed().as_millis(), "{what}");
    value
}

fn log_store(store: &Store) {
    tracing::info!(
        articles = store.articles().len(),
        rejected = store.rejected(),
        diagnostics = store.diagnostics().len(),
        "articles read"
    );
}

fn log_corpus(corpus: &Corpus) {
    let store = corpus.store();
    log_store(store);
    let quotes: usize = store
        .articles()
        .iter()
        .map(|a| corpus.quotes(&a.id).len())
        .sum();
    tracing::info!(
        quotes,
        alias_file_warnings = corpus.warnings().len(),
        "quotes found"
    );
}

/// Says on standard error that a command found nothing; the exit status for it.
fn nothing_found(what: &str) -> u8 {
    eprintln!("aes-reader: {what}");
    tracing::info!("nothing found");
    NOTHING_FOUND
}

/// `name` quoted in backticks, safe to print.
fn shown(name: &str) -> String {
    format!("`{}`", sanitize::one_line(name))
}

/// Runs a headless command, writing to `out`.
fn headless(command: Command, corpus: CorpusArgs, out: &mut impl Write) -> anyhow::Result<u8> {
    match command {
        Command::Completions { shell } => packaging::completions(shell, out).written()?,
        #[cfg(feature = "tui")]
        Command::Config { action } => return Ok(config::run(action, out)?),
        Command::Man { out_dir: None } => packaging::man(out).written()?,
        Command::Man { out_dir: Some(dir) } => {
            for path in packaging::man_pages(&dir)? {
                writeln!(out, "{}", path.display()).written()?;
            }
        }
        Command::List { json } => {
            let source = corpus.scan()?;
            if let Some(saved) = frozen(&source, false) {
                let rows: Vec<Row<'_>> = saved.catalog.rows().collect();
                articles::list_rows(source.origin(), 0, &rows, json, out).written()?;
            } else {
                let (store, report) = load_store(source);
                // The rows count every body's words: made once, for the output and the catalog.
                let rows = Row::all(&store);
                articles::list_rows(store.origin(), store.rejected(), &rows, json, out)
                    .written()?;
                timed("saving the catalog", || {
                    report.save_catalog(
                        rows.iter().map(|r| r.file),
                        &|| Catalog::from_rows(rows.iter().copied()),
                        None,
                    );
                });
            }
        }
        Command::Show { id, json } => {
            // Only the files the id may name are read.
            let store = Store::for_lookup(corpus.scan()?, &id);
            articles::show(store.find(&id)?, json, out).written()?;
        }
        Command::Check => {
            let store = corpus.store()?;
            if articles::check(&store, out).written()? > 0 {
                return Ok(NOTHING_FOUND);
            }
        }
        Command::Quotes {
            json,
            format,
            speaker,
            article,
        } => {
            let corpus = corpus.corpus()?;
            let only = article
                .as_deref()
                .map(|q| corpus.store().find(q))
                .transpose()?;
            let format = match (json, format) {
                (true, _) => quotes::QuoteFormat::Jsonl,
                (false, f) => f.unwrap_or(quotes::QuoteFormat::Text),
            };
            let printed =
                quotes::print_quotes(&corpus, only, speaker.as_deref(), format, out).written()?;
            if printed == 0 {
                let by = speaker.map(|s| format!(" by a speaker matching {}", shown(&s)));
                let of = only.map(|a| format!(" in article {}", shown(a.id.as_str())));
                let what = match (&by, &of) {
                    (None, None) => "no quote found in this corpus".to_owned(),
                    _ => format!(
                        "no quote{}{}",
                        by.unwrap_or_default(),
                        of.unwrap_or_default()
                    ),
                };
                return Ok(nothing_found(&what));
            }
        }
        Command::Speakers { json } => {
            if quotes::print_speakers(&corpus.corpus()?, json, out).written()? == 0 {
                return Ok(nothing_found("no one is quoted in this corpus"));
            }
        }
        Command::Cite { ids, format } => {
            let store = corpus.store()?;
            let articles = ids
                .iter()
                .map(|id| store.find(id))
                .collect::<Result<Vec<_>, _>>()?;
            cite::print_cite(&articles, format, out).written()?;
        }
        Command::Index { info, json } => index::run(corpus, info, json, out)?,
        Command::Search { query, json } => {
            let source = corpus.scan()?;
            let printed = if let Some(Frozen {
                catalog,
                index: Some(index),
                ..
            }) = frozen(&source, true)
            {
                let shown = |i| catalog.row(i).map(search::Shown::from);
                search::search_shown(shown, &index, &query, json, out).written()?
            } else {
                let (corpus, index) = timed("reading and indexing the articles", || {
                    Corpus::load_with_index(source)
                });
                print_notes(corpus.cache());
                log_corpus(&corpus);
                let printed = search::search(&corpus, &index, &query, json, out).written()?;
                timed("saving the catalog and index", || {
                    corpus.save_catalog_and_index(&index);
                });
                printed
            };
            if printed == 0 {
                return Ok(nothing_found(&format!(
                    "no article matches {}",
                    shown(&query)
                )));
            }
        }
    }
    Ok(0)
}

/// No subcommand: the full-screen reader (or the list, in a build without the terminal interface).
#[cfg(feature = "tui")]
fn open_reader(
    source: Source,
    mouse: bool,
    state: bool,
    config: Option<PathBuf>,
) -> anyhow::Result<u8> {
    let options = crate::tui::Options {
        mouse,
        state,
        config,
    };
    crate::tui::run(source, options)?;
    Ok(0)
}

#[cfg(not(feature = "tui"))]
fn open_reader(
    source: Source,
    _mouse: bool,
    _state: bool,
    _config: Option<PathBuf>,
) -> anyhow::Result<u8> {
    use anyhow::Context;
    let store = Store::from_source(source);
    let mut out = io::BufWriter::new(io::stdout().lock());
    let rows = Row::all(&store);
    articles::list_rows(store.origin(), store.rejected(), &rows, false, &mut out)
        .and_then(|()| out.flush())
        .context("cannot write to standard output")?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_that_prints_its_cause_says_it_once() {
        let cause = io::Error::new(io::ErrorKind::NotFound, "No such file or directory");
        let e = anyhow::Error::new(crate::corpus::store::StoreError::Dir {
            path: "/nope".into(),
            source: cause,
        });
        let message = error_message(&e);
        assert_eq!(
            message.matches("No such file or directory").count(),
            1,
            "{message}"
        );
        assert!(
            message.starts_with("cannot read the corpus folder /nope"),
            "{message}"
        );
    }

    #[test]
    fn a_context_keeps_the_cause_it_does_not_print() {
        let e = anyhow::Error::new(io::Error::other("disk full"))
            .context("cannot write to standard output");
        assert_eq!(
            error_message(&e),
            "cannot write to standard output: disk full"
        );
    }
}
