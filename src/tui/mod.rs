//! The full-screen terminal reader (ratatui + crossterm). The only module that knows the terminal:
//! refusing a `TERM=dumb` one, setting it up and always restoring it (normal exit, error, panic,
//! the stop signals, a fatal abort such as an allocation failure), then the loop.

pub mod action;
pub mod app;
pub mod keymap;
pub mod panes;
pub mod theme;
pub mod view;

#[cfg(test)]
mod tests;

use std::io::{self, IsTerminal, Write as _};
use std::panic::{AssertUnwindSafe, PanicHookInfo};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::ThreadId;

use anyhow::Context as _;
use crossterm::cursor::Show;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

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
    /// `alloc-failure-after-open`: the same moment, the reader asks for a terabyte of memory; the
    /// allocation fails (under `ulimit -v`, or past what the system will ever grant) and the
    /// process aborts, as any allocation failure makes it.
    AllocFailureAfterOpen,
}

impl TestPanic {
    /// What [`TEST_PANIC_VAR`] asks for, if anything.
    pub fn from_env() -> Option<TestPanic> {
        match std::env::var(TEST_PANIC_VAR).ok()?.as_str() {
            "after-open" => Some(TestPanic::AfterOpen),
            "thread-after-open" => Some(TestPanic::ThreadAfterOpen),
            "alloc-failure-after-open" => Some(TestPanic::AllocFailureAfterOpen),
            _ => None,
        }
    }

    /// Panics (here, or on a thread of its own that is waited for), or fails to allocate.
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
            TestPanic::AllocFailureAfterOpen => {
                let huge: Vec<u8> = Vec::with_capacity(1 << 40);
                std::hint::black_box(huge);
            }
        }
    }
}

/// Set while the reader has the terminal (raw mode, alternate screen, maybe the mouse).
static TERMINAL_TAKEN: AtomicBool = AtomicBool::new(false);

/// Leaves the terminal as it was found: mouse released, bracketed paste off, raw mode off, main
/// screen, cursor shown. Only the first call after taking the terminal does it: leaving the
/// alternate screen a second time moves the cursor back to where the reader started (tmux, xterm),
/// and what was printed since (a panic message) would be written over.
fn restore_terminal(mouse: bool) {
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

/// True when `$TERM` says the terminal cannot move its cursor or clear its screen (`dumb`: Emacs
/// shell buffers, some IDE consoles, scripts run with a bare environment).
fn dumb_terminal() -> bool {
    std::env::var_os("TERM").is_some_and(|t| t == "dumb")
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
        // Not `eprintln!`, which panics when standard error has gone away with its terminal.
        let mut stderr = io::stderr();
        for message in lock(&self.held).drain(..) {
            let _ = writeln!(stderr, "{message}");
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
    // Before anything is sent to the terminal: a dumb one would print every escape sequence.
    if dumb_terminal() {
        anyhow::bail!(
            "this terminal is TERM=dumb, which cannot show the full-screen reader. Use \
             `aes-reader list`, `aes-reader show ID` or `aes-reader search QUERY`, which print \
             plain text; or run the reader in a terminal emulator (TERM such as xterm-256color)"
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
    for (sig, name) in STOP_SIGNALS {
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .with_context(|| format!("cannot install the {name} handler"))?;
    }
    #[cfg(unix)]
    let on_abort = abort::prepare();

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
        execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
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

/// Prints again, on the restored terminal, the warnings shown while the reader ran (a state file
/// set aside, say: its name must not be lost with the screen), without what a terminal acts on.
fn print_warnings(app: &mut app::App) {
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

/// A fatal abort while the reader has the terminal: an allocation failure (Rust aborts the process
/// then, with no unwinding and no panic hook), a panic inside a panic, a stack overflow, an
/// explicit `abort`. All of them end in abort(3), which raises SIGABRT: its handler puts the
/// terminal back with nothing but write(2) and tcsetattr(3) (both async-signal-safe) and returns,
/// and abort(3) then ends the process as it would have.
///
/// Why not a global allocator that restores the terminal when it returns null: a null return is
/// not always fatal. `std::fs::read` and `read_to_end` ask with `try_reserve` and turn a refusal
/// into an error the loader reports for that one file, and the reader goes on; restoring the
/// terminal then would leave a running reader on a broken screen. SIGABRT comes only once the
/// process is certain to end. What it cannot do: save the reading position (saving allocates);
/// and nothing can catch the kernel's OOM killer (SIGKILL).
#[cfg(unix)]
mod abort {
    use std::sync::OnceLock;
    use std::sync::atomic::Ordering;

    use super::TERMINAL_TAKEN;

    /// The terminal's modes before raw mode, for the handler.
    static SAVED: OnceLock<libc::termios> = OnceLock::new();

    /// Cancels a sequence cut short (CAN), then: mouse reporting off (every mode crossterm turns
    /// on), bracketed paste off, main screen, cursor shown, colours reset.
    const RESET: &[u8] = b"\x18\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?2004l\x1b[?1049l\x1b[?25h\x1b[0m";

    const MESSAGE: &[u8] =
        b"aes-reader: stopped by a fatal error (out of memory, or an internal error); \
the terminal was restored. Read marks were saved as you made them; the position reached in the \
open article since it was opened may be lost.\n";

    /// Records the terminal's modes and installs the SIGABRT handler; call before raw mode. `None`
    /// when either fails (the reader then goes without it).
    pub(super) fn prepare() -> Option<signal_hook::SigId> {
        // SAFETY: `termios` is plain data; tcgetattr(3) fills it or fails.
        let mut modes: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: a valid pointer to a `termios` the call may write.
        if unsafe { libc::tcgetattr(libc::STDIN_FILENO, &mut modes) } != 0 {
            return None;
        }
        let _ = SAVED.set(modes);
        // SAFETY: the action only reads atomics and a `OnceLock` set before, and calls write(2)
        // and tcsetattr(3), which are async-signal-safe; it allocates nothing and takes no lock.
        unsafe { signal_hook::low_level::register(signal_hook::consts::SIGABRT, restore) }.ok()
    }

    /// Removes the handler, once the terminal is back.
    pub(super) fn forget(id: Option<signal_hook::SigId>) {
        if let Some(id) = id {
            signal_hook::low_level::unregister(id);
        }
    }

    /// The SIGABRT action: restores the terminal if the reader still has it.
    fn restore() {
        if !TERMINAL_TAKEN.swap(false, Ordering::SeqCst) {
            return;
        }
        write_all(libc::STDOUT_FILENO, RESET);
        if let Some(modes) = SAVED.get() {
            // SAFETY: a valid `termios` read by tcgetattr(3) on the same descriptor.
            unsafe {
                libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, modes);
            }
        }
        write_all(libc::STDERR_FILENO, MESSAGE);
    }

    fn write_all(fd: i32, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            // SAFETY: `bytes` is a valid buffer of `bytes.len()` bytes.
            let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
            match usize::try_from(n) {
                Ok(n) if n > 0 => bytes = bytes.get(n..).unwrap_or_default(),
                // Reading errno allocates nothing.
                Err(_) if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) => {}
                _ => return,
            }
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
/// 0.29 with its mio event source spins for ever reading a hung-up terminal inside `event::poll`,
/// timeout or not (crossterm-rs/crossterm#793), so the loop may never look at its stop flag again;
/// the `use-dev-tty` source this crate uses returns an error instead, but the watchdog stays, as
/// the one guard that does not depend on how crossterm reads.
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

    /// True when standard input (the terminal) has hung up, now.
    pub(super) fn gone() -> bool {
        let mut fd = libc::pollfd {
            fd: libc::STDIN_FILENO,
            events: 0,
            revents: 0,
        };
        // SAFETY: `fd` is one valid, exclusively borrowed `pollfd`, and the count passed is 1.
        let n = unsafe { libc::poll(&mut fd, 1, 0) };
        n > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR) != 0
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
