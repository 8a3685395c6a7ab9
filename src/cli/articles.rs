//! `list`, `show` and `check`: the articles of the corpus, one of them, and what was wrong with its
//! files.

use std::collections::BTreeMap;
use std::fmt::Display;
use std::io::{self, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::output::{CharOffsets, pad, terminal_width, to_json};
use crate::corpus::article::{Article, BlockKind};
use crate::corpus::catalog::Row;
use crate::corpus::store::{Diagnostic, Severity, Store};
use crate::corpus::text::truncate;

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
        ListItem::of_row(Row::of(a))
    }

    fn of_row(r: Row<'a>) -> Self {
        ListItem {
            id: r.id,
            file: r.file,
            title: r.title,
            date: r.date.map(|d| d.to_string()),
            source: r.outlet,
            author: r.author,
            url: r.url,
            words: r.words,
        }
    }
}

/// `list`: one line per row (or one JSON object), the corpus named first; the rows are a store's
/// ([`Row::all`]) or a saved [`crate::corpus::catalog::Catalog`]'s, for the corpus `origin` with
/// `rejected` files.
pub(super) fn list_rows(
    origin: &impl Display,
    rejected: usize,
    rows: &[Row<'_>],
    json: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    if json {
        for r in rows {
            writeln!(out, "{}", to_json(&ListItem::of_row(*r)))?;
        }
        return Ok(());
    }
    let n = rows.len();
    let bad = if rejected > 0 {
        format!(", {rejected} rejected (run `aes-reader check`)")
    } else {
        String::new()
    };
    writeln!(
        out,
        "# corpus: {origin} · {n} article{}{bad}",
        if n == 1 { "" } else { "s" }
    )?;
    let id_w = rows.iter().map(|r| r.id.width()).max().unwrap_or(2).max(2);
    let src_w = rows
        .iter()
        .map(|r| r.outlet.map_or(1, |s| s.width().min(20)))
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
    for r in rows {
        let date = r.date.map_or_else(|| "-".to_owned(), |d| d.to_string());
        let source = truncate(r.outlet.unwrap_or("-"), src_w);
        let used = id_w + 2 + 10 + 2 + src_w + 2;
        let title = match width {
            Some(w) => truncate(r.title, w.saturating_sub(used).max(20)),
            None => r.title.to_owned(),
        };
        writeln!(
            out,
            "{}  {:<10}  {}  {title}",
            pad(r.id, id_w),
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

/// `show`: one cleaned article.
pub(super) fn show(a: &Article, json: bool, out: &mut impl Write) -> io::Result<()> {
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

/// `check`: every article file and every skipped entry, in name order, with its diagnostics; how
/// many files were rejected.
pub(super) fn check(store: &Store, out: &mut impl Write) -> io::Result<usize> {
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
    Ok(rejected)
}

#[cfg(test)]
mod tests;
