//! Whether a hostile file met its manifest entry: the `check` line, listed or not, its title, id,
//! body (text kept, markers, payloads gone, counts) and metadata; for the alias file, the speakers.

use std::collections::BTreeMap;
use std::ffi::OsString;

use serde_json::Value;

use super::Entry;
use super::reads_despite_chmod;
use super::run::{Run, find};

/// How one entry's expectation is not met by what the binary printed.
pub fn entry_problems(
    e: &Entry,
    runs: &[Run],
    check: &str,
    listed: &BTreeMap<String, Value>,
) -> Vec<String> {
    let mut p = Vec::new();
    let shown = e.shown();
    let root_override = e.if_root.is_some() && reads_despite_chmod();
    let (outcome, label) = if root_override {
        (e.if_root.as_deref().unwrap_or_default(), "ok")
    } else {
        (e.outcome.as_str(), e.check.as_str())
    };
    if outcome == "data" {
        return speakers_problems(e, runs);
    }
    // The `check` line: the label, the name shown safely, the reason.
    let lines: Vec<&str> = check
        .lines()
        .filter(|l| {
            l.strip_prefix(match label {
                "ok" => "ok        ",
                "warning" => "warning   ",
                _ => "REJECTED  ",
            })
            .is_some_and(|rest| rest == shown || rest.starts_with(&format!("{shown}: ")))
        })
        .collect();
    if lines.is_empty() {
        p.push(format!("{shown:?}: no `{label}` line in check:\n{check}"));
    } else if !root_override && !lines.iter().any(|l| l.contains(&e.reason)) {
        p.push(format!(
            "{shown:?}: check says {lines:?}, not {:?}",
            e.reason
        ));
    }
    if label == "ok"
        && check.lines().any(|l| {
            (l.starts_with("warning") || l.starts_with("REJECTED"))
                && l[10..].starts_with(&format!("{shown}: "))
        })
    {
        p.push(format!("{shown:?}: expected no diagnostic"));
    }
    match (outcome, listed.get(shown)) {
        ("rejected" | "skipped", Some(_)) => p.push(format!("{shown:?}: {outcome} but listed")),
        ("rejected" | "skipped", None) => {}
        (_, None) => p.push(format!("{shown:?}: not in list --json")),
        (_, Some(item)) => {
            let title = item["title"].as_str().unwrap_or_default();
            if Some(title) != e.title.as_deref() {
                p.push(format!(
                    "{shown:?}: title {title:?}, expected {:?}",
                    e.title
                ));
            }
            let id = item["id"].as_str().unwrap_or_default();
            if e.id.as_deref().is_some_and(|want| want != id) {
                p.push(format!("{shown:?}: id {id:?}, expected {:?}", e.id));
            }
            let shown_json = runs
                .iter()
                .find(|r| r.args == [OsString::from("show"), id.into(), "--json".into()])
                .map(|r| r.json_lines());
            let Some([doc]) = shown_json.as_deref() else {
                p.push(format!(
                    "{shown:?}: no single show --json object for id {id:?}"
                ));
                return p;
            };
            // `show ID` reaches this very file, whichever other file looks like it.
            if doc["file"].as_str() != Some(shown) {
                p.push(format!("{shown:?}: show {id:?} gives {}", doc["file"]));
            }
            let body = doc["body"].as_str().unwrap_or_default();
            for k in &e.keep {
                if !body.contains(k.as_str()) {
                    p.push(format!("{shown:?}: body lost {k:?}:\n{body:.600}"));
                }
            }
            for m in &e.markers {
                if !body.contains(m.as_str()) && !title.contains(m.as_str()) {
                    p.push(format!("{shown:?}: no marker {m:?}"));
                }
            }
            for a in &e.absent {
                if body.contains(a.as_str()) || title.contains(a.as_str()) {
                    p.push(format!("{shown:?}: payload {a:?} survived:\n{body:.600}"));
                }
            }
            for (s, n) in &e.counts {
                let found = body.matches(s.as_str()).count();
                if found != *n {
                    p.push(format!("{shown:?}: {found} × {s:?}, expected {n}"));
                }
            }
            for (field, want) in [("author", &e.author), ("source", &e.source)] {
                if want.is_some() && doc[field].as_str() != want.as_deref() {
                    p.push(format!("{shown:?}: {field} {}", doc[field]));
                }
            }
            if let Some(tags) = &e.tags {
                if doc["tags"] != serde_json::json!(tags) {
                    p.push(format!("{shown:?}: tags {}", doc["tags"]));
                }
            }
        }
    }
    p
}

/// The alias file's names reach `speakers --json` sanitized, and its payloads nowhere.
pub fn speakers_problems(e: &Entry, runs: &[Run]) -> Vec<String> {
    let mut p = Vec::new();
    let rows = find(runs, &["speakers", "--json"]).json_lines();
    for s in &e.speakers {
        match rows
            .iter()
            .find(|r| r["speaker"].as_str() == Some(s.as_str()))
        {
            None => p.push(format!("{}: no speaker {s:?} in {rows:?}", e.name)),
            Some(r) => {
                if r["aliases"] != serde_json::json!(e.aliases) {
                    p.push(format!("{}: aliases {}", e.name, r["aliases"]));
                }
            }
        }
    }
    for run in runs.iter().filter(|r| {
        matches!(
            r.args.first().and_then(|a| a.to_str()),
            Some("quotes" | "speakers")
        )
    }) {
        for a in &e.absent {
            if run.out().contains(a.as_str()) {
                p.push(format!("{}: {a:?} printed by {}", e.name, run.label));
            }
        }
    }
    p
}
