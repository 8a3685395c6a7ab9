//! Search behaviour on a small made-up corpus.

use std::sync::Arc;

use super::*;
use crate::corpus::article::order_key;
use crate::corpus::quote::{Field, Quote, QuoteKind};
use crate::corpus::{Origin, PartialDate, Store};

fn store() -> Store {
    Store::from_files(
        Origin::Embedded,
        vec![
            (
                "a.txt".into(),
                "+++\ntitle = \"La coopération militaire\"\nsource = \"DW\"\n+++\nSergueï Lavrov a parlé de la sécurité du Sahel et de l’État malien.".as_bytes().to_vec(),
            ),
            (
                "b.txt".into(),
                "+++\ntitle = \"Sécurité au Sahel\"\nsource = \"abamako.com\"\nauthor = \"K. Mamadou\"\n+++\nUn texte sur autre chose, une phrase.".as_bytes().to_vec(),
            ),
            (
                "c.txt".into(),
                "+++\ntitle = \"Un sommet à Moscou\"\n+++\nLe ministre a parlé longuement.".as_bytes().to_vec(),
            ),
        ],
    )
}

fn searcher(store: &Store) -> Index {
    Index::build(store.articles(), |_| &[])
}

fn titles(store: &Store, matches: &[Match]) -> Vec<String> {
    matches
        .iter()
        .map(|m| store.articles()[m.index].meta.title.clone())
        .collect()
}

#[test]
fn empty_query_keeps_corpus_order() {
    let s = store();
    let m = searcher(&s).search("  ");
    assert_eq!(m.iter().map(|m| m.index).collect::<Vec<_>>(), vec![0, 1, 2]);
}

#[test]
fn accents_and_case_are_ignored_and_title_hits_rank_first() {
    let s = store();
    let m = searcher(&s).search("securite");
    assert_eq!(
        titles(&s, &m),
        vec!["Sécurité au Sahel", "La coopération militaire"]
    );
    assert!(m[0].fields.contains(SearchField::Title));
    assert_eq!(
        m[1].fields.iter().collect::<Vec<_>>(),
        vec![SearchField::Body]
    );
    assert!(m[0].score > m[1].score);
}

#[test]
fn apostrophes_fold_so_l_etat_finds_the_curly_one() {
    let s = store();
    let m = searcher(&s).search("l'etat");
    assert_eq!(titles(&s, &m), vec!["La coopération militaire"]);
}

#[test]
fn a_multi_word_query_needs_every_word_in_the_body() {
    let s = store();
    let sr = searcher(&s);
    assert_eq!(sr.search("lavrov sahel").len(), 1);
    assert!(sr.search("lavrov moscou").is_empty());
}

#[test]
fn outlet_author_and_speaker_fields_match() {
    let s = store();
    let quotes = [vec![Quote {
        text: "Notre coopération s’intensifie".into(),
        kind: QuoteKind::Direct,
        speaker: Some("Sergueï Lavrov".into()),
        evidence: None,
        field: Field::Body,
        span: 0..1,
        sentence: 0..1,
        also_at: Vec::new(),
        also_in: Vec::new(),
        also_in_count: 0,
    }]];
    let sr = Index::build(s.articles(), |i| quotes.get(i).map_or(&[], Vec::as_slice));
    assert!(sr.search("abamako")[0].fields.contains(SearchField::Outlet));
    assert!(sr.search("mamadou")[0].fields.contains(SearchField::Author));
    // Fuzzy: a scattered but ordered abbreviation of the outlet.
    assert!(sr.search("abmko")[0].fields.contains(SearchField::Outlet));
    let m = sr.search("serguei lavrov");
    assert!(m[0].fields.contains(SearchField::Speaker));
}

#[test]
fn title_highlight_positions_are_char_indices_of_the_original() {
    let s = store();
    let m = searcher(&s).search("secu");
    let title = &s.articles()[m[0].index].meta.title;
    let chars: Vec<char> = title.chars().collect();
    let picked: String = title_highlights(&Skim::default(), title, "secu")
        .iter()
        .map(|&i| chars[i])
        .collect();
    assert_eq!(picked, "Sécu");
    // A scattered match highlights the letters the matcher picked.
    let picked: String = title_highlights(&Skim::default(), title, "sahl")
        .iter()
        .map(|&i| chars[i])
        .collect();
    assert_eq!(picked, "Sahl");
}

#[test]
fn hits_are_byte_ranges_of_the_original_text() {
    let text = "Voir l’État, puis l'etat et L’ÉTAT.";
    let hits = find_hits(text, "l'état");
    let found: Vec<&str> = hits.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(found, vec!["l’État", "l'etat", "L’ÉTAT"]);
}

#[test]
fn overlapping_hits_merge() {
    let hits = find_hits("sécurité", "secu curi");
    assert_eq!(hits.len(), 1);
}

#[test]
fn query_words_match_word_starts_not_inner_letters() {
    let s = store();
    let sr = searcher(&s);
    // `curite` is inside `sécurité` but starts no word.
    assert!(
        sr.search("parl")
            .iter()
            .any(|m| m.fields.contains(SearchField::Body))
    );
    assert!(
        sr.search("arle")
            .iter()
            .all(|m| !m.fields.contains(SearchField::Body))
    );
    let hits = find_hits("Il parle, parlera; reparle.", "parl");
    assert_eq!(hits, vec![3..7, 10..14]);
}

#[test]
fn articles_added_later_are_found_and_keep_list_order() {
    let s = store();
    let mut index = Index::default();
    let docs: Vec<SearchDoc> = s
        .articles()
        .iter()
        .enumerate()
        .map(|(i, a)| SearchDoc::new(a, &[], u32::try_from(i).unwrap()))
        .collect();
    let mut docs = docs.into_iter();
    index.add(docs.by_ref().take(1).collect());
    assert!(index.search("moscou").is_empty());
    index.add(docs.collect());
    assert_eq!(index.search("moscou").len(), 1);
    let all: Vec<usize> = index.search("").iter().map(|m| m.index).collect();
    assert_eq!(all, vec![0, 1, 2]);
}

#[test]
fn list_order_is_by_date_then_sequence_with_undated_last() {
    let d = |y, m, dd| PartialDate::new(y, m, dd);
    let mut keys = [
        order_key(None, 0),
        order_key(d(2025, Some(5), Some(12)), 3),
        order_key(d(2025, None, None), 9),
        order_key(d(2025, Some(5), Some(12)), 1),
        order_key(d(2024, Some(12), Some(31)), 7),
    ];
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            order_key(d(2024, Some(12), Some(31)), 7),
            order_key(d(2025, None, None), 9),
            order_key(d(2025, Some(5), Some(12)), 1),
            order_key(d(2025, Some(5), Some(12)), 3),
            order_key(None, 0),
        ]
    );
}

#[test]
fn a_first_page_comes_early_and_heads_the_complete_answer() {
    // 300 titles with the word, so the best page is known from titles alone; the others match in
    // the body or fuzzily, and rank below.
    let files = (0..600)
        .map(|i| {
            let title = match i % 3 {
                0 | 1 => format!("Sécurité au Sahel, épisode {i}"),
                _ => format!("Un sommet numéro {i}"),
            };
            (
                format!("a{i:03}.txt"),
                format!("+++\ntitle = \"{title}\"\n+++\nLa sécurité du Sahel, encore.")
                    .into_bytes(),
            )
        })
        .collect();
    let s = Store::from_files(Origin::Embedded, files);
    let index = searcher(&s);
    let mut pages = Vec::new();
    let all = index
        .search_progressive("securite", &|| false, Some(&mut |p| pages.push(p)))
        .unwrap();
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].len(), FIRST_PAGE);
    let head: Vec<usize> = all.iter().take(FIRST_PAGE).map(|m| m.index).collect();
    let page: Vec<usize> = pages[0].iter().map(|m| m.index).collect();
    assert_eq!(page, head);
    assert_eq!(all.len(), 600);
}

#[test]
fn no_first_page_when_titles_alone_cannot_fill_it() {
    let s = store();
    let mut pages = 0;
    let all = searcher(&s)
        .search_progressive("securite", &|| false, Some(&mut |_| pages += 1))
        .unwrap();
    assert_eq!(pages, 0);
    assert_eq!(all.len(), 2);
}

#[test]
fn queries_that_fold_alike_share_one_answer_from_the_cache() {
    let s = store();
    let index = searcher(&s);
    let first = index.search("sécurité");
    for same in ["securite", "SÉCURITÉ", " sécurité  "] {
        assert!(Arc::ptr_eq(&first, &index.search(same)), "{same:?}");
    }
    assert!(!Arc::ptr_eq(&first, &index.search("sécu")));
}

mod persist;
mod typos;
