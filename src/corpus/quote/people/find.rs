//! Finding the people of one article ([`People::find`]): runs of capitalized words that make a
//! name, the alias file applied, short forms of someone already named, the gender a title gives,
//! and the roles appositions give on both sides of a name (`Abdoulaye Diop, ministre malien …`,
//! `le ministre russe de la Défense, Andrei Belousov`, `Sadio Camara (Mali)`).

use std::ops::Range;

use super::aliases::Aliases;
use super::persons::People;
use super::roles::role_tokens;
use crate::corpus::quote::lexicon::LEXICON;
use crate::corpus::quote::names::is_elided_common;
use crate::corpus::quote::words::{next_capitalized, next_word};
use crate::corpus::text::{fold, fold_char, fold_into, is_alphabetic, with_fold, words_key};

const PARTICLES: [&str; 12] = [
    "de", "du", "des", "ben", "bin", "ould", "ag", "el", "al", "van", "von", "ibn",
];

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

// `#[inline]`: asked for every word of every name run.
/// A word that is an acronym (`AES`, `ONU`), not a surname.
#[inline]
fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|&c| is_alphabetic(c));
    let all_upper = letters.clone().all(char::is_uppercase);
    (2..=4).contains(&letters.count()) && all_upper
}

/// How far after a name an apposition (`, ministre malien des Affaires étrangères`) is looked for.
const APPOSITION_BYTES: usize = 400;

/// Runs of capitalized words that may make one name (`Abdoulaye Diop`, `M. Diop`, `Ould Ahmed
/// de Souza`): the words (byte ranges) and each run as a range of them. Words join across one or
/// two spaces, not across a sentence end (`Mali. Il`) nor a line; a particle (`de`, `ould`) joins
/// when a capitalized word follows it.
fn capitalized_runs(text: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    // About one capitalized word in 35 bytes of press text, two words a run: sized once.
    let (mut words, mut runs) = (
        Vec::with_capacity(text.len() / 24),
        Vec::with_capacity(text.len() / 48),
    );
    let mut at = 0;
    while let Some(first) = next_capitalized(text, at) {
        let start = words.len();
        let mut here = first;
        loop {
            // Most runs end at a comma or a period: no next word to cut then.
            let after = text[here.end..].chars().next();
            if !after.is_some_and(|c| c.is_whitespace() && c != '\n') {
                break;
            }
            let Some(next) = next_word(text, here.end) else {
                break;
            };
            let gap = &text[here.end..next.start];
            let word = &text[here.clone()];
            // `Mali. Il` is two sentences; `K. Mamadou` and `M. Diop` are one name.
            let ends_sentence = word.ends_with('.')
                && word.chars().count() > 2
                && !LEXICON.titles.iter().any(|t| t == word);
            let joined = !gap.is_empty()
                && gap.chars().count() <= 2
                && gap.chars().all(char::is_whitespace)
                && !gap.contains('\n')
                && !ends_sentence;
            if !joined {
                break;
            }
            let next_word_text = &text[next.clone()];
            // Folding keeps the count of chars, and no particle has more than four.
            let particle = || {
                next_word_text.chars().nth(4).is_none()
                    && with_fold(next_word_text, |n| PARTICLES.contains(&n))
                    && next_word(text, next.end).is_some_and(|after| {
                        is_cap(&text[after.clone()])
                            && text[next.end..after.start].trim().is_empty()
                    })
            };
            if !(is_cap(next_word_text) || particle()) {
                break;
            }
            words.push(std::mem::replace(&mut here, next));
        }
        at = here.end;
        words.push(here);
        runs.push(start..words.len());
    }
    (words, runs)
}

impl People {
    /// Finds the people of `text`. `sentences` are the sentence ranges of the text.
    /// `quoted` are the ranges inside quotation marks and `anchors` where quotes open, both in
    /// text order: organisations, roles and anonymous sources that open a sentence are looked for
    /// only in the sentences shortly before a quote, where a pronoun or a role may point to them.
    pub fn find(
        text: &str,
        sentences: &[Range<usize>],
        quoted: &[Range<usize>],
        anchors: &[usize],
        aliases: &Aliases,
    ) -> People {
        let (words, runs) = capitalized_runs(text);
        let mut people = People::default();
        // The words of the run at hand, each folded once for every lookup below (the buffers are
        // kept from run to run).
        let mut folded: Vec<String> = Vec::new();
        for run in runs {
            let (first, last) = (run.start, run.end - 1);
            // A lone capitalized word can only be a mention of someone already named: with no one
            // named yet (the start of most articles), there is nothing to look up.
            if first == last && people.persons.is_empty() {
                continue;
            }
            for (k, w) in words[run.clone()].iter().enumerate() {
                if folded.len() == k {
                    folded.push(String::new());
                }
                fold_into(&text[w.clone()], &mut folded[k]);
            }
            let folded_word = |i: usize| folded[i - first].as_str();
            // Drop capitalized sentence openers and titles in front: `Selon M. Diop` → `Diop`.
            let mut f = first;
            while f <= last {
                let w = &text[words[f].clone()];
                if LEXICON.is_not_name_start_folded(folded_word(f))
                    || is_elided_common(w)
                    || LEXICON.titles.iter().any(|t| t == w)
                    || LEXICON.is_role_word(folded_word(f))
                {
                    f += 1;
                } else {
                    break;
                }
            }
            if f > last {
                continue;
            }
            let range = words[f].start..words[last].end.min(text.len());
            let name = text[range.clone()].trim_end_matches('.');
            // The name's tokens are the run's words from `f` (only whitespace joins them), the
            // last without its final period.
            let tokens = name.split_whitespace();
            let count = tokens.clone().count();
            debug_assert_eq!(count, last + 1 - f, "one token per word of {name:?}");
            let folded_token = |i: usize| {
                let w = folded_word(i);
                if i == last {
                    w.trim_end_matches('.')
                } else {
                    w
                }
            };
            let is_person = (2..=5).contains(&count)
                && !tokens.clone().zip(f..=last).any(|(t, i)| {
                    LEXICON.is_org_word_folded(folded_token(i))
                        || is_acronym(t)
                        || t.chars().any(|c| c.is_ascii_digit())
                })
                && !LEXICON.is_place(name);
            if is_person {
                let canonical = aliases
                    .canonical(name)
                    .map_or_else(|| name.to_owned(), str::to_owned);
                let idx = people.person_index(&canonical, aliases);
                if people.persons[idx].feminine.is_none() {
                    people.persons[idx].feminine =
                        title_gender(&text[words[first].start..range.start]);
                }
                people.mentions.push((range.start, idx));
                people.add_roles(idx, text, range.clone());
            } else if count == 1 {
                // A lone word (`Diop`, `M. Diop`) is a mention of someone named before, if anyone.
                if let Some(idx) = people.by_short_form_folded(folded_token(f)) {
                    people.mentions.push((range.start, idx));
                }
            }
        }
        people.mentions.sort_unstable();
        people.find_subjects(text, sentences, quoted, anchors);
        people
    }

    /// Appositions on both sides of a name: `X, ministre malien …`, `le ministre …, X`, `le
    /// ministre … X`, and a country in brackets: `Sadio Camara (Mali)`.
    fn add_roles(&mut self, idx: usize, text: &str, name: Range<usize>) {
        // An apposition or a bracketed country sits in the same line, close to the name: fold
        // only that much (folding the rest of the article for every name made this quadratic).
        let after = &text[name.end..];
        // Looked for within the window only: searching the whole rest of a long paragraph for its
        // end, once per name, was quadratic.
        let window = &after.as_bytes()[..after.len().min(APPOSITION_BYTES)];
        let mut cut = window
            .iter()
            .position(|&b| b == b'\n')
            .unwrap_or(window.len());
        while !after.is_char_boundary(cut) {
            cut -= 1;
        }
        let after = &after[..cut];
        // Most names are followed by neither `, ` nor `(`: fold the rest only for those that are.
        let mut lead = after.chars().map(fold_char);
        let comma = matches!(
            (lead.next(), lead.next()),
            (Some(','), Some(' ' | '\u{a0}'))
        );
        let bracket = after.chars().map(fold_char).find(|c| !c.is_whitespace()) == Some('(');
        let after_folded = if comma || bracket {
            fold(after)
        } else {
            String::new()
        };
        if let Some(rest) = after_folded
            .strip_prefix(", ")
            .or_else(|| after_folded.strip_prefix(",\u{a0}"))
        {
            let phrase = rest
                .split([',', '.', ';', ':', '(', ')'])
                .next()
                .unwrap_or("");
            // `X, alors secrétaire général du parti`, `X, ancien ministre`: the role still.
            let phrase = [
                "alors ",
                "desormais ",
                "aujourd'hui ",
                "actuel ",
                "actuelle ",
                "ancien ",
                "ancienne ",
                "ex-",
            ]
            .iter()
            .find_map(|w| phrase.trim_start().strip_prefix(w))
            .unwrap_or(phrase);
            let opener = phrase.split_whitespace().next().unwrap_or("");
            let body = if LEXICON.starts_definite(phrase) {
                phrase.split_once([' ', '\'']).map_or("", |x| x.1)
            } else {
                phrase
            };
            if LEXICON.find_role_noun(body).is_some_and(|(p, _)| p == 0) && opener != "qui" {
                self.push_role(idx, role_tokens(phrase));
            }
        }
        if let Some(country) = after_folded
            .trim_start()
            .strip_prefix('(')
            .and_then(|r| r.split(')').next())
        {
            let key = words_key(country);
            if let Some((_, nat)) = LEXICON.nationalities.iter().find(|(c, _)| *c == key) {
                self.push_role(idx, vec![nat.clone()]);
            }
        }
        // Before the name: back to the sentence or clause start.
        let start = text[..name.start]
            .char_indices()
            .rev()
            .find(|(_, c)| matches!(c, '.' | ';' | ':' | '«' | '»' | '"' | '(' | '\n'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let before = fold(&text[start..name.start]);
        // A courtesy title glued to the name is not part of the role (`…de la CAC, Me Max X`).
        let mut before = before.trim_end();
        while let Some(t) = LEXICON.folded_titles.iter().find(|t| {
            before.ends_with(t.as_str()) && before[..before.len() - t.len()].ends_with(' ')
        }) {
            before = before[..before.len() - t.len()].trim_end();
        }
        let before = before.trim_end_matches(',').trim_end();
        let clause_start = before.rfind(',').map_or(0, |i| i + 1);
        let clause = &before[clause_start..];
        if let Some((pos, _)) = LEXICON.find_role_noun(clause) {
            let phrase = &clause[pos..];
            // `son homologue malien X` is not X's role; neither is a phrase with a verb in it
            // (`le président eut emprunté au communiste X`) or too long to be a title.
            const VERBS: [&str; 12] = [
                "a", "eut", "est", "fut", "avait", "etait", "ont", "sont", "sera", "aurait",
                "avaient", "etaient",
            ];
            let has_verb = phrase.split_whitespace().any(|w| VERBS.contains(&w));
            if !has_verb
                && phrase.split_whitespace().count() <= 8
                && !LEXICON.has_speech_verb(phrase)
            {
                let mut tokens = role_tokens(phrase);
                tokens.retain(|t| !t.is_empty());
                if !tokens.is_empty() {
                    // `la ministre X`: the determiner says she is a woman.
                    let det = clause[..pos].trim_end();
                    if det.ends_with(" la") || det == "la" || det.ends_with(" une") || det == "une"
                    {
                        self.persons[idx].feminine.get_or_insert(true);
                    }
                    self.push_role(idx, tokens);
                }
            }
        }
    }
}

/// `M.` or `Mme` just before a name says its gender.
fn title_gender(before: &str) -> Option<bool> {
    match before.trim_end().rsplit(' ').next()? {
        "Mme" | "Mlle" | "Madame" => Some(true),
        "M." | "Monsieur" => Some(false),
        _ => None,
    }
}
