#[path = "support/corpus.rs"]
mod corpus;
fn main() {
    let mut it = std::env::args().skip_while(|a| a != "--");
    it.next();
    let dir = it.next().unwrap();
    let n: usize = it.next().unwrap().parse().unwrap();
    corpus::generate(std::path::Path::new(&dir), n, 2025).unwrap();
}
