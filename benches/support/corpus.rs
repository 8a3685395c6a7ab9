//! A deterministic, realistic corpus generator for benchmarks.
//!
//! Article `i` of seed `s` depends on `(s, i)` only: [`article`] builds any one of them alone and
//! [`generate`] writes many at once; both give the same bytes. The articles are built from the
//! sentences, names, outlets, places and quote patterns of the bundled corpus (French press
//! articles about the Alliance of Sahel States and Russia), varied: about 3 KB of body each, French
//! typography (accents, ’, no-break spaces before `: ; ! ?` in most articles, « » guillemets), 1 to
//! 4 attributed quotes, sometimes an interview, captions, headings and `Lire aussi` lines.
//!
//! Four articles in five carry TOML front matter (`+++`); the others are raw scraped text in three
//! shapes seen in the seeds: a scraper metadata header (` date 2025-05 Title - outlet.com`), a
//! DW-like page (navigation, date line, URL line, author box) and a blog page (social links,
//! `Par …` byline, footer with `Bienvenue sur …`). No dependency beyond `std`; prints nothing.
//!
//! Quotes are composed from phrase banks (opening × infinitive × object × place × clause), with a
//! few well-known sentences repeated across articles. The quote engine links quotes across articles
//! when most of the shorter one's words appear in order in the other, so nearly every generated
//! quote is linked (`also_in`, at most 16 articles listed per quote) and many texts recur exactly.
//!
//! Include it with `#[path = "support/corpus.rs"] mod corpus;`.

#![allow(dead_code)]

use std::fs;
use std::io;
use std::path::Path;

/// Writes `n` article files into `dir` (created if missing) and returns the total bytes written.
/// Files are `d{i/1000:04}/a{i:07}.txt`, so no folder holds more than 1000 of them.
pub fn generate(dir: &Path, n: usize, seed: u64) -> io::Result<u64> {
    fs::create_dir_all(dir)?;
    for d in 0..n.div_ceil(1000) {
        fs::create_dir_all(dir.join(format!("d{d:04}")))?;
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |t| t.get())
        .clamp(1, 4)
        .min(n.div_ceil(256).max(1));
    let per = n.div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || -> io::Result<u64> {
                    let mut buf = Vec::with_capacity(8192);
                    let mut path = dir.to_path_buf();
                    let mut total = 0u64;
                    for i in t * per..((t + 1) * per).min(n) {
                        buf.clear();
                        build(i, seed, &mut buf);
                        path.push(file_name(i));
                        fs::write(&path, &buf)?;
                        path.pop();
                        path.pop();
                        total += buf.len() as u64;
                    }
                    Ok(total)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("generator thread panicked"))
            .sum()
    })
}

/// The same articles in memory, as (relative file name, bytes), for tests of the generator.
pub fn article(i: usize, seed: u64) -> (String, Vec<u8>) {
    let mut buf = Vec::with_capacity(8192);
    build(i, seed, &mut buf);
    (file_name(i), buf)
}

/// The relative file name of article `i`: `d0001/a0001234.txt`.
pub fn file_name(i: usize) -> String {
    format!("d{:04}/a{:07}.txt", i / 1000, i)
}

/// What the generator meant article `i` to be: the metadata a reader should find in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// Relative file name.
    pub file: String,
    /// The headline, exactly.
    pub title: String,
    /// ISO date (`2025-05-12`, or `2025-05` for a month-only front matter date), if any.
    pub date: Option<String>,
    /// The outlet, if the file states it.
    pub source: Option<String>,
    /// The journalist, if the file states it.
    pub author: Option<String>,
    /// The address, if the file states it (before any proxy prefix).
    pub url: Option<String>,
    /// True for TOML front matter, false for raw scraped text.
    pub front_matter: bool,
    /// Attributed quotes written (interview answers included).
    pub quotes: usize,
}

/// The metadata of article `i` (builds the article to know it).
pub fn expected(i: usize, seed: u64) -> Expected {
    let mut buf = Vec::with_capacity(8192);
    build(i, seed, &mut buf)
}

// ---------------------------------------------------------------------------------------------
// Data. Text is written with ’, «» (no inner spaces) and a plain space before `: ; ! ?`; each
// article renders it in its own typography (straight apostrophes, no-break or narrow spaces, inner
// spaces of « », or “ ” or " marks).
// ---------------------------------------------------------------------------------------------

/// A person who speaks: full name, short form (None when ambiguous), apposition, feminine, weight.
struct Person {
    name: &'static str,
    short: Option<&'static str>,
    role: &'static str,
    fem: bool,
    weight: u32,
    expert: bool,
}

const fn p(
    name: &'static str,
    short: Option<&'static str>,
    role: &'static str,
    fem: bool,
    weight: u32,
    expert: bool,
) -> Person {
    Person {
        name,
        short,
        role,
        fem,
        weight,
        expert,
    }
}

const LAVROV: usize = 0;
const DIOP: usize = 1;

#[rustfmt::skip]
const PEOPLE: [Person; 41] = [
    p("Sergueï Lavrov", Some("Lavrov"), "ministre russe des Affaires étrangères", false, 5, false),
    p("Abdoulaye Diop", Some("Diop"), "chef de la diplomatie malienne", false, 7, false),
    p("Assimi Goïta", Some("Goïta"), "président de la transition malienne", false, 5, false),
    p("Ibrahim Traoré", None, "président de la transition burkinabè", false, 5, false),
    p("Abdourahamane Tiani", Some("Tiani"), "chef de l’État nigérien", false, 5, false),
    p("Sadio Camara", Some("Camara"), "ministre malien de la Défense", false, 4, false),
    p("Andreï Biélooussov", Some("Biélooussov"), "ministre russe de la Défense", false, 3, false),
    p("Salifou Modi", Some("Modi"), "ministre nigérien de la Défense", false, 3, false),
    p("Célestin Simporé", Some("Simporé"), "ministre burkinabè de la Défense", false, 3, false),
    p("Karamoko Jean-Marie Traoré", None, "ministre burkinabè des Affaires étrangères", false, 3, false),
    p("Bakary Yaou Sangaré", Some("Sangaré"), "ministre nigérien des Affaires étrangères", false, 3, false),
    p("Maria Zakharova", Some("Zakharova"), "porte-parole de la diplomatie russe", true, 3, false),
    p("Mikhaïl Bogdanov", Some("Bogdanov"), "vice-ministre russe des Affaires étrangères", false, 2, false),
    p("Dmitri Peskov", Some("Peskov"), "porte-parole du Kremlin", false, 2, false),
    p("Abdoulaye Maïga", Some("Maïga"), "Premier ministre malien", false, 3, false),
    p("Ali Mahamane Lamine Zeine", Some("Zeine"), "Premier ministre nigérien", false, 2, false),
    p("Mohamed Amara", Some("Amara"), "sociologue malien", false, 3, true),
    p("Aminata Dicko", Some("Dicko"), "chercheuse à l’Université de Bamako", true, 2, true),
    p("Issoufou Garba", Some("Garba"), "analyste politique nigérien", false, 2, true),
    p("Fatimata Ouédraogo", Some("Ouédraogo"), "juriste burkinabè", true, 2, true),
    p("Oumarou Sawadogo", Some("Sawadogo"), "politologue burkinabè", false, 2, true),
    p("Boubacar Haïdara", Some("Haïdara"), "chercheur malien spécialiste du Sahel", false, 2, true),
    p("Hamidou Kané", Some("Kané"), "économiste sénégalais", false, 2, true),
    p("Mariam Coulibaly", Some("Coulibaly"), "députée au Conseil national de transition", true, 2, false),
    p("Souleymane Zerbo", Some("Zerbo"), "colonel-major de l’armée burkinabè", false, 2, false),
    p("Ahmed Ag Moussa", None, "élu de la région de Kidal", false, 2, false),
    p("Mohamed Ould Sidi", None, "notable de Tombouctou", false, 1, false),
    p("Igor Voronine", Some("Voronine"), "chercheur à l’Institut d’études africaines de Moscou", false, 2, true),
    p("Alexeï Orlov", Some("Orlov"), "ambassadeur de Russie au Mali", false, 2, false),
    p("Natalia Sokolova", Some("Sokolova"), "analyste russe des questions africaines", true, 2, true),
    p("Viktor Koudriavtsev", Some("Koudriavtsev"), "diplomate russe", false, 1, false),
    p("Oleg Pavlov", Some("Pavlov"), "expert militaire russe", false, 2, true),
    p("Seydou Konaté", Some("Konaté"), "porte-parole du gouvernement malien", false, 2, false),
    p("Adama Diarra", Some("Diarra"), "maire de Gao", false, 1, false),
    p("Salamatou Idrissa", Some("Idrissa"), "responsable d’une ONG humanitaire à Niamey", true, 2, false),
    p("Oumar Keïta", Some("Keïta"), "général de l’armée malienne", false, 2, false),
    p("Harouna Diallo", Some("Diallo"), "économiste à Ouagadougou", false, 2, true),
    p("Kadiatou Touré", Some("Touré"), "ministre malienne de la Communication", true, 2, false),
    p("Lassina Zongo", Some("Zongo"), "secrétaire général d’un syndicat enseignant burkinabè", false, 1, false),
    p("Rakiatou Hassane", Some("Hassane"), "représentante de la société civile nigérienne", true, 2, false),
    p("Abdoul Karim Bâ", Some("Bâ"), "ancien diplomate malien", false, 1, true),
];

/// How an outlet can show itself in a raw page.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Its name is a domain (`abamako.com`): scraper metadata header.
    Domain,
    /// One word (`DW`): `Voir les autres sites DW`.
    Word,
    /// A name (`Sahel Tribune`): blog footer `Bienvenue sur Sahel Tribune !`.
    Name,
    /// Front matter only.
    Other,
}

struct Outlet {
    name: &'static str,
    host: &'static str,
    shape: Shape,
    weight: u32,
}

#[rustfmt::skip]
const OUTLETS: [Outlet; 18] = [
    Outlet { name: "abamako.com", host: "abamako.com", shape: Shape::Domain, weight: 4 },
    Outlet { name: "DW", host: "www.dw.com/fr", shape: Shape::Word, weight: 4 },
    Outlet { name: "RFI", host: "www.rfi.fr/fr/afrique", shape: Shape::Word, weight: 4 },
    Outlet { name: "Jeune Afrique", host: "www.jeuneafrique.com", shape: Shape::Name, weight: 3 },
    Outlet { name: "Le Monde Afrique", host: "www.lemonde.fr/afrique", shape: Shape::Name, weight: 3 },
    Outlet { name: "Sahel Tribune", host: "saheltribune.com", shape: Shape::Name, weight: 3 },
    Outlet { name: "Actualités Express", host: "www.actualitesexpress.com", shape: Shape::Name, weight: 2 },
    Outlet { name: "RT en français", host: "francais.rt.com", shape: Shape::Other, weight: 2 },
    Outlet { name: "Sputnik Afrique", host: "fr.sputniknews.africa", shape: Shape::Name, weight: 2 },
    Outlet { name: "lefaso.net", host: "lefaso.net", shape: Shape::Domain, weight: 2 },
    Outlet { name: "maliweb.net", host: "www.maliweb.net", shape: Shape::Domain, weight: 2 },
    Outlet { name: "actuniger.com", host: "www.actuniger.com", shape: Shape::Domain, weight: 2 },
    Outlet { name: "Studio Tamani", host: "www.studiotamani.org", shape: Shape::Name, weight: 2 },
    Outlet { name: "Sidwaya", host: "www.sidwaya.info", shape: Shape::Word, weight: 2 },
    Outlet { name: "Africanews", host: "fr.africanews.com", shape: Shape::Word, weight: 2 },
    Outlet { name: "APA News", host: "apanews.net", shape: Shape::Name, weight: 1 },
    Outlet { name: "L’Essor", host: "www.essor.ml", shape: Shape::Other, weight: 1 },
    Outlet { name: "TV5Monde", host: "information.tv5monde.com", shape: Shape::Word, weight: 2 },
];

const AUTHORS: [&str; 24] = [
    "K. Mamadou",
    "Eric Topona",
    "Aïssata Cissé",
    "Boureima Ouédraogo",
    "Hélène Dubois",
    "Mariam Touré",
    "Joël Kaboré",
    "Nadia Benali",
    "Théo Marchand",
    "Fatou Ndiaye",
    "Yves Lambert",
    "Idrissa Sow",
    "Clémence Rivière",
    "Adama Ouattara",
    "Grégoire Lefèvre",
    "Awa Koné",
    "Jérôme Bouchard",
    "Salif Diakité",
    "Zénabou Hama",
    "B. Traoré",
    "Moussa Sidibé",
    "Anaïs Mercier",
    "Ousmane Dembélé",
    "Chloé Garnier",
];

/// Towns and cities, for `à {ville}`. Kidal is index 0.
const TOWNS: [&str; 22] = [
    "Kidal",
    "Bamako",
    "Niamey",
    "Ouagadougou",
    "Moscou",
    "Gao",
    "Tombouctou",
    "Ménaka",
    "Mopti",
    "Ségou",
    "Tillabéri",
    "Agadez",
    "Tahoua",
    "Diffa",
    "Dori",
    "Djibo",
    "Kaya",
    "Fada N’Gourma",
    "Bobo-Dioulasso",
    "Ansongo",
    "Saint-Pétersbourg",
    "Sotchi",
];

/// Regions, for `la région de {region}`.
const REGIONS: [&str; 12] = [
    "Kidal",
    "Gao",
    "Tombouctou",
    "Ménaka",
    "Mopti",
    "Ségou",
    "Tillabéri",
    "Tahoua",
    "Diffa",
    "Agadez",
    "Dori",
    "Kayes",
];

/// (name, feminine adjective, with its article, masculine adjective).
const COUNTRIES: [(&str, &str, &str, &str); 3] = [
    ("Mali", "malienne", "le Mali", "malien"),
    ("Niger", "nigérienne", "le Niger", "nigérien"),
    ("Burkina Faso", "burkinabè", "le Burkina Faso", "burkinabè"),
];

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

const CREDITS: [&str; 10] = [
    "AFP",
    "Reuters",
    "DR",
    "CNSP",
    "Présidence du Faso",
    "MAE Mali",
    "Sputnik",
    "RIA Novosti",
    "ORTM",
    "Mahamadou Hamidou/REUTERS",
];

/// Opening paragraph sentences.
const LEADS: [&str; 12] = [
    "Les ministres des Affaires étrangères du Mali, du Niger et du Burkina Faso se sont réunis à {ville} le {date}.",
    "La Confédération des États du Sahel (AES) franchit un pas décisif dans sa quête d’autonomie sécuritaire et diplomatique.",
    "La Russie et les pays de l’AES ont officialisé un partenariat stratégique multidimensionnel lors d’une réunion à {ville}.",
    "Une délégation de haut niveau de l’AES a séjourné à Moscou pendant trois jours, en {mois} {annee}.",
    "Les chefs d’état-major des trois pays de l’AES ont tenu une réunion extraordinaire à {ville} le {date}.",
    "L’armée {adj} a annoncé avoir repris le contrôle de plusieurs localités dans la région de {region}.",
    "Le sommet des chefs d’État de l’AES s’est ouvert ce {jour} à {ville}, dans un contexte sécuritaire tendu.",
    "Moscou a accueilli le {date} une nouvelle session des consultations entre la Russie et l’AES.",
    "Les autorités de transition ont présenté leur bilan sécuritaire pour l’année {annee} devant la presse à {ville}.",
    "La ville de {ville} a accueilli une rencontre consacrée à la sécurité alimentaire dans l’espace de la Confédération.",
    "Un nouveau cycle de discussions s’est ouvert à {ville} entre les représentants de l’AES et leurs partenaires russes.",
    "Lors des rencontres qui se sont tenues à Moscou le {date}, l’AES et la Russie ont consolidé leurs relations diplomatiques et sécuritaires.",
];

/// Running text: context, security, diplomacy, economy, humanitarian situation, analysis.
const SENTENCES: [&str; 72] = [
    "La question sécuritaire demeure centrale dans cette alliance.",
    "Les trois pays sahéliens ont quitté la Communauté économique des États de l’Afrique de l’Ouest (Cédéao), qu’ils jugent trop dépendante de puissances étrangères.",
    "Confrontés à des menaces persistantes, le Mali, le Niger et le Burkina Faso ont réaffirmé leur volonté de renforcer leur coopération militaire avec la Russie.",
    "Cette collaboration devrait se traduire par un soutien accru à la future force unifiée de l’AES, notamment à travers la fourniture d’armements et d’équipements logistiques.",
    "Les pays sahéliens comptent sur l’expertise russe pour la formation de leurs troupes, un appui qui pourrait s’intensifier avec l’arrivée d’instructeurs spécialisés.",
    "À l’issue de la réunion, les délégations se sont entendues pour organiser des rencontres régulières, en alternance entre Moscou et une capitale sahélienne.",
    "Un communiqué conjoint a sanctionné cette première consultation, scellant la volonté des deux parties d’approfondir leur coopération.",
    "Au {pays}, des attaques coordonnées ont visé simultanément plusieurs localités début {mois}, causant des dizaines de morts.",
    "Au total, près de {nn} morts ont été recensés dans la région en quelques mois, preuve que la menace reste massive.",
    "Malgré le déploiement de l’Africa Corps, successeur du groupe Wagner, aucun renversement de tendance n’est encore visible sur le terrain.",
    "Longtemps liés aux anciennes puissances coloniales, les trois États affichent désormais un choix assumé : diversifier leurs alliances.",
    "L’appui russe en matière de formation, d’armement et de renseignement offre une alternative stratégique aux États sahéliens.",
    "Mais les tensions internes montrent que la consolidation sécuritaire ne se joue pas uniquement sur le front militaire.",
    "Le défi pour l’AES sera de bâtir un partenariat qui renforce la résilience des institutions locales.",
    "En s’éloignant de l’Occident, les régimes sahéliens entendent repositionner leur diplomatie dans un monde multipolaire.",
    "Moscou gagne ainsi un ancrage stratégique au Sahel, où son ambition africaine se dessine chaque jour un peu plus.",
    "Les échanges commerciaux entre la Russie et les pays de l’AES restent modestes, mais ils progressent depuis {annee}.",
    "Plusieurs accords portent sur l’énergie, les mines et l’agriculture, des secteurs jugés prioritaires par les autorités de transition.",
    "À {ville}, les habitants attendent surtout des résultats concrets : la sécurité des routes, l’accès à l’eau et le retour des écoles.",
    "Le prix des denrées de base a fortement augmenté ces derniers mois, notamment celui du riz et de l’huile.",
    "Les autorités de transition travaillent à la création d’une banque confédérale d’investissement et de développement.",
    "Le passeport commun de l’AES est entré en circulation, symbole d’une intégration que les dirigeants veulent rapide.",
    "Les routes reliant {ville} aux capitales restent exposées aux embuscades et aux engins explosifs improvisés.",
    "Dans la région de {region}, des milliers de déplacés vivent toujours dans des camps de fortune.",
    "Les organisations humanitaires s’inquiètent d’une situation alimentaire préoccupante dans plusieurs localités du nord.",
    "La reprise de Kidal, en novembre 2023, a marqué un tournant symbolique pour l’armée malienne.",
    "Restée hors du contrôle de l’État pendant une décennie, la ville de Kidal est redevenue un enjeu de souveraineté.",
    "Depuis le retour de l’armée à Kidal, les autorités multiplient les gestes en direction des populations du nord.",
    "La Russie a été le premier pays à reconnaître la Confédération des États du Sahel dès ses premières heures.",
    "Le format de consultations Russie-AES prévoit des rencontres régulières entre les chefs de la diplomatie des quatre pays.",
    "Les délégations ont aussi convenu d’une coordination plus étroite au sein de l’ONU et de l’Union africaine.",
    "La force unifiée de l’AES doit compter à terme plusieurs milliers d’hommes, avec un état-major installé à Niamey.",
    "Les trois armées mènent déjà des opérations conjointes dans la zone dite des trois frontières.",
    "La situation reste particulièrement tendue autour de {ville}, où les groupes armés ont multiplié les blocus.",
    "Plusieurs dizaines de combattants ont été neutralisés lors d’une opération aérienne près de {ville}, selon des sources locales.",
    "L’opinion publique reste largement favorable au rapprochement avec Moscou, même si des voix critiques se font entendre dans la diaspora.",
    "Les partenaires occidentaux suivent ce basculement avec une inquiétude croissante.",
    "Paris a retiré ses derniers soldats du Niger à la fin de l’année 2023, après plus d’une décennie de présence militaire.",
    "Washington a également dû quitter sa base de drones d’Agadez, dans le nord du Niger.",
    "Les trois pays se sont retirés de la Cour pénale internationale, une décision qui a surpris plusieurs chancelleries.",
    "Le chantier d’une monnaie commune se heurte encore à de nombreux obstacles techniques.",
    "Les échanges ont aussi porté sur le nucléaire civil, la formation des cadres et l’octroi de bourses d’études en Russie.",
    "Chaque année, plusieurs centaines d’étudiants sahéliens partent désormais étudier dans les universités russes.",
    "La télévision publique a diffusé en boucle les images de la cérémonie de signature.",
    "Dans les rues de {ville}, des drapeaux russes ont fait leur apparition lors des dernières manifestations de soutien aux autorités.",
    "La sécurité alimentaire reste une préoccupation majeure, alors que la saison des pluies a été irrégulière.",
    "Le corridor reliant Bamako au port de Conakry est devenu vital depuis la fermeture de certaines frontières.",
    "Le Niger a repris ses exportations de pétrole brut par le pipeline qui relie Agadem au port de Sèmè, au Bénin.",
    "À Ouagadougou, le gouvernement mise sur la mobilisation des volontaires pour la défense de la patrie.",
    "Les capacités aériennes des armées sahéliennes sont en nette progression depuis l’arrivée de nouveaux appareils.",
    "Plusieurs postes frontaliers ont été renforcés ces dernières semaines, notamment dans la région de {region}.",
    "La question du financement de la force conjointe n’est pas encore réglée.",
    "Pour Moscou, ce partenariat s’inscrit dans une stratégie plus large de retour sur le continent africain.",
    "Les discussions se sont déroulées à huis clos pendant près de trois heures.",
    "Aucun calendrier précis n’a été rendu public à l’issue des travaux.",
    "Le sommet de {ville} doit permettre de valider la feuille de route de la Confédération pour {annee}.",
    "Les délégations ont visité une usine d’armement et un centre de formation militaire dans la banlieue de Moscou.",
    "La coopération dans le domaine de l’information occupe une place croissante dans les accords signés.",
    "Plusieurs médias étrangers ont été suspendus dans les trois pays au cours des derniers mois.",
    "Le Burkina Faso a engagé la construction d’une centrale nucléaire avec l’appui de la société russe Rosatom.",
    "Les cours de l’or, principale ressource d’exportation du Mali et du Burkina Faso, ont atteint des sommets.",
    "Le code minier révisé permet désormais à l’État de détenir une part plus importante des nouvelles mines.",
    "Les coupures d’électricité, fréquentes à Bamako, pèsent lourdement sur l’activité des petites entreprises.",
    "La Cédéao a tenté de maintenir le dialogue, sans parvenir à convaincre les trois capitales de revenir sur leur décision.",
    "La libre circulation des personnes et des biens avec les pays côtiers fait encore l’objet de négociations.",
    "Dans les camps de déplacés de la région de {region}, l’accès aux soins reste très limité.",
    "Les enseignants des zones rurales sont régulièrement menacés et des centaines d’écoles restent fermées.",
    "Ce rapprochement marque un nouveau virage dans la politique étrangère des trois États sahéliens.",
    "À l’heure où la multipolarité gagne du terrain sur la scène internationale, ce rapprochement illustre la reconfiguration des alliances en Afrique.",
    "Les ministres de la Défense ont tenu leurs premières consultations conjointes avec leur homologue russe à Moscou.",
    "Les entretiens avec Sergueï Lavrov ont porté sur la sécurité, l’énergie et la coordination diplomatique.",
    "Les documents signés prévoient un cadre de consultations régulières, destiné à donner une assise plus solide aux engagements militaires.",
];

/// Sentences that tie the body to Kidal (used when the article is about Kidal).
const KIDAL: [&str; 4] = [
    "La reprise de Kidal reste, pour Bamako, la preuve que l’armée peut reconquérir le nord.",
    "À Kidal, les services de l’État rouvrent un à un, sous la protection de l’armée et de ses partenaires.",
    "Le drapeau malien flotte de nouveau sur le camp de Kidal, abandonné par les forces de l’ONU à la fin de l’année 2023.",
    "Les habitants de Kidal réclament avant tout le rétablissement des liaisons routières avec Gao.",
];

/// What a person does in a sentence before being quoted with a pronoun (no speech verb).
const INTROS: [&str; 10] = [
    "{S} a reçu les délégations à {ville}.",
    "{S} s’est rendu{e} à {ville} pour une visite de travail de deux jours.",
    "{S} a présidé la cérémonie d’ouverture des travaux.",
    "{S} a pris part à la réunion de {ville}.",
    "{S} a rencontré les chefs militaires de la région de {region}.",
    "{S} est revenu{e} sur les résultats obtenus depuis le début de l’année.",
    "{S} a défendu le bilan des autorités de transition devant la presse.",
    "{S} participait à une table ronde consacrée à la sécurité au Sahel.",
    "{S} a dressé un bilan des opérations menées dans le nord.",
    "{S} s’est entretenu{e} avec les représentants de la société civile.",
];

/// Openings of a composed quote (short, so that no shared piece makes two quotes one); each takes
/// an infinitive phrase.
const Q_OPEN: [&str; 36] = [
    "Nous sommes déterminés à",
    "Notre priorité reste de",
    "Il est temps de",
    "Nos armées sont prêtes à",
    "Nous avons décidé de",
    "Le moment est venu de",
    "Nous continuerons à",
    "Il faut",
    "La Russie nous aidera à",
    "Nos peuples nous demandent de",
    "Il nous appartient de",
    "Nous allons",
    "Nous devons",
    "Nous voulons",
    "Nous pouvons désormais",
    "Nous comptons",
    "Nous entendons",
    "Nous refusons de renoncer à",
    "Nous travaillons à",
    "Le gouvernement va",
    "Nous avons le devoir de",
    "La Confédération doit",
    "Notre devoir est de",
    "Ce partenariat doit nous permettre de",
    "Nous sommes venus ici pour",
    "Moscou s’est engagée à",
    "Nos soldats se battent pour",
    "Nous avons commencé à",
    "Nous tenons à",
    "Il est urgent de",
    "Notre objectif est de",
    "Nous nous battrons pour",
    "Nous espérons",
    "Je veux",
    "Je suis venu pour",
    "J’ai demandé au gouvernement de",
];

/// Infinitives of a composed quote; each takes any object built from `Q_HEAD` and `Q_OF`.
const Q_VERB: [&str; 18] = [
    "renforcer",
    "protéger",
    "sécuriser",
    "défendre",
    "consolider",
    "soutenir",
    "développer",
    "préserver",
    "garantir",
    "reconstruire",
    "moderniser",
    "financer",
    "relancer",
    "rebâtir",
    "rétablir",
    "étendre",
    "améliorer",
    "réorganiser",
];

/// Heads of the object noun phrase.
const Q_HEAD: [&str; 20] = [
    "la sécurité",
    "la protection",
    "l’approvisionnement",
    "les écoles",
    "les routes",
    "les services de santé",
    "les marchés",
    "la présence de l’État",
    "les capacités militaires",
    "les postes avancés",
    "les infrastructures",
    "l’économie",
    "la production agricole",
    "les réseaux d’eau potable",
    "la défense",
    "l’administration",
    "les radios communautaires",
    "les forces de sécurité",
    "le réseau électrique",
    "les pistes rurales",
];

/// Complements of the object noun phrase.
const Q_OF: [&str; 16] = [
    " des populations du nord",
    " de nos villages",
    " de la région de {region}",
    " de {ville}",
    " de nos trois pays",
    " dans les zones rurales",
    " des zones frontalières",
    " le long du fleuve Niger",
    " des communes libérées",
    " de la Confédération",
    " du cercle de {ville}",
    " des localités reprises en {annee}",
    " autour des sites miniers",
    " des camps de déplacés",
    " de nos capitales",
    " du Liptako-Gourma",
];

/// Where or when, after the object.
const Q_WHERE: [&str; 16] = [
    " à {ville}",
    " dans la région de {region}",
    " partout sur le territoire",
    " avant la saison des pluies",
    " dans les {n} prochains mois",
    " dès cette année",
    " au nord comme au sud",
    " sans attendre",
    " avec l’appui de Moscou",
    " jusqu’à {ville}",
    " d’ici la fin de {annee}",
    " autour de {ville}",
    " entre {ville} et {ville}",
    " dans la zone des trois frontières",
    " au plus vite",
    " pour les {n} années à venir",
];

/// Second clauses of a composed quote, with their connector.
const Q_CLAUSE: [&str; 30] = [
    ", car les populations de {region} l’attendent",
    ", et c’est le sens de notre présence ici",
    " : le peuple {adjm} ne l’oubliera pas",
    ", parce que la situation l’exige",
    ", et nous l’avons redit à nos partenaires",
    " : c’est ce que nous avions promis en {annee}",
    ", car le temps des promesses est terminé",
    ", même si la route sera longue",
    ", et les premiers résultats sont visibles",
    " : {n} localités ont déjà été libérées",
    ", car nos soldats paient le prix fort",
    ", comme l’attendent les habitants de {ville}",
    " : personne ne le fera à notre place",
    ", car l’ennemi ne connaît pas de frontières",
    ", et chaque village compte",
    ", même si certains refusent de le comprendre",
    " : c’est une question de survie",
    ", car la paix ne se décrète pas",
    ", et nous en rendrons compte",
    ", parce que nos paysans ne peuvent plus attendre",
    ", et ce n’est qu’un début",
    " : les chiffres de {annee} le montrent",
    ", car la sécurité de {ville} est aussi la nôtre",
    ", et nos amis russes l’ont compris",
    ", quelles que soient les pressions",
    " : l’histoire nous jugera sur nos actes",
    ", car nos enfants doivent retourner à l’école",
    ", même avec des moyens limités",
    ", et les femmes de {region} le savent",
    ", comme nous l’avons décidé à {ville}",
];

/// Short endings of a composed quote.
const Q_TAIL: [&str; 15] = [
    ", dans le respect de notre souveraineté",
    ", quoi qu’il en coûte",
    " avec le soutien de nos partenaires",
    " dans les mois à venir",
    " d’ici la fin de l’année",
    ", et nous le ferons ensemble",
    " sans attendre l’aide de quiconque",
    ", c’est une exigence de nos peuples",
    " au bénéfice de nos populations",
    ", et cela n’est pas négociable",
    " aux côtés de la Russie",
    ", pas seulement dans les discours",
    " dans l’intérêt de toute la région",
    " malgré les pressions extérieures",
    " avec nos frères du Mali, du Niger et du Burkina Faso",
];

/// Whole quotes, some of them from the seed articles.
const Q_WHOLE: [&str; 30] = [
    "Ce qui est important dans notre relation avec la Russie, c’est que nous avons la même compréhension de la menace",
    "La défense reste notre domaine de coopération le plus solide",
    "La Russie a toujours été ouverte à l’assistance",
    "Nos militaires coopèrent de manière active avec les militaires du Mali",
    "Notre coopération dans le domaine militaire s’intensifie",
    "Nous soutenons votre combat pour défendre votre souveraineté et vos territoires",
    "Aujourd’hui, l’État malien est en mesure d’être présent sur tout le territoire national",
    "La Russie est un allié sincère qui partage la même vision que nous",
    "Nos armées travaillent ensemble pour mener des opérations conjointes sur tout l’espace de la Confédération",
    "Le Sahel n’est plus l’arrière-cour de qui que ce soit",
    "Personne ne choisira nos partenaires à notre place",
    "La sécurité est la condition de tout le reste",
    "Les populations veulent des résultats, pas des promesses",
    "Nous ne sommes pas venus à Moscou pour faire de la figuration",
    "Cette alliance n’est dirigée contre personne",
    "Le terrorisme n’a pas de frontières, notre riposte n’en aura pas non plus",
    "Nous avons payé un lourd tribut, mais nous tenons bon",
    "Kidal est revenue dans le giron de la nation et elle y restera",
    "La reprise de Kidal a montré que notre armée peut vaincre",
    "Le partenariat avec la Russie se juge sur le terrain",
    "Nous n’accepterons plus qu’on nous impose des solutions venues d’ailleurs",
    "Les sanctions de la Cédéao ont rapproché nos trois peuples",
    "La Confédération est désormais une réalité irréversible",
    "Nos paysans ont besoin d’engrais, d’eau et de routes",
    "L’or du Sahel doit d’abord profiter aux Sahéliens",
    "La souveraineté n’est pas un slogan, c’est une pratique quotidienne",
    "Le gain de la coopération avec la Russie n’est pas encore perceptible dans la vie des populations",
    "Il est trop tôt pour dresser un bilan de ce partenariat",
    "La Russie ne pose aucune condition politique à son aide",
    "Nous regardons vers l’avenir avec confiance",
];

/// Participles for `« … », a {verb} X.` and `X a {verb} que « … »`.
const VERBS_PP: [&str; 16] = [
    "déclaré",
    "affirmé",
    "souligné",
    "insisté",
    "estimé",
    "assuré",
    "expliqué",
    "indiqué",
    "martelé",
    "rappelé",
    "précisé",
    "lancé",
    "confié",
    "averti",
    "reconnu",
    "fait valoir",
];
/// Present tense for `« … », explique X.`
const VERBS_PRESENT: [&str; 6] = [
    "explique", "estime", "souligne", "rappelle", "assure", "insiste",
];
/// Inverted with a pronoun: `« … », a-t-il souligné.` (`{p}` is il or elle, `{e}` agreement).
const VERBS_PRONOUN: [&str; 12] = [
    "a-t-{p} souligné",
    "a-t-{p} ajouté",
    "a-t-{p} insisté",
    "a-t-{p} assuré",
    "a-t-{p} martelé",
    "a-t-{p} précisé",
    "s’est-{p} félicité{e}",
    "poursuit-{p}",
    "explique-t-{p}",
    "estime-t-{p}",
    "a-t-{p} averti",
    "a-t-{p} rappelé",
];
const VERBS_THAT: [&str; 8] = [
    "a affirmé",
    "a estimé",
    "a assuré",
    "a rappelé",
    "a souligné",
    "estime",
    "a indiqué",
    "a déclaré",
];

const HEADINGS: [&str; 16] = [
    "Une coopération militaire prioritaire",
    "Stabilité et souveraineté au cœur du partenariat",
    "Un virage diplomatique assumé",
    "Opportunité ou dépendance déguisée ?",
    "Contexte sécuritaire : une réalité toujours dramatique",
    "Des résultats encore fragiles",
    "Le défi économique",
    "Un basculement géopolitique sous tension",
    "La population dans l’attente",
    "Quelles perspectives pour {annee} ?",
    "Vers une force unifiée",
    "Des accords dans tous les domaines",
    "Le nord sous haute surveillance",
    "Moscou avance ses pions",
    "Une intégration à marche forcée",
    "Les civils en première ligne",
];

const CAPTIONS: [&str; 8] = [
    "Les ministres de la Défense des pays de l’AES à Moscou le {date}",
    "Des soldats de l’armée {adj} lors d’une patrouille près de {ville}",
    "Sergueï Lavrov et Abdoulaye Diop lors de leur rencontre à Moscou",
    "Ibrahim Traoré / Assimi Goïta / Abdourahamane Tiani",
    "Les chefs de la diplomatie de l’AES et de la Russie",
    "Un marché de {ville} au lendemain de la réouverture des routes",
    "Le drapeau de la Confédération des États du Sahel",
    "Des déplacés dans un camp de la région de {region}",
];

const QUESTIONS: [&str; 10] = [
    "Quelle est la portée réelle de cette rencontre ?",
    "Est-ce que la coopération avec la Russie est vraiment bénéfique pour ces pays ?",
    "Comment expliquez-vous ce rapprochement rapide avec Moscou ?",
    "Que change la reprise de Kidal pour l’État malien ?",
    "La situation sécuritaire s’est-elle améliorée depuis le départ des forces françaises ?",
    "Quels sont les risques d’une dépendance vis-à-vis de la Russie ?",
    "Les populations voient-elles déjà les effets de ce partenariat ?",
    "Quel avenir pour la Confédération des États du Sahel ?",
    "La sortie de la Cédéao est-elle un pari gagnant pour les trois pays ?",
    "Que peut réellement apporter la force unifiée de l’AES ?",
];

const ANSWERS: [&str; 16] = [
    "Il y a une intensification des rapports bilatéraux entre Moscou et les trois pays de l’AES.",
    "Pour l’instant, les bénéfices ne concernent que les emprises militaires, et les populations locales ne les perçoivent pas encore.",
    "Je crois que la priorité doit rester la protection des civils dans les zones rurales.",
    "Ce partenariat répond d’abord à un besoin de sécurité immédiat, mais il pose aussi des questions de long terme.",
    "Les autorités ont gagné en visibilité sur la scène internationale, c’est indéniable.",
    "Il faut regarder les chiffres : les attaques n’ont pas diminué dans toutes les régions.",
    "Le vrai défi sera économique, car sans emplois pour les jeunes, les groupes armés continueront de recruter.",
    "Moscou apporte des armes et des instructeurs, mais la stabilité dépendra surtout de la gouvernance locale.",
    "La sortie de la Cédéao a eu un coût pour les commerçants, qui paient désormais plus cher certains produits.",
    "Je ne pense pas que ce rapprochement soit réversible à court terme.",
    "Sur le terrain, la présence de l’État progresse lentement, notamment autour de {ville}.",
    "Il y a une vraie attente de la population, surtout chez les jeunes.",
    "La question de Kidal reste symbolique, mais elle ne résume pas la situation sécuritaire du pays.",
    "Les accords signés sont nombreux, mais leur mise en œuvre prendra du temps.",
    "La Russie a ses propres intérêts, et les dirigeants sahéliens le savent parfaitement.",
    "Tout l’enjeu est de transformer les promesses diplomatiques en services concrets pour les populations.",
];

/// Interview section headings (`{N}` is the interviewee).
const INTERVIEW_HEADS: [&str; 4] = [
    "L’interview de {N}",
    "Trois questions à {N}",
    "Entretien avec {N}",
    "Le regard de {N}",
];

/// Title pieces: noun phrases about the AES and Russia (some with `sécurité`).
const THEMES: [&str; 24] = [
    "un partenariat stratégique pour la sécurité régionale",
    "une alliance militaire qui se renforce",
    "vers une force unifiée de {nn} hommes",
    "la sécurité collective au cœur des discussions",
    "les enjeux d’une coopération renforcée",
    "Moscou promet des équipements et des instructeurs",
    "la question sécuritaire domine le sommet de {ville}",
    "la souveraineté en première ligne",
    "les défis économiques d’une confédération naissante",
    "un an après la sortie de la Cédéao",
    "quelle place pour la société civile ?",
    "la sécurité alimentaire, l’autre urgence",
    "le pari risqué d’un nouvel allié",
    "des accords sur l’énergie nucléaire civile",
    "une monnaie commune en débat",
    "la sécurité des frontières, priorité de l’année {annee}",
    "les armées face à la menace du JNIM",
    "le retour de l’État dans le nord",
    "la diplomatie russe multiplie les gestes",
    "un nouvel ordre sahélien en marche",
    "les promesses de Moscou à l’épreuve du terrain",
    "ce que contiennent les accords signés à {ville}",
    "l’or et l’uranium au menu des discussions",
    "la jeunesse entre espoir et impatience",
];

/// General title templates (no Lavrov, no Kidal). `{T}` theme, `{t}` theme capitalized,
/// `{N}` a person, `{V}` a town, `{P}` a country.
const TITLES: [&str; 17] = [
    "Russie–AES : {T}",
    "AES : {T}",
    "Sahel : {T}",
    "{P} : {T}",
    "{V} : {T}",
    "Diplomatie : {T}",
    "Sécurité au Sahel : {T}",
    "Coopération militaire : {T}",
    "{N} à Moscou : {T}",
    "La Russie et l’AES signent un pacte de sécurité à {V}",
    "La Russie renforce ses relations avec {PL}",
    "Ce que {PL} attend de son partenariat avec Moscou",
    "{t}",
    "{t}",
    "Économie : {T}",
    "Russie–AES : une alliance militaire stratégique se renforce à {V}",
    "{PL} et la Russie : {T}",
];

/// Headlines that several outlets print word for word (one article in forty uses one).
const TITLES_FIXED: [&str; 4] = [
    "L’AES a «la même définition de l’ennemi» que la Russie",
    "La Russie renforce ses relations avec les pays de l’AES",
    "La Russie et la Confédération des États du Sahel officialisent un partenariat stratégique",
    "Assimi Goïta, Abdourahamane Tiani et Ibrahim Traoré foncent vers Moscou",
];

const LAVROV_TITLES: [&str; 5] = [
    "Sergueï Lavrov reçoit les chefs de la diplomatie de l’AES à Moscou",
    "Moscou : Sergueï Lavrov salue {T}",
    "Lavrov promet un soutien «sans faille» aux pays du Sahel",
    "Entretien Lavrov–{SN} : {T}",
    "Sergueï Lavrov : la Russie veut approfondir sa coopération militaire avec le {PN}",
];

const KIDAL_TITLES: [&str; 4] = [
    "Kidal : {T}",
    "Reprise de Kidal : {T}",
    "Après Kidal, l’armée malienne veut sécuriser tout le nord",
    "Kidal, symbole d’une souveraineté retrouvée",
];

const SECTIONS: [&str; 5] = [
    "actualite",
    "afrique",
    "politique",
    "securite",
    "international",
];

const LIRE_AUSSI: [&str; 6] = [
    "Lire aussi : ",
    "À lire aussi : ",
    "Lire aussi : ",
    "Voir aussi : ",
    "Lire également : ",
    "Lire aussi : ",
];

// ---------------------------------------------------------------------------------------------
// Randomness: splitmix64 seeded from (seed, i), so each article stands alone.
// ---------------------------------------------------------------------------------------------

struct Rng(u64);

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Rng {
    fn new(seed: u64, i: usize) -> Rng {
        Rng(mix(seed ^ 0x5eed_a55e_c0ff_ee00) ^ mix((i as u64).wrapping_add(0x9e37_79b9_7f4a_7c15)))
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.0)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }
    /// True with probability `pct`/100.
    fn pct(&mut self, pct: u32) -> bool {
        self.below(100) < pct as usize
    }
    fn pick<T: Copy>(&mut self, s: &[T]) -> T {
        s[self.below(s.len())]
    }
    fn weighted(&mut self, weights: impl Iterator<Item = u32> + Clone) -> usize {
        let total: u32 = weights.clone().sum();
        let mut r = self.below(total as usize) as u32;
        for (k, w) in weights.enumerate() {
            if r < w {
                return k;
            }
            r -= w;
        }
        0
    }
}

// ---------------------------------------------------------------------------------------------
// Typography.
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy)]
struct Style {
    straight_apostrophe: bool,
    /// Before `: ; ! ?`.
    space: &'static str,
    open: &'static str,
    close: &'static str,
}

const NBSP: &str = "\u{a0}";
const NNBSP: &str = "\u{202f}";

/// Appends `s` in style `st`: ’ → ' when straight, the space before `: ; ! ?`, « and » with their
/// inner spaces or replaced by other marks.
fn render(dst: &mut Vec<u8>, s: &str, st: &Style) {
    let b = s.as_bytes();
    let mut start = 0;
    let mut k = 0;
    while k < b.len() {
        let (skip, with): (usize, &str) = match b[k] {
            b' ' if k + 1 < b.len() && matches!(b[k + 1], b':' | b';' | b'?' | b'!') => {
                (1, st.space)
            }
            0xE2 if st.straight_apostrophe && b[k..].starts_with("’".as_bytes()) => (3, "'"),
            0xC2 if b.get(k + 1) == Some(&0xAB) => (2, st.open),
            0xC2 if b.get(k + 1) == Some(&0xBB) => (2, st.close),
            _ => {
                k += 1;
                continue;
            }
        };
        dst.extend_from_slice(&b[start..k]);
        dst.extend_from_slice(with.as_bytes());
        k += skip;
        start = k;
    }
    dst.extend_from_slice(&b[start..]);
}

// ---------------------------------------------------------------------------------------------
// The article builder.
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    FrontMatter,
    /// ` date 2025-05 Title - outlet.com`, `Publié le …`, signature at the end.
    Header,
    /// Navigation, title, date line, URL line, captions, author box.
    Dw,
    /// Social links, `Par …`, footer with `Bienvenue sur …`.
    Blog,
}

struct Date {
    year: u32,
    month: u32,
    day: u32,
    weekday: usize,
}

fn date_from_index(days_since_2023: u32) -> Date {
    // 2023-01-01 was a Sunday (weekday 6 with Monday = 0).
    let weekday = ((days_since_2023 + 6) % 7) as usize;
    let mut d = days_since_2023;
    let mut year = 2023;
    loop {
        let len = if year % 4 == 0 { 366 } else { 365 };
        if d < len {
            break;
        }
        d -= len;
        year += 1;
    }
    let mut month = 1;
    loop {
        let len = match month {
            2 if year % 4 == 0 => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if d < len {
            break;
        }
        d -= len;
        month += 1;
    }
    Date {
        year,
        month,
        day: d + 1,
        weekday,
    }
}

struct Quote {
    text: String,
    /// `text[..core]` is a phrase of its own (a headline may quote it alone).
    core: usize,
    who: usize,
}

struct Builder {
    rng: Rng,
    st: Style,
    /// Plain spaces, same marks: titles and metadata labels.
    title_st: Style,
    out: Vec<u8>,
    body_bytes: usize,
    /// Speakers of this article (indices into PEOPLE); the first is the main one.
    cast: Vec<usize>,
    /// Bit k: PEOPLE[k] has been named in full with a role.
    introduced: u64,
    country: usize,
    date: Date,
    kidal: bool,
    /// Bit k: Q_OPEN[k] already opened a quote.
    used_openers: u64,
    /// Bit k: sentence k (SENTENCES, then KIDAL) already printed.
    used: u128,
    in_title: bool,
    scratch: String,
}

fn build(i: usize, seed: u64, out: &mut Vec<u8>) -> Expected {
    let mut rng = Rng::new(seed, i);
    let st = {
        let straight_apostrophe = rng.pct(15);
        let space = match rng.below(10) {
            0..=3 => " ",
            4..=7 => NBSP,
            _ => NNBSP,
        };
        let (open, close) = match rng.below(20) {
            0 => ("\"", "\""),
            1 | 2 => ("“", "”"),
            3..=8 => ("«\u{a0}", "\u{a0}»"),
            9 => ("«\u{202f}", "\u{202f}»"),
            _ => ("« ", " »"),
        };
        Style {
            straight_apostrophe,
            space,
            open,
            close,
        }
    };
    let title_st = Style {
        space: " ",
        open: if st.open.starts_with('«') {
            "« "
        } else {
            st.open
        },
        close: if st.close.ends_with('»') {
            " »"
        } else {
            st.close
        },
        ..st
    };
    let date = date_from_index(rng.below(1461) as u32);
    let mut b = Builder {
        rng,
        st,
        title_st,
        out: std::mem::take(out),
        body_bytes: 0,
        cast: Vec::with_capacity(4),
        introduced: 0,
        country: 0,
        date,
        kidal: false,
        used_openers: 0,
        used: 0,
        in_title: false,
        scratch: String::with_capacity(256),
    };
    let e = b.article(i);
    *out = b.out;
    e
}

impl Builder {
    fn pick_person(&mut self, filter: impl Fn(usize) -> bool) -> usize {
        loop {
            let k = self.rng.weighted(PEOPLE.iter().map(|p| p.weight));
            if filter(k) {
                return k;
            }
        }
    }

    fn article(&mut self, i: usize) -> Expected {
        let r = &mut self.rng;
        let layout = match r.below(100) {
            0..=79 => Layout::FrontMatter,
            80..=86 => Layout::Header,
            87..=93 => Layout::Dw,
            _ => Layout::Blog,
        };
        let outlet = loop {
            let k = r.weighted(OUTLETS.iter().map(|o| o.weight));
            let want = match layout {
                Layout::FrontMatter => None,
                Layout::Header => Some(Shape::Domain),
                Layout::Dw => Some(Shape::Word),
                Layout::Blog => Some(Shape::Name),
            };
            if want.is_none_or(|w| OUTLETS[k].shape == w) {
                break &OUTLETS[k];
            }
        };
        let author = (!r.pct(5)).then(|| r.pick(&AUTHORS));
        let has_date = layout == Layout::FrontMatter && !r.pct(4)
            || matches!(layout, Layout::Header | Layout::Dw)
            || (layout == Layout::Blog && !r.pct(30));
        self.country = r.below(3);

        // The topic decides the title and the cast.
        let topic = r.below(100);
        let (lavrov_title, kidal_title) = (topic < 7, (7..10).contains(&topic));
        self.kidal = kidal_title || r.pct(6);
        let mut cast = Vec::with_capacity(4);
        if lavrov_title {
            cast.push(LAVROV);
        }
        if self.kidal && self.rng.pct(70) {
            cast.push(DIOP);
        }
        let extra = 1 + self.rng.below(3);
        while cast.len() < extra.max(1) + usize::from(lavrov_title) {
            let k = self.pick_person(|_| true);
            if !cast.contains(&k) {
                cast.push(k);
            }
        }
        self.cast = cast;

        // Quotes: 1 to 4, the first by the main speaker.
        let nq = match self.rng.below(100) {
            0..=24 => 1,
            25..=59 => 2,
            60..=84 => 3,
            _ => 4,
        };
        let mut quotes = Vec::with_capacity(nq);
        for q in 0..nq {
            let who = if q == 0 {
                self.cast[0]
            } else {
                self.cast[self.rng.below(self.cast.len())]
            };
            let (text, core) = self.compose_quote();
            quotes.push(Quote { text, core, who });
        }

        let title = self.title(lavrov_title, kidal_title, &quotes);

        // Interview: an expert answers the outlet (or the author) at the end.
        let interviewer = if label_shaped(outlet.name) {
            Some(outlet.name)
        } else {
            author.filter(|a| label_shaped(a))
        };
        let interview = match interviewer {
            Some(who) if self.rng.pct(14) => {
                let expert = self.pick_person(|k| PEOPLE[k].expert);
                Some((who, expert))
            }
            _ => None,
        };

        let d = &self.date;
        let iso = format!("{:04}-{:02}-{:02}", d.year, d.month, d.day);
        let slug = slug(&title);
        let url = format!(
            "https://{}/{}/{}-{}",
            outlet.host,
            self.rng.pick(&SECTIONS),
            slug,
            i
        );
        let mut exp = Expected {
            file: file_name(i),
            title: title.clone(),
            date: has_date.then(|| iso.clone()),
            source: Some(outlet.name.to_owned()),
            author: author.map(str::to_owned),
            url: None,
            front_matter: layout == Layout::FrontMatter,
            quotes: 0,
        };

        let target = 2150 + self.rng.below(1500);
        let crlf = layout != Layout::FrontMatter && self.rng.pct(10);
        match layout {
            Layout::FrontMatter => {
                self.put_raw("+++\ntitle = ");
                self.put_toml_string(&title);
                if has_date {
                    match self.rng.below(20) {
                        0 | 1 => {
                            let month = iso[..7].to_owned();
                            self.put_raw(&format!("\ndate = \"{month}\""));
                            exp.date = Some(month);
                        }
                        2 => self.put_raw(&format!("\ndate = \"{iso}\"")),
                        _ => self.put_raw(&format!("\ndate = {iso}")),
                    }
                }
                self.put_raw("\nsource = ");
                self.put_toml_string(outlet.name);
                if let Some(a) = author {
                    self.put_raw("\nauthor = ");
                    self.put_toml_string(a);
                }
                self.put_raw("\nurl = ");
                self.put_toml_string(&url);
                exp.url = Some(url.clone());
                if self.rng.pct(70) {
                    self.put_raw("\nlang = \"fr\"");
                }
                if self.rng.pct(50) {
                    let c = COUNTRIES[self.country].0;
                    let second = if self.kidal {
                        "Kidal"
                    } else {
                        self.rng.pick(&["Russie", "AES", "Sécurité", "Diplomatie"])
                    };
                    self.put_raw(&format!("\ntags = [\"{c}\", \"{second}\"]"));
                }
                self.put_raw("\n+++\n");
                if self.rng.pct(30) {
                    self.put_raw("\n");
                }
                if self.rng.pct(6) {
                    self.put_raw("Crédit photo : DR\n\n");
                }
                let q = self.body(&quotes, target, interview, true);
                exp.quotes = q;
            }
            Layout::Header => {
                self.put_raw(" date ");
                self.put_raw(&iso[..7]);
                self.put_raw(" ");
                self.put_raw(&title);
                self.put_raw(" - ");
                self.put_raw(outlet.name);
                self.put_raw(&format!(
                    "\n\nPublié le {} {} {} {}\n\n",
                    WEEKDAYS[self.date.weekday],
                    day_str(self.date.day),
                    MONTHS[self.date.month as usize - 1],
                    self.date.year
                ));
                self.put_raw(&title);
                self.put_raw("\n\n");
                let q = self.body(&quotes, target, interview, true);
                exp.quotes = q;
                if let Some(a) = author {
                    self.put_raw("\n\n");
                    self.put_raw(a);
                }
            }
            Layout::Dw => {
                self.put_raw("1. Aller au contenu\n  2. Aller au menu principal\n  3. Voir les autres sites ");
                self.put_raw(outlet.name);
                self.put_raw("\n\n");
                self.put_raw(&title);
                self.put_raw(&format!(
                    "\n\n{} {} {}\n\n",
                    day_str(self.date.day),
                    MONTHS[self.date.month as usize - 1],
                    self.date.year
                ));
                if self.rng.pct(40) {
                    self.put_raw("https://jump.nonsense.moe:443/https/");
                    self.put_raw(&url["https://".len()..]);
                } else {
                    self.put_raw(&url);
                }
                exp.url = Some(url.clone());
                self.put_raw("\n");
                let q = self.body(&quotes, target, interview, true);
                exp.quotes = q;
                if let Some(a) = author {
                    self.put_raw(&format!(
                        "\n\n{} MA-Bild {a}\n{a} Journaliste au service francophone de {}\n",
                        outlet.name, outlet.name
                    ));
                }
            }
            Layout::Blog => {
                self.put_raw("top of page\n");
                for s in ["Facebook", "Twitter", "YouTube", "TikTok"] {
                    if self.rng.pct(70) {
                        self.put_raw("  • ");
                        self.put_raw(s);
                        self.put_raw("\n");
                    }
                }
                self.put_raw("\n");
                self.put_raw(&title);
                self.put_raw("\n\n");
                if self.rng.pct(25) {
                    // Scrapers often print the title twice, the second time with plain marks.
                    let plain = title.replace('’', "'").replace(['«', '»'], "\"");
                    self.put_raw(&plain);
                    self.put_raw("\n\n");
                }
                if let Some(a) = author {
                    self.put_raw("Par ");
                    self.put_raw(a);
                    self.put_raw("\n\n");
                }
                if has_date {
                    let (h, m) = (7 + self.rng.below(14), self.rng.below(60));
                    self.put_raw(&format!(
                        "Publié le {:02}/{:02}/{} à {h}h{m:02}\n\n",
                        self.date.day, self.date.month, self.date.year,
                    ));
                }
                let q = self.body(&quotes, target, interview, false);
                exp.quotes = q;
                self.put_raw("\n\n\nComments\n\n\nAbonnez-vous à notre Newsletter\n\nQui sommes nous?\n\nBienvenue sur ");
                self.put_raw(outlet.name);
                self.put_raw(" !\nNotre équipe de passionnés s’engage à fournir une information rapide, fiable et des analyses approfondies sur l’actualité du Sahel.\n\nPolitique\n\nSécurité\n\nÉconomie\n\nSociété\n\n© 2024 ");
                self.put_raw(outlet.name);
                self.put_raw(". Tous droits réservés.\n\nbottom of page");
            }
        }
        if crlf {
            let mut v = Vec::with_capacity(self.out.len() + 256);
            for &c in &self.out {
                if c == b'\n' {
                    v.push(b'\r');
                }
                v.push(c);
            }
            self.out = v;
        }
        if !has_date {
            exp.date = None;
        }
        exp
    }

    // --- output helpers --------------------------------------------------------------------

    fn put_raw(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }

    fn put_toml_string(&mut self, s: &str) {
        self.out.push(b'"');
        for c in s.chars() {
            match c {
                '"' => self.out.extend_from_slice(b"\\\""),
                '\\' => self.out.extend_from_slice(b"\\\\"),
                c => {
                    let mut tmp = [0u8; 4];
                    self.out
                        .extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
                }
            }
        }
        self.out.push(b'"');
    }

    /// Fills the slots of `tpl` into `self.scratch` (plain data text, not yet rendered).
    fn fill(&mut self, tpl: &str, who: Option<usize>) {
        let mut rest = tpl;
        while let Some(open) = rest.find('{') {
            self.scratch.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').expect("slot closes");
            let slot = &rest[open + 1..close];
            rest = &rest[close + 1..];
            match slot {
                "ville" | "V" => {
                    let t = if self.kidal && self.rng.pct(30) {
                        TOWNS[0]
                    } else {
                        let k = 1 + self.rng.below(TOWNS.len() - 1);
                        TOWNS[if self.rng.pct(4) { 0 } else { k }]
                    };
                    self.push_place(t);
                }
                "region" => {
                    let t = self.rng.pick(&REGIONS);
                    self.push_place(t);
                }
                "pays" => self.scratch.push_str(COUNTRIES[self.country].0),
                "P" => self.scratch.push_str(COUNTRIES[self.country].0),
                "PN" => self.scratch.push_str(COUNTRIES[self.country].0),
                "PL" => self.scratch.push_str(COUNTRIES[self.country].2),
                "adj" => self.scratch.push_str(COUNTRIES[self.country].1),
                "adjm" => self.scratch.push_str(COUNTRIES[self.country].3),
                "n" => {
                    let n = 3 + self.rng.below(58);
                    self.scratch.push_str(&n.to_string());
                }
                "mois" => self.scratch.push_str(MONTHS[self.date.month as usize - 1]),
                "annee" => {
                    let y = self.date.year;
                    self.scratch.push_str(&y.to_string());
                }
                "date" => {
                    let s = format!(
                        "{} {} {}",
                        day_str(self.date.day),
                        MONTHS[self.date.month as usize - 1],
                        self.date.year
                    );
                    self.scratch.push_str(&s);
                }
                "jour" => self.scratch.push_str(WEEKDAYS[self.date.weekday]),
                "nn" => {
                    let n = 1 + self.rng.below(9);
                    let h = self.rng.below(10);
                    let sep = if self.in_title { " " } else { NBSP };
                    self.scratch.push_str(&format!("{n}{sep}{h}00"));
                }
                "e" => {
                    if who.is_some_and(|k| PEOPLE[k].fem) {
                        self.scratch.push('e');
                    }
                }
                "p" => self
                    .scratch
                    .push_str(if who.is_some_and(|k| PEOPLE[k].fem) {
                        "elle"
                    } else {
                        "il"
                    }),
                "S" => {
                    let k = who.expect("{S} needs a speaker");
                    self.mention(k, true);
                }
                "N" => {
                    let k = who.expect("{N} needs a speaker");
                    self.scratch.push_str(PEOPLE[k].name);
                }
                "SN" => {
                    let k = who.expect("{SN} needs a speaker");
                    self.scratch
                        .push_str(PEOPLE[k].short.unwrap_or(PEOPLE[k].name));
                }
                "T" | "t" => {
                    let theme = self.rng.pick(&THEMES);
                    let start = self.scratch.len();
                    self.fill(theme, who);
                    if slot == "t" {
                        capitalize_at(&mut self.scratch, start);
                    }
                }
                other => panic!("unknown slot {{{other}}}"),
            }
        }
        self.scratch.push_str(rest);
    }

    /// A place name after `de`: `d’Agadez`, `de Gao`.
    fn push_place(&mut self, name: &str) {
        if name.starts_with(['A', 'E', 'I', 'O', 'U', 'É']) && self.scratch.ends_with(" de ") {
            self.scratch.truncate(self.scratch.len() - 2);
            self.scratch.push('’');
        }
        self.scratch.push_str(name);
    }

    /// Names person `k`: in full with the role the first time (`Name, role,` when `comma` says the
    /// sentence goes on), else `M. Surname` or the full name.
    fn mention(&mut self, k: usize, comma: bool) {
        let person = &PEOPLE[k];
        if self.introduced & (1 << k) == 0 {
            self.introduced |= 1 << k;
            self.scratch.push_str(person.name);
            self.scratch.push_str(", ");
            self.scratch.push_str(person.role);
            if comma {
                self.scratch.push(',');
            }
        } else {
            match person.short {
                Some(s) if self.rng.pct(50) => {
                    self.scratch
                        .push_str(if person.fem { "Mme " } else { "M. " });
                    self.scratch.push_str(s);
                }
                _ => self.scratch.push_str(person.name),
            }
        }
    }

    /// Renders `self.scratch` into the output and clears it; returns the bytes written.
    fn flush(&mut self) -> usize {
        let before = self.out.len();
        render(&mut self.out, &self.scratch, &self.st);
        self.scratch.clear();
        self.out.len() - before
    }

    /// A quote and the length of its core (opening and infinitive), which a headline may print alone.
    fn compose_quote(&mut self) -> (String, usize) {
        // A few famous sentences travel from article to article; most quotes are one-offs.
        if self.rng.pct(4) {
            let mut q = self.rng.pick(&Q_WHOLE);
            if !self.kidal && q.contains("Kidal") {
                q = Q_WHOLE[self.rng.below(4)];
            }
            return (q.to_owned(), q.len());
        }
        // One article does not open two quotes the same way.
        let open = loop {
            let k = self.rng.below(Q_OPEN.len());
            if self.used_openers & (1 << k) == 0 {
                self.used_openers |= 1 << k;
                break Q_OPEN[k];
            }
        };
        let verb = self.rng.pick(&Q_VERB);
        let mut s = String::with_capacity(200);
        if verb.starts_with(['a', 'e', 'é', 'i', 'o', 'u']) && open.ends_with(" de") {
            s.push_str(&open[..open.len() - 1]);
            s.push('’');
        } else {
            s.push_str(open);
            s.push(' ');
        }
        s.push_str(verb);
        s.push(' ');
        let head = self.rng.pick(&Q_HEAD);
        s.push_str(head);
        let start = self.scratch.len();
        let of = self.rng.pick(&Q_OF);
        self.fill(of, None);
        s.push_str(&self.scratch[start..]);
        self.scratch.truncate(start);
        let core = s.len();
        let start = self.scratch.len();
        if self.rng.pct(85) {
            // Not two places of the same kind (`de la région de Gao dans la région de Gao`).
            let w = loop {
                let w = self.rng.pick(&Q_WHERE);
                let clash = ["{ville}", "{region}", "{annee}"]
                    .iter()
                    .any(|slot| w.contains(slot) && of.contains(slot));
                if !clash {
                    break w;
                }
            };
            self.fill(w, None);
        }
        let tail = self.rng.pick(&Q_TAIL);
        // A tail that repeats a word of the quote (`malgré … malgré`) is left out.
        let repeats = tail.split([' ', ',', '’']).any(|w| {
            w.chars().count() >= 6 && (head.contains(w) || self.scratch[start..].contains(w))
        });
        if !repeats && self.rng.pct(25) {
            self.scratch.push_str(tail);
        }
        if self.rng.pct(75) {
            let clause = self.rng.pick(&Q_CLAUSE);
            self.fill(clause, None);
        }
        s.push_str(&self.scratch[start..]);
        self.scratch.truncate(start);
        (s, core)
    }

    fn title(&mut self, lavrov: bool, kidal: bool, quotes: &[Quote]) -> String {
        let first = &quotes[0];
        let quote_title = !lavrov
            && !kidal
            && first.who != LAVROV
            && !first.text.contains("Kidal")
            && self.rng.pct(5);
        self.scratch.clear();
        self.in_title = true;
        if quote_title {
            self.scratch.push_str(PEOPLE[first.who].name);
            self.scratch.push_str(" : «");
            self.scratch.push_str(&first.text[..first.core]);
            self.scratch.push('»');
        } else {
            let (tpl, who) = if lavrov {
                let other = self
                    .pick_person(|k| k != LAVROV && PEOPLE[k].short.is_some() && !PEOPLE[k].expert);
                (self.rng.pick(&LAVROV_TITLES), Some(other))
            } else if kidal {
                (self.rng.pick(&KIDAL_TITLES), None)
            } else {
                let who = self.pick_person(|k| k != LAVROV && !PEOPLE[k].expert);
                let tpl = if self.rng.pct(3) {
                    self.rng.pick(&TITLES_FIXED)
                } else {
                    self.rng.pick(&TITLES)
                };
                (tpl, Some(who))
            };
            // Kidal is a topic of its own: general titles never name it.
            let kidal_topic = self.kidal;
            self.kidal = false;
            loop {
                self.scratch.clear();
                self.fill(tpl, who);
                if kidal || !self.scratch.contains("Kidal") {
                    break;
                }
            }
            self.kidal = kidal_topic;
            capitalize_at(&mut self.scratch, 0);
        }
        self.in_title = false;
        let mut out = Vec::with_capacity(self.scratch.len() + 8);
        render(&mut out, &self.scratch, &self.title_st);
        self.scratch.clear();
        String::from_utf8(out).expect("rendered text is UTF-8")
    }

    /// A body block: the rendered scratch, then the separator.
    fn end_block(&mut self, sep: &str) {
        let n = self.flush();
        self.body_bytes += n + 2;
        self.put_raw(sep);
    }

    /// `sentences` sentences of running text, none printed twice in the article.
    fn narrative(&mut self, sentences: usize) {
        for s in 0..sentences {
            if s > 0 {
                self.scratch.push(' ');
            }
            let all_kidal = ((1u128 << KIDAL.len()) - 1) << SENTENCES.len();
            let kidal = self.kidal && self.used & all_kidal != all_kidal && self.rng.pct(12);
            let all = (1u128 << SENTENCES.len()) - 1;
            if !kidal && self.used & all == all {
                self.used &= !all;
            }
            let tpl = loop {
                let (k, bit) = if kidal {
                    let k = self.rng.below(KIDAL.len());
                    (k, SENTENCES.len() + k)
                } else {
                    let k = self.rng.below(SENTENCES.len());
                    (k, k)
                };
                if self.used & (1 << bit) == 0 {
                    self.used |= 1 << bit;
                    break if kidal { KIDAL[k] } else { SENTENCES[k] };
                }
            };
            self.fill(tpl, None);
        }
    }

    /// One paragraph holding quote `q` (and sometimes a second one by the same speaker).
    /// Returns the number of quotes written.
    fn quote_paragraph(&mut self, q: &Quote, second: Option<&Quote>) -> usize {
        let who = q.who;
        if self.rng.pct(35) {
            self.narrative(1);
            self.scratch.push(' ');
        }
        let text = q.text.as_str();
        let lower = lower_first(text);
        let bang = self.rng.pct(5);
        let end_mark = if bang { " !" } else { "" };
        match self.rng.below(100) {
            // « Q », a déclaré Name, role.
            0..=27 => {
                self.scratch.push('«');
                self.scratch.push_str(text);
                self.scratch.push_str(end_mark);
                self.scratch.push_str("», ");
                if self.rng.pct(25) {
                    let v = self.rng.pick(&VERBS_PRESENT);
                    self.scratch.push_str(v);
                } else {
                    let v = self.rng.pick(&VERBS_PP);
                    self.scratch.push_str("a ");
                    self.scratch.push_str(v);
                }
                self.scratch.push(' ');
                self.mention(who, false);
                self.scratch.push('.');
            }
            // Selon Name, « q ». (A first mention introduces the person, then `Selon lui`.)
            28..=44 => {
                if self.introduced & (1 << who) == 0 {
                    let intro = self.rng.pick(&INTROS);
                    self.fill(intro, Some(who));
                    self.scratch.push_str(" Selon ");
                    self.scratch
                        .push_str(if PEOPLE[who].fem { "elle," } else { "lui," });
                } else {
                    self.scratch.push_str("Selon ");
                    self.mention(who, false);
                    self.scratch.push(',');
                }
                self.scratch.push_str(" «");
                self.scratch.push_str(&lower);
                self.scratch.push_str("».");
            }
            // Intro. « Q », a-t-il souligné.
            45..=64 => {
                let intro = self.rng.pick(&INTROS);
                self.fill(intro, Some(who));
                self.scratch.push_str(" «");
                self.scratch.push_str(text);
                self.scratch.push_str(end_mark);
                self.scratch.push_str("», ");
                let v = self.rng.pick(&VERBS_PRONOUN);
                self.fill(v, Some(who));
                self.scratch.push('.');
            }
            // Name a affirmé que « q ».
            65..=82 => {
                self.mention(who, true);
                self.scratch.push(' ');
                let v = self.rng.pick(&VERBS_THAT);
                self.scratch.push_str(v);
                self.scratch.push_str(" que «");
                self.scratch.push_str(&lower);
                self.scratch.push_str("».");
            }
            // Intro. Et d’ajouter : « Q ».
            83..=89 => {
                let intro = self.rng.pick(&INTROS);
                self.fill(intro, Some(who));
                self.scratch.push_str(" Et d’");
                self.scratch.push_str(
                    self.rng
                        .pick(&["ajouter", "insister", "assurer", "affirmer"]),
                );
                self.scratch.push_str(" : «");
                self.scratch.push_str(text);
                // No `!` here: with straight marks, `"… !". Next` puts two sentence ends in a
                // row, which panics `quote::extract::sentences` (it slices `text[start..at]` with
                // `start > at`; so do `.. Next` and `?. Next`). Put it back once that is fixed.
                self.scratch.push_str("».");
            }
            // Reported speech whose marks were lost: Q, a déclaré Name.
            _ => {
                self.scratch.push_str(text);
                self.scratch.push_str(", a ");
                let v = self
                    .rng
                    .pick(&["déclaré", "affirmé", "souligné", "ajouté", "assuré"]);
                self.scratch.push_str(v);
                self.scratch.push(' ');
                self.mention(who, false);
                self.scratch.push('.');
            }
        }
        let mut n = 1;
        if let Some(q2) = second {
            // The same speaker goes on: « Q2 », a-t-il ajouté.
            self.scratch.push_str(" «");
            self.scratch.push_str(&q2.text);
            self.scratch.push_str("», ");
            let v = self.rng.pick(&[
                "a-t-{p} ajouté",
                "poursuit-{p}",
                "a-t-{p} insisté",
                "a-t-{p} conclu",
            ]);
            self.fill(v, Some(who));
            self.scratch.push('.');
            n += 1;
        } else if self.rng.pct(25) {
            self.scratch.push(' ');
            self.narrative(1);
        }
        n
    }

    /// Writes the body; returns the number of quotes written.
    fn body(
        &mut self,
        quotes: &[Quote],
        target: usize,
        interview: Option<(&'static str, usize)>,
        single_newlines_ok: bool,
    ) -> usize {
        // Paragraph separators: mostly a blank line; some pages use single newlines or several.
        let compact = single_newlines_ok && self.rng.pct(12);
        let sep: &str = if compact {
            "\n"
        } else if self.rng.pct(15) {
            "\n\n\n\n"
        } else {
            "\n\n"
        };
        let turns = 2 + self.rng.below(2);
        let reserve = if interview.is_some() {
            150 + 280 * turns
        } else {
            0
        };
        let mut written = 0;

        // Lead.
        let lead = self.rng.pick(&LEADS);
        self.fill(lead, None);
        let more = self.rng.below(3);
        if more > 0 {
            self.scratch.push(' ');
            self.narrative(more);
        }
        self.end_block(sep);
        if !compact && self.rng.pct(20) {
            self.caption(sep);
        }

        let mut next_quote = 0;
        let mut last_heading = true;
        let mut headings = 0;
        let mut lire_aussi = self.rng.pct(25);
        let avg = 420;
        while self.body_bytes + reserve < target || next_quote < quotes.len() {
            let left = quotes.len() - next_quote;
            let room = (target.saturating_sub(self.body_bytes + reserve)) / avg + 1;
            if !last_heading && !compact && headings < 3 && self.rng.pct(12) {
                let h = self.rng.pick(&HEADINGS);
                self.fill(h, None);
                self.end_block(sep);
                headings += 1;
                last_heading = true;
            } else {
                last_heading = false;
            }
            if lire_aussi && self.body_bytes * 2 > target {
                lire_aussi = false;
                self.scratch.push_str(self.rng.pick(&LIRE_AUSSI));
                let t = self.rng.pick(&THEMES);
                self.fill(t, None);
                capitalize_after_colon(&mut self.scratch);
                self.flush();
                self.put_raw(sep);
                continue;
            }
            if left > 0 && self.rng.below(room) < left {
                let q = &quotes[next_quote];
                let pair = left >= 2 && quotes[next_quote + 1].who == q.who && self.rng.pct(50);
                let second = pair.then(|| &quotes[next_quote + 1]);
                written += self.quote_paragraph(q, second);
                next_quote += 1 + usize::from(pair);
                self.end_block(sep);
                continue;
            }
            // Sentences run about 140 bytes: near the end, write only what still fits.
            let fits = (target.saturating_sub(self.body_bytes + reserve) / 140).max(1);
            let long = fits >= 8 && self.rng.pct(7);
            let n = if long {
                6 + self.rng.below(4)
            } else {
                (1 + self.rng.below(4)).min(fits)
            };
            self.narrative(n);
            self.end_block(sep);
            if !compact && self.rng.pct(4) {
                self.caption(sep);
            }
        }

        if let Some((interviewer, expert)) = interview {
            let e = &PEOPLE[expert];
            // Introduce the expert, then the exchange.
            self.scratch.push_str(e.name);
            self.scratch.push_str(", ");
            self.scratch.push_str(e.role);
            self.scratch.push_str(self.rng.pick(&[
                ", analyse la portée de ces annonces.",
                ", revient sur les enjeux de ce partenariat.",
                ", a répondu à nos questions.",
            ]));
            self.introduced |= 1 << expert;
            self.end_block(sep);
            if !compact {
                let h = self.rng.pick(&INTERVIEW_HEADS);
                self.fill(h, Some(expert));
                self.end_block(sep);
            }
            let first_q = self.rng.below(QUESTIONS.len());
            for t in 0..turns {
                self.scratch.push_str(interviewer);
                self.scratch.push_str(" : ");
                self.scratch
                    .push_str(QUESTIONS[(first_q + t) % QUESTIONS.len()]);
                self.end_block(sep);
                self.scratch.push_str(e.name);
                self.scratch.push_str(" : ");
                let first_a = self.rng.below(ANSWERS.len());
                let n = 2 + self.rng.below(2);
                for a in 0..n {
                    if a > 0 {
                        self.scratch.push(' ');
                    }
                    self.fill(ANSWERS[(first_a + a * 5) % ANSWERS.len()], None);
                }
                self.end_block(sep);
                written += 1;
            }
        }
        // The last separator is not part of the body.
        let trailing = sep.len();
        self.out.truncate(self.out.len() - trailing);
        written
    }

    fn caption(&mut self, sep: &str) {
        if self.rng.pct(20) {
            // A credit alone: dropped by the reader.
            self.put_raw("Crédit photo : ");
            let c = self.rng.pick(&CREDITS);
            self.put_raw(c);
            self.put_raw(sep);
            return;
        }
        let c = self.rng.pick(&CAPTIONS);
        self.fill(c, None);
        let credit = self.rng.pick(&CREDITS);
        if self.rng.pct(30) {
            // Alt text and caption printed back to back.
            let line = self.scratch.clone();
            self.flush();
            self.put_raw(" © ");
            self.put_raw(credit);
            self.put_raw("\n");
            self.scratch.push_str(&line);
        }
        self.scratch.push_str(" © ");
        self.scratch.push_str(credit);
        self.end_block(sep);
    }
}

fn day_str(day: u32) -> String {
    if day == 1 {
        "1er".to_owned()
    } else {
        day.to_string()
    }
}

/// An interview label the reader can take for a name: capitalized words, at most four.
fn label_shaped(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '’' | '\''))
        })
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn capitalize_at(s: &mut String, at: usize) {
    if let Some(c) = s[at..].chars().next() {
        if c.is_lowercase() {
            let up: String = c.to_uppercase().collect();
            s.replace_range(at..at + c.len_utf8(), &up);
        }
    }
}

fn capitalize_after_colon(s: &mut String) {
    if let Some(k) = s.find(": ") {
        capitalize_at(s, k + 2);
    }
}

/// `La Russie et l’AES …` → `la-russie-et-l-aes`, at most eight words.
fn slug(title: &str) -> String {
    let mut s = String::with_capacity(64);
    let mut words = 0;
    let mut dash = true;
    for c in title.chars() {
        let c = match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => 'e',
            'î' | 'ï' | 'Î' => 'i',
            'ô' | 'ö' | 'Ô' => 'o',
            'ù' | 'û' | 'ü' | 'Û' => 'u',
            'ç' | 'Ç' => 'c',
            'œ' => 'o',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            s.push(c);
            dash = false;
        } else if !dash {
            words += 1;
            if words == 8 {
                break;
            }
            s.push('-');
            dash = true;
        }
    }
    while s.ends_with('-') {
        s.pop();
    }
    s
}
