//! End-to-end, in a pseudo-terminal: the layout as a reader sees it. At 120x40 the five seed
//! titles, several of which begin alike, can be told apart (each row shows the words that set its
//! title apart, sixty columns of it at least, and its outlet); and on a generated corpus of 400
//! articles whose files arrive in an order unlike the list's (by date), every launch opens on the
//! first row, the list at its top.
#![cfg(unix)]

mod support;

use aes_reader::corpus::store::Store;
use support::reader::{articles, corpus_size, list_rows, selected_line};
use support::term::{Cmd, Term};

/// The rows of the list: the screen lines between its title row and its bottom border.
fn list_lines(screen: &str) -> Vec<&str> {
    screen
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with('┗') && !l.starts_with('└'))
        .collect()
}

/// The words of `title` up to and including the first one that no other title has at the same
/// place after the same words: what a reader needs to see to tell it from the others.
fn telling_words<'a>(title: &'a str, others: &[&str]) -> Vec<&'a str> {
    let words: Vec<&str> = title.split_whitespace().collect();
    let others: Vec<Vec<&str>> = others
        .iter()
        .map(|o| o.split_whitespace().collect())
        .collect();
    let mut n = 1;
    while n < words.len() && others.iter().any(|o| o.len() >= n && o[..n] == words[..n]) {
        n += 1;
    }
    words[..n].to_vec()
}

#[test]
fn at_120x40_the_five_seed_titles_can_be_told_apart() {
    let store = Store::load(&articles()).unwrap();
    let titles: Vec<&str> = store
        .articles()
        .iter()
        .map(|a| a.meta.title.as_str())
        .collect();
    assert_eq!(titles.len(), 5);
    let t = Term::start(
        120,
        40,
        Cmd::reader()
            .env("NO_COLOR", "1")
            .arg("--no-state")
            .arg("--dir")
            .arg(articles()),
    );
    let screen = t.wait("the whole list", |s| list_rows(s) == corpus_size());
    let rows = list_lines(&screen);
    for a in store.articles() {
        let title = a.meta.title.as_str();
        let others: Vec<&str> = titles.iter().copied().filter(|o| *o != title).collect();
        let words = telling_words(title, &others).join(" ");
        let row = rows.iter().find(|r| r.contains(&words));
        let row =
            row.unwrap_or_else(|| panic!("no row shows {words:?}; the screen was:\n{screen}"));
        // And more than those: sixty columns of every title (all of a shorter one).
        let head: String = title.chars().take(60).collect();
        assert!(row.contains(&head), "{head:?} not in {row:?}");
        if let Some(outlet) = &a.meta.source {
            assert!(row.contains(outlet.as_str()), "{outlet:?} not in {row:?}");
        }
    }
}

/// A corpus of `n` articles whose file names run in an order unlike their dates: each file has a
/// date of its own (distinct), scattered over `n` days, so batches read in name order bring
/// articles that go above the ones already listed.
fn scattered_corpus(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        // 7919 is prime and 400 is not a multiple of it: a permutation of the days.
        let day = i * 7919 % n;
        let date = format!(
            "{}-{:02}-{:02}",
            2020 + day / 336,
            day % 336 / 28 + 1,
            day % 28 + 1
        );
        let text = format!(
            "+++\ntitle = \"Article du jour {day:03}\"\ndate = \"{date}\"\nsource = \"Le Journal\"\n+++\n\
             Un paragraphe sur la journée {day}.\n"
        );
        std::fs::write(dir.path().join(format!("a{i:04}.txt")), text).unwrap();
    }
    dir
}

#[test]
fn every_launch_on_400_articles_opens_on_the_first_row_with_the_list_at_its_top() {
    let n = 400;
    let corpus = scattered_corpus(n);
    // The first and last days: whichever the list puts first (oldest or newest), it is one of them.
    let ends = [
        "Article du jour 000".to_owned(),
        format!("Article du jour {:03}", n - 1),
    ];
    for launch in 0..6 {
        let t = Term::start(
            120,
            40,
            Cmd::reader()
                .env("NO_COLOR", "1")
                .arg("--no-state")
                .arg("--dir")
                .arg(corpus.path()),
        );
        let screen = t.wait("every article listed", |s| {
            s.contains(&format!(" {n} articles ┛"))
        });
        assert_eq!(
            selected_line(&screen),
            Some(1),
            "launch {launch}: the selection is not on the first row:\n{screen}"
        );
        let first = list_lines(&screen)[0];
        assert!(
            ends.iter().any(|e| first.contains(e.as_str())),
            "launch {launch}: the list is not at its top:\n{screen}"
        );
        t.keys(&["q"]);
        assert_eq!(t.wait_for_exit(), "exit 0", "{}", t.screen());
    }
}
