//! Styles for every element of the screen, by role (`Role`): a built-in theme (`dark` or
//! `light`, in `builtin`), the user's colours on top (`user`), brought down to the colours the
//! terminal shows (`depth`); with no colour (`NO_COLOR`) styles by modifiers only, so that nothing
//! relies on colour alone.

mod builtin;
mod depth;
mod role;
mod user;

#[cfg(test)]
mod tests;

use ratatui::style::Style;

pub use depth::{ColorDepth, DepthSetting, UnknownDepth, xterm_rgb};
pub use role::Role;
pub use user::{BaseTheme, ColorSpec, RoleColors, color_name};

/// The styles in use, one per role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    styles: [Style; Role::COUNT],
}

impl Theme {
    /// The dark theme at the depth the environment says (`ColorDepth::from_env`: none with
    /// `NO_COLOR`).
    pub fn from_env() -> Theme {
        Theme::build(BaseTheme::Dark, &RoleColors::new(), ColorDepth::from_env())
    }

    /// The dark theme in full colour, or without colour.
    pub fn new(color: bool) -> Theme {
        let depth = if color {
            ColorDepth::TrueColor
        } else {
            ColorDepth::None
        };
        Theme::build(BaseTheme::Dark, &RoleColors::new(), depth)
    }

    /// `base` with the user's `colors` over it, every colour brought down to `depth`. At depth
    /// `None` the styles are the modifiers-only ones and the user's colours are left out (no
    /// colour at all, as `NO_COLOR` asks).
    pub fn build(base: BaseTheme, colors: &RoleColors, depth: ColorDepth) -> Theme {
        let styles = Role::ALL.map(|role| {
            if depth == ColorDepth::None {
                return builtin::plain(role);
            }
            let entry = builtin::entry(base, role);
            let start = match (depth, entry.ansi16) {
                (ColorDepth::Ansi16, Some(style)) => style,
                _ => entry.color,
            };
            let mut style = colors.get(role).map_or(start, |spec| spec.apply(start));
            style.fg = style.fg.and_then(|c| depth.reduce(c));
            style.bg = style.bg.and_then(|c| depth.reduce(c));
            style
        });
        Theme { styles }
    }

    /// What `base` gives `role` in colour, as a setting (for the comments of `config default`).
    pub fn default_spec(base: BaseTheme, role: Role) -> ColorSpec {
        ColorSpec::of_style(builtin::entry(base, role).color)
    }

    /// The style of `role`.
    pub fn style(&self, role: Role) -> Style {
        self.styles[role.index()]
    }

    /// Border of the focused pane.
    pub fn border_focused(&self) -> Style {
        self.style(Role::BorderFocused)
    }

    /// Border of other panes.
    pub fn border(&self) -> Style {
        self.style(Role::Border)
    }

    /// The selected row of a list (the `▶` marker carries it without colour).
    pub fn selected(&self) -> Style {
        self.style(Role::Selection)
    }

    /// Secondary text (dates, outlets, notes): the `metadata` role.
    pub fn dim(&self) -> Style {
        self.style(Role::Metadata)
    }

    /// Article title in the reading pane.
    pub fn title(&self) -> Style {
        self.style(Role::Title)
    }

    /// Section headings.
    pub fn heading(&self) -> Style {
        self.style(Role::Heading)
    }

    /// Photo captions.
    pub fn caption(&self) -> Style {
        self.style(Role::Caption)
    }

    /// Interview speaker labels.
    pub fn speaker(&self) -> Style {
        self.style(Role::Speaker)
    }

    /// A quote inside the text.
    pub fn quote(&self) -> Style {
        self.style(Role::Quote)
    }

    /// Reported speech the article prints without quotation marks (unmarked, interview answers):
    /// italic, not the quote colour; without colour, plain (the missing marks and the kind say it).
    pub fn reported(&self) -> Style {
        self.style(Role::Reported)
    }

    /// A speaker described rather than named (`un diplomate`, `le ministre burkinabè`): italic.
    pub fn description(&self) -> Style {
        self.style(Role::Description)
    }

    /// A speaker the engine only guessed (low confidence): dim and italic, never bold.
    pub fn speaker_guess(&self) -> Style {
        self.style(Role::SpeakerGuess)
    }

    /// The quote the user jumped to.
    pub fn quote_marked(&self) -> Style {
        self.style(Role::QuoteMarked)
    }

    /// A search hit (characters matching the filter).
    pub fn hit(&self) -> Style {
        self.style(Role::Hit)
    }

    /// The search hit `n`/`N` moved to.
    pub fn hit_current(&self) -> Style {
        self.style(Role::HitCurrent)
    }

    /// The status bar.
    pub fn status(&self) -> Style {
        self.style(Role::Status)
    }

    /// Key names in hints and help.
    pub fn key(&self) -> Style {
        self.style(Role::Key)
    }

    /// Warnings (unreadable state file …).
    pub fn warning(&self) -> Style {
        self.style(Role::Warning)
    }
}
