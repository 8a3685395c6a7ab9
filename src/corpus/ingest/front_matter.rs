//! The `+++` TOML front matter: found, measured before it is parsed (parsing costs about a hundred
//! times its size in memory), parsed with each broken line left out, and each known key taken with a
//! type check. Every problem is a warning that names the line or the key; the text after the block
//! is the article body whatever the block holds.

use super::fields::label;
use crate::corpus::article::PartialDate;
use crate::corpus::sanitize;

/// Front matter keys a file may set.
const KEYS: [&str; 7] = ["title", "date", "source", "author", "url", "lang", "tags"];

/// A front matter longer than this is ignored unparsed. Real ones are a few hundred bytes.
pub(super) const MAX_BYTES: usize = 64 * 1024;

/// A front matter with more keys, values and tables than this is ignored unparsed: each costs the
/// parser a kilobyte or more (a 16 MB block of `[[t]]` tables took 1.6 GB), and a real one has a
/// dozen keys and a few tags.
pub(super) const MAX_ITEMS: usize = 1_000;

/// A front matter that nests arrays or tables deeper than this is ignored unparsed.
pub(super) const MAX_DEPTH: usize = 8;

/// Broken lines left out, each with its warning, before the whole front matter is given up.
const MAX_ERRORS: usize = 8;

/// Metadata given explicitly in a `+++` TOML block.
#[derive(Debug, Default, Clone)]
pub(super) struct FrontMatter {
    /// A closed `+++` block was found: what follows it is the body, whatever the block holds.
    pub block: bool,
    pub title: Option<String>,
    pub date: Option<PartialDate>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub tags: Vec<String>,
}

/// Splits sanitized `text` into its front matter and the rest. Problems go to `warnings`: a block
/// never closed (then the whole text is the article), one too large to parse, TOML errors with
/// their line in the file, keys of the wrong type, unknown keys.
pub(super) fn split_front_matter<'a>(
    text: &'a str,
    warnings: &mut Vec<String>,
) -> (FrontMatter, &'a str) {
    let mut fm = FrontMatter::default();
    let trimmed = text.trim_start_matches(['\n', ' ', '\t']);
    let Some(after_open) = trimmed.strip_prefix("+++\n") else {
        return (fm, text);
    };
    // The closing line, or an empty block closed at once.
    let close = if after_open == "+++" || after_open.starts_with("+++\n") {
        Some(0)
    } else {
        after_open
            .find("\n+++")
            .filter(|i| {
                let tail = &after_open[i + 4..];
                tail.is_empty() || tail.starts_with('\n')
            })
            .map(|i| i + 1)
    };
    let Some(close) = close else {
        warnings.push(
            "front matter opened with +++ but never closed; read as article text. Add a +++ line \
             after it"
                .into(),
        );
        return (fm, text);
    };
    fm.block = true;
    let toml_text = &after_open[..close];
    let rest = after_open[close + 3..].trim_start_matches('\n');
    // Lines of the file before the TOML: leading blank lines and the opening +++.
    let lines_before = text[..text.len() - after_open.len()].matches('\n').count();
    if let Err(why) = within_limits(toml_text) {
        warnings.push(format!(
            "front matter ignored unread: {why}; the text after it is read as the article. Keep \
             the front matter to its few keys"
        ));
        return (fm, rest);
    }
    if let Some(table) = parse(toml_text, lines_before, warnings) {
        take_fields(&table, &mut fm, warnings);
    }
    (fm, rest)
}

/// Refuses, before any parsing, a front matter over [`MAX_BYTES`], [`MAX_ITEMS`] or [`MAX_DEPTH`]
/// (one pass over the bytes, nothing allocated), saying which limit it passes.
pub(super) fn within_limits(toml: &str) -> Result<(), String> {
    if toml.len() > MAX_BYTES {
        return Err(format!(
            "it is {} bytes long, more than the {MAX_BYTES} a front matter may have",
            toml.len()
        ));
    }
    let shape = shape(toml);
    if shape.items > MAX_ITEMS {
        return Err(format!(
            "it holds more than {MAX_ITEMS} keys, values and tables"
        ));
    }
    if shape.depth > MAX_DEPTH {
        return Err(format!(
            "it nests arrays or tables more than {MAX_DEPTH} deep"
        ));
    }
    Ok(())
}

/// How much a TOML text holds, counted without parsing it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Shape {
    /// `=`, `,`, `[` and `{` outside strings and comments: at least one per key, value or table.
    /// Counting stops past [`MAX_ITEMS`].
    pub items: usize,
    /// The deepest nesting of `[` and `{`.
    pub depth: usize,
}

pub(super) fn shape(toml: &str) -> Shape {
    let b = toml.as_bytes();
    let (mut items, mut depth, mut deepest) = (0, 0usize, 0);
    let mut i = 0;
    while i < b.len() && items <= MAX_ITEMS {
        match b[i] {
            b'#' => {
                i = b[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(b.len(), |n| i + n)
            }
            q @ (b'"' | b'\'') => i = string_end(b, i, q),
            b'[' | b'{' => {
                items += 1;
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'=' | b',' => items += 1,
            _ => {}
        }
        i += 1;
    }
    Shape {
        items,
        depth: deepest,
    }
}

/// The index of the last byte of the TOML string opened by quote `q` at `start` (basic `"` strings
/// have backslash escapes, literal `'` ones none; a tripled quote opens a multi-line string); an
/// unclosed one-line string ends at its line's end, an unclosed multi-line one at the end.
fn string_end(b: &[u8], start: usize, q: u8) -> usize {
    let triple = b[start..].starts_with(&[q, q, q]);
    let mut i = start + if triple { 3 } else { 1 };
    while i < b.len() {
        match b[i] {
            b'\\' if q == b'"' => i += 1,
            b'\n' if !triple => return i,
            c if c == q && !triple => return i,
            c if c == q && b[i..].starts_with(&[q, q, q]) => {
                // Up to two quotes of the content may stand before the closing three.
                let run = b[i..].iter().take_while(|&&c| c == q).count();
                return i + run - 1;
            }
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// Parses the front matter, leaving out each line that TOML rejects (each a warning giving its
/// line in the file) so that the other keys still count. Gives up after [`MAX_ERRORS`] lines, or
/// at an error no line can be blamed for (an array or a string left open to the end).
fn parse(toml_text: &str, lines_before: usize, warnings: &mut Vec<String>) -> Option<toml::Table> {
    let mut lines: Vec<&str> = toml_text.split('\n').collect();
    for attempt in 0..=MAX_ERRORS {
        let source = lines.join("\n");
        let error = match source.parse::<toml::Table>() {
            Ok(table) => return Some(table),
            Err(e) => e,
        };
        if attempt == MAX_ERRORS {
            warnings.push(format!(
                "front matter ignored: more than {MAX_ERRORS} of its lines are not valid TOML. \
                 Fix them, or remove the +++ block"
            ));
            return None;
        }
        let at = error.span().map_or(source.len(), |s| s.start);
        let before = source.get(..at).unwrap_or(&source);
        let line = before.matches('\n').count();
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let blamed = lines.get(line).is_some_and(|l| !l.trim().is_empty());
        let message = error.message().replace('\n', " ");
        warnings.push(format!(
            "front matter is not valid TOML at line {}, column {column} ({}); {}. Fix it, or \
             remove it",
            lines_before + line + 1,
            sanitize::one_line(message.trim()),
            if blamed {
                "that line is ignored"
            } else {
                "the whole front matter is ignored"
            }
        ));
        if !blamed {
            return None;
        }
        lines[line] = "";
    }
    None
}

/// Takes each known key whose value has the right type; a wrong type is a warning naming the key
/// and the type it needs, unknown keys are named in one warning.
fn take_fields(table: &toml::Table, fm: &mut FrontMatter, warnings: &mut Vec<String>) {
    let mut unknown = Vec::new();
    for (key, value) in table {
        match key.as_str() {
            "title" => fm.title = text(key, value, warnings),
            "source" => fm.source = text(key, value, warnings),
            "author" => fm.author = text(key, value, warnings),
            "url" => fm.url = text(key, value, warnings),
            "lang" => fm.lang = text(key, value, warnings),
            "date" => fm.date = date(value, warnings),
            "tags" => fm.tags = tags(value, warnings),
            other => unknown.push(format!("`{}`", sanitize::one_line(other))),
        }
    }
    if !unknown.is_empty() {
        const SHOWN: usize = 10;
        let more = unknown.len().saturating_sub(SHOWN);
        unknown.truncate(SHOWN);
        let (s, are) = if unknown.len() + more == 1 {
            ("", "is")
        } else {
            ("s", "are")
        };
        let and_more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        warnings.push(format!(
            "front matter key{s} {}{and_more} {are} not known (use one of: {}); ignored",
            unknown.join(", "),
            KEYS.join(", ")
        ));
    }
}

/// A one-line text key: a string, else a warning.
fn text(key: &str, value: &toml::Value, warnings: &mut Vec<String>) -> Option<String> {
    match value {
        toml::Value::String(s) => Some(label(s)).filter(|s| !s.is_empty()),
        other => {
            warnings.push(wrong_type(key, "a string (in quotes)", other));
            None
        }
    }
}

fn date(value: &toml::Value, warnings: &mut Vec<String>) -> Option<PartialDate> {
    let text = match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Datetime(d) => d.to_string(),
        other => {
            warnings.push(wrong_type(
                "date",
                "a date (2025-05-12) or a string (\"2025-05\", \"2025\")",
                other,
            ));
            return None;
        }
    };
    let date = PartialDate::parse_iso(&text);
    if date.is_none() {
        warnings.push(format!(
            "front matter date {} is not YYYY, YYYY-MM or YYYY-MM-DD; ignored",
            sanitize::one_line(&value.to_string())
        ));
    }
    date
}

/// A list of strings, or one string; items of another type are left out with a warning.
fn tags(value: &toml::Value, warnings: &mut Vec<String>) -> Vec<String> {
    match value {
        toml::Value::String(s) => Some(label(s))
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect(),
        toml::Value::Array(items) => {
            let tags: Vec<String> = items
                .iter()
                .filter_map(|v| v.as_str())
                .map(label)
                .filter(|s| !s.is_empty())
                .collect();
            let other = items.iter().filter(|v| !v.is_str()).count();
            if other > 0 {
                warnings.push(format!(
                    "front matter `tags` must be a list of strings; {other} item{} that {} not a \
                     string ignored",
                    if other == 1 { "" } else { "s" },
                    if other == 1 { "is" } else { "are" }
                ));
            }
            tags
        }
        other => {
            warnings.push(wrong_type("tags", "a list of strings", other));
            Vec::new()
        }
    }
}

/// `front matter `title` must be a string (in quotes), not an integer; ignored`.
fn wrong_type(key: &str, expected: &str, got: &toml::Value) -> String {
    let kind = got.type_str();
    let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("front matter `{key}` must be {expected}, not {article} {kind}; ignored")
}
