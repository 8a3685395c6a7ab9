//! Quotes: citations extracted from an article's body and title, with their speakers.
//! `extract` finds the spans, `attribute` finds who spoke, `people` resolves names across articles.

mod attribute;
mod clauses;
mod extract;
mod lexicon;
mod links;
mod names;
pub mod people;
mod words;

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;
use std::ops::Range;

use serde::Serialize;

use crate::corpus::article::{Article, ArticleId, BlockKind};
use crate::corpus::store::Store;
use crate::corpus::text::{ends_sentence, fold, is_alphanumeric, word_count, words_key};
use attribute::{Generic, Resolver, Speaker};
use lexicon::LEXICON;
use links::link_across;
pub use links::{
    Link, Linker, MAX_ALSO_IN, apply as apply_links, common_in_order, is_same_quote, word_hashes,
};
pub use people::Aliases;
use people::People;

/// What kind of citation a quote is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A whole clause in quotation marks.
    Direct,
    /// A fragment in marks inside the journalist's sentence (headlines included).
    Partial,
    /// Reported speech whose marks were lost: `Clause, a déclaré X.`
    Unmarked,
    /// An answer turn of an interview (`Name: answer`), one quote per paragraph.
    Interview,
}

impl QuoteKind {
    /// Lower-case name, as in JSON.
    pub fn name(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Unmarked => "unmarked",
            QuoteKind::Interview => "interview",
        }
    }
}

/// How sure the engine is of a quote's speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// A guess the text supports but does not say: a speaker carried over from an earlier
    /// sentence or paragraph, a role noun given to the last person who held the floor.
    Low,
    /// One step of inference: a pronoun, a role noun resolved through an apposition, another
    /// quote of the same sentence, a verb the lexicon does not know.
    Medium,
    /// Said in so many words: a speech verb or `selon` with the name or the anonymous source,
    /// `X :`, an interview turn.
    High,
}

impl Confidence {
    /// Lower-case name, as in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// Why a quote has its speaker: the cue in the text and how it was resolved, and how sure that is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The cue (`a déclaré`, `selon`, `X :`, `interview turn`) and its resolution (`pronoun "il"
    /// -> last subject or speaker`, `role noun "le ministre" -> apposition`), joined by ` · `.
    pub cue: String,
    /// How sure.
    pub confidence: Confidence,
}

/// Which text of the article a span refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The headline (`Meta::title`).
    Title,
    /// The body (`Article::body`).
    Body,
}

/// One citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The quoted words, without the marks.
    pub text: String,
    /// Direct, partial, unmarked or interview.
    pub kind: QuoteKind,
    /// Canonical speaker: a person, an organisation, a description of an anonymous source, or none.
    pub speaker: Option<String>,
    /// Why the speaker was given, and how sure that is (`None` when there is no speaker).
    pub evidence: Option<Evidence>,
    /// Where the quote stands: the body when it is printed there, else the title.
    pub field: Field,
    /// Byte range of the quote text in `field` (slices back to `text` exactly).
    pub span: Range<usize>,
    /// Byte range of the sentence around it, in the same field.
    pub sentence: Range<usize>,
    /// Other places in the same article printing the same quote (title and body).
    pub also_at: Vec<(Field, Range<usize>)>,
    /// Other articles printing the same quote: the first [`MAX_ALSO_IN`] in corpus order.
    pub also_in: Vec<ArticleId>,
    /// How many other articles print it (more than `also_in` lists when it is reprinted widely).
    pub also_in_count: usize,
}

/// The quotes of every article of a store, with cross-article links.
#[derive(Debug, Clone, Default)]
pub struct QuoteIndex {
    by_article: HashMap<ArticleId, Vec<Quote>>,
    aliases: Aliases,
    warnings: Vec<String>,
}

/// Name of the alias file in the corpus folder.
pub const ALIAS_FILE: &str = "people.toml";

/// The aliases in the corpus's alias file (its bytes, when there is one), with a warning when the
/// file cannot be used.
pub fn load_aliases(file: Option<&[u8]>) -> (Aliases, Option<String>) {
    match file.map(|b| Aliases::parse(&String::from_utf8_lossy(b))) {
        Some(Ok(a)) => (a, None),
        Some(Err(e)) => (
            Aliases::default(),
            Some(format!(
                "{ALIAS_FILE}: {e}; aliases ignored until it is fixed"
            )),
        ),
        None => (Aliases::default(), None),
    }
}

impl QuoteIndex {
    /// Extracts and attributes the quotes of every article, then links quotes printed in several.
    pub fn build(store: &Store) -> QuoteIndex {
        let (aliases, warning) = load_aliases(store.extra(ALIAS_FILE));
        let warnings = warning.into_iter().collect();
        let articles = store.articles();
        let mut per: Vec<Vec<Quote>> = vec![Vec::new(); articles.len()];
        // Two cores are two cores: split the articles between threads.
        let threads = crate::corpus::cpu_threads();
        let chunk = articles.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            for (arts, out) in articles.chunks(chunk).zip(per.chunks_mut(chunk)) {
                let aliases = &aliases;
                scope.spawn(move || {
                    for (a, slot) in arts.iter().zip(out.iter_mut()) {
                        *slot = extract_article(a, aliases);
                    }
                });
            }
        });
        link_across(articles, &mut per);
        let by_article = articles.iter().map(|a| a.id.clone()).zip(per).collect();
        QuoteIndex {
            by_article,
            aliases,
            warnings,
        }
    }

    /// The quotes of one article, in reading order (title first).
    pub fn quotes(&self, id: &ArticleId) -> &[Quote] {
        self.by_article.get(id).map_or(&[], Vec::as_slice)
    }

    /// Problems with the alias file.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Other spellings of a speaker, from the alias file.
    pub fn aliases_of(&self, speaker: &str) -> &[String] {
        self.aliases.variants(speaker)
    }
}

/// Words that open a clause or a noun phrase: a short quote starting with one is speech, not a term.
fn opens_phrase(folded: &str) -> bool {
    let first = folded.split_whitespace().next().unwrap_or("");
    LEXICON.starts_definite(folded)
        || LEXICON.starts_indefinite(folded)
        || LEXICON.pronoun(first).is_some()
        || [
            "nous", "vous", "on", "je", "nos", "vos", "votre", "mon", "ma", "mes", "tout", "tous",
            "ils", "elles",
        ]
        .contains(&first)
}

/// A scare-quoted term or a title rather than a citation: one or two words, three without a
/// determiner (`« persona non grata »`), or a short run of capitalized words (`« Africa Corps »`).
/// A shout (`« Démission ! »`) is never a term.
fn is_term(text: &str) -> bool {
    if text.trim_end().ends_with(['!', '?']) {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let folded = fold(text);
    let capitalized = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    words.len() <= 2
        || (words.len() == 3 && !opens_phrase(&folded))
        || (words.len() <= 5 && capitalized * 2 > words.len() && !opens_phrase(&folded))
}

/// Splits `« A, explique X. B »` (or `« A, a-t-il rappelé, B »`, or `« A, dit-elle. »`) into A
/// and B, both said by X: the incise is never part of the quote. Returns the two content ranges
/// (the second empty when the incise ends the quote) and the incise's speaker.
fn split_incise(
    resolver: &Resolver<'_>,
    text: &str,
    content: &Range<usize>,
    open: usize,
) -> Option<(Range<usize>, Range<usize>, Option<Speaker>)> {
    let inner = &text[content.clone()];
    for (comma, _) in inner.match_indices(", ") {
        let rest = &inner[comma + 1..];
        let (verb_end, pronoun) = match LEXICON.inverted_at(rest) {
            Some((end, p)) => (end, p.is_some()),
            None => match clauses::pronoun_inversion(rest) {
                Some(end) => (end, true),
                None => continue,
            },
        };
        let after = &rest[verb_end..];
        let stop = after.find(['.', ',', '!', '?']).unwrap_or(after.len());
        let subject = &after[..stop];
        // The incise names a speaker (`, a-t-il rappelé,`, `, explique X.`, `, tranche le
        // ministre.`); `, confirme le bienfondé de cette journée` is the quote going on.
        let sf = fold(subject.trim());
        let names_speaker = pronoun
            || subject.trim_start().starts_with(|c: char| c.is_uppercase())
            || (LEXICON.starts_definite(&sf)
                && (LEXICON.find_role_noun(&sf).is_some_and(|(p, _)| p < 4)
                    || sf
                        .split([' ', '\''])
                        .nth(1)
                        .is_some_and(|w| LEXICON.is_org_noun(w))));
        if !names_speaker {
            continue;
        }
        let tail = after.get(stop + 1..).unwrap_or("").trim_start();
        let tail_words = word_count(tail);
        if word_count(subject) > 6
            || (tail_words > 0 && tail_words < 2)
            || word_count(&inner[..comma]) < 2
        {
            continue;
        }
        let base = content.start;
        let incise = &rest[..verb_end + stop];
        let speaker = resolver.after_inverted_verb(incise, open, Generic::PronounOnly);
        let second = if tail.is_empty() {
            content.end..content.end
        } else {
            content.end - tail.len()..content.end
        };
        return Some((base..base + comma, second, speaker));
    }
    None
}

struct Found {
    span: extract::Span,
    sentence: Range<usize>,
    speaker: Option<Speaker>,
    /// The speaker came from evidence in the quote's own sentence (its own or another quote's).
    explicit: bool,
}

/// How far back (in sentences of the same paragraph) a speech verb's subject still holds the
/// floor for a quote that names no one.
const SUBJECT_CARRY_SENTENCES: usize = 2;

/// The quotes of one article, attributed within it.
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

    let mut quotes: Vec<Quote> = Vec::new();
    let title = &article.meta.title;
    for mut t in title_spans {
        t.content = extract::trim_stray_marks(title, t.content.clone());
        let text = &title[t.content.clone()];
        if !text.chars().any(is_alphanumeric) {
            continue;
        }
        if is_term(text) && !title[..t.open].trim_end().ends_with(':') {
            continue;
        }
        let speaker = title_speaker(&resolver, title, &t, &found);
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
    merge_repeats(quotes)
}

/// A short quote that is a sentence of its own (`« Elle viendra ».`): speech, not a term.
fn stands_alone(body: &str, f: &Found) -> bool {
    let text = &body[f.span.content.clone()];
    let opens = body[f.sentence.start.min(f.span.open)..f.span.open]
        .trim()
        .is_empty();
    let after = body[f.span.close_end.min(body.len())..].trim_start();
    let closes = ends_sentence(text) || after.is_empty() || after.starts_with(['.', '!', '?', '…']);
    word_count(text) >= 2 && text.starts_with(char::is_uppercase) && opens && closes
}

fn evidence_of(s: &Speaker) -> Evidence {
    Evidence {
        cue: s.cue.clone(),
        confidence: s.confidence,
    }
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

/// The speaker of a headline quote: a name before a colon (`CGT : « … »`, not a section label
/// such as `Coopération :`), a name after it (`« … », X`), or the speaker of the body quote it
/// repeats.
fn title_speaker(
    resolver: &Resolver<'_>,
    title: &str,
    t: &extract::Span,
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

/// How far back in a paragraph `selon X` is looked for, in bytes.
const SELON_WINDOW: usize = 1_000;

/// `selon X` / `d’après X` earlier in the paragraph: X holds the floor.
fn selon_evidence(resolver: &Resolver<'_>, before: &str, pos: usize) -> Option<Speaker> {
    // A source named a few sentences back still holds the floor; one named pages back in a huge
    // paragraph does not, and folding all of it for every quote was quadratic.
    let mut cut = before.len().saturating_sub(SELON_WINDOW);
    while !before.is_char_boundary(cut) {
        cut += 1;
    }
    let before = &before[cut..];
    let folded = fold(before);
    let at = ["selon ", "d'apres "]
        .iter()
        .filter_map(|f| folded.rfind(f).map(|i| i + f.len()))
        .max()?;
    // fold keeps one char per char: map the folded byte index back through char counts.
    let chars = folded[..at].chars().count();
    let start = before
        .char_indices()
        .nth(chars)
        .map_or(before.len(), |(i, _)| i);
    resolver
        .subject(&before[start..], pos)
        .map(|s| s.via("selon"))
}

/// The same words printed twice in one article (title and body, or twice in the body) are one
/// quote with several places; the body place comes first.
fn merge_repeats(mut quotes: Vec<Quote>) -> Vec<Quote> {
    quotes.sort_by_key(|q| (q.field == Field::Title, q.span.start));
    let mut out: Vec<Quote> = Vec::new();
    let mut first_with_key: HashMap<String, usize> = HashMap::new();
    for q in quotes {
        match first_with_key.entry(words_key(&q.text)) {
            Entry::Occupied(i) => {
                let first = &mut out[*i.get()];
                first.also_at.push((q.field, q.span));
                if first.speaker.is_none() {
                    first.speaker = q.speaker;
                    first.evidence = q.evidence;
                }
            }
            Entry::Vacant(slot) => {
                slot.insert(out.len());
                out.push(q);
            }
        }
    }
    out.sort_by_key(|q| (q.field != Field::Title, q.span.start));
    out
}

#[cfg(test)]
mod tests;
