//! People in one article: full names found in the text, the roles appositions give them
//! (`Abdoulaye Diop, ministre malien …`, `le ministre russe de la Défense, Andrei Belousov`), who is
//! the subject of each sentence (for pronouns), and the corpus alias file that says which spellings
//! are one person. No name is known in advance: everything comes from the text or the alias file.
//!
//! `persons` is the data and the lookups of a person; `find` finds the people and their roles;
//! `floor` who holds the floor and what pronouns point to; `subjects` the subject phrases that
//! open a sentence; `roles` role phrases; `aliases` the alias file. This file only declares them.

mod aliases;
mod find;
mod floor;
mod persons;
mod roles;
mod subjects;

pub use aliases::{Aliases, alias_by_surname};
pub use floor::Pronoun;
pub use persons::{People, Person, Referent, strip_title};
pub use roles::role_tokens;

#[cfg(test)]
mod tests;
