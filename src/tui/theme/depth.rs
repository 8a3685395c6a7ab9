//! How many colours the terminal shows (`ColorDepth`: from `NO_COLOR`, `COLORTERM` and `TERM`, or
//! the configuration's setting), xterm's default palette, and bringing a colour down to a depth
//! (24-bit to the nearest of the 256, 256 to the nearest of the 16).

use std::fmt;
use std::str::FromStr;

use ratatui::style::Color;
use serde::Deserialize;

/// The colours the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ColorDepth {
    /// No colour at all: styles by modifiers only (`NO_COLOR`, `TERM=dumb`).
    None,
    /// The 16 ANSI colours.
    Ansi16,
    /// xterm's 256 colours.
    Ansi256,
    /// 24-bit colour.
    TrueColor,
}

impl ColorDepth {
    /// The depth the environment says: `NO_COLOR` set to something non-empty gives none (as
    /// <https://no-color.org> asks), `COLORTERM=truecolor|24bit` 24-bit, a `TERM` with `256color`
    /// in it 256 colours, `TERM=dumb` none (such a terminal shows escape sequences as text), and
    /// anything else the 16 colours every colour terminal has.
    pub fn from_env() -> ColorDepth {
        let var = |name| std::env::var(name).ok();
        ColorDepth::from_vars(
            var("NO_COLOR").as_deref(),
            var("COLORTERM").as_deref(),
            var("TERM").as_deref(),
        )
    }

    /// `from_env` on given values of `NO_COLOR`, `COLORTERM` and `TERM`.
    pub fn from_vars(no_color: Option<&str>, colorterm: Option<&str>, term: Option<&str>) -> Self {
        let term = term.unwrap_or("");
        if no_color.is_some_and(|v| !v.is_empty()) || term == "dumb" {
            ColorDepth::None
        } else if colorterm
            .is_some_and(|c| c.eq_ignore_ascii_case("truecolor") || c.eq_ignore_ascii_case("24bit"))
        {
            ColorDepth::TrueColor
        } else if term.contains("256color") {
            ColorDepth::Ansi256
        } else {
            ColorDepth::Ansi16
        }
    }

    /// The depth a configuration value asks for: `auto` (the environment's, see `from_env`),
    /// `none`, `16`, `256` or `truecolor`.
    pub fn from_setting(s: &str) -> Result<ColorDepth, UnknownDepth> {
        s.parse::<DepthSetting>().map(DepthSetting::resolve)
    }

    /// `color` as this depth can show it: unchanged when it can, else the nearest colour it has
    /// (`None` at depth `None`). Named colours and `Reset` are shown at every depth.
    pub fn reduce(self, color: Color) -> Option<Color> {
        match (self, color) {
            (ColorDepth::None, _) => None,
            (ColorDepth::TrueColor, c) => Some(c),
            (ColorDepth::Ansi256, Color::Rgb(r, g, b)) => {
                Some(Color::Indexed(nearest([r, g, b], 16..=255)))
            }
            (ColorDepth::Ansi16, Color::Rgb(r, g, b)) => {
                Some(ANSI[usize::from(nearest([r, g, b], 0..=15))])
            }
            (ColorDepth::Ansi16, Color::Indexed(i)) => {
                Some(ANSI[usize::from(nearest(xterm_rgb(Color::Indexed(i))?, 0..=15))])
            }
            (_, c) => Some(c),
        }
    }
}

/// The configuration's colour setting, before `auto` is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(try_from = "String")]
pub enum DepthSetting {
    /// The environment's depth (`ColorDepth::from_env`).
    #[default]
    Auto,
    /// A depth the user chose.
    Fixed(ColorDepth),
}

impl DepthSetting {
    /// The values the setting takes, in the order the error and `config default` list them.
    pub const NAMES: [&'static str; 5] = ["auto", "none", "16", "256", "truecolor"];

    /// The depth to draw with.
    pub fn resolve(self) -> ColorDepth {
        match self {
            DepthSetting::Auto => ColorDepth::from_env(),
            DepthSetting::Fixed(depth) => depth,
        }
    }
}

impl FromStr for DepthSetting {
    type Err = UnknownDepth;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "auto" => DepthSetting::Auto,
            "none" => DepthSetting::Fixed(ColorDepth::None),
            "16" => DepthSetting::Fixed(ColorDepth::Ansi16),
            "256" => DepthSetting::Fixed(ColorDepth::Ansi256),
            "truecolor" | "24bit" => DepthSetting::Fixed(ColorDepth::TrueColor),
            _ => return Err(UnknownDepth(s.to_owned())),
        })
    }
}

impl TryFrom<String> for DepthSetting {
    type Error = UnknownDepth;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

/// A colour setting that is none of `DepthSetting::NAMES`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown colour depth {0:?}: use one of \"auto\", \"none\", \"16\", \"256\" or \"truecolor\""
)]
pub struct UnknownDepth(pub String);

impl fmt::Display for ColorDepth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ColorDepth::None => "none",
            ColorDepth::Ansi16 => "16",
            ColorDepth::Ansi256 => "256",
            ColorDepth::TrueColor => "truecolor",
        })
    }
}

/// The 16 named colours, in ANSI order (index 0 to 15).
pub(super) const ANSI: [Color; 16] = [
    Color::Black,
    Color::Red,
    Color::Green,
    Color::Yellow,
    Color::Blue,
    Color::Magenta,
    Color::Cyan,
    Color::Gray,
    Color::DarkGray,
    Color::LightRed,
    Color::LightGreen,
    Color::LightYellow,
    Color::LightBlue,
    Color::LightMagenta,
    Color::LightCyan,
    Color::White,
];

/// xterm's default values of the 16 ANSI colours.
const ANSI_RGB: [u32; 16] = [
    0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5, 0x7f7f7f,
    0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
];

/// The red, green and blue `color` shows in xterm's default palette (`None` for `Reset`, which is
/// the terminal's own foreground or background).
pub fn xterm_rgb(color: Color) -> Option<[u8; 3]> {
    let index = match color {
        Color::Reset => return None,
        Color::Rgb(r, g, b) => return Some([r, g, b]),
        Color::Indexed(i) => i,
        named => ANSI
            .iter()
            .position(|&c| c == named)
            .and_then(|i| u8::try_from(i).ok())?,
    };
    Some(match index {
        0..=15 => {
            let [_, r, g, b] = ANSI_RGB[usize::from(index)].to_be_bytes();
            [r, g, b]
        }
        16..=231 => {
            let level = |n: u8| if n == 0 { 0 } else { 55 + 40 * n };
            let n = index - 16;
            [level(n / 36), level(n / 6 % 6), level(n % 6)]
        }
        _ => [8 + 10 * (index - 232); 3],
    })
}

/// The index in `range` of xterm's palette nearest to `rgb`, by the "redmean" distance (a cheap
/// weighting of red, green and blue close enough to what the eye sees for picking a colour).
fn nearest(rgb: [u8; 3], range: std::ops::RangeInclusive<u8>) -> u8 {
    let distance = |other: [u8; 3]| {
        let mean = (i32::from(rgb[0]) + i32::from(other[0])) / 2;
        let d = |i: usize| i32::from(rgb[i]) - i32::from(other[i]);
        (512 + mean) * d(0) * d(0) / 256 + 4 * d(1) * d(1) + (767 - mean) * d(2) * d(2) / 256
    };
    range
        .min_by_key(|&i| xterm_rgb(Color::Indexed(i)).map_or(i32::MAX, distance))
        .unwrap_or(0)
}
