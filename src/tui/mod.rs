//! The full-screen terminal reader (ratatui + crossterm). The only module that knows the terminal:
//! setting it up and always restoring it (normal exit, error, panic, SIGTERM/SIGHUP), then the loop.

pub mod action;
pub mod app;
pub mod keymap;
pub mod panes;
pub mod theme;
pub mod view;

#[cfg(test)]
mod tests;

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use anyhow::Context as _;
use crossterm::cursor::Show;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;

use crate::corpus::load::Loading;
use crate::corpus::state::{self, ReaderState};
use crate::corpus::store::Source;

/// How the reader was asked to run.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Capture the mouse (wheel, clicks); off with `--no-mouse` so text selection works.
    pub mouse: bool,
    /// Read and write the state file; off with `--no-state`.
    pub state: bool,
}

/// Undoes what [`run`] did to the terminal when dropped: on return, on error, and on unwinding.
struct TerminalGuard {
    mouse: bool,
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        if self.mouse {
            let _ = execute!(io::stdout(), DisableMouseCapture);
        }
        ratatui::restore();
        let _ = execute!(io::stdout(), Show);
    }
}

/// Runs the reader until the user quits (or a SIGTERM/SIGHUP arrives), then restores the terminal
/// and saves the state.
pub fn run(source: Source, options: Options) -> anyhow::Result<()> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        anyhow::bail!(
            "the reader needs a terminal, and standard input or output is not one. In scripts and \
             pipes, use `aes-reader list`, `aes-reader show ID` or `aes-reader search QUERY`"
        );
    }
    let (loaded, warning, path) = load_state(options.state);
    // The first screen comes up with the first articles; the rest stream in behind it.
    let origin = source.origin().clone();
    let loading = Loading::start(source);
    let mut app = app::App::loading(loading, &origin, loaded, theme::Theme::from_env())
        .context("cannot start the search thread")?;
    app.warning = warning;

    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .context("cannot install the SIGTERM/SIGHUP handler")?;
    }

    // `try_init` installs a panic hook that restores the terminal; ours runs first and also releases
    // the mouse and shows the cursor.
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let guard = TerminalGuard {
        mouse: options.mouse,
    };
    let previous = std::panic::take_hook();
    let mouse = options.mouse;
    std::panic::set_hook(Box::new(move |info| {
        if mouse {
            let _ = execute!(io::stdout(), DisableMouseCapture);
        }
        let _ = execute!(io::stdout(), Show);
        previous(info);
    }));
    if options.mouse {
        execute!(io::stdout(), EnableMouseCapture).context("cannot enable the mouse")?;
    }

    let save = |app: &mut app::App| {
        if let Some(path) = &path {
            if let Err(e) = state::save(path, app.state_to_save()) {
                app.warning = Some(e.to_string());
            }
        }
    };
    let result = app::run_loop(&mut terminal, &mut app, &stop, save);
    drop(terminal);
    drop(guard);
    if let Some(path) = &path {
        state::save(path, app.state_to_save())?;
    }
    result.context("terminal input/output failed")
}

fn load_state(enabled: bool) -> (ReaderState, Option<String>, Option<PathBuf>) {
    if !enabled {
        return (ReaderState::default(), None, None);
    }
    match state::default_path() {
        Some(path) => {
            let loaded = state::load(&path);
            let path = loaded.writable.then_some(path);
            (loaded.state, loaded.warning, path)
        }
        None => (
            ReaderState::default(),
            Some("neither $XDG_STATE_HOME nor $HOME is set: read marks will not be kept".into()),
            None,
        ),
    }
}
