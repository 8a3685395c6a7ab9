//! The quote panel: the current article's quotes (speaker, kind, the words, where else they are
//! printed), one selected; Enter shows it in the text.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::corpus::article::ArticleId;
use crate::corpus::quote::Quote;
use crate::tui::panes::{pane_block, truncate};
use crate::tui::theme::Theme;

/// Quote panel state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QuotesPane {
    /// Index of the selected quote.
    pub selected: usize,
    /// First quote shown.
    pub offset: usize,
}

/// Most lines of quote text an item shows before cutting with `…`.
const MAX_TEXT_LINES: usize = 3;

/// Names another article for "also in" (its title), given its id.
pub type NameOf<'n> = &'n dyn Fn(&ArticleId) -> Option<String>;

/// The lines of one item at `width` columns.
pub fn item_lines<'a>(
    q: &'a Quote,
    width: usize,
    selected: bool,
    theme: &Theme,
    name_of: NameOf<'_>,
) -> Vec<Line<'a>> {
    let width = width.max(1);
    let marker = if selected { "▶ " } else { "  " };
    let speaker = q.speaker.as_deref().unwrap_or("(unattributed)");
    let mut head = vec![
        Span::raw(marker),
        Span::styled(
            truncate(speaker, width.saturating_sub(4 + q.kind.name().len())),
            theme.speaker(),
        ),
        Span::styled(format!(" · {}", q.kind.name()), theme.dim()),
    ];
    if q.field == crate::corpus::quote::Field::Title {
        head.push(Span::styled(" · title", theme.dim()));
    }
    let mut lines = vec![Line::from(head)];
    let text = format!("«\u{a0}{}\u{a0}»", q.text);
    let inner = width.saturating_sub(2).max(1);
    let wrapped = textwrap::wrap(&text, inner);
    let n = wrapped.len();
    for (i, l) in wrapped.into_iter().take(MAX_TEXT_LINES).enumerate() {
        let shown = if i + 1 == MAX_TEXT_LINES && n > MAX_TEXT_LINES {
            truncate(&format!("{l}…"), inner)
        } else {
            l.into_owned()
        };
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(shown, theme.quote()),
        ]));
    }
    if !q.also_in.is_empty() {
        let names: Vec<String> = q
            .also_in
            .iter()
            .map(|id| name_of(id).unwrap_or_else(|| id.to_string()))
            .collect();
        let head = if q.also_in_count > names.len() {
            format!("also in {} articles", q.also_in_count)
        } else {
            "also in".to_owned()
        };
        lines.push(Line::from(Span::styled(
            truncate(&format!("  {head}: {}", names.join(" · ")), width),
            theme.dim(),
        )));
    }
    let mut lines: Vec<Line<'a>> = lines;
    if selected {
        lines = lines
            .into_iter()
            .map(|l| l.style(theme.selected()))
            .collect();
    }
    lines
}

/// Height of each item at `width` columns (what [`item_lines`] returns).
pub fn heights(quotes: &[Quote], width: usize) -> Vec<usize> {
    let theme = Theme::new(false);
    quotes
        .iter()
        .map(|q| item_lines(q, width, false, &theme, &|_| None).len())
        .collect()
}

/// What the panel shows: the quotes, the selection, and how to draw them.
pub struct PanelView<'a> {
    /// The current article's quotes.
    pub quotes: &'a [Quote],
    /// Selection and scroll.
    pub state: QuotesPane,
    /// True when any article has quotes (picks the empty-state note).
    pub corpus_has_quotes: bool,
    /// Whether the panel has focus.
    pub focused: bool,
    /// Styles.
    pub theme: &'a Theme,
    /// Titles for "also in".
    pub name_of: NameOf<'a>,
}

/// Draws the panel.
pub fn render(frame: &mut Frame<'_>, area: Rect, view: &PanelView<'_>) {
    let PanelView {
        quotes,
        state,
        corpus_has_quotes,
        focused,
        theme,
        name_of,
    } = *view;
    let title = format!("Quotes ({})", quotes.len());
    let block = pane_block(&title, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if quotes.is_empty() {
        let note = if corpus_has_quotes {
            "No quotes in this article."
        } else {
            "No quotes yet: quote extraction found nothing in this corpus (the quote engine is still being built). Quotes will list here with their speakers; Enter will show one in the text."
        };
        frame.render_widget(
            Paragraph::new(note)
                .style(theme.dim())
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    for (i, q) in quotes.iter().enumerate().skip(state.offset) {
        if lines.len() >= usize::from(inner.height) {
            break;
        }
        lines.extend(item_lines(q, width, i == state.selected, theme, name_of));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::quote::{Field, QuoteKind};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

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

    fn draw(quotes: &[Quote], state: QuotesPane, corpus: bool) -> String {
        let mut t = Terminal::new(TestBackend::new(40, 12)).unwrap();
        let name_of = |id: &ArticleId| (id.as_str() == "003_b6").then(|| "Russie–AES".to_owned());
        t.draw(|f| {
            let view = PanelView {
                quotes,
                state,
                corpus_has_quotes: corpus,
                focused: true,
                theme: &Theme::new(false),
                name_of: &name_of,
            };
            render(f, f.area(), &view);
        })
        .unwrap();
        t.backend().to_string()
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
        let screen = draw(&qs, QuotesPane::default(), true);
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
        let screen = draw(&[q], QuotesPane::default(), true);
        assert!(
            screen.contains("also in 250 articles: Russie–AES"),
            "{screen}"
        );
    }

    #[test]
    fn long_quotes_are_cut_after_three_lines() {
        let long = "mot ".repeat(60);
        let qs = [quote(long.trim(), Some("X"), &[])];
        assert_eq!(heights(&qs, 40), vec![1 + MAX_TEXT_LINES]);
        assert!(draw(&qs, QuotesPane::default(), true).contains('…'));
    }

    #[test]
    fn an_empty_panel_says_why() {
        assert!(draw(&[], QuotesPane::default(), true).contains("No quotes in this article."));
        assert!(draw(&[], QuotesPane::default(), false).contains("still being built"));
    }
}
