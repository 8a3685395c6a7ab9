//! Speakers: who said each quote, with the evidence for it and how sure that evidence is.
//!
//! Explicit evidence first: an inverted speech verb after the quote (`», a-t-il ajouté`, `»,
//! tranche X`), `selon X` before or after it, `X :`, a speech verb whose subject is found before it
//! (`La CGT a estimé que « … »`, `X, qui estimait qu’il fallait « … »`), `par X`. The phrase found
//! there is then resolved: pronouns to the last speaker or subject of their gender and number, role
//! nouns to the person an apposition gave that role (else, at low confidence, the last person who
//! held the floor), organisation nouns (`la centrale`) to the last organisation that spoke, short
//! forms to full names. Anonymous sources stay descriptions.
//!
//! `speaker` is what a speaker is; `resolver` holds the article's people and resolves referents
//! and names; `subject` reads a subject phrase; `verbs` finds a speech verb's subject; `cues`
//! reads the evidence around and inside a quote. This file only declares them.

mod cues;
mod resolver;
mod speaker;
mod subject;
mod verbs;

pub use cues::{selon_evidence, split_incise};
pub use resolver::{Generic, Resolver};
pub use speaker::{Speaker, evidence_of};
