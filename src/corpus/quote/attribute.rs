//! Speakers: who said each quote. Explicit evidence first (an inverted speech verb after the quote,
//! `selon X` before it, `X :`, a speech verb whose subject opens the sentence, `par X`), then the
//! context: another quote of the same sentence, the speaker holding the paragraph, a paragraph that
//! opens with a quote continuing the previous one. Pronouns and role nouns are resolved to the people
//! of the article; anonymous sources stay descriptions.

use std::ops::Range;

use super::lexicon::LEXICON;
use super::people::{Aliases, People, Referent, alias_by_surname, strip_title};
use crate::corpus::text::fold;

/// Words that end a subject phrase after an inverted verb (`a déclaré X en recevant …`).
const SUBJECT_CUTS: [&str; 16] = [
    " en ",
    " sans ",
    " lors ",
    " avant ",
    " après ",
    " dans ",
    " devant ",
    " qui ",
    " depuis ",
    " pour ",
    " selon ",
    " au cours ",
    " à l",
    " au ",
    " lundi",
    " jeudi",
];
/// Words that make a definite phrase a time, not a speaker (`ce jeudi 3 avril`).
const TIME_WORDS: [&str; 16] = [
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "matin",
    "soir",
    "mois",
    "semaine",
    "annee",
    "jour",
    "lendemain",
    "veille",
    "week-end",
];
/// `Il` that is no one: `il y a`, `il faut`, `il s’agit`.
const IMPERSONAL: [&str; 8] = [
    "il y a",
    "il y avait",
    "il faut",
    "il s'agit",
    "il s'agira",
    "il semble",
    "il reste",
    "il est ",
];

/// The speaker of a quote, resolved as far as the article allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaker {
    /// A named person or organisation, canonical spelling.
    Named(String),
    /// A description: an anonymous source or a role no name was given for.
    Described(String),
}

impl Speaker {
    /// The text shown and printed.
    pub fn text(&self) -> &str {
        match self {
            Speaker::Named(s) | Speaker::Described(s) => s,
        }
    }
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
            Referent::Person(i) => Speaker::Named(self.people.name(*i).to_owned()),
            Referent::Description(d) => Speaker::Described(d.clone()),
        }
    }

    /// Records who spoke at `pos`, for later pronouns.
    pub fn record(&mut self, pos: usize, speaker: &Speaker) {
        let referent = match speaker {
            Speaker::Named(n) => match self.people.by_full_name(n, self.aliases) {
                Some(i) => Referent::Person(i),
                None => Referent::Description(n.clone()),
            },
            Speaker::Described(d) => Referent::Description(d.clone()),
        };
        self.people.record_speaker(pos, referent);
    }

    /// Who a pronoun at `pos` points back to.
    pub fn antecedent(&self, pos: usize) -> Option<Speaker> {
        self.people
            .antecedent(pos)
            .map(|r| self.referent_speaker(r))
    }

    /// A speaker phrase (`M. Diop`, `le ministre malien`, `un proche du président`, `il`) → speaker.
    /// Tries each comma-separated segment in turn (`ce jeudi 3 avril, Sergueï Lavrov`).
    pub fn subject(&self, phrase: &str, pos: usize) -> Option<Speaker> {
        // The subject stands before any quotation mark or clause break.
        let phrase = phrase
            .split(['«', '»', '"', '“', '”', ':', ';', '(', ')'])
            .next()
            .unwrap_or("");
        for raw in phrase.split(',').take(3) {
            let mut seg = format!("{} ", raw.trim());
            for cut in SUBJECT_CUTS {
                if let Some(i) = find_short(&seg, cut) {
                    seg.truncate(i + 1);
                }
            }
            let seg = seg.trim().trim_end_matches(['.', '!', '?', '…']).trim();
            if seg.is_empty() {
                continue;
            }
            if let Some(s) = self.classify(seg, pos) {
                return Some(s);
            }
        }
        None
    }

    fn classify(&self, seg: &str, pos: usize) -> Option<Speaker> {
        let folded = fold(seg);
        let first = folded.split_whitespace().next().unwrap_or("");
        if LEXICON.pronoun(first).is_some() && folded.split_whitespace().count() <= 2 {
            return self.antecedent(pos);
        }
        // An anonymous source stays anonymous, whoever it is close to (`un proche du président X`).
        if LEXICON.starts_indefinite(&folded) && folded.split_whitespace().count() >= 2 {
            return Some(Speaker::Described(clip(seg, 10)));
        }
        if let Some(name) = name_in(seg) {
            return Some(self.named(&name));
        }
        if LEXICON.starts_definite(&folded) {
            if folded.split_whitespace().any(|w| TIME_WORDS.contains(&w)) {
                return None;
            }
            if LEXICON.find_role_noun(&folded).is_some() {
                return Some(match self.people.by_role(seg, pos) {
                    Some(i) => Speaker::Named(self.people.name(i).to_owned()),
                    None => Speaker::Described(clip(seg, 10)),
                });
            }
            if folded
                .split_whitespace()
                .nth(1)
                .is_some_and(|w| LEXICON.is_org_word(w))
            {
                return Some(Speaker::Described(clip(seg, 8)));
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
                return Speaker::Named(self.people.name(i).to_owned());
            }
            return Speaker::Named(self.aliases.canonical(bare).unwrap_or(bare).to_owned());
        }
        if let Some(i) = self.people.by_short_form(bare) {
            return Speaker::Named(self.people.name(i).to_owned());
        }
        if let Some(c) = alias_by_surname(self.aliases, bare) {
            return Speaker::Named(c.to_owned());
        }
        Speaker::Named(bare.to_owned())
    }

    /// The speaker named by an inverted speech verb that opens `s`: its own pronoun's antecedent
    /// (`a-t-il ajouté`), or the subject that follows it (`a déclaré le ministre malien`).
    pub fn after_inverted_verb(&self, s: &str, pos: usize) -> Option<Speaker> {
        let (end, has_pronoun) = LEXICON.inverted_at(s)?;
        if has_pronoun {
            self.antecedent(pos)
        } else {
            self.subject(&s[end..], pos)
        }
    }

    /// Explicit evidence for a quote spanning `open..close_end` in `sentence`: after the quote, then
    /// before it.
    pub fn explicit(
        &self,
        open: usize,
        close_end: usize,
        sentence: &Range<usize>,
    ) -> Option<Speaker> {
        let end = sentence.end.max(close_end).min(self.text.len());
        let after = &self.text[close_end.min(end)..end];
        let after_trim = after.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
        if let Some(s) = self.after_inverted_verb(after_trim, open) {
            return Some(s);
        }
        // `qualifiés de « … » par Diop`; not for a short term (`déclaré « persona non grata » par
        // les autorités` is an act, not speech).
        let inner = &self.text[open..close_end.min(self.text.len())];
        if let Some(rest) = after_trim
            .strip_prefix("par ")
            .filter(|_| crate::corpus::text::word_count(inner) > 3)
        {
            if let Some(s) = self.subject(rest, open) {
                return Some(s);
            }
        }
        let before = &self.text[sentence.start.min(open)..open];
        self.before_evidence(before, sentence.start, open)
    }

    /// Evidence in the sentence before the quote: `selon X,`, `Et d’assurer :`, `X :`, or a
    /// speech verb whose subject opens the sentence.
    fn before_evidence(&self, before: &str, start: usize, open: usize) -> Option<Speaker> {
        if let Some(c) = LEXICON.frame_captures(before) {
            if let Some(s) = self.subject(&c["src"], open) {
                return Some(s);
            }
        }
        if LEXICON.ends_narrative(before) {
            return self.antecedent(open);
        }
        let trimmed = before.trim_end();
        if let Some(head) = trimmed.strip_suffix(':') {
            let clause = head.rsplit([',', '.']).next().unwrap_or(head).trim();
            if clause.split_whitespace().count() <= 6 {
                if let Some(s) = self.subject(clause, open) {
                    return Some(s);
                }
            }
        }
        // The first speech verb that is not passive (`a été déclaré` reports no speech by the subject).
        let verb = LEXICON.speech_verbs(before).find(|m| {
            let prev = fold(before[..m.start].trim_end());
            !(prev.ends_with(" ete")
                || prev.ends_with(" etait")
                || prev.ends_with(" sera")
                || prev == "ete")
        })?;
        let head = &before[..verb.start];
        // A pronoun subject: `Il a assuré que …`, `Tout en saluant cela, il a souligné …`.
        let head_folded = fold(head);
        let clause = head_folded
            .rsplit(',')
            .next()
            .unwrap_or(&head_folded)
            .trim_start();
        if let Some(word) = clause.split_whitespace().next() {
            if LEXICON.pronoun(word).is_some()
                && !IMPERSONAL
                    .iter()
                    .any(|i| clause.starts_with(i) || head_folded.trim_start().starts_with(i))
            {
                return self.antecedent(open);
            }
        }
        // A named subject before the verb, not after a preposition.
        if let Some(i) = self.people.subject_in(start..start + verb.start) {
            return Some(Speaker::Named(self.people.name(i).to_owned()));
        }
        // A role subject opening the sentence: `Le ministre a déclaré que « … »`.
        let lead = head.trim_start();
        if LEXICON.starts_definite(&fold(lead)) {
            let phrase = lead.split(',').next().unwrap_or(lead);
            // The noun phrase ends where its verb begins (`Le ministre a déclaré` → `Le ministre`).
            let phrase = [
                " a ",
                " ont ",
                " avait ",
                " aurait ",
                " est ",
                " s'est ",
                " s’est ",
            ]
            .iter()
            .filter_map(|aux| phrase.find(aux))
            .min()
            .map_or(phrase, |i| &phrase[..i]);
            if LEXICON.find_role_noun(&fold(phrase)).is_some() {
                return self.subject(phrase, open);
            }
        }
        None
    }
}

/// The first run of two or more capitalized words that is not an institution (`Sergueï Lavrov` in
/// `le ministre russe des Affaires étrangères Sergueï Lavrov`), or a lone capitalized word that is
/// the whole phrase (`Diop`, `M. Diop`, `LAVROV`).
pub fn name_in(seg: &str) -> Option<String> {
    let words: Vec<&str> = seg.split_whitespace().collect();
    let is_cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut i = 0;
    while i < words.len() {
        if !is_cap(words[i]) || LEXICON.is_not_name_start(words[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < words.len()
            && (is_cap(words[j + 1])
                || (["de", "ben", "ould", "ag", "el", "al"].contains(&words[j + 1])
                    && words.get(j + 2).is_some_and(|w| is_cap(w))))
        {
            j += 1;
        }
        let run: Vec<&str> = words[i..=j].to_vec();
        let bare: Vec<&str> = run
            .iter()
            .copied()
            .filter(|w| !LEXICON.titles.iter().any(|t| t == w))
            .collect();
        let org = bare
            .iter()
            .any(|w| LEXICON.is_org_word(w.trim_end_matches([',', '.'])))
            || LEXICON.is_place(&bare.join(" "));
        let titled = bare.len() < run.len();
        if !org && (bare.len() >= 2 || (bare.len() == 1 && (titled || words.len() == 1))) {
            return Some(bare.join(" ").trim_end_matches([',', '.']).to_owned());
        }
        i = j + 1;
    }
    None
}

/// `hay.find(needle)` for the short phrases of a short segment, without the setup of the
/// general search (which costs more than the search itself here).
fn find_short(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else {
        return Some(0);
    };
    hay.iter()
        .enumerate()
        .filter(|&(_, &b)| b == first)
        .map(|(i, _)| i)
        .find(|&i| hay[i..].starts_with(needle))
}

fn clip(s: &str, words: usize) -> String {
    s.split_whitespace()
        .take(words)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_short_search_finds_what_find_finds() {
        let hay = "le ministre en visite à l’est, au cours du voyage ";
        for needle in SUBJECT_CUTS
            .iter()
            .copied()
            .chain(["", "le", "é", "voyage "])
        {
            assert_eq!(find_short(hay, needle), hay.find(needle), "{needle:?}");
        }
    }

    #[test]
    fn names_are_picked_out_of_role_phrases() {
        assert_eq!(
            name_in("le ministre russe des Affaires étrangères Sergueï Lavrov").as_deref(),
            Some("Sergueï Lavrov")
        );
        assert_eq!(name_in("M. Diop").as_deref(), Some("Diop"));
        assert_eq!(name_in("Diop").as_deref(), Some("Diop"));
        assert_eq!(name_in("le ministre des Affaires étrangères"), None);
        assert_eq!(name_in("le Burkina Faso"), None);
    }
}
