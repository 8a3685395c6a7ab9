//! What the user can ask for: one variant per intent. Keys and mouse events become actions in
//! `keymap.rs`; `App::update` applies them.

use crate::tui::layout::View;

/// An edit of the filter line other than typing and Backspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Cursor one character left.
    Left,
    /// Cursor one character right.
    Right,
    /// Cursor to the start.
    Home,
    /// Cursor to the end.
    End,
    /// Delete from the start to the cursor (`Ctrl-u`).
    DeleteToStart,
    /// Delete the word before the cursor, up to a space (`Ctrl-w`).
    DeleteWord,
    /// Delete the letters and digits before the cursor, and what separates them from it
    /// (`Alt-Backspace`).
    DeleteAlnum,
    /// Delete the character under the cursor (`Delete`).
    Delete,
    /// The previous (older) past filter (`↑`).
    Older,
    /// The next (newer) past filter, then what was being typed (`↓`).
    Newer,
}

/// One user intent (or a terminal event the state must follow).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Quit, saving the state (`q`).
    Quit,
    /// Quit at once, from anywhere (`Ctrl-c`).
    ForceQuit,
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Move up one row (list, quotes) or scroll up one line (reader, help).
    Up,
    /// Move down one row or scroll down one line.
    Down,
    /// Go to the first row / the top.
    Top,
    /// Go to the last row / the end.
    Bottom,
    /// Scroll the reader one page down.
    PageDown,
    /// Scroll the reader one page up.
    PageUp,
    /// Scroll the reader half a page down.
    HalfDown,
    /// Scroll the reader half a page up.
    HalfUp,
    /// Open the selected article (list), jump to the selected quote or follow its "also in"
    /// article (quote panel), open a quote's article (Quotes view) or a speaker's quotes (Speakers
    /// view).
    Open,
    /// Show a view (`1`, `2`, `3`).
    ShowView(View),
    /// Go back to where the user was before (`Backspace`, `Alt-←`).
    GoBack,
    /// Copy the selected quote's citation, or the article's reference (`y`).
    Copy,
    /// Open what the selection holds: a quote's printings (Quotes view), the quote panel's
    /// "also in" list (`→`).
    Expand,
    /// Close it again, or go up to what holds the selection (`←`).
    Collapse,
    /// Open or close a quote's printings (`Space` in the Quotes view).
    ToggleExpand,
    /// Open the filter line.
    FilterOpen,
    /// Type a character into the filter.
    FilterInput(char),
    /// Delete the character before the filter's cursor.
    FilterBackspace,
    /// Move the filter's cursor, delete around it, or walk the past filters.
    FilterEdit(Edit),
    /// Keep the filter and return to the list.
    FilterAccept,
    /// Clear the filter and close the line.
    FilterCancel,
    /// Next search hit inside the article.
    NextHit,
    /// Previous search hit inside the article.
    PrevHit,
    /// Toggle the current article's read mark.
    ToggleRead,
    /// Mark every article listed read (`M`).
    MarkAllRead,
    /// Undo the last marking (`u`): the read marks as they were before it.
    UndoMarks,
    /// Show only the unread articles, or all again (`U`).
    ToggleUnread,
    /// The next order of the article list (`s`).
    CycleSort,
    /// Open the next article of the list, as Enter does (`J`).
    NextArticle,
    /// Open the previous article of the list (`K`).
    PrevArticle,
    /// Open the article's URL in the browser (`o`).
    OpenUrl,
    /// Open or close the help overlay.
    Help,
    /// Close an overlay, else clear the filter, else dismiss a warning.
    Back,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// Mouse wheel at a cell: scroll what is under the pointer.
    Scroll {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
        /// Down (true) or up.
        down: bool,
    },
    /// Left click at a cell: focus and select what is under the pointer.
    Click {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
    },
}
