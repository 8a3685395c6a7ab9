//! Metadata detection on raw text: the line rules over every line (each distinct line judged once),
//! the footer, the title, captions, the author, the outlet, then the blocks; front matter wins over
//! whatever is detected.

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::{continue_turns, label_turns, mark_captions, mark_headings, paragraphs};
use super::date::{DateRank, best_date};
use super::fields::{file_title, id_of};
use super::front_matter::FrontMatter;
use super::line::{Class, LINE_RULE_WORDS, Line, WORD_CAP};
use super::names::{leading_name, trailing_author};
use super::rules::{Judged, Verdict, judge};
use super::url::canonical_url;
use super::vocab::VOCAB;
use crate::corpus::article::{Article, ArticleId, Meta, PartialDate};
use crate::corpus::text::{fold, fold_into, word_count_up_to, words_key, words_key_chars};

/// ` date 2025-05 Title - outlet.com`: a metadata header some scrapers put on the first line.
static META_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^date\s+(?P<date>\d{4}-\d{2}(?:-\d{2})?)\s+(?P<title>.+?)\s+[-–—|]\s+(?P<outlet>[\w-]+(?:\.[\w-]+)+)$")
        .expect("header regex compiles")
});

/// The article in `text` (what follows the front matter `fm`) of file `file`.
pub(super) fn detect(file: &str, text: &str, fm: &FrontMatter) -> Article {
    let lines: Vec<&str> = text.split('\n').map(str::trim).collect();
    let mut class: Vec<Class> = lines
        .iter()
        .map(|l| {
            if l.is_empty() {
                Class::Blank
            } else {
                Class::Text
            }
        })
        .collect();
    let nonblank: Vec<usize> = (0..lines.len())
        .filter(|&i| class[i] == Class::Text)
        .collect();
    let words: Vec<usize> = lines
        .iter()
        .map(|l| word_count_up_to(l, WORD_CAP))
        .collect();

    let mut dates: Vec<(PartialDate, DateRank)> = Vec::new();
    let mut header_title = None;
    let mut header_outlet = None;
    let mut url = None;

    // Line-level rules: metadata lines, navigation, credits, footers. None holds past 40 words (see
    // [`judge`]), so a longer line is prose without further ado. A shorter line is folded once for
    // all the rules, and a line met again (menus repeat; a hostile file can repeat one a million
    // times) is judged once.
    let mut judged: foldhash::HashMap<&str, Judged> = foldhash::HashMap::default();
    let mut folded = String::new();
    let mut footer = vec![false; lines.len()];
    for (n, &i) in nonblank.iter().enumerate() {
        let line = lines[i];
        if n < 3 && fold(&line.chars().take(4).collect::<String>()) == "date" {
            let folded = fold(line);
            if let Some(c) = crate::corpus::text::captures(&META_HEADER, &folded) {
                let original = |name: &str| {
                    c.name(name)
                        .map(|m| char_slice(line, &folded, m.start(), m.end()))
                };
                if let Some(d) = c
                    .name("date")
                    .and_then(|m| PartialDate::parse_iso(m.as_str()))
                {
                    dates.push((d, DateRank::Bare));
                }
                header_title = original("title");
                header_outlet = original("outlet");
                class[i] = Class::Gone;
                continue;
            }
        }
        if words[i] > LINE_RULE_WORDS {
            continue;
        }
        let judged = judged.entry(line).or_insert_with(|| {
            fold_into(line, &mut folded);
            let line = Line {
                text: line,
                folded: &folded,
                words: words[i],
            };
            Judged {
                verdict: judge(&line),
                footer: VOCAB.is_footer(&line),
            }
        });
        footer[i] = judged.footer;
        match &judged.verdict {
            Verdict::Url(u) => {
                url.get_or_insert_with(|| u.clone());
                class[i] = Class::Gone;
            }
            Verdict::Date(d) => {
                dates.push(*d);
                class[i] = Class::Gone;
            }
            Verdict::Class(c) => class[i] = *c,
            Verdict::Text => {}
        }
    }
    // Footers only count once 40% of the text has gone by: a "Newsletter" box near the top is no end.
    let total: usize = lines.iter().map(|l| l.len() + 1).sum();
    let mut before = 0;
    let footer_from = (0..lines.len()).find(|&i| {
        let late = before * 5 >= total * 2;
        before += lines[i].len() + 1;
        late && class[i] == Class::Text && footer[i]
    });
    let outlet_evidence: Vec<&str> = lines.iter().copied().filter(|l| !l.is_empty()).collect();
    if let Some(start) = footer_from {
        for c in &mut class[start..] {
            if *c != Class::Blank {
                *c = Class::Gone;
            }
        }
    }

    // Title: front matter, header, else the first remaining line.
    let first_text = (0..lines.len()).find(|&i| class[i] == Class::Text);
    let title = fm.title.clone().or(header_title).or_else(|| {
        let i = first_text?;
        if lines[i].chars().count() <= 250 {
            class[i] = Class::Gone;
            Some(lines[i].to_owned())
        } else {
            Some(first_words(lines[i], 12))
        }
    });
    if let Some(t) = &title {
        let key = words_key(t);
        for i in 0..lines.len() {
            if class[i] == Class::Text && words_key_chars(lines[i]).eq(key.chars()) {
                class[i] = Class::Gone;
            }
        }
    }

    mark_captions(&lines, &words, &mut class);

    // Author: front matter, byline near the top, author box or signature at the end.
    let mut author = fm.author.clone();
    for &i in nonblank.iter().take(8) {
        if author.is_some() {
            break;
        }
        if class[i] == Class::Text && words[i] <= 10 {
            // `Par Jean Dupont, à Bamako`: the name runs to the first comma or dash.
            let name = VOCAB
                .strip_byline(lines[i])
                .and_then(|rest| leading_name(rest.split([',', '|', '–', '—']).next()?));
            if name.is_some() {
                author = name;
                class[i] = Class::Gone;
            }
        }
    }
    let detected_author = trailing_author(&lines, &words, &mut class);
    let author = author.or(detected_author);

    let source = fm
        .source
        .clone()
        .or(header_outlet)
        .or_else(|| VOCAB.outlet(&outlet_evidence))
        .or_else(|| url.as_deref().and_then(host_of));
    let mut parts = paragraphs(&lines, &class);
    label_turns(&mut parts, &[source.as_deref(), author.as_deref()]);
    mark_headings(&mut parts);
    continue_turns(&mut parts);

    let (blocks, body) = Article::assemble(parts);
    let stem = id_of(file);
    let meta = Meta {
        title: title
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| file_title(file).to_owned()),
        date: fm.date.or_else(|| best_date(dates)),
        source,
        author,
        url: fm.url.as_deref().map(canonical_url).or(url),
        lang: fm.lang.clone(),
        tags: fm.tags.clone(),
    };
    Article {
        id: ArticleId(stem.into()),
        file: file.to_owned(),
        meta,
        blocks,
        body,
    }
}

/// Maps a match on `fold(line)` back to the same chars of `line` (fold keeps one char per char).
fn char_slice(line: &str, folded: &str, start: usize, end: usize) -> String {
    let (s, e) = (
        folded[..start].chars().count(),
        folded[..end].chars().count(),
    );
    line.chars().skip(s).take(e - s).collect()
}

fn first_words(line: &str, n: usize) -> String {
    let words: Vec<&str> = line.split_whitespace().take(n + 1).collect();
    if words.len() > n {
        format!("{}…", words[..n].join(" "))
    } else {
        words.join(" ")
    }
}

fn host_of(url: &str) -> Option<String> {
    let host = url.split("://").nth(1)?.split(['/', '?', '#']).next()?;
    let host = host.split(':').next()?;
    Some(host.strip_prefix("www.").unwrap_or(host).to_owned()).filter(|h| h.contains('.'))
}
