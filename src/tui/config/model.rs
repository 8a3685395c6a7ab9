//! The configuration file as serde reads it: every setting optional, every table closed
//! (`deny_unknown_fields`, so a misspelt setting or context is an error naming what is allowed),
//! positions kept (`toml::Spanned`) where the checks after serde must point at a line.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::corpus::state::Sort;
use crate::tui::keymap::Context;
use crate::tui::theme::{BaseTheme, DepthSetting, RoleColors};

/// The whole file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileModel {
    /// The article list's order on first launch.
    pub sort: Option<SortName>,
    /// Capture the mouse.
    pub mouse: Option<bool>,
    /// The copy command for `y`.
    pub copy_command: Option<String>,
    /// The built-in theme: `dark` or `light`.
    pub theme: Option<BaseTheme>,
    /// The colour depth: `auto`, `none`, `16`, `256` or `truecolor`.
    pub color: Option<DepthSetting>,
    /// Colours by role, over the theme.
    pub colors: Option<RoleColors>,
    /// Layout preferences.
    pub layout: Option<LayoutModel>,
    /// Key bindings, per context.
    pub keys: Option<KeysModel>,
}

/// The sort orders, as the `s` key's cycle names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortName {
    /// Newest first.
    Newest,
    /// Oldest first.
    Oldest,
    /// By outlet.
    Outlet,
    /// Most quoted first.
    Quotes,
    /// By title.
    Title,
}

impl From<SortName> for Sort {
    fn from(name: SortName) -> Sort {
        match name {
            SortName::Newest => Sort::Newest,
            SortName::Oldest => Sort::Oldest,
            SortName::Outlet => Sort::Outlet,
            SortName::Quotes => Sort::Quotes,
            SortName::Title => Sort::Title,
        }
    }
}

/// `[layout]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayoutModel {
    /// From this many columns the reading pane and the quote panel sit side by side.
    pub side_by_side_from: Option<Spanned<u16>>,
    /// The quote panel's share of the width beside the reading pane, in percent.
    pub quote_panel_percent: Option<Spanned<u16>>,
}

/// One context's bindings: action name → keys (read by the checks, so that a bad one is pointed
/// at, not its list).
pub type Bindings = BTreeMap<Spanned<String>, Vec<Spanned<String>>>;

/// `[keys.<context>]`: one field per [`Context`], named as [`Context::name`] says.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeysModel {
    global: Option<Bindings>,
    list: Option<Bindings>,
    reader: Option<Bindings>,
    quotes: Option<Bindings>,
    filter: Option<Bindings>,
    views: Option<Bindings>,
    quotes_view: Option<Bindings>,
    speakers_view: Option<Bindings>,
    help: Option<Bindings>,
}

impl KeysModel {
    /// The bindings the file gives each context, in the help's order of contexts.
    pub fn by_context(&self) -> Vec<(Context, &Bindings)> {
        Context::ALL
            .into_iter()
            .filter_map(|ctx| {
                let table = match ctx {
                    Context::Global => &self.global,
                    Context::List => &self.list,
                    Context::Reader => &self.reader,
                    Context::Quotes => &self.quotes,
                    Context::Filter => &self.filter,
                    Context::Views => &self.views,
                    Context::QuotesView => &self.quotes_view,
                    Context::SpeakersView => &self.speakers_view,
                    Context::Help => &self.help,
                };
                table.as_ref().map(|t| (ctx, t))
            })
            .collect()
    }
}
