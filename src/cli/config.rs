//! `aes-reader config default|check|path`: the reader's configuration file printed with every
//! setting, checked (each problem with its line, column and a caret; exit status 2), or located.
//! The file itself is `tui::config`'s.

use std::io::{self, Write};
use std::path::PathBuf;

use super::args::ConfigAction;
use super::{OutputError, Written};
use crate::corpus::sanitize;
use crate::tui::config::{self, Location, NamedBy};

/// Exit status of `config check` on a file that cannot be used.
const BAD_FILE: u8 = 2;

/// Runs `config ACTION`, writing to `out`; the exit status.
pub fn run(action: ConfigAction, out: &mut impl Write) -> Result<u8, OutputError> {
    match action {
        ConfigAction::Default => {
            out.write_all(config::default_file().as_bytes()).written()?;
            Ok(0)
        }
        ConfigAction::Check { path } => check(path, out),
        ConfigAction::Path => {
            match config::locate(None) {
                Some(l) => {
                    let state = if l.path.is_file() {
                        "exists"
                    } else {
                        "does not exist: the defaults are in use"
                    };
                    writeln!(out, "{} ({}; {state})", shown(&l), l.named_by.describe())
                        .written()?;
                }
                None => writeln!(
                    out,
                    "none: neither $XDG_CONFIG_HOME nor $HOME is set, and neither --config nor \
                     ${} names a file",
                    config::CONFIG_ENV
                )
                .written()?,
            }
            Ok(0)
        }
    }
}

/// `config check [PATH]`: `ok: PATH`, or the problems on standard error and exit status 2.
fn check(path: Option<PathBuf>, out: &mut impl Write) -> Result<u8, OutputError> {
    let location = match path {
        Some(path) => Location {
            path,
            named_by: NamedBy::Flag,
        },
        None => match config::locate(None) {
            Some(l) => l,
            None => {
                eprintln!(
                    "aes-reader: no configuration file to check: neither $XDG_CONFIG_HOME nor \
                     $HOME is set; name one: `aes-reader config check PATH`"
                );
                return Ok(BAD_FILE);
            }
        },
    };
    match config::read(&location) {
        Ok(Some(_)) => {
            writeln!(out, "ok: {}", shown(&location)).written()?;
            Ok(0)
        }
        Ok(None) => {
            writeln!(
                out,
                "ok: no file at {}, the defaults are in use (`aes-reader config default` prints \
                 them)",
                shown(&location)
            )
            .written()?;
            Ok(0)
        }
        Err(e) => {
            // Standard output first, so what was printed before comes before the errors.
            out.flush().written()?;
            let _ = writeln!(io::stderr(), "{e}");
            Ok(BAD_FILE)
        }
    }
}

/// The file's path, safe to print.
fn shown(location: &Location) -> String {
    sanitize::one_line(&location.path.display().to_string()).into_owned()
}

#[cfg(test)]
mod tests {
    use crate::cli::args::ENVIRONMENT;
    use crate::tui::config::CONFIG_ENV;

    #[test]
    fn the_manual_page_names_the_configuration_variable() {
        assert!(ENVIRONMENT.iter().any(|(name, _)| *name == CONFIG_ENV));
    }
}
