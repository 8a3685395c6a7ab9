//! The views, action by action: switching, each view's own filter, a speaker's quotes, a quote's
//! article, a row's printings, the back stack, the quote panel's order and "also in" list, and
//! what `y` copies.

use super::*;
use crate::corpus::state::ReaderState;
use crate::corpus::{Origin, Store};
use crate::tui::app::views::Item;
use crate::tui::fixtures::views_app;
use crate::tui::keymap::Context;
use crate::tui::theme::Theme;

fn typed(app: &mut App, query: &str) {
    app.update(Action::FilterOpen);
    for c in query.chars() {
        app.update(Action::FilterInput(c));
    }
    app.settle();
}

fn index_of(app: &App, id: &str) -> usize {
    app.library.index_of(id).unwrap()
}

/// The speaker of each row of the Quotes view, in order (printings left out).
fn row_speakers(app: &App) -> Vec<String> {
    let book = app.book.book().unwrap();
    app.screen
        .quotes_view
        .items
        .iter()
        .filter(|i| matches!(i, Item::Row(_)))
        .map(|i| {
            let s = book.rows()[i.row() as usize].speaker.unwrap();
            book.speakers()[s as usize].name.clone()
        })
        .collect()
}

fn selected_speaker(app: &App) -> String {
    let book = app.book.book().unwrap();
    let s = app.screen.speakers.selected().unwrap();
    book.speakers()[s as usize].name.clone()
}

/// Selects the row of the Quotes view whose words start with `words`.
fn select_row(app: &mut App, words: &str) {
    let at = app
        .screen
        .quotes_view
        .items
        .iter()
        .position(|&i| {
            app.printing_of(i)
                .is_some_and(|(a, q)| app.quotes_of(a)[q].text.starts_with(words))
        })
        .unwrap();
    app.screen.quotes_view.scroll.selected = at;
}

fn open_id(app: &App) -> String {
    app.screen
        .reader
        .article
        .map(|i| app.articles()[i].id.to_string())
        .unwrap_or_default()
}

#[test]
fn each_view_has_its_key_and_keeps_its_own_filter() {
    let mut app = views_app(120, 40);
    app.update(Action::ShowView(View::Quotes));
    app.settle();
    assert_eq!(app.context(), Context::QuotesView);
    assert_eq!(row_speakers(&app).len(), 6);
    typed(&mut app, "routes");
    assert_eq!(row_speakers(&app), ["un responsable local"]);
    app.update(Action::FilterAccept);
    app.update(Action::ShowView(View::Speakers));
    app.settle();
    assert_eq!(app.context(), Context::SpeakersView);
    assert_eq!(app.screen.speakers.filter.query, "");
    assert_eq!(app.screen.speakers.results.speakers.len(), 4);
    typed(&mut app, "awa");
    assert_eq!(app.screen.speakers.results.speakers.len(), 1);
    app.update(Action::ShowView(View::Quotes));
    assert_eq!(app.screen.quotes_view.filter.query, "routes");
    app.update(Action::ShowView(View::Articles));
    assert_eq!(app.context(), Context::List);
    assert_eq!(app.filter.query, "");
}

#[test]
fn the_quotes_filter_finds_words_and_speakers_whatever_the_accents_and_case() {
    let mut app = views_app(120, 40);
    app.update(Action::ShowView(View::Quotes));
    typed(&mut app, "keita");
    assert_eq!(
        row_speakers(&app).first().map(String::as_str),
        Some("Moussa Keïta")
    );
    let named = app.screen.quotes_view.results.named.unwrap();
    assert_eq!(
        app.book.book().unwrap().speakers()[named as usize].name,
        "Moussa Keïta"
    );
    app.update(Action::FilterCancel);
    typed(&mut app, "SOUVERAINETE");
    assert_eq!(row_speakers(&app), ["Moussa Keïta"]);
    app.update(Action::FilterCancel);
    typed(&mut app, "l'ete");
    assert_eq!(row_speakers(&app), ["un diplomate"]);
}

#[test]
fn enter_on_a_speaker_shows_exactly_their_quotes_until_escape() {
    let mut app = views_app(120, 40);
    app.update(Action::ShowView(View::Speakers));
    app.settle();
    // The most quoted first.
    assert_eq!(selected_speaker(&app), "Awa Traoré");
    app.update(Action::Down);
    assert_eq!(selected_speaker(&app), "Moussa Keïta");
    app.update(Action::Open);
    app.settle();
    assert_eq!(app.screen.view, View::Quotes);
    assert!(app.screen.quotes_view.speaker.is_some());
    assert_eq!(row_speakers(&app), ["Moussa Keïta"]);
    // Their quote printed three times shows its three printings at once.
    let printings = app
        .screen
        .quotes_view
        .items
        .iter()
        .filter(|i| matches!(i, Item::Printing(..)))
        .count();
    assert_eq!(printings, 3);
    app.update(Action::Back);
    app.settle();
    assert!(app.screen.quotes_view.speaker.is_none());
    assert_eq!(row_speakers(&app).len(), 6);
}

#[test]
fn enter_on_a_quote_opens_its_article_at_the_quote_marked_and_selected_in_the_panel() {
    let mut app = views_app(120, 40);
    app.update(Action::ShowView(View::Quotes));
    app.settle();
    select_row(&mut app, "Les routes du nord");
    app.update(Action::Open);
    assert_eq!(app.screen.view, View::Articles);
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(open_id(&app), "r2");
    let quotes = app.quotes_of(index_of(&app, "r2"));
    let q = quotes
        .iter()
        .position(|q| q.text.starts_with("Les routes"))
        .unwrap();
    assert_eq!(app.reader.marked, Some(q));
    assert_eq!(app.screen.selected_quote(), (q, 0));
    assert!(
        app.state.read.contains("r2"),
        "opened is read, as from the list"
    );
}

#[test]
fn a_printing_opens_its_own_article_at_the_quote() {
    let mut app = views_app(120, 40);
    app.update(Action::ShowView(View::Speakers));
    app.settle();
    app.update(Action::Down);
    app.update(Action::Open);
    app.settle();
    // The row, then its printings, the first printing first (1 March, Sahel Hebdo).
    app.update(Action::Bottom);
    assert!(matches!(
        app.screen.quotes_view.selected(),
        Some(Item::Printing(_, 2))
    ));
    app.update(Action::Open);
    assert_eq!(open_id(&app), "r3");
    assert_eq!(app.reader.marked, Some(0));
}

#[test]
fn space_and_the_arrows_open_and_close_a_rows_printings() {
    let mut app = views_app(120, 40);
    app.update(Action::ShowView(View::Quotes));
    app.settle();
    select_row(&mut app, "Nous ne céderons");
    let row = app.screen.quotes_view.selected().unwrap();
    assert_eq!(app.screen.quotes_view.items.len(), 6);
    app.update(Action::ToggleExpand);
    assert_eq!(app.screen.quotes_view.items.len(), 9);
    assert_eq!(app.screen.quotes_view.selected(), Some(row));
    // → on an open row goes to its first printing, ← goes back up, ← again closes it.
    app.update(Action::Expand);
    assert!(matches!(
        app.screen.quotes_view.selected(),
        Some(Item::Printing(_, 0))
    ));
    app.update(Action::Collapse);
    assert_eq!(app.screen.quotes_view.selected(), Some(row));
    app.update(Action::Collapse);
    assert_eq!(app.screen.quotes_view.items.len(), 6);
    // A quote printed once has nothing to open.
    app.update(Action::Top);
    app.update(Action::ToggleExpand);
    assert_eq!(app.screen.quotes_view.items.len(), 6);
}

#[test]
fn back_returns_to_each_place_left_with_its_filter_and_selection() {
    let mut app = views_app(120, 40);
    app.update(Action::ShowView(View::Speakers));
    typed(&mut app, "kei");
    app.update(Action::FilterAccept);
    assert_eq!(selected_speaker(&app), "Moussa Keïta");
    app.update(Action::Open);
    app.settle();
    app.update(Action::Down);
    let printing = app.screen.quotes_view.selected();
    assert!(matches!(printing, Some(Item::Printing(_, 0))));
    app.update(Action::Open);
    assert_eq!(app.screen.view, View::Articles);
    assert_eq!(open_id(&app), "r2");

    app.update(Action::GoBack);
    app.settle();
    assert_eq!(app.screen.view, View::Quotes);
    assert!(app.screen.quotes_view.speaker.is_some());
    assert_eq!(app.screen.quotes_view.selected(), printing);

    app.update(Action::GoBack);
    app.settle();
    assert_eq!(app.screen.view, View::Speakers);
    assert_eq!(app.screen.speakers.filter.query, "kei");
    assert_eq!(selected_speaker(&app), "Moussa Keïta");

    app.update(Action::GoBack);
    assert_eq!(app.screen.view, View::Articles);
    app.update(Action::GoBack);
    assert_eq!(app.screen.message(), Some("nowhere to go back to"));
}

#[test]
fn back_restores_the_articles_view_as_it_was() {
    let mut app = views_app(120, 40);
    typed(&mut app, "routes");
    app.update(Action::FilterAccept);
    app.update(Action::Open);
    app.update(Action::PageDown);
    let (open, anchor) = (open_id(&app), app.reader.anchor);
    app.update(Action::ShowView(View::Quotes));
    app.settle();
    select_row(&mut app, "La porte");
    app.update(Action::Open);
    assert_eq!(open_id(&app), "r5");
    app.update(Action::GoBack);
    app.update(Action::GoBack);
    app.settle();
    assert_eq!(app.screen.view, View::Articles);
    assert_eq!(app.filter.query, "routes");
    assert_eq!(open_id(&app), open);
    assert_eq!(app.reader.anchor, anchor);
    assert_eq!(app.focus, Focus::Reader);
}

/// Opens article `id` from the list and focuses the quote panel.
fn open_in_panel(app: &mut App, id: &str) {
    let i = index_of(app, id);
    let row = app.list.matches.iter().position(|m| m.index == i).unwrap();
    app.select_row(row);
    app.update(Action::Open);
    app.focus = Focus::Quotes;
}

#[test]
fn an_also_in_article_opens_at_the_same_quote() {
    let mut app = views_app(120, 40);
    open_in_panel(&mut app, "r1");
    let (q, _) = app.screen.selected_quote();
    let quotes = app.quotes_of(index_of(&app, "r1"));
    assert!(quotes[q].text.starts_with("Nous ne céderons"));
    let other = quotes[q].also_in[0].to_string();
    // → opens the list, → again selects its first article, Enter follows it.
    app.update(Action::Expand);
    assert!(app.screen.panel().open);
    app.update(Action::Expand);
    assert_eq!(app.screen.selected_quote(), (q, 1));
    app.update(Action::Open);
    assert_eq!(open_id(&app), other);
    let (there, sub) = app.screen.selected_quote();
    assert_eq!(sub, 0);
    let quotes = app.quotes_of(index_of(&app, &other));
    assert!(quotes[there].text.starts_with("Nous ne céderons"));
    assert_eq!(app.reader.marked, Some(there));
    assert_eq!(app.focus, Focus::Quotes);
    app.update(Action::GoBack);
    assert_eq!(open_id(&app), "r1");
}

#[test]
fn the_speaker_the_filter_names_comes_first_in_the_panel() {
    let mut app = views_app(120, 40);
    typed(&mut app, "responsable");
    assert_eq!(open_id(&app), "r2");
    let quotes = app.quotes_of(index_of(&app, "r2"));
    // In the text, Moussa Keïta speaks first.
    assert_eq!(quotes[0].speaker.as_deref(), Some("Moussa Keïta"));
    assert_eq!(
        app.screen.panel().named.as_deref(),
        Some("un responsable local")
    );
    assert_eq!(app.screen.panel().order, [1, 0]);
    assert_eq!(app.screen.selected_quote(), (1, 0));
    // Enter marks the quote shown first, the named speaker's.
    app.focus = Focus::Quotes;
    app.update(Action::Open);
    assert_eq!(app.reader.marked, Some(1));
    // No name in the query: the article's order.
    app.update(Action::FilterCancel);
    typed(&mut app, "nord");
    assert_eq!(app.screen.panel().named, None);
    assert!(app.screen.panel().order.is_empty());
}

#[test]
fn y_copies_the_selected_quotes_citation_or_the_articles_reference() {
    let mut app = views_app(120, 40);
    app.update(Action::ShowView(View::Quotes));
    app.settle();
    select_row(&mut app, "Les routes du nord");
    app.update(Action::Copy);
    let clip = app.take_clip().unwrap();
    let r2 = index_of(&app, "r2");
    let quote = app
        .quotes_of(r2)
        .iter()
        .find(|q| q.text.starts_with("Les routes"))
        .unwrap();
    assert_eq!(clip.what, "citation");
    assert_eq!(clip.text, cite::quote_citation(&app.articles()[r2], quote));
    assert!(clip.text.starts_with("«\u{a0}Les routes du nord restent fermées\u{a0}» — un responsable local, Sahel Hebdo, 2025-03-01"), "{}", clip.text);
    app.copied(&clip, Ok(()));
    assert!(
        app.screen
            .message()
            .unwrap()
            .starts_with("Copied citation: «"),
        "{:?}",
        app.screen.message()
    );
    assert!(app.take_clip().is_none(), "taken once");

    app.update(Action::ShowView(View::Articles));
    app.update(Action::Copy);
    let clip = app.take_clip().unwrap();
    let listed = app.list.selected_article().unwrap();
    assert_eq!(clip.what, "reference");
    assert_eq!(clip.text, cite::reference_text(&app.articles()[listed]));
    app.copied(&clip, Err("`wl-copy` failed".into()));
    assert!(app.screen.message().unwrap().contains("wl-copy"));

    app.update(Action::ShowView(View::Speakers));
    app.update(Action::Copy);
    assert!(app.take_clip().is_none());
    assert!(app.screen.message().unwrap().contains("y copies"));
}

#[test]
fn a_quote_taller_than_the_panel_scrolls_row_by_row_then_moves_on() {
    let long = format!("« {} »", "Nous tiendrons parole, ".repeat(60).trim_end());
    let body = format!("{long}, a déclaré Moussa Keïta.\n\n« Fin », a-t-il ajouté.");
    let store = Store::from_files(
        Origin::Embedded,
        vec![(
            "long.txt".into(),
            format!("+++\ntitle = \"Long\"\ndate = 2025-01-01\n+++\n{body}").into_bytes(),
        )],
    );
    let quotes = vec![crate::corpus::quote::extract_article(
        &store.articles()[0],
        &Default::default(),
    )];
    assert_eq!(quotes[0].len(), 2, "{:?}", quotes[0]);
    let mut app = App::new(store, quotes, ReaderState::default(), Theme::new(false)).unwrap();
    // A quote panel shorter than the quote (at 120x40 the panel beside the reader has 36 rows).
    app.update(Action::Resize(80, 24));
    app.update(Action::Open);
    app.focus = Focus::Quotes;
    app.update(Action::Down);
    assert_eq!(app.screen.selected_quote(), (0, 0));
    assert_eq!(app.screen.panel().line, 1);
    for _ in 0..200 {
        app.update(Action::Down);
    }
    assert_eq!(app.screen.selected_quote(), (1, 0));
    app.update(Action::Up);
    assert_eq!(app.screen.selected_quote(), (0, 0));
    app.update(Action::Up);
    assert_eq!(app.screen.selected_quote(), (0, 0));
}

#[test]
fn the_mouse_switches_tabs_selects_rows_and_scrolls_in_the_views() {
    let mut app = views_app(120, 40);
    app.update(Action::ShowView(View::Quotes));
    app.settle();
    // The title row: ` 1 Articles ━ ▶ 2 Quotes ━ 3 Speakers `, from the column after the corner.
    app.update(Action::Click { x: 30, y: 0 });
    app.settle();
    assert_eq!(app.screen.view, View::Speakers);
    // Under the frame and the header line, one row per line in a wide table.
    app.update(Action::Click { x: 10, y: 4 });
    assert_eq!(app.screen.speakers.scroll.selected, 2);
    app.update(Action::Scroll {
        x: 10,
        y: 4,
        down: true,
    });
    assert_eq!(app.screen.speakers.scroll.selected, 3);
    app.update(Action::Click { x: 3, y: 0 });
    assert_eq!(app.screen.view, View::Articles);
    // Back goes through the tabs clicked.
    app.update(Action::GoBack);
    assert_eq!(app.screen.view, View::Speakers);
    // The article list's title row holds the same tabs: ` ▶ 1 Articles ━ 2 Quotes ━ 3 Speakers `.
    app.update(Action::ShowView(View::Articles));
    app.update(Action::Click { x: 20, y: 0 });
    app.settle();
    assert_eq!(app.screen.view, View::Quotes);
}
