//! The keymap: the one table of (context, keys, action, help), in `keymap/table.rs`, is the
//! default of the runtime [`Keymap`], which a configuration file may change per (context, action)
//! ([`Keymap::with_changes`]). Key handling, the help overlay and the status bar hints are all
//! drawn from the effective keymap (the help ends with the quote panel's legend). The only module
//! that knows key codes (`keymap/key.rs`: writing and reading keys); the configuration file's
//! names of contexts and actions are in `keymap/names.rs`. The views' keys (`1` `2` `3`, `y`, the
//! back keys, `→` `←`) are keys no pane used before, so they work from every pane and view but the
//! filter line. Ctrl-c always quits.

use std::borrow::Cow;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::tui::action::Action;
use crate::tui::quote_text;

mod key;
mod names;
mod table;

pub use key::{CTRL_C, KEY_SYNTAX, Key};
use key::{alt, c, ctrl, k};
pub use names::{action_name, action_named};
pub use table::KEYMAP;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

    /// The actions a key can be bound to here: those of its rows in the built-in table (Ctrl-c's
    /// aside), each once, in the table's order.
    pub fn actions(self) -> Vec<Action> {
        let mut out: Vec<Action> = Vec::new();
        for row in KEYMAP.iter().filter(|b| b.context == self) {
            if action_name(row.action).is_some() && !out.contains(&row.action) {
                out.push(row.action);
            }
        }
        out
    }
}

/// One row of the keymap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The keys (any of them).
    pub keys: Cow<'static, [Key]>,
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
        keys: Cow::Borrowed(keys),
        action,
        help,
        hint,
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

/// The keys in effect: the built-in table ([`KEYMAP`]) with a configuration file's changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    rows: Vec<Binding>,
}

impl Default for Keymap {
    /// The built-in keys.
    fn default() -> Keymap {
        Keymap {
            rows: KEYMAP.to_vec(),
        }
    }
}

impl Keymap {
    /// The built-in keys changed by `changes`, each (context, action, keys): an action named
    /// gets exactly these keys in that context (an empty list unbinds it); a key named is taken
    /// from the other actions of that context. When an action has several rows (several help
    /// texts), each key stays on the row that had it and a new key goes to the first. Ctrl-c is
    /// never taken from quitting. The changes must not give one key to two actions of a context
    /// (the configuration file's check refuses that).
    pub fn with_changes(changes: &[(Context, Action, Vec<Key>)]) -> Keymap {
        let mut rows = KEYMAP.to_vec();
        let named = |ctx: Context, action: Action| {
            changes
                .iter()
                .find(|(c, a, _)| *c == ctx && *a == action)
                .map(|(_, _, keys)| keys)
        };
        // Rows of actions the file does not name lose the keys the file gives others.
        for row in &mut rows {
            if named(row.context, row.action).is_some() {
                continue;
            }
            let taken: Vec<&Key> = changes
                .iter()
                .filter(|(c, _, _)| *c == row.context)
                .flat_map(|(_, _, keys)| keys)
                .filter(|key| **key != CTRL_C)
                .collect();
            if row.keys.iter().any(|key| taken.contains(&key)) {
                row.keys = row
                    .keys
                    .iter()
                    .filter(|key| !taken.contains(key))
                    .copied()
                    .collect();
            }
        }
        // Rows of actions the file names get its keys.
        for (ctx, action, keys) in changes {
            let of_action: Vec<usize> = (0..rows.len())
                .filter(|&i| rows[i].context == *ctx && rows[i].action == *action)
                .collect();
            let Some(&first) = of_action.first() else {
                continue;
            };
            let mut given: Vec<Vec<Key>> = vec![Vec::new(); of_action.len()];
            for key in keys {
                let home = of_action
                    .iter()
                    .position(|&i| rows[i].keys.contains(key))
                    .unwrap_or(0);
                if !given.iter().flatten().any(|k| k == key) {
                    given[home].push(*key);
                }
            }
            for (&i, keys) in of_action.iter().zip(given) {
                if rows[i].keys.as_ref() != keys.as_slice() {
                    rows[i].keys = Cow::Owned(keys);
                }
            }
            // Rows left without a key go, but the first: the action keeps its place (and its
            // help, unshown without a key).
            let mut i = 0;
            rows.retain(|row| {
                let keep = i == first
                    || row.context != *ctx
                    || row.action != *action
                    || !row.keys.is_empty();
                i += 1;
                keep
            });
        }
        Keymap { rows }
    }

    /// Every row, in the table's order.
    pub fn rows(&self) -> &[Binding] {
        &self.rows
    }

    /// The keys of `action` in `context` (all its rows).
    pub fn keys_of(&self, context: Context, action: Action) -> Vec<Key> {
        self.rows
            .iter()
            .filter(|b| b.context == context && b.action == action)
            .flat_map(|b| b.keys.iter().copied())
            .collect()
    }

    /// The first key of `action` in `context`, as shown; `None` when it has no key there.
    pub fn first_label(&self, context: Context, action: Action) -> Option<String> {
        self.keys_of(context, action).first().map(Key::label)
    }

    /// Turns a key press into an action in the given context (`Filter` and `Help` shadow the
    /// rest; pane contexts fall back to `Views`, then `Global`). In the filter, other characters
    /// are typed. Ctrl-c quits everywhere.
    pub fn resolve(&self, ev: &KeyEvent, context: Context) -> Option<Action> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        if CTRL_C.matches(ev) {
            return Some(Action::ForceQuit);
        }
        let lookup = |ctx: Context| {
            self.rows
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

    /// Turns any terminal event into an action: keys through [`Keymap::resolve`], mouse wheel and
    /// left clicks, resizes.
    pub fn translate(&self, event: &Event, context: Context) -> Option<Action> {
        match event {
            Event::Key(ev) => self.resolve(ev, context),
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

    /// Help overlay rows: a context heading (`None` keys) followed by its bindings (those with a
    /// key), then the quote panel's legend ([`quote_text::legend`]) under [`LEGEND_TITLE`].
    pub fn help_rows(&self) -> Vec<(Option<String>, String)> {
        let mut rows = Vec::new();
        for ctx in Context::ALL {
            rows.push((None, ctx.title().to_owned()));
            for bnd in self.rows.iter().filter(|b| {
                b.context == ctx
                    && !b.keys.is_empty()
                    && (ctx == Context::Global || b.action != Action::ForceQuit)
            }) {
                rows.push((Some(keys_label(bnd)), bnd.help.to_owned()));
            }
            if ctx == Context::Filter {
                rows.push((
                    Some("any character".to_owned()),
                    "edit the query".to_owned(),
                ));
            }
            if ctx == Context::Views {
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

    /// Status bar hints for a context: the pane's own, then the global ones, as (first key,
    /// hint).
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        let shown = |b: &&Binding| !b.hint.is_empty() && !b.keys.is_empty();
        let own = self
            .rows
            .iter()
            .filter(|b| b.context == context)
            .filter(shown);
        let view = matches!(context, Context::QuotesView | Context::SpeakersView);
        let pane = view || matches!(context, Context::List | Context::Reader | Context::Quotes);
        let global = self.rows.iter().filter(shown).filter(|b| {
            pane && b.context == Context::Global
            // The reader's and panes' keys mean nothing in the Quotes and Speakers views.
            && (!view || matches!(b.action, Action::Help | Action::Quit | Action::FilterOpen))
        });
        let views: Vec<&Binding> = self
            .rows
            .iter()
            .filter(shown)
            .filter(|b| pane && b.context == Context::Views)
            .collect();
        // Help and quit come first among the global hints: on a narrow bar they are what must
        // show.
        let (first, rest): (Vec<&Binding>, Vec<&Binding>) =
            global.partition(|b| matches!(b.action, Action::Help | Action::Quit));
        // In the Articles view the views' keys come last (its panes' keys first); in the Quotes
        // and Speakers views right after help and quit.
        let (early, late) = if view {
            (views, Vec::new())
        } else {
            (Vec::new(), views)
        };
        own.chain(first)
            .chain(early)
            .chain(rest)
            .chain(late)
            .map(|bnd| (self.hint_label(bnd), bnd.hint))
            .collect()
    }

    /// The keys a hint shows: movement as a pair (`j/k`), the views as a range (`1/2/3`), else
    /// the first key.
    fn hint_label(&self, bnd: &Binding) -> String {
        let first = |action| self.first_label(bnd.context, action);
        let joined = |labels: Vec<Option<String>>| {
            labels.into_iter().flatten().collect::<Vec<_>>().join("/")
        };
        match bnd.action {
            Action::Down => joined(vec![first(Action::Down), first(Action::Up)]),
            Action::ShowView(_) => joined(
                crate::tui::layout::View::ALL
                    .iter()
                    .map(|v| first(Action::ShowView(*v)))
                    .collect(),
            ),
            _ => bnd.keys.first().map(Key::label).unwrap_or_default(),
        }
    }
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

#[cfg(test)]
mod tests;
