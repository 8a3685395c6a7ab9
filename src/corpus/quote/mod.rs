//! Quotes: citations extracted from an article's body and title, with their speakers.
//!
//! `types` holds the public types; `pipeline` runs one article (`extract` finds the spans,
//! `people` who is who, `attribute` who spoke, `title` the headline's quotes, `candidate` what is
//! a quote rather than a term); `index` runs the corpus and `links` finds the same quote across
//! articles. `lexicon`, `clauses`, `names` and `words` are the French the others read with. This
//! file only declares the modules and the public API.

mod attribute;
mod candidate;
mod clauses;
mod extract;
mod index;
mod lexicon;
mod links;
mod names;
pub mod people;
mod pipeline;
mod title;
mod types;
mod words;

pub use index::{ALIAS_FILE, QuoteIndex, load_aliases};
pub use links::{
    Link, Linker, MAX_ALSO_IN, apply as apply_links, common_in_order, is_same_quote, word_hashes,
};
pub use people::Aliases;
pub use pipeline::extract_article;
pub use types::{Confidence, Evidence, Field, Quote, QuoteKind};

#[cfg(test)]
mod tests;
