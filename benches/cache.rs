//! Corpus cache benchmark: `cargo bench --bench cache -- --articles N [--seed S] [--word W]`.
//!
//! Writes N generated articles to a temporary folder and times, each to a searchable corpus
//! (`Corpus::load_with_index`): a cold load without the cache (what every load did before issue
//! 19), the same while building the cache, a warm load (nothing changed) and an incremental one
//! (100 files changed); then the same four for the binary's `search WORD` and `list` end to end,
//! next to `rg -l -i WORD` on the same folder when ripgrep is installed. Also: what hashing the
//! binary (the cache's engine id) costs, and what linking quotes across articles (done again at
//! every load, not cached) costs. The machine may be busy: figures are printed, never asserted.

#[path = "support/corpus.rs"]
mod corpus;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use aes_reader::corpus::load::Corpus;
use aes_reader::corpus::quote;
use aes_reader::corpus::store::{Origin, Source};

struct Args {
    articles: usize,
    seed: u64,
    word: String,
}

fn args() -> Args {
    let mut a = Args {
        articles: 10_000,
        seed: 1,
        word: "Moscou".into(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "--articles" => {
                a.articles = it.next().and_then(|v| v.parse().ok()).unwrap_or(a.articles)
            }
            "--seed" => a.seed = it.next().and_then(|v| v.parse().ok()).unwrap_or(a.seed),
            "--word" => a.word = it.next().unwrap_or(a.word),
            _ => {} // `--bench` and the like, from cargo
        }
    }
    a
}

fn source(dir: &Path, cache: Option<&Path>) -> Source {
    Source::scan(Origin::Dir {
        path: dir.to_owned(),
        via: "--dir",
    })
    .expect("the generated folder")
    .with_cache(cache.map(Path::to_owned))
}

fn ms(d: Duration) -> String {
    format!("{:>9.1} ms", d.as_secs_f64() * 1000.0)
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let value = f();
    (value, started.elapsed())
}

/// Changes `n` files of the corpus (a sentence appended to each), spread over it.
fn change_files(dir: &Path, n: usize, round: usize) {
    let mut files: Vec<PathBuf> = walk(dir);
    files.sort();
    let step = (files.len() / n.max(1)).max(1);
    for f in files.iter().step_by(step).take(n) {
        let mut text = std::fs::read_to_string(f).unwrap_or_default();
        text.push_str(&format!("\n\nUne phrase ajoutée, tour {round}.\n"));
        std::fs::write(f, text).expect("rewrite a file");
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "txt" || x == "md") {
            out.push(p);
        }
    }
    out
}

/// Runs the binary (`--dir DIR ARGS…`) with the cache under `cache` (`None`: `--no-index`).
fn binary(dir: &Path, cache: Option<&Path>, args: &[&str]) -> Duration {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_aes-reader"));
    cmd.arg("--dir")
        .arg(dir)
        .args(args)
        .env_remove("AES_READER_DIR");
    match cache {
        Some(c) => cmd.env("AES_READER_CACHE_DIR", c),
        None => cmd.arg("--no-index"),
    };
    let (out, took) = time(|| cmd.output().expect("the binary runs"));
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

fn main() {
    let a = args();
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let dir = tmp.path().join("corpus");
    std::fs::create_dir_all(&dir).expect("the corpus folder");
    let bytes = corpus::generate(&dir, a.articles, a.seed).expect("write the corpus");
    // Files changed less than 2 s before they are read are checked by content (the racy rule):
    // wait, so that the warm load is the steady one.
    std::thread::sleep(Duration::from_millis(2100));
    println!(
        "cache bench: {} articles, {:.1} MB, seed {}",
        a.articles,
        bytes as f64 / 1e6,
        a.seed
    );

    // The engine id: hashing the release binary.
    let exe = Path::new(env!("CARGO_BIN_EXE_aes-reader"));
    let (exe_bytes, read) = time(|| std::fs::read(exe).unwrap_or_default());
    let (_, hash) = time(|| xxhash_rust::xxh3::xxh3_64(&exe_bytes));
    println!(
        "engine id: {:.1} MB binary read in {}, hashed in {}",
        exe_bytes.len() as f64 / 1e6,
        ms(read).trim(),
        ms(hash).trim()
    );

    println!("\nCorpus::load_with_index, to searchable:");
    let cache = tmp.path().join("cache");
    let (_, cold) = time(|| Corpus::load_with_index(source(&dir, None)));
    println!("  cold, no cache        {}", ms(cold));
    let (_, build) = time(|| Corpus::load_with_index(source(&dir, Some(&cache))));
    println!("  cold, building cache  {}", ms(build));
    let ((warm_corpus, _), warm) = time(|| Corpus::load_with_index(source(&dir, Some(&cache))));
    println!("  warm                  {}", ms(warm));
    change_files(&dir, 100, 1);
    let (_, incremental) = time(|| Corpus::load_with_index(source(&dir, Some(&cache))));
    println!("  100 files changed     {}", ms(incremental));

    // Links are made again at every load: their cost on the warm corpus, one thread.
    let mut linker = quote::Linker::default();
    let mut n_quotes = 0;
    for (i, art) in warm_corpus.store().articles().iter().enumerate() {
        for (q, quote) in warm_corpus.quotes(&art.id).iter().enumerate() {
            linker.add(i as u64, q, &quote::word_hashes(&quote.text));
            n_quotes += 1;
        }
    }
    let (links, linking) = time(|| linker.finish());
    println!(
        "  linking {n_quotes} quotes ({} links), every load: {}",
        links.len(),
        ms(linking).trim()
    );
    drop(warm_corpus);

    println!("\nbinary, end to end (warm: median of 3):");
    let bin_cache = tmp.path().join("bin-cache");
    let median3 = |f: &dyn Fn() -> Duration| {
        let mut runs = [f(), f(), f()];
        runs.sort();
        runs[1]
    };
    let mut figures = Vec::new();
    let first_id = {
        let mut files = walk(&dir);
        files.sort();
        let first = files.first().expect("a generated file");
        let rel = first.strip_prefix(&dir).expect("under the corpus folder");
        rel.with_extension("").to_string_lossy().into_owned()
    };
    for (name, args) in [
        ("search", vec!["search", a.word.as_str()]),
        ("list", vec!["list"]),
        ("show", vec!["show", first_id.as_str()]),
    ] {
        let _ = std::fs::remove_dir_all(&bin_cache);
        let cold = binary(&dir, None, &args);
        let build = binary(&dir, Some(&bin_cache), &args);
        // The run after the build keeps the folder listing (and saves what the build did not).
        binary(&dir, Some(&bin_cache), &args);
        let warm = median3(&|| binary(&dir, Some(&bin_cache), &args));
        let incremental = (name != "show").then(|| {
            change_files(&dir, 100, figures.len() + 2);
            let took = binary(&dir, Some(&bin_cache), &args);
            // The next round's build then sees files changed more than 2 s before it (not racy).
            std::thread::sleep(Duration::from_millis(2100));
            took
        });
        println!(
            "  {name:<7} --no-index {}  building {}  warm {}  100 changed {}",
            ms(cold),
            ms(build),
            ms(warm),
            incremental.map_or_else(|| "        -".to_owned(), ms)
        );
        figures.push((name, warm, incremental));
    }
    let rg = Command::new("rg")
        .arg("--version")
        .output()
        .is_ok()
        .then(|| {
            median3(&|| {
                time(|| {
                    Command::new("rg")
                        .args(["-l", "-i", &a.word])
                        .arg(&dir)
                        .output()
                })
                .1
            })
        });
    match rg {
        Some(rg) => println!("  rg -l -i {}: {} (median of 3)", a.word, ms(rg).trim()),
        None => println!("  rg: not installed here (no comparison)"),
    }
    let ms_of = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
    let mut line = format!("bench: binary articles={}", a.articles);
    for (name, warm, incremental) in &figures {
        line.push_str(&format!(" {name}_warm={}", ms_of(*warm)));
        if let Some(i) = incremental {
            line.push_str(&format!(" {name}_100_changed={}", ms_of(*i)));
        }
    }
    if let Some(rg) = rg {
        line.push_str(&format!(
            " rg={} search_warm_over_rg={:.2}",
            ms_of(rg),
            figures[0].1.as_secs_f64() / rg.as_secs_f64()
        ));
    }
    println!("{line}");
    let size: u64 = walk_all(&cache)
        .iter()
        .filter_map(|p| p.metadata().ok())
        .map(|m| m.len())
        .sum();
    println!(
        "\ncache on disk: {:.1} MB for {:.1} MB of articles",
        size as f64 / 1e6,
        bytes as f64 / 1e6
    );
}

fn walk_all(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk_all(&p));
        } else {
            out.push(p);
        }
    }
    out
}
