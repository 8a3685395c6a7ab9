//! `kill -9` during saves, hundreds of times: the state file always parses and holds either the last
//! completed save or the one in flight, never a mix, and the backup holds the save before.
//!
//! The test binary re-executes itself: with `AES_READER_STATE_CRASH_CHILD` set, the child-mode test
//! saves state 1, 2, 3 … in a loop (state `n` has `n` read marks, so any file tells which it is)
//! and prints `saved n` after each; the parent kills it at a random moment and checks the folder.
//! Every other run, the child saves as the reader does, by merging its changes into the file
//! (`Session::save`); the others replace the file (`state::save`).

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod support;

use support::state::{CORPUS, number_of, state_n};

use aes_reader::corpus::state::{self, Changes, StateFile};

/// Set in the child: the state file to save to.
const CHILD: &str = "AES_READER_STATE_CRASH_CHILD";
/// Set in the child: how many reading positions each state holds.
const CHILD_POSITIONS: &str = "AES_READER_STATE_CRASH_POSITIONS";
/// Set in the child: save by merging changes, as the reader does.
const CHILD_MERGES: &str = "AES_READER_STATE_CRASH_MERGES";
const CHILD_TEST: &str = "child_mode_saves_in_a_loop_until_killed";

/// Not a check on its own: the process the crash tests spawn and kill. Without the variable it
/// returns at once.
#[test]
fn child_mode_saves_in_a_loop_until_killed() {
    let Some(path) = std::env::var_os(CHILD).map(PathBuf::from) else {
        return;
    };
    let positions = std::env::var(CHILD_POSITIONS)
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    let merges = std::env::var_os(CHILD_MERGES).is_some();
    let opened = state::open(&path, CORPUS);
    assert_eq!(opened.warning, None);
    let mut session = opened.session.unwrap();
    let mut n = opened.state.read.len();
    let mut out = std::io::stdout();
    writeln!(out, "start {n}").unwrap();
    out.flush().unwrap();
    // Bounded, in case the parent died without killing us.
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        n += 1;
        if merges {
            let corpus = |n| state_n(n, positions).corpora.remove(CORPUS).unwrap();
            session
                .save(Changes::between(&corpus(n - 1), &corpus(n)))
                .unwrap();
        } else {
            state::save(&path, &state_n(n, positions)).unwrap();
        }
        writeln!(out, "saved {n}").unwrap();
        out.flush().unwrap();
    }
}

/// Kills the child if the parent fails before it does.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// splitmix64: a fixed seed per run makes the sleeps reproducible (the kill timing still varies
/// with the machine, and the checks hold for every timing).
fn splitmix(seed: &mut u64) -> u64 {
    *seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *seed;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn read_state(path: &Path) -> Option<StateFile> {
    let bytes = fs::read(path).ok()?;
    Some(StateFile::from_json(&bytes).unwrap_or_else(|e| {
        panic!(
            "{} does not parse ({e}): {:?}",
            path.display(),
            String::from_utf8_lossy(&bytes[..bytes.len().min(200)])
        )
    }))
}

#[derive(Debug, Default)]
struct Stats {
    /// Saves the children completed.
    saves: usize,
    /// Kills that left a temp file: they landed between writing the new state and renaming it.
    mid_write: usize,
    /// Kills after the rename but before the child reported the save.
    after_rename: usize,
}

/// Spawns the saving child `runs` times, kills it after a random sleep of up to `max_sleep`, and
/// checks the folder after each kill.
fn kill_during_saves(runs: u64, positions: usize, max_sleep: Duration, seed: u64) -> Stats {
    let dir = tempfile::Builder::new()
        .prefix("state-crash-")
        // On the real disk, where fsync takes time, not a tmpfs.
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    let path = dir.path().join("state.json");
    let bak = state::backup_path(&path);
    state::save(&path, &state_n(0, positions)).unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut stats = Stats::default();
    let mut rng = seed;
    let max_micros = u64::try_from(max_sleep.as_micros()).unwrap();
    for run in 0..runs {
        let mut child = Command::new(&exe);
        child
            .args(["--exact", CHILD_TEST, "--nocapture", "--test-threads=1"])
            .env(CHILD, &path)
            .env(CHILD_POSITIONS, positions.to_string());
        if run % 2 == 1 {
            child.env(CHILD_MERGES, "1");
        }
        let mut child = child
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut child = Killed(child);
        let start: usize = lines
            .by_ref()
            .map_while(Result::ok)
            // libtest may have printed the test's name on the same line.
            .find_map(|l| l.split_once("start ").map(|(_, n)| n.parse().unwrap()))
            .unwrap_or_else(|| {
                panic!(
                    "run {run}: the child ended before saving: {:?}",
                    child.0.wait()
                )
            });
        std::thread::sleep(Duration::from_micros(splitmix(&mut rng) % max_micros));
        child.0.kill().unwrap();
        child.0.wait().unwrap();
        let done = lines
            .map_while(Result::ok)
            .filter_map(|l| {
                l.strip_prefix("saved ")
                    .map(|n| n.parse::<usize>().unwrap())
            })
            .last()
            .unwrap_or(start);
        stats.saves += done - start;

        let loaded = state::load(&path);
        assert_eq!(loaded.warning, None, "run {run}");
        let n = number_of(&loaded.file);
        assert!(
            n == done || n == done + 1,
            "run {run}: the file holds state {n}, but the last completed save was {done}"
        );
        assert_eq!(
            loaded.file,
            state_n(n, positions),
            "run {run}: a mix of states"
        );
        if n == done + 1 {
            stats.after_rename += 1;
        }
        // The backup holds the save before the file's (or the file's own, when the kill fell
        // between the backup's rename and the file's).
        match read_state(&bak) {
            Some(backup) => {
                let b = number_of(&backup);
                assert!(b == n || b + 1 == n, "run {run}: backup {b} for state {n}");
                assert_eq!(backup, state_n(b, positions), "run {run}: a mixed backup");
            }
            None => assert_eq!(n, 0, "run {run}: no backup after saves"),
        }
        let mut left_temp = false;
        for entry in fs::read_dir(dir.path()).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name.contains(".tmp-") {
                // What a kill between writing and renaming leaves; a load clears it once stale.
                left_temp = true;
                fs::remove_file(dir.path().join(&name)).unwrap();
            } else {
                assert!(
                    ["state.json", "state.json.bak", "state.json.lock"].contains(&name.as_str()),
                    "run {run}: unexpected {name}"
                );
            }
        }
        stats.mid_write += usize::from(left_temp);
    }
    stats
}

#[test]
fn kill_9_during_small_saves_leaves_the_previous_or_the_new_state() {
    let started = Instant::now();
    let runs = 300;
    let stats = kill_during_saves(runs, 3, Duration::from_millis(15), 1);
    println!(
        "small state: {runs} kills in {:?}: {stats:?}",
        started.elapsed()
    );
    // Nearly all of the child's time is spent inside `save`; runs where no kill landed there would
    // mean the test exercised nothing.
    assert!(stats.mid_write + stats.after_rename > 0, "{stats:?}");
}

#[test]
fn kill_9_during_large_saves_leaves_the_previous_or_the_new_state() {
    let started = Instant::now();
    let runs = 200;
    let stats = kill_during_saves(runs, 2000, Duration::from_millis(40), 2);
    println!(
        "large state: {runs} kills in {:?}: {stats:?}",
        started.elapsed()
    );
    assert!(stats.mid_write + stats.after_rename > 0, "{stats:?}");
}
