//! Bringing the saved catalog and index up to date when a few article files changed: only the
//! added and changed files are read (through the corpus cache, which records them), their
//! articles added to the index and the catalog; the articles of changed and deleted files are
//! dropped, and every list-order key is made again from the new file order. The index then
//! answers every query as one built from scratch would (a test compares them), and both are
//! saved again for the next command.

use std::collections::HashMap;

use rayon::prelude::*;

use super::{CATALOG, Frozen, INDEX, Tag, save};
use crate::corpus::article::{Article, order_key, seq};
use crate::corpus::cache::{Cache, Changes, Extract};
use crate::corpus::catalog::{Catalog, Row};
use crate::corpus::quote::{self, ALIAS_FILE, Quote};
use crate::corpus::search::{Index, SearchDoc};
use crate::corpus::store::Source;

/// True when bringing the saved files up to date is worth it: the rows dropped (those dropped
/// before, plus at most one per changed or deleted file) stay under a quarter of the articles.
/// Past that a full load, which packs them again, is the better deal.
pub(super) fn worth_it(changes: &Changes, catalog: &Catalog, source: &Source) -> bool {
    let dropped =
        catalog.slots().saturating_sub(catalog.len()) + changes.changed.len() + changes.gone;
    dropped.saturating_mul(4) <= source.len()
}

/// `catalog` and `index` (saved for the manifest `cache` read; the catalog alone when no index
/// was saved) brought up to date with `source`, whose files changed as `changes` says; the cache
/// and the saved files are written again. `None` when it cannot be done here (a changed file is rejected, a record or a saved
/// row is missing, an article's id changed): the caller loads the corpus, which says why.
pub(super) fn refresh(
    cache: Cache,
    source: &Source,
    changes: &Changes,
    mut catalog: Catalog,
    mut index: Option<Index>,
) -> Option<Frozen> {
    if index.as_ref().is_some_and(|i| i.len() != catalog.slots()) {
        return None;
    }
    let mut changed = vec![false; source.len()];
    for &i in &changes.changed {
        *changed.get_mut(i)? = true;
    }
    // The rows kept get their new key; the others (changed or deleted files) none.
    let mut keys: Vec<Option<u64>> = vec![None; catalog.slots()];
    {
        let rows: HashMap<&str, u32> = catalog.numbered_rows().map(|(n, r)| (r.file, n)).collect();
        for i in (0..source.len()).filter(|&i| !changed[i]) {
            let n = *rows.get(source.name(i)?)?;
            let row = catalog.row(n as usize)?;
            if source.id(i)?.as_str() != row.id || !cache.keep(source, i) {
                return None;
            }
            *keys.get_mut(n as usize)? = Some(order_key(row.date, seq(i)));
        }
    }
    let (aliases, _) = quote::load_aliases(source.extra(ALIAS_FILE));
    let extract = |article: &Article| quote::extract_article(article, &aliases);
    let loaded: Option<Vec<(usize, Article, Vec<Quote>)>> = changes
        .changed
        .par_iter()
        .map(|&i| {
            let extract: Extract<'_> = &extract;
            match cache.load(source, i, Some(extract))? {
                (Ok((article, _warnings)), quotes) => Some((i, article, quotes)),
                // Rejected: the full load says so.
                (Err(_), _) => None,
            }
        })
        .collect();
    let loaded = loaded?;
    if !cache.notes().is_empty() {
        return None;
    }
    let mut docs = Vec::with_capacity(loaded.len());
    for (i, article, quotes) in &loaded {
        keys.push(Some(order_key(article.meta.date, seq(*i))));
        catalog.push(Row::of(article));
        if index.is_some() {
            docs.push(SearchDoc::new(article, quotes, seq(*i)));
        }
    }
    if let Some(index) = &mut index {
        index.add(docs);
        index.relist(&keys);
    }
    let mut order: Vec<u32> = (0..keys.len())
        .filter(|&n| keys[n].is_some())
        .filter_map(|n| u32::try_from(n).ok())
        .collect();
    order.sort_unstable_by_key(|&n| keys[n as usize]);
    catalog.set_order(order);
    if catalog.len() != source.len() {
        return None;
    }
    let dir = cache.location().dir.clone();
    let mut refreshed = None;
    match cache.commit() {
        Ok(summary) => {
            tracing::info!(
                new = summary.new,
                changed = summary.changed,
                removed = summary.removed,
                "saved catalog and index brought up to date"
            );
            if let Some(manifest) = summary.manifest {
                let tag = Tag {
                    manifest,
                    numbering: catalog.numbering(),
                };
                save(&dir, CATALOG, tag, &|out| catalog.write_to(out));
                if let Some(index) = &index {
                    save(&dir, INDEX, tag, &|out| index.write_to(out));
                }
            }
            refreshed = Some(summary);
        }
        Err(e) => tracing::warn!("{e}"),
    }
    Some(Frozen {
        catalog,
        index,
        refreshed,
    })
}
