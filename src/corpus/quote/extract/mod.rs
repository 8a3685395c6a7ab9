//! Quote spans: pairs of quotation marks of every style (« », “ ”, „ “, ‹ ›, straight `"`, mixed
//! pairs, nesting, paragraphs reopened with «), reported speech whose marks were lost, interview
//! answers, and the sentences they stand in. All positions are byte offsets on char boundaries.
//!
//! `span` is what a span is; `marks` the quotation marks as characters; `marked` the spans in
//! marks; `unmarked` reported speech; `interviews` answer turns; `sentences` the sentence ranges.
//! This file only declares them.

mod interviews;
mod marked;
mod marks;
mod sentences;
mod span;
mod unmarked;

pub use interviews::{interviews, question_answers};
pub use marked::{is_whole_clause, marked};
pub use marks::trim_stray_marks;
pub use sentences::sentences;
pub use span::Span;
pub use unmarked::unmarked;
