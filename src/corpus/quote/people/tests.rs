//! Tests of the people of an article: names, appositions, short forms, subjects, aliases.

use super::*;

fn people(text: &str) -> People {
    People::find(
        text,
        std::slice::from_ref(&(0..text.len())),
        &[],
        &[text.len()],
        &Aliases::default(),
    )
}

#[test]
fn full_names_are_found_and_places_are_not_people() {
    let p = people(
        "Abdoulaye Diop a rencontré Sergueï Lavrov au Burkina Faso avec l’Alliance des États du Sahel.",
    );
    let names: Vec<&str> = p.persons.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Abdoulaye Diop", "Sergueï Lavrov"]);
}

#[test]
fn appositions_give_roles_on_either_side() {
    let t = "Abdoulaye Diop, ministre malien des Affaires étrangères, parle. Le ministre russe de la Défense, Andrei Belousov, répond. Le général Sadio Camara (Mali) aussi.";
    let p = people(t);
    assert_eq!(
        p.by_role("le ministre malien", t.len()).map(|i| p.name(i)),
        Some("Abdoulaye Diop")
    );
    assert_eq!(
        p.by_role("le ministre russe", t.len()).map(|i| p.name(i)),
        Some("Andrei Belousov")
    );
    assert_eq!(
        p.by_role("le général malien", t.len()).map(|i| p.name(i)),
        Some("Sadio Camara")
    );
    assert_eq!(
        p.by_role("le ministre burkinabè des Affaires étrangères", t.len()),
        None
    );
}

#[test]
fn role_synonyms_resolve_the_chief_diplomat() {
    let t = "Le ministre russe des Affaires étrangères Sergueï Lavrov est arrivé.";
    let p = people(t);
    assert_eq!(
        p.by_role("le chef de la diplomatie russe", t.len())
            .map(|i| p.name(i)),
        Some("Sergueï Lavrov")
    );
}

#[test]
fn short_forms_resolve_to_the_full_name() {
    let p = people("Abdoulaye Diop est là. M. Diop parle.");
    assert_eq!(
        p.by_short_form("Diop").map(|i| p.name(i)),
        Some("Abdoulaye Diop")
    );
    assert_eq!(
        p.by_short_form("DIOP").map(|i| p.name(i)),
        Some("Abdoulaye Diop")
    );
}

#[test]
fn a_name_after_a_preposition_is_not_the_subject() {
    let t = "Les entretiens avec Sergueï Lavrov ont été utiles.";
    let p = people(t);
    let il = Pronoun::of("il").unwrap();
    assert_eq!(p.antecedent(t.len(), il), None);
}

#[test]
fn aliases_merge_spellings() {
    let a = Aliases::parse(
        "[[person]]\nname = \"Andreï Biélooussov\"\naliases = [\"Andrei Belousov\"]\n",
    )
    .unwrap();
    let p = People::find(
        "Le ministre Andrei Belousov parle.",
        std::slice::from_ref(&(0..33)),
        &[],
        &[33],
        &a,
    );
    assert_eq!(p.persons[0].name, "Andreï Biélooussov");
    assert_eq!(alias_by_surname(&a, "Belousov"), Some("Andreï Biélooussov"));
}
