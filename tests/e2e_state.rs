//! End-to-end, in pseudo-terminals: two real readers open at once on one state file each mark an
//! article and quit, and both marks are kept (and shown by a third); a mark in one corpus folder does
//! not show in another whose file has the same name.
#![cfg(unix)]

mod support;

use std::fs;
use std::path::Path;

use aes_reader::corpus::Origin;
use aes_reader::corpus::state::{self, StateFile};
use support::reader::{corpus_size, list_rows, selected_row};
use support::term::{Cmd, Term, wait_until};

/// The reader on corpus `dir` with the state under `xdg`.
fn reader_in(xdg: &Path, dir: &Path) -> Term {
    let command = Cmd::reader()
        .env("XDG_STATE_HOME", xdg)
        .env("NO_COLOR", "1")
        .args(["--no-mouse", "--dir"])
        .arg(dir);
    Term::start(120, 40, command)
}

/// The marks saved for corpus `dir` in the state file under `xdg`.
fn saved_marks(xdg: &Path, dir: &Path) -> Vec<String> {
    let Ok(bytes) = fs::read(xdg.join("aes-reader/state.json")) else {
        return Vec::new();
    };
    let file = StateFile::from_json(&bytes).expect("a state file the reader loads");
    let key = state::corpus_key(&Origin::Dir {
        path: dir.to_path_buf(),
        via: "--dir",
    });
    file.corpora
        .get(&key)
        .map(|c| c.read.iter().cloned().collect())
        .unwrap_or_default()
}

/// The status bar says `n` articles are read (when no message about the last action hides it).
fn shows_read(screen: &str, n: usize) -> bool {
    screen.contains(&format!(" · {n} read"))
}

/// How many rows of the list (the top pane) carry the read mark.
fn marked_rows(screen: &str) -> usize {
    screen
        .lines()
        .filter(|l| {
            let list: String = l.chars().skip(1).take_while(|c| *c != '┃').collect();
            list.contains('✓')
        })
        .count()
}

fn quit(t: &Term) {
    t.keys(&["q"]);
    assert_eq!(t.wait_for_exit(), "exit 0", "{}", t.screen());
}

#[test]
fn two_readers_open_at_once_keep_both_marks_and_a_third_shows_them() {
    let xdg = tempfile::tempdir().unwrap();
    let dir = support::reader::articles();
    let n = corpus_size();
    let a = reader_in(xdg.path(), &dir);
    let b = reader_in(xdg.path(), &dir);
    for t in [&a, &b] {
        t.wait("the whole list", |s| {
            list_rows(s) == n && !selected_row(s).is_empty() && shows_read(s, 0)
        });
    }

    // A marks the first article.
    a.keys(&["m"]);
    a.wait("A's mark", |s| selected_row(s).contains('✓'));
    let first = wait_until("A's mark on disk", || {
        let marks = saved_marks(xdg.path(), &dir);
        (marks.len() == 1).then_some(marks)
    });

    // B, which started before that mark, marks the second; its save brings A's mark in.
    let top = selected_row(&b.screen());
    b.keys(&["j"]);
    b.wait("B's selection to move", |s| selected_row(s) != top);
    b.keys(&["m"]);
    b.wait("B to show both marks", |s| marked_rows(s) == 2);

    // Quit A, then B: B's last save does not drop A's mark, nor A's B's.
    quit(&a);
    quit(&b);
    let marks = saved_marks(xdg.path(), &dir);
    assert_eq!(marks.len(), 2, "{marks:?}");
    assert!(marks.contains(&first[0]), "{marks:?}");

    let c = reader_in(xdg.path(), &dir);
    c.wait("a third reader to show both marks", |s| {
        list_rows(s) == n && shows_read(s, 2)
    });
    quit(&c);
}

#[test]
fn a_mark_in_one_corpus_folder_does_not_show_in_another_with_the_same_file_name() {
    let xdg = tempfile::tempdir().unwrap();
    let root = tempfile::tempdir().unwrap();
    let (c1, c2) = (root.path().join("c1"), root.path().join("c2"));
    for (dir, body) in [
        (
            &c1,
            "Le conseil des ministres a adopté le budget de la défense.",
        ),
        (
            &c2,
            "Une autre rédaction publie ici un reportage sur la saison des pluies.",
        ),
    ] {
        fs::create_dir(dir).unwrap();
        fs::write(dir.join("a.txt"), format!("Un titre\n\n{body}")).unwrap();
    }
    let first = reader_in(xdg.path(), &c1);
    // The article selected, not a loading note in its place.
    first.wait("the article", |s| selected_row(s).contains("Un titre"));
    first.keys(&["m"]);
    first.wait("the mark", |s| selected_row(s).contains('✓'));
    quit(&first);
    assert_eq!(saved_marks(xdg.path(), &c1), ["a"]);

    let second = reader_in(xdg.path(), &c2);
    let screen = second.wait("the other corpus", |s| {
        selected_row(s).contains("Un titre") && shows_read(s, 0) || shows_read(s, 1)
    });
    assert!(shows_read(&screen, 0), "{screen}");
    quit(&second);
    assert!(saved_marks(xdg.path(), &c2).is_empty());
    assert_eq!(saved_marks(xdg.path(), &c1), ["a"]);
}
