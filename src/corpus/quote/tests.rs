//! Quote engine tests, one per pattern, on French paragraphs written for them (none from the seeds).

use super::*;
use crate::corpus::article::ArticleId;
use crate::corpus::ingest::ingest;
use crate::corpus::store::{Origin, Store};

fn quotes_of(text: &str) -> Vec<(String, Option<String>, QuoteKind)> {
    let article = ingest("t.txt", text.as_bytes()).expect("ingests").article;
    extract_article(&article, &Aliases::default())
        .into_iter()
        .map(|q| (q.text, q.speaker, q.kind))
        .collect()
}

fn pairs(text: &str) -> Vec<(String, Option<String>)> {
    quotes_of(text)
        .into_iter()
        .map(|(t, s, _)| (t, s))
        .collect()
}

fn said(text: &str, speaker: &str) -> (String, Option<String>) {
    (text.to_owned(), Some(speaker.to_owned()))
}

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
fn the_same_quote_in_title_and_body_is_one_quote_with_two_places() {
    let article = ingest("t.txt", "Diop : « Nous resterons unis face aux menaces »\n\nLe ministre Abdoulaye Diop a parlé. « Nous resterons unis face aux menaces », a-t-il déclaré.".as_bytes()).unwrap().article;
    let q = extract_article(&article, &Aliases::default());
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].field, Field::Body);
    assert_eq!(q[0].also_at.len(), 1);
    assert_eq!(q[0].speaker.as_deref(), Some("Abdoulaye Diop"));
}

#[test]
fn a_headline_quote_takes_the_speaker_of_the_body_quote_it_summarises() {
    let article = ingest("t.txt", "Le Mali veut « une armée plus forte »\n\nLe président Assimi Goïta a parlé. « Nous voulons une armée plus forte et mieux équipée », a-t-il déclaré.".as_bytes()).unwrap().article;
    let q = extract_article(&article, &Aliases::default());
    assert_eq!(q[0].field, Field::Title);
    assert_eq!(q[0].speaker.as_deref(), Some("Assimi Goïta"));
}

#[test]
fn aliases_give_one_spelling_across_articles() {
    let aliases = Aliases::parse(
        "[[person]]\nname = \"Andreï Biélooussov\"\naliases = [\"Andrei Belousov\"]\n",
    )
    .unwrap();
    let article = ingest(
        "t.txt",
        "Titre\n\n« Nous resterons présents », a déclaré Andrei Belousov.".as_bytes(),
    )
    .unwrap()
    .article;
    let q = extract_article(&article, &aliases);
    assert_eq!(q[0].speaker.as_deref(), Some("Andreï Biélooussov"));
}

#[test]
fn the_same_quote_in_two_articles_is_linked_despite_small_differences() {
    let store = Store::from_files(
        Origin::Embedded,
        vec![
            ("a.txt".into(), "Titre A\n\n« Notre coopération militaire s’intensifie de jour en jour avec le Mali », a déclaré Sergueï Lavrov.".into()),
            ("b.txt".into(), "Titre B\n\n\"Notre coopération militaire s'intensifie de jour en jour avec le Mali\", a dit Sergueï Lavrov.".into()),
            ("c.txt".into(), "Titre C\n\n« Rien à voir avec la citation précédente ici », a dit Awa Keïta.".into()),
        ],
    );
    let index = QuoteIndex::build(&store);
    let a = &index.quotes(&ArticleId("a".into()))[0];
    assert_eq!(a.also_in, [ArticleId("b".into())]);
    assert!(index.quotes(&ArticleId("c".into()))[0].also_in.is_empty());
}

#[test]
fn a_quote_reprinted_widely_names_the_first_articles_and_counts_them_all() {
    let files = (0..100)
        .map(|i| {
            (
                format!("a{i:03}.txt"),
                format!("Titre {i}\n\n« Notre coopération militaire s’intensifie de jour en jour avec le Mali », a déclaré Sergueï Lavrov.").into_bytes(),
            )
        })
        .collect();
    let store = Store::from_files(Origin::Embedded, files);
    let index = QuoteIndex::build(&store);
    let q = &index.quotes(&ArticleId("a050".into()))[0];
    assert_eq!(q.also_in_count, 99);
    assert_eq!(q.also_in.len(), MAX_ALSO_IN);
    assert_eq!(q.also_in[0], ArticleId("a000".into()));
    assert!(!q.also_in.contains(&ArticleId("a050".into())));
}

#[test]
fn links_compare_each_distinct_text_once_and_skip_same_article_copies() {
    let long = word_hashes("notre coopération militaire s’intensifie de jour en jour");
    let close =
        word_hashes("notre coopération militaire s’intensifie de jour en jour avec le Mali");
    let other = word_hashes("rien à voir avec la citation précédente ici");
    let mut linker = Linker::default();
    linker.add(0, 0, &long);
    linker.add(0, 1, &long);
    linker.add(1, 0, &close);
    linker.add(2, 0, &other);
    let got = linker.finish();
    let others: Vec<(u64, usize, Vec<u64>)> = got
        .iter()
        .map(|l| (l.article, l.quote, l.others.clone()))
        .collect();
    assert_eq!(
        others,
        [(0, 0, vec![1]), (0, 1, vec![1]), (1, 0, vec![0])],
        "{got:?}"
    );
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

// Issue 13: one test per pattern, on sentences written for them.

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
fn a_headline_section_label_is_not_a_speaker() {
    let q = pairs(
        "Diplomatie : « Le dialogue reste la seule voie possible », Moussa Faki\n\nLe président de la Commission, Moussa Faki, s’est exprimé à Addis-Abeba.",
    );
    assert_eq!(
        q,
        [said(
            "Le dialogue reste la seule voie possible",
            "Moussa Faki"
        )]
    );
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

#[test]
fn an_impersonal_on_is_an_unspecified_source_never_a_name() {
    let q = quotes_of(
        "Titre\n\nLe maire Paul Diallo est arrivé hier. La séance photo est prévue à midi avec la presse locale, fait-on savoir.",
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("source non précisée"));
}
