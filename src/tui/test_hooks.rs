//! What the event loop does for the end-to-end tests, and nothing in a real build: with the cargo
//! feature `test-hooks` (turned on by `cargo test` only), `AES_READER_TEST_PANIC` makes the reader
//! panic on purpose after an article is opened, so the tests can check the terminal is restored
//! and the state saved. Without the feature, [`Hooks`] is empty and does nothing.

use crossterm::event::Event;
#[cfg(feature = "test-hooks")]
use crossterm::event::KeyEventKind;

use crate::tui::action::Action;
use crate::tui::keymap::Context;

/// The environment variable that makes the reader panic on purpose. Unset (always, in real use),
/// it does nothing; an unknown value does nothing either.
#[cfg(feature = "test-hooks")]
pub const TEST_PANIC_VAR: &str = "AES_READER_TEST_PANIC";

/// The failure asked for by [`TEST_PANIC_VAR`], each once an article has been opened from the
/// list, at the next key (the key is handled first).
#[cfg(feature = "test-hooks")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestPanic {
    /// `after-open`: the reader's own thread panics.
    ReaderThread,
    /// `thread-after-open`: a background thread panics (as a loading or search thread could)
    /// and the reader goes on.
    BackgroundThread,
    /// `alloc-failure-after-open`: the reader asks for a terabyte of memory; the allocation fails
    /// (under `ulimit -v`, or past what the system will ever grant) and the process aborts, as any
    /// allocation failure makes it.
    AllocFailure,
}

#[cfg(feature = "test-hooks")]
impl TestPanic {
    /// What [`TEST_PANIC_VAR`] asks for, if anything.
    pub fn from_env() -> Option<TestPanic> {
        match std::env::var(TEST_PANIC_VAR).ok()?.as_str() {
            "after-open" => Some(TestPanic::ReaderThread),
            "thread-after-open" => Some(TestPanic::BackgroundThread),
            "alloc-failure-after-open" => Some(TestPanic::AllocFailure),
            _ => None,
        }
    }

    /// Panics (here, or on a thread of its own that is waited for), or fails to allocate.
    pub fn fire(self) {
        let message = "a panic on purpose (AES_READER_TEST_PANIC is set, for testing)";
        match self {
            TestPanic::ReaderThread => panic!("{message}"),
            TestPanic::BackgroundThread => {
                let thread = std::thread::Builder::new()
                    .name("test-panic".into())
                    .spawn(move || panic!("{message}"));
                // Waiting makes the panic (and its hook) happen before the next key is read.
                if let Ok(handle) = thread {
                    let _ = handle.join();
                }
            }
            TestPanic::AllocFailure => {
                let huge: Vec<u8> = Vec::with_capacity(1 << 40);
                std::hint::black_box(huge);
            }
        }
    }
}

/// What the event loop tracks for [`TestPanic`].
#[cfg(feature = "test-hooks")]
#[derive(Debug)]
pub struct Hooks {
    panic: Option<TestPanic>,
    /// An article was opened from the list.
    opened: bool,
}

#[cfg(feature = "test-hooks")]
impl Hooks {
    /// The hooks [`TEST_PANIC_VAR`] asks for.
    pub fn from_env() -> Hooks {
        Hooks {
            panic: TestPanic::from_env(),
            opened: false,
        }
    }

    /// Called after the loop handled `event` (which became `action` in `context`); `open` says
    /// whether an article is in the reading pane now. Fires the panic at the first key after an
    /// article was opened from the list.
    pub fn after(&mut self, event: &Event, action: Option<Action>, context: Context, open: bool) {
        let Some(panic) = self.panic else {
            return;
        };
        let key = matches!(event, Event::Key(k) if k.kind != KeyEventKind::Release);
        if self.opened && key {
            panic.fire();
            self.panic = None;
        }
        self.opened |= action == Some(Action::Open) && context == Context::List && open;
    }
}

/// Without the `test-hooks` feature: no hooks.
#[cfg(not(feature = "test-hooks"))]
#[derive(Debug)]
pub struct Hooks;

#[cfg(not(feature = "test-hooks"))]
impl Hooks {
    /// No hooks.
    pub fn from_env() -> Hooks {
        Hooks
    }

    /// Does nothing.
    #[inline]
    pub fn after(
        &mut self,
        _event: &Event,
        _action: Option<Action>,
        _context: Context,
        _open: bool,
    ) {
    }
}
