//! What one reader changed since its last save (marks set and removed, positions moved, the last
//! article): what a save applies onto the file on disk, so that it merges with other readers'
//! saves instead of overwriting them. And content fingerprints, which let a mark follow a renamed
//! article file.

use std::collections::BTreeMap;

use super::format::{Anchor, Fingerprint, ReaderState, Sort, remember};

/// One reader's changes to a corpus's state, per article: the latest action on an article wins
/// over an earlier one ([`Changes::merge`]) and over what is on disk ([`Changes::apply`]);
/// articles not named here keep the disk's value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Articles marked read (`true`) or unread (`false`).
    pub read: BTreeMap<String, bool>,
    /// Reading positions moved; `None`: back at the top (no position kept).
    pub positions: BTreeMap<String, Option<Anchor>>,
    /// Fingerprints recorded, or dropped (`None`).
    pub fingerprints: BTreeMap<String, Option<Fingerprint>>,
    /// The article open last, when it changed.
    pub last: Option<String>,
    /// Filters kept since, oldest first: each goes to the end of the history on disk, so two
    /// readers' filters are all kept.
    pub history: Vec<String>,
    /// The list's order, when it changed.
    pub sort: Option<Sort>,
}

impl Changes {
    /// Nothing changed.
    pub fn is_empty(&self) -> bool {
        self.read.is_empty()
            && self.positions.is_empty()
            && self.fingerprints.is_empty()
            && self.last.is_none()
            && self.history.is_empty()
            && self.sort.is_none()
    }

    /// Records a mark set or removed on `id`, with its fingerprint (dropped when unmarked).
    pub fn mark(&mut self, id: &str, read: bool, fingerprint: Option<Fingerprint>) {
        self.read.insert(id.to_owned(), read);
        self.fingerprints
            .insert(id.to_owned(), fingerprint.filter(|_| read));
    }

    /// Adds `later`'s changes: where both name an article, `later` wins.
    pub fn merge(&mut self, later: Changes) {
        self.read.extend(later.read);
        self.positions.extend(later.positions);
        self.fingerprints.extend(later.fingerprints);
        if later.last.is_some() {
            self.last = later.last;
        }
        self.history.extend(later.history);
        if later.sort.is_some() {
            self.sort = later.sort;
        }
    }

    /// Applies these changes to `state`.
    pub fn apply(&self, state: &mut ReaderState) {
        for (id, &read) in &self.read {
            if read {
                state.read.insert(id.clone());
            } else {
                state.read.remove(id);
            }
        }
        set_all(&mut state.positions, &self.positions);
        set_all(&mut state.fingerprints, &self.fingerprints);
        if let Some(last) = &self.last {
            state.last = Some(last.clone());
        }
        for query in &self.history {
            remember(&mut state.history, query);
        }
        if let Some(sort) = self.sort {
            state.sort = Some(sort);
        }
    }

    /// The changes that turn `from` into `to` (fields this version does not know aside). Linear
    /// in the size of both.
    pub fn between(from: &ReaderState, to: &ReaderState) -> Changes {
        Changes {
            read: from
                .read
                .symmetric_difference(&to.read)
                .map(|id| (id.clone(), to.read.contains(id)))
                .collect(),
            positions: diff(&from.positions, &to.positions),
            fingerprints: diff(&from.fingerprints, &to.fingerprints),
            last: to.last.clone().filter(|_| from.last != to.last),
            // Applied in order, `to`'s history ends `from`'s as it ends `to`.
            history: if from.history == to.history {
                Vec::new()
            } else {
                to.history.clone()
            },
            sort: to.sort.filter(|_| from.sort != to.sort),
        }
    }
}

fn set_all<V: Clone>(map: &mut BTreeMap<String, V>, changes: &BTreeMap<String, Option<V>>) {
    for (id, value) in changes {
        match value {
            Some(v) => {
                map.insert(id.clone(), v.clone());
            }
            None => {
                map.remove(id);
            }
        }
    }
}

/// What changed from `from` to `to`: new or different values, and `None` for keys gone. One walk
/// over both maps, in key order.
fn diff<V: Clone + PartialEq>(
    from: &BTreeMap<String, V>,
    to: &BTreeMap<String, V>,
) -> BTreeMap<String, Option<V>> {
    use std::cmp::Ordering;
    let mut out = BTreeMap::new();
    let (mut a, mut b) = (from.iter().peekable(), to.iter().peekable());
    loop {
        match (a.peek(), b.peek()) {
            (None, None) => break,
            (Some((k, _)), None) => {
                out.insert((*k).clone(), None);
                a.next();
            }
            (None, Some((k, v))) => {
                out.insert((*k).clone(), Some((*v).clone()));
                b.next();
            }
            (Some((ka, va)), Some((kb, vb))) => match ka.cmp(kb) {
                Ordering::Less => {
                    out.insert((*ka).clone(), None);
                    a.next();
                }
                Ordering::Greater => {
                    out.insert((*kb).clone(), Some((*vb).clone()));
                    b.next();
                }
                Ordering::Equal => {
                    if va != vb {
                        out.insert((*kb).clone(), Some((*vb).clone()));
                    }
                    a.next();
                    b.next();
                }
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(read: &[&str], positions: &[(&str, usize)]) -> ReaderState {
        ReaderState {
            read: read.iter().map(|s| (*s).to_owned()).collect(),
            positions: positions
                .iter()
                .map(|(id, b)| {
                    let at = Anchor {
                        block: *b,
                        offset: 0,
                    };
                    ((*id).to_owned(), at)
                })
                .collect(),
            ..ReaderState::default()
        }
    }

    #[test]
    fn an_action_overrides_the_disk_only_for_its_own_article() {
        let mut disk = state(
            &["rapport-niamey", "sommet-bamako"],
            &[("sommet-bamako", 4)],
        );
        let mut mine = Changes::default();
        mine.mark("sommet-bamako", false, None);
        mine.mark("accord-moscou", true, Some(Fingerprint(7)));
        mine.positions
            .insert("accord-moscou".into(), Some(Anchor::default()));
        mine.apply(&mut disk);
        assert_eq!(
            disk.read.iter().collect::<Vec<_>>(),
            ["accord-moscou", "rapport-niamey"]
        );
        assert_eq!(
            disk.fingerprints.get("accord-moscou"),
            Some(&Fingerprint(7))
        );
        // Untouched by this reader: the disk's value stays.
        assert_eq!(disk.positions["sommet-bamako"].block, 4);
    }

    #[test]
    fn a_later_action_on_the_same_article_wins_when_changes_are_merged() {
        let mut earlier = Changes::default();
        earlier.mark("a", true, Some(Fingerprint(1)));
        earlier.mark("b", true, None);
        earlier.last = Some("a".into());
        let mut later = Changes::default();
        later.mark("a", false, Some(Fingerprint(1)));
        earlier.merge(later);
        assert!(!earlier.read["a"]);
        assert_eq!(
            earlier.fingerprints["a"], None,
            "an unmark drops the fingerprint"
        );
        assert!(earlier.read["b"]);
        assert_eq!(
            earlier.last.as_deref(),
            Some("a"),
            "kept when the later changes say nothing"
        );
    }

    #[test]
    fn the_changes_between_two_states_turn_one_into_the_other() {
        let mut from = state(&["a", "b"], &[("a", 1), ("b", 2), ("c", 3)]);
        from.last = Some("a".into());
        let mut to = state(&["b", "d"], &[("b", 2), ("c", 9), ("e", 5)]);
        to.last = Some("d".into());
        to.fingerprints.insert("d".into(), Fingerprint(42));
        let changes = Changes::between(&from, &to);
        assert_eq!(changes.read.len(), 2, "only a and d differ: {changes:?}");
        assert_eq!(
            changes.positions.len(),
            3,
            "a gone, c moved, e new: {changes:?}"
        );
        let mut applied = from.clone();
        changes.apply(&mut applied);
        assert_eq!(applied, to);
        assert!(Changes::between(&to, &to).is_empty());
    }

    #[test]
    fn fingerprints_are_sixteen_hex_digits_and_stable() {
        let fp = Fingerprint::of("Le sommet s’est tenu à Niamey.");
        assert_eq!(fp, Fingerprint::of("Le sommet s’est tenu à Niamey."));
        assert_ne!(fp, Fingerprint::of("Le sommet s’est tenu à Bamako."));
        let json = serde_json::to_string(&fp).unwrap();
        assert_eq!(json.len(), 18, "{json}");
        assert_eq!(serde_json::from_str::<Fingerprint>(&json).unwrap(), fp);
        // XXH3-64 of the empty input, from its specification: the value never changes.
        assert_eq!(Fingerprint::of("").0, 0x2d06_8005_38d3_94c2);
        for bad in [r#""12""#, r#""zzzzzzzzzzzzzzzz""#, "12"] {
            assert!(serde_json::from_str::<Fingerprint>(bad).is_err(), "{bad}");
        }
    }
}
