//! The reader under test as the end-to-end tests see it: its binary, the seed corpus, and what its
//! screen shows (the list's rows and selection, the quote panel's selected item), read from the text
//! of a screen (`Term::screen`).

use std::path::{Path, PathBuf};

/// The seed corpus.
pub fn articles() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("articles")
}

/// Number of articles in the seed corpus (its `.txt` files).
pub fn corpus_size() -> usize {
    std::fs::read_dir(articles())
        .expect("the articles folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "txt"))
        })
        .count()
}

/// The reader binary under test.
pub fn reader() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_aes-reader"))
}

/// The list row with the selection marker (the list is the top pane, its rows start the lines).
pub fn selected_row(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.starts_with("┃▶") || l.starts_with("│▶"))
        .unwrap_or_default()
        .to_owned()
}

/// The screen line number of the list's selected row.
pub fn selected_line(screen: &str) -> Option<usize> {
    screen
        .lines()
        .position(|l| l.starts_with("┃▶") || l.starts_with("│▶"))
}

/// How many articles the list pane shows (the list is the top pane). The title counts loaded
/// articles before the list has them, so tests wait for the rows.
pub fn list_rows(screen: &str) -> usize {
    screen
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with('┗') && !l.starts_with('└'))
        .filter(|l| {
            let inner: String = l
                .chars()
                .skip(1)
                .take_while(|c| *c != '┃' && *c != '│')
                .collect();
            !inner.trim().is_empty()
        })
        .count()
}

/// The focused quote panel's selected item and the rows below it: the screen line number of its
/// head row, and each row's text between the panel's borders, down to the panel's bottom. The
/// focused panel is drawn with `┃`; its `▶` is the one past the first column.
pub fn selected_quote(screen: &str) -> Option<(usize, Vec<String>)> {
    let lines: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let (at, col) = lines.iter().enumerate().find_map(|(i, l)| {
        l.windows(2)
            .enumerate()
            .skip(1)
            .find(|(_, w)| w == &['┃', '▶'])
            .map(|(c, _)| (i, c))
    })?;
    let rows = lines[at..]
        .iter()
        .take_while(|l| l.get(col) == Some(&'┃'))
        .map(|l| l[col + 1..].iter().take_while(|c| **c != '┃').collect())
        .collect();
    Some((at, rows))
}

/// The list has the keyboard (its tab is marked) and its count at the bottom says it holds all
/// `n` articles, nothing filtered, nothing loading.
pub fn list_focused_with_all(screen: &str, n: usize) -> bool {
    let articles = if n == 1 { "article" } else { "articles" };
    screen.contains("▶ 1 Articles") && screen.contains(&format!(" {n} {articles} ┛"))
}
