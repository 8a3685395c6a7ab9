//! A speech verb before the quote and its subject: `La CGT a estimé que « … »`, `Le président
//! français, Emmanuel Macron, a annoncé`, `X, qui estimait qu’il fallait « … »`, `X s’est présenté
//! … et estimé que`: the verb found, not passive, and the phrase or antecedent that is its subject.

use std::ops::Range;

use super::resolver::Resolver;
use super::speaker::Speaker;
use crate::corpus::quote::clauses::{last_clause, opens_adverbial, strip_verb_group};
use crate::corpus::quote::lexicon::LEXICON;
use crate::corpus::quote::names::{name_in, org_in};
use crate::corpus::quote::people::Pronoun;
use crate::corpus::quote::types::Confidence;
use crate::corpus::text::fold;

impl Resolver<'_> {
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
