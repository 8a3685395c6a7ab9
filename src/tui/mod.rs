//! The full-screen terminal reader (ratatui + crossterm). The only module that knows the terminal:
//! refusing a `TERM=dumb` one, setting it up and always restoring it (normal exit, error, panic,
//! the stop signals, a fatal abort such as an allocation failure), then the loop.
//!
//! Module map (each module lists the `crate::tui` modules it uses in its own `use` lines; none
//! uses a module that uses it back):
//! - state, no drawing: [`app`] (the `App`: [`app::library`], [`app::search`], [`app::screen`],
//!   the marks), [`action`] (intents), [`keymap`] (keys → actions, help rows, hints);
//! - text and geometry, no state: [`layout`] (areas, focus, scrolling), [`wrap`] (the article's
//!   lines), [`quote_text`] (a quote item's rows and the legend), [`theme`] (styles);
//! - drawing: [`view`] (the entry point: builds each pane's view from the App's parts) and
//!   [`panes`] (one file per part of the screen, each drawing from its small view);
//! - running: [`event_loop`], `terminal` (taking and restoring it), [`clipboard`] (`y`: OSC 52 or
//!   a copy command), `abort` (SIGABRT), `hangup` (the watchdog), `test_hooks` (tests only,
//!   feature `test-hooks`).

#[cfg(unix)]
mod abort;
pub mod action;
pub mod app;
pub mod clipboard;
pub mod config;
pub mod event_loop;
mod hangup;
pub mod keymap;
pub mod layout;
pub mod opener;
pub mod panes;
pub mod quote_text;
mod terminal;
mod test_hooks;
pub mod theme;
pub mod view;
pub mod wrap;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod tests;

use std::io::{self, IsTerminal, Write as _};
use std::panic::AssertUnwindSafe;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use anyhow::Context as _;

use crate::corpus::load::Loading;
use crate::corpus::quote::{ALIAS_FILE, load_aliases};
use crate::corpus::state::{self, Changes, ReaderState, Saver, Session};
use crate::corpus::store::Source;
use crate::tui::app::App;
use crate::tui::hangup::Checkpoint;
use crate::tui::terminal::{PanicHook, TerminalGuard, lock};

/// How the reader was asked to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Capture the mouse (wheel, clicks); off with `--no-mouse` so text selection works (it wins
    /// over the configuration file's `mouse`).
    pub mouse: bool,
    /// Read and write the state file; off with `--no-state`.
    pub state: bool,
    /// The configuration file `--config` names (else the one `config::locate` finds).
    pub config: Option<std::path::PathBuf>,
}

/// The signals that end the reader the way `q` does: the terminal restored, the state saved, exit
/// status 0. (Ctrl-c in the reader is a key, not SIGINT: raw mode turns signal keys off.)
const STOP_SIGNALS: [(i32, &str); 8] = [
    (signal_hook::consts::SIGTERM, "SIGTERM"),
    (signal_hook::consts::SIGHUP, "SIGHUP"),
    (signal_hook::consts::SIGINT, "SIGINT"),
    (signal_hook::consts::SIGQUIT, "SIGQUIT"),
    (signal_hook::consts::SIGUSR1, "SIGUSR1"),
    (signal_hook::consts::SIGUSR2, "SIGUSR2"),
    (signal_hook::consts::SIGALRM, "SIGALRM"),
    (signal_hook::consts::SIGPIPE, "SIGPIPE"),
];

/// Runs the reader until the user quits (or a SIGTERM/SIGHUP arrives), then restores the terminal
/// and saves the state. A panic in the reader also restores the terminal and saves the state, then
/// ends in an error (its message printed above it).
pub fn run(source: Source, options: Options) -> anyhow::Result<()> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        anyhow::bail!(
            "the reader needs a terminal, and standard input or output is not one. In scripts and \
             pipes, use `aes-reader list`, `aes-reader show ID` or `aes-reader search QUERY`"
        );
    }
    // Before anything is sent to the terminal: a dumb one would print every escape sequence.
    if terminal::dumb() {
        anyhow::bail!(
            "this terminal is TERM=dumb, which cannot show the full-screen reader. Use \
             `aes-reader list`, `aes-reader show ID` or `aes-reader search QUERY`, which print \
             plain text; or run the reader in a terminal emulator (TERM such as xterm-256color)"
        );
    }
    // A bad configuration file is said on the status bar and at exit, never a reason to stop.
    let config = config::load(options.config.clone());
    let settings = config.settings;
    let mouse = options.mouse && settings.mouse.unwrap_or(true);
    // The first screen comes up with the first articles; the rest stream in behind it.
    let origin = source.origin().clone();
    let (mut loaded, warning, session) = load_state(options.state, &origin);
    // The configuration file's order is for a first launch: the one the user picked since wins.
    if loaded.sort.is_none() {
        loaded.sort = settings.sort;
    }
    // For the quotebook's speakers (the loading threads read the file too; a problem with it is
    // reported by them).
    let (aliases, _) = load_aliases(source.extra(ALIAS_FILE));
    let loading = Loading::start(source);
    let mut app = App::loading(loading, &origin, loaded, settings.theme())
        .context("cannot start the search thread")?;
    app.set_warning(warning);
    app.set_aliases(aliases);
    app.configure(
        settings.keymap,
        settings.panes,
        config.error.as_ref().map(config::ConfigError::status_notes),
    );
    // Saves run on a thread of their own: marking never waits for the disk.
    let saver = match session {
        Some(session) => {
            let (saver, replies) =
                Saver::spawn(session).context("cannot start the state-saving thread")?;
            app.follow_saves(replies);
            Some(saver)
        }
        None => None,
    };

    let stop = Arc::new(AtomicBool::new(false));
    for (sig, name) in STOP_SIGNALS {
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .with_context(|| format!("cannot install the {name} handler"))?;
    }
    #[cfg(unix)]
    let on_abort = abort::prepare();

    // The hook and the guard come before the first change to the terminal, so that every way out
    // after it restores the terminal. (Not `ratatui::try_init`: its hook restores the terminal on a
    // panic in any thread, under the feet of the reader when a background thread panics.)
    let hook = PanicHook::install(mouse);
    let guard = TerminalGuard::new(mouse);
    let mut terminal = match terminal::take(mouse) {
        Ok(terminal) => terminal,
        Err(e) => {
            drop(guard);
            hook.uninstall();
            #[cfg(unix)]
            abort::forget(on_abort);
            return Err(e).context("cannot set up the terminal");
        }
    };

    // What the hangup watchdog saves if the loop gets stuck on a dead terminal: the changes not
    // yet handed to the saver. Handed over under its lock, so none is sent twice or missed.
    let checkpoint = Arc::new(Mutex::new(Checkpoint::default()));
    #[cfg(unix)]
    hangup::watch(
        Arc::clone(&stop),
        Arc::clone(&checkpoint),
        saver.as_ref().map(Saver::handle),
    );
    let keep = |app: &mut App, save_now: bool| {
        let mut checkpoint = lock(&checkpoint);
        if save_now {
            let changes = app.take_changes();
            if let Some(saver) = &saver {
                saver.save(changes);
            }
            checkpoint.changes = Changes::default();
        } else {
            checkpoint.changes = app.pending_changes();
        }
    };
    // A panic in the loop is caught so the state can still be saved; the hook has already
    // restored the terminal and printed the message.
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        event_loop::run_loop(
            &mut terminal,
            &mut app,
            &stop,
            settings.copy_command.as_deref(),
            keep,
        )
    }));
    // Reading a terminal that has gone away fails: that is how the reader ends then, not an error
    // to report (to no one).
    #[cfg(unix)]
    let outcome = outcome.map(|r| r.or_else(|e| if hangup::gone() { Ok(()) } else { Err(e) }));
    // From here on the watchdog leaves the saving to us.
    lock(&checkpoint).finished = true;
    // ratatui shows the cursor when its terminal is dropped, and reports a failure (a terminal
    // gone away) with a panicking `eprintln!`: shown here, and on failure not dropped.
    if terminal.show_cursor().is_ok() {
        drop(terminal);
    } else {
        std::mem::forget(terminal);
    }
    drop(guard);
    hook.uninstall();
    #[cfg(unix)]
    abort::forget(on_abort);
    print_warnings(&mut app);
    if let Some(e) = &config.error {
        // Its Display is already safe to print (the file's text sanitized), line by line.
        let _ = writeln!(
            io::stderr(),
            "aes-reader: warning: {e}\nThe defaults were in use."
        );
    }
    // Waits for the saves asked for before, then saves what changed since.
    let saved = match saver {
        Some(saver) => saver.finish(app.take_changes()).map(|()| true),
        None => Ok(false),
    };
    // Everything is saved and the terminal restored. At a million articles, freeing the App's
    // millions of allocations one by one took seconds the user waited for; the process ends
    // right after (its threads were never waited for) and the system takes the memory at once.
    std::mem::forget(app);
    match outcome {
        Ok(result) => {
            saved?;
            result.context("terminal input/output failed")
        }
        Err(_) => {
            let state = match saved {
                Ok(true) => "Your read marks and reading position were saved. ".to_owned(),
                Ok(false) => String::new(),
                Err(e) => format!("The reader state could not be saved either: {e}. "),
            };
            anyhow::bail!(
                "the reader stopped on an internal error (the panic message is above). {state}\
                 Please report it with that message"
            )
        }
    }
}

/// Prints again, on the restored terminal, the warnings shown while the reader ran (a state file
/// set aside, say: its name must not be lost with the screen), without what a terminal acts on.
fn print_warnings(app: &mut App) {
    for w in app.warnings_seen() {
        let w: String = w
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .filter(|c| crate::corpus::sanitize::is_safe_char(*c))
            .collect();
        // Not `eprintln!`, which panics when standard error has gone away with its terminal.
        let _ = writeln!(io::stderr(), "aes-reader: warning: {w}");
    }
}

/// The state of the corpus at `origin` (marks and positions are kept per corpus), a warning, and
/// the session to save it with (none with `--no-state`, or when the file must not be written).
fn load_state(
    enabled: bool,
    origin: &crate::corpus::Origin,
) -> (ReaderState, Option<String>, Option<Session>) {
    if !enabled {
        return (ReaderState::default(), None, None);
    }
    match state::default_path() {
        Some(path) => {
            let opened = state::open(&path, &state::corpus_key(origin));
            (opened.state, opened.warning, opened.session)
        }
        None => (
            ReaderState::default(),
            Some("neither $XDG_STATE_HOME nor $HOME is set: read marks will not be kept".into()),
            None,
        ),
    }
}
