//! The people of one article as data ([`People`], [`Person`], [`Referent`]) and the lookups of
//! a person: by full name, short form, role phrase or role noun, and by mention.

use std::ops::Range;

use super::aliases::Aliases;
use super::roles::{role_tokens, word_agrees};
use crate::corpus::quote::lexicon::LEXICON;
use crate::corpus::text::{fold, with_fold, words_key};

/// A person named in the article.
#[derive(Debug, Clone)]
pub struct Person {
    /// Canonical name (alias file applied).
    pub name: String,
    /// [`words_key`] of `name`, for comparing full names.
    pub(super) key: String,
    /// Folded name words, for short forms (`Diop`, `M. Lavrov`, `LAVROV`).
    pub(super) tokens: Vec<String>,
    /// Role descriptions from appositions, as folded content words.
    pub(super) roles: Vec<Vec<String>>,
    /// Some(true) when the text says she is a woman (`Mme`, `la ministre`), Some(false) a man (`M.`).
    pub(super) feminine: Option<bool>,
}

impl Person {
    /// True when one of the person's roles has `head` (a folded role noun) as a word.
    pub(super) fn has_role_word(&self, head: &str) -> bool {
        self.roles
            .iter()
            .flatten()
            .any(|h| word_agrees(head, h) || LEXICON.normalise_role(head) == *h)
    }
}

/// Someone a pronoun can point back to: a person, or a description (`un proche du président`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Referent {
    /// A named person (index into [`People::persons`]).
    Person(usize),
    /// A name the article's people do not hold: an organisation (`CGT`, `la plateforme Wakit
    /// Tamma`) when `org`, else a one-word name or a nickname.
    Named {
        /// The name as shown.
        name: String,
        /// An organisation rather than a person.
        org: bool,
    },
    /// A described speaker, kept as written.
    Description(String),
    /// A role that opened a sentence as its subject (`Le ministre a reçu X.`): resolved through
    /// the appositions when a pronoun points to it, else a description.
    Role(String),
}

/// The people of one article and the order in which they hold the floor.
#[derive(Debug, Clone, Default)]
pub struct People {
    /// Everyone named.
    pub persons: Vec<Person>,
    /// (byte position, person) of every mention, in text order.
    pub(super) mentions: Vec<(usize, usize)>,
    /// (byte position, referent) of sentence subjects and attributions, in text order.
    pub(super) floor: Vec<(usize, Referent)>,
}

impl People {
    pub(super) fn person_index(&mut self, canonical: &str, aliases: &Aliases) -> usize {
        if let Some(i) = self.persons.iter().position(|p| p.name == canonical) {
            return i;
        }
        let mut tokens: Vec<String> = canonical.split_whitespace().map(fold).collect();
        for v in aliases.variants(canonical) {
            tokens.extend(v.split_whitespace().map(fold));
        }
        let roles = aliases.roles.get(canonical).cloned().unwrap_or_default();
        let feminine = roles
            .iter()
            .find_map(|r| r.first().map(|head| LEXICON.is_feminine_role(head)));
        self.persons.push(Person {
            name: canonical.to_owned(),
            key: words_key(canonical),
            tokens,
            roles,
            feminine,
        });
        self.persons.len() - 1
    }

    /// The person a single word (surname, first name; `Diop`, `LAVROV`) refers to, the most
    /// recently added first.
    pub fn by_short_form(&self, word: &str) -> Option<usize> {
        with_fold(word.trim_end_matches('.'), |w| self.by_short_form_folded(w))
    }

    /// [`Self::by_short_form`] of a word already folded, without its final period.
    pub(super) fn by_short_form_folded(&self, w: &str) -> Option<usize> {
        (0..self.persons.len()).rev().find(|&i| {
            let p = &self.persons[i];
            p.tokens.last().is_some_and(|t| t == w)
                || p.tokens.iter().any(|t| t == w && t.len() > 3)
        })
    }

    /// A full name as the text wrote it → the person, when the article names them.
    pub fn by_full_name(&self, name: &str, aliases: &Aliases) -> Option<usize> {
        let canonical = aliases
            .canonical(name)
            .map_or_else(|| name.trim().to_owned(), str::to_owned);
        let key = words_key(&canonical);
        self.persons.iter().position(|p| p.key == key)
    }

    /// The person a role phrase (`le ministre malien`, `le chef de la diplomatie russe`) refers
    /// to: someone whose apposition holds every content word of it; the last mentioned before
    /// `pos` wins.
    pub fn by_role(&self, phrase: &str, pos: usize) -> Option<usize> {
        let want = role_tokens(phrase);
        if want.is_empty() {
            return None;
        }
        let fits = |p: &Person| {
            let have: Vec<&String> = p.roles.iter().flatten().collect();
            want.iter().all(|w| have.iter().any(|h| word_agrees(w, h)))
        };
        self.latest_before(
            (0..self.persons.len()).filter(|&i| fits(&self.persons[i])),
            pos,
        )
    }

    /// True when nothing the article says of the person contradicts the role phrase: they have
    /// no known role, or one with its head noun.
    pub fn may_hold(&self, person: usize, phrase: &str) -> bool {
        let p = &self.persons[person];
        let folded = fold(phrase);
        match LEXICON.find_role_noun(&folded) {
            Some((_, head)) => {
                p.roles.is_empty()
                    || p.has_role_word(&LEXICON.normalise_role(head))
                    || p.has_role_word(head)
            }
            None => p.roles.is_empty(),
        }
    }

    /// The person an apposition gave a role with this head noun (`ministre`, `coordinateur`),
    /// whatever its complements: the last mentioned before `pos` when several have it.
    /// A nationality in the phrase must agree (`le ministre burkinabè` is not the Malian one).
    pub fn by_role_head(&self, head: &str, phrase: &str, pos: usize) -> Option<usize> {
        let head = LEXICON.normalise_role(head);
        let want = role_tokens(phrase);
        let nationalities: Vec<&String> = want
            .iter()
            .filter(|w| LEXICON.nationalities.iter().any(|(_, n)| word_agrees(w, n)))
            .collect();
        let agrees = |p: &Person| {
            nationalities
                .iter()
                .all(|n| p.roles.iter().flatten().any(|h| word_agrees(n, h)))
        };
        self.latest_before(
            (0..self.persons.len())
                .filter(|&i| self.persons[i].has_role_word(&head) && agrees(&self.persons[i])),
            pos,
        )
    }

    /// Of `candidates`, the person mentioned last before `pos` (the last candidate when none is).
    fn latest_before(&self, candidates: impl Iterator<Item = usize>, pos: usize) -> Option<usize> {
        let last_before = |i: usize| {
            self.mentions
                .iter()
                .filter(|(p, who)| *who == i && *p < pos)
                .map(|(p, _)| *p)
                .max()
        };
        candidates.max_by_key(|&i| last_before(i).map_or(0, |p| p + 1))
    }

    /// The last person named in `range` (any position), for a pronoun no subject explains.
    pub fn last_mention_in(&self, range: Range<usize>, feminine: Option<bool>) -> Option<usize> {
        let end = self.mentions.partition_point(|(p, _)| *p < range.end);
        self.mentions[..end]
            .iter()
            .rev()
            .take_while(|(p, _)| *p >= range.start)
            .map(|(_, i)| *i)
            .find(|&i| match (feminine, self.persons[i].feminine) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            })
    }

    /// The first person named in `range`.
    pub fn first_mention_in(&self, range: Range<usize>) -> Option<usize> {
        let from = self.mentions.partition_point(|(p, _)| *p < range.start);
        self.mentions
            .get(from)
            .filter(|(p, _)| *p < range.end)
            .map(|(_, i)| *i)
    }

    pub(super) fn push_role(&mut self, idx: usize, tokens: Vec<String>) {
        if self.persons[idx].feminine.is_none() {
            if let Some(head) = tokens.first() {
                if LEXICON.is_feminine_role(head) {
                    self.persons[idx].feminine = Some(true);
                }
            }
        }
        self.persons[idx].roles.push(tokens);
    }

    /// The name of a person.
    pub fn name(&self, idx: usize) -> &str {
        &self.persons[idx].name
    }
}

/// A short name written with a courtesy title or in capitals → the short form (`M. Diop` → `Diop`).
pub fn strip_title(name: &str) -> &str {
    let n = name.trim();
    LEXICON
        .titles
        .iter()
        .find_map(|t| {
            // `M. Diop`, or glued by a scraper: `M.Diop`.
            n.strip_prefix(t.as_str())
                .filter(|r| {
                    r.starts_with(' ') || (t.ends_with('.') && r.starts_with(char::is_uppercase))
                })
                .map(str::trim)
        })
        .unwrap_or(n)
}
