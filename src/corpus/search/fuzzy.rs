//! The fuzzy scorer behind short fields (titles, outlets, authors, speakers): a small trait so the
//! index does not depend on one matcher, and its production implementation on fuzzy-matcher's
//! `SkimMatcherV2` (the only user of that crate).

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

impl Fuzzy for Skim {
    fn score(&self, choice: &str, pattern: &str) -> Option<i64> {
        let score = self.0.fuzzy_match(choice, pattern)?;
        // Skim accepts any scattered subsequence; on longer texts that is noise. Demand an average
        // of 16 per pattern char: runs and word starts score 17-25, scattered letters 12-15.
        let min = 16 * i64::try_from(pattern.chars().count()).unwrap_or(i64::MAX / 32);
        (score >= min).then_some(score)
    }

    fn indices(&self, choice: &str, pattern: &str) -> Option<Vec<usize>> {
        self.0.fuzzy_indices(choice, pattern).map(|(_, i)| i)
    }
}

/// True when every char of `pattern` (spaces aside) appears in `choice` in order: the cheap test
/// that spares the scorer most choices.
pub fn is_subsequence(choice: &str, pattern: &str) -> bool {
    let mut rest = choice.chars();
    pattern
        .chars()
        .filter(|c| *c != ' ')
        .all(|p| rest.any(|c| c == p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsequence_ignores_spaces_in_the_pattern() {
        assert!(is_subsequence("alliance des etats du sahel", "aes sahel"));
        assert!(!is_subsequence("sahel", "lehas"));
        assert!(is_subsequence("x", ""));
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
