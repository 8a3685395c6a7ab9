//! The command line: its arguments and subcommands (clap), the help text with the exit codes, and the
//! one rule clap cannot say: the reader's own flags (`--no-mouse`, `--no-state`, `--config`) come
//! without a subcommand.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser, Subcommand};

use super::cite::CiteFormat;
use super::log::LOG_ENV;
use super::quotes::QuoteFormat;
use crate::corpus::cache::CACHE_DIR_ENV;
use crate::corpus::store::DIR_ENV;

/// The exit statuses, for `--help` and the manual page.
pub(super) const EXIT_STATUSES: [(u8, &str); 3] = [
    (0, "success"),
    (
        1,
        "nothing found: `search`, `quotes` or `speakers` printed no result (standard error says \
         so), or `check` found a rejected file",
    ),
    (
        2,
        "an error: bad arguments, an unreadable corpus folder or log file, an unknown article id",
    ),
];

/// The environment variables the commands read, for the manual page.
pub(super) const ENVIRONMENT: [(&str, &str); 4] = [
    (DIR_ENV, "the corpus folder when --dir is not given"),
    (
        CACHE_DIR_ENV,
        "the corpus cache's folder (default: $XDG_CACHE_HOME/aes-reader, else ~/.cache/aes-reader)",
    ),
    (
        LOG_ENV,
        "the log file when --log-file is not given (empty: no log)",
    ),
    // `tui::config::CONFIG_ENV` (a test in `cli::config` checks it).
    (
        "AES_READER_CONFIG",
        "the reader's configuration file when --config is not given",
    ),
];

/// The end of `--help`: the exit statuses.
fn exit_status_help() -> String {
    let lines: Vec<String> = EXIT_STATUSES
        .iter()
        .map(|(code, what)| format!("  {code}  {what}"))
        .collect();
    format!("Exit status:\n{}", lines.join("\n"))
}

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "aes-reader",
    version,
    about = "Read a corpus of French press articles: list, read, search, quotes",
    after_help = exit_status_help()
)]
pub struct Args {
    /// Corpus folder (default: $AES_READER_DIR, else ./articles when it exists, else the bundled corpus).
    #[arg(long, global = true, value_name = "PATH")]
    pub dir: Option<PathBuf>,
    /// Follow symbolic links that point out of the corpus folder, to files and to folders. Without
    /// it such links are not read, and `check` names each one.
    #[arg(long, global = true)]
    pub follow_symlinks: bool,
    /// Append a log for bug reports to this file (default: $AES_READER_LOG, else no log):
    /// timings, counts, errors; never article text.
    #[arg(long, global = true, value_name = "PATH")]
    pub log_file: Option<PathBuf>,
    /// Neither read nor write the corpus cache: every file is read and cleaned again.
    #[arg(long, global = true)]
    pub no_index: bool,
    /// Reader only: do not capture the mouse (so the terminal's own text selection works).
    #[arg(long)]
    pub no_mouse: bool,
    /// Reader only: do not read or write the reader's state (read marks, positions).
    #[arg(long)]
    pub no_state: bool,
    /// Reader only: the configuration file (default: $AES_READER_CONFIG, else
    /// $XDG_CONFIG_HOME/aes-reader/config.toml, else ~/.config/aes-reader/config.toml).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// What to do; without one, open the full-screen reader.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the articles: id, date, outlet, title.
    List {
        /// JSON Lines: one object per article.
        #[arg(long)]
        json: bool,
    },
    /// Print one cleaned article.
    Show {
        /// Article id, file name, or a unique prefix of the id.
        id: String,
        /// One JSON object with the metadata, the blocks and the plain body.
        #[arg(long)]
        json: bool,
    },
    /// Check every file of the corpus: ok, or what is wrong. Exits 1 when a file was rejected.
    Check,
    /// Quotes extracted from the articles, with who said them; as text, JSON Lines, CSV or Markdown.
    /// Exits 1 when no quote matches.
    Quotes {
        /// JSON Lines: `schema`, `article`, `id`, `quote`, `speaker`, `kind`, `evidence`,
        /// `confidence`, `field`, `start`, `end`, `sentence`, `also_in`, `also_in_count`.
        /// The same as `--format jsonl`.
        #[arg(long)]
        json: bool,
        /// Output format (default: text). Offsets (`start`, `end`, `start_char`, `end_char`) count
        /// characters (Unicode code points), not bytes, of the article's body (or title).
        #[arg(long, value_enum, value_name = "FORMAT", conflicts_with = "json")]
        format: Option<QuoteFormat>,
        /// Only quotes by this speaker (accents and case ignored; part of the name is enough).
        #[arg(long, value_name = "NAME")]
        speaker: Option<String>,
        /// Only quotes of this article (id, file name or unique id prefix).
        #[arg(long, value_name = "ID")]
        article: Option<String>,
    },
    /// People and organisations quoted in the corpus, with counts and aliases. Exits 1 when no one
    /// is quoted.
    Speakers {
        /// JSON Lines: `schema`, `speaker`, `kind`, `quotes`, `articles`, `aliases`.
        #[arg(long)]
        json: bool,
    },
    /// An article's reference, for a report or a bibliography manager (Zotero, BibTeX, pandoc).
    Cite {
        /// Article id, file name, or a unique prefix of the id; several make one document.
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, value_name = "FORMAT", default_value = "text")]
        format: CiteFormat,
    },
    /// Build or refresh the corpus cache (what reading and cleaning each file and finding its
    /// quotes gave), so that the next commands and the reader only redo that work for files that
    /// changed. Every command keeps it up to date anyway; it can be deleted at any time.
    Index {
        /// Say where the cache is and what it holds (size, articles, segments, key) instead.
        #[arg(long)]
        info: bool,
        /// With --info: one JSON object.
        #[arg(long, requires = "info")]
        json: bool,
    },
    /// Search titles, outlets, authors, speakers, quotes and body text. Exits 1 when nothing
    /// matches.
    Search {
        /// The query: fuzzy on short fields, words (all of them) in the body; accents and case ignored.
        query: String,
        /// JSON Lines: `schema`, `id`, `file`, `title`, `score`, `fields`.
        #[arg(long)]
        json: bool,
    },
    /// The configuration file: print the default one, check one, or say where it is read from.
    #[cfg(feature = "tui")]
    Config {
        /// What to do.
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Print a shell completion script.
    ///
    /// For bash: `aes-reader completions bash > ~/.local/share/bash-completion/completions/aes-reader`.
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the manual page aes-reader(1) in roff, or write every page with --out-dir.
    ///
    /// `aes-reader man --out-dir ~/.local/share/man/man1` writes aes-reader.1 and a page per
    /// subcommand (aes-reader-list.1 …).
    Man {
        /// Write every page instead, `aes-reader.1` and one per subcommand (`aes-reader-list.1` …),
        /// into this folder.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
}

/// `aes-reader config …`.
#[cfg(feature = "tui")]
#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print the default configuration file: every setting and every key, with a comment each.
    ///
    /// `aes-reader config default > ~/.config/aes-reader/config.toml` writes it where the reader
    /// reads it.
    Default,
    /// Check a configuration file (default: the one the reader would read). Exits 2, naming each
    /// problem's line and column, when it cannot be used.
    Check {
        /// The file to check.
        path: Option<PathBuf>,
    },
    /// Print where the reader reads its configuration file from, and whether it exists.
    Path,
}

impl Command {
    /// The subcommand's name, as typed.
    pub fn name(&self) -> &'static str {
        match self {
            Command::List { .. } => "list",
            Command::Show { .. } => "show",
            Command::Check => "check",
            Command::Quotes { .. } => "quotes",
            Command::Speakers { .. } => "speakers",
            Command::Cite { .. } => "cite",
            Command::Search { .. } => "search",
            Command::Index { .. } => "index",
            Command::Completions { .. } => "completions",
            Command::Man { .. } => "man",
            #[cfg(feature = "tui")]
            Command::Config { .. } => "config",
        }
    }
}

impl Args {
    /// The arguments of this process; on a usage error, clap's message and exit status 2.
    pub fn from_env() -> Args {
        Args::try_parse_args(std::env::args_os()).unwrap_or_else(|e| e.exit())
    }

    /// Parses `args` (the program name first), the reader-only flags included.
    pub fn try_parse_args<I, T>(args: I) -> Result<Args, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let args = Args::try_parse_from(args)?;
        let Some(command) = &args.command else {
            return Ok(args);
        };
        let reader_only = [
            ("--no-mouse", args.no_mouse),
            ("--no-state", args.no_state),
            ("--config", args.config.is_some()),
        ];
        match reader_only.iter().find(|(_, given)| *given) {
            None => Ok(args),
            Some((flag, _)) => Err(Args::command().error(
                ErrorKind::ArgumentConflict,
                format!(
                    "{flag} is for the full-screen reader and means nothing to `{}`; leave it out, \
                     or run `aes-reader {flag}` without a subcommand to open the reader",
                    command.name()
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_takes_its_own_flags() {
        let args = Args::try_parse_args(["aes-reader", "--no-mouse", "--no-state"]).unwrap();
        assert!(args.no_mouse && args.no_state && args.command.is_none());
    }

    #[test]
    fn a_reader_flag_with_a_subcommand_is_a_usage_error_naming_both() {
        for argv in [
            &["aes-reader", "--no-state", "list"][..],
            &["aes-reader", "--no-mouse", "search", "mali"],
        ] {
            let err = Args::try_parse_args(argv).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::ArgumentConflict);
            let text = err.to_string();
            assert!(text.contains(argv[1]) && text.contains(argv[2]), "{text}");
        }
    }

    #[test]
    fn a_reader_flag_after_a_subcommand_is_unknown_there() {
        let err = Args::try_parse_args(["aes-reader", "list", "--no-mouse"]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnknownArgument);
    }

    #[test]
    fn corpus_flags_work_before_and_after_the_subcommand() {
        for argv in [
            &["aes-reader", "--dir", "x", "--follow-symlinks", "list"][..],
            &["aes-reader", "list", "--dir", "x", "--follow-symlinks"],
        ] {
            let args = Args::try_parse_args(argv).unwrap();
            assert_eq!(args.dir.as_deref(), Some(std::path::Path::new("x")));
            assert!(args.follow_symlinks);
        }
    }

    #[test]
    fn subcommand_help_does_not_list_the_reader_flags() {
        let mut cmd = Args::command();
        cmd.build();
        let list = cmd.find_subcommand_mut("list").unwrap();
        let help = list.render_long_help().to_string();
        assert!(
            !help.contains("--no-mouse") && !help.contains("--no-state"),
            "{help}"
        );
        assert!(help.contains("--dir"), "{help}");
    }

    #[test]
    fn the_command_line_definition_is_consistent() {
        Args::command().debug_assert();
    }

    #[test]
    fn help_documents_the_exit_status() {
        let help = Args::command().render_long_help().to_string();
        assert!(
            help.contains("Exit status:") && help.contains("2  an error"),
            "{help}"
        );
    }
}
