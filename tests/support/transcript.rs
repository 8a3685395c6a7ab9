//! A headless run of the binary as a golden transcript: the command, its exit status, standard
//! error and standard output, pinned as an insta snapshot in `tests/snapshots/cli/` (the golden
//! tests of every subcommand and of `config`).

use std::path::Path;
use std::process::Output;

/// What one run printed.
pub struct Run {
    /// The arguments, as the transcript shows them after `aes-reader`.
    pub args: String,
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The run of `aes-reader ARGS` (`args` as shown) that gave `output`.
    pub fn of(args: String, output: Output) -> Run {
        Run {
            args,
            status: output.status.code().expect("an exit status"),
            stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
            stderr: String::from_utf8(output.stderr).expect("UTF-8 errors"),
        }
    }

    /// What a snapshot holds: the command, its exit status, standard error, standard output (a
    /// carriage return shown as `␍`, so CSV's CRLF line ends are pinned too).
    pub fn transcript(&self) -> String {
        format!(
            "$ aes-reader {}\nexit status: {}\n--- stderr\n{}--- stdout\n{}",
            self.args,
            self.status,
            self.stderr,
            self.stdout.replace('\r', "␍")
        )
    }

    /// Pins this run's transcript as snapshot `name` in `tests/snapshots/cli/`.
    pub fn pin(&self, name: &str) {
        insta::with_settings!({
            snapshot_path => Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/cli"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name, self.transcript());
        });
    }
}
