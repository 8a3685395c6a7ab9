//! Metadata fields as they are kept: one-line labels (white space collapsed, sanitized), and what
//! the file name gives when the article does not say (its id and its title).

use std::borrow::Cow;

use crate::corpus::sanitize;

/// The id an article file gets: its path without the extension.
pub fn id_of(file: &str) -> &str {
    file.rsplit_once('.').map_or(file, |(s, _)| s)
}

/// The title of an article that has none: its file name without the extension.
pub(super) fn file_title(file: &str) -> &str {
    let stem = id_of(file);
    stem.rsplit('/').next().unwrap_or(stem)
}

/// A metadata field as a one-line label: white space (line breaks and no-break spaces included)
/// collapsed to single spaces, before sanitizing (a line break in a title is layout, not a control
/// to show) and after (removing an invisible character can leave two spaces). Body text keeps its
/// no-break spaces; labels are compared, listed and searched.
pub(super) fn label(s: &str) -> String {
    collapse(&sanitize::one_line(&collapse(s))).into_owned()
}

/// `s` with white space collapsed to single spaces and trimmed; borrowed when it already is.
pub(super) fn collapse(s: &str) -> Cow<'_, str> {
    let collapsed = !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ")
        && !s.chars().any(|c| c.is_whitespace() && c != ' ');
    if collapsed {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}
