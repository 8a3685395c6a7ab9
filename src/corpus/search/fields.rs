//! What a match says: the article, its score, and which of its fields matched.

use serde::Serialize;

/// Which part of an article a query matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchField {
    /// The headline.
    Title,
    /// The outlet.
    Outlet,
    /// The journalist.
    Author,
    /// A quote's speaker.
    Speaker,
    /// Every query word starts a word of the title or body.
    Body,
}

impl SearchField {
    const ALL: [SearchField; 5] = [
        SearchField::Title,
        SearchField::Outlet,
        SearchField::Author,
        SearchField::Speaker,
        SearchField::Body,
    ];

    /// Lower-case name, as in JSON.
    pub fn name(self) -> &'static str {
        match self {
            SearchField::Title => "title",
            SearchField::Outlet => "outlet",
            SearchField::Author => "author",
            SearchField::Speaker => "speaker",
            SearchField::Body => "body",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of [`SearchField`]s, one byte.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fields(u8);

impl Fields {
    /// Adds a field.
    pub fn insert(&mut self, f: SearchField) {
        self.0 |= f.bit();
    }

    /// True when `f` is in the set.
    pub fn contains(self, f: SearchField) -> bool {
        self.0 & f.bit() != 0
    }

    /// True when no field is in the set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The fields, in [`SearchField`] order.
    pub fn iter(self) -> impl Iterator<Item = SearchField> {
        SearchField::ALL
            .into_iter()
            .filter(move |f| self.contains(*f))
    }
}

/// One article that matches a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Index of the article, in the order articles were added to the [`Index`](super::Index).
    pub index: usize,
    /// Higher is better: title hits score above outlet/author/speaker hits, and those above
    /// body-only hits.
    pub score: i64,
    /// The fields that matched.
    pub fields: Fields,
    /// Typos the match needs (0: every query word as typed, or through the alias file); see
    /// [`typos_allowed`](super::typos_allowed). Such matches rank below every match needing none.
    pub typos: u8,
}
