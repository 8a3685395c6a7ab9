//! Headless subcommands (`list`, `show`, `check`, `quotes`, `speakers`, `search`, `cite`) over the
//! corpus, as readable text or JSON Lines (and CSV, Markdown, BibTeX, CSL-JSON for exports): the
//! arguments and which command runs here, the commands' output in `articles` (list, show, check),
//! `quotes` (quotes, speakers), `search` and `cite`, and what they share in `output`.

mod articles;
mod cite;
mod output;
mod quotes;
mod search;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::corpus::load::Corpus;
use crate::corpus::store::{Origin, Source, Store, Symlinks};

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "aes-reader",
    version,
    about = "Read a corpus of French press articles: list, read, search, quotes"
)]
pub struct Args {
    /// Corpus folder (default: $AES_READER_DIR, else ./articles when it exists, else the bundled corpus).
    #[arg(long, global = true, value_name = "PATH")]
    pub dir: Option<PathBuf>,
    /// Do not capture the mouse in the reader (so the terminal's own text selection works).
    #[arg(long, global = true)]
    pub no_mouse: bool,
    /// Do not read or write the reader's state (read marks, positions).
    #[arg(long, global = true)]
    pub no_state: bool,
    /// Follow symbolic links that point out of the corpus folder, to files and to folders. Without
    /// it such links are not read, and `check` names each one.
    #[arg(long, global = true)]
    pub follow_symlinks: bool,
    /// What to do; without one, open the full-screen reader.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the articles: id, date, outlet, title.
    List {
        /// JSON Lines: one object per article.
        #[arg(long)]
        json: bool,
    },
    /// Print one cleaned article.
    Show {
        /// Article id, file name, or a unique prefix of the id.
        id: String,
        /// One JSON object with the metadata, the blocks and the plain body.
        #[arg(long)]
        json: bool,
    },
    /// Check every file of the corpus: ok, or what is wrong. Exits 1 when a file was rejected.
    Check,
    /// Quotes extracted from the articles, with who said them; as text, JSON Lines, CSV or Markdown.
    Quotes {
        /// JSON Lines: `article`, `id`, `quote`, `speaker`, `kind`, `start`, `end`, `sentence`, `also_in`, `also_in_count`.
        /// The same as `--format jsonl`.
        #[arg(long)]
        json: bool,
        /// Output format (default: text). Offsets (`start`, `end`, `start_char`, `end_char`) count
        /// characters (Unicode code points), not bytes, of the article's body (or title).
        #[arg(long, value_enum, value_name = "FORMAT", conflicts_with = "json")]
        format: Option<quotes::QuoteFormat>,
        /// Only quotes by this speaker (accents and case ignored; part of the name is enough).
        #[arg(long, value_name = "NAME")]
        speaker: Option<String>,
        /// Only quotes of this article (id, file name or unique id prefix).
        #[arg(long, value_name = "ID")]
        article: Option<String>,
    },
    /// People and organisations quoted in the corpus, with counts and aliases.
    Speakers {
        /// JSON Lines: `speaker`, `kind`, `quotes`, `articles`, `aliases`.
        #[arg(long)]
        json: bool,
    },
    /// An article's reference, for a report or a bibliography manager (Zotero, BibTeX, pandoc).
    Cite {
        /// Article id, file name, or a unique prefix of the id; several make one document.
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, value_name = "FORMAT", default_value = "text")]
        format: cite::CiteFormat,
    },
    /// Search titles, outlets, authors, speakers, quotes and body text.
    Search {
        /// The query: fuzzy on short fields, words (all of them) in the body; accents and case ignored.
        query: String,
        /// JSON Lines: `id`, `file`, `title`, `score`, `fields`.
        #[arg(long)]
        json: bool,
    },
}

/// Runs the parsed command; the exit code says whether it succeeded.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let symlinks = if args.follow_symlinks {
        Symlinks::Follow
    } else {
        Symlinks::InsideOnly
    };
    let source = Source::scan_with(Origin::resolve(args.dir), symlinks)?;
    let Some(command) = args.command else {
        return open_reader(source, !args.no_mouse, !args.no_state);
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match command {
        Command::List { json } => {
            articles::list(&Store::from_source(source), json, &mut out).map(|()| ExitCode::SUCCESS)
        }
        Command::Show { id, json } => {
            // Only the files the id may name are read.
            let store = Store::for_lookup(source, &id);
            let article = store.find(&id)?;
            articles::show(article, json, &mut out).map(|()| ExitCode::SUCCESS)
        }
        Command::Check => articles::check(&Store::from_source(source), &mut out),
        Command::Quotes {
            json,
            format,
            speaker,
            article,
        } => {
            let corpus = Corpus::load(source);
            let only = article
                .as_deref()
                .map(|q| corpus.store().find(q))
                .transpose()?;
            let format = match (json, format) {
                (true, _) => quotes::QuoteFormat::Jsonl,
                (false, f) => f.unwrap_or(quotes::QuoteFormat::Text),
            };
            quotes::print_quotes(&corpus, only, speaker.as_deref(), format, &mut out)
                .map(|()| ExitCode::SUCCESS)
        }
        Command::Cite { ids, format } => {
            let store = Store::from_source(source);
            let articles = ids
                .iter()
                .map(|id| store.find(id))
                .collect::<Result<Vec<_>, _>>()?;
            cite::print_cite(&articles, format, &mut out).map(|()| ExitCode::SUCCESS)
        }
        Command::Speakers { json } => quotes::print_speakers(&Corpus::load(source), json, &mut out)
            .map(|()| ExitCode::SUCCESS),
        Command::Search { query, json } => {
            search::search(source, &query, json, &mut out).map(|()| ExitCode::SUCCESS)
        }
    };
    match result.and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => Ok(code),
        // `aes-reader list | head` closes the pipe early: that is success, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e).context("cannot write to standard output"),
    }
}

/// No subcommand: the full-screen reader (or the list, in a build without the terminal interface).
#[cfg(feature = "tui")]
fn open_reader(source: Source, mouse: bool, state: bool) -> anyhow::Result<ExitCode> {
    let options = crate::tui::Options { mouse, state };
    crate::tui::run(source, options)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "tui"))]
fn open_reader(source: Source, _mouse: bool, _state: bool) -> anyhow::Result<ExitCode> {
    let store = Store::from_source(source);
    let mut out = io::BufWriter::new(io::stdout().lock());
    articles::list(&store, false, &mut out)
        .and_then(|()| out.flush())
        .context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}
