//! Running the binary on a hostile folder: each run's output and exit, bounded in CPU time (what a
//! runaway loop burns) with a wall-clock backstop, two runs at a time.

use std::ffi::OsString;
use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

/// One run of the binary.
#[derive(Debug, Clone)]
pub struct Run {
    pub label: String,
    pub args: Vec<OsString>,
    /// The exit code; `None` when it was killed (see `killed`) or died of a signal.
    pub code: Option<i32>,
    /// Why the run was stopped, when it was.
    pub killed: Option<String>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// How long a run may take. CPU time is what a runaway loop burns, whatever else the machine is
/// doing (the wall clock of a shared machine says little); the wall-clock backstop catches a process
/// blocked for good (on a named pipe, say).
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub cpu: Duration,
    pub wall: Duration,
}

pub const LIMIT: Limit = Limit {
    cpu: Duration::from_secs(60),
    wall: Duration::from_secs(600),
};

/// CPU time (user + system) a running process has used, from /proc (Linux); `None` elsewhere.
pub fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // USER_HZ is 100 on Linux.
    Some(Duration::from_millis(ticks * 10))
}

impl Run {
    pub fn out(&self) -> &str {
        std::str::from_utf8(&self.stdout).unwrap_or_default()
    }

    pub fn json_lines(&self) -> Vec<Value> {
        self.out()
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| {
                serde_json::from_str(l)
                    .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {l:.200}", self.label))
            })
            .collect()
    }
}

/// Runs `aes-reader --dir DIR ARGS…` (a headless command), killing it past `limit`.
pub fn aes(dir: &Path, args: &[OsString], limit: Limit) -> Run {
    let state = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_aes-reader"))
        .arg("--dir")
        .arg(dir)
        .args(args)
        .env_remove("AES_READER_DIR")
        .env_remove("COLUMNS")
        .env("XDG_STATE_HOME", state.path())
        .env("AES_READER_CACHE_DIR", state.path().join("cache"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = pipe.read_to_end(&mut buf);
            buf
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let mut killed = None;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        let cpu = cpu_time(child.id()).unwrap_or_default();
        if cpu > limit.cpu || started.elapsed() > limit.wall {
            killed = Some(format!(
                "killed after {:.1?} of CPU time, {:.1?} of wall time",
                cpu,
                started.elapsed()
            ));
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let label = format!(
        "aes-reader {}",
        args.iter()
            .map(|a| format!("{:?}", a.to_string_lossy()))
            .collect::<Vec<_>>()
            .join(" ")
    );
    Run {
        label,
        args: args.to_vec(),
        code: if killed.is_some() {
            None
        } else {
            status.code()
        },
        killed,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

/// Runs every argument list, two at a time (the machine has two cores), in the given order.
pub fn run_all(dir: &Path, jobs: Vec<Vec<OsString>>, limit: Limit) -> Vec<Run> {
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Run)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        let Some(args) = jobs.get(i) else { break };
                        mine.push((i, aes(dir, args, limit)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

pub fn args(list: &[&str]) -> Vec<OsString> {
    list.iter().map(OsString::from).collect()
}

pub fn find<'a>(runs: &'a [Run], wanted: &[&str]) -> &'a Run {
    let wanted: Vec<OsString> = args(wanted);
    runs.iter()
        .find(|r| r.args == wanted)
        .unwrap_or_else(|| panic!("no run of {wanted:?}"))
}
