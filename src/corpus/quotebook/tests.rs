//! Quotebook tests, on small corpora written for them.

use super::*;
use crate::corpus::quote::QuoteIndex;
use crate::corpus::store::{Origin, Store};

fn article(name: &str, date: &str, source: &str, body: &str) -> (String, Vec<u8>) {
    let text = format!(
        "+++\ntitle = \"{name}\"\ndate = \"{date}\"\nsource = \"{source}\"\n+++\n\n{body}\n"
    );
    (format!("{name}.txt"), text.into_bytes())
}

fn book(files: Vec<(String, Vec<u8>)>) -> (Store, Quotebook) {
    let store = Store::from_files(Origin::Embedded, files);
    let index = QuoteIndex::build(&store);
    let quotes: Vec<Vec<Quote>> = store
        .articles()
        .iter()
        .map(|a| index.quotes(&a.id).to_vec())
        .collect();
    let book = Quotebook::build(store.articles(), &quotes, |n| index.aliases_of(n));
    (store, book)
}

const REPRINTED: &str = "« Nous ne céderons rien sur la souveraineté de nos trois pays », a déclaré Moussa Keïta devant la presse.";

fn corpus() -> (Store, Quotebook) {
    book(vec![
        article("a1", "2025-03-02", "Le Relais", REPRINTED),
        article(
            "a2",
            "2025-03-01",
            "Sahel Hebdo",
            &format!(
                "{REPRINTED} « Les routes du nord restent fermées », a ajouté un responsable local."
            ),
        ),
        article("a3", "2025-05-10", "Le Relais", REPRINTED),
        article(
            "a4",
            "2024-11-20",
            "Radio Dune",
            "« Le dialogue reste possible », a affirmé Awa Traoré lors d’un point de presse. « Personne ne l’a rompu », a-t-elle ajouté.",
        ),
    ])
}

fn quote_text(book: &Quotebook, row: u32) -> String {
    let (store, _) = corpus();
    let index = QuoteIndex::build(&store);
    let (a, q) = book.rows()[row as usize].first;
    index.quotes(&store.articles()[a as usize].id)[q as usize]
        .text
        .clone()
}

#[test]
fn the_same_words_in_three_outlets_are_one_row_dated_by_its_first_printing() {
    let (store, book) = corpus();
    let reprinted: Vec<&Row> = book.rows().iter().filter(|r| !r.also.is_empty()).collect();
    assert_eq!(reprinted.len(), 1, "{:?}", book.rows());
    let row = reprinted[0];
    assert_eq!(row.also.len(), 2);
    // Sahel Hebdo printed it first (1 March), before Le Relais (2 March, 10 May).
    let first = &store.articles()[row.first.0 as usize];
    assert_eq!(first.meta.source.as_deref(), Some("Sahel Hebdo"));
    assert_eq!(
        row.date.map(|d| d.to_string()).as_deref(),
        Some("2025-03-01")
    );
    // Five quotes in all: the reprinted one, the minister's, and Awa Traoré's two.
    assert_eq!(book.rows().len(), 4);
}

#[test]
fn rows_come_newest_first() {
    let (_, book) = corpus();
    let dates: Vec<Option<PartialDate>> = book.rows().iter().map(|r| r.date).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}

#[test]
fn speakers_count_quotes_articles_outlets_and_months() {
    let (_, book) = corpus();
    let keita = book
        .speakers()
        .iter()
        .find(|s| s.name == "Moussa Keïta")
        .expect("Moussa Keïta is quoted");
    assert!(keita.named);
    assert_eq!(keita.quotes, 1, "one quote, however many outlets print it");
    assert_eq!(keita.articles, 3);
    assert_eq!(keita.outlets, ["Le Relais", "Sahel Hebdo"]);
    assert_eq!(
        keita.first.map(|d| d.to_string()).as_deref(),
        Some("2025-03-01")
    );
    let traore = book
        .speakers()
        .iter()
        .find(|s| s.name == "Awa Traoré")
        .expect("Awa Traoré is quoted");
    assert_eq!((traore.quotes, traore.articles), (2, 1));
    assert_eq!(traore.per_month, [2]);
}

#[test]
fn a_sparkline_counts_every_month_between_the_first_and_the_last() {
    let months: BTreeMap<(u16, u8), u32> = [((2024, 11), 2), ((2025, 2), 1)].into();
    assert_eq!(sparkline(&months), [2, 0, 0, 1]);
    let far: BTreeMap<(u16, u8), u32> = [((1990, 1), 1), ((2025, 1), 3)].into();
    let line = sparkline(&far);
    assert_eq!(line.len(), MAX_MONTHS);
    assert_eq!(line.last(), Some(&3));
    assert!(sparkline(&BTreeMap::new()).is_empty());
}

#[test]
fn a_speaker_typed_without_accents_or_case_or_in_part_lists_their_quotes_first() {
    let (_, book) = corpus();
    for query in ["traore", "TRAORÉ", "awa traore", "atraore"] {
        let (rows, named) = book.filter_rows(query);
        let named = named.expect("a speaker is named");
        assert_eq!(
            book.speakers()[named as usize].name,
            "Awa Traoré",
            "{query}"
        );
        assert_eq!(rows.len(), 2, "{query}");
        assert!(
            rows.iter()
                .all(|&r| book.rows()[r as usize].speaker == Some(named))
        );
    }
    let (rows, _) = book.filter_rows("keita");
    assert_eq!(rows.len(), 1);
    assert!(quote_text(&book, rows[0]).starts_with("Nous ne céderons"));
}

#[test]
fn words_of_the_quote_filter_rows_by_word_prefix_all_required() {
    let (_, book) = corpus();
    let (rows, named) = book.filter_rows("souverain pays");
    assert_eq!(named, None);
    assert_eq!(rows.len(), 1);
    assert!(quote_text(&book, rows[0]).contains("souveraineté"));
    assert!(book.filter_rows("souverain zzz").0.is_empty());
    // An outlet is a word of the rows it printed.
    assert_eq!(book.filter_rows("radio dune").0.len(), 2);
    // The empty query shows everything.
    assert_eq!(book.filter_rows("  ").0.len(), book.rows().len());
}

#[test]
fn the_speakers_view_puts_the_most_quoted_first_and_filters_names_fuzzily() {
    let (_, book) = corpus();
    let all = book.filter_speakers("");
    assert_eq!(all.len(), book.speakers().len());
    let counts: Vec<usize> = all
        .iter()
        .map(|&s| book.speakers()[s as usize].quotes)
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    let found = book.filter_speakers("keita");
    assert_eq!(book.speakers()[found[0] as usize].name, "Moussa Keïta");
}

#[test]
fn row_of_finds_any_printing() {
    let (_, book) = corpus();
    for (r, row) in book.rows().iter().enumerate() {
        for (a, q) in row.printings() {
            assert_eq!(book.row_of(a, q), Some(r as u32));
        }
    }
}

#[test]
fn rows_of_one_date_keep_one_order_whatever_order_the_articles_arrived_in() {
    let files = vec![
        article(
            "b",
            "2025-06-01",
            "Le Relais",
            "« Les écoles rouvriront lundi », a annoncé Awa Traoré.",
        ),
        article(
            "a",
            "2025-06-01",
            "Radio Dune",
            "« Les marchés restent ouverts », a assuré Idrissa Maïga.",
        ),
        article(
            "c",
            "2025-06-01",
            "Sahel Hebdo",
            "« La saison des pluies commence tôt », a expliqué Fanta Koné.",
        ),
    ];
    let (store, _) = book(files);
    let index = QuoteIndex::build(&store);
    let quotes_of = |articles: &[Article]| -> Vec<Vec<Quote>> {
        articles
            .iter()
            .map(|a| index.quotes(&a.id).to_vec())
            .collect()
    };
    let speakers_in_order = |articles: &[Article]| -> Vec<String> {
        let quotes = quotes_of(articles);
        let book = Quotebook::build(articles, &quotes, |n| index.aliases_of(n));
        book.rows()
            .iter()
            .map(|r| {
                quotes[r.first.0 as usize][r.first.1 as usize]
                    .speaker
                    .clone()
                    .unwrap_or_default()
            })
            .collect()
    };
    let in_list_order = store.articles().to_vec();
    let mut arrived = in_list_order.clone();
    arrived.reverse();
    let first = speakers_in_order(&in_list_order);
    assert_eq!(first.len(), 3, "{first:?}");
    assert_eq!(first, speakers_in_order(&arrived));
    arrived.rotate_left(1);
    assert_eq!(first, speakers_in_order(&arrived));
}
