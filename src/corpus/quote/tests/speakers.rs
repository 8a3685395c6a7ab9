//! Speakers: the cues that name them and how pronouns, roles, organisation nouns, short forms
//! and anonymous sources are resolved, with the evidence and confidence given.

use super::*;

#[test]
fn selon_and_d_apres_frames_name_the_source() {
    let q = pairs(
        "Titre\n\nSelon Fatoumata Coulibaly, « la situation reste tendue dans le nord ». D’après Salif Traoré, « les routes sont coupées depuis lundi ».",
    );
    assert_eq!(
        q,
        [
            said(
                "la situation reste tendue dans le nord",
                "Fatoumata Coulibaly"
            ),
            said("les routes sont coupées depuis lundi", "Salif Traoré")
        ]
    );
}

#[test]
fn a_speaker_and_colon_before_the_quote_attribute_it() {
    let q = pairs(
        "Titre\n\nLe colonel Abdoulaye Maïga a déclaré : « La transition ira à son terme. »\n\nOumar Diarra : « Les élections auront lieu à la date prévue. »",
    );
    assert_eq!(q[0].1.as_deref(), Some("Abdoulaye Maïga"));
    assert_eq!(q[1].1.as_deref(), Some("Oumar Diarra"));
}

#[test]
fn a_narrative_infinitive_continues_the_speaker() {
    let q = pairs(
        "Titre\n\nLe ministre Mahamadou Sanogo a défendu le budget. Et d’assurer : « Aucune école ne fermera cette année. »",
    );
    assert_eq!(
        q,
        [said(
            "Aucune école ne fermera cette année.",
            "Mahamadou Sanogo"
        )]
    );
}

#[test]
fn pronouns_point_back_to_the_last_speaker() {
    let q = pairs(
        "Titre\n\nLe Premier ministre Choguel Maïga a pris la parole devant les députés. « Nous ne céderons à aucune pression extérieure », a-t-il martelé.",
    );
    assert_eq!(
        q,
        [said(
            "Nous ne céderons à aucune pression extérieure",
            "Choguel Maïga"
        )]
    );
}

#[test]
fn a_pronoun_skips_a_name_in_a_complement() {
    let q = pairs(
        "Titre\n\nLe général Moussa Diawara a transmis les salutations du président de la transition, Assimi Goïta. Il a aussi salué « le courage des soldats tombés au front ».",
    );
    assert_eq!(
        q,
        [said(
            "le courage des soldats tombés au front",
            "Moussa Diawara"
        )]
    );
}

#[test]
fn role_nouns_resolve_through_appositions() {
    let q = pairs(
        "Titre\n\nBassolma Bazié, ministre burkinabè de la Fonction publique, a reçu les syndicats. « Le dialogue social reste notre priorité », a souligné le ministre burkinabè.",
    );
    assert_eq!(
        q,
        [said(
            "Le dialogue social reste notre priorité",
            "Bassolma Bazié"
        )]
    );
    let q = pairs(
        "Titre\n\nLe chef de la diplomatie nigérienne, Bakary Yaou Sangaré, était à Alger. « Nos frontières restent ouvertes », a affirmé le ministre nigérien.",
    );
    assert_eq!(
        q,
        [said(
            "Nos frontières restent ouvertes",
            "Bakary Yaou Sangaré"
        )]
    );
}

#[test]
fn a_role_without_a_name_stays_a_description() {
    let q = pairs(
        "Titre\n\nAbdoulaye Diop, ministre malien des Affaires étrangères, était présent. « La coopération régionale doit reprendre », a déclaré le ministre tchadien des Affaires étrangères.",
    );
    assert_eq!(
        q[0].1.as_deref(),
        Some("le ministre tchadien des Affaires étrangères")
    );
}

#[test]
fn short_forms_resolve_to_the_full_name() {
    let q = pairs(
        "Titre\n\nKarim Keïta est arrivé à Dakar.\n\n« Le pays avance », a déclaré M. Keïta. « Nous restons vigilants », a ajouté KEÏTA.",
    );
    assert!(
        q.iter().all(|(_, s)| s.as_deref() == Some("Karim Keïta")),
        "{q:?}"
    );
}

#[test]
fn anonymous_sources_stay_anonymous() {
    let q = pairs(
        "Titre\n\nLe président Assimi Goïta n’a pas parlé. « Il ne reculera pas sur ce dossier », a confié un proche du président Assimi Goïta. « La décision est prise », a ajouté une source sécuritaire.",
    );
    assert_eq!(
        q[0].1.as_deref(),
        Some("un proche du président Assimi Goïta")
    );
    assert_eq!(q[1].1.as_deref(), Some("une source sécuritaire"));
}

#[test]
fn a_paragraph_opening_with_a_quote_continues_the_previous_speaker() {
    let q = pairs(
        "Titre\n\nSelon le ministre Mahamane Issa, les routes seront réparées.\n\n« Nous avons les moyens de le faire », avec l’appui de « nos partenaires ».",
    );
    assert!(
        q.iter().all(|(_, s)| s.as_deref() == Some("Mahamane Issa")),
        "{q:?}"
    );
}

#[test]
fn a_quote_in_plain_narration_has_no_speaker() {
    let q = pairs(
        "Titre\n\nAbdoulaye Diop a parlé hier.\n\nLes trois pays ont quitté l’organisation, qu’ils jugent devenue « une menace pour la région entière ».",
    );
    assert_eq!(q, [("une menace pour la région entière".to_owned(), None)]);
}

#[test]
fn a_passive_agent_after_the_quote_is_the_speaker() {
    let q = pairs(
        "Titre\n\nLes discussions avec Ahmed Attaf ont été jugées « très constructives et franches » par Abdoulaye Diop.",
    );
    assert_eq!(
        q,
        [said("très constructives et franches", "Abdoulaye Diop")]
    );
}

#[test]
fn shouted_words_in_a_list_are_quotes_of_an_anonymous_crowd() {
    let q = pairs(
        "Titre\n\nDevant le siège du parti, « Vendu ! », « Démission ! », ont crié des manifestants en colère.",
    );
    let texts: Vec<&str> = q.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(texts, ["Vendu !", "Démission !"], "{q:?}");
    for (_, s) in &q {
        let s = s.as_deref().unwrap_or("des");
        assert!(s.starts_with("des"), "{s}");
    }
}

#[test]
fn a_verb_the_lexicon_does_not_know_still_attributes_after_a_quote() {
    let q = pairs(
        "Titre\n\n« On n’a jamais vu une saison pareille », sourit Karim Benali. « Le travail finit toujours par payer », philosophe-t-il.",
    );
    assert!(
        q.iter().all(|(_, s)| s.as_deref() == Some("Karim Benali")),
        "{q:?}"
    );
}

#[test]
fn a_speaker_named_in_the_next_sentence_is_the_speaker() {
    let q = pairs(
        "Titre\n\nLe ministre tchadien des Affaires étrangères, Mahamat Abdelkerim, était à Paris. « Nous ne céderons sur rien. » C’est la réponse du ministre tchadien aux critiques de l’opposition.",
    );
    assert_eq!(
        q,
        [said("Nous ne céderons sur rien.", "Mahamat Abdelkerim")]
    );
}

#[test]
fn organisation_nouns_point_back_to_the_organisation_that_spoke() {
    let q = pairs(
        "Titre\n\nLa CFTC a estimé que « le dialogue social est rompu ». « Nous irons jusqu’au bout », a ajouté la centrale dans un communiqué.",
    );
    assert_eq!(
        q,
        [
            said("le dialogue social est rompu", "CFTC"),
            said("Nous irons jusqu’au bout", "CFTC")
        ]
    );
}

#[test]
fn an_institution_with_a_capitalized_name_is_the_speaker() {
    let q = pairs(
        "Titre\n\n« Les sanctions seront levées par étapes », a annoncé la Commission de l’Uemoa. Selon le Kremlin, « la coopération se poursuivra ».",
    );
    assert_eq!(q[0].1.as_deref(), Some("Commission de l’Uemoa"), "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("Kremlin"), "{q:?}");
}

#[test]
fn a_pronoun_for_an_organisation_points_to_it() {
    let q = pairs(
        "Titre\n\nLa Ligue des droits de l’homme a publié un rapport mardi. « Les disparitions forcées se multiplient », cite-t-elle.",
    );
    assert_eq!(
        q[0].1.as_deref(),
        Some("Ligue des droits de l’homme"),
        "{q:?}"
    );
}

#[test]
fn a_bare_role_noun_points_to_the_person_the_article_is_about() {
    let q = pairs(
        "Titre\n\nLa procureure de Lyon, Hélène Garnier, a tenu une conférence de presse. « L’enquête avance vite », a souligné la magistrate. « Rien n’est exclu à ce stade », a ajouté l’entraîneur du club local.",
    );
    assert_eq!(q[0].1.as_deref(), Some("Hélène Garnier"), "{q:?}");
    // A role with its own complement is someone else, and stays a description.
    assert_eq!(
        q[1].1.as_deref(),
        Some("l’entraîneur du club local"),
        "{q:?}"
    );
}

#[test]
fn a_first_name_alone_is_the_person_of_that_name() {
    let q = pairs(
        "Titre\n\nFranck Lemoine dirige l’usine depuis dix ans. « On tiendra », insiste Franck.",
    );
    assert_eq!(q, [said("On tiendra", "Franck Lemoine")]);
}

#[test]
fn pronouns_follow_a_chain_across_sentences() {
    let q = pairs(
        "Titre\n\nAïcha Bah a quitté le parti en mars. Elle a ensuite fondé son propre mouvement. « Je ne regrette rien », a-t-elle confié.",
    );
    assert_eq!(q, [said("Je ne regrette rien", "Aïcha Bah")]);
}

#[test]
fn a_pronoun_skips_the_object_of_the_sentence() {
    let q = pairs(
        "Titre\n\nLe général Oumar Traoré a reçu Seydou Keita au palais. « Le calme est revenu dans la région », a-t-il affirmé.",
    );
    assert_eq!(
        q,
        [said("Le calme est revenu dans la région", "Oumar Traoré")]
    );
}

#[test]
fn the_previous_speaker_is_carried_only_within_the_paragraph() {
    let q = pairs(
        "Titre\n\n« Nous voulons la paix », a déclaré Ibrahim Sy. « Elle viendra ».\n\nLe texte change de sujet ici.\n\nLes habitants, eux, attendent. Certains parlent d’une « paix des braves » sans y croire.",
    );
    assert_eq!(q[0].1.as_deref(), Some("Ibrahim Sy"));
    assert_eq!(q[1].1.as_deref(), Some("Ibrahim Sy"));
    assert!(q.len() == 2 || q[2].1.is_none(), "{q:?}");
}

#[test]
fn a_name_in_a_relative_clause_speaks_for_its_own_verb_only() {
    let q = pairs(
        "Titre\n\nLe syndicat a répondu aux propos de Jean Morel qui estimait qu’il fallait « tourner la page ». La CGT a jugé qu’il fallait « continuer le combat ».",
    );
    assert_eq!(
        q,
        [
            said("tourner la page", "Jean Morel"),
            said("continuer le combat", "CGT")
        ]
    );
}

#[test]
fn a_group_that_acts_is_not_a_speaker() {
    let q = pairs(
        "Titre\n\nDes jihadistes ont attaqué le camp de Boni dans la nuit. « Nous avons repoussé l’assaut », a déclaré un officier de l’armée.",
    );
    assert_eq!(
        q,
        [(
            "Nous avons repoussé l’assaut".to_owned(),
            Some("un officier de l’armée".to_owned())
        )]
    );
}

#[test]
fn anonymous_sources_are_never_given_the_nearest_name() {
    for source in [
        "un habitant",
        "une source sécuritaire",
        "un haut responsable",
        "plusieurs témoins",
        "deux élus locaux",
    ] {
        let q = pairs(&format!(
            "Titre\n\nLe gouverneur Adama Coulibaly est arrivé à Gao. « La ville est encerclée depuis trois jours », a confié {source}. « Personne ne peut sortir », a-t-il ajouté."
        ));
        for (_, s) in &q {
            let s = s.as_deref().unwrap_or("");
            assert!(!s.contains("Coulibaly"), "{source}: {q:?}");
        }
    }
}

#[test]
fn every_speaker_carries_evidence_and_a_confidence() {
    let article = ingest(
        "t.txt",
        "Titre\n\nLe ministre malien Moussa Diarra a parlé. « Nous tiendrons », a-t-il dit. « Rien ne change », a ajouté Moussa Diarra. « Le reste suivra ».".as_bytes(),
    )
    .unwrap()
    .article;
    let q = extract_article(&article, &Aliases::default());
    assert_eq!(q.len(), 3, "{q:?}");
    for quote in &q {
        let e = quote.evidence.as_ref().expect("a speaker has evidence");
        assert!(!e.cue.is_empty());
    }
    assert_eq!(
        q[0].evidence.as_ref().unwrap().confidence,
        Confidence::Medium
    );
    assert!(q[0].evidence.as_ref().unwrap().cue.contains("pronoun"));
    assert_eq!(q[1].evidence.as_ref().unwrap().confidence, Confidence::High);
    assert!(
        q[2].evidence
            .as_ref()
            .unwrap()
            .cue
            .contains("previous quote")
    );
}

#[test]
fn an_object_pronoun_may_stand_before_an_inverted_verb() {
    let q = pairs(
        "Titre\n\nLe joueur Karim Benali a parlé après le match. « C’est ma façon de jouer », nous a-t-il dit. « Je ne changerai pas », m’a-t-il confié.",
    );
    assert!(
        q.iter().all(|(_, s)| s.as_deref() == Some("Karim Benali")),
        "{q:?}"
    );
    assert_eq!(q.len(), 2);
}

#[test]
fn an_impersonal_on_is_an_unspecified_source_never_a_name() {
    let q = quotes_of(
        "Titre\n\nLe maire Paul Diallo est arrivé hier. La séance photo est prévue à midi avec la presse locale, fait-on savoir.",
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("source non précisée"));
}
