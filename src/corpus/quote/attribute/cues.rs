//! The cues around and inside a quote: an inverted speech verb after it (`», a-t-il ajouté`, `»,
//! tranche X`), `selon X` / `d’après X` before or after it, `X :`, `par X`, a narrative
//! infinitive (`Et d’assurer :`), a speaker named in the next sentence, an incise inside the
//! marks (`« A, explique X. B »`), and `selon X` earlier in the paragraph.

use std::ops::Range;

use super::resolver::{Generic, Resolver};
use super::speaker::Speaker;
use crate::corpus::quote::clauses::{
    generic_inversion, opens_adverbial, pronoun_inversion, skip_listed_quotes,
};
use crate::corpus::quote::lexicon::LEXICON;
use crate::corpus::quote::people::Pronoun;
use crate::corpus::quote::types::Confidence;
use crate::corpus::text::{fold, word_count};

impl Resolver<'_> {
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
}

/// Splits `« A, explique X. B »` (or `« A, a-t-il rappelé, B »`, or `« A, dit-elle. »`) into A
/// and B, both said by X: the incise is never part of the quote. Returns the two content ranges
/// (the second empty when the incise ends the quote) and the incise's speaker.
pub fn split_incise(
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
            None => match pronoun_inversion(rest) {
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

/// How far back in a paragraph `selon X` is looked for, in bytes.
const SELON_WINDOW: usize = 1_000;

/// `selon X` / `d’après X` earlier in the paragraph: X holds the floor.
pub fn selon_evidence(resolver: &Resolver<'_>, before: &str, pos: usize) -> Option<Speaker> {
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
