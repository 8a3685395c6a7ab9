//! Word-class lookups: pronouns, determiners, words that cannot start a name, organisation words,
//! places, role nouns (and their synonyms), and the nouns of organisations, anonymous sources and
//! speech.

use super::tables::Lexicon;
use crate::corpus::text::{is_alphanumeric, with_fold, words_key};

impl Lexicon {
    /// `il`, `lui`, `ce dernier` …: Some(true) masculine, Some(false) feminine, None not a pronoun.
    pub fn pronoun(&self, word: &str) -> Option<bool> {
        with_fold(word.trim(), |w| {
            if self.masculine.contains(w) {
                Some(true)
            } else if self.feminine.contains(w) {
                Some(false)
            } else {
                None
            }
        })
    }

    /// The indefinite determiner a phrase opens with (`un proche`, `des sources`), if any.
    pub fn starts_indefinite(&self, folded: &str) -> bool {
        self.indefinite.iter().any(|d| starts_word(folded, d))
    }

    /// The phrase opens with a definite determiner (`le ministre`, `l’armée`).
    pub fn starts_definite(&self, folded: &str) -> bool {
        self.definite.iter().any(|d| starts_word(folded, d))
    }

    /// A capitalized word that cannot begin a person's name (`Le`, `Selon`, `Lundi`).
    pub fn is_not_name_start(&self, word: &str) -> bool {
        with_fold(word, |w| self.is_not_name_start_folded(w))
    }

    /// [`Self::is_not_name_start`] of a word already folded.
    pub fn is_not_name_start_folded(&self, folded: &str) -> bool {
        self.not_name_starts.contains(folded)
            || self.not_name_starts.contains(folded.trim_end_matches('\''))
    }

    /// A word that marks an institution, a region or an outlet rather than a person.
    pub fn is_org_word(&self, word: &str) -> bool {
        with_fold(word, |w| self.is_org_word_folded(w))
    }

    /// [`Self::is_org_word`] of a word already folded.
    pub fn is_org_word_folded(&self, folded: &str) -> bool {
        self.org_words.contains(folded)
    }

    /// A multi-word place name (`Burkina Faso`).
    pub fn is_place(&self, name: &str) -> bool {
        self.places.contains(&words_key(name))
    }

    /// The first role noun in a folded phrase, with its byte position (the longest when several
    /// start there). Looks up each word of the phrase among the role nouns' first words.
    pub fn find_role_noun(&self, folded: &str) -> Option<(usize, &str)> {
        let mut prev_alnum = false;
        for (i, c) in folded.char_indices() {
            let alnum = is_alphanumeric(c);
            let starts = alnum && !prev_alnum;
            prev_alnum = alnum;
            if !starts {
                continue;
            }
            if let Some(r) = self.role_at(&folded[i..]) {
                return Some((i, r));
            }
        }
        None
    }

    /// The longest role noun that `folded` opens with, up to a word boundary.
    fn role_at(&self, folded: &str) -> Option<&str> {
        self.role_by_first_word
            .get(first_word(folded))?
            .iter()
            .filter(|r| {
                folded
                    .strip_prefix(r.as_str())
                    .is_some_and(|rest| rest.chars().next().is_none_or(|c| !is_alphanumeric(c)))
            })
            .max_by_key(|r| r.len())
            .map(String::as_str)
    }

    /// A role noun said of a woman (`magistrate`, `présidente`), folded.
    pub fn is_feminine_role(&self, folded: &str) -> bool {
        self.feminine_roles.contains(folded)
    }

    /// A common noun that stands for an organisation (`centrale`, `régime`), folded.
    pub fn is_org_noun(&self, folded: &str) -> bool {
        self.org_nouns.contains(folded)
    }

    /// A noun for an anonymous source (`source`, `témoin`), folded.
    pub fn is_anonymous_noun(&self, folded: &str) -> bool {
        self.anonymous_nouns.contains(folded)
    }

    /// A noun that names what someone said (`réponse`, `avertissement`), folded.
    pub fn is_speech_noun(&self, folded: &str) -> bool {
        self.speech_nouns.contains(folded)
    }

    /// True when a role noun starts with this folded word (`ministre`, `chef`, `porte-parole`).
    pub fn opens_role_noun(&self, folded_word: &str) -> bool {
        self.role_by_first_word.contains_key(folded_word)
    }

    /// A single word that is a role noun by itself (`ministre`, `président.`).
    pub fn is_role_word(&self, folded: &str) -> bool {
        // A role at the word's start (where [`Self::find_role_noun`] looks first) covering it but
        // for a final char.
        folded.starts_with(is_alphanumeric)
            && self
                .role_at(folded)
                .is_some_and(|r| r.len() + 1 >= folded.len())
    }

    /// Rewrites role phrases to their canonical synonyms (`chef de la diplomatie` → `ministre …`).
    pub fn normalise_role(&self, key: &str) -> String {
        let mut out = format!(" {key} ");
        for (from, to) in &self.role_synonyms {
            if out.contains(from.as_str()) {
                out = out.replace(from.as_str(), to);
            }
        }
        out.trim().to_owned()
    }
}

/// True when `folded` starts with the word(s) `w` followed by a word boundary.
pub fn starts_word(folded: &str, w: &str) -> bool {
    folded.strip_prefix(w).is_some_and(|rest| {
        w.ends_with('\'') || rest.is_empty() || rest.starts_with(|c: char| !is_alphanumeric(c))
    })
}

/// The leading word of folded text: letters, digits and inner hyphens (`porte-parole`).
pub(super) fn first_word(folded: &str) -> &str {
    let end = folded
        .find(|c: char| !(is_alphanumeric(c) || c == '-'))
        .unwrap_or(folded.len());
    &folded[..end]
}

#[cfg(test)]
mod tests {
    use crate::corpus::quote::lexicon::LEXICON;

    #[test]
    fn role_synonyms_are_applied() {
        assert_eq!(
            LEXICON.normalise_role("chef de la diplomatie russe"),
            "ministre des affaires etrangeres russe"
        );
    }
}
