//! The `aes-reader` binary: parse arguments, run a subcommand, report errors. Nothing else.

use std::process::ExitCode;

use aes_reader::cli;

fn main() -> ExitCode {
    match cli::run(cli::Args::from_env()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("aes-reader: {}", cli::error_message(&e));
            ExitCode::from(2)
        }
    }
}
