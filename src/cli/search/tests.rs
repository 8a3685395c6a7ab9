//! `search` answered by a read index and printed from a read catalog is byte for byte `search`
//! answered by the freshly built index over the loaded corpus, text and JSON, on the seeds and on
//! tests/hostile.

use super::*;
use crate::corpus::Origin;
use crate::corpus::catalog::Catalog;
use crate::corpus::search::Skim;
use crate::corpus::store::Source;

fn printed(print: impl FnOnce(&mut Vec<u8>) -> io::Result<usize>) -> (String, usize) {
    let mut out = Vec::new();
    let n = print(&mut out).expect("printing to memory");
    (String::from_utf8(out).expect("search prints UTF-8"), n)
}

#[test]
fn search_from_a_read_index_and_catalog_prints_what_search_from_the_corpus_prints() {
    let hostile = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let origins = [
        Origin::Embedded,
        Origin::Dir {
            path: hostile,
            via: "--dir",
        },
    ];
    for origin in origins {
        let (corpus, index) =
            Corpus::load_with_index(Source::scan(origin).expect("a readable corpus"));
        let mut saved_index = Vec::new();
        index.write_to(&mut saved_index).expect("writing to memory");
        let read_index = Index::read_from(&saved_index, Box::new(Skim::default()))
            .expect("an index just written");
        let mut saved_catalog = Vec::new();
        Catalog::from_store(corpus.store())
            .write_to(&mut saved_catalog)
            .expect("writing to memory");
        let catalog = Catalog::read_from(&saved_catalog).expect("a catalog just written");

        let mut queries: Vec<String> = ["", "sahel", "securite", "secu", "scurité", "belousov"]
            .map(String::from)
            .to_vec();
        for a in corpus.store().articles() {
            let meta = [a.meta.source.as_deref(), a.meta.author.as_deref()];
            queries.extend(a.meta.title.split_whitespace().take(3).map(String::from));
            queries.extend(meta.into_iter().flatten().map(String::from));
        }
        let mut matched = 0;
        for q in &queries {
            for json in [false, true] {
                let want = printed(|out| search(&corpus, &index, q, json, out));
                let got = printed(|out| {
                    search_shown(
                        |i| catalog.row(i).map(Shown::from),
                        &read_index,
                        q,
                        json,
                        out,
                    )
                });
                assert_eq!(got, want, "query {q:?} json={json}");
                matched += want.1;
            }
        }
        assert!(matched > 0, "some queries matched");
    }
}
