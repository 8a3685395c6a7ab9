//! The public types of the quote engine: a quote ([`Quote`]), its kind, where it stands
//! ([`Field`]), and the evidence for its speaker with how sure that is. No logic lives here.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::corpus::article::ArticleId;

/// What kind of citation a quote is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A whole clause in quotation marks.
    Direct,
    /// A fragment in marks inside the journalist's sentence (headlines included).
    Partial,
    /// Reported speech whose marks were lost: `Clause, a déclaré X.`
    Unmarked,
    /// An answer turn of an interview (`Name: answer`), one quote per paragraph.
    Interview,
}

impl QuoteKind {
    /// Lower-case name, as in JSON.
    pub fn name(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Unmarked => "unmarked",
            QuoteKind::Interview => "interview",
        }
    }
}

/// How sure the engine is of a quote's speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// A guess the text supports but does not say: a speaker carried over from an earlier
    /// sentence or paragraph, a role noun given to the last person who held the floor.
    Low,
    /// One step of inference: a pronoun, a role noun resolved through an apposition, another
    /// quote of the same sentence, a verb the lexicon does not know.
    Medium,
    /// Said in so many words: a speech verb or `selon` with the name or the anonymous source,
    /// `X :`, an interview turn.
    High,
}

impl Confidence {
    /// Lower-case name, as in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// Why a quote has its speaker: the cue in the text and how it was resolved, and how sure that is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The cue (`a déclaré`, `selon`, `X :`, `interview turn`) and its resolution (`pronoun "il"
    /// -> last subject or speaker`, `role noun "le ministre" -> apposition`), joined by ` · `.
    pub cue: String,
    /// How sure.
    pub confidence: Confidence,
}

/// Which text of the article a span refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The headline (`Meta::title`).
    Title,
    /// The body (`Article::body`).
    Body,
}

/// One citation. (Serialized for the corpus cache only: the JSON output builds its own objects.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the marks.
    pub text: String,
    /// Direct, partial, unmarked or interview.
    pub kind: QuoteKind,
    /// Canonical speaker: a person, an organisation, a description of an anonymous source, or none.
    pub speaker: Option<String>,
    /// Why the speaker was given, and how sure that is (`None` when there is no speaker).
    pub evidence: Option<Evidence>,
    /// Where the quote stands: the body when it is printed there, else the title.
    pub field: Field,
    /// Byte range of the quote text in `field` (slices back to `text` exactly).
    pub span: Range<usize>,
    /// Byte range of the sentence around it, in the same field.
    pub sentence: Range<usize>,
    /// Other places in the same article printing the same quote (title and body).
    pub also_at: Vec<(Field, Range<usize>)>,
    /// Other articles printing the same quote: the first [`MAX_ALSO_IN`](super::MAX_ALSO_IN) in
    /// corpus order.
    pub also_in: Vec<ArticleId>,
    /// How many other articles print it (more than `also_in` lists when it is reprinted widely).
    pub also_in_count: usize,
}
