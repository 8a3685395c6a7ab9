//! Citations with their source, in one place: a quote as a one-line citation (the reader's `y` key,
//! `aes-reader quotes`), and an article as a reference in plain text, Markdown, BibTeX or CSL-JSON
//! (`aes-reader cite`). Plain functions from an [`Article`] (and a [`Quote`]) to a `String`, no
//! terminal code.
//!
//! Every piece of text, metadata included, goes through the sanitizer first ([`clean`]): escape
//! sequences and controls become visible caret markers, bidi and invisible characters go, and line
//! breaks become spaces, so a citation is one line and holds no character that can drive a terminal
//! or reorder what it shows. No-break spaces are kept.
//!
//! Typography and conventions:
//! - Words in marks stand in French quotation marks with no-break spaces inside (U+00A0, as French
//!   typography wants, so a line never breaks between a mark and its word): `« mot »`.
//! - Direct and partial quotes are in marks; so are interview answers (the interviewee's own words,
//!   printed as answers rather than between marks), tagged `(interview)`. Unmarked quotes are
//!   reported speech: the article gives them without marks, so the citation does too, tagged
//!   `reported`, and never pretends they are verbatim.
//! - A low-confidence speaker (a guess the text supports but does not say) is tagged `(uncertain)`.
//! - A missing speaker, outlet, date, author or URL is left out with its separator, never "None".

use std::fmt::Write as _;

use serde::Serialize;

use crate::corpus::article::{Article, PartialDate};
use crate::corpus::quote::{Confidence, Quote, QuoteKind};
use crate::corpus::sanitize::{self, Report};
use crate::corpus::text::fold;

/// French opening and closing quotation marks, each with its no-break space (U+00A0).
pub const OPEN_MARK: &str = "«\u{A0}";
/// See [`OPEN_MARK`].
pub const CLOSE_MARK: &str = "\u{A0}»";

/// `text` made safe for one line of output: sanitized (escape sequences and controls shown as caret
/// markers, bidi and invisible characters removed), then every run of white space but the no-break
/// spaces made one space, trimmed.
pub fn clean(text: &str) -> String {
    let safe = sanitize::sanitize(text, &mut Report::default());
    let mut out = String::with_capacity(safe.len());
    let mut space = false;
    for c in safe.chars() {
        if c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{202F}' | '\u{2007}') {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// An address made safe to print and to embed: [`clean`], then the characters a URL may not hold
/// as they are (spaces, quotes, `<>`, `\`, `^`, backquote, `{|}`) percent-encoded, so it stays one
/// token in text, a Markdown link and a BibTeX field. `None` when nothing is left.
pub fn clean_url(url: &str) -> Option<String> {
    let text = clean(url);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            ' ' | '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' | '\u{A0}' | '\u{202F}'
            | '\u{2007}' => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
            c => out.push(c),
        }
    }
    (!out.is_empty()).then_some(out)
}

/// A metadata label, cleaned; `None` when absent or empty once cleaned.
fn label(value: Option<&str>) -> Option<String> {
    value.map(clean).filter(|s| !s.is_empty())
}

/// The parts of an article a reference is made of, each cleaned.
struct Source {
    title: String,
    outlet: Option<String>,
    date: Option<PartialDate>,
    author: Option<String>,
    url: Option<String>,
}

impl Source {
    fn of(a: &Article) -> Source {
        Source {
            title: clean(&a.meta.title),
            outlet: label(a.meta.source.as_deref()),
            date: a.meta.date,
            author: label(a.meta.author.as_deref()),
            url: a.meta.url.as_deref().and_then(clean_url),
        }
    }
}

/// How a quote's words are presented.
struct QuoteHead {
    words: String,
    /// The words stand in marks (direct, partial, interview); else reported speech.
    marked: bool,
    speaker: Option<String>,
    /// `interview`, `uncertain`: said in parentheses after the speaker.
    tags: Vec<&'static str>,
}

impl QuoteHead {
    fn of(q: &Quote) -> QuoteHead {
        let mut tags = Vec::new();
        if q.kind == QuoteKind::Interview {
            tags.push("interview");
        }
        if q.evidence
            .as_ref()
            .is_some_and(|e| e.confidence == Confidence::Low)
        {
            tags.push("uncertain");
        }
        QuoteHead {
            words: clean(&q.text),
            marked: q.kind != QuoteKind::Unmarked,
            speaker: label(q.speaker.as_deref()),
            tags,
        }
    }

    /// `Speaker (interview)`, with the speaker written by `name` (bold in Markdown).
    fn who(&self, name: impl Fn(&str) -> String) -> Option<String> {
        let tags = (!self.tags.is_empty()).then(|| format!(" ({})", self.tags.join(", ")));
        match (&self.speaker, tags) {
            (Some(s), tags) => Some(format!("{}{}", name(s), tags.unwrap_or_default())),
            (None, _) => None,
        }
    }

    /// `« words » — Speaker` or `Speaker, reported: words`, with `esc` applied to the words and the
    /// speaker (Markdown escaping, or nothing) and `name` to the speaker.
    fn render(&self, esc: impl Fn(&str) -> String, name: impl Fn(&str) -> String) -> String {
        let words = esc(&self.words);
        let who = self.who(|s| name(&esc(s)));
        if self.marked {
            match who {
                Some(who) => format!("{OPEN_MARK}{words}{CLOSE_MARK} — {who}"),
                None => format!("{OPEN_MARK}{words}{CLOSE_MARK}"),
            }
        } else {
            match who {
                Some(who) => format!("{who}, reported: {words}"),
                None => format!("Reported: {words}"),
            }
        }
    }
}

/// A quote with its source, on one line, for the clipboard or a report:
/// `« words » — Speaker, Outlet, 2025-04-03, https://…`; an interview answer is tagged
/// `Speaker (interview)`, a low-confidence speaker `(uncertain)`, and reported speech reads
/// `Speaker, reported: words — Outlet, 2025-04-03, https://…`. What is unknown is left out.
pub fn quote_citation(article: &Article, quote: &Quote) -> String {
    let head = QuoteHead::of(quote);
    let src = Source::of(article);
    let source: Vec<String> = [src.outlet, src.date.map(|d| d.to_string()), src.url]
        .into_iter()
        .flatten()
        .collect();
    let plain = |s: &str| s.to_owned();
    if head.marked {
        let who = head.who(plain);
        let tail: Vec<String> = who.into_iter().chain(source).collect();
        let words = format!("{OPEN_MARK}{}{CLOSE_MARK}", head.words);
        if tail.is_empty() {
            words
        } else {
            format!("{words} — {}", tail.join(", "))
        }
    } else {
        let text = head.render(plain, plain);
        if source.is_empty() {
            text
        } else {
            format!("{text} — {}", source.join(", "))
        }
    }
}

/// A quote as one Markdown list item for a report grouped by article (the article's own heading
/// says where it is from): `« words » — **Speaker**` or `**Speaker**, reported: words`, every
/// piece escaped with [`markdown_escape`]. No leading `- ` and no line break.
pub fn quote_markdown(quote: &Quote) -> String {
    QuoteHead::of(quote).render(markdown_escape, |s| format!("**{s}**"))
}

/// An article reference as plain text: `Author, « Title », Outlet, 2025-04-03, https://…`.
pub fn reference_text(article: &Article) -> String {
    let src = Source::of(article);
    let title = format!("{OPEN_MARK}{}{CLOSE_MARK}", src.title);
    let parts: Vec<String> = src
        .author
        .into_iter()
        .chain([title])
        .chain(src.outlet)
        .chain(src.date.map(|d| d.to_string()))
        .chain(src.url)
        .collect();
    parts.join(", ")
}

/// An article reference as one line of Markdown: `Author, « [Title](https://…) », *Outlet*,
/// 2025-04-03`. The title links to the article when its address is `http(s)`; any other address
/// is written out as text (so a `javascript:` address never becomes a link).
pub fn reference_markdown(article: &Article) -> String {
    let src = Source::of(article);
    let title = markdown_escape(&src.title);
    let (title, url_text) = match src.url.as_deref() {
        Some(url) if is_web(url) => (format!("[{title}]({})", link_destination(url)), None),
        Some(url) => (title, Some(markdown_escape(url))),
        None => (title, None),
    };
    let parts: Vec<String> = src
        .author
        .map(|a| markdown_escape(&a))
        .into_iter()
        .chain([format!("{OPEN_MARK}{title}{CLOSE_MARK}")])
        .chain(src.outlet.map(|o| format!("*{}*", markdown_escape(&o))))
        .chain(src.date.map(|d| d.to_string()))
        .chain(url_text)
        .collect();
    markdown_line_start(&parts.join(", "))
}

/// True for an `http://` or `https://` address.
pub fn is_web(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// A cleaned URL as a Markdown link destination: as it is, or in `<…>` when it holds parentheses
/// (a [`clean_url`] holds no space, `<` or `>`).
fn link_destination(url: &str) -> String {
    if url.contains(['(', ')']) {
        format!("<{url}>")
    } else {
        url.to_owned()
    }
}

/// A cleaned URL as a Markdown autolink `<https://…>` when it is a web address, else as escaped
/// text.
pub fn markdown_url(url: &str) -> String {
    if is_web(url) {
        format!("<{url}>")
    } else {
        markdown_escape(url)
    }
}

/// Escapes what Markdown (CommonMark and GitHub's) would read as syntax inside a line: backslash,
/// backquote, `*`, `_`, `[`, `]`, `<` (raw HTML and autolinks), `|` (table cells), `~`
/// (strike-through), `#`, `&` (entities) and `$` (math). Line breaks should be gone already
/// ([`clean`]); any left become spaces.
pub fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '|' | '~' | '#' | '&' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Makes a line that starts with user text safe at the start of a Markdown line: a leading `-`,
/// `+`, `=` or `>` (list, setext heading, quote) or `1.` / `1)` (ordered list) is escaped.
pub fn markdown_line_start(line: &str) -> String {
    if line.starts_with(['-', '+', '=', '>']) {
        return format!("\\{line}");
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')')) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_owned()
}

/// A Markdown code span holding `text` as it is (a fence longer than any run of backquotes in it).
pub fn markdown_code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// One author of a reference: a person whose name can be split, or a name kept whole (an agency,
/// an editorial team, anything that does not read as given names then a family name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Name {
    /// `Eric Topona` → given `Eric`, family `Topona`; `Jean de La Fontaine` → `Jean`, `de La Fontaine`.
    Person {
        /// Family name, with its particle.
        family: String,
        /// Given names or initials.
        given: String,
    },
    /// Kept as written.
    Literal(String),
}

/// Lower-case particles that start a family name (`de La Fontaine`, `ben Ali`, `ag Ghaly`).
const PARTICLES: &[&str] = &[
    "de", "du", "des", "d’", "d'", "la", "le", "van", "von", "der", "den", "ben", "bin", "ibn",
    "ould", "ag", "al", "el",
];

/// Words that say a byline is not one person's name.
const NOT_A_PERSON: &[&str] = &[
    "redaction",
    "correspondant",
    "correspondante",
    "envoye",
    "envoyee",
    "special",
    "speciale",
    "agence",
    "agences",
    "service",
    "staff",
    "afp",
    "reuters",
    "ap",
    "avec",
    "par",
];

/// The authors of a byline: `X et Y` (or `X & Y`, `X and Y`) is two, each split into given and
/// family names when it reads as a person's name.
pub fn authors(byline: &str) -> Vec<Name> {
    let byline = clean(byline);
    let mut parts = vec![byline.as_str()];
    for sep in [" et ", " & ", " and "] {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(split_name)
        .collect()
}

/// One name split into given and family names, or kept whole when it does not read as a person's.
pub fn split_name(name: &str) -> Name {
    let literal = || Name::Literal(name.to_owned());
    // `Family, Given`, as bibliographies write it (one comma only).
    if let Some((family, given)) = name.split_once(',') {
        let (family, given) = (family.trim(), given.trim());
        if given.contains(',') {
            return literal();
        }
        return match split_name(&format!("{given} {family}")) {
            Name::Person {
                family: f,
                given: g,
            } if f == family => Name::Person {
                family: f,
                given: g,
            },
            _ => literal(),
        };
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if !(2..=5).contains(&words.len())
        || name
            .chars()
            .any(|c| c.is_ascii_digit() || ",;:/@()[]{}^|\"«»".contains(c))
        || words
            .iter()
            .any(|w| NOT_A_PERSON.contains(&fold(w).as_str()))
    {
        return literal();
    }
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // Every word all capitals (`AFP REUTERS`) is an acronym list, not a name.
    if words.iter().all(|w| {
        !w.chars().any(char::is_lowercase) && w.chars().filter(|c| c.is_alphabetic()).count() > 1
    }) {
        return literal();
    }
    let particle = words
        .iter()
        .position(|w| PARTICLES.contains(w) || w.starts_with("d’") || w.starts_with("d'"));
    let split = match particle {
        Some(i) => i,
        None => words.len() - 1,
    };
    let (given, family) = words.split_at(split);
    if given.is_empty()
        || !given.iter().all(|w| capital(w))
        || !family
            .last()
            .is_some_and(|w| capital(w) || w.starts_with("d’") || w.starts_with("d'"))
    {
        return literal();
    }
    Name::Person {
        family: family.join(" "),
        given: given.join(" "),
    }
}

/// French function words that do not make a citation key (`La Russie renforce …` → `russie`).
const KEY_STOPWORDS: &[&str] = &[
    "les", "des", "une", "aux", "par", "sur", "pour", "dans", "avec", "sans", "sous", "vers",
    "chez", "entre", "leur", "leurs", "cette", "ces", "son", "sa", "ses", "selon", "mais", "plus",
    "tout", "tous", "toute", "toutes", "meme", "apres", "avant", "depuis", "contre", "comme",
    "quand", "alors", "aussi", "elle", "elles", "nous", "vous", "ils", "quel", "quelle", "ainsi",
    "est", "ont", "qui", "que", "quoi", "the", "and", "for", "with",
];

/// ASCII letters and digits of `s`, folded (lower case, no accents).
fn key_part(s: &str) -> String {
    fold(s)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// A stable citation key: the first author's family name (or the byline's first word that is not
/// a particle, else the outlet), the year, and the first significant word of the title, folded to ASCII:
/// `topona2025russie`, `abamakocom2025russie`. `article` when there is nothing to build one from.
pub fn citation_key(article: &Article) -> String {
    let src = Source::of(article);
    let who = match src.author.as_deref().map(authors).as_deref() {
        Some([Name::Person { family, .. }, ..]) => family
            .split_whitespace()
            .last()
            .map(key_part)
            .unwrap_or_default(),
        Some([Name::Literal(l), ..]) => l
            .split_whitespace()
            .map(key_part)
            .find(|w| !w.is_empty() && !PARTICLES.contains(&w.as_str()))
            .unwrap_or_default(),
        _ => src.outlet.as_deref().map(key_part).unwrap_or_default(),
    };
    let who: String = who.chars().take(24).collect();
    let year = src.date.map(|d| d.year.to_string()).unwrap_or_default();
    let word = src
        .title
        .split(|c: char| !c.is_alphanumeric())
        .map(key_part)
        .find(|w| w.len() >= 3 && !KEY_STOPWORDS.contains(&w.as_str()))
        .unwrap_or_default();
    let word: String = word.chars().take(16).collect();
    let key = format!("{who}{year}{word}");
    if key.is_empty() {
        "article".to_owned()
    } else if key.starts_with(|c: char| c.is_ascii_digit()) {
        format!("a{key}")
    } else {
        key
    }
}

/// Escapes LaTeX's special characters for a BibTeX field. Braces become `\textbraceleft{}` and
/// `\textbraceright{}` rather than `\{` `\}`: BibTeX counts every brace, escaped or not, so only
/// balanced ones may appear in a field.
pub fn latex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\textbraceleft{}"),
            '}' => out.push_str("\\textbraceright{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// BibTeX's month macros.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// One BibTeX `@article` entry: `title` (in double braces, so a style keeps its capitals),
/// `author` (`Family, Given`, or a name kept whole in braces; several joined by `and`), `journal`
/// (the outlet), `year`, `month` (a macro) and `day` when known, and `url`. No `urldate`: when the
/// page was read is not known. UTF-8 (biber, or BibTeX with `inputenc`); LaTeX's special
/// characters escaped with [`latex_escape`]. The key is `key`, else [`citation_key`].
pub fn bibtex(article: &Article, key: Option<&str>) -> String {
    let src = Source::of(article);
    let key = key.map_or_else(|| citation_key(article), str::to_owned);
    let mut out = format!("@article{{{key},\n");
    let mut field = |name: &str, value: String| {
        let _ = writeln!(out, "  {name} = {value},");
    };
    if let Some(author) = &src.author {
        let names: Vec<String> = authors(author)
            .into_iter()
            .map(|n| match n {
                Name::Person { family, given } => {
                    format!("{}, {}", latex_escape(&family), latex_escape(&given))
                }
                Name::Literal(l) => format!("{{{}}}", latex_escape(&l)),
            })
            .collect();
        field("author", format!("{{{}}}", names.join(" and ")));
    }
    field("title", format!("{{{{{}}}}}", latex_escape(&src.title)));
    if let Some(outlet) = &src.outlet {
        field("journal", format!("{{{}}}", latex_escape(outlet)));
    }
    if let Some(d) = src.date {
        field("year", format!("{{{}}}", d.year));
        if let Some(m) = d.month {
            field("month", MONTHS[usize::from(m.clamp(1, 12)) - 1].to_owned());
        }
        if let Some(day) = d.day {
            field("day", format!("{{{day}}}"));
        }
    }
    if let Some(url) = &src.url {
        // A URL field is verbatim for biblatex and `\url` for BibTeX: no LaTeX escapes, and
        // `clean_url` left no brace or backslash in it.
        field("url", format!("{{{url}}}"));
    }
    out.push('}');
    out
}

/// A CSL-JSON author.
#[derive(Serialize)]
#[serde(untagged)]
enum CslName {
    Person { family: String, given: String },
    Literal { literal: String },
}

/// A CSL-JSON date.
#[derive(Serialize)]
struct CslDate {
    #[serde(rename = "date-parts")]
    date_parts: [Vec<u16>; 1],
}

/// One CSL-JSON item (see [`csl_item`]); its fields serialize in the order CSL's documentation
/// lists them.
#[derive(Serialize)]
pub struct CslItem {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container_title: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<CslName>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<CslDate>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<String>,
}

/// One CSL-JSON item (`article-newspaper`) as a JSON value: `id` (`key`, else [`citation_key`]),
/// `title`, `container-title` (the outlet), `author` (`family`/`given`, or `literal` when the name
/// cannot be split), `issued` (`date-parts`, as precise as the date is), `URL`, `language`. Absent
/// values are left out. Zotero and pandoc read an array of these ([`csl_json`]).
pub fn csl_item(article: &Article, key: Option<&str>) -> CslItem {
    let src = Source::of(article);
    CslItem {
        id: key.map_or_else(|| citation_key(article), str::to_owned),
        kind: "article-newspaper",
        title: src.title,
        container_title: src.outlet,
        author: src
            .author
            .as_deref()
            .map(authors)
            .unwrap_or_default()
            .into_iter()
            .map(|n| match n {
                Name::Person { family, given } => CslName::Person { family, given },
                Name::Literal(literal) => CslName::Literal { literal },
            })
            .collect(),
        issued: src.date.map(|d| CslDate {
            date_parts: [[Some(d.year), d.month.map(u16::from), d.day.map(u16::from)]
                .into_iter()
                .flatten()
                .collect()],
        }),
        url: src.url,
        language: label(article.meta.lang.as_deref()),
    }
}

/// A CSL-JSON document: an array of [`csl_item`]s, pretty-printed.
pub fn csl_json(items: &[CslItem]) -> String {
    // Plain structs of strings and numbers always serialize.
    serde_json::to_string_pretty(items).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::article::{ArticleId, Meta};
    use crate::corpus::quote::{Evidence, Field};

    fn article(
        title: &str,
        source: Option<&str>,
        date: Option<&str>,
        author: Option<&str>,
        url: Option<&str>,
    ) -> Article {
        Article {
            id: ArticleId::from("004_dw"),
            file: "004_dw.txt".into(),
            meta: Meta {
                title: title.into(),
                date: date.and_then(PartialDate::parse_iso),
                source: source.map(Into::into),
                author: author.map(Into::into),
                url: url.map(Into::into),
                lang: None,
                tags: Vec::new(),
            },
            blocks: Vec::new(),
            body: String::new(),
        }
    }

    fn dw() -> Article {
        article(
            "La Russie renforce ses relations avec les pays de l'AES",
            Some("DW"),
            Some("2025-04-03"),
            Some("Eric Topona"),
            Some("https://p.dw.com/p/4sf7z"),
        )
    }

    fn quote(text: &str, kind: QuoteKind, speaker: Option<&str>, confidence: Confidence) -> Quote {
        Quote {
            text: text.into(),
            kind,
            speaker: speaker.map(Into::into),
            evidence: speaker.map(|_| Evidence {
                cue: "a déclaré".into(),
                confidence,
            }),
            field: Field::Body,
            span: 0..text.len(),
            sentence: 0..text.len(),
            also_at: Vec::new(),
            also_in: Vec::new(),
            also_in_count: 0,
        }
    }

    #[test]
    fn a_direct_quote_cites_words_in_french_marks_then_speaker_outlet_date_and_url() {
        let q = quote(
            "Notre coopération s'intensifie",
            QuoteKind::Direct,
            Some("Sergueï Lavrov"),
            Confidence::High,
        );
        assert_eq!(
            quote_citation(&dw(), &q),
            "«\u{A0}Notre coopération s'intensifie\u{A0}» — Sergueï Lavrov, DW, 2025-04-03, https://p.dw.com/p/4sf7z"
        );
    }

    #[test]
    fn reported_speech_is_cited_without_marks_and_says_so() {
        let q = quote(
            "la situation est sous contrôle",
            QuoteKind::Unmarked,
            Some("le ministre"),
            Confidence::High,
        );
        assert_eq!(
            quote_citation(&dw(), &q),
            "le ministre, reported: la situation est sous contrôle — DW, 2025-04-03, https://p.dw.com/p/4sf7z"
        );
        let anonymous = quote("tout va bien", QuoteKind::Unmarked, None, Confidence::High);
        assert_eq!(
            quote_citation(&article("T", None, None, None, None), &anonymous),
            "Reported: tout va bien"
        );
    }

    #[test]
    fn interview_answers_and_uncertain_speakers_are_tagged() {
        let q = quote(
            "Il y a une intensification.",
            QuoteKind::Interview,
            Some("Mohamed Amara"),
            Confidence::High,
        );
        assert!(quote_citation(&dw(), &q).starts_with(
            "«\u{A0}Il y a une intensification.\u{A0}» — Mohamed Amara (interview), DW,"
        ));
        let q = quote("déçue", QuoteKind::Partial, Some("Awa Sy"), Confidence::Low);
        assert!(quote_citation(&dw(), &q).contains(" — Awa Sy (uncertain), DW,"));
    }

    #[test]
    fn missing_speaker_outlet_date_and_url_are_left_out_cleanly() {
        let q = quote("Oui", QuoteKind::Direct, None, Confidence::High);
        let bare = article("T", None, None, None, None);
        assert_eq!(quote_citation(&bare, &q), "«\u{A0}Oui\u{A0}»");
        let dated = article("T", None, Some("2025-05"), None, None);
        assert_eq!(quote_citation(&dated, &q), "«\u{A0}Oui\u{A0}» — 2025-05");
        for text in [
            quote_citation(&bare, &q),
            reference_text(&bare),
            reference_markdown(&bare),
        ] {
            assert!(
                !text.contains("None") && !text.contains(", ,") && !text.ends_with(", "),
                "{text}"
            );
        }
    }

    #[test]
    fn citations_are_one_sanitized_line() {
        let hostile = article(
            "Titre\u{1B}[2J\u{202E}renversé\nsur deux lignes",
            Some("DW\u{7}"),
            None,
            Some("Eric\u{200B} Topona"),
            Some("https://x.org/a b\u{1B}]52;c;Zm9v\u{7}"),
        );
        let q = quote(
            "mot\u{1B}[31m\n\nrouge\u{2066}",
            QuoteKind::Direct,
            Some("X\u{202D}Y"),
            Confidence::High,
        );
        for text in [
            quote_citation(&hostile, &q),
            reference_text(&hostile),
            reference_markdown(&hostile),
            bibtex(&hostile, None),
            csl_json(&[csl_item(&hostile, None)]),
        ] {
            assert!(
                text.chars()
                    .all(|c| c == '\n' || sanitize::is_safe_char(c) && c != '\t'),
                "{text:?}"
            );
        }
        let cited = quote_citation(&hostile, &q);
        assert!(!cited.contains('\n'), "{cited}");
        assert!(cited.contains("mot^[ rouge"), "{cited}");
        assert!(
            cited.contains("https://x.org/a%20b^[") || cited.contains("https://x.org/a%20b%5E["),
            "{cited}"
        );
    }

    #[test]
    fn an_article_reference_names_author_title_outlet_date_and_url() {
        assert_eq!(
            reference_text(&dw()),
            "Eric Topona, «\u{A0}La Russie renforce ses relations avec les pays de l'AES\u{A0}», DW, 2025-04-03, https://p.dw.com/p/4sf7z"
        );
    }

    #[test]
    fn a_markdown_reference_links_the_title_and_escapes_markup() {
        assert_eq!(
            reference_markdown(&dw()),
            "Eric Topona, «\u{A0}[La Russie renforce ses relations avec les pays de l'AES](https://p.dw.com/p/4sf7z)\u{A0}», *DW*, 2025-04-03"
        );
        let odd = article(
            "A | B *gras* [lien](x) <b>",
            Some("Le_Monde"),
            None,
            None,
            Some("javascript:alert(1)"),
        );
        let md = reference_markdown(&odd);
        assert_eq!(
            md,
            "«\u{A0}A \\| B \\*gras\\* \\[lien\\](x) \\<b>\u{A0}», *Le\\_Monde*, javascript:alert(1)"
        );
        let parens = article(
            "T",
            None,
            None,
            None,
            Some("https://fr.wikipedia.org/wiki/Mali_(pays)"),
        );
        assert!(
            reference_markdown(&parens).contains("](<https://fr.wikipedia.org/wiki/Mali_(pays)>)")
        );
    }

    #[test]
    fn markdown_lines_never_open_a_list_or_heading_by_accident() {
        assert_eq!(markdown_line_start("- moins"), "\\- moins");
        assert_eq!(markdown_line_start("2025. Année"), "2025\\. Année");
        assert_eq!(markdown_line_start("2025 Année"), "2025 Année");
        assert_eq!(markdown_code("a`b"), "``a`b``");
        assert_eq!(markdown_code("`x"), "`` `x ``");
    }

    #[test]
    fn a_markdown_quote_item_marks_the_words_and_bolds_the_speaker() {
        let q = quote(
            "Non | jamais",
            QuoteKind::Direct,
            Some("A*B"),
            Confidence::High,
        );
        assert_eq!(
            quote_markdown(&q),
            "«\u{A0}Non \\| jamais\u{A0}» — **A\\*B**"
        );
        let q = quote("rien", QuoteKind::Unmarked, Some("X"), Confidence::Low);
        assert_eq!(quote_markdown(&q), "**X** (uncertain), reported: rien");
    }

    #[test]
    fn bylines_split_into_family_and_given_names_when_they_read_as_names() {
        let person = |family: &str, given: &str| Name::Person {
            family: family.into(),
            given: given.into(),
        };
        assert_eq!(split_name("Eric Topona"), person("Topona", "Eric"));
        assert_eq!(split_name("K. Mamadou"), person("Mamadou", "K."));
        assert_eq!(
            split_name("Jean de La Fontaine"),
            person("de La Fontaine", "Jean")
        );
        assert_eq!(split_name("Mamadou KONATÉ"), person("KONATÉ", "Mamadou"));
        assert_eq!(split_name("Dupont, Jean"), person("Dupont", "Jean"));
        assert_eq!(
            split_name("de La Fontaine, Jean"),
            person("de La Fontaine", "Jean")
        );
        assert_eq!(
            split_name("Sahel, bureau, Niamey"),
            Name::Literal("Sahel, bureau, Niamey".into())
        );
        for whole in [
            "AFP",
            "La Rédaction",
            "Rédaction DW",
            "AFP REUTERS",
            "Aminata ^[Traoré",
            "Envoyé spécial à Bamako",
        ] {
            assert_eq!(split_name(whole), Name::Literal(whole.into()), "{whole}");
        }
        assert_eq!(authors("Awa Sy et Jean Dupont").len(), 2);
    }

    #[test]
    fn citation_keys_are_stable_ascii_from_author_year_and_a_title_word() {
        assert_eq!(citation_key(&dw()), "topona2025russie");
        let no_author = article(
            "L’AES a « la même définition de l’ennemi »",
            Some("abamako.com"),
            Some("2025-05-12"),
            None,
            None,
        );
        assert_eq!(citation_key(&no_author), "abamakocom2025aes");
        assert_eq!(
            citation_key(&article("!!!", None, None, None, None)),
            "article"
        );
        assert_eq!(citation_key(&dw()), citation_key(&dw()));
    }

    #[test]
    fn bibtex_escapes_latex_and_keeps_braces_balanced() {
        let odd = article(
            "100 % {Sahel} & co_op #1 ^ ~ \\",
            Some("A&B"),
            Some("2025-04-03"),
            Some("AFP"),
            Some("https://x.org/{a}?b=1%202"),
        );
        let bib = bibtex(&odd, None);
        assert!(bib.contains(r"title = {{100 \% \textbraceleft{}Sahel\textbraceright{} \& co\_op \#1 \textasciicircum{} \textasciitilde{} \textbackslash{}}},"), "{bib}");
        assert!(bib.contains("journal = {A\\&B},"), "{bib}");
        assert!(bib.contains("author = {{AFP}},"), "{bib}");
        assert!(
            bib.contains("url = {https://x.org/%7Ba%7D?b=1%202},"),
            "{bib}"
        );
        let mut depth = 0i32;
        for c in bib.chars() {
            depth += match c {
                '{' => 1,
                '}' => -1,
                _ => 0,
            };
            assert!(depth >= 0, "{bib}");
        }
        assert_eq!(depth, 0, "{bib}");
    }

    #[test]
    fn bibtex_is_an_article_with_journal_date_and_url_and_no_urldate() {
        assert_eq!(
            bibtex(&dw(), None),
            "@article{topona2025russie,\n  author = {Topona, Eric},\n  title = {{La Russie renforce ses relations avec les pays de l'AES}},\n  journal = {DW},\n  year = {2025},\n  month = apr,\n  day = {3},\n  url = {https://p.dw.com/p/4sf7z},\n}"
        );
        assert!(!bibtex(&dw(), None).contains("urldate"));
    }

    #[test]
    fn csl_json_is_an_article_newspaper_with_issued_date_parts() {
        let json: serde_json::Value =
            serde_json::from_str(&csl_json(&[csl_item(&dw(), None)])).unwrap();
        assert_eq!(
            json,
            serde_json::json!([{
                "id": "topona2025russie",
                "type": "article-newspaper",
                "title": "La Russie renforce ses relations avec les pays de l'AES",
                "container-title": "DW",
                "author": [{"family": "Topona", "given": "Eric"}],
                "issued": {"date-parts": [[2025, 4, 3]]},
                "URL": "https://p.dw.com/p/4sf7z"
            }])
        );
        let partial = article("T", None, Some("2025-05"), Some("La Rédaction"), None);
        let item = serde_json::to_value(csl_item(&partial, Some("k"))).unwrap();
        assert_eq!(item["issued"]["date-parts"], serde_json::json!([[2025, 5]]));
        assert_eq!(
            item["author"],
            serde_json::json!([{"literal": "La Rédaction"}])
        );
        assert!(item.get("URL").is_none() && item.get("container-title").is_none());
    }
}
