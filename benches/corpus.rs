//! Writes the benchmark's generated corpus to a folder, to try the reader at scale:
//! `cargo bench --bench corpus -- DIR N` then `cargo run --release -- --dir DIR`.

#[path = "support/corpus.rs"]
mod corpus;

fn main() {
    // `cargo bench` adds `--bench`; the two other arguments are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let (Some(dir), Some(n)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: cargo bench --bench corpus -- DIR N");
        std::process::exit(2);
    };
    match corpus::generate(std::path::Path::new(dir), n, 2025) {
        Ok(bytes) => println!("{n} articles, {bytes} bytes, in {dir}"),
        Err(e) => {
            eprintln!("cannot write the corpus to {dir}: {e}");
            std::process::exit(1);
        }
    }
}
