//! Search and loading benchmark: `cargo bench --bench search -- --articles N`.
//!
//! Writes N generated articles to a temporary folder, loads them cold with the real loader into the
//! real `App` (rendered into ratatui's `TestBackend`), types queries one key at a time, and runs
//! the comparison points on the same corpus and keystrokes: a naive fuzzy-matcher scan of title +
//! body, the same pipeline on nucleo-matcher, and a `memchr::memmem` scan of folded text as the
//! floor. Then the same keys into the Quotes view's filter (answered by the quotebook's thread).
//! Prints a table, then one `bench:` summary line.
//!
//! `cargo bench --bench search -- --wrap` instead times the reading pane's wrapping of one 200 KB
//! paragraph (prose, `« ` repeated, `! ` repeated) and stops. `--engine` loads the generated corpus
//! headless (as `aes-reader search` does), runs the keystrokes through the search engine alone,
//! one thread, no App, and stops: under `valgrind --tool=callgrind
//! --toggle-collect='*engine_keys*'` it gives the engine's instruction count, which a busy machine
//! does not change. `--engine --index FILE` runs them through a saved index instead (a corpus
//! cache's `index.bin`, e.g. of 1M articles), with no corpus generated. `--cached` times the
//! reader's second launch through the corpus cache; `--cached --keys` launches it once and types
//! the keystrokes into it (the reader searching the saved index, as it does on a large corpus).

#[path = "support/corpus.rs"]
mod corpus;

use std::cell::{Cell, RefCell};
use std::path::PathBuf;
use std::sync::atomic::{AtomicIsize, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use aes_reader::corpus::article::Article;
use aes_reader::corpus::load::{Corpus, Loading};
use aes_reader::corpus::search::{Fuzzy, Index, Skim};
use aes_reader::corpus::state::ReaderState;
use aes_reader::corpus::store::{Origin, Source};
use aes_reader::corpus::text::fold;
use aes_reader::tui::action::Action;
use aes_reader::tui::app::{App, BUSY_WAIT};
use aes_reader::tui::layout::View;
use aes_reader::tui::theme::Theme;
use aes_reader::tui::view;
use fuzzy_matcher::FuzzyMatcher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Counts live heap bytes and blocks, for the live heap the benchmark reports and for `--stages`,
/// which says which structure holds the memory. Each thread counts in a slot of its own (its own
/// cache line): with one shared counter, the loading threads spent about 5% of their time passing
/// its cache line back and forth, which the reader itself never pays.
struct Counting;

const SLOTS: usize = 32;

#[repr(align(128))]
struct Slot {
    live: AtomicIsize,
    blocks: AtomicIsize,
}

static COUNTS: [Slot; SLOTS] = [const {
    Slot {
        live: AtomicIsize::new(0),
        blocks: AtomicIsize::new(0),
    }
}; SLOTS];
static NEXT_SLOT: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// This thread's slot (no allocation, no destructor: safe to use from the allocator).
    static SLOT: Cell<usize> = const { Cell::new(usize::MAX) };
}

/// The calling thread's counters (threads beyond [`SLOTS`] share, which is only slower).
fn counts() -> &'static Slot {
    let at = SLOT
        .try_with(|slot| {
            if slot.get() == usize::MAX {
                slot.set(NEXT_SLOT.fetch_add(1, Ordering::Relaxed) % SLOTS);
            }
            slot.get()
        })
        .unwrap_or(0);
    &COUNTS[at % SLOTS]
}

/// Adds to the calling thread's counters (negative when freed).
fn count(bytes: isize, blocks: isize) {
    let slot = counts();
    slot.live.fetch_add(bytes, Ordering::Relaxed);
    slot.blocks.fetch_add(blocks, Ordering::Relaxed);
}

fn size(bytes: usize) -> isize {
    isize::try_from(bytes).unwrap_or(isize::MAX)
}

// SAFETY: every call is forwarded to the system allocator unchanged; only counters are added.
unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        count(size(layout.size()), 1);
        // SAFETY: same contract as the caller's.
        unsafe { std::alloc::System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        count(-size(layout.size()), -1);
        // SAFETY: same contract as the caller's.
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new: usize) -> *mut u8 {
        count(size(new) - size(layout.size()), 0);
        // SAFETY: same contract as the caller's.
        unsafe { std::alloc::System.realloc(ptr, layout, new) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Live heap blocks, all threads together.
fn blocks() -> usize {
    let sum: isize = COUNTS
        .iter()
        .map(|s| s.blocks.load(Ordering::Relaxed))
        .sum();
    usize::try_from(sum).unwrap_or(0)
}

/// Live heap bytes, all threads together.
fn live() -> usize {
    let sum: isize = COUNTS.iter().map(|s| s.live.load(Ordering::Relaxed)).sum();
    usize::try_from(sum).unwrap_or(0)
}

/// The queries typed, one key at a time, each followed by backspaces back to empty. The last three
/// have typos (two letters swapped, a letter left out, two letters swapped in the second word).
const QUERIES: [&str; 8] = [
    "lavrov",
    "sécurité",
    "securite",
    "aes russie",
    "diop kidal",
    "lavorv",
    "securté",
    "diop kidla",
];
const SCREEN: (u16, u16) = (120, 40);

struct Args {
    articles: usize,
    seed: u64,
    naive_limit: usize,
    /// Stop after loading (to profile the load path alone).
    load_only: bool,
    /// Time each loading stage on one thread, from memory, and stop.
    stages: bool,
    /// Keep the page cache (a warm load), to tell disk time from CPU time.
    warm: bool,
    /// Time the wrapping of a 200 KB paragraph, and stop.
    wrap: bool,
    /// Time the keystrokes through the engine alone, and stop.
    engine: bool,
    /// Time the reader's second launch (through the corpus cache), and stop.
    cached: bool,
    /// With `--cached`: one second launch, then the keystrokes typed into it (the reader as it
    /// is used on a large corpus: searching the saved index), and stop.
    keys: bool,
    /// With `--engine`: the keystrokes through this saved index (a corpus cache's `index.bin`)
    /// instead of one built from a generated corpus; no corpus is generated.
    index: Option<PathBuf>,
}

fn args() -> Args {
    let mut a = Args {
        articles: 10_000,
        seed: 2025,
        naive_limit: usize::MAX,
        load_only: false,
        stages: false,
        warm: false,
        wrap: false,
        engine: false,
        cached: false,
        keys: false,
        index: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .and_then(|v| v.replace('_', "").parse::<u64>().ok())
        };
        match arg.as_str() {
            "--articles" => a.articles = value().map_or(a.articles, |v| v as usize),
            "--seed" => a.seed = value().unwrap_or(a.seed),
            // The naive scan at 100k takes seconds per key: this many keystrokes at most.
            "--naive-keys" => a.naive_limit = value().map_or(a.naive_limit, |v| v as usize),
            "--load-only" => a.load_only = true,
            "--stages" => a.stages = true,
            "--warm" => a.warm = true,
            "--wrap" => a.wrap = true,
            "--engine" => a.engine = true,
            "--cached" => a.cached = true,
            "--keys" => a.keys = true,
            "--index" => a.index = it.next().map(PathBuf::from),
            _ => {} // `cargo bench` passes `--bench`
        }
    }
    a
}

/// Resident memory of this process, in bytes.
fn rss() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|v| v.parse::<u64>().ok())
        })
        .map_or(0, |pages| pages * 4096)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// p50, p95, max of durations, in ms.
fn stats(v: &[Duration]) -> (f64, f64, f64) {
    if v.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let mut s: Vec<f64> = v.iter().map(|d| ms(*d)).collect();
    s.sort_by(f64::total_cmp);
    let at = |p: f64| s[((s.len() as f64 - 1.0) * p).round() as usize];
    (at(0.5), at(0.95), s[s.len() - 1])
}

/// Every keystroke state: each query built up one char at a time, then erased one at a time.
fn keystrokes() -> Vec<String> {
    let mut out = Vec::new();
    for q in QUERIES {
        let chars: Vec<char> = q.chars().collect();
        for n in 1..=chars.len() {
            out.push(chars[..n].iter().collect());
        }
        for n in (0..chars.len()).rev() {
            out.push(chars[..n].iter().collect());
        }
    }
    out
}

fn draw(term: &mut Terminal<TestBackend>, app: &App) {
    let _ = term.draw(|f| view::render(f, app));
}

struct Loaded {
    app: App,
    first_screen: Duration,
    /// Every article arrived and listed (the empty filter's answer holds them all); on a second
    /// launch, some may be listed from the saved catalog, their text to come.
    searchable: Duration,
    /// Every article's text read.
    texts: Duration,
    all_ready: Duration,
    frames: Vec<Duration>,
}

fn origin(dir: PathBuf) -> Origin {
    Origin::Dir {
        path: dir,
        via: "--dir",
    }
}

/// Cold load through the real loader into the real App, drawing as a terminal would.
fn load(dir: PathBuf) -> Loaded {
    load_through(dir, None)
}

/// [`load`], through the corpus cache under `cache` when given (timed from the folder's listing).
fn load_through(dir: PathBuf, cache: Option<&std::path::Path>) -> Loaded {
    let start = Instant::now();
    let origin = origin(dir);
    // As the reader lists: through the listing kept in the cache, when there is one.
    let (source, _) = aes_reader::corpus::cache::scan(
        origin.clone(),
        aes_reader::corpus::store::Symlinks::InsideOnly,
        cache.map(std::path::Path::to_owned),
    )
    .expect("the generated folder is readable");
    let loading = Loading::start(source);
    let mut app = App::loading(loading, &origin, ReaderState::default(), Theme::new(true))
        .expect("threads start");
    app.update(Action::Resize(SCREEN.0, SCREEN.1));
    let mut term = Terminal::new(TestBackend::new(SCREEN.0, SCREEN.1)).expect("test backend");
    let rows = usize::from(SCREEN.1);
    let mut first_screen = None;
    let (mut all_listed, mut loaded_at, mut searchable) = (None, None, None);
    let mut frames = Vec::new();
    // As the reader's event loop does: take in what came, draw if it changed, wait for a key.
    while !app.ready() {
        let t = Instant::now();
        if app.pump() {
            draw(&mut term, &app);
            frames.push(t.elapsed());
        }
        std::thread::sleep(BUSY_WAIT);
        // Usable: a screenful of titles listed (searching works on everything indexed so far).
        if first_screen.is_none()
            && app.list.matches.len() >= rows.min(app.library().total().max(1))
        {
            first_screen = Some(start.elapsed());
        }
        let total = app.library().total();
        if searchable.is_none() && app.articles().len() == total && app.list.matches.len() == total
        {
            searchable = Some(start.elapsed());
        }
        match app.loading_progress() {
            Some((got, total)) if got < total => {}
            Some(_) => {
                all_listed.get_or_insert_with(|| start.elapsed());
            }
            None => {
                all_listed.get_or_insert_with(|| start.elapsed());
                loaded_at.get_or_insert_with(|| start.elapsed());
            }
        }
    }
    let all_ready = start.elapsed();
    println!(
        "load timeline, ms: every text read {:.1}, quote links and loading done {:.1}, index ready {:.1}",
        all_listed.map_or(0.0, ms),
        loaded_at.map_or(0.0, ms),
        ms(all_ready)
    );
    Loaded {
        app,
        first_screen: first_screen.unwrap_or(all_ready),
        searchable: searchable.unwrap_or(all_ready),
        texts: all_listed.unwrap_or(all_ready),
        all_ready,
        frames,
    }
}

/// One launch's times (first screen, searchable, texts, all ready) and resident memory.
type Launch = ([Duration; 4], u64);

/// The reader's second launch, three times each way: through the corpus cache's records only
/// (its saved index set aside), and with the saved index (as a headless command or `aes-reader
/// index` leaves it). The page cache is warm, as it would be.
fn cached_figure(dir: &std::path::Path, n: usize) {
    let (cache_dir, location) = build_cache(dir);
    // The saved index and catalog go aside together (a reader that builds its own index saves
    // both again, as a pair).
    let pair = ["index.bin", "catalog.bin"].map(|name| {
        let saved = location.dir.join(name);
        let aside = location.dir.join(format!("{name}.aside"));
        (saved, aside)
    });
    for (mode, with_saved) in [("records", false), ("saved_index", true)] {
        let mut runs = Vec::new();
        for _ in 0..3 {
            if !with_saved {
                for (saved, aside) in &pair {
                    std::fs::rename(saved, aside).expect("set the saved files aside");
                }
            }
            let before = rss();
            let loaded = load_through(dir.to_owned(), Some(&cache_dir));
            let resident = rss().saturating_sub(before);
            assert_eq!(loaded.app.articles().len(), n, "every article loads");
            drop(loaded.app);
            if !with_saved {
                // A reader that built its own index saves it on its search thread after its
                // load: let that finish before the saved files are put back.
                std::thread::sleep(Duration::from_secs(3));
                for (saved, aside) in &pair {
                    std::fs::rename(aside, saved).expect("put the saved files back");
                }
            }
            runs.push((
                [
                    loaded.first_screen,
                    loaded.searchable,
                    loaded.texts,
                    loaded.all_ready,
                ],
                resident,
            ));
        }
        let median = |pick: &dyn Fn(&Launch) -> f64| {
            let mut v: Vec<f64> = runs.iter().map(pick).collect();
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let at = |k: usize| median(&|r: &Launch| ms(r.0[k]));
        println!(
            "bench: reader_second_launch mode={mode} articles={n} first_screen={:.1} searchable={:.1} texts={:.1} all_ready={:.1} resident_mb={:.0} (medians of 3)",
            at(0),
            at(1),
            at(2),
            at(3),
            median(&|r| r.1 as f64 / 1e6),
        );
    }
    let _ = std::fs::remove_dir_all(&cache_dir);
}

/// The reader's second launch (through the cache, with its saved index), then the keystrokes typed
/// into it, as into the cold-loaded reader of the main figure.
fn warm_keys_figure(dir: &std::path::Path, n: usize) {
    let (cache_dir, _) = build_cache(dir);
    let mut loaded = load_through(dir.to_owned(), Some(&cache_dir));
    assert_eq!(loaded.app.articles().len(), n, "every article loads");
    println!(
        "second launch: searchable in {:.1} ms, all ready in {:.1} ms",
        ms(loaded.searchable),
        ms(loaded.all_ready),
    );
    loaded.app.settle();
    let book_ms = loaded.app.book().build_time().map_or(0.0, ms);
    println!(
        "quotebook built before typing: {} ({book_ms:.1} ms)",
        loaded.app.book().book().is_some()
    );
    let typing = type_queries(&mut loaded.app);
    let first: Vec<String> = (typing.results.iter().zip(keystrokes()).take(12))
        .map(|(t, k)| format!("{k:?} {:.1}", ms(*t)))
        .collect();
    println!("first keys, ms: {}", first.join(", "));
    let (k50, k95, kmax) = stats(&typing.results);
    let (p50, p95, pmax) = stats(&typing.first_page);
    println!(
        "slowest keys, ms: {}",
        slowest(&typing.results, &keystrokes())
    );
    println!(
        "bench: reader_second_launch_keys articles={n} keystroke_p50={k50:.2} keystroke_p95={k95:.2} keystroke_max={kmax:.2} first_page_p50={p50:.2} first_page_p95={p95:.2} first_page_max={pmax:.2}"
    );
    drop(loaded);
    let _ = std::fs::remove_dir_all(&cache_dir);
}

/// Builds the corpus cache of `dir` (records, saved index and catalog) as a first launch leaves
/// it, in a folder of its own: that folder and where the corpus's cache is in it.
fn build_cache(dir: &std::path::Path) -> (PathBuf, aes_reader::corpus::cache::Location) {
    let cache_dir = std::env::temp_dir().join(format!("aes-bench-cache-{}", std::process::id()));
    // Files changed less than two seconds before they were read are read again next time (the
    // cache's racy rule): let them age first.
    std::thread::sleep(Duration::from_secs(3));
    let t = Instant::now();
    let source = Source::scan(origin(dir.to_owned()))
        .expect("the generated folder is readable")
        .with_cache(Some(cache_dir.clone()));
    let (corpus, index) = Corpus::load_with_index(source);
    let report = corpus.cache();
    let Some(location) = report.location.clone() else {
        panic!("no cache: {:?}", report.notes);
    };
    assert!(
        report
            .summary
            .as_ref()
            .is_some_and(|s| s.manifest.is_some()),
        "the cache could not be written: {:?}",
        report.notes
    );
    corpus.save_catalog_and_index(&index);
    drop((corpus, index));
    println!("cache built in {:.1} s", t.elapsed().as_secs_f64());
    (cache_dir, location)
}

/// Keystroke timings while typing into the App.
struct Typing {
    /// Keystroke until every match is listed.
    results: Vec<Duration>,
    /// Keystroke until the list first shows matches of the new query (a first page or all).
    first_page: Vec<Duration>,
    /// Frame times (update + render) meanwhile.
    frames: Vec<Duration>,
}

/// One turn of the loop while an answer is awaited: take in what came and draw it (timing the
/// frame), else wait a little.
fn pump_and_draw(app: &mut App, term: &mut Terminal<TestBackend>, frames: &mut Vec<Duration>) {
    let f = Instant::now();
    if app.pump() {
        draw(term, app);
        frames.push(f.elapsed());
    } else {
        std::thread::sleep(Duration::from_micros(200));
    }
}

/// The keys that type `q` one letter at a time, then erase it one Backspace at a time.
fn typing(q: &str) -> impl Iterator<Item = Action> + '_ {
    let n = q.chars().count();
    q.chars()
        .map(Action::FilterInput)
        .chain(std::iter::repeat_n(Action::FilterBackspace, n))
}

/// Types every keystroke into the App and times how its list catches up.
fn type_queries(app: &mut App) -> Typing {
    let mut term = Terminal::new(TestBackend::new(SCREEN.0, SCREEN.1)).expect("test backend");
    let mut t = Typing {
        results: Vec::new(),
        first_page: Vec::new(),
        frames: Vec::new(),
    };
    for q in QUERIES {
        app.update(Action::FilterOpen);
        for key in typing(q) {
            let start = Instant::now();
            app.update(key);
            draw(&mut term, app);
            t.frames.push(start.elapsed());
            let mut first = None;
            loop {
                if app.search().results_for() == app.filter.query {
                    first.get_or_insert_with(|| start.elapsed());
                    if app.search().results_complete() {
                        break;
                    }
                }
                pump_and_draw(app, &mut term, &mut t.frames);
            }
            t.results.push(start.elapsed());
            t.first_page.extend(first);
        }
        app.update(Action::FilterCancel);
        app.settle();
    }
    t
}

/// Types every keystroke into the Quotes view's filter and times how its rows catch up (the
/// quotebook's thread answers them).
fn type_in_quotes_view(app: &mut App) -> Typing {
    let mut term = Terminal::new(TestBackend::new(SCREEN.0, SCREEN.1)).expect("test backend");
    let mut t = Typing {
        results: Vec::new(),
        first_page: Vec::new(),
        frames: Vec::new(),
    };
    app.update(Action::ShowView(View::Quotes));
    app.settle();
    for q in QUERIES {
        app.update(Action::FilterOpen);
        for key in typing(q) {
            let start = Instant::now();
            app.update(key);
            draw(&mut term, app);
            t.frames.push(start.elapsed());
            while !app.screen().quotes_view.current() {
                pump_and_draw(app, &mut term, &mut t.frames);
            }
            t.results.push(start.elapsed());
        }
        app.update(Action::FilterCancel);
        app.settle();
    }
    app.update(Action::ShowView(View::Articles));
    t
}

/// nucleo-matcher behind the same trait, with the same noise floor (16 per pattern char).
struct Nucleo;

thread_local! {
    static NUCLEO: RefCell<(nucleo_matcher::Matcher, Vec<char>, Vec<char>)> = RefCell::new((
        nucleo_matcher::Matcher::new(nucleo_matcher::Config::DEFAULT),
        Vec::new(),
        Vec::new(),
    ));
}

impl Fuzzy for Nucleo {
    fn score(&self, choice: &str, pattern: &str) -> Option<i64> {
        NUCLEO.with(|cell| {
            let (m, hb, nb) = &mut *cell.borrow_mut();
            let h = nucleo_matcher::Utf32Str::new(choice, hb);
            let n = nucleo_matcher::Utf32Str::new(pattern, nb);
            let s = i64::from(m.fuzzy_match(h, n)?);
            (s >= 16 * pattern.chars().count() as i64).then_some(s)
        })
    }

    fn indices(&self, choice: &str, pattern: &str) -> Option<Vec<usize>> {
        NUCLEO.with(|cell| {
            let (m, hb, nb) = &mut *cell.borrow_mut();
            let mut idx = Vec::new();
            let h = nucleo_matcher::Utf32Str::new(choice, hb);
            let n = nucleo_matcher::Utf32Str::new(pattern, nb);
            m.fuzzy_indices(h, n, &mut idx)?;
            Some(idx.into_iter().map(|i| i as usize).collect())
        })
    }
}

/// The engine alone (no App, no thread hop), for the like-for-like comparison with nucleo.
fn engines(ours: &Index, nucleo: &Index, keys: &[String]) -> (Vec<Duration>, Vec<Duration>) {
    let time = |index: &Index, k: &str| {
        let t = Instant::now();
        std::hint::black_box(index.search(k).len());
        t.elapsed()
    };
    // Interleaved, alternating which goes first, so a busy moment of the machine weighs on both.
    keys.iter()
        .enumerate()
        .map(|(i, k)| {
            if i % 2 == 0 {
                let o = time(ours, k);
                (o, time(nucleo, k))
            } else {
                let n = time(nucleo, k);
                (time(ours, k), n)
            }
        })
        .unzip()
}

/// The keystrokes through the engine alone, headless (as `aes-reader search` loads), one thread:
/// the vocabulary's size, p50/p95/max and the slowest keys.
fn engine_figure(dir: &std::path::Path) {
    let origin = Origin::Dir {
        path: dir.to_path_buf(),
        via: "--dir",
    };
    let source = Source::scan(origin).expect("the generated folder is readable");
    let (_corpus, index) = Corpus::load_with_index(source);
    engine_report(&index);
}

/// The eight slowest of `keys` by `times` (one per key, in order), slowest first.
fn slowest(times: &[Duration], keys: &[String]) -> String {
    let mut slow: Vec<(Duration, &String)> = times.iter().copied().zip(keys).collect();
    slow.sort_by_key(|s| std::cmp::Reverse(s.0));
    let slow: Vec<String> = slow
        .iter()
        .take(8)
        .map(|(t, k)| format!("{k:?} {:.1}", ms(*t)))
        .collect();
    slow.join(", ")
}

/// The keystrokes through `index`, one thread, and what they took.
fn engine_report(index: &Index) {
    let keys = keystrokes();
    let times = engine_keys(index, &keys);
    let (p50, p95, max) = stats(&times);
    println!("{index:?}");
    println!("slowest keys, ms: {}", slowest(&times, &keys));
    println!(
        "engine: keys={} p50={p50:.2} p95={p95:.2} max={max:.2}",
        keys.len()
    );
}

/// Each keystroke's search as the reader's search thread asks it (a first page handed over when
/// known early), timed (the function callgrind's `--toggle-collect` names).
#[inline(never)]
fn engine_keys(index: &Index, keys: &[String]) -> Vec<Duration> {
    keys.iter()
        .map(|k| {
            let t = Instant::now();
            let mut first_page = |page: std::sync::Arc<[aes_reader::corpus::search::Match]>| {
                std::hint::black_box(page.len());
            };
            let all = index.search_progressive(k, &|| false, Some(&mut first_page));
            std::hint::black_box(all.map(|a| a.len()));
            t.elapsed()
        })
        .collect()
}

/// (a) fuzzy-matcher's SkimMatcherV2 on title + body of every article, sorted by score.
fn naive(articles: &[Article], keys: &[String], limit: usize) -> Vec<Duration> {
    let m = fuzzy_matcher::skim::SkimMatcherV2::default();
    let texts: Vec<String> = articles
        .iter()
        .map(|a| format!("{}\n{}", a.meta.title, a.body))
        .collect();
    let step = keys.len().div_ceil(limit.max(1)).max(1);
    keys.iter()
        .step_by(step)
        .filter(|k| !k.is_empty())
        .map(|k| {
            let t = Instant::now();
            let mut hits: Vec<(i64, usize)> = texts
                .iter()
                .enumerate()
                .filter_map(|(i, s)| m.fuzzy_match(s, k).map(|sc| (sc, i)))
                .collect();
            hits.sort_unstable_by(|a, b| b.cmp(a));
            std::hint::black_box(hits.len());
            t.elapsed()
        })
        .collect()
}

/// (c) The floor: every query word found by `memmem` in folded title + body, no ranking.
fn memmem_floor(articles: &[Article], keys: &[String]) -> Vec<Duration> {
    let folded: Vec<String> = articles
        .iter()
        .map(|a| fold(&format!("{}\n{}", a.meta.title, a.body)))
        .collect();
    keys.iter()
        .filter(|k| !k.trim().is_empty())
        .map(|k| {
            let t = Instant::now();
            let q = fold(k);
            let finders: Vec<memchr::memmem::Finder<'_>> = q
                .split_whitespace()
                .map(memchr::memmem::Finder::new)
                .collect();
            let n = folded
                .iter()
                .filter(|s| finders.iter().all(|f| f.find(s.as_bytes()).is_some()))
                .count();
            std::hint::black_box(n);
            t.elapsed()
        })
        .collect()
}

/// This process's CPU time: stage figures hold even when other processes share the machine.
struct CpuClock(Duration);

impl CpuClock {
    fn read() -> Duration {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is a valid timespec for the call to fill.
        unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
        Duration::new(
            u64::try_from(ts.tv_sec).unwrap_or(0),
            u32::try_from(ts.tv_nsec).unwrap_or(0),
        )
    }

    fn now() -> CpuClock {
        CpuClock(CpuClock::read())
    }

    fn elapsed(&self) -> Duration {
        CpuClock::read().saturating_sub(self.0)
    }
}

/// CPU per article of each loading stage (this process's CPU time, all threads), files already
/// in memory.
fn stages(dir: &std::path::Path) {
    use aes_reader::corpus::quote;
    use aes_reader::corpus::sanitize;
    use aes_reader::corpus::search::SearchDoc;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("readable").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(b) = std::fs::read(&p) {
                files.push((p.display().to_string(), b));
            }
        }
    }
    let n = files.len().max(1) as f64;
    let per = |d: Duration| d.as_secs_f64() * 1e6 / n;
    let t = CpuClock::now();
    for (_, b) in &files {
        if let Ok((text, mut report)) = sanitize::decode(b) {
            std::hint::black_box(sanitize::sanitize(&text, &mut report));
        }
    }
    let sanitizing = t.elapsed();
    let heap_start = live();
    let t = CpuClock::now();
    let articles: Vec<Article> = files
        .iter()
        .filter_map(|(f, b)| aes_reader::corpus::ingest::ingest(f, b).ok())
        .map(|i| i.article)
        .collect();
    let ingesting = t.elapsed();
    let articles: Vec<Article> = articles
        .into_iter()
        .map(|mut a| {
            a.body.shrink_to_fit();
            a.blocks.shrink_to_fit();
            a
        })
        .collect();
    let aliases = quote::Aliases::default();
    let warm = live();
    if let Some(a) = articles.first() {
        std::hint::black_box(quote::extract_article(a, &aliases));
    }
    let heap_articles = live();
    let fixed = heap_articles.saturating_sub(warm);
    let t = CpuClock::now();
    let quotes: Vec<Vec<quote::Quote>> = articles
        .iter()
        .map(|a| {
            let mut q = quote::extract_article(a, &aliases);
            q.shrink_to_fit();
            q
        })
        .collect();
    let quoting = t.elapsed();
    let heap_quotes = live();
    let t = CpuClock::now();
    for (i, (a, q)) in articles.iter().zip(&quotes).enumerate() {
        std::hint::black_box(SearchDoc::new(a, q, i as u32));
    }
    let docs = t.elapsed();
    let t = CpuClock::now();
    let hashes: Vec<Vec<Box<[u32]>>> = quotes
        .iter()
        .map(|qs| qs.iter().map(|q| quote::word_hashes(&q.text)).collect())
        .collect();
    let hashing = t.elapsed();
    let t = CpuClock::now();
    let mut linker = quote::Linker::default();
    for (a, qs) in hashes.iter().enumerate() {
        for (q, h) in qs.iter().enumerate() {
            linker.add(a as u64, q, h);
        }
    }
    let links = linker.finish();
    let linking = t.elapsed();
    drop(hashes);
    let mut quotes = quotes;
    let before_links = live();
    quote::apply_links(&articles, &mut quotes, &links);
    let heap_links = live().saturating_sub(before_links);
    drop(links);
    let before_index = live();
    let index = Index::build(&articles, |i| quotes[i].as_slice());
    let heap_index = live().saturating_sub(before_index);
    println!("index: {index:?}");
    drop(index);
    println!(
        "stages, CPU µs per article ({} articles, in memory):",
        files.len()
    );
    println!("  decode + sanitize      {:>8.1}", per(sanitizing));
    println!("  ingest (all of it)     {:>8.1}", per(ingesting));
    println!("  quote extraction       {:>8.1}", per(quoting));
    println!("  search document        {:>8.1}", per(docs));
    println!("  quote word hashes      {:>8.1}", per(hashing));
    println!("  cross-article links    {:>8.1}", per(linking));
    let b = |x: usize| x as f64 / n;
    println!("live heap, bytes per article:");
    println!(
        "  articles               {:>8.0}",
        b(warm.saturating_sub(heap_start))
    );
    println!(
        "  quotes                 {:>8.0}",
        b(heap_quotes.saturating_sub(heap_articles))
    );
    println!("  also_in links          {:>8.0}", b(heap_links));
    println!("  search index           {:>8.0}", b(heap_index));
    println!(
        "  quote engine, fixed    {:>8.1} MB (lexicon, regex caches)",
        fixed as f64 / 1e6
    );
}

fn drop_page_cache() -> bool {
    let _ = std::process::Command::new("sync").status();
    std::fs::write("/proc/sys/vm/drop_caches", "3").is_ok()
}

/// `--wrap`: how long the reading pane takes to wrap one 200 KB paragraph to 80 columns (what
/// selecting the article or resizing the window costs), for prose and for long runs of marks.
fn wrap_figure() {
    use aes_reader::tui::panes::reader::wrap_ranges;
    const BYTES: usize = 200_000;
    let shapes = [
        (
            "prose",
            "La coopération militaire s’intensifie, a déclaré le ministre : « nous avançons ». ",
        ),
        ("« repeated", "« "),
        ("! repeated", "! "),
    ];
    for (name, unit) in shapes {
        let mut text = unit.repeat(BYTES / unit.len() + 1);
        let mut cut = BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        let mut times = Vec::new();
        let mut lines = 0;
        for _ in 0..7 {
            let t = Instant::now();
            lines = std::hint::black_box(wrap_ranges(&text, 80)).len();
            times.push(t.elapsed());
        }
        let (p50, _, max) = stats(&times);
        println!(
            "wrap: {name:<12} {:.0} KB paragraph, 80 columns: {lines} lines, median {p50:.2} ms, max {max:.2} ms (7 runs)",
            text.len() as f64 / 1000.0
        );
    }
}

fn main() {
    let a = args();
    if a.wrap {
        wrap_figure();
        return;
    }
    if let (true, Some(path)) = (a.engine, &a.index) {
        let bytes = std::fs::read(path).expect("the saved index is readable");
        // The cache tags its files (the engine that wrote them) before the index's own envelope.
        let start = bytes
            .windows(8)
            .take(256)
            .position(|w| w == b"AESR-IDX")
            .unwrap_or(0);
        let index =
            Index::read_from(&bytes[start..], Box::new(Skim::default())).expect("a saved index");
        drop(bytes);
        engine_report(&index);
        return;
    }
    let n = a.articles;
    let tmp = std::env::temp_dir().join(format!("aes-bench-{}-{n}", std::process::id()));
    let t = Instant::now();
    let bytes = corpus::generate(&tmp, n, a.seed).expect("write the corpus");
    println!(
        "corpus: {n} articles, {:.1} MB, generated in {:.1} s into {}",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64(),
        tmp.display()
    );
    if a.engine {
        engine_figure(&tmp);
        let _ = std::fs::remove_dir_all(&tmp);
        return;
    }
    if a.cached && a.keys {
        warm_keys_figure(&tmp, n);
        let _ = std::fs::remove_dir_all(&tmp);
        return;
    }
    if a.cached {
        cached_figure(&tmp, n);
        let _ = std::fs::remove_dir_all(&tmp);
        return;
    }
    if a.stages {
        stages(&tmp);
        let _ = std::fs::remove_dir_all(&tmp);
        return;
    }
    let cold = !a.warm && drop_page_cache();
    let cpus = std::thread::available_parallelism().map_or(1, |c| c.get());
    println!(
        "machine: {cpus} cores; page cache {}",
        if cold {
            "dropped (cold load)"
        } else {
            "NOT dropped (warm load: --warm, or not root)"
        }
    );

    let (before, live_before, blocks_before) = (rss(), live(), blocks());
    let mut loaded = load(tmp.clone());
    let (after, live_after) = (rss(), live());
    println!(
        "memory after load: resident {:.1} MB, live heap {:.1} MB in {:.0} allocations per article",
        after.saturating_sub(before) as f64 / 1e6,
        live_after.saturating_sub(live_before) as f64 / 1e6,
        blocks().saturating_sub(blocks_before) as f64 / n.max(1) as f64
    );

    let bytes_per_article = after.saturating_sub(before) / n.max(1) as u64;
    let (_, load_frame_p95, _) = stats(&loaded.frames);
    if a.load_only {
        let _ = std::fs::remove_dir_all(&tmp);
        println!(
            "load: articles={n} first_screen={:.1} all_ready={:.1} bytes_per_article={bytes_per_article} frame_p95={load_frame_p95:.2}",
            ms(loaded.first_screen),
            ms(loaded.all_ready)
        );
        return;
    }
    let app = &mut loaded.app;
    assert_eq!(app.articles().len(), n, "every generated article loads");
    let quotes: usize = (0..n).map(|i| app.quotes_of(i).len()).sum();
    let body: usize = app.articles().iter().map(|a| a.body.len()).sum();
    let blocks: usize = app.articles().iter().map(|a| a.blocks.len()).sum();
    let links: usize = (0..n)
        .flat_map(|i| app.quotes_of(i).iter().map(|q| q.also_in.len()))
        .sum();
    let quote_text: usize = (0..n)
        .flat_map(|i| app.quotes_of(i).iter().map(|q| q.text.len()))
        .sum();

    // The quotebook (who said what, for the Quotes and Speakers views) is built on its own thread
    // once loading is done: waited for here, so it does not share the cores with the typing.
    app.settle();
    let after_book = rss();
    let (book_rows, book_speakers) = app
        .book()
        .book()
        .map_or((0, 0), |b| (b.rows().len(), b.speakers().len()));
    let book_ms = app.book().build_time().map_or(0.0, ms);
    println!(
        "quotebook: {book_rows} rows, {book_speakers} speakers, built in {book_ms:.1} ms on its own thread; resident {:+.1} MB",
        (after_book as f64 - after as f64) / 1e6
    );

    let keys = keystrokes();
    let typing = type_queries(app);
    println!(
        "memory after typing: resident {:+.1} MB ({} keystrokes; results kept in the caches)",
        (rss() as f64 - after_book as f64) / 1e6,
        keys.len()
    );
    let quotes_typing = type_in_quotes_view(app);
    let (qk50, qk95, qkmax) = stats(&quotes_typing.results);
    let (qf50, qf95, qfmax) = stats(&quotes_typing.frames);
    let (k50, k95, kmax) = stats(&typing.results);
    let first_page = stats(&typing.first_page);
    let (f50, f95, fmax) = stats(&typing.frames);

    // Comparison points, on the same articles and keystrokes.
    let articles = app.articles();
    let quotes_of = |i: usize| app.quotes_of(i);
    let ours = Index::build_with(Box::new(Skim::default()), articles, quotes_of);
    let nucleo = Index::build_with(Box::new(Nucleo), articles, quotes_of);
    let (ours_t, nucleo_t) = engines(&ours, &nucleo, &keys);
    drop((ours, nucleo));
    let floor_t = memmem_floor(articles, &keys);
    let naive_t = naive(articles, &keys, a.naive_limit);

    // The slowest keystrokes of the engine, to see where time goes.
    let mut slow: Vec<(Duration, &str, Duration)> = ours_t
        .iter()
        .zip(&keys)
        .zip(&nucleo_t)
        .map(|((o, k), n)| (*o, k.as_str(), *n))
        .collect();
    slow.sort_by_key(|s| std::cmp::Reverse(s.0));
    let slow: Vec<String> = slow
        .iter()
        .take(5)
        .map(|(o, k, n)| format!("{k:?} {:.1}/{:.1}", ms(*o), ms(*n)))
        .collect();
    println!("slowest keys, ms ours/nucleo: {}", slow.join(", "));
    let (e50, e95, emax) = stats(&ours_t);
    let (nu50, nu95, numax) = stats(&nucleo_t);
    let (m50, m95, mmax) = stats(&floor_t);
    let (na50, na95, namax) = stats(&naive_t);

    println!();
    println!(
        "{:<44} {:>10} {:>10} {:>10}",
        "measure (ms)", "p50", "p95", "max"
    );
    let row = |name: &str, s: (f64, f64, f64)| {
        println!("{name:<44} {:>10.2} {:>10.2} {:>10.2}", s.0, s.1, s.2);
    };
    row(
        "keystroke -> results (App, search thread)",
        (k50, k95, kmax),
    );
    row("keystroke -> first page of results (App)", first_page);
    row("frame while typing (update + render)", (f50, f95, fmax));
    row("Quotes view: keystroke -> rows", (qk50, qk95, qkmax));
    row("Quotes view: frame while typing", (qf50, qf95, qfmax));
    row("engine alone, fuzzy-matcher (ours)", (e50, e95, emax));
    row("engine alone, nucleo-matcher build", (nu50, nu95, numax));
    row("memchr::memmem floor (no ranking)", (m50, m95, mmax));
    row(
        &format!("naive SkimMatcherV2 title+body ({} keys)", naive_t.len()),
        (na50, na95, namax),
    );
    println!();
    println!(
        "first usable screen           {:>10.1} ms",
        ms(loaded.first_screen)
    );
    println!(
        "all searchable, quotes done   {:>10.1} ms",
        ms(loaded.all_ready)
    );
    println!("frame while loading, p95      {:>10.2} ms", load_frame_p95);
    println!(
        "resident memory after load    {:>10.1} MB ({} bytes/article; {quotes} quotes)",
        after.saturating_sub(before) as f64 / 1e6,
        bytes_per_article
    );
    println!(
        "per article: body {} B, {:.1} blocks, {:.2} quotes ({} B of text), {:.1} cross-article links",
        body / n.max(1),
        blocks as f64 / n.max(1) as f64,
        quotes as f64 / n.max(1) as f64,
        quote_text / n.max(1),
        links as f64 / n.max(1) as f64
    );
    println!(
        "vs naive fuzzy-matcher (p95)  {:>10.0}x faster",
        na95 / k95.max(1e-9)
    );
    println!(
        "vs nucleo build (engine p95)  {:>10.2}x (ours / nucleo)",
        e95 / nu95.max(1e-9)
    );
    let _ = std::fs::remove_dir_all(&tmp);
    println!(
        "bench: articles={n} keystroke_p50={k50:.2} keystroke_p95={k95:.2} frame_p95={f95:.2} first_screen={:.1} all_ready={:.1} bytes_per_article={bytes_per_article} naive_fm_p95={na95:.1} nucleo_p95={nu95:.2} memmem_p95={m95:.2}",
        ms(loaded.first_screen),
        ms(loaded.all_ready),
    );
    println!(
        "bench: quotes_view articles={n} rows={book_rows} speakers={book_speakers} quotebook_build={book_ms:.1} keystroke_p50={qk50:.2} keystroke_p95={qk95:.2} frame_p95={qf95:.2}",
    );
    let _ = f50;
}
