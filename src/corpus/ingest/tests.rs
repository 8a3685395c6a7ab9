//! Ingest rules, each on a small made-up article (the seeds are tested against gold in `tests/`).

use super::line::{Line, WORD_CAP, more_words_than};
use super::rules::{Verdict, judge};
use super::*;
use crate::corpus::article::BlockKind;
use crate::corpus::text::{fold, word_count, word_count_up_to};

fn read(text: &str) -> Article {
    ingest("x.txt", text.as_bytes()).expect("ingests").article
}

fn texts(a: &Article) -> Vec<(&'static str, &str)> {
    a.blocks
        .iter()
        .map(|b| (b.kind.name(), a.block_text(b)))
        .collect()
}

#[test]
fn front_matter_overrides_detection() {
    let a = read(
        "+++\ntitle = \"Titre donné\"\ndate = 2025-06-02\nsource = \"RFI\"\nauthor = \"Jean Dupont\"\nurl = \"https://www.rfi.fr/a?utm_source=x\"\ntags = [\"Mali\"]\n+++\nTitre détecté\n\nLe corps de l'article, une phrase complète.",
    );
    assert_eq!(a.meta.title, "Titre donné");
    assert_eq!(a.meta.date.unwrap().to_string(), "2025-06-02");
    assert_eq!(a.meta.source.as_deref(), Some("RFI"));
    assert_eq!(a.meta.author.as_deref(), Some("Jean Dupont"));
    assert_eq!(a.meta.url.as_deref(), Some("https://www.rfi.fr/a"));
    assert_eq!(a.meta.tags, ["Mali"]);
    // Front matter gave the title, so the first line stays body text.
    assert_eq!(texts(&a)[0].1, "Titre détecté");
}

#[test]
fn bad_front_matter_is_a_warning_not_a_rejection() {
    let done = ingest(
        "x.txt",
        b"+++\ntitle = \n+++\nTitre\n\nCorps du texte, une phrase.",
    )
    .unwrap();
    assert!(done.warnings.iter().any(|w| w.contains("not valid TOML")));
    assert_eq!(done.article.meta.title, "Titre");
}

#[test]
fn unknown_front_matter_key_is_named() {
    let done = ingest("x.txt", b"+++\nautor = \"X\"\n+++\nTitre\n\nCorps.").unwrap();
    assert!(done.warnings.iter().any(|w| w.contains("`autor`")));
}

#[test]
fn first_line_is_the_title_and_its_duplicate_goes() {
    let a = read(
        "L’AES a « la même définition »\n\nL'AES a \"la même définition\"\n\nLe corps commence ici. Il continue.",
    );
    assert_eq!(a.meta.title, "L’AES a « la même définition »");
    assert_eq!(
        texts(&a),
        [("paragraph", "Le corps commence ici. Il continue.")]
    );
}

#[test]
fn navigation_and_social_lists_are_removed() {
    let a = read(
        "top of page\n  • Facebook\n  • LinkedIn\n\nLe titre\n\nUn paragraphe de texte complet.\n\nbottom of page",
    );
    assert_eq!(a.meta.title, "Le titre");
    assert_eq!(
        texts(&a),
        [("paragraph", "Un paragraphe de texte complet.")]
    );
}

#[test]
fn date_line_and_url_line_become_metadata() {
    let a = read(
        "Le titre\n\n3 avril 2025\n\nhttps://proxy.example:443/https/p.dw.com/p/4sf7z\n\nLe texte de l'article, une phrase.",
    );
    assert_eq!(a.meta.date.unwrap().to_string(), "2025-04-03");
    assert_eq!(a.meta.url.as_deref(), Some("https://p.dw.com/p/4sf7z"));
    assert_eq!(texts(&a).len(), 1);
}

#[test]
fn metadata_header_gives_date_title_and_outlet() {
    let a = read(
        " date 2025-05 Mali : un titre - exemple.ml\n\nPublié le lundi 12 mai 2025\n\nMali : un titre\n\nLe texte, une phrase complète.",
    );
    assert_eq!(a.meta.title, "Mali : un titre");
    assert_eq!(a.meta.source.as_deref(), Some("exemple.ml"));
    assert_eq!(a.meta.date.unwrap().to_string(), "2025-05-12");
    assert_eq!(texts(&a), [("paragraph", "Le texte, une phrase complète.")]);
}

#[test]
fn dates_inside_sentences_are_not_publication_dates() {
    let a = read("Titre\n\nLe 14 août 2025, les ministres se sont réunis à Moscou.");
    assert_eq!(a.meta.date, None);
}

#[test]
fn footer_after_the_middle_is_cut_with_everything_below() {
    let body = "Une phrase du corps de l'article. ".repeat(3);
    let a = read(&format!(
        "Titre\n\n{body}\n\n{body}1\n\n{body}2\n\nComments\n\nAbonnez-vous à notre Newsletter\n\nQui sommes nous?\n\nBienvenue sur Le Journal !\n\nNotre équipe s'engage à vous informer.\n\nPolitique\n\nSports"
    ));
    assert_eq!(a.blocks.len(), 3);
    assert_eq!(a.meta.source.as_deref(), Some("Le Journal"));
}

#[test]
fn footer_words_early_in_the_text_do_not_cut_it() {
    let a = read(
        "Titre\n\nNewsletter\n\nPremière phrase du corps.\n\nDeuxième phrase du corps.\n\nTroisième phrase du corps.",
    );
    assert!(
        a.body
            .ends_with("Deuxième phrase du corps.\n\nTroisième phrase du corps.")
    );
}

#[test]
fn credit_only_lines_go_and_captions_keep_theirs() {
    let a = read(
        "Titre\n\nCrédit photo : DR\n\nLe président à Bamako\nLes trois dirigeantsImage : Jean Photographe/AFP\n\nLe corps de l'article, une phrase.",
    );
    assert_eq!(
        texts(&a),
        [
            ("caption", "Le président à Bamako"),
            (
                "caption",
                "Les trois dirigeantsImage : Jean Photographe/AFP"
            ),
            ("paragraph", "Le corps de l'article, une phrase.")
        ]
    );
}

#[test]
fn a_doubled_paragraph_is_kept_once_as_a_paragraph() {
    let p = "Une longue phrase du corps de l'article qui compte bien plus de vingt-cinq mots, car elle raconte en détail ce que les ministres ont dit à Moscou pendant deux jours de réunions.";
    let a = read(&format!("Titre\n\n{p}\n{p}\n\nSuite."));
    assert_eq!(texts(&a), [("paragraph", p), ("paragraph", "Suite.")]);
}

#[test]
fn repeated_lines_are_one_caption() {
    let a = read(
        "Titre\n\nLe corps, une phrase.\n\nA / B / C © Agence\nA / B / C © Agence\n\nSuite du corps, une phrase.",
    );
    assert_eq!(texts(&a)[1], ("caption", "A / B / C © Agence"));
    assert_eq!(a.blocks.len(), 3);
}

#[test]
fn short_unpunctuated_lines_are_headings() {
    let a = read(
        "Titre\n\nPremier paragraphe, une phrase.\n\nUne coopération prioritaire\n\nDeuxième paragraphe.\n\nOpportunité ou dépendance ?\n\nTroisième paragraphe.",
    );
    let kinds: Vec<&str> = texts(&a).iter().map(|(k, _)| *k).collect();
    assert_eq!(
        kinds,
        ["paragraph", "heading", "paragraph", "heading", "paragraph"]
    );
}

#[test]
fn signature_at_the_end_is_the_author() {
    let a = read("Titre\n\nLe corps de l'article tient en une phrase assez longue.\n\nK. Mamadou");
    assert_eq!(a.meta.author.as_deref(), Some("K. Mamadou"));
    assert_eq!(a.blocks.len(), 1);
}

#[test]
fn author_box_and_portrait_credit_go() {
    let a = read(
        "Titre\n\nLe corps de l'article tient en une phrase assez longue.\n\nDW MA-Bild Jeanne Martin\nJeanne Martin Journaliste au service Afrique",
    );
    assert_eq!(a.meta.author.as_deref(), Some("Jeanne Martin"));
    assert_eq!(a.blocks.len(), 1);
}

#[test]
fn byline_at_the_top_is_the_author() {
    let a = read("Titre\n\nPar Awa Traoré, à Bamako\n\nLe corps de l'article, une phrase.");
    assert_eq!(a.meta.author.as_deref(), Some("Awa Traoré"));
    let b = read("Titre\n\nPar contre, le corps de l'article commence ainsi.");
    assert_eq!(b.meta.author, None);
}

#[test]
fn interview_turns_carry_their_speaker_and_continue() {
    let a = read(
        "Titre\n\nAwa Diallo est sociologue.\n\nRFI : Que pensez-vous de cet accord signé hier ?\n\nAwa Diallo : Il change beaucoup de choses pour le pays.\n\nEt la suite de ma réponse, sans étiquette.\n\nUne autre partie\n\nLe journaliste reprend la narration.",
    );
    let kinds: Vec<String> = a
        .blocks
        .iter()
        .map(|b| match &b.kind {
            BlockKind::Turn { speaker, labelled } => format!("turn:{speaker}:{labelled}"),
            k => k.name().to_owned(),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "paragraph",
            "turn:RFI:true",
            "turn:Awa Diallo:true",
            "turn:Awa Diallo:false",
            "heading",
            "paragraph"
        ]
    );
    assert_eq!(
        a.block_text(&a.blocks[2]),
        "Il change beaucoup de choses pour le pays."
    );
}

#[test]
fn a_headline_with_a_colon_is_not_a_turn() {
    let a = read(
        "Titre\n\nMali : le gouvernement annonce de nouvelles mesures pour la sécurité.\n\nSuite.",
    );
    assert!(
        a.blocks
            .iter()
            .all(|b| !matches!(b.kind, BlockKind::Turn { .. }))
    );
}

#[test]
fn hard_wrapped_paragraphs_are_joined() {
    let a = read(
        "Titre\n\nCeci est un long paragraphe écrit avec des retours à la ligne\nfixes, comme le font certains fichiers Markdown écrits à la main\nAbdoulaye Diop a parlé, puis le texte continue encore un peu ici.\n\nUn second paragraphe qui a lui aussi plusieurs lignes de texte,\npour que la détection voie une forme régulière dans le fichier.",
    );
    assert_eq!(a.blocks.len(), 2);
    assert!(a.block_text(&a.blocks[0]).contains("ligne fixes"));
}

#[test]
fn lowercase_continuation_lines_are_joined() {
    let a = read(
        "Titre\n\nUne phrase coupée au milieu\net reprise à la ligne suivante.\nUne autre phrase complète.",
    );
    assert_eq!(
        texts(&a),
        [
            (
                "paragraph",
                "Une phrase coupée au milieu et reprise à la ligne suivante."
            ),
            ("paragraph", "Une autre phrase complète.")
        ]
    );
}

#[test]
fn empty_and_binary_files_are_rejected() {
    assert_eq!(ingest("x.txt", b"  \n\n").err(), Some(Rejection::Empty));
    assert!(matches!(
        ingest("x.txt", b"abc\0"),
        Err(Rejection::Undecodable(_))
    ));
    assert_eq!(
        ingest("x.txt", b"top of page\n\nbottom of page").err(),
        Some(Rejection::NoBody)
    );
}

#[test]
fn escape_sequences_never_reach_the_article() {
    let done = ingest(
        "x.txt",
        "Titre \u{1b}]0;pwn\u{7}ok\n\nCorps \u{1b}[2J du texte\u{202e}.".as_bytes(),
    )
    .unwrap();
    assert_eq!(done.article.meta.title, "Titre ^[ok");
    assert_eq!(done.article.body, "Corps ^[ du texte.");
    assert!(done.warnings.iter().any(|w| w.contains("escape sequence")));
}

#[test]
fn a_file_of_controls_and_white_space_is_empty() {
    assert_eq!(
        ingest(
            "x.txt",
            "\n\u{1b}[2J\u{7}\u{7}\u{200b} \n\t\u{202e}\n".as_bytes()
        )
        .err(),
        Some(Rejection::Empty)
    );
}

#[test]
fn front_matter_escapes_cannot_smuggle_controls() {
    let done = ingest(
        "x.txt",
        "+++\ntitle = \"Le point \\u001b]0;pwned\\u0007hebdo\\nsur deux lignes\"\nauthor = \"A.\\u202eB\"\ntags = [\"Mali\\u0007\"]\n\"cl\\u001b[5m\" = 1\n+++\nUn corps de texte.".as_bytes(),
    )
    .unwrap();
    let meta = &done.article.meta;
    assert_eq!(meta.title, "Le point ^[hebdo sur deux lignes");
    assert_eq!(meta.author.as_deref(), Some("A.B"));
    assert_eq!(meta.tags, ["Mali^G"]);
    assert!(
        done.warnings.iter().any(|w| w.contains("`cl^[`")),
        "{:?}",
        done.warnings
    );
}

#[test]
fn a_caption_spreads_up_a_long_run_of_short_lines_in_one_pass() {
    // One pass per line made this quadratic: 20,000 lines took seconds, 200,000 minutes.
    let mut text = String::from("Titre\n\nUn paragraphe complet, qui finit bien.\n\n");
    for i in 0..50_000 {
        text.push(['a', 'b', 'é'][i % 3]);
        text.push('\n');
    }
    text.push_str("Le marché de Bamako au petit matin © AFP\n\nune ligne après un blanc\n\nFin.");
    let a = ingest("x.txt", text.as_bytes()).unwrap().article;
    let kinds: Vec<&str> = a.blocks.iter().map(|b| b.kind.name()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "caption").count(), 50_001);
    assert_eq!(a.block_text(&a.blocks[1]), "a");
    // A blank line stops the spreading.
    assert!(
        a.blocks
            .iter()
            .any(|b| b.kind.name() == "paragraph" && a.block_text(b) == "une ligne après un blanc")
    );
}

#[test]
fn more_words_than_stops_counting_where_word_count_would_pass_n() {
    let lines = [
        "",
        "   ",
        "un",
        "un deux",
        " -- « un » , deux\u{A0}trois\u{202F}quatre\u{2028}cinq\u{B}six ",
        "l’AES 2025 … ١٢٣ 日本語 🙂 — ?",
    ];
    for line in lines {
        for n in 0..8 {
            assert_eq!(
                more_words_than(line, n),
                word_count(line) > n,
                "{line:?} {n}"
            );
        }
    }
}

#[test]
fn no_line_rule_holds_past_forty_words() {
    // Every marker the rules look for, buried in a 41-word line: prose all the same.
    let long = format!(
        "https://exemple.com Publié le 3 avril 2025 Menu Facebook Lire aussi © AFP Newsletter {}",
        "mot ".repeat(30)
    );
    let line = Line {
        text: &long,
        folded: &fold(&long),
        words: word_count_up_to(&long, WORD_CAP),
    };
    assert_eq!(line.words, WORD_CAP);
    assert!(matches!(judge(&line), Verdict::Text));
    assert!(!VOCAB.is_footer(&line));
}

// ------------------------------------------------------------------------------ front matter

/// The warnings of ingesting `text`, which must load.
fn warnings_of(text: &str) -> Vec<String> {
    ingest("x.txt", text.as_bytes()).expect("ingests").warnings
}

#[test]
fn a_huge_front_matter_is_refused_before_parsing_and_the_body_is_still_read() {
    // 950,000 tables: the parser took 1.6 GB for this before the limits.
    let tables = "[[t]]\n".repeat(950_000);
    assert!(
        front_matter::within_limits(&tables)
            .is_err_and(|why| why.contains("5700000 bytes long, more than the 65536"))
    );
    let done = ingest(
        "x.txt",
        format!("+++\n{tables}+++\nLe titre\n\nLe corps de l'article, une phrase complète.")
            .as_bytes(),
    )
    .unwrap();
    assert_eq!(done.article.meta.title, "Le titre");
    assert_eq!(
        texts(&done.article),
        [("paragraph", "Le corps de l'article, une phrase complète.")]
    );
    assert_eq!(done.warnings.len(), 1, "{:?}", done.warnings);
    assert!(done.warnings[0].contains("front matter ignored unread"));
    // Parsed, the tables would have been reported as an unknown key `t`.
    assert!(!done.warnings[0].contains("`t`"));
}

#[test]
fn a_front_matter_of_too_many_items_or_too_deep_is_refused_before_parsing() {
    let small_tables = "[[t]]\n".repeat(5_000);
    assert!(small_tables.len() < front_matter::MAX_BYTES);
    assert!(
        front_matter::within_limits(&small_tables).is_err_and(|why| why.contains("more than 1000"))
    );
    let commas = format!("tags = [{}]", "\"a\",".repeat(2_000));
    assert!(front_matter::within_limits(&commas).is_err());
    let deep = format!("x = {}1{}", "[".repeat(9), "]".repeat(9));
    assert!(front_matter::within_limits(&deep).is_err_and(|why| why.contains("8 deep")));
    let warnings = warnings_of(&format!("+++\n{deep}\n+++\nTitre\n\nCorps du texte."));
    assert!(
        warnings.iter().any(|w| w.contains("ignored unread")),
        "{warnings:?}"
    );
}

#[test]
fn brackets_and_commas_inside_strings_and_comments_are_not_counted() {
    let toml = r#"title = "[[[[[[[[[[ , , = {{{{{{{{{{" # [[[[[[[[[[ , , ,
author = "Ousmane \"[[[[[[[[[[\" Diallo"
lieu = 'C:\[[[[[[[[[['
tags = ["""un
[[[[[[[[[[ \""" [[[[
""", '''deux""" [[[[[[[[['''] # fin"#;
    assert!(toml.parse::<toml::Table>().is_ok());
    assert_eq!(
        front_matter::shape(toml),
        front_matter::Shape { items: 6, depth: 1 }
    );
    assert_eq!(front_matter::within_limits(toml), Ok(()));
    // A front matter with a real list of tags passes.
    let tags: Vec<String> = (0..300).map(|i| format!("\"Étiquette n°{i}\"")).collect();
    let real = format!(
        "title = \"Un titre assez long, avec des virgules, des [crochets] et = des signes\"\n\
         date = 2025-05-12\nsource = \"Le Sahel\"\ntags = [{}]\n",
        tags.join(", ")
    );
    assert_eq!(front_matter::within_limits(&real), Ok(()));
}

#[test]
fn a_toml_error_names_its_line_in_the_file_and_the_other_keys_are_kept() {
    let done = ingest(
        "x.txt",
        "\n+++\ntitle = \"Les ministres se réunissent à Niamey\"\ndate = 2025-13-45\nsource = \"Le Sahel\"\n+++\nLes ministres des trois pays se sont réunis mardi à Niamey."
            .as_bytes(),
    )
    .unwrap();
    let a = &done.article;
    assert_eq!(a.meta.title, "Les ministres se réunissent à Niamey");
    assert_eq!(a.meta.source.as_deref(), Some("Le Sahel"));
    assert_eq!(a.meta.date, None);
    assert_eq!(
        texts(a),
        [(
            "paragraph",
            "Les ministres des trois pays se sont réunis mardi à Niamey."
        )]
    );
    assert_eq!(done.warnings.len(), 1, "{:?}", done.warnings);
    let w = &done.warnings[0];
    assert!(w.contains("not valid TOML at line 4, column 8"), "{w}");
    assert!(w.contains("month between 01 and 12"), "{w}");
    assert!(w.contains("that line is ignored"), "{w}");
}

#[test]
fn a_duplicate_key_is_named_with_its_line_and_the_first_value_kept() {
    let done = ingest(
        "x.txt",
        b"+++\ntitle = \"Premier titre\"\nauthor = \"Awa Diallo\"\ntitle = \"Second titre\"\n+++\nLe texte, une phrase.",
    )
    .unwrap();
    assert_eq!(done.article.meta.title, "Premier titre");
    assert_eq!(done.article.meta.author.as_deref(), Some("Awa Diallo"));
    assert!(
        done.warnings
            .iter()
            .any(|w| w.contains("line 4") && w.contains("duplicate key")),
        "{:?}",
        done.warnings
    );
}

#[test]
fn a_broken_front_matter_leaves_a_one_paragraph_body_as_the_body() {
    // Without a usable title, the one line used to become the title, and the file was rejected
    // as navigation with the TOML error hidden.
    let done = ingest(
        "dossiers/sahel-mardi.txt",
        b"+++\ntitle = \n+++\nLe gouvernement a annonce mardi une nouvelle mesure.",
    )
    .unwrap();
    assert_eq!(done.article.meta.title, "sahel-mardi");
    assert_eq!(
        texts(&done.article),
        [(
            "paragraph",
            "Le gouvernement a annonce mardi une nouvelle mesure."
        )]
    );
    assert!(
        done.warnings
            .iter()
            .any(|w| w.contains("not valid TOML at line 2")),
        "{:?}",
        done.warnings
    );
    // The same with a valid front matter that gives no title.
    let done = ingest(
        "x.txt",
        b"+++\nlang = \"fr\"\n+++\nUne seule phrase de texte.",
    )
    .unwrap();
    assert_eq!(
        texts(&done.article),
        [("paragraph", "Une seule phrase de texte.")]
    );
}

#[test]
fn a_file_of_a_broken_front_matter_alone_is_rejected_with_the_toml_error() {
    match ingest("x.txt", b"+++\ndate = 2025-13-45\n+++\n") {
        Err(e @ Rejection::FrontMatterOnly(_)) => {
            let message = e.to_string();
            assert!(message.contains("no article text found"), "{message}");
            assert!(message.contains("not valid TOML at line 2"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_key_of_the_wrong_type_is_a_warning_naming_the_key_and_the_type() {
    let done = ingest(
        "x.txt",
        b"+++\ntitle = 5\nauthor = true\ndate = 12\ntags = [\"Mali\", 3, 4.5]\nsource = [\"RFI\"]\n+++\nLe titre\n\nLe corps du texte, une phrase.",
    )
    .unwrap();
    let w = done.warnings.join("\n");
    assert!(
        w.contains("`title` must be a string (in quotes), not an integer"),
        "{w}"
    );
    assert!(
        w.contains("`author` must be a string (in quotes), not a boolean"),
        "{w}"
    );
    assert!(
        w.contains("`source` must be a string (in quotes), not an array"),
        "{w}"
    );
    assert!(w.contains("`date` must be a date (2025-05-12)"), "{w}");
    assert!(
        w.contains("`tags` must be a list of strings; 2 items"),
        "{w}"
    );
    let meta = &done.article.meta;
    assert_eq!(meta.title, "Le titre");
    assert_eq!(
        (meta.author.as_deref(), meta.source.as_deref()),
        (None, None)
    );
    assert_eq!(meta.tags, ["Mali"]);
}

#[test]
fn a_list_left_open_is_left_out_with_the_line_that_opens_it() {
    let done = ingest(
        "x.txt",
        b"+++\ntitle = \"Titre donn\xC3\xA9\"\ntags = [\"Mali\",\n+++\nCorps du texte.",
    )
    .unwrap();
    assert_eq!(done.article.meta.title, "Titre donné");
    assert!(done.article.meta.tags.is_empty());
    assert_eq!(done.warnings.len(), 1, "{:?}", done.warnings);
    let w = &done.warnings[0];
    assert!(
        w.contains("not valid TOML at line 3") && w.contains("unclosed array"),
        "{w}"
    );
}

#[test]
fn a_string_left_open_to_the_end_ignores_the_whole_front_matter() {
    let done = ingest(
        "x.txt",
        b"+++\ntitle = \"Titre donn\xC3\xA9\"\nnotes = \"\"\"\n\n+++\nTitre\n\nCorps du texte.",
    )
    .unwrap();
    assert_eq!(done.article.meta.title, "Titre");
    assert!(
        done.warnings
            .iter()
            .any(|w| w.contains("not valid TOML") && w.contains("whole front matter is ignored")),
        "{:?}",
        done.warnings
    );
}

#[test]
fn past_eight_broken_lines_the_front_matter_is_given_up() {
    let broken = "cle sans valeur\n".repeat(9);
    let done = ingest(
        "x.txt",
        format!("+++\ntitle = \"Titre donné\"\n{broken}+++\nTitre\n\nCorps du texte.").as_bytes(),
    )
    .unwrap();
    assert_eq!(done.article.meta.title, "Titre");
    assert!(
        done.warnings
            .iter()
            .any(|w| w.contains("more than 8 of its lines are not valid TOML")),
        "{:?}",
        done.warnings
    );
}

#[test]
fn an_empty_front_matter_is_a_block_without_warnings() {
    let done = ingest("x.txt", b"+++\n+++\nLe titre\n\nLe corps, une phrase.").unwrap();
    assert!(done.warnings.is_empty(), "{:?}", done.warnings);
    assert_eq!(done.article.meta.title, "Le titre");
}

#[test]
fn unknown_keys_are_named_in_one_warning() {
    let w = warnings_of("+++\nautor = \"X\"\nsujet = \"Y\"\n+++\nTitre\n\nCorps.");
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains("keys `autor`, `sujet` are not known"),
        "{}",
        w[0]
    );
}
