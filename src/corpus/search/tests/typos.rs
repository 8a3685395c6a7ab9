//! The typo-tolerant filter and the alias file's spellings, through the index: what typos find,
//! how they rank, what is highlighted.

use super::super::*;
use crate::corpus::quote::Aliases;
use crate::corpus::{Origin, Store};

fn corpus(files: &[(&str, &str, &str)]) -> Store {
    Store::from_files(
        Origin::Embedded,
        files
            .iter()
            .map(|(name, title, body)| {
                (
                    (*name).into(),
                    format!("+++\ntitle = \"{title}\"\nsource = \"Le Sahel\"\n+++\n{body}")
                        .into_bytes(),
                )
            })
            .collect(),
    )
}

fn ids(s: &Store, matches: &[Match]) -> Vec<String> {
    matches
        .iter()
        .map(|m| s.articles()[m.index].file.clone())
        .collect()
}

fn lavrov() -> Store {
    corpus(&[
        ("typo.txt", "Une note", "Le ministre Lavrow a parlé."),
        (
            "prefix.txt",
            "Une autre note",
            "La délégation Lavrovienne est venue.",
        ),
        ("exact.txt", "Encore une note", "Sergueï Lavrov a parlé."),
        ("none.txt", "Rien", "Rien à voir."),
    ])
}

#[test]
fn exact_words_rank_above_prefixes_and_prefixes_above_typos() {
    let s = lavrov();
    let m = Index::build(s.articles(), |_| &[]).search("lavrov");
    assert_eq!(ids(&s, &m), vec!["exact.txt", "prefix.txt", "typo.txt"]);
    assert_eq!(m.iter().map(|m| m.typos).collect::<Vec<_>>(), vec![0, 0, 1]);
}

#[test]
fn a_misspelt_word_finds_what_the_right_one_finds_below_any_exact_match() {
    let s = lavrov();
    let index = Index::build(s.articles(), |_| &[]);
    for typo in ["lavorv", "lavrow", "LAVROW", "lavrv"] {
        let m = index.search(typo);
        assert!(
            ["exact.txt", "prefix.txt"]
                .iter()
                .all(|f| ids(&s, &m).contains(&(*f).to_owned())),
            "{typo}: {:?}",
            ids(&s, &m)
        );
    }
    // `lavrow` is in one article as typed: it comes first, the others need a typo.
    let m = index.search("lavrow");
    assert_eq!((ids(&s, &m)[0].as_str(), m[0].typos), ("typo.txt", 0));
    assert!(m[1..].iter().all(|m| m.typos == 1 && m.score < TIER_FLOOR));
}

/// Every match without a typo scores at least this.
const TIER_FLOOR: i64 = 1_000_000;

#[test]
fn four_letters_allow_no_typo() {
    let s = corpus(&[("a.txt", "Le Mali", "Bamako, au Mali.")]);
    let index = Index::build(s.articles(), |_| &[]);
    assert_eq!(index.search("mali").len(), 1);
    assert!(index.search("mlai").is_empty());
    assert!(index.search("maly").is_empty());
}

#[test]
fn typos_are_forgiven_after_folding_case_and_accents() {
    let s = corpus(&[("a.txt", "Une note", "La sécurité du Sahel.")]);
    let index = Index::build(s.articles(), |_| &[]);
    for q in ["securtie", "securté", "SÉCURTÉ", "sécurtié"] {
        let m = index.search(q);
        assert_eq!(m.len(), 1, "{q}");
        assert_eq!(m[0].typos, 1, "{q}");
    }
}

#[test]
fn every_word_of_a_query_must_be_found_as_typed_or_with_its_typos() {
    let s = corpus(&[
        ("a.txt", "Une note", "Lavrov à Moscou."),
        ("b.txt", "Une autre", "Lavrov à Bamako."),
    ]);
    let index = Index::build(s.articles(), |_| &[]);
    let m = index.search("lavorv moscuo");
    assert_eq!(ids(&s, &m), vec!["a.txt"]);
    assert_eq!(m[0].typos, 2, "one per word");
}

#[test]
fn titles_found_with_typos_rank_above_bodies_found_with_as_many() {
    let s = corpus(&[
        ("body.txt", "Une note", "Le sommet de Niamey."),
        ("title.txt", "Le sommet de Niamey", "Rien."),
    ]);
    let m = Index::build(s.articles(), |_| &[]).search("niamye");
    assert_eq!(ids(&s, &m), vec!["title.txt", "body.txt"]);
    assert!(m[0].fields.contains(SearchField::Title));
}

#[test]
fn outlets_are_matched_with_typos_too() {
    let s = corpus(&[("a.txt", "Une note", "Rien.")]);
    let m = Index::build(s.articles(), |_| &[]).search("shael");
    assert_eq!(m.len(), 1);
    assert!(m[0].fields.contains(SearchField::Outlet));
    assert_eq!(m[0].typos, 1);
}

fn belousov() -> (Store, Index) {
    let s = corpus(&[
        (
            "a.txt",
            "Une note",
            "Le ministre Andreï Biélooussov a parlé.",
        ),
        ("b.txt", "Une autre", "Rien à voir."),
    ]);
    let aliases = Aliases::parse(
        "[[person]]\nname = \"Andreï Biélooussov\"\naliases = [\"Andrei Belousov\"]\n",
    )
    .unwrap();
    let mut index = Index::build(s.articles(), |_| &[]);
    index.set_names(NameWords::from_aliases(&aliases));
    (s, index)
}

#[test]
fn an_alias_file_spelling_finds_the_name_as_printed_with_no_typo() {
    let (s, index) = belousov();
    let m = index.search("belousov");
    assert_eq!(ids(&s, &m), vec!["a.txt"]);
    assert_eq!(m[0].typos, 0);
    assert!(m[0].score >= TIER_FLOOR, "as good as the word itself");
}

#[test]
fn an_alias_file_spelling_highlights_the_name_as_printed() {
    let (s, index) = belousov();
    let body = &s.articles()[0].body;
    let hits = Highlighter::new("belousov", &index.names()).find(body);
    let found: Vec<&str> = hits.iter().map(|r| &body[r.clone()]).collect();
    assert_eq!(found, vec!["Biélooussov"]);
    assert!(
        find_hits(body, "belousov").is_empty(),
        "without the alias file: nothing"
    );
}

#[test]
fn typos_are_highlighted_only_where_the_word_is_not_found_as_typed() {
    let text = "Lavrow et Lavrov.";
    let found = |q: &str| -> Vec<&str> {
        find_hits(text, q)
            .iter()
            .map(|r| &text[r.clone()])
            .collect()
    };
    assert_eq!(found("lavrov"), vec!["Lavrov"]);
    assert_eq!(found("lavorv"), vec!["Lavrov"]);
    assert_eq!(found("lavrox"), vec!["Lavrow", "Lavrov"]);
    let text = "La sécurité.";
    let hits = find_hits(text, "securtie");
    assert_eq!(
        hits.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
        vec!["sécurité"]
    );
}

#[test]
fn a_title_found_with_typos_highlights_the_words_reached() {
    let title = "Le sommet de Niamey";
    let chars: Vec<char> = title.chars().collect();
    let picked: String = title_highlights(&Skim::default(), title, "niamye")
        .iter()
        .map(|&i| chars[i])
        .collect();
    assert_eq!(picked, "Niamey");
}
