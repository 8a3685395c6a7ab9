//! The App's behaviour, action by action: moving, opening, filtering, scrolling, the marks and
//! other readers' changes, pasting, and keys typed before the first list.

use super::*;
use crate::corpus::state::Anchor;
use crate::tui::fixtures::{app, quotes, store};

fn title(app: &App) -> String {
    app.reader
        .article
        .map(|i| app.articles()[i].meta.title.clone())
        .unwrap_or_default()
}

#[test]
fn moving_in_the_list_previews_the_article() {
    let mut app = app(120, 40);
    assert!(title(&app).starts_with("L’AES"));
    app.update(Action::Down);
    assert!(title(&app).starts_with("Russie–AES"));
    app.update(Action::Bottom);
    assert_eq!(title(&app), "Un sommet sans citation");
    app.update(Action::Down);
    assert_eq!(app.list.selected, 2);
    app.update(Action::Top);
    assert_eq!(app.list.selected, 0);
}

#[test]
fn enter_opens_focuses_the_reader_and_marks_read() {
    let mut app = app(120, 40);
    app.update(Action::Open);
    assert_eq!(app.focus, Focus::Reader);
    assert!(app.state.read.contains("b"));
    assert!(app.take_save_request());
    app.update(Action::ToggleRead);
    assert!(!app.state.read.contains("b"));
}

#[test]
fn another_readers_change_does_not_undo_a_mark_made_here_since() {
    let mut app = app(120, 40);
    app.update(Action::Open);
    let mut others = Changes::default();
    others.mark("b", false, None);
    others.mark("c", true, None);
    assert!(app.apply_external(&others));
    assert!(
        app.state.read.contains("b"),
        "this reader's later mark wins"
    );
    assert!(app.state.read.contains("c"));
    assert_eq!(app.read_count(), 2);
    let mine = app.take_changes();
    assert_eq!(mine.read.get("b"), Some(&true));
    assert!(mine.fingerprints.get("b").is_some_and(Option::is_some));
    assert!(
        !mine.read.contains_key("c"),
        "the other reader's mark is not saved again"
    );
    assert!(app.take_changes().is_empty());
}

#[test]
fn tab_cycles_focus_both_ways() {
    let mut app = app(120, 40);
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Focus::Reader);
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Focus::Quotes);
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Focus::List);
    app.update(Action::FocusPrev);
    assert_eq!(app.focus, Focus::Quotes);
}

#[test]
fn typing_filters_live_and_escape_clears() {
    let mut app = app(120, 40);
    app.update(Action::FilterOpen);
    assert_eq!(app.context(), Context::Filter);
    for c in "lavrov".chars() {
        app.update(Action::FilterInput(c));
    }
    app.settle();
    assert_eq!(app.list.matches.len(), 1);
    assert!(title(&app).starts_with("Russie–AES"));
    assert!(!app.reader.hits.is_empty());
    app.update(Action::FilterCancel);
    app.settle();
    assert_eq!(app.list.matches.len(), 3);
    assert_eq!(app.context(), Context::List);
    // The article found stays selected after clearing.
    assert!(title(&app).starts_with("Russie–AES"));
}

#[test]
fn enter_keeps_the_filter_and_returns_to_the_list() {
    let mut app = app(120, 40);
    app.update(Action::FilterOpen);
    for c in "securite".chars() {
        app.update(Action::FilterInput(c));
    }
    app.settle();
    app.update(Action::FilterAccept);
    assert_eq!(app.context(), Context::List);
    assert_eq!(app.filter.query, "securite");
    assert_eq!(app.list.matches.len(), 1);
    app.update(Action::Back);
    app.settle();
    assert_eq!(app.filter.query, "");
}

#[test]
fn paging_scrolls_the_reader_and_stops_at_the_end() {
    let mut app = app(80, 24);
    app.update(Action::Down); // the long article
    app.update(Action::PageDown);
    assert!(app.reader.top > 0);
    app.update(Action::Bottom); // list focus: last article
    app.update(Action::Top);
    app.update(Action::Down);
    app.focus = Focus::Reader;
    app.update(Action::Bottom);
    let end = app.reader.top;
    app.update(Action::PageDown);
    assert_eq!(app.reader.top, end);
    app.update(Action::Top);
    assert_eq!(app.reader.top, 0);
}

#[test]
fn the_reading_position_survives_a_resize() {
    let mut app = app(200, 60);
    app.update(Action::Down);
    app.focus = Focus::Reader;
    for _ in 0..30 {
        app.update(Action::Down);
    }
    let anchor = app.reader.anchor;
    app.update(Action::Resize(80, 24));
    app.update(Action::Resize(200, 60));
    assert_eq!(app.reader.anchor, anchor);
    let changes = app.take_changes();
    assert_eq!(changes.positions.get("a"), Some(&Some(anchor)));
    assert_eq!(app.state.positions.get("a"), Some(&anchor));
}

#[test]
fn enter_on_a_quote_scrolls_to_it_and_marks_it() {
    let mut app = app(80, 24);
    app.update(Action::Down); // article a: quotes Lavrov, then the 40th paragraph
    app.focus = Focus::Quotes;
    app.update(Action::Down);
    app.update(Action::Open);
    assert_eq!(app.reader.marked, Some(1));
    assert!(app.reader.top > 10, "top {}", app.reader.top);
    app.update(Action::Top);
    app.update(Action::Open);
    assert_eq!(app.reader.marked, Some(0));
}

#[test]
fn n_walks_through_the_hits_and_wraps() {
    let mut app = app(80, 24);
    app.update(Action::FilterOpen);
    for c in "cooperation".chars() {
        app.update(Action::FilterInput(c));
    }
    app.settle();
    app.update(Action::FilterAccept);
    let n = app.reader.hits.len();
    assert!(n > 10);
    app.update(Action::NextHit);
    let first = app.reader.hit.unwrap();
    app.update(Action::PrevHit);
    assert_eq!(app.reader.hit, Some((first + n - 1) % n));
    app.update(Action::NextHit);
    assert_eq!(app.reader.hit, Some(first));
}

#[test]
fn escape_closes_help_before_anything_else() {
    let mut app = app(80, 24);
    app.update(Action::FilterOpen);
    app.update(Action::FilterInput('x'));
    app.update(Action::FilterAccept);
    app.update(Action::Help);
    assert_eq!(app.context(), Context::Help);
    app.update(Action::Back);
    assert!(!app.help_open());
    assert_eq!(app.filter.query, "x");
    app.update(Action::Quit);
    assert!(app.quit);
}

#[test]
fn the_last_article_reopens_at_its_position() {
    let s = store();
    let q = quotes(&s);
    let mut state = ReaderState {
        last: Some("a".into()),
        ..ReaderState::default()
    };
    state.positions.insert(
        "a".into(),
        Anchor {
            block: 10,
            offset: 0,
        },
    );
    let mut app = App::new(s, q, state, Theme::new(false)).unwrap();
    app.update(Action::Resize(120, 40));
    assert!(title(&app).starts_with("Russie–AES"));
    assert!(app.reader.top > 10);
}

#[test]
fn clicks_select_and_the_wheel_scrolls_under_the_pointer() {
    let mut app = app(120, 40);
    let areas = app.areas();
    let list = areas.list.unwrap();
    app.update(Action::Click {
        x: list.x + 3,
        y: list.y + 2,
    });
    assert_eq!(app.list.selected, 1);
    let reader = areas.reader.unwrap();
    app.update(Action::Scroll {
        x: reader.x + 5,
        y: reader.y + 5,
        down: true,
    });
    assert_eq!(app.reader.top, 3);
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn an_empty_filter_result_leaves_no_article_open() {
    let mut app = app(80, 24);
    app.update(Action::FilterOpen);
    for c in "zzzzqqq".chars() {
        app.update(Action::FilterInput(c));
    }
    app.settle();
    assert!(app.list.matches.is_empty());
    assert_eq!(app.reader.article, None);
    app.update(Action::Down);
    app.update(Action::NextHit);
}

#[test]
fn a_dead_search_thread_is_reported_and_nothing_waits_for_it() {
    let mut app = app(120, 40);
    app.settle();
    let listed = app.list.matches.len();
    app.search.crash();
    app.update(Action::FilterOpen);
    app.update(Action::FilterInput('x'));
    app.settle();
    assert!(!app.busy(), "the reader does not wait for a dead thread");
    assert!(
        app.warning
            .as_deref()
            .is_some_and(|w| w.contains("search stopped"))
    );
    assert_eq!(app.list.matches.len(), listed, "the list stays as it was");
}

#[test]
fn a_ten_thousand_character_paste_is_cut_to_the_query_limit_in_one_go() {
    let mut app = app(120, 40);
    let asked = app.search.asked();
    let pasted = "sécurité au Sahel ".repeat(600);
    assert!(pasted.chars().count() > 10_000);
    app.paste(&pasted);
    assert_eq!(app.context(), Context::Filter, "a paste opens the filter");
    assert_eq!(app.filter.query.chars().count(), MAX_QUERY);
    assert!(pasted.starts_with(&app.filter.query));
    assert!(app.filter.capped);
    assert_eq!(
        app.search.asked(),
        asked + 1,
        "one search for the whole paste"
    );
    // Typing past the limit changes nothing and asks nothing.
    app.update(Action::FilterInput('x'));
    assert_eq!(app.filter.query.chars().count(), MAX_QUERY);
    assert_eq!(app.search.asked(), asked + 1);
    // Deleting makes room again, and the note goes.
    app.update(Action::FilterBackspace);
    assert!(!app.filter.capped);
    app.settle();
    assert!(app.ready());
}

#[test]
fn a_pasted_line_break_is_a_space_and_control_characters_are_left_out() {
    let mut app = app(120, 40);
    app.paste("Mali\n\tNiger\u{1b}[31m\u{7}Burkina\u{202e}");
    assert_eq!(app.filter.query, "Mali  Niger[31mBurkina");
    assert!(!app.filter.capped);
    app.update(Action::FilterInput('\u{1b}'));
    assert_eq!(app.filter.query, "Mali  Niger[31mBurkina");
}

#[test]
fn a_paste_under_the_help_is_ignored() {
    let mut app = app(120, 40);
    app.update(Action::Help);
    app.paste("Lavrov");
    assert_eq!(app.filter.query, "");
    assert!(app.help_open());
}

/// A reader whose articles (`files`) are still to arrive: not pumped yet.
fn loading_app(files: Vec<(String, Vec<u8>)>) -> App {
    use crate::corpus::load::Loading;
    use crate::corpus::store::Source;
    let source = Source::from_files(Origin::Embedded, files);
    let mut app = App::loading(
        Loading::start(source),
        &Origin::Embedded,
        ReaderState::default(),
        Theme::new(false),
    )
    .unwrap();
    app.update(Action::Resize(120, 40));
    app
}

#[test]
fn keys_wait_for_the_first_list_until_it_has_articles() {
    let mut app = loading_app(vec![(
        "a.txt".to_owned(),
        b"Le sommet de Niamey\n\nLes chefs d\xe2\x80\x99\xc3\x89tat se sont r\xc3\xa9unis."
            .to_vec(),
    )]);
    assert!(app.first_list_pending());
    app.settle();
    assert!(!app.first_list_pending());
    assert_eq!(app.list.matches.len(), 1);
    // Filtering the list empty afterwards does not make keys wait again.
    app.update(Action::FilterOpen);
    for c in "zzzqqq".chars() {
        app.update(Action::FilterInput(c));
    }
    app.settle();
    assert!(app.list.matches.is_empty());
    assert!(!app.first_list_pending());
}

#[test]
fn an_empty_corpus_does_not_hold_keys_for_ever() {
    let mut app = loading_app(Vec::new());
    app.settle();
    assert!(!app.first_list_pending());
}

#[test]
fn every_warning_shown_is_kept_for_the_exit_even_once_dismissed() {
    let mut app = app(80, 24);
    app.warning = Some("the state file was set aside as state.json.bad-1".into());
    app.note_warning();
    app.update(Action::Back);
    assert_eq!(app.warning, None);
    app.warning = Some("search stopped".into());
    assert_eq!(
        app.warnings_seen(),
        [
            "the state file was set aside as state.json.bad-1",
            "search stopped"
        ]
    );
}

/// [`corpus_folder`] of `n` articles with its cache built and its catalog and index saved, as
/// `aes-reader index` leaves them.
fn cached_corpus(n: usize) -> (tempfile::TempDir, tempfile::TempDir) {
    use crate::corpus::load::Corpus;
    let dir = corpus_folder(n);
    let cache_dir = tempfile::tempdir().unwrap();
    let (corpus, index) =
        Corpus::load_with_index(cached_source(dir.path(), Some(cache_dir.path())));
    assert!(
        corpus
            .cache()
            .summary
            .as_ref()
            .is_some_and(|s| s.manifest.is_some()),
        "the cache is written"
    );
    corpus.save_catalog_and_index(&index);
    (dir, cache_dir)
}

/// A corpus folder of `n` articles (dates, outlets and words varied; every file ten seconds old,
/// so the corpus cache trusts its stat).
fn corpus_folder(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let places = ["Niamey", "Bamako", "Ouagadougou", "Moscou", "Kidal"];
    let then = std::time::SystemTime::now() - Duration::from_secs(10);
    for i in 0..n {
        let place = places[i % places.len()];
        let text = format!(
            "+++\ntitle = \"Sommet n° {i} à {place}\"\ndate = 2025-{:02}-{:02}\nsource = \"Journal {}\"\n+++\nLes ministres réunis à {place} ont parlé de sécurité et d’énergie (dossier {}).\n",
            1 + i % 12,
            1 + i % 28,
            i % 7,
            i * 7 % 13
        );
        let path = dir.path().join(format!("{:02}/article-{i:04}.txt", i % 3));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(then)
            .unwrap();
    }
    dir
}

fn cached_source(
    dir: &std::path::Path,
    cache: Option<&std::path::Path>,
) -> crate::corpus::store::Source {
    let origin = Origin::Dir {
        path: dir.to_owned(),
        via: "--dir",
    };
    crate::corpus::store::Source::scan(origin)
        .unwrap()
        .with_cache(cache.map(std::path::Path::to_owned))
}

/// The reader over `source`, settled.
fn settled(source: crate::corpus::store::Source) -> App {
    use crate::corpus::load::Loading;
    let origin = source.origin().clone();
    let mut app = App::loading(
        Loading::start(source),
        &origin,
        ReaderState::default(),
        Theme::new(false),
    )
    .unwrap();
    app.update(Action::Resize(120, 40));
    app.settle();
    app
}

/// What the list shows for `query`: each row's article id, score and fields.
fn listed_for(app: &mut App, query: &str) -> Vec<(String, i64, crate::corpus::search::Fields)> {
    app.update(Action::FilterOpen);
    while !app.filter.query.is_empty() {
        app.update(Action::FilterBackspace);
    }
    for c in query.chars() {
        app.update(Action::FilterInput(c));
    }
    app.settle();
    app.list
        .matches
        .iter()
        .map(|m| (app.articles()[m.index].id.to_string(), m.score, m.fields))
        .collect()
}

#[test]
fn a_second_launch_lists_and_finds_what_a_load_without_the_cache_does() {
    let (dir, cache) = cached_corpus(400);
    let mut plain = settled(cached_source(dir.path(), None));
    // The saved index is sent once the first batch is out: however late it comes (or if it
    // comes after the load is over), the answers are the same.
    let mut saved_used = false;
    for run in 0..8 {
        if saved_used && run >= 2 {
            break;
        }
        let mut cached = settled(cached_source(dir.path(), Some(cache.path())));
        saved_used |= cached.searches_saved_index();
        for query in ["", "niamey", "sécurité", "sommet 12", "moscu", "journal 3"] {
            assert_eq!(
                listed_for(&mut cached, query),
                listed_for(&mut plain, query),
                "{query:?}"
            );
        }
    }
    assert!(!plain.searches_saved_index());
    assert!(
        saved_used,
        "the saved index came before the end of a load at least once"
    );
}

#[test]
fn a_reader_that_built_its_own_index_saves_it_for_the_next_launch() {
    use crate::corpus::cache::Frozen;
    let dir = corpus_folder(400);
    let cache = tempfile::tempdir().unwrap();
    let mut plain = settled(cached_source(dir.path(), None));
    let mut first = settled(cached_source(dir.path(), Some(cache.path())));
    assert!(!first.searches_saved_index(), "nothing was saved yet");
    // The load commits the cache after it is done, then the search thread saves its index.
    let deadline = Instant::now() + Duration::from_secs(60);
    let saved = loop {
        first.pump();
        if let Ok(Some(saved)) = Frozen::open(&cached_source(dir.path(), Some(cache.path())), true)
        {
            break saved;
        }
        assert!(Instant::now() < deadline, "the reader saved its index");
        std::thread::sleep(Duration::from_millis(5));
    };
    assert!(saved.refreshed.is_none());
    assert_eq!(saved.catalog.len(), 400);
    let mut next = settled(cached_source(dir.path(), Some(cache.path())));
    assert!(next.searches_saved_index(), "the next launch searches it");
    for query in ["", "niamey", "sécurité", "sommet 12", "moscu", "journal 3"] {
        let want = listed_for(&mut plain, query);
        assert_eq!(listed_for(&mut first, query), want, "{query:?}");
        assert_eq!(listed_for(&mut next, query), want, "{query:?}");
    }
}

#[test]
fn answers_from_the_saved_index_name_the_librarys_articles_as_they_arrive() {
    use crate::corpus::load::SavedIndex;
    use crate::corpus::search::SearchDoc;
    use crate::tui::app::search::{Answer, Search};
    let store = store();
    let articles = store.articles();
    assert!(articles.len() >= 3);
    // The saved index numbers the articles last first.
    let order: Vec<usize> = (0..articles.len()).rev().collect();
    let mut index = crate::corpus::search::Index::default();
    index.add(
        order
            .iter()
            .map(|&i| SearchDoc::new(&articles[i], &[], crate::corpus::article::seq(i)))
            .collect(),
    );
    let rows = order
        .iter()
        .enumerate()
        .map(|(row, &i)| (articles[i].file.clone(), row as u32))
        .collect();
    let mut search = Search::spawn(crate::corpus::search::Index::default()).unwrap();
    let wait = |search: &mut Search| loop {
        match search.next_answer() {
            Some(Answer::Results { matches, .. }) => {
                if !search.busy() {
                    return matches;
                }
            }
            Some(Answer::Stopped) => panic!("the search thread stopped"),
            None => std::thread::sleep(Duration::from_millis(1)),
        }
    };
    // One article arrived before the saved index, with its search data.
    let first = SearchDoc::new(&articles[0], &[], 0);
    search.add(vec![Some(first)], 0, &articles[..1]);
    let saved = SavedIndex {
        index,
        rows,
        heads: Vec::new(),
    };
    search.use_saved(Box::new(saved), &articles[..1], "");
    let listed: Vec<usize> = wait(&mut search).iter().map(|m| m.index).collect();
    assert_eq!(listed, [0], "only what arrived, in the library's numbers");
    // The others arrive without search data.
    search.add(vec![None; articles.len() - 1], 1, articles);
    search.refresh("", false, 1);
    let mut listed: Vec<usize> = wait(&mut search).iter().map(|m| m.index).collect();
    listed.sort_unstable();
    assert_eq!(listed, (0..articles.len()).collect::<Vec<_>>());
}

#[test]
fn a_launch_after_a_few_changes_brings_the_saved_index_up_to_date_and_finds_what_a_load_does() {
    use crate::corpus::cache::Frozen;
    let (dir, cache) = cached_corpus(400);
    let then = std::time::SystemTime::now() - Duration::from_secs(10);
    let aged = |path: &std::path::Path, text: &str| {
        std::fs::write(path, text).unwrap();
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(then)
            .unwrap();
    };
    let root = dir.path();
    aged(
        &root.join("01/article-0004.txt"),
        "+++\ntitle = \"Zanzibar change tout\"\ndate = 2019-05-05\n+++\nÀ Zanzibar, rien.\n",
    );
    aged(
        &root.join("02/article-0150b.txt"),
        "+++\ntitle = \"Un nouveau sommet à Zanzibar\"\n+++\nLes ministres à Zanzibar.\n",
    );
    std::fs::remove_file(root.join("00/article-0000.txt")).unwrap();
    let mut plain = settled(cached_source(root, None));
    let mut saved_used = false;
    for run in 0..8 {
        if saved_used && run >= 2 {
            break;
        }
        let mut cached = settled(cached_source(root, Some(cache.path())));
        saved_used |= cached.searches_saved_index();
        for query in ["", "zanzibar", "sommet", "niamey 12"] {
            assert_eq!(
                listed_for(&mut cached, query),
                listed_for(&mut plain, query),
                "{query:?}"
            );
        }
    }
    assert!(
        saved_used,
        "the saved index came before the end of a load at least once"
    );
    // Saved again up to date: the next open needs nothing read.
    let next = Frozen::open(&cached_source(root, Some(cache.path())), true)
        .unwrap()
        .expect("saved");
    assert!(next.refreshed.is_none(), "nothing left to bring up to date");
    assert_eq!(next.catalog.len(), 400);
}

/// Takes in what came until the search thread has answered the newest question (loading may go
/// on).
fn answered(app: &mut App) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if !app.pump() && !app.search.busy() && !app.first_list_pending() {
            return;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn drawn(app: &App) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    t.draw(|f| crate::tui::view::render(f, app)).unwrap();
    t.backend().to_string()
}

/// The saved index of `store` with its catalog's rows, as a headless command leaves them.
fn saved_index(
    store: &Store,
    quotes: &[Vec<crate::corpus::quote::Quote>],
) -> crate::corpus::load::SavedIndex {
    use crate::corpus::catalog::Catalog;
    let catalog = Catalog::from_store(store);
    crate::corpus::load::SavedIndex {
        index: crate::corpus::search::Index::build(store.articles(), |i| &quotes[i]),
        rows: catalog
            .numbered_rows()
            .map(|(k, r)| (r.file.to_owned(), k))
            .collect(),
        heads: catalog.rows().map(|r| r.head()).collect(),
    }
}

#[test]
fn articles_listed_from_the_saved_catalog_are_found_then_get_their_text_in_place() {
    use crate::corpus::article::seq;
    use crate::corpus::load::{LoadEvent, Loaded, Loading};
    use crate::corpus::quote::Link;
    use crate::corpus::search::SearchDoc;
    let store = store();
    let quotes = quotes(&store);
    let articles = store.articles();
    let n = articles.len();
    let saved = saved_index(&store, &quotes);
    let loaded = |i: usize, with_doc: bool| Loaded {
        article: articles[i].clone(),
        quotes: quotes[i].clone(),
        doc: with_doc.then(|| SearchDoc::new(&articles[i], &quotes[i], seq(i))),
        put_away: None,
    };
    let (tx, wanted, loading) = Loading::scripted(n);
    let mut app = App::loading(
        loading,
        &Origin::Embedded,
        ReaderState::default(),
        Theme::new(false),
    )
    .unwrap();
    app.update(Action::Resize(120, 40));
    // The first article, with its search data, marked read; then the saved index with every row.
    tx.send(LoadEvent::Batch(vec![loaded(0, true)])).unwrap();
    answered(&mut app);
    app.update(Action::ToggleRead);
    assert_eq!(app.read_count(), 1);
    tx.send(LoadEvent::Saved(Box::new(saved))).unwrap();
    answered(&mut app);
    assert_eq!(app.read_count(), 1, "the read article is not listed twice");
    assert_eq!(app.articles().len(), n, "every article is listed");
    assert_eq!(app.list.matches.len(), n);
    assert_eq!(app.loading_progress(), Some((1, n)), "one text is in");
    let ids: Vec<String> = app.articles().iter().map(|a| a.id.to_string()).collect();
    // The one with the most quotes, still without its text, is found by its title's words.
    let (waiting, most) = (1..n)
        .map(|i| (i, quotes[i].len()))
        .max_by_key(|&(_, q)| q)
        .unwrap();
    assert!(most > 0);
    let slot = app.library.index_of(articles[waiting].id.as_str()).unwrap();
    assert!(app.library.is_waiting(slot));
    let title = articles[waiting].meta.title.clone();
    let words: String = title
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    for c in words.chars() {
        app.update(Action::FilterInput(c));
    }
    answered(&mut app);
    assert_eq!(app.list.matches.first().map(|m| m.index), Some(slot));
    app.update(Action::Open);
    assert_eq!(app.reader.article, Some(slot));
    let screen = drawn(&app);
    assert!(screen.contains("Loading the text…"), "{screen}");
    assert!(
        screen.contains("Loading this article's quotes…"),
        "{screen}"
    );
    // Opened (and previewed before), it was asked for ahead of its turn, once.
    let asked: Vec<String> = wanted.try_iter().collect();
    assert_eq!(asked, [articles[waiting].file.clone()]);
    tx.send(LoadEvent::Ahead(Box::new(loaded(waiting, false))))
        .unwrap();
    answered(&mut app);
    let screen = drawn(&app);
    assert!(!screen.contains("Loading the text…"), "{screen}");
    assert!(
        !screen.contains("Loading this article's quotes…"),
        "{screen}"
    );
    assert_eq!(app.loading_progress(), Some((2, n)));
    assert_eq!(app.quotes_of(slot).len(), most);
    // The others arrive last first (arrival numbers are not library numbers), then links
    // between quotes in arrival numbers.
    let rest: Vec<usize> = (1..n).rev().collect();
    tx.send(LoadEvent::Batch(
        rest.iter().map(|&i| loaded(i, false)).collect(),
    ))
    .unwrap();
    let arrival = |i: usize| if i == 0 { 0 } else { n - i } as u64;
    let other = if waiting == 1 { 2 } else { 1 };
    tx.send(LoadEvent::Links(vec![Link {
        article: arrival(waiting),
        quote: 0,
        others: vec![arrival(other)],
        count: 1,
    }]))
    .unwrap();
    tx.send(LoadEvent::Done {
        diagnostics: Vec::new(),
        warnings: Vec::new(),
    })
    .unwrap();
    drop(tx);
    app.settle();
    let after: Vec<String> = app.articles().iter().map(|a| a.id.to_string()).collect();
    assert_eq!(after, ids, "the texts came in place: the numbers stay");
    assert_eq!(
        app.read_count(),
        2,
        "one marked before the rows came, one opened after"
    );
    assert_eq!(app.state.read.len(), 2);
    for (i, a) in articles.iter().enumerate() {
        let slot = app.library.index_of(a.id.as_str()).unwrap();
        assert!(!app.library.is_waiting(slot));
        assert_eq!(app.articles()[slot].body, a.body);
        assert_eq!(app.quotes_of(slot).len(), quotes[i].len());
    }
    assert_eq!(
        app.quotes_of(slot)[0].also_in,
        [articles[other].id.clone()],
        "links name the articles they were sent for"
    );
    // The open article now shows its text and quotes, still open.
    assert_eq!(app.reader.article, Some(slot));
    let screen = drawn(&app);
    assert!(!screen.contains("Loading the text…"), "{screen}");
    let first_words: String = articles[waiting].body.chars().take(12).collect();
    assert!(screen.contains(first_words.trim()), "{screen}");
}

/// Selects article `index` in the list, which previews it (as a click on its row does).
fn select(app: &mut App, index: usize) {
    let row = app.list.matches.iter().position(|m| m.index == index);
    app.list.selected = row.expect("listed");
    app.show_article(Some(index));
}

#[test]
fn texts_beyond_the_budget_are_put_away_and_read_again_when_opened() {
    use crate::corpus::load::{LoadEvent, Loaded, Loading};
    use crate::corpus::state::Fingerprint;
    use library::TextState;
    let files = (0..40)
        .map(|i| {
            let text = format!(
                "+++\ntitle = \"Sommet n° {i}\"\ndate = 2025-03-{:02}\n+++\nLes ministres se sont réunis.\n\n« Nous partons demain », a déclaré le ministre {i}.",
                i + 1
            );
            (format!("a{i}.txt"), text.into_bytes())
        })
        .collect();
    let store = Store::from_files(Origin::Embedded, files);
    let aliases = crate::corpus::quote::Aliases::default();
    let articles = store.articles();
    let quotes: Vec<_> = (articles.iter())
        .map(|a| crate::corpus::quote::extract_article(a, &aliases))
        .collect();
    let n = articles.len();
    let saved = saved_index(&store, &quotes);
    let loaded = |i: usize| Loaded {
        article: articles[i].clone(),
        quotes: quotes[i].clone(),
        doc: None,
        put_away: None,
    };
    // As a load that keeps no text sends them.
    let put_away = |i: usize| {
        let mut l = loaded(i);
        l.article.body.clear();
        l.article.blocks.clear();
        l.put_away = Some(Fingerprint::of(&articles[i].body));
        l
    };
    let (tx, wanted, loading) = Loading::scripted(n);
    let tx = &tx;
    let mut state = ReaderState::default();
    // A reading position saved for every article.
    let at = Anchor {
        block: 1,
        offset: 0,
    };
    for a in articles {
        state.positions.insert(a.id.to_string(), at);
    }
    let mut app = App::loading(loading, &Origin::Embedded, state, Theme::new(false)).unwrap();
    app.update(Action::Resize(120, 40));
    tx.send(LoadEvent::Saved(Box::new(saved))).unwrap();
    tx.send(LoadEvent::Batch((0..n).map(put_away).collect()))
        .unwrap();
    tx.send(LoadEvent::Done {
        diagnostics: Vec::new(),
        warnings: Vec::new(),
    })
    .unwrap();
    // As the load serves texts asked for (the article the list opens first may be one).
    let serve = |app: &mut App| {
        let deadline = Instant::now() + Duration::from_secs(20);
        while app.busy() && Instant::now() < deadline {
            for file in wanted.try_iter() {
                let i = articles.iter().position(|a| a.file == file).unwrap();
                tx.send(LoadEvent::Ahead(Box::new(loaded(i)))).unwrap();
            }
            if !app.pump() {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
    };
    serve(&mut app);
    let slot_of = |a: &Article| app.library.index_of(a.id.as_str()).unwrap();
    let slots: Vec<usize> = articles.iter().map(slot_of).collect();
    let slot = |i: usize| slots[i];
    // Every text is put away (no body in the list), their quotes and fingerprints kept. That of
    // the one the list opened came back.
    let first = app.reader.article.unwrap();
    assert_eq!(app.library.text_state(first), TextState::Here);
    let opened = articles.iter().position(|a| slot_of(a) == first).unwrap();
    assert_eq!(
        app.library.article(first).unwrap().body,
        articles[opened].body
    );
    for i in 0..n {
        let put_away = &app.articles()[slot(i)];
        assert!(put_away.body.is_empty() && put_away.blocks.is_empty());
        assert_eq!(put_away.meta, articles[i].meta);
        assert_eq!(app.quotes_of(slot(i)).len(), quotes[i].len());
        assert_eq!(
            app.library.fingerprint(slot(i)),
            Some(Fingerprint::of(&articles[i].body))
        );
    }
    let coming = |i: &usize| app.library.text_state(slot(*i)) == TextState::Coming;
    let coming: Vec<usize> = (0..n).filter(coming).collect();
    assert_eq!(coming.len(), n - 1);
    let (away, most) = (coming.iter().copied())
        .map(|i| (i, quotes[i].len()))
        .max_by_key(|&(_, q)| q)
        .unwrap();
    assert!(most > 0);
    let original = articles[away].clone();
    let away = slot(away);
    // Opened: asked for again (once), its quotes shown at once, its text said to be coming.
    select(&mut app, away);
    select(&mut app, first);
    select(&mut app, away);
    assert_eq!(
        wanted.try_iter().collect::<Vec<_>>(),
        std::slice::from_ref(&original.file)
    );
    let screen = drawn(&app);
    assert!(screen.contains("Loading the text…"), "{screen}");
    assert!(
        !screen.contains("Loading this article's quotes…"),
        "{screen}"
    );
    // Marked read meanwhile: the mark has the text's fingerprint.
    app.update(Action::ToggleRead);
    assert_eq!(
        app.state.fingerprints.get(original.id.as_str()),
        Some(&Fingerprint::of(&original.body))
    );
    // Left before the text came: its saved position stays.
    select(&mut app, first);
    assert_eq!(app.state.positions.get(original.id.as_str()), Some(&at));
    select(&mut app, away);
    // The text comes: shown, with the quotes kept here (their links too).
    let quotes_before = app.quotes_of(away).to_vec();
    tx.send(LoadEvent::Ahead(Box::new(Loaded {
        article: original.clone(),
        quotes: Vec::new(),
        doc: None,
        put_away: None,
    })))
    .unwrap();
    app.settle();
    assert_eq!(app.library.text_state(away), TextState::Here);
    assert_eq!(app.library.article(away).unwrap().body, original.body);
    assert_eq!(app.quotes_of(away), quotes_before.as_slice());
    assert!(
        app.articles()[away].body.is_empty(),
        "the shared list stays small"
    );
    let screen = drawn(&app);
    assert!(!screen.contains("Loading the text…"), "{screen}");
    let words: String = original.body.chars().take(12).collect();
    assert!(screen.contains(words.trim()), "{screen}");
    // A text that cannot be read again is said so.
    let others: Vec<usize> = (coming.iter().copied())
        .map(slot)
        .filter(|&i| i != away)
        .collect();
    let gone = others[0];
    select(&mut app, gone);
    let file = app.articles()[gone].file.clone();
    assert_eq!(
        wanted.try_iter().collect::<Vec<_>>(),
        std::slice::from_ref(&file)
    );
    tx.send(LoadEvent::NotRead(file)).unwrap();
    app.settle();
    assert_eq!(app.library.text_state(gone), TextState::Unreadable);
    assert!(drawn(&app).contains("could not be read"));
    // A file changed since it was loaded: its new text comes with its own quotes.
    let changed = others[1];
    {
        select(&mut app, changed);
        assert_eq!(wanted.try_iter().count(), 1);
        let mut newer = app.articles()[changed].clone();
        newer.body = "Un autre texte, réécrit depuis.".into();
        tx.send(LoadEvent::Ahead(Box::new(Loaded {
            article: newer.clone(),
            quotes: Vec::new(),
            doc: None,
            put_away: None,
        })))
        .unwrap();
        app.settle();
        assert_eq!(app.library.article(changed).unwrap().body, newer.body);
        assert!(app.quotes_of(changed).is_empty());
    }
    // Going back to one brought back asks nothing again.
    select(&mut app, away);
    assert!(wanted.try_iter().next().is_none());
    assert_eq!(app.library.text_state(away), TextState::Here);
    // Every article opened in turn: each text comes, but only the last few stay.
    for (a, &i) in articles.iter().zip(&slots) {
        select(&mut app, i);
        serve(&mut app);
        assert_eq!(app.library.text_state(i), TextState::Here);
        if i != changed {
            assert_eq!(app.library.article(i).unwrap().body, a.body);
        }
    }
    let here = (0..n)
        .filter(|&i| app.library.text_state(slot(i)) == TextState::Here)
        .count();
    assert!((2..=33).contains(&here), "{here} texts kept");
}
