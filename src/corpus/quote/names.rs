//! What names look like in French press text: a person's name picked out of a phrase (`le
//! ministre des Affaires étrangères Sergueï Lavrov` → `Sergueï Lavrov`), an organisation's
//! (`la CGT`, `la Commission de la Cédéao`), acronyms. Shapes only: who is who is `people`.

use super::lexicon::LEXICON;
use crate::corpus::text::{fold, is_alphabetic, with_fold};

/// An acronym (`CGT`, `CEDEAO`, `L’AFP` → `AFP`) or a capitalized organisation phrase
/// (`la Commission de la Cédéao`, `le Kremlin`, `la plateforme Wakit Tamma`) opening `seg`
/// after its determiner: the organisation's name.
pub fn org_in(seg: &str) -> Option<String> {
    let t = seg.trim();
    if !may_open_org(t) {
        return None;
    }
    // The determiner, and an organisation noun that the name follows (`la plateforme X`).
    let det_len = ["le ", "la ", "les ", "l'", "l’"]
        .iter()
        .find(|d| {
            t.get(..d.len())
                .is_some_and(|head| head.to_lowercase() == **d)
        })
        .map_or(0, |d| d.len());
    let rest = &t[det_len..];
    let first_word = fold(rest.split_whitespace().next().unwrap_or(""));
    let first_word = first_word.as_str();
    if LEXICON.is_org_noun(first_word) && rest.starts_with(char::is_lowercase) {
        // fold keeps one char per char: skip the noun by its char count.
        let skip = rest
            .char_indices()
            .nth(first_word.chars().count())
            .map_or(rest.len(), |(i, _)| i);
        let after = rest[skip..].trim_start();
        if after.chars().next().is_some_and(char::is_uppercase) {
            let run = capitalized_run(after);
            if !run.is_empty() {
                return Some(run);
            }
        }
        return None;
    }
    let words: Vec<&str> = rest.split_whitespace().collect();
    let w0 = words.first()?.trim_end_matches([',', '.']);
    if is_acronym(w0) {
        return Some(w0.to_owned());
    }
    if w0.chars().next().is_some_and(char::is_uppercase) && det_len > 0 {
        let run = capitalized_run(rest);
        let is_org = run
            .split_whitespace()
            .any(|w| LEXICON.is_org_word(w) || is_acronym(w));
        if is_org && !LEXICON.is_place(&run) {
            return Some(run);
        }
    }
    None
}

/// A cheap test on the raw text before [`org_in`] folds anything: an organisation phrase opens
/// with a determiner before a capital or an organisation noun, or with an acronym or an
/// institution word.
pub fn may_open_org(t: &str) -> bool {
    // Organisation names open with a capital or an `l`: most sentences fail here at once.
    if !t.starts_with(['L', 'l']) && !t.starts_with(char::is_uppercase) {
        return false;
    }
    let mut words = t.split(' ');
    let Some(first) = words.next() else {
        return false;
    };
    let elided = ["l'", "L'", "l’", "L’"]
        .iter()
        .find_map(|d| first.strip_prefix(d));
    let next = match elided {
        Some(rest) => rest,
        None if matches!(first, "le" | "la" | "les" | "Le" | "La" | "Les") => {
            words.next().unwrap_or("")
        }
        None => {
            return first.starts_with(char::is_uppercase)
                && (is_acronym(first) || LEXICON.is_org_word(first.trim_end_matches([',', '.'])));
        }
    };
    let next = next.trim_end_matches([',', '.']);
    // `la CGT`, `le Kremlin`, `la Ligue des droits`, `la plateforme X`; not `la Russie`.
    is_acronym(next)
        || (next.starts_with(char::is_uppercase) && LEXICON.is_org_word(next))
        || with_fold(next, |n| LEXICON.is_org_noun(n))
}

/// The run of capitalized words opening `s`, linked by `de`, `de la`, `du`, `des`, `et`
/// (`Commission de la Cédéao`, `Commission de l’Uemoa`). When it opens with an institution word,
/// lower-case complements belong to the name too (`Ligue des droits de l’homme`).
pub fn capitalized_run(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // `l’Uemoa`, `d’Ivoire`: an elided article before a capital.
    let elided_cap = |w: &str| {
        let mut cs = w.chars();
        matches!(cs.next(), Some('l' | 'd' | 'L' | 'D'))
            && matches!(cs.next(), Some('\'' | '’'))
            && cs.next().is_some_and(char::is_uppercase)
    };
    let org_head = words
        .first()
        .is_some_and(|w| LEXICON.is_org_word(w.trim_end_matches([',', '.', ';'])));
    let complement = |w: &str| {
        let f = fold(w.trim_end_matches([',', '.', ';']));
        org_head
            && w.chars().next().is_some_and(char::is_lowercase)
            && !LEXICON.grammar.verb_group.has(&f)
            && !LEXICON.grammar.time_words.has(&f)
            && !LEXICON.grammar.months.has(&f)
    };
    let ends_phrase = |w: &str| w.ends_with([',', '.', ';', ':']);
    let mut end = 0;
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if cap(w) || elided_cap(w) {
            end = i + 1;
            i += 1;
            if ends_phrase(w) {
                break;
            }
            continue;
        }
        let mut j = i;
        match fold(w).as_str() {
            "de" | "du" | "des" | "et" => {
                j += 1;
                if words.get(j).is_some_and(|n| fold(n) == "la") {
                    j += 1;
                }
            }
            _ => break,
        }
        let Some(next) = words.get(j) else {
            break;
        };
        if cap(next) || elided_cap(next) || complement(next) {
            end = j + 1;
            i = j + 1;
            if ends_phrase(next) {
                break;
            }
        } else {
            break;
        }
    }
    words[..end]
        .join(" ")
        .trim_end_matches([',', '.', ';', ':'])
        .to_owned()
}

/// `L’économiste`, `D’après`: an elided article before a common noun, which starts no name.
pub fn is_elided_common(w: &str) -> bool {
    let mut cs = w.chars();
    matches!(cs.next(), Some('L' | 'D' | 'l' | 'd'))
        && matches!(cs.next(), Some('\'' | '’'))
        && cs.next().is_some_and(char::is_lowercase)
}

/// A word that is an acronym (`CGT`, `CEDEAO`, `UD`): two to seven capitals.
pub fn is_acronym(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.', ';', ':']);
    // `L’AFP`: past an elided article.
    let mut chars = w.chars();
    let w = match (chars.next(), chars.next()) {
        (Some('l' | 'L'), Some('\'' | '’')) => chars.as_str(),
        _ => w,
    };
    // Stop at the first letter that is not a capital: most words are out at their second.
    let mut n = 0;
    for c in w.chars() {
        if !(is_alphabetic(c) && c.is_uppercase()) || n == 7 {
            return false;
        }
        n += 1;
    }
    n >= 2
}

/// True when a speaker's name is an organisation's: an acronym or a phrase with an
/// organisation word.
pub fn is_org_name(name: &str) -> bool {
    name.split_whitespace()
        .any(|w| is_acronym(w) || LEXICON.is_org_word(w))
}

/// The first run of two or more capitalized words that is not an institution (`Sergueï Lavrov` in
/// `le ministre russe des Affaires étrangères Sergueï Lavrov`), its tail when it starts with one
/// (`République Idriss Déby` → `Idriss Déby`), or a lone capitalized word that is the whole
/// phrase or follows a title or a role (`Diop`, `M. Diop`, `le ministre Bilgo`, `LAVROV`).
pub fn name_in(seg: &str) -> Option<String> {
    // `ministre de l’éducation,Lionel Bilgo`: a comma glued to the next word still separates.
    let spaced = seg.replace(',', ", ");
    let words: Vec<&str> = spaced.split_whitespace().collect();
    let is_cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut i = 0;
    while i < words.len() {
        if !is_cap(words[i]) || LEXICON.is_not_name_start(words[i]) || is_elided_common(words[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < words.len()
            && (!words[j].ends_with([',', '.']) || LEXICON.titles.iter().any(|t| t == words[j]))
            && (is_cap(words[j + 1])
                || (["de", "ben", "ould", "ag", "el", "al"].contains(&words[j + 1])
                    && words.get(j + 2).is_some_and(|w| is_cap(w))))
        {
            j += 1;
        }
        // `la plateforme X`: X names an organisation.
        if i > 0 && LEXICON.is_org_noun(&fold(words[i - 1])) {
            i = j + 1;
            continue;
        }
        let run: Vec<&str> = words[i..=j].to_vec();
        let bare: Vec<&str> = run
            .iter()
            .copied()
            .filter(|w| !LEXICON.titles.iter().any(|t| t == w))
            .collect();
        let clean = |w: &&str| w.trim_end_matches([',', '.']).to_owned();
        let is_org_word =
            |w: &&str| LEXICON.is_org_word(w.trim_end_matches([',', '.'])) || is_acronym(w);
        // The part of the run after its last institution word (`République Idriss Déby`).
        let mut tail_from = bare.iter().rposition(is_org_word).map_or(0, |p| p + 1);
        while bare.get(tail_from).is_some_and(|w| !is_cap(w)) {
            tail_from += 1;
        }
        let tail: Vec<String> = bare[tail_from..].iter().map(clean).collect();
        let org = tail_from > 0 || LEXICON.is_place(&bare.join(" "));
        let titled = bare.len() < run.len();
        let after_role = i > 0 && {
            let prev = fold(words[i - 1].trim_end_matches(','));
            LEXICON.is_role_word(&prev) && !words[i - 1].ends_with(',')
        };
        if tail.len() >= 2 && !LEXICON.is_place(&tail.join(" ")) {
            return Some(tail.join(" "));
        }
        if !org
            && (bare.len() >= 2 || (bare.len() == 1 && (titled || after_role || words.len() == 1)))
        {
            return Some(bare.iter().map(clean).collect::<Vec<_>>().join(" "));
        }
        i = j + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_picked_out_of_role_phrases() {
        assert_eq!(
            name_in("le ministre russe des Affaires étrangères Sergueï Lavrov").as_deref(),
            Some("Sergueï Lavrov")
        );
        assert_eq!(
            name_in("Le président de la République Amadou Sall").as_deref(),
            Some("Amadou Sall")
        );
        assert_eq!(name_in("le ministre Sall").as_deref(), Some("Sall"));
        assert_eq!(name_in("M. Diop").as_deref(), Some("Diop"));
        assert_eq!(name_in("Diop").as_deref(), Some("Diop"));
        assert_eq!(name_in("le ministre des Affaires étrangères"), None);
        assert_eq!(name_in("le Burkina Faso"), None);
    }

    #[test]
    fn organisations_are_named_by_their_acronym_or_their_capitalized_name() {
        assert_eq!(org_in("la CGT").as_deref(), Some("CGT"));
        assert_eq!(org_in("L’ONU").as_deref(), Some("ONU"));
        assert_eq!(
            org_in("la Commission de la Cédéao").as_deref(),
            Some("Commission de la Cédéao")
        );
        assert_eq!(
            org_in("la plateforme Jeunesse Debout").as_deref(),
            Some("Jeunesse Debout")
        );
        assert_eq!(org_in("le ministre"), None);
        assert_eq!(org_in("Amadou Sall"), None);
    }
}
