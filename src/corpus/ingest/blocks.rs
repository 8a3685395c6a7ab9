//! From classified lines to the article's blocks: captions, paragraphs (joined across hard wraps),
//! headings and interview turns.

use std::sync::LazyLock;

use regex::Regex;

use super::line::{Class, more_words_than};
use super::names::{NAME_PARTICLES, is_name_word};
use super::vocab::VOCAB;
use crate::corpus::article::BlockKind;
use crate::corpus::text::{ends_sentence, word_count, words_key, words_key_chars};

/// `Name: answer` or `Name : answer` (an interview turn).
static TURN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<label>[^:\s][^:]{0,40}?)\s?:\s+(?P<text>\S.*)$").expect("turn regex compiles")
});

/// Captions: lines repeated back to back (scrapers print alt text and caption), lines with a photo
/// credit, and unpunctuated lines standing right against such a caption (or against such lines).
pub(super) fn mark_captions(lines: &[&str], words: &[usize], class: &mut [Class]) {
    let mut prev: Option<usize> = None;
    for i in 0..lines.len() {
        if class[i] == Class::Blank {
            continue;
        }
        if let Some(p) = prev {
            if matches!(class[i], Class::Text | Class::Caption)
                && matches!(class[p], Class::Text | Class::Caption)
                && words_key_chars(lines[i]).eq(words_key_chars(lines[p]))
            {
                // A doubled short line is alt text printed again as a caption; a doubled
                // paragraph is a scraping stutter and stays a paragraph.
                if !ends_sentence(lines[p]) || words[p] <= 25 {
                    class[p] = Class::Caption;
                }
                class[i] = Class::Gone;
                continue;
            }
        }
        if class[i] != Class::Gone {
            prev = Some(i);
        }
    }
    // Lines stand against each other across removed lines, not across blank ones. A caption
    // spreads through a whole run of unpunctuated short lines, so runs are marked at once: spreading
    // line by line took one pass per line, quadratic in a long run ending on a caption.
    let visible: Vec<usize> = (0..lines.len())
        .filter(|&j| class[j] != Class::Gone || lines[j].is_empty())
        .collect();
    let spreads: Vec<bool> = visible
        .iter()
        .map(|&i| class[i] == Class::Text && !ends_sentence(lines[i]) && words[i] <= 40)
        .collect();
    let mut k = 0;
    while k < visible.len() {
        if !spreads[k] {
            k += 1;
            continue;
        }
        let start = k;
        while k < visible.len() && spreads[k] {
            k += 1;
        }
        let is_caption = |v: Option<&usize>| v.is_some_and(|&j| class[j] == Class::Caption);
        let before = start.checked_sub(1).and_then(|s| visible.get(s));
        if is_caption(before) || is_caption(visible.get(k)) {
            for &i in &visible[start..k] {
                class[i] = Class::Caption;
            }
        }
    }
}

/// True when the file looks hard-wrapped: most lines of multi-line groups are of similar, moderate
/// length, so consecutive lines are one paragraph.
fn hard_wrapped(lines: &[&str], class: &[Class]) -> bool {
    let text: Vec<usize> = (0..lines.len())
        .filter(|&i| class[i] == Class::Text)
        .map(|i| lines[i].chars().count())
        .collect();
    let grouped = (1..lines.len())
        .filter(|&i| class[i] == Class::Text && class[i - 1] == Class::Text)
        .count();
    text.len() >= 4
        && grouped * 2 >= text.len()
        && text.iter().all(|&n| n <= 100)
        && text.iter().filter(|&&n| n >= 50).count() * 3 >= text.len() * 2
}

/// Groups remaining lines into paragraphs and captions. Consecutive lines join when the file is
/// hard-wrapped, or when a line does not end a sentence and the next starts in lower case.
pub(super) fn paragraphs(lines: &[&str], class: &[Class]) -> Vec<(BlockKind, String)> {
    let wrapped = hard_wrapped(lines, class);
    let mut parts: Vec<(BlockKind, String)> = Vec::new();
    let mut joinable = false;
    for (i, &line) in lines.iter().enumerate() {
        match class[i] {
            Class::Blank => joinable = false,
            Class::Gone => {}
            Class::Caption => {
                parts.push((BlockKind::Caption, line.to_owned()));
                joinable = false;
            }
            Class::Text => {
                let continues = joinable
                    && parts.last().is_some_and(|(k, prev)| {
                        *k == BlockKind::Paragraph
                            && (wrapped
                                || (!ends_sentence(prev)
                                    && line.chars().next().is_some_and(char::is_lowercase)))
                    });
                match parts.last_mut() {
                    Some((_, prev)) if continues => {
                        if prev.ends_with('-') && !wrapped {
                            prev.push_str(line);
                        } else {
                            prev.push(' ');
                            prev.push_str(line);
                        }
                    }
                    _ => parts.push((BlockKind::Paragraph, line.to_owned())),
                }
                joinable = true;
            }
        }
    }
    parts
}

/// Short unpunctuated paragraphs followed by more text are section headings.
pub(super) fn mark_headings(parts: &mut [(BlockKind, String)]) {
    let n = parts.len();
    for i in 0..n {
        let (kind, text) = &parts[i];
        if *kind != BlockKind::Paragraph {
            continue;
        }
        // At most 120 chars is at most 480 bytes: a long paragraph is not counted through.
        if text.len() > 480 {
            continue;
        }
        let question = text.trim_end().ends_with('?');
        let unpunctuated = !text
            .trim_end()
            .ends_with(['.', '!', ':', ';', ',', '…', '»', '"', '”'])
            && !question;
        // Most paragraphs end a sentence: the tests below, dearer, are made in order of cost.
        if !(unpunctuated || question) {
            continue;
        }
        let starts_well = text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let heading = starts_well
            && text.chars().count() <= 120
            && !more_words_than(text, if question { 10 } else { 16 })
            && parts[i + 1..]
                .iter()
                .any(|(k, _)| *k == BlockKind::Paragraph);
        if heading {
            parts[i].0 = BlockKind::Heading;
        }
    }
}

/// `Name: answer` paragraphs are interview turns when the article is an interview (two or more
/// such paragraphs) or the label names someone the article mentions elsewhere.
pub(super) fn label_turns(parts: &mut [(BlockKind, String)], known_labels: &[Option<&str>]) {
    let candidates: Vec<(usize, String, String)> = parts
        .iter()
        .enumerate()
        .filter(|(_, (k, _))| *k == BlockKind::Paragraph)
        .filter_map(|(i, (_, text))| {
            let c = crate::corpus::text::captures(&TURN, text)?;
            let label = c["label"].trim().to_owned();
            let answer = c["text"].to_owned();
            let label_words: Vec<&str> = label.split_whitespace().collect();
            let shaped = !label_words.is_empty()
                && label_words.len() <= 4
                && label_words.iter().all(|w| {
                    is_name_word(w) || NAME_PARTICLES.contains(&w.to_lowercase().as_str())
                })
                && !label.chars().any(|c| c.is_ascii_digit())
                && !VOCAB.is_not_speaker(&label);
            (shaped && word_count(&answer) >= 5).then_some((i, label, answer))
        })
        .collect();
    let mentioned = |label: &str| {
        let key = words_key(label);
        parts.iter().any(|(_, t)| {
            let tk = words_key(t);
            tk.contains(&key) && !tk.starts_with(&key)
        }) || known_labels.iter().flatten().any(|k| words_key(k) == key)
    };
    let accepted: Vec<(usize, String, String)> = candidates
        .iter()
        .filter(|(_, label, _)| candidates.len() >= 2 || mentioned(label))
        .cloned()
        .collect();
    for (i, label, answer) in accepted {
        parts[i] = (
            BlockKind::Turn {
                speaker: label,
                labelled: true,
            },
            answer,
        );
    }
}

/// Unlabelled paragraphs after a turn continue it, until the next heading.
pub(super) fn continue_turns(parts: &mut [(BlockKind, String)]) {
    let mut current: Option<String> = None;
    for (kind, _) in parts.iter_mut() {
        match (&*kind, &current) {
            (BlockKind::Turn { speaker, .. }, _) => current = Some(speaker.clone()),
            (BlockKind::Heading, _) => current = None,
            (BlockKind::Paragraph, Some(speaker)) => {
                *kind = BlockKind::Turn {
                    speaker: speaker.clone(),
                    labelled: false,
                }
            }
            _ => {}
        }
    }
}
