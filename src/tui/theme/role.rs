//! The text roles: one per kind of thing the screen shows, each with the name the configuration
//! file gives it and a line saying what it colours.

use std::fmt;

use serde::Deserialize;

/// What a piece of the screen is, for its style. The configuration file names a role by its
/// snake_case name (`Role::name`); an unknown name is an error listing the known ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Title,
    Metadata,
    Quote,
    Hit,
    HitCurrent,
    Selection,
    Speaker,
    SpeakerGuess,
    Description,
    QuoteMarked,
    Reported,
    Heading,
    Caption,
    Status,
    Key,
    Warning,
    Border,
    BorderFocused,
}

impl Role {
    /// How many roles there are (the length of a theme's table).
    pub const COUNT: usize = 18;

    /// Every role, in the order `config default` lists them.
    pub const ALL: [Role; Role::COUNT] = [
        Role::Title,
        Role::Metadata,
        Role::Quote,
        Role::Hit,
        Role::HitCurrent,
        Role::Selection,
        Role::Speaker,
        Role::SpeakerGuess,
        Role::Description,
        Role::QuoteMarked,
        Role::Reported,
        Role::Heading,
        Role::Caption,
        Role::Status,
        Role::Key,
        Role::Warning,
        Role::Border,
        Role::BorderFocused,
    ];

    /// Its place in a theme's table.
    pub(super) fn index(self) -> usize {
        self as usize
    }

    /// The name the configuration file uses (stable: config files depend on it).
    pub fn name(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Metadata => "metadata",
            Role::Quote => "quote",
            Role::Hit => "hit",
            Role::HitCurrent => "hit_current",
            Role::Selection => "selection",
            Role::Speaker => "speaker",
            Role::SpeakerGuess => "speaker_guess",
            Role::Description => "description",
            Role::QuoteMarked => "quote_marked",
            Role::Reported => "reported",
            Role::Heading => "heading",
            Role::Caption => "caption",
            Role::Status => "status",
            Role::Key => "key",
            Role::Warning => "warning",
            Role::Border => "border",
            Role::BorderFocused => "border_focused",
        }
    }

    /// One line saying what the role colours (for the comments of `config default`).
    pub fn description(self) -> &'static str {
        match self {
            Role::Title => "the article's title in the reading pane",
            Role::Metadata => "dates, outlets, counts and notes",
            Role::Quote => "a quote printed in quotation marks",
            Role::Hit => "the letters a search or filter matched",
            Role::HitCurrent => "the search hit n/N moved to",
            Role::Selection => "the selected row of a list",
            Role::Speaker => "a named speaker, and interview speaker labels",
            Role::SpeakerGuess => "a speaker the quote engine only guessed",
            Role::Description => "a speaker described rather than named (un diplomate)",
            Role::QuoteMarked => "the quote the reader jumped to",
            Role::Reported => "reported speech printed without quotation marks",
            Role::Heading => "section headings of an article",
            Role::Caption => "photo captions",
            Role::Status => "the status bar",
            Role::Key => "key names in hints and help",
            Role::Warning => "warnings (an unreadable state file, bad files)",
            Role::Border => "the border of a pane without the focus",
            Role::BorderFocused => "the border of the pane with the focus",
        }
    }

    /// Whether the role colours text (4.5:1 contrast) rather than lines (3:1).
    pub fn is_text(self) -> bool {
        !matches!(self, Role::Border | Role::BorderFocused)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
