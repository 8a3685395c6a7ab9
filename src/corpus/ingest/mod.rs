//! Raw file → [`Article`]: decoding and sanitizing, TOML front matter, metadata detection (title,
//! date, outlet, author, URL) and boilerplate removal by general line rules whose vocabulary lives in
//! `boilerplate.toml`. Every sentence of the article itself is kept.

mod date;
mod front_matter;
mod url;
mod vocab;

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::corpus::article::{Article, ArticleId, BlockKind, Meta, PartialDate};
use crate::corpus::sanitize::{self, Undecodable};
use crate::corpus::text::{
    ends_sentence, fold, fold_into, is_capitalized, word_count, word_count_up_to, words_key,
    words_key_chars,
};

pub use url::canonical_url;
pub use vocab::VOCAB;

use date::{DateRank, best_date, date_line};
use front_matter::{FrontMatter, split_front_matter};

/// Why a file could not become an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// Not text.
    #[error(transparent)]
    Undecodable(#[from] Undecodable),
    /// Nothing but white space (or nothing left after sanitizing).
    #[error("empty file: no text to read")]
    Empty,
    /// Nothing left once navigation and footers were removed.
    #[error("no article text found: the file holds only site navigation or metadata")]
    NoBody,
    /// Nothing after a front matter that gives no title either, because of the problems named.
    #[error("no article text found after the front matter, which has problems: {0}")]
    FrontMatterOnly(String),
}

/// A successfully read article and what the reader should be told about it.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// The cleaned article.
    pub article: Article,
    /// Non-fatal notes: repaired text, ignored front matter keys …
    pub warnings: Vec<String>,
}

/// The id an article file gets: its path without the extension.
pub fn id_of(file: &str) -> &str {
    file.rsplit_once('.').map_or(file, |(s, _)| s)
}

/// The title of an article that has none: its file name without the extension.
fn file_title(file: &str) -> &str {
    let stem = id_of(file);
    stem.rsplit('/').next().unwrap_or(stem)
}

/// Turns the bytes of one file into an article. `file` is the path relative to the corpus folder.
pub fn ingest(file: &str, bytes: &[u8]) -> Result<Ingested, Rejection> {
    let (decoded, mut report) = sanitize::decode(bytes)?;
    let text = sanitize::sanitize(&decoded, &mut report);
    // Nothing but white space and the markers of removed controls is no text either.
    if text.split_whitespace().all(sanitize::is_markers) {
        return Err(Rejection::Empty);
    }
    let mut warnings = Vec::new();
    if let Some(summary) = report.summary() {
        warnings.push(summary);
    }
    let repairs = warnings.len();
    let (front, rest) = split_front_matter(&text, &mut warnings);
    let mut article = detect(file, rest, &front);
    if article.blocks.is_empty() && front.block && front.title.is_none() {
        // The block says where the body starts: a body of one line is the body, not a title.
        let titled = FrontMatter {
            title: Some(file_title(file).to_owned()),
            ..front.clone()
        };
        article = detect(file, rest, &titled);
    }
    if article.blocks.is_empty() {
        if front.title.is_none() {
            return Err(match &warnings[repairs..] {
                [] => Rejection::NoBody,
                problems => Rejection::FrontMatterOnly(problems.join("; ")),
            });
        }
        warnings.push("no article text found besides the front matter".into());
    }
    let meta = &mut article.meta;
    meta.title = label(&meta.title);
    for field in [&mut meta.source, &mut meta.author] {
        *field = field.as_deref().map(label).filter(|s| !s.is_empty());
    }
    Ok(Ingested { article, warnings })
}

/// A metadata field as a one-line label: white space (line breaks and no-break spaces included)
/// collapsed to single spaces, before sanitizing (a line break in a title is layout, not a control
/// to show) and after (removing an invisible character can leave two spaces). Body text keeps its
/// no-break spaces; labels are compared, listed and searched.
fn label(s: &str) -> String {
    collapse(&sanitize::one_line(&collapse(s))).into_owned()
}

/// `s` with white space collapsed to single spaces and trimmed; borrowed when it already is.
fn collapse(s: &str) -> Cow<'_, str> {
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

/// What a line of the raw text turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Blank,
    Text,
    Caption,
    /// Consumed as metadata or removed as boilerplate.
    Gone,
}

/// ` date 2025-05 Title - outlet.com`: a metadata header some scrapers put on the first line.
static META_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^date\s+(?P<date>\d{4}-\d{2}(?:-\d{2})?)\s+(?P<title>.+?)\s+[-–—|]\s+(?P<outlet>[\w-]+(?:\.[\w-]+)+)$")
        .expect("header regex compiles")
});

static URL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:source|url|lien|link)\s*:\s*)?<?(?P<url>https?://[^\s<>]+?)>?$")
        .expect("url regex compiles")
});

/// `Name: answer` or `Name : answer` (an interview turn).
static TURN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<label>[^:\s][^:]{0,40}?)\s?:\s+(?P<text>\S.*)$").expect("turn regex compiles")
});

const NAME_PARTICLES: [&str; 14] = [
    "de", "du", "des", "d'", "d’", "ben", "bin", "ould", "ag", "el", "al", "van", "von", "le",
];

fn detect(file: &str, text: &str, fm: &FrontMatter) -> Article {
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

/// A trimmed line as the line rules read it.
struct Line<'a> {
    text: &'a str,
    /// [`fold`] of `text`.
    folded: &'a str,
    /// Words of `text`, counted up to [`WORD_CAP`].
    words: usize,
}

/// No line rule holds for a line of more words than this (see [`judge`]).
const LINE_RULE_WORDS: usize = 40;

/// Word counts stop here: no rule about a line's length needs to count further.
const WORD_CAP: usize = LINE_RULE_WORDS + 1;

/// What the line rules make of one line of at most 40 words, whatever its place.
#[derive(Debug)]
struct Judged {
    verdict: Verdict,
    /// The line opens the site footer, if it comes late enough.
    footer: bool,
}

/// What the line rules make of one line, whatever its place.
#[derive(Debug, Clone)]
enum Verdict {
    /// A line that is only a URL (canonical form).
    Url(String),
    /// A line that is only a date.
    Date((PartialDate, DateRank)),
    /// Navigation or a bare credit (gone), or a caption.
    Class(Class),
    /// None of these: text, for now.
    Text,
}

/// The line rules, cheapest necessary condition first. None of them holds for a line of more than
/// 40 words: a URL line has at most three, a date line at most 80 bytes once folded, navigation at
/// most 21 words, a credit line (and a footer) at most 40.
fn judge(line: &Line<'_>) -> Verdict {
    if line.text.contains("http") {
        if let Some(c) = URL_LINE.captures(line.text) {
            return Verdict::Url(canonical_url(&c["url"]));
        }
    }
    if let Some(d) = date_line(line.folded) {
        return Verdict::Date(d);
    }
    if VOCAB.is_navigation(line) {
        return Verdict::Class(Class::Gone);
    }
    if line.words <= LINE_RULE_WORDS {
        if let Some(at) = VOCAB.credit_start(line) {
            let (before, credit) = line.text.split_at(at);
            if !more_words_than(credit, 9) {
                return Verdict::Class(if more_words_than(before, 2) {
                    Class::Caption
                } else {
                    Class::Gone
                });
            }
        }
    }
    Verdict::Text
}

/// True when `s` has more than `n` words as [`word_count`] counts them, without counting further.
fn more_words_than(s: &str, n: usize) -> bool {
    word_count_up_to(s, n + 1) > n
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

/// Captions: lines repeated back to back (scrapers print alt text and caption), lines with a photo
/// credit, and unpunctuated lines standing right against such a caption (or against such lines).
fn mark_captions(lines: &[&str], words: &[usize], class: &mut [Class]) {
    let mut prev: Option<usize> = None;
    for i in 0..lines.len() {
        if class[i] == Class::Blank {
            continue;
        }
        if let Some(p) = prev {
            if matches!(class[i], Class::Text | Class::Caption)
                && matches!(class[p], Class::Text | Class::Caption)
                && words_key_chars(lines[i]).eq(words_key_chars(lines[p]))
            {
                // A doubled short line is alt text printed again as a caption; a doubled
                // paragraph is a scraping stutter and stays a paragraph.
                if !ends_sentence(lines[p]) || words[p] <= 25 {
                    class[p] = Class::Caption;
                }
                class[i] = Class::Gone;
                continue;
            }
        }
        if class[i] != Class::Gone {
            prev = Some(i);
        }
    }
    // Lines stand against each other across removed lines, not across blank ones. A caption
    // spreads through a whole run of unpunctuated short lines, so runs are marked at once: spreading
    // line by line took one pass per line, quadratic in a long run ending on a caption.
    let visible: Vec<usize> = (0..lines.len())
        .filter(|&j| class[j] != Class::Gone || lines[j].is_empty())
        .collect();
    let spreads: Vec<bool> = visible
        .iter()
        .map(|&i| class[i] == Class::Text && !ends_sentence(lines[i]) && words[i] <= 40)
        .collect();
    let mut k = 0;
    while k < visible.len() {
        if !spreads[k] {
            k += 1;
            continue;
        }
        let start = k;
        while k < visible.len() && spreads[k] {
            k += 1;
        }
        let is_caption = |v: Option<&usize>| v.is_some_and(|&j| class[j] == Class::Caption);
        let before = start.checked_sub(1).and_then(|s| visible.get(s));
        if is_caption(before) || is_caption(visible.get(k)) {
            for &i in &visible[start..k] {
                class[i] = Class::Caption;
            }
        }
    }
}

/// A person's name at the start of `s`: two to four capitalized words (initials allowed, particles
/// such as `de` or `ould` inside). Returns the name only when nothing but punctuation follows.
fn leading_name(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches(['.', ',']);
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=5).contains(&words.len()).then_some(())?;
    is_name_run(&words).then(|| words.join(" "))
}

fn is_name_run(words: &[&str]) -> bool {
    let capitalized = words.iter().filter(|w| is_name_word(w)).count();
    capitalized >= 2
        && words.first().is_some_and(|w| is_name_word(w))
        && words.last().is_some_and(|w| is_name_word(w))
        && words
            .iter()
            .all(|w| is_name_word(w) || NAME_PARTICLES.contains(&w.to_lowercase().as_str()))
}

fn is_name_word(w: &str) -> bool {
    is_capitalized(w)
        && w.chars().count() <= 25
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
}

/// How many text lines after the article's last sentence may hold the journalist's box.
const AUTHOR_BOX_WINDOW: usize = 40;

/// The journalist's box or signature after the last sentence of the article: `K. Mamadou`, or
/// `Eric Topona Journaliste au …` with the lines that repeat the name (portrait credits).
fn trailing_author(lines: &[&str], words: &[usize], class: &mut [Class]) -> Option<String> {
    let last_prose = (0..lines.len())
        .rev()
        .find(|&i| class[i] == Class::Text && ends_sentence(lines[i]) && words[i] > 7)?;
    let tail: Vec<usize> = (last_prose + 1..lines.len())
        .filter(|&i| class[i] == Class::Text)
        .collect();
    let mut author = None;
    // The box stands right after the article: a long tail (a link list, a hostile file's million
    // lines) is not searched through.
    for &i in tail.iter().take(AUTHOR_BOX_WINDOW) {
        // A name of at most four words, then the role: the words after those do not matter.
        let words: Vec<&str> = lines[i].split_whitespace().take(8).collect();
        for k in (2..=4).rev() {
            if words.len() > k
                && is_name_run(&words[..k])
                && VOCAB.starts_with_author_role(&words[k..].join(" "))
            {
                author = Some(words[..k].join(" "));
                class[i] = Class::Gone;
                break;
            }
        }
        if author.is_some() {
            break;
        }
    }
    if author.is_none() {
        if let Some(&last) = tail.last() {
            if lines[last].chars().count() <= 40 {
                if let Some(name) = leading_name(lines[last]) {
                    author = Some(name);
                    class[last] = Class::Gone;
                }
            }
        }
    }
    if let Some(name) = &author {
        let key = words_key(name);
        for &i in &tail {
            if class[i] == Class::Text && words[i] <= 12 && words_key(lines[i]).contains(&key) {
                class[i] = Class::Gone;
            }
        }
    }
    author
}

/// True when the file looks hard-wrapped: most lines of multi-line groups are of similar, moderate
/// length, so consecutive lines are one paragraph.
fn hard_wrapped(lines: &[&str], class: &[Class]) -> bool {
    let text: Vec<usize> = (0..lines.len())
        .filter(|&i| class[i] == Class::Text)
        .map(|i| lines[i].chars().count())
        .collect();
    let grouped = (1..lines.len())
        .filter(|&i| class[i] == Class::Text && class[i - 1] == Class::Text)
        .count();
    text.len() >= 4
        && grouped * 2 >= text.len()
        && text.iter().all(|&n| n <= 100)
        && text.iter().filter(|&&n| n >= 50).count() * 3 >= text.len() * 2
}

/// Groups remaining lines into paragraphs and captions. Consecutive lines join when the file is
/// hard-wrapped, or when a line does not end a sentence and the next starts in lower case.
fn paragraphs(lines: &[&str], class: &[Class]) -> Vec<(BlockKind, String)> {
    let wrapped = hard_wrapped(lines, class);
    let mut parts: Vec<(BlockKind, String)> = Vec::new();
    let mut joinable = false;
    for (i, &line) in lines.iter().enumerate() {
        match class[i] {
            Class::Blank => joinable = false,
            Class::Gone => {}
            Class::Caption => {
                parts.push((BlockKind::Caption, line.to_owned()));
                joinable = false;
            }
            Class::Text => {
                let continues = joinable
                    && parts.last().is_some_and(|(k, prev)| {
                        *k == BlockKind::Paragraph
                            && (wrapped
                                || (!ends_sentence(prev)
                                    && line.chars().next().is_some_and(char::is_lowercase)))
                    });
                match parts.last_mut() {
                    Some((_, prev)) if continues => {
                        if prev.ends_with('-') && !wrapped {
                            prev.push_str(line);
                        } else {
                            prev.push(' ');
                            prev.push_str(line);
                        }
                    }
                    _ => parts.push((BlockKind::Paragraph, line.to_owned())),
                }
                joinable = true;
            }
        }
    }
    parts
}

/// Short unpunctuated paragraphs followed by more text are section headings.
fn mark_headings(parts: &mut [(BlockKind, String)]) {
    let n = parts.len();
    for i in 0..n {
        let (kind, text) = &parts[i];
        if *kind != BlockKind::Paragraph {
            continue;
        }
        // At most 120 chars is at most 480 bytes: a long paragraph is not counted through.
        if text.len() > 480 {
            continue;
        }
        let question = text.trim_end().ends_with('?');
        let unpunctuated = !text
            .trim_end()
            .ends_with(['.', '!', ':', ';', ',', '…', '»', '"', '”'])
            && !question;
        // Most paragraphs end a sentence: the tests below, dearer, are made in order of cost.
        if !(unpunctuated || question) {
            continue;
        }
        let starts_well = text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let heading = starts_well
            && text.chars().count() <= 120
            && !more_words_than(text, if question { 10 } else { 16 })
            && parts[i + 1..]
                .iter()
                .any(|(k, _)| *k == BlockKind::Paragraph);
        if heading {
            parts[i].0 = BlockKind::Heading;
        }
    }
}

/// `Name: answer` paragraphs are interview turns when the article is an interview (two or more
/// such paragraphs) or the label names someone the article mentions elsewhere.
fn label_turns(parts: &mut [(BlockKind, String)], known_labels: &[Option<&str>]) {
    let candidates: Vec<(usize, String, String)> = parts
        .iter()
        .enumerate()
        .filter(|(_, (k, _))| *k == BlockKind::Paragraph)
        .filter_map(|(i, (_, text))| {
            let c = crate::corpus::text::captures(&TURN, text)?;
            let label = c["label"].trim().to_owned();
            let answer = c["text"].to_owned();
            let label_words: Vec<&str> = label.split_whitespace().collect();
            let shaped = !label_words.is_empty()
                && label_words.len() <= 4
                && label_words.iter().all(|w| {
                    is_name_word(w) || NAME_PARTICLES.contains(&w.to_lowercase().as_str())
                })
                && !label.chars().any(|c| c.is_ascii_digit())
                && !VOCAB.is_not_speaker(&label);
            (shaped && word_count(&answer) >= 5).then_some((i, label, answer))
        })
        .collect();
    let mentioned = |label: &str| {
        let key = words_key(label);
        parts.iter().any(|(_, t)| {
            let tk = words_key(t);
            tk.contains(&key) && !tk.starts_with(&key)
        }) || known_labels.iter().flatten().any(|k| words_key(k) == key)
    };
    let accepted: Vec<(usize, String, String)> = candidates
        .iter()
        .filter(|(_, label, _)| candidates.len() >= 2 || mentioned(label))
        .cloned()
        .collect();
    for (i, label, answer) in accepted {
        parts[i] = (
            BlockKind::Turn {
                speaker: label,
                labelled: true,
            },
            answer,
        );
    }
}

/// Unlabelled paragraphs after a turn continue it, until the next heading.
fn continue_turns(parts: &mut [(BlockKind, String)]) {
    let mut current: Option<String> = None;
    for (kind, _) in parts.iter_mut() {
        match (&*kind, &current) {
            (BlockKind::Turn { speaker, .. }, _) => current = Some(speaker.clone()),
            (BlockKind::Heading, _) => current = None,
            (BlockKind::Paragraph, Some(speaker)) => {
                *kind = BlockKind::Turn {
                    speaker: speaker.clone(),
                    labelled: false,
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
