//! Speech verbs in text: an inverted verb group opening a string (`a déclaré`, `a-t-il ajouté`,
//! `s’est-elle félicitée`, `a tout de même, ensuite, taclé`), and every speech verb of a string,
//! read word by word against the verb-form tables.

use std::ops::Range;

use super::tables::Lexicon;
use crate::corpus::text::{is_alphanumeric, with_fold};

impl Lexicon {
    /// An inverted speech verb at the start of `s` (`, a déclaré`, `a-t-il ajouté`): where it ends,
    /// and whether it carries its own subject pronoun (then the speaker is an antecedent).
    pub fn inverted_at(&self, s: &str) -> Option<(usize, Option<String>)> {
        let verb = self.inverted_find(s)?;
        let pronoun = s[..verb.end].split('-').skip(1).find_map(|part| {
            let w = part.split_whitespace().next().unwrap_or("").to_lowercase();
            matches!(w.as_str(), "il" | "elle" | "ils" | "elles" | "on").then_some(w)
        });
        Some((verb.end, pronoun))
    }

    /// Where an inverted speech verb opening `s` lies (leading spaces included): `a déclaré`,
    /// `a également souligné`, `a tout de même, ensuite, taclé`, `a-t-il ajouté`, `s’est-elle
    /// félicitée`, `explique-t-elle`, `rappelle`, `laisse entendre`. Read word by word against
    /// the verb-form tables.
    pub fn inverted_find(&self, s: &str) -> Option<Range<usize>> {
        if let Some(r) = self.inverted_group(s) {
            return Some(r);
        }
        // An object pronoun before the verb group: `», nous a-t-il dit`, `», m’a-t-elle confié`.
        let lead = s.len() - s.trim_start().len();
        let t = &s[lead..];
        let glued = ["m'", "m’", "t'", "t’", "l'", "l’"]
            .iter()
            .find(|p| t.starts_with(**p))
            .map(|p| p.len());
        let skip = glued.or_else(|| {
            let word = t.split(' ').next()?;
            matches!(word, "nous" | "vous" | "me" | "te" | "lui" | "leur").then(|| word.len())
        })?;
        let r = self.inverted_group(&t[skip..])?;
        Some(0..lead + skip + r.end)
    }

    /// [`Self::inverted_find`] without an object pronoun in front.
    fn inverted_group(&self, s: &str) -> Option<Range<usize>> {
        // Most commas are followed by no verb at all: rule them out on the first word alone.
        let lead = s.trim_start();
        let first_end = lead
            .find(|c: char| !(is_alphanumeric(c) || matches!(c, '\'' | '’')))
            .unwrap_or(lead.len());
        let opener = with_fold(&lead[..first_end], |w| {
            self.finite.contains_key(w) || self.auxiliary_words.contains(w)
        });
        if !opener {
            return None;
        }
        let words = group_words(s);
        let (a, b) = *words.first()?;
        let first = &s[a..b];
        // `a-t-il ajouté`, `explique-t-elle`, `s’est-il félicité`.
        let parts: Vec<&str> = first.split('-').collect();
        if parts.len() >= 2 {
            let pron = parts[parts.len() - 1];
            let inverted =
                is_subject_pronoun(pron) && parts[1..parts.len() - 1].iter().all(|p| *p == "t");
            if !inverted {
                return None;
            }
            let head = parts[0];
            if with_fold(head, |h| {
                self.auxiliaries.iter().any(|a| a.len() == 1 && a[0] == h)
            }) {
                let end = self.participle_after(s, &words, 1)?;
                return Some(0..end);
            }
            // `explique-t-elle`, or a form of several words: `fait-on savoir`.
            let last = with_fold(head, |h| longest_after(s, &words, 0, self.finite.get(h)?))?;
            return Some(0..words[last].1);
        }
        // `a déclaré`, `s’est félicité`, `se sont réjouis`.
        if let Some(n) = self.auxiliary_at(s, &words, 0) {
            let end = self.participle_after(s, &words, n)?;
            return Some(0..end);
        }
        // `rappelle`, `laisse entendre`.
        let last = with_fold(first, |w| longest_after(s, &words, 0, self.finite.get(w)?))?;
        Some(0..words[last].1)
    }

    /// How many words an auxiliary at `words[at]` takes (`a`, `s’est`, `se sont`), if one is there.
    fn auxiliary_at(&self, s: &str, words: &[(usize, usize)], at: usize) -> Option<usize> {
        self.auxiliaries
            .iter()
            .find(|aux| words_spell(s, words, at, aux))
            .map(Vec::len)
    }

    /// After an auxiliary ending at `words[at - 1]`: adverbs (listed, or any word in `-ment`,
    /// maybe between commas), then a participle. Where the participle ends.
    fn participle_after(&self, s: &str, words: &[(usize, usize)], mut at: usize) -> Option<usize> {
        'adverbs: while at < words.len() {
            let (x, y) = words[at];
            let listed = with_fold(&s[x..y], |t| self.adverb_words.contains(t));
            if let Some(adv) = self
                .adverbs
                .iter()
                .filter(|_| listed)
                .find(|adv| words_spell(s, words, at, adv))
            {
                at += adv.len();
                continue 'adverbs;
            }
            let (x, y) = words[at];
            let ment = with_fold(&s[x..y], |t| {
                t.len() > 5 && t.ends_with("ment") && !self.participles.contains_key(t)
            });
            if ment {
                at += 1;
                continue;
            }
            break;
        }
        let (x, y) = *words.get(at)?;
        let last = with_fold(&s[x..y], |w| {
            longest_after(s, words, at, self.participles.get(w)?)
        })?;
        Some(words[last].1)
    }

    /// Byte ranges of the speech verbs in `s`, in order: words (letters and digits, cut at
    /// spaces, punctuation and hyphens) looked up among the verb forms, a multi-word form
    /// (`laissé entendre`) as one range, an elided one whole (`d’affirmer`) or after its
    /// article (`l’explique` → `explique`).
    pub fn speech_verbs<'a>(&'a self, s: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        let words = verb_words(s);
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < words.len() {
                let here = i;
                i += 1;
                let (start, end) = words[here];
                let word = &s[start..end];
                let found =
                    with_fold(word, |w| self.verb_at(s, &words, here, w, start)).or_else(|| {
                        // `l’explique`: the verb after an elided article or pronoun.
                        let cut = word.rfind(['\'', '’'])?;
                        let after = start + cut + word[cut..].chars().next()?.len_utf8();
                        with_fold(&s[after..end], |w| self.verb_at(s, &words, here, w, after))
                    });
                if let Some((range, last)) = found {
                    i = last + 1;
                    return Some(range);
                }
            }
            None
        })
    }

    /// The verb form starting with word `first` (folded `w`, from byte `from`) at `words[at]`:
    /// its range and the index of its last word.
    fn verb_at(
        &self,
        s: &str,
        words: &[(usize, usize)],
        at: usize,
        w: &str,
        from: usize,
    ) -> Option<(Range<usize>, usize)> {
        let last = longest_after(s, words, at, self.verb_forms.get(w)?)?;
        Some((from..words[last].1, last))
    }

    /// True when `s` holds a speech verb.
    pub fn has_speech_verb(&self, s: &str) -> bool {
        self.speech_verbs(s).next().is_some()
    }
}

// `#[inline]`: one caller each; inlined there as before this file was split from lexicon.rs.
/// Byte ranges of the words of `s` for verb lookup: runs of letters, digits and apostrophes
/// (`d’affirmer`, `s’exclame`), cut at spaces, punctuation and hyphens (`explique-t-elle`).
#[inline]
fn verb_words(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let inside = is_alphanumeric(c) || c == '\'' || c == '’';
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

/// True when the words of `s` from `words[at]` on are `phrase` (folded), one for one.
fn words_spell(s: &str, words: &[(usize, usize)], at: usize, phrase: &[String]) -> bool {
    words.get(at..at + phrase.len()).is_some_and(|here| {
        phrase
            .iter()
            .zip(here)
            .all(|(p, &(x, y))| with_fold(&s[x..y], |w| w == p))
    })
}

/// The first of `rests` (longest first) that the words after `words[at]` spell: the index of
/// its last word.
fn longest_after(
    s: &str,
    words: &[(usize, usize)],
    at: usize,
    rests: &[Vec<String>],
) -> Option<usize> {
    rests
        .iter()
        .find(|rest| words_spell(s, words, at + 1, rest))
        .map(|rest| at + rest.len())
}

// `#[inline]`: one caller each; inlined there as before this file was split from lexicon.rs.
/// The words of an inverted verb group: runs of letters, apostrophes and hyphens (`a-t-il`,
/// `s’est-elle`), cut at spaces and punctuation; a comma between adverbs is skipped (`a tout de
/// même, ensuite, taclé`), any other punctuation ends the group.
#[inline]
fn group_words(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let inside = is_alphanumeric(c) || matches!(c, '\'' | '’' | '-');
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st, i));
                start = None;
            }
            _ => {}
        }
        if !inside && !c.is_whitespace() && c != ',' {
            return out;
        }
        if out.len() >= 12 {
            return out;
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

/// `il`, `elle`, `ils`, `elles`, `on`, in any case.
fn is_subject_pronoun(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "il" | "elle" | "ils" | "elles" | "on"
    )
}

#[cfg(test)]
mod tests {
    use crate::corpus::quote::lexicon::LEXICON;

    fn inverted(s: &str) -> Option<String> {
        LEXICON.inverted_find(s).map(|r| s[r].trim().to_owned())
    }

    #[test]
    fn inverted_forms_are_recognised() {
        assert_eq!(
            inverted(" a déclaré Abdoulaye Diop").as_deref(),
            Some("a déclaré")
        );
        assert_eq!(
            inverted(" a-t-il ajouté.").as_deref(),
            Some("a-t-il ajouté")
        );
        assert_eq!(
            inverted(" s’est-il félicité.").as_deref(),
            Some("s’est-il félicité")
        );
        assert_eq!(
            inverted(" a également souligné le ministre").as_deref(),
            Some("a également souligné")
        );
        assert_eq!(
            inverted(" explique-t-elle").as_deref(),
            Some("explique-t-elle")
        );
        assert_eq!(
            inverted(" rappelle le ministre").as_deref(),
            Some("rappelle")
        );
        assert_eq!(
            inverted(" a laissé entendre X").as_deref(),
            Some("a laissé entendre")
        );
        assert_eq!(
            inverted(" a insisté le ministre").as_deref(),
            Some("a insisté")
        );
        assert_eq!(inverted(" réitère-t-il").as_deref(), Some("réitère-t-il"));
        assert_eq!(inverted(" les ministres ont"), None);
    }

    #[test]
    fn pronoun_inversion_names_the_pronoun() {
        let (_, pronoun) = LEXICON.inverted_at(" a-t-elle martelé").unwrap();
        assert_eq!(pronoun.as_deref(), Some("elle"));
        assert!(LEXICON.inverted_at(" a-t-elle maison").is_none());
        assert_eq!(
            LEXICON
                .inverted_find(" a tout de même, ensuite, taclé le syndicaliste")
                .map(|r| r.end),
            Some(" a tout de même, ensuite, taclé".len())
        );
        assert_eq!(
            LEXICON
                .inverted_find(" a simplement déclaré X")
                .map(|r| r.end),
            Some(" a simplement déclaré".len())
        );
        assert!(LEXICON.inverted_find(" a, selon lui, déclaré").is_none());
    }

    #[test]
    fn speech_verbs_are_found_as_whole_words_and_phrases() {
        fn verbs(s: &str) -> Vec<&str> {
            LEXICON.speech_verbs(s).map(|r| &s[r]).collect()
        }
        assert_eq!(verbs("dit"), ["dit"]);
        assert_eq!(verbs("«dit»"), ["dit"]);
        assert_eq!(verbs("Il a dit."), ["dit"]);
        assert_eq!(
            verbs("Il a déclaré que, selon lui, il le dit"),
            ["déclaré", "dit"]
        );
        assert_eq!(verbs("elle répond-elle"), ["répond"]);
        assert_eq!(verbs("Ils ont laissé entendre"), ["laissé entendre"]);
        assert_eq!(verbs("Et d’affirmer"), ["d’affirmer"]);
        assert_eq!(verbs("Elle l’explique"), ["explique"]);
        assert_eq!(verbs("L’ÉTAT A DÉCLARÉ"), ["DÉCLARÉ"]);
        assert_eq!(verbs("Elle s’exclame"), ["s’exclame"]);
        assert!(verbs("sans verbe ici").is_empty());
        assert!(!LEXICON.has_speech_verb("une maison rouge"));
    }
}
