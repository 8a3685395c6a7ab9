//! The corpus's quote index: every article's quotes, extracted on every core, with the
//! cross-article links, and the alias file (`people.toml`) that gives one spelling per person.

use std::collections::HashMap;

use super::links::link_across;
use super::people::Aliases;
use super::pipeline::extract_article;
use super::types::Quote;
use crate::corpus::article::ArticleId;
use crate::corpus::store::Store;

/// The quotes of every article of a store, with cross-article links.
#[derive(Debug, Clone, Default)]
pub struct QuoteIndex {
    by_article: HashMap<ArticleId, Vec<Quote>>,
    aliases: Aliases,
    warnings: Vec<String>,
}

/// Name of the alias file in the corpus folder.
pub const ALIAS_FILE: &str = "people.toml";

/// The aliases in the corpus's alias file (its bytes, when there is one), with a warning when the
/// file cannot be used.
pub fn load_aliases(file: Option<&[u8]>) -> (Aliases, Option<String>) {
    match file.map(|b| Aliases::parse(&String::from_utf8_lossy(b))) {
        Some(Ok(a)) => (a, None),
        Some(Err(e)) => (
            Aliases::default(),
            Some(format!(
                "{ALIAS_FILE}: {e}; aliases ignored until it is fixed"
            )),
        ),
        None => (Aliases::default(), None),
    }
}

impl QuoteIndex {
    /// Extracts and attributes the quotes of every article, then links quotes printed in several.
    pub fn build(store: &Store) -> QuoteIndex {
        let (aliases, warning) = load_aliases(store.extra(ALIAS_FILE));
        let warnings = warning.into_iter().collect();
        let articles = store.articles();
        let mut per: Vec<Vec<Quote>> = vec![Vec::new(); articles.len()];
        // Two cores are two cores: split the articles between threads.
        let threads = crate::corpus::cpu_threads();
        let chunk = articles.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            for (arts, out) in articles.chunks(chunk).zip(per.chunks_mut(chunk)) {
                let aliases = &aliases;
                scope.spawn(move || {
                    for (a, slot) in arts.iter().zip(out.iter_mut()) {
                        *slot = extract_article(a, aliases);
                    }
                });
            }
        });
        link_across(articles, &mut per);
        let by_article = articles.iter().map(|a| a.id.clone()).zip(per).collect();
        QuoteIndex {
            by_article,
            aliases,
            warnings,
        }
    }

    /// The quotes of one article, in reading order (title first).
    pub fn quotes(&self, id: &ArticleId) -> &[Quote] {
        self.by_article.get(id).map_or(&[], Vec::as_slice)
    }

    /// Problems with the alias file.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Other spellings of a speaker, from the alias file.
    pub fn aliases_of(&self, speaker: &str) -> &[String] {
        self.aliases.variants(speaker)
    }
}
