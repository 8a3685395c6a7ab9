//! The resolver of one article ([`Resolver`]): its text, its people and the alias file, who spoke
//! where (for later pronouns), and the step from a referent, a pronoun or a name as written to a
//! [`Speaker`]. The phrase reading is in `subject`, the verbs in `verbs`, the cues in `cues`.

use super::speaker::Speaker;
use crate::corpus::quote::names::is_org_name;
use crate::corpus::quote::people::{
    Aliases, People, Pronoun, Referent, alias_by_surname, strip_title,
};
use crate::corpus::quote::types::Confidence;

/// How far back (bytes) a pronoun with no subject before it looks for the last person named.
pub(super) const PRONOUN_REACH: usize = 400;

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

    pub(super) fn referent_speaker(&self, r: &Referent) -> Speaker {
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
    pub(super) fn antecedent(&self, pos: usize, pronoun: Pronoun, word: &str) -> Option<Speaker> {
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
}
