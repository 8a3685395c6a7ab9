//! The built-in themes, `dark` and `light`: each role's style in colour, its own style for 16
//! colours where the nearest of the 16 would not keep 4.5:1 contrast, and the style without colour
//! (`NO_COLOR`: modifiers only, so that nothing relies on colour alone). The contrast test in
//! `tests.rs` checks every role of both themes at every depth with xterm's default palette.

use ratatui::style::{Color, Modifier, Style};

use super::role::Role;
use super::user::BaseTheme;

/// One role's styles in one theme.
pub(super) struct Entry {
    /// In colour (256 colours or more; named colours show the same at every depth).
    pub color: Style,
    /// For 16 colours, when bringing `color` down to the nearest of the 16 would not do.
    pub ansi16: Option<Style>,
}

const BOLD: Modifier = Modifier::BOLD;
const ITALIC: Modifier = Modifier::ITALIC;

fn fg(color: Color) -> Style {
    Style::new().fg(color)
}

fn on(fg: Color, bg: Color) -> Style {
    Style::new().fg(fg).bg(bg)
}

fn same(color: Style) -> Entry {
    Entry {
        color,
        ansi16: None,
    }
}

fn with16(color: Style, ansi16: Style) -> Entry {
    Entry {
        color,
        ansi16: Some(ansi16),
    }
}

/// `role`'s styles in `theme`.
pub(super) fn entry(theme: BaseTheme, role: Role) -> Entry {
    match theme {
        BaseTheme::Dark => dark(role),
        BaseTheme::Light => light(role),
    }
}

/// For a dark background (black, white text): the reader's first colours, with three roles
/// brought to 4.5:1 (speaker and description: magenta, 4.48:1, now light magenta; status: white
/// on dark grey, 4.0:1, now on a darker grey, and black on grey in 16 colours; captions: a grey
/// of their own rather than the terminal's dim, whose colour is not known).
fn dark(role: Role) -> Entry {
    match role {
        Role::Title => same(fg(Color::LightCyan).add_modifier(BOLD)),
        Role::Metadata => same(fg(Color::Gray)),
        Role::Quote => same(fg(Color::Yellow)),
        Role::Hit => same(fg(Color::LightGreen).add_modifier(BOLD | Modifier::UNDERLINED)),
        Role::HitCurrent => same(on(Color::Black, Color::LightGreen).add_modifier(BOLD)),
        Role::Selection => same(on(Color::White, Color::Blue).add_modifier(BOLD)),
        Role::Speaker => same(fg(Color::LightMagenta).add_modifier(BOLD)),
        Role::SpeakerGuess => same(fg(Color::Gray).add_modifier(ITALIC)),
        Role::Description => same(fg(Color::LightMagenta).add_modifier(ITALIC)),
        Role::QuoteMarked => same(on(Color::Black, Color::Yellow)),
        Role::Reported => same(Style::new().add_modifier(ITALIC)),
        Role::Heading => same(Style::new().add_modifier(BOLD)),
        Role::Caption => same(fg(Color::Gray).add_modifier(ITALIC)),
        Role::Status => with16(
            on(Color::White, Color::Indexed(238)),
            on(Color::Black, Color::Gray),
        ),
        Role::Key => same(fg(Color::LightCyan).add_modifier(BOLD)),
        Role::Warning => same(fg(Color::LightRed).add_modifier(BOLD)),
        Role::Border => same(fg(Color::DarkGray)),
        Role::BorderFocused => same(fg(Color::Cyan).add_modifier(BOLD)),
    }
}

/// For a light background (white, black text): dark colours of xterm's 256 (exact in 24-bit too),
/// and in 16 colours the few that keep 4.5:1 on white (black, red, blue, magenta) or a light
/// background of the role's own.
fn light(role: Role) -> Entry {
    const TEAL: Color = Color::Indexed(24); // #005f87
    const GREY: Color = Color::Indexed(240); // #585858
    const BROWN: Color = Color::Indexed(94); // #875f00
    const GREEN: Color = Color::Indexed(22); // #005f00
    const PURPLE: Color = Color::Indexed(90); // #870087
    const SKY: Color = Color::Indexed(153); // #afd7ff
    const DARK_BAR: Color = Color::Indexed(238); // #444444
    const RED: Color = Color::Indexed(124); // #af0000
    const LINE: Color = Color::Indexed(245); // #8a8a8a
    const BLUE_LINE: Color = Color::Indexed(31); // #0087af
    match role {
        Role::Title => with16(
            fg(TEAL).add_modifier(BOLD),
            fg(Color::Blue).add_modifier(BOLD),
        ),
        Role::Metadata => with16(fg(GREY), fg(Color::Black)),
        Role::Quote => with16(fg(BROWN), fg(Color::Red)),
        Role::Hit => with16(
            fg(GREEN).add_modifier(BOLD | Modifier::UNDERLINED),
            on(Color::Black, Color::LightCyan).add_modifier(BOLD | Modifier::UNDERLINED),
        ),
        Role::HitCurrent => same(on(Color::Black, Color::LightGreen).add_modifier(BOLD)),
        Role::Selection => with16(
            on(Color::Black, SKY).add_modifier(BOLD),
            on(Color::Black, Color::Gray).add_modifier(BOLD),
        ),
        Role::Speaker => with16(
            fg(PURPLE).add_modifier(BOLD),
            fg(Color::Magenta).add_modifier(BOLD),
        ),
        Role::SpeakerGuess => with16(
            fg(GREY).add_modifier(ITALIC),
            fg(Color::Black).add_modifier(ITALIC),
        ),
        Role::Description => with16(
            fg(PURPLE).add_modifier(ITALIC),
            fg(Color::Magenta).add_modifier(ITALIC),
        ),
        Role::QuoteMarked => same(on(Color::Black, Color::Yellow)),
        Role::Reported => same(Style::new().add_modifier(ITALIC)),
        Role::Heading => same(Style::new().add_modifier(BOLD)),
        Role::Caption => with16(
            fg(GREY).add_modifier(ITALIC),
            fg(Color::Black).add_modifier(ITALIC),
        ),
        Role::Status => with16(on(Color::White, DARK_BAR), on(Color::White, Color::Black)),
        Role::Key => with16(
            fg(TEAL).add_modifier(BOLD),
            fg(Color::Blue).add_modifier(BOLD),
        ),
        Role::Warning => with16(
            fg(RED).add_modifier(BOLD),
            fg(Color::Red).add_modifier(BOLD),
        ),
        Role::Border => with16(fg(LINE), fg(Color::DarkGray)),
        Role::BorderFocused => with16(
            fg(BLUE_LINE).add_modifier(BOLD),
            fg(Color::Blue).add_modifier(BOLD),
        ),
    }
}

/// `role`'s style without colour, in every theme (what `NO_COLOR` gives).
pub(super) fn plain(role: Role) -> Style {
    let m = |m: Modifier| Style::new().add_modifier(m);
    match role {
        Role::Title | Role::Speaker | Role::Heading | Role::Key | Role::Warning => m(BOLD),
        Role::BorderFocused => m(BOLD),
        Role::Metadata => m(Modifier::DIM),
        Role::Quote | Role::Description => m(ITALIC),
        Role::Hit => m(BOLD | Modifier::UNDERLINED),
        Role::HitCurrent => m(Modifier::REVERSED | BOLD | Modifier::UNDERLINED),
        Role::Selection | Role::Status => m(Modifier::REVERSED),
        Role::SpeakerGuess | Role::Caption => m(Modifier::DIM | ITALIC),
        Role::QuoteMarked => m(Modifier::REVERSED | ITALIC),
        Role::Reported | Role::Border => Style::new(),
    }
}
