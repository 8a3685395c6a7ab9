//! The drawing entry point: lays the screen out (`tui::layout`) for the view shown, builds each
//! pane's view from the App's parts (library, search session, quotebook, screen state, marks) and
//! draws the panes (or the Quotes or Speakers view), the warning, the status bar, the help overlay,
//! or the "terminal too small" notice. Reads the state, never changes it.

use ratatui::Frame;
use ratatui::layout::Alignment;
use ratatui::widgets::{Paragraph, Wrap};

use crate::corpus::ArticleId;
use crate::corpus::sanitize;
use crate::tui::app::App;
use crate::tui::app::library::TextState;
use crate::tui::app::screen::{MAX_QUERY, warning_lines};
use crate::tui::layout::{self, Areas, Focus, MIN_SIZE, View, viewport};
use crate::tui::panes::filter::FilterView;
use crate::tui::panes::list::ListView;
use crate::tui::panes::quote_list::{BookState, QuoteListView};
use crate::tui::panes::quotes::PanelView;
use crate::tui::panes::reader::{OpenArticle, ReaderView};
use crate::tui::panes::speakers::SpeakersView;
use crate::tui::panes::status::StatusView;
use crate::tui::panes::{
    filter, help, list, quote_list, quotes, reader, speakers, status, warning,
};

/// Draws the whole screen.
pub fn render(frame: &mut Frame<'_>, app: &App) {
    let (library, screen) = (app.library(), app.screen());
    let theme = screen.theme();
    let area = frame.area();
    let warning = screen
        .warning
        .as_deref()
        .map(|w| warning_lines(w, usize::from(area.width)))
        .unwrap_or_default();
    let areas = match screen.view {
        View::Articles => layout::layout_with(
            screen.panes(),
            area,
            screen.focus,
            screen.filter.shown(),
            screen.list.matches.len(),
            warning.len(),
        ),
        view => layout::layout_view(area, view, screen.filter_shown(), warning.len()),
    };
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
    if screen.view == View::Articles {
        render_articles(frame, app, &areas);
    } else {
        render_view(frame, app, &areas);
    }
    if let Some(r) = areas.filter {
        frame_filter(frame, app, r);
    }
    if let Some(r) = areas.warning {
        warning::render(frame, r, &warning, theme);
    }
    if let Some(r) = areas.status {
        let view = StatusView {
            context: screen.context(),
            keymap: screen.keymap(),
            config_note: screen.config_note(),
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
        help::render(frame, area, screen.help_scroll(), screen.keymap(), theme);
    }
}

/// The filter line of the view shown.
fn frame_filter(frame: &mut Frame<'_>, app: &App, r: ratatui::layout::Rect) {
    let (library, search, screen) = (app.library(), app.search(), app.screen());
    let book = app.book().book();
    let theme = screen.theme();
    let filter = screen.active_filter();
    let query = filter.query.as_str();
    let speaker = match screen.view {
        View::Quotes => screen.quotes_view.speaker.and_then(|s| {
            let name = &book?.speakers().get(s as usize)?.name;
            Some(format!("speaker: {}", sanitize::one_line(name)))
        }),
        _ => None,
    };
    let (found, total) = match screen.view {
        // While the search thread works on what was just typed, the count says so.
        View::Articles => (
            (search.results_for() == query && search.results_complete())
                .then(|| screen.list.matches.len()),
            library.articles().len(),
        ),
        View::Quotes => (
            screen
                .quotes_view
                .current()
                .then(|| screen.quotes_view.results.rows.len()),
            book.map_or(0, |b| b.rows().len()),
        ),
        View::Speakers => (
            screen
                .speakers
                .current()
                .then(|| screen.speakers.results.speakers.len()),
            book.map_or(0, |b| b.speakers().len()),
        ),
    };
    let view = FilterView {
        query,
        label: speaker.as_deref(),
        editing: filter.editing,
        cursor: filter.cursor(),
        capped: filter.capped,
        max: MAX_QUERY,
        found,
        total,
        theme,
    };
    filter::render(frame, r, &view);
}

/// Where the quotebook is.
fn book_state(app: &App) -> BookState {
    let (library, book) = (app.library(), app.book());
    if book.stopped() {
        BookState::Stopped
    } else if book.book().is_some() {
        BookState::Ready
    } else if let Some((n, of)) = library.loading_progress() {
        BookState::Loading(n, of)
    } else {
        BookState::Building
    }
}

/// The Quotes or Speakers view.
fn render_view(frame: &mut Frame<'_>, app: &App, areas: &Areas) {
    let (library, screen) = (app.library(), app.screen());
    let Some(r) = areas.view else {
        return;
    };
    let book = app.book().book().map(AsRef::as_ref);
    let name_of = |id: &ArticleId| {
        library
            .article_by_id(id.as_str())
            .map(|a| a.meta.title.clone())
    };
    match screen.view {
        View::Quotes => {
            let v = &screen.quotes_view;
            let view = QuoteListView {
                book,
                state: book_state(app),
                articles: library.articles(),
                quotes: library.quotes(),
                items: &v.items,
                scroll: v.scroll,
                expanded: &v.expanded,
                auto_open: &v.auto_open,
                named: v.results.named,
                filtered: v.filter_shown(),
                answered: v.answered,
                name_of: &name_of,
                theme: screen.theme(),
            };
            quote_list::render(frame, r, areas.detail, &view);
        }
        View::Speakers => {
            let v = &screen.speakers;
            let view = SpeakersView {
                book,
                state: book_state(app),
                speakers: &v.results.speakers,
                scroll: v.scroll,
                filtered: !v.filter.query.is_empty(),
                answered: v.answered,
                theme: screen.theme(),
            };
            speakers::render(frame, r, &view);
        }
        View::Articles => {}
    }
}

/// The Articles view: the list, the reading pane, the quote panel.
fn render_articles(frame: &mut Frame<'_>, app: &App, areas: &Areas) {
    let (library, screen) = (app.library(), app.screen());
    let theme = screen.theme();
    let (open, open_quotes) = app.open_article();
    if let Some(r) = areas.list {
        list::render(frame, r, &list_view(app));
    }
    if let Some(r) = areas.reader {
        let reader = &screen.reader;
        let open = reader.article.zip(open).map(|(i, article)| {
            let text = library.text_state(i);
            OpenArticle {
                article,
                wrapped: reader.wrapped(i, article, viewport(r).measure),
                quotes: open_quotes,
                waiting: text != TextState::Here,
                coming: text == TextState::Coming,
            }
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
            text_waiting: screen.reader.article.is_some_and(|i| library.is_waiting(i)),
            focused: screen.focus == Focus::Quotes,
            theme,
            name_of: &name_of,
            panel: screen.panel(),
        };
        quotes::render(frame, r, &view);
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
        order: app.order_label(),
        loading: library.loading_progress(),
        first_list_pending: app.first_list_pending(),
        busy: app.busy(),
        focused: screen.focus == Focus::List,
        theme: screen.theme(),
    }
}
