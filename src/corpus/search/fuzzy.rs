//! The fuzzy scorer behind short fields (titles, outlets, authors, speakers): a small trait so the
//! index does not depend on one matcher, and its production implementation on fuzzy-matcher's
//! `SkimMatcherV2` (the only user of that crate), which skim sees only for the part of a choice its
//! score depends on and only when a cheap bound on that score (`bound`) reaches the noise floor
//! without being skim's score itself.

mod bound;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Scores a folded pattern against a folded choice.
pub trait Fuzzy: Send + Sync {
    /// The score of `pattern` in `choice` when it passes the scorer's own noise floor, else `None`.
    /// Both are folded (see [`crate::corpus::text::fold`]) and `pattern` is not empty.
    fn score(&self, choice: &str, pattern: &str) -> Option<i64>;
    /// Char indices of `choice` that `pattern` matched, when it matches at all.
    fn indices(&self, choice: &str, pattern: &str) -> Option<Vec<usize>>;
}

/// fuzzy-matcher's skim algorithm on folded text (already lower case, so case is not looked at
/// again), with a floor that rejects scattered letters.
pub struct Skim(SkimMatcherV2);

impl std::fmt::Debug for Skim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Skim")
    }
}

impl Default for Skim {
    fn default() -> Skim {
        Skim(SkimMatcherV2::default().respect_case())
    }
}

/// The part of `choice` that skim's score of `pattern` depends on: from the char before the first
/// occurrence of the pattern's first char to the last occurrence of its last char. Skim aligns the
/// pattern in order, left to right, so no alignment starts before that first occurrence or ends
/// after that last one; a char's bonus depends only on the char before it, which the span keeps;
/// and the extra bonus skim gives a choice's first char falls, in the span as in the whole, on a
/// char that cannot be matched (or on the same char when the span starts the choice). `None` when
/// either char is missing (no match at all).
fn skim_span(choice: &str, pattern: &str) -> Option<std::ops::Range<usize>> {
    let (first, last) = (pattern.chars().next()?, pattern.chars().next_back()?);
    let at = choice.find(first)?;
    let start = choice[..at]
        .char_indices()
        .next_back()
        .map_or(0, |(i, _)| i);
    let end = choice.rfind(last)? + last.len_utf8();
    (start < end).then_some(start..end)
}

impl Fuzzy for Skim {
    fn score(&self, choice: &str, pattern: &str) -> Option<i64> {
        // Skim accepts any scattered subsequence; on longer texts that is noise. Demand an average
        // of 16 per pattern char: runs and word starts score 17-25, scattered letters 12-15.
        let min = 16 * i64::try_from(pattern.chars().count()).unwrap_or(i64::MAX / 32);
        let part = choice.get(skim_span(choice, pattern)?)?;
        // Most choices that get here fall short of the floor; a bound on skim's score, at a
        // fraction of skim's cost, tells most of them apart, and is skim's score for most others.
        let bound = bound::skim_bound(part, pattern)?;
        if i64::from(bound.score) < min {
            return None;
        }
        let score = if bound.exact {
            i64::from(bound.score)
        } else {
            self.0.fuzzy_match(part, pattern)?
        };
        (score >= min).then_some(score)
    }

    fn indices(&self, choice: &str, pattern: &str) -> Option<Vec<usize>> {
        self.0.fuzzy_indices(choice, pattern).map(|(_, i)| i)
    }
}

/// True when every char of `pattern` (spaces aside) appears in `choice` in order: the cheap test
/// that spares the scorer most choices.
pub fn is_subsequence(choice: &str, pattern: &str) -> bool {
    // On bytes: a char's UTF-8 bytes occur in valid UTF-8 only where that char is, so finding them
    // is finding it, a whole machine word at a time (`memchr`) for ASCII.
    let mut rest = choice.as_bytes();
    let mut buf = [0u8; 4];
    pattern.chars().filter(|c| *c != ' ').all(|p| {
        let p = p.encode_utf8(&mut buf).as_bytes();
        let at = match p {
            [b] => memchr::memchr(*b, rest),
            _ => memchr::memmem::find(rest, p),
        };
        at.map(|at| rest = &rest[at + p.len()..]).is_some()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Skim's score of `pattern` in the part of `choice` its score depends on ([`skim_span`]).
    fn span_score(s: &Skim, choice: &str, pattern: &str) -> Option<i64> {
        s.0.fuzzy_match(choice.get(skim_span(choice, pattern)?)?, pattern)
    }

    #[test]
    fn subsequence_ignores_spaces_in_the_pattern() {
        assert!(is_subsequence("alliance des etats du sahel", "aes sahel"));
        assert!(!is_subsequence("sahel", "lehas"));
        assert!(is_subsequence("x", ""));
    }

    #[test]
    fn skim_scores_the_span_as_it_scores_the_whole_choice() {
        let s = Skim::default();
        let titles = [
            "burkina faso : la question securitaire domine le sommet de tombouctou",
            "l'aes et la russie : sergueï lavrov reçoit les ministres a moscou",
            "a",
            "aes",
            "sahel",
            "« securite » d'abord, dit le ministre",
            "x aes x aes",
            "les etats de l'alliance des etats du sahel (aes) s'arment",
            "éèé sécurité du sahel éèé",
            "s",
            "ss",
            "sa-sa-sa",
        ];
        let patterns = [
            "aes", "sec", "secu", "lav", "lavrov", "dio", "s", "ss", "sa", "é", "eee",
        ];
        for t in titles {
            for p in patterns {
                assert_eq!(
                    span_score(&s, t, p),
                    s.0.fuzzy_match(t, p),
                    "{p:?} in {t:?}"
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 4000,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Skim's score of a span equals its score of the whole choice. Fresh matchers on both
        /// sides: skim reuses its score matrix between calls, and a few cells it reads are left
        /// from the previous call.
        #[test]
        fn skim_span_scores_equal_whole_scores(
            choice in "[ a-eéè'’().:-]{0,40}",
            pattern in "[a-eé.-]{1,5}",
        ) {
            let whole = SkimMatcherV2::default().respect_case().fuzzy_match(&choice, &pattern);
            proptest::prop_assert_eq!(span_score(&Skim::default(), &choice, &pattern), whole);
        }

        /// The scorer's answer is skim's score of the whole choice, kept when it reaches the
        /// floor: neither the span nor the bound in front of skim changes it. (Letters far apart,
        /// where the bound turns most choices away.)
        #[test]
        fn the_score_is_skims_whole_score_above_the_floor(
            choice in "([ xyzéè'’().:-]{0,20}[a-eé]{1,2}){0,6}",
            pattern in "[a-eé. -]{3,6}",
        ) {
            let floor = 16 * i64::try_from(pattern.chars().count()).unwrap_or(0);
            let whole = SkimMatcherV2::default().respect_case().fuzzy_match(&choice, &pattern);
            proptest::prop_assert_eq!(
                Skim::default().score(&choice, &pattern),
                whole.filter(|&s| s >= floor)
            );
        }
    }

    #[test]
    fn skim_rejects_scattered_letters_but_keeps_runs() {
        let s = Skim::default();
        assert!(s.score("sergueï lavrov a parlé", "lavrov").is_some());
        let run = s.score("sergueï lavrov a parlé", "lavrov").unwrap_or(0);
        let scattered = s.score("les armées vont reprendre ouvertement", "lavrov");
        assert!(scattered.is_none_or(|x| x < run), "{scattered:?} vs {run}");
    }
}
