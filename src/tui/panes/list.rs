//! The article list: one row per matching article (marker, read mark, date, outlet, title with the
//! matched characters highlighted, quote count).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::corpus::search::{Match, title_highlights};
use crate::tui::app::App;
use crate::tui::panes::{fit, pane_block, truncate};

/// List state: the matches of the filter, the selected one, the first row shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListPane {
    /// Matching articles, best first (all, in list order, without a filter), shared with the
    /// search thread's cache.
    pub matches: std::sync::Arc<[Match]>,
    /// Index into `matches`.
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
}

impl ListPane {
    /// The article index of the selected row.
    pub fn selected_article(&self) -> Option<usize> {
        self.matches.get(self.selected).map(|m| m.index)
    }
}

fn row<'a>(app: &'a App, m: &Match, width: usize, selected: bool) -> Line<'a> {
    let theme = &app.theme;
    let Some(a) = app.articles().get(m.index) else {
        return Line::default();
    };
    let read = app.state.read.contains(a.id.as_str());
    let marker = if selected { "▶" } else { " " };
    let mark = if read { "✓" } else { " " };
    let date = a
        .meta
        .date
        .map_or_else(|| "—".to_owned(), |d| d.to_string());
    let n = app.quotes_of(m.index).len();
    let count = if n == 0 {
        String::new()
    } else {
        format!("{n}❝")
    };
    let show_date = width >= 36;
    let show_outlet = width >= 56;
    let outlet_w = (width / 6).clamp(6, 16);
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
    let title_chars = title_highlights(&app.fuzzy, &a.meta.title, &app.results_for);
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

/// The list's title for a pane `width` columns wide: the longest of its forms that fits, so a
/// narrow pane shows a shorter title rather than a count cut in the middle.
fn title(app: &App, width: usize) -> String {
    let total = app.articles().len();
    let count = if app.results_for.is_empty() {
        None
    } else if !app.results_complete {
        // A first page: how many match in all is not known yet.
        Some(format!("…/{total}"))
    } else {
        Some(format!("{}/{total}", app.list.matches.len()))
    };
    let forms = match (count, app.loading_progress()) {
        (None, None) => vec![format!("Articles ({total})"), total.to_string()],
        (None, Some((n, of))) => vec![
            format!("Articles (loading {n}/{of})"),
            format!("Loading {n}/{of}"),
            format!("{n}/{of}"),
        ],
        (Some(count), None) => vec![format!("Articles {count}"), count],
        (Some(count), Some((n, of))) => vec![
            format!("Articles {count}, loading {n}/{of}"),
            format!("{count}, loading {n}/{of}"),
            format!("{count}, loading…"),
            count,
        ],
    };
    // The border, the spaces around the title and the focus marker take six columns.
    let room = width.saturating_sub(6);
    let fits = forms.iter().position(|f| f.width() <= room);
    forms
        .get(fits.unwrap_or(forms.len() - 1))
        .cloned()
        .unwrap_or_default()
}

/// Draws the list in `area`.
pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, focused: bool) {
    let total = app.articles().len();
    let title = title(app, usize::from(area.width));
    let block = pane_block(&title, focused, &app.theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    if app.list.matches.is_empty() {
        let note = if app.first_list_pending() || (app.busy() && total == 0) {
            "Loading…"
        } else if total == 0 {
            "No articles."
        } else {
            "Nothing matches. Esc clears the filter."
        };
        frame.render_widget(
            Paragraph::new(truncate(note, width)).style(app.theme.dim()),
            inner,
        );
        return;
    }
    let lines: Vec<Line<'_>> = app
        .list
        .matches
        .iter()
        .enumerate()
        .skip(app.list.offset)
        .take(height)
        .map(|(i, m)| row(app, m, width, i == app.list.selected))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::load::Loading;
    use crate::corpus::state::ReaderState;
    use crate::corpus::store::{Origin, Source};
    use crate::tui::theme::Theme;

    #[test]
    fn a_narrow_list_shortens_its_title_instead_of_cutting_a_count() {
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
        assert_eq!(title(&app, 80), "Articles (loading 0/1000)");
        assert_eq!(title(&app, 30), "Loading 0/1000");
        assert_eq!(title(&app, 12), "0/1000");
    }
}
