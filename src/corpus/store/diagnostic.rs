//! What the user is told about one file of the corpus: loaded with repairs, or rejected, and why.

use serde::{Deserialize, Serialize};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file was loaded, with repairs worth knowing about.
    Warning,
    /// The file was not loaded.
    Rejected,
}

/// Something to tell the user about one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Path relative to the corpus folder (sanitized for display).
    pub file: String,
    /// Loaded with warnings, or rejected.
    pub severity: Severity,
    /// What happened, and what to do where there is something to do.
    pub message: String,
}

impl Diagnostic {
    /// `file` was not loaded, for the reason `message` gives.
    pub(crate) fn rejected(file: &str, message: String) -> Diagnostic {
        Diagnostic {
            file: file.to_owned(),
            severity: Severity::Rejected,
            message,
        }
    }
}
