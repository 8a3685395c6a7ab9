//! The drawing entry point: lays the screen out (`tui::layout`), builds each pane's view from the
//! App's parts (library, search session, screen state, marks) and draws the panes, the warning,
//! the status bar, the help overlay, or the "terminal too small" notice. Reads the state, never
//! changes it.

use ratatui::Frame;
use ratatui::layout::Alignment;
use ratatui::widgets::{Paragraph, Wrap};

use crate::corpus::ArticleId;
use crate::tui::app::App;
use crate::tui::app::screen::{MAX_QUERY, warning_lines};
use crate::tui::layout::{self, Focus, MIN_SIZE, viewport};
use crate::tui::panes::filter::FilterView;
use crate::tui::panes::list::ListView;
use crate::tui::panes::quotes::PanelView;
use crate::tui::panes::reader::{OpenArticle, ReaderView};
use crate::tui::panes::status::StatusView;
use crate::tui::panes::{filter, help, list, quotes, reader, status, warning};

/// Draws the whole screen.
pub fn render(frame: &mut Frame<'_>, app: &App) {
    let (library, search, screen) = (app.library(), app.search(), app.screen());
    let theme = screen.theme();
    let area = frame.area();
    let warning = screen
        .warning
        .as_deref()
        .map(|w| warning_lines(w, usize::from(area.width)))
        .unwrap_or_default();
    let areas = layout::layout(
        area,
        screen.focus,
        screen.filter.shown(),
        screen.list.matches.len(),
        warning.len(),
    );
    if areas.too_small {
        let note = format!(
            "Terminal too small ({}x{}); aes-reader needs at least {}x{}.",
            area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
        );
        frame.render_widget(
            Paragraph::new(note)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let (open, open_quotes) = app.open_article();
    if let Some(r) = areas.list {
        list::render(frame, r, &list_view(app));
    }
    if let Some(r) = areas.reader {
        let reader = &screen.reader;
        let open = reader.article.zip(open).map(|(i, article)| OpenArticle {
            article,
            wrapped: reader.wrapped(i, article, viewport(r).measure),
            quotes: open_quotes,
        });
        let view = ReaderView {
            open,
            top: reader.top,
            hits: &reader.hits,
            title_hits: &reader.title_hits,
            hit: reader.hit,
            marked: reader.marked,
            first_list_pending: app.first_list_pending(),
            loading: library.is_loading(),
            no_articles: library.articles().is_empty(),
            focused: screen.focus == Focus::Reader,
            theme,
        };
        reader::render(frame, r, &view);
    }
    if let Some(r) = areas.quotes {
        let name_of = |id: &ArticleId| {
            library
                .article_by_id(id.as_str())
                .map(|a| a.meta.title.clone())
        };
        let view = PanelView {
            quotes: open_quotes,
            state: screen.quotes(),
            article_open: screen.reader.article.is_some(),
            corpus_has_quotes: library.has_quotes(),
            loading: library.is_loading(),
            focused: screen.focus == Focus::Quotes,
            theme,
            name_of: &name_of,
        };
        quotes::render(frame, r, &view);
    }
    if let Some(r) = areas.filter {
        let query = screen.filter.query.as_str();
        let view = FilterView {
            query,
            editing: screen.filter.editing,
            capped: screen.filter.capped,
            max: MAX_QUERY,
            // While the search thread works on what was just typed, the count says so.
            found: (search.results_for() == query && search.results_complete())
                .then(|| screen.list.matches.len()),
            total: library.articles().len(),
            theme,
        };
        filter::render(frame, r, &view);
    }
    if let Some(r) = areas.warning {
        warning::render(frame, r, &warning, theme);
    }
    if let Some(r) = areas.status {
        let view = StatusView {
            context: screen.context(),
            message: screen.message(),
            articles: library.articles().len(),
            read: library.read_count(),
            rejected: library.rejected(),
            loading: library.loading_progress(),
            origin: library.origin(),
            theme,
        };
        status::render(frame, r, &view);
    }
    if screen.help_open() {
        help::render(frame, area, screen.help_scroll(), theme);
    }
}

/// What the article list shows.
pub fn list_view(app: &App) -> ListView<'_> {
    let (library, search, screen) = (app.library(), app.search(), app.screen());
    ListView {
        articles: library.articles(),
        matches: &screen.list.matches,
        selected: screen.list.selected,
        offset: screen.list.offset,
        quotes: library.quotes(),
        read: &app.state.read,
        fuzzy: screen.fuzzy(),
        results_for: search.results_for(),
        results_complete: search.results_complete(),
        loading: library.loading_progress(),
        first_list_pending: app.first_list_pending(),
        busy: app.busy(),
        focused: screen.focus == Focus::List,
        theme: screen.theme(),
    }
}
