//! A private tmux server per test for the end-to-end tests: start a pane at a size, send keys,
//! resize, read the screen and the pane's terminal modes, and wait for conditions with a timeout.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long a wait for the screen (or a file) lasts before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// Numbers the servers of one test binary, so tests running in parallel never share one.
static SERVERS: AtomicUsize = AtomicUsize::new(0);

/// One private tmux server (its own socket) with one session, `aes`; killed on drop, and its
/// socket file removed (tmux leaves it behind).
pub struct Tmux {
    socket: String,
    socket_path: Option<PathBuf>,
}

impl Tmux {
    /// Starts `command` in a `width`x`height` pane. With `remain`, the pane stays after the command
    /// ends (`remain-on-exit`), so a crash is visible (`#{pane_dead}`) and its last screen kept.
    pub fn start(width: u16, height: u16, command: &str, remain: bool) -> Tmux {
        match Command::new("tmux").arg("-V").output() {
            Ok(o) if o.status.success() => {}
            _ => panic!(
                "tmux is not installed, and the end-to-end tests of the reader need it: install it \
                 (apt-get install tmux, brew install tmux) — .ci/run does"
            ),
        }
        let n = SERVERS.fetch_add(1, Ordering::Relaxed);
        let socket = format!("aes-e2e-{}-{n}", std::process::id());
        let mut t = Tmux {
            socket,
            socket_path: None,
        };
        let (w, h) = (width.to_string(), height.to_string());
        let mut args = vec![
            "new-session",
            "-d",
            "-s",
            "aes",
            "-x",
            &w,
            "-y",
            &h,
            command,
        ];
        // In the same invocation, so the option is on before the command can end.
        if remain {
            args.extend([";", "set-option", "-g", "remain-on-exit", "on"]);
        }
        let out = t.tmux(&args);
        assert!(out.status.success(), "tmux new-session failed: {out:?}");
        t.socket_path = Some(PathBuf::from(t.format("#{socket_path}")));
        t
    }

    /// Runs a tmux command on this server (several when separated by `";"` arguments).
    pub fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("run tmux")
    }

    /// The visible text of the pane.
    pub fn screen(&self) -> String {
        self.capture(false)
    }

    /// The visible text of the pane with its colours and attributes (as escape sequences).
    pub fn styled_screen(&self) -> String {
        self.capture(true)
    }

    fn capture(&self, styled: bool) -> String {
        let mut args = vec!["capture-pane", "-p", "-t", "aes"];
        if styled {
            args.push("-e");
        }
        String::from_utf8_lossy(&self.tmux(&args).stdout).into_owned()
    }

    /// Sends keys by tmux name (`Enter`, `Escape`, `j`, `C-d` …).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "aes"];
        args.extend_from_slice(keys);
        let out = self.tmux(&args);
        assert!(out.status.success(), "tmux send-keys failed: {out:?}");
    }

    /// Types `text` literally.
    pub fn text(&self, text: &str) {
        let out = self.tmux(&["send-keys", "-t", "aes", "-l", text]);
        assert!(out.status.success(), "tmux send-keys failed: {out:?}");
    }

    /// Types a shell command line and Enter.
    pub fn line(&self, command: &str) {
        self.text(command);
        self.keys(&["Enter"]);
    }

    /// Resizes the window (and so the pane) to `width`x`height`.
    pub fn resize(&self, width: u16, height: u16) {
        let out = self.tmux(&[
            "resize-window",
            "-t",
            "aes",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
        assert!(out.status.success(), "tmux resize-window failed: {out:?}");
    }

    /// A tmux format expanded for the pane (`#{alternate_on}`, `#{pane_pid}` …).
    pub fn format(&self, format: &str) -> String {
        let out = self.tmux(&["display-message", "-p", "-t", "aes", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// "1" while the pane is in the alternate screen.
    pub fn alternate_on(&self) -> String {
        self.format("#{alternate_on}")
    }

    /// True when the pane's command has ended (only seen with `remain`).
    pub fn pane_dead(&self) -> bool {
        self.format("#{pane_dead}") == "1"
    }

    /// Waits for the pane's command to end (with `remain`) and returns how: `exit N` or
    /// `signal N`.
    pub fn wait_for_exit(&self) -> String {
        let server = self.format("#{pid}");
        wait_until("the pane's command to end", || {
            let how = self.format("#{?pane_dead,#{pane_dead_status}:#{pane_dead_signal},}");
            match how.split_once(':') {
                Some((status, _)) if !status.is_empty() => Some(format!("exit {status}")),
                Some((_, signal)) if !signal.is_empty() => Some(format!("signal {signal}")),
                Some(_) => {
                    // Dead without a status: tmux has not reaped the process. A tmux built with
                    // utempter can miss the SIGCHLD (tmux/tmux#311); another one makes it look.
                    let _ = Command::new("kill").args(["-CHLD", &server]).status();
                    None
                }
                None => None,
            }
        })
    }

    /// Polls the screen until `ok` holds (for [`TIMEOUT`] at most), and returns it.
    pub fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        match self.wait_up_to(TIMEOUT, &ok) {
            Ok(screen) => screen,
            Err(screen) => panic!("timed out waiting for {what}; the screen was:\n{screen}"),
        }
    }

    /// Polls the screen until `ok` holds or `timeout` passes: the screen that passed, or the last
    /// one seen.
    pub fn wait_up_to(
        &self,
        timeout: Duration,
        ok: impl Fn(&str) -> bool,
    ) -> Result<String, String> {
        let deadline = Instant::now() + timeout;
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return Ok(screen);
            }
            if Instant::now() > deadline {
                return Err(screen);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen shows `needle`.
    /// The screen once it has stopped changing (a capture can land in the middle of a redraw).
    #[allow(dead_code)]
    pub fn settled_screen(&self) -> String {
        let mut last = self.screen();
        for _ in 0..100 {
            std::thread::sleep(Duration::from_millis(100));
            let now = self.screen();
            if now == last {
                return now;
            }
            last = now;
        }
        last
    }

    pub fn wait_for(&self, needle: &str) -> String {
        self.wait(&format!("{needle:?}"), |s| s.contains(needle))
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
        if let Some(path) = &self.socket_path {
            let _ = std::fs::remove_file(path);
        }
    }
}

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

/// `p` quoted for `sh`.
pub fn quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

/// The seed corpus.
pub fn articles() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("articles")
}

/// Number of articles in the seed corpus (its `.txt` files).
pub fn corpus_size() -> usize {
    std::fs::read_dir(articles())
        .expect("the articles folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "txt"))
        })
        .count()
}

/// The reader binary under test.
pub fn reader() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_aes-reader"))
}

/// The list row with the selection marker (the list is the left column at these sizes).
pub fn selected_row(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.starts_with("┃▶") || l.starts_with("│▶"))
        .unwrap_or_default()
        .to_owned()
}

/// The screen line number of the list's selected row.
pub fn selected_line(screen: &str) -> Option<usize> {
    screen
        .lines()
        .position(|l| l.starts_with("┃▶") || l.starts_with("│▶"))
}

/// How many articles the list pane shows (the list is the top-left pane at these sizes). The title
/// counts loaded articles before the list has them, so tests wait for the rows.
pub fn list_rows(screen: &str) -> usize {
    screen
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with('┗') && !l.starts_with('└'))
        .filter(|l| {
            let inner: String = l
                .chars()
                .skip(1)
                .take_while(|c| *c != '┃' && *c != '│')
                .collect();
            !inner.trim().is_empty()
        })
        .count()
}

/// The focused quote panel's selected item and the rows below it: the screen line number of its
/// head row, and each row's text between the panel's borders, down to the panel's bottom. The
/// focused panel is drawn with `┃`; its `▶` is the one past the first column.
pub fn selected_quote(screen: &str) -> Option<(usize, Vec<String>)> {
    let lines: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let (at, col) = lines.iter().enumerate().find_map(|(i, l)| {
        l.windows(2)
            .enumerate()
            .skip(1)
            .find(|(_, w)| w == &['┃', '▶'])
            .map(|(c, _)| (i, c))
    })?;
    let rows = lines[at..]
        .iter()
        .take_while(|l| l.get(col) == Some(&'┃'))
        .map(|l| l[col + 1..].iter().take_while(|c| **c != '┃').collect())
        .collect();
    Some((at, rows))
}
