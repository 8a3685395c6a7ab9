//! Alias-file names as words: the spellings the alias file (`people.toml`) gives one person make
//! their differing words one word for search, so `belousov` finds and highlights `Biélooussov`.

use foldhash::{HashMap, HashMapExt};

use crate::corpus::quote::Aliases;
use crate::corpus::search::query::words;
use crate::corpus::text::fold;

/// Folded words that spell the same name: for each, the other spellings. Spellings of one person
/// with as many words pair word by word (`Andreï Biélooussov`, `Andrei Belousov`: `andrei` with
/// `andrei`, `bielooussov` with `belousov`); spellings with another number of words pair with none
/// (a title or a particle would otherwise pair with a first name).
#[derive(Debug, Clone, Default)]
pub struct NameWords {
    others: HashMap<Box<str>, Vec<Box<str>>>,
}

impl NameWords {
    /// The words of the people of `aliases`.
    pub fn from_aliases(aliases: &Aliases) -> NameWords {
        NameWords::from_spellings(aliases.people())
    }

    /// The words of `people`, each given as all its spellings.
    pub fn from_spellings<'a, P, S>(people: P) -> NameWords
    where
        P: IntoIterator<Item = S>,
        S: IntoIterator<Item = &'a str>,
    {
        let mut others: HashMap<Box<str>, Vec<Box<str>>> = HashMap::new();
        for spellings in people {
            let folded: Vec<String> = spellings.into_iter().map(fold).collect();
            let split: Vec<Vec<&str>> = folded.iter().map(|s| words(s).collect()).collect();
            for (i, a) in split.iter().enumerate() {
                for b in split.iter().skip(i + 1).filter(|b| b.len() == a.len()) {
                    for (x, y) in a.iter().zip(b).filter(|(x, y)| x != y) {
                        pair(&mut others, x, y);
                        pair(&mut others, y, x);
                    }
                }
            }
        }
        NameWords { others }
    }

    /// The other spellings of folded word `word` (empty when the alias file gives none).
    pub fn others(&self, word: &str) -> &[Box<str>] {
        self.others.get(word).map_or(&[], Vec::as_slice)
    }

    /// Each word with its other spellings, words in order (what [`NameWords::from_pairs`] takes).
    pub(super) fn pairs(&self) -> Vec<(&str, Vec<&str>)> {
        let mut pairs: Vec<(&str, Vec<&str>)> = self
            .others
            .iter()
            .map(|(w, o)| (&**w, o.iter().map(|o| &**o).collect()))
            .collect();
        pairs.sort_unstable();
        pairs
    }

    /// The words and spellings [`NameWords::pairs`] gave.
    pub(super) fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, Vec<&'a str>)>,
    ) -> NameWords {
        let others = pairs
            .into_iter()
            .map(|(w, o)| (w.into(), o.into_iter().map(Box::from).collect()))
            .collect();
        NameWords { others }
    }

    /// True when no word has another spelling.
    pub fn is_empty(&self) -> bool {
        self.others.is_empty()
    }
}

fn pair(others: &mut HashMap<Box<str>, Vec<Box<str>>>, word: &str, other: &str) {
    let list = others.entry(word.into()).or_default();
    if !list.iter().any(|o| &**o == other) {
        list.push(other.into());
    }
}

#[cfg(test)]
mod tests {
    use super::NameWords;

    #[test]
    fn spellings_of_one_name_pair_word_by_word_after_folding() {
        let names = NameWords::from_spellings([vec![
            "Andreï Biélooussov",
            "Andrei Belousov",
            "Andreï Belooussov",
        ]]);
        let mut others: Vec<&str> = names.others("belousov").iter().map(|w| &**w).collect();
        others.sort_unstable();
        assert_eq!(others, vec!["belooussov", "bielooussov"]);
        assert!(
            names.others("andrei").is_empty(),
            "the same word is no alias"
        );
    }

    #[test]
    fn spellings_of_another_length_pair_with_none() {
        let names = NameWords::from_spellings([vec!["Emmanuel Macron", "le président Macron"]]);
        assert!(names.is_empty());
    }
}
