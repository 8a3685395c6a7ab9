//! Tests of the themes: WCAG 2 contrast of every role of both built-in themes at every colour
//! depth (xterm's default palette), no colour at all without colour, only the 16 colours at depth
//! 16 on a drawn screen, the user's colours over one role, and the errors a bad setting gives.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use serde::Deserialize;

use super::depth::ANSI;
use super::*;

const DEPTHS: [ColorDepth; 3] = [
    ColorDepth::Ansi16,
    ColorDepth::Ansi256,
    ColorDepth::TrueColor,
];

/// WCAG 2 relative luminance of an sRGB colour.
fn luminance(rgb: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
}

/// WCAG 2 contrast ratio of two colours (1 to 21).
fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The terminal's own foreground and background under a theme (xterm's, for a dark or a light
/// background).
fn terminal_colors(base: BaseTheme) -> ([u8; 3], [u8; 3]) {
    match base {
        BaseTheme::Dark => ([0xff; 3], [0; 3]),
        BaseTheme::Light => ([0; 3], [0xff; 3]),
    }
}

/// The foreground and background `style` shows, with `Reset` or no colour the terminal's.
fn shown(style: Style, base: BaseTheme) -> ([u8; 3], [u8; 3]) {
    let (fg, bg) = terminal_colors(base);
    let fg = style.fg.and_then(xterm_rgb).unwrap_or(fg);
    let bg = style.bg.and_then(xterm_rgb).unwrap_or(bg);
    if style.add_modifier.contains(Modifier::REVERSED) {
        (bg, fg)
    } else {
        (fg, bg)
    }
}

#[test]
fn every_role_of_both_themes_has_enough_contrast_at_every_depth() {
    let mut failures = Vec::new();
    for base in BaseTheme::ALL {
        for depth in DEPTHS {
            let theme = Theme::build(base, &RoleColors::new(), depth);
            for role in Role::ALL {
                let style = theme.style(role);
                if style.add_modifier.contains(Modifier::DIM) {
                    failures.push(format!(
                        "{role} in {} at depth {depth}: dim, whose colour the terminal picks",
                        base.name()
                    ));
                }
                let (fg, bg) = shown(style, base);
                let ratio = contrast(fg, bg);
                let needed = if role.is_text() { 4.5 } else { 3.0 };
                if ratio < needed {
                    failures.push(format!(
                        "{role} in {} at depth {depth}: {ratio:.2}:1, needs {needed}:1 ({fg:02x?} on {bg:02x?})",
                        base.name()
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_contrast_formula_gives_the_known_ratios() {
    assert!((contrast([0; 3], [0xff; 3]) - 21.0).abs() < 1e-9);
    assert!((contrast([0x77; 3], [0xff; 3]) - 4.48).abs() < 0.01);
    // Today's magenta on black falls just short, the reason speakers are light magenta now.
    let magenta = xterm_rgb(Color::Magenta).unwrap();
    assert!(contrast(magenta, [0; 3]) < 4.5);
}

#[test]
fn the_dark_theme_keeps_the_colours_the_reader_always_had() {
    let t = Theme::new(true);
    let bold = Modifier::BOLD;
    assert_eq!(
        t.title(),
        Style::new().fg(Color::LightCyan).add_modifier(bold)
    );
    assert_eq!(t.dim(), Style::new().fg(Color::Gray));
    assert_eq!(t.quote(), Style::new().fg(Color::Yellow));
    assert_eq!(
        t.hit(),
        Style::new()
            .fg(Color::LightGreen)
            .add_modifier(bold | Modifier::UNDERLINED)
    );
    assert_eq!(
        t.hit_current(),
        Style::new()
            .fg(Color::Black)
            .bg(Color::LightGreen)
            .add_modifier(bold)
    );
    assert_eq!(
        t.selected(),
        Style::new()
            .fg(Color::White)
            .bg(Color::Blue)
            .add_modifier(bold)
    );
    assert_eq!(
        t.quote_marked(),
        Style::new().fg(Color::Black).bg(Color::Yellow)
    );
    assert_eq!(t.reported(), Style::new().add_modifier(Modifier::ITALIC));
    assert_eq!(t.heading(), Style::new().add_modifier(bold));
    assert_eq!(t.border(), Style::new().fg(Color::DarkGray));
    assert_eq!(
        t.border_focused(),
        Style::new().fg(Color::Cyan).add_modifier(bold)
    );
    assert_eq!(
        t.key(),
        Style::new().fg(Color::LightCyan).add_modifier(bold)
    );
    assert_eq!(
        t.warning(),
        Style::new().fg(Color::LightRed).add_modifier(bold)
    );
    // The dark theme has one colour beyond the 16: the same at 256 colours and in 24-bit.
    assert_eq!(
        Theme::build(BaseTheme::Dark, &RoleColors::new(), ColorDepth::Ansi256),
        t
    );
}

#[test]
fn no_color_gives_no_colour_at_all_even_with_user_colours() {
    assert_eq!(
        ColorDepth::from_vars(Some("1"), Some("truecolor"), Some("xterm-256color")),
        ColorDepth::None
    );
    let mut colors = RoleColors::new();
    colors.set(Role::Title, ColorSpec::fg(Color::Rgb(200, 0, 0)));
    colors.set(
        Role::Status,
        ColorSpec {
            bg: Some(Color::Indexed(17)),
            ..ColorSpec::default()
        },
    );
    for base in BaseTheme::ALL {
        let theme = Theme::build(base, &colors, ColorDepth::None);
        for role in Role::ALL {
            let style = theme.style(role);
            assert_eq!(
                (style.fg, style.bg),
                (None, None),
                "{role} in {}",
                base.name()
            );
        }
        assert_eq!(theme, Theme::new(false));
    }
    // Without colour the roles that colour alone told apart still differ.
    let plain = Theme::new(false);
    assert_ne!(plain.reported(), plain.quote());
    assert_ne!(plain.hit(), plain.hit_current());
    assert_ne!(plain.selected(), Style::new());
}

#[test]
fn the_depth_comes_from_no_color_colorterm_and_term() {
    let depth = ColorDepth::from_vars;
    assert_eq!(depth(Some(""), None, Some("xterm")), ColorDepth::Ansi16);
    assert_eq!(depth(None, None, None), ColorDepth::Ansi16);
    assert_eq!(depth(None, None, Some("dumb")), ColorDepth::None);
    assert_eq!(
        depth(None, None, Some("xterm-256color")),
        ColorDepth::Ansi256
    );
    assert_eq!(
        depth(None, None, Some("tmux-256color")),
        ColorDepth::Ansi256
    );
    assert_eq!(
        depth(None, Some("truecolor"), Some("xterm")),
        ColorDepth::TrueColor
    );
    assert_eq!(
        depth(None, Some("24bit"), Some("xterm-256color")),
        ColorDepth::TrueColor
    );
    assert_eq!(
        depth(None, Some("yes"), Some("xterm-256color")),
        ColorDepth::Ansi256
    );
}

#[test]
fn colours_come_down_to_the_nearest_the_depth_has() {
    use ColorDepth::*;
    // 24-bit to 256: exact palette colours stay exact, others go to the nearest.
    assert_eq!(
        Ansi256.reduce(Color::Rgb(0xd7, 0x5f, 0)),
        Some(Color::Indexed(166))
    );
    assert_eq!(
        Ansi256.reduce(Color::Rgb(0x80, 0x80, 0x80)),
        Some(Color::Indexed(244))
    );
    assert_eq!(
        Ansi256.reduce(Color::Rgb(250, 2, 3)),
        Some(Color::Indexed(196))
    );
    // 256 and 24-bit to 16.
    assert_eq!(Ansi16.reduce(Color::Indexed(196)), Some(Color::LightRed));
    assert_eq!(Ansi16.reduce(Color::Indexed(4)), Some(Color::Blue));
    assert_eq!(Ansi16.reduce(Color::Indexed(236)), Some(Color::Black));
    assert_eq!(Ansi16.reduce(Color::Rgb(0, 0, 0x90)), Some(Color::Blue));
    // Named colours and Reset go through at every colour depth; nothing does without colour.
    for depth in DEPTHS {
        assert_eq!(depth.reduce(Color::Magenta), Some(Color::Magenta));
        assert_eq!(depth.reduce(Color::Reset), Some(Color::Reset));
    }
    assert_eq!(
        TrueColor.reduce(Color::Rgb(1, 2, 3)),
        Some(Color::Rgb(1, 2, 3))
    );
    assert_eq!(None.reduce(Color::Red), Option::None);
}

#[test]
fn at_depth_16_a_drawn_screen_holds_only_the_16_colours() {
    // User colours beyond the 16 too: they come down as well.
    let mut colors = RoleColors::new();
    colors.set(Role::Title, ColorSpec::fg(Color::Rgb(0xd7, 0x5f, 0)));
    colors.set(
        Role::Quote,
        ColorSpec {
            fg: Some(Color::Indexed(208)),
            bg: Some(Color::Indexed(236)),
            ..ColorSpec::default()
        },
    );
    for base in BaseTheme::ALL {
        let theme = Theme::build(base, &colors, ColorDepth::Ansi16);
        let lines: Vec<Line<'_>> = Role::ALL
            .iter()
            .map(|&r| {
                Line::from(vec![
                    Span::raw("· "),
                    Span::styled(r.name(), theme.style(r)),
                ])
            })
            .collect();
        let mut t = Terminal::new(TestBackend::new(20, 20)).unwrap();
        t.draw(|f| f.render_widget(Paragraph::new(lines).style(theme.status()), f.area()))
            .unwrap();
        let allowed = |c: Color| c == Color::Reset || ANSI.contains(&c);
        for cell in t.backend().buffer().content() {
            assert!(
                allowed(cell.fg) && allowed(cell.bg),
                "{} at depth 16 draws {:?} on {:?}",
                base.name(),
                cell.fg,
                cell.bg
            );
        }
    }
}

/// A configuration file's colour settings, as the configuration will hold them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {
    #[serde(default)]
    theme: BaseTheme,
    #[serde(default)]
    colors: DepthSetting,
    #[serde(default)]
    roles: RoleColors,
}

fn settings(toml: &str) -> Result<Settings, String> {
    toml::from_str(toml).map_err(|e| e.to_string())
}

#[test]
fn a_user_colour_changes_its_role_and_leaves_the_others() {
    let s = settings("theme = \"light\"\n[roles]\ntitle = \"red\"\n").unwrap();
    assert_eq!(s.theme, BaseTheme::Light);
    let base = Theme::build(BaseTheme::Light, &RoleColors::new(), ColorDepth::TrueColor);
    let theme = Theme::build(s.theme, &s.roles, ColorDepth::TrueColor);
    // A plain string is the foreground: the title keeps its bold.
    assert_eq!(
        theme.title(),
        Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
    );
    for role in Role::ALL.into_iter().filter(|&r| r != Role::Title) {
        assert_eq!(theme.style(role), base.style(role), "{role}");
    }
}

#[test]
fn a_table_sets_colours_and_adds_or_removes_modifiers() {
    let s = settings(
        "[roles]\nquote = { fg = \"#d75f00\", bg = 17, bold = true, italic = true }\n\
         key = { fg = \"lightblue\", bold = false, underline = true }\n",
    )
    .unwrap();
    let theme = Theme::build(BaseTheme::Dark, &s.roles, ColorDepth::TrueColor);
    assert_eq!(
        theme.quote(),
        Style::new()
            .fg(Color::Rgb(0xd7, 0x5f, 0))
            .bg(Color::Indexed(17))
            .add_modifier(Modifier::BOLD | Modifier::ITALIC)
    );
    assert_eq!(
        theme.key(),
        Style::new()
            .fg(Color::LightBlue)
            .add_modifier(Modifier::UNDERLINED)
    );
    // At 256 colours the 24-bit one comes down.
    let theme = Theme::build(BaseTheme::Dark, &s.roles, ColorDepth::Ansi256);
    assert_eq!(theme.quote().fg, Some(Color::Indexed(166)));
}

#[test]
fn the_colour_depth_setting_reads_its_five_values() {
    assert_eq!(settings("").unwrap().colors, DepthSetting::Auto);
    for (value, depth) in [
        ("none", ColorDepth::None),
        ("16", ColorDepth::Ansi16),
        ("256", ColorDepth::Ansi256),
        ("truecolor", ColorDepth::TrueColor),
    ] {
        let s = settings(&format!("colors = \"{value}\"")).unwrap();
        assert_eq!(s.colors, DepthSetting::Fixed(depth));
        assert_eq!(ColorDepth::from_setting(value), Ok(depth));
        assert_eq!(s.colors.resolve(), depth);
    }
}

#[test]
fn bad_names_and_colours_say_what_is_wrong_and_what_is_allowed() {
    let cases: [(&str, &[&str]); 8] = [
        (
            "[roles]\ntitle = \"rouge\"",
            &["rouge", "lightred", "#rrggbb", "0-255", "line 2"],
        ),
        ("[roles]\ntitle = 300", &["300", "0-255"]),
        ("[roles]\ntitle = \"#12345\"", &["#12345", "#rrggbb"]),
        (
            "[roles]\ntitel = \"red\"",
            &["titel", "title", "metadata", "border_focused"],
        ),
        (
            "[roles]\nhit = { fg = \"red\", blink = true }",
            &["blink", "fg", "underline"],
        ),
        ("[roles]\nhit = true", &["a colour", "table"]),
        ("theme = \"solarized\"", &["solarized", "dark", "light"]),
        (
            "colors = \"88\"",
            &["88", "auto", "none", "16", "256", "truecolor"],
        ),
    ];
    for (toml, wanted) in cases {
        let err = settings(toml).expect_err(toml);
        for w in wanted {
            assert!(err.contains(w), "{toml:?} gives {err:?}, without {w:?}");
        }
    }
    let err = ColorDepth::from_setting("lots").unwrap_err().to_string();
    assert!(
        err.contains("\"lots\"") && err.contains("truecolor"),
        "{err}"
    );
}

#[test]
fn every_built_in_style_prints_as_a_setting_that_reads_back() {
    for base in BaseTheme::ALL {
        for role in Role::ALL {
            let spec = Theme::default_spec(base, role);
            if spec == ColorSpec::default() {
                continue;
            }
            let toml = format!("[roles]\n{} = {spec}\n", role.name());
            let read = settings(&toml).unwrap_or_else(|e| panic!("{toml}: {e}"));
            assert_eq!(read.roles.get(role), Some(&spec), "{toml}");
        }
    }
}

#[test]
fn roles_have_distinct_names_and_descriptions_and_read_back_by_name() {
    let names: std::collections::HashSet<_> = Role::ALL.iter().map(|r| r.name()).collect();
    assert_eq!(names.len(), Role::COUNT);
    for (i, role) in Role::ALL.into_iter().enumerate() {
        assert_eq!(role.index(), i);
        assert!(!role.description().is_empty());
        let toml = format!("[roles]\n{role} = \"red\"\n");
        assert!(settings(&toml).unwrap().roles.get(role).is_some(), "{role}");
    }
}
