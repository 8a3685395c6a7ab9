//! Reported speech whose marks were lost, and interview answers.

use super::*;

#[test]
fn reported_speech_without_marks_is_unmarked() {
    let q = quotes_of(
        "Titre\n\nLa coopération militaire se poursuivra dans les mois à venir, a assuré la ministre Aïssata Diallo lors de sa visite.\n\nLe Mali, le Niger et le Burkina Faso se sont retirés de la Cédéao, accusant l’organisation de les abandonner.",
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        q[0].0,
        "La coopération militaire se poursuivra dans les mois à venir"
    );
    assert_eq!(q[0].1.as_deref(), Some("Aïssata Diallo"));
    assert_eq!(q[0].2, QuoteKind::Unmarked);
}

#[test]
fn a_subject_and_its_verb_before_a_comma_are_not_reported_speech() {
    let q = quotes_of(
        "Titre\n\nLe ministre russe de la Défense, Andreï Martov, a salué l’initiative de ses partenaires africains.",
    );
    assert!(q.is_empty(), "{q:?}");
}

#[test]
fn interview_answers_are_quotes_and_questions_are_not() {
    let q = quotes_of(
        "Titre\n\nEntretien avec la chercheuse Nadia Adam.\n\nRFI : Que change cet accord pour les civils du Sahel ?\n\nNadia Adam : Il change peu de choses pour les habitants des zones rurales.\n\nLes villes, elles, voient les effets plus vite.\n\nRFI : Et pour les réfugiés qui attendent ?\n\nNadia Adam : Leur retour prendra encore des années, malheureusement.",
    );
    let answers: Vec<&str> = q
        .iter()
        .filter(|(_, _, k)| *k == QuoteKind::Interview)
        .map(|(t, _, _)| t.as_str())
        .collect();
    assert_eq!(
        answers,
        [
            "Il change peu de choses pour les habitants des zones rurales.",
            "Les villes, elles, voient les effets plus vite.",
            "Leur retour prendra encore des années, malheureusement."
        ]
    );
    assert!(q.iter().all(|(_, s, _)| s.as_deref() == Some("Nadia Adam")));
}

#[test]
fn unmarked_speech_to_a_news_agency_from_anonymous_sources_stays_anonymous() {
    let q = quotes_of(
        "Titre\n\nAmadou Diallo est arrivé à Mopti. Plusieurs villages du cercle ont été attaqués dans la nuit de vendredi, ont indiqué samedi à l’AFP des sources sécuritaires.",
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].2, QuoteKind::Unmarked);
    assert_eq!(q[0].1.as_deref(), Some("des sources sécuritaires"));
}

#[test]
fn unmarked_speech_with_a_long_subject_after_the_verb_names_the_person_in_it() {
    let q = pairs(
        "Titre\n\nLes élections se tiendront à la date prévue malgré les difficultés, a déclaré le porte-parole du gouvernement Abdoulaye Maïga.",
    );
    assert_eq!(
        q,
        [said(
            "Les élections se tiendront à la date prévue malgré les difficultés",
            "Abdoulaye Maïga"
        )]
    );
}

#[test]
fn a_speech_verb_in_the_middle_gives_the_clause_after_it() {
    let q = quotes_of(
        "Titre\n\nAussi, indique Fanta Diarra, les syndicats ont été reçus trois fois sans résultat concret.",
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        q[0].0,
        "les syndicats ont été reçus trois fois sans résultat concret."
    );
    assert_eq!(q[0].1.as_deref(), Some("Fanta Diarra"));
    assert_eq!(q[0].2, QuoteKind::Unmarked);
}

#[test]
fn answers_of_an_interview_without_labels_are_the_interviewees() {
    let q = quotes_of(
        "Entretien avec l’économiste Binta Sow\n\nL’économiste Binta Sow a répondu à nos questions sur la monnaie commune.\n\nLa monnaie commune verra-t-elle le jour ?\n\nElle finira par voir le jour, mais pas avant une décennie de convergence.\n\nQue change le retrait des trois pays ?\n\nIl complique les échanges, surtout pour les commerçants des zones frontalières.",
    );
    let answers: Vec<&(String, Option<String>, QuoteKind)> = q
        .iter()
        .filter(|(_, _, k)| *k == QuoteKind::Interview)
        .collect();
    assert_eq!(answers.len(), 2, "{q:?}");
    assert!(
        answers
            .iter()
            .all(|(_, s, _)| s.as_deref() == Some("Binta Sow"))
    );
    assert!(!q.iter().any(|(t, _, _)| t.ends_with('?')));
}
