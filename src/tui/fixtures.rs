//! Test fixtures for the terminal layer: a small corpus under our control, hand-made quotes for it,
//! and a reader over them at a given size.

use crate::corpus::article::ArticleId;
use crate::corpus::quote::{Field, Quote, QuoteKind};
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

pub fn app(w: u16, h: u16) -> App {
    let s = store();
    let q = quotes(&s);
    let mut app = App::new(s, q, ReaderState::default(), Theme::new(false)).unwrap();
    app.update(Action::Resize(w, h));
    app
}
