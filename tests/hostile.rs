//! The hostile corpus (`tests/hostile/`, one `manifest.toml` entry per file): escape sequences,
//! Unicode tricks, broken encodings, odd sizes, shapes and names. Runs the real binary on it and
//! proves that nothing an article holds reaches the terminal as a control, that each file loads or is
//! rejected as its entry says (with the French text around the junk intact), and that the reader in
//! tmux shows it all without letting a sequence through. Large and unrepresentable files are generated
//! at test time into a temporary folder, next to copies of the committed ones.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use aes_reader::corpus::Store;
use aes_reader::corpus::sanitize::{Report, is_bidi_control, is_safe_char, sanitize};
use serde::Deserialize;
use serde_json::Value;

// ------------------------------------------------------------------------------------ manifest

#[derive(Debug, Deserialize)]
struct Manifest {
    file: Vec<Entry>,
}

/// One file of the hostile corpus and what must happen to it (see the header of manifest.toml).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    shown: Option<String>,
    category: String,
    contains: String,
    outcome: String,
    check: String,
    #[serde(default)]
    reason: String,
    title: Option<String>,
    #[serde(default)]
    keep: Vec<String>,
    #[serde(default)]
    markers: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    #[serde(default)]
    counts: BTreeMap<String, usize>,
    generated: Option<String>,
    target: Option<String>,
    name_bytes: Option<Vec<u8>>,
    id: Option<String>,
    #[serde(default = "main_folder")]
    folders: Vec<String>,
    if_root: Option<String>,
    #[serde(default)]
    isolated: bool,
    author: Option<String>,
    source: Option<String>,
    tags: Option<Vec<String>>,
    #[serde(default)]
    speakers: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

fn main_folder() -> Vec<String> {
    vec!["main".to_owned()]
}

impl Entry {
    fn shown(&self) -> &str {
        self.shown.as_deref().unwrap_or(&self.name)
    }

    fn disk_name(&self) -> OsString {
        match &self.name_bytes {
            Some(bytes) => OsStr::from_bytes(bytes).to_owned(),
            None => OsString::from(&self.name),
        }
    }

    fn in_folder(&self, folders: &[&str]) -> bool {
        !self.isolated && self.folders.iter().any(|f| folders.contains(&f.as_str()))
    }
}

fn hostile_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

fn manifest() -> &'static Manifest {
    static M: OnceLock<Manifest> = OnceLock::new();
    M.get_or_init(|| {
        let text = fs::read_to_string(hostile_dir().join("manifest.toml")).unwrap();
        toml::from_str(&text).unwrap_or_else(|e| panic!("tests/hostile/manifest.toml: {e}"))
    })
}

// ------------------------------------------------------------------------------------ the folders

/// Makes a temporary folder holding the entries of `folders`: committed files copied, the others
/// generated. Returns it with a note for each entry whose expectation depends on the machine.
fn build_folder(folders: &[&str]) -> (tempfile::TempDir, Vec<String>) {
    let entries: Vec<&Entry> = manifest()
        .file
        .iter()
        .filter(|e| e.in_folder(folders))
        .collect();
    build_entries(&entries)
}

/// Makes a temporary folder holding these entries.
fn build_entries(entries: &[&Entry]) -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::Builder::new()
        .prefix("aes-hostile-")
        .tempdir()
        .unwrap();
    let mut notes = Vec::new();
    for e in entries {
        let path = dir.path().join(e.disk_name());
        match e.generated.as_deref() {
            None => {
                fs::copy(hostile_dir().join(&e.name), &path).unwrap();
            }
            Some(kind) => generate(kind, e, &path, &mut notes),
        }
    }
    (dir, notes)
}

/// Creates one generated file (see the `generated` values in manifest.toml).
fn generate(kind: &str, e: &Entry, path: &Path, notes: &mut Vec<String>) {
    match kind {
        "article" => fs::write(path, small_article(e)).unwrap(),
        "unreadable" => {
            fs::write(path, small_article(e)).unwrap();
            fs::set_permissions(path, fs::Permissions::from_mode(0o000)).unwrap();
            if fs::read(path).is_ok() {
                notes.push(format!(
                    "{}: running as root, chmod 000 does not stop reads; expecting `{}` instead \
                     of `{}`",
                    e.name,
                    e.if_root.as_deref().unwrap_or(&e.outcome),
                    e.outcome
                ));
            }
        }
        "copy" => {
            let from = e.target.as_deref().expect("a copy entry names its source");
            fs::copy(hostile_dir().join(from), path).unwrap();
        }
        "symlink" => {
            let target = e.target.as_deref().expect("a symlink entry has a target");
            std::os::unix::fs::symlink(target, path).unwrap();
        }
        "symlink_outside" => {
            let target = e.target.as_deref().expect("a symlink entry has a target");
            std::os::unix::fs::symlink(hostile_dir().join(target), path).unwrap();
        }
        "socket" => {
            // The socket file stays when the listener is dropped.
            std::os::unix::net::UnixListener::bind(path).unwrap();
        }
        "five_mb_line" => {
            let sentence = "Les ministres de l’AES se sont réunis à Bamako pour parler de « sécurité » \
                            et de coopération avec la Russie, a déclaré Abdoulaye Diop. ";
            let n = 5 * 1024 * 1024 / sentence.len() + 1;
            let mut line = sentence.repeat(n);
            line.truncate(line.trim_end().len());
            fs::write(path, line).unwrap();
        }
        "over_cap" => {
            fs::write(path, "Un article bien trop long\n2025-01-01\n\n").unwrap();
            let f = fs::OpenOptions::new().write(true).open(path).unwrap();
            f.set_len(16 * 1024 * 1024 + 1).unwrap();
        }
        "million_lines" => {
            let mut text = String::from(
                "Un million de lignes pour un seul article\n2025-01-05\n\n\
                 Ce fichier contient un million de lignes d’un caractère, qu’aucun lecteur ne \
                 devrait avoir à attendre.\n\n",
            );
            let letters = ['a', 'b', 'c', 'd', 'é', 'f', 'g', 'h', 'i', 'j'];
            text.reserve(2_100_000);
            for i in 0..1_000_000 {
                text.push(letters[i % letters.len()]);
                text.push('\n');
            }
            fs::write(path, text).unwrap();
        }
        "caption_after_lines" => {
            let mut text = String::from(
                "Une légende sous deux cent mille lignes\n2025-01-06\n\n\
                 Un paragraphe qui dit ce que contient le fichier.\n\n",
            );
            for i in 0..200_000 {
                text.push(['a', 'b', 'c', 'd', 'é'][i % 5]);
                text.push('\n');
            }
            text.push_str("Le marché de Bamako au petit matin © AFP\n");
            fs::write(path, text).unwrap();
        }
        "nul_after_64k" => {
            let mut text =
                String::from("Un long article avec un octet nul très loin\n2025-02-02\n\n");
            let para = "Les délégations du Mali, du Burkina Faso et du Niger poursuivent « leurs \
                        travaux » à Niamey. ";
            while text.len() + para.len() < 70_000 {
                text.push_str(para);
            }
            while text.len() < 70_000 {
                text.push('.');
            }
            let mut bytes = text.into_bytes();
            bytes.push(0);
            bytes.extend_from_slice("Et la suite du texte.\n".as_bytes());
            fs::write(path, bytes).unwrap();
        }
        "osc_unterminated_large" => {
            let mut text = String::from(
                "Bamako : la coupure d’électricité se prolonge\n2025-04-22\n\n\
                 Les habitants de Bamako subissent des délestages de plus de douze heures par jour \
                 depuis le début du mois.\n\n\
                 « Nous n’en pouvons plus », confie une commerçante du quartier de Badalabougou.\n\n\
                 Dernier paragraphe avant la séquence \u{1b}]52;c;",
            );
            text.push_str(&"QUFB".repeat(262_144));
            fs::write(path, text).unwrap();
        }
        "giant_csi" => {
            let text = format!(
                "Le Niger rouvre sa frontière avec le Bénin\n2025-03-14\n\n\
                 La frontière entre le Niger et le Bénin\u{1b}[{}m est de nouveau ouverte aux \
                 camions de marchandises.\n\n« Les échanges reprennent », se réjouit un transporteur.\n",
                "1;".repeat(400_000)
            );
            fs::write(path, text).unwrap();
        }
        "fifo" => {
            let ok = Command::new("mkfifo").arg(path).status().unwrap();
            assert!(ok.success(), "mkfifo failed");
        }
        other => panic!("{}: unknown generator `{other}`", e.name),
    }
}

/// A short article made of the entry's title and the text it must keep.
fn small_article(e: &Entry) -> String {
    let title = e.title.as_deref().expect("a generated article has a title");
    format!("{title}\n2025-06-01\n\n{}\n", e.keep.join("\n\n"))
}

/// True when `if_root` applies: the test can read a file it made unreadable.
fn reads_despite_chmod() -> bool {
    static ROOT: OnceLock<bool> = OnceLock::new();
    *ROOT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("probe");
        fs::write(&p, "x").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
        fs::read(&p).is_ok()
    })
}

// ------------------------------------------------------------------------------------ running

/// One run of the binary.
#[derive(Debug, Clone)]
struct Run {
    label: String,
    args: Vec<OsString>,
    /// The exit code; `None` when it was killed (see `killed`) or died of a signal.
    code: Option<i32>,
    /// Why the run was stopped, when it was.
    killed: Option<String>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

/// How long a run may take. CPU time is what a runaway loop burns, whatever else the machine is
/// doing (the wall clock of a shared machine says little); the wall-clock backstop catches a process
/// blocked for good (on a named pipe, say).
#[derive(Debug, Clone, Copy)]
struct Limit {
    cpu: Duration,
    wall: Duration,
}

const LIMIT: Limit = Limit {
    cpu: Duration::from_secs(60),
    wall: Duration::from_secs(600),
};

/// CPU time (user + system) a running process has used, from /proc (Linux); `None` elsewhere.
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // USER_HZ is 100 on Linux.
    Some(Duration::from_millis(ticks * 10))
}

impl Run {
    fn out(&self) -> &str {
        std::str::from_utf8(&self.stdout).unwrap_or_default()
    }

    fn json_lines(&self) -> Vec<Value> {
        self.out()
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| {
                serde_json::from_str(l)
                    .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {l:.200}", self.label))
            })
            .collect()
    }
}

/// Runs `aes-reader --no-state --dir DIR ARGS…`, killing it past `limit`.
fn aes(dir: &Path, args: &[OsString], limit: Limit) -> Run {
    let state = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_aes-reader"))
        .arg("--no-state")
        .arg("--dir")
        .arg(dir)
        .args(args)
        .env_remove("AES_READER_DIR")
        .env_remove("COLUMNS")
        .env("XDG_STATE_HOME", state.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = pipe.read_to_end(&mut buf);
            buf
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let mut killed = None;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        let cpu = cpu_time(child.id()).unwrap_or_default();
        if cpu > limit.cpu || started.elapsed() > limit.wall {
            killed = Some(format!(
                "killed after {:.1?} of CPU time, {:.1?} of wall time",
                cpu,
                started.elapsed()
            ));
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let label = format!(
        "aes-reader {}",
        args.iter()
            .map(|a| format!("{:?}", a.to_string_lossy()))
            .collect::<Vec<_>>()
            .join(" ")
    );
    Run {
        label,
        args: args.to_vec(),
        code: if killed.is_some() {
            None
        } else {
            status.code()
        },
        killed,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

/// Runs every argument list, two at a time (the machine has two cores), in the given order.
fn run_all(dir: &Path, jobs: Vec<Vec<OsString>>, limit: Limit) -> Vec<Run> {
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Run)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        let Some(args) = jobs.get(i) else { break };
                        mine.push((i, aes(dir, args, limit)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

fn args(list: &[&str]) -> Vec<OsString> {
    list.iter().map(OsString::from).collect()
}

// ------------------------------------------------------------------------------------ safety

/// A character that must never reach a terminal from article content: C0 controls but newline and
/// tab, DEL, C1, bidi controls, invisible format characters, U+2028/U+2029.
fn is_forbidden(c: char) -> bool {
    !is_safe_char(c) || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Everything wrong with one output stream, described for a failure message.
fn stream_problems(label: &str, what: &str, bytes: &[u8]) -> Vec<String> {
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
fn json_strings<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
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
fn run_problems(run: &Run) -> Vec<String> {
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

// ------------------------------------------------------------------------------------ the main run

/// Everything the tests look at, gathered once: the runs of the binary over the main folder and
/// over each large shape alone, and what the library says of the main folder's files. The folders
/// are deleted afterwards.
struct Gathered {
    main: Vec<Run>,
    /// (entry name, runs over a folder holding only that entry)
    alone: Vec<(String, Vec<Run>)>,
    notes: Vec<String>,
    library_problems: Vec<String>,
}

/// Search queries: French with accents, CJK, a payload word, a marker, and an escape sequence.
const QUERIES: [&str; 5] = ["sécurité", "中国", "pwned", "^[", "\u{1b}]0;titre\u{7}"];

/// The gathered runs. A panic while gathering is kept and reported by every test, so that the tests
/// waiting on it do not each gather again.
fn gathered() -> &'static Gathered {
    static G: OnceLock<Result<Gathered, String>> = OnceLock::new();
    let g = G.get_or_init(|| {
        std::panic::catch_unwind(gather).map_err(|e| {
            e.downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default()
        })
    });
    match g {
        Ok(g) => g,
        Err(e) => panic!("gathering the runs failed: {e}"),
    }
}

fn gather() -> Gathered {
    let clock = Instant::now();
    let (main_dir, mut notes) = build_folder(&["main"]);
    let main = gather_runs(main_dir.path(), true);
    let library_problems = library_problems(main_dir.path());
    drop(main_dir);
    let main_time = clock.elapsed();
    let mut alone = Vec::new();
    for e in manifest().file.iter().filter(|e| e.in_folder(&["alone"])) {
        let (dir, more_notes) = build_entries(&[e]);
        notes.extend(more_notes);
        alone.push((e.name.clone(), gather_runs(dir.path(), false)));
    }
    println!(
        "hostile corpus: {} runs over the main folder in {main_time:.1?}, {} over {} large \
         shapes alone in {:.1?}",
        main.len(),
        alone.iter().map(|(_, r)| r.len()).sum::<usize>(),
        alone.len(),
        clock.elapsed() - main_time
    );
    for n in &notes {
        println!("note: {n}");
    }
    Gathered {
        main,
        alone,
        notes,
        library_problems,
    }
}

/// `list --json` first (for the ids), then `check` and `show` (both forms) for every id. With `all`,
/// every other subcommand too: `list`, an unknown id, and the quote engine (`quotes`, `speakers`,
/// `search`), which the large shapes leave to their own test (each of their runs reads megabytes
/// of pathological text, so they get the runs that prove their fate and no more).
fn gather_runs(dir: &Path, all: bool) -> Vec<Run> {
    let list = aes(dir, &args(&["list", "--json"]), LIMIT);
    let ids: Vec<String> = list
        .json_lines()
        .iter()
        .filter_map(|v| v["id"].as_str().map(str::to_owned))
        .collect();
    let mut jobs = vec![args(&["check"])];
    for id in &ids {
        jobs.push(vec!["show".into(), id.into()]);
        jobs.push(vec!["show".into(), id.into(), "--json".into()]);
    }
    if all {
        jobs.push(args(&["list"]));
        // An unknown id that is itself hostile: the error names it, safely.
        jobs.push(args(&["show", "\u{1b}]0;pwned\u{7}\u{202e}inconnu"]));
        for a in [
            &["quotes"][..],
            &["quotes", "--json"],
            &["speakers"],
            &["speakers", "--json"],
            &["quotes", "--speaker", "Diop"],
        ] {
            jobs.push(args(a));
        }
        for q in QUERIES {
            jobs.push(args(&["search", q]));
            jobs.push(args(&["search", q, "--json"]));
        }
    }
    let mut runs = vec![list];
    runs.extend(run_all(dir, jobs, LIMIT));
    runs
}

/// In-process checks on the same folder: every loaded article is safe and sanitizing it again
/// changes nothing; every committed file sanitizes idempotently.
fn library_problems(dir: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let store = Store::load(dir).unwrap();
    for a in store.articles() {
        let fields = [("title", &a.meta.title), ("body", &a.body)];
        for (what, text) in fields {
            if let Some(c) = text.chars().find(|c| is_forbidden(*c)) {
                problems.push(format!("{}: {what} holds U+{:04X}", a.file, c as u32));
            }
            let again = sanitize(text, &mut Report::default());
            if &again != text {
                problems.push(format!(
                    "{}: sanitizing the {what} again changes it",
                    a.file
                ));
            }
        }
        for b in &a.blocks {
            if a.body.get(b.range.clone()).is_none() {
                problems.push(format!("{}: a block range is not in the body", a.file));
            }
        }
    }
    for e in manifest().file.iter().filter(|e| e.generated.is_none()) {
        let bytes = fs::read(hostile_dir().join(&e.name)).unwrap();
        if let Ok((text, _)) = aes_reader::corpus::sanitize::decode(&bytes) {
            let once = sanitize(&text, &mut Report::default());
            let twice = sanitize(&once, &mut Report::default());
            if once != twice {
                problems.push(format!("{}: sanitize is not idempotent", e.name));
            }
        }
    }
    problems
}

fn find<'a>(runs: &'a [Run], wanted: &[&str]) -> &'a Run {
    let wanted: Vec<OsString> = args(wanted);
    runs.iter()
        .find(|r| r.args == wanted)
        .unwrap_or_else(|| panic!("no run of {wanted:?}"))
}

// ------------------------------------------------------------------------------------ tests

#[test]
fn the_manifest_describes_every_file_and_commits_no_big_one() {
    let m = manifest();
    assert!(m.file.len() >= 40, "{} entries", m.file.len());
    let mut on_disk: Vec<String> = fs::read_dir(hostile_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "manifest.toml")
        .collect();
    on_disk.sort();
    let mut committed: Vec<String> = m
        .file
        .iter()
        .filter(|e| e.generated.is_none())
        .map(|e| e.name.clone())
        .collect();
    committed.sort();
    assert_eq!(
        on_disk, committed,
        "committed files and manifest entries differ"
    );
    for e in &m.file {
        assert!(!e.contains.trim().is_empty(), "{}: says nothing", e.name);
        assert!(
            [
                "escape", "unicode", "encoding", "shape", "name", "metadata", "control"
            ]
            .contains(&e.category.as_str()),
            "{}: category {}",
            e.name,
            e.category
        );
        assert!(
            matches!(
                (e.outcome.as_str(), e.check.as_str()),
                ("loads", "ok" | "warning")
                    | ("rejected", "REJECTED")
                    | ("skipped", "warning")
                    | ("data", "none")
            ),
            "{}: outcome {} with check {}",
            e.name,
            e.outcome,
            e.check
        );
        if e.outcome == "loads" {
            assert!(
                e.title.is_some(),
                "{}: a loaded file needs its title",
                e.name
            );
        }
        assert!(
            e.folders
                .iter()
                .all(|f| ["main", "alone", "reader"].contains(&f.as_str())),
            "{}: folders {:?}",
            e.name,
            e.folders
        );
        if e.generated.is_none() {
            let size = fs::metadata(hostile_dir().join(&e.name)).unwrap().len();
            assert!(
                size <= 16 * 1024,
                "{}: {size} bytes; generate it instead",
                e.name
            );
        }
    }
}

#[test]
fn no_subcommand_lets_a_control_character_reach_the_terminal() {
    let g = gathered();
    let mut problems = Vec::new();
    for run in g.main.iter().chain(g.alone.iter().flat_map(|(_, r)| r)) {
        problems.extend(run_problems(run));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_subcommand_panics_and_exit_codes_are_the_documented_ones() {
    let g = gathered();
    for run in g.main.iter().chain(g.alone.iter().flat_map(|(_, r)| r)) {
        let expected = match run.args.first().and_then(|a| a.to_str()) {
            // `check` exits 1 when a file was rejected, as its last line says.
            Some("check") if !run.out().trim_end().ends_with(", 0 rejected") => 1,
            Some("show") if run.args[1].to_string_lossy().contains("inconnu") => 2,
            _ => 0,
        };
        assert_eq!(
            run.code,
            Some(expected),
            "{}: stderr {}",
            run.label,
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let unknown = g
        .main
        .iter()
        .find(|r| r.code == Some(2))
        .expect("the unknown id run");
    let err = String::from_utf8_lossy(&unknown.stderr);
    assert!(err.contains("no article `^[inconnu`"), "{err}");
}

#[test]
fn every_file_meets_its_manifest_expectation() {
    let g = gathered();
    let mut problems = Vec::new();
    let folders = std::iter::once((None, &g.main)).chain(g.alone.iter().map(|(n, r)| (Some(n), r)));
    for (only, runs) in folders {
        let check = find(runs, &["check"]).out().to_owned();
        let listed: BTreeMap<String, Value> = find(runs, &["list", "--json"])
            .json_lines()
            .into_iter()
            .map(|v| (v["file"].as_str().unwrap_or_default().to_owned(), v))
            .collect();
        let entries = manifest().file.iter().filter(|e| match only {
            None => e.in_folder(&["main"]),
            Some(name) => e.name == *name,
        });
        for e in entries {
            problems.extend(entry_problems(e, runs, &check, &listed));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// How one entry's expectation is not met by what the binary printed.
fn entry_problems(
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
fn speakers_problems(e: &Entry, runs: &[Run]) -> Vec<String> {
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

#[test]
fn loaded_articles_are_safe_and_stable_under_a_second_sanitize() {
    let g = gathered();
    assert!(
        g.library_problems.is_empty(),
        "{}",
        g.library_problems.join("\n")
    );
}

#[test]
fn the_unreadable_file_expectation_matches_the_machine() {
    let g = gathered();
    let noted = g.notes.iter().any(|n| n.contains("running as root"));
    assert_eq!(noted, reads_despite_chmod());
}

/// The quote engine on the big shapes (a 5 MiB line full of « quotes », a million lines): `quotes`,
/// `speakers` and `search` must finish, and as safely as the rest.
#[test]
fn the_quote_engine_finishes_on_the_big_shapes() {
    let (dir, _) = build_folder(&["alone"]);
    let mut jobs = vec![args(&["quotes", "--json"]), args(&["speakers", "--json"])];
    jobs.push(args(&["search", "sécurité", "--json"]));
    let runs = run_all(dir.path(), jobs, LIMIT);
    let problems: Vec<String> = runs.iter().flat_map(run_problems).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A named pipe with an article's name is rejected, not opened: opening it would wait for a writer
/// forever, and the whole corpus with it.
#[test]
fn a_named_pipe_is_rejected_without_blocking_the_load() {
    let dir = tempfile::tempdir().unwrap();
    let m = manifest();
    for e in m
        .file
        .iter()
        .filter(|e| e.isolated || e.name == "propre_temoin.txt")
    {
        let path = dir.path().join(e.disk_name());
        match e.generated.as_deref() {
            Some(kind) => generate(kind, e, &path, &mut Vec::new()),
            None => {
                fs::copy(hostile_dir().join(&e.name), &path).unwrap();
            }
        }
    }
    let limit = Limit {
        cpu: Duration::from_secs(20),
        wall: Duration::from_secs(20),
    };
    let check = aes(dir.path(), &args(&["check"]), limit);
    let listed = aes(dir.path(), &args(&["list", "--json"]), limit);
    let check_out = check.out().to_owned();
    let listed: BTreeMap<String, Value> = listed
        .json_lines()
        .into_iter()
        .map(|v| (v["file"].as_str().unwrap_or_default().to_owned(), v))
        .collect();
    let mut problems: Vec<String> = run_problems(&check);
    problems.extend(
        m.file
            .iter()
            .filter(|e| e.isolated)
            .flat_map(|e| entry_problems(e, &[], &check_out, &listed)),
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(listed.contains_key("propre_temoin.txt"));
}

/// Symbolic links out of the corpus: reported and not read by default; with `--follow-symlinks`
/// read (a file, a folder), while a device or a pipe behind a link is still refused and a folder
/// that links to itself ends the walk.
#[test]
fn links_out_of_the_corpus_are_read_only_with_follow_symlinks() {
    let outside = tempfile::tempdir().unwrap();
    let o = outside.path();
    fs::write(
        o.join("article.txt"),
        "Un article rangé hors du corpus\n2025-06-02\n\nCe texte vit dans un autre dossier.\n",
    )
    .unwrap();
    fs::create_dir(o.join("dossier")).unwrap();
    fs::write(
        o.join("dossier/interne.txt"),
        "Un article dans un dossier lié\n2025-06-03\n\nCe texte est lu par un lien de dossier.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(o.join("dossier"), o.join("dossier/retour")).unwrap();
    let fifo = Command::new("mkfifo").arg(o.join("tube")).status().unwrap();
    assert!(fifo.success(), "mkfifo failed");
    let corpus = tempfile::tempdir().unwrap();
    let c = corpus.path();
    fs::copy(
        hostile_dir().join("propre_temoin.txt"),
        c.join("propre_temoin.txt"),
    )
    .unwrap();
    let link =
        |target: &Path, name: &str| std::os::unix::fs::symlink(target, c.join(name)).unwrap();
    link(&o.join("article.txt"), "dehors.txt");
    link(&o.join("dossier"), "dossier");
    link(Path::new("/dev/null"), "null.txt");
    link(&o.join("tube"), "tube_dehors.txt");

    let limit = Limit {
        cpu: Duration::from_secs(30),
        wall: Duration::from_secs(60),
    };
    let runs = run_all(
        c,
        vec![
            args(&["check"]),
            args(&["list", "--json"]),
            args(&["check", "--follow-symlinks"]),
            args(&["list", "--json", "--follow-symlinks"]),
        ],
        limit,
    );
    let problems: Vec<String> = runs.iter().flat_map(run_problems).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let files = |run: &Run| -> Vec<String> {
        run.json_lines()
            .iter()
            .filter_map(|v| v["file"].as_str().map(str::to_owned))
            .collect()
    };
    let has = |run: &Run, line: &str| run.out().lines().any(|l| l.starts_with(line));

    let (check, list) = (&runs[0], &runs[1]);
    assert_eq!(files(list), ["propre_temoin.txt"]);
    for line in [
        "REJECTED  dehors.txt: a symbolic link to a file outside the corpus folder",
        "REJECTED  dossier: a symbolic link to a folder outside the corpus folder",
        "REJECTED  null.txt: a symbolic link to a file outside the corpus folder (/dev/null)",
        "REJECTED  tube_dehors.txt: a symbolic link to a file outside the corpus folder",
    ] {
        assert!(has(check, line), "no {line:?} in\n{}", check.out());
    }
    assert!(check.out().contains("pass --follow-symlinks to read it"));
    assert_eq!(check.code, Some(1));

    let (check, list) = (&runs[2], &runs[3]);
    let mut listed = files(list);
    listed.sort();
    assert_eq!(
        listed,
        ["dehors.txt", "dossier/interne.txt", "propre_temoin.txt"]
    );
    for line in [
        "ok        dehors.txt",
        "ok        dossier/interne.txt",
        "REJECTED  dossier/retour: a symbolic link to a folder already read",
        "REJECTED  null.txt: a symbolic link to a device, not a regular file",
        "REJECTED  tube_dehors.txt: a symbolic link to a named pipe, not a regular file",
    ] {
        assert!(has(check, line), "no {line:?} in\n{}", check.out());
    }

    let help = Command::new(env!("CARGO_BIN_EXE_aes-reader"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("--follow-symlinks"), "{help}");
}

// ------------------------------------------------------------------------------------ the reader

/// One private tmux server, killed on drop.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("run tmux")
    }

    fn capture(&self, escapes: bool) -> String {
        let mut a = vec!["capture-pane", "-p", "-t", "aes"];
        if escapes {
            a.push("-e");
        }
        String::from_utf8_lossy(&self.tmux(&a).stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let mut a = vec!["send-keys", "-t", "aes"];
        a.extend_from_slice(keys);
        assert!(self.tmux(&a).status.success());
    }

    fn format(&self, f: &str) -> String {
        let out = self.tmux(&["display-message", "-p", "-t", "aes", f]);
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Polls the plain screen until `ok` holds (10 s at most).
    fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.capture(false);
            if ok(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; the screen was:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

/// What is wrong in a `capture-pane -e` screen: any escape but SGR (`ESC [ … m`, which tmux writes
/// for the app's own colours), any other control, any bidi or invisible character.
fn screen_problems(screen: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut chars = screen.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\u{1b}' {
            let mut seq = String::from(c);
            if chars.next_if(|(_, c)| *c == '[').is_some() {
                seq.push('[');
                while let Some((_, p)) = chars.next_if(|(_, c)| c.is_ascii_digit() || *c == ';') {
                    seq.push(p);
                }
                if chars.next_if(|(_, c)| *c == 'm').is_some() {
                    continue;
                }
            }
            let rest: String = screen[i..].chars().take(24).collect();
            problems.push(format!("a sequence other than SGR: {rest:?}"));
        } else if c != '\n' && is_forbidden(c) {
            problems.push(format!("U+{:04X} on screen", c as u32));
        }
    }
    problems
}

fn tmux_missing() -> bool {
    let missing = !Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if missing {
        println!("note: tmux is not installed; the reader test is skipped (CI installs it)");
    }
    missing
}

/// The reader on the main hostile folder in a private tmux at 120x40, mouse left alone (so a leaked
/// mouse-mode switch would show), with tmux set to catch a leaked OSC 52 or BEL.
fn reader_session(dir: &Path, state: &Path) -> Tmux {
    let quote = |p: &Path| format!("'{}'", p.display().to_string().replace('\'', r"'\''"));
    let command = format!(
        "env XDG_STATE_HOME={} {} --no-mouse --dir {}; echo EXITED:$?; sleep 60",
        quote(state),
        quote(Path::new(env!("CARGO_BIN_EXE_aes-reader"))),
        quote(dir),
    );
    static N: AtomicUsize = AtomicUsize::new(0);
    let t = Tmux {
        socket: format!(
            "aes-hostile-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ),
    };
    let started = t.tmux(&[
        "new-session",
        "-d",
        "-s",
        "aes",
        "-x",
        "120",
        "-y",
        "40",
        &command,
    ]);
    assert!(started.status.success(), "tmux new-session: {started:?}");
    // With these on, a leaked OSC 52 would fill a paste buffer and a BEL would flag the window.
    t.tmux(&["set-option", "-g", "set-clipboard", "on"]);
    t.tmux(&["set-option", "-g", "monitor-bell", "on"]);
    // Articles stream in: wait until all are loaded and the list has its rows.
    t.wait("the article list", |s| {
        s.contains("Articles (") && !s.contains("loading") && s.contains("┃▶")
    });
    t
}

/// Words that only the bodies of some hostile articles hold: seeing them proves those articles
/// were opened and drawn.
const BODY_ONLY: [&str; 6] = [
    "Sadiola",
    "Badalabougou",
    "Tillabéri",
    "FAUX",
    "ＡＥＳ",
    "Tsivilev",
];

#[test]
fn the_reader_shows_hostile_articles_without_passing_sequences_to_the_terminal() {
    if tmux_missing() {
        return;
    }
    let (dir, _) = build_folder(&["main", "reader"]);
    let n_articles = aes(dir.path(), &args(&["list", "--json"]), LIMIT)
        .json_lines()
        .len();
    let state = tempfile::tempdir().unwrap();
    let t = reader_session(dir.path(), state.path());
    let title_before = t.format("#{pane_title}");

    let mut problems = Vec::new();
    let mut seen = String::new();
    for i in 0..n_articles {
        // Open the selected article (the reader takes the focus), look at its top and its end,
        // come back to the list, move on.
        t.keys(&["Enter"]);
        seen.push_str(&t.wait("the reading pane to take the focus", |s| {
            s.contains("▶ Article ")
        }));
        for p in screen_problems(&t.capture(true)) {
            problems.push(format!("article {i}, top: {p}"));
        }
        t.keys(&["G"]);
        for p in screen_problems(&t.capture(true)) {
            problems.push(format!("article {i}, end: {p}"));
        }
        t.keys(&["BTab"]);
        t.wait("the list to take the focus back", |s| {
            s.contains("▶ Articles")
        });
        t.keys(&["j"]);
        assert!(
            !t.capture(false).contains("EXITED:"),
            "the reader exited at article {i}"
        );
    }
    // The quote panel and the help, over the last article.
    t.keys(&["Tab", "Tab"]);
    t.wait("the quote panel to take the focus", |s| {
        s.contains("▶ Quotes")
    });
    t.keys(&["?"]);
    t.wait("the help", |s| s.contains(" Keys "));
    for p in screen_problems(&t.capture(true)) {
        problems.push(format!("help over the quote panel: {p}"));
    }
    t.keys(&["Escape"]);
    // A key sent right behind Escape would read as Alt+key: wait for the help to close first.
    t.wait("the help to close", |s| !s.contains(" Keys "));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for word in BODY_ONLY {
        assert!(
            seen.contains(word),
            "never saw {word:?}: was that article opened?"
        );
    }
    assert_eq!(
        t.format("#{pane_title}"),
        title_before,
        "the pane title changed"
    );
    assert_eq!(
        t.format("#{mouse_any_flag}"),
        "0",
        "an article turned mouse mode on"
    );
    assert_eq!(
        t.format("#{window_bell_flag}"),
        "0",
        "an article rang the bell"
    );
    let buffers = t.tmux(&["list-buffers"]);
    assert!(
        buffers.stdout.is_empty(),
        "an article wrote the clipboard: {}",
        String::from_utf8_lossy(&buffers.stdout)
    );
    assert_eq!(t.format("#{alternate_on}"), "1");

    t.keys(&["q"]);
    t.wait("the reader to exit", |s| s.contains("EXITED:0"));
    assert_eq!(
        t.format("#{alternate_on}"),
        "0",
        "the terminal is still in the alternate screen"
    );
}

/// The speaker names of the alias file reach the quote panel sanitized, as they reach `quotes`.
#[test]
fn the_quote_panel_shows_alias_file_names_sanitized() {
    if tmux_missing() {
        return;
    }
    let (dir, _) = build_folder(&["main"]);
    let state = tempfile::tempdir().unwrap();
    let t = reader_session(dir.path(), state.path());
    t.keys(&["/"]);
    assert!(
        t.tmux(&["send-keys", "-t", "aes", "-l", "passeport"])
            .status
            .success()
    );
    t.keys(&["Enter", "Enter"]);
    // Wait for the whole frame: a capture can land while the terminal is still drawing it.
    let screen = t.wait("the article and its quotes to show", |s| {
        s.contains("symbole fort") && s.contains("Abdoulaye")
    });
    assert!(!screen.contains("pwned"), "{screen}");
    assert!(screen.contains("^[Abdoulaye Diop"), "{screen}");
}
