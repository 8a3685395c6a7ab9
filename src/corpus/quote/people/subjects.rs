//! Subject phrases that open a sentence (`Un responsable d’une ONG`, `L’interlocuteur burkinabè`,
//! `Le ministre malien`), and whether a name stands where a subject stands.

use super::roles::word_agrees;
use crate::corpus::quote::clauses::opening;
use crate::corpus::quote::lexicon::LEXICON;
use crate::corpus::text::{fold, with_fold};

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

// `#[inline]`: asked once per sentence by `floor::find_subjects`, in another module.
/// An indefinite noun phrase that opens a sentence as its subject (`Un responsable d’une ONG
/// locale a confirmé`, `Une troisième source enfonce.`), up to its verb or a comma.
#[inline]
pub fn indefinite_subject(sentence: &str) -> Option<String> {
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
    let stop = first_stop(&folded, &stops);
    let chars = folded[..stop.unwrap_or(folded.len())].chars().count();
    let phrase: String = t.chars().take(chars).collect();
    // With no auxiliary to end it, a verb of one word may (`Un autre citoyen rajoute.`): keep
    // the determiner and two words.
    let keep = if stop.is_some() { 6 } else { 3 };
    let phrase: Vec<&str> = phrase.split_whitespace().take(keep).collect();
    (phrase.len() >= 2).then(|| phrase.join(" "))
}

// `#[inline]`: asked once per sentence by `floor::find_subjects`, in another module.
/// A definite anonymous source that opens a sentence as its subject (`L’interlocuteur burkinabè
/// est formel`, `La source a ajouté`): the determiner, the noun and at most two more words.
#[inline]
pub fn anonymous_subject(sentence: &str) -> Option<String> {
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

// `#[inline]`: asked once per sentence by `floor::find_subjects`, in another module.
/// A definite role phrase that opens a sentence as its subject (`Le ministre malien a …` →
/// `Le ministre malien`), up to its verb or a comma.
#[inline]
pub fn role_subject(sentence: &str) -> Option<String> {
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
    let end = first_stop(&folded, &stops).unwrap_or(folded.len());
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

/// Where the first of `stops` (each opening with `,` or a space) stands in `folded`: every stop
/// is tried at those bytes only, in one pass, not searched for one after the other.
fn first_stop(folded: &str, stops: &[&str]) -> Option<usize> {
    debug_assert!(stops.iter().all(|w| w.starts_with([',', ' '])));
    let bytes = folded.as_bytes();
    (0..bytes.len())
        .filter(|&i| matches!(bytes[i], b',' | b' '))
        .find(|&i| stops.iter().any(|w| bytes[i..].starts_with(w.as_bytes())))
}

/// The index of the word a byte offset of `folded` falls in.
fn at_word(folded: &str, at: usize) -> usize {
    folded[..at.min(folded.len())].split_whitespace().count()
}

// `#[inline]`: asked once per sentence by `floor::find_subjects`, in another module.
/// True when a name after `before` (its sentence up to the name) stands where a subject stands:
/// at the start of the sentence or of a clause, maybe after a determiner, a role and a title
/// (`Le ministre malien M. X`, `, X`), not inside a complement (`avec X`, `le coordinateur de la
/// plateforme X`).
#[inline]
pub fn subject_position(before: &str) -> bool {
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
