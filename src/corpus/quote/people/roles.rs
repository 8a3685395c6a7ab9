//! Role phrases: their content words with synonyms applied, when two of their words agree, and
//! which role nouns are offices.

use crate::corpus::quote::lexicon::LEXICON;
use crate::corpus::text::words_key;

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

/// Words of a role phrase agree when equal or one inflects the other (`malien`/`malienne`).
pub fn word_agrees(a: &str, b: &str) -> bool {
    a == b || (a.len().min(b.len()) >= 5 && (a.starts_with(b) || b.starts_with(a)))
}

/// A role that is an office a person holds (`ministre`, `président`), as opposed to what anyone
/// may be called (`le syndicaliste`, `la magistrate`): an office contradicts another office.
pub fn is_office(head: &str) -> bool {
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
