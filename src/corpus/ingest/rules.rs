//! The line rules: what one line is whatever its place (a URL, a date, navigation, a photo credit
//! or caption, or text), cheapest necessary condition first.

use std::sync::LazyLock;

use regex::Regex;

use super::date::{DateRank, date_line};
use super::line::{Class, LINE_RULE_WORDS, Line, more_words_than};
use super::url::canonical_url;
use super::vocab::VOCAB;
use crate::corpus::article::PartialDate;

static URL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:source|url|lien|link)\s*:\s*)?<?(?P<url>https?://[^\s<>]+?)>?$")
        .expect("url regex compiles")
});

/// What the line rules make of one line of at most 40 words, whatever its place.
#[derive(Debug)]
pub(super) struct Judged {
    pub(super) verdict: Verdict,
    /// The line opens the site footer, if it comes late enough.
    pub(super) footer: bool,
}

/// What the line rules make of one line, whatever its place.
#[derive(Debug, Clone)]
pub(super) enum Verdict {
    /// A line that is only a URL (canonical form).
    Url(String),
    /// A line that is only a date.
    Date((PartialDate, DateRank)),
    /// Navigation or a bare credit (gone), or a caption.
    Class(Class),
    /// None of these: text, for now.
    Text,
}

/// The line rules, cheapest necessary condition first. None of them holds for a line of more than
/// 40 words: a URL line has at most three, a date line at most 80 bytes once folded, navigation at
/// most 21 words, a credit line (and a footer) at most 40.
pub(super) fn judge(line: &Line<'_>) -> Verdict {
    if line.text.contains("http") {
        if let Some(c) = URL_LINE.captures(line.text) {
            return Verdict::Url(canonical_url(&c["url"]));
        }
    }
    if let Some(d) = date_line(line.folded) {
        return Verdict::Date(d);
    }
    if VOCAB.is_navigation(line) {
        return Verdict::Class(Class::Gone);
    }
    if line.words <= LINE_RULE_WORDS {
        if let Some(at) = VOCAB.credit_start(line) {
            let (before, credit) = line.text.split_at(at);
            if !more_words_than(credit, 9) {
                return Verdict::Class(if more_words_than(before, 2) {
                    Class::Caption
                } else {
                    Class::Gone
                });
            }
        }
    }
    Verdict::Text
}
