//! The reader's state at scale: a state file with a million read marks (and as many positions and
//! fingerprints) in a temp folder. Prints its size, the time to open it, the time `m` keeps the
//! UI thread (the update, taking the changes, handing them to the saving thread), the time the
//! saving thread takes to merge and write them, and the wait at quitting. Medians of 3 runs.
//! `cargo bench --bench state [-- N]` (N marks, a million by default).

use std::time::{Duration, Instant};

use aes_reader::corpus::state::{self, Anchor, Fingerprint, ReaderState, Saver, StateFile};
use aes_reader::corpus::{Origin, Store};
use aes_reader::tui::action::Action;
use aes_reader::tui::app::{App, Focus};
use aes_reader::tui::theme::Theme;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("a temp folder");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let origin = Origin::Dir {
        path: corpus,
        via: "--dir",
    };
    let key = state::corpus_key(&origin);
    let path = dir.path().join("state.json");

    let mut marked = ReaderState::default();
    for i in 0..n {
        let id = format!("article-{i:07}");
        marked.positions.insert(
            id.clone(),
            Anchor {
                block: i % 40 + 1,
                offset: i % 500,
            },
        );
        marked
            .fingerprints
            .insert(id.clone(), Fingerprint(i as u64 * 0x9E37_79B9));
        marked.read.insert(id);
    }
    let mut file = StateFile::new();
    file.corpora.insert(key.clone(), marked);
    state::save(&path, &file).expect("save the big state");
    drop(file);
    let size = std::fs::metadata(&path).unwrap().len();
    println!(
        "state file: {n} marks, positions and fingerprints: {:.1} MB (the loader's bound: {} MiB)",
        size as f64 / 1e6,
        state::MAX_BYTES >> 20
    );

    let articles = [
        (
            "accord.txt",
            "Les trois pays ont signé un accord de défense commune.",
        ),
        (
            "sommet.txt",
            "Le sommet de Bamako a réuni les chefs d’État.",
        ),
        (
            "rapport.txt",
            "Un rapport s’inquiète du coût des nouvelles alliances.",
        ),
    ];
    let files = || {
        articles
            .iter()
            .map(|(name, body)| ((*name).to_owned(), format!("Titre\n\n{body}").into_bytes()))
            .collect()
    };

    let mut loads = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        let loaded = state::load(&path);
        loads.push(started.elapsed());
        assert!(loaded.warning.is_none());
    }
    println!("load alone, median of 3: {}", ms(median(loads)));

    let mut opens = Vec::new();
    let mut ui = Vec::new();
    let mut background = Vec::new();
    let mut quits = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        let opened = state::open(&path, &key);
        assert!(opened.warning.is_none(), "{:?}", opened.warning);
        let store = Store::from_files(origin.clone(), files());
        let mut app = App::new(store, Vec::new(), opened.state, Theme::new(false)).unwrap();
        opens.push(started.elapsed());
        app.update(Action::Resize(120, 40));
        app.focus = Focus::List;
        let (saver, _replies) = Saver::spawn(opened.session.unwrap()).unwrap();

        // `m`, as the event loop does it: update, then hand the changes to the saving thread.
        let started = Instant::now();
        app.update(Action::ToggleRead);
        let changes = app.take_changes();
        saver.save(changes);
        ui.push(started.elapsed());

        let started = Instant::now();
        saver.handle().flush(Default::default()).expect("the save");
        background.push(started.elapsed());
        // Quitting right after: nothing new to write, and the file is as this reader left it.
        let started = Instant::now();
        saver.finish(app.take_changes()).unwrap();
        quits.push(started.elapsed());
    }
    println!("open (load + App::new), median of 3: {}", ms(median(opens)));
    println!("`m` on the UI thread, median of 3: {}", ms(median(ui)));
    println!(
        "the saving thread's merge and write after `m`, median of 3: {}",
        ms(median(background))
    );
    println!(
        "quitting after that save (nothing new), median of 3: {}",
        ms(median(quits))
    );
    let after = state::load(&path);
    assert!(after.warning.is_none(), "{:?}", after.warning);
    println!(
        "state file after the saves: {:.1} MB, loads back without a warning",
        std::fs::metadata(&path).unwrap().len() as f64 / 1e6
    );
}
