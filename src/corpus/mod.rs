//! The domain: articles, their cleaning, storage, quotes and search. No terminal code lives here.
//! CPU work runs on every core through rayon (loading on a pool of its own, see [`load`]).

pub mod article;
pub mod cache;
pub mod catalog;
pub mod cite;
pub mod ingest;
pub mod load;
pub mod quote;
pub mod quotebook;
pub mod sanitize;
pub mod search;
pub mod state;
pub mod store;
pub mod text;

pub use article::{Article, ArticleId, Block, BlockKind, Meta, PartialDate};

/// Threads to split CPU work over: one per core, at most eight (the loading pool's size).
pub(crate) fn cpu_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}
pub use store::{Diagnostic, Origin, Severity, Store};
