//! The domain: articles, their cleaning, storage, quotes and search. No terminal code lives here.

pub mod article;
pub mod ingest;
pub mod load;
pub mod quote;
pub mod sanitize;
pub mod search;
pub mod state;
pub mod store;
pub mod text;

pub use article::{Article, ArticleId, Block, BlockKind, Meta, PartialDate};
pub use store::{Diagnostic, Origin, Severity, Store};
