//! Words as the people finder reads them: letters and combining marks, joined by inner hyphens and
//! apostrophes (`Jean-Marie`, `d’Ivoire`), with a final period kept (`M.`, `K.`). Each word can be
//! found from any position, so a scan jumps from one capitalized word to the next instead of
//! cutting the whole article into words (names are a few dozen words of thousands).

use std::ops::Range;

use crate::corpus::text::{find_flagged, is_alphabetic, latin, latin_table, low7_at_least};

/// A letter or a combining mark: what words are made of.
pub fn is_letter(c: char) -> bool {
    latin(&LATIN_LETTERS, c).unwrap_or_else(|| is_letter_uncached(c))
}

fn is_letter_uncached(c: char) -> bool {
    is_alphabetic(c) || unicode_normalization::char::is_combining_mark(c)
}

/// [`is_letter`] for U+0080..U+017F (every French letter): most characters are ASCII or in it,
/// and the Unicode tables cost a search each.
static LATIN_LETTERS: std::sync::LazyLock<Vec<bool>> =
    std::sync::LazyLock::new(|| latin_table(is_letter_uncached));

/// Byte length of the letter at `i`, if a letter starts there (`i` on a char boundary).
fn letter_at(text: &str, i: usize) -> Option<usize> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return b.is_ascii_alphabetic().then_some(1);
    }
    let c = text.get(i..)?.chars().next()?;
    is_letter(c).then(|| c.len_utf8())
}

/// Byte length of the joiner at `i` (`-`, `'`, `’`), if one is there.
fn joiner_at(text: &str, i: usize) -> Option<usize> {
    match text.as_bytes().get(i)? {
        b'-' | b'\'' => Some(1),
        _ if text.get(i..)?.starts_with('’') => Some('’'.len_utf8()),
        _ => None,
    }
}

/// Where the word that starts at `start` (a letter) ends.
pub fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start + letter_at(text, start).unwrap_or(0);
    loop {
        // Past a run of ASCII letters, the common case, without the general test.
        i += bytes.get(i..).map_or(0, |rest| {
            rest.iter().take_while(|b| b.is_ascii_alphabetic()).count()
        });
        if let Some(len) = letter_at(text, i) {
            i += len;
            continue;
        }
        match joiner_at(text, i) {
            Some(j) if letter_at(text, i + j).is_some() => i += j,
            _ => break,
        }
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
    }
    i
}

/// The first word at or after `from` (a char boundary outside any word, such as a word's end).
pub fn next_word(text: &str, from: usize) -> Option<Range<usize>> {
    let mut i = from;
    loop {
        let c = text.get(i..)?.chars().next()?;
        if is_letter(c) {
            return Some(i..word_end(text, i));
        }
        i += c.len_utf8();
    }
}

/// Whether the letter at `i` starts a word: it follows no letter, nor a joiner after a letter.
fn starts_word(text: &str, i: usize) -> bool {
    let mut back = text[..i].chars().rev();
    match back.next() {
        None => true,
        Some(c) if is_letter(c) => false,
        Some('-' | '\'' | '’') => !back.next().is_some_and(is_letter),
        Some(_) => true,
    }
}

/// The first word at or after `from` (a char boundary) that starts with a capital letter.
pub fn next_capitalized(text: &str, from: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut i = from;
    loop {
        i = find_capital_lead(bytes, i);
        let b = *bytes.get(i)?;
        if b.is_ascii_uppercase() {
            if starts_word(text, i) {
                return Some(i..word_end(text, i));
            }
            i += 1;
        } else if let Some(len) = lead_of_no_capital(&bytes[i..]) {
            // `é`, `à`, `’`, `«`: most of the non-ASCII chars of French text, passed undecoded.
            i += len;
        } else {
            let c = text.get(i..)?.chars().next()?;
            if c.is_uppercase() && is_letter(c) && starts_word(text, i) {
                return Some(i..word_end(text, i));
            }
            i += c.len_utf8();
        }
    }
}

/// The length of the char `bytes` open with when its first two bytes alone say it is no capital:
/// U+00DF..U+00FF (`ß`, `à` … `ÿ`, lead byte 0xC3, second byte from 0x9F) and U+2000..U+203F
/// (spaces, dashes, `’`, `“`, `…`; 0xE2 0x80).
fn lead_of_no_capital(bytes: &[u8]) -> Option<usize> {
    match bytes {
        [0xC3, 0x9F..=0xBF, ..] => Some(2),
        [0xE2, 0x80, 0x80..=0xBF, ..] => Some(3),
        _ => None,
    }
}

/// The first offset at or after `from` of a byte that may start a capital letter: an ASCII
/// capital, or a lead byte from 0xC3 up (U+00C0 and above; U+0080..U+00BF holds no capital).
/// Eight bytes at a time: capitals are a few in a hundred bytes.
fn find_capital_lead(bytes: &[u8], from: usize) -> usize {
    find_flagged(
        bytes,
        from,
        |word| {
            let ascii_capital = !word & low7_at_least(word, b'A') & !low7_at_least(word, b'Z' + 1);
            ascii_capital | (word & low7_at_least(word, 0x43))
        },
        |b| b.is_ascii_uppercase() || b >= 0xC3,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word of `text`, cut from the start: the reference the jumps must agree with.
    fn all_words(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(w) = next_word(text, at) {
            at = w.end;
            out.push(w);
        }
        out
    }

    fn words(text: &str) -> Vec<&str> {
        all_words(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn words_keep_inner_hyphens_apostrophes_and_a_final_period() {
        assert_eq!(
            words("Selon M. Jean-Marie d’Ivoire, l'État -- a-t-il dit."),
            [
                "Selon",
                "M.",
                "Jean-Marie",
                "d’Ivoire",
                "l'État",
                "a-t-il",
                "dit."
            ]
        );
        assert_eq!(words("M.Diop, x-'y «Été»"), ["M.", "Diop", "x", "y", "Été"]);
    }

    #[test]
    fn capitalized_words_are_found_only_where_a_word_starts() {
        let text = "TotalEnergies et d’Ivoire. Le Président Émile a-Bé, «Ça» x.-Y";
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(w) = next_capitalized(text, at) {
            at = w.end;
            found.push(&text[w]);
        }
        // The same as cutting every word and keeping those that open with a capital.
        let expected: Vec<&str> = words(text)
            .into_iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .collect();
        assert_eq!(found, expected);
        assert_eq!(
            found,
            ["TotalEnergies", "Le", "Président", "Émile", "Ça", "Y"]
        );
    }

    #[test]
    fn chars_passed_undecoded_are_no_capitals() {
        for c in ('\u{80}'..='\u{10FFFF}').filter(|c| !c.is_uppercase()) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            if let Some(len) = lead_of_no_capital(bytes) {
                assert_eq!(len, c.len_utf8(), "{c:?}");
            }
        }
        for c in ('\u{80}'..='\u{10FFFF}').filter(|c| c.is_uppercase()) {
            let mut buf = [0u8; 4];
            assert_eq!(
                lead_of_no_capital(c.encode_utf8(&mut buf).as_bytes()),
                None,
                "{c:?}"
            );
        }
        assert_eq!(lead_of_no_capital("é".as_bytes()), Some(2));
        assert_eq!(lead_of_no_capital("’".as_bytes()), Some(3));
        assert_eq!(lead_of_no_capital("É".as_bytes()), None);
    }

    #[test]
    fn the_eight_byte_scan_stops_where_the_byte_by_byte_one_does() {
        let all: Vec<u8> = (0u8..=255).collect();
        for from in 0..all.len() {
            let slow = (from..all.len())
                .find(|&i| all[i].is_ascii_uppercase() || all[i] >= 0xC3)
                .unwrap_or(all.len());
            // Each capital alone among other bytes, at every offset of an eight-byte word.
            assert_eq!(find_capital_lead(&all, from), slow, "from {from}");
        }
        crate::corpus::text::assert_scan_agrees(find_capital_lead, |b| {
            b.is_ascii_uppercase() || b >= 0xC3
        });
    }
}
