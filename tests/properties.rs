//! Property tests: sanitizing is idempotent and leaves nothing a terminal would act on; ingest never
//! panics and produces blocks that slice the body on char boundaries.

use aes_reader::corpus::ingest::ingest;
use aes_reader::corpus::sanitize::{Report, decode, is_bidi_control, is_safe_char, sanitize};
use proptest::prelude::*;

/// Strings rich in what scraped text can carry: escapes, controls, bidi, French typography.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("\u{1b}".to_owned()),
        Just("\u{1b}[".to_owned()),
        Just("\u{1b}]".to_owned()),
        Just("\u{7}".to_owned()),
        Just("\u{9b}".to_owned()),
        Just("\u{9d}".to_owned()),
        Just("\u{9c}".to_owned()),
        Just("\r".to_owned()),
        Just("\n".to_owned()),
        Just("\u{202e}".to_owned()),
        Just("\u{2066}".to_owned()),
        Just("\u{200b}".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("\u{301}".to_owned()),
        Just("« »\u{a0}\u{202f}’".to_owned()),
        "[a-zA-Zéèàç0-9 ;:\\[\\]\\\\]{0,8}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn sanitize_is_idempotent(s in hostile_text()) {
        let once = sanitize(&s, &mut Report::default());
        let twice = sanitize(&once, &mut Report::default());
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn sanitize_leaves_no_control_or_bidi_character(s in hostile_text()) {
        let out = sanitize(&s, &mut Report::default());
        prop_assert!(out.chars().all(is_safe_char), "{:?}", out);
        prop_assert!(!out.chars().any(is_bidi_control));
        prop_assert!(!out.contains('\r'));
    }

    #[test]
    fn decoding_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = decode(&bytes);
    }

    #[test]
    fn ingest_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
        if let Ok(done) = ingest("x.txt", &bytes) {
            let a = done.article;
            for b in &a.blocks {
                prop_assert!(a.body.get(b.range.clone()).is_some());
            }
            prop_assert!(a.body.chars().all(is_safe_char));
            prop_assert!(a.meta.title.chars().all(|c| is_safe_char(c) && c != '\n'));
        }
    }

    #[test]
    fn ingest_never_panics_on_hostile_text(s in hostile_text()) {
        if let Ok(done) = ingest("x.txt", s.as_bytes()) {
            let a = done.article;
            prop_assert!(a.body.chars().all(is_safe_char));
            for b in &a.blocks {
                prop_assert!(a.body.get(b.range.clone()).is_some());
            }
        }
    }
}

mod quotes {
    use aes_reader::corpus::ingest::ingest;
    use aes_reader::corpus::quote::people::Aliases;
    use aes_reader::corpus::quote::{Field, extract_article};
    use proptest::prelude::*;

    /// French-looking text full of marks, speech verbs and names.
    fn press_text() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            Just("« ".to_owned()),
            Just(" »".to_owned()),
            Just("“".to_owned()),
            Just("”".to_owned()),
            Just("„".to_owned()),
            Just("\"".to_owned()),
            Just("‹".to_owned()),
            Just("›".to_owned()),
            Just(", a déclaré ".to_owned()),
            Just(", a-t-il ajouté. ".to_owned()),
            Just("Selon M. Diop, ".to_owned()),
            Just("Abdoulaye Diop, ministre malien, ".to_owned()),
            Just("le ministre ".to_owned()),
            Just("un proche du président ".to_owned()),
            Just("Mohamed Amara : ".to_owned()),
            Just("\n\n".to_owned()),
            Just(". ".to_owned()),
            // Runs of terminators (found by the `quotes` fuzz target, issue 6).
            Just("... ".to_owned()),
            Just(" ?! ".to_owned()),
            Just("été\u{a0}".to_owned()),
            "[a-zA-Zéèàçô’' ]{0,12}",
        ];
        prop::collection::vec(pieces, 0..60)
            .prop_map(|v| format!("Titre « court »\n\n{}", v.concat()))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

        #[test]
        fn quote_spans_are_char_boundaries_that_slice_back_to_the_text(s in press_text()) {
            if let Ok(done) = ingest("x.txt", s.as_bytes()) {
                let a = done.article;
                for q in extract_article(&a, &Aliases::default()) {
                    let text = match q.field { Field::Title => &a.meta.title, Field::Body => &a.body };
                    prop_assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
                    prop_assert_eq!(&text[q.span.clone()], q.text.as_str());
                    prop_assert!(text.get(q.sentence.clone()).is_some());
                }
            }
        }

        #[test]
        fn extraction_never_panics_on_arbitrary_text(s in "\\PC{0,400}") {
            if let Ok(done) = ingest("x.txt", s.as_bytes()) {
                let _ = extract_article(&done.article, &Aliases::default());
            }
        }
    }
}
