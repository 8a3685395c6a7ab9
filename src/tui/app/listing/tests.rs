//! The list's keys: the order (`s`), unread only (`U`), marking all read (`M`) and undoing (`u`),
//! the next and previous article (`J`/`K`), and which URL `o` asks to open.

use crate::corpus::state::{ReaderState, Sort};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::fixtures::{app, quotes, store};
use crate::tui::layout::{Focus, View};
use crate::tui::theme::Theme;

fn ids(app: &App) -> Vec<String> {
    app.list
        .matches
        .iter()
        .map(|m| app.articles()[m.index].id.to_string())
        .collect()
}

fn open_id(app: &App) -> Option<String> {
    app.reader.article.map(|i| app.articles()[i].id.to_string())
}

#[test]
fn a_new_reader_lists_the_newest_article_first_and_says_so() {
    let s = store();
    let q = quotes(&s);
    let mut app = App::new(s, q, ReaderState::default(), Theme::new(false)).unwrap();
    app.update(Action::Resize(120, 40));
    assert_eq!(
        ids(&app),
        ["a", "b", "c"],
        "dated newest first, undated last"
    );
    assert_eq!(app.order_label(), "newest first");
    assert_eq!(
        open_id(&app).as_deref(),
        Some("a"),
        "the first row is previewed"
    );
}

#[test]
fn s_cycles_the_orders_keeps_the_article_and_saves_the_choice() {
    let mut app = app(120, 40);
    assert_eq!(ids(&app), ["b", "a", "c"]);
    let mut seen = Vec::new();
    for _ in 0..5 {
        app.update(Action::CycleSort);
        assert!(app.take_save_request());
        assert_eq!(
            open_id(&app).as_deref(),
            Some("b"),
            "the selection follows the article"
        );
        seen.push((app.sort(), ids(&app)));
    }
    let want = [
        (Sort::Outlet, ["a", "b", "c"]),
        (Sort::Quotes, ["a", "b", "c"]),
        (Sort::Title, ["b", "a", "c"]),
        (Sort::Newest, ["a", "b", "c"]),
        (Sort::Oldest, ["b", "a", "c"]),
    ];
    for ((sort, ids), (want_sort, want_ids)) in seen.iter().zip(want) {
        assert_eq!(*sort, want_sort);
        assert_eq!(ids, &want_ids, "{sort:?}");
    }
    assert_eq!(app.state.sort, Some(Sort::Oldest));
    assert_eq!(app.take_changes().sort, Some(Sort::Oldest));
}

#[test]
fn a_typed_filter_ranks_by_match_whatever_the_order() {
    let mut app = app(120, 40);
    app.update(Action::FilterOpen);
    for c in "la".chars() {
        app.update(Action::FilterInput(c));
    }
    app.settle();
    let ranked = ids(&app);
    app.update(Action::FilterAccept);
    app.update(Action::CycleSort);
    app.settle();
    assert_eq!(ids(&app), ranked);
    assert_eq!(app.order_label(), "best match first");
    assert!(
        app.message()
            .is_some_and(|m| m.contains("once the filter is cleared"))
    );
}

#[test]
fn u_upper_lists_unread_articles_only_but_keeps_the_one_open() {
    let mut app = app(120, 40);
    app.update(Action::Open); // b, read now
    app.update(Action::ToggleUnread);
    assert!(app.unread_only());
    assert_eq!(ids(&app), ["b", "a", "c"], "the open article stays listed");
    assert_eq!(app.order_label(), "unread, oldest first");
    app.update(Action::NextArticle); // a, read now; b goes
    app.update(Action::ToggleUnread);
    app.update(Action::ToggleUnread);
    assert_eq!(ids(&app), ["a", "c"]);
    app.update(Action::ToggleUnread);
    assert_eq!(ids(&app), ["b", "a", "c"]);
}

#[test]
fn m_upper_marks_every_listed_article_read_and_u_restores_the_marks() {
    let mut app = app(120, 40);
    app.update(Action::Down);
    app.update(Action::Open); // a read before M
    app.take_save_request();
    app.update(Action::MarkAllRead);
    assert_eq!(app.read_count(), 3);
    assert!(app.take_save_request());
    assert!(
        app.message()
            .is_some_and(|m| m.starts_with("marked 2 articles read"))
    );
    app.update(Action::UndoMarks);
    assert_eq!(app.read_count(), 1);
    assert!(
        app.state.read.contains("a"),
        "a was read before M: it stays"
    );
    assert!(app.take_save_request());
    let saved = app.take_changes();
    assert_eq!(saved.read.get("b"), Some(&false));
    app.update(Action::UndoMarks);
    assert!(
        app.message()
            .is_some_and(|m| m.starts_with("nothing to undo"))
    );
}

#[test]
fn u_undoes_a_single_m_too() {
    let mut app = app(120, 40);
    app.update(Action::Open);
    app.update(Action::ToggleRead);
    assert!(!app.state.read.contains("b"));
    app.update(Action::UndoMarks);
    assert!(app.state.read.contains("b"));
}

#[test]
fn j_and_k_upper_open_the_next_and_previous_article_from_the_reader() {
    let mut app = app(120, 40);
    app.update(Action::Open);
    assert_eq!(app.focus, Focus::Reader);
    app.take_save_request();
    app.update(Action::NextArticle);
    assert_eq!(open_id(&app).as_deref(), Some("a"));
    assert_eq!(app.focus, Focus::Reader);
    assert!(
        app.state.read.contains("a"),
        "opened as Enter opens: marked read"
    );
    assert!(app.take_save_request());
    app.update(Action::NextArticle);
    app.update(Action::NextArticle);
    assert_eq!(open_id(&app).as_deref(), Some("c"));
    assert!(app.message().is_some_and(|m| m.contains("last article")));
    app.update(Action::PrevArticle);
    assert_eq!(open_id(&app).as_deref(), Some("a"));
    assert_eq!(app.list.selected, 1);
}

#[test]
fn j_upper_from_the_list_opens_the_next_article_in_the_reader() {
    let mut app = app(120, 40);
    app.update(Action::NextArticle);
    assert_eq!(open_id(&app).as_deref(), Some("a"));
    assert_eq!(app.focus, Focus::Reader);
}

#[test]
fn o_asks_to_open_the_articles_url_and_says_when_there_is_none() {
    let mut app = app(120, 40);
    app.update(Action::OpenUrl); // b has no URL
    assert_eq!(app.take_url(), None);
    assert!(app.message().is_some_and(|m| m.contains("has no URL")));
    app.update(Action::Down);
    app.update(Action::OpenUrl);
    assert_eq!(
        app.take_url().as_deref(),
        Some("https://abamako.com/article")
    );
    assert_eq!(app.take_url(), None, "asked once");
    app.opened("https://abamako.com/article", Ok("firefox".into()));
    assert_eq!(
        app.message(),
        Some("Opening https://abamako.com/article with firefox")
    );
}

#[test]
fn the_list_keys_say_where_they_work_in_the_other_views() {
    let mut app = app(120, 40);
    app.update(Action::ShowView(View::Speakers));
    app.update(Action::MarkAllRead);
    assert_eq!(app.read_count(), 0);
    assert!(app.message().is_some_and(|m| m.contains("article list")));
    app.update(Action::OpenUrl);
    assert_eq!(app.take_url(), None);
}
