//! End-to-end: drives the built `aes-reader` in a real terminal (tmux at 120x40) — launch, move,
//! filter, open, jump to a quote, quit — and checks the terminal came back. Needs tmux (CI installs it).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// One private tmux server (its own socket), killed on drop.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(width: u16, height: u16, command: &str) -> Tmux {
        match Command::new("tmux").arg("-V").output() {
            Ok(o) if o.status.success() => {}
            _ => panic!(
                "tmux is not installed, and the end-to-end test of the reader needs it: install it \
                 (apt-get install tmux, brew install tmux) — .ci/run does"
            ),
        }
        let socket = format!("aes-e2e-{}-{width}x{height}", std::process::id());
        let t = Tmux { socket };
        let out = t.tmux(&[
            "new-session",
            "-d",
            "-s",
            "aes",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            command,
        ]);
        assert!(out.status.success(), "tmux new-session failed: {out:?}");
        t
    }

    fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("run tmux")
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "aes"]).stdout)
            .into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "aes"];
        args.extend_from_slice(keys);
        assert!(self.tmux(&args).status.success());
    }

    fn text(&self, text: &str) {
        assert!(
            self.tmux(&["send-keys", "-t", "aes", "-l", text])
                .status
                .success()
        );
    }

    fn alternate_on(&self) -> String {
        let out = self.tmux(&["display-message", "-p", "-t", "aes", "#{alternate_on}"]);
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Polls the screen until `ok` holds (10 s at most), and returns it.
    fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; the screen was:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait_for(&self, needle: &str) -> String {
        self.wait(&format!("{needle:?}"), |s| s.contains(needle))
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

fn quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

fn articles() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("articles")
}

#[test]
fn a_user_can_filter_open_jump_to_a_quote_and_quit_cleanly() {
    let state = tempfile::tempdir().unwrap();
    let command = format!(
        "env XDG_STATE_HOME={} NO_COLOR= {} --dir {}; echo EXITED:$?; sleep 60",
        quote(state.path()),
        quote(Path::new(env!("CARGO_BIN_EXE_aes-reader"))),
        quote(&articles()),
    );
    let t = Tmux::start(120, 40, &command);

    let start = t.wait_for("Articles (");
    assert!(start.contains("▶ Articles"), "{start}");
    assert_eq!(t.alternate_on(), "1");

    // Move down: the marker follows.
    let first = selected_row(&start);
    t.keys(&["j"]);
    t.wait("the selection to move", |s| selected_row(s) != first);

    // Filter live.
    t.keys(&["/"]);
    t.text("lavrov");
    let filtered = t.wait_for("/lavrov");
    assert!(filtered.contains("Articles "), "{filtered}");
    t.keys(&["Enter"]);
    t.keys(&["Enter"]);
    let reading = t.wait_for("▶ Article ");
    assert!(selected_row(&reading).to_lowercase().contains("russie") || reading.contains("Lavrov"));

    // The quote panel: select the last quote and jump to it.
    t.keys(&["Tab"]);
    let quotes = t.wait_for("▶ Quotes");
    if !quotes.contains("Quotes (0)") {
        t.keys(&["G", "Enter"]);
        t.wait("the reader to leave the top", |s| !s.contains(" top ┘"));
    }

    // Help opens and Esc closes it.
    t.keys(&["?"]);
    t.wait_for(" Keys ");
    t.keys(&["Escape"]);
    t.wait("the help to close", |s| !s.contains(" Keys "));

    t.keys(&["q"]);
    t.wait_for("EXITED:0");
    assert_eq!(
        t.alternate_on(),
        "0",
        "the terminal is still in the alternate screen"
    );
    let saved = std::fs::read_to_string(state.path().join("aes-reader/state.json")).unwrap();
    assert!(saved.contains("\"read\""), "{saved}");
}

#[test]
fn sigterm_restores_the_terminal() {
    let state = tempfile::tempdir().unwrap();
    let command = format!(
        "env XDG_STATE_HOME={} {} --dir {}; echo EXITED:$?; sleep 60",
        quote(state.path()),
        quote(Path::new(env!("CARGO_BIN_EXE_aes-reader"))),
        quote(&articles()),
    );
    let t = Tmux::start(80, 24, &command);
    t.wait_for("Articles (");
    let pane_pid = t.tmux(&["display-message", "-p", "-t", "aes", "#{pane_pid}"]);
    let shell = String::from_utf8_lossy(&pane_pid.stdout).trim().to_owned();
    // The pane's shell runs the reader as its child.
    let children = Command::new("pgrep")
        .args(["-P", &shell])
        .output()
        .expect("pgrep (procps) is needed to find the reader's pid");
    let reader = String::from_utf8_lossy(&children.stdout)
        .lines()
        .next()
        .map(str::to_owned)
        .expect("the reader's pid");
    assert!(
        Command::new("kill")
            .args(["-TERM", &reader])
            .status()
            .unwrap()
            .success()
    );
    t.wait_for("EXITED:0");
    assert_eq!(t.alternate_on(), "0");
}

#[test]
fn without_a_terminal_it_says_so_and_fails() {
    let out = Command::new(env!("CARGO_BIN_EXE_aes-reader"))
        .args(["--no-state", "--dir"])
        .arg(articles())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(out.stdout.is_empty());
}

/// The list row with the selection marker (the list is the left column at these sizes).
fn selected_row(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.starts_with("┃▶") || l.starts_with("│▶"))
        .unwrap_or_default()
        .to_owned()
}
