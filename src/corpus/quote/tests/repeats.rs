//! The same quote twice: in the title and the body, in several articles (links), and the
//! spellings the alias file makes one; headline speakers.

use super::*;

#[test]
fn the_same_quote_in_title_and_body_is_one_quote_with_two_places() {
    let article = ingest("t.txt", "Diop : « Nous resterons unis face aux menaces »\n\nLe ministre Abdoulaye Diop a parlé. « Nous resterons unis face aux menaces », a-t-il déclaré.".as_bytes()).unwrap().article;
    let q = extract_article(&article, &Aliases::default());
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].field, Field::Body);
    assert_eq!(q[0].also_at.len(), 1);
    assert_eq!(q[0].speaker.as_deref(), Some("Abdoulaye Diop"));
}

#[test]
fn a_headline_quote_takes_the_speaker_of_the_body_quote_it_summarises() {
    let article = ingest("t.txt", "Le Mali veut « une armée plus forte »\n\nLe président Assimi Goïta a parlé. « Nous voulons une armée plus forte et mieux équipée », a-t-il déclaré.".as_bytes()).unwrap().article;
    let q = extract_article(&article, &Aliases::default());
    assert_eq!(q[0].field, Field::Title);
    assert_eq!(q[0].speaker.as_deref(), Some("Assimi Goïta"));
}

#[test]
fn aliases_give_one_spelling_across_articles() {
    let aliases = Aliases::parse(
        "[[person]]\nname = \"Andreï Biélooussov\"\naliases = [\"Andrei Belousov\"]\n",
    )
    .unwrap();
    let article = ingest(
        "t.txt",
        "Titre\n\n« Nous resterons présents », a déclaré Andrei Belousov.".as_bytes(),
    )
    .unwrap()
    .article;
    let q = extract_article(&article, &aliases);
    assert_eq!(q[0].speaker.as_deref(), Some("Andreï Biélooussov"));
}

#[test]
fn the_same_quote_in_two_articles_is_linked_despite_small_differences() {
    let store = Store::from_files(
        Origin::Embedded,
        vec![
            ("a.txt".into(), "Titre A\n\n« Notre coopération militaire s’intensifie de jour en jour avec le Mali », a déclaré Sergueï Lavrov.".into()),
            ("b.txt".into(), "Titre B\n\n\"Notre coopération militaire s'intensifie de jour en jour avec le Mali\", a dit Sergueï Lavrov.".into()),
            ("c.txt".into(), "Titre C\n\n« Rien à voir avec la citation précédente ici », a dit Awa Keïta.".into()),
        ],
    );
    let index = QuoteIndex::build(&store);
    let a = &index.quotes(&ArticleId("a".into()))[0];
    assert_eq!(a.also_in, [ArticleId("b".into())]);
    assert!(index.quotes(&ArticleId("c".into()))[0].also_in.is_empty());
}

#[test]
fn a_quote_reprinted_widely_names_the_first_articles_and_counts_them_all() {
    let files = (0..100)
        .map(|i| {
            (
                format!("a{i:03}.txt"),
                format!("Titre {i}\n\n« Notre coopération militaire s’intensifie de jour en jour avec le Mali », a déclaré Sergueï Lavrov.").into_bytes(),
            )
        })
        .collect();
    let store = Store::from_files(Origin::Embedded, files);
    let index = QuoteIndex::build(&store);
    let q = &index.quotes(&ArticleId("a050".into()))[0];
    assert_eq!(q.also_in_count, 99);
    assert_eq!(q.also_in.len(), MAX_ALSO_IN);
    assert_eq!(q.also_in[0], ArticleId("a000".into()));
    assert!(!q.also_in.contains(&ArticleId("a050".into())));
}

#[test]
fn links_compare_each_distinct_text_once_and_skip_same_article_copies() {
    let long = word_hashes("notre coopération militaire s’intensifie de jour en jour");
    let close =
        word_hashes("notre coopération militaire s’intensifie de jour en jour avec le Mali");
    let other = word_hashes("rien à voir avec la citation précédente ici");
    let mut linker = Linker::default();
    linker.add(0, 0, &long);
    linker.add(0, 1, &long);
    linker.add(1, 0, &close);
    linker.add(2, 0, &other);
    let got = linker.finish();
    let others: Vec<(u64, usize, Vec<u64>)> = got
        .iter()
        .map(|l| (l.article, l.quote, l.others.clone()))
        .collect();
    assert_eq!(
        others,
        [(0, 0, vec![1]), (0, 1, vec![1]), (1, 0, vec![0])],
        "{got:?}"
    );
}

#[test]
fn a_headline_section_label_is_not_a_speaker() {
    let q = pairs(
        "Diplomatie : « Le dialogue reste la seule voie possible », Moussa Faki\n\nLe président de la Commission, Moussa Faki, s’est exprimé à Addis-Abeba.",
    );
    assert_eq!(
        q,
        [said(
            "Le dialogue reste la seule voie possible",
            "Moussa Faki"
        )]
    );
}
