//! The filter line's editing: the cursor, deleting around it, the past filters, and Esc from the
//! reading pane keeping a kept filter.

use crate::tui::action::{Action, Edit};
use crate::tui::app::App;
use crate::tui::app::screen::MAX_QUERY;
use crate::tui::fixtures::app;
use crate::tui::layout::{Focus, View};

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::FilterInput(c));
    }
}

fn edit(app: &mut App, e: Edit) {
    app.update(Action::FilterEdit(e));
}

#[test]
fn typing_goes_in_at_the_cursor() {
    let mut app = app(120, 40);
    app.update(Action::FilterOpen);
    typed(&mut app, "lavov");
    edit(&mut app, Edit::Left);
    edit(&mut app, Edit::Left);
    typed(&mut app, "r");
    assert_eq!(app.filter.query, "lavrov");
    assert_eq!(app.filter.cursor(), 4);
    edit(&mut app, Edit::Home);
    typed(&mut app, "s ");
    assert_eq!(app.filter.query, "s lavrov");
    edit(&mut app, Edit::End);
    assert_eq!(app.filter.cursor(), 8);
}

#[test]
fn backspace_and_delete_take_the_character_before_and_under_the_cursor() {
    let mut app = app(120, 40);
    app.update(Action::FilterOpen);
    typed(&mut app, "abcd");
    edit(&mut app, Edit::Left);
    app.update(Action::FilterBackspace);
    assert_eq!(app.filter.query, "abd");
    edit(&mut app, Edit::Delete);
    assert_eq!(app.filter.query, "ab");
    edit(&mut app, Edit::Delete);
    assert_eq!(
        app.filter.query, "ab",
        "nothing under the cursor at the end"
    );
    edit(&mut app, Edit::Home);
    app.update(Action::FilterBackspace);
    assert_eq!(
        app.filter.query, "ab",
        "nothing before the cursor at the start"
    );
}

#[test]
fn ctrl_w_alt_backspace_and_ctrl_u_delete_before_the_cursor() {
    let mut app = app(120, 40);
    app.update(Action::FilterOpen);
    typed(&mut app, "sergueï l-avrov  ");
    edit(&mut app, Edit::DeleteWord);
    assert_eq!(
        app.filter.query, "sergueï ",
        "spaces, then the word up to a space"
    );
    typed(&mut app, "l-avrov");
    edit(&mut app, Edit::DeleteAlnum);
    assert_eq!(app.filter.query, "sergueï l-", "letters only");
    edit(&mut app, Edit::Left);
    edit(&mut app, Edit::DeleteToStart);
    assert_eq!(app.filter.query, "-");
    assert_eq!(app.filter.cursor(), 0);
}

#[test]
fn a_full_query_takes_no_more_even_in_the_middle() {
    let mut app = app(120, 40);
    app.update(Action::FilterOpen);
    typed(&mut app, &"a".repeat(MAX_QUERY));
    edit(&mut app, Edit::Home);
    typed(&mut app, "b");
    assert_eq!(app.filter.query, "a".repeat(MAX_QUERY));
    assert!(app.filter.capped);
}

#[test]
fn up_and_down_walk_the_kept_filters_then_return_to_the_draft() {
    let mut app = app(120, 40);
    for q in ["lavrov", "sahel", "lavrov"] {
        app.update(Action::FilterOpen);
        app.update(Action::FilterEdit(Edit::DeleteToStart));
        typed(&mut app, q);
        app.update(Action::FilterAccept);
    }
    assert_eq!(
        app.state.history,
        ["sahel", "lavrov"],
        "each once, newest last"
    );
    assert!(app.take_save_request());
    assert_eq!(app.take_changes().history, ["lavrov", "sahel", "lavrov"]);
    app.update(Action::FilterOpen);
    app.update(Action::FilterEdit(Edit::DeleteToStart));
    typed(&mut app, "mo");
    edit(&mut app, Edit::Older);
    assert_eq!(app.filter.query, "lavrov");
    edit(&mut app, Edit::Older);
    assert_eq!(app.filter.query, "sahel");
    edit(&mut app, Edit::Older);
    assert_eq!(app.filter.query, "sahel", "the oldest stays");
    edit(&mut app, Edit::Newer);
    assert_eq!(app.filter.query, "lavrov");
    edit(&mut app, Edit::Newer);
    assert_eq!(app.filter.query, "mo", "what was typed comes back");
    edit(&mut app, Edit::Newer);
    assert_eq!(app.filter.query, "mo");
}

#[test]
fn the_views_filter_lines_share_the_past_filters() {
    let mut app = app(120, 40);
    app.update(Action::FilterOpen);
    typed(&mut app, "diop");
    app.update(Action::FilterAccept);
    app.update(Action::ShowView(View::Speakers));
    app.update(Action::FilterOpen);
    edit(&mut app, Edit::Older);
    assert_eq!(app.speakers.filter.query, "diop");
    edit(&mut app, Edit::Left);
    typed(&mut app, "x");
    assert_eq!(app.speakers.filter.query, "dioxp");
}

#[test]
fn escape_from_the_reader_keeps_a_kept_filter_and_escape_in_the_list_clears_it() {
    let mut app = app(120, 40);
    app.update(Action::FilterOpen);
    typed(&mut app, "russie");
    app.update(Action::FilterAccept);
    app.settle();
    let listed = app.list.matches.len();
    app.update(Action::Open);
    assert_eq!(app.focus, Focus::Reader);
    app.update(Action::Back);
    assert_eq!(app.focus, Focus::List);
    assert_eq!(app.filter.query, "russie");
    app.settle();
    assert_eq!(app.list.matches.len(), listed);
    app.update(Action::FocusPrev); // the quote panel
    app.update(Action::Back);
    assert_eq!(
        (app.focus, app.filter.query.as_str()),
        (Focus::List, "russie")
    );
    app.update(Action::Back);
    assert_eq!(app.filter.query, "");
}

#[test]
fn a_past_filter_from_the_state_file_comes_back_without_control_characters() {
    let mut app = app(120, 40);
    app.state.history.push("la\u{1b}[2Jvrov\u{202e}".into());
    app.update(Action::FilterOpen);
    edit(&mut app, Edit::Older);
    assert_eq!(app.filter.query, "la[2Jvrov");
}
