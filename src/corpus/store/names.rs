//! File names as the user sees them, and article ids: which names are articles, a reversible escape
//! of the raw name (so two files never show the same name, whatever bytes their names hold) and the
//! id rule (the name without its extension, unless another file would then share the id or name).

// foldhash, not SipHash: ids are given to every file of every listing (100,000 names at start).
use foldhash::{HashMap, HashMapExt, HashSet};
use std::fmt::Write as _;

use unicode_normalization::UnicodeNormalization;

use crate::corpus::sanitize::is_safe_char;

/// File extensions read as articles (case-insensitive).
const ARTICLE_EXTENSIONS: [&str; 2] = ["txt", "md"];

/// True for a name with an article extension (`.txt`, `.md`, any case).
pub(crate) fn is_article_file(rel: &str) -> bool {
    rel.rsplit_once('.').is_some_and(|(_, ext)| {
        ARTICLE_EXTENSIONS
            .iter()
            .any(|e| ext.eq_ignore_ascii_case(e))
    })
}

/// Consecutive combining marks shown as they are; the rest are escaped (as the text sanitizer caps
/// them), so a name cannot pile marks into the lines around it.
const MAX_COMBINING: usize = 4;

/// The name shown for a path relative to the corpus folder (given as its raw bytes, `/` between
/// folders): the name itself when it is printable, else with `\\` for a backslash, `\n` `\t` `\r`,
/// `\xHH` for other ASCII controls and for bytes that are not UTF-8, and `\u{HHHH}` for other
/// controls, bidi and invisible characters and excess combining marks. Reversible
/// ([`unescape_name`]), so two files never share a shown name, and it holds nothing a terminal acts on.
pub fn escape_name(raw: &[u8]) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut marks = 0usize;
    for chunk in raw.utf8_chunks() {
        for c in chunk.valid().chars() {
            let combining = unicode_normalization::char::is_combining_mark(c);
            marks = if combining { marks + 1 } else { 0 };
            match c {
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c if c.is_ascii_control() => {
                    let _ = write!(out, "\\x{:02x}", u32::from(c));
                }
                c if !is_safe_char(c)
                    || matches!(c, '\u{2028}' | '\u{2029}')
                    || (combining && marks > MAX_COMBINING) =>
                {
                    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
                }
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            marks = 0;
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    out
}

/// The raw bytes of a name [`escape_name`] made; `None` when `shown` is not such a name.
pub fn unescape_name(shown: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(shown.len());
    let mut rest = shown;
    while let Some(at) = rest.find('\\') {
        out.extend_from_slice(&rest.as_bytes()[..at]);
        let esc = &rest[at + 1..];
        let (bytes, used): (Vec<u8>, usize) = match esc.as_bytes().first()? {
            b'\\' => (vec![b'\\'], 1),
            b'n' => (vec![b'\n'], 1),
            b't' => (vec![b'\t'], 1),
            b'r' => (vec![b'\r'], 1),
            b'x' => (vec![u8::from_str_radix(esc.get(1..3)?, 16).ok()?], 3),
            b'u' => {
                let hex = esc.strip_prefix("u{")?;
                let end = hex.find('}')?;
                let c = char::from_u32(u32::from_str_radix(&hex[..end], 16).ok()?)?;
                (c.to_string().into_bytes(), end + 3)
            }
            _ => return None,
        };
        out.extend_from_slice(&bytes);
        rest = esc.get(used..)?;
    }
    out.extend_from_slice(rest.as_bytes());
    Some(out)
}

/// The ids of files with these shown names (all different), in the same order. A file's id is its
/// name without the article extension (`.txt`, `.md`), in NFC (an id typed on a keyboard matches a
/// name written decomposed), as it has always been, unless another file would get the same id
/// (`a.txt` and `a.md`) or the id is another file's name (`a.txt` and `a.txt.md`): then the id is
/// the whole name. Only the set of names counts, not the order in which they are listed.
pub fn assign_ids<'a>(names: &[&'a str]) -> Vec<std::borrow::Cow<'a, str>> {
    use std::borrow::Cow;
    let stems: Vec<Cow<'a, str>> = names.iter().map(|n| stem(n)).collect();
    let taken: HashSet<&str> = names.iter().copied().collect();
    let mut count: HashMap<&str, usize> = HashMap::with_capacity(stems.len());
    for s in &stems {
        *count.entry(s.as_ref()).or_default() += 1;
    }
    let keep: Vec<bool> = stems
        .iter()
        .map(|s| count.get(s.as_ref()) == Some(&1) && !taken.contains(s.as_ref()))
        .collect();
    stems
        .into_iter()
        .zip(keep)
        .zip(names)
        .map(|((s, keep), name)| if keep { s } else { Cow::Borrowed(*name) })
        .collect()
}

/// True when [`assign_ids`] may give the file `name` the id `id`: its stem, or its whole name.
pub(super) fn may_be_id_of(id: &str, name: &str) -> bool {
    id == name || stem(name) == id
}

/// The name without its article extension, in NFC.
fn stem(name: &str) -> std::borrow::Cow<'_, str> {
    let base = match name.rsplit_once('.') {
        Some((stem, ext))
            if !ext.contains('/')
                && ARTICLE_EXTENSIONS
                    .iter()
                    .any(|e| ext.eq_ignore_ascii_case(e)) =>
        {
            stem
        }
        _ => name,
    };
    if unicode_normalization::is_nfc(base) {
        std::borrow::Cow::Borrowed(base)
    } else {
        std::borrow::Cow::Owned(base.nfc().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ordinary_names_are_shown_and_identified_as_before() {
        for name in [
            "000_aa1d56584d383c90.txt",
            "mali/2025-05-01-interview.md",
            "Été à Gao.txt",
        ] {
            assert_eq!(escape_name(name.as_bytes()), name);
        }
        let ids = assign_ids(&["000_a.txt", "mali/b.md", "c.TXT"]);
        assert_eq!(ids, ["000_a", "mali/b", "c"]);
    }

    #[test]
    fn names_that_only_differ_by_their_extension_keep_it_in_their_id() {
        let ids = assign_ids(&["dup.md", "dup.txt", "dup.txt.md", "seul.txt"]);
        assert_eq!(ids, ["dup.md", "dup.txt", "dup.txt.md", "seul"]);
    }

    #[test]
    fn a_decomposed_name_keeps_its_composed_id_unless_a_composed_twin_exists() {
        let nfd = "cafe\u{301}.txt";
        assert_eq!(assign_ids(&[nfd]), ["caf\u{e9}"]);
        assert_eq!(assign_ids(&[nfd, "caf\u{e9}.txt"]), [nfd, "caf\u{e9}.txt"]);
    }

    #[test]
    fn bytes_that_are_not_utf8_and_controls_are_escaped_reversibly() {
        assert_eq!(escape_name(b"inv\xff.txt"), "inv\\xff.txt");
        assert_eq!(escape_name(b"inv\xfe.txt"), "inv\\xfe.txt");
        assert_eq!(escape_name(b"a\\xff.txt"), "a\\\\xff.txt");
        assert_eq!(
            escape_name("\u{1b}[31mrouge\n\u{202e}.txt".as_bytes()),
            "\\x1b[31mrouge\\n\\u{202e}.txt"
        );
        for raw in [&b"inv\xff.txt"[..], b"a\\xff.txt", b"\x1b]0;x\x07\t.md"] {
            assert_eq!(unescape_name(&escape_name(raw)).as_deref(), Some(raw));
        }
        assert_eq!(unescape_name("fin\\"), None);
        assert_eq!(unescape_name("\\q"), None);
    }

    /// Names rich in what breaks naive ids: shared stems, double extensions, bytes that are not
    /// UTF-8, controls, backslashes, decomposed accents, escapes written out literally.
    fn raw_name() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            Just(b"dup".to_vec()),
            Just(b".txt".to_vec()),
            Just(b".md".to_vec()),
            Just(b"\\".to_vec()),
            Just(b"\\xff".to_vec()),
            Just(b"\\u{301}".to_vec()),
            Just(vec![0xff]),
            Just(vec![0xfe]),
            Just(vec![0xc3]),
            Just(b"\x1b[31m".to_vec()),
            Just(b"\n".to_vec()),
            Just("e\u{301}".as_bytes().to_vec()),
            Just("\u{e9}".as_bytes().to_vec()),
            Just("\u{202e}".as_bytes().to_vec()),
            Just("\u{301}".repeat(6).into_bytes()),
            any::<u8>().prop_map(|b| vec![b]),
        ];
        (
            prop::collection::vec(piece, 1..5),
            prop_oneof![Just(".txt"), Just(".md"), Just(".TXT")],
        )
            .prop_map(|(pieces, ext)| {
                let mut n = pieces.concat();
                n.retain(|b| *b != b'/' && *b != 0);
                n.extend_from_slice(ext.as_bytes());
                n
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn ids_are_unique_and_each_leads_back_to_its_file(
            raw in prop::collection::btree_set(raw_name(), 1..12),
        ) {
            let names: Vec<String> = raw.iter().map(|r| escape_name(r)).collect();
            for (r, n) in raw.iter().zip(&names) {
                prop_assert_eq!(unescape_name(n), Some(r.clone()));
                prop_assert!(n.chars().all(|c| is_safe_char(c) && c != '\n' && c != '\t'), "{:?}", n);
            }
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            let ids = assign_ids(&refs);
            let unique: HashSet<&str> = ids.iter().map(|i| i.as_ref()).collect();
            prop_assert_eq!(unique.len(), ids.len(), "{:?} -> {:?}", names, ids);
            // An id is never another file's name, so looking an id up by name is never ambiguous.
            for (i, id) in ids.iter().enumerate() {
                prop_assert!(refs.iter().enumerate().all(|(j, n)| j == i || *n != id.as_ref()));
            }
            // The order the folder lists names in does not change anyone's id.
            let mut reversed = refs.clone();
            reversed.reverse();
            let mut again = assign_ids(&reversed);
            again.reverse();
            prop_assert_eq!(again, ids);
        }
    }
}
