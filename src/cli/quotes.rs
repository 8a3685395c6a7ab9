//! `quotes` and `speakers`: the quote engine's output for people and for scripts.
//!
//! Quote texts and sentences come from sanitized article bodies, but canonical names and aliases come
//! straight from the corpus alias file (`people.toml`), so every speaker name and alias printed here
//! passes [`sanitize::one_line`] on its way out.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use serde::Serialize;

use super::output::CharOffsets;
use crate::corpus::article::Article;
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

/// Prints the quotes of the corpus (or of one article), optionally of one speaker.
pub(super) fn print_quotes(
    corpus: &Corpus,
    only: Option<&Article>,
    speaker: Option<&str>,
    json: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    let store = corpus.store();
    for w in corpus.warnings() {
        eprintln!("aes-reader: {}", sanitize::one_line(w));
    }
    fn file_of<'a>(store: &'a Store, id: &'a crate::corpus::ArticleId) -> &'a str {
        store.get(id).map_or(id.as_str(), |a| a.file_name())
    }
    for a in store
        .articles()
        .iter()
        .filter(|a| only.is_none_or(|o| o.id == a.id))
    {
        let quotes: Vec<&Quote> = corpus
            .quotes(&a.id)
            .iter()
            .filter(|q| matches_speaker(q, speaker))
            .collect();
        if quotes.is_empty() {
            continue;
        }
        if !json {
            writeln!(out, "── {} ({})", a.meta.title, a.id)?;
        }
        let (mut in_title, mut in_body) = (
            CharOffsets::new(field_text(a, Field::Title)),
            CharOffsets::new(field_text(a, Field::Body)),
        );
        for q in quotes {
            let text = field_text(a, q.field);
            let offsets = match q.field {
                Field::Title => &mut in_title,
                Field::Body => &mut in_body,
            };
            if json {
                let item = QuoteOut {
                    article: a.file_name(),
                    id: a.id.as_str(),
                    quote: &q.text,
                    speaker: q.speaker.as_deref().map(sanitize::one_line),
                    kind: q.kind.name(),
                    evidence: q.evidence.as_ref().map(|e| sanitize::one_line(&e.cue)),
                    confidence: q.evidence.as_ref().map(|e| e.confidence.name()),
                    field: q.field,
                    start: offsets.at(q.span.start),
                    end: offsets.at(q.span.end),
                    sentence: text.get(q.sentence.clone()).unwrap_or_default(),
                    also_in: q.also_in.iter().map(|i| file_of(store, i)).collect(),
                    also_in_count: q.also_in_count,
                };
                writeln!(out, "{}", serde_json::to_string(&item).unwrap_or_default())?;
            } else {
                let who = q
                    .speaker
                    .as_deref()
                    .map_or(Cow::Borrowed("(speaker unknown)"), sanitize::one_line);
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
                    let more = q.also_in_count.saturating_sub(ids.len());
                    let more = if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    };
                    writeln!(out, "      also in: {}{more}", ids.join(", "))?;
                }
            }
        }
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

/// Prints everyone quoted in the corpus, most quoted first.
pub(super) fn print_speakers(corpus: &Corpus, json: bool, out: &mut impl Write) -> io::Result<()> {
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
            writeln!(out, "{}", serde_json::to_string(&row).unwrap_or_default())?;
        } else {
            let aka = if aliases.is_empty() {
                String::new()
            } else {
                format!("  (also: {})", aliases.join(", "))
            };
            writeln!(
                out,
                "{count:>4} quotes  {:>3} articles  {name}{aka}",
                arts.len()
            )?;
        }
    }
    Ok(())
}
