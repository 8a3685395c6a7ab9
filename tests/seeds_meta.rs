//! The five seed articles against the hand-labelled gold (`tests/fixtures/seeds.meta.json`, a copy of
//! `shared/gold/seeds.meta.json`): metadata found exactly, body sentences kept, boilerplate gone.

use std::path::Path;

use aes_reader::corpus::{Article, Store};
use serde_json::Value;

fn seeds() -> (Store, Value) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let store = Store::load(&root.join("articles")).expect("articles/ loads");
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/fixtures/seeds.meta.json")).unwrap(),
    )
    .unwrap();
    (store, gold)
}

fn article<'a>(store: &'a Store, file: &str) -> &'a Article {
    store
        .articles()
        .iter()
        .find(|a| a.file == file)
        .unwrap_or_else(|| panic!("{file} did not load"))
}

#[test]
fn every_seed_loads_without_rejection() {
    let (store, gold) = seeds();
    assert_eq!(store.rejected(), 0, "{:?}", store.diagnostics());
    for file in gold.as_object().unwrap().keys() {
        article(&store, file);
    }
}

#[test]
fn seed_metadata_matches_gold_exactly() {
    let (store, gold) = seeds();
    for (file, g) in gold.as_object().unwrap() {
        let a = article(&store, file);
        let found = [
            ("title", Some(a.meta.title.clone())),
            ("date", a.meta.date.map(|d| d.to_string())),
            ("source", a.meta.source.clone()),
            ("author", a.meta.author.clone()),
            ("url", a.meta.url.clone()),
        ];
        for (field, value) in found {
            let want = g[field].as_str().map(str::to_owned);
            assert_eq!(value, want, "{file}: {field}");
        }
    }
}

#[test]
fn seed_bodies_keep_article_sentences_and_drop_boilerplate() {
    let (store, gold) = seeds();
    for (file, g) in gold.as_object().unwrap() {
        let a = article(&store, file);
        for s in g["must_contain"].as_array().unwrap() {
            assert!(a.body.contains(s.as_str().unwrap()), "{file}: lost {s}");
        }
        for s in g["must_not_contain"].as_array().unwrap() {
            assert!(!a.body.contains(s.as_str().unwrap()), "{file}: kept {s}");
        }
    }
}

/// Every sentence of a seed's raw text that is article prose (ends like a sentence, 8+ words) must
/// survive cleaning, apart from lines the gold lists as boilerplate.
#[test]
fn no_prose_sentence_of_a_seed_is_lost() {
    let (store, gold) = seeds();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
    for (file, g) in gold.as_object().unwrap() {
        let a = article(&store, file);
        let raw = std::fs::read_to_string(root.join(file)).unwrap();
        let dropped: Vec<&str> = g["must_not_contain"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        for line in raw.lines().map(str::trim) {
            let prose = line.split_whitespace().count() >= 8
                && line.trim_end().ends_with(['.', '!', '?', '»']);
            if !prose || dropped.iter().any(|d| line.contains(d)) {
                continue;
            }
            // Footer prose of the outlet ("Notre équipe …") is not the article's.
            if line.contains(a.meta.source.as_deref().unwrap_or("\u{0}")) && !a.body.contains(line)
            {
                continue;
            }
            let label_free = line.split_once(": ").map_or(line, |(l, rest)| {
                if l.split_whitespace().count() <= 4 {
                    rest
                } else {
                    line
                }
            });
            let kept = a.body.contains(line) || a.body.contains(label_free) || a.meta.title == line;
            assert!(kept, "{file}: lost line {line:?}");
        }
    }
}
