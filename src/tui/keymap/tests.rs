//! The keymap's tests: the built-in table's keys, help rows and hints.

use super::*;
use crate::tui::layout::View;
use Context::{Filter, List, Quotes, QuotesView, Reader, SpeakersView};
use unicode_width::UnicodeWidthStr;

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

/// The built-in keymap's answer.
fn resolve(ev: &KeyEvent, ctx: Context) -> Option<Action> {
    Keymap::default().resolve(ev, ctx)
}

fn help_rows() -> Vec<(Option<String>, String)> {
    Keymap::default().help_rows()
}

fn hints(ctx: Context) -> Vec<(String, &'static str)> {
    Keymap::default().hints(ctx)
}

#[test]
fn vim_and_arrow_keys_do_the_same_thing() {
    for ctx in [List, Reader, Quotes] {
        assert_eq!(
            resolve(&key(KeyCode::Char('j'), KeyModifiers::NONE), ctx),
            resolve(&key(KeyCode::Down, KeyModifiers::NONE), ctx)
        );
        assert_eq!(
            resolve(&key(KeyCode::Char('G'), KeyModifiers::SHIFT), ctx),
            Some(Action::Bottom)
        );
    }
}

#[test]
fn ctrl_c_quits_in_every_context() {
    for ctx in Context::ALL {
        assert_eq!(
            resolve(&key(KeyCode::Char('c'), KeyModifiers::CONTROL), ctx),
            Some(Action::ForceQuit),
            "{ctx:?}"
        );
    }
}

#[test]
fn the_filter_types_letters_that_are_commands_elsewhere() {
    let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(resolve(&q, Filter), Some(Action::FilterInput('q')));
    assert_eq!(resolve(&q, List), Some(Action::Quit));
    assert_eq!(
        resolve(&key(KeyCode::Char('É'), KeyModifiers::SHIFT), Filter),
        Some(Action::FilterInput('É'))
    );
}

#[test]
fn ctrl_d_scrolls_and_plain_d_does_nothing() {
    assert_eq!(
        resolve(&key(KeyCode::Char('d'), KeyModifiers::CONTROL), List),
        Some(Action::HalfDown)
    );
    assert_eq!(
        resolve(&key(KeyCode::Char('d'), KeyModifiers::NONE), List),
        None
    );
}

#[test]
fn shift_tab_cycles_back() {
    assert_eq!(
        resolve(&key(KeyCode::BackTab, KeyModifiers::SHIFT), Reader),
        Some(Action::FocusPrev)
    );
}

#[test]
fn no_key_is_bound_twice_in_one_context() {
    for (i, a) in KEYMAP.iter().enumerate() {
        for b in &KEYMAP[i + 1..] {
            if a.context == b.context {
                for key in a.keys.iter() {
                    assert!(
                        !b.keys.contains(key),
                        "{:?} bound twice in {:?}",
                        key,
                        a.context
                    );
                }
            }
        }
    }
}

#[test]
fn help_lists_every_binding_with_readable_keys() {
    let rows = help_rows();
    let text: Vec<String> = rows.iter().filter_map(|(k, _)| k.clone()).collect();
    assert!(text.contains(&"j ↓".to_owned()));
    assert!(text.contains(&"Ctrl-d".to_owned()));
    assert!(text.contains(&"PgDn Space".to_owned()));
    assert!(text.contains(&"Shift-Tab".to_owned()));
}

#[test]
fn help_explains_every_quote_kind_and_confidence_mark() {
    let rows = help_rows();
    let legend = rows
        .iter()
        .position(|(k, h)| k.is_none() && h == LEGEND_TITLE)
        .expect("a legend section");
    let marks: Vec<&str> = rows[legend + 1..]
        .iter()
        .filter_map(|(k, _)| k.as_deref())
        .collect();
    for mark in [
        "direct",
        "partial",
        "unmarked",
        "interview",
        "●●● high",
        "●●○ medium",
        "●○○ low",
        "why:",
    ] {
        assert!(marks.contains(&mark), "{mark} missing from {marks:?}");
    }
    // Every meaning fits the help overlay (70 columns at most: borders, the key column and
    // its margins, as `view::render_help` lays it out) without being cut.
    let key_w = rows
        .iter()
        .filter_map(|(k, _)| k.as_deref().map(UnicodeWidthStr::width))
        .max()
        .unwrap();
    for (_, meaning) in &rows[legend + 1..] {
        assert!(meaning.width() <= 70 - 2 - key_w - 4, "{meaning}");
    }
}

#[test]
fn the_view_keys_work_from_every_pane_and_view_but_the_filter_line() {
    let press = |code| key(code, KeyModifiers::NONE);
    for ctx in [List, Reader, Quotes, QuotesView, SpeakersView] {
        assert_eq!(
            resolve(&press(KeyCode::Char('2')), ctx),
            Some(Action::ShowView(View::Quotes)),
            "{ctx:?}"
        );
        assert_eq!(
            resolve(&press(KeyCode::Char('3')), ctx),
            Some(Action::ShowView(View::Speakers))
        );
        assert_eq!(resolve(&press(KeyCode::Char('y')), ctx), Some(Action::Copy));
        assert_eq!(
            resolve(&press(KeyCode::Backspace), ctx),
            Some(Action::GoBack)
        );
        assert_eq!(
            resolve(&key(KeyCode::Left, KeyModifiers::ALT), ctx),
            Some(Action::GoBack)
        );
        assert_eq!(resolve(&press(KeyCode::Right), ctx), Some(Action::Expand));
    }
    // In the filter line they are text, and Backspace deletes.
    assert_eq!(
        resolve(&press(KeyCode::Char('2')), Filter),
        Some(Action::FilterInput('2'))
    );
    assert_eq!(
        resolve(&press(KeyCode::Backspace), Filter),
        Some(Action::FilterBackspace)
    );
}

#[test]
fn space_opens_printings_in_the_quotes_view_and_pages_the_reader_elsewhere() {
    let space = key(KeyCode::Char(' '), KeyModifiers::NONE);
    assert_eq!(resolve(&space, QuotesView), Some(Action::ToggleExpand));
    for ctx in [List, Reader, Quotes] {
        assert_eq!(resolve(&space, ctx), Some(Action::PageDown));
    }
}

#[test]
fn the_help_lists_the_views_keys_in_the_same_key_column() {
    let rows = help_rows();
    let keys: Vec<&str> = rows.iter().filter_map(|(k, _)| k.as_deref()).collect();
    for k in ["1", "2", "3", "y", "Backspace", "Alt-←", "→", "←", "Space"] {
        assert!(keys.contains(&k), "{k} missing from {keys:?}");
    }
    let headings: Vec<&str> = rows
        .iter()
        .filter(|(k, _)| k.is_none())
        .map(|(_, h)| h.as_str())
        .collect();
    assert!(headings.iter().any(|h| h.starts_with("Quotes view")));
    assert!(headings.iter().any(|h| h.starts_with("Speakers view")));
    // The widest key is still "any character": the help's key column did not move.
    let widest = keys.iter().map(|k| k.width()).max().unwrap();
    assert_eq!(widest, "any character".width());
}

#[test]
fn every_help_row_fits_the_overlay() {
    let rows = help_rows();
    let key_w = rows
        .iter()
        .filter_map(|(k, _)| k.as_deref().map(UnicodeWidthStr::width))
        .max()
        .unwrap();
    for (k, text) in &rows {
        let room = if k.is_some() {
            70 - 2 - key_w - 4
        } else {
            70 - 2
        };
        assert!(text.width() <= room, "{text}");
    }
}

#[test]
fn the_quotes_view_hints_name_its_own_keys_first() {
    let hints = hints(QuotesView);
    let first: Vec<(&str, &str)> = hints
        .iter()
        .take(3)
        .map(|(k, h)| (k.as_str(), *h))
        .collect();
    assert_eq!(
        first,
        [("j/k", "move"), ("Enter", "open"), ("Space", "outlets")]
    );
    assert!(hints.iter().any(|(k, h)| k == "1/2/3" && *h == "views"));
    // The reader's keys mean nothing there.
    assert!(!hints.iter().any(|(_, h)| *h == "read" || *h == "pane"));
}

#[test]
fn the_filter_line_edits_with_the_usual_line_editing_keys() {
    use crate::tui::action::Edit;
    let cases = [
        (key(KeyCode::Left, KeyModifiers::NONE), Edit::Left),
        (key(KeyCode::Right, KeyModifiers::NONE), Edit::Right),
        (key(KeyCode::Home, KeyModifiers::NONE), Edit::Home),
        (key(KeyCode::Char('a'), KeyModifiers::CONTROL), Edit::Home),
        (key(KeyCode::End, KeyModifiers::NONE), Edit::End),
        (key(KeyCode::Char('e'), KeyModifiers::CONTROL), Edit::End),
        (
            key(KeyCode::Char('u'), KeyModifiers::CONTROL),
            Edit::DeleteToStart,
        ),
        (
            key(KeyCode::Char('w'), KeyModifiers::CONTROL),
            Edit::DeleteWord,
        ),
        (
            key(KeyCode::Backspace, KeyModifiers::ALT),
            Edit::DeleteAlnum,
        ),
        (key(KeyCode::Delete, KeyModifiers::NONE), Edit::Delete),
        (key(KeyCode::Up, KeyModifiers::NONE), Edit::Older),
        (key(KeyCode::Down, KeyModifiers::NONE), Edit::Newer),
    ];
    for (ev, edit) in cases {
        assert_eq!(
            resolve(&ev, Filter),
            Some(Action::FilterEdit(edit)),
            "{ev:?}"
        );
    }
    // Elsewhere Ctrl-u still scrolls the reader.
    assert_eq!(
        resolve(&key(KeyCode::Char('u'), KeyModifiers::CONTROL), List),
        Some(Action::HalfUp)
    );
}

#[test]
fn the_list_keys_work_from_every_pane_and_view_but_are_text_in_the_filter() {
    let cases = [
        ('s', Action::CycleSort),
        ('U', Action::ToggleUnread),
        ('M', Action::MarkAllRead),
        ('u', Action::UndoMarks),
        ('J', Action::NextArticle),
        ('K', Action::PrevArticle),
        ('o', Action::OpenUrl),
    ];
    for (ch, action) in cases {
        let ev = key(KeyCode::Char(ch), KeyModifiers::NONE);
        for ctx in [List, Reader, Quotes, QuotesView, SpeakersView] {
            assert_eq!(resolve(&ev, ctx), Some(action), "{ch} in {ctx:?}");
        }
        assert_eq!(resolve(&ev, Filter), Some(Action::FilterInput(ch)));
    }
}

#[test]
fn key_releases_are_ignored() {
    let mut ev = key(KeyCode::Char('q'), KeyModifiers::NONE);
    ev.kind = KeyEventKind::Release;
    assert_eq!(resolve(&ev, List), None);
}
