//! An upper bound on fuzzy-matcher's skim (v2) score, cheap enough to run before skim on every
//! title: a title whose best possible score cannot reach the noise floor is never handed to skim,
//! which spends most of its time on such titles.
//!
//! Skim aligns the pattern with a dynamic program over every (pattern char, choice char) cell. Its
//! scores (16 per matched char; bonuses for word starts, separators and runs; -3 to open a gap and
//! -1 per skipped char) only change at the chars equal to a pattern char, so the same recurrence
//! can run over those chars alone, with a running maximum standing in for the gap cells. Where skim's
//! score depends on something this does not know, the bound takes the most skim could get:
//! - skim keeps two rows of cells and reuses them, for row `r`, from row `r - 2` (and from earlier
//!   calls); at each row's first column it reads that older row's scores, and this reads the same;
//! - the run bonus skim reads at a match is sometimes left over from an older row or an earlier call;
//!   the bound counts 16 (skim's largest bonus) there, and the exact value elsewhere.
//!
//! So the bound is never below skim's score; property tests check it against the crate.

use std::cell::RefCell;

/// Skim's default scoring (`SkimScoreConfig::default()`).
const MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_HEAD: i32 = MATCH / 2;
const BONUS_BREAK: i32 = MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
const FIRST_CHAR_MULTIPLIER: i32 = 2;
/// The largest bonus skim can carry along a run (a word start at the choice's first char).
const BONUS_MAX: i32 = BONUS_HEAD * FIRST_CHAR_MULTIPLIER;
/// Far below any score, with room to add to.
const NONE: i32 = i32::MIN / 4;

/// Skim's char classes, which decide the bonus of a char from the one before it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Start,
    HardSep,
    SoftSep,
    Number,
    Upper,
    Lower,
}

const fn class(c: char) -> Class {
    match c {
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => Class::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => Class::SoftSep,
        '0'..='9' => Class::Number,
        'A'..='Z' => Class::Upper,
        _ => Class::Lower,
    }
}

/// The bonus skim gives a char of class `cur` after one of class `prev`.
fn place_bonus(prev: Class, cur: Class) -> i32 {
    match (prev, cur) {
        (Class::Start | Class::HardSep, _) => BONUS_HEAD,
        (Class::SoftSep, _) => BONUS_BREAK,
        (Class::Lower | Class::Number, Class::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// A char of the choice or pattern: a byte of ASCII text, else a `char`.
trait Unit: Copy + Eq {
    fn class(self) -> Class;
}

/// [`class`] of every ASCII byte (non-ASCII chars are all [`Class::Lower`]).
const BYTE_CLASS: [Class; 256] = {
    let mut table = [Class::Lower; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = class(b as u8 as char);
        b += 1;
    }
    table
};

impl Unit for u8 {
    fn class(self) -> Class {
        BYTE_CLASS[usize::from(self)]
    }
}

impl Unit for char {
    fn class(self) -> Class {
        class(self)
    }
}

/// The places where `unit` occurs in `hay`, from `from` on.
fn occurrences<T: Unit>(hay: &[T], unit: T, from: usize) -> impl Iterator<Item = usize> {
    hay.iter()
        .enumerate()
        .skip(from)
        .filter(move |(_, c)| **c == unit)
        .map(|(at, _)| at)
}

/// The bonus skim gives the char at `at` for its place (a word start, after a separator...).
fn place_bonus_at<T: Unit>(choice: &[T], at: usize) -> i32 {
    let cur = choice.get(at).map_or(Class::Lower, |c| c.class());
    match at.checked_sub(1).and_then(|i| choice.get(i)) {
        Some(prev) => place_bonus(prev.class(), cur),
        None => place_bonus(Class::Start, cur) * FIRST_CHAR_MULTIPLIER,
    }
}

/// A row's match: where, skim's score there, and the best `score + at + GAP_START` of the row up
/// to and including it (where a gap after it starts from, less the gap's end).
#[derive(Clone, Copy)]
struct Cell {
    at: usize,
    score: i32,
    gap_from: i32,
}

/// One pattern char's row: its matches, in order.
#[derive(Default)]
struct Row {
    cells: Vec<Cell>,
    /// What a gap can start from before the row's first match.
    gap_from: i32,
    /// The score skim's reused row holds just before the row's first match; it counts in skim's
    /// final maximum when this is the last row.
    injected: i32,
}

impl Row {
    /// The row's score for a match at `at`, if it has one.
    fn score_at(&self, at: usize) -> i32 {
        self.cells
            .binary_search_by_key(&at, |c| c.at)
            .map_or(NONE, |i| self.cells[i].score)
    }

    /// Skim's skip score after the char at `at`: the best alignment of the pattern up to this
    /// row that leaves every char from its last match to `at` unmatched.
    fn skip_after(&self, at: usize) -> i32 {
        let before = self.cells.partition_point(|c| c.at < at);
        self.skip_with(before, at)
    }

    /// [`Row::skip_after`] given how many of the row's matches come before `at`.
    fn skip_with(&self, before: usize, at: usize) -> i32 {
        let from = before
            .checked_sub(1)
            .and_then(|i| self.cells.get(i))
            .map_or(NONE, |c| c.gap_from);
        self.gap_from.max(from) - to_i32(at)
    }
}

/// Buffers reused from call to call on each thread.
#[derive(Default)]
struct Scratch {
    chars: Vec<char>,
    pattern: Vec<char>,
    /// This row, the one above, and the one above that.
    rows: [Row; 3],
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// A char index as a score term (indices beyond any title's length saturate).
fn to_i32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX / 4)
}

/// An upper bound on `SkimMatcherV2::default().respect_case().fuzzy_match(choice, pattern)`, or
/// `None` when skim finds no match either (some pattern char missing, in order).
#[cfg(test)]
pub fn upper_bound(choice: &str, pattern: &str) -> Option<i32> {
    skim_bound(choice, pattern).map(|b| b.score)
}

/// An upper bound on skim's score, and whether it is skim's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bound {
    pub score: i32,
    /// No cell took a run bonus left over by an earlier row or call (the only thing the bound
    /// does not know): the bound is skim's score, whatever skim's reused cells hold.
    pub exact: bool,
}

/// [`upper_bound`], saying whether it is exact ([`Bound`]).
pub fn skim_bound(choice: &str, pattern: &str) -> Option<Bound> {
    SCRATCH.with(|s| {
        let mut s = s.borrow_mut();
        let s = &mut *s;
        if choice.is_ascii() && pattern.is_ascii() {
            return bound(choice.as_bytes(), pattern.as_bytes(), &mut s.rows);
        }
        s.chars.clear();
        s.chars.extend(choice.chars());
        s.pattern.clear();
        s.pattern.extend(pattern.chars());
        bound(&s.chars, &s.pattern, &mut s.rows)
    })
}

/// [`upper_bound`] over units: one row per pattern char, each holding that char's occurrences from
/// its first possible match on, scored from the row above.
fn bound<T: Unit>(choice: &[T], pattern: &[T], rows: &mut [Row; 3]) -> Option<Bound> {
    if pattern.is_empty() {
        return Some(Bound {
            score: 0,
            exact: true,
        });
    }
    let mut exact = true;
    let mut first = 0; // where the next row's first match may be (skim's greedy first matches)
    for (r, &p) in pattern.iter().enumerate() {
        let f = occurrences(choice, p, first).next()?;
        first = f + 1;
        rows.rotate_right(1);
        let [row, above, older] = rows;
        // What skim's reused row holds just before this row's first match (see the header).
        let (injected, skip) = match r {
            0 => (NONE, NONE),
            1 => (NONE, GAP_EXTENSION),
            _ => (older.score_at(f - 1), older.skip_after(f - 1)),
        };
        row.injected = injected;
        row.gap_from = match f.checked_sub(1) {
            Some(before) => (injected + to_i32(before) + GAP_START).max(skip + to_i32(before)),
            None => NONE,
        };
        row.cells.clear();
        let mut gap_from = row.gap_from;
        let mut k = 0; // the above row's matches before `at - 1`
        for at in occurrences(choice, p, f) {
            let bonus = place_bonus_at(choice, at);
            let score = if r == 0 {
                MATCH + GAP_EXTENSION + bonus
            } else {
                let prev = at - 1;
                while above.cells.get(k).is_some_and(|c| c.at < prev) {
                    k += 1;
                }
                let run = above
                    .cells
                    .get(k)
                    .filter(|c| c.at == prev)
                    .map_or(NONE, |c| c.score);
                let skip = above.skip_with(k, prev) + bonus;
                let least = bonus.max(BONUS_CONSECUTIVE);
                let most = match run_bonus_read(choice, pattern, r, at, f) {
                    Some(read) => read.max(least),
                    None => BONUS_MAX.max(least),
                };
                // A run bonus the bound does not know, that decides the cell.
                if (run + least).max(skip) != (run + most).max(skip) {
                    exact = false;
                }
                MATCH + (run + most).max(skip)
            };
            gap_from = gap_from.max(score + to_i32(at) + GAP_START);
            row.cells.push(Cell {
                at,
                score,
                gap_from,
            });
        }
    }
    let last = &rows[0];
    let best = last.cells.iter().map(|c| c.score).max().unwrap_or(NONE);
    Some(Bound {
        score: best.max(last.injected),
        exact,
    })
}

/// The run bonus skim reads when row `r` matches at `at` (the row's first match being at `f`). Skim
/// keeps it in the cell before the match, which this row set to 0 if that char was no match.
/// Otherwise the cell holds what skim's reused row left there: nothing in the first two rows (the
/// first has no run to extend; the second's row is reset each call); in later rows, what the row
/// two up left, which is 0 if it found no match at the char before nor at `at`, else unknown
/// (`None`).
fn run_bonus_read<T: Unit>(
    choice: &[T],
    pattern: &[T],
    r: usize,
    at: usize,
    f: usize,
) -> Option<i32> {
    let fresh = at > f && choice.get(at - 1) != pattern.get(r);
    if fresh || r < 2 {
        return Some(0);
    }
    let two_up = pattern.get(r - 2);
    if pattern.get(r) == two_up || choice.get(at - 1) == two_up {
        None
    } else {
        Some(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;

    fn skim() -> SkimMatcherV2 {
        SkimMatcherV2::default().respect_case()
    }

    #[test]
    fn the_bound_is_skims_score_when_nothing_is_left_over_from_earlier_rows() {
        let cases = [
            (
                "l'aes et la russie : sergueï lavrov reçoit les ministres",
                "lavrov",
            ),
            ("burkina faso : la question securitaire domine", "sec"),
            ("mali : les defis economiques d'une confederation", "aes"),
            ("Alliance des États du Sahel", "AES"),
            ("x", "x"),
            ("ab", "ab"),
        ];
        for (choice, pattern) in cases {
            let score = skim()
                .fuzzy_match(choice, pattern)
                .and_then(|s| i32::try_from(s).ok());
            assert_eq!(
                upper_bound(choice, pattern),
                score,
                "{pattern:?} in {choice:?}"
            );
        }
    }

    #[test]
    fn scattered_letters_are_told_apart_without_skim() {
        // The floor is 16 per pattern char; these only have the letters, far apart.
        let floor = 16 * 6;
        for choice in [
            "malabar, travaux et provocations",
            "relativement prévisible, le vote ouvre",
        ] {
            let bound = upper_bound(choice, "lavrov");
            assert!(bound.is_some_and(|b| b < floor), "{bound:?} for {choice:?}");
        }
        assert_eq!(upper_bound("sahel", "lehas"), None);
        assert_eq!(upper_bound("", "a"), None);
        assert_eq!(upper_bound("abc", ""), Some(0));
    }

    #[test]
    fn the_bound_holds_when_skim_reads_a_run_bonus_left_by_an_earlier_call() {
        // After the first call, skim scores the second `ss` of "discussions" with a run bonus the
        // first call left in its reused cells: more than a fresh matcher gives.
        let (before, choice) = (
            "ussie-aes : un partenariat strategique pour la s",
            "nsongo : l'or et l'uranium au menu des discussions",
        );
        let fresh = skim().fuzzy_match(choice, "sss").unwrap_or(0);
        let matcher = skim();
        matcher.fuzzy_match(before, "sss");
        let reused = matcher.fuzzy_match(choice, "sss").unwrap_or(0);
        assert!(reused > fresh, "{reused} vs {fresh}");
        let bound = upper_bound(choice, "sss").map(i64::from);
        assert!(bound >= Some(reused), "{bound:?} vs {reused}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 4000,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Never below skim's score, skim's score when it says it is exact, and `None` exactly
        /// when skim finds no match.
        #[test]
        fn the_bound_is_never_below_skims_score(
            choice in "([ xyzéè'’().:/A-C0-9-]{0,30}[a-eé]{1,2}){0,6}",
            pattern in "[a-eéA. -]{1,6}",
        ) {
            let score = skim().fuzzy_match(&choice, &pattern);
            let bound = skim_bound(&choice, &pattern);
            proptest::prop_assert_eq!(bound.is_some(), score.is_some());
            proptest::prop_assert!(score.is_none_or(|s| bound.is_some_and(|b| i64::from(b.score) >= s)),
                "bound {:?} < score {:?}", bound, score);
            if let (Some(b), Some(s)) = (bound, score) && b.exact {
                proptest::prop_assert_eq!(i64::from(b.score), s);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 400,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// The same with one matcher for many calls, as in the search: skim then reads cells
        /// its earlier calls left behind.
        #[test]
        fn the_bound_holds_for_a_matcher_with_a_history(
            calls in proptest::collection::vec(
                ("([ xyz'(.A0-]{0,30}[a-c]{1,3}){0,6}", "[a-c]{1,5}"),
                1..40,
            ),
        ) {
            let matcher = skim();
            for (choice, pattern) in &calls {
                let score = matcher.fuzzy_match(choice, pattern);
                let bound = skim_bound(choice, pattern);
                proptest::prop_assert!(score.is_none_or(|s| bound.is_some_and(|b| i64::from(b.score) >= s)),
                    "{:?} in {:?}: bound {:?} < score {:?}", pattern, choice, bound, score);
                // An exact bound is skim's score, whatever the matcher's history.
                if let (Some(b), Some(s)) = (bound, score) && b.exact {
                    proptest::prop_assert_eq!(i64::from(b.score), s, "{:?} in {:?}", pattern, choice);
                }
            }
        }
    }
}
