//! Test fixtures for the terminal layer: a small corpus under our control, hand-made quotes for it,
//! and a reader over them at a given size; another for the Quotes and Speakers views.

use crate::corpus::article::ArticleId;
use crate::corpus::quote::{Confidence, Evidence, Field, Quote, QuoteKind};
use crate::corpus::state::ReaderState;
use crate::corpus::{Origin, Store};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::theme::Theme;

/// A small corpus under our control (independent of the seed articles and the quote engine).
pub fn store() -> Store {
    let long: String = (1..=40)
        .map(|i| format!("Paragraphe numéro {i} : la coopération avance, selon les ministres réunis à Moscou."))
        .collect::<Vec<_>>()
        .join("\n\n");
    Store::from_files(
        Origin::Embedded,
        vec![
            (
                "a.txt".into(),
                format!("+++\ntitle = \"Russie–AES : une alliance militaire stratégique se renforce à Moscou\"\ndate = 2025-05-12\nsource = \"abamako.com\"\nauthor = \"K. Mamadou\"\nurl = \"https://abamako.com/article\"\n+++\nLe ministre russe de la Défense a reçu ses homologues.\n\n« Notre coopération dans le domaine militaire s’intensifie », a déclaré Sergueï Lavrov.\n\n{long}").into_bytes(),
            ),
            (
                "b.txt".into(),
                "+++\ntitle = \"L’AES a « la même définition de l’ennemi » que la Russie\"\ndate = 2025-04-03\nsource = \"DW\"\n+++\nL’État malien et la sécurité au Sahel.\n\nMohamed Amara: Il y a une intensification des rapports.\n\nDW: Est-ce bénéfique ?"
                    .as_bytes()
                    .to_vec(),
            ),
            (
                "c.txt".into(),
                "+++\ntitle = \"Un sommet sans citation\"\n+++\nRien à citer ici, une phrase simple."
                    .as_bytes()
                    .to_vec(),
            ),
        ],
    )
}

/// Hand-made quotes for the test corpus (article order: by date, then undated).
pub fn quotes(store: &Store) -> Vec<Vec<Quote>> {
    store
        .articles()
        .iter()
        .map(|a| {
            let mut out = Vec::new();
            for (needle, speaker) in [
                (
                    "Notre coopération dans le domaine militaire s’intensifie",
                    "Sergueï Lavrov",
                ),
                ("la même définition de l’ennemi", "Abdoulaye Diop"),
                ("la coopération avance", "les ministres"),
            ] {
                let (field, text) = if a.meta.title.contains(needle) {
                    (Field::Title, &a.meta.title)
                } else {
                    (Field::Body, &a.body)
                };
                if let Some(start) = text.rfind(needle) {
                    out.push(Quote {
                        text: needle.into(),
                        kind: if field == Field::Title {
                            QuoteKind::Partial
                        } else {
                            QuoteKind::Direct
                        },
                        speaker: Some(speaker.into()),
                        evidence: None,
                        field,
                        span: start..start + needle.len(),
                        sentence: start..start + needle.len(),
                        also_at: Vec::new(),
                        also_in: if speaker == "Sergueï Lavrov" {
                            vec![ArticleId("004_6f84a66b26e0e186".into())]
                        } else {
                            Vec::new()
                        },
                        also_in_count: usize::from(speaker == "Sergueï Lavrov"),
                    });
                }
            }
            out
        })
        .collect()
}

/// A state that lists oldest first, the order these fixtures' tests and snapshots were written
/// for (before newest first became the default).
pub fn oldest_first() -> ReaderState {
    ReaderState {
        sort: Some(crate::corpus::state::Sort::Oldest),
        ..ReaderState::default()
    }
}

pub fn app(w: u16, h: u16) -> App {
    let s = store();
    let q = quotes(&s);
    let mut app = App::new(s, q, oldest_first(), Theme::new(false)).unwrap();
    app.update(Action::Resize(w, h));
    app
}

/// A corpus for the Quotes and Speakers views: the same words printed by three outlets (linked,
/// as loading links them), an anonymous source, an interview answer, a guessed speaker, dates over
/// several months, and an alias file.
pub fn views_store() -> Store {
    Store::from_files(Origin::Embedded, views_files())
}

/// The files of [`views_store`].
pub fn views_files() -> Vec<(String, Vec<u8>)> {
    let file = |name: &str, date: &str, source: &str, body: &str| {
        (
            format!("{name}.txt"),
            format!(
                "+++\ntitle = \"{}\"\ndate = {date}\nsource = \"{source}\"\nurl = \"https://example.org/{name}\"\n+++\n{body}",
                title_of(name)
            )
            .into_bytes(),
        )
    };
    vec![
        file(
            "r1",
            "2025-03-02",
            "Le Relais",
            "« Nous ne céderons rien sur la souveraineté de nos trois pays », a déclaré Moussa Keïta.\n\nSelon un diplomate, la route de Gao sera rouverte avant l’été.",
        ),
        file(
            "r2",
            "2025-03-01",
            "Sahel Hebdo",
            "« Nous ne céderons rien sur la souveraineté de nos trois pays », a déclaré Moussa Keïta.\n\n« Les routes du nord restent fermées », a ajouté un responsable local.",
        ),
        file(
            "r3",
            "2025-05-10",
            "Radio Dune",
            "« Nous ne céderons rien sur la souveraineté de nos trois pays », a déclaré Moussa Keïta.",
        ),
        file(
            "r4",
            "2024-11-20",
            "Radio Dune",
            "Radio Dune : Le dialogue est-il rompu ?\n\nAwa Traoré : Le dialogue reste possible, personne ne l’a rompu, et nous attendons une date pour la prochaine rencontre des ministres.\n\nElle a parlé de « la patience des trois capitales ».",
        ),
        file(
            "r5",
            "2025-02-14",
            "Radio Dune",
            "« La porte reste ouverte », a redit Awa Traoré.",
        ),
        (
            "people.toml".into(),
            b"[[person]]\nname = \"Moussa Ke\xc3\xafta\"\naliases = [\"Moussa Keita\"]\n".to_vec(),
        ),
    ]
}

fn title_of(name: &str) -> &'static str {
    match name {
        "r1" => "Sahel : la souveraineté d’abord",
        "r2" => "Les routes du nord fermées",
        "r3" => "Moussa Keïta à la radio",
        "r5" => "La porte reste ouverte",
        _ => "Entretien avec Awa Traoré",
    }
}

/// The quotes of [`views_store`], made by hand (the quote engine is not under test here).
pub fn views_quotes(store: &Store) -> Vec<Vec<Quote>> {
    let reprinted = "Nous ne céderons rien sur la souveraineté de nos trois pays";
    let ids: Vec<ArticleId> = store
        .articles()
        .iter()
        .filter(|a| a.body.contains(reprinted))
        .map(|a| a.id.clone())
        .collect();
    let said = [
        (
            reprinted,
            "Moussa Keïta",
            QuoteKind::Direct,
            Confidence::High,
        ),
        (
            "la route de Gao sera rouverte avant l’été",
            "un diplomate",
            QuoteKind::Unmarked,
            Confidence::High,
        ),
        (
            "Les routes du nord restent fermées",
            "un responsable local",
            QuoteKind::Direct,
            Confidence::Medium,
        ),
        (
            "Le dialogue reste possible, personne ne l’a rompu, et nous attendons une date pour la prochaine rencontre des ministres.",
            "Awa Traoré",
            QuoteKind::Interview,
            Confidence::High,
        ),
        (
            "la patience des trois capitales",
            "Awa Traoré",
            QuoteKind::Partial,
            Confidence::Low,
        ),
        (
            "La porte reste ouverte",
            "Awa Traoré",
            QuoteKind::Direct,
            Confidence::High,
        ),
    ];
    store
        .articles()
        .iter()
        .map(|a| {
            said.iter()
                .filter_map(|&(text, speaker, kind, confidence)| {
                    let start = a.body.find(text)?;
                    let also_in: Vec<ArticleId> = if text == reprinted {
                        ids.iter().filter(|id| **id != a.id).cloned().collect()
                    } else {
                        Vec::new()
                    };
                    Some(Quote {
                        text: text.into(),
                        kind,
                        speaker: Some(speaker.into()),
                        evidence: Some(Evidence {
                            cue: "a déclaré".into(),
                            confidence,
                        }),
                        field: Field::Body,
                        span: start..start + text.len(),
                        sentence: start..start + text.len(),
                        also_at: Vec::new(),
                        also_in_count: also_in.len(),
                        also_in,
                    })
                })
                .collect()
        })
        .collect()
}

/// A reader over [`views_store`] at `w`x`h`, its quotebook built.
pub fn views_app(w: u16, h: u16) -> App {
    let s = views_store();
    let q = views_quotes(&s);
    let mut app = App::new(s, q, oldest_first(), Theme::new(false)).unwrap();
    app.update(Action::Resize(w, h));
    app.settle();
    app
}
