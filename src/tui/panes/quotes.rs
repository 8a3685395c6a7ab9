//! The quote panel: the current article's quotes (speaker, kind, how sure the speaker is, the
//! words whole, where else they are printed), the speaker the filter names first and marked, one
//! selected, which also says why it has its speaker; Enter shows it in the text; its "also in"
//! list opens (`→`) to articles that can be followed. Drawn from a [`PanelView`]; the rows' text
//! comes from `tui::quote_text`, this file styles them. The Quotes view draws its selected quote
//! with [`item_lines`] too.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::corpus::article::ArticleId;
use crate::corpus::quote::{Confidence, Field, Quote};
use crate::corpus::sanitize;
use crate::tui::layout::{PanelState, Scroll};
use crate::tui::panes::{pane_block, truncate};
use crate::tui::quote_text::{
    confidence_mark, has_marks, height, item_height, text_rows, why_rows,
};
use crate::tui::theme::Theme;

/// Names another article for "also in" (its title), given its id.
pub type NameOf<'n> = &'n dyn Fn(&ArticleId) -> Option<String>;

/// The lines of one item at `width` columns: speaker · kind · confidence, on the selected item
/// the cue that gave the speaker (`why: a déclaré`), the words (between `« »` only when the
/// article prints marks), and the other articles printing them.
pub fn item_lines<'a>(
    q: &'a Quote,
    width: usize,
    selected: bool,
    theme: &Theme,
    name_of: NameOf<'_>,
) -> Vec<Line<'a>> {
    let how = Shown {
        selected,
        ..Shown::default()
    };
    item_lines_as(q, width, how, theme, name_of)
}

/// How an item is drawn: selected or not, its "also in" list open with which article selected,
/// and whether its speaker is the one the filter names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shown {
    /// The selected item.
    pub selected: bool,
    /// Its "also in" list open (the selected item only).
    pub open: bool,
    /// The article of the open list selected (1 the first), 0 for none.
    pub sub: usize,
    /// Its speaker is the one the filter names: drawn as a search hit.
    pub named: bool,
}

/// [`item_lines`], drawn as `how` says.
pub fn item_lines_as<'a>(
    q: &'a Quote,
    width: usize,
    how: Shown,
    theme: &Theme,
    name_of: NameOf<'_>,
) -> Vec<Line<'a>> {
    let Shown { selected, .. } = how;
    let width = width.max(1);
    let marker = if selected && how.sub == 0 {
        "▶ "
    } else if selected {
        "▷ "
    } else {
        "  "
    };
    let confidence = q.evidence.as_ref().map(|e| e.confidence);
    let mut tail = vec![Span::styled(format!(" · {}", q.kind.name()), theme.dim())];
    if let Some(c) = confidence {
        tail.push(Span::styled(
            format!(" · {}", confidence_mark(c)),
            theme.dim(),
        ));
    }
    if q.field == Field::Title {
        tail.push(Span::styled(" · title", theme.dim()));
    }
    let room = width.saturating_sub(2 + tail.iter().map(Span::width).sum::<usize>());
    let speaker = match q.speaker.as_deref() {
        // A guess reads as one: dim, italic, with a question mark that is never cut.
        Some(s) if confidence == Some(Confidence::Low) => Span::styled(
            format!(
                "{}?",
                truncate(&sanitize::one_line(s), room.saturating_sub(1))
            ),
            theme.speaker_guess(),
        ),
        Some(s) => Span::styled(truncate(&sanitize::one_line(s), room), theme.speaker()),
        None => Span::styled(truncate("(unattributed)", room), theme.speaker()),
    };
    // The speaker the filter names reads as a search hit, as matched words do elsewhere.
    let speaker = if how.named {
        let style = speaker.style.patch(theme.hit());
        speaker.style(style)
    } else {
        speaker
    };
    let mut head = vec![Span::raw(marker), speaker];
    head.extend(tail);
    let mut lines = vec![Line::from(head)];
    if selected {
        lines.extend(
            why_rows(q, width)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, theme.dim()))),
        );
    }
    let style = if has_marks(q.kind) {
        theme.quote()
    } else {
        theme.reported()
    };
    lines.extend(
        text_rows(q, width)
            .into_iter()
            .map(|l| Line::from(vec![Span::raw("  "), Span::styled(l, style)])),
    );
    if !q.also_in.is_empty() {
        let names: Vec<String> = q
            .also_in
            .iter()
            .map(|id| {
                sanitize::one_line(&name_of(id).unwrap_or_else(|| id.to_string())).into_owned()
            })
            .collect();
        let head = if q.also_in_count > names.len() {
            format!("also in {} articles", q.also_in_count)
        } else {
            "also in".to_owned()
        };
        if selected && how.open {
            // One row per article, each to follow with Enter.
            lines.push(Line::from(Span::styled(
                truncate(&format!("  {head} (Enter opens one):"), width),
                theme.dim(),
            )));
            for (k, name) in names.iter().enumerate() {
                let here = how.sub == k + 1;
                let row = truncate(&format!("  {} {name}", if here { "▶" } else { "·" }), width);
                lines.push(if here {
                    Line::from(Span::styled(row, theme.hit_current()))
                } else {
                    Line::from(Span::styled(row, theme.dim()))
                });
            }
        } else {
            lines.push(Line::from(Span::styled(
                truncate(&format!("  {head}: {}", names.join(" · ")), width),
                theme.dim(),
            )));
        }
    }
    if selected {
        lines = lines
            .into_iter()
            .map(|l| l.style(theme.selected()))
            .collect();
    }
    lines
}

/// What the panel shows: the quotes, the selection, and how to draw them.
pub struct PanelView<'a> {
    /// The current article's quotes.
    pub quotes: &'a [Quote],
    /// Selection and scroll.
    pub state: Scroll,
    /// True when an article is open in the reading pane (its quotes are `quotes`).
    pub article_open: bool,
    /// True when any article loaded so far has quotes (picks the empty-state note).
    pub corpus_has_quotes: bool,
    /// True while articles are still loading.
    pub loading: bool,
    /// True when the open article is listed ahead of its text, which brings its quotes.
    pub text_waiting: bool,
    /// Whether the panel has focus.
    pub focused: bool,
    /// Styles.
    pub theme: &'a Theme,
    /// Titles for "also in".
    pub name_of: NameOf<'a>,
    /// The order, the named speaker, the open "also in" list.
    pub panel: &'a PanelState,
}

/// What an empty panel says.
fn empty_note(view: &PanelView<'_>) -> &'static str {
    if !view.article_open && view.loading {
        "Loading…"
    } else if !view.article_open {
        "No article open."
    } else if view.text_waiting && view.loading {
        "Loading this article's quotes…"
    } else if view.text_waiting {
        "This article could not be read: no quotes."
    } else if view.corpus_has_quotes {
        "No quotes in this article."
    } else if view.loading {
        "No quotes in this article, nor in the others loaded so far."
    } else {
        "No quotes in this corpus."
    }
}

/// [`first_shown_in`] in the article's order, nothing open.
#[cfg(test)]
fn first_shown(quotes: &[Quote], state: Scroll, width: usize, rows: usize) -> usize {
    first_shown_in(quotes, state, &PanelState::default(), width, rows)
}

/// The first position to draw. `state.offset` keeps the selected item in view at the heights of
/// the items drawn unselected; drawn selected it is taller (its `why:`, its open "also in" list),
/// so start lower when that would fall off the bottom. Only the items from the offset to the
/// selection are measured, not every quote. Positions are in the panel's order (`panel`).
fn first_shown_in(
    quotes: &[Quote],
    state: Scroll,
    panel: &PanelState,
    width: usize,
    rows: usize,
) -> usize {
    let Some(last) = quotes.len().checked_sub(1) else {
        return 0;
    };
    let selected = state.selected.min(last);
    let at = |pos: usize| &quotes[panel.quote_at(pos).min(last)];
    let h = |pos: usize| item_height(at(pos), width, pos == selected, panel.open);
    let mut offset = state.offset.min(selected);
    let mut shown: usize = (offset..=selected).map(h).sum();
    while offset < selected && shown > rows {
        shown -= height(at(offset), width, false);
        offset += 1;
    }
    offset
}

/// Draws the panel.
pub fn render(frame: &mut Frame<'_>, area: Rect, view: &PanelView<'_>) {
    let PanelView {
        quotes,
        state,
        focused,
        theme,
        name_of,
        ..
    } = *view;
    let title = format!("Quotes ({})", quotes.len());
    let block = pane_block(&title, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if quotes.is_empty() {
        frame.render_widget(
            Paragraph::new(empty_note(view))
                .style(theme.dim())
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let panel = view.panel;
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let offset = first_shown_in(quotes, state, panel, width, height);
    let mut lines = Vec::new();
    for pos in offset..quotes.len() {
        if lines.len() >= height {
            break;
        }
        let Some(q) = quotes.get(panel.quote_at(pos)) else {
            break;
        };
        let selected = pos == state.selected;
        let how = Shown {
            selected,
            open: selected && panel.open,
            sub: if selected { panel.sub } else { 0 },
            named: panel.is_named(q.speaker.as_deref()),
        };
        let item = item_lines_as(q, width, how, theme, name_of);
        // A selected quote taller than the panel, first on screen, shows from `line` down.
        let skip = if selected && pos == offset {
            panel.line
        } else {
            0
        };
        lines.extend(item.into_iter().skip(skip));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::quote::{Evidence, QuoteKind};
    use crate::tui::layout::keep_visible;
    use crate::tui::quote_text::MAX_WHY_LINES;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::Modifier;

    fn quote(text: &str, speaker: Option<&str>, also: &[&str]) -> Quote {
        Quote {
            text: text.into(),
            kind: QuoteKind::Direct,
            speaker: speaker.map(Into::into),
            evidence: None,
            field: Field::Body,
            span: 0..text.len(),
            sentence: 0..text.len(),
            also_at: Vec::new(),
            also_in: also.iter().map(|s| ArticleId((*s).into())).collect(),
            also_in_count: also.len(),
        }
    }

    /// A quote by `speaker` with the engine's evidence.
    fn said(
        text: &str,
        kind: QuoteKind,
        speaker: &str,
        cue: &str,
        confidence: Confidence,
    ) -> Quote {
        Quote {
            kind,
            evidence: Some(Evidence {
                cue: cue.into(),
                confidence,
            }),
            ..quote(text, Some(speaker), &[])
        }
    }

    /// The panel in the article's order, nothing open.
    static CLOSED: std::sync::LazyLock<PanelState> = std::sync::LazyLock::new(PanelState::default);

    /// The theme without colour: what `NO_COLOR` users see.
    static PLAIN: std::sync::LazyLock<Theme> = std::sync::LazyLock::new(|| Theme::new(false));

    fn view<'a>(quotes: &'a [Quote], state: Scroll, corpus: bool) -> PanelView<'a> {
        PanelView {
            quotes,
            state,
            article_open: true,
            corpus_has_quotes: corpus,
            loading: false,
            text_waiting: false,
            focused: true,
            theme: &PLAIN,
            name_of: &|id: &ArticleId| (id.as_str() == "003_b6").then(|| "Russie–AES".to_owned()),
            panel: &CLOSED,
        }
    }

    fn terminal(view: &PanelView<'_>, w: u16, h: u16) -> Terminal<TestBackend> {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| render(f, f.area(), view)).unwrap();
        t
    }

    fn draw(quotes: &[Quote], state: Scroll, corpus: bool) -> String {
        terminal(&view(quotes, state, corpus), 40, 12)
            .backend()
            .to_string()
    }

    /// Height of each item at `width` columns, item `selected` drawn as the selected one.
    fn heights_with(quotes: &[Quote], width: usize, selected: Option<usize>) -> Vec<usize> {
        quotes
            .iter()
            .enumerate()
            .map(|(i, q)| height(q, width, Some(i) == selected))
            .collect()
    }

    /// Height of each item at `width` columns, none selected.
    fn heights(quotes: &[Quote], width: usize) -> Vec<usize> {
        heights_with(quotes, width, None)
    }

    fn selected(i: usize) -> Scroll {
        Scroll {
            selected: i,
            offset: 0,
        }
    }

    #[test]
    fn each_quote_shows_speaker_kind_text_and_other_articles() {
        let qs = [
            quote(
                "Notre coopération s’intensifie",
                Some("Sergueï Lavrov"),
                &["003_b6"],
            ),
            quote("Oui", None, &[]),
        ];
        let screen = draw(&qs, Scroll::default(), true);
        assert!(screen.contains("▶ Sergueï Lavrov · direct"), "{screen}");
        assert!(
            screen.contains("«\u{a0}Notre coopération s’intensifie\u{a0}»"),
            "{screen}"
        );
        assert!(screen.contains("also in: Russie–AES"), "{screen}");
        assert!(screen.contains("  (unattributed) · direct"), "{screen}");
    }

    #[test]
    fn a_widely_reprinted_quote_says_how_many_articles_print_it() {
        let mut q = quote("Notre coopération s’intensifie", Some("X"), &["003_b6"]);
        q.also_in_count = 250;
        let screen = draw(&[q], Scroll::default(), true);
        assert!(
            screen.contains("also in 250 articles: Russie–AES"),
            "{screen}"
        );
    }

    #[test]
    fn a_long_quote_shows_whole_when_the_panel_has_the_rows() {
        // 60 words: seven rows of words at 38 columns, more than the three rows quotes were once
        // cut to.
        let long = format!("{} fin", "mot ".repeat(59));
        let qs = [quote(long.trim(), Some("X"), &[])];
        let rows = crate::tui::quote_text::text_rows(&qs[0], 38).len();
        assert!(rows > 3, "{rows}");
        assert_eq!(heights(&qs, 38), vec![1 + rows]);
        let screen = terminal(&view(&qs, Scroll::default(), true), 40, 12)
            .backend()
            .to_string();
        assert!(!screen.contains('…'), "{screen}");
        assert!(screen.contains("fin\u{a0}»"), "{screen}");
    }

    #[test]
    fn a_quote_taller_than_the_panel_scrolls_by_rows_when_selected() {
        let long = format!("début {} fin", "mot ".repeat(80));
        let qs = [quote(long.trim(), Some("X"), &[])];
        let panel = PanelState {
            line: 6,
            ..PanelState::default()
        };
        let scrolled = PanelView {
            panel: &panel,
            ..view(&qs, Scroll::default(), true)
        };
        let top = terminal(&view(&qs, Scroll::default(), true), 40, 8)
            .backend()
            .to_string();
        assert!(top.contains("▶ X") && top.contains("début"), "{top}");
        let down = terminal(&scrolled, 40, 8).backend().to_string();
        assert!(!down.contains("début") && down.contains("fin"), "{down}");
    }

    #[test]
    fn unmarked_speech_and_interview_answers_are_shown_without_marks() {
        let qs = [
            said(
                "La Russie est un allié sincère",
                QuoteKind::Unmarked,
                "Abdoulaye Diop",
                "a déclaré",
                Confidence::High,
            ),
            said(
                "Il y a une intensification",
                QuoteKind::Interview,
                "Mohamed Amara",
                "interview turn",
                Confidence::High,
            ),
            said(
                "la bravoure des soldats",
                QuoteKind::Partial,
                "Sadio Camara",
                "a réitéré",
                Confidence::High,
            ),
        ];
        let screen = draw(&qs, Scroll::default(), true);
        assert!(screen.contains("Abdoulaye Diop · unmarked"), "{screen}");
        assert!(
            screen.contains("  La Russie est un allié sincère "),
            "{screen}"
        );
        assert!(screen.contains("Mohamed Amara · interview"), "{screen}");
        assert!(screen.contains("  Il y a une intensification "), "{screen}");
        // Marks only where the article has them: the partial quote, nowhere else.
        assert_eq!(screen.matches('«').count(), 1, "{screen}");
        assert!(
            screen.contains("«\u{a0}la bravoure des soldats\u{a0}»"),
            "{screen}"
        );
    }

    #[test]
    fn unmarked_speech_is_drawn_in_its_own_style_not_the_quote_style() {
        let qs = [
            said(
                "Clause",
                QuoteKind::Unmarked,
                "X",
                "a déclaré",
                Confidence::High,
            ),
            said("Phrase", QuoteKind::Direct, "Y", "a dit", Confidence::High),
        ];
        for color in [true, false] {
            let theme = Theme::new(color);
            let style_of = |q: &Quote, word: &str| {
                item_lines(q, 40, false, &theme, &|_| None)
                    .iter()
                    .flat_map(|l| l.spans.iter())
                    .find(|s| s.content.contains(word))
                    .map(|s| s.style)
                    .unwrap()
            };
            assert_eq!(style_of(&qs[0], "Clause"), theme.reported());
            assert_eq!(style_of(&qs[1], "Phrase"), theme.quote());
            assert_ne!(theme.reported(), theme.quote());
        }
    }

    #[test]
    fn the_selected_quote_says_why_it_has_its_speaker_and_the_others_do_not() {
        let qs = [
            said(
                "Nous soutenons votre combat",
                QuoteKind::Direct,
                "Andreï Biélooussov",
                "a-t-il déclaré · pronoun \"il\" -> last subject or speaker",
                Confidence::Medium,
            ),
            said(
                "Oui",
                QuoteKind::Direct,
                "Sadio Camara",
                "a dit",
                Confidence::High,
            ),
        ];
        let screen = draw(&qs, selected(0), true);
        assert!(
            screen.contains("  why: a-t-il déclaré · pronoun \"il\""),
            "{screen}"
        );
        // Wrapped under its label, never cut in the middle of `a-t-il`.
        assert!(
            screen.contains("       -> last subject or speaker"),
            "{screen}"
        );
        assert!(!screen.contains("why: a dit"), "{screen}");
        let screen = draw(&qs, selected(1), true);
        assert!(screen.contains("  why: a dit"), "{screen}");
        assert!(!screen.contains("a-t-il"), "{screen}");
        // No speaker, no evidence: nothing to explain.
        let screen = draw(&[quote("Oui", None, &[])], selected(0), true);
        assert!(!screen.contains("why:"), "{screen}");
    }

    #[test]
    fn a_long_cue_is_cut_after_two_lines() {
        let cue = "previous quote, same paragraph ".repeat(8);
        let qs = [said(
            "Oui",
            QuoteKind::Direct,
            "X",
            cue.trim(),
            Confidence::Low,
        )];
        let screen = draw(&qs, selected(0), true);
        let why: Vec<&str> = screen
            .lines()
            .skip_while(|l| !l.contains("why:"))
            .take(MAX_WHY_LINES)
            .collect();
        assert!(why.last().unwrap().contains('…'), "{screen}");
        assert_eq!(heights_with(&qs, 38, Some(0)), vec![2 + MAX_WHY_LINES]);
    }

    #[test]
    fn the_cue_is_sanitized() {
        let qs = [said(
            "Oui",
            QuoteKind::Direct,
            "X",
            "a dit\u{1b}[2J\u{202e} · ok",
            Confidence::High,
        )];
        let screen = draw(&qs, selected(0), true);
        assert!(screen.contains("why: a dit^[ · ok"), "{screen}");
        assert!(!screen.contains('\u{1b}') && !screen.contains('\u{202e}'));
    }

    #[test]
    fn confidence_shows_as_dots_and_a_low_one_reads_as_a_guess() {
        let qs = [
            said(
                "Un",
                QuoteKind::Direct,
                "Sergueï Lavrov",
                "a déclaré",
                Confidence::High,
            ),
            said(
                "Deux",
                QuoteKind::Partial,
                "Sadio Camara",
                "pronoun",
                Confidence::Medium,
            ),
            said(
                "Trois",
                QuoteKind::Direct,
                "Abdoulaye Diop",
                "speaker of the previous paragraph",
                Confidence::Low,
            ),
        ];
        let screen = draw(&qs, selected(0), true);
        assert!(
            screen.contains("▶ Sergueï Lavrov · direct · ●●●"),
            "{screen}"
        );
        assert!(
            screen.contains("  Sadio Camara · partial · ●●○"),
            "{screen}"
        );
        assert!(
            screen.contains("  Abdoulaye Diop? · direct · ●○○"),
            "{screen}"
        );
        // Without colour too, the guessed name is dim and italic, a sure one is not.
        let t = terminal(&view(&qs, selected(0), true), 40, 12);
        let buffer = t.backend().buffer();
        let row_of = |needle: &str| {
            (0..buffer.area.height)
                .find(|&y| {
                    (0..buffer.area.width)
                        .map(|x| buffer[(x, y)].symbol())
                        .collect::<String>()
                        .contains(needle)
                })
                .unwrap()
        };
        let guess = buffer[(3, row_of("Diop?"))].modifier;
        assert!(
            guess.contains(Modifier::DIM | Modifier::ITALIC),
            "{guess:?}"
        );
        let sure = buffer[(3, row_of("Camara"))].modifier;
        assert!(
            !sure.intersects(Modifier::DIM | Modifier::ITALIC),
            "{sure:?}"
        );
    }

    #[test]
    fn a_guessed_speaker_keeps_its_question_mark_in_a_narrow_panel() {
        let qs = [said(
            "Oui",
            QuoteKind::Interview,
            "Abdoulaye Diop, ministre des Affaires étrangères",
            "previous quote",
            Confidence::Low,
        )];
        let head = item_lines(&qs[0], 30, false, &Theme::new(false), &|_| None)[0].to_string();
        assert!(head.ends_with("…? · interview · ●○○"), "{head}");
        assert_eq!(unicode_width::UnicodeWidthStr::width(head.as_str()), 30);
    }

    #[test]
    fn heights_count_the_why_line_of_the_selected_item_only() {
        let qs = [
            said("Un", QuoteKind::Direct, "X", "a déclaré", Confidence::High),
            quote("Deux", None, &[]),
        ];
        assert_eq!(heights(&qs, 38), vec![2, 2]);
        assert_eq!(heights_with(&qs, 38, Some(0)), vec![3, 2]);
        assert_eq!(heights_with(&qs, 38, Some(1)), vec![2, 2]);
        let theme = Theme::new(true);
        for (i, q) in qs.iter().enumerate() {
            assert_eq!(
                item_lines(q, 38, true, &theme, &|_| None).len(),
                heights_with(&qs, 38, Some(i))[i]
            );
        }
    }

    #[test]
    fn the_selected_quote_stays_whole_in_view_with_its_why_line() {
        // Items of 2 to 6 rows once selected: texts of one to three lines, cues of one or two.
        let qs: Vec<Quote> = (0..9)
            .map(|i| {
                said(
                    &format!("Phrase {i} {}", "mot ".repeat(9 * (i % 3))),
                    QuoteKind::Direct,
                    &format!("Orateur {i}"),
                    &format!("indice {i} {}", "long ".repeat(7 * (i % 2))),
                    Confidence::High,
                )
            })
            .collect();
        // A 10-row panel (8 inside), the selection walked down then up, the offset kept as the
        // app keeps it (from the plain heights).
        let (w, h) = (40u16, 10u16);
        let (width, inner) = (usize::from(w) - 2, usize::from(h) - 2);
        let plain = heights(&qs, width);
        let (mut offset, mut lowered) = (0, 0);
        for sel in (0..qs.len()).chain((0..qs.len()).rev()) {
            offset = keep_visible(&plain, sel, offset, inner);
            let state = Scroll {
                selected: sel,
                offset,
            };
            let drawn = heights_with(&qs, width, Some(sel));
            let first = first_shown(&qs, state, width, inner);
            assert_eq!(first, keep_visible(&drawn, sel, offset, inner), "{sel}");
            lowered += usize::from(first > offset);
            assert!(drawn[first..=sel].iter().sum::<usize>() <= inner, "{sel}");
            let screen = terminal(&view(&qs, state, true), w, h)
                .backend()
                .to_string();
            assert!(screen.contains(&format!("▶ Orateur {sel}")), "{screen}");
            assert!(screen.contains(&format!("why: indice {sel}")), "{screen}");
            assert!(screen.contains(&format!("Phrase {sel}")), "{screen}");
        }
        // The case that matters happened: the plain offset would have cut the `why:` off.
        assert!(lowered > 0);
    }

    #[test]
    fn an_empty_panel_says_why() {
        assert!(draw(&[], Scroll::default(), true).contains("No quotes in this article."));
        assert!(draw(&[], Scroll::default(), false).contains("No quotes in this corpus."));
        let loading = PanelView {
            loading: true,
            text_waiting: false,
            ..view(&[], Scroll::default(), false)
        };
        let screen = terminal(&loading, 40, 12).backend().to_string();
        assert!(screen.contains("loaded so far"), "{screen}");
        let closed = PanelView {
            article_open: false,
            ..view(&[], Scroll::default(), true)
        };
        let screen = terminal(&closed, 40, 12).backend().to_string();
        assert!(screen.contains("No article open."), "{screen}");
        let waiting = PanelView {
            loading: true,
            text_waiting: false,
            ..closed
        };
        let screen = terminal(&waiting, 40, 12).backend().to_string();
        assert!(screen.contains("Loading…"), "{screen}");
    }
}
