//! The article list: one row per matching article (marker, read mark, date, outlet, title with the
//! matched characters highlighted, quote count), drawn from a [`ListView`].

use std::collections::BTreeSet;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::corpus::article::Article;
use crate::corpus::quote::Quote;
use crate::corpus::search::{Match, Skim, title_highlights};
use crate::tui::layout::View;
use crate::tui::panes::{fit, tab_title, truncate};
use crate::tui::theme::Theme;

/// What the list shows.
pub struct ListView<'a> {
    /// Every article loaded so far (`matches` index them).
    pub articles: &'a [Article],
    /// The matching articles, best first.
    pub matches: &'a [Match],
    /// Index into `matches` of the selected row.
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
    /// The quotes of each article (`quotes[i]` those of `articles[i]`), for their count.
    pub quotes: &'a [Vec<Quote>],
    /// Ids of the articles marked read.
    pub read: &'a BTreeSet<String>,
    /// Scorer for the title highlights.
    pub fuzzy: &'a Skim,
    /// The query the matches answer (empty: no filter).
    pub results_for: &'a str,
    /// The matches are all of them, not a first page.
    pub results_complete: bool,
    /// How the rows are ordered and narrowed (`newest first`, `unread, by outlet`).
    pub order: String,
    /// `(loaded, total)` while loading.
    pub loading: Option<(usize, usize)>,
    /// No list has been shown yet (keys wait for it).
    pub first_list_pending: bool,
    /// Loading or searching is under way.
    pub busy: bool,
    /// Whether the list has focus.
    pub focused: bool,
    /// Styles.
    pub theme: &'a Theme,
}

fn row<'a>(view: &ListView<'a>, m: &Match, width: usize, selected: bool) -> Line<'a> {
    let theme = view.theme;
    let Some(a) = view.articles.get(m.index) else {
        return Line::default();
    };
    let read = view.read.contains(a.id.as_str());
    let marker = if selected { "▶" } else { " " };
    let mark = if read { "✓" } else { " " };
    let date = a
        .meta
        .date
        .map_or_else(|| "—".to_owned(), |d| d.to_string());
    let n = view.quotes.get(m.index).map_or(0, Vec::len);
    let count = if n == 0 {
        String::new()
    } else {
        format!("{n}❝")
    };
    let show_date = width >= 36;
    let show_outlet = width >= 56;
    let outlet_w = (width / 6).clamp(6, 18);
    let mut used = 4 + 4; // marker, mark, spaces; count column
    let mut spans = vec![Span::raw(format!("{marker}{mark} "))];
    if show_date {
        spans.push(Span::styled(fit(&date, 10), theme.dim()));
        spans.push(Span::raw(" "));
        used += 11;
    }
    if show_outlet {
        spans.push(Span::styled(
            fit(a.meta.source.as_deref().unwrap_or("—"), outlet_w),
            theme.dim(),
        ));
        spans.push(Span::raw(" "));
        used += outlet_w + 1;
    }
    let title_w = width.saturating_sub(used);
    let title = truncate(&a.meta.title, title_w);
    let hl = theme.hit();
    // Highlight the matched characters (char indices of the full title), for rows on screen only.
    let title_chars = title_highlights(view.fuzzy, &a.meta.title, view.results_for);
    let mut current = String::new();
    let mut current_hit = false;
    let cut_at = (title != a.meta.title).then(|| title.chars().count().saturating_sub(1));
    for (i, ch) in title.chars().enumerate() {
        let hit = title_chars.binary_search(&i).is_ok() && cut_at != Some(i);
        if hit != current_hit && !current.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut current),
                if current_hit { hl } else { Style::new() },
            ));
        }
        current_hit = hit;
        current.push(ch);
    }
    if !current.is_empty() {
        spans.push(Span::styled(
            current,
            if current_hit { hl } else { Style::new() },
        ));
    }
    let pad = title_w.saturating_sub(title.width());
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(format!("{count:>4}"), theme.dim()));
    let line = Line::from(spans);
    if selected {
        line.style(theme.selected())
    } else {
        line
    }
}

/// How many articles the list holds (and how many match, how loading goes), for the bottom right
/// of a pane `width` columns wide: the longest of its forms that fits, so a narrow pane shows a
/// shorter count rather than one cut in the middle.
fn count(view: &ListView<'_>, width: usize) -> String {
    let total = view.articles.len();
    let articles = |n: usize| if n == 1 { "article" } else { "articles" };
    let matched = if view.results_for.is_empty() {
        None
    } else if !view.results_complete {
        // A first page: how many match in all is not known yet.
        Some("…".to_owned())
    } else {
        Some(view.matches.len().to_string())
    };
    let forms = match (matched, view.loading) {
        (None, None) => vec![format!("{total} {}", articles(total)), total.to_string()],
        (None, Some((n, of))) => vec![format!("loading {n}/{of}"), format!("{n}/{of}")],
        (Some(m), None) => vec![
            format!("{m} of {total} {}", articles(total)),
            format!("{m}/{total}"),
        ],
        (Some(m), Some((n, of))) => vec![
            format!("{m} of {total}, loading {n}/{of}"),
            format!("{m}/{total}, loading…"),
            format!("{m}/{total}"),
        ],
    };
    // Before the longest form, when there is room: that some matches need typos, and the order
    // (once loaded).
    let typos = view.results_complete && view.matches.iter().any(|m| m.typos > 0);
    let longest = forms.first().cloned().unwrap_or_default();
    let typo_form = typos.then(|| format!("typo-tolerant · {longest}"));
    let order_form = view.loading.is_none().then(|| match &typo_form {
        Some(t) => format!("{} · {t}", view.order),
        None => format!("{} · {longest}", view.order),
    });
    let forms: Vec<String> = order_form
        .into_iter()
        .chain(typo_form)
        .chain(forms)
        .collect();
    // The corners and the spaces around the count take four columns; leave the tabs a few.
    let room = width.saturating_sub(4);
    let fits = forms.iter().position(|f| f.width() <= room);
    forms
        .get(fits.unwrap_or(forms.len() - 1))
        .cloned()
        .unwrap_or_default()
}

/// The list's frame: the views' tabs in its title row (Articles marked `▶` when the list has the
/// keyboard), the count at the bottom right; thick and bright when focused.
fn block<'a>(view: &ListView<'_>, width: u16) -> Block<'a> {
    let theme = view.theme;
    let (style, kind) = if view.focused {
        (theme.border_focused(), BorderType::Thick)
    } else {
        (theme.border(), BorderType::Plain)
    };
    Block::bordered()
        .border_type(kind)
        .border_style(style)
        .title(tab_title(View::Articles, view.focused, width, theme))
        .title_bottom(Line::from(format!(" {} ", count(view, usize::from(width)))).right_aligned())
}

/// Draws the list in `area`.
pub fn render(frame: &mut Frame<'_>, area: Rect, view: &ListView<'_>) {
    let total = view.articles.len();
    let block = block(view, area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    if view.matches.is_empty() {
        let note = if view.first_list_pending || (view.busy && total == 0) {
            "Loading…"
        } else if total == 0 {
            "No articles."
        } else {
            "Nothing matches. Esc clears the filter."
        };
        frame.render_widget(
            Paragraph::new(truncate(note, width)).style(view.theme.dim()),
            inner,
        );
        return;
    }
    let lines: Vec<Line<'_>> = view
        .matches
        .iter()
        .enumerate()
        .skip(view.offset)
        .take(height)
        .map(|(i, m)| row(view, m, width, i == view.selected))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::load::Loading;
    use crate::corpus::state::ReaderState;
    use crate::corpus::store::{Origin, Source};
    use crate::tui::app::App;
    use crate::tui::view::list_view;

    #[test]
    fn a_narrow_list_shortens_its_count_instead_of_cutting_it() {
        let files = (0..1000)
            .map(|i| (format!("a{i}.txt"), b"Titre\n\nTexte.".to_vec()))
            .collect();
        let source = Source::from_files(Origin::Embedded, files);
        let app = App::loading(
            Loading::start(source),
            &Origin::Embedded,
            ReaderState::default(),
            Theme::new(true),
        )
        .unwrap();
        // Not pumped: nothing has arrived yet.
        let view = list_view(&app);
        assert_eq!(count(&view, 80), "loading 0/1000");
        assert_eq!(count(&view, 12), "0/1000");
    }
}
