//! Notices a terminal that went away (window closed, connection dropped): the loop must end and
//! the state be saved even when nothing sends SIGHUP, and even when the loop is stuck. crossterm
//! 0.29 with its mio event source spins for ever reading a hung-up terminal inside `event::poll`,
//! timeout or not (crossterm-rs/crossterm#793), so the loop may never look at its stop flag again;
//! the `use-dev-tty` source this crate uses returns an error instead, but the watchdog stays, as
//! the one guard that does not depend on how crossterm reads. The watchdog runs on unix; the
//! [`Checkpoint`] the loop keeps for it is kept everywhere.

use crate::corpus::state::Changes;
// What the watchdog needs.
#[cfg(unix)]
use {
    crate::corpus::state::SaverHandle,
    crate::tui::terminal::lock,
    rustix::event::{PollFd, PollFlags, Timespec, poll},
    rustix::io::Errno,
    std::sync::atomic::{AtomicBool, Ordering},
    std::sync::{Arc, Mutex},
    std::time::Duration,
};

/// How long the loop has to end by itself once the terminal is gone.
#[cfg(unix)]
const GRACE: Duration = Duration::from_secs(1);

/// The reader's latest changes, for the watchdog, and whether the loop has ended.
#[derive(Debug, Default)]
pub struct Checkpoint {
    /// The changes not handed to the saver yet, as of the last event handled. `pub`: the loop
    /// hands them over under the checkpoint's lock, the watchdog saves them.
    pub changes: Changes,
    /// The loop has returned: the watchdog must not save or exit. `pub`: set by the loop's end.
    pub finished: bool,
}

/// Starts a thread that waits for standard input (the terminal) to hang up, then sets `stop`.
/// If the loop has not ended after [`GRACE`], the thread saves the last checkpoint through
/// `saver` (after the saves asked before) and ends the process (there is no terminal left to
/// restore).
#[cfg(unix)]
pub fn watch(
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

/// What poll(2) says of standard input within `timeout` (`None`: for as long as it takes), asking
/// for no event: only a hangup, an error or a closed descriptor come back.
#[cfg(unix)]
fn poll_stdin(timeout: Option<&Timespec>) -> rustix::io::Result<PollFlags> {
    let stdin = std::io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
    poll(&mut fds, timeout)?;
    Ok(fds[0].revents())
}

/// True when standard input (the terminal) has hung up, now.
#[cfg(unix)]
pub fn gone() -> bool {
    let now = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    poll_stdin(Some(&now)).is_ok_and(|r| r.intersects(PollFlags::HUP | PollFlags::ERR))
}

/// Blocks until standard input hangs up (true), or cannot be watched (false).
#[cfg(unix)]
fn wait_for_hangup() -> bool {
    loop {
        match poll_stdin(None) {
            Err(Errno::INTR) => {}
            Err(_) => return false,
            Ok(r) if r.contains(PollFlags::NVAL) => return false,
            Ok(r) if r.intersects(PollFlags::HUP | PollFlags::ERR) => return true,
            Ok(_) => {}
        }
    }
}
