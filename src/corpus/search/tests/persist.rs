//! A saved index read back answers every query as the index it was written from (same matches,
//! order, scores, fields and typos), on generated corpora and on the seeds; a damaged file is an
//! error, never a panic or a wrong answer.

use proptest::prelude::*;

use super::super::*;
use crate::corpus::article::{Article, ArticleId, Meta, PartialDate};
use crate::corpus::load::Corpus;
use crate::corpus::store::Source;
use crate::corpus::text::fold;
use crate::corpus::{Origin, Store};

fn saved(index: &Index) -> Vec<u8> {
    let mut bytes = Vec::new();
    index.write_to(&mut bytes).expect("writing to memory");
    bytes
}

/// `index` saved and read back as the corpus cache reads it: shared, not copied, from within a
/// larger buffer (a saved file's tag comes before it).
fn read_back(index: &Index) -> Index {
    let mut file = b"AESR-TG2 and a tag ......".to_vec();
    let head = file.len();
    file.extend(saved(index));
    let file = bytes::Bytes::from(file);
    Index::read_shared(&file.slice(head..), Box::new(Skim::default())).expect("a file just written")
}

/// French-ish words sharing prefixes, with accents, apostrophes and a ligature.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("sécurité"),
        Just("securitaire"),
        Just("Sécu"),
        Just("sahel"),
        Just("Sahélien"),
        Just("l’État"),
        Just("d'Afrique"),
        Just("afrique"),
        Just("Lavrov"),
        Just("Lavrow"),
        Just("Biélooussov"),
        Just("Belousov"),
        Just("coopération"),
        Just("cooperer"),
        Just("ministre"),
        Just("Ministère"),
        Just("ﬁnance"),
        Just("2025"),
        Just("à"),
        Just("«"),
    ]
    .prop_map(str::to_owned)
}

fn phrase(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 0..max).prop_map(|w| w.join(" "))
}

/// One generated article: title, body, outlet, author, speakers, date.
type Doc = (
    String,
    String,
    Option<String>,
    Option<String>,
    Vec<String>,
    Option<u8>,
);

fn doc() -> impl Strategy<Value = Doc> {
    (
        phrase(5),
        phrase(12),
        prop::option::of(phrase(3)),
        prop::option::of(phrase(2)),
        prop::collection::vec(phrase(3), 0..3),
        prop::option::of(1u8..=12),
    )
}

fn article(i: usize, d: &Doc) -> Article {
    Article {
        id: ArticleId::from(format!("a{i}").as_str()),
        file: format!("a{i}.txt"),
        meta: Meta {
            title: d.0.clone(),
            source: d.2.clone(),
            author: d.3.clone(),
            date: d.5.and_then(|m| PartialDate::new(2025, Some(m), None)),
            ..Meta::default()
        },
        blocks: Vec::new(),
        body: d.1.clone(),
    }
}

/// The index of `docs`, speakers included, with the alias file's spellings of Belousov.
fn index_of(docs: &[Doc], first: usize) -> Vec<SearchDoc> {
    docs.iter()
        .enumerate()
        .map(|(i, d)| {
            let seq = u32::try_from(first + i).unwrap_or(u32::MAX);
            let mut doc = SearchDoc::new(&article(first + i, d), &[], seq);
            doc.speakers = d.4.iter().map(|s| fold(s).into_boxed_str()).collect();
            doc.speakers.sort();
            doc.speakers.dedup();
            doc
        })
        .collect()
}

fn build(docs: &[Doc]) -> Index {
    let mut index = Index::default();
    index.set_names(NameWords::from_spellings([vec![
        "Andreï Biélooussov",
        "Andrei Belousov",
    ]]));
    index.add(index_of(docs, 0));
    index.compact();
    index
}

/// A query as someone types it: a word's prefix, the word with a typo, several words, a field.
fn query() -> impl Strategy<Value = String> {
    let typo = (word(), any::<prop::sample::Index>(), 0..3usize).prop_map(|(w, at, how)| {
        let mut chars: Vec<char> = w.chars().collect();
        let i = at
            .index(chars.len().max(1))
            .min(chars.len().saturating_sub(1));
        match how {
            0 if chars.len() > 1 => {
                chars.remove(i);
            }
            1 if i + 1 < chars.len() => chars.swap(i, i + 1),
            _ => {
                if let Some(c) = chars.get_mut(i) {
                    *c = 'x';
                }
            }
        }
        chars.into_iter().collect::<String>()
    });
    let prefix = (word(), 1..6usize).prop_map(|(w, n)| w.chars().take(n).collect());
    prop_oneof![prefix, typo, phrase(3), word(), Just(String::new())]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn a_read_index_answers_every_query_as_the_index_it_was_written_from(
        docs in prop::collection::vec(doc(), 0..12),
        queries in prop::collection::vec(query(), 1..8),
    ) {
        let index = build(&docs);
        let read = read_back(&index);
        for q in &queries {
            prop_assert_eq!(&*read.search(q), &*index.search(q), "query {:?}", q);
        }
        prop_assert_eq!(saved(&read), saved(&index), "saved again, the same bytes");
    }

    #[test]
    fn a_read_index_takes_more_articles_as_the_index_it_was_written_from(
        docs in prop::collection::vec(doc(), 0..8),
        more in prop::collection::vec(doc(), 1..5),
        q in query(),
    ) {
        let mut index = build(&docs);
        let mut read = read_back(&index);
        index.add(index_of(&more, docs.len()));
        read.add(index_of(&more, docs.len()));
        prop_assert_eq!(&*read.search(&q), &*index.search(&q), "query {:?}", q);
    }
}

fn seeds() -> Index {
    let source = Source::scan(Origin::Embedded).expect("the bundled corpus");
    Corpus::load_with_index(source).1
}

#[test]
fn the_seeds_read_back_answer_their_words_prefixes_typos_and_speakers_alike() {
    let index = seeds();
    assert!(!index.names().is_empty(), "the seeds' alias file is in");
    let read = read_back(&index);
    let store = Store::embedded();
    let mut queries: Vec<String> = vec![String::new(), "belousov".into(), "securite sahel".into()];
    for a in store.articles() {
        let text = format!(
            "{} {} {}",
            a.meta.title,
            a.meta.source.as_deref().unwrap_or(""),
            a.meta.author.as_deref().unwrap_or("")
        );
        for w in text.split_whitespace().take(12) {
            queries.push(w.to_owned());
            queries.push(w.chars().take(3).collect());
            // One typo: the second letter dropped.
            queries.push(
                w.chars()
                    .enumerate()
                    .filter(|&(i, _)| i != 1)
                    .map(|(_, c)| c)
                    .collect(),
            );
        }
    }
    let mut typos = 0;
    for q in &queries {
        let (want, got) = (index.search(q), read.search(q));
        assert_eq!(&*got, &*want, "query {q:?}");
        typos += want.iter().filter(|m| m.typos > 0).count();
    }
    assert!(typos > 0, "some queries needed typos");
}

#[test]
fn a_damaged_or_cut_index_is_an_error_that_says_so() {
    let bytes = saved(&seeds());
    let read = |b: &[u8]| Index::read_from(b, Box::new(Skim::default()));
    for cut in [0, 5, 27, 28, bytes.len() / 2, bytes.len() - 1] {
        let err = read(&bytes[..cut]).expect_err("a cut file");
        assert!(
            matches!(err, PersistError::Truncated { .. }),
            "{cut}: {err}"
        );
    }
    let mut flipped = bytes.clone();
    flipped[bytes.len() / 3] ^= 0x10;
    assert!(matches!(read(&flipped), Err(PersistError::Checksum { .. })));
    let mut other = bytes.clone();
    other[8] = other[8].wrapping_add(1);
    assert!(matches!(read(&other), Err(PersistError::Format { .. })));
    assert!(matches!(
        read(b"not an index at all, just text"),
        Err(PersistError::NotOurs { .. })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_are_refused_or_answer_without_a_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
        with_header in any::<bool>(),
    ) {
        let mut b = bytes;
        if with_header {
            let mut head = b"AESR-IDX".to_vec();
            head.extend_from_slice(&1u32.to_le_bytes());
            head.extend_from_slice(&(b.len() as u64).to_le_bytes());
            head.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&b).to_le_bytes());
            head.extend_from_slice(&b);
            b = head;
        }
        // With a right checksum the bytes are a forged file, which may decode: then it holds
        // together enough to answer without a panic.
        if let Ok(index) = Index::read_from(&b, Box::new(Skim::default())) {
            for q in ["", "a", "securite", "sahel aes"] {
                let _ = index.search(q);
            }
            prop_assert!(with_header);
        }
    }

    #[test]
    fn a_real_file_cut_or_flipped_anywhere_is_refused(
        at in any::<prop::sample::Index>(),
        bit in 0..8u8,
        cut in any::<bool>(),
    ) {
        static BYTES: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| saved(&seeds()));
        let mut b = BYTES.clone();
        let i = at.index(b.len());
        if cut {
            b.truncate(i);
        } else {
            b[i] ^= 1 << bit;
        }
        prop_assert!(Index::read_from(&b, Box::new(Skim::default())).is_err());
    }
}
