//! The per-article pipeline ([`extract_article`]): sentences and candidate spans, the people of
//! the article, then the speakers — explicit evidence first, in reading order, then the context
//! for the quotes that named no one — then terms dropped and repeats merged.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::attribute::{Generic, Resolver, Speaker, evidence_of, selon_evidence, split_incise};
use super::candidate::{Found, is_term, stands_alone};
use super::extract;
use super::names;
use super::people::{Aliases, People};
use super::title;
use super::types::{Confidence, Field, Quote, QuoteKind};
use crate::corpus::article::{Article, BlockKind};
use crate::corpus::text::{is_alphanumeric, words_key_chars};

/// How far back (in sentences of the same paragraph) a speech verb's subject still holds the
/// floor for a quote that names no one.
const SUBJECT_CARRY_SENTENCES: usize = 2;

/// The quotes of one article, attributed within it, held without spare capacity (a loaded corpus
/// keeps every article's).
pub fn extract_article(article: &Article, aliases: &Aliases) -> Vec<Quote> {
    let body = &article.body;
    let mut sentences: Vec<Range<usize>> = Vec::new();
    for b in &article.blocks {
        if b.kind != BlockKind::Caption {
            sentences.extend(extract::sentences(body, b.range.clone()));
        }
    }
    // The index of the first sentence holding `pos` or ending there. Blocks come in text order,
    // so the sentences do too and a binary search finds it; the scan stays for any other order.
    let in_order = sentences.windows(2).all(|w| w[0].end <= w[1].start);
    let sentence_index = |pos: usize| {
        let holds = |s: &Range<usize>| s.contains(&pos) || s.end == pos;
        if in_order {
            let i = sentences.partition_point(|s| s.end < pos);
            sentences.get(i).filter(|s| holds(s)).map(|_| i)
        } else {
            sentences.iter().position(holds)
        }
    };
    let sentence_of = |pos: usize| sentence_index(pos).map_or(pos..pos, |i| sentences[i].clone());
    let all_marked = extract::marked(article);
    let (title_spans, mut spans): (Vec<_>, Vec<_>) = all_marked
        .into_iter()
        .partition(|s| s.field == Field::Title);
    // Who is the subject of a sentence inside quoted words does not hold the floor outside them.
    let mut quoted: Vec<Range<usize>> = spans.iter().map(|s| s.content.clone()).collect();
    quoted.sort_by_key(|r| (r.start, r.end));
    spans.extend(extract::unmarked(article, &sentences));
    spans.extend(extract::interviews(article));
    let (answers, intro_end) = extract::question_answers(article);
    // No candidate anywhere: nobody to find, nothing to attribute (most articles of a large
    // corpus quote nobody, and finding who holds the floor is the costly part).
    if title_spans.is_empty() && spans.is_empty() && answers.is_empty() {
        return Vec::new();
    }
    // Where quotes stand: who holds the floor matters only in the sentences before them.
    let mut anchors: Vec<usize> = spans.iter().chain(&answers).map(|s| s.open).collect();
    anchors.sort_unstable();
    let people = People::find(body, &sentences, &quoted, &anchors, aliases);
    let mut resolver = Resolver::new(body, people, aliases);
    // The interviewee of a question-and-answer layout: named before the first question (or in a
    // headline `Name : « … »`).
    let interviewee = if answers.is_empty() {
        None
    } else {
        resolver
            .people
            .first_mention_in(0..intro_end)
            .map(|i| resolver.people.name(i).to_owned())
            .or_else(|| {
                let title = &article.meta.title;
                let lead = title.split([':', '«']).next().unwrap_or("");
                names::name_in(lead)
            })
    };
    spans.extend(answers);
    spans.sort_by_key(|s| (s.open, s.content.start));

    // Pass 1: explicit evidence, in reading order, so pronouns see the speakers before them.
    let mut found: Vec<Found> = Vec::new();
    for span in spans {
        // From the sentence the quote opens in to the one it closes in: a quote of several
        // sentences (or paragraphs) has its evidence before its start and after its end.
        let sentence = {
            let first = sentence_of(span.open.max(span.content.start.min(span.open + 4)));
            let last = sentence_of(span.close_end.saturating_sub(1).max(span.content.start));
            first.start.min(span.open)..last.end.max(first.end).max(span.close_end)
        };
        let (parts, speaker) = match span.kind {
            QuoteKind::Interview => match &span.label {
                Some(label) => {
                    let speaker = resolver.named(label).via("interview turn");
                    (vec![span], Some(speaker))
                }
                None => {
                    let speaker = interviewee.as_deref().map(|name| {
                        resolver
                            .named(name)
                            .via("interview answer -> interviewee named in the introduction")
                            .at_most(Confidence::Medium)
                    });
                    (vec![span], speaker)
                }
            },
            QuoteKind::Unmarked => {
                let attribution = span
                    .attribution
                    .clone()
                    .unwrap_or(span.close_end..span.close_end);
                let from = attribution.start.min(body.len());
                let to = attribution.end.max(from).min(body.len());
                match resolver.after_inverted_verb(&body[from..to], span.open, Generic::No) {
                    Some(s) => (vec![span], Some(s)),
                    // Without a speaker, a clause and a comma are not reported speech.
                    None => continue,
                }
            }
            _ => match split_incise(&resolver, body, &span.content, span.open) {
                Some((a, b, speaker)) => {
                    let mut parts = vec![extract::Span {
                        content: a,
                        ..span.clone()
                    }];
                    if !b.is_empty() {
                        parts.push(extract::Span { content: b, ..span });
                    }
                    (parts, speaker)
                }
                None => {
                    let speaker = resolver
                        .explicit(span.open, span.close_end, &sentence)
                        .or_else(|| {
                            // `« … » C’est la réponse du ministre.`: named in the next sentence.
                            let k = sentence_index(span.close_end)?;
                            let next = sentences.get(k + 1)?;
                            let same_block = span
                                .block
                                .and_then(|b| article.blocks.get(b))
                                .is_some_and(|b| b.range.contains(&next.start));
                            same_block
                                .then(|| resolver.next_sentence(&body[next.clone()], next.start))
                                .flatten()
                        });
                    (vec![span], speaker)
                }
            },
        };
        if let (Some(s), Some(first)) = (&speaker, parts.first()) {
            resolver.record(first.open, s);
        }
        for span in parts {
            let explicit = speaker.is_some();
            found.push(Found {
                span,
                sentence: sentence.clone(),
                speaker: speaker.clone(),
                explicit,
            });
        }
    }

    // Pass 2: context for the quotes that named no one. Explicit quotes keep their speakers, so
    // the first one of each sentence and passage, and the blocks holding one, are known upfront.
    let n = found.len();
    let mut block_last: HashMap<usize, (usize, Speaker)> = HashMap::new();
    let mut first_in_sentence: HashMap<(usize, usize), usize> = HashMap::new();
    let mut first_in_passage: HashMap<usize, usize> = HashMap::new();
    let mut blocks_with_evidence: HashSet<usize> = HashSet::new();
    for (j, f) in found.iter().enumerate().filter(|(_, f)| f.explicit) {
        first_in_sentence
            .entry((f.sentence.start, f.sentence.end))
            .or_insert(j);
        if let Some(p) = f.span.passage {
            first_in_passage.entry(p).or_insert(j);
        }
        if let Some(b) = f.span.block {
            blocks_with_evidence.insert(b);
        }
    }
    for i in 0..n {
        if found[i].speaker.is_none() {
            let (sentence, block, passage, open) = (
                found[i].sentence.clone(),
                found[i].span.block,
                found[i].span.passage,
                found[i].span.open,
            );
            let same_sentence = first_in_sentence
                .get(&(sentence.start, sentence.end))
                .and_then(|&j| found[j].speaker.as_ref())
                .map(|s| s.carried("another quote of the same sentence", Confidence::Medium));
            if same_sentence.is_some() {
                found[i].explicit = true;
            }
            let same_passage = || {
                passage
                    .and_then(|p| first_in_passage.get(&p))
                    .and_then(|&j| found[j].speaker.as_ref())
                    .map(|s| s.carried("same quotation, earlier paragraph", Confidence::Medium))
            };
            // The previous quote of the paragraph, unless someone else took the floor since.
            let previous_quote = || {
                let (at, s) = block.and_then(|b| block_last.get(&b))?;
                let someone_else = resolver.people.next_person(*at, open).is_some_and(|p| {
                    s.is_named() && resolver.people.name(p) != s.text() || !s.is_named()
                });
                (!someone_else)
                    .then(|| s.carried("previous quote, same paragraph", Confidence::Medium))
            };
            let selon_before = || {
                let b = article.blocks.get(block?)?;
                selon_evidence(
                    &resolver,
                    &body[b.range.start..sentence.start.max(b.range.start)],
                    open,
                )
                .map(|s| s.carried("selon earlier in the paragraph", Confidence::Medium))
            };
            // A speech verb's subject in the sentences just before (`La plateforme X dit
            // maintenir son appel. « … »`), in the same paragraph or, for a quote that opens
            // its paragraph, the end of the previous one.
            let subject_before = || {
                let k = sentence_index(sentence.start)?;
                let b = article.blocks.get(block?)?;
                (1..=SUBJECT_CARRY_SENTENCES)
                    .filter_map(|back| sentences.get(k.checked_sub(back)?))
                    .take_while(|prev| {
                        prev.start >= b.range.start || body[b.range.start..open].trim().is_empty()
                    })
                    .find_map(|prev| resolver.verb_subject(&body[prev.clone()], prev.end))
                    .map(|s| s.carried("speech verb in the sentence before", Confidence::Low))
            };
            let carried = || {
                block.and_then(|b| {
                    let text = article.block_text(article.blocks.get(b)?).trim_start();
                    let opens_with_quote = text.starts_with(['«', '"', '“', '„', '‹', '<']);
                    let block_has_evidence = blocks_with_evidence.contains(&b);
                    let prev = b.checked_sub(1)?;
                    let prev_block = &article.blocks[prev];
                    let continues = opens_with_quote
                        && !block_has_evidence
                        && matches!(
                            prev_block.kind,
                            BlockKind::Paragraph | BlockKind::Turn { .. }
                        );
                    // The previous paragraph's last speaker, or the source it named (`selon X`).
                    continues
                        .then(|| {
                            block_last.get(&prev).map(|(_, s)| s.clone()).or_else(|| {
                                let text = article.block_text(prev_block);
                                selon_evidence(&resolver, text, prev_block.range.end)
                            })
                        })
                        .flatten()
                        .map(|s| s.carried("speaker of the previous paragraph", Confidence::Low))
                })
            };
            found[i].speaker = same_sentence
                .or_else(same_passage)
                .or_else(previous_quote)
                .or_else(selon_before)
                .or_else(carried)
                .or_else(subject_before);
        }
        if let (Some(b), Some(s)) = (found[i].span.block, found[i].speaker.clone()) {
            block_last.insert(b, (found[i].span.close_end, s));
        }
    }
    resolve_roles_forward(&resolver, &mut found);

    // Terms are not quotes, unless the sentence clearly attributes them.
    found.retain(|f| {
        f.explicit
            || f.span.kind != QuoteKind::Direct
            || !is_term(&body[f.span.content.clone()])
            || stands_alone(body, f)
    });

    let mut quotes: Vec<Quote> = title::quotes(&resolver, &article.meta.title, title_spans, &found);
    for mut f in found {
        f.span.content = extract::trim_stray_marks(body, f.span.content.clone());
        // Marks and nothing else say nothing.
        if !body[f.span.content.clone()].chars().any(is_alphanumeric) {
            continue;
        }
        let kind = match f.span.kind {
            QuoteKind::Direct if !extract::is_whole_clause(body, &f.sentence, &f.span) => {
                QuoteKind::Partial
            }
            k => k,
        };
        quotes.push(Quote {
            text: body[f.span.content.clone()].to_owned(),
            kind,
            evidence: f.speaker.as_ref().map(evidence_of),
            speaker: f.speaker.map(|s| s.text().to_owned()),
            field: Field::Body,
            span: f.span.content,
            sentence: f.sentence,
            also_at: Vec::new(),
            also_in: Vec::new(),
            also_in_count: 0,
        });
    }
    let mut quotes = merge_repeats(quotes);
    quotes.shrink_to_fit();
    quotes
}

/// A role no one was given before (`…, a déclaré le porte-parole de la présidence. « … », a
/// expliqué X`): when the next quote of the same paragraph names its speaker outright, the role
/// is that person's.
fn resolve_roles_forward(resolver: &Resolver<'_>, found: &mut [Found]) {
    for i in 0..found.len().saturating_sub(1) {
        let Some(s) = &found[i].speaker else {
            continue;
        };
        if s.is_named() || !s.cue.contains("role noun, no name given") {
            continue;
        }
        let next = &found[i + 1];
        let Some(n) = &next.speaker else {
            continue;
        };
        let same_block = next.span.block.is_some() && next.span.block == found[i].span.block;
        if same_block && n.is_named() && n.confidence == Confidence::High && next.explicit {
            let Some(person) = resolver.people.by_full_name(n.text(), &Aliases::default()) else {
                continue;
            };
            // Not someone the article gave another office (`X, alors secrétaire général`).
            let role = s.text().to_owned();
            if !resolver.people.may_hold(person, &role) {
                continue;
            }
            found[i].speaker = Some(n.carried(
                &format!("role noun \"{role}\" -> named by the next quote"),
                Confidence::Low,
            ));
        }
    }
}

/// How many chars of a quote's [`words_key`](crate::corpus::text::words_key) group it with others
/// before whole keys are compared.
const KEY_START_CHARS: usize = 48;

/// The same words printed twice in one article (title and body, or twice in the body) are one
/// quote with several places; the body place comes first.
fn merge_repeats(mut quotes: Vec<Quote>) -> Vec<Quote> {
    // One quote repeats nothing (and most articles quote once or not at all): no key to build.
    if quotes.len() < 2 {
        return quotes;
    }
    quotes.sort_by_key(|q| (q.field == Field::Title, q.span.start));
    let mut out: Vec<Quote> = Vec::new();
    // The quotes kept so far by the start of their [`words_key`]; whole keys are compared only
    // within one start, char by char up to the first difference (building every quote's whole
    // key cost more than the rest of this function).
    let mut by_key_start: HashMap<String, Vec<usize>> = HashMap::new();
    for q in quotes {
        let mut start = String::with_capacity(2 * KEY_START_CHARS);
        start.extend(words_key_chars(&q.text).take(KEY_START_CHARS));
        let kept = by_key_start.entry(start).or_default();
        let same = kept
            .iter()
            .copied()
            .find(|&i| words_key_chars(&out[i].text).eq(words_key_chars(&q.text)));
        match same {
            Some(i) => {
                let first = &mut out[i];
                first.also_at.push((q.field, q.span));
                if first.speaker.is_none() {
                    first.speaker = q.speaker;
                    first.evidence = q.evidence;
                }
            }
            None => {
                kept.push(out.len());
                out.push(q);
            }
        }
    }
    out.sort_by_key(|q| (q.field != Field::Title, q.span.start));
    out
}
