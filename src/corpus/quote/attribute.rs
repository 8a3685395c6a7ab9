//! Speakers: who said each quote, with the evidence for it and how sure that evidence is.
//!
//! Explicit evidence first: an inverted speech verb after the quote (`», a-t-il ajouté`, `»,
//! tranche X`), `selon X` before or after it, `X :`, a speech verb whose subject is found before it
//! (`La CGT a estimé que « … »`, `X, qui estimait qu’il fallait « … »`), `par X`. The phrase found
//! there is then resolved: pronouns to the last speaker or subject of their gender and number, role
//! nouns to the person an apposition gave that role (else, at low confidence, the last person who
//! held the floor), organisation nouns (`la centrale`) to the last organisation that spoke, short
//! forms to full names. Anonymous sources stay descriptions.

use std::ops::Range;

use super::Confidence;
use super::clauses::{
    clip, find_short, generic_inversion, last_clause, opens_adverbial, skip_complements,
    skip_listed_quotes, strip_conjunction, strip_verb_group,
};
use super::lexicon::{LEXICON, starts_word};
use super::names::{is_org_name, name_in, org_in};
use super::people::{Aliases, People, Pronoun, Referent, alias_by_surname, strip_title};
use crate::corpus::text::{fold, word_count};

/// The speaker of a quote, resolved as far as the article allows, with the evidence for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// A person's or organisation's name, canonical spelling, or a description.
    text: String,
    /// A name rather than a description.
    named: bool,
    /// Why: the cue in the text and how it was resolved (`a déclaré · role noun "le ministre" ->
    /// apposition`).
    pub cue: String,
    /// How sure the evidence is.
    pub confidence: Confidence,
    /// The evidence where it was first found, before it was carried to other quotes.
    root: String,
}

impl Speaker {
    fn named(text: impl Into<String>, how: impl Into<String>, confidence: Confidence) -> Self {
        let cue: String = how.into();
        Speaker {
            text: text.into(),
            named: true,
            root: cue.clone(),
            cue,
            confidence,
        }
    }

    fn described(text: impl Into<String>, how: impl Into<String>) -> Self {
        let cue: String = how.into();
        Speaker {
            text: text.into(),
            named: false,
            root: cue.clone(),
            cue,
            confidence: Confidence::High,
        }
    }

    /// The text shown and printed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// A name rather than a description.
    pub fn is_named(&self) -> bool {
        self.named
    }

    /// The same speaker found through `cue` (`a déclaré`, `selon`): the cue comes first in the
    /// evidence, then how the phrase was resolved, when it took more than reading a name.
    pub fn via(mut self, cue: &str) -> Self {
        let cue = cue.split_whitespace().collect::<Vec<_>>().join(" ");
        self.cue = if self.cue.is_empty() {
            cue
        } else {
            format!("{cue} · {}", self.cue)
        };
        self.root = self.cue.clone();
        self
    }

    /// The same speaker, with the confidence lowered to at most `c`.
    pub fn at_most(mut self, c: Confidence) -> Self {
        self.confidence = self.confidence.min(c);
        self
    }

    /// The same speaker carried to another quote by `how` (`previous quote, same paragraph`):
    /// the evidence says so and the confidence is at most `c`.
    pub fn carried(&self, how: &str, c: Confidence) -> Self {
        Speaker {
            cue: format!("{how} ({})", self.root),
            ..self.clone()
        }
        .at_most(c)
    }
}

/// How far back (bytes) a pronoun with no subject before it looks for the last person named.
const PRONOUN_REACH: usize = 400;

/// Which verbs the lexicon does not know may still read as an inverted speech verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generic {
    /// Only the lexicon's verbs.
    No,
    /// Also an unknown verb with an inverted pronoun (`tranche-t-il`).
    PronounOnly,
    /// Also an unknown finite verb or participle followed by its subject (`», sourit X`): only
    /// right after a quote and a comma.
    AfterComma,
}

/// Resolves speakers within one article's body.
pub struct Resolver<'a> {
    /// The text quotes and positions refer to.
    pub text: &'a str,
    /// The people of the article.
    pub people: People,
    aliases: &'a Aliases,
}

impl<'a> Resolver<'a> {
    /// A resolver over `text` with its people.
    pub fn new(text: &'a str, people: People, aliases: &'a Aliases) -> Self {
        Resolver {
            text,
            people,
            aliases,
        }
    }

    fn referent_speaker(&self, r: &Referent) -> Speaker {
        match r {
            Referent::Person(i) => Speaker::named(self.people.name(*i), "", Confidence::High),
            Referent::Named { name, .. } => Speaker::named(name.clone(), "", Confidence::High),
            Referent::Description(d) => Speaker::described(d.clone(), ""),
            Referent::Role(phrase) => match self.people.by_role(phrase, self.text.len()) {
                Some(i) => Speaker::named(
                    self.people.name(i),
                    format!("role noun \"{phrase}\" -> apposition"),
                    Confidence::Medium,
                ),
                None => Speaker::described(phrase.clone(), "role noun, no name given"),
            },
        }
    }

    /// Records who spoke at `pos`, for later pronouns, roles and organisation nouns.
    pub fn record(&mut self, pos: usize, speaker: &Speaker) {
        let referent = if speaker.named {
            match self.people.by_full_name(&speaker.text, self.aliases) {
                Some(i) => Referent::Person(i),
                None => Referent::Named {
                    org: is_org_name(&speaker.text),
                    name: speaker.text.clone(),
                },
            }
        } else {
            Referent::Description(speaker.text.clone())
        };
        self.people.record_speaker(pos, referent);
    }

    /// Who a pronoun at `pos` points back to.
    fn antecedent(&self, pos: usize, pronoun: Pronoun, word: &str) -> Option<Speaker> {
        let Some(r) = self.people.antecedent(pos, pronoun) else {
            // No one held the floor: the last person named just before (`…, à l’image du
            // sélectionneur X. « … », a-t-il lancé`), at low confidence.
            if pronoun.plural {
                return None;
            }
            let from = pos.saturating_sub(PRONOUN_REACH);
            if let Some(i) = self.people.last_mention_in(from..pos, pronoun.feminine) {
                return Some(Speaker::named(
                    self.people.name(i),
                    format!("pronoun \"{word}\" -> last person named"),
                    Confidence::Low,
                ));
            }
            // Nobody named before at all (a lead paragraph): the person named next, when the
            // text names someone soon after (`…, indique-t-il. Pour X, …`).
            if self.people.first_mention_in(0..pos).is_none() && self.people.persons.len() == 1 {
                let i = self.people.first_mention_in(pos..pos + PRONOUN_REACH * 2)?;
                return Some(Speaker::named(
                    self.people.name(i),
                    format!("pronoun \"{word}\" -> person named just after"),
                    Confidence::Low,
                ));
            }
            return None;
        };
        let s = self.referent_speaker(r);
        let how = format!("pronoun \"{word}\" -> last subject or speaker");
        Some(match r {
            // A pronoun that points to an anonymous source stays anonymous, as sure as the source.
            Referent::Description(_) => s.via(&how),
            Referent::Role(_) if !s.is_named() => s.via(&how),
            _ => s.via(&how).at_most(Confidence::Medium),
        })
    }

    /// A speaker phrase (`M. Diop`, `le ministre malien`, `un proche du président`, `il`) →
    /// speaker. Tries each comma-separated segment in turn (`ce jeudi 3 avril, Sergueï Lavrov`),
    /// after the complements a verb may take before its subject (`à l’AFP`, `samedi`).
    pub fn subject(&self, phrase: &str, pos: usize) -> Option<Speaker> {
        // The subject stands before any quotation mark or clause break.
        let phrase = phrase
            .split(['«', '»', '"', '“', '”', ':', ';', '(', ')'])
            .next()
            .unwrap_or("");
        let phrase = skip_complements(phrase);
        for raw in phrase.split(',').take(3) {
            let mut seg = format!("{} ", raw.trim());
            for cut in &LEXICON.grammar.subject_cuts {
                if let Some(i) = find_short(&seg, cut) {
                    seg.truncate(i + 1);
                }
            }
            let seg = seg.trim().trim_end_matches(['.', '!', '?', '…']).trim();
            if seg.is_empty() {
                continue;
            }
            if let Some(s) = self.classify(seg, pos) {
                // `une vendeuse des environs, Awa Sy,`: the apposition names the source.
                if !s.is_named() && s.cue == "anonymous source" {
                    let next = phrase
                        .split(',')
                        .skip_while(|r| r.trim() != raw.trim())
                        .nth(1);
                    if let Some(name) = next.and_then(|n| {
                        let n = n.trim().trim_end_matches(['.', '!', '?']);
                        name_in(n).filter(|m| m.split_whitespace().count() >= 2 && m == n)
                    }) {
                        return Some(self.named(&name).via("apposition"));
                    }
                }
                return Some(s);
            }
            // A time or a place opens the phrase: the subject is in the next segment.
            if !opens_adverbial(seg) {
                break;
            }
        }
        None
    }

    /// One subject phrase, classified: a pronoun, an anonymous source, a name, an organisation,
    /// a role or an organisation noun.
    fn classify(&self, seg: &str, pos: usize) -> Option<Speaker> {
        let seg = strip_conjunction(seg);
        let folded = fold(seg);
        let words: Vec<&str> = folded.split_whitespace().collect();
        let first = *words.first()?;
        if words.len() <= 2 {
            // `cette dernière`, `celui-ci`: the last person named, not the last subject.
            let phrase = words.join(" ");
            let demonstrative = match phrase.as_str() {
                "ce dernier" | "celui-ci" => Some(Some(false)),
                "cette derniere" | "celle-ci" => Some(Some(true)),
                _ => None,
            };
            if let Some(feminine) = demonstrative {
                let from = pos.saturating_sub(PRONOUN_REACH * 2);
                let i = self.people.last_mention_in(from..pos, feminine)?;
                return Some(Speaker::named(
                    self.people.name(i),
                    format!("\"{seg}\" -> last person named"),
                    Confidence::Medium,
                ));
            }
            // `fait-on savoir`: no one in particular, never a name.
            if first == "on" {
                return Some(Speaker::described(
                    "source non précisée",
                    "impersonal \"on\"",
                ));
            }
            if let Some(p) = Pronoun::of(first) {
                return self.antecedent(pos, p, first);
            }
        }
        if opens_adverbial(seg)
            && (LEXICON.grammar.time_words.has(first) || first == "ce" || first == "cette")
        {
            return None;
        }
        // An anonymous source stays anonymous, whoever it is close to (`un proche du président X`).
        if LEXICON.starts_indefinite(&folded) && words.len() >= 2 {
            return Some(Speaker::described(anonymous(seg), "anonymous source"));
        }
        // `la source burkinabè`, `la même source`, `le témoin`: anonymous, though definite.
        if LEXICON.starts_definite(&folded)
            && words
                .iter()
                .skip(1)
                .take(3)
                .any(|w| LEXICON.is_anonymous_noun(w))
        {
            return Some(Speaker::described(clip(seg, 8), "anonymous source"));
        }
        // `KEÏTA`, `M. DIOP`: a surname in capitals is the person, not an acronym.
        let bare = strip_title(seg);
        if !bare.contains(' ') {
            if let Some(i) = self.people.by_short_form(bare) {
                let full = self.people.name(i);
                return Some(Speaker::named(
                    full,
                    format!("short form \"{bare}\" -> full name"),
                    Confidence::High,
                ));
            }
        }
        if let Some(org) = org_in(seg) {
            return Some(Speaker::named(org, "", Confidence::High));
        }
        if let Some(name) = name_in(seg) {
            return Some(self.named(&name));
        }
        let definite = LEXICON.starts_definite(&folded);
        let plural = definite
            && ["les ", "leurs ", "ses ", "ces "]
                .iter()
                .any(|d| folded.starts_with(d));
        if let Some((at, role)) = LEXICON.find_role_noun(&folded) {
            // `le ministre`, or a bare apposition (`secrétaire général de la CFDT`).
            if definite && plural {
                return Some(Speaker::described(clip(seg, 8), "plural role noun"));
            }
            if definite || at == 0 {
                let quoted = clip(seg, 8);
                if let Some(i) = self
                    .people
                    .by_role(seg, pos)
                    .or_else(|| self.people.by_role_head(role, seg, pos))
                {
                    return Some(Speaker::named(
                        self.people.name(i),
                        format!("role noun \"{quoted}\" -> apposition"),
                        Confidence::Medium,
                    ));
                }
                let feminine = LEXICON.is_feminine_role(role) || starts_word(&folded, "la");
                let gender = feminine.then_some(true);
                // Only a bare role (`le syndicaliste`, `la magistrate`, `le sélectionneur
                // national`) re-describes the person the article is about; one with a complement
                // (`l’avocat des parties civiles`) introduces someone else.
                let bare = !folded[at + role.len()..]
                    .split(|c: char| c.is_whitespace() || c == '\'')
                    .any(|w| {
                        [
                            "de", "des", "du", "d", "a", "au", "aux", "en", "pour", "chez",
                        ]
                        .contains(&w)
                    });
                if let Some(i) = self
                    .people
                    .last_person(pos, role, gender)
                    .filter(|_| definite && bare)
                {
                    return Some(Speaker::named(
                        self.people.name(i),
                        format!("role noun \"{quoted}\" -> last person who held the floor"),
                        Confidence::Low,
                    ));
                }
                return definite.then(|| Speaker::described(quoted, "role noun, no name given"));
            }
        }
        if definite {
            let head = words.get(1).map(|w| w.trim_start_matches("l'"));
            let head = head.or_else(|| first.strip_prefix("l'"));
            let org_noun = words
                .iter()
                .take(3)
                .map(|w| w.trim_start_matches("l'"))
                .find(|w| LEXICON.is_org_noun(w));
            if let Some(noun) = org_noun {
                if !plural {
                    if let Some(org) = self.people.last_org(pos) {
                        return Some(Speaker::named(
                            org,
                            format!("\"{}\" -> last organisation that spoke", clip(seg, 6)),
                            Confidence::Low,
                        ));
                    }
                }
                let _ = noun;
                return Some(Speaker::described(
                    clip(seg, 8),
                    "organisation, no name given",
                ));
            }
            if head.is_some_and(|w| LEXICON.is_org_word(w)) {
                return Some(Speaker::described(
                    clip(seg, 8),
                    "organisation, no name given",
                ));
            }
            if plural && words.len() <= 4 {
                // `les militaires`, `les manifestants`: a group, described.
                return Some(Speaker::described(clip(seg, 6), "group"));
            }
        }
        None
    }

    /// A name as written → canonical speaker: full names through the alias file, short forms
    /// (`Diop`, `M. Diop`, `LAVROV`) to the article's full name.
    pub fn named(&self, name: &str) -> Speaker {
        let bare = strip_title(name);
        if bare.split_whitespace().count() >= 2 {
            if let Some(i) = self.people.by_full_name(bare, self.aliases) {
                return Speaker::named(self.people.name(i), "", Confidence::High);
            }
            return Speaker::named(
                self.aliases.canonical(bare).unwrap_or(bare),
                "",
                Confidence::High,
            );
        }
        if let Some(i) = self.people.by_short_form(bare) {
            let full = self.people.name(i);
            let how = if full == bare {
                String::new()
            } else {
                format!("short form \"{bare}\" -> full name")
            };
            return Speaker::named(full, how, Confidence::High);
        }
        if let Some(c) = alias_by_surname(self.aliases, bare) {
            return Speaker::named(c, "alias file", Confidence::High);
        }
        Speaker::named(bare, "", Confidence::High)
    }

    /// The speaker named by an inverted speech verb that opens `s`: its own pronoun's antecedent
    /// (`a-t-il ajouté`), or the subject that follows it (`a déclaré le ministre malien`). With
    /// `generic`, a verb the lexicon does not know counts too when its form can only be an
    /// inversion (`tranche-t-il`, `a taclé X`, `sourit X`): right after a quote, that is speech.
    pub fn after_inverted_verb(&self, s: &str, pos: usize, generic: Generic) -> Option<Speaker> {
        let (start, end, pronoun, known) = match LEXICON.inverted_at(s) {
            Some((end, p)) => (s.len() - s.trim_start().len(), end, p, true),
            None if generic != Generic::No => {
                let (end, p) = generic_inversion(s, generic == Generic::AfterComma)?;
                (s.len() - s.trim_start().len(), end, p, false)
            }
            None => return None,
        };
        let verb = s[start..end].trim();
        let speaker = if let Some(word) = pronoun {
            // `fait-on savoir`: no one in particular, never a name.
            if word == "on" {
                Speaker::described("source non précisée", "impersonal \"on\"")
            } else {
                let p = Pronoun::of(&word)?;
                self.antecedent(pos, p, &word)?
            }
        } else {
            self.subject(&s[end..], pos)?
        };
        let speaker = speaker.via(verb);
        Some(if known {
            speaker
        } else {
            speaker.at_most(Confidence::Medium)
        })
    }

    /// Explicit evidence for a quote spanning `open..close_end` in `sentence`: after the quote,
    /// then before it.
    pub fn explicit(
        &self,
        open: usize,
        close_end: usize,
        sentence: &Range<usize>,
    ) -> Option<Speaker> {
        let end = sentence.end.max(close_end).min(self.text.len());
        let after = &self.text[close_end.min(end)..end];
        let after_trim = skip_listed_quotes(after);
        let generic = if after.trim_start().starts_with(',') {
            Generic::AfterComma
        } else {
            Generic::PronounOnly
        };
        let before = &self.text[sentence.start.min(open)..open];
        // `« … », suivie d’échanges de tirs, a indiqué X`: past one short inserted phrase.
        let inserted = || {
            let comma = after_trim.find(", ")?;
            let phrase = &after_trim[..comma];
            let short = word_count(phrase) <= 8 && !phrase.contains(['«', '»', '"', '“', '”']);
            let rest = &after_trim[comma + 1..];
            short
                .then(|| LEXICON.inverted_at(rest).map(|_| rest))
                .flatten()
        };
        let after_trim = match LEXICON.inverted_at(after_trim) {
            None => inserted().unwrap_or(after_trim),
            Some(_) => after_trim,
        };
        if let Some(s) = self.after_inverted_verb(after_trim, open, generic) {
            // `X répond « … », a-t-il dit`: the pronoun is X, named before the quote.
            if s.cue.contains("pronoun") {
                if let Some(b) = self.before_evidence(before, open).filter(|b| b.is_named()) {
                    return Some(b);
                }
            }
            return Some(s);
        }
        let folded_after = fold(after_trim);
        // `« … » selon X`, `« … », d’après X`.
        for frame in ["selon ", "d'apres "] {
            if folded_after.starts_with(frame) {
                // fold keeps one char per char: skip as many chars as the frame has.
                let skip = after_trim
                    .char_indices()
                    .nth(frame.chars().count())
                    .map_or(after_trim.len(), |(i, _)| i);
                let rest = &after_trim[skip..];
                if let Some(s) = self.subject(rest, open) {
                    return Some(s.via(frame.trim()));
                }
            }
        }
        // `qualifiés de « … » par Diop`; not for a short term (`déclaré « persona non grata » par
        // les autorités` is an act, not speech).
        let inner = &self.text[open..close_end.min(self.text.len())];
        // `qualifiés de « … »`, `décrits comme « … »`: the words are what someone called them.
        let called = {
            let b = fold(before.trim_end());
            (b.ends_with(" de") || b.ends_with(" d'") || b.ends_with(" comme"))
                && LEXICON.has_speech_verb(before)
        };
        if let Some(rest) = after_trim
            .strip_prefix("par ")
            .filter(|_| called || word_count(inner) > 3)
        {
            if let Some(s) = self.subject(rest, open) {
                return Some(s.via("par"));
            }
        }
        self.before_evidence(before, open)
    }

    /// Evidence in the sentence before the quote: `selon X,`, `Et d’assurer :`, `X :`, or a
    /// speech verb and its subject.
    fn before_evidence(&self, before: &str, open: usize) -> Option<Speaker> {
        // A source frame ends with its comma (`selon X, « … »`): test that before the regex.
        let frame = before.trim_end().ends_with(',');
        if let Some(c) = frame.then(|| LEXICON.frame_captures(before)).flatten() {
            let frame = c
                .get(0)
                .map_or("", |m| m.as_str())
                .trim_start_matches([',', '(', ' ']);
            let frame = frame.split_whitespace().next().unwrap_or("selon");
            if let Some(s) = self.subject(&c["src"], open) {
                return Some(s.via(&fold(frame)));
            }
        }
        if LEXICON.ends_narrative(before) {
            return self
                .people
                .antecedent(
                    open,
                    Pronoun {
                        feminine: None,
                        plural: false,
                    },
                )
                .map(|r| {
                    self.referent_speaker(r)
                        .via("narrative infinitive (Et d'assurer :) -> last speaker")
                        .at_most(Confidence::Medium)
                });
        }
        let trimmed = before.trim_end();
        if let Some(head) = trimmed.strip_suffix(':') {
            let clause = head.rsplit([',', '.']).next().unwrap_or(head).trim();
            // `X :` names a speaker; `à la suite d’autres chefs d’État :` does not.
            if clause.split_whitespace().count() <= 6 && !opens_adverbial(clause) {
                if let Some(s) = self.subject(clause, open) {
                    return Some(s.via("X :"));
                }
            }
        }
        if let Some(s) = self.verb_subject(before, open) {
            return Some(s);
        }
        // `Selon X, la Russie poursuivra … « … »`: the sentence is X's account.
        let lead = before.trim_start();
        let lf = fold(lead);
        for frame in ["selon ", "d'apres ", "pour "] {
            if lf.starts_with(frame) {
                let skip = lead
                    .char_indices()
                    .nth(frame.chars().count())
                    .map_or(lead.len(), |(i, _)| i);
                let src = lead[skip..].split(',').next().unwrap_or("");
                if lead[skip..].contains(',') {
                    if let Some(s) = self.subject(src, open).filter(|s| s.is_named()) {
                        return Some(s.via(frame.trim()).at_most(Confidence::Medium));
                    }
                }
            }
        }
        None
    }

    /// Evidence in the sentence after a quote that names no one: `C’est la réponse du ministre
    /// X.`, `Tel est le message de X.`, `Ainsi s’exprimait X.`, `X s’est ainsi exprimé.`
    pub fn next_sentence(&self, next: &str, pos: usize) -> Option<Speaker> {
        let folded = fold(next);
        let back_reference = [
            "c'est ",
            "ce sont ",
            "tel est ",
            "telle est ",
            "tels sont ",
            "telles sont ",
            "voila ",
        ]
        .iter()
        .any(|w| folded.starts_with(w));
        if back_reference {
            // The speech noun, then its complement: `la réponse du ministre`.
            let words: Vec<&str> = folded.split_whitespace().collect();
            let noun_at = words
                .iter()
                .take(6)
                .position(|w| LEXICON.is_speech_noun(w))?;
            let rest_words = &words[noun_at + 1..];
            let of = rest_words.first()?;
            let skip_words = match *of {
                "de" if rest_words.get(1).is_some_and(|w| *w == "la") => 1,
                "de" | "du" | "des" => 1,
                w if w.starts_with("d'") => 0,
                _ => return None,
            };
            // Map back to the original text: skip as many words.
            let mut it = next.split_whitespace();
            let consumed: Vec<&str> = it.by_ref().take(noun_at + 1 + skip_words).collect();
            let _ = consumed;
            let rest: Vec<&str> = it.collect();
            let mut phrase = rest.join(" ");
            if *of == "du" {
                phrase = format!("le {phrase}");
            } else if let Some(p) = phrase
                .strip_prefix("d'")
                .or_else(|| phrase.strip_prefix("d’"))
            {
                phrase = p.to_owned();
            }
            let s = self.subject(&phrase, pos)?;
            return Some(
                s.via("named in the next sentence")
                    .at_most(Confidence::Medium),
            );
        }
        if let Some(rest) = folded.strip_prefix("ainsi ") {
            let skip = next
                .char_indices()
                .nth(next.chars().count() - rest.chars().count())
                .map_or(next.len(), |(i, _)| i);
            if let Some(s) = self.after_inverted_verb(&next[skip..], pos, Generic::PronounOnly) {
                return Some(
                    s.via("named in the next sentence (Ainsi …)")
                        .at_most(Confidence::Medium),
                );
            }
        }
        if folded.contains(" ainsi") {
            if let Some(s) = self.verb_subject(next, pos + next.len()) {
                return Some(
                    s.via("named in the next sentence (… ainsi)")
                        .at_most(Confidence::Medium),
                );
            }
        }
        None
    }

    /// The first speech verb of `before` that is not passive, and its subject: the phrase before
    /// it (`La CGT a estimé`, `Le président français, Emmanuel Macron, a annoncé`), or the
    /// antecedent of `qui` (`aux propos de X qui estimait`).
    pub fn verb_subject(&self, before: &str, open: usize) -> Option<Speaker> {
        // Speech verbs, nearest the quote first; not passive (`a été déclaré` reports no speech by
        // its subject), not a gerund (`en commentant` has no subject of its own).
        let verbs: Vec<Range<usize>> = LEXICON
            .speech_verbs(before)
            .filter(|m| {
                let prev = fold(before[..m.start].trim_end());
                let passive = prev.ends_with(" ete")
                    || prev.ends_with(" etait")
                    || prev.ends_with(" sera")
                    || prev == "ete";
                let verb = fold(&before[m.clone()]);
                let gerund = !verb.contains(' ') && verb.ends_with("ant");
                // `à une nuance près`, `les appels`: a noun that looks like a verb.
                let prev_word = prev
                    .rsplit(|c: char| c.is_whitespace() || c == '\'')
                    .next()
                    .unwrap_or("");
                let noun = LEXICON.grammar.noun_determiners.has(prev_word);
                // `« … », déclare X`: an inverted verb has its subject after it.
                let inverted = prev
                    .trim_end_matches(',')
                    .trim_end()
                    .ends_with(['»', '"', '”']);
                !passive && !gerund && !noun && !inverted
            })
            .collect();
        let start = open.saturating_sub(before.len());
        for verb in verbs.iter().rev().take(3) {
            let verb_text = &before[verb.clone()];
            let head = strip_verb_group(&before[..verb.start]);
            // `X s’est présenté … et estimé que`: the subject of the first verb.
            let coordinated = fold(head)
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .is_some_and(|w| w == "et");
            if coordinated {
                if let Some(i) = self.people.subject_of_sentence(start..open) {
                    return Some(
                        Speaker::named(
                            self.people.name(i),
                            "subject of the sentence",
                            Confidence::Medium,
                        )
                        .via(verb_text),
                    );
                }
                continue;
            }
            if let Some(s) = self.subject_before(head, open) {
                return Some(s.via(verb_text));
            }
        }
        None
    }

    /// The subject that ends `head` (the sentence up to a verb group): a pronoun, the antecedent
    /// of `qui`, or the last clause that reads as a noun phrase.
    fn subject_before(&self, head: &str, open: usize) -> Option<Speaker> {
        let folded = fold(head);
        let last_word = folded
            .rsplit(|c: char| c.is_whitespace() || c == '\'' || c == ',')
            .find(|w| !w.is_empty())
            .unwrap_or("");
        if last_word == "qui" {
            let t = head.trim_end().trim_end_matches(',');
            let before_qui = t.strip_suffix("qui").unwrap_or(t);
            return self.relative_antecedent(before_qui, open);
        }
        if let Some(p) = Pronoun::of(last_word) {
            let clause = folded.rsplit(',').next().unwrap_or(&folded).trim_start();
            let clause = clause.trim_start_matches("qu'").trim_start_matches("que ");
            if LEXICON
                .grammar
                .impersonal
                .iter()
                .any(|i| clause.starts_with(i.as_str()))
            {
                return None;
            }
            return self.antecedent(open, p, last_word);
        }
        // The subject is the last clause that reads as a noun phrase; appositions sit between
        // commas (`Le secrétaire général de la CFDT, Laurent Berger,`).
        let segments: Vec<&str> = head.split(',').collect();
        for (k, seg) in segments.iter().enumerate().rev().take(6) {
            let seg = last_clause(seg.trim());
            if seg.is_empty() {
                continue;
            }
            if opens_adverbial(seg) {
                // `Interrogé sur X`, `Mercredi matin`: not the subject; look further left.
                continue;
            }
            // `X, secrétaire général de la CFDT,`: a bare apposition after a name; the name is
            // the subject.
            let bare_role = LEXICON
                .find_role_noun(&fold(seg))
                .is_some_and(|(p, _)| p == 0);
            if bare_role && k > 0 {
                let left = last_clause(segments[k - 1].trim());
                if let Some(name) = name_in(left).filter(|_| !opens_adverbial(left)) {
                    return Some(self.named(&name));
                }
            }
            return self.classify(seg, open);
        }
        None
    }

    /// `X qui estimait …`: the person or body just before `qui`.
    fn relative_antecedent(&self, before_qui: &str, open: usize) -> Option<Speaker> {
        let t = before_qui.trim_end().trim_end_matches(',').trim_end();
        // A name right before `qui`.
        let words: Vec<&str> = t.split_whitespace().collect();
        let caps = words
            .iter()
            .rev()
            .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        if caps > 0 {
            let run = words[words.len() - caps..].join(" ");
            if let Some(org) = org_in(&run) {
                return Some(Speaker::named(org, "relative \"qui\"", Confidence::Medium));
            }
            if let Some(name) = name_in(&run).or_else(|| (caps == 1).then(|| run.clone())) {
                return Some(
                    self.named(&name)
                        .via("relative \"qui\"")
                        .at_most(Confidence::Medium),
                );
            }
        }
        // A definite noun phrase: the last determiner that opens a role or an organisation noun.
        let folded = fold(t);
        let fw: Vec<&str> = folded.split_whitespace().collect();
        for i in (0..fw.len()).rev().take(8) {
            let w = fw[i];
            let det = ["le", "la", "les"].contains(&w) || w.starts_with("l'");
            if !det {
                continue;
            }
            let noun = w
                .strip_prefix("l'")
                .filter(|n| !n.is_empty())
                .or(fw.get(i + 1).copied())?;
            if LEXICON.is_org_noun(noun) || LEXICON.is_role_word(noun) {
                let phrase = words[i..].join(" ");
                return self
                    .classify(&phrase, open)
                    .map(|s| s.via("relative \"qui\"").at_most(Confidence::Medium));
            }
        }
        None
    }
}

/// An anonymous source as shown: the description as written when it opens with an article
/// (`une source sécuritaire`, `des témoins`), else marked as sources (`sources : plusieurs
/// témoins`), so no description ever reads as a name.
fn anonymous(seg: &str) -> String {
    let text = clip(seg, 10);
    let folded = fold(&text);
    let first = folded.split([' ', '\'']).next().unwrap_or("");
    if ["un", "une", "des", "d"].contains(&first) {
        text
    } else {
        format!("sources : {text}")
    }
}
