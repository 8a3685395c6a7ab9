//! Where the configuration file is: `--config PATH`, else `$AES_READER_CONFIG`, else
//! `$XDG_CONFIG_HOME/aes-reader/config.toml`, else `~/.config/aes-reader/config.toml`.

use std::path::PathBuf;

/// The environment variable naming the configuration file when `--config` is not given.
pub const CONFIG_ENV: &str = "AES_READER_CONFIG";

/// Who named the configuration file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedBy {
    /// `--config PATH`.
    Flag,
    /// [`CONFIG_ENV`].
    Env,
    /// Nobody: the default place, where no file is fine.
    Default,
}

impl NamedBy {
    /// How error messages name who chose the file.
    pub fn describe(self) -> &'static str {
        match self {
            NamedBy::Flag => "named by --config",
            NamedBy::Env => "named by $AES_READER_CONFIG",
            NamedBy::Default => "the default configuration file",
        }
    }
}

/// The configuration file to read, and who named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Its path.
    pub path: PathBuf,
    /// Who named it: a file named by the flag or the variable must exist.
    pub named_by: NamedBy,
}

/// The configuration file to read: `flag` (`--config`), else [`CONFIG_ENV`] (when not empty), else
/// the default place; `None` when none applies (no `$XDG_CONFIG_HOME` nor `$HOME`).
pub fn locate(flag: Option<PathBuf>) -> Option<Location> {
    let env = std::env::var_os(CONFIG_ENV).filter(|v| !v.is_empty());
    locate_from(
        flag,
        env.map(PathBuf::from),
        std::env::var_os("XDG_CONFIG_HOME").map(PathBuf::from),
        std::env::var_os("HOME").map(PathBuf::from),
    )
}

fn locate_from(
    flag: Option<PathBuf>,
    env: Option<PathBuf>,
    xdg: Option<PathBuf>,
    home: Option<PathBuf>,
) -> Option<Location> {
    if let Some(path) = flag {
        return Some(Location {
            path,
            named_by: NamedBy::Flag,
        });
    }
    if let Some(path) = env {
        return Some(Location {
            path,
            named_by: NamedBy::Env,
        });
    }
    // The XDG spec says relative values are to be ignored.
    let base = xdg
        .filter(|p| p.is_absolute())
        .or_else(|| home.filter(|h| h.is_absolute()).map(|h| h.join(".config")))?;
    Some(Location {
        path: base.join("aes-reader").join("config.toml"),
        named_by: NamedBy::Default,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<PathBuf> {
        Some(PathBuf::from(s))
    }

    #[test]
    fn the_flag_wins_then_the_variable_then_xdg_then_home() {
        let found = |f, e, x, h| locate_from(f, e, x, h).map(|l| (l.path, l.named_by));
        assert_eq!(
            found(p("a.toml"), p("b.toml"), p("/x"), p("/h")),
            Some((PathBuf::from("a.toml"), NamedBy::Flag))
        );
        assert_eq!(
            found(None, p("b.toml"), p("/x"), p("/h")),
            Some((PathBuf::from("b.toml"), NamedBy::Env))
        );
        assert_eq!(
            found(None, None, p("/x"), p("/h")),
            Some((PathBuf::from("/x/aes-reader/config.toml"), NamedBy::Default))
        );
        assert_eq!(
            found(None, None, None, p("/h")),
            Some((
                PathBuf::from("/h/.config/aes-reader/config.toml"),
                NamedBy::Default
            ))
        );
    }

    #[test]
    fn a_relative_xdg_folder_is_ignored() {
        let l = locate_from(None, None, p("rel"), p("/h")).unwrap();
        assert_eq!(l.path, PathBuf::from("/h/.config/aes-reader/config.toml"));
        assert_eq!(locate_from(None, None, p("rel"), None), None);
    }
}
