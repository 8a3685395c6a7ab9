//! Search: a query -> ranked article matches with highlight positions. Short fields (title, outlet,
//! author, speakers, quotes) match fuzzily (the only user of fuzzy-matcher); the body matches by words.
//! Matching runs on a folded copy ([`fold`]) whose chars map one-to-one to the original's.

use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::Serialize;

use crate::corpus::article::Article;
use crate::corpus::quote::Quote;
use crate::corpus::text::fold;

/// Which part of an article a query matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchField {
    /// The headline.
    Title,
    /// The outlet.
    Outlet,
    /// The journalist.
    Author,
    /// A quote's speaker.
    Speaker,
    /// A quote's text.
    Quote,
    /// The body text (all the query's words).
    Body,
}

impl SearchField {
    /// Lower-case name, as in JSON.
    pub fn name(self) -> &'static str {
        match self {
            SearchField::Title => "title",
            SearchField::Outlet => "outlet",
            SearchField::Author => "author",
            SearchField::Speaker => "speaker",
            SearchField::Quote => "quote",
            SearchField::Body => "body",
        }
    }
}

/// One article that matches a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Index of the article in the slice given to [`Searcher::new`].
    pub index: usize,
    /// Higher is better; title hits always score above hits elsewhere, and those above body-only hits.
    pub score: i64,
    /// The fields that matched, in [`SearchField`] order.
    pub fields: Vec<SearchField>,
    /// Char indices of the title's matched characters (for highlighting).
    pub title_chars: Vec<usize>,
}

/// Folded text plus the map from folded byte offsets back to original byte offsets.
#[derive(Debug, Clone, Default)]
struct Folded {
    text: String,
    /// `orig[i]` is the original byte offset of the char at folded byte `i` (and `orig[len]` the end);
    /// entries inside a folded char repeat its start.
    orig: Vec<usize>,
}

impl Folded {
    fn new(s: &str) -> Folded {
        let text = fold(s);
        let mut orig = Vec::with_capacity(text.len() + 1);
        for ((_, fc), (ob, _)) in text.char_indices().zip(s.char_indices()) {
            orig.extend(std::iter::repeat_n(ob, fc.len_utf8()));
        }
        orig.push(s.len());
        Folded { text, orig }
    }

    fn original(&self, folded_byte: usize) -> usize {
        self.orig.get(folded_byte).copied().unwrap_or(0)
    }
}

/// What a query is made of: the folded whole (for fuzzy fields) and its folded words (for the body).
#[derive(Debug, Clone)]
struct Query {
    whole: String,
    words: Vec<String>,
}

impl Query {
    fn new(raw: &str) -> Option<Query> {
        let whole = fold(raw.trim());
        let words: Vec<String> = whole.split_whitespace().map(str::to_owned).collect();
        (!words.is_empty()).then(|| Query {
            whole: words.join(" "),
            words,
        })
    }
}

#[derive(Debug, Clone, Default)]
struct Doc {
    title: String,
    outlet: String,
    author: String,
    speakers: Vec<String>,
    quotes: Vec<String>,
    body: Folded,
}

/// A search index over a corpus: folded copies of every searchable field, built once.
pub struct Searcher {
    matcher: SkimMatcherV2,
    docs: Vec<Doc>,
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Searcher")
            .field("docs", &self.docs.len())
            .finish()
    }
}

const TIER_TITLE: i64 = 3_000_000;
const TIER_FIELD: i64 = 2_000_000;
const TIER_BODY: i64 = 1_000_000;

impl Searcher {
    /// Indexes `articles`; `quotes(i)` gives the quotes of article `i`.
    pub fn new<'a>(articles: &[Article], quotes: impl Fn(usize) -> &'a [Quote]) -> Searcher {
        let docs = articles
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let qs = quotes(i);
                let mut speakers: Vec<String> = qs
                    .iter()
                    .filter_map(|q| q.speaker.as_deref().map(fold))
                    .collect();
                speakers.sort();
                speakers.dedup();
                Doc {
                    title: fold(&a.meta.title),
                    outlet: a.meta.source.as_deref().map(fold).unwrap_or_default(),
                    author: a.meta.author.as_deref().map(fold).unwrap_or_default(),
                    speakers,
                    quotes: qs.iter().map(|q| fold(&q.text)).collect(),
                    body: Folded::new(&a.body),
                }
            })
            .collect();
        Searcher {
            matcher: SkimMatcherV2::default().ignore_case(),
            docs,
        }
    }

    /// Number of indexed articles.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when no article is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Articles matching `query`, best first (ties keep corpus order). An empty query matches every
    /// article, in corpus order, with score 0.
    pub fn search(&self, query: &str) -> Vec<Match> {
        let Some(q) = Query::new(query) else {
            return (0..self.docs.len())
                .map(|index| Match {
                    index,
                    score: 0,
                    fields: Vec::new(),
                    title_chars: Vec::new(),
                })
                .collect();
        };
        let mut out: Vec<Match> = self
            .docs
            .iter()
            .enumerate()
            .filter_map(|(index, doc)| self.match_doc(index, doc, &q))
            .collect();
        out.sort_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
        out
    }

    fn fuzzy(&self, choice: &str, q: &Query) -> Option<(i64, Vec<usize>)> {
        if choice.is_empty() {
            return None;
        }
        let (score, idx) = self.matcher.fuzzy_indices(choice, &q.whole)?;
        // Skim accepts any scattered subsequence; on long texts that is noise. Demand an average of
        // 16 per query char: runs and word starts score 17-25, scattered letters 12-15.
        let min = 16 * i64::try_from(q.whole.chars().count()).unwrap_or(i64::MAX / 24);
        (score >= min).then(|| (score, idx.into_iter().map(to_usize).collect()))
    }

    fn match_doc(&self, index: usize, doc: &Doc, q: &Query) -> Option<Match> {
        let mut fields = Vec::new();
        let mut score = 0;
        let mut title_chars = Vec::new();
        if let Some((s, idx)) = self.fuzzy(&doc.title, q) {
            fields.push(SearchField::Title);
            score = TIER_TITLE + s;
            title_chars = idx;
        } else if words_in(&doc.title, &q.words) {
            fields.push(SearchField::Title);
            score = TIER_TITLE;
            title_chars = word_char_positions(&doc.title, &q.words);
        }
        let mut other = |field, choices: &[&str]| {
            let best = choices
                .iter()
                .filter_map(|c| self.fuzzy(c, q).map(|(s, _)| s))
                .max();
            if let Some(s) = best {
                fields.push(field);
                score = score.max(TIER_FIELD + s);
            }
        };
        other(SearchField::Outlet, &[doc.outlet.as_str()]);
        other(SearchField::Author, &[doc.author.as_str()]);
        let speakers: Vec<&str> = doc.speakers.iter().map(String::as_str).collect();
        other(SearchField::Speaker, &speakers);
        let quotes: Vec<&str> = doc.quotes.iter().map(String::as_str).collect();
        other(SearchField::Quote, &quotes);
        if words_in(&doc.body.text, &q.words) {
            fields.push(SearchField::Body);
            let hits = q
                .words
                .iter()
                .map(|w| doc.body.text.matches(w.as_str()).count())
                .sum::<usize>();
            score = score.max(TIER_BODY + i64::try_from(hits.min(999)).unwrap_or(999));
        }
        (!fields.is_empty()).then_some(Match {
            index,
            score,
            fields,
            title_chars,
        })
    }
}

fn to_usize<T: TryInto<usize>>(i: T) -> usize {
    i.try_into().unwrap_or(usize::MAX)
}

fn words_in(folded: &str, words: &[String]) -> bool {
    !words.is_empty() && words.iter().all(|w| folded.contains(w.as_str()))
}

fn word_char_positions(folded: &str, words: &[String]) -> Vec<usize> {
    let f = Folded::new(folded);
    let mut chars: Vec<usize> = find_words_in(&f, words)
        .into_iter()
        .flat_map(|r| {
            let start = folded[..r.start].chars().count();
            let n = folded[r].chars().count();
            start..start + n
        })
        .collect();
    chars.sort_unstable();
    chars.dedup();
    chars
}

fn find_words_in(f: &Folded, words: &[String]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for w in words.iter().filter(|w| !w.is_empty()) {
        for (start, m) in f.text.match_indices(w.as_str()) {
            out.push(f.original(start)..f.original(start + m.len()));
        }
    }
    out.sort_by_key(|r| (r.start, r.end));
    // Merge overlaps so a highlight never paints the same character twice.
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Byte ranges in `text` (on char boundaries) where any word of `query` occurs, folded (case,
/// accents, apostrophes ignored), sorted and merged. Empty for an empty query.
pub fn find_hits(text: &str, query: &str) -> Vec<Range<usize>> {
    let Some(q) = Query::new(query) else {
        return Vec::new();
    };
    find_words_in(&Folded::new(text), &q.words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::quote::{Field, QuoteKind};
    use crate::corpus::{Origin, Store};

    fn store() -> Store {
        Store::from_files(
            Origin::Embedded,
            vec![
                (
                    "a.txt".into(),
                    "+++\ntitle = \"La coopération militaire\"\nsource = \"DW\"\n+++\nSergueï Lavrov a parlé de la sécurité du Sahel et de l’État malien.".as_bytes().to_vec(),
                ),
                (
                    "b.txt".into(),
                    "+++\ntitle = \"Sécurité au Sahel\"\nsource = \"abamako.com\"\nauthor = \"K. Mamadou\"\n+++\nUn texte sur autre chose, une phrase.".as_bytes().to_vec(),
                ),
                (
                    "c.txt".into(),
                    "+++\ntitle = \"Un sommet à Moscou\"\n+++\nLe ministre a parlé longuement.".as_bytes().to_vec(),
                ),
            ],
        )
    }

    fn searcher(store: &Store) -> Searcher {
        Searcher::new(store.articles(), |_| &[])
    }

    fn titles(store: &Store, matches: &[Match]) -> Vec<String> {
        matches
            .iter()
            .map(|m| store.articles()[m.index].meta.title.clone())
            .collect()
    }

    #[test]
    fn empty_query_keeps_corpus_order() {
        let s = store();
        let m = searcher(&s).search("  ");
        assert_eq!(m.iter().map(|m| m.index).collect::<Vec<_>>(), vec![0, 1, 2]);
    }

    #[test]
    fn accents_and_case_are_ignored_and_title_hits_rank_first() {
        let s = store();
        let m = searcher(&s).search("securite");
        assert_eq!(
            titles(&s, &m),
            vec!["Sécurité au Sahel", "La coopération militaire"]
        );
        assert_eq!(m[0].fields, vec![SearchField::Title]);
        assert_eq!(m[1].fields, vec![SearchField::Body]);
        assert!(m[0].score > m[1].score);
    }

    #[test]
    fn apostrophes_fold_so_l_etat_finds_the_curly_one() {
        let s = store();
        let m = searcher(&s).search("l'etat");
        assert_eq!(titles(&s, &m), vec!["La coopération militaire"]);
    }

    #[test]
    fn a_multi_word_query_needs_every_word_in_the_body() {
        let s = store();
        let sr = searcher(&s);
        assert_eq!(sr.search("lavrov sahel").len(), 1);
        assert!(sr.search("lavrov moscou").is_empty());
    }

    #[test]
    fn outlet_author_speaker_and_quote_fields_match_fuzzily() {
        let s = store();
        let quotes = [vec![Quote {
            text: "Notre coopération s’intensifie".into(),
            kind: QuoteKind::Direct,
            speaker: Some("Sergueï Lavrov".into()),
            field: Field::Body,
            span: 0..1,
            sentence: 0..1,
            also_at: Vec::new(),
            also_in: Vec::new(),
        }]];
        let sr = Searcher::new(s.articles(), |i| quotes.get(i).map_or(&[], Vec::as_slice));
        assert_eq!(sr.search("abamako")[0].fields, vec![SearchField::Outlet]);
        assert_eq!(sr.search("mamadou")[0].fields, vec![SearchField::Author]);
        let m = sr.search("serguei lavrov");
        assert!(m[0].fields.contains(&SearchField::Speaker));
        assert!(
            sr.search("intensifie")[0]
                .fields
                .contains(&SearchField::Quote)
        );
    }

    #[test]
    fn title_highlight_positions_are_char_indices_of_the_original() {
        let s = store();
        let m = searcher(&s).search("secu");
        let title: Vec<char> = s.articles()[m[0].index].meta.title.chars().collect();
        let picked: String = m[0].title_chars.iter().map(|&i| title[i]).collect();
        assert_eq!(picked, "Sécu");
    }

    #[test]
    fn hits_are_byte_ranges_of_the_original_text() {
        let text = "Voir l’État, puis l'etat et L’ÉTAT.";
        let hits = find_hits(text, "l'état");
        let found: Vec<&str> = hits.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, vec!["l’État", "l'etat", "L’ÉTAT"]);
    }

    #[test]
    fn overlapping_hits_merge() {
        let hits = find_hits("sécurité", "secu curi");
        assert_eq!(hits.len(), 1);
    }
}
