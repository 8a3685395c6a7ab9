//! End-to-end: the typo-tolerant filter in the built `aes-reader`, in a pseudo-terminal (120x40),
//! on the seed corpus: `/lavorv` lists the Lavrov articles and says the list comes from typo
//! tolerance; `/belousov`, opening the article that prints `Biélooussov` (the alias file's
//! spelling), and `n` moves to that name.
#![cfg(unix)]

mod support;

use support::reader::{articles, corpus_size, list_focused_with_all, list_rows, selected_row};
use support::term::{Cmd, Term};

fn reader(state: &std::path::Path) -> Term {
    let command = Cmd::reader()
        .env("XDG_STATE_HOME", state)
        .env("NO_COLOR", "")
        .arg("--no-state")
        .arg("--dir")
        .arg(articles());
    let t = Term::start(120, 40, command);
    t.wait("the whole list", |s| {
        list_focused_with_all(s, corpus_size())
    });
    t
}

/// The filter line `typed` is gone and the list holds every article again.
fn cleared(screen: &str, typed: &str) -> bool {
    !screen.contains(typed) && list_rows(screen) == corpus_size()
}

#[test]
fn a_misspelt_name_lists_the_articles_of_the_right_one_and_says_so() {
    let state = tempfile::tempdir().unwrap();
    let t = reader(state.path());
    t.keys(&["/"]);
    t.text("lavrov");
    let exact = t.wait("the Lavrov articles", |s| {
        s.contains("/lavrov") && s.contains("3 of 5 articles")
    });
    assert!(!exact.contains("typo-tolerant"), "{exact}");
    t.keys(&["Escape"]);
    t.wait("the filter cleared", |s| cleared(s, "/lavrov"));

    for typo in ["lavorv", "lavrow"] {
        t.keys(&["/"]);
        t.text(typo);
        let screen = t.wait(&format!("/{typo} to list the Lavrov articles"), |s| {
            s.contains(&format!("/{typo}")) && s.contains("typo-tolerant · 3 of 5 articles")
        });
        assert_eq!(list_rows(&screen), 3, "{screen}");
        for title in [
            "La Russie renforce",
            "La Russie et la Conf",
            "L’AES a « la même",
        ] {
            assert!(screen.contains(title), "{typo}: {title} missing\n{screen}");
        }
        t.keys(&["Escape"]);
        t.wait("the filter cleared", |s| cleared(s, &format!("/{typo}")));
    }
    t.keys(&["q"]);
    assert_eq!(t.wait_for_exit(), "exit 0", "{}", t.screen());
}

#[test]
fn an_alias_spelling_finds_and_n_moves_to_the_name_as_printed() {
    let state = tempfile::tempdir().unwrap();
    let t = reader(state.path());
    t.keys(&["/"]);
    t.text("belousov");
    t.wait("both Belousov articles", |s| {
        s.contains("/belousov") && s.contains("2 of 5 articles")
    });
    t.keys(&["Enter"]);
    // The article that prints the alias file's spelling (`Biélooussov`), not `Belousov`.
    let mut screen = t.screen();
    for _ in 0..2 {
        if selected_row(&screen).contains("Goïta") {
            break;
        }
        t.keys(&["j"]);
        screen = t.wait("the selection to move", |s| {
            selected_row(s).contains("Goïta")
        });
    }
    t.keys(&["Enter"]);
    let reading = t.wait("the article, with its hits", |s| {
        s.contains("▶ Article ") && s.contains("hits (n/N)")
    });
    assert!(!reading.contains("no hits in this article"), "{reading}");
    t.keys(&["n"]);
    t.wait("the first hit", |s| s.contains(" hit 1/"));
    let styled = t.styled_screen();
    // The current hit is drawn on light green (reversed without colours): it is the name as
    // printed.
    let current: String = styled
        .split('{')
        .filter_map(|run| run.split_once('}'))
        .filter(|(style, _)| style.ends_with(" on Idx(10) bold") || style.contains(" inverse"))
        .map(|(_, text)| text)
        .collect();
    assert!(
        current.contains("Biélooussov"),
        "current hit {current:?}\n{styled}"
    );
    t.keys(&["q"]);
    assert_eq!(t.wait_for_exit(), "exit 0", "{}", t.screen());
}
