//! Property tests of what the sanitizer removes by Unicode property: no format character (Cf)
//! survives, no base character carries more than the cap of combining marks in any script, and
//! French text passes unchanged.

use std::sync::LazyLock;

use aes_reader::corpus::sanitize::{MAX_COMBINING, Report, one_line, sanitize};
use proptest::prelude::*;
use unicode_normalization::char::is_combining_mark;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

fn all_chars_where(f: fn(char) -> bool) -> Vec<char> {
    (0..=u32::from(char::MAX))
        .filter_map(char::from_u32)
        .filter(|&c| f(c))
        .collect()
}

/// Every format character the tables know.
static FORMAT: LazyLock<Vec<char>> =
    LazyLock::new(|| all_chars_where(|c| c.general_category() == GeneralCategory::Format));

/// Every combining mark, in every script.
static MARKS: LazyLock<Vec<char>> = LazyLock::new(|| all_chars_where(is_combining_mark));

fn format_char() -> impl Strategy<Value = char> {
    (0..FORMAT.len()).prop_map(|i| FORMAT[i])
}

fn mark() -> impl Strategy<Value = char> {
    (0..MARKS.len()).prop_map(|i| MARKS[i])
}

/// Text made to break both rules: format characters and long runs of marks from any script, between
/// letters, markers, escapes and characters that NFC decomposes into a base and a mark (U+0958) or
/// into two marks (U+0344, U+0F73).
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        format_char().prop_map(String::from),
        (mark(), 1..12usize).prop_map(|(m, n)| m.to_string().repeat(n)),
        prop::collection::vec(mark(), 1..12).prop_map(String::from_iter),
        Just("\u{E49}".repeat(20)),
        Just("\u{94D}\u{94D}".repeat(10)),
        Just("\u{958}\u{344}\u{F73}".to_owned()),
        Just("\u{1b}[31m".to_owned()),
        Just("\u{7}".to_owned()),
        Just("\u{200d}\u{1F469}".to_owned()),
        "[a-zéàç \n]{0,6}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// French as articles write it: accented capitals and small letters, ligatures, « » with no-break
/// spaces, the typographic apostrophe, dashes, the ellipsis, digits and line breaks. NFC, as every
/// editor writes it.
fn french_text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "[a-zA-Zàâäçéèêëîïôöùûüÿœæ]{1,12}",
        "[ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ][a-zàâçéèêëîïôûüœ]{0,10}",
        Just("l’État".to_owned()),
        Just("aujourd’hui".to_owned()),
        Just("«\u{A0}Nous soutenons l’AES\u{A0}»".to_owned()),
        Just("«\u{202F}oui\u{202F}»".to_owned()),
        Just("12\u{A0}000\u{A0}€".to_owned()),
        Just("—".to_owned()),
        Just("–".to_owned()),
        Just("…".to_owned()),
        "[0-9]{1,4}",
        "[,.;:!?()'\"-]",
    ];
    let sep = prop_oneof![
        4 => Just(" "),
        1 => Just("\u{A0}"),
        1 => Just("\u{202F}"),
        1 => Just("\n"),
        1 => Just("\n\n"),
    ];
    prop::collection::vec((word, sep), 0..60)
        .prop_map(|v| v.into_iter().flat_map(|(w, s)| [w, s.to_owned()]).collect())
}

/// The longest run of consecutive combining marks in `s`.
fn longest_mark_run(s: &str) -> usize {
    let (mut run, mut longest) = (0, 0);
    for c in s.chars() {
        run = if is_combining_mark(c) { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn no_format_character_ever_survives(s in tricky_text()) {
        let out = sanitize(&s, &mut Report::default());
        let format = |c: &char| c.general_category() == GeneralCategory::Format;
        prop_assert!(!out.chars().any(|c| format(&c)), "{:?}", out);
        prop_assert!(!one_line(&s).chars().any(|c| format(&c)));
    }

    #[test]
    fn no_base_character_carries_more_than_the_cap_of_marks(s in tricky_text()) {
        let out = sanitize(&s, &mut Report::default());
        prop_assert!(longest_mark_run(&out) <= MAX_COMBINING, "{:?}", out);
        prop_assert!(longest_mark_run(&one_line(&s)) <= MAX_COMBINING);
    }

    #[test]
    fn french_text_passes_unchanged(s in french_text()) {
        let mut report = Report::default();
        prop_assert_eq!(&sanitize(&s, &mut report), &s);
        prop_assert_eq!(report, Report::default());
    }
}
