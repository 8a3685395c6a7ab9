//! People's names in the raw text: a byline's name, the journalist's box or signature after the
//! article, and the words a name is made of (also read by interview turn labels).

use super::line::Class;
use super::vocab::VOCAB;
use crate::corpus::text::{ends_sentence, is_capitalized, words_key};

pub(super) const NAME_PARTICLES: [&str; 14] = [
    "de", "du", "des", "d'", "d’", "ben", "bin", "ould", "ag", "el", "al", "van", "von", "le",
];

/// A person's name at the start of `s`: two to four capitalized words (initials allowed, particles
/// such as `de` or `ould` inside). Returns the name only when nothing but punctuation follows.
pub(super) fn leading_name(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches(['.', ',']);
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=5).contains(&words.len()).then_some(())?;
    is_name_run(&words).then(|| words.join(" "))
}

fn is_name_run(words: &[&str]) -> bool {
    let capitalized = words.iter().filter(|w| is_name_word(w)).count();
    capitalized >= 2
        && words.first().is_some_and(|w| is_name_word(w))
        && words.last().is_some_and(|w| is_name_word(w))
        && words
            .iter()
            .all(|w| is_name_word(w) || NAME_PARTICLES.contains(&w.to_lowercase().as_str()))
}

pub(super) fn is_name_word(w: &str) -> bool {
    is_capitalized(w)
        && w.chars().count() <= 25
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
}

/// How many text lines after the article's last sentence may hold the journalist's box.
const AUTHOR_BOX_WINDOW: usize = 40;

/// The journalist's box or signature after the last sentence of the article: `K. Mamadou`, or
/// `Eric Topona Journaliste au …` with the lines that repeat the name (portrait credits).
pub(super) fn trailing_author(
    lines: &[&str],
    words: &[usize],
    class: &mut [Class],
) -> Option<String> {
    let last_prose = (0..lines.len())
        .rev()
        .find(|&i| class[i] == Class::Text && ends_sentence(lines[i]) && words[i] > 7)?;
    let tail: Vec<usize> = (last_prose + 1..lines.len())
        .filter(|&i| class[i] == Class::Text)
        .collect();
    let mut author = None;
    // The box stands right after the article: a long tail (a link list, a hostile file's million
    // lines) is not searched through.
    for &i in tail.iter().take(AUTHOR_BOX_WINDOW) {
        // A name of at most four words, then the role: the words after those do not matter.
        let words: Vec<&str> = lines[i].split_whitespace().take(8).collect();
        for k in (2..=4).rev() {
            if words.len() > k
                && is_name_run(&words[..k])
                && VOCAB.starts_with_author_role(&words[k..].join(" "))
            {
                author = Some(words[..k].join(" "));
                class[i] = Class::Gone;
                break;
            }
        }
        if author.is_some() {
            break;
        }
    }
    if author.is_none() {
        if let Some(&last) = tail.last() {
            if lines[last].chars().count() <= 40 {
                if let Some(name) = leading_name(lines[last]) {
                    author = Some(name);
                    class[last] = Class::Gone;
                }
            }
        }
    }
    if let Some(name) = &author {
        let key = words_key(name);
        for &i in &tail {
            if class[i] == Class::Text && words[i] <= 12 && words_key(lines[i]).contains(&key) {
                class[i] = Class::Gone;
            }
        }
    }
    author
}
