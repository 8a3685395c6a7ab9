//! The reported-speech lexicon (`lexicon.toml`, compiled in), expanded into regular expressions:
//! every inflection of every speech verb, inverted forms (`a-t-il ajouté`, `s’est-elle félicitée`),
//! role nouns, determiners and the small gazetteer that keeps places and institutions from being
//! taken for people.
//!
//! `tables` is the compiled lexicon's shape; `load` builds it from the data file; `verbs`,
//! `frames` and `lookups` are what the engine asks of it. This file only declares them.

mod frames;
mod load;
mod lookups;
mod tables;
mod verbs;

pub use load::LEXICON;
pub use lookups::starts_word;
