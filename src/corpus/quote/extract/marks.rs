//! Quotation marks as characters: which bytes may start one, whether a text holds one, how the
//! marks of a text balance, and marks left stray at the edges of a quote's range.

use std::ops::Range;

use crate::corpus::text::{ByteSet, find_in_set};

pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}'
}

/// The bytes a quotation mark may start with: `"`, and the lead bytes of `«`, `»` (U+00AB,
/// U+00BB) and of `‹`, `›`, `“`, `”`, `„` (U+2018..U+203A). Scans look at these bytes only; a
/// continuation byte never equals one, so every hit starts a char.
pub const MARK_LEADS: ByteSet<5> = ByteSet::new([b'"', 0xC2, 0xE2, b'<', b'>']);

/// The bytes a sentence end or a guillemet or curly mark may start with: `.`, `!`, `?`, and the
/// lead bytes of `…` (U+2026) and of the marks (see [`MARK_LEADS`]).
pub const END_OR_MARK_LEADS: ByteSet<5> = ByteSet::new([b'.', b'!', b'?', 0xC2, 0xE2]);

/// True when `s` holds a quotation mark of any style (`<<` and `>>` included). Looks at the bytes
/// a mark may start with only.
pub fn has_mark(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    loop {
        i = find_in_set(bytes, i, &MARK_LEADS);
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
            return false;
        };
        let doubled = |b: u8| bytes.get(i + 1) == Some(&b);
        match c {
            '«' | '»' | '"' | '“' | '”' | '‹' | '›' | '„' => return true,
            '<' if doubled(b'<') => return true,
            '>' if doubled(b'>') => return true,
            _ => i += c.len_utf8(),
        }
    }
}

/// `range` without quotation marks left stray at its edges: a closing mark at its end (or an
/// opening one at its start) that nothing in the range pairs with (`… discuter »` in an answer
/// paragraph, `« « Nous …` after a doubled mark), and the spaces next to them.
pub fn trim_stray_marks(text: &str, range: Range<usize>) -> Range<usize> {
    let mut current = range.clone();
    // Each pass may uncover another mark: until nothing changes.
    for _ in 0..4 {
        let next = trim_stray_pass(text, current.clone());
        if next == current {
            break;
        }
        current = next;
    }
    if current.start >= current.end {
        range
    } else {
        current
    }
}

/// One pass of [`trim_stray_marks`].
fn trim_stray_pass(text: &str, range: Range<usize>) -> Range<usize> {
    let (mut start, mut end) = (range.start, range.end);
    for _ in 0..4 {
        let t = text[start..end].trim_end_matches(is_space);
        let closer = if t.ends_with(">>") {
            2
        } else if t.ends_with(['»', '”', '›', '“', '"']) {
            t.chars().next_back().map_or(0, char::len_utf8)
        } else {
            break;
        };
        let body = &t[..t.len() - closer];
        // Stray when nothing in the quote is left open for it to close.
        let stray = if t.ends_with('"') {
            body.matches('"').count() % 2 == 0
        } else {
            balance(body).0 == 0
        };
        if !stray {
            break;
        }
        end = start + body.trim_end_matches(is_space).len();
    }
    for _ in 0..4 {
        let t = text[start..end].trim_start_matches(is_space);
        let opener = if t.starts_with("<<") {
            2
        } else if t.starts_with(['«', '“', '„', '‹', '"']) {
            t.chars().next().map_or(0, char::len_utf8)
        } else {
            break;
        };
        let rest = &t[opener..];
        // Stray when nothing in the quote closes it.
        let stray = if t.starts_with('"') {
            rest.matches('"').count() % 2 == 0
        } else {
            balance(rest).1 == 0
        };
        let next = end - rest.trim_start_matches(is_space).len();
        let leaves_closer =
            text[next..end].starts_with(['»', '”', '›']) || text[next..end].starts_with(">>");
        if !stray || leaves_closer {
            break;
        }
        start = next;
    }
    // A quote never starts with a closing mark nor ends with an opening one.
    for _ in 0..4 {
        let inner = &text[start..end];
        let t = inner.trim_start_matches(is_space);
        let lead = if t.starts_with(">>") {
            2
        } else if t.starts_with(['»', '”', '›']) {
            t.chars().next().map_or(0, char::len_utf8)
        } else {
            break;
        };
        start = end - t[lead..].trim_start_matches(is_space).len();
    }
    for _ in 0..4 {
        let inner = &text[start..end];
        let t = inner.trim_end_matches(is_space);
        let tail = if t.ends_with("<<") {
            2
        } else if t.ends_with(['«', '“', '„', '‹']) {
            t.chars().next_back().map_or(0, char::len_utf8)
        } else {
            break;
        };
        end = start + t[..t.len() - tail].trim_end_matches(is_space).len();
    }
    start..end
}

/// Marks left open and closers with nothing to close in `s`, pairing the way quotes nest
/// (`„ … “` German style, `<<`/`>>` as guillemets).
fn balance(s: &str) -> (usize, usize) {
    let mut stack: Vec<char> = Vec::new();
    let mut unmatched = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            '<' | '>' if chars.peek() == Some(&c) => {
                chars.next();
                if c == '<' { '«' } else { '»' }
            }
            c => c,
        };
        match c {
            '«' | '‹' | '„' => stack.push(c),
            '“' if stack.last() == Some(&'„') => {
                stack.pop();
            }
            '“' => stack.push(c),
            '»' | '›' | '”' if stack.pop().is_none() => unmatched += 1,
            _ => {}
        }
    }
    (stack.len(), unmatched)
}
