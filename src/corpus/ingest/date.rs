//! Publication dates written the ways French (and English) sites write them, on a line of their own:
//! `3 avril 2025`, `Publié le lundi 12 mai 2025 à 14h30`, `12/05/2025`, `2025-05-12`, `mai 2025`.

use std::sync::LazyLock;

use regex::Regex;

use crate::corpus::article::PartialDate;

/// How much a date line says about publication: lower is stronger evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DateRank {
    /// `Publié le …`, `Paru le …`.
    Published,
    /// A bare date, or the date of a metadata header.
    Bare,
    /// `Mis à jour le …`: the last edit, not the publication.
    Updated,
}

const MONTHS: [(&str, u8); 28] = [
    ("janvier", 1),
    ("janv", 1),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("mars", 3),
    ("avril", 4),
    ("avr", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("aout", 8),
    ("septembre", 9),
    ("sept", 9),
    ("octobre", 10),
    ("oct", 10),
    ("novembre", 11),
    ("nov", 11),
    ("decembre", 12),
    ("dec", 12),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("june", 6),
    ("july", 7),
    ("august", 8),
];
const MONTHS_EN_REST: [(&str, u8); 4] = [
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
];

fn month_number(name: &str) -> Option<u8> {
    let name = name.trim_end_matches('.');
    MONTHS
        .iter()
        .chain(MONTHS_EN_REST.iter())
        .find(|(n, _)| *n == name)
        .map(|(_, m)| *m)
}

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let verb = r"(?:(?P<verb>publie|paru|mis a jour|mise a jour|modifie|actualise|date|posted|published|updated)(?:\s+(?:le|on))?\s*:?\s*)?";
    let weekday = r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?";
    let words = r"(?:(?P<d>\d{1,2})(?:er)?\s+)?(?P<mw>[a-z]{3,9}\.?),?\s+(?P<y>\d{4})";
    let numeric = r"(?P<nd>\d{1,2})[/.](?P<nm>\d{1,2})[/.](?P<ny>\d{4})";
    let iso = r"(?P<iy>\d{4})-(?P<im>\d{2})(?:-(?P<id>\d{2}))?";
    let time = r"(?:\s*(?:a|at|,|-|–|\|)?\s*\d{1,2}\s*(?:h|:)\s*\d{0,2}(?::\d{2})?(?:\s*(?:min|gmt|utc|cet|cest|am|pm))?)?";
    Regex::new(&format!(
        r"^{verb}{weekday}(?:{words}|{numeric}|{iso}){time}\s*\.?$"
    ))
    .expect("date regex compiles")
});

/// Parses a line that is only a date (with optional `Publié le`, weekday and time), given trimmed
/// and folded (`key`).
pub fn date_line(key: &str) -> Option<(PartialDate, DateRank)> {
    if key.len() > 80 {
        return None;
    }
    let caps = crate::corpus::text::captures(&DATE_LINE, key)?;
    let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u16>().ok());
    let date = if let Some(mw) = caps.name("mw") {
        let month = month_number(mw.as_str())?;
        let day = num("d").and_then(|d| u8::try_from(d).ok());
        PartialDate::new(num("y")?, Some(month), day)?
    } else if caps.name("ny").is_some() {
        PartialDate::new(
            num("ny")?,
            u8::try_from(num("nm")?).ok(),
            u8::try_from(num("nd")?).ok(),
        )?
    } else {
        let day = num("id").and_then(|d| u8::try_from(d).ok());
        PartialDate::new(num("iy")?, u8::try_from(num("im")?).ok(), day)?
    };
    let rank = match caps.name("verb").map(|m| m.as_str()) {
        Some("publie" | "paru" | "date" | "posted" | "published") => DateRank::Published,
        Some(_) => DateRank::Updated,
        None => DateRank::Bare,
    };
    Some((date, rank))
}

/// Picks the publication date among candidates: the strongest rank, then the most precise date
/// that agrees with it (a header's `2025-05` is refined by `Publié le lundi 12 mai 2025`).
pub fn best_date(mut candidates: Vec<(PartialDate, DateRank)>) -> Option<PartialDate> {
    candidates.sort_by_key(|(_, rank)| *rank);
    let (mut best, _) = *candidates.first()?;
    for (date, _) in &candidates {
        if date.refines(&best) {
            best = *date;
        }
    }
    Some(best)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::text::fold;

    fn date(line: &str) -> Option<(PartialDate, DateRank)> {
        date_line(&fold(line.trim()))
    }

    fn iso(line: &str) -> Option<String> {
        date(line).map(|(d, _)| d.to_string())
    }

    #[test]
    fn french_dates_in_words_are_read() {
        assert_eq!(iso("3 avril 2025").as_deref(), Some("2025-04-03"));
        assert_eq!(
            iso("Publié le lundi 12 mai 2025").as_deref(),
            Some("2025-05-12")
        );
        assert_eq!(iso("1er août 2025 à 14h30").as_deref(), Some("2025-08-01"));
        assert_eq!(
            iso("Mis à jour le 2 févr. 2024").as_deref(),
            Some("2024-02-02")
        );
        assert_eq!(iso("mai 2025").as_deref(), Some("2025-05"));
    }

    #[test]
    fn numeric_dates_are_read_day_first() {
        assert_eq!(iso("12/05/2025").as_deref(), Some("2025-05-12"));
        assert_eq!(iso("2025-05-12 10:30").as_deref(), Some("2025-05-12"));
    }

    #[test]
    fn sentences_with_dates_are_not_date_lines() {
        assert_eq!(
            iso("Le 14 août 2025, les ministres de la Défense se sont réunis."),
            None
        );
        assert_eq!(
            iso("Les ministres de la défense des pays de l'AES à Moscou le 14 août 2025"),
            None
        );
        assert_eq!(iso("31 février 2025"), None);
    }

    #[test]
    fn published_beats_updated_and_days_refine_months() {
        let pick = |lines: &[&str]| {
            best_date(lines.iter().filter_map(|l| date(l)).collect()).map(|d| d.to_string())
        };
        assert_eq!(
            pick(&["Mis à jour le 3 mai 2025", "Publié le 1 mai 2025"]).as_deref(),
            Some("2025-05-01")
        );
        assert_eq!(
            pick(&["2025-05", "Publié le lundi 12 mai 2025"]).as_deref(),
            Some("2025-05-12")
        );
    }
}
