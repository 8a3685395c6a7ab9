//! Quote extraction on arbitrary articles: never panics, and every quote's span (and every other
//! place it is printed) is a char-boundary range of its field that slices back to the quote's text.
#![no_main]

use std::sync::LazyLock;

use aes_reader::corpus::ingest::ingest;
use aes_reader::corpus::quote::people::Aliases;
use aes_reader::corpus::quote::{Field, extract_article};
use libfuzzer_sys::fuzz_target;

/// The bundled alias file, so alias resolution is exercised too.
static ALIASES: LazyLock<Aliases> = LazyLock::new(|| {
    Aliases::parse(include_str!("../../articles/people.toml")).unwrap_or_default()
});

fuzz_target!(|bytes: &[u8]| {
    let Ok(done) = ingest("fuzz.txt", bytes) else {
        return;
    };
    let a = done.article;
    let field = |f: Field| match f {
        Field::Title => a.meta.title.as_str(),
        Field::Body => a.body.as_str(),
    };
    for q in extract_article(&a, &ALIASES) {
        let text = field(q.field);
        assert!(
            text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end),
            "span {:?} of {q:?} is not on char boundaries",
            q.span
        );
        assert_eq!(text.get(q.span.clone()), Some(q.text.as_str()), "{q:?}");
        assert!(text.get(q.sentence.clone()).is_some(), "sentence of {q:?}");
        for (f, r) in &q.also_at {
            assert!(field(*f).get(r.clone()).is_some(), "also_at {r:?} of {q:?}");
        }
    }
});
