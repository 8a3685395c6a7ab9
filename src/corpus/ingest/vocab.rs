//! The boilerplate vocabulary (`boilerplate.toml`, compiled in) and the line tests built on it.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::fields::collapse;
use super::line::Line;
use crate::corpus::text::fold;

#[derive(Debug, Deserialize)]
struct Raw {
    navigation: Vec<String>,
    social: Vec<String>,
    related: Vec<String>,
    footer: Vec<String>,
    credit: Vec<String>,
    author_roles: Vec<String>,
    byline: Vec<String>,
    outlet_patterns: Vec<String>,
    not_speakers: Vec<String>,
}

/// Site-furniture vocabulary, folded and ready to match.
#[derive(Debug)]
pub struct Vocab {
    navigation: Vec<String>,
    social: Vec<String>,
    related: Vec<String>,
    footer: Vec<String>,
    /// Any of the (folded) credit markers: the leftmost match is where the first one starts.
    credit: Regex,
    author_roles: Vec<String>,
    byline: Vec<String>,
    outlet_patterns: Vec<Regex>,
    not_speakers: Vec<String>,
}

/// The vocabulary compiled into the binary.
pub static VOCAB: LazyLock<Vocab> = LazyLock::new(|| {
    // Invariant: the file is compiled in and parsed by the `vocabulary_parses` test.
    let raw: Raw =
        toml::from_str(include_str!("../boilerplate.toml")).expect("boilerplate.toml is valid");
    let f = |v: Vec<String>| v.iter().map(|s| fold(s)).collect();
    Vocab {
        navigation: f(raw.navigation),
        social: f(raw.social),
        related: f(raw.related),
        footer: f(raw.footer),
        credit: any_of(&f(raw.credit)),
        author_roles: f(raw.author_roles),
        byline: f(raw.byline),
        outlet_patterns: raw
            .outlet_patterns
            .iter()
            .map(|p| {
                Regex::new(&format!("(?i){p}"))
                    .expect("outlet pattern in boilerplate.toml compiles")
            })
            .collect(),
        not_speakers: f(raw.not_speakers),
    }
});

/// A regex matching any of `phrases` literally (none when there are none).
fn any_of(phrases: &[String]) -> Regex {
    let alternatives: Vec<String> = phrases.iter().map(|p| regex::escape(p)).collect();
    let pattern = if alternatives.is_empty() {
        r"[^\s\S]".to_owned()
    } else {
        alternatives.join("|")
    };
    Regex::new(&pattern).expect("escaped phrases compile")
}

/// A line folded for vocabulary matching: folded, list markers (`1.`, `•`, `-`, `*`) and trailing
/// punctuation removed, spaces collapsed.
pub fn line_key(line: &str) -> String {
    folded_key(&fold(line))
}

/// [`line_key`] of a line already folded.
fn folded_key(folded: &str) -> String {
    let t = folded.trim();
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit());
    let t = t.strip_prefix(['.', ')']).unwrap_or(t);
    let t = t.trim_start_matches(['•', '-', '*', '·', '–', '>', '|', ' ']);
    let t = t.trim_end_matches(['.', '!', '?', ':', ' ', '|', '>']);
    collapse(t).into_owned()
}

fn starts_with_phrase(key: &str, phrase: &str) -> bool {
    key.strip_prefix(phrase)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\'', ':', ',', '!', '?']))
}

impl Vocab {
    /// Navigation, social-link or related-article line.
    pub(super) fn is_navigation(&self, line: &Line<'_>) -> bool {
        // Every rule wants at most 20 words in the key, which has at most one word fewer than the
        // line (a leading number): a long line is prose, turned down before its key is built.
        if line.words > 21 {
            return false;
        }
        let key = folded_key(line.folded);
        if key.is_empty() {
            return false;
        }
        let short = key.split(' ').count() <= 6;
        self.social.contains(&key)
            || self
                .navigation
                .iter()
                .any(|n| *n == key || (short && starts_with_phrase(&key, n)))
            || (key.split(' ').count() <= 20
                && self.related.iter().any(|r| starts_with_phrase(&key, r)))
    }

    /// A line that opens the site footer.
    pub(super) fn is_footer(&self, line: &Line<'_>) -> bool {
        if line.words > 13 {
            return false;
        }
        let key = folded_key(line.folded);
        key.split(' ').count() <= 12 && self.footer.iter().any(|f| starts_with_phrase(&key, f))
    }

    /// Byte position (in `line.text`) where a photo credit starts, if the line carries one.
    pub(super) fn credit_start(&self, line: &Line<'_>) -> Option<usize> {
        self.credit
            .find(line.folded)
            .map(|m| m.start())
            // `fold` maps char to char, so the char index carries over to the original line.
            .map(|folded_byte| {
                let nth = line.folded[..folded_byte].chars().count();
                line.text
                    .char_indices()
                    .nth(nth)
                    .map_or(line.text.len(), |(b, _)| b)
            })
    }

    /// The text after a journalist's name starts with a job title (`Journaliste au …`).
    pub fn starts_with_author_role(&self, rest: &str) -> bool {
        let key = fold(rest);
        self.author_roles
            .iter()
            .any(|r| starts_with_phrase(key.trim(), r))
    }

    /// Strips a byline opener (`Par `), returning the rest.
    pub fn strip_byline<'a>(&self, line: &'a str) -> Option<&'a str> {
        let key = fold(line);
        self.byline.iter().find_map(|b| {
            starts_with_phrase(&key, b).then(|| {
                let n = b.chars().count();
                let start = line.char_indices().nth(n).map_or(line.len(), |(i, _)| i);
                line[start..].trim_start_matches([' ', ':'])
            })
        })
    }

    /// The outlet named by the first pattern that matches one of `lines`.
    pub fn outlet(&self, lines: &[&str]) -> Option<String> {
        // A line repeated (a menu on every page, a million times in a hostile file) is tried once:
        // its first place is where it would match first.
        let mut seen = std::collections::HashSet::new();
        let lines: Vec<&str> = lines.iter().copied().filter(|l| seen.insert(*l)).collect();
        self.outlet_patterns.iter().find_map(|re| {
            lines.iter().find_map(|l| {
                let caps = crate::corpus::text::captures(re, l.trim())?;
                let name = caps.name("outlet")?.as_str().trim();
                (!name.is_empty()).then(|| name.to_owned())
            })
        })
    }

    /// Labels that introduce a note rather than a speaker (`Source :`, `Photo :`).
    pub fn is_not_speaker(&self, label: &str) -> bool {
        let key = line_key(label);
        self.not_speakers.contains(&key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_parses() {
        assert!(!VOCAB.navigation.is_empty());
        assert_eq!(VOCAB.outlet_patterns.len(), 3);
    }

    fn read<T>(text: &str, rule: impl Fn(&Line<'_>) -> T) -> T {
        rule(&Line {
            text,
            folded: &fold(text),
            words: crate::corpus::text::word_count_up_to(
                text,
                crate::corpus::ingest::line::WORD_CAP,
            ),
        })
    }

    fn navigation(line: &str) -> bool {
        read(line, |l| VOCAB.is_navigation(l))
    }

    fn credit_start(line: &str) -> Option<usize> {
        read(line, |l| VOCAB.credit_start(l))
    }

    #[test]
    fn numbered_and_bulleted_menu_items_are_navigation() {
        assert!(navigation("1. Aller au contenu"));
        assert!(navigation("  • Facebook"));
        assert!(navigation("3. Voir les autres sites DW"));
        assert!(!navigation(
            "La Russie renforce ses relations avec les pays de l'AES"
        ));
    }

    #[test]
    fn credit_position_is_a_char_boundary_of_the_original() {
        let line = "Les trois dirigeants du SahelImage : Mahamadou Hamidou/REUTERS";
        let at = credit_start(line).unwrap();
        assert_eq!(&line[at..], "Image : Mahamadou Hamidou/REUTERS");
    }

    #[test]
    fn the_first_credit_marker_of_a_line_wins() {
        let line = "Photo : un marché © AFP, crédit photo : X";
        assert_eq!(credit_start(line), Some(0));
        let line = "Le marché (c) AFP © Reuters";
        assert_eq!(&line[credit_start(line).unwrap()..], "(c) AFP © Reuters");
        assert_eq!(credit_start("Le marché de Bamako"), None);
    }

    #[test]
    fn outlet_comes_from_a_welcome_line() {
        assert_eq!(
            VOCAB
                .outlet(&["Bienvenue sur Actualités Express !"])
                .as_deref(),
            Some("Actualités Express")
        );
        assert_eq!(
            VOCAB.outlet(&["3. Voir les autres sites DW"]).as_deref(),
            Some("DW")
        );
    }
}
