//! Quote engine tests, one per pattern, on French paragraphs written for them (none from the seeds),
//! by what they check: `marks`, `reported`, `speakers`, `repeats`. The helpers are here.

use super::*;
use crate::corpus::article::ArticleId;
use crate::corpus::ingest::ingest;
use crate::corpus::store::{Origin, Store};

fn quotes_of(text: &str) -> Vec<(String, Option<String>, QuoteKind)> {
    let article = ingest("t.txt", text.as_bytes()).expect("ingests").article;
    extract_article(&article, &Aliases::default())
        .into_iter()
        .map(|q| (q.text, q.speaker, q.kind))
        .collect()
}

fn pairs(text: &str) -> Vec<(String, Option<String>)> {
    quotes_of(text)
        .into_iter()
        .map(|(t, s, _)| (t, s))
        .collect()
}

fn said(text: &str, speaker: &str) -> (String, Option<String>) {
    (text.to_owned(), Some(speaker.to_owned()))
}

mod marks;
mod repeats;
mod reported;
mod speakers;
