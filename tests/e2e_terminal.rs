//! End-to-end terminal safety, in a pseudo-terminal: a resize storm with keys between the resizes
//! (the reader lives, and ends on the same screen as a fresh start); a panic, each stop signal (TERM,
//! HUP, INT, QUIT, USR1, USR2, ALRM, PIPE) and a closed terminal each end it with the terminal
//! restored and the state saved; an allocation failure ends it with the terminal restored; a
//! background thread's panic leaves it running; `TERM=dumb` is refused without a single escape
//! sequence; a warning is printed again at exit.
#![cfg(unix)]

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use aes_reader::corpus::Origin;
use aes_reader::corpus::state::{self, ReaderState, StateFile};
use support::reader::{
    articles, corpus_size, list_focused_with_all, list_rows, reader, selected_line,
};
use support::term::{
    Cmd, MouseProtocolEncoding, MouseProtocolMode, READER_MODES, Signal, Term, private_modes,
    quote, send_signal, wait_until,
};
use tempfile::TempDir;

// ---------------------------------------------------------------------------------------------
// Resize storm

/// A small deterministic generator (splitmix64): the same storm on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() as usize % items.len()]
    }
}

/// The storm's seed; `AES_READER_STORM_SEED` replays another one.
fn storm_seed() -> u64 {
    std::env::var("AES_READER_STORM_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x00AE_5EED)
}

/// Groups of resizes and keys sent in one go (so some resizes land while a frame is being drawn).
const STORM_BATCHES: usize = 300;

/// The pause between two groups: about what starting a tmux client took when tmux drove the storm,
/// so the reader draws between groups as it did then. Pacing only; nothing waits on it.
const STORM_PACE: Duration = Duration::from_millis(5);

/// Keys of every context but quitting (`q`, Ctrl-c): the storm must end with the reader alive.
const STORM_KEYS: &[&str] = &[
    "j", "k", "Down", "Up", "g", "G", "Tab", "BTab", "Enter", "Escape", "?", "Space", "b", "n",
    "N", "m", "PageDown", "PageUp", "C-d", "C-u", "Home", "End",
];

/// Letters typed into the filter; none is a command elsewhere, in case the filter did not open
/// (help was up).
const FILTER_LETTERS: &[&str] = &["a", "e", "i", "l", "o", "r", "s", "t", "u", "c", "é"];

/// One move of the storm.
enum Storm {
    Resize(u16, u16),
    Keys(Vec<&'static str>),
}

/// One random move: a resize (tiny sizes often: they cross the layout thresholds) or keys.
fn storm_command(rng: &mut Rng) -> Storm {
    let roll = rng.range(0, 99);
    if roll < 55 {
        let (w, h) = if roll < 20 {
            (rng.range(1, 45), rng.range(1, 12))
        } else {
            (rng.range(1, 300), rng.range(1, 100))
        };
        return Storm::Resize(w as u16, h as u16);
    }
    let mut keys = Vec::new();
    if roll < 65 {
        // `/`, a few letters, then keep, clear or delete.
        keys.push("/");
        for _ in 0..rng.range(1, 4) {
            keys.push(*rng.pick(FILTER_LETTERS));
        }
        keys.push(*rng.pick(&["Enter", "Escape", "BSpace"]));
    } else {
        for _ in 0..rng.range(1, 3) {
            keys.push(*rng.pick(STORM_KEYS));
        }
    }
    Storm::Keys(keys)
}

/// The reader with the seed corpus and the state under `state`.
fn reader_command(state: &Path) -> Cmd {
    Cmd::reader()
        .env("XDG_STATE_HOME", state)
        .arg("--dir")
        .arg(articles())
}

/// Fails if the reader has died or panicked.
fn assert_alive(t: &Term, when: &str) {
    let screen = t.screen();
    if let Some(how) = t.exit_status() {
        panic!("the reader died {when} ({how}); its last screen:\n{screen}");
    }
    assert!(!screen.contains("panicked"), "{when}:\n{screen}");
}

/// The list has the keyboard, no help, no filter line, every article listed.
fn at_home(screen: &str, articles: usize) -> bool {
    list_focused_with_all(screen, articles)
        && list_rows(screen) == articles
        && !screen.contains(" Keys ")
        && !screen.lines().any(|l| l.starts_with('/'))
}

/// Escape until [`at_home`]. Each Escape goes alone and is waited for: an Escape followed at once by
/// another key reads as Alt+key.
fn escape_to_home(t: &Term, articles: usize) {
    for _ in 0..8 {
        if at_home(&t.screen(), articles) {
            return;
        }
        t.keys(&["Escape"]);
        let _ = t.wait_up_to(Duration::from_secs(1), |s| at_home(s, articles));
    }
    t.wait("the list focused, unfiltered, without help", |s| {
        at_home(s, articles)
    });
}

/// Drives the reader to a state that does not depend on its past: list focused, no filter, the
/// first article shown from its top, its first quote selected. Returns the screen.
fn drive_to_known_state(t: &Term, articles: usize) -> String {
    escape_to_home(t, articles);
    // A barrier: once help shows, every key sent before (the storm's) has been read.
    for _ in 0..5 {
        t.keys(&["?"]);
        if t.wait_up_to(Duration::from_secs(1), |s| s.contains(" Keys "))
            .is_ok()
        {
            break;
        }
    }
    t.wait_for(" Keys ");
    escape_to_home(t, articles);
    // `g j g` shows the first article afresh (no marked quote, first quote selected).
    t.keys(&["g"]);
    t.wait("the first article", |s| selected_line(s) == Some(1));
    t.keys(&["j"]);
    t.wait("the second article", |s| selected_line(s) == Some(2));
    t.keys(&["g"]);
    t.wait("the first article again", |s| selected_line(s) == Some(1));
    // Its top (it may have been scrolled, and the position kept), then back to the list.
    t.keys(&["Tab"]);
    t.wait_for("▶ Article ");
    t.keys(&["g", "Tab"]);
    t.wait_for("▶ Quotes");
    t.keys(&["Tab"]);
    t.wait("the list focused, whole", |s| {
        list_focused_with_all(s, articles)
    });
    t.settled_screen()
}

#[test]
fn a_resize_storm_with_keys_ends_on_the_screen_of_a_fresh_start() {
    let n = corpus_size();
    let state = tempfile::tempdir().unwrap();
    let t = Term::start(100, 30, reader_command(state.path()));
    t.wait_for("1 Articles");

    let seed = storm_seed();
    let mut rng = Rng(seed);
    let mut resizes = 0;
    for batch in 0..STORM_BATCHES {
        for _ in 0..rng.range(1, 3) {
            match storm_command(&mut rng) {
                Storm::Resize(w, h) => {
                    t.resize(w, h);
                    resizes += 1;
                }
                Storm::Keys(keys) => t.keys(&keys),
            }
        }
        std::thread::sleep(STORM_PACE);
        if batch % 25 == 0 {
            assert_alive(&t, &format!("in the storm (seed {seed}, batch {batch})"));
        }
    }
    assert!(resizes >= 200, "only {resizes} resizes");
    assert_alive(&t, &format!("after the storm (seed {seed})"));

    t.resize(100, 30);
    let storm_screen = drive_to_known_state(&t, n);
    let storm_styled = t.styled_screen();
    let storm_cursor = t.cursor();
    assert_alive(&t, &format!("after the storm (seed {seed})"));
    // Quit, so the fresh start reads the same read marks (Enter in the storm marked some).
    t.keys(&["q"]);
    assert_eq!(t.wait_for_exit(), "exit 0", "{}", t.screen());
    drop(t);

    let fresh = Term::start(100, 30, reader_command(state.path()));
    fresh.wait_for("1 Articles");
    let fresh_screen = drive_to_known_state(&fresh, n);
    assert_eq!(
        storm_screen, fresh_screen,
        "after the storm (seed {seed}) the screen differs from a fresh start's"
    );
    assert_eq!(
        storm_styled,
        fresh.styled_screen(),
        "same text, different styles after the storm (seed {seed})"
    );
    assert_eq!(storm_cursor, fresh.cursor());
}

// ---------------------------------------------------------------------------------------------
// Panic, SIGTERM, SIGHUP

/// A reader started from a shell in a terminal, as a user would, so the test can type in that shell
/// once the reader has ended.
struct Session {
    t: Term,
    work: TempDir,
    state: TempDir,
}

impl Session {
    /// Records the shell's terminal modes, then starts the reader (with `AES_READER_TEST_PANIC`
    /// set to `test_panic`, if given) and waits for its list.
    fn start(test_panic: Option<&str>) -> Session {
        Session::start_with(test_panic, "", |_| {})
    }

    /// [`Session::start`], with `prelude` run by the launching shell first (`ulimit …`), and
    /// `prepare` given the state folder before the reader starts.
    fn start_with(test_panic: Option<&str>, prelude: &str, prepare: impl FnOnce(&Path)) -> Session {
        let work = tempfile::tempdir().unwrap();
        let state = tempfile::tempdir().unwrap();
        prepare(state.path());
        // The script records its pid, then becomes the reader (`exec` keeps the pid).
        let panic = test_panic.map_or(String::new(), |p| format!("AES_READER_TEST_PANIC={p} "));
        // No backtrace: the panic message must fit on the screen.
        let script = format!(
            "echo $$ > {}\n{prelude}\nexec env RUST_BACKTRACE=0 XDG_STATE_HOME={} {panic}{} --dir {}\n",
            quote(&work.path().join("pid")),
            quote(state.path()),
            quote(&reader()),
            quote(&articles()),
        );
        fs::write(work.path().join("launch.sh"), script).unwrap();
        let t = Term::start(80, 24, Cmd::shell());
        let s = Session { t, work, state };
        // The quotes keep the typed line from matching what is waited for.
        s.t.line(&format!(
            "stty -a > {}; echo STTY:'BEFORE'",
            quote(&s.file("stty-before"))
        ));
        s.t.wait_for("STTY:BEFORE");
        s.t.line(&format!(
            "sh {}; echo EXITED:$?",
            quote(&s.file("launch.sh"))
        ));
        // The whole corpus, so that Enter has an article to open.
        let n = corpus_size();
        // (A warning above the status bar can leave the list fewer rows: its title counts too.)
        s.t.wait("the whole list", |s| {
            list_rows(s) == n || list_focused_with_all(s, n)
        });
        // The checks after exit would notice: the reader did set these.
        assert_eq!(
            s.modes(),
            "alternate_on=1 cursor_flag=0 mouse_any_flag=1",
            "{}",
            s.t.screen()
        );
        s
    }

    fn file(&self, name: &str) -> PathBuf {
        self.work.path().join(name)
    }

    /// The alternate screen, cursor and mouse flags (any mouse reporting), as `name=value` words.
    fn modes(&self) -> String {
        let flag = |on: bool| u8::from(on);
        format!(
            "alternate_on={} cursor_flag={} mouse_any_flag={}",
            flag(self.t.alternate_on()),
            flag(self.t.cursor_shown()),
            flag(self.t.mouse().0 != MouseProtocolMode::None),
        )
    }

    /// Opens the selected article (saved at once) and pages down (a position only in memory until
    /// the reader ends). Returns the article's id.
    fn open_and_page_down(&self) -> String {
        self.t.keys(&["Enter"]);
        self.t.wait_for("▶ Article ");
        let id = wait_until("the state file to name the opened article", || {
            saved_state(self.state.path()).and_then(|s| s.last)
        });
        self.t.keys(&["Space"]);
        id
    }

    fn pid(&self) -> String {
        fs::read_to_string(self.file("pid"))
            .unwrap()
            .trim()
            .to_owned()
    }

    fn kill(&self, signal: Signal) {
        let pid = self.pid();
        send_signal(pid.parse().expect("a pid in the pid file"), signal);
    }

    /// Waits for the shell's `EXITED:n` line and returns `n`.
    fn exit_code(&self) -> i32 {
        let screen = self.t.wait("the reader to end", |s| exited(s).is_some());
        exited(&screen).unwrap()
    }

    /// Checks the terminal is as the shell had it: main screen, cursor shown, no mouse reporting,
    /// no bracketed paste (on the screen, and in the bytes the reader wrote: each mode it turned on
    /// was turned off last), and the same `stty -a` as before the reader (canonical mode, echo,
    /// signals …).
    fn assert_restored(&self) {
        let screen = self.t.screen();
        assert!(
            !self.t.alternate_on(),
            "still in the alternate screen after the reader ended:\n{screen}"
        );
        assert!(
            self.t.cursor_shown(),
            "the cursor is hidden after the reader ended:\n{screen}"
        );
        assert_eq!(
            self.t.mouse(),
            (MouseProtocolMode::None, MouseProtocolEncoding::Default),
            "mouse reporting after the reader ended:\n{screen}"
        );
        // And in the bytes written, stricter than the screen.
        self.t.assert_modes_restored(&READER_MODES);
        self.t.line(&format!(
            "stty -a > {}; echo STTY:'AFTER'",
            quote(&self.file("stty-after"))
        ));
        self.t.wait(
            "the shell to run `stty -a` (if it never does, the terminal is still in raw mode)",
            |s| s.contains("STTY:AFTER"),
        );
        let before = fs::read_to_string(self.file("stty-before")).unwrap();
        let after = fs::read_to_string(self.file("stty-after")).unwrap();
        let words: Vec<&str> = after.split_whitespace().collect();
        for flag in ["icanon", "echo", "isig", "iexten", "icrnl", "opost"] {
            assert!(
                words.contains(&flag),
                "`stty -a` lacks {flag} after the reader:\n{after}"
            );
        }
        assert_eq!(
            before, after,
            "the terminal modes changed across the reader"
        );
        // Bracketed paste is off: the terminal pastes without the markers, so the shell runs the
        // line. (Left on, the shell would get `ESC[200~echo …` and fail to run it.)
        self.t.paste("echo PASTED:'PLAIN'");
        self.t.keys(&["Enter"]);
        let screen = self.t.wait("the pasted line to run", |s| {
            s.contains("PASTED:PLAIN") || s.contains("200~")
        });
        assert!(
            !screen.contains("200~"),
            "bracketed paste is still on after the reader:\n{screen}"
        );
    }

    /// Checks the state file holds the article opened, as read and last, with its position.
    fn assert_saved(&self, id: &str) {
        assert_saved(self.state.path(), id);
    }
}

/// The state file under `xdg_state_home`.
fn state_file(xdg_state_home: &Path) -> PathBuf {
    xdg_state_home.join("aes-reader/state.json")
}

/// The seed corpus's state in the state file under `xdg_state_home`.
fn saved_state(xdg_state_home: &Path) -> Option<ReaderState> {
    let mut file = StateFile::from_json(&fs::read(state_file(xdg_state_home)).ok()?).ok()?;
    let path = articles();
    file.corpora
        .remove(&state::corpus_key(&Origin::Dir { path, via: "--dir" }))
}

/// Checks the state file holds article `id` as read and last, with a reading position.
fn assert_saved(xdg_state_home: &Path, id: &str) {
    let file = state_file(xdg_state_home);
    let text = fs::read_to_string(&file).unwrap_or_default();
    let state = saved_state(xdg_state_home)
        .unwrap_or_else(|| panic!("no readable state at {}:\n{text}", file.display()));
    assert!(state.read.contains(id), "{id} not read in:\n{text}");
    assert_eq!(state.last.as_deref(), Some(id), "{text}");
    assert!(
        state.positions.contains_key(id),
        "the position reached in {id} was not saved:\n{text}"
    );
}

/// `n` from the shell's `EXITED:n` line (the typed command reads `EXITED:$?`).
fn exited(screen: &str) -> Option<i32> {
    screen.split("EXITED:").skip(1).find_map(|rest| {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    })
}

/// The reader has paged down: the position line no longer says `top`.
fn paged_down(screen: &str) -> bool {
    screen.contains("▶ Article ") && !screen.contains(" top ┛")
}

fn a_signal_restores_the_terminal_and_saves_the_state(signal: Signal) {
    let s = Session::start(None);
    let id = s.open_and_page_down();
    s.t.wait("the reader to page down", paged_down);
    s.kill(signal);
    assert_eq!(s.exit_code(), 0, "{}", s.t.screen());
    s.assert_restored();
    s.assert_saved(&id);
}

#[test]
fn sigterm_restores_the_terminal_and_saves_the_state() {
    a_signal_restores_the_terminal_and_saves_the_state(Signal::TERM);
}

#[test]
fn sighup_restores_the_terminal_and_saves_the_state() {
    a_signal_restores_the_terminal_and_saves_the_state(Signal::HUP);
}

#[test]
fn sigint_from_outside_restores_the_terminal_and_saves_the_state() {
    a_signal_restores_the_terminal_and_saves_the_state(Signal::INT);
}

#[test]
fn sigquit_restores_the_terminal_and_saves_the_state() {
    a_signal_restores_the_terminal_and_saves_the_state(Signal::QUIT);
}

#[test]
fn sigusr1_restores_the_terminal_and_saves_the_state() {
    a_signal_restores_the_terminal_and_saves_the_state(Signal::USR1);
}

#[test]
fn sigusr2_restores_the_terminal_and_saves_the_state() {
    a_signal_restores_the_terminal_and_saves_the_state(Signal::USR2);
}

#[test]
fn sigalrm_restores_the_terminal_and_saves_the_state() {
    a_signal_restores_the_terminal_and_saves_the_state(Signal::ALARM);
}

#[test]
fn sigpipe_restores_the_terminal_and_saves_the_state() {
    a_signal_restores_the_terminal_and_saves_the_state(Signal::PIPE);
}

#[test]
fn an_allocation_failure_restores_the_terminal_and_keeps_the_read_marks() {
    // A ceiling on the address space makes the terabyte the reader asks for fail for certain.
    let s = Session::start_with(
        Some("alloc-failure-after-open"),
        "ulimit -v 8000000",
        |_| {},
    );
    s.t.keys(&["Enter"]);
    s.t.wait_for("▶ Article ");
    let id = wait_until("the state file to name the opened article", || {
        saved_state(s.state.path()).and_then(|st| st.last)
    });
    // The next key makes the reader allocate, fail and abort (SIGABRT: 128 + 6).
    s.t.keys(&["Space"]);
    assert_eq!(s.exit_code(), 134, "{}", s.t.screen());
    let screen = s.t.screen();
    assert!(screen.contains("stopped by a fatal error"), "{screen}");
    assert!(screen.contains("terminal was restored"), "{screen}");
    s.assert_restored();
    // Saved when it was opened; the abort cannot save the position, and does not break the file.
    let state = saved_state(s.state.path()).expect("a readable state file");
    assert!(state.read.contains(&id), "{state:?}");
}

#[test]
fn a_dumb_terminal_gets_a_message_and_not_a_single_escape_sequence() {
    let command = Cmd::reader()
        .env("TERM", "dumb")
        .args(["--no-state", "--dir"])
        .arg(articles());
    let t = Term::start(80, 24, command);
    assert_eq!(t.wait_for_exit(), "exit 2", "{}", t.screen());
    let screen = t.screen();
    assert!(screen.contains("TERM=dumb"), "{screen}");
    assert!(screen.contains("aes-reader list"), "{screen}");
    // Everything the reader wrote to its terminal, byte for byte.
    let reader_output = String::from_utf8_lossy(&t.raw()).into_owned();
    assert!(
        !reader_output.contains('\u{1b}'),
        "escape sequences sent to a dumb terminal: {reader_output:?}"
    );
    assert!(reader_output.contains("TERM=dumb"), "{reader_output:?}");
}

#[test]
fn a_set_aside_state_file_is_named_in_full_on_screen_and_again_at_exit() {
    // A state file that is not JSON: the reader sets it aside and warns, naming the file kept.
    let s = Session::start_with(None, "", |state| {
        let dir = state.join("aes-reader");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("state.json"), "ceci n’est pas du JSON").unwrap();
    });
    let dir = s.state.path().join("aes-reader");
    let kept: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n != "state.json" && !n.ends_with(".tmp") && !n.ends_with(".lock"))
        .collect();
    let name = kept
        .iter()
        .find(|n| n.starts_with("state.json"))
        .unwrap_or_else(|| panic!("no file set aside in {}: {kept:?}", dir.display()))
        .clone();
    let screen = s.t.screen();
    // The rows joined (a name may be cut where it wraps): the file's name is there whole.
    let joined: String = screen.lines().map(str::trim).collect();
    assert!(joined.contains(&name), "{name} not on screen:\n{screen}");
    s.t.keys(&["Escape"]);
    s.t.wait("the warning to go", |sc| !sc.contains('⚠'));
    s.t.keys(&["q"]);
    assert_eq!(s.exit_code(), 0, "{}", s.t.screen());
    let screen = s.t.screen();
    let joined: String = screen.lines().map(str::trim).collect();
    assert!(
        screen.contains("aes-reader: warning:") && joined.contains(&name),
        "the warning was not printed again at exit:\n{screen}"
    );
    s.assert_restored();
}

#[test]
fn a_panic_restores_the_terminal_prints_its_message_and_saves_the_state() {
    let s = Session::start(Some("after-open"));
    // The page down is handled, then the reader panics: the position is only in memory.
    let id = s.open_and_page_down();
    let code = s.exit_code();
    let screen = s.t.screen();
    assert_ne!(code, 0, "{screen}");
    // Printed on the main screen, so after the terminal was restored.
    assert!(screen.contains("panicked"), "{screen}");
    assert!(screen.contains("a panic on purpose"), "{screen}");
    assert!(screen.contains("internal error"), "{screen}");
    // In this order, nothing written over: the terminal was restored once, before the message.
    let line = |needle: &str| screen.lines().position(|l| l.contains(needle));
    assert!(
        line("panicked") < line("internal error")
            && line("internal error") < screen.lines().position(|l| exited(l).is_some()),
        "{screen}"
    );
    s.assert_restored();
    s.assert_saved(&id);
}

#[test]
fn a_background_thread_panic_leaves_the_reader_running_and_its_screen_intact() {
    let s = Session::start(Some("thread-after-open"));
    let id = s.open_and_page_down();
    // The page down is drawn once the background thread has panicked (the reader waits for it).
    let screen = s.t.wait("the reader to page down", paged_down);
    assert!(!screen.contains("panicked"), "{screen}");
    assert!(s.t.alternate_on(), "{screen}");
    // Still in raw mode, still answering keys.
    s.t.keys(&["g"]);
    s.t.wait_for(" top ┛");
    s.t.keys(&["Space"]);
    s.t.wait("the reader to page down again", paged_down);
    s.t.keys(&["q"]);
    assert_eq!(s.exit_code(), 0, "{}", s.t.screen());
    // The message, held back while the reader had the screen, comes after it.
    let screen = s.t.screen();
    assert!(screen.contains("thread 'test-panic' panicked"), "{screen}");
    s.assert_restored();
    s.assert_saved(&id);
}

#[test]
fn closing_the_terminal_ends_the_reader_and_saves_the_state() {
    let state = tempfile::tempdir().unwrap();
    let mut t = Term::start(80, 24, reader_command(state.path()));
    let n = corpus_size();
    t.wait("the whole list", |s| list_rows(s) == n);
    let pid = t.pid();
    t.keys(&["Enter"]);
    t.wait_for("▶ Article ");
    let id = wait_until("the state file to name the opened article", || {
        saved_state(state.path()).and_then(|s| s.last)
    });
    t.keys(&["Space"]);
    t.wait("the reader to page down", paged_down);
    // The window goes away: its terminal is hung up (the kernel sends the reader SIGHUP, and its
    // reads of the terminal fail).
    t.hang_up();
    // (If it never ends, dropping `t` kills it: it is not left spinning behind the test.)
    let how = wait_until(
        &format!("the reader (pid {pid}) to end after its terminal was gone"),
        || t.exit_status(),
    );
    println!("the reader ended on the hang-up: {how}");
    assert_saved(state.path(), &id);
}

/// The mode check itself reads the last switch of each mode, in combined sequences too, and
/// nothing from other sequences.
#[test]
fn the_mode_check_reads_the_last_switch_of_each_mode() {
    let raw =
        b"\x1b[?1049h\x1b[?25l\x1b[?1000;1006hdraw\x1b[1;1H\x1b[31m\x1b[?1006l\x1b[?1049l\x1b[?25h";
    let modes = private_modes(raw);
    let want = [(25, true), (1000, true), (1006, false), (1049, false)];
    assert_eq!(modes, want.into_iter().collect());
}
