//! A fatal abort while the reader has the terminal: an allocation failure (Rust aborts the process
//! then, with no unwinding and no panic hook), a panic inside a panic, a stack overflow, an
//! explicit `abort`. All of them end in abort(3), which raises SIGABRT: its handler puts the
//! terminal back with nothing but write(2) and tcsetattr(3) (both async-signal-safe) and returns,
//! and abort(3) then ends the process as it would have.
//!
//! Why not a global allocator that restores the terminal when it returns null: a null return is
//! not always fatal. `std::fs::read` and `read_to_end` ask with `try_reserve` and turn a refusal
//! into an error the loader reports for that one file, and the reader goes on; restoring the
//! terminal then would leave a running reader on a broken screen. SIGABRT comes only once the
//! process is certain to end. What it cannot do: save the reading position (saving allocates);
//! and nothing can catch the kernel's OOM killer (SIGKILL).

use std::sync::OnceLock;
use std::sync::atomic::Ordering;

use crate::tui::terminal::TERMINAL_TAKEN;

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
pub fn prepare() -> Option<signal_hook::SigId> {
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
pub fn forget(id: Option<signal_hook::SigId>) {
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
