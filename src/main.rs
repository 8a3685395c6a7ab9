//! The `aes-reader` binary: parse arguments, run a subcommand, report errors. Nothing else.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = aes_reader::cli::Args::parse();
    match aes_reader::cli::run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("aes-reader: {e:#}");
            ExitCode::from(2)
        }
    }
}
