//! `quotes` and `speakers`: the quote engine's output for people, scripts, spreadsheets and reports
//! (`quotes --format text|jsonl|csv|markdown`).
//!
//! Quote texts and sentences come from sanitized article bodies, but canonical names and aliases come
//! straight from the corpus alias file (`people.toml`), so every speaker name and alias printed here
//! passes [`sanitize::one_line`] on its way out.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use clap::ValueEnum;
use serde::Serialize;

use super::output::{CharOffsets, to_json};
use crate::corpus::article::Article;
use crate::corpus::cite;
use crate::corpus::load::Corpus;
use crate::corpus::quote::{Field, Quote, QuoteKind};
use crate::corpus::sanitize;
use crate::corpus::store::Store;
use crate::corpus::text::fold;

/// One quote in `quotes --json`; `start`/`end` count characters of the article's `body` (or of its
/// title when `field` is `title`).
#[derive(Serialize)]
struct QuoteOut<'a> {
    article: &'a str,
    id: &'a str,
    quote: &'a str,
    speaker: Option<Cow<'a, str>>,
    kind: &'static str,
    /// Why the speaker was given (`a déclaré · role noun "le ministre" -> apposition`), or null.
    evidence: Option<Cow<'a, str>>,
    /// `high`, `medium` or `low`, or null when there is no speaker.
    confidence: Option<&'static str>,
    field: Field,
    start: usize,
    end: usize,
    sentence: &'a str,
    also_in: Vec<&'a str>,
    /// Other articles printing the quote; `also_in` lists the first of them.
    also_in_count: usize,
}

fn field_text(a: &Article, field: Field) -> &str {
    match field {
        Field::Title => &a.meta.title,
        Field::Body => &a.body,
    }
}

fn matches_speaker(q: &Quote, wanted: Option<&str>) -> bool {
    wanted.is_none_or(|w| {
        q.speaker
            .as_deref()
            .is_some_and(|s| fold(s).contains(&fold(w.trim())))
    })
}

/// What `quotes` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuoteFormat {
    /// Readable text: each article's title, then its quotes with speaker, kind, confidence and why.
    Text,
    /// JSON Lines, one object per quote (the same as `--json`): article, id, quote, speaker, kind,
    /// evidence, confidence, field, start, end (characters), sentence, also_in, also_in_count.
    Jsonl,
    /// CSV for spreadsheets (RFC 4180, UTF-8, CRLF line ends, a header row), one row per quote: id,
    /// article, title, outlet, date, url, speaker, kind, confidence, evidence, quote, field,
    /// start_char, end_char (character offsets, as in JSON), also_in_count.
    Csv,
    /// Markdown for a report: a section per article (title, outlet, date, author, URL, id), its
    /// quotes as a list: the words, the speaker, kind, confidence, why, character offsets, also in.
    Markdown,
}

/// The header row of `quotes --format csv`.
const CSV_HEADER: [&str; 15] = [
    "id",
    "article",
    "title",
    "outlet",
    "date",
    "url",
    "speaker",
    "kind",
    "confidence",
    "evidence",
    "quote",
    "field",
    "start_char",
    "end_char",
    "also_in_count",
];

/// The quotes of one article that a command prints, with their character offsets `(start, end)`
/// in their field.
struct Selected<'a> {
    article: &'a Article,
    quotes: Vec<(&'a Quote, usize, usize)>,
}

/// The articles (all, or `only`) with the quotes that match `speaker`, in corpus order; articles
/// with none are left out.
fn select<'a>(
    corpus: &'a Corpus,
    only: Option<&Article>,
    speaker: Option<&str>,
) -> impl Iterator<Item = Selected<'a>> {
    corpus
        .store()
        .articles()
        .iter()
        .filter(move |a| only.is_none_or(|o| o.id == a.id))
        .filter_map(move |a| {
            let (mut in_title, mut in_body) = (
                CharOffsets::new(field_text(a, Field::Title)),
                CharOffsets::new(field_text(a, Field::Body)),
            );
            let quotes: Vec<_> = corpus
                .quotes(&a.id)
                .iter()
                .filter(|q| matches_speaker(q, speaker))
                .map(|q| {
                    let offsets = match q.field {
                        Field::Title => &mut in_title,
                        Field::Body => &mut in_body,
                    };
                    (q, offsets.at(q.span.start), offsets.at(q.span.end))
                })
                .collect();
            (!quotes.is_empty()).then_some(Selected { article: a, quotes })
        })
}

/// Prints the quotes of the corpus (or of one article), optionally of one speaker, in `format`;
/// how many were printed.
pub(super) fn print_quotes(
    corpus: &Corpus,
    only: Option<&Article>,
    speaker: Option<&str>,
    format: QuoteFormat,
    out: &mut impl Write,
) -> io::Result<usize> {
    let store = corpus.store();
    for w in corpus.warnings() {
        eprintln!("aes-reader: {}", sanitize::one_line(w));
    }
    let mut printed = 0;
    let selected = select(corpus, only, speaker).inspect(|s| printed += s.quotes.len());
    match format {
        QuoteFormat::Text => write_text(selected, out),
        QuoteFormat::Jsonl => write_jsonl(store, selected, out),
        QuoteFormat::Csv => write_csv(selected, out),
        QuoteFormat::Markdown => write_markdown(selected, out),
    }?;
    Ok(printed)
}

fn write_jsonl<'a>(
    store: &Store,
    selected: impl Iterator<Item = Selected<'a>>,
    out: &mut impl Write,
) -> io::Result<()> {
    fn file_of<'a>(store: &'a Store, id: &'a crate::corpus::ArticleId) -> &'a str {
        store.get(id).map_or(id.as_str(), |a| a.file_name())
    }
    for Selected { article: a, quotes } in selected {
        for (q, start, end) in quotes {
            let text = field_text(a, q.field);
            let item = QuoteOut {
                article: a.file_name(),
                id: a.id.as_str(),
                quote: &q.text,
                speaker: q.speaker.as_deref().map(sanitize::one_line),
                kind: q.kind.name(),
                evidence: q.evidence.as_ref().map(|e| sanitize::one_line(&e.cue)),
                confidence: q.evidence.as_ref().map(|e| e.confidence.name()),
                field: q.field,
                start,
                end,
                sentence: text.get(q.sentence.clone()).unwrap_or_default(),
                also_in: q.also_in.iter().map(|i| file_of(store, i)).collect(),
                also_in_count: q.also_in_count,
            };
            writeln!(out, "{}", to_json(&item))?;
        }
    }
    Ok(())
}

fn write_text<'a>(
    selected: impl Iterator<Item = Selected<'a>>,
    out: &mut impl Write,
) -> io::Result<()> {
    for Selected { article: a, quotes } in selected {
        writeln!(out, "── {} ({})", a.meta.title, a.id)?;
        for (q, _, _) in quotes {
            let who = q
                .speaker
                .as_deref()
                .map_or(Cow::Borrowed("(unattributed)"), sanitize::one_line);
            let how = match &q.evidence {
                Some(e) => format!("{}, {}", q.kind.name(), e.confidence.name()),
                None => q.kind.name().to_owned(),
            };
            // Only what the article prints between marks is shown between marks.
            if matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial) {
                writeln!(out, "  {who} [{how}]: « {} »", q.text)?;
            } else {
                writeln!(out, "  {who} [{how}]: {}", q.text)?;
            }
            if let Some(e) = &q.evidence {
                writeln!(out, "      why: {}", sanitize::one_line(&e.cue))?;
            }
            if !q.also_in.is_empty() {
                let ids: Vec<&str> = q
                    .also_in
                    .iter()
                    .map(crate::corpus::ArticleId::as_str)
                    .collect();
                let more = and_more(ids.len(), q.also_in_count);
                writeln!(out, "      also in: {}{more}", ids.join(", "))?;
            }
        }
    }
    Ok(())
}

/// A CSV error as the I/O error it wraps (so a closed pipe stays a closed pipe), else as an error
/// of its own.
fn csv_io(e: csv::Error) -> io::Error {
    if !matches!(e.kind(), csv::ErrorKind::Io(_)) {
        return io::Error::other(e);
    }
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// CSV: the same quotes, speakers, evidence and offsets as JSON Lines, plus the article's title,
/// outlet, date and URL. Absent values are empty cells.
fn write_csv<'a>(
    selected: impl Iterator<Item = Selected<'a>>,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(CSV_HEADER).map_err(csv_io)?;
    for Selected { article: a, quotes } in selected {
        let title = sanitize::one_line(&a.meta.title);
        let outlet = a.meta.source.as_deref().map(sanitize::one_line);
        let date = a.meta.date.map(|d| d.to_string());
        let url = a.meta.url.as_deref().and_then(cite::clean_url);
        for (q, start, end) in quotes {
            let speaker = q.speaker.as_deref().map(sanitize::one_line);
            let evidence = q.evidence.as_ref().map(|e| sanitize::one_line(&e.cue));
            let (start, end, also) = (
                start.to_string(),
                end.to_string(),
                q.also_in_count.to_string(),
            );
            let field = match q.field {
                Field::Title => "title",
                Field::Body => "body",
            };
            let row: [&str; 15] = [
                a.id.as_str(),
                a.file_name(),
                &title,
                outlet.as_deref().unwrap_or_default(),
                date.as_deref().unwrap_or_default(),
                url.as_deref().unwrap_or_default(),
                speaker.as_deref().unwrap_or_default(),
                q.kind.name(),
                q.evidence.as_ref().map_or("", |e| e.confidence.name()),
                evidence.as_deref().unwrap_or_default(),
                &q.text,
                field,
                &start,
                &end,
                &also,
            ];
            w.write_record(row).map_err(csv_io)?;
        }
    }
    w.flush()
}

/// Markdown for a report: one section per article, its quotes as a list (see [`cite::quote_markdown`]).
fn write_markdown<'a>(
    selected: impl Iterator<Item = Selected<'a>>,
    out: &mut impl Write,
) -> io::Result<()> {
    let md = |s: &str| cite::markdown_escape(&cite::clean(s));
    writeln!(out, "# Quotes")?;
    let mut any = false;
    for Selected { article: a, quotes } in selected {
        any = true;
        writeln!(out, "\n## {}\n", md(&a.meta.title))?;
        let meta: Vec<String> = [
            a.meta.source.as_deref().map(md),
            a.meta.date.map(|d| d.to_string()),
            a.meta.author.as_deref().map(|s| format!("by {}", md(s))),
            a.meta
                .url
                .as_deref()
                .and_then(cite::clean_url)
                .map(|u| cite::markdown_url(&u)),
            Some(format!(
                "id {}",
                cite::markdown_code(&sanitize::one_line(a.id.as_str()))
            )),
        ]
        .into_iter()
        .flatten()
        .collect();
        writeln!(out, "{}\n", cite::markdown_line_start(&meta.join(" · ")))?;
        for (q, start, end) in quotes {
            let mut details = vec![q.kind.name().to_owned()];
            if let Some(e) = &q.evidence {
                details.push(format!("{} confidence", e.confidence.name()));
                details.push(format!("why: {}", md(&e.cue)));
            }
            details.push(match q.field {
                Field::Title => format!("title chars {start}–{end}"),
                Field::Body => format!("chars {start}–{end}"),
            });
            if q.also_in_count > 0 {
                let ids: Vec<String> = q
                    .also_in
                    .iter()
                    .map(|i| cite::markdown_code(&sanitize::one_line(i.as_str())))
                    .collect();
                let more = and_more(ids.len(), q.also_in_count);
                let n = q.also_in_count;
                let s = if n == 1 { "" } else { "s" };
                details.push(format!(
                    "also in {n} other article{s}: {}{more}",
                    ids.join(", ")
                ));
            }
            writeln!(out, "- {}\\", cite::quote_markdown(q))?;
            writeln!(out, "  {}", details.join(" · "))?;
        }
    }
    if !any {
        writeln!(out, "\nNo quote matches.")?;
    }
    Ok(())
}

#[derive(Serialize)]
struct SpeakerOut<'a> {
    speaker: &'a str,
    kind: &'static str,
    quotes: usize,
    articles: usize,
    aliases: &'a [Cow<'a, str>],
}

/// Prints everyone quoted in the corpus, most quoted first; how many.
pub(super) fn print_speakers(
    corpus: &Corpus,
    json: bool,
    out: &mut impl Write,
) -> io::Result<usize> {
    let store = corpus.store();
    for w in corpus.warnings() {
        eprintln!("aes-reader: {}", sanitize::one_line(w));
    }
    let mut tally: BTreeMap<&str, (usize, BTreeSet<&str>)> = BTreeMap::new();
    for a in store.articles() {
        for q in corpus.quotes(&a.id) {
            if let Some(s) = q.speaker.as_deref() {
                let e = tally.entry(s).or_default();
                e.0 += 1;
                e.1.insert(a.id.as_str());
            }
        }
    }
    let mut rows: Vec<_> = tally.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    let printed = rows.len();
    for (name, (count, arts)) in rows {
        // A description opens with a determiner (`le ministre burkinabè`, `un proche du président`).
        let kind = if name.chars().next().is_some_and(char::is_lowercase) {
            "description"
        } else {
            "name"
        };
        let aliases: Vec<Cow<'_, str>> = corpus
            .aliases_of(name)
            .iter()
            .map(|a| sanitize::one_line(a))
            .collect();
        let name = sanitize::one_line(name);
        if json {
            let row = SpeakerOut {
                speaker: &name,
                kind,
                quotes: count,
                articles: arts.len(),
                aliases: &aliases,
            };
            writeln!(out, "{}", to_json(&row))?;
        } else {
            let aka = if aliases.is_empty() {
                String::new()
            } else {
                format!("  (also: {})", aliases.join(", "))
            };
            let n = arts.len();
            writeln!(
                out,
                "{count:>4} {:<6}  {n:>3} {:<8}  {name}{aka}",
                plural(count, "quote", "quotes"),
                plural(n, "article", "articles"),
            )?;
        }
    }
    Ok(printed)
}

/// `one` for 1, else `many`.
fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// ` and N more` when a quote's `also_in` list (of `shown` articles) leaves out some of the `count`
/// other articles printing it; empty otherwise.
fn and_more(shown: usize, count: usize) -> String {
    match count.saturating_sub(shown) {
        0 => String::new(),
        more => format!(" and {more} more"),
    }
}
