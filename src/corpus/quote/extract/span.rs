//! A quote span as found in the text, before attribution ([`Span`]): where it stands, its words,
//! its marks or clause, and what kind it was found as.

use std::ops::Range;

use crate::corpus::quote::types::{Field, QuoteKind};

/// A span found in the text, before attribution.
#[derive(Debug, Clone)]
pub struct Span {
    /// Title or body.
    pub field: Field,
    /// Index of the block it stands in (body only).
    pub block: Option<usize>,
    /// The quoted words.
    pub content: Range<usize>,
    /// Where the opening mark (or the clause) starts.
    pub open: usize,
    /// Just after the closing mark (or the clause).
    pub close_end: usize,
    /// What kind it was found as (marked spans are refined to direct/partial later).
    pub kind: QuoteKind,
    /// Paragraphs of one French multi-paragraph quote share a passage number.
    pub passage: Option<usize>,
    /// The attribution text of unmarked speech: `, a déclaré X` after the clause, or `indique
    /// X,` before it (`Aussi, indique X, …`).
    pub attribution: Option<Range<usize>>,
    /// Interview turns: the label.
    pub label: Option<String>,
}
