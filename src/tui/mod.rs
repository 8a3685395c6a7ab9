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
use std::panic::{AssertUnwindSafe, PanicHookInfo};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::ThreadId;

use anyhow::Context as _;
use crossterm::cursor::Show;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

use crate::corpus::load::Loading;
use crate::corpus::state::{self, Changes, ReaderState, Saver, Session};
use crate::corpus::store::Source;

/// How the reader was asked to run.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Capture the mouse (wheel, clicks); off with `--no-mouse` so text selection works.
    pub mouse: bool,
    /// Read and write the state file; off with `--no-state`.
    pub state: bool,
}

/// Test only: the environment variable that makes the reader panic on purpose, so the end-to-end
/// tests can check the terminal is restored and the state saved. Unset (always, in real use), it
/// does nothing; an unknown value does nothing either.
pub const TEST_PANIC_VAR: &str = "AES_READER_TEST_PANIC";

/// Test only: when the panic asked for by [`TEST_PANIC_VAR`] happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestPanic {
    /// `after-open`: once an article has been opened from the list, the next key is handled and
    /// then the reader's own thread panics.
    AfterOpen,
    /// `thread-after-open`: the same moment, but a background thread panics (as a loading or
    /// search thread could) and the reader goes on.
    ThreadAfterOpen,
}

impl TestPanic {
    /// What [`TEST_PANIC_VAR`] asks for, if anything.
    pub fn from_env() -> Option<TestPanic> {
        match std::env::var(TEST_PANIC_VAR).ok()?.as_str() {
            "after-open" => Some(TestPanic::AfterOpen),
            "thread-after-open" => Some(TestPanic::ThreadAfterOpen),
            _ => None,
        }
    }

    /// Panics (here, or on a thread of its own that is waited for).
    pub fn fire(self) {
        let message = "a panic on purpose (AES_READER_TEST_PANIC is set, for testing)";
        match self {
            TestPanic::AfterOpen => panic!("{message}"),
            TestPanic::ThreadAfterOpen => {
                let thread = std::thread::Builder::new()
                    .name("test-panic".into())
                    .spawn(move || panic!("{message}"));
                // Waiting makes the panic (and its hook) happen before the next key is read.
                if let Ok(handle) = thread {
                    let _ = handle.join();
                }
            }
        }
    }
}

/// Set while the reader has the terminal (raw mode, alternate screen, maybe the mouse).
static TERMINAL_TAKEN: AtomicBool = AtomicBool::new(false);

/// Leaves the terminal as it was found: mouse released, raw mode off, main screen, cursor shown.
/// Only the first call after taking the terminal does it: leaving the alternate screen a second
/// time moves the cursor back to where the reader started (tmux, xterm), and what was printed
/// since (a panic message) would be written over.
fn restore_terminal(mouse: bool) {
    if !TERMINAL_TAKEN.swap(false, Ordering::SeqCst) {
        return;
    }
    if mouse {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    let _ = execute!(io::stdout(), Show);
}

/// Undoes what [`run`] did to the terminal when dropped: on return, on error, and on unwinding.
struct TerminalGuard {
    mouse: bool,
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal(self.mouse);
    }
}

type Hook = dyn Fn(&PanicHookInfo<'_>) + Sync + Send + 'static;

/// The panic hook while the reader owns the terminal. A panic on the reader's thread restores the
/// terminal first, so its message lands on the normal screen. A panic on another thread (loading,
/// search) must not touch the terminal, which the reader still uses; its message is held back and
/// printed once the terminal is restored, instead of being written over the screen.
struct PanicHook {
    previous: Arc<Hook>,
    held: Arc<Mutex<Vec<String>>>,
}

impl PanicHook {
    fn install(mouse: bool) -> PanicHook {
        let previous: Arc<Hook> = Arc::from(std::panic::take_hook());
        let held = Arc::new(Mutex::new(Vec::new()));
        let ui: ThreadId = std::thread::current().id();
        let (chained, store) = (Arc::clone(&previous), Arc::clone(&held));
        std::panic::set_hook(Box::new(move |info| {
            let thread = std::thread::current();
            if thread.id() == ui {
                restore_terminal(mouse);
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
    fn uninstall(self) {
        let previous = self.previous;
        std::panic::set_hook(Box::new(move |info| previous(info)));
        for message in lock(&self.held).drain(..) {
            eprintln!("{message}");
        }
    }
}

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
    // The first screen comes up with the first articles; the rest stream in behind it.
    let origin = source.origin().clone();
    let (loaded, warning, session) = load_state(options.state, &origin);
    let loading = Loading::start(source);
    let mut app = app::App::loading(loading, &origin, loaded, theme::Theme::from_env())
        .context("cannot start the search thread")?;
    app.warning = warning;
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
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .context("cannot install the SIGTERM/SIGHUP handler")?;
    }

    // The hook and the guard come before the first change to the terminal, so that every way out
    // after it restores the terminal. (Not `ratatui::try_init`: its hook restores the terminal on a
    // panic in any thread, under the feet of the reader when a background thread panics.)
    let hook = PanicHook::install(options.mouse);
    let guard = TerminalGuard {
        mouse: options.mouse,
    };
    TERMINAL_TAKEN.store(true, Ordering::SeqCst);
    let started = (|| {
        enable_raw_mode()?;
        execute!(io::stdout(), EnterAlternateScreen)?;
        if options.mouse {
            execute!(io::stdout(), EnableMouseCapture)?;
        }
        ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))
    })();
    let mut terminal = match started {
        Ok(terminal) => terminal,
        Err(e) => {
            drop(guard);
            hook.uninstall();
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
    let keep = |app: &mut app::App, save_now: bool| {
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
    let test_panic = TestPanic::from_env();
    // A panic in the loop is caught so the state can still be saved; the hook has already
    // restored the terminal and printed the message.
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        app::run_loop(&mut terminal, &mut app, &stop, keep, test_panic)
    }));
    // From here on the watchdog leaves the saving to us.
    lock(&checkpoint).finished = true;
    drop(terminal);
    drop(guard);
    hook.uninstall();
    // Waits for the saves asked for before, then saves what changed since.
    let saved = match saver {
        Some(saver) => saver.finish(app.take_changes()).map(|()| true),
        None => Ok(false),
    };
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

/// The reader's latest changes, for the hangup watchdog, and whether the loop has ended.
#[derive(Debug, Default)]
struct Checkpoint {
    /// The changes not handed to the saver yet, as of the last event handled.
    changes: Changes,
    /// The loop has returned: the watchdog must not save or exit.
    finished: bool,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Nothing panics while holding these locks; and a poisoned one still holds usable data.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Notices a terminal that went away (window closed, connection dropped): the loop must end and
/// the state be saved even when nothing sends SIGHUP, and even when the loop is stuck. crossterm
/// 0.29 spins for ever reading a hung-up terminal inside `event::poll`, timeout or not
/// (crossterm-rs/crossterm#793), so the loop may never look at its stop flag again.
#[cfg(unix)]
mod hangup {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use super::{Checkpoint, lock};
    use crate::corpus::state::SaverHandle;

    /// How long the loop has to end by itself once the terminal is gone.
    const GRACE: Duration = Duration::from_secs(1);

    /// Starts a thread that waits for standard input (the terminal) to hang up, then sets `stop`.
    /// If the loop has not ended after [`GRACE`], the thread saves the last checkpoint through
    /// `saver` (after the saves asked before) and ends the process (there is no terminal left to
    /// restore).
    pub(super) fn watch(
        stop: Arc<AtomicBool>,
        checkpoint: Arc<Mutex<Checkpoint>>,
        saver: Option<SaverHandle>,
    ) {
        // Without the thread the reader still works; it just relies on SIGHUP alone.
        let _ = std::thread::Builder::new()
            .name("hangup".into())
            .spawn(move || {
                if !wait_for_hangup() {
                    return;
                }
                stop.store(true, Ordering::SeqCst);
                let step = Duration::from_millis(20);
                for _ in 0..GRACE.as_millis() / step.as_millis() {
                    if lock(&checkpoint).finished {
                        return;
                    }
                    std::thread::sleep(step);
                }
                let checkpoint = lock(&checkpoint);
                if checkpoint.finished {
                    return;
                }
                if let Some(saver) = &saver {
                    let _ = saver.flush(checkpoint.changes.clone());
                }
                // Still holding the lock, so the loop cannot hand over changes of its own.
                std::process::exit(0);
            });
    }

    /// Blocks until standard input hangs up (true), or cannot be watched (false).
    fn wait_for_hangup() -> bool {
        loop {
            // No events asked for: poll(2) then returns only for a hangup or an error.
            let mut fd = libc::pollfd {
                fd: libc::STDIN_FILENO,
                events: 0,
                revents: 0,
            };
            // SAFETY: `fd` is one valid, exclusively borrowed `pollfd`, and the count passed is 1.
            let n = unsafe { libc::poll(&mut fd, 1, -1) };
            if n < 0 {
                if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                    continue;
                }
                return false;
            }
            if fd.revents & libc::POLLNVAL != 0 {
                return false;
            }
            if fd.revents & (libc::POLLHUP | libc::POLLERR) != 0 {
                return true;
            }
        }
    }
}

/// Gives the memory freed after loading (the loading threads' buffers and regex caches) back to
/// the system: glibc's allocator keeps freed pages otherwise, and they would count against the
/// reader for as long as it runs. A no-op with other allocators.
pub(crate) fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only returns the allocator's own free pages; it takes its locks.
    unsafe {
        libc::malloc_trim(0);
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
