//! What the configuration file says about colours: the built-in theme to start from
//! (`BaseTheme`) and colours by role on top of it (`RoleColors`, each a `ColorSpec`: a colour
//! string for the foreground, or a table with `fg`, `bg`, `bold`, `italic`, `underline`).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::role::Role;

/// The built-in theme the user's colours go on top of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BaseTheme {
    /// For a dark terminal background (the colours the reader always had).
    #[default]
    Dark,
    /// For a light terminal background.
    Light,
}

impl BaseTheme {
    /// Every built-in theme, in the order `config default` lists them.
    pub const ALL: [BaseTheme; 2] = [BaseTheme::Dark, BaseTheme::Light];

    /// The name the configuration file uses.
    pub fn name(self) -> &'static str {
        match self {
            BaseTheme::Dark => "dark",
            BaseTheme::Light => "light",
        }
    }
}

/// Colours by role, each optional: a role left out keeps the base theme's style.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct RoleColors(BTreeMap<Role, ColorSpec>);

impl RoleColors {
    /// No colours of the user's: the base theme as it is.
    pub fn new() -> RoleColors {
        RoleColors::default()
    }

    /// Sets the colours of `role` (replacing what was set for it).
    pub fn set(&mut self, role: Role, spec: ColorSpec) {
        self.0.insert(role, spec);
    }

    /// What the user set for `role`, if anything.
    pub fn get(&self, role: Role) -> Option<&ColorSpec> {
        self.0.get(&role)
    }

    /// The roles set, in `Role::ALL` order.
    pub fn iter(&self) -> impl Iterator<Item = (Role, &ColorSpec)> {
        self.0.iter().map(|(&r, s)| (r, s))
    }
}

/// The user's style of one role. Each part left out keeps the base theme's: `"red"` changes the
/// foreground and keeps the bold of a bold role; `bold = false` takes the bold away.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ColorSpec {
    pub fg: Option<Color>,
    pub bg: Option<Color>,
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub underline: Option<bool>,
}

impl ColorSpec {
    /// Only a foreground colour (what a plain string in the file means).
    pub fn fg(color: Color) -> ColorSpec {
        ColorSpec {
            fg: Some(color),
            ..ColorSpec::default()
        }
    }

    /// `base` with this spec's parts put over it.
    pub fn apply(&self, base: Style) -> Style {
        let mut style = base;
        if let Some(fg) = self.fg {
            style = style.fg(fg);
        }
        if let Some(bg) = self.bg {
            style = style.bg(bg);
        }
        for (set, modifier) in [
            (self.bold, Modifier::BOLD),
            (self.italic, Modifier::ITALIC),
            (self.underline, Modifier::UNDERLINED),
        ] {
            // `false` only takes the role's own modifier away: the role does not force it off
            // where the text under it has it (a hit inside a bold title stays bold).
            match set {
                Some(true) => style.add_modifier |= modifier,
                Some(false) => style.add_modifier -= modifier,
                None => {}
            }
        }
        style
    }

    /// The spec that gives `style` (its colours and its bold, italic and underline).
    pub fn of_style(style: Style) -> ColorSpec {
        let has = |m| style.add_modifier.contains(m).then_some(true);
        ColorSpec {
            fg: style.fg,
            bg: style.bg,
            bold: has(Modifier::BOLD),
            italic: has(Modifier::ITALIC),
            underline: has(Modifier::UNDERLINED),
        }
    }
}

/// As the configuration file writes it: `"red"`, or `{ fg = "red", bold = true }`.
impl fmt::Display for ColorSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let only_fg = self.bg.is_none()
            && self.bold.is_none()
            && self.italic.is_none()
            && self.underline.is_none();
        if let (Some(fg), true) = (self.fg, only_fg) {
            return write!(f, "\"{}\"", color_name(fg));
        }
        let mut parts = Vec::new();
        for (key, color) in [("fg", self.fg), ("bg", self.bg)] {
            if let Some(c) = color {
                parts.push(format!("{key} = \"{}\"", color_name(c)));
            }
        }
        for (key, set) in [
            ("bold", self.bold),
            ("italic", self.italic),
            ("underline", self.underline),
        ] {
            if let Some(b) = set {
                parts.push(format!("{key} = {b}"));
            }
        }
        write!(f, "{{ {} }}", parts.join(", "))
    }
}

/// The name the configuration file accepts for `color`.
pub fn color_name(color: Color) -> String {
    match color {
        Color::Indexed(i) => i.to_string(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        named => named.to_string().to_lowercase(),
    }
}

/// What a colour may be, for error messages.
const COLORS_ALLOWED: &str = "use a colour name (black, red, green, yellow, blue, magenta, cyan, \
    gray, darkgray, lightred, lightgreen, lightyellow, lightblue, lightmagenta, lightcyan, white, \
    reset), \"#rrggbb\", or a palette number 0-255";

/// One colour as the file writes it: a name, `#rrggbb`, or a palette number (as a string or a
/// number).
struct ColorValue(Color);

impl<'de> Deserialize<'de> for ColorValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ColorValue;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a colour: {COLORS_ALLOWED}")
            }

            fn visit_str<E: de::Error>(self, s: &str) -> Result<ColorValue, E> {
                Color::from_str(s)
                    .map(ColorValue)
                    .map_err(|_| E::custom(format!("unknown colour {s:?}: {COLORS_ALLOWED}")))
            }

            fn visit_i64<E: de::Error>(self, n: i64) -> Result<ColorValue, E> {
                u8::try_from(n)
                    .map(|i| ColorValue(Color::Indexed(i)))
                    .map_err(|_| E::custom(format!("no colour number {n}: {COLORS_ALLOWED}")))
            }

            fn visit_u64<E: de::Error>(self, n: u64) -> Result<ColorValue, E> {
                u8::try_from(n)
                    .map(|i| ColorValue(Color::Indexed(i)))
                    .map_err(|_| E::custom(format!("no colour number {n}: {COLORS_ALLOWED}")))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// The table form of a `ColorSpec`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpecTable {
    fg: Option<ColorValue>,
    bg: Option<ColorValue>,
    bold: Option<bool>,
    italic: Option<bool>,
    underline: Option<bool>,
}

impl<'de> Deserialize<'de> for ColorSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ColorSpec;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a colour (\"red\", \"#d75f00\", \"208\") or a table such as \
                     { fg = \"red\", bg = \"black\", bold = true, italic = true, underline = true }",
                )
            }

            fn visit_str<E: de::Error>(self, s: &str) -> Result<ColorSpec, E> {
                Ok(ColorSpec::fg(
                    ColorValue::deserialize(de::value::StrDeserializer::<E>::new(s))?.0,
                ))
            }

            fn visit_i64<E: de::Error>(self, n: i64) -> Result<ColorSpec, E> {
                Ok(ColorSpec::fg(
                    ColorValue::deserialize(de::value::I64Deserializer::<E>::new(n))?.0,
                ))
            }

            fn visit_u64<E: de::Error>(self, n: u64) -> Result<ColorSpec, E> {
                Ok(ColorSpec::fg(
                    ColorValue::deserialize(de::value::U64Deserializer::<E>::new(n))?.0,
                ))
            }

            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<ColorSpec, M::Error> {
                let t = SpecTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(ColorSpec {
                    fg: t.fg.map(|c| c.0),
                    bg: t.bg.map(|c| c.0),
                    bold: t.bold,
                    italic: t.italic,
                    underline: t.underline,
                })
            }
        }
        deserializer.deserialize_any(V)
    }
}
