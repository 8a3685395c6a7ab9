//! The catalog gives back every article's row, saved and read back; a damaged file is an error.

use proptest::prelude::*;

use super::*;
use crate::corpus::PartialDate;

fn seeds_and_hostile() -> Vec<Store> {
    let hostile = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    vec![
        Store::embedded(),
        Store::load(&hostile).expect("tests/hostile is readable"),
    ]
}

fn saved(c: &Catalog) -> Vec<u8> {
    let mut bytes = Vec::new();
    c.write_to(&mut bytes).expect("writing to memory");
    bytes
}

#[test]
fn a_read_catalog_gives_back_every_articles_row_in_list_order() {
    for store in seeds_and_hostile() {
        let catalog = Catalog::from_store(&store);
        let read = Catalog::read_from(&saved(&catalog)).expect("a file just written");
        assert_eq!(read, catalog);
        let want: Vec<Row<'_>> = store.articles().iter().map(Row::of).collect();
        assert_eq!(read.rows().collect::<Vec<_>>(), want, "{}", store.origin());
        assert_eq!(read.len(), store.articles().len());
        assert!(want.iter().any(|r| r.outlet.is_some() && r.date.is_some()));
        assert_eq!(read.row(read.len()), None);
    }
}

#[test]
fn a_rows_head_is_its_article_without_the_text() {
    for store in seeds_and_hostile() {
        for a in store.articles() {
            let head = Row::of(a).head();
            assert_eq!((&head.id, &head.file), (&a.id, &a.file));
            let meta = Meta {
                lang: None,
                tags: Vec::new(),
                ..a.meta.clone()
            };
            assert_eq!(head.meta, meta);
            assert!(head.body.is_empty() && head.blocks.is_empty());
        }
    }
}

#[test]
fn rows_added_and_unlisted_are_saved_with_the_list_order_and_the_numbering() {
    let store = Store::embedded();
    let mut catalog = Catalog::from_store(&store);
    let first = catalog.numbering();
    assert_eq!(
        first,
        numbering(store.articles().iter().map(|a| a.file.as_str())),
        "a load's files in list order number its catalog"
    );
    let extra = catalog.push(Row::of(&store.articles()[0]));
    assert_eq!(catalog.len(), store.articles().len(), "not listed yet");
    assert_eq!(catalog.slots(), store.articles().len() + 1);
    assert_ne!(catalog.numbering(), first, "one more row");
    catalog.set_order(vec![extra, 2, 0]);
    let read = Catalog::read_from(&saved(&catalog)).expect("a file just written");
    assert_eq!(read, catalog);
    let files: Vec<&str> = read.rows().map(|r| r.file).collect();
    let a = &store.articles();
    assert_eq!(files, [&a[0].file, &a[2].file, &a[0].file]);
    assert_eq!(read.len(), 3);
    assert_eq!(
        read.row(1).map(|r| r.file),
        Some(a[1].file.as_str()),
        "unlisted, still there"
    );
    assert_eq!(read.numbering(), catalog.numbering());
    catalog.set_order(vec![1, 1]);
    assert!(
        Catalog::read_from(&saved(&catalog)).is_err(),
        "a row listed twice"
    );
    catalog.set_order(vec![99]);
    assert!(
        Catalog::read_from(&saved(&catalog)).is_err(),
        "a row past the last"
    );
}

#[test]
fn every_date_shape_packs_and_unpacks_and_impossible_ones_are_refused() {
    for d in [
        None,
        PartialDate::new(2025, None, None),
        PartialDate::new(2025, Some(2), None),
        PartialDate::new(1999, Some(12), Some(31)),
    ] {
        assert_eq!(unpack(pack(d)), Some(d));
    }
    assert_eq!(unpack(2025 << 16 | 2 << 8 | 30), None, "30 February");
    assert_eq!(unpack(2025 << 16 | 5), None, "a day without a month");
    assert_eq!(unpack(u32::MAX), None);
}

#[test]
fn a_damaged_or_cut_catalog_is_an_error_that_says_so() {
    let bytes = saved(&Catalog::from_store(&Store::embedded()));
    for cut in [0, 7, 28, bytes.len() - 1] {
        let err = Catalog::read_from(&bytes[..cut]).expect_err("a cut file");
        assert!(
            matches!(err, PersistError::Truncated { .. }),
            "{cut}: {err}"
        );
    }
    let mut flipped = bytes.clone();
    flipped[bytes.len() / 2] ^= 4;
    assert!(matches!(
        Catalog::read_from(&flipped),
        Err(PersistError::Checksum { .. })
    ));
    let mut other = bytes.clone();
    other[9] ^= 1;
    assert!(matches!(
        Catalog::read_from(&other),
        Err(PersistError::Format { .. })
    ));
    let mut index = Vec::new();
    crate::corpus::search::Index::default()
        .write_to(&mut index)
        .expect("writing to memory");
    assert!(matches!(
        Catalog::read_from(&index),
        Err(PersistError::NotOurs { .. })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_and_cut_or_flipped_files_are_refused_without_a_panic(
        garbage in prop::collection::vec(any::<u8>(), 0..300),
        at in any::<prop::sample::Index>(),
        bit in 0..8u8,
    ) {
        static BYTES: std::sync::LazyLock<Vec<u8>> =
            std::sync::LazyLock::new(|| saved(&Catalog::from_store(&Store::embedded())));
        prop_assert!(Catalog::read_from(&garbage).is_err());
        let i = at.index(BYTES.len());
        prop_assert!(Catalog::read_from(&BYTES[..i]).is_err());
        let mut flipped = BYTES.clone();
        flipped[i] ^= 1 << bit;
        prop_assert!(Catalog::read_from(&flipped).is_err());
    }
}
