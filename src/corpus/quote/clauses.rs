//! The shape of a clause around a quote: where a subject phrase ends, what may stand between a
//! subject and its verb (`a quant à lui`, `s’est`), adverbials and complements that are not
//! subjects (`Mercredi matin,`, `à l’AFP`), inverted verbs the lexicon does not know
//! (`tranche-t-il`). The word lists are grammar data in `lexicon.toml` (`[grammar]`).

use super::lexicon::LEXICON;
use crate::corpus::text::{fold, is_alphabetic, word_count};

/// A segment without the conjunction that opens it (`car la CEDEAO` → `la CEDEAO`).
pub fn strip_conjunction(seg: &str) -> &str {
    let mut s = seg.trim_start();
    loop {
        let f = fold(s);
        let Some(w) = LEXICON
            .grammar
            .conjunctions
            .iter()
            .find(|w| f.starts_with(*w))
        else {
            return s;
        };
        let skip = s
            .char_indices()
            .nth(w.chars().count())
            .map_or(s.len(), |(i, _)| i);
        s = s[skip..].trim_start();
    }
}

/// The part of a long segment after its last subordinating word: the clause whose subject
/// stands just before the verb (`… 2020. Après que le capitaine X` → `le capitaine X`).
pub fn last_clause(seg: &str) -> &str {
    let folded = fold(seg);
    let mut cut = None;
    for w in &LEXICON.grammar.subordinators {
        if let Some(i) = folded.rfind(w) {
            cut = cut.max(Some(i + w.len()));
        }
    }
    match cut {
        // fold keeps one char per char: map the folded byte index back through char counts.
        Some(i) => {
            let chars = folded[..i].chars().count();
            let at = seg.char_indices().nth(chars).map_or(seg.len(), |(b, _)| b);
            seg[at..].trim()
        }
        None => seg,
    }
}

/// Drops the verb group's auxiliaries, clitics and adverbs from the end of `head`
/// (`La CGT a ` → `La CGT`, `Il l’avait également ` → `Il`).
pub fn strip_verb_group(head: &str) -> &str {
    let mut h = head.trim_end();
    loop {
        // Adverbial phrases of several words (`a quant à lui mis en avant`).
        let folded = fold(h);
        if let Some(p) = LEXICON.grammar.multiword_adverbs.iter().find(|p| {
            folded.ends_with(*p)
                && folded[..folded.len() - p.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| c.is_whitespace() || c == ',')
        }) {
            let keep = folded[..folded.len() - p.len()].chars().count();
            let at = h.char_indices().nth(keep).map_or(h.len(), |(i, _)| i);
            h = h[..at].trim_end().trim_end_matches(',').trim_end();
            continue;
        }
        let cut = h
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = fold(&h[cut..]);
        let word = word.trim_end_matches(',');
        let is_adverb = word.ends_with("ment") && word.len() > 5;
        let listed = LEXICON.grammar.verb_group.has(word);
        if word.is_empty() || !(is_adverb || listed) || cut == 0 {
            return h;
        }
        // `s'est` or `l'a`: the clitic belongs to the verb group too.
        h = h[..cut].trim_end();
    }
}

/// True when a segment opens with a preposition, a time or a connector rather than a noun
/// phrase: an adverbial before the subject (`Mercredi matin`, `Sur LCI`, `Interrogé sur X`).
pub fn opens_adverbial(seg: &str) -> bool {
    let folded = fold(seg);
    let first = folded
        .split(|c: char| c.is_whitespace() || c == '\'')
        .next()
        .unwrap_or("");
    LEXICON.grammar.adverbial_openers.has(first)
        || LEXICON.grammar.time_words.has(first)
        || LEXICON.grammar.months.has(first)
        || first.starts_with(|c: char| c.is_ascii_digit())
        || first.ends_with("ant")
            && !first.is_empty()
            && seg.starts_with(|c: char| c.is_lowercase())
        || (first == "ce" || first == "cette")
            && folded
                .split_whitespace()
                .nth(1)
                .is_some_and(|w| LEXICON.grammar.time_words.has(w))
}

/// Past what a verb may take between itself and an inverted subject: `à l’AFP`, `aux
/// journalistes`, `samedi`, `ce mercredi`, `mardi soir`, `à la presse`.
pub fn skip_complements(phrase: &str) -> &str {
    let mut rest = phrase.trim_start();
    for _ in 0..4 {
        // Only the first few words decide; folding the whole rest each time cost a lot.
        let folded = fold(opening(rest, 8));
        let words: Vec<&str> = folded.split_whitespace().collect();
        let Some(&first) = words.first() else {
            return rest;
        };
        let date_words = |from: usize| {
            words[from..]
                .iter()
                .take_while(|w| {
                    LEXICON.grammar.time_words.has(w)
                        || LEXICON.grammar.months.has(w)
                        || w.trim_end_matches(',').chars().all(|c| c.is_ascii_digit())
                        || **w == "1er"
                })
                .count()
        };
        let take = if LEXICON.grammar.time_words.has(first) {
            date_words(0)
        } else if (first == "ce" || first == "cette")
            && words
                .get(1)
                .is_some_and(|w| LEXICON.grammar.time_words.has(w))
        {
            1 + date_words(1)
        } else if first == "a" || first == "aux" || first == "au" {
            // `à l’AFP`, `à la presse`, `aux journalistes`, `au Monde`: up to the next word that
            // can open a subject.
            let mut n = 1;
            if first == "a" && words.get(1).is_some_and(|w| *w == "la" || *w == "des") {
                n += 1;
            }
            if words.get(n).is_none() {
                return rest;
            }
            n + 1
        } else {
            return rest;
        };
        // Advance `take` words in the original text.
        let mut it = rest.split_whitespace();
        let mut consumed = 0;
        for _ in 0..take {
            if let Some(w) = it.next() {
                let at = rest[consumed..].find(w).map_or(0, |i| i + consumed);
                consumed = at + w.len();
            }
        }
        let next = rest[consumed..].trim_start_matches([',', ' ', '\u{a0}']);
        if next.len() == rest.len() {
            return rest;
        }
        rest = next;
    }
    rest
}

/// The first `n` words of `s` (with what lies between them).
pub fn opening(s: &str, n: usize) -> &str {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in s.char_indices() {
        let space = c.is_whitespace();
        if space && in_word {
            words += 1;
            if words == n {
                return &s[..i];
            }
        }
        in_word = !space;
    }
    s
}

/// After a quote, other quotes of the same list and their commas (`« Vendu ! », « Démission ! »,
/// ont crié …`): the attribution comes after the last one.
pub fn skip_listed_quotes(after: &str) -> &str {
    let mut rest = after.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
    for _ in 0..6 {
        let Some(open) = rest.chars().next().filter(|c| matches!(c, '«' | '"' | '“')) else {
            break;
        };
        let close = match open {
            '«' => '»',
            '“' => '”',
            _ => '"',
        };
        let inner = &rest[open.len_utf8()..];
        let Some(end) = inner.find(close) else {
            break;
        };
        if word_count(&inner[..end]) > 4 {
            break;
        }
        rest = inner[end + close.len_utf8()..]
            .trim_start_matches(|c: char| c == ',' || c.is_whitespace());
        rest = rest.strip_prefix("et ").unwrap_or(rest);
    }
    rest
}

/// A verb the lexicon does not know, in a form that after a quote can only be an inversion:
/// `verbe-t-il`, `a-t-elle verbé`, `a verbé X`, `verbe X` (a finite form followed by a name or a
/// definite role). Returns where the verb ends and the inverted pronoun, if any.
pub fn generic_inversion(s: &str, comma: bool) -> Option<(usize, Option<String>)> {
    let lead = s.len() - s.trim_start().len();
    let t = &s[lead..];
    let word_end = |from: usize| {
        t[from..]
            .find(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '!' | '?'))
            .map_or(t.len(), |i| from + i)
    };
    let w1_end = word_end(0);
    let w1 = &t[..w1_end];
    if !w1.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    // `tranche-t-il`, `a-t-elle taclé`, `sourit-il`.
    let parts: Vec<&str> = w1.split('-').collect();
    if parts.len() >= 2 {
        let pron = parts.last().copied().unwrap_or("");
        if ["il", "elle", "ils", "elles", "on"].contains(&pron)
            && parts[0].chars().all(is_alphabetic)
            && parts[1..parts.len() - 1].iter().all(|p| *p == "t")
        {
            let aux = ["a", "avait", "aurait", "ont", "avaient"].contains(&parts[0]);
            if aux {
                let rest = &t[w1_end..];
                let p_start = rest.len() - rest.trim_start().len();
                let p_end = rest[p_start..]
                    .find(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';'))
                    .map_or(rest.len(), |i| p_start + i);
                let participle = &rest[p_start..p_end];
                if !is_participle(participle) {
                    return None;
                }
                return Some((lead + w1_end + p_end, Some(pron.to_owned())));
            }
            return Some((lead + w1_end, Some(pron.to_owned())));
        }
        return None;
    }
    if !comma {
        return None;
    }
    let folded = fold(w1);
    let (verb_end, rest) = if ["a", "avait", "aurait", "ont", "avaient"].contains(&folded.as_str())
    {
        let rest = &t[w1_end..];
        let p_start = rest.len() - rest.trim_start().len();
        let p_end = rest[p_start..]
            .find(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';'))
            .map_or(rest.len(), |i| p_start + i);
        if !is_participle(&rest[p_start..p_end]) {
            return None;
        }
        (w1_end + p_end, &rest[p_end..])
    } else {
        // A finite verb alone: only a word that reads as one (not a determiner, a preposition or
        // a conjunction).
        if folded.chars().count() < 3
            || !folded.ends_with(['e', 't', 'd', 'a'])
            || LEXICON.starts_definite(&folded)
            || LEXICON.starts_indefinite(&folded)
            || LEXICON.grammar.adverbial_openers.has(&folded)
            || LEXICON.grammar.not_verbs.has(&folded)
        {
            return None;
        }
        (w1_end, &t[w1_end..])
    };
    // The subject must follow at once: a capitalized name or a definite role.
    let subject = rest.trim_start();
    let sf = fold(subject);
    let named = subject.chars().next().is_some_and(char::is_uppercase);
    let role =
        LEXICON.starts_definite(&sf) && LEXICON.find_role_noun(&sf).is_some_and(|(p, _)| p < 12);
    (named || role).then_some((lead + verb_end, None))
}

/// An inverted pronoun after a verb the lexicon may not know (`tranche-t-il`, `a-t-elle
/// taclé`): where it ends.
pub fn pronoun_inversion(s: &str) -> Option<usize> {
    match generic_inversion(s, false)? {
        (end, Some(_)) => Some(end),
        _ => None,
    }
}

/// A past participle by its form (`taclé`, `ironisée`, `souri`, `admis`).
pub fn is_participle(w: &str) -> bool {
    let f = fold(w);
    f.chars().count() >= 3
        && f.chars().all(|c| is_alphabetic(c) || c == '-')
        && ["e", "es", "i", "is", "it", "u", "us"].iter().any(|end| {
            w.ends_with(&end.replace('e', "é")) || (f.ends_with(end) && !end.starts_with('e'))
        })
}

/// `hay.find(needle)` for the short phrases of a short segment, without the setup of the
/// general search (which costs more than the search itself here).
pub fn find_short(hay: &str, needle: &str) -> Option<usize> {
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

pub fn clip(s: &str, words: usize) -> String {
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
        for needle in LEXICON
            .grammar
            .subject_cuts
            .iter()
            .map(String::as_str)
            .chain(["", "le", "é", "voyage "])
        {
            assert_eq!(find_short(hay, needle), hay.find(needle), "{needle:?}");
        }
    }

    #[test]
    fn unknown_verbs_count_only_in_a_form_that_inverts() {
        assert!(generic_inversion(" tranche-t-il.", false).is_some());
        assert!(generic_inversion(" a taclé Amadou Sall.", true).is_some());
        assert!(generic_inversion(" sourit le ministre.", true).is_some());
        assert!(generic_inversion(" sourit le ministre.", false).is_none());
        assert!(generic_inversion(" et la suite", true).is_none());
        assert!(generic_inversion(" dans la ville", true).is_none());
        assert!(generic_inversion(" a maison rouge", true).is_none());
    }

    #[test]
    fn complements_before_an_inverted_subject_are_skipped() {
        assert_eq!(skip_complements("à l’AFP deux élus"), "deux élus");
        assert_eq!(
            skip_complements("aux journalistes ce mercredi le porte-parole"),
            "le porte-parole"
        );
        assert_eq!(skip_complements("samedi une source"), "une source");
        assert_eq!(skip_complements("Amadou Sall"), "Amadou Sall");
    }
}
