//! Property tests of the reading pane's wrapping (`wrap_ranges`): on text rich in French marks and
//! punctuation it equals a simple reference, never panics, keeps every word in order and fits every
//! line in the width; long runs of marks (once a freeze: quadratic gluing) wrap the same way.

use std::ops::Range;

use aes_reader::tui::panes::reader::wrap_ranges;
use proptest::prelude::*;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The reference: words split on ASCII spaces; `«` glued to the next word and closing marks to the
/// previous one (when spaces separate them); words wider than the line cut by characters; lines
/// filled first-fit. Written for clarity, not speed.
fn reference(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let opens = |w: &str| w.ends_with(['«', '“', '‹']);
    let closes = |w: &str| {
        [
            "»", "”", "›", ":", ";", "!", "?", "!»", "?»", "».", "»,", "»;", "»:",
        ]
        .contains(&w)
    };
    let mut out = Vec::new();
    let mut base = 0;
    for line in text.split('\n') {
        // (word start, word end, whitespace end), byte offsets in `line`. A word starts at the
        // line's start and wherever a space is followed by something else.
        let mut words: Vec<(usize, usize, usize)> = Vec::new();
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let start = i;
            while i < bytes.len() && bytes[i] != b' ' {
                i += 1;
            }
            let end = i;
            while i < bytes.len() && bytes[i] == b' ' {
                i += 1;
            }
            words.push((start, end, i));
        }
        let mut glued: Vec<(usize, usize, usize)> = Vec::new();
        for w in words {
            match glued.last_mut() {
                Some(prev)
                    if prev.2 > prev.1
                        && (opens(&line[prev.0..prev.1]) || closes(&line[w.0..w.1])) =>
                {
                    prev.1 = w.1;
                    prev.2 = w.2;
                }
                _ => glued.push(w),
            }
        }
        // Pieces: (start, end, width, width of the whitespace after).
        let mut pieces: Vec<(usize, usize, usize, usize)> = Vec::new();
        for (start, end, ws_end) in glued {
            let ws = ws_end - end;
            let mut piece_start = start;
            let mut piece_w = 0;
            for (at, ch) in line[start..end].char_indices() {
                let cw = ch.width().unwrap_or(0);
                if piece_w > 0 && piece_w + cw > width {
                    pieces.push((piece_start, start + at, piece_w, 0));
                    piece_start = start + at;
                    piece_w = 0;
                }
                piece_w += cw;
            }
            pieces.push((piece_start, end, piece_w, ws));
        }
        let before = out.len();
        let mut current: Option<(usize, usize)> = None;
        let mut used = 0;
        for (start, end, w, ws) in pieces {
            match current {
                Some((first, last_end)) if used + w > width => {
                    out.push(base + first..base + last_end);
                    current = Some((start, end));
                    used = 0;
                }
                Some((first, _)) => current = Some((first, end)),
                None => current = Some((start, end)),
            }
            used += w + ws;
        }
        if let Some((first, last_end)) = current {
            out.push(base + first..base + last_end);
        }
        if out.len() == before {
            out.push(base..base);
        }
        base += line.len() + 1;
    }
    out
}

/// Text made of French marks, punctuation, words, accents, no-break and wide characters, spaces and
/// line breaks.
fn marked_text() -> impl Strategy<Value = String> {
    // Spaces four times over: they are what gluing and wrapping turn on.
    let pieces = prop::sample::select(vec![
        "«",
        "»",
        "“",
        "”",
        "‹",
        "›",
        "!",
        "?",
        ":",
        ";",
        "!»",
        "».",
        "»,",
        "mot",
        "Ouagadougou",
        "été",
        "\u{a0}",
        "\u{202f}",
        "日本",
        " ",
        " ",
        " ",
        " ",
        "   ",
        "\n",
    ]);
    prop::collection::vec(pieces, 0..48).prop_map(|v| v.concat())
}

/// A long run of one mark (or two alternating), spaced by one or more spaces.
fn long_run() -> impl Strategy<Value = String> {
    let marks = prop::sample::select(vec!["« ", "! ", "» ", "? ", "« » ", "«  ", "mot ! "]);
    (marks, 500usize..4000).prop_map(|(m, n)| format!("Début {}fin.", m.repeat(n)))
}

/// The checks every wrap must pass: ranges in order on char boundaries, every line within the
/// width, every word kept in order.
fn check_wrap(text: &str, width: usize) -> Result<(), TestCaseError> {
    let ranges = wrap_ranges(text, width);
    let mut previous_end = 0;
    let mut words: Vec<&str> = Vec::new();
    for r in &ranges {
        prop_assert!(r.start >= previous_end && r.start <= r.end, "{ranges:?}");
        prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let line = &text[r.clone()];
        // A wide character alone is wider than a one-column line: nothing can be done there.
        if width >= 2 {
            prop_assert!(
                line.width() <= width,
                "{line:?} is wider than {width} columns"
            );
        }
        words.extend(line.split([' ', '\n']).filter(|w| !w.is_empty()));
        previous_end = r.end;
    }
    let joined: String = words.concat();
    let expected: String = text.split([' ', '\n']).collect();
    prop_assert_eq!(joined, expected, "characters lost or reordered");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn wrapping_equals_the_simple_reference(text in marked_text(), width in 1usize..30) {
        prop_assert_eq!(wrap_ranges(&text, width), reference(&text, width), "{:?} at {}", text, width);
    }

    #[test]
    fn wrapping_keeps_every_word_in_order_within_the_width(text in marked_text(), width in 1usize..30) {
        check_wrap(&text, width)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn long_runs_of_marks_wrap_like_the_reference(text in long_run(), width in 1usize..90) {
        check_wrap(&text, width)?;
        prop_assert_eq!(wrap_ranges(&text, width), reference(&text, width));
    }
}

#[test]
fn a_hundred_thousand_guillemets_wrap_into_lines_that_fit() {
    // One paragraph of 100,000 `« `: it froze the reader for 23 s per wrap when gluing was
    // quadratic. Each mark glues to the next, so the run is one word, cut at the measure.
    let text = format!("Il a dit {}et puis rien.", "« ".repeat(100_000));
    let ranges = wrap_ranges(&text, 80);
    assert!(ranges.len() > 2_000, "{} lines", ranges.len());
    for r in &ranges {
        assert!(text[r.clone()].width() <= 80);
    }
    let last = ranges.last().map(|r| &text[r.clone()]).unwrap_or_default();
    assert!(last.ends_with("rien."), "{last:?}");
}

#[test]
fn thirty_thousand_exclamation_marks_wrap_into_lines_that_fit() {
    let text = format!("Quelle surprise {}", "! ".repeat(30_000));
    let ranges = wrap_ranges(&text, 57);
    for r in &ranges {
        assert!(text[r.clone()].width() <= 57);
    }
    let kept: usize = ranges
        .iter()
        .map(|r| text[r.clone()].matches('!').count())
        .sum();
    assert_eq!(kept, 30_000);
}
