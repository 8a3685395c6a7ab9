//! Headline quotes: the marked spans of the title that are quotes rather than terms, and their
//! speakers: a name before a colon (`CGT : « … »`), after the quote (`« … », X`), the headline's
//! own sentence, or the body quote the headline repeats.

use super::attribute::{Generic, Resolver, Speaker, evidence_of};
use super::candidate::{Found, is_term};
use super::extract::{Span, trim_stray_marks};
use super::links::common_in_order;
use super::names;
use super::people::{Aliases, People};
use super::types::{Confidence, Field, Quote, QuoteKind};
use crate::corpus::text::{is_alphanumeric, word_count, words_key};

/// The quotes of the headline `title`, in order, from its marked spans; `found` are the body's
/// quotes with their speakers, for a headline that repeats one.
pub fn quotes(
    resolver: &Resolver<'_>,
    title: &str,
    title_spans: Vec<Span>,
    found: &[Found],
) -> Vec<Quote> {
    let mut quotes: Vec<Quote> = Vec::new();
    for mut t in title_spans {
        t.content = trim_stray_marks(title, t.content.clone());
        let text = &title[t.content.clone()];
        if !text.chars().any(is_alphanumeric) {
            continue;
        }
        if is_term(text) && !title[..t.open].trim_end().ends_with(':') {
            continue;
        }
        let speaker = title_speaker(resolver, title, &t, found);
        quotes.push(Quote {
            text: text.to_owned(),
            kind: QuoteKind::Partial,
            evidence: speaker.as_ref().map(evidence_of),
            speaker: speaker.map(|s| s.text().to_owned()),
            field: Field::Title,
            span: t.content.clone(),
            sentence: 0..title.len(),
            also_at: Vec::new(),
            also_in: Vec::new(),
            also_in_count: 0,
        });
    }
    quotes
}

/// The speaker of a headline quote: a name before a colon (`CGT : « … »`, not a section label
/// such as `Coopération :`), a name after it (`« … », X`), or the speaker of the body quote it
/// repeats.
fn title_speaker(
    resolver: &Resolver<'_>,
    title: &str,
    t: &Span,
    found: &[Found],
) -> Option<Speaker> {
    let text = &title[t.content.clone()];
    let lead = title[..t.open].trim_end();
    let by_label = lead.strip_suffix(':').and_then(|h| {
        let h = h.trim();
        let label = h.rsplit([':', '|', '-', '–']).next().unwrap_or(h).trim();
        let is_name = names::org_in(label).is_some()
            || names::is_acronym(label)
            || label.split_whitespace().count() >= 2 && names::name_in(label).is_some()
            || resolver.people.by_short_form(label).is_some();
        is_name
            .then(|| names::name_in(label).unwrap_or_else(|| label.to_owned()))
            .map(|n| resolver.named(&n).via("X : (headline)"))
    });
    if by_label.is_some() {
        return by_label;
    }
    let tail = title[t.close_end.min(title.len())..]
        .trim_start_matches(|c: char| c == ',' || c.is_whitespace());
    if !tail.is_empty() && word_count(tail) <= 5 {
        if let Some(s) = resolver.after_inverted_verb(tail, title.len(), Generic::AfterComma) {
            return Some(s);
        }
        if let Some(name) = names::name_in(tail).filter(|n| n.split_whitespace().count() >= 2) {
            return Some(resolver.named(&name).via("« … », X (headline)"));
        }
    }
    // `Le président X a annoncé le retour « dans les prochaines heures »`: a headline that is a
    // sentence has its own evidence.
    let no_aliases = Aliases::default();
    let people = People::find(
        title,
        std::slice::from_ref(&(0..title.len())),
        &[],
        &[t.open],
        &no_aliases,
    );
    let own = Resolver::new(title, people, &no_aliases);
    if let Some(s) = own.explicit(t.open, t.close_end, &(0..title.len())) {
        let name = s.text().to_owned();
        let canonical = if s.is_named() {
            resolver.named(&name)
        } else {
            s.clone()
        };
        return Some(canonical.via(&s.cue).at_most(s.confidence));
    }
    let key: Vec<String> = words_key(text).split(' ').map(str::to_owned).collect();
    found
        .iter()
        .filter(|f| f.speaker.is_some())
        .map(|f| {
            let other: Vec<String> = words_key(&resolver.text[f.span.content.clone()])
                .split(' ')
                .map(str::to_owned)
                .collect();
            (common_in_order(&key, &other), f)
        })
        .filter(|(c, _)| *c * 5 >= key.len() * 4)
        .max_by_key(|(c, _)| *c)
        .and_then(|(_, f)| f.speaker.as_ref())
        .map(|s| s.carried("the body quote it repeats", Confidence::Medium))
}
