//! The configuration file's model and checks: what each setting gives, and what each mistake says.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::tui::layout::View;

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ch(c: char) -> KeyEvent {
    press(KeyCode::Char(c))
}

fn problems(text: &str) -> Vec<String> {
    parse(text)
        .expect_err("a problem")
        .into_iter()
        .map(|p| p.message)
        .collect()
}

#[test]
fn an_empty_file_is_the_defaults() {
    assert_eq!(parse("").unwrap(), Settings::default());
    assert_eq!(parse("# nothing\n\n").unwrap(), Settings::default());
}

#[test]
fn the_default_file_gives_the_built_in_keymap_and_settings() {
    let settings = parse(&default_file()).unwrap();
    assert_eq!(settings.keymap, Keymap::default());
    assert_eq!(settings.panes, Panes::default());
    assert_eq!(settings.sort, Some(Sort::default()));
    assert_eq!(settings.mouse, Some(true));
    assert_eq!(settings.copy_command, None);
    assert_eq!(settings.theme, BaseTheme::Dark);
    assert_eq!(settings.color, DepthSetting::Auto);
    assert_eq!(settings.colors, RoleColors::new());
}

#[test]
fn the_default_file_names_every_bindable_action_of_every_context() {
    let text = default_file();
    for ctx in Context::ALL {
        assert!(text.contains(&format!("[keys.{}]", ctx.name())), "{ctx:?}");
        for action in ctx.actions() {
            let name = action_name(action).unwrap();
            assert!(text.contains(&format!("\n{name} = [")), "{name} in {ctx:?}");
        }
    }
    assert!(!text.contains("force_quit"));
    assert!(text.contains("Ctrl-c always quits"));
}

#[test]
fn swapping_j_and_k_in_the_list_moves_the_other_way_there_only() {
    let s = parse("[keys.list]\ndown = [\"k\"]\nup = [\"j\"]\n").unwrap();
    let keys = &s.keymap;
    assert_eq!(keys.resolve(&ch('j'), Context::List), Some(Action::Up));
    assert_eq!(keys.resolve(&ch('k'), Context::List), Some(Action::Down));
    // The file's keys exactly: the arrows are no longer bound there.
    assert_eq!(keys.resolve(&press(KeyCode::Down), Context::List), None);
    assert_eq!(keys.resolve(&ch('j'), Context::Reader), Some(Action::Down));
    // Help and hints show the keys in effect.
    let rows = keys.help_rows();
    assert!(rows.contains(&(Some("k".to_owned()), "next article".to_owned())));
    assert!(rows.contains(&(Some("j".to_owned()), "previous article".to_owned())));
    assert_eq!(keys.hints(Context::List)[0], ("k/j".to_owned(), "move"));
}

#[test]
fn a_key_given_to_one_action_is_taken_from_the_others() {
    let s = parse("[keys.list]\ntop = [\"j\"]\n").unwrap();
    let keys = &s.keymap;
    assert_eq!(keys.resolve(&ch('j'), Context::List), Some(Action::Top));
    assert_eq!(
        keys.resolve(&press(KeyCode::Down), Context::List),
        Some(Action::Down)
    );
    assert_eq!(keys.keys_of(Context::List, Action::Down).len(), 1);
    // `g` and Home were top's and are no longer.
    assert_eq!(keys.resolve(&ch('g'), Context::List), None);
}

#[test]
fn an_action_of_two_help_rows_keeps_each_key_on_its_row() {
    let s = parse("[keys.views]\ngo_back = [\"Alt-Left\", \"x\"]\n").unwrap();
    let keys = &s.keymap;
    assert_eq!(keys.resolve(&ch('x'), Context::List), Some(Action::GoBack));
    assert_eq!(
        keys.resolve(&press(KeyCode::Backspace), Context::List),
        None
    );
    let rows = keys.help_rows();
    assert!(
        rows.iter()
            .any(|(k, h)| k.as_deref() == Some("x") && h.starts_with("back to where"))
    );
    assert!(
        rows.iter()
            .any(|(k, h)| k.as_deref() == Some("Alt-←") && h.starts_with("back, as in"))
    );
}

#[test]
fn an_action_left_without_keys_is_fine_and_ctrl_c_still_quits() {
    let s = parse("[keys.global]\nquit = []\n[keys.help]\nback = []\n").unwrap();
    let keys = &s.keymap;
    assert_eq!(keys.resolve(&ch('q'), Context::List), None);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    for ctx in Context::ALL {
        assert_eq!(
            keys.resolve(&ctrl_c, ctx),
            Some(Action::ForceQuit),
            "{ctx:?}"
        );
    }
    assert!(!keys.help_rows().iter().any(|(_, h)| h == "close the help"));
}

#[test]
fn the_views_keys_can_move_and_their_hint_follows() {
    let s = parse("[keys.views]\nquotes_view = [\"F2\"]\n").unwrap();
    let keys = &s.keymap;
    assert_eq!(
        keys.resolve(&press(KeyCode::F(2)), Context::List),
        Some(Action::ShowView(View::Quotes))
    );
    assert!(
        keys.hints(Context::List)
            .contains(&("1/F2/3".to_owned(), "views"))
    );
}

#[test]
fn every_other_setting_is_read() {
    let s = parse(
        "sort = \"outlet\"\nmouse = false\ncopy_command = \"wl-copy\"\n[layout]\n\
         side_by_side_from = 100\nquote_panel_percent = 30\n",
    )
    .unwrap();
    assert_eq!(s.sort, Some(Sort::Outlet));
    assert_eq!(s.mouse, Some(false));
    assert_eq!(s.copy_command.as_deref(), Some("wl-copy"));
    assert_eq!(
        s.panes,
        Panes {
            side_by_side: 100,
            quotes_percent: 30
        }
    );
}

#[test]
fn keys_read_as_the_help_writes_them_and_by_plain_names() {
    for (text, label) in [
        ("j", "j"),
        ("G", "G"),
        ("Down", "↓"),
        ("↓", "↓"),
        ("pgdn", "PgDn"),
        ("PageDown", "PgDn"),
        ("Ctrl-d", "Ctrl-d"),
        ("ctrl-D", "Ctrl-d"),
        ("Alt-Left", "Alt-←"),
        ("Shift-Tab", "Shift-Tab"),
        ("Space", "Space"),
        ("F5", "F5"),
        ("Esc", "Esc"),
        ("Backspace", "Backspace"),
        ("-", "-"),
    ] {
        let key: Key = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(key.label(), label, "{text}");
        assert_eq!(key.name().parse::<Key>().unwrap(), key, "{text}");
    }
    for bad in ["Dwn", "F0", "F25", "Shift-g", "Ctrl-", "", "jk"] {
        assert!(bad.parse::<Key>().is_err(), "{bad}");
    }
}

#[test]
fn each_mistake_says_what_is_allowed() {
    let said = |text: &str, wanted: &[&str]| {
        let all = problems(text).join("\n");
        for w in wanted {
            assert!(all.contains(w), "{w:?} not in {all}");
        }
    };
    said(
        "colour = 1\n",
        &["unknown setting `colour`", "`sort`", "`keys`"],
    );
    said("[keys.lst]\n", &["unknown setting `lst`", "`quotes_view`"]);
    said(
        "[keys.list]\ndwn = [\"j\"]\n",
        &[
            "unknown action `dwn` in [keys.list]",
            "down, up, top, bottom, open",
        ],
    );
    said(
        "[keys.list]\ncopy = [\"y\"]\n",
        &["`copy` is in [keys.views]"],
    );
    said(
        "[keys.list]\ndown = [\"Dwn\"]\n",
        &["unknown key `Dwn`", "Ctrl-"],
    );
    said(
        "[keys.list]\ndown = [\"x\"]\nup = [\"x\"]\n",
        &["`x` is bound to two actions in [keys.list]: `down` (line 2) and `up`"],
    );
    said(
        "[keys.global]\nquit = [\"Ctrl-c\"]\n",
        &["Ctrl-c cannot be bound"],
    );
    said(
        "[keys.global]\nforce_quit = [\"x\"]\n",
        &["Ctrl-c always quits"],
    );
    said("mouse = \"yes\"\n", &["expected a boolean"]);
    said(
        "sort = \"random\"\n",
        &["unknown value `random`", "`title`"],
    );
    said("[layout]\nquote_panel_percent = 90\n", &["from 20 to 60"]);
    said("[layout]\nside_by_side_from = 10\n", &["at least 40"]);
    said(
        "theme = \"solar\"\n",
        &["unknown value `solar`", "`dark` or `light`"],
    );
    said(
        "color = \"8\"\n",
        &["unknown colour depth", "\"truecolor\""],
    );
    said(
        "[colors]\ntitel = \"red\"\n",
        &["unknown colour role `titel`", "`metadata`"],
    );
    said(
        "[colors]\nquote = \"purple\"\n",
        &["unknown colour \"purple\"", "#rrggbb"],
    );
}

#[test]
fn the_theme_settings_choose_the_colours() {
    use crate::tui::theme::{ColorDepth, ColorSpec, Role};
    use ratatui::style::Color;
    let s = parse("theme = \"light\"\ncolor = \"256\"\n[colors]\nquote = \"red\"\n").unwrap();
    assert_eq!(s.theme, BaseTheme::Light);
    assert_eq!(s.color, DepthSetting::Fixed(ColorDepth::Ansi256));
    let mut colors = RoleColors::new();
    colors.set(Role::Quote, ColorSpec::fg(Color::Red));
    assert_eq!(s.colors, colors);
    let built = Theme::build(s.theme, &s.colors, ColorDepth::Ansi256);
    assert_eq!(built.quote().fg, Some(Color::Red));
    assert_ne!(
        built,
        Theme::build(BaseTheme::Dark, &s.colors, ColorDepth::Ansi256)
    );
}

#[test]
fn every_problem_of_a_file_is_said_in_the_file_order() {
    let p = parse("[keys.list]\nup = [\"Nope\"]\ndown = [\"Dwn\"]\n").unwrap_err();
    assert_eq!(p.len(), 2);
    assert!(p[0].message.contains("Nope") && p[1].message.contains("Dwn"));
}
