//! Exports for reports, spreadsheets and bibliography managers (`quotes --format csv|markdown|jsonl`,
//! `cite --format text|markdown|bibtex|csl-json`), run through the real binary on the bundled corpus
//! and on a temporary corpus whose metadata is hostile: commas, quotes, line breaks, `|`, braces,
//! `%`, `&`, control characters, bidi overrides, emoji. The CSV must open with Python's `csv` module
//! and hold the same rows as `--json`; the BibTeX must parse (the `biblatex` crate) with balanced
//! braces and its fields; the CSL-JSON must parse; nothing exported may hold a control character
//! (CSV's CRLF and line breaks inside quoted fields aside) or a bidi override.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use aes_reader::corpus::cite::{self, Name};
use aes_reader::corpus::quote::QuoteIndex;
use aes_reader::corpus::sanitize::{is_bidi_control, is_safe_char};
use aes_reader::corpus::{Article, Store};
use biblatex::{Bibliography, ChunksExt, EntryType};
use serde_json::Value;

/// The bundled corpus.
fn bundled() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("articles")
}

/// The project's hostile corpus (escape sequences, Unicode tricks, broken encodings, odd names).
fn hostile_files() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

/// A corpus whose metadata and text hold everything an export must survive.
fn hostile() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| fs::write(dir.path().join(name), text).unwrap();
    // TOML escapes put raw controls and bidi overrides into the front matter values.
    write(
        "hostile.md",
        concat!(
            "+++\n",
            r#"title = "Virgule, \"guillemets\" | pipe {accolades} 100 % & co_op #1 ^ ~ \\ \u001b[31mrouge\u202e inversé 🎉\nseconde ligne""#,
            "\ndate = 2025-04-03\n",
            r#"source = "Le \"Journal\", | {Sahel} & Cie \u0007""#,
            "\n",
            r#"author = "Awa\u202e Diallo""#,
            "\n",
            r#"url = "https://exemple.org/a b?x={1}|2&y=\"3\"\u001b]52;c;Zm9v\u0007""#,
            "\nlang = \"fr\"\n+++\n",
            "La ministre Awa Sy a réagi jeudi.\n\n",
            "« Nous ne céderons pas, jamais | {rien} 100 % & \u{202E} “cité” 🎉 \u{1B}[2J », a déclaré Awa Sy à la presse.\n\n",
            "« Le premier paragraphe, avec une virgule\n\net le second, entre \"guillemets\" »,  a-t-elle ajouté.\n\n",
            "Des vendeurs, à Bamako, affirment que la situation est calme, a indiqué un commerçant.\n",
        ),
    );
    // The alias file's canonical names reach the output as they are written: controls included.
    write(
        "people.toml",
        "[[person]]\nname = \"Awa\\u001b[2J Sy\\u202e\"\naliases = [\"Awa Sy\"]\n",
    );
    // A raw page: a title that a spreadsheet would read as a formula, a BEL, a URL with parentheses.
    write(
        "brut.txt",
        "=cmd|' /C calc'!A0 titre\u{7} brut\n\nhttps://exemple.org/(brut)\n\n« Il faut agir vite », a déclaré le président Ibrahim Traoré.\n",
    );
    // Nothing but a title and a body: every reference field is unknown.
    write(
        "sans.txt",
        "Un texte sans rien\n\n« Rien ne va plus », a déclaré Moussa Koné.\n",
    );
    // Two authors, one written `Family, Given`; a year alone; braces in the outlet; no web address.
    write(
        "virgule.md",
        "+++\ntitle = \"Élections : 1. le vote\"\nauthor = \"Dupont, Jean et Marie-Claire N'Diaye\"\nsource = \"Agence {X}\"\ndate = \"2024\"\nurl = \"javascript:alert(1)\"\n+++\n« Nous voterons », a déclaré Jean Dupont.\n",
    );
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aes-reader"))
        .arg("--dir")
        .arg(dir)
        .args(args)
        .env_remove("AES_READER_DIR")
        .env(
            "AES_READER_CACHE_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("test-cache"),
        )
        .output()
        .unwrap()
}

/// Standard output of a command that must succeed.
fn stdout(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "aes-reader {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("exports are UTF-8")
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The ids of a corpus, in list order.
fn ids(dir: &Path) -> Vec<String> {
    json_lines(&stdout(dir, &["list", "--json"]))
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Panics when `text` holds a control character, a bidi control or an invisible character; `\n`
/// is allowed, and `\r` only right before `\n` when `crlf` is set.
fn assert_clean(what: &str, text: &str, crlf: bool) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let ok = match c {
            '\n' => true,
            '\r' => crlf && chars.peek() == Some(&'\n'),
            '\t' => false,
            c => is_safe_char(c) && !is_bidi_control(c),
        };
        assert!(ok, "{what}: U+{:04X} in {text:?}", c as u32);
    }
}

// ---------------------------------------------------------------------------------------- CSV

/// Splits RFC 4180 CSV into records, checking the syntax on the way: records end with CRLF, a
/// field that holds `"`, `,`, CR or LF is quoted, and a quote inside is doubled.
fn parse_rfc4180(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut at_start = true;
    loop {
        match chars.next() {
            None => {
                assert!(
                    at_start && field.is_empty() && record.is_empty(),
                    "CSV ends without CRLF"
                );
                return records;
            }
            Some('"') => {
                assert!(at_start, "a quote inside an unquoted field: {field:?}");
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(c) => field.push(c),
                        None => panic!("unterminated quoted field {field:?}"),
                    }
                }
                at_start = false;
                assert!(
                    matches!(chars.peek(), Some(',' | '\r')),
                    "text after a quoted field {field:?}"
                );
            }
            Some(',') => {
                record.push(std::mem::take(&mut field));
                at_start = true;
            }
            Some('\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                at_start = true;
            }
            Some('\n') => panic!("a bare LF ends a record (or sits in an unquoted field)"),
            Some(c) => {
                field.push(c);
                at_start = false;
            }
        }
    }
}

/// Reads CSV with Python's `csv` module (strict); `None` when there is no python3.
fn python_csv(csv: &str) -> Option<Vec<Vec<String>>> {
    use std::io::Write;
    let child = Command::new("python3")
        .args([
            "-c",
            "import csv, json, sys\n\
             rows = list(csv.reader(open(0, newline='', encoding='utf-8'), strict=True))\n\
             json.dump(rows, sys.stdout)",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        println!("python3 is not installed: the CSV is checked against RFC 4180 only");
        return None;
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(csv.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "Python's csv module rejects the CSV: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

/// The CSV of `quotes` holds the rows of `quotes --json`, field for field.
fn check_csv_against_json(dir: &Path, filter: &[&str]) {
    let csv = stdout(dir, &[&["quotes", "--format", "csv"], filter].concat());
    let json = json_lines(&stdout(dir, &[&["quotes", "--json"], filter].concat()));
    assert_clean("csv", &csv, true);
    let rows = parse_rfc4180(&csv);
    if let Some(py) = python_csv(&csv) {
        assert_eq!(py, rows, "Python reads the CSV as it is written");
    }
    let (header, rows) = rows.split_first().expect("a header row");
    assert_eq!(
        header,
        &[
            "id",
            "article",
            "title",
            "outlet",
            "date",
            "url",
            "speaker",
            "kind",
            "confidence",
            "evidence",
            "quote",
            "field",
            "start_char",
            "end_char",
            "also_in_count"
        ]
    );
    assert_eq!(rows.len(), json.len(), "one row per quote");
    let list: Vec<Value> = json_lines(&stdout(dir, &["list", "--json"]));
    for (row, q) in rows.iter().zip(&json) {
        let cell = |name: &str| row[header.iter().position(|h| h == name).unwrap()].as_str();
        let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
        assert_eq!(cell("id"), q["id"]);
        assert_eq!(cell("article"), q["article"]);
        assert_eq!(cell("speaker"), text(&q["speaker"]));
        assert_eq!(cell("kind"), q["kind"]);
        assert_eq!(cell("confidence"), text(&q["confidence"]));
        assert_eq!(cell("evidence"), text(&q["evidence"]));
        assert_eq!(cell("quote"), q["quote"]);
        assert_eq!(cell("field"), q["field"]);
        assert_eq!(cell("start_char"), q["start"].to_string());
        assert_eq!(cell("end_char"), q["end"].to_string());
        assert_eq!(cell("also_in_count"), q["also_in_count"].to_string());
        let a = list.iter().find(|a| a["id"] == q["id"]).unwrap();
        assert_eq!(cell("title"), a["title"]);
        assert_eq!(cell("outlet"), text(&a["source"]));
        assert_eq!(cell("date"), text(&a["date"]));
        assert_eq!(
            cell("url"),
            a["url"]
                .as_str()
                .and_then(cite::clean_url)
                .unwrap_or_default()
        );
    }
}

#[test]
fn csv_opens_with_python_and_holds_the_rows_of_json_on_the_bundled_corpus() {
    check_csv_against_json(&bundled(), &[]);
}

#[test]
fn csv_of_hostile_metadata_opens_with_python_and_holds_the_rows_of_json() {
    check_csv_against_json(&hostile_files(), &[]);
    let dir = hostile();
    check_csv_against_json(dir.path(), &[]);
    let csv = stdout(dir.path(), &["quotes", "--format", "csv"]);
    // A quote over two paragraphs keeps its line break, inside a quoted field.
    assert!(
        csv.contains(
            "\"Le premier paragraphe, avec une virgule\n\net le second, entre \"\"guillemets\"\"\""
        ),
        "{csv}"
    );
}

#[test]
fn every_format_follows_the_speaker_and_article_filters() {
    let dir = bundled();
    for filter in [
        &["--speaker", "lavrov"][..],
        &["--article", "004"],
        &[
            "--speaker",
            "amara",
            "--article",
            "004_6f84a66b26e0e186.txt",
        ],
    ] {
        let json = json_lines(&stdout(&dir, &[&["quotes", "--json"], filter].concat()));
        assert!(!json.is_empty(), "{filter:?} finds quotes");
        check_csv_against_json(&dir, filter);
        let md = stdout(
            &dir,
            &[&["quotes", "--format", "markdown"], filter].concat(),
        );
        let items = md.lines().filter(|l| l.starts_with("- ")).count();
        assert_eq!(
            items,
            json.len(),
            "{filter:?}: one list item per quote\n{md}"
        );
        let text = stdout(&dir, &[&["quotes"], filter].concat());
        let whys = text
            .lines()
            .filter(|l| l.starts_with("  ") && !l.starts_with("    "))
            .count();
        assert_eq!(
            whys,
            json.len(),
            "{filter:?}: one text entry per quote\n{text}"
        );
    }
}

#[test]
fn format_jsonl_is_json_byte_for_byte_and_cannot_be_combined_with_it() {
    let h = hostile();
    for dir in [bundled(), h.path().to_owned()] {
        assert_eq!(
            stdout(&dir, &["quotes", "--format", "jsonl"]),
            stdout(&dir, &["quotes", "--json"])
        );
    }
    let both = run(&bundled(), &["quotes", "--json", "--format", "csv"]);
    assert!(!both.status.success());
    assert!(String::from_utf8_lossy(&both.stderr).contains("cannot be used with"));
}

// ----------------------------------------------------------------------------------- Markdown

#[test]
fn markdown_report_groups_quotes_under_their_article_with_markup_escaped() {
    let dir = hostile();
    let md = stdout(dir.path(), &["quotes", "--format", "markdown"]);
    assert_clean("markdown", &md, false);
    assert!(md.starts_with("# Quotes\n"), "{md}");
    assert!(
        md.contains("\n## Virgule, \"guillemets\" \\| pipe {accolades} 100 % \\& co\\_op \\#1 ^ \\~ \\\\ ^\\[rouge inversé 🎉 seconde ligne\n"),
        "{md}"
    );
    // Every `|` is escaped, so no line can become a table row; every line is one item or heading.
    for line in md.lines() {
        let bare = line.replace("\\|", "");
        assert!(!bare.contains('|'), "unescaped | in {line:?}");
    }
    assert!(md.contains("- «\u{a0}Nous ne céderons pas, jamais \\| {rien} 100 % \\& “cité” 🎉 ^\\[\u{a0}» — **Awa^\\[ Sy**\\\n"), "{md}");
    assert!(md.contains("- **un commerçant**, reported: Des vendeurs, à Bamako, affirment que la situation est calme\\\n"), "{md}");
    // A `javascript:` address is text, never a link.
    assert!(!md.contains("<javascript"), "{md}");
    // A filter that matches nothing still prints the report, and exits 1 (as grep does).
    let none = run(
        dir.path(),
        &["quotes", "--format", "markdown", "--speaker", "personne"],
    );
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(none.stdout).unwrap(),
        "# Quotes\n\nNo quote matches.\n"
    );
}

// ------------------------------------------------------------------------------------- BibTeX

/// Braces balance in each entry, never closing more than they opened.
fn assert_braces_balanced(bib: &str) {
    let mut depth = 0i64;
    for (i, c) in bib.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        assert!(
            depth >= 0,
            "a brace closes more than opened at byte {i}:\n{bib}"
        );
        if c == '@' {
            assert_eq!(
                depth, 0,
                "an entry starts inside another at byte {i}:\n{bib}"
            );
        }
    }
    assert_eq!(depth, 0, "braces left open:\n{bib}");
}

fn check_bibtex(dir: &Path) {
    let ids = ids(dir);
    let args: Vec<&str> = ["cite", "--format", "bibtex"]
        .into_iter()
        .chain(ids.iter().map(String::as_str))
        .collect();
    let bib = stdout(dir, &args);
    assert_clean("bibtex", &bib, false);
    assert_braces_balanced(&bib);
    let parsed = Bibliography::parse(&bib).unwrap_or_else(|e| panic!("{e:?} in\n{bib}"));
    assert_eq!(
        parsed.len(),
        ids.len(),
        "one entry per article, unique keys:\n{bib}"
    );
    let list = json_lines(&stdout(dir, &["list", "--json"]));
    for (entry, a) in parsed.iter().zip(&list) {
        assert_eq!(entry.entry_type, EntryType::Article);
        assert!(
            entry
                .key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "{}",
            entry.key
        );
        let field = |name: &str| entry.get(name).map(|c| c.format_verbatim());
        let title = a["title"].as_str().unwrap();
        assert_eq!(
            field("title").as_deref(),
            Some(cite::clean(title).as_str()),
            "{bib}"
        );
        let outlet = a["source"].as_str().map(cite::clean);
        assert_eq!(field("journal"), outlet, "{bib}");
        let year = a["date"].as_str().map(|d| d[..4].to_owned());
        assert_eq!(field("year"), year, "{bib}");
        let url = a["url"].as_str().and_then(cite::clean_url);
        assert_eq!(field("url"), url, "{bib}");
        assert!(field("urldate").is_none());
        assert_eq!(
            entry.get("author").is_some(),
            a["author"].is_string(),
            "{bib}"
        );
    }
}

#[test]
fn bibtex_of_the_bundled_corpus_parses_with_its_fields() {
    check_bibtex(&bundled());
}

#[test]
fn bibtex_of_hostile_metadata_parses_balanced_and_escaped() {
    check_bibtex(&hostile_files());
    let dir = hostile();
    check_bibtex(dir.path());
    let bib = stdout(dir.path(), &["cite", "virgule", "--format", "bibtex"]);
    assert!(
        bib.contains("author = {Dupont, Jean and N'Diaye, Marie-Claire},"),
        "{bib}"
    );
    let parsed = Bibliography::parse(&bib).unwrap();
    let authors = parsed.iter().next().unwrap().author().unwrap();
    let names: Vec<(&str, &str)> = authors
        .iter()
        .map(|p| (p.name.as_str(), p.given_name.as_str()))
        .collect();
    assert_eq!(names, [("Dupont", "Jean"), ("N'Diaye", "Marie-Claire")]);
}

// ----------------------------------------------------------------------------------- CSL-JSON

fn check_csl(dir: &Path) {
    let ids = ids(dir);
    let args: Vec<&str> = ["cite", "--format", "csl-json"]
        .into_iter()
        .chain(ids.iter().map(String::as_str))
        .collect();
    let text = stdout(dir, &args);
    assert_clean("csl-json", &text, false);
    let items: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(items.len(), ids.len());
    let list = json_lines(&stdout(dir, &["list", "--json"]));
    let mut keys = std::collections::HashSet::new();
    for (item, a) in items.iter().zip(&list) {
        assert_eq!(item["type"], "article-newspaper");
        assert!(
            keys.insert(item["id"].as_str().unwrap().to_owned()),
            "ids are unique"
        );
        assert_eq!(item["title"], cite::clean(a["title"].as_str().unwrap()));
        assert_eq!(
            item.get("container-title").and_then(Value::as_str),
            a["source"].as_str().map(cite::clean).as_deref()
        );
        let url = a["url"].as_str().and_then(cite::clean_url);
        assert_eq!(item.get("URL").and_then(Value::as_str), url.as_deref());
        match a["date"].as_str() {
            Some(date) => {
                let parts: Vec<u64> = date.split('-').map(|p| p.parse().unwrap()).collect();
                assert_eq!(item["issued"]["date-parts"], serde_json::json!([parts]));
            }
            None => assert!(item.get("issued").is_none()),
        }
        match a["author"].as_str() {
            Some(_) => {
                for author in item["author"].as_array().unwrap() {
                    let person = author["family"].is_string() && author["given"].is_string();
                    assert!(person || author["literal"].is_string(), "{author}");
                }
            }
            None => assert!(item.get("author").is_none()),
        }
    }
}

#[test]
fn csl_json_of_the_bundled_corpus_parses_with_its_fields() {
    check_csl(&bundled());
    let one: Vec<Value> = serde_json::from_str(&stdout(
        &bundled(),
        &["cite", "004", "--format", "csl-json"],
    ))
    .unwrap();
    assert_eq!(
        one[0]["author"],
        serde_json::json!([{"family": "Topona", "given": "Eric"}])
    );
    assert_eq!(one[0]["URL"], "https://p.dw.com/p/4sf7z");
}

#[test]
fn csl_json_of_hostile_metadata_parses_with_its_fields() {
    check_csl(&hostile_files());
    check_csl(hostile().path());
}

// ---------------------------------------------------------------------------- text and lookup

#[test]
fn text_and_markdown_references_are_one_clean_line_per_article() {
    let h = hostile();
    for dir in [bundled(), hostile_files(), h.path().to_owned()] {
        let ids = ids(&dir);
        for format in ["text", "markdown"] {
            let args: Vec<&str> = ["cite", "--format", format]
                .into_iter()
                .chain(ids.iter().map(String::as_str))
                .collect();
            let out = stdout(&dir, &args);
            assert_clean(format, &out, false);
            assert_eq!(out.lines().count(), ids.len(), "{out}");
        }
    }
    assert_eq!(
        stdout(&bundled(), &["cite", "003"]),
        "K. Mamadou, «\u{a0}Russie–AES : une alliance militaire stratégique se renforce à Moscou\u{a0}», abamako.com, 2025-05-12\n"
    );
}

#[test]
fn cite_finds_articles_as_show_does_and_an_unknown_id_says_what_to_do() {
    let dir = bundled();
    let by_id = stdout(&dir, &["cite", "004_6f84a66b26e0e186"]);
    assert_eq!(stdout(&dir, &["cite", "004"]), by_id);
    assert_eq!(stdout(&dir, &["cite", "004_6f84a66b26e0e186.txt"]), by_id);
    let missing = run(&dir, &["cite", "nulle-part"]);
    assert_eq!(missing.status.code(), Some(2));
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(
        err.contains("no article `nulle-part`") && err.contains("aes-reader list"),
        "{err}"
    );
    let ambiguous = run(&dir, &["cite", "00"]);
    assert_eq!(ambiguous.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&ambiguous.stderr).contains("give more of the id"));
}

#[test]
fn help_says_what_each_format_holds() {
    let help = |cmd: &str| stdout(&bundled(), &[cmd, "--help"]);
    let quotes = help("quotes");
    for needle in [
        "jsonl:",
        "csv:",
        "RFC 4180",
        "start_char",
        "markdown:",
        "characters",
    ] {
        assert!(quotes.contains(needle), "no {needle:?} in\n{quotes}");
    }
    let cite = help("cite");
    for needle in [
        "text:",
        "markdown:",
        "bibtex:",
        "urldate",
        "csl-json:",
        "article-newspaper",
    ] {
        assert!(cite.contains(needle), "no {needle:?} in\n{cite}");
    }
}

// ------------------------------------------------------------------------ quote citations (y)

fn quote_citations(dir: &Path) -> Vec<String> {
    let store = Store::load(dir).unwrap();
    let index = QuoteIndex::build(&store);
    store
        .articles()
        .iter()
        .flat_map(|a: &Article| {
            index
                .quotes(&a.id)
                .iter()
                .map(|q| cite::quote_citation(a, q))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn quote_citations_are_one_clean_line_with_their_source() {
    let bundled = quote_citations(&bundled());
    assert!(bundled.contains(
        &"«\u{a0}Notre coopération dans le domaine militaire s'intensifie, nos militaires coopèrent de manière active avec les militaires du Mali\u{a0}» — Sergueï Lavrov, DW, 2025-04-03, https://p.dw.com/p/4sf7z".to_owned()
    ), "{bundled:#?}");
    let dir = hostile();
    let hostile = quote_citations(dir.path());
    assert!(!hostile.is_empty());
    let files = quote_citations(&hostile_files());
    for c in bundled.iter().chain(&hostile).chain(&files) {
        assert_clean("citation", c, false);
        assert!(!c.contains('\n') && !c.contains("None"), "{c}");
    }
    assert!(hostile.contains(
        &"«\u{a0}Le premier paragraphe, avec une virgule et le second, entre \"guillemets\"\u{a0}» — Awa^[ Sy, Le \"Journal\", | {Sahel} & Cie ^G, 2025-04-03, https://exemple.org/a%20b?x=%7B1%7D%7C2&y=%223%22%5E[".to_owned()
    ), "{hostile:#?}");
    assert!(
        hostile.contains(&"«\u{a0}Rien ne va plus\u{a0}» — Moussa Koné".to_owned()),
        "{hostile:#?}"
    );
    // The byline of an article splits as a bibliography wants it.
    assert_eq!(
        cite::authors("Dupont, Jean et Marie-Claire N'Diaye"),
        [
            Name::Person {
                family: "Dupont".into(),
                given: "Jean".into()
            },
            Name::Person {
                family: "N'Diaye".into(),
                given: "Marie-Claire".into()
            }
        ]
    );
}
