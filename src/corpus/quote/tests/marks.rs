//! Quotes in marks: every style of mark and pairing, quotes over several paragraphs, incises,
//! sentences, and terms that are not quotes.

use super::*;

#[test]
fn guillemets_pair_with_any_space_or_none() {
    let q = pairs(
        "Titre\n\nAminata Touré a parlé. «\u{a0}Nous tiendrons bon\u{a0}», a-t-elle dit. «\u{202f}Rien ne change\u{202f}», a-t-elle ajouté. «Tout reste ouvert», a-t-elle conclu.",
    );
    let texts: Vec<&str> = q.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        texts,
        ["Nous tiendrons bon", "Rien ne change", "Tout reste ouvert"]
    );
    assert!(q.iter().all(|(_, s)| s.as_deref() == Some("Aminata Touré")));
}

#[test]
fn curly_low_angle_straight_and_mixed_marks_all_count() {
    let q = pairs(
        "Titre\n\n“La paix est possible”, a déclaré Ousmane Sonko. „Le dialogue continue“, a ajouté Ousmane Sonko. ‹ Nous verrons demain ›, a dit Ousmane Sonko. \"Le calme revient\", a assuré Ousmane Sonko. “Un accord est proche », a estimé Ousmane Sonko.",
    );
    let texts: Vec<&str> = q.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        texts,
        [
            "La paix est possible",
            "Le dialogue continue",
            "Nous verrons demain",
            "Le calme revient",
            "Un accord est proche"
        ]
    );
}

#[test]
fn nested_marks_stay_inside_one_quote() {
    let q = pairs(
        "Titre\n\n« Ils parlent de “souveraineté” sans la définir », a regretté Ismaël Wagué.",
    );
    assert_eq!(
        q,
        [said(
            "Ils parlent de “souveraineté” sans la définir",
            "Ismaël Wagué"
        )]
    );
}

#[test]
fn a_quote_reopened_on_the_next_paragraph_keeps_its_speaker() {
    let q = pairs(
        "Titre\n\nLe discours a duré une heure.\n\n« Nous avons reconstruit l’armée et repris le contrôle du territoire.\n\n« Nous ne reviendrons pas en arrière », a conclu Choguel Maïga.",
    );
    assert_eq!(q.len(), 2);
    assert!(
        q.iter().all(|(_, s)| s.as_deref() == Some("Choguel Maïga")),
        "{q:?}"
    );
}

#[test]
fn an_incise_inside_the_marks_splits_the_quote() {
    let q = pairs(
        "Titre\n\n« Nous sommes prêts à discuter, explique Moussa Konaté. Mais nous ne cèderons rien sur l’essentiel »",
    );
    assert_eq!(
        q,
        [
            said("Nous sommes prêts à discuter", "Moussa Konaté"),
            said(
                "Mais nous ne cèderons rien sur l’essentiel",
                "Moussa Konaté"
            )
        ]
    );
}

#[test]
fn an_unclosed_mark_stops_at_its_paragraph_but_a_truncated_text_keeps_its_last_quote() {
    let q = pairs(
        "Titre\n\n« Tout va bien », a dit Awa Keïta.\n\nUn « mot ouvert qui ne se referme pas dans ce paragraphe.\n\nLe texte continue normalement ici.\n\n« Une citation tronquée par la page qui ne se ferme jamais",
    );
    assert_eq!(
        q,
        [
            said("Tout va bien", "Awa Keïta"),
            (
                "Une citation tronquée par la page qui ne se ferme jamais".to_owned(),
                None
            )
        ]
    );
}

#[test]
fn scare_quoted_terms_are_not_quotes_unless_someone_said_them() {
    let q = pairs(
        "Titre\n\nL’ambassadeur a été déclaré « persona non grata » par les autorités. Les soldats de l’« Africa Corps » sont arrivés. « C’est non », a tranché Amadou Koné.",
    );
    assert_eq!(q, [said("C’est non", "Amadou Koné")]);
}

#[test]
fn captions_hold_no_quotes() {
    let q = pairs(
        "Titre\n\nLe texte, une phrase complète ici.\n\n« Le grand jour » à Bamako © AFP\n\nLa suite du texte, une phrase.",
    );
    assert!(q.is_empty(), "{q:?}");
}

#[test]
fn spans_slice_back_to_the_quote_text() {
    let article = ingest("t.txt", "L’AES a « la même définition »\n\n« Été, hiver », a dit Zoé Kaboré. Selon elle, « l’État s’engage ».".as_bytes()).unwrap().article;
    for q in extract_article(&article, &Aliases::default()) {
        let text = match q.field {
            Field::Title => &article.meta.title,
            Field::Body => &article.body,
        };
        assert_eq!(&text[q.span.clone()], q.text);
    }
}

#[test]
fn doubled_sentence_marks_before_a_capital_do_not_break_sentence_splitting() {
    for text in [
        "Il est parti.. Le lendemain, « nous reviendrons », a déclaré le ministre.",
        "Pourquoi ?. Personne ne sait, a affirmé Moussa Traoré devant la presse.",
        "« Nous tiendrons ! ». Le ministre a ensuite quitté la salle sans un mot.",
    ] {
        let quotes = quotes_of(&format!("Un titre\n\n{text}"));
        assert!(
            quotes.iter().all(|(q, _, _)| text.contains(q.as_str())),
            "{text}"
        );
    }
}

#[test]
fn a_quote_closed_with_an_opening_guillemet_still_ends_there() {
    let q = pairs(
        "Titre\n\nLe préfet Oumar Sangaré a parlé. Le maire « n’a pas voulu nous écouter« , a déclaré le préfet. La suite du texte est ici.",
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "n’a pas voulu nous écouter");
}

#[test]
fn a_quote_running_over_two_paragraphs_is_one_quote() {
    let q = pairs(
        "Titre\n\nLa présidente Mariam Touré a pris la parole devant la presse.\n\n«Nous avons écrit au gouvernement pour demander l’ouverture des frontières.\n\nNous attendons toujours une réponse, et nous ne renoncerons pas.»\n\nLa réunion s’est terminée tard.",
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert!(q[0].0.starts_with("Nous avons écrit") && q[0].0.ends_with("ne renoncerons pas."));
    assert_eq!(q[0].1.as_deref(), Some("Mariam Touré"));
}

#[test]
fn straight_quotes_glued_to_the_words_around_them_still_pair() {
    let q = pairs(
        "Titre\n\nLe porte-parole Issa Maïga a démenti toute crise.\"Le pays est calme et les institutions fonctionnent\", a-t-il poursuivi.Il a aussi évoqué un \"malentendu\"avec les voisins.",
    );
    let texts: Vec<&str> = q.iter().map(|(t, _)| t.as_str()).collect();
    assert!(
        texts.contains(&"Le pays est calme et les institutions fonctionnent"),
        "{q:?}"
    );
    assert!(
        q.iter().all(|(_, s)| s.as_deref() == Some("Issa Maïga")),
        "{q:?}"
    );
}

#[test]
fn doubled_angle_marks_stand_for_guillemets() {
    let q = pairs(
        "Titre\n\nLe ministre Paul Ouédraogo répond ‹‹ Nous n’avons rien à cacher sur ce dossier ›› a-t-il dit. Il ajoute <<La transparence reste la règle pour tous>>, a-t-il insisté.",
    );
    let texts: Vec<&str> = q.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Nous n’avons rien à cacher sur ce dossier",
            "La transparence reste la règle pour tous"
        ]
    );
    assert!(
        q.iter()
            .all(|(_, s)| s.as_deref() == Some("Paul Ouédraogo")),
        "{q:?}"
    );
}

#[test]
fn a_nested_quote_inside_a_quote_stays_in_it() {
    let q = pairs(
        "Titre\n\n« Le peuple nous a dit « assez » et nous l’avons entendu », a déclaré Salif Konaté.",
    );
    assert_eq!(
        q,
        [said(
            "Le peuple nous a dit « assez » et nous l’avons entendu",
            "Salif Konaté"
        )]
    );
}

#[test]
fn short_fragments_are_quotes_when_the_sentence_attributes_them() {
    let q = pairs(
        "Titre\n\nLa Cédéao s’est dite « déçue » par le report. Le ministre Ali Touré a dénoncé des « provocations ». Les rebelles ont été qualifiés de « hordes de criminels » par Ali Touré.",
    );
    let texts: Vec<&str> = q.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        texts,
        ["déçue", "provocations", "hordes de criminels"],
        "{q:?}"
    );
    assert_eq!(q[0].1.as_deref(), Some("Cédéao"));
    assert_eq!(q[1].1.as_deref(), Some("Ali Touré"));
    assert_eq!(q[2].1.as_deref(), Some("Ali Touré"));
}

#[test]
fn an_incise_with_a_period_inside_the_marks_splits_the_quote() {
    let q = pairs(
        "Titre\n\nLe syndicaliste Marc Dubois a été reçu hier. « Nous ne voulons pas la guerre avec la direction, a-t-il rappelé. Chacun doit faire un pas vers l’autre ».",
    );
    assert_eq!(
        q,
        [
            said(
                "Nous ne voulons pas la guerre avec la direction",
                "Marc Dubois"
            ),
            said("Chacun doit faire un pas vers l’autre", "Marc Dubois")
        ]
    );
}

#[test]
fn an_incise_with_adverbs_between_commas_splits_the_quote() {
    let q = pairs(
        "Titre\n\nLa secrétaire générale Claire Martin a parlé. « Les salaires doivent suivre les prix, a tout de même, ensuite, martelé la syndicaliste. Sinon la grève reprendra »",
    );
    let texts: Vec<&str> = q.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Les salaires doivent suivre les prix",
            "Sinon la grève reprendra"
        ]
    );
    assert!(
        q.iter().all(|(_, s)| s.as_deref() == Some("Claire Martin")),
        "{q:?}"
    );
}

#[test]
fn a_closing_curly_mark_used_to_open_still_opens() {
    let q = pairs(
        "Titre\n\nL’analyste Oumar Sy a résumé la situation en ces termes: ” Les groupes armés avancent vers le sud du pays ”, a-t-il expliqué.",
    );
    assert_eq!(
        q,
        [said(
            "Les groupes armés avancent vers le sud du pays",
            "Oumar Sy"
        )]
    );
}
