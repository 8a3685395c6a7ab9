//! Taking the terminal and giving it back: raw mode, the alternate screen, bracketed paste and the
//! mouse on the way in; all of it undone exactly once on the way out, whichever way out it is (a
//! return, an error, a panic on the reader's thread). Panics on other threads wait until then.

use std::io::{self, Write as _};
use std::panic::PanicHookInfo;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::ThreadId;

use crossterm::cursor::Show;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// Set while the reader has the terminal (raw mode, alternate screen, maybe the mouse).
/// `pub(crate)`: the SIGABRT handler (`tui::abort`) restores the terminal only while it is set.
pub(crate) static TERMINAL_TAKEN: AtomicBool = AtomicBool::new(false);

/// Raw mode, the alternate screen, bracketed paste and (with `mouse`) mouse capture, then a
/// ratatui terminal on standard output. Call with a [`TerminalGuard`] alive: it undoes whatever
/// this did, even when it fails half-way.
pub fn take(mouse: bool) -> io::Result<ratatui::DefaultTerminal> {
    TERMINAL_TAKEN.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))
}

/// Leaves the terminal as it was found: mouse released, bracketed paste off, raw mode off, main
/// screen, cursor shown. Only the first call after taking the terminal does it: leaving the
/// alternate screen a second time moves the cursor back to where the reader started (tmux, xterm),
/// and what was printed since (a panic message) would be written over.
fn restore(mouse: bool) {
    if !TERMINAL_TAKEN.swap(false, Ordering::SeqCst) {
        return;
    }
    if mouse {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    // Not `ratatui::restore`: it reports a failure with `eprintln!`, which panics when standard
    // error is a terminal that has gone away. Raw mode first: it has more side effects.
    let _ = disable_raw_mode();
    let _ = execute!(io::stdout(), LeaveAlternateScreen, Show);
}

/// True when `$TERM` says the terminal cannot move its cursor or clear its screen (`dumb`: Emacs
/// shell buffers, some IDE consoles, scripts run with a bare environment).
pub fn dumb() -> bool {
    std::env::var_os("TERM").is_some_and(|t| t == "dumb")
}

/// Undoes what [`take`] did to the terminal when dropped: on return, on error, and on unwinding.
pub struct TerminalGuard {
    mouse: bool,
}

impl TerminalGuard {
    /// A guard for a terminal taken with (or without) the mouse.
    pub fn new(mouse: bool) -> TerminalGuard {
        TerminalGuard { mouse }
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore(self.mouse);
    }
}

type Hook = dyn Fn(&PanicHookInfo<'_>) + Sync + Send + 'static;

/// The panic hook while the reader owns the terminal. A panic on the reader's thread restores the
/// terminal first, so its message lands on the normal screen. A panic on another thread (loading,
/// search) must not touch the terminal, which the reader still uses; its message is held back and
/// printed once the terminal is restored, instead of being written over the screen.
pub struct PanicHook {
    previous: Arc<Hook>,
    held: Arc<Mutex<Vec<String>>>,
}

impl PanicHook {
    /// Installs the hook for the calling thread, the reader's.
    pub fn install(mouse: bool) -> PanicHook {
        let previous: Arc<Hook> = Arc::from(std::panic::take_hook());
        let held = Arc::new(Mutex::new(Vec::new()));
        let ui: ThreadId = std::thread::current().id();
        let (chained, store) = (Arc::clone(&previous), Arc::clone(&held));
        std::panic::set_hook(Box::new(move |info| {
            let thread = std::thread::current();
            if thread.id() == ui {
                restore(mouse);
                chained(info);
                return;
            }
            let mut message = format!("thread '{}' {info}", thread.name().unwrap_or("<unnamed>"));
            let backtrace = std::backtrace::Backtrace::capture();
            if backtrace.status() == std::backtrace::BacktraceStatus::Captured {
                message.push_str(&format!("\n{backtrace}"));
            }
            lock(&store).push(message);
        }));
        PanicHook { previous, held }
    }

    /// Puts the previous hook back and prints the messages held back. Call once the terminal is
    /// restored.
    pub fn uninstall(self) {
        let previous = self.previous;
        std::panic::set_hook(Box::new(move |info| previous(info)));
        // Not `eprintln!`, which panics when standard error has gone away with its terminal.
        let mut stderr = io::stderr();
        for message in lock(&self.held).drain(..) {
            let _ = writeln!(stderr, "{message}");
        }
    }
}

/// The data behind `mutex`, poisoned or not.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // Nothing panics while holding these locks; and a poisoned one still holds usable data.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
