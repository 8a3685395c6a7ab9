//! `aes-reader`: a terminal reader for a corpus of French-language press articles.
//!
//! Module map:
//! - [`corpus`]: the domain, with no terminal code: [`corpus::article`] (the model),
//!   [`corpus::sanitize`] (the one place untrusted text is made safe), [`corpus::ingest`] (raw file →
//!   article: front matter, metadata detection, boilerplate removal), [`corpus::store`] (finding and
//!   listing a folder or the bundled corpus, reading one file, diagnostics, lookup),
//!   [`corpus::load`] (the one loading path: every core, in batches for the reader, all at once for
//!   the headless commands), [`corpus::text`] (folding helpers), [`corpus::quote`] (citations and
//!   speakers), [`corpus::quotebook`] (who said what across the corpus), [`corpus::cite`]
//!   (citations and references for the clipboard and exports), [`corpus::search`] (ranked
//!   matches), [`corpus::state`] (read marks and positions).
//! - [`cli`]: the headless subcommands and their JSON output.
//! - `tui` (feature `tui`, on by default): the full-screen reader; the only module that knows the
//!   terminal.

pub mod cli;
pub mod corpus;
#[cfg(feature = "tui")]
pub mod tui;
