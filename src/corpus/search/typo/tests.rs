//! The typo rule: each kind of edit, the length thresholds, prefixes, and the vocabulary scan.

use proptest::prelude::*;

use super::{ONE_TYPO_FROM, TWO_TYPOS_FROM, TYPOS_UP_TO, Typos, typos_allowed};

fn typos(query: &str, word: &str) -> Option<u8> {
    Typos::new(query)?.distance(word)
}

#[test]
fn each_kind_of_edit_is_one_typo() {
    assert_eq!(typos("lavrrov", "lavrov"), Some(1), "a letter inserted");
    assert_eq!(typos("lavov", "lavrov"), Some(1), "a letter deleted");
    assert_eq!(typos("lavrow", "lavrov"), Some(1), "a letter replaced");
    assert_eq!(
        typos("lavorv", "lavrov"),
        Some(1),
        "two adjacent letters swapped"
    );
    assert_eq!(
        typos("securtie", "securite"),
        Some(1),
        "swapped, later in the word"
    );
}

#[test]
fn under_five_letters_no_typo_from_five_one_from_nine_two() {
    assert_eq!((ONE_TYPO_FROM, TWO_TYPOS_FROM), (5, 9));
    assert_eq!(typos_allowed("mali"), 0);
    assert!(Typos::new("mlai").is_none(), "four letters: no typo");
    assert_eq!(typos_allowed("lavro"), 1);
    assert_eq!(typos("lavro", "lavrov"), Some(0), "as typed, a prefix");
    assert_eq!(typos("lavor", "lavrov"), Some(1), "five letters: one typo");
    assert_eq!(typos("lvaor", "lavrov"), None, "but not two");
    assert_eq!(typos_allowed("cooperati"), 2);
    assert_eq!(
        typos("coperatoin", "cooperation"),
        Some(2),
        "nine letters: two typos"
    );
    assert_eq!(typos("cpoeratoin", "cooperation"), None, "but not three");
    assert_eq!(typos_allowed("cooperat"), 1, "eight letters: one");
    assert_eq!(typos("coperatoi", "cooperation"), Some(2));
    let long = "a".repeat(TYPOS_UP_TO);
    assert_eq!(typos_allowed(&long), 2);
    assert_eq!(
        typos_allowed(&format!("{long}a")),
        0,
        "past the longest word: none"
    );
}

#[test]
fn letters_are_counted_as_chars_not_bytes() {
    // `é` is two bytes: `sécu` is four letters, no typo.
    assert_eq!(typos_allowed("sécu"), 0);
    assert_eq!(typos("kievé", "kievé"), Some(0));
    assert_eq!(
        typos("kievé", "kieve"),
        Some(1),
        "a char is one edit, whatever its bytes"
    );
    assert_eq!(typos("kiévé", "kieve"), None, "two chars, two edits");
}

#[test]
fn a_typed_start_reaches_the_words_it_begins_with_a_typo() {
    assert_eq!(typos("securt", "securite"), Some(1));
    assert_eq!(typos("securte", "securite"), Some(1), "securté, folded");
    assert_eq!(
        typos("mosco", "moscou"),
        Some(0),
        "as typed: no typo needed"
    );
    assert_eq!(typos("moscu", "moscou"), Some(1), "a letter left out");
    assert_eq!(typos("moscu", "mosquee"), Some(1));
    assert_eq!(typos("moscu", "paris"), None);
}

#[test]
fn the_scan_finds_what_the_matcher_says_needs_a_typo() {
    let mut words = vec![
        "lavrov", "lavrova", "lavov", "laver", "lavrow", "lovrov", "olavrov", "moscou", "lavorv",
        "l", "la", "lav", "zzz",
    ];
    words.sort_unstable();
    let m = Typos::new("lavrov").unwrap();
    let numbered = words.iter().enumerate().map(|(i, w)| (i as u32, *w));
    let found: Vec<(&str, u8)> = m
        .scan(numbered)
        .into_iter()
        .map(|(i, d)| (words[i as usize], d))
        .collect();
    let want: Vec<(&str, u8)> = words
        .iter()
        .filter_map(|w| m.distance(w).filter(|d| *d > 0).map(|d| (*w, d)))
        .collect();
    assert_eq!(found, want);
    assert!(found.contains(&("lavorv", 1)) && found.contains(&("olavrov", 1)));
    assert!(
        !found.iter().any(|(w, _)| *w == "lavrov" || *w == "lavrova"),
        "as typed: not a typo"
    );
}

proptest! {
    /// A word always matches itself and each of its prefixes with no typo; the scan of any sorted
    /// vocabulary gives exactly the words the matcher gives one typo or more.
    #[test]
    fn a_word_matches_itself_and_its_prefixes_and_the_scan_agrees(
        word in "[a-eé]{1,12}",
        mut vocab in prop::collection::vec("[a-eé]{0,12}", 0..40),
    ) {
        let chars: Vec<char> = word.chars().collect();
        for n in 1..=chars.len() {
            let prefix: String = chars[..n].iter().collect();
            if let Some(m) = Typos::new(&prefix) {
                prop_assert_eq!(m.distance(&word), Some(0), "{} in {}", prefix, word);
            }
        }
        vocab.sort_unstable();
        if let Some(m) = Typos::new(&word) {
            prop_assert_eq!(m.distance(&word), Some(0));
            let found = m.scan(vocab.iter().enumerate().map(|(i, w)| (i as u32, w.as_str())));
            let want: Vec<(u32, u8)> = vocab
                .iter()
                .enumerate()
                .filter_map(|(i, w)| m.distance(w).filter(|d| *d > 0).map(|d| (i as u32, d)))
                .collect();
            prop_assert_eq!(found, want);
        }
    }
}
