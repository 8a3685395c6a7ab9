//! What can be wrong with a configuration file, said the way rustc and toml say it: the file, line
//! and column, what is wrong and what is allowed, then the offending line with a caret under the
//! place. Everything from the file is sanitized before it is shown.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthStr;

use crate::corpus::sanitize;

/// One thing wrong, at a place in the file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong and what is allowed.
    pub message: String,
    /// Where, in bytes of the file's text (`None` when toml could not say).
    pub span: Option<Range<usize>>,
}

impl Problem {
    /// A problem at `span`.
    pub fn at(span: Range<usize>, message: impl Into<String>) -> Problem {
        Problem {
            message: message.into(),
            span: Some(span),
        }
    }

    /// A problem toml or serde found, in the file's words (serde's fields are settings, its
    /// variants values).
    pub fn from_toml(e: &toml::de::Error) -> Problem {
        let message = e.message().trim_end();
        // The roles of `[colors]` are serde variants too: call them what they are.
        let value = if message.contains("`border_focused`") {
            "unknown colour role"
        } else {
            "unknown value"
        };
        let message = message
            .replace("unknown field", "unknown setting")
            .replace("unknown variant", value)
            .replace(
                "expected a sequence",
                "expected a list of keys such as [\"j\", \"Down\"]",
            );
        Problem {
            message,
            span: e.span(),
        }
    }
}

/// A place in the text: 1-based line and column (in characters), and the line itself.
struct Place<'a> {
    line: usize,
    col: usize,
    text: &'a str,
    /// Columns (display width) before the caret, and the caret's width.
    caret: (usize, usize),
}

fn place<'a>(text: &'a str, span: &Range<usize>) -> Place<'a> {
    let start = floor_char(text, span.start.min(text.len()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line_text = text[line_start..line_end].trim_end_matches('\r');
    let before = &text[line_start..start];
    let end = floor_char(text, span.end.clamp(start, line_end));
    let under = &text[start..end];
    Place {
        line: text[..start].matches('\n').count() + 1,
        col: before.chars().count() + 1,
        text: line_text,
        caret: (shown(before).width(), shown(under).width().max(1)),
    }
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `text` safe to print on one line (tabs as spaces).
fn shown(text: &str) -> String {
    sanitize::one_line(&text.replace('\t', " ")).into_owned()
}

/// A configuration file that cannot be used: unreadable, or with problems.
#[derive(Debug)]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// What went wrong.
    pub kind: ErrorKind,
}

/// Why a configuration file cannot be used.
#[derive(Debug)]
pub enum ErrorKind {
    /// It could not be read (missing, a folder, not UTF-8…): the message says so.
    Unreadable(String),
    /// It was read; these are wrong (at least one), with its text.
    Invalid {
        /// The file's text.
        text: String,
        /// What is wrong, in the order of the file.
        problems: Vec<Problem>,
    },
}

impl ConfigError {
    /// The first problem's place, `FILE:LINE:COL` (just `FILE` for an unreadable file).
    fn first_place(&self, file: &str) -> String {
        match &self.kind {
            ErrorKind::Invalid { text, problems } => {
                match problems.first().and_then(|p| p.span.as_ref()) {
                    Some(span) => {
                        let at = place(text, span);
                        format!("{file}:{}:{}", at.line, at.col)
                    }
                    None => file.to_owned(),
                }
            }
            ErrorKind::Unreadable(_) => file.to_owned(),
        }
    }

    /// The first problem's message, on one line.
    fn first_message(&self) -> String {
        match &self.kind {
            ErrorKind::Invalid { problems, .. } => problems
                .first()
                .map(|p| shown(&p.message))
                .unwrap_or_default(),
            ErrorKind::Unreadable(why) => shown(why),
        }
    }

    /// What the status bar says, in full (`config error: FILE:LINE:COL what — defaults in use;
    /// aes-reader config check`) and short (the file's name, not its path, and not what).
    pub fn status_notes(&self) -> (String, String) {
        const TAIL: &str = "defaults in use; aes-reader config check";
        let path = shown(&self.path.display().to_string());
        let name = self
            .path
            .file_name()
            .map_or_else(|| path.clone(), |n| shown(&n.to_string_lossy()));
        let more = match &self.kind {
            ErrorKind::Invalid { problems, .. } if problems.len() > 1 => {
                format!(" (and {} more)", problems.len() - 1)
            }
            _ => String::new(),
        };
        (
            format!(
                "config error: {} {}{more} — {TAIL}",
                self.first_place(&path),
                self.first_message()
            ),
            format!("config error: {} — {TAIL}", self.first_place(&name)),
        )
    }

    /// The file, for messages.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl fmt::Display for ConfigError {
    /// Each problem as `config error: FILE:LINE:COL: what`, then the line with a caret under the
    /// place; an unreadable file on one line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = shown(&self.path.display().to_string());
        match &self.kind {
            ErrorKind::Unreadable(why) => write!(f, "config error: {path} {}", shown(why)),
            ErrorKind::Invalid { text, problems } => {
                for (i, problem) in problems.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    let message = problem
                        .message
                        .lines()
                        .map(shown)
                        .collect::<Vec<_>>()
                        .join("\n  ");
                    let Some(span) = &problem.span else {
                        write!(f, "config error: {path}: {message}")?;
                        continue;
                    };
                    let at = place(text, span);
                    let num = at.line.to_string();
                    let gutter = " ".repeat(num.len());
                    writeln!(f, "config error: {path}:{}:{}: {message}", at.line, at.col)?;
                    writeln!(f, "{gutter} |")?;
                    writeln!(f, "{num} | {}", shown(at.text))?;
                    write!(
                        f,
                        "{gutter} | {}{}",
                        " ".repeat(at.caret.0),
                        "^".repeat(at.caret.1)
                    )?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ConfigError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_shows_its_line_and_a_caret_under_its_place() {
        let text = "sort = \"newest\"\n[keys.list]\ndwn = [\"j\"]\n";
        let start = text.find("dwn").unwrap();
        let e = ConfigError {
            path: PathBuf::from("/c/config.toml"),
            kind: ErrorKind::Invalid {
                text: text.to_owned(),
                problems: vec![Problem::at(start..start + 3, "unknown action `dwn`")],
            },
        };
        assert_eq!(
            e.to_string(),
            "config error: /c/config.toml:3:1: unknown action `dwn`\n  |\n3 | dwn = [\"j\"]\n  | ^^^"
        );
        let (full, short) = e.status_notes();
        assert_eq!(
            full,
            "config error: /c/config.toml:3:1 unknown action `dwn` — defaults in use; aes-reader \
             config check"
        );
        assert_eq!(
            short,
            "config error: config.toml:3:1 — defaults in use; aes-reader config check"
        );
    }

    #[test]
    fn columns_count_characters_and_carets_follow_wide_ones() {
        let text = "# é\nx = \"→\" # ok\n";
        let start = text.find("\"→\"").unwrap();
        let at = place(text, &(start..start + "\"→\"".len()));
        assert_eq!((at.line, at.col), (2, 5));
        assert_eq!(at.caret, (4, 3));
    }
}
