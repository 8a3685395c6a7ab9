//! People in one article: full names found in the text, the roles appositions give them
//! (`Abdoulaye Diop, ministre malien …`, `le ministre russe de la Défense, Andrei Belousov`), who is
//! the subject of each sentence (for pronouns), and the corpus alias file that says which spellings
//! are one person. No name is known in advance: everything comes from the text or the alias file.

use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;

use super::clauses::{opening, opens_adverbial};
use super::lexicon::LEXICON;
use super::names::{is_elided_common, may_open_org, org_in};
use super::words::{next_capitalized, next_word};
use crate::corpus::text::{fold, fold_char, is_alphabetic, with_fold, words_key};

/// The corpus alias file (`people.toml` in the corpus folder): spellings and roles of one person.
///
/// ```toml
/// [[person]]
/// name = "Andreï Biélooussov"            # the spelling shown
/// aliases = ["Andrei Belousov"]          # other spellings of the full name
/// roles = ["ministre russe de la Défense"]
/// ```
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    canonical: HashMap<String, String>,
    variants: HashMap<String, Vec<String>>,
    roles: HashMap<String, Vec<Vec<String>>>,
}

#[derive(Deserialize)]
struct AliasFile {
    #[serde(default)]
    person: Vec<AliasEntry>,
}

#[derive(Deserialize)]
struct AliasEntry {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    roles: Vec<String>,
}

impl Aliases {
    /// Parses the alias file; the error says what is wrong in it.
    pub fn parse(text: &str) -> Result<Aliases, String> {
        let file: AliasFile = toml::from_str(text).map_err(|e| e.message().to_owned())?;
        let mut a = Aliases::default();
        // The file is data from the corpus folder like any article: names reach the screen.
        let clean = |s: &str| crate::corpus::sanitize::one_line(s).into_owned();
        for mut p in file.person {
            p.name = clean(&p.name);
            p.aliases = p.aliases.iter().map(|v| clean(v)).collect();
            p.roles = p.roles.iter().map(|r| clean(r)).collect();
            for v in p.aliases.iter().chain(std::iter::once(&p.name)) {
                a.canonical.insert(words_key(v), p.name.clone());
            }
            a.roles.insert(
                p.name.clone(),
                p.roles.iter().map(|r| role_tokens(r)).collect(),
            );
            a.variants.insert(p.name.clone(), p.aliases);
        }
        Ok(a)
    }

    /// The canonical spelling of a full name, when the file knows it.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        if self.canonical.is_empty() {
            return None;
        }
        self.canonical.get(&words_key(name)).map(String::as_str)
    }

    /// Other spellings of a canonical name.
    pub fn variants(&self, name: &str) -> &[String] {
        self.variants.get(name).map_or(&[], Vec::as_slice)
    }

    /// The canonical name whose surname is this single word, when exactly one person has it.
    fn by_surname(&self, word: &str) -> Option<&str> {
        let key = words_key(word);
        let mut hits = self
            .canonical
            .iter()
            .filter(|(k, _)| k.rsplit(' ').next() == Some(key.as_str()) && k.contains(' '));
        let first = hits.next()?.1;
        hits.all(|(_, v)| v == first).then_some(first.as_str())
    }
}

/// A person named in the article.
#[derive(Debug, Clone)]
pub struct Person {
    /// Canonical name (alias file applied).
    pub name: String,
    /// [`words_key`] of `name`, for comparing full names.
    key: String,
    /// Folded name words, for short forms (`Diop`, `M. Lavrov`, `LAVROV`).
    tokens: Vec<String>,
    /// Role descriptions from appositions, as folded content words.
    roles: Vec<Vec<String>>,
    /// Some(true) when the text says she is a woman (`Mme`, `la ministre`), Some(false) a man (`M.`).
    feminine: Option<bool>,
}

impl Person {
    /// True when one of the person's roles has `head` (a folded role noun) as a word.
    fn has_role_word(&self, head: &str) -> bool {
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
    mentions: Vec<(usize, usize)>,
    /// (byte position, referent) of sentence subjects and attributions, in text order.
    floor: Vec<(usize, Referent)>,
}

const PARTICLES: [&str; 12] = [
    "de", "du", "des", "ben", "bin", "ould", "ag", "el", "al", "van", "von", "ibn",
];
const PREPOSITIONS: [&str; 19] = [
    "avec",
    "de",
    "d",
    "du",
    "des",
    "a",
    "au",
    "aux",
    "par",
    "pour",
    "entre",
    "contre",
    "chez",
    "sur",
    "sans",
    "vers",
    "homologue",
    "et",
    "selon",
];

/// Content words of a role phrase, folded, with synonyms applied (`chef de la diplomatie russe` →
/// `ministre affaires etrangeres russe`).
pub fn role_tokens(phrase: &str) -> Vec<String> {
    const STOP: [&str; 14] = [
        "de", "des", "du", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "son",
    ];
    let key = LEXICON.normalise_role(&words_key(phrase));
    key.split(' ')
        .filter(|w| !w.is_empty() && !STOP.contains(w))
        .map(str::to_owned)
        .collect()
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A word that is an acronym (`AES`, `ONU`), not a surname.
fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|&c| is_alphabetic(c));
    let all_upper = letters.clone().all(char::is_uppercase);
    (2..=4).contains(&letters.count()) && all_upper
}

/// Words of a role phrase agree when equal or one inflects the other (`malien`/`malienne`).
fn word_agrees(a: &str, b: &str) -> bool {
    a == b || (a.len().min(b.len()) >= 5 && (a.starts_with(b) || b.starts_with(a)))
}

/// How far before a quote (bytes) a sentence's subject is worth finding when it is not a person
/// named in it: a few sentences, as far as pronouns and roles look back.
const FLOOR_REACH: usize = 1_500;

/// How far after a name an apposition (`, ministre malien des Affaires étrangères`) is looked for.
const APPOSITION_BYTES: usize = 400;

/// Runs of capitalized words that may make one name (`Abdoulaye Diop`, `M. Diop`, `Ould Ahmed
/// de Souza`): the words (byte ranges) and each run as a range of them. Words join across one or
/// two spaces, not across a sentence end (`Mali. Il`) nor a line; a particle (`de`, `ould`) joins
/// when a capitalized word follows it.
fn capitalized_runs(text: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let (mut words, mut runs) = (Vec::new(), Vec::new());
    let mut at = 0;
    while let Some(first) = next_capitalized(text, at) {
        let start = words.len();
        let mut here = first;
        while let Some(next) = next_word(text, here.end) {
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
            let particle = || {
                with_fold(next_word_text, |n| PARTICLES.contains(&n))
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
        for run in runs {
            let (first, last) = (run.start, run.end - 1);
            // A lone capitalized word can only be a mention of someone already named: with no one
            // named yet (the start of most articles), there is nothing to look up.
            if first == last && people.persons.is_empty() {
                continue;
            }
            // Drop capitalized sentence openers and titles in front: `Selon M. Diop` → `Diop`.
            let mut f = first;
            while f <= last {
                let w = &text[words[f].clone()];
                if LEXICON.is_not_name_start(w)
                    || is_elided_common(w)
                    || LEXICON.titles.iter().any(|t| t == w)
                    || with_fold(w, |w| LEXICON.is_role_word(w))
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
            let tokens = name.split_whitespace();
            let count = tokens.clone().count();
            let is_person = (2..=5).contains(&count)
                && !tokens.clone().any(|t| {
                    LEXICON.is_org_word(t) || is_acronym(t) || t.chars().any(|c| c.is_ascii_digit())
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
                if let Some(idx) = people.by_short_form(name) {
                    people.mentions.push((range.start, idx));
                }
            }
        }
        people.mentions.sort_unstable();
        people.find_subjects(text, sentences, quoted, anchors);
        people
    }

    fn person_index(&mut self, canonical: &str, aliases: &Aliases) -> usize {
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
        with_fold(word.trim_end_matches('.'), |w| {
            (0..self.persons.len()).rev().find(|&i| {
                let p = &self.persons[i];
                p.tokens.last().is_some_and(|t| t == w)
                    || p.tokens.iter().any(|t| t == w && t.len() > 3)
            })
        })
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

    /// The subject of each sentence: the first person named in it who stands where a subject
    /// stands (at the start of a clause, maybe after a role: `Le ministre X`, `, X,`), not in a
    /// complement (`Les entretiens avec Sergueï Lavrov`, `le coordinateur de la plateforme X`).
    fn find_subjects(
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

    fn push_role(&mut self, idx: usize, tokens: Vec<String>) {
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

/// A role that is an office a person holds (`ministre`, `président`), as opposed to what anyone
/// may be called (`le syndicaliste`, `la magistrate`): an office contradicts another office.
fn is_office(head: &str) -> bool {
    [
        "ministre",
        "president",
        "presidente",
        "premier ministre",
        "premiere ministre",
        "porte-parole",
        "ambassadeur",
        "ambassadrice",
        "gouverneur",
        "maire",
        "secretaire",
        "directeur",
        "directrice",
    ]
    .contains(&head)
}

/// `M.` or `Mme` just before a name says its gender.
fn title_gender(before: &str) -> Option<bool> {
    match before.trim_end().rsplit(' ').next()? {
        "Mme" | "Mlle" | "Madame" => Some(true),
        "M." | "Monsieur" => Some(false),
        _ => None,
    }
}

/// An indefinite noun phrase that opens a sentence as its subject (`Un responsable d’une ONG
/// locale a confirmé`, `Une troisième source enfonce.`), up to its verb or a comma.
fn indefinite_subject(sentence: &str) -> Option<String> {
    let t = sentence.trim_start();
    let dets = [
        "un ",
        "une ",
        "des ",
        "plusieurs ",
        "deux ",
        "trois ",
        "certains ",
        "certaines ",
    ];
    let opens = dets.iter().any(|d| {
        t.get(..d.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(d))
    });
    if !opens || t.contains(['«', '"', '“']) {
        return None;
    }
    let t = opening(t, 10);
    let folded = fold(t);
    let stops = [
        ",", " a ", " ont ", " est ", " sont ", " avait ", " s'", " se ", " n'", " ne ", " qui ",
        " (",
    ];
    let stop = stops.iter().filter_map(|w| folded.find(w)).min();
    let chars = folded[..stop.unwrap_or(folded.len())].chars().count();
    let phrase: String = t.chars().take(chars).collect();
    // With no auxiliary to end it, a verb of one word may (`Un autre citoyen rajoute.`): keep
    // the determiner and two words.
    let keep = if stop.is_some() { 6 } else { 3 };
    let phrase: Vec<&str> = phrase.split_whitespace().take(keep).collect();
    (phrase.len() >= 2).then(|| phrase.join(" "))
}

/// A definite anonymous source that opens a sentence as its subject (`L’interlocuteur burkinabè
/// est formel`, `La source a ajouté`): the determiner, the noun and at most two more words.
fn anonymous_subject(sentence: &str) -> Option<String> {
    let t = sentence.trim_start();
    let det = [
        "Le ", "La ", "Les ", "L'", "L’", "le ", "la ", "les ", "l'", "l’",
    ]
    .iter()
    .find(|d| t.starts_with(**d))?;
    let noun = t[det.len()..].split([' ', ',']).next().unwrap_or("");
    if !with_fold(noun, |w| LEXICON.is_anonymous_noun(w)) {
        return None;
    }
    let words: Vec<&str> = t.split_whitespace().take(3).collect();
    let words = if det.ends_with(' ') {
        words
    } else {
        words[..words.len().min(2)].to_vec()
    };
    Some(words.join(" ").trim_end_matches([',', '.']).to_owned())
}

/// A definite role phrase that opens a sentence as its subject (`Le ministre malien a …` →
/// `Le ministre malien`), up to its verb or a comma.
fn role_subject(sentence: &str) -> Option<String> {
    let t = sentence.trim_start();
    let det = ["Le ", "La ", "L'", "L’", "le ", "la ", "l'", "l’"]
        .iter()
        .find(|d| t.starts_with(**d))?;
    // The role noun comes right after the determiner: test that word before folding more.
    let second = t[det.len()..]
        .split(|c: char| c.is_whitespace() || c == ',')
        .next()
        .unwrap_or("");
    if !with_fold(second, |w| LEXICON.opens_role_noun(w)) {
        return None;
    }
    let t = opening(t, 12);
    let folded = fold(t);
    if !["le ", "la ", "l'"].iter().any(|d| folded.starts_with(d)) {
        return None;
    }
    let (at, role) = LEXICON.find_role_noun(&folded)?;
    if at > 4 {
        return None;
    }
    let stops = [
        ",", " a ", " ont ", " est ", " avait ", " s'", " se ", " n'", " ne ", " qui ", " (",
        " etait ",
    ];
    let end = stops
        .iter()
        .filter_map(|w| folded.find(w))
        .min()
        .unwrap_or(folded.len());
    let chars = folded[..end].chars().count();
    let phrase: String = t.chars().take(chars).collect();
    // The noun phrase: the role, then what belongs to it (a nationality, `de` and its
    // complement, capitalized words); the first other word is its verb (`le Premier ministre
    // soutient …` → `le Premier ministre`).
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let role_words = at_word(&folded, at) + role.split_whitespace().count();
    let mut keep = role_words.min(words.len());
    let mut linked: usize = 0;
    while keep < words.len() {
        let w = words[keep];
        let f = fold(w);
        let nationality = w.starts_with(char::is_lowercase)
            && LEXICON
                .nationalities
                .iter()
                .any(|(_, n)| word_agrees(&f, n));
        let link = matches!(f.as_str(), "de" | "du" | "des" | "d'" | "la" | "l'")
            || f.starts_with("d'")
            || f.starts_with("l'");
        if link {
            linked = 2;
        } else if !(nationality || w.starts_with(char::is_uppercase) || linked > 0) {
            break;
        }
        linked = linked.saturating_sub(usize::from(!link));
        keep += 1;
    }
    let phrase = words[..keep].join(" ");
    (keep <= 8).then_some(phrase)
}

/// The index of the word a byte offset of `folded` falls in.
fn at_word(folded: &str, at: usize) -> usize {
    folded[..at.min(folded.len())].split_whitespace().count()
}

/// True when a name after `before` (its sentence up to the name) stands where a subject stands:
/// at the start of the sentence or of a clause, maybe after a determiner, a role and a title
/// (`Le ministre malien M. X`, `, X`), not inside a complement (`avec X`, `le coordinateur de la
/// plateforme X`).
fn subject_position(before: &str) -> bool {
    // Only the clause the name stands in matters: fold from its start.
    let cut = before
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | ';' | ':' | '(' | '«' | '"' | '“'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let raw = before[cut..].trim();
    // At the start of its clause: the subject. Deep in a long clause: not a subject.
    if raw.is_empty() {
        return true;
    }
    if raw.split_whitespace().nth(10).is_some() {
        return false;
    }
    let folded = fold(raw);
    let clause = folded.as_str();
    let words: Vec<&str> = clause
        .split(|c: char| c.is_whitespace() || c == '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let Some(last) = words.last() else {
        return true;
    };
    // `C’est un X visiblement fâché qui …`: the cleft puts the subject after `c’est`.
    if words.first() == Some(&"c") && words.get(1) == Some(&"est") && words.len() <= 4 {
        return true;
    }
    // `avec X`; `la plateforme X` names an organisation, not a person who speaks.
    if PREPOSITIONS.contains(last) || LEXICON.is_org_noun(last) {
        return false;
    }
    // `Le ministre a reçu X`: after a verb, X is its object.
    const AUXILIARIES: [&str; 14] = [
        "a", "ont", "avait", "avaient", "est", "sont", "etait", "sera", "va", "vont", "doit",
        "eut", "fut", "aura",
    ];
    if words.iter().any(|w| AUXILIARIES.contains(w)) {
        return false;
    }
    // A preposition before the role noun makes the whole phrase a complement (`avec le ministre
    // X`); after it, it is part of the role (`le ministre des Affaires étrangères X`).
    let role_at = LEXICON.find_role_noun(clause).map(|(p, _)| p);
    let head = role_at.map_or(clause, |p| &clause[..p]);
    !head
        .split(|c: char| c.is_whitespace() || c == '\'')
        .any(|w| PREPOSITIONS.contains(&w))
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

/// Resolves a one-word name against the alias file when the article does not name the person.
pub fn alias_by_surname<'a>(aliases: &'a Aliases, word: &str) -> Option<&'a str> {
    aliases.by_surname(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(text: &str) -> People {
        People::find(
            text,
            std::slice::from_ref(&(0..text.len())),
            &[],
            &[text.len()],
            &Aliases::default(),
        )
    }

    #[test]
    fn full_names_are_found_and_places_are_not_people() {
        let p = people(
            "Abdoulaye Diop a rencontré Sergueï Lavrov au Burkina Faso avec l’Alliance des États du Sahel.",
        );
        let names: Vec<&str> = p.persons.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Abdoulaye Diop", "Sergueï Lavrov"]);
    }

    #[test]
    fn appositions_give_roles_on_either_side() {
        let t = "Abdoulaye Diop, ministre malien des Affaires étrangères, parle. Le ministre russe de la Défense, Andrei Belousov, répond. Le général Sadio Camara (Mali) aussi.";
        let p = people(t);
        assert_eq!(
            p.by_role("le ministre malien", t.len()).map(|i| p.name(i)),
            Some("Abdoulaye Diop")
        );
        assert_eq!(
            p.by_role("le ministre russe", t.len()).map(|i| p.name(i)),
            Some("Andrei Belousov")
        );
        assert_eq!(
            p.by_role("le général malien", t.len()).map(|i| p.name(i)),
            Some("Sadio Camara")
        );
        assert_eq!(
            p.by_role("le ministre burkinabè des Affaires étrangères", t.len()),
            None
        );
    }

    #[test]
    fn role_synonyms_resolve_the_chief_diplomat() {
        let t = "Le ministre russe des Affaires étrangères Sergueï Lavrov est arrivé.";
        let p = people(t);
        assert_eq!(
            p.by_role("le chef de la diplomatie russe", t.len())
                .map(|i| p.name(i)),
            Some("Sergueï Lavrov")
        );
    }

    #[test]
    fn short_forms_resolve_to_the_full_name() {
        let p = people("Abdoulaye Diop est là. M. Diop parle.");
        assert_eq!(
            p.by_short_form("Diop").map(|i| p.name(i)),
            Some("Abdoulaye Diop")
        );
        assert_eq!(
            p.by_short_form("DIOP").map(|i| p.name(i)),
            Some("Abdoulaye Diop")
        );
    }

    #[test]
    fn a_name_after_a_preposition_is_not_the_subject() {
        let t = "Les entretiens avec Sergueï Lavrov ont été utiles.";
        let p = people(t);
        let il = Pronoun::of("il").unwrap();
        assert_eq!(p.antecedent(t.len(), il), None);
    }

    #[test]
    fn aliases_merge_spellings() {
        let a = Aliases::parse(
            "[[person]]\nname = \"Andreï Biélooussov\"\naliases = [\"Andrei Belousov\"]\n",
        )
        .unwrap();
        let p = People::find(
            "Le ministre Andrei Belousov parle.",
            std::slice::from_ref(&(0..33)),
            &[],
            &[33],
            &a,
        );
        assert_eq!(p.persons[0].name, "Andreï Biélooussov");
        assert_eq!(alias_by_surname(&a, "Belousov"), Some("Andreï Biélooussov"));
    }
}
