//! The default configuration file, `aes-reader config default`: every setting at its default with
//! a comment, and every binding of every context from the keymap's table with its help text. It
//! passes `config check`, and reading it gives the built-in keymap (tests/config.rs checks both).

use std::fmt::Write as _;

use crate::tui::keymap::{Context, KEY_SYNTAX, KEYMAP, action_name};
use crate::tui::layout::{Panes, SINGLE_PANE};
use crate::tui::theme::{BaseTheme, DepthSetting, Role, Theme};

use super::QUOTE_PANEL_PERCENT;

/// `text` as `# ` comment lines of at most 98 columns.
fn comment(out: &mut String, text: &str) {
    let options = textwrap::Options::new(96)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    for line in textwrap::wrap(text, options) {
        let _ = writeln!(out, "# {line}");
    }
}

/// `s` as a TOML string.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// The default configuration file's text.
pub fn default_file() -> String {
    let mut out = String::new();
    comment(
        &mut out,
        "aes-reader configuration file (`aes-reader config default` prints this one).",
    );
    comment(
        &mut out,
        "Where it is read from: --config PATH, else $AES_READER_CONFIG, else \
         $XDG_CONFIG_HOME/aes-reader/config.toml, else ~/.config/aes-reader/config.toml. Every \
         setting is optional: keep only what you change (the settings above [layout] must stay \
         above it, TOML wants it so). `aes-reader config check` checks a file; a bad one never \
         stops the reader, which starts on the defaults and says so.",
    );
    out.push('\n');
    comment(
        &mut out,
        "The article list's order on first launch, until you pick another with the sort key (the \
         reader remembers it): newest, oldest, outlet, quotes or title.",
    );
    out.push_str("sort = \"newest\"\n\n");
    comment(
        &mut out,
        "Capture the mouse (wheel, clicks); false leaves it to the terminal, to select text. \
         --no-mouse wins.",
    );
    out.push_str("mouse = true\n\n");
    comment(
        &mut out,
        "A command that gets what `y` copies on its standard input, instead of the terminal's \
         clipboard through OSC 52: \"wl-copy\", \"xclip -selection clipboard\", \"pbcopy\" (its \
         words split at spaces, no shell). $AES_READER_COPY_COMMAND wins.",
    );
    out.push_str("# copy_command = \"wl-copy\"\n\n");
    comment(
        &mut out,
        "The colours: dark (for a dark terminal background) or light (for a light one). The \
         [colors] table below changes roles over it.",
    );
    out.push_str("theme = \"dark\"\n\n");
    comment(
        &mut out,
        &format!(
            "How many colours to use: {}. auto asks the terminal (COLORTERM, TERM); NO_COLOR, set, \
             always means none.",
            DepthSetting::NAMES.join(", ")
        ),
    );
    out.push_str("color = \"auto\"\n\n");
    let panes = Panes::default();
    out.push_str("[layout]\n");
    comment(
        &mut out,
        &format!(
            "From this many columns the reading pane and the quote panel sit side by side under \
             the list; narrower, the quote panel goes under the reading pane. At least {}.",
            SINGLE_PANE.0
        ),
    );
    let _ = writeln!(out, "side_by_side_from = {}", panes.side_by_side);
    comment(
        &mut out,
        &format!(
            "The quote panel's share of the width beside the reading pane, in percent ({} to {}).",
            QUOTE_PANEL_PERCENT.0, QUOTE_PANEL_PERCENT.1
        ),
    );
    let _ = writeln!(out, "quote_panel_percent = {}\n", panes.quotes_percent);
    write_colors(&mut out);
    comment(
        &mut out,
        "Keys, by context: action = [keys]. An action you name gets exactly those keys in its \
         context ([] leaves it without one); a key you name is taken from the other actions of \
         that context. A pane's keys (list, reader, quotes) and the Quotes and Speakers views' \
         are looked for first, then views, then global.",
    );
    comment(&mut out, &format!("Keys: {KEY_SYNTAX}."));
    comment(
        &mut out,
        "Ctrl-c always quits, from every context: it cannot be bound to anything else.",
    );
    for ctx in Context::ALL {
        write_context(&mut out, ctx);
    }
    out
}

/// One `[keys.<context>]` table: each action once, its keys and its help (the help of each of its
/// rows).
fn write_context(out: &mut String, ctx: Context) {
    let mut lines: Vec<(String, String)> = Vec::new();
    for action in ctx.actions() {
        let rows: Vec<_> = KEYMAP
            .iter()
            .filter(|b| b.context == ctx && b.action == action)
            .collect();
        let keys: Vec<String> = rows
            .iter()
            .flat_map(|b| b.keys.iter())
            .map(|k| quoted(&k.name()))
            .collect();
        let help: Vec<&str> = rows.iter().map(|b| b.help).collect();
        let name = action_name(action).unwrap_or_default();
        lines.push((format!("{name} = [{}]", keys.join(", ")), help.join("; ")));
    }
    let _ = writeln!(out, "\n# {}", ctx.title());
    if ctx == Context::Filter {
        out.push_str("# (any other character is typed into the query)\n");
    }
    let _ = writeln!(out, "[keys.{}]", ctx.name());
    let width = lines
        .iter()
        .map(|(b, _)| b.chars().count())
        .max()
        .unwrap_or(0);
    for (binding, help) in lines {
        let pad = width - binding.chars().count();
        let _ = writeln!(out, "{binding}{}  # {help}", " ".repeat(pad));
    }
}

/// The `[colors]` table: every role, commented out, at the dark theme's colour (the light
/// theme's beside it).
fn write_colors(out: &mut String) {
    out.push_str("[colors]\n");
    comment(
        out,
        "Colours by role, over the theme: a colour name (red, lightcyan, darkgray…), \"#rrggbb\" or \
         a palette number 0-255, or a table { fg = \"…\", bg = \"…\", bold = true, italic = true, \
         underline = true } where each part left out keeps the theme's. Below, each role at the \
         dark theme's style, the light theme's in the comment.",
    );
    for role in Role::ALL {
        let dark = Theme::default_spec(BaseTheme::Dark, role);
        let light = Theme::default_spec(BaseTheme::Light, role);
        let _ = writeln!(out, "# ({}; light theme: {light})", role.description());
        let _ = writeln!(out, "# {} = {dark}", role.name());
    }
    out.push('\n');
}
