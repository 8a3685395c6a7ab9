//! Screen tests: snapshots of the whole screen at 80x24 and 120x40 (TestBackend + insta), in each
//! view, and the full UI drawn at every size on a grid without panicking, in each view.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::fixtures::{app, views_app};
use crate::tui::layout::View;
use crate::tui::view;

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(f, app)).unwrap();
    t.backend().to_string()
}

/// Draws without reading the buffer back (a 0-wide TestBackend cannot print itself).
fn draw_only(app: &App, w: u16, h: u16) {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(f, app)).unwrap();
}

fn type_query(app: &mut App, q: &str) {
    app.update(Action::FilterOpen);
    for c in q.chars() {
        app.update(Action::FilterInput(c));
    }
    app.settle();
}

macro_rules! snapshots {
    ($($name:ident: |$app:ident| $body:block)*) => {$(
        #[test]
        fn $name() {
            for (w, h) in [(80u16, 24u16), (120, 40)] {
                #[allow(unused_mut)]
                let mut $app = app(w, h);
                $body
                insta::assert_snapshot!(format!("{}_{w}x{h}", stringify!($name)), screen(&$app, w, h));
            }
        }
    )*};
}

snapshots! {
    screen_at_start: |a| {}
    screen_with_filter_typed: |a| { type_query(&mut a, "lavrov"); }
    screen_with_quote_selected: |a| {
        a.update(Action::Down);
        a.update(Action::FocusPrev);
        a.update(Action::Open);
    }
    screen_with_help: |a| { a.update(Action::Help); }
}

macro_rules! view_snapshots {
    ($($name:ident: |$app:ident| $body:block)*) => {$(
        #[test]
        fn $name() {
            for (w, h) in [(80u16, 24u16), (120, 40)] {
                let mut $app = views_app(w, h);
                $body
                $app.settle();
                insta::assert_snapshot!(format!("{}_{w}x{h}", stringify!($name)), screen(&$app, w, h));
            }
        }
    )*};
}

view_snapshots! {
    quotes_view: |a| { a.update(Action::ShowView(View::Quotes)); }
    quotes_view_of_one_speaker: |a| {
        a.update(Action::ShowView(View::Speakers));
        a.settle();
        a.update(Action::Down);
        a.update(Action::Open);
    }
    quotes_view_filtered_by_words: |a| {
        a.update(Action::ShowView(View::Quotes));
        type_query(&mut a, "routes");
    }
    speakers_view: |a| { a.update(Action::ShowView(View::Speakers)); }
}

#[test]
fn at_120x40_the_list_shows_sixty_columns_of_title_and_the_outlet() {
    let a = app(120, 40);
    let s = screen(&a, 120, 40);
    let row = s
        .lines()
        .find(|l| l.contains("abamako.com"))
        .unwrap_or_else(|| panic!("no row shows the outlet:\n{s}"));
    // 68 columns: the whole title.
    assert!(
        row.contains("Russie–AES : une alliance militaire stratégique se renforce à Moscou"),
        "{row}"
    );
}

#[test]
fn no_size_makes_any_view_panic() {
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for w in (0..=300).step_by(11) {
        for h in (0..=100).step_by(4) {
            sizes.push((w, h));
        }
    }
    sizes.extend([
        (1, 1),
        (80, 24),
        (200, 60),
        (300, 100),
        (19, 4),
        (20, 5),
        (97, 20),
    ]);
    let mut a = views_app(80, 24);
    // The Quotes view with a row opened and the selection on a printing, a speaker filter and a
    // query; the Speakers view filtered; the quote panel with its "also in" list open.
    a.update(Action::ShowView(View::Speakers));
    a.settle();
    a.update(Action::Down);
    a.update(Action::Open);
    a.settle();
    a.update(Action::Down);
    type_query(&mut a, "souv");
    a.update(Action::ShowView(View::Speakers));
    type_query(&mut a, "awa");
    a.update(Action::ShowView(View::Articles));
    a.update(Action::FocusPrev);
    a.update(Action::Expand);
    a.update(Action::Expand);
    for (i, (w, h)) in sizes.into_iter().enumerate() {
        let view = View::ALL[i % 3];
        a.update(Action::ShowView(view));
        a.update(Action::Resize(w, h));
        draw_only(&a, w, h);
        if i % 7 == 0 {
            a.update(Action::Help);
            draw_only(&a, w, h);
            a.update(Action::Help);
        }
    }
}

#[test]
fn no_size_makes_the_screen_panic() {
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for w in (0..=300).step_by(7) {
        for h in (0..=100).step_by(3) {
            sizes.push((w, h));
        }
    }
    sizes.extend([
        (1, 1),
        (80, 24),
        (200, 60),
        (19, 4),
        (20, 5),
        (39, 9),
        (40, 10),
        (100, 18),
    ]);
    let mut a = app(80, 24);
    a.update(Action::Down);
    type_query(&mut a, "coop");
    a.update(Action::FilterAccept);
    a.update(Action::NextHit);
    // Each size is drawn with one focus (rotating, so every layout meets every focus) and every
    // fifth size with the help overlay too.
    for (i, (w, h)) in sizes.into_iter().enumerate() {
        a.update(Action::FocusNext);
        a.update(Action::Resize(w, h));
        draw_only(&a, w, h);
        if i % 5 == 0 {
            a.update(Action::Help);
            draw_only(&a, w, h);
            a.update(Action::Help);
        }
    }
}

#[test]
fn accents_and_guillemets_never_shift_the_border() {
    for (w, h) in [(80u16, 24u16), (120, 40), (200, 60), (57, 19)] {
        let a = app(w, h);
        let text = screen(&a, w, h);
        for line in text.lines() {
            // Every drawn row is exactly the terminal's width (plus the quotes TestBackend adds).
            let inner = line.trim_start_matches('"').trim_end_matches('"');
            assert_eq!(
                unicode_width::UnicodeWidthStr::width(inner),
                usize::from(w),
                "{line}"
            );
        }
    }
}

#[test]
fn too_small_terminals_get_a_notice() {
    let a = app(10, 3);
    assert!(screen(&a, 19, 4).contains("too small"));
}

#[test]
fn a_state_warning_shows_above_the_status_bar_until_escape() {
    let mut a = app(80, 24);
    a.warning = Some("state file was not valid state JSON; moved aside".into());
    a.update(Action::Resize(80, 24));
    assert!(screen(&a, 80, 24).contains("⚠ state file was not valid"));
    a.update(Action::Back);
    assert!(!screen(&a, 80, 24).contains('⚠'));
}

#[test]
fn a_long_state_warning_shows_whole_with_the_set_aside_file_name() {
    let name = "/home/lectrice/.local/state/aes-reader/state.json.corrupt-20250512T101500";
    let warning = format!(
        "the reader state file /home/lectrice/.local/state/aes-reader/state.json was not valid \
         state JSON (expected value at line 1 column 1); it was moved aside to {name} and read \
         marks and positions start empty. Look at that file, or delete it"
    );
    for (w, h) in [(80u16, 24u16), (120, 40), (200, 60), (57, 19)] {
        let mut a = app(w, h);
        a.warning = Some(warning.clone());
        a.update(Action::Resize(w, h));
        let text = screen(&a, w, h);
        // The rows of the screen joined, borders and padding aside: the name, maybe cut by the
        // wrapping, reads whole.
        let joined: String = text
            .lines()
            .map(|l| l.trim_matches('"').trim())
            .collect::<Vec<_>>()
            .join("");
        assert!(joined.contains(name), "{w}x{h}:\n{text}");
        let words: Vec<&str> = text
            .lines()
            .flat_map(|l| l.trim_matches('"').split_whitespace())
            .collect();
        // Below 80x24 the warning may need more than its third of the screen: it ends in `…`.
        assert!(
            words.join(" ").contains("(Esc hides this.)") || w < 80,
            "{w}x{h}:\n{text}"
        );
        // The panes keep their room: the list still shows its articles.
        assert!(text.contains("Articles"), "{w}x{h}:\n{text}");
    }
}

#[test]
fn a_capped_query_says_so_in_the_filter_line() {
    let mut a = app(80, 24);
    a.paste(&"Ouagadougou ".repeat(900));
    let text = screen(&a, 80, 24);
    assert!(text.contains("256 characters at most"), "{text}");
    // The end of the query shows, next to the note.
    assert!(text.contains("Ouagadougou"), "{text}");
}

#[test]
fn the_reading_pane_says_loading_until_the_first_articles_arrive() {
    use crate::corpus::load::Loading;
    use crate::corpus::state::ReaderState;
    use crate::corpus::store::{Origin, Source};
    use crate::tui::theme::Theme;
    let files = (0..50)
        .map(|i| (format!("a{i}.txt"), b"Un titre\n\nUn texte.".to_vec()))
        .collect();
    let mut a = App::loading(
        Loading::start(Source::from_files(Origin::Embedded, files)),
        &Origin::Embedded,
        ReaderState::default(),
        Theme::new(false),
    )
    .unwrap();
    a.update(Action::Resize(120, 40));
    // Not pumped: nothing has arrived.
    let text = screen(&a, 120, 40);
    assert!(text.contains("Loading…"), "{text}");
    assert!(!text.contains("no articles"), "{text}");
    a.settle();
    let text = screen(&a, 120, 40);
    assert!(!text.contains("Loading…"), "{text}");
}

#[test]
fn the_views_say_loading_until_the_quotes_are_in_then_show_them() {
    use crate::corpus::load::Loading;
    use crate::corpus::state::ReaderState;
    use crate::corpus::store::{Origin, Source};
    use crate::tui::fixtures::views_files;
    use crate::tui::theme::Theme;
    let mut a = App::loading(
        Loading::start(Source::from_files(Origin::Embedded, views_files())),
        &Origin::Embedded,
        ReaderState::default(),
        Theme::new(false),
    )
    .unwrap();
    a.update(Action::Resize(120, 40));
    a.update(Action::ShowView(View::Quotes));
    // Not pumped: nothing has arrived.
    let text = screen(&a, 120, 40);
    assert!(text.contains("Loading… 0/5 articles"), "{text}");
    a.update(Action::ShowView(View::Speakers));
    assert!(screen(&a, 120, 40).contains("Loading…"));
    a.settle();
    assert!(a.book().book().is_some());
    let text = screen(&a, 120, 40);
    assert!(
        text.contains("Moussa Keïta") && text.contains("speakers"),
        "{text}"
    );
    a.update(Action::ShowView(View::Quotes));
    a.settle();
    let text = screen(&a, 120, 40);
    assert!(text.contains("«\u{a0}Nous ne céderons rien"), "{text}");
}

#[test]
fn typing_in_the_filter_shows_the_query_and_the_count() {
    let mut a = app(120, 40);
    type_query(&mut a, "sahel");
    let s = screen(&a, 120, 40);
    assert!(s.contains("/sahel"), "{s}");
    assert!(s.contains("1/3"), "{s}");
}
