//! Headless subcommands (`list`, `show`, `check`, `quotes`, `speakers`, `search`) over the store, as
//! readable text or JSON Lines.

mod quotes;

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::corpus::article::{Article, BlockKind, char_offset};
use crate::corpus::load::Corpus;
use crate::corpus::store::{Diagnostic, Origin, Severity, Source, Store, Symlinks};
use crate::corpus::text::truncate;

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
    /// Quotes extracted from the articles, with who said them.
    Quotes {
        /// JSON Lines: `article`, `id`, `quote`, `speaker`, `kind`, `start`, `end`, `sentence`, `also_in`, `also_in_count`.
        #[arg(long)]
        json: bool,
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
            list(&Store::from_source(source), json, &mut out).map(|()| ExitCode::SUCCESS)
        }
        Command::Show { id, json } => {
            // Only the files the id may name are read.
            let store = Store::for_lookup(source, &id);
            let article = store.find(&id)?;
            show(article, json, &mut out).map(|()| ExitCode::SUCCESS)
        }
        Command::Check => check(&Store::from_source(source), &mut out),
        Command::Quotes {
            json,
            speaker,
            article,
        } => {
            let corpus = Corpus::load(source);
            let only = article
                .as_deref()
                .map(|q| corpus.store().find(q))
                .transpose()?;
            quotes::print_quotes(&corpus, only, speaker.as_deref(), json, &mut out)
                .map(|()| ExitCode::SUCCESS)
        }
        Command::Speakers { json } => quotes::print_speakers(&Corpus::load(source), json, &mut out)
            .map(|()| ExitCode::SUCCESS),
        Command::Search { query, json } => {
            search(source, &query, json, &mut out).map(|()| ExitCode::SUCCESS)
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
    list(&store, false, &mut out)
        .and_then(|()| out.flush())
        .context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}

/// `search QUERY`: ranked matches from the search engine (`corpus::search`), one per line.
fn search(source: Source, query: &str, json: bool, out: &mut impl Write) -> io::Result<()> {
    #[derive(Serialize)]
    struct Hit<'a> {
        id: &'a str,
        file: &'a str,
        title: &'a str,
        score: i64,
        fields: Vec<&'static str>,
    }
    let (corpus, index) = Corpus::load_with_index(source);
    let articles = corpus.store().articles();
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
            };
            writeln!(out, "{}", to_json(&hit))?;
        } else {
            writeln!(out, "{}  {}  [{}]", a.id, a.meta.title, fields.join(","))?;
        }
    }
    Ok(())
}

/// One article in `list --json`.
#[derive(Serialize)]
struct ListItem<'a> {
    id: &'a str,
    file: &'a str,
    title: &'a str,
    date: Option<String>,
    source: Option<&'a str>,
    author: Option<&'a str>,
    url: Option<&'a str>,
    words: usize,
}

impl<'a> ListItem<'a> {
    fn new(a: &'a Article) -> Self {
        ListItem {
            id: a.id.as_str(),
            file: &a.file,
            title: &a.meta.title,
            date: a.meta.date.map(|d| d.to_string()),
            source: a.meta.source.as_deref(),
            author: a.meta.author.as_deref(),
            url: a.meta.url.as_deref(),
            words: a.words(),
        }
    }
}

fn list(store: &Store, json: bool, out: &mut impl Write) -> io::Result<()> {
    if json {
        for a in store.articles() {
            writeln!(out, "{}", to_json(&ListItem::new(a)))?;
        }
        return Ok(());
    }
    let n = store.articles().len();
    let rejected = store.rejected();
    let bad = if rejected > 0 {
        format!(", {rejected} rejected (run `aes-reader check`)")
    } else {
        String::new()
    };
    writeln!(
        out,
        "# corpus: {} · {n} article{}{bad}",
        store.origin(),
        if n == 1 { "" } else { "s" }
    )?;
    let id_w = store
        .articles()
        .iter()
        .map(|a| a.id.as_str().width())
        .max()
        .unwrap_or(2)
        .max(2);
    let src_w = store
        .articles()
        .iter()
        .map(|a| a.meta.source.as_deref().map_or(1, |s| s.width().min(20)))
        .max()
        .unwrap_or(6)
        .max(6);
    let width = terminal_width();
    writeln!(
        out,
        "{}  {:<10}  {}  TITLE",
        pad("ID", id_w),
        "DATE",
        pad("OUTLET", src_w)
    )?;
    for a in store.articles() {
        let date = a
            .meta
            .date
            .map_or_else(|| "-".to_owned(), |d| d.to_string());
        let source = truncate(a.meta.source.as_deref().unwrap_or("-"), src_w);
        let used = id_w + 2 + 10 + 2 + src_w + 2;
        let title = match width {
            Some(w) => truncate(&a.meta.title, w.saturating_sub(used).max(20)),
            None => a.meta.title.clone(),
        };
        writeln!(
            out,
            "{}  {:<10}  {}  {title}",
            pad(a.id.as_str(), id_w),
            date,
            pad(&source, src_w)
        )?;
    }
    Ok(())
}

/// One block in `show --json`; offsets are in characters of `body`.
#[derive(Serialize)]
struct BlockOut<'a> {
    kind: &'static str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<&'a str>,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct ShowOut<'a> {
    #[serde(flatten)]
    item: ListItem<'a>,
    lang: Option<&'a str>,
    tags: &'a [String],
    blocks: Vec<BlockOut<'a>>,
    body: &'a str,
}

fn show(a: &Article, json: bool, out: &mut impl Write) -> io::Result<()> {
    if json {
        let mut offsets = CharOffsets::new(&a.body);
        let blocks = a
            .blocks
            .iter()
            .map(|b| BlockOut {
                kind: b.kind.name(),
                text: a.block_text(b),
                speaker: match &b.kind {
                    BlockKind::Turn { speaker, .. } => Some(speaker),
                    _ => None,
                },
                start: offsets.at(b.range.start),
                end: offsets.at(b.range.end),
            })
            .collect();
        let doc = ShowOut {
            item: ListItem::new(a),
            lang: a.meta.lang.as_deref(),
            tags: &a.meta.tags,
            blocks,
            body: &a.body,
        };
        return writeln!(out, "{}", to_json(&doc));
    }
    let width = terminal_width().map(|w| w.min(100));
    let wrap = |text: &str, indent: &str| -> String {
        match width {
            Some(w) => textwrap::fill(
                text,
                textwrap::Options::new(w)
                    .initial_indent(indent)
                    .subsequent_indent(indent),
            ),
            None => format!("{indent}{text}"),
        }
    };
    writeln!(out, "{}", a.meta.title)?;
    writeln!(
        out,
        "{}",
        "=".repeat(a.meta.title.width().clamp(3, width.unwrap_or(100)))
    )?;
    let meta: Vec<String> = [
        a.meta.source.clone(),
        a.meta.date.map(|d| d.to_string()),
        a.meta.author.as_ref().map(|s| format!("par {s}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !meta.is_empty() {
        writeln!(out, "{}", meta.join(" · "))?;
    }
    if let Some(url) = &a.meta.url {
        writeln!(out, "{url}")?;
    }
    let mut last_speaker: Option<&str> = None;
    for b in &a.blocks {
        writeln!(out)?;
        let text = a.block_text(b);
        match &b.kind {
            BlockKind::Heading => writeln!(out, "## {text}")?,
            BlockKind::Caption => writeln!(out, "{}", wrap(&format!("[photo] {text}"), ""))?,
            BlockKind::Paragraph => writeln!(out, "{}", wrap(text, ""))?,
            BlockKind::Turn { speaker, .. } => {
                if last_speaker != Some(speaker.as_str()) {
                    writeln!(out, "{speaker} :")?;
                }
                writeln!(out, "{}", wrap(text, "    "))?;
            }
        }
        last_speaker = match &b.kind {
            BlockKind::Turn { speaker, .. } => Some(speaker),
            _ => None,
        };
    }
    Ok(())
}

/// `check`: every article file and every skipped entry, in name order, with its diagnostics.
fn check(store: &Store, out: &mut impl Write) -> io::Result<ExitCode> {
    writeln!(out, "# corpus: {}", store.origin())?;
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = store
        .files()
        .iter()
        .map(|f| (f.as_str(), Vec::new()))
        .collect();
    for d in store.diagnostics() {
        by_file.entry(d.file.as_str()).or_default().push(d);
    }
    for (file, diags) in by_file {
        if diags.is_empty() {
            writeln!(out, "ok        {file}")?;
        }
        for d in diags {
            let label = match d.severity {
                Severity::Warning => "warning ",
                Severity::Rejected => "REJECTED",
            };
            writeln!(out, "{label}  {file}: {}", d.message)?;
        }
    }
    let rejected = store.rejected();
    writeln!(
        out,
        "# {} loaded, {rejected} rejected",
        store.articles().len()
    )?;
    Ok(if rejected > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Byte offsets into one text turned into char offsets, as [`char_offset`] does, but counting only
/// the chars since the previous offset: offsets asked in reading order cost one pass over the text
/// in all. (Counting from the start for each block made `show --json` quadratic: an article of
/// 200,000 caption lines took seconds.)
struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> Self {
        CharOffsets {
            text,
            byte: 0,
            chars: 0,
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            // Out of order: start again from the beginning.
            self.byte = 0;
            self.chars = 0;
        }
        match self.text.get(self.byte..byte) {
            Some(between) => {
                self.chars += between.chars().count();
                self.byte = byte;
                self.chars
            }
            None => char_offset(self.text, byte),
        }
    }
}

fn to_json(value: &impl Serialize) -> String {
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_string(value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

fn terminal_width() -> Option<usize> {
    if !io::stdout().is_terminal() {
        return None;
    }
    let cols = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    Some(cols.unwrap_or(80).max(20))
}

fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    if w >= width {
        s.to_owned()
    } else {
        format!("{s}{}", " ".repeat(width - w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_agree_with_char_offset_in_any_order() {
        let text = "« Été », a dit l’élu.\n\nFin 中国.";
        let bytes: Vec<usize> = (0..=text.len() + 2).collect();
        let mut offsets = CharOffsets::new(text);
        for &b in bytes.iter().chain(bytes.iter().rev()) {
            if text.is_char_boundary(b.min(text.len())) {
                assert_eq!(offsets.at(b), char_offset(text, b), "byte {b}");
            }
        }
    }
}
