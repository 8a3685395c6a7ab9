//! Reading one article file from arbitrary bytes: never panics; every block range is a
//! char-boundary slice of the body, in order; body and metadata hold only safe characters.
#![no_main]

use aes_reader::corpus::ingest::ingest;
use aes_reader::corpus::sanitize::is_safe_char;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(done) = ingest("fuzz.txt", bytes) else {
        return;
    };
    let a = done.article;
    let mut end = 0;
    for b in &a.blocks {
        assert!(
            b.range.start <= b.range.end && b.range.start >= end,
            "block {b:?} out of order"
        );
        assert!(
            a.body.get(b.range.clone()).is_some(),
            "block {b:?} is not a char slice of the body"
        );
        end = b.range.end;
    }
    assert!(end <= a.body.len());
    assert!(
        a.body.chars().all(is_safe_char),
        "unsafe char in body {:?}",
        a.body
    );
    assert!(!a.body.contains('\r'));
    let meta = &a.meta;
    let labels = [&meta.title]
        .into_iter()
        .chain(&meta.source)
        .chain(&meta.author)
        .chain(&meta.url)
        .chain(&meta.lang)
        .chain(&meta.tags);
    for label in labels {
        assert!(
            label.chars().all(|c| is_safe_char(c) && c != '\n'),
            "unsafe or multi-line label {label:?}"
        );
    }
    for w in &done.warnings {
        assert!(w.chars().all(is_safe_char), "unsafe warning {w:?}");
    }
});
