//! Small text helpers shared by ingest, quotes and search: accent/case/apostrophe folding that maps
//! each character to exactly one character (so offsets survive), and word-shape tests.

use regex::{Captures, Regex};
use unicode_normalization::UnicodeNormalization;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Folds one character for matching: lower case, accents removed, typographic apostrophes and
/// quotation marks made plain, no-break spaces made spaces, dashes made `-`. Always one char out.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    latin(&LATIN_FOLDS, c).unwrap_or_else(|| fold_uncached(c))
}

/// `c.is_alphanumeric()`, with ASCII and Latin-1/Latin Extended-A (every French letter) answered
/// without Unicode's tables: this runs on every char of every article.
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    latin(&LATIN_ALPHANUMERIC, c)
        .unwrap_or_else(|| !is_general_punctuation(c) && c.is_alphanumeric())
}

/// `c.is_alphabetic()`, answered like [`is_alphanumeric`] without Unicode's tables for the chars
/// French text is made of.
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    latin(&LATIN_ALPHABETIC, c).unwrap_or_else(|| !is_general_punctuation(c) && c.is_alphabetic())
}

/// U+2000..U+206F, the General Punctuation block (spaces, dashes, ’ “ ” …, a few format
/// characters): no letter, digit or combining mark in it, and the commonest non-Latin chars of
/// French text, so the per-char tests answer it without Unicode's tables.
pub const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206F}';

fn is_general_punctuation(c: char) -> bool {
    GENERAL_PUNCTUATION.contains(&c)
}

/// `f` of every char of U+0080..U+017F (Latin-1 and Latin Extended-A: every French letter), built
/// once and read by [`latin`]: the non-ASCII chars of French text then cost no search in Unicode's
/// tables.
pub fn latin_table<T>(f: impl Fn(char) -> T) -> Vec<T> {
    (0x80u32..0x180).filter_map(char::from_u32).map(f).collect()
}

/// The entry of a [`latin_table`] for `c`, when `c` is in its range.
pub fn latin<T: Copy>(table: &[T], c: char) -> Option<T> {
    (c as usize)
        .checked_sub(0x80)
        .and_then(|i| table.get(i))
        .copied()
}

static LATIN_ALPHANUMERIC: std::sync::LazyLock<Vec<bool>> =
    std::sync::LazyLock::new(|| latin_table(char::is_alphanumeric));

static LATIN_ALPHABETIC: std::sync::LazyLock<Vec<bool>> =
    std::sync::LazyLock::new(|| latin_table(char::is_alphabetic));

static LATIN_FOLDS: std::sync::LazyLock<Vec<char>> =
    std::sync::LazyLock::new(|| latin_table(fold_uncached));

fn fold_uncached(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '\u{00B4}' | '`' => '\'',
        '«' | '»' | '“' | '”' | '„' | '‟' | '‹' | '›' => '"',
        '\u{00A0}' | '\u{202F}' | '\u{2009}' | '\u{2007}' => ' ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        'œ' | 'Œ' => 'œ',
        'æ' | 'Æ' => 'æ',
        _ => {
            let base = c.nfd().next().unwrap_or(c);
            let mut lower = base.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => base,
            }
        }
    }
}

/// `re.captures(s)`, but a fast no-match first: the lazy DFA behind `is_match` rejects most inputs
/// far faster than the capture engine, which matters for the lexicon's large alternations.
pub fn captures<'h>(re: &Regex, s: &'h str) -> Option<Captures<'h>> {
    if re.is_match(s) { re.captures(s) } else { None }
}

/// [`fold_char`] over a whole string; the result has as many chars as the input.
pub fn fold(s: &str) -> String {
    let mut out = String::new();
    fold_into(s, &mut out);
    out
}

/// [`fold`] written into `out` (its previous contents replaced), so a caller folding many strings
/// reuses one buffer; runs of ASCII are copied and lower-cased at once.
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    out.reserve(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        let mut chars = rest[ascii..].chars();
        if let Some(c) = chars.next() {
            out.push(fold_char(c));
        }
        rest = chars.as_str();
    }
}

/// The chars of [`words_key`]`(s)`, produced one at a time without building the key: comparing two
/// keys this way stops at their first difference.
pub fn words_key_chars(s: &str) -> WordsKeyChars<'_> {
    WordsKeyChars {
        chars: s.chars(),
        pending: None,
        started: false,
    }
}

/// Iterator returned by [`words_key_chars`].
#[derive(Debug, Clone)]
pub struct WordsKeyChars<'a> {
    chars: std::str::Chars<'a>,
    /// The first char of a word, due after the space that separates it from the previous word.
    pending: Option<char>,
    /// A word has been produced: the next one is preceded by a space.
    started: bool,
}

impl Iterator for WordsKeyChars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if let Some(c) = self.pending.take() {
            return Some(c);
        }
        let mut gap = false;
        for c in self.chars.by_ref() {
            let c = fold_char(c);
            if !is_alphanumeric(c) {
                gap = true;
            } else if gap && self.started {
                self.pending = Some(c);
                return Some(' ');
            } else {
                self.started = true;
                return Some(c);
            }
        }
        None
    }
}

/// Calls `f` with [`fold`] of `s`, folded into a buffer on the stack when it is short (most words
/// are): looking a word up in a table then costs no allocation.
pub fn with_fold<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    // Lower-case ASCII folds to itself.
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return f(s);
    }
    let mut buf = [0u8; 64];
    // ASCII with capitals (`Diop`, `AES`): lower-cased as bytes.
    if s.is_ascii()
        && let Some(slot) = buf.get_mut(..s.len())
    {
        slot.copy_from_slice(s.as_bytes());
        slot.make_ascii_lowercase();
        if let Ok(folded) = std::str::from_utf8(slot) {
            return f(folded);
        }
    }
    let mut len = 0;
    for c in s.chars().map(fold_char) {
        let Some(slot) = buf.get_mut(len..len + c.len_utf8()) else {
            return f(&fold(s));
        };
        len += c.encode_utf8(slot).len();
    }
    match std::str::from_utf8(&buf[..len]) {
        Ok(folded) => f(folded),
        Err(_) => f(&fold(s)),
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The first offset at or after `from` where `bytes` holds a byte of `set` (`bytes.len()` when
/// none does). Looks at eight bytes at a time: for scans after a few rare bytes in long text.
pub fn find_byte<const N: usize>(bytes: &[u8], from: usize, set: [u8; N]) -> usize {
    find_in_set(bytes, from, &ByteSet::new(set))
}

/// A set of bytes as the tests of an eight-byte scan ([`find_in_set`]): two bytes one bit apart
/// (`<` and `>`, the lead bytes 0xC2 and 0xE2) make one test, so a scan after five bytes may cost
/// three tests. Built at compile time for the sets scans use all the time.
#[derive(Debug, Clone, Copy)]
pub struct ByteSet<const N: usize> {
    bytes: [u8; N],
    /// `(bit, value)`: the bytes `b` with `b | bit == value`; the first `tests` only.
    masked: [(u8, u8); N],
    tests: usize,
}

impl<const N: usize> ByteSet<N> {
    /// The set of `bytes`, each byte paired with the first unpaired one a bit apart.
    pub const fn new(bytes: [u8; N]) -> Self {
        let mut masked = [(0u8, 0u8); N];
        let mut paired = [false; N];
        let (mut tests, mut i) = (0, 0);
        while i < N {
            if !paired[i] {
                let mut test = (0, bytes[i]);
                let mut j = i + 1;
                while j < N {
                    let bit = bytes[i] ^ bytes[j];
                    if !paired[j] && bit.count_ones() == 1 {
                        paired[j] = true;
                        test = (bit, bytes[i] | bit);
                        break;
                    }
                    j += 1;
                }
                masked[tests] = test;
                tests += 1;
            }
            i += 1;
        }
        ByteSet {
            bytes,
            masked,
            tests,
        }
    }

    /// True when `b` is in the set.
    pub fn contains(&self, b: u8) -> bool {
        self.bytes.contains(&b)
    }
}

/// [`find_byte`] with the set's tests built beforehand. Inlined with the scan into each caller,
/// so that a set built at compile time makes constant tests, unrolled.
#[inline(always)]
pub fn find_in_set<const N: usize>(bytes: &[u8], from: usize, set: &ByteSet<N>) -> usize {
    find_flagged(
        bytes,
        from,
        |word| {
            // A byte of the test is a zero byte of `(word | bit…bit) ^ value…value`; the lowest
            // flagged byte is a true zero (a borrow only flags bytes above one), and the lowest is
            // all that is read.
            set.masked[..set.tests]
                .iter()
                .fold(0, |hits, &(bit, value)| {
                    let x = (word | (ONES * u64::from(bit))) ^ (ONES * u64::from(value));
                    hits | (x.wrapping_sub(ONES) & !x & HIGHS)
                })
        },
        |b| set.contains(b),
    )
}

/// The first offset at or after `from` of an ASCII capital (`bytes.len()` when none), eight bytes
/// at a time.
pub fn find_ascii_capital(bytes: &[u8], from: usize) -> usize {
    find_flagged(
        bytes,
        from,
        |word| !word & low7_at_least(word, b'A') & !low7_at_least(word, b'Z' + 1),
        |b| b.is_ascii_uppercase(),
    )
}

/// Per byte of `word` (eight bytes), its high bit set where the byte's low seven bits are at least
/// `bound` (at most 0x80). No sum carries into the next byte: 0x7F + 0x80 < 0x100.
pub fn low7_at_least(word: u64, bound: u8) -> u64 {
    ((word & !HIGHS) + ONES * u64::from(0x80u8.saturating_sub(bound))) & HIGHS
}

/// The first offset at or after `from` of a byte that `flags` marks (the high bit of that byte in
/// eight bytes read little-endian; only the lowest flagged byte need be exact) or, past the last
/// eight, that `one` accepts; `bytes.len()` when none.
#[inline(always)]
pub fn find_flagged(
    bytes: &[u8],
    from: usize,
    flags: impl Fn(u64) -> u64,
    one: impl Fn(u8) -> bool,
) -> usize {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let hits = flags(u64::from_le_bytes(word));
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| one(b)))
        .map_or(bytes.len(), |p| i + p)
}

/// Test support: `scan` (eight bytes at a time) stops where a byte-by-byte search for `hit` does,
/// for every byte value at every offset of a text longer than two words.
#[cfg(test)]
pub(crate) fn assert_scan_agrees(scan: impl Fn(&[u8], usize) -> usize, hit: impl Fn(u8) -> bool) {
    for b in 0u8..=255 {
        for at in 0..17 {
            let mut bytes = vec![b'x'; 17];
            bytes[at] = b;
            let slow = bytes.iter().position(|&c| hit(c)).unwrap_or(bytes.len());
            assert_eq!(scan(&bytes, 0), slow, "byte {b:#x} at {at}");
        }
    }
}

/// A comparison key: folded words (letters and digits only) joined by single spaces, so that
/// `L’AES a « la même »` and `L'AES a "la meme"` compare equal.
pub fn words_key(s: &str) -> String {
    // Never longer than `s`: one allocation, no regrowth. The same chars as
    // [`words_key_chars`], with ASCII (most of the text) read a run at a time, not decoded.
    let mut key = String::with_capacity(s.len());
    let (mut gap, mut started) = (false, false);
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            // A run of ASCII letters and digits is copied and lower-cased at once; any other
            // ASCII byte is a gap.
            let run = bytes[i..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            if run == 0 {
                i += 1;
                gap = true;
                continue;
            }
            if gap && started {
                key.push(' ');
            }
            let at = key.len();
            key.push_str(&s[i..i + run]);
            key[at..].make_ascii_lowercase();
            i += run;
            (gap, started) = (false, true);
            continue;
        }
        let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        let c = fold_char(c);
        if !is_alphanumeric(c) {
            gap = true;
            continue;
        }
        if gap && started {
            key.push(' ');
        }
        key.push(c);
        (gap, started) = (false, true);
    }
    key
}

/// Number of whitespace-separated words that contain a letter or digit.
pub fn word_count(s: &str) -> usize {
    word_count_up_to(s, usize::MAX)
}

/// [`word_count`] of `s`, or `cap` if that is less: one pass over the chars, stopping at the cap.
pub fn word_count_up_to(s: &str, cap: usize) -> usize {
    // What each ASCII byte is: most of the text is read without decoding a char.
    const SPACE: u8 = 1;
    const ALNUM: u8 = 2;
    const ASCII: [u8; 128] = {
        let mut t = [0; 128];
        let mut b = 0;
        while b < 128 {
            t[b] = match b as u8 {
                b'\t'..=b'\r' | b' ' => SPACE,
                b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => ALNUM,
                _ => 0,
            };
            b += 1;
        }
        t
    };
    let bytes = s.as_bytes();
    let (mut words, mut counted, mut i) = (0, false, 0);
    while words < cap {
        // Inside a word only a space ends it: run past the bytes that cannot be one (ASCII above
        // the space) without classifying each.
        if counted {
            i += bytes.get(i..).map_or(0, |rest| {
                rest.iter().take_while(|&&b| b > b' ' && b < 0x80).count()
            });
        }
        let Some(&b) = bytes.get(i) else {
            break;
        };
        let class = match ASCII.get(usize::from(b)) {
            Some(&class) => {
                i += 1;
                class
            }
            None => {
                let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else {
                    break;
                };
                i += c.len_utf8();
                if c.is_whitespace() {
                    SPACE
                } else if is_alphanumeric(c) {
                    ALNUM
                } else {
                    0
                }
            }
        };
        if class == SPACE {
            counted = false;
        } else if !counted && class == ALNUM {
            counted = true;
            words += 1;
        }
    }
    words
}

/// True when the text ends like a finished sentence (`.`, `!`, `?`, `…`, or a closing quote after one).
pub fn ends_sentence(s: &str) -> bool {
    let t =
        s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '»' | '"' | '”' | '›' | ')'));
    t.ends_with(['.', '!', '?', '…'])
}

/// True when `word` looks like part of a proper name: starts with an upper-case letter
/// (`Diop`, `Biélooussov`, `K.`, `LAVROV`, `Jean-Marie`).
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Cuts `s` to at most `width` display columns, ending with `…` when cut, never mid-character
/// (wide CJK characters count two columns, combining marks none).
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_accents_case_and_curly_apostrophes() {
        assert_eq!(fold("L’État Sécurité"), "l'etat securite");
        assert_eq!(fold("Sergueï"), "serguei");
    }

    #[test]
    fn the_eight_byte_capital_scan_stops_where_the_byte_by_byte_one_does() {
        assert_scan_agrees(find_ascii_capital, |b| b.is_ascii_uppercase());
    }

    #[test]
    fn folding_keeps_one_char_per_char() {
        let s = "« Œuvre à l’Été » İstanbul ß";
        assert_eq!(fold(s).chars().count(), s.chars().count());
    }

    #[test]
    fn folding_on_the_stack_matches_folding() {
        let (lower, upper) = ("a".repeat(64), "A".repeat(65));
        for s in [
            "L’État",
            "",
            "Œuvre",
            &"é".repeat(40),
            "İstanbul ß",
            "Diop",
            "AES",
            &lower,
            &upper,
        ] {
            assert_eq!(with_fold(s, str::to_owned), fold(s));
        }
    }

    #[test]
    fn byte_search_finds_the_first_byte_of_the_set() {
        let text = "Il a dit « oui » puis, enfin, « non ». Fin";
        let bytes = text.as_bytes();
        for set in [[b','; 1], [b'.'; 1], [b'z'; 1]] {
            for from in 0..=bytes.len() {
                let want = bytes[from..]
                    .iter()
                    .position(|b| set.contains(b))
                    .map_or(bytes.len(), |p| from + p);
                assert_eq!(find_byte(bytes, from, set), want);
            }
        }
        for from in 0..=bytes.len() {
            let want = bytes[from..]
                .iter()
                .position(|b| [0xC2, b'.', b'"'].contains(b))
                .map_or(bytes.len(), |p| from + p);
            assert_eq!(find_byte(bytes, from, [0xC2, b'.', b'"']), want);
        }
        assert_eq!(find_byte(&[1, 0, 1, 0, 1, 1, 1, 1, 0], 0, [0]), 1);
    }

    #[test]
    fn a_byte_set_pairs_bytes_one_bit_apart_and_finds_every_byte_of_it() {
        let set = ByteSet::new([b'"', 0xC2, 0xE2, b'<', b'>']);
        assert_eq!(set.tests, 3);
        assert_eq!(ByteSet::new([b'.', b'!', b'?', 0xC2, 0xE2]).tests, 4);
        crate::corpus::text::assert_scan_agrees(
            |b, from| find_in_set(b, from, &set),
            |b| set.contains(b),
        );
        let odd = ByteSet::new([0x00, 0x01, 0x03, 0x80]);
        crate::corpus::text::assert_scan_agrees(
            |b, from| find_in_set(b, from, &odd),
            |b| [0x00, 0x01, 0x03, 0x80].contains(&b),
        );
    }

    #[test]
    fn words_key_ignores_marks_and_apostrophes() {
        assert_eq!(
            words_key("L’AES a « la même définition de l’ennemi » que la Russie"),
            words_key("L'AES a \"la même définition de l'ennemi\" que la Russie")
        );
    }

    const AWKWARD: [&str; 9] = [
        "",
        "  ",
        "« Œuvre à l’Été » İstanbul ß",
        "L’AES a « la même définition de l’ennemi » que la Russie…",
        "--- 1. Aller au contenu ---",
        "a",
        "x\u{A0}\u{202F}y\tz\u{301}\u{2028}é",
        "ÉCOLE,,,école;;École 日本語 🙂 ١٢٣ Ⅻ",
        "’",
    ];

    #[test]
    fn words_are_the_whitespace_separated_pieces_with_a_letter_or_digit() {
        let by_definition = |s: &str| {
            s.split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
        };
        // Every char up to U+3000, each alone and between letters.
        let every: String = (0..0x3000u32)
            .filter_map(char::from_u32)
            .flat_map(|c| [c, 'a', c, ' '])
            .collect();
        let lines = [
            "",
            "   ",
            "un deux",
            " -- « un » , deux\u{A0}trois\u{202F}quatre\u{2028}cinq\u{B}six ",
            "l’AES 2025 … ١٢٣ 日本語 🙂 — ?",
            &every,
        ];
        for line in lines {
            assert_eq!(word_count(line), by_definition(line), "{line:?}");
            for cap in 0..8 {
                assert_eq!(
                    word_count_up_to(line, cap),
                    by_definition(line).min(cap),
                    "{line:?} {cap}"
                );
            }
        }
    }

    #[test]
    fn a_latin_table_answers_its_range_and_nothing_else() {
        let table = latin_table(fold_uncached);
        for c in (0..0x3000).filter_map(char::from_u32) {
            let inside = ('\u{80}'..'\u{180}').contains(&c);
            assert_eq!(latin(&table, c), inside.then(|| fold_uncached(c)), "{c:?}");
            if !c.is_ascii() {
                assert_eq!(fold_char(c), fold_uncached(c), "{c:?}");
            }
        }
    }

    #[test]
    fn alphanumeric_and_alphabetic_tests_agree_with_unicode() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn folding_a_string_folds_each_char() {
        let by_char = |s: &str| s.chars().map(fold_char).collect::<String>();
        let mut buf = String::from("left over");
        let every: String = (0..0x3000).filter_map(char::from_u32).collect();
        for s in AWKWARD.iter().copied().chain([every.as_str()]) {
            fold_into(s, &mut buf);
            assert_eq!(buf, by_char(s), "{s:?}");
            assert_eq!(fold(s), by_char(s), "{s:?}");
        }
    }

    #[test]
    fn the_words_key_is_the_folded_words_joined_by_single_spaces() {
        let by_definition = |s: &str| {
            fold(s)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let every: String = (0..0x3000).filter_map(char::from_u32).collect();
        for s in AWKWARD.iter().copied().chain([every.as_str()]) {
            assert_eq!(words_key(s), by_definition(s), "{s:?}");
            assert_eq!(
                words_key(s),
                words_key_chars(s).collect::<String>(),
                "{s:?}"
            );
        }
        assert!(words_key_chars("L’État, « déjà »").eq(words_key_chars("l'etat deja")));
        assert!(!words_key_chars("l'etat deja").eq(words_key_chars("l etat dej")));
    }

    #[test]
    fn truncation_counts_display_width_and_marks_the_cut() {
        assert_eq!(truncate("Sécurité au Sahel", 8), "Sécurit…");
        assert_eq!(truncate("« Oui »", 7), "« Oui »");
        assert_eq!(truncate("日本語のテキスト", 5), "日本…");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn sentence_ends_see_through_closing_quotes() {
        assert!(ends_sentence("Il a dit « oui. »"));
        assert!(!ends_sentence("Une coopération militaire prioritaire"));
    }
}
