//! The end-to-end harness: a program (the reader, or a shell that starts it) in a pseudo-terminal of
//! a given size, driven from the test itself with nothing but Rust crates (no tmux, no display). Keys
//! go in through the pty master; a thread reads everything the program writes, keeps the raw bytes
//! (for the escape-sequence checks, stricter than a screen) and feeds a `vt100` screen (text,
//! colours, cursor, modes, bells, titles, clipboard writes). A resize goes through the master (the
//! kernel sends SIGWINCH); [`Term::hang_up`] closes the master (the kernel hangs the terminal up and
//! sends SIGHUP). Waits poll the screen until a condition holds, with a generous timeout.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::os::fd::BorrowedFd;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use rustix::event::{PollFd, PollFlags, Timespec, poll};
pub use rustix::process::Signal;
use rustix::process::{Pid, kill_process};

use super::reader::reader;
pub use vt100::{MouseProtocolEncoding, MouseProtocolMode};

/// How long a wait for the screen (or a file, or an exit) lasts before the test fails: long, so a
/// loaded two-core machine never fails a test that would pass; a wait ends as soon as its condition
/// holds.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// The `TERM` the programs see (the terminal `vt100` emulates).
pub const TERM: &str = "xterm-256color";

/// The DEC private modes the reader turns on (without `--no-mouse`), to be off after it: the
/// alternate screen (1049), bracketed paste (2004) and mouse reporting (1000 clicks, 1002 drags,
/// 1003 all motion, 1006 SGR and 1015 urxvt encodings).
pub const READER_MODES: [u16; 7] = [1049, 2004, 1000, 1002, 1003, 1006, 1015];

/// How long the output must have been still before a wait looks at the screen: a program writes a
/// frame in many pieces, and a screen read between two of them shows half of it.
const QUIET: Duration = Duration::from_millis(50);

/// A program that never stops writing still has its screen looked at this often.
const QUIET_AT_MOST: Duration = Duration::from_secs(1);

// ------------------------------------------------------------------------------------ the command

/// What to start in the terminal: a program, its arguments and environment (the test's own, with
/// `TERM` set and `COLUMNS`/`LINES` removed), in the test's working folder.
pub struct Cmd(CommandBuilder);

impl Cmd {
    pub fn new(program: impl AsRef<OsStr>) -> Cmd {
        let mut c = CommandBuilder::new(program);
        c.cwd(std::env::current_dir().expect("the test's working folder"));
        c.env("TERM", TERM);
        // The reader's corpus cache goes under the build's temporary folder, not ~/.cache.
        c.env(
            "AES_READER_CACHE_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("test-cache"),
        );
        // Nor a developer's own configuration file: the reader's built-in settings unless a test
        // gives one (a later `env` replaces these).
        c.env(
            "XDG_CONFIG_HOME",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("test-config"),
        );
        c.env_remove("AES_READER_CONFIG");
        c.env_remove("COLUMNS");
        c.env_remove("LINES");
        Cmd(c)
    }

    /// The reader binary under test.
    pub fn reader() -> Cmd {
        Cmd::new(reader())
    }

    /// `sh`, interactive (its standard input is the terminal), for tests that type shell lines.
    pub fn shell() -> Cmd {
        Cmd::new("sh")
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Cmd {
        self.0.arg(arg);
        self
    }

    pub fn args<S: AsRef<OsStr>>(mut self, args: impl IntoIterator<Item = S>) -> Cmd {
        self.0.args(args);
        self
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Cmd {
        self.0.env(key, value);
        self
    }

    /// Starts the program without `key` in its environment.
    pub fn env_remove(mut self, key: impl AsRef<OsStr>) -> Cmd {
        self.0.env_remove(key);
        self
    }
}

// ------------------------------------------------------------------------------------ the terminal

/// What the terminal was asked to do besides drawing (the events tmux would flag).
#[derive(Debug, Default)]
pub struct Events {
    pub bells: usize,
    pub titles: Vec<Vec<u8>>,
    pub clipboard_writes: Vec<Vec<u8>>,
}

impl vt100::Callbacks for Events {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }

    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }

    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(name.to_vec());
    }

    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }

    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], data: &[u8]) {
        self.clipboard_writes.push(data.to_vec());
    }
}

/// Everything the program wrote, as bytes and as a screen.
struct Output {
    screen: vt100::Parser<Events>,
    raw: Vec<u8>,
    /// Every process holding the terminal has closed it: no more output will come.
    closed: bool,
    /// When the last bytes came.
    last_output: Instant,
}

struct Shared {
    output: Mutex<Output>,
    changed: Condvar,
}

/// One program in its own pseudo-terminal; on drop, the terminal is hung up and the program, if
/// still running, killed.
pub struct Term {
    shared: Arc<Shared>,
    master: Option<Box<dyn MasterPty + Send>>,
    input: Option<Mutex<File>>,
    child: Mutex<Box<dyn Child + Send + Sync>>,
    stop: Arc<AtomicBool>,
    pump: Option<JoinHandle<()>>,
    what: String,
}

fn size(width: u16, height: u16) -> PtySize {
    PtySize {
        rows: height,
        cols: width,
        ..PtySize::default()
    }
}

impl Term {
    /// Starts `cmd` in a `width`x`height` terminal.
    pub fn start(width: u16, height: u16, cmd: Cmd) -> Term {
        let what = format!("{:?}", cmd.0.get_argv());
        let pty = native_pty_system()
            .openpty(size(width, height))
            .unwrap_or_else(|e| panic!("could not open a pseudo-terminal for {what}: {e:#}"));
        let child = pty
            .slave
            .spawn_command(cmd.0)
            .unwrap_or_else(|e| panic!("could not start {what} in a pseudo-terminal: {e:#}"));
        // Only the program holds the terminal's side: its end is our end of file.
        drop(pty.slave);
        let fd = pty
            .master
            .as_raw_fd()
            .expect("a unix pty master has a descriptor");
        // SAFETY: `fd` is the master's own descriptor, open as long as `pty.master`, which lives
        // across this borrow. Our own duplicates (close-on-exec) read and write it, so that closing
        // the master is up to us (portable-pty's writer types an end of file when dropped).
        let master_fd = unsafe { BorrowedFd::borrow_raw(fd) };
        let dup = || {
            File::from(
                master_fd
                    .try_clone_to_owned()
                    .expect("duplicate the pty master"),
            )
        };
        let (input, output) = (dup(), dup());
        let shared = Arc::new(Shared {
            output: Mutex::new(Output {
                screen: vt100::Parser::new_with_callbacks(
                    nonzero(height),
                    nonzero(width),
                    0,
                    Events::default(),
                ),
                raw: Vec::new(),
                closed: false,
                last_output: Instant::now(),
            }),
            changed: Condvar::new(),
        });
        let stop = Arc::new(AtomicBool::new(false));
        let pump = {
            let (shared, stop) = (shared.clone(), stop.clone());
            std::thread::spawn(move || pump(output, &shared, &stop))
        };
        Term {
            shared,
            master: Some(pty.master),
            input: Some(Mutex::new(input)),
            child: Mutex::new(child),
            stop,
            pump: Some(pump),
            what,
        }
    }

    fn output(&self) -> MutexGuard<'_, Output> {
        self.shared.output.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes bytes to the program as typed input.
    pub fn write(&self, bytes: &[u8]) {
        let input = self.input.as_ref().expect("the terminal was hung up");
        let mut input = input.lock().unwrap_or_else(|e| e.into_inner());
        input
            .write_all(bytes)
            .unwrap_or_else(|e| panic!("could not type into the terminal of {}: {e}", self.what));
    }

    /// Sends keys by tmux name (`Enter`, `Escape`, `Tab`, `BTab`, `Space`, `BSpace`, `Up`, `Down`,
    /// `PageUp`, `PageDown`, `Home`, `End`, `C-d` …), as tmux would send them; anything else is typed
    /// as it is (`j`, `?`, `é`).
    pub fn keys(&self, keys: &[&str]) {
        let app_cursor = self.output().screen.screen().application_cursor();
        let bytes: Vec<u8> = keys.iter().flat_map(|k| key_bytes(k, app_cursor)).collect();
        self.write(&bytes);
    }

    /// Types `text` literally.
    pub fn text(&self, text: &str) {
        self.write(text.as_bytes());
    }

    /// Types a shell command line and Enter.
    pub fn line(&self, command: &str) {
        self.text(command);
        self.keys(&["Enter"]);
    }

    /// Pastes `text` as a terminal does: inside bracketed-paste markers when the program asked for
    /// them, as plain typing otherwise.
    pub fn paste(&self, text: &str) {
        if self.output().screen.screen().bracketed_paste() {
            self.write(format!("\u{1b}[200~{text}\u{1b}[201~").as_bytes());
        } else {
            self.text(text);
        }
    }

    /// Resizes the terminal to `width`x`height`: the screen at once, the program through SIGWINCH.
    pub fn resize(&self, width: u16, height: u16) {
        // Under the screen's lock, so the output that follows is read at the new size.
        let mut out = self.output();
        out.screen.set_size(nonzero(height), nonzero(width));
        let master = self.master.as_ref().expect("the terminal was hung up");
        master
            .resize(size(width, height))
            .unwrap_or_else(|e| panic!("could not resize the terminal to {width}x{height}: {e:#}"));
    }

    /// The visible text, one line per row, trailing spaces removed (as `tmux capture-pane -p`).
    pub fn screen(&self) -> String {
        text_of(self.output().screen.screen())
    }

    /// The visible contents with their colours and attributes: each row's cells, with a `{…}` note
    /// of the style wherever it changes. A cell never written and one holding a space look alike,
    /// as on a real terminal.
    pub fn styled_screen(&self) -> String {
        styled_text_of(self.output().screen.screen())
    }

    /// The cursor: column, row, and whether it is shown.
    pub fn cursor(&self) -> (u16, u16, bool) {
        let out = self.output();
        let screen = out.screen.screen();
        let (row, col) = screen.cursor_position();
        (col, row, !screen.hide_cursor())
    }

    /// True while the alternate screen is on.
    pub fn alternate_on(&self) -> bool {
        self.output().screen.screen().alternate_screen()
    }

    /// True while the cursor is shown.
    pub fn cursor_shown(&self) -> bool {
        !self.output().screen.screen().hide_cursor()
    }

    /// The mouse reporting asked for, and its encoding.
    pub fn mouse(&self) -> (MouseProtocolMode, MouseProtocolEncoding) {
        let out = self.output();
        let screen = out.screen.screen();
        (
            screen.mouse_protocol_mode(),
            screen.mouse_protocol_encoding(),
        )
    }

    /// True while bracketed paste is on.
    pub fn bracketed_paste(&self) -> bool {
        self.output().screen.screen().bracketed_paste()
    }

    /// Runs `f` on what the terminal was asked besides drawing (bells, titles, clipboard).
    pub fn events<T>(&self, f: impl FnOnce(&Events) -> T) -> T {
        f(self.output().screen.callbacks())
    }

    /// Every byte the program wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.output().raw.clone()
    }

    /// How many bytes the program wrote so far.
    pub fn raw_len(&self) -> usize {
        self.output().raw.len()
    }

    /// The DEC private modes the program switched (`CSI ? n h` on, `CSI ? n l` off), each with its
    /// last switch: read from the raw bytes, so a mode switched between two screen reads counts.
    pub fn private_modes(&self) -> BTreeMap<u16, bool> {
        private_modes(&self.output().raw)
    }

    /// Checks, in the bytes the program wrote, that it turned each of `modes` on and, last, off
    /// again, and that it hid the cursor (mode 25) and, last, showed it again.
    pub fn assert_modes_restored(&self, modes: &[u16]) {
        let switched = self.private_modes();
        for mode in modes {
            assert_eq!(
                switched.get(mode),
                Some(&false),
                "mode {mode} was not turned on and then off: {switched:?}\n{}",
                self.screen()
            );
        }
        assert_eq!(
            switched.get(&25),
            Some(&true),
            "the cursor was not shown again: {switched:?}"
        );
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child()
            .process_id()
            .expect("a started program has a pid")
    }

    fn child(&self) -> MutexGuard<'_, Box<dyn Child + Send + Sync>> {
        self.child.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// How the program ended (`exit N` or `signal NAME`), or `None` while it runs.
    pub fn exit_status(&self) -> Option<String> {
        let status = self
            .child()
            .try_wait()
            .unwrap_or_else(|e| panic!("could not wait for {}: {e}", self.what))?;
        Some(match status.signal() {
            Some(signal) => format!("signal {signal}"),
            None => format!("exit {}", status.exit_code()),
        })
    }

    /// Waits for the program to end and for everything it wrote to be read, and returns how it
    /// ended: `exit N` or `signal NAME`.
    pub fn wait_for_exit(&self) -> String {
        let how = wait_until(&format!("{} to end", self.what), || self.exit_status());
        let closed = self.wait_output(TIMEOUT, |out| out.closed.then_some(()));
        assert!(
            closed.is_ok(),
            "{} ended ({how}) but its terminal was still held open {TIMEOUT:?} later",
            self.what
        );
        how
    }

    /// Polls the screen until `ok` holds (for [`TIMEOUT`] at most), and returns it.
    pub fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        match self.wait_up_to(TIMEOUT, ok) {
            Ok(screen) => screen,
            Err(screen) => panic!("timed out waiting for {what}; the screen was:\n{screen}"),
        }
    }

    /// Waits until the screen shows `needle`.
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait(&format!("{needle:?}"), |s| s.contains(needle))
    }

    /// Polls the screen until `ok` holds or `timeout` passes: the screen that passed, or the last
    /// one seen. Ends early (failing) once the terminal is closed and the screen no longer holds.
    /// Looks at whole frames only (see [`QUIET`]).
    pub fn wait_up_to(
        &self,
        timeout: Duration,
        ok: impl Fn(&str) -> bool,
    ) -> Result<String, String> {
        let mut last = String::new();
        let found = self.wait_output(timeout, |out| {
            last = text_of(out.screen.screen());
            if ok(&last) {
                Some(Ok(()))
            } else if out.closed {
                Some(Err(()))
            } else {
                None
            }
        });
        match found {
            Ok(Ok(())) => Ok(last),
            _ => Err(last),
        }
    }

    /// Calls `check` on the output once it has been still for [`QUIET`] after a change (or closed,
    /// or [`QUIET_AT_MOST`] after the last look), until it gives a value, for `timeout` at most.
    fn wait_output<T>(
        &self,
        timeout: Duration,
        mut check: impl FnMut(&Output) -> Option<T>,
    ) -> Result<T, ()> {
        let deadline = Instant::now() + timeout;
        let mut looked = Instant::now();
        let mut out = self.output();
        loop {
            let now = Instant::now();
            let still = now.saturating_duration_since(out.last_output);
            if out.closed || still >= QUIET || now >= looked + QUIET_AT_MOST || now >= deadline {
                looked = now;
                if let Some(v) = check(&out) {
                    return Ok(v);
                }
                if now >= deadline {
                    return Err(());
                }
            }
            let step = if still < QUIET {
                QUIET - still
            } else {
                Duration::from_millis(100)
            };
            let step = step.min(deadline.saturating_duration_since(now));
            out = match self.shared.changed.wait_timeout(out, step) {
                Ok((out, _)) => out,
                Err(e) => e.into_inner().0,
            };
        }
    }

    /// The screen once the program has stopped writing for a moment (a read can land in the middle
    /// of a redraw).
    pub fn settled_screen(&self) -> String {
        let mut last = self.raw_len();
        for _ in 0..100 {
            std::thread::sleep(Duration::from_millis(100));
            let now = self.raw_len();
            if now == last {
                break;
            }
            last = now;
        }
        self.screen()
    }

    /// Closes the terminal, as a window that goes away: the kernel hangs it up and sends SIGHUP to
    /// the program. The screen keeps what was read before.
    pub fn hang_up(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(pump) = self.pump.take() {
            let _ = pump.join();
        }
        self.input = None;
        self.master = None;
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        self.hang_up();
        // A program still running is given a moment to end on the hang-up, then killed.
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut child = self.child();
        while child.try_wait().ok().flatten().is_none() {
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal is at least 1x1")
}

/// Reads what the program writes into the screen until the terminal closes or `stop` is set
/// (checked every 50 ms, so that a hang-up can close every descriptor of the master).
fn pump(mut from: File, shared: &Shared, stop: &AtomicBool) {
    let mut buf = vec![0; 1 << 16];
    let tick = Timespec {
        tv_sec: 0,
        tv_nsec: 50_000_000,
    };
    while !stop.load(Ordering::SeqCst) {
        let mut fds = [PollFd::new(&from, PollFlags::IN)];
        match poll(&mut fds, Some(&tick)) {
            Ok(0) => continue,
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => break,
        }
        match from.read(&mut buf) {
            // EIO: the program's side is closed (Linux).
            Ok(0) => break,
            Err(e) if matches!(e.kind(), ErrorKind::Interrupted | ErrorKind::WouldBlock) => {}
            Err(_) => break,
            Ok(n) => {
                let mut out = shared.output.lock().unwrap_or_else(|e| e.into_inner());
                out.raw.extend_from_slice(&buf[..n]);
                out.screen.process(&buf[..n]);
                out.last_output = Instant::now();
                drop(out);
                shared.changed.notify_all();
            }
        }
    }
    shared
        .output
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .closed = true;
    shared.changed.notify_all();
}

/// The rows of `screen`, trailing spaces removed, each followed by a newline.
fn text_of(screen: &vt100::Screen) -> String {
    let (_, cols) = screen.size();
    screen
        .rows(0, cols.get())
        .map(|r| format!("{}\n", r.trim_end()))
        .collect()
}

/// The rows of `screen` with a note of the style (colours, bold, dim, italic, underline, inverse)
/// before each cell whose style differs from the one before it.
fn styled_text_of(screen: &vt100::Screen) -> String {
    let (rows, cols) = screen.size();
    let mut text = String::new();
    let mut last = String::new();
    for row in 0..rows.get() {
        for col in 0..cols.get() {
            let Some(cell) = screen.cell(row, col) else {
                continue;
            };
            if cell.is_wide_continuation() {
                continue;
            }
            let style = format!(
                "{{{:?} on {:?}{}{}{}{}{}}}",
                cell.fgcolor(),
                cell.bgcolor(),
                if cell.bold() { " bold" } else { "" },
                if cell.dim() { " dim" } else { "" },
                if cell.italic() { " italic" } else { "" },
                if cell.underline() { " underline" } else { "" },
                if cell.inverse() { " inverse" } else { "" },
            );
            if style != last {
                text.push_str(&style);
                last = style;
            }
            text.push_str(if cell.has_contents() {
                cell.contents()
            } else {
                " "
            });
        }
        text.push('\n');
    }
    text
}

/// The bytes tmux sends for a key name (`app_cursor`: the program asked for application cursor
/// keys), or the name itself typed when it names no key.
fn key_bytes(key: &str, app_cursor: bool) -> Vec<u8> {
    let arrow = |c: char| {
        if app_cursor {
            format!("\u{1b}O{c}")
        } else {
            format!("\u{1b}[{c}")
        }
    };
    let s = match key {
        "Enter" => "\r".to_owned(),
        "Escape" => "\u{1b}".to_owned(),
        "Tab" => "\t".to_owned(),
        "BTab" => "\u{1b}[Z".to_owned(),
        "Space" => " ".to_owned(),
        "BSpace" => "\u{7f}".to_owned(),
        "Up" => arrow('A'),
        "Down" => arrow('B'),
        "Right" => arrow('C'),
        "Left" => arrow('D'),
        "Home" => "\u{1b}[1~".to_owned(),
        "End" => "\u{1b}[4~".to_owned(),
        "PageUp" | "PPage" => "\u{1b}[5~".to_owned(),
        "PageDown" | "NPage" => "\u{1b}[6~".to_owned(),
        _ => match key.strip_prefix("C-") {
            Some(c) if c.len() == 1 && c.as_bytes()[0].is_ascii_alphabetic() => {
                return vec![c.as_bytes()[0].to_ascii_lowercase() & 0x1f];
            }
            _ => key.to_owned(),
        },
    };
    s.into_bytes()
}

/// The DEC private modes switched in `raw` (`CSI ? n;m… h|l`), each with its last switch.
pub fn private_modes(raw: &[u8]) -> BTreeMap<u16, bool> {
    let mut modes = BTreeMap::new();
    let mut rest = raw;
    while let Some(at) = rest.windows(3).position(|w| w == b"\x1b[?") {
        rest = &rest[at + 3..];
        let len = rest
            .iter()
            .position(|b| !(b.is_ascii_digit() || *b == b';'))
            .unwrap_or(rest.len());
        let on = match rest.get(len) {
            Some(b'h') => true,
            Some(b'l') => false,
            _ => continue,
        };
        for n in rest[..len].split(|b| *b == b';') {
            if let Some(n) = std::str::from_utf8(n).ok().and_then(|n| n.parse().ok()) {
                modes.insert(n, on);
            }
        }
        rest = &rest[len..];
    }
    modes
}

// ------------------------------------------------------------------------------------ helpers

/// Polls until `ok` returns something (for [`TIMEOUT`] at most); `what` names it in the failure.
pub fn wait_until<T>(what: &str, mut ok: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(v) = ok() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Sends `signal` to process `pid`.
pub fn send_signal(pid: u32, signal: Signal) {
    let target = i32::try_from(pid).ok().and_then(Pid::from_raw);
    let target = target.unwrap_or_else(|| panic!("{pid} is not a process id"));
    kill_process(target, signal).unwrap_or_else(|e| panic!("kill -{signal:?} {pid} failed: {e}"));
}

/// `p` quoted for `sh`.
pub fn quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}
