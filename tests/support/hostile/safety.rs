//! What must never reach a terminal from article content, and the checks of a run's output for it.

use aes_reader::corpus::sanitize::{is_bidi_control, is_safe_char};
use serde_json::Value;

use super::run::Run;

/// A character that must never reach a terminal from article content: C0 controls but newline and
/// tab, DEL, C1, bidi controls, invisible format characters, U+2028/U+2029.
pub fn is_forbidden(c: char) -> bool {
    !is_safe_char(c) || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Everything wrong with one output stream, described for a failure message.
pub fn stream_problems(label: &str, what: &str, bytes: &[u8]) -> Vec<String> {
    let mut problems = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            problems.push(format!("{label}: {what} is not UTF-8: {e}"));
            return problems;
        }
    };
    if let Some(at) = text.find("panicked") {
        problems.push(format!(
            "{label}: {what} reports a panic: {:.300}",
            &text[at..]
        ));
    }
    for (i, c) in text.char_indices().filter(|(_, c)| is_forbidden(*c)) {
        let before: String = text[..i].chars().rev().take(30).collect();
        let before: String = before.chars().rev().collect();
        problems.push(format!(
            "{label}: {what} carries U+{:04X} at byte {i}, after {before:?}",
            c as u32
        ));
        if problems.len() > 5 {
            break;
        }
    }
    problems
}

/// Every string (and key) of a JSON value, decoded.
pub fn json_strings<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::String(s) => out.push(s),
        Value::Array(a) => a.iter().for_each(|v| json_strings(v, out)),
        Value::Object(o) => {
            for (k, v) in o {
                out.push(k);
                json_strings(v, out);
            }
        }
        _ => {}
    }
}

/// What is unsafe in a run: raw bytes on stdout and stderr, and decoded JSON strings.
pub fn run_problems(run: &Run) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(why) = &run.killed {
        problems.push(format!("{}: {why}", run.label));
    }
    problems.extend(stream_problems(&run.label, "stdout", &run.stdout));
    problems.extend(stream_problems(&run.label, "stderr", &run.stderr));
    if run.args.iter().any(|a| a == "--json") && problems.is_empty() {
        for line in run.out().lines().filter(|l| !l.is_empty()) {
            let Ok(v) = serde_json::from_str::<Value>(line) else {
                problems.push(format!("{}: a line is not JSON: {line:.200}", run.label));
                continue;
            };
            let mut strings = Vec::new();
            json_strings(&v, &mut strings);
            for s in strings {
                if let Some(c) = s.chars().find(|c| is_forbidden(*c)) {
                    problems.push(format!(
                        "{}: a JSON string decodes to U+{:04X}: {s:.120?}",
                        run.label, c as u32
                    ));
                }
            }
        }
    }
    problems
}
