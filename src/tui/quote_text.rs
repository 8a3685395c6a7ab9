//! How a quote of the quote panel reads, without styles: the rows of its item at a width (so its
//! height, which scrolling needs; the words whole, however long), the marks of its kind and
//! confidence, and their legend for the help. The quote panel (`panes::quotes`) styles and draws
//! these rows; the Quotes view (`panes::quote_list`) shows the selected quote the same way.

use crate::corpus::quote::{Confidence, Quote, QuoteKind};
use crate::corpus::sanitize;
use crate::corpus::text::truncate;

/// Most lines the selected item's `why:` takes before cutting with `…`.
pub const MAX_WHY_LINES: usize = 2;

/// How sure the speaker is, readable without colour: `●●●` high, `●●○` medium, `●○○` low.
pub fn confidence_mark(confidence: Confidence) -> &'static str {
    match confidence {
        Confidence::High => "●●●",
        Confidence::Medium => "●●○",
        Confidence::Low => "●○○",
    }
}

/// True for the kinds the article prints between quotation marks: only those get `« »` here.
pub fn has_marks(kind: QuoteKind) -> bool {
    matches!(kind, QuoteKind::Direct | QuoteKind::Partial)
}

fn kind_meaning(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "a whole clause the article prints in « »",
        QuoteKind::Partial => "a fragment in « » inside the journalist's sentence",
        QuoteKind::Unmarked => "reported speech, no marks in the text (so no « »)",
        QuoteKind::Interview => "an interview answer paragraph (no marks either)",
    }
}

fn confidence_meaning(confidence: Confidence) -> &'static str {
    match confidence {
        Confidence::High => "said in so many words: a déclaré X, selon X, X :",
        Confidence::Medium => "one inference: a pronoun, a role, the same sentence",
        Confidence::Low => "a guess carried from context: the name shows X?",
    }
}

/// What the panel's kinds and marks mean, as (mark, meaning) rows for the help.
pub fn legend() -> Vec<(String, &'static str)> {
    let kinds = [
        QuoteKind::Direct,
        QuoteKind::Partial,
        QuoteKind::Unmarked,
        QuoteKind::Interview,
    ]
    .map(|k| (k.name().to_owned(), kind_meaning(k)));
    let marks = [Confidence::High, Confidence::Medium, Confidence::Low].map(|c| {
        (
            format!("{} {}", confidence_mark(c), c.name()),
            confidence_meaning(c),
        )
    });
    let mut rows: Vec<(String, &'static str)> = kinds.into_iter().chain(marks).collect();
    rows.push((
        "why:".to_owned(),
        "what in the text gave the selected quote's speaker",
    ));
    rows
}

/// `wrapped` cut to `max` lines, the last one ending in `…` when lines were dropped.
fn capped<'t>(
    wrapped: Vec<std::borrow::Cow<'t, str>>,
    max: usize,
    width: usize,
) -> impl Iterator<Item = String> + 't {
    let n = wrapped.len();
    wrapped
        .into_iter()
        .take(max)
        .enumerate()
        .map(move |(i, l)| {
            if i + 1 == max && n > max {
                truncate(&format!("{l}…"), width)
            } else {
                l.into_owned()
            }
        })
}

/// The `why:` rows of an item drawn selected at `width` columns: the cue that gave the speaker,
/// wrapped under its label, [`MAX_WHY_LINES`] at most. None when the quote has no evidence.
pub fn why_rows(q: &Quote, width: usize) -> Vec<String> {
    let Some(e) = q.evidence.as_ref() else {
        return Vec::new();
    };
    let width = width.max(1);
    let cue = sanitize::one_line(&e.cue);
    let options = textwrap::Options::new(width)
        .initial_indent("  why: ")
        .subsequent_indent("       ")
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    capped(textwrap::wrap(&cue, options), MAX_WHY_LINES, width).collect()
}

/// The words of a quote as shown: between `« »` only when the article prints marks (unmarked
/// speech and interview answers have none in the article: none are added).
pub fn words(q: &Quote) -> String {
    if has_marks(q.kind) {
        format!("«\u{a0}{}\u{a0}»", q.text)
    } else {
        q.text.clone()
    }
}

/// The rows of an item's words at `width` columns (two less, for the indent the panel adds), all
/// of them: a quote is shown whole, and the panel scrolls when it does not fit.
pub fn text_rows(q: &Quote, width: usize) -> Vec<String> {
    let inner = width.max(1).saturating_sub(2).max(1);
    textwrap::wrap(&words(q), inner)
        .into_iter()
        .map(std::borrow::Cow::into_owned)
        .collect()
}

/// Rows of one item at `width` columns, drawn selected or not: its head (speaker, kind,
/// confidence), the `why:` rows when selected, the words, and the "also in" row.
pub fn height(q: &Quote, width: usize, selected: bool) -> usize {
    item_height(q, width, selected, false)
}

/// [`height`], with the "also in" list `open` (on the selected item: a heading row, then one
/// row per other article, each of which can be followed).
pub fn item_height(q: &Quote, width: usize, selected: bool, open: bool) -> usize {
    let why = if selected {
        why_rows(q, width).len()
    } else {
        0
    };
    1 + why + text_rows(q, width).len() + also_rows(q, selected && open)
}

/// Rows of the "also in" part of an item: none without other articles, one closed, a heading and
/// one per article listed when `open`.
pub fn also_rows(q: &Quote, open: bool) -> usize {
    match (q.also_in.len(), open) {
        (0, _) => 0,
        (_, false) => 1,
        (n, true) => 1 + n,
    }
}

/// The row, within the selected item at `width` columns, of its part `sub`: 0 the head, `k` the
/// `k`-th "also in" article of the open list.
pub fn sub_row(q: &Quote, width: usize, sub: usize) -> usize {
    if sub == 0 {
        return 0;
    }
    1 + why_rows(q, width).len() + text_rows(q, width).len() + sub
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_names_every_kind_and_every_confidence() {
        let legend = legend();
        for k in [
            QuoteKind::Direct,
            QuoteKind::Partial,
            QuoteKind::Unmarked,
            QuoteKind::Interview,
        ] {
            assert!(legend.iter().any(|(m, _)| m == k.name()), "{k:?}");
        }
        for c in [Confidence::High, Confidence::Medium, Confidence::Low] {
            assert!(
                legend
                    .iter()
                    .any(|(m, _)| m.starts_with(confidence_mark(c)) && m.ends_with(c.name())),
                "{c:?}"
            );
        }
    }
}
