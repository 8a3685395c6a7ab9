//! Quote spans: pairs of quotation marks of every style (« », “ ”, „ “, ‹ ›, straight `"`, mixed
//! pairs, nesting, paragraphs reopened with «), reported speech whose marks were lost, interview
//! answers, and the sentences they stand in. All positions are byte offsets on char boundaries.

use std::ops::Range;

use super::lexicon::LEXICON;
use super::{Field, QuoteKind};
use crate::corpus::article::{Article, BlockKind};
use crate::corpus::text::{
    ends_sentence, find_ascii_capital, find_byte, fold, is_alphanumeric, word_count_up_to,
};

/// A span found in the text, before attribution.
#[derive(Debug, Clone)]
pub struct Span {
    /// Title or body.
    pub field: Field,
    /// Index of the block it stands in (body only).
    pub block: Option<usize>,
    /// The quoted words.
    pub content: Range<usize>,
    /// Where the opening mark (or the clause) starts.
    pub open: usize,
    /// Just after the closing mark (or the clause).
    pub close_end: usize,
    /// What kind it was found as (marked spans are refined to direct/partial later).
    pub kind: QuoteKind,
    /// Paragraphs of one French multi-paragraph quote share a passage number.
    pub passage: Option<usize>,
    /// The attribution text of unmarked speech: `, a déclaré X` after the clause, or `indique
    /// X,` before it (`Aussi, indique X, …`).
    pub attribution: Option<Range<usize>>,
    /// Interview turns: the label.
    pub label: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mark {
    Guillemet,
    Curly,
    Low,
    Angle,
    Straight,
}

/// A pair of marks found in one paragraph.
struct Found {
    content: Range<usize>,
    open: usize,
    close_end: usize,
    passage: Option<usize>,
    /// Left open at the end of the paragraph (kept if the next one reopens with « or closes it,
    /// or if the text ends there).
    open_ended: bool,
    /// A closing mark with nothing open before it: the end of a quote the previous paragraph
    /// opened (`content` runs from the paragraph's start).
    closes_carried: bool,
    /// Opened with a straight `"` (never joined across paragraphs: too ambiguous).
    straight: bool,
}

struct Open {
    mark: Mark,
    at: usize,
    content: usize,
    passage: Option<usize>,
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}'
}

/// The bytes a quotation mark may start with: `"`, and the lead bytes of `«`, `»` (U+00AB,
/// U+00BB) and of `‹`, `›`, `“`, `”`, `„` (U+2018..U+203A). Scans look at these bytes only; a
/// continuation byte never equals one, so every hit starts a char.
const MARK_LEADS: [u8; 5] = [b'"', 0xC2, 0xE2, b'<', b'>'];

/// The bytes a sentence end or a guillemet or curly mark may start with: `.`, `!`, `?`, and the
/// lead bytes of `…` (U+2026) and of the marks (see [`MARK_LEADS`]).
const END_OR_MARK_LEADS: [u8; 5] = [b'.', b'!', b'?', 0xC2, 0xE2];

/// Marked quotes of one text range (a block or the title). `reopened` carries a quote that the
/// previous paragraph left open, French style; the returned value says whether this one does too.
fn marked_in(
    text: &str,
    range: Range<usize>,
    reopen: Option<usize>,
    next_passage: &mut usize,
) -> (Vec<Found>, Option<usize>) {
    let slice = &text[range.clone()];
    let mut stack: Vec<Open> = Vec::new();
    let mut out = Vec::new();
    // Where the content starts when a mark ends at `local`: past any spaces.
    let content_after = |local: usize| {
        slice[local..]
            .char_indices()
            .find(|&(_, c)| !is_space(c))
            .map_or(range.end, |(p, _)| range.start + local + p)
    };
    let mut i = 0;
    loop {
        i = find_byte(slice.as_bytes(), i, MARK_LEADS);
        let Some(c) = slice.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let (here, after) = (i, i + c.len_utf8());
        i = after;
        let at = range.start + here;
        let first = here == 0;
        let prev = || slice[..here].chars().next_back();
        let next = || slice[after..].chars().next();
        let opening = |stack: &mut Vec<Open>, mark: Mark, width: usize| {
            let passage = if first && mark == Mark::Guillemet && stack.is_empty() {
                reopen
            } else {
                None
            };
            stack.push(Open {
                mark,
                at,
                content: content_after(here + width),
                passage,
            });
        };
        let close = |stack: &mut Vec<Open>, mark: Mark, out: &mut Vec<Found>, mark_len: usize| {
            let trim_back = |from: usize, mut end: usize| {
                while end > from {
                    match text[..end].chars().next_back() {
                        Some(ch) if is_space(ch) => end -= ch.len_utf8(),
                        _ => break,
                    }
                }
                end
            };
            let Some(pos) = stack
                .iter()
                .rposition(|o| o.mark == mark)
                .or_else(|| stack.len().checked_sub(1))
            else {
                // Nothing open: the end of a quote an earlier paragraph opened, if any.
                if mark != Mark::Straight && !out.iter().any(|f: &Found| f.closes_carried) {
                    let start = content_after(0).min(at);
                    let end = trim_back(start, at);
                    // Even an empty one says where the earlier paragraph's quote ends.
                    {
                        out.push(Found {
                            content: start..end,
                            open: range.start,
                            close_end: at + mark_len,
                            passage: None,
                            open_ended: false,
                            closes_carried: true,
                            straight: false,
                        });
                    }
                }
                return;
            };
            let o = stack.swap_remove(pos);
            stack.truncate(pos);
            if pos == 0 {
                let end = trim_back(o.content, at);
                if end > o.content {
                    out.push(Found {
                        content: o.content..end,
                        open: o.at,
                        close_end: at + mark_len,
                        passage: o.passage,
                        open_ended: false,
                        closes_carried: false,
                        straight: o.mark == Mark::Straight,
                    });
                }
            }
        };
        let next_solid = || slice[after..].chars().find(|&n| !is_space(n));
        match c {
            // `<<` and `‹‹` stand for « (and `>>`, `››` for »).
            '<' | '‹' if next() == Some(c) => {
                i += c.len_utf8();
                opening(&mut stack, Mark::Guillemet, 2 * c.len_utf8());
            }
            '>' | '›' if next() == Some(c) => {
                i += c.len_utf8();
                close(&mut stack, Mark::Guillemet, &mut out, 2 * c.len_utf8());
            }
            '<' | '>' => {}
            // « where a closer belongs (`recevoir« ,`, `… « .`) closes the open quote.
            '«' if stack.iter().any(|o| o.mark == Mark::Guillemet)
                && (next_solid().is_none_or(|n| ",.;:!?)".contains(n))
                    || (prev().is_some_and(|p| !is_space(p)) && next().is_none_or(is_space))) =>
            {
                close(&mut stack, Mark::Guillemet, &mut out, c.len_utf8())
            }
            '«' => opening(&mut stack, Mark::Guillemet, c.len_utf8()),
            '»' => close(&mut stack, Mark::Guillemet, &mut out, c.len_utf8()),
            '‹' => opening(&mut stack, Mark::Angle, c.len_utf8()),
            '›' => close(&mut stack, Mark::Angle, &mut out, c.len_utf8()),
            '„' => opening(&mut stack, Mark::Low, c.len_utf8()),
            '“' => {
                if stack.last().is_some_and(|o| o.mark == Mark::Low) {
                    close(&mut stack, Mark::Low, &mut out, c.len_utf8());
                } else {
                    opening(&mut stack, Mark::Curly, c.len_utf8());
                }
            }
            '”' => {
                // Used as an opening mark (`en ces termes: ” Les …`): nothing open, and a word,
                // or a space and a capital, after it.
                let opens_word = next().is_some_and(|n| !is_space(n))
                    || (next().is_some_and(is_space)
                        && next_solid().is_some_and(char::is_uppercase));
                if stack.is_empty() && prev().is_none_or(|p| is_space(p) || p == ':') && opens_word
                {
                    opening(&mut stack, Mark::Curly, c.len_utf8());
                } else {
                    close(&mut stack, Mark::Curly, &mut out, c.len_utf8());
                }
            }
            '"' => {
                let prev = prev();
                let next = next();
                // An opening `"` stands after a space, a bracket or a sentence's end
                // (`russe."Cette`), or is glued before a capital (`sorcières"Ce que`).
                let can_open = next.is_some_and(|n| !is_space(n))
                    && (prev.is_none_or(|p| is_space(p) || "([{—–-'’«“.!?:;…,".contains(p))
                        || next.is_some_and(char::is_uppercase));
                let can_close = prev.is_some_and(|p| !is_space(p));
                let straight_open = stack.iter().any(|o| o.mark == Mark::Straight);
                if straight_open && can_close {
                    close(&mut stack, Mark::Straight, &mut out, 1);
                } else if can_open {
                    opening(&mut stack, Mark::Straight, c.len_utf8());
                }
            }
            _ => {}
        }
    }
    // A quote left open at the end of a paragraph: it may go on in the next one (French style,
    // or closed there), or the text may end inside it (a truncated page).
    let left_open = match stack.first() {
        Some(o) if o.content < range.end => {
            let guillemet = o.mark == Mark::Guillemet;
            let passage = if guillemet {
                Some(o.passage.unwrap_or_else(|| {
                    *next_passage += 1;
                    *next_passage
                }))
            } else {
                None
            };
            let end = range.start + slice.trim_end().len();
            out.push(Found {
                content: o.content..end,
                open: o.at,
                close_end: end,
                passage,
                open_ended: true,
                closes_carried: false,
                straight: o.mark == Mark::Straight,
            });
            passage
        }
        _ => None,
    };
    (out, left_open)
}

/// Every marked quote of the article, title first. A quote left open at the end of a paragraph
/// goes on when the next paragraph reopens with « (one span per paragraph, one passage) or
/// closes it (one span over both); it is kept to the end when the text ends inside it; otherwise
/// it is dropped, so an unclosed mark never swallows the rest of the article.
pub fn marked(article: &Article) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut passage = 0;
    let title = &article.meta.title;
    let (title_quotes, _) = marked_in(title, 0..title.len(), None, &mut passage);
    for f in title_quotes
        .into_iter()
        .filter(|f| !f.open_ended && !f.closes_carried)
    {
        spans.push(Span {
            field: Field::Title,
            block: None,
            content: f.content,
            open: f.open,
            close_end: f.close_end,
            kind: QuoteKind::Partial,
            passage: None,
            attribution: None,
            label: None,
        });
    }
    let mut carried: Option<usize> = None;
    // Spans left open by the previous paragraph, and whether one was straight.
    let mut pending: Vec<Span> = Vec::new();
    let mut pending_straight = false;
    for (bi, block) in article.blocks.iter().enumerate() {
        if block.kind == BlockKind::Caption {
            continue;
        }
        let text = article.block_text(block);
        let prev = carried.take();
        let reopens = prev.is_some() && text.starts_with('«');
        let (found, left_open) = marked_in(
            &article.body,
            block.range.clone(),
            if reopens { prev } else { None },
            &mut passage,
        );
        let closes = !reopens
            && !pending.is_empty()
            && !pending_straight
            && found.iter().any(|f| f.closes_carried);
        if reopens {
            spans.append(&mut pending);
        } else if !closes {
            pending.clear();
        }
        pending_straight = false;
        for f in found {
            if f.closes_carried {
                if closes {
                    // One quote over both paragraphs.
                    if let Some(mut first) = pending.pop() {
                        let body = &article.body;
                        let mut end = f.content.end.max(first.content.start);
                        while let Some(c) = body[first.content.start..end].chars().next_back() {
                            if !is_space(c) {
                                break;
                            }
                            end -= c.len_utf8();
                        }
                        first.content.end = end;
                        first.close_end = f.close_end;
                        first.passage = None;
                        spans.push(first);
                    }
                    spans.append(&mut pending);
                }
                continue;
            }
            let span = Span {
                field: Field::Body,
                block: Some(bi),
                content: f.content,
                open: f.open,
                close_end: f.close_end,
                kind: QuoteKind::Direct,
                passage: f.passage,
                attribution: None,
                label: None,
            };
            if f.open_ended {
                pending_straight |= f.straight;
                pending.push(span)
            } else {
                spans.push(span)
            }
        }
        carried = left_open;
    }
    // The text ends inside an open quote (a truncated page): keep what is there.
    spans.append(&mut pending);
    spans
}

/// True when `s` holds a quotation mark of any style (`<<` and `>>` included). Looks at the bytes
/// a mark may start with only.
fn has_mark(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    loop {
        i = find_byte(bytes, i, MARK_LEADS);
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
            return false;
        };
        let doubled = |b: u8| bytes.get(i + 1) == Some(&b);
        match c {
            '«' | '»' | '"' | '“' | '”' | '‹' | '›' | '„' => return true,
            '<' if doubled(b'<') => return true,
            '>' if doubled(b'>') => return true,
            _ => i += c.len_utf8(),
        }
    }
}

/// Reported speech without marks: `Clause of five words or more, a déclaré X.` (the clause opens
/// its sentence), or `Aussi, indique X, clause.` (the verb and its subject inserted after an
/// opening word). The clause holds no quotation mark; the subject must read as one (a name, a
/// determiner, an inverted pronoun), past what may stand between (`à l’AFP`, `samedi`).
pub fn unmarked(article: &Article, sentences: &[Range<usize>]) -> Vec<Span> {
    let body = &article.body;
    let mut out = Vec::new();
    let subject_like = |after: &str, has_pronoun: bool| {
        let after = super::clauses::skip_complements(after.trim_start());
        has_pronoun || after.starts_with(|c: char| c.is_uppercase()) || {
            let folded = fold(after);
            LEXICON.starts_definite(&folded) || LEXICON.starts_indefinite(&folded)
        }
    };
    let in_order = sentences.is_sorted_by_key(|s| s.start);
    for (bi, block) in article.blocks.iter().enumerate() {
        if block.kind != BlockKind::Paragraph {
            continue;
        }
        // Sentences come in text order, so the block's own are one run of them.
        let own: &[Range<usize>] = if in_order {
            let first = sentences.partition_point(|s| s.start < block.range.start);
            let rest = &sentences[first..];
            &rest[..rest.partition_point(|s| s.start < block.range.end)]
        } else {
            sentences
        };
        for s in own.iter().filter(|s| block.range.contains(&s.start)) {
            let sentence = &body[s.clone()];
            // No comma, no reported speech: most sentences end here, before any other scan.
            if find_byte(sentence.as_bytes(), 0, [b',']) == sentence.len() || has_mark(sentence) {
                continue;
            }
            // Every `, ` in order (`match_indices`, a byte at a time).
            let mut next = 0;
            let commas: Vec<usize> = std::iter::from_fn(|| {
                loop {
                    let comma = find_byte(sentence.as_bytes(), next, [b',']);
                    next = comma + 1;
                    match sentence.as_bytes().get(comma + 1) {
                        Some(b' ') => return Some(comma),
                        Some(_) => continue,
                        None => return None,
                    }
                }
            })
            .collect();
            // `Aussi, indique X, clause`: a short opener, the verb, its subject, the clause.
            if let Some(&first) = commas.first() {
                let opener = &sentence[..first];
                let rest = &sentence[first + 1..];
                if word_count_up_to(opener, 3) <= 2 {
                    if let Some((verb_end, pronoun)) = LEXICON.inverted_at(rest) {
                        let subject_end = commas.get(1).map(|c| c - first - 1);
                        if let Some(se) = subject_end.filter(|&se| se > verb_end) {
                            let subject = &rest[verb_end..se];
                            let clause = sentence[first + 1 + se + 1..].trim_start();
                            let clause_start = s.end - clause.len();
                            let clause_end = s.start + sentence.trim_end().len();
                            if word_count_up_to(subject, 11) <= 10
                                && subject_like(subject, pronoun.is_some())
                                && word_count_up_to(clause, 5) >= 5
                            {
                                out.push(Span {
                                    field: Field::Body,
                                    block: Some(bi),
                                    content: clause_start..clause_end,
                                    open: s.start,
                                    close_end: clause_end,
                                    kind: QuoteKind::Unmarked,
                                    passage: None,
                                    attribution: Some(
                                        s.start + first + 1..s.start + first + 1 + se,
                                    ),
                                    label: None,
                                });
                                continue;
                            }
                        }
                    }
                }
            }
            for comma in commas {
                // The verb first: it is the rarest condition and the cheapest to rule out.
                let rest = &sentence[comma + 1..];
                let Some((verb_end, pronoun)) = LEXICON.inverted_at(rest) else {
                    continue;
                };
                let clause = &sentence[..comma];
                if word_count_up_to(clause, 5) < 5 {
                    continue;
                }
                // `le président Keïta, dit IBK, …` gives a nickname, not speech.
                let verb = rest[..verb_end].trim();
                let name_before = clause
                    .split_whitespace()
                    .next_back()
                    .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
                if fold(verb) == "dit" && name_before {
                    continue;
                }
                if !subject_like(&rest[verb_end..], pronoun.is_some()) {
                    continue;
                }
                out.push(Span {
                    field: Field::Body,
                    block: Some(bi),
                    content: s.start..s.start + comma,
                    open: s.start,
                    close_end: s.start + comma,
                    kind: QuoteKind::Unmarked,
                    passage: None,
                    attribution: Some(s.start + comma + 1..s.end),
                    label: None,
                });
                break;
            }
        }
    }
    out
}

/// Interview answers: every turn paragraph whose speaker is not the interviewer. The interviewer is
/// the outlet or the author, or whoever only asks questions.
pub fn interviews(article: &Article) -> Vec<Span> {
    let interviewer = |label: &str| {
        let key = crate::corpus::text::words_key(label);
        let is_meta = [&article.meta.source, &article.meta.author]
            .iter()
            .any(|m| {
                m.as_deref()
                    .is_some_and(|m| crate::corpus::text::words_key(m) == key)
            });
        let turns: Vec<&str> = article
            .blocks
            .iter()
            .filter(|b| matches!(&b.kind, BlockKind::Turn { speaker, .. } if speaker == label))
            .map(|b| article.block_text(b))
            .collect();
        let asks = turns.last().is_some_and(|t| t.trim_end().ends_with('?'));
        is_meta || asks
    };
    let mut out = Vec::new();
    for (bi, block) in article.blocks.iter().enumerate() {
        if let BlockKind::Turn { speaker, .. } = &block.kind {
            if interviewer(speaker) {
                continue;
            }
            let r = block.range.clone();
            out.push(Span {
                field: Field::Body,
                block: Some(bi),
                content: r.clone(),
                open: r.start,
                close_end: r.end,
                kind: QuoteKind::Interview,
                passage: None,
                attribution: None,
                label: Some(speaker.clone()),
            });
        }
    }
    out
}

/// Answers of a question-and-answer interview with no speaker labels: an article that says it is
/// an interview (`entretien`, `interview`, `nos questions` in the title or the first paragraphs)
/// and holds at least two questions (a heading or a short paragraph ending with `?`); every
/// paragraph after a question, up to the next one, is an answer. Labelled turns win: this runs only
/// when there are none. Also returns where the first question starts (the introduction ends there).
pub fn question_answers(article: &Article) -> (Vec<Span>, usize) {
    let is_question = |b: &crate::corpus::article::Block| {
        let t = article.block_text(b).trim_end();
        matches!(b.kind, BlockKind::Heading | BlockKind::Paragraph)
            && t.ends_with('?')
            && word_count_up_to(t, 41) <= 40
    };
    if article
        .blocks
        .iter()
        .any(|b| matches!(b.kind, BlockKind::Turn { .. }))
    {
        return (Vec::new(), 0);
    }
    let questions = article.blocks.iter().filter(|b| is_question(b)).count();
    let Some(first_q) = article.blocks.iter().position(&is_question) else {
        return (Vec::new(), 0);
    };
    let intro: String = std::iter::once(article.meta.title.as_str())
        .chain(
            article.blocks[..first_q]
                .iter()
                .map(|b| article.block_text(b)),
        )
        .collect::<Vec<_>>()
        .join(" ");
    let says_interview = [
        "entretien",
        "interview",
        "nos questions",
        "questions-reponses",
        "repondu a nos",
    ]
    .iter()
    .any(|k| fold(&intro).contains(k));
    if questions < 2 || !says_interview {
        return (Vec::new(), 0);
    }
    let mut out = Vec::new();
    let mut answering = false;
    for (bi, b) in article.blocks.iter().enumerate() {
        if is_question(b) {
            answering = true;
            continue;
        }
        if answering && b.kind == BlockKind::Paragraph {
            out.push(Span {
                field: Field::Body,
                block: Some(bi),
                content: b.range.clone(),
                open: b.range.start,
                close_end: b.range.end,
                kind: QuoteKind::Interview,
                passage: None,
                attribution: None,
                label: None,
            });
        }
    }
    (out, article.blocks[first_q].range.start)
}

/// `range` without quotation marks left stray at its edges: a closing mark at its end (or an
/// opening one at its start) that nothing in the range pairs with (`… discuter »` in an answer
/// paragraph, `« « Nous …` after a doubled mark), and the spaces next to them.
pub fn trim_stray_marks(text: &str, range: Range<usize>) -> Range<usize> {
    let mut current = range.clone();
    // Each pass may uncover another mark: until nothing changes.
    for _ in 0..4 {
        let next = trim_stray_pass(text, current.clone());
        if next == current {
            break;
        }
        current = next;
    }
    if current.start >= current.end {
        range
    } else {
        current
    }
}

/// One pass of [`trim_stray_marks`].
fn trim_stray_pass(text: &str, range: Range<usize>) -> Range<usize> {
    let (mut start, mut end) = (range.start, range.end);
    for _ in 0..4 {
        let t = text[start..end].trim_end_matches(is_space);
        let closer = if t.ends_with(">>") {
            2
        } else if t.ends_with(['»', '”', '›', '“', '"']) {
            t.chars().next_back().map_or(0, char::len_utf8)
        } else {
            break;
        };
        let body = &t[..t.len() - closer];
        // Stray when nothing in the quote is left open for it to close.
        let stray = if t.ends_with('"') {
            body.matches('"').count() % 2 == 0
        } else {
            balance(body).0 == 0
        };
        if !stray {
            break;
        }
        end = start + body.trim_end_matches(is_space).len();
    }
    for _ in 0..4 {
        let t = text[start..end].trim_start_matches(is_space);
        let opener = if t.starts_with("<<") {
            2
        } else if t.starts_with(['«', '“', '„', '‹', '"']) {
            t.chars().next().map_or(0, char::len_utf8)
        } else {
            break;
        };
        let rest = &t[opener..];
        // Stray when nothing in the quote closes it.
        let stray = if t.starts_with('"') {
            rest.matches('"').count() % 2 == 0
        } else {
            balance(rest).1 == 0
        };
        let next = end - rest.trim_start_matches(is_space).len();
        let leaves_closer =
            text[next..end].starts_with(['»', '”', '›']) || text[next..end].starts_with(">>");
        if !stray || leaves_closer {
            break;
        }
        start = next;
    }
    // A quote never starts with a closing mark nor ends with an opening one.
    for _ in 0..4 {
        let inner = &text[start..end];
        let t = inner.trim_start_matches(is_space);
        let lead = if t.starts_with(">>") {
            2
        } else if t.starts_with(['»', '”', '›']) {
            t.chars().next().map_or(0, char::len_utf8)
        } else {
            break;
        };
        start = end - t[lead..].trim_start_matches(is_space).len();
    }
    for _ in 0..4 {
        let inner = &text[start..end];
        let t = inner.trim_end_matches(is_space);
        let tail = if t.ends_with("<<") {
            2
        } else if t.ends_with(['«', '“', '„', '‹']) {
            t.chars().next_back().map_or(0, char::len_utf8)
        } else {
            break;
        };
        end = start + t[..t.len() - tail].trim_end_matches(is_space).len();
    }
    start..end
}

/// Marks left open and closers with nothing to close in `s`, pairing the way quotes nest
/// (`„ … “` German style, `<<`/`>>` as guillemets).
fn balance(s: &str) -> (usize, usize) {
    let mut stack: Vec<char> = Vec::new();
    let mut unmatched = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            '<' | '>' if chars.peek() == Some(&c) => {
                chars.next();
                if c == '<' { '«' } else { '»' }
            }
            c => c,
        };
        match c {
            '«' | '‹' | '„' => stack.push(c),
            '“' if stack.last() == Some(&'„') => {
                stack.pop();
            }
            '“' => stack.push(c),
            '»' | '›' | '”' if stack.pop().is_none() => unmatched += 1,
            _ => {}
        }
    }
    (stack.len(), unmatched)
}

/// Sentence ranges of `text` within `range`: a sentence ends at `.`, `!`, `?` or `…` followed by a
/// space and a capital, a digit or a mark, but not after `M.` or an initial, and not inside a quote.
pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    let mut depth = 0i32;
    let slice = &text[range.clone()];
    // Byte offsets in `slice`; only the bytes that may start a mark or a terminator are decoded.
    let mut k = 0;
    loop {
        k = find_byte(slice.as_bytes(), k, END_OR_MARK_LEADS);
        let Some(c) = slice.get(k..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let at = range.start + k;
        k += c.len_utf8();
        match c {
            '«' | '“' | '„' | '‹' => depth += 1,
            '»' | '”' | '›' => {
                depth = (depth - 1).max(0);
                // `« Nous ne céderons sur rien. » C’est …`: a quote that ends its own sentence.
                let ends_inside = slice[..k - c.len_utf8()]
                    .trim_end_matches(is_space)
                    .ends_with(['.', '!', '?', '…']);
                let rest = &slice[k..];
                let next = rest.trim_start_matches(is_space);
                if depth == 0
                    && ends_inside
                    && next.len() < rest.len()
                    && next.starts_with(char::is_uppercase)
                {
                    out.push(start..range.start + k);
                    start = range.start + k + (rest.len() - next.len());
                }
            }
            '.' | '!' | '?' | '…' if depth == 0 => {
                let skip = |from: usize, pred: fn(char) -> bool| {
                    slice[from..]
                        .char_indices()
                        .find(|&(_, ch)| !pred(ch))
                        .map_or(slice.len(), |(p, _)| from + p)
                };
                let mut gap_start = skip(k, |ch| {
                    matches!(ch, '.' | '!' | '?' | '…' | '"' | '»' | ')')
                });
                // `russe."Cette`: a straight mark glued to the next word opens the next sentence.
                if gap_start > k
                    && slice[..gap_start].ends_with('"')
                    && slice[gap_start..].starts_with(|ch: char| !is_space(ch))
                {
                    gap_start -= 1;
                }
                let j = skip(gap_start, is_space);
                let Some(next) = slice[j..].chars().next() else {
                    continue;
                };
                let next_at = range.start + j;
                // Glued sentences (`Unis.La RCA`, a scraped page that lost its spaces) split
                // only after a lower-case word of three letters or more, before a capital.
                let glued = gap_start == j
                    && (next.is_uppercase() || next == '"')
                    && text[start..at]
                        .trim_end_matches(['"', '»', '”', ')'])
                        .rsplit(|ch: char| !is_alphanumeric(ch))
                        .next()
                        .is_some_and(|w| {
                            let n = w.chars().count();
                            (n >= 3 && w.chars().next_back().is_some_and(char::is_lowercase))
                                || (n >= 4 && w.chars().all(|ch| ch.is_ascii_digit()))
                        })
                    // Or the word before was a quotation just closed (`nécessaire".La`).
                    || gap_start == j
                        && next.is_uppercase()
                        && text[start..at].ends_with(['"', '»', '”']);
                if (gap_start == j && !glued)
                    || !(next.is_uppercase() || next.is_ascii_digit() || "«\"“—–-".contains(next))
                {
                    continue;
                }
                let word_before = text[start..at]
                    .rsplit(|ch: char| !is_alphanumeric(ch))
                    .next()
                    .unwrap_or("");
                let abbreviation = c == '.'
                    && (word_before.chars().count() == 1
                        && word_before.chars().all(char::is_uppercase)
                        || LEXICON
                            .titles
                            .iter()
                            .any(|t| t.trim_end_matches('.') == word_before));
                if abbreviation {
                    continue;
                }
                let end = range.start + gap_start;
                out.push(start..end);
                start = next_at;
                // The rest of the run (`..`, `?!`) ended this sentence too; read on from the next.
                k = j;
            }
            _ => {}
        }
    }
    if start < range.end && !text[start..range.end].trim().is_empty() {
        out.push(start..range.end);
    }
    split_glued_headings(text, out)
}

/// Splits a sentence where a scraped page glued a heading to the next sentence
/// (`prête à coopérerLes autorités`): a lower-case word of three letters or more running into a
/// capitalized one.
fn split_glued_headings(text: &str, mut sentences: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let lower_or_letter = |b: u8| b.is_ascii_lowercase() || b >= 0x80;
    let glued_at = |i: usize| {
        bytes[i + 1].is_ascii_lowercase()
            && bytes[i - 1].is_ascii_lowercase()
            && bytes[i - 3..i - 1].iter().all(|&b| lower_or_letter(b))
            && {
                // The glued word starts in lower case (`TotalEnergies` is a name).
                let word_start = bytes[..i]
                    .iter()
                    .rposition(|b| !(b.is_ascii_alphabetic() || *b >= 0x80))
                    .map_or(0, |p| p + 1);
                text[word_start..]
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
            }
    };
    // One pass: upper-case ASCII bytes are rare, and only they can start a glued heading.
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (sentence, cut)
    for (k, r) in sentences.iter().enumerate() {
        let (from, to) = (r.start + 3, r.end.saturating_sub(1));
        let mut i = from;
        while i < to {
            i = find_ascii_capital(&bytes[..to], i);
            if i >= to {
                break;
            }
            if glued_at(i) {
                cuts.push((k, i));
            }
            i += 1;
        }
    }
    if cuts.is_empty() {
        return sentences;
    }
    let mut out = Vec::with_capacity(sentences.len() + cuts.len());
    let mut cuts = cuts.into_iter().peekable();
    for (k, r) in sentences.drain(..).enumerate() {
        let mut start = r.start;
        while let Some((_, cut)) = cuts.next_if(|&(s, _)| s == k) {
            out.push(start..cut);
            start = cut;
        }
        out.push(start..r.end);
    }
    out
}

/// True when a marked span is a whole clause: it opens its sentence, follows a colon or a source
/// frame, or is followed by an inverted speech verb (`« … », a dit X`).
pub fn is_whole_clause(text: &str, sentence: &Range<usize>, span: &Span) -> bool {
    let before = text[sentence.start..span.open].trim_end();
    let after = &text[span.close_end.min(text.len())..];
    let starts_upper = text[span.content.clone()].starts_with(|c: char| c.is_uppercase());
    before.is_empty()
        || before.ends_with(':')
        || LEXICON.has_frame(&text[sentence.start..span.open])
        || (starts_upper
            && LEXICON
                .inverted_at(after.trim_start_matches([',', ' ']))
                .is_some())
        || (starts_upper && ends_sentence(&text[span.content.clone()]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(s: &str) -> Vec<&str> {
        let mut p = 0;
        marked_in(s, 0..s.len(), None, &mut p)
            .0
            .into_iter()
            .filter(|f| !f.open_ended)
            .map(|f| &s[f.content])
            .collect()
    }

    #[test]
    fn every_mark_style_pairs() {
        assert_eq!(
            marks("Il a dit « oui\u{a0}» puis «\u{202f}non »."),
            ["oui", "non"]
        );
        assert_eq!(marks("Il a dit «oui»."), ["oui"]);
        assert_eq!(
            marks("Il a dit “oui” et „ja“ et ‹ si ›."),
            ["oui", "ja", "si"]
        );
        assert_eq!(
            marks("entre les deux pays \"dans le domaine\", notamment"),
            ["dans le domaine"]
        );
        assert_eq!(marks("un texte “mixte » ici"), ["mixte"]);
    }

    #[test]
    fn nested_marks_stay_inside_the_outer_quote() {
        assert_eq!(
            marks("« Il a parlé de “paix” hier », dit-il."),
            ["Il a parlé de “paix” hier"]
        );
    }

    #[test]
    fn apostrophes_are_not_marks() {
        assert!(marks("L’AES et l'État s’engagent").is_empty());
    }

    #[test]
    fn sentences_do_not_end_at_titles_or_inside_quotes() {
        let t = "Selon M. Diop, « la paix. Enfin » est là. K. Mamadou a écrit. Fin";
        let s: Vec<&str> = sentences(t, 0..t.len())
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(
            s,
            [
                "Selon M. Diop, « la paix. Enfin » est là.",
                "K. Mamadou a écrit.",
                "Fin"
            ]
        );
    }

    /// Issue 6 (fuzzing, target `quotes`): the second `.` of `..` was read as a new sentence end
    /// after the sentence had already moved past it, and slicing backwards panicked.
    #[test]
    fn a_run_of_terminators_ends_one_sentence() {
        let t = "Et puis... Rien ne bouge. Quoi ?! Non.. Encore";
        let s: Vec<&str> = sentences(t, 0..t.len())
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(
            s,
            ["Et puis...", "Rien ne bouge.", "Quoi ?!", "Non..", "Encore"]
        );
    }
}
