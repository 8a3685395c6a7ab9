//! Several readers on one state file, as the reader runs them (an `App` recording its changes, a
//! session or a saving thread merging them into the file): no mark is lost whoever saves last,
//! each reader sees the others' marks after a save, marks belong to their corpus, a mark follows a
//! renamed article, and a version-1 file migrates without loss.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use aes_reader::corpus::state::{self, Changes, ReaderState, Saver, Session};
use aes_reader::corpus::{Origin, Store};
use aes_reader::tui::action::Action;
use aes_reader::tui::app::{App, Focus};
use aes_reader::tui::theme::Theme;

/// Article files of a small corpus: (file name, body), each body its own.
const SAHEL: [(&str, &str); 4] = [
    (
        "accord.txt",
        "Les trois pays ont signé un accord de défense commune à Niamey.",
    ),
    (
        "sommet.txt",
        "Le sommet de Bamako a réuni les chefs d’État de la Confédération.",
    ),
    (
        "rapport.txt",
        "Un rapport parlementaire s’inquiète du coût des nouvelles alliances.",
    ),
    (
        "visite.txt",
        "La visite du ministre à Ouagadougou a été reportée à la semaine prochaine.",
    ),
];

fn files(articles: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
    articles
        .iter()
        .map(|(name, body)| {
            let title = body.split(' ').take(4).collect::<Vec<_>>().join(" ");
            (
                (*name).to_owned(),
                format!("{title}\n\n{body}").into_bytes(),
            )
        })
        .collect()
}

/// A corpus folder (it must exist: its key is its canonical path).
fn corpus(root: &Path, name: &str) -> Origin {
    let path = root.join(name);
    fs::create_dir_all(&path).unwrap();
    Origin::Dir { path, via: "--dir" }
}

/// A reader of `articles` as corpus `origin`, with its state from `path`.
fn reader(path: &Path, origin: &Origin, articles: &[(&str, &str)]) -> (App, Session) {
    let opened = state::open(path, &state::corpus_key(origin));
    assert_eq!(opened.warning, None);
    let store = Store::from_files(origin.clone(), files(articles));
    let mut app = App::new(store, Vec::new(), opened.state, Theme::new(false)).unwrap();
    app.update(Action::Resize(120, 40));
    (app, opened.session.expect("writable"))
}

/// Selects article `id` in the list (which previews it).
fn select(app: &mut App, id: &str) {
    app.focus = Focus::List;
    app.update(Action::Top);
    for _ in 0..app.list.matches.len() {
        let open = app.reader.article.map(|i| app.articles()[i].id.to_string());
        if open.as_deref() == Some(id) {
            return;
        }
        app.update(Action::Down);
    }
    panic!("no article {id} in the list");
}

/// `m` on article `id`.
fn toggle(app: &mut App, id: &str) {
    select(app, id);
    app.update(Action::ToggleRead);
}

/// What a save after each action does in the reader: hand the changes over, take in the others'.
fn save(app: &mut App, session: &mut Session) {
    let others = session.save(app.take_changes()).unwrap();
    app.apply_external(&others);
}

fn marks_on_disk(path: &Path, origin: &Origin) -> Vec<String> {
    let file = state::load(path).file;
    let key = state::corpus_key(origin);
    file.corpora
        .get(&key)
        .map(|c| c.read.iter().cloned().collect())
        .unwrap_or_default()
}

fn marks_shown(app: &App) -> Vec<String> {
    let mut shown: Vec<String> = app
        .articles()
        .iter()
        .filter(|a| app.state.read.contains(a.id.as_str()))
        .map(|a| a.id.to_string())
        .collect();
    shown.sort();
    assert_eq!(app.read_count(), shown.len(), "the count follows the marks");
    shown
}

fn setup() -> (tempfile::TempDir, PathBuf, Origin) {
    let root = tempfile::tempdir().unwrap();
    let path = root.path().join("state/aes-reader/state.json");
    let origin = corpus(root.path(), "sahel");
    (root, path, origin)
}

#[test]
fn a_mark_made_in_one_reader_survives_a_save_in_another() {
    let (_root, path, origin) = setup();
    let (mut a, mut session_a) = reader(&path, &origin, &SAHEL);
    let (mut b, mut session_b) = reader(&path, &origin, &SAHEL);
    toggle(&mut a, "accord");
    save(&mut a, &mut session_a);
    toggle(&mut b, "sommet");
    save(&mut b, &mut session_b);
    // Quitting saves again, A first then B: each save merges.
    save(&mut a, &mut session_a);
    save(&mut b, &mut session_b);
    assert_eq!(marks_on_disk(&path, &origin), ["accord", "sommet"]);
    // Each reader shows the other's mark once it has saved.
    assert_eq!(marks_shown(&a), ["accord", "sommet"]);
    assert_eq!(marks_shown(&b), ["accord", "sommet"]);
}

#[test]
fn three_readers_saving_alternately_lose_nothing_and_unmarks_stick() {
    let (_root, path, origin) = setup();
    let mut readers: Vec<(App, Session)> = (0..3).map(|_| reader(&path, &origin, &SAHEL)).collect();
    let ids = ["accord", "sommet", "rapport", "visite"];
    // Each reader marks its own articles, saving after each mark, in turn.
    for round in 0..2 {
        for (r, (app, session)) in readers.iter_mut().enumerate() {
            let id = ids[(r + round * 3) % ids.len()];
            if !app.state.read.contains(id) {
                toggle(app, id);
            }
            save(app, session);
        }
    }
    assert_eq!(
        marks_on_disk(&path, &origin),
        ["accord", "rapport", "sommet", "visite"]
    );
    // The second reader unmarks one the first marked; the third, which saw it marked, saves
    // afterwards without touching it: the unmark stays.
    let (app, session) = &mut readers[1];
    toggle(app, "accord");
    save(app, session);
    let (app, session) = &mut readers[2];
    toggle(app, "visite");
    toggle(app, "visite");
    save(app, session);
    assert_eq!(
        marks_on_disk(&path, &origin),
        ["rapport", "sommet", "visite"]
    );
    for (app, session) in &mut readers {
        save(app, session);
        assert_eq!(marks_shown(app), ["rapport", "sommet", "visite"]);
    }
}

#[test]
fn readers_saving_on_their_threads_lose_nothing_and_see_each_others_marks() {
    let (_root, path, origin) = setup();
    let (mut a, session_a) = reader(&path, &origin, &SAHEL);
    let (mut b, session_b) = reader(&path, &origin, &SAHEL);
    let (saver_a, replies) = Saver::spawn(session_a).unwrap();
    a.follow_saves(replies);
    let (saver_b, replies) = Saver::spawn(session_b).unwrap();
    b.follow_saves(replies);
    for (i, id) in ["accord", "sommet", "rapport"].iter().enumerate() {
        let (app, saver) = if i % 2 == 0 {
            (&mut a, &saver_a)
        } else {
            (&mut b, &saver_b)
        };
        toggle(app, id);
        saver.save(app.take_changes());
    }
    // B hears of A's marks once A's saves are done and B saves again (here: with nothing new).
    saver_a.handle().flush(Changes::default()).unwrap();
    saver_b.save(b.take_changes());
    let deadline = Instant::now() + Duration::from_secs(20);
    while marks_shown(&b) != ["accord", "rapport", "sommet"] {
        assert!(Instant::now() < deadline, "b shows {:?}", marks_shown(&b));
        b.pump();
        std::thread::sleep(Duration::from_millis(5));
    }
    // A handle still held elsewhere (the hangup watchdog keeps one) does not keep the saving
    // thread waiting for more: finishing returns, and the handle then says the thread is gone.
    let watchdog = saver_a.handle();
    let (done, finished) = std::sync::mpsc::channel();
    let last = a.take_changes();
    std::thread::spawn(move || done.send(saver_a.finish(last)));
    finished
        .recv_timeout(Duration::from_secs(20))
        .expect("finish returns while a handle is alive")
        .unwrap();
    saver_b.finish(b.take_changes()).unwrap();
    assert_eq!(
        marks_on_disk(&path, &origin),
        ["accord", "rapport", "sommet"]
    );
    let late = watchdog.flush(Changes::default()).unwrap_err();
    assert!(late.to_string().contains("saving thread stopped"), "{late}");
}

#[test]
fn marks_in_one_corpus_do_not_show_in_another_with_a_file_of_the_same_name() {
    let root = tempfile::tempdir().unwrap();
    let path = root.path().join("state.json");
    let c1 = corpus(root.path(), "c1");
    let other = [(
        "accord.txt",
        "Dans ce dossier, accord désigne un autre texte : la convention minière de 2023.",
    )];
    let c2 = corpus(root.path(), "c2");
    let (mut first, mut session) = reader(&path, &c1, &SAHEL);
    toggle(&mut first, "accord");
    save(&mut first, &mut session);
    let (second, _) = reader(&path, &c2, &other);
    assert!(marks_shown(&second).is_empty());
    assert!(second.state.read.is_empty());
    // The same folder by another path is the same corpus.
    let again = Origin::Dir {
        path: root.path().join("c2/../c1"),
        via: "--dir",
    };
    let (third, _) = reader(&path, &again, &SAHEL);
    assert_eq!(marks_shown(&third), ["accord"]);
}

#[test]
fn a_mark_and_its_position_follow_an_article_whose_file_was_renamed() {
    let (_root, path, origin) = setup();
    let (mut app, mut session) = reader(&path, &origin, &SAHEL);
    select(&mut app, "rapport");
    app.update(Action::Open);
    save(&mut app, &mut session);
    let mut renamed = SAHEL;
    renamed[2].0 = "2025-rapport-parlementaire.txt";
    // The position is set in the file as another reader would have left it.
    let mut file = state::load(&path).file;
    let key = state::corpus_key(&origin);
    let at = state::Anchor {
        block: 1,
        offset: 12,
    };
    file.corpora
        .get_mut(&key)
        .unwrap()
        .positions
        .insert("rapport".into(), at);
    state::save(&path, &file).unwrap();

    let (mut app, mut session) = reader(&path, &origin, &renamed);
    assert_eq!(marks_shown(&app), ["2025-rapport-parlementaire"]);
    assert_eq!(
        app.state.positions.get("2025-rapport-parlementaire"),
        Some(&at)
    );
    save(&mut app, &mut session);
    let saved = &state::load(&path).file.corpora[&key];
    assert_eq!(
        saved.read.iter().collect::<Vec<_>>(),
        ["2025-rapport-parlementaire"]
    );
    assert!(!saved.fingerprints.contains_key("rapport"));
    assert!(
        saved
            .fingerprints
            .contains_key("2025-rapport-parlementaire")
    );
    assert_eq!(saved.positions.get("2025-rapport-parlementaire"), Some(&at));
    assert!(!saved.positions.contains_key("rapport"));
}

#[test]
fn a_version_1_state_file_migrates_to_the_first_corpus_opened_with_fingerprints_added() {
    let (_root, path, origin) = setup();
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    // Today's format, as the reader wrote it before version 2.
    let v1 = r#"{
  "version": 1,
  "read": [
    "rapport",
    "sommet"
  ],
  "last": "sommet",
  "positions": {
    "sommet": {
      "block": 1,
      "offset": 3
    }
  }
}
"#;
    fs::write(&path, v1).unwrap();
    let (mut app, mut session) = reader(&path, &origin, &SAHEL);
    assert_eq!(marks_shown(&app), ["rapport", "sommet"]);
    save(&mut app, &mut session);
    let file = state::load(&path).file;
    assert_eq!(file.version, 2);
    assert_eq!(file.unclaimed, None);
    let mine = &file.corpora[&state::corpus_key(&origin)];
    assert_eq!(mine.read.len(), 2);
    assert_eq!(mine.last.as_deref(), Some("sommet"));
    assert_eq!(mine.positions["sommet"].offset, 3);
    assert_eq!(
        mine.fingerprints.len(),
        2,
        "marks made before version 2 get one"
    );
    let kept = path.with_file_name("state.json.v1.bak");
    assert_eq!(fs::read_to_string(kept).unwrap(), v1);
    // Another corpus opened later starts empty.
    let elsewhere = state::open(&path, "bundled");
    assert_eq!(elsewhere.state, ReaderState::default());
}

#[test]
fn a_save_that_fails_is_reported_and_its_marks_are_written_by_the_next_one() {
    let (_root, path, origin) = setup();
    let (mut app, session) = reader(&path, &origin, &SAHEL);
    let (saver, replies) = Saver::spawn(session).unwrap();
    app.follow_saves(replies);
    // The temp file cannot be written while a folder has its name (as a full disk or a read-only
    // folder would refuse it; root ignores permissions).
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let blocker = path.with_file_name(format!("state.json.tmp-{}", std::process::id()));
    fs::create_dir(&blocker).unwrap();
    toggle(&mut app, "accord");
    saver.save(app.take_changes());
    let deadline = Instant::now() + Duration::from_secs(20);
    while !app
        .warning
        .as_deref()
        .is_some_and(|w| w.contains("cannot save the reader state"))
    {
        assert!(Instant::now() < deadline, "no warning: {:?}", app.warning);
        app.pump();
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(marks_on_disk(&path, &origin).is_empty());
    fs::remove_dir(&blocker).unwrap();
    toggle(&mut app, "sommet");
    saver.save(app.take_changes());
    saver.handle().flush(Changes::default()).unwrap();
    assert_eq!(marks_on_disk(&path, &origin), ["accord", "sommet"]);
    while app.warning.is_some() {
        assert!(
            Instant::now() < deadline,
            "the warning stays: {:?}",
            app.warning
        );
        app.pump();
        std::thread::sleep(Duration::from_millis(5));
    }
    saver.finish(app.take_changes()).unwrap();
}
