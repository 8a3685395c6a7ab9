//! The keymap: the one table of (context, keys, action, help), in `keymap/table.rs`. Key handling,
//! the help overlay and the status bar hints are all drawn from it (the help ends with the quote
//! panel's legend). The only module that knows key codes. The views' keys (`1` `2` `3`, `y`, the
//! back keys, `→` `←`) are keys no pane used before, so they work from every pane and view but the
//! filter line.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::tui::action::Action;
use crate::tui::quote_text;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere but the filter line and help.
    Global,
    /// The article list has focus.
    List,
    /// The reading pane has focus.
    Reader,
    /// The quote panel has focus.
    Quotes,
    /// The filter line is open.
    Filter,
    /// The help overlay is open.
    Help,
    /// Every pane and view but the filter line and help, before `Global`: switching views, going
    /// back, copying, opening and closing.
    Views,
    /// The Quotes view is shown.
    QuotesView,
    /// The Speakers view is shown.
    SpeakersView,
}

impl Context {
    /// Every context, in the help overlay's order.
    pub const ALL: [Context; 9] = [
        Context::Global,
        Context::List,
        Context::Reader,
        Context::Quotes,
        Context::Filter,
        Context::Views,
        Context::QuotesView,
        Context::SpeakersView,
        Context::Help,
    ];

    /// Heading in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::List => "Article list",
            Context::Reader => "Reading pane",
            Context::Quotes => "Quote panel",
            Context::Filter => "Filter line",
            Context::Help => "Help",
            Context::Views => "Views, going back, copying (any pane or view)",
            Context::QuotesView => "Quotes view (2): every quote of the corpus",
            Context::SpeakersView => "Speakers view (3): everyone quoted",
        }
    }
}

/// One key: a code and the modifiers that must be held (Shift is implied by upper-case letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    code: KeyCode,
    mods: KeyModifiers,
}

const fn k(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn c(ch: char) -> Key {
    k(KeyCode::Char(ch))
}

const fn ctrl(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        mods: KeyModifiers::CONTROL,
    }
}

const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::ALT,
    }
}

impl Key {
    /// How the key is written in help and hints (`j`, `↓`, `Ctrl-d`, `PgDn`).
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(ch) => ch.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("Alt-{base}")
        } else {
            base
        }
    }

    fn matches(&self, ev: &KeyEvent) -> bool {
        let mut mods = ev.modifiers;
        // Terminals report `G` as Shift+G and `?` sometimes with Shift: the character says it all.
        if matches!(ev.code, KeyCode::Char(_)) {
            mods.remove(KeyModifiers::SHIFT);
        }
        // BackTab arrives with Shift held.
        if ev.code == KeyCode::BackTab {
            mods.remove(KeyModifiers::SHIFT);
        }
        let code = match ev.code {
            KeyCode::Char(ch) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(ch.to_ascii_lowercase())
            }
            other => other,
        };
        code == self.code && mods == self.mods
    }
}

/// One row of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The keys (any of them).
    pub keys: &'static [Key],
    /// What they do.
    pub action: Action,
    /// Help text.
    pub help: &'static str,
    /// Short text for the status bar hints; empty to leave it out.
    pub hint: &'static str,
}

const fn b(
    context: Context,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        help,
        hint,
    }
}

use Context::{Filter, Global, Views};

mod table;
pub use table::KEYMAP;

/// Turns a key press into an action in the given context (`Filter` and `Help` shadow the rest;
/// pane contexts fall back to `Global`). In the filter, other characters are typed.
pub fn resolve(ev: &KeyEvent, context: Context) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    let lookup = |ctx: Context| {
        KEYMAP
            .iter()
            .filter(|b| b.context == ctx)
            .find(|b| b.keys.iter().any(|key| key.matches(ev)))
            .map(|b| b.action)
    };
    match context {
        Context::Filter => lookup(Context::Filter).or(match ev.code {
            KeyCode::Char(ch)
                if !ev
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(Action::FilterInput(ch))
            }
            _ => None,
        }),
        Context::Help => lookup(Context::Help),
        pane => lookup(pane)
            .or_else(|| lookup(Context::Views))
            .or_else(|| lookup(Context::Global)),
    }
}

/// Turns any terminal event into an action: keys through [`resolve`], mouse wheel and left clicks,
/// resizes.
pub fn translate(event: &Event, context: Context) -> Option<Action> {
    match event {
        Event::Key(ev) => resolve(ev, context),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Mouse(MouseEvent {
            kind, column, row, ..
        }) => match kind {
            MouseEventKind::ScrollDown => Some(Action::Scroll {
                x: *column,
                y: *row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Action::Scroll {
                x: *column,
                y: *row,
                down: false,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                x: *column,
                y: *row,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// The keys of a binding, as shown (`j ↓`).
pub fn keys_label(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(Key::label)
        .collect::<Vec<_>>()
        .join(" ")
}

/// How to make `y` reach the clipboard, as (when, what to do) rows of the help.
pub const COPY_NOTES: &[(&str, &str)] = &[
    (
        "y in tmux",
        "needs `set -g set-clipboard on` in ~/.tmux.conf",
    ),
    ("y elsewhere", "OSC 52; or AES_READER_COPY_COMMAND=wl-copy"),
];

/// Heading of the help's last section: what the quote panel's kinds and marks mean.
pub const LEGEND_TITLE: &str = "Quote kinds and confidence marks";

/// Help overlay rows: a context heading (`None` keys) followed by its bindings, then the quote
/// panel's legend ([`quote_text::legend`]) under [`LEGEND_TITLE`].
pub fn help_rows() -> Vec<(Option<String>, String)> {
    let mut rows = Vec::new();
    for ctx in Context::ALL {
        rows.push((None, ctx.title().to_owned()));
        for bnd in KEYMAP
            .iter()
            .filter(|b| b.context == ctx && (ctx == Global || b.action != Action::ForceQuit))
        {
            rows.push((Some(keys_label(bnd)), bnd.help.to_owned()));
        }
        if ctx == Filter {
            rows.push((
                Some("any character".to_owned()),
                "edit the query".to_owned(),
            ));
        }
        if ctx == Views {
            // What `y` needs to reach the clipboard.
            for (when, how) in COPY_NOTES {
                rows.push((Some((*when).to_owned()), (*how).to_owned()));
            }
        }
    }
    rows.push((None, LEGEND_TITLE.to_owned()));
    for (mark, meaning) in quote_text::legend() {
        rows.push((Some(mark), meaning.to_owned()));
    }
    rows
}

/// Status bar hints for a context: the pane's own, then the global ones, as (first key, hint).
pub fn hints(context: Context) -> Vec<(String, &'static str)> {
    let own = KEYMAP
        .iter()
        .filter(|b| b.context == context && !b.hint.is_empty());
    let view = matches!(context, Context::QuotesView | Context::SpeakersView);
    let pane = view || matches!(context, Context::List | Context::Reader | Context::Quotes);
    let global = KEYMAP.iter().filter(|b| {
        pane && b.context == Context::Global
            && !b.hint.is_empty()
            // The reader's and panes' keys mean nothing in the Quotes and Speakers views.
            && (!view || matches!(b.action, Action::Help | Action::Quit | Action::FilterOpen))
    });
    let views: Vec<&Binding> = KEYMAP
        .iter()
        .filter(|b| pane && b.context == Context::Views && !b.hint.is_empty())
        .collect();
    // Help and quit come first among the global hints: on a narrow bar they are what must show.
    let (first, rest): (Vec<&Binding>, Vec<&Binding>) =
        global.partition(|b| matches!(b.action, Action::Help | Action::Quit));
    // In the Articles view the views' keys come last (its panes' keys first); in the Quotes and
    // Speakers views right after help and quit.
    let (early, late) = if view {
        (views, Vec::new())
    } else {
        (Vec::new(), views)
    };
    own.chain(first)
        .chain(early)
        .chain(rest)
        .chain(late)
        .map(|bnd| {
            // Movement hints read better as a pair (`j/k`), views as a range.
            let label = match bnd.action {
                Action::Down => "j/k".to_owned(),
                Action::ShowView(_) => "1/2/3".to_owned(),
                _ => bnd.keys.first().map(Key::label).unwrap_or_default(),
            };
            (label, bnd.hint)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::layout::View;
    use Context::{List, Quotes, QuotesView, Reader, SpeakersView};
    use unicode_width::UnicodeWidthStr;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn vim_and_arrow_keys_do_the_same_thing() {
        for ctx in [List, Reader, Quotes] {
            assert_eq!(
                resolve(&key(KeyCode::Char('j'), KeyModifiers::NONE), ctx),
                resolve(&key(KeyCode::Down, KeyModifiers::NONE), ctx)
            );
            assert_eq!(
                resolve(&key(KeyCode::Char('G'), KeyModifiers::SHIFT), ctx),
                Some(Action::Bottom)
            );
        }
    }

    #[test]
    fn ctrl_c_quits_in_every_context() {
        for ctx in Context::ALL {
            assert_eq!(
                resolve(&key(KeyCode::Char('c'), KeyModifiers::CONTROL), ctx),
                Some(Action::ForceQuit),
                "{ctx:?}"
            );
        }
    }

    #[test]
    fn the_filter_types_letters_that_are_commands_elsewhere() {
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(resolve(&q, Filter), Some(Action::FilterInput('q')));
        assert_eq!(resolve(&q, List), Some(Action::Quit));
        assert_eq!(
            resolve(&key(KeyCode::Char('É'), KeyModifiers::SHIFT), Filter),
            Some(Action::FilterInput('É'))
        );
    }

    #[test]
    fn ctrl_d_scrolls_and_plain_d_does_nothing() {
        assert_eq!(
            resolve(&key(KeyCode::Char('d'), KeyModifiers::CONTROL), List),
            Some(Action::HalfDown)
        );
        assert_eq!(
            resolve(&key(KeyCode::Char('d'), KeyModifiers::NONE), List),
            None
        );
    }

    #[test]
    fn shift_tab_cycles_back() {
        assert_eq!(
            resolve(&key(KeyCode::BackTab, KeyModifiers::SHIFT), Reader),
            Some(Action::FocusPrev)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in KEYMAP.iter().enumerate() {
            for b in &KEYMAP[i + 1..] {
                if a.context == b.context {
                    for key in a.keys {
                        assert!(
                            !b.keys.contains(key),
                            "{:?} bound twice in {:?}",
                            key,
                            a.context
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn help_lists_every_binding_with_readable_keys() {
        let rows = help_rows();
        let text: Vec<String> = rows.iter().filter_map(|(k, _)| k.clone()).collect();
        assert!(text.contains(&"j ↓".to_owned()));
        assert!(text.contains(&"Ctrl-d".to_owned()));
        assert!(text.contains(&"PgDn Space".to_owned()));
        assert!(text.contains(&"Shift-Tab".to_owned()));
    }

    #[test]
    fn help_explains_every_quote_kind_and_confidence_mark() {
        let rows = help_rows();
        let legend = rows
            .iter()
            .position(|(k, h)| k.is_none() && h == LEGEND_TITLE)
            .expect("a legend section");
        let marks: Vec<&str> = rows[legend + 1..]
            .iter()
            .filter_map(|(k, _)| k.as_deref())
            .collect();
        for mark in [
            "direct",
            "partial",
            "unmarked",
            "interview",
            "●●● high",
            "●●○ medium",
            "●○○ low",
            "why:",
        ] {
            assert!(marks.contains(&mark), "{mark} missing from {marks:?}");
        }
        // Every meaning fits the help overlay (70 columns at most: borders, the key column and
        // its margins, as `view::render_help` lays it out) without being cut.
        let key_w = rows
            .iter()
            .filter_map(|(k, _)| k.as_deref().map(UnicodeWidthStr::width))
            .max()
            .unwrap();
        for (_, meaning) in &rows[legend + 1..] {
            assert!(meaning.width() <= 70 - 2 - key_w - 4, "{meaning}");
        }
    }

    #[test]
    fn the_view_keys_work_from_every_pane_and_view_but_the_filter_line() {
        let press = |code| key(code, KeyModifiers::NONE);
        for ctx in [List, Reader, Quotes, QuotesView, SpeakersView] {
            assert_eq!(
                resolve(&press(KeyCode::Char('2')), ctx),
                Some(Action::ShowView(View::Quotes)),
                "{ctx:?}"
            );
            assert_eq!(
                resolve(&press(KeyCode::Char('3')), ctx),
                Some(Action::ShowView(View::Speakers))
            );
            assert_eq!(resolve(&press(KeyCode::Char('y')), ctx), Some(Action::Copy));
            assert_eq!(
                resolve(&press(KeyCode::Backspace), ctx),
                Some(Action::GoBack)
            );
            assert_eq!(
                resolve(&key(KeyCode::Left, KeyModifiers::ALT), ctx),
                Some(Action::GoBack)
            );
            assert_eq!(resolve(&press(KeyCode::Right), ctx), Some(Action::Expand));
        }
        // In the filter line they are text, and Backspace deletes.
        assert_eq!(
            resolve(&press(KeyCode::Char('2')), Filter),
            Some(Action::FilterInput('2'))
        );
        assert_eq!(
            resolve(&press(KeyCode::Backspace), Filter),
            Some(Action::FilterBackspace)
        );
    }

    #[test]
    fn space_opens_printings_in_the_quotes_view_and_pages_the_reader_elsewhere() {
        let space = key(KeyCode::Char(' '), KeyModifiers::NONE);
        assert_eq!(resolve(&space, QuotesView), Some(Action::ToggleExpand));
        for ctx in [List, Reader, Quotes] {
            assert_eq!(resolve(&space, ctx), Some(Action::PageDown));
        }
    }

    #[test]
    fn the_help_lists_the_views_keys_in_the_same_key_column() {
        let rows = help_rows();
        let keys: Vec<&str> = rows.iter().filter_map(|(k, _)| k.as_deref()).collect();
        for k in ["1", "2", "3", "y", "Backspace", "Alt-←", "→", "←", "Space"] {
            assert!(keys.contains(&k), "{k} missing from {keys:?}");
        }
        let headings: Vec<&str> = rows
            .iter()
            .filter(|(k, _)| k.is_none())
            .map(|(_, h)| h.as_str())
            .collect();
        assert!(headings.iter().any(|h| h.starts_with("Quotes view")));
        assert!(headings.iter().any(|h| h.starts_with("Speakers view")));
        // The widest key is still "any character": the help's key column did not move.
        let widest = keys.iter().map(|k| k.width()).max().unwrap();
        assert_eq!(widest, "any character".width());
    }

    #[test]
    fn every_help_row_fits_the_overlay() {
        let rows = help_rows();
        let key_w = rows
            .iter()
            .filter_map(|(k, _)| k.as_deref().map(UnicodeWidthStr::width))
            .max()
            .unwrap();
        for (k, text) in &rows {
            let room = if k.is_some() {
                70 - 2 - key_w - 4
            } else {
                70 - 2
            };
            assert!(text.width() <= room, "{text}");
        }
    }

    #[test]
    fn the_quotes_view_hints_name_its_own_keys_first() {
        let hints = hints(QuotesView);
        let first: Vec<(&str, &str)> = hints
            .iter()
            .take(3)
            .map(|(k, h)| (k.as_str(), *h))
            .collect();
        assert_eq!(
            first,
            [("j/k", "move"), ("Enter", "open"), ("Space", "outlets")]
        );
        assert!(hints.iter().any(|(k, h)| k == "1/2/3" && *h == "views"));
        // The reader's keys mean nothing there.
        assert!(!hints.iter().any(|(_, h)| *h == "read" || *h == "pane"));
    }

    #[test]
    fn the_filter_line_edits_with_the_usual_line_editing_keys() {
        use crate::tui::action::Edit;
        let cases = [
            (key(KeyCode::Left, KeyModifiers::NONE), Edit::Left),
            (key(KeyCode::Right, KeyModifiers::NONE), Edit::Right),
            (key(KeyCode::Home, KeyModifiers::NONE), Edit::Home),
            (key(KeyCode::Char('a'), KeyModifiers::CONTROL), Edit::Home),
            (key(KeyCode::End, KeyModifiers::NONE), Edit::End),
            (key(KeyCode::Char('e'), KeyModifiers::CONTROL), Edit::End),
            (
                key(KeyCode::Char('u'), KeyModifiers::CONTROL),
                Edit::DeleteToStart,
            ),
            (
                key(KeyCode::Char('w'), KeyModifiers::CONTROL),
                Edit::DeleteWord,
            ),
            (
                key(KeyCode::Backspace, KeyModifiers::ALT),
                Edit::DeleteAlnum,
            ),
            (key(KeyCode::Delete, KeyModifiers::NONE), Edit::Delete),
            (key(KeyCode::Up, KeyModifiers::NONE), Edit::Older),
            (key(KeyCode::Down, KeyModifiers::NONE), Edit::Newer),
        ];
        for (ev, edit) in cases {
            assert_eq!(
                resolve(&ev, Filter),
                Some(Action::FilterEdit(edit)),
                "{ev:?}"
            );
        }
        // Elsewhere Ctrl-u still scrolls the reader.
        assert_eq!(
            resolve(&key(KeyCode::Char('u'), KeyModifiers::CONTROL), List),
            Some(Action::HalfUp)
        );
    }

    #[test]
    fn the_list_keys_work_from_every_pane_and_view_but_are_text_in_the_filter() {
        let cases = [
            ('s', Action::CycleSort),
            ('U', Action::ToggleUnread),
            ('M', Action::MarkAllRead),
            ('u', Action::UndoMarks),
            ('J', Action::NextArticle),
            ('K', Action::PrevArticle),
            ('o', Action::OpenUrl),
        ];
        for (ch, action) in cases {
            let ev = key(KeyCode::Char(ch), KeyModifiers::NONE);
            for ctx in [List, Reader, Quotes, QuotesView, SpeakersView] {
                assert_eq!(resolve(&ev, ctx), Some(action), "{ch} in {ctx:?}");
            }
            assert_eq!(resolve(&ev, Filter), Some(Action::FilterInput(ch)));
        }
    }

    #[test]
    fn key_releases_are_ignored() {
        let mut ev = key(KeyCode::Char('q'), KeyModifiers::NONE);
        ev.kind = KeyEventKind::Release;
        assert_eq!(resolve(&ev, List), None);
    }
}
