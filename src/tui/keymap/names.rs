//! The stable names the configuration file gives contexts and actions (`[keys.quotes_view]`,
//! `down = ["j", "Down"]`): snake_case, one per action, never renamed (a user's file names them).

use super::Context;
use crate::tui::action::{Action, Edit};
use crate::tui::layout::View;

impl Context {
    /// The context's name in the configuration file (`[keys.quotes_view]`).
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Reader => "reader",
            Context::Quotes => "quotes",
            Context::Filter => "filter",
            Context::Help => "help",
            Context::Views => "views",
            Context::QuotesView => "quotes_view",
            Context::SpeakersView => "speakers_view",
        }
    }

    /// The context a configuration file names.
    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// Every action a key can be bound to, with its name. Ctrl-c's `ForceQuit` is not among them: it
/// cannot be unbound.
const NAMES: &[(Action, &str)] = &[
    (Action::Quit, "quit"),
    (Action::FocusNext, "focus_next"),
    (Action::FocusPrev, "focus_prev"),
    (Action::Up, "up"),
    (Action::Down, "down"),
    (Action::Top, "top"),
    (Action::Bottom, "bottom"),
    (Action::PageDown, "page_down"),
    (Action::PageUp, "page_up"),
    (Action::HalfDown, "half_page_down"),
    (Action::HalfUp, "half_page_up"),
    (Action::Open, "open"),
    (Action::ShowView(View::Articles), "articles_view"),
    (Action::ShowView(View::Quotes), "quotes_view"),
    (Action::ShowView(View::Speakers), "speakers_view"),
    (Action::GoBack, "go_back"),
    (Action::Copy, "copy"),
    (Action::Expand, "expand"),
    (Action::Collapse, "collapse"),
    (Action::ToggleExpand, "toggle_outlets"),
    (Action::FilterOpen, "filter"),
    (Action::FilterBackspace, "delete_before"),
    (Action::FilterEdit(Edit::Delete), "delete_under"),
    (Action::FilterEdit(Edit::Left), "cursor_left"),
    (Action::FilterEdit(Edit::Right), "cursor_right"),
    (Action::FilterEdit(Edit::Home), "cursor_start"),
    (Action::FilterEdit(Edit::End), "cursor_end"),
    (Action::FilterEdit(Edit::DeleteToStart), "delete_to_start"),
    (Action::FilterEdit(Edit::DeleteWord), "delete_word"),
    (Action::FilterEdit(Edit::DeleteAlnum), "delete_letters"),
    (Action::FilterEdit(Edit::Older), "older_filter"),
    (Action::FilterEdit(Edit::Newer), "newer_filter"),
    (Action::FilterAccept, "accept"),
    (Action::FilterCancel, "cancel"),
    (Action::NextHit, "next_hit"),
    (Action::PrevHit, "prev_hit"),
    (Action::ToggleRead, "toggle_read"),
    (Action::MarkAllRead, "mark_all_read"),
    (Action::UndoMarks, "undo_marks"),
    (Action::ToggleUnread, "toggle_unread"),
    (Action::CycleSort, "cycle_sort"),
    (Action::NextArticle, "next_article"),
    (Action::PrevArticle, "prev_article"),
    (Action::OpenUrl, "open_url"),
    (Action::Help, "help"),
    (Action::Back, "back"),
];

/// The configuration file's name of `action`; `None` for what no key can be bound to.
pub fn action_name(action: Action) -> Option<&'static str> {
    NAMES.iter().find(|(a, _)| *a == action).map(|(_, n)| *n)
}

/// The action a configuration file names (whatever the context).
pub fn action_named(name: &str) -> Option<Action> {
    NAMES.iter().find(|(_, n)| *n == name).map(|(a, _)| *a)
}
