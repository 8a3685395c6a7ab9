//! Reading a subject phrase (`M. Diop`, `le ministre malien`, `un proche du président`, `il`,
//! `la centrale`) as a speaker: a pronoun, an anonymous source, a name, an organisation, a role or
//! an organisation noun, each resolved as far as the article allows.

use super::resolver::{PRONOUN_REACH, Resolver};
use super::speaker::Speaker;
use crate::corpus::quote::clauses::{
    clip, find_short, opens_adverbial, skip_complements, strip_conjunction,
};
use crate::corpus::quote::lexicon::{LEXICON, starts_word};
use crate::corpus::quote::names::{name_in, org_in};
use crate::corpus::quote::people::{Pronoun, strip_title};
use crate::corpus::quote::types::Confidence;
use crate::corpus::text::fold;

impl Resolver<'_> {
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
    pub(super) fn classify(&self, seg: &str, pos: usize) -> Option<Speaker> {
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
