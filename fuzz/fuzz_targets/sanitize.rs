//! Decoding and sanitizing arbitrary bytes: never panics, the result is a fixed point of `sanitize`
//! and holds no character a terminal would act on (controls but tab and newline, DEL, C1, bidi,
//! any format character) and no base character with more than the cap of combining marks.
#![no_main]

use aes_reader::corpus::sanitize::{
    MAX_COMBINING, Report, decode, is_bidi_control, is_safe_char, one_line, sanitize,
};
use libfuzzer_sys::fuzz_target;
use unicode_normalization::char::is_combining_mark;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// The invariant spelled out, independently of the crate's own predicates.
fn forbidden(c: char) -> bool {
    let n = u32::from(c);
    (n < 0x20 && c != '\n' && c != '\t')
        || n == 0x7F
        || (0x80..=0x9F).contains(&n)
        || (0x202A..=0x202E).contains(&n)
        || (0x2066..=0x2069).contains(&n)
        || matches!(n, 0x200E | 0x200F | 0x061C)
        || c.general_category() == GeneralCategory::Format
}

/// The longest run of consecutive combining marks.
fn longest_mark_run(s: &str) -> usize {
    let (mut run, mut longest) = (0, 0);
    for c in s.chars() {
        run = if is_combining_mark(c) { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

fn check(text: &str) {
    let once = sanitize(text, &mut Report::default());
    let twice = sanitize(&once, &mut Report::default());
    assert_eq!(once, twice, "sanitize is not idempotent on {text:?}");
    assert!(
        longest_mark_run(&once) <= MAX_COMBINING,
        "a mark pile-up survived sanitizing {text:?}"
    );
    for c in once.chars() {
        assert!(!forbidden(c), "{c:?} survived sanitizing {text:?}");
        assert!(
            is_safe_char(c) && !is_bidi_control(c),
            "{c:?} survived sanitizing {text:?}"
        );
    }

    let line = one_line(text);
    for c in line.chars() {
        assert!(
            !forbidden(c) && is_safe_char(c) && c != '\n' && c != '\t',
            "{c:?} survived one_line on {text:?}"
        );
    }
}

fuzz_target!(|bytes: &[u8]| {
    // The ingest path: decode (UTF-8, UTF-16, Latin-1 …), then sanitize.
    if let Ok((text, _report)) = decode(bytes) {
        check(&text);
    }
    // Text that is already a Rust string (file names, front matter values) skips `decode`.
    check(&String::from_utf8_lossy(bytes));
});
