//! The configuration file (`config.toml`): where it is (`config/paths.rs`), what serde reads
//! (`config/model.rs`), the checks serde cannot make and the [`Settings`] they give (here), what
//! is wrong with a file and how that is said (`config/problem.rs`), and the commented default file
//! (`config/default_file.rs`). Every setting is optional; a missing default file is the defaults.
//! A bad file never stops the reader: [`load`] gives the defaults and the error, which the status
//! bar and standard error show.

mod default_file;
mod model;
pub mod paths;
mod problem;

use std::collections::HashMap;
use std::path::PathBuf;

use crate::corpus::state::Sort;
use crate::tui::action::Action;
use crate::tui::keymap::{CTRL_C, Context, Key, Keymap, action_name, action_named};
use crate::tui::layout::{Panes, SINGLE_PANE};
use crate::tui::theme::{BaseTheme, ColorDepth, DepthSetting, RoleColors, Theme};

pub use default_file::default_file;
use model::FileModel;
pub use paths::{CONFIG_ENV, Location, NamedBy, locate};
pub use problem::{ConfigError, ErrorKind, Problem};

/// The quote panel's share of the width, in percent, that `quote_panel_percent` may ask for.
pub const QUOTE_PANEL_PERCENT: (u16, u16) = (20, 60);

/// What a configuration file sets, defaults for the rest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// The keys in effect.
    pub keymap: Keymap,
    /// The article list's order when the saved state has none.
    pub sort: Option<Sort>,
    /// Capture the mouse (`None`: yes); `--no-mouse` wins.
    pub mouse: Option<bool>,
    /// The copy command for `y`; `AES_READER_COPY_COMMAND` wins.
    pub copy_command: Option<String>,
    /// Layout preferences.
    pub panes: Panes,
    /// The built-in theme the colours start from.
    pub theme: BaseTheme,
    /// The colour depth asked for (`auto`: the terminal's).
    pub color: DepthSetting,
    /// The user's colours by role.
    pub colors: RoleColors,
}

impl Settings {
    /// The styles these settings give: `NO_COLOR` (set and not empty) always wins, as
    /// <https://no-color.org> asks; else the depth of `color`.
    pub fn theme(&self) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let depth = if no_color {
            ColorDepth::None
        } else {
            self.color.resolve()
        };
        Theme::build(self.theme, &self.colors, depth)
    }
}

/// Reads the settings of a configuration file's `text`, or every problem in it (in the file's
/// order).
pub fn parse(text: &str) -> Result<Settings, Vec<Problem>> {
    let file: FileModel = toml::from_str(text).map_err(|e| vec![Problem::from_toml(&e)])?;
    let mut problems = Vec::new();
    let mut changes = Vec::new();
    if let Some(keys) = &file.keys {
        for (ctx, bindings) in keys.by_context() {
            check_context(text, ctx, bindings, &mut changes, &mut problems);
        }
    }
    let mut panes = Panes::default();
    if let Some(layout) = &file.layout {
        if let Some(from) = &layout.side_by_side_from {
            if *from.get_ref() < SINGLE_PANE.0 {
                problems.push(Problem::at(
                    from.span(),
                    format!(
                        "side_by_side_from is a width in columns, at least {} (below it one pane \
                         shows at a time)",
                        SINGLE_PANE.0
                    ),
                ));
            }
            panes.side_by_side = *from.get_ref();
        }
        if let Some(percent) = &layout.quote_panel_percent {
            let (lo, hi) = QUOTE_PANEL_PERCENT;
            if !(lo..=hi).contains(percent.get_ref()) {
                problems.push(Problem::at(
                    percent.span(),
                    format!("quote_panel_percent is a share of the width from {lo} to {hi}"),
                ));
            }
            panes.quotes_percent = *percent.get_ref();
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.span.as_ref().map(|s| s.start));
        return Err(problems);
    }
    Ok(Settings {
        keymap: Keymap::with_changes(&changes),
        sort: file.sort.map(Sort::from),
        mouse: file.mouse,
        copy_command: file.copy_command,
        panes,
        theme: file.theme.unwrap_or_default(),
        color: file.color.unwrap_or_default(),
        colors: file.colors.unwrap_or_default(),
    })
}

/// The names of `ctx`'s actions, for messages.
fn action_list(ctx: Context) -> String {
    ctx.actions()
        .into_iter()
        .filter_map(action_name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks one `[keys.<context>]` table: known actions, known keys (serde read them), Ctrl-c left
/// to quitting, no key on two actions. Adds its changes to `changes`.
fn check_context(
    text: &str,
    ctx: Context,
    bindings: &model::Bindings,
    changes: &mut Vec<(Context, Action, Vec<Key>)>,
    problems: &mut Vec<Problem>,
) {
    let actions = ctx.actions();
    // Each key's first action, and where.
    let mut bound: HashMap<Key, (&str, usize)> = HashMap::new();
    let mut entries: Vec<_> = bindings.iter().collect();
    entries.sort_by_key(|(name, _)| name.span().start);
    for (name, keys) in entries {
        let table = format!("[keys.{}]", ctx.name());
        let action = action_named(name.get_ref()).filter(|a| actions.contains(a));
        let Some(action) = action else {
            let message = if name.get_ref() == "force_quit" {
                "force_quit cannot be bound: Ctrl-c always quits".to_owned()
            } else {
                let elsewhere: Vec<String> = action_named(name.get_ref())
                    .map(|a| {
                        Context::ALL
                            .into_iter()
                            .filter(|c| c.actions().contains(&a))
                            .map(|c| format!("[keys.{}]", c.name()))
                            .collect()
                    })
                    .unwrap_or_default();
                let hint = if elsewhere.is_empty() {
                    String::new()
                } else {
                    format!(" (`{}` is in {})", name.get_ref(), elsewhere.join(", "))
                };
                format!(
                    "unknown action `{}` in {table}{hint}; its actions are: {}",
                    name.get_ref(),
                    action_list(ctx)
                )
            };
            problems.push(Problem::at(name.span(), message));
            continue;
        };
        let mut list: Vec<Key> = Vec::new();
        for key in keys {
            let k: Key = match key.get_ref().parse() {
                Ok(k) => k,
                Err(e) => {
                    problems.push(Problem::at(key.span(), e.to_string()));
                    continue;
                }
            };
            if k == CTRL_C {
                problems.push(Problem::at(
                    key.span(),
                    format!(
                        "Ctrl-c cannot be bound to `{}`: it always quits",
                        name.get_ref()
                    ),
                ));
                continue;
            }
            match bound.get(&k) {
                Some((other, at)) if *other != name.get_ref().as_str() => {
                    problems.push(Problem::at(
                        key.span(),
                        format!(
                            "`{}` is bound to two actions in {table}: `{other}` (line {}) and \
                             `{}`; give each key one action",
                            k.name(),
                            text[..*at].matches('\n').count() + 1,
                            name.get_ref()
                        ),
                    ));
                }
                Some(_) => {}
                None => {
                    bound.insert(k, (name.get_ref().as_str(), key.span().start));
                    list.push(k);
                }
            }
        }
        changes.push((ctx, action, list));
    }
}

/// The settings in use and what went wrong on the way.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The settings: the file's, or the defaults when there is no file or it is bad.
    pub settings: Settings,
    /// The file read (or that would have been), if any.
    pub location: Option<Location>,
    /// Why the file could not be used (the defaults are in use).
    pub error: Option<ConfigError>,
}

/// Reads the configuration file at `location`: `Ok(None)` when it is the default one and does
/// not exist.
pub fn read(location: &Location) -> Result<Option<Settings>, ConfigError> {
    let path = &location.path;
    let unreadable = |why: String| ConfigError {
        path: path.clone(),
        kind: ErrorKind::Unreadable(format!("({}) {why}", location.named_by.describe())),
    };
    let text = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map_err(|_| unreadable("it is not UTF-8 text: save it as UTF-8".to_owned()))?,
        Err(e)
            if e.kind() == std::io::ErrorKind::NotFound
                && location.named_by == NamedBy::Default =>
        {
            return Ok(None);
        }
        Err(e) => {
            return Err(unreadable(format!(
                "cannot read it: {e}; `aes-reader config default > {}` writes one with every \
                 setting",
                path.display()
            )));
        }
    };
    parse(&text).map(Some).map_err(|problems| ConfigError {
        path: path.clone(),
        kind: ErrorKind::Invalid { text, problems },
    })
}

/// The settings of the configuration file `flag` names, else the one [`locate`] finds; the
/// defaults (and the error) when it cannot be used.
pub fn load(flag: Option<PathBuf>) -> Loaded {
    let Some(location) = locate(flag) else {
        return Loaded::default();
    };
    match read(&location) {
        Ok(settings) => Loaded {
            settings: settings.unwrap_or_default(),
            location: Some(location),
            error: None,
        },
        Err(e) => Loaded {
            settings: Settings::default(),
            location: Some(location),
            error: Some(e),
        },
    }
}

#[cfg(test)]
mod tests;
