//! The corpus alias file (`people.toml` in the corpus folder): which spellings are one person,
//! and the roles the file gives them.

use std::collections::HashMap;

use serde::Deserialize;

use super::roles::role_tokens;
use crate::corpus::text::words_key;

/// The corpus alias file (`people.toml` in the corpus folder): spellings and roles of one person.
///
/// ```toml
/// [[person]]
/// name = "Andreï Biélooussov"            # the spelling shown
/// aliases = ["Andrei Belousov"]          # other spellings of the full name
/// roles = ["ministre russe de la Défense"]
/// ```
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    canonical: HashMap<String, String>,
    variants: HashMap<String, Vec<String>>,
    pub(super) roles: HashMap<String, Vec<Vec<String>>>,
}

#[derive(Deserialize)]
struct AliasFile {
    #[serde(default)]
    person: Vec<AliasEntry>,
}

#[derive(Deserialize)]
struct AliasEntry {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    roles: Vec<String>,
}

impl Aliases {
    /// Parses the alias file; the error says what is wrong in it.
    pub fn parse(text: &str) -> Result<Aliases, String> {
        let file: AliasFile = toml::from_str(text).map_err(|e| e.message().to_owned())?;
        let mut a = Aliases::default();
        // The file is data from the corpus folder like any article: names reach the screen.
        let clean = |s: &str| crate::corpus::sanitize::one_line(s).into_owned();
        for mut p in file.person {
            p.name = clean(&p.name);
            p.aliases = p.aliases.iter().map(|v| clean(v)).collect();
            p.roles = p.roles.iter().map(|r| clean(r)).collect();
            for v in p.aliases.iter().chain(std::iter::once(&p.name)) {
                a.canonical.insert(words_key(v), p.name.clone());
            }
            a.roles.insert(
                p.name.clone(),
                p.roles.iter().map(|r| role_tokens(r)).collect(),
            );
            a.variants.insert(p.name.clone(), p.aliases);
        }
        Ok(a)
    }

    /// The canonical spelling of a full name, when the file knows it.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        if self.canonical.is_empty() {
            return None;
        }
        self.canonical.get(&words_key(name)).map(String::as_str)
    }

    /// Other spellings of a canonical name.
    pub fn variants(&self, name: &str) -> &[String] {
        self.variants.get(name).map_or(&[], Vec::as_slice)
    }

    /// Every person of the file, as all its spellings (the name shown first).
    pub fn people(&self) -> impl Iterator<Item = impl Iterator<Item = &str>> {
        self.variants.iter().map(|(name, others)| {
            std::iter::once(name.as_str()).chain(others.iter().map(String::as_str))
        })
    }

    /// The canonical name whose surname is this single word, when exactly one person has it.
    fn by_surname(&self, word: &str) -> Option<&str> {
        let key = words_key(word);
        let mut hits = self
            .canonical
            .iter()
            .filter(|(k, _)| k.rsplit(' ').next() == Some(key.as_str()) && k.contains(' '));
        let first = hits.next()?.1;
        hits.all(|(_, v)| v == first).then_some(first.as_str())
    }
}

/// Resolves a one-word name against the alias file when the article does not name the person.
pub fn alias_by_surname<'a>(aliases: &'a Aliases, word: &str) -> Option<&'a str> {
    aliases.by_surname(word)
}
