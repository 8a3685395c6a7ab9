//! Loading the lexicon: `lexicon.toml` (compiled in) parsed and expanded into the tables —
//! every inflection of every speech verb, the source-frame and narrative regexes, folded word
//! sets — once, into [`LEXICON`].

use std::sync::LazyLock;

use foldhash::HashMap;
use regex::Regex;
use serde::Deserialize;

use super::lookups::first_word;
use super::tables::{Grammar, Lexicon, Words};
use crate::corpus::text::{fold, words_key};

#[derive(Deserialize)]
struct Raw {
    er_verbs: Vec<String>,
    irregular: Vec<Irregular>,
    auxiliaries: Vec<String>,
    adverbs: Vec<String>,
    source_frames: Vec<String>,
    pronouns_masculine: Vec<String>,
    pronouns_feminine: Vec<String>,
    role_nouns: Vec<String>,
    feminine_roles: Vec<String>,
    org_nouns: Vec<String>,
    speech_nouns: Vec<String>,
    anonymous_nouns: Vec<String>,
    titles: Vec<String>,
    role_synonyms: HashMap<String, String>,
    lists: Lists,
    grammar: RawGrammar,
}

#[derive(Deserialize)]
struct RawGrammar {
    subject_cuts: Vec<String>,
    time_words: Vec<String>,
    months: Vec<String>,
    impersonal: Vec<String>,
    adverbial_openers: Vec<String>,
    verb_group: Vec<String>,
    multiword_adverbs: Vec<String>,
    noun_determiners: Vec<String>,
    conjunctions: Vec<String>,
    subordinators: Vec<String>,
    not_verbs: Vec<String>,
}

/// ` w ` for a word, ` w` for an elided one (`qu'`), to search folded text with.
fn padded(w: &str, lead: bool) -> String {
    let w = fold(w);
    let elided = w.ends_with('\'');
    match (lead, elided) {
        (true, true) => format!(" {w}"),
        (true, false) => format!(" {w} "),
        (false, true) => w,
        (false, false) => format!("{w} "),
    }
}

#[derive(Deserialize)]
struct Irregular {
    pp: String,
    #[serde(default)]
    inf: Option<String>,
    forms: Vec<String>,
}

#[derive(Deserialize)]
struct Lists {
    indefinite: Vec<String>,
    definite: Vec<String>,
    not_name_starts: Vec<String>,
    org_words: Vec<String>,
    places: Vec<String>,
    nationalities: Vec<String>,
}

/// The lexicon compiled into the binary.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    // Invariant: the file is compiled in and parsed by the `lexicon_parses` test.
    let raw: Raw = toml::from_str(include_str!("../lexicon.toml")).expect("lexicon.toml is valid");
    Lexicon::build(raw)
});

/// Escapes a phrase for a regex, letting any apostrophe match `'` or `’` and spaces match any space.
fn phrase(p: &str) -> String {
    p.split(['\'', '’'])
        .map(|part| {
            part.split(' ')
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .collect::<Vec<_>>()
        .join("['’]")
}

/// An alternation of phrases, with unaccented twins, longest first (the regex takes the first that fits).
fn alternation(items: impl IntoIterator<Item = String>) -> String {
    let mut all: Vec<String> = Vec::new();
    for item in items {
        let plain = fold(&item);
        all.push(item);
        all.push(plain);
    }
    all.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    all.dedup();
    all.iter().map(|s| phrase(s)).collect::<Vec<_>>().join("|")
}

/// Present stems: `rappel` → `rappelle`, `réitér` → `réitère`, `relev` → `relève` (spelling changes
/// are generated as variants; a form that French never uses does no harm).
fn present_stems(stem: &str) -> Vec<String> {
    let mut out = vec![stem.to_owned()];
    if stem.ends_with('l') || stem.ends_with('t') {
        out.push(format!("{stem}{}", stem.chars().last().unwrap_or('l')));
    }
    let chars: Vec<char> = stem.chars().collect();
    if let Some(i) = chars.iter().rposition(|c| matches!(c, 'é' | 'e')) {
        if i + 1 < chars.len()
            && chars[i + 1..]
                .iter()
                .all(|c| !"aeiouyéèêëàâîïôûù".contains(*c))
        {
            let mut v = chars.clone();
            v[i] = 'è';
            out.push(v.into_iter().collect());
        }
    }
    out
}

impl Lexicon {
    fn build(raw: Raw) -> Lexicon {
        let mut participles: Vec<String> = Vec::new();
        let mut finite: Vec<String> = Vec::new();
        let mut infinitives: Vec<String> = Vec::new();
        // Gerunds (`en louant`) report speech but never invert a subject (`, accusant l’organisation`).
        let mut gerunds: Vec<String> = Vec::new();
        for verb in &raw.er_verbs {
            let (reflexive, inf) =
                match verb.strip_prefix("se ").or_else(|| verb.strip_prefix("s'")) {
                    Some(v) => (true, v),
                    None => (false, verb.as_str()),
                };
            let Some(stem) = inf.strip_suffix("er") else {
                continue;
            };
            let soft = if let Some(base) = stem.strip_suffix('c') {
                format!("{base}ç")
            } else if stem.ends_with('g') {
                format!("{stem}e")
            } else {
                stem.to_owned()
            };
            for agreement in ["é", "ée", "és", "ées"] {
                participles.push(format!("{stem}{agreement}"));
            }
            let mut forms = Vec::new();
            for p in present_stems(stem) {
                forms.push(format!("{p}e"));
                forms.push(format!("{p}ent"));
            }
            forms.extend([
                format!("{soft}ait"),
                format!("{soft}aient"),
                format!("{soft}a"),
            ]);
            gerunds.push(format!("{soft}ant"));
            infinitives.push(inf.to_owned());
            for f in forms {
                if reflexive {
                    finite.push(format!("se {f}"));
                    finite.push(format!("s'{f}"));
                }
                finite.push(f);
            }
        }
        for irr in &raw.irregular {
            participles.push(irr.pp.clone());
            // `dite`, `écrits`: a one-word participle agrees like any other.
            if !irr.pp.contains(' ') && !irr.pp.ends_with('s') {
                for agreement in ["e", "s", "es"] {
                    participles.push(format!("{}{agreement}", irr.pp));
                }
            }
            if let Some(inf) = &irr.inf {
                infinitives.push(inf.clone());
            }
            for f in &irr.forms {
                if f.split(' ').next().is_some_and(|w| w.ends_with("ant")) {
                    gerunds.push(f.clone());
                } else {
                    finite.push(f.clone());
                }
            }
        }
        let elided_infinitives: Vec<String> =
            infinitives.iter().map(|i| format!("d'{i}")).collect();
        let verb_forms = by_first_word(
            participles
                .iter()
                .chain(&finite)
                .chain(&gerunds)
                .chain(&infinitives)
                .chain(&elided_infinitives),
        );
        // The source ends with a comma before the quote: `Selon M. Diop, « … »`.
        let frame = format!(
            r"(?i)(?:^|[\s,(])(?:{})\s+(?P<src>[^,;:«»“”]{{1,80}}?)\s*,\s*$",
            alternation(raw.source_frames.iter().cloned())
        );
        let narrative = format!(
            r"(?i)(?:^|\s)(?:et\s+)?(?:d['’]|de\s+)(?:{})\s*:\s*$",
            alternation(infinitives.iter().cloned())
        );
        let f = |v: &Vec<String>| v.iter().map(|s| fold(s)).collect::<Vec<_>>();
        let words_of = |list: &[String]| -> Vec<Vec<String>> {
            let mut v: Vec<Vec<String>> = list
                .iter()
                .map(|a| fold(a).split_whitespace().map(str::to_owned).collect())
                .collect();
            v.sort_by_key(|w: &Vec<String>| std::cmp::Reverse(w.len()));
            v
        };
        let mut role_by_first_word: HashMap<String, Vec<String>> = HashMap::default();
        for r in f(&raw.role_nouns) {
            role_by_first_word
                .entry(first_word(&r).to_owned())
                .or_default()
                .push(r);
        }
        Lexicon {
            role_by_first_word,
            participles: by_first_word(&participles),
            finite: by_first_word(&finite),
            auxiliaries: words_of(&raw.auxiliaries),
            auxiliary_words: raw
                .auxiliaries
                .iter()
                .filter_map(|a| fold(a).split_whitespace().next().map(str::to_owned))
                .collect(),
            adverbs: words_of(&raw.adverbs),
            adverb_words: raw
                .adverbs
                .iter()
                .filter_map(|a| fold(a).split_whitespace().next().map(str::to_owned))
                .collect(),
            // Invariant: every pattern is built from escaped literals; the `lexicon_parses` test compiles them.
            verb_forms,
            frame: Regex::new(&frame).expect("frame regex compiles"),
            narrative_infinitive: Regex::new(&narrative).expect("narrative regex compiles"),
            titles: raw.titles.clone(),
            folded_titles: f(&raw.titles),
            role_synonyms: raw
                .role_synonyms
                .iter()
                .map(|(k, v)| (format!(" {} ", words_key(k)), format!(" {} ", words_key(v))))
                .collect(),
            feminine_roles: f(&raw.feminine_roles).into_iter().collect(),
            org_nouns: f(&raw.org_nouns).into_iter().collect(),
            speech_nouns: f(&raw.speech_nouns).into_iter().collect(),
            anonymous_nouns: f(&raw.anonymous_nouns).into_iter().collect(),
            grammar: Grammar {
                subject_cuts: raw
                    .grammar
                    .subject_cuts
                    .iter()
                    .map(|w| padded(w, true))
                    .collect(),
                time_words: Words::of(&raw.grammar.time_words),
                months: Words::of(&raw.grammar.months),
                impersonal: f(&raw.grammar.impersonal),
                adverbial_openers: Words::of(&raw.grammar.adverbial_openers),
                verb_group: Words::of(&raw.grammar.verb_group),
                multiword_adverbs: f(&raw.grammar.multiword_adverbs),
                noun_determiners: Words::of(&raw.grammar.noun_determiners),
                conjunctions: raw
                    .grammar
                    .conjunctions
                    .iter()
                    .map(|w| padded(w, false))
                    .collect(),
                subordinators: raw
                    .grammar
                    .subordinators
                    .iter()
                    .map(|w| padded(w, true))
                    .collect(),
                not_verbs: Words::of(&raw.grammar.not_verbs),
            },
            masculine: f(&raw.pronouns_masculine).into_iter().collect(),
            feminine: f(&raw.pronouns_feminine).into_iter().collect(),
            indefinite: f(&raw.lists.indefinite),
            definite: f(&raw.lists.definite),
            not_name_starts: f(&raw.lists.not_name_starts).into_iter().collect(),
            org_words: f(&raw.lists.org_words).into_iter().collect(),
            places: raw.lists.places.iter().map(|p| words_key(p)).collect(),
            nationalities: raw
                .lists
                .nationalities
                .iter()
                .filter_map(|p| p.split_once('=').map(|(c, n)| (words_key(c), words_key(n))))
                .collect(),
        }
    }
}

/// Folded phrases by their first word, the rest of each as its words, longest first (so
/// `laissé entendre` is tried before `laissé`): the verb-form tables.
fn by_first_word<'a>(
    forms: impl IntoIterator<Item = &'a String>,
) -> HashMap<String, Vec<Vec<String>>> {
    let mut map: HashMap<String, Vec<Vec<String>>> = HashMap::default();
    for form in forms {
        let folded = fold(form);
        let mut words = folded.split_whitespace().map(str::to_owned);
        let Some(first) = words.next() else { continue };
        let rest: Vec<String> = words.collect();
        let entry = map.entry(first).or_default();
        if !entry.contains(&rest) {
            entry.push(rest);
        }
    }
    for rests in map.values_mut() {
        rests.sort_by_key(|r| std::cmp::Reverse(r.len()));
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_parses() {
        assert_eq!(LEXICON.find_role_noun("le ministre"), Some((3, "ministre")));
    }
}
