//! `list` printed from a saved catalog is byte for byte `list` printed from the store it was made
//! from, text and JSON, on the seeds and on tests/hostile.

use super::*;
use crate::corpus::catalog::Catalog;

fn seeds_and_hostile() -> Vec<Store> {
    let hostile = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    vec![
        Store::embedded(),
        Store::load(&hostile).expect("tests/hostile is readable"),
    ]
}

fn printed(print: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
    let mut out = Vec::new();
    print(&mut out).expect("printing to memory");
    String::from_utf8(out).expect("list prints UTF-8")
}

#[test]
fn list_from_a_read_catalog_prints_what_list_from_the_store_prints() {
    for store in seeds_and_hostile() {
        let mut bytes = Vec::new();
        Catalog::from_store(&store)
            .write_to(&mut bytes)
            .expect("writing to memory");
        let catalog = Catalog::read_from(&bytes).expect("a file just written");
        let rows: Vec<Row<'_>> = catalog.rows().collect();
        for json in [false, true] {
            let from_store = Row::all(&store);
            let want =
                printed(|out| list_rows(store.origin(), store.rejected(), &from_store, json, out));
            let got = printed(|out| list_rows(store.origin(), store.rejected(), &rows, json, out));
            assert_eq!(got, want, "{} json={json}", store.origin());
            assert!(want.lines().count() >= store.articles().len());
        }
    }
}
