//! Search: a query -> ranked article matches. Short fields (title, outlet, author, speakers) match
//! fuzzily through [`fuzzy::Fuzzy`]; title and body match by word prefixes through an inverted index,
//! every query word required, a word the alias file spells another way also by those spellings
//! (`names`); a query word of 5 letters or more also matches with typos ([`typo`], the rule in one
//! place), below every match without. All matching runs on folded text
//! ([`crate::corpus::text::fold`]), whose chars map one-to-one to the original's, so highlight
//! positions are computed on demand for what is on screen.
//!
//! The parts: `query` (a query's words), `fields` (what a match says), `doc` (what the index
//! needs of an article), `index` (the index and its ranking, with `score`, `postings`, `sorted`
//! and `cache`), `highlight` (hits to show), [`worker`] (the index on its own thread).

mod cache;
mod doc;
mod fields;
pub mod fuzzy;
mod highlight;
mod index;
mod names;
pub(crate) mod persist;
mod postings;
mod query;
mod score;
mod sorted;
pub mod typo;
pub mod worker;

pub use doc::SearchDoc;
pub use fields::{Fields, Match, SearchField};
pub use fuzzy::{Fuzzy, Skim};
pub use highlight::{Highlighter, find_hits, title_highlights};
pub use index::{FIRST_PAGE, Index};
pub use names::NameWords;
pub use persist::PersistError;
pub use query::{Query, words};
pub use typo::{Typos, typos_allowed};

#[cfg(test)]
mod tests;
