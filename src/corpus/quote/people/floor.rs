//! Who holds the floor in one article: the subject of each sentence (a person where a subject
//! stands, an organisation, an anonymous source or a role opening it), the speakers recorded as
//! quotes are attributed, and what a pronoun, a role noun or an organisation noun points back to.

use std::ops::Range;

use super::persons::{People, Referent};
use super::roles::is_office;
use super::subjects::{anonymous_subject, indefinite_subject, role_subject, subject_position};
use crate::corpus::quote::clauses::{opening, opens_adverbial};
use crate::corpus::quote::lexicon::LEXICON;
use crate::corpus::quote::names::{may_open_org, org_in};
use crate::corpus::text::{fold, with_fold};

/// How far before a quote (bytes) a sentence's subject is worth finding when it is not a person
/// named in it: a few sentences, as far as pronouns and roles look back.
const FLOOR_REACH: usize = 1_500;

impl People {
    /// The subject of each sentence: the first person named in it who stands where a subject
    /// stands (at the start of a clause, maybe after a role: `Le ministre X`, `, X,`), not in a
    /// complement (`Les entretiens avec Sergueï Lavrov`, `le coordinateur de la plateforme X`).
    pub(super) fn find_subjects(
        &mut self,
        text: &str,
        sentences: &[Range<usize>],
        quoted: &[Range<usize>],
        anchors: &[usize],
    ) {
        // Quoted ranges come in text order, as sentences do: one pass over both.
        let mut q = 0;
        for s in sentences {
            while quoted.get(q).is_some_and(|r| r.end <= s.start) {
                q += 1;
            }
            // A sentence inside quoted words: its subject is the speaker's, not the article's.
            if quoted[q..]
                .iter()
                .take_while(|r| r.start <= s.start)
                .any(|r| r.contains(&s.start))
            {
                continue;
            }
            // Mentions are sorted: the first one in the sentence is the first at or after its start.
            let at = self.mentions.partition_point(|(pos, _)| *pos < s.start);
            let first = self.mentions.get(at).filter(|(pos, _)| s.contains(pos));
            if let Some(&(pos, person)) = first {
                if subject_position(&text[s.start..pos]) {
                    self.floor.push((pos, Referent::Person(person)));
                    continue;
                }
            }
            // Only the opening words matter below: folding whole sentences here was most of the
            // cost of finding people.
            // Far from any quote, no one asks who holds the floor here.
            let next_anchor = anchors.partition_point(|&a| a < s.start);
            let near = anchors
                .get(next_anchor)
                .is_some_and(|&a| a <= s.end + FLOOR_REACH);
            if !near {
                continue;
            }
            let mut sentence = text[s.clone()].trim_start();
            if !sentence.starts_with(char::is_uppercase) {
                continue;
            }
            // `Dans une déclaration au ton ferme, le ministre a rejeté …`: the subject comes
            // after an adverbial that opens the sentence.
            let first_word = sentence.split([' ', ',']).next().unwrap_or("");
            let adverbial_start = with_fold(first_word, |w| {
                LEXICON.grammar.adverbial_openers.has(w) || LEXICON.grammar.time_words.has(w)
            });
            let comma = adverbial_start
                .then(|| sentence.get(..120.min(sentence.len()))?.find(", "))
                .flatten();
            if let Some(comma) = comma {
                if opens_adverbial(&sentence[..comma]) {
                    let rest = sentence[comma + 1..].trim_start();
                    let mut chars = rest.chars();
                    if chars
                        .next()
                        .is_some_and(|c| matches!(c, 'l' | 'u' | 'd' | 'p'))
                    {
                        sentence = rest;
                    }
                }
            }
            // `La CGT a réagi.`: an organisation opens the sentence and holds the floor.
            let org = may_open_org(sentence)
                .then(|| org_in(opening(sentence, 12)))
                .flatten();
            if let Some(org) = org {
                self.floor.push((
                    s.start,
                    Referent::Named {
                        name: org,
                        org: true,
                    },
                ));
                continue;
            }
            // `Un responsable d’une ONG a confirmé.`: an anonymous source holds the floor, so a
            // pronoun after it never slips to a name.
            if let Some(phrase) = indefinite_subject(sentence) {
                self.floor.push((s.start, Referent::Description(phrase)));
                continue;
            }
            // `Le ministre a reçu X.`: a role opens the sentence; it, not X, holds the floor.
            // Who the role is, is asked only if a pronoun ever points to it.
            if let Some(phrase) = role_subject(sentence) {
                self.floor.push((s.start, Referent::Role(phrase)));
                continue;
            }
            // `L’interlocuteur burkinabè est formel.`: an anonymous source named by its noun.
            if let Some(phrase) = anonymous_subject(sentence) {
                self.floor.push((s.start, Referent::Description(phrase)));
            }
        }
        self.floor.sort_by_key(|(p, _)| *p);
    }

    /// Records that `referent` spoke at `pos` (so a later `a-t-il ajouté` points back to them).
    pub fn record_speaker(&mut self, pos: usize, referent: Referent) {
        let at = self.floor.partition_point(|(p, _)| *p <= pos);
        self.floor.insert(at, (pos, referent));
    }

    /// Who a pronoun at `pos` most likely is: the last subject or speaker before it whose gender
    /// and number agree (`elle` skips a man, `ils` wants a plural description). Looks back a few
    /// entries only: past them the text no longer supports the guess.
    pub fn antecedent(&self, pos: usize, pronoun: Pronoun) -> Option<&Referent> {
        // The floor is kept sorted by position: the entries before `pos`, nearest first.
        let before = self.floor.partition_point(|(p, _)| *p < pos);
        self.floor[..before]
            .iter()
            .rev()
            .take(4)
            .map(|(_, r)| r)
            .find(|r| self.agrees(r, pronoun))
    }

    fn agrees(&self, r: &Referent, pronoun: Pronoun) -> bool {
        let (feminine, plural) = match r {
            Referent::Person(i) => (self.persons[*i].feminine, false),
            Referent::Named { org, .. } => (None, *org && pronoun.plural),
            // A pronoun after an anonymous source follows it whatever its gender (`une source
            // … a-t-il ajouté`): it must never slip past it to a name.
            Referent::Description(d) => (None, description_gender(d).1),
            Referent::Role(d) => description_gender(d),
        };
        plural == pronoun.plural
            && match (pronoun.feminine, feminine) {
                (Some(want), Some(have)) => want == have,
                _ => true,
            }
    }

    /// The person a singular role noun (`le syndicaliste`, `la magistrate`) most likely stands
    /// for when no apposition gave anyone that role: the last person who held the floor before
    /// `pos`, of the role's gender, whose known roles do not contradict it.
    pub fn last_person(&self, pos: usize, head: &str, feminine: Option<bool>) -> Option<usize> {
        let before = self.floor.partition_point(|(p, _)| *p < pos);
        self.floor[..before]
            .iter()
            .rev()
            .take(6)
            .take_while(|(_, r)| !matches!(r, Referent::Description(_)))
            .find_map(|(_, r)| match r {
                Referent::Person(i) => {
                    let p = &self.persons[*i];
                    let gender_ok = match (feminine, p.feminine) {
                        (Some(a), Some(b)) => a == b,
                        _ => true,
                    };
                    let role_ok = p.roles.is_empty() || p.has_role_word(head) || !is_office(head);
                    (gender_ok && role_ok).then_some(*i)
                }
                _ => None,
            })
    }

    /// The organisation a definite common noun (`la centrale`, `le régime`) stands for: the last
    /// organisation that held the floor before `pos`.
    pub fn last_org(&self, pos: usize) -> Option<&str> {
        let before = self.floor.partition_point(|(p, _)| *p < pos);
        self.floor[..before]
            .iter()
            .rev()
            .take(8)
            .find_map(|(_, r)| match r {
                Referent::Named { name, org: true } => Some(name.as_str()),
                _ => None,
            })
    }

    /// The next person who speaks or is a subject after `pos`, before `end`.
    pub fn next_person(&self, pos: usize, end: usize) -> Option<usize> {
        let from = self.floor.partition_point(|(p, _)| *p <= pos);
        self.floor[from..]
            .iter()
            .take_while(|(p, _)| *p < end)
            .find_map(|(_, r)| match r {
                Referent::Person(i) => Some(*i),
                _ => None,
            })
    }

    /// The person who is the subject of the sentence in `range`, if one was found.
    pub fn subject_of_sentence(&self, range: Range<usize>) -> Option<usize> {
        let from = self.floor.partition_point(|(p, _)| *p < range.start);
        self.floor[from..]
            .iter()
            .take_while(|(p, _)| *p < range.end)
            .find_map(|(_, r)| match r {
                Referent::Person(i) => Some(*i),
                _ => None,
            })
    }
}

/// What a pronoun asks of its antecedent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pronoun {
    /// Some(true) for `elle(s)`, Some(false) for `il(s)`, None when the form does not say.
    pub feminine: Option<bool>,
    /// `ils`, `elles`.
    pub plural: bool,
}

impl Pronoun {
    /// The pronoun a folded word is, if it is one.
    pub fn of(word: &str) -> Option<Pronoun> {
        let (feminine, plural) = match word {
            "ils" => (Some(false), true),
            "elles" => (Some(true), true),
            "on" => (None, false),
            w => (Some(!LEXICON.pronoun(w)?), false),
        };
        Some(Pronoun { feminine, plural })
    }
}

/// Gender and number a description's determiner gives (`une source` feminine, `des témoins`
/// plural).
fn description_gender(d: &str) -> (Option<bool>, bool) {
    let folded = fold(d);
    let first = folded.split([' ', '\'']).next().unwrap_or("");
    match first {
        "une" | "la" | "cette" | "sa" => (Some(true), false),
        "un" | "le" | "ce" | "cet" | "son" => (Some(false), false),
        "les" | "des" | "ces" | "ses" | "leurs" | "plusieurs" | "deux" | "trois" | "certains"
        | "certaines" | "quelques" | "nombre" | "de" | "d" => (None, true),
        _ => (None, false),
    }
}
