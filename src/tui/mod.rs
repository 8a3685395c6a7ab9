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
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

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

    let latest = Arc::new(Mutex::new(None));
    let finished = Arc::new(AtomicBool::new(false));
    watchdog(&stop, &finished, &latest, path.clone(), options.mouse)
        .context("cannot start the stop watchdog thread")?;
    let save = |app: &mut app::App| {
        if let Some(path) = &path {
            if let Err(e) = state::save(path, app.state_to_save()) {
                app.warning = Some(e.to_string());
            }
        }
    };
    let remember = |app: &mut app::App| {
        if path.is_some() {
            *lock(&latest) = Some(app.state_to_save().clone());
        }
    };
    let result = app::run_loop(&mut terminal, &mut app, &stop, save, remember);
    drop(terminal);
    drop(guard);
    let saved = match &path {
        Some(path) => state::save(path, app.state_to_save()).map_err(anyhow::Error::from),
        None => Ok(()),
    };
    finished.store(true, Ordering::SeqCst);
    saved?;
    result.context("terminal input/output failed")
}

/// How long a SIGTERM/SIGHUP waits for the event loop to end on its own before the watchdog
/// does its duties.
const STOP_GRACE: Duration = Duration::from_secs(2);

/// A thread that makes sure a SIGTERM/SIGHUP ends the reader. The loop notices the signal within a
/// frame, but a terminal that vanished can trap the input layer (crossterm reading a hung-up tty
/// for ever); then, after [`STOP_GRACE`], this thread saves the newest state the loop remembered,
/// restores what it can of the terminal and exits.
fn watchdog(
    stop: &Arc<AtomicBool>,
    finished: &Arc<AtomicBool>,
    latest: &Arc<Mutex<Option<ReaderState>>>,
    path: Option<PathBuf>,
    mouse: bool,
) -> io::Result<()> {
    let (stop, finished, latest) = (Arc::clone(stop), Arc::clone(finished), Arc::clone(latest));
    std::thread::Builder::new()
        .name("stop-watchdog".into())
        .spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(100));
            }
            std::thread::sleep(STOP_GRACE);
            if finished.load(Ordering::SeqCst) {
                return;
            }
            if let (Some(path), Some(state)) = (&path, lock(&latest).take()) {
                let _ = state::save(path, &state);
            }
            if mouse {
                let _ = execute!(io::stdout(), DisableMouseCapture);
            }
            ratatui::restore();
            let _ = execute!(io::stdout(), Show);
            std::process::exit(1);
        })
        .map(drop)
}

/// A poisoned lock only means a panic elsewhere; the state inside is still whole.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
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
