//! A speaker as the engine gives it ([`Speaker`]): a name or a description, the evidence for it
//! (the cue and how it was resolved) and how sure that is, carried from quote to quote.

use crate::corpus::quote::types::{Confidence, Evidence};

/// The speaker of a quote, resolved as far as the article allows, with the evidence for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// A person's or organisation's name, canonical spelling, or a description.
    pub(super) text: String,
    /// A name rather than a description.
    pub(super) named: bool,
    /// Why: the cue in the text and how it was resolved (`a déclaré · role noun "le ministre" ->
    /// apposition`).
    pub cue: String,
    /// How sure the evidence is.
    pub confidence: Confidence,
    /// The evidence where it was first found, before it was carried to other quotes.
    root: String,
}

impl Speaker {
    pub(super) fn named(
        text: impl Into<String>,
        how: impl Into<String>,
        confidence: Confidence,
    ) -> Self {
        let cue: String = how.into();
        Speaker {
            text: text.into(),
            named: true,
            root: cue.clone(),
            cue,
            confidence,
        }
    }

    pub(super) fn described(text: impl Into<String>, how: impl Into<String>) -> Self {
        let cue: String = how.into();
        Speaker {
            text: text.into(),
            named: false,
            root: cue.clone(),
            cue,
            confidence: Confidence::High,
        }
    }

    /// The text shown and printed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// A name rather than a description.
    pub fn is_named(&self) -> bool {
        self.named
    }

    /// The same speaker found through `cue` (`a déclaré`, `selon`): the cue comes first in the
    /// evidence, then how the phrase was resolved, when it took more than reading a name.
    pub fn via(mut self, cue: &str) -> Self {
        let cue = cue.split_whitespace().collect::<Vec<_>>().join(" ");
        self.cue = if self.cue.is_empty() {
            cue
        } else {
            format!("{cue} · {}", self.cue)
        };
        self.root = self.cue.clone();
        self
    }

    /// The same speaker, with the confidence lowered to at most `c`.
    pub fn at_most(mut self, c: Confidence) -> Self {
        self.confidence = self.confidence.min(c);
        self
    }

    /// The same speaker carried to another quote by `how` (`previous quote, same paragraph`):
    /// the evidence says so and the confidence is at most `c`.
    pub fn carried(&self, how: &str, c: Confidence) -> Self {
        Speaker {
            cue: format!("{how} ({})", self.root),
            ..self.clone()
        }
        .at_most(c)
    }
}

/// The public evidence of a speaker: its cue and confidence.
pub fn evidence_of(s: &Speaker) -> Evidence {
    Evidence {
        cue: s.cue.clone(),
        confidence: s.confidence,
    }
}
