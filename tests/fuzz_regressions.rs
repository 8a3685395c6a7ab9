//! Inputs found by the fuzz targets (`fuzz/`, issue 6), minimised, each kept as a test named for the
//! behaviour it broke. The targets' invariants are checked the same way here.

use aes_reader::corpus::ingest::ingest;
use aes_reader::corpus::quote::people::Aliases;
use aes_reader::corpus::quote::{Field, extract_article};

/// Ingests `bytes` and extracts its quotes, asserting what the `quotes` target asserts.
fn quotes_slice_back(bytes: &[u8]) {
    let Ok(done) = ingest("fuzz.txt", bytes) else {
        return;
    };
    let a = done.article;
    for q in extract_article(&a, &Aliases::default()) {
        let text = match q.field {
            Field::Title => &a.meta.title,
            Field::Body => &a.body,
        };
        assert_eq!(text.get(q.span.clone()), Some(q.text.as_str()), "{q:?}");
        assert!(text.get(q.sentence.clone()).is_some(), "{q:?}");
    }
}

/// `quotes` crash-69aaf2a8, minimised to 6 bytes: a body starting with `..` and a capital made
/// sentence splitting slice a range whose start was past its end.
#[test]
fn repeated_full_stops_before_a_capital_do_not_panic() {
    quotes_slice_back(b"\"\n.. M");
    quotes_slice_back(
        "Titre\n\nEt puis... Rien. Quoi ?! Non.. Encore « une fois », dit-il.".as_bytes(),
    );
}
