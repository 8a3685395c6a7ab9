//! Interviews: the answer turns of a labelled interview (`Name: answer`), and the answers of a
//! question-and-answer interview with no labels.

use super::span::Span;
use crate::corpus::article::{Article, BlockKind};
use crate::corpus::quote::types::{Field, QuoteKind};
use crate::corpus::text::{fold, word_count_up_to};

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
    if questions < 2 {
        return (Vec::new(), 0);
    }
    let intro: String = std::iter::once(article.meta.title.as_str())
        .chain(
            article.blocks[..first_q]
                .iter()
                .map(|b| article.block_text(b)),
        )
        .collect::<Vec<_>>()
        .join(" ");
    let intro = fold(&intro);
    let says_interview = [
        "entretien",
        "interview",
        "nos questions",
        "questions-reponses",
        "repondu a nos",
    ]
    .iter()
    .any(|k| intro.contains(k));
    if !says_interview {
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
