//! The list's catalog: for each article, what `list` and `search` print of it (id, file, title,
//! date, outlet, author, URL, word count), without its body, and the list order. Saved beside the
//! search index (same envelope: `search::persist`), it lets those commands answer without
//! reading any article when the corpus has not changed, or only the files that did. Row `i` is the
//! search index's article `i` (a match's `index`): rows of articles gone stay, out of the list
//! order, as the index keeps theirs. All text is in one buffer, so reading 100,000 rows is one copy
//! and a check, not an allocation per field.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::corpus::article::{Article, Meta, PartialDate};
use crate::corpus::search::PersistError;
use crate::corpus::search::persist::{self, Kind, malformed};
use crate::corpus::store::Store;

/// A saved catalog. The format number changes with any change of [`Saved`] or of what a row holds.
const KIND: Kind = Kind {
    name: "article catalog",
    magic: *b"AESR-CAT",
    format: 2,
};

/// Strings per row in the text buffer: id, file, title, outlet, author, URL.
const FIELDS: usize = 6;
/// Which optional fields a row has.
const HAS_OUTLET: u8 = 1;
const HAS_AUTHOR: u8 = 2;
const HAS_URL: u8 = 4;

/// What `list` and `search` print of one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row<'a> {
    pub id: &'a str,
    pub file: &'a str,
    pub title: &'a str,
    pub date: Option<PartialDate>,
    pub outlet: Option<&'a str>,
    pub author: Option<&'a str>,
    pub url: Option<&'a str>,
    /// Words of the body ([`Article::words`]).
    pub words: usize,
}

impl<'a> Row<'a> {
    /// The rows of `store`'s articles, in list order, made on every core.
    pub fn all(store: &'a Store) -> Vec<Row<'a>> {
        use rayon::prelude::*;
        store.articles().par_iter().map(Row::of).collect()
    }

    /// An article with this row's fields and no text yet: what a reader lists (and finds, through
    /// the saved index) until the article itself is read. Its language and tags are unknown.
    pub fn head(&self) -> Article {
        Article {
            id: self.id.into(),
            file: self.file.to_owned(),
            meta: Meta {
                title: self.title.to_owned(),
                date: self.date,
                source: self.outlet.map(str::to_owned),
                author: self.author.map(str::to_owned),
                url: self.url.map(str::to_owned),
                ..Meta::default()
            },
            blocks: Vec::new(),
            body: String::new(),
        }
    }

    /// The row of `article`.
    pub fn of(article: &'a Article) -> Row<'a> {
        Row {
            id: article.id.as_str(),
            file: &article.file,
            title: &article.meta.title,
            date: article.meta.date,
            outlet: article.meta.source.as_deref(),
            author: article.meta.author.as_deref(),
            url: article.meta.url.as_deref(),
            words: article.words(),
        }
    }
}

/// Every article's [`Row`], row `i` the search index's article `i` (made from a [`Store`], row
/// `i` is [`Store::articles`]`[i]`), and the list order of the rows still listed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    /// The rows listed, in list order (rows of articles gone are not in it).
    order: Vec<u32>,
    /// Each row's strings ([`FIELDS`] of them, an absent field empty), one after the other.
    text: String,
    /// Where each string ends in `text`.
    ends: Vec<u64>,
    /// [`HAS_OUTLET`], [`HAS_AUTHOR`] and [`HAS_URL`] bits per row.
    has: Vec<u8>,
    dates: Vec<Option<PartialDate>>,
    words: Vec<u64>,
}

/// The saved catalog: [`Catalog`]'s parts, dates packed (`year << 16 | month << 8 | day`, 0 for
/// none and for an unknown month or day).
#[derive(Serialize, Deserialize)]
struct Saved<'a> {
    order: Cow<'a, [u32]>,
    #[serde(borrow)]
    text: Cow<'a, str>,
    ends: Cow<'a, [u64]>,
    #[serde(with = "serde_bytes", borrow)]
    has: Cow<'a, [u8]>,
    dates: Vec<u32>,
    words: Cow<'a, [u64]>,
}

impl Catalog {
    /// The rows of `store`'s articles (made on every core: counting words reads every body).
    pub fn from_store(store: &Store) -> Catalog {
        Catalog::from_rows(Row::all(store))
    }

    /// A catalog of `rows`, listed in their order.
    pub fn from_rows<'a>(rows: impl IntoIterator<Item = Row<'a>>) -> Catalog {
        let mut c = Catalog::default();
        for r in rows {
            let i = c.push(r);
            c.order.push(i);
        }
        c
    }

    /// Adds `r` as the next row (not listed until [`Catalog::set_order`] lists it); its number.
    pub fn push(&mut self, r: Row<'_>) -> u32 {
        let i = u32::try_from(self.has.len()).unwrap_or(u32::MAX);
        for s in [r.id, r.file, r.title] {
            self.push_str(s);
        }
        for s in [r.outlet, r.author, r.url] {
            self.push_str(s.unwrap_or(""));
        }
        let bit = |present: bool, bit: u8| if present { bit } else { 0 };
        self.has.push(
            bit(r.outlet.is_some(), HAS_OUTLET)
                | bit(r.author.is_some(), HAS_AUTHOR)
                | bit(r.url.is_some(), HAS_URL),
        );
        self.dates.push(r.date);
        self.words.push(r.words as u64);
        i
    }

    /// Lists rows `order` (row numbers, each below [`Catalog::slots`]), in that order; the others
    /// stay, unlisted.
    pub fn set_order(&mut self, order: Vec<u32>) {
        self.order = order;
    }

    /// Which rows are which articles: a hash of every row's file, row after row. A search index
    /// saved with this catalog is saved with it, so that one made for other rows is never read
    /// with it.
    pub fn numbering(&self) -> u64 {
        numbering((0..self.slots()).filter_map(|i| self.row(i).map(|r| r.file)))
    }

    fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len() as u64);
    }

    /// Number of rows listed.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// True when no row is listed.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Number of rows, listed or not: the search index's articles.
    pub fn slots(&self) -> usize {
        self.has.len()
    }

    /// Row `i` (`None` past the end), listed or not.
    pub fn row(&self, i: usize) -> Option<Row<'_>> {
        let has = *self.has.get(i)?;
        let field = |k: usize| {
            let at = i * FIELDS + k;
            let start = at
                .checked_sub(1)
                .map_or(Some(0), |p| self.ends.get(p).copied())?;
            let end = *self.ends.get(at)?;
            self.text
                .get(usize::try_from(start).ok()?..usize::try_from(end).ok()?)
        };
        let optional = |k: usize, bit: u8| if has & bit != 0 { field(k) } else { None };
        Some(Row {
            id: field(0)?,
            file: field(1)?,
            title: field(2)?,
            outlet: optional(3, HAS_OUTLET),
            author: optional(4, HAS_AUTHOR),
            url: optional(5, HAS_URL),
            date: *self.dates.get(i)?,
            words: usize::try_from(*self.words.get(i)?).unwrap_or(usize::MAX),
        })
    }

    /// Every row listed, in list order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> + '_ {
        self.order.iter().filter_map(|&i| self.row(i as usize))
    }

    /// Every row listed, with its number, in list order.
    pub fn numbered_rows(&self) -> impl Iterator<Item = (u32, Row<'_>)> + '_ {
        self.order
            .iter()
            .filter_map(|&i| Some((i, self.row(i as usize)?)))
    }

    /// Saves the catalog to `out`; [`Catalog::read_from`] reads it back.
    pub fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        let saved = Saved {
            order: Cow::Borrowed(&self.order),
            text: Cow::Borrowed(&self.text),
            ends: Cow::Borrowed(&self.ends),
            has: Cow::Borrowed(&self.has),
            dates: self.dates.iter().map(|d| pack(*d)).collect(),
            words: Cow::Borrowed(&self.words),
        };
        persist::write(KIND, &saved, out)
    }

    /// The catalog [`Catalog::write_to`] saved in `bytes`. Any damage, another format or a file
    /// that does not hold together is an error, found before anything is used.
    pub fn read_from(bytes: &[u8]) -> Result<Catalog, PersistError> {
        let saved: Saved<'_> = persist::read(KIND, bytes)?;
        let bad = |detail: &str| malformed(KIND.name, detail);
        let n = saved.has.len();
        if saved.dates.len() != n || saved.words.len() != n || saved.ends.len() != n * FIELDS {
            return Err(bad("not as many dates, word counts or fields as rows"));
        }
        let mut start = 0u64;
        for &end in saved.ends.iter() {
            let cut = usize::try_from(end)
                .ok()
                .filter(|&e| end >= start && saved.text.is_char_boundary(e));
            if cut.is_none() {
                return Err(bad("fields cut wrong"));
            }
            start = end;
        }
        if start != saved.text.len() as u64 {
            return Err(bad("text left over"));
        }
        let mut listed = vec![false; n];
        let once = saved.order.iter().all(|&i| {
            listed
                .get_mut(i as usize)
                .is_some_and(|l| !std::mem::replace(l, true))
        });
        if !once {
            return Err(bad("a list order naming a row twice, or past the last"));
        }
        let dates = saved
            .dates
            .iter()
            .map(|&d| unpack(d).ok_or_else(|| bad("a date that is no date")))
            .collect::<Result<_, _>>()?;
        Ok(Catalog {
            order: saved.order.into_owned(),
            text: saved.text.into_owned(),
            ends: saved.ends.into_owned(),
            has: saved.has.into_owned(),
            dates,
            words: saved.words.into_owned(),
        })
    }
}

/// [`Catalog::numbering`] of rows of `files`, in this order: what a catalog made from the same
/// articles in the same order will say.
pub fn numbering<'a>(files: impl IntoIterator<Item = &'a str>) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for f in files {
        h.update(f.as_bytes());
        h.update(&[0]);
    }
    h.digest()
}

fn pack(d: Option<PartialDate>) -> u32 {
    d.map_or(0, |d| {
        u32::from(d.year) << 16
            | u32::from(d.month.unwrap_or(0)) << 8
            | u32::from(d.day.unwrap_or(0))
    })
}

/// The date [`pack`] packed; `None` inside when it packed none, `None` outside when no date packs so.
fn unpack(packed: u32) -> Option<Option<PartialDate>> {
    if packed == 0 {
        return Some(None);
    }
    let year = u16::try_from(packed >> 16).ok()?;
    let [_, _, month, day] = packed.to_be_bytes();
    let date = PartialDate::new(year, (month > 0).then_some(month), (day > 0).then_some(day))?;
    (pack(Some(date)) == packed).then_some(Some(date))
}

#[cfg(test)]
mod tests;
