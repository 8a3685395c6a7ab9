//! Saved index and catalog benchmark: `cargo bench --bench frozen -- --articles N`.
//!
//! Writes N generated articles (`support/corpus.rs`, as `benches/search.rs` does) to a temporary
//! folder and loads them headless with their search index (as `aes-reader search` does). Then, at
//! N articles: the index built from the search documents (what every `search` does today), the
//! index written (time, size) and read back (median of 5, from memory and from the file), the
//! list's catalog made, written and read back, and a few queries' first answer on the read index,
//! checked against the built one. Prints one line per figure, then one `bench:` summary line.

#[path = "support/corpus.rs"]
mod corpus;

use std::time::{Duration, Instant};

use aes_reader::corpus::catalog::Catalog;
use aes_reader::corpus::load::Corpus;
use aes_reader::corpus::search::{Index, SearchDoc, Skim};
use aes_reader::corpus::store::{Origin, Source};

/// Queries timed on the read index: a word, a prefix, two words, a typo, a speaker.
const QUERIES: [&str; 5] = ["sahel", "confé", "russie wagner", "secrurité", "haidara"];

fn args() -> (usize, u64) {
    let (mut articles, mut seed) = (10_000, 2025);
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .and_then(|v| v.replace('_', "").parse::<u64>().ok())
        };
        match arg.as_str() {
            "--articles" => articles = value().map_or(articles, |v| v as usize),
            "--seed" => seed = value().unwrap_or(seed),
            _ => {} // `cargo bench` passes `--bench`
        }
    }
    (articles, seed)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// `f`'s result and how long it took.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let v = f();
    (v, t.elapsed())
}

/// The median time of 5 runs of `f`.
fn median_of_5<T>(mut f: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..5)
        .map(|_| timed(|| std::hint::black_box(f())).1)
        .collect();
    times.sort();
    times[2]
}

fn main() {
    let (n, seed) = args();
    let tmp = std::env::temp_dir().join(format!("aes-frozen-{}-{n}", std::process::id()));
    let (bytes, t) = timed(|| corpus::generate(&tmp, n, seed).expect("write the corpus"));
    println!(
        "corpus: {n} articles, {:.1} MB, generated in {:.1} s",
        mb(bytes as usize),
        t.as_secs_f64()
    );
    let origin = Origin::Dir {
        path: tmp.clone(),
        via: "--dir",
    };
    let source = Source::scan(origin).expect("the generated folder is readable");
    let ((corpus, loaded), t) = timed(|| Corpus::load_with_index(source));
    let store = corpus.store();
    println!(
        "load with index (today's `search`): {:.0} ms, {} articles",
        ms(t),
        store.articles().len()
    );

    // The index from the search documents, as `Corpus::load_with_index` builds it.
    let docs: Vec<SearchDoc> = store
        .articles()
        .iter()
        .enumerate()
        .map(|(i, a)| SearchDoc::new(a, corpus.quotes(&a.id), i as u32))
        .collect();
    let (index, build) = timed(|| {
        let mut index = Index::default();
        index.set_names((*loaded.names()).clone());
        index.add(docs);
        index.compact();
        index
    });
    println!("index build from docs: {:.1} ms", ms(build));

    let mut saved = Vec::new();
    let ((), write) = timed(|| index.write_to(&mut saved).expect("writing to memory"));
    println!(
        "index write: {:.1} ms, {:.2} MB ({:.0} bytes per article)",
        ms(write),
        mb(saved.len()),
        saved.len() as f64 / n.max(1) as f64
    );
    let read = median_of_5(|| Index::read_from(&saved, Box::new(Skim::default())));
    println!("index read (median of 5, from memory): {:.1} ms", ms(read));
    let file = tmp.join("index.bin");
    std::fs::write(&file, &saved).expect("write the index file");
    let read_file = median_of_5(|| {
        let bytes = std::fs::read(&file).expect("read the index file");
        Index::read_from(&bytes, Box::new(Skim::default())).expect("a file just written")
    });
    println!(
        "index read (median of 5, from the file, page cache warm): {:.1} ms",
        ms(read_file)
    );
    // Where the time goes: the file's bytes alone, and the checksum alone.
    let read_bytes = median_of_5(|| std::fs::read(&file).expect("read the index file"));
    let checksum = median_of_5(|| xxhash_rust::xxh3::xxh3_64(&saved));
    println!(
        "  of which: reading the file {:.1} ms, its checksum {:.1} ms",
        ms(read_bytes),
        ms(checksum)
    );

    let (catalog, make) = timed(|| Catalog::from_store(store));
    let mut cat_saved = Vec::new();
    let ((), cat_write) = timed(|| catalog.write_to(&mut cat_saved).expect("writing to memory"));
    let cat_read = median_of_5(|| Catalog::read_from(&cat_saved).expect("a catalog just written"));
    println!(
        "catalog: made in {:.1} ms, write {:.1} ms, {:.2} MB, read (median of 5) {:.1} ms",
        ms(make),
        ms(cat_write),
        mb(cat_saved.len()),
        ms(cat_read)
    );

    let read_index =
        Index::read_from(&saved, Box::new(Skim::default())).expect("an index just written");
    let mut firsts = Vec::new();
    for q in QUERIES {
        let (got, first) = timed(|| read_index.search(q));
        let want = index.search(q);
        assert_eq!(
            &*got, &*want,
            "the read index answers {q:?} as the built one"
        );
        println!(
            "query {q:?} on the read index: {:.2} ms first, {} matches",
            ms(first),
            got.len()
        );
        firsts.push(first);
    }
    firsts.sort();
    let query = firsts[firsts.len() / 2];
    println!(
        "bench: articles={n} build_ms={:.1} write_ms={:.1} index_mb={:.2} read_ms={:.1} \
         catalog_write_ms={:.1} catalog_mb={:.2} catalog_read_ms={:.1} query_ms={:.2}",
        ms(build),
        ms(write),
        mb(saved.len()),
        ms(read),
        ms(cat_write),
        mb(cat_saved.len()),
        ms(cat_read),
        ms(query)
    );
    let _ = std::fs::remove_dir_all(&tmp);
}
