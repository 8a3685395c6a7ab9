//! What packagers install beside the binary, made from the one command-line definition
//! ([`Args`]): shell completion scripts (`completions SHELL`, clap_complete) and the manual pages
//! (`man`, clap_mangen): `aes-reader(1)` with the exit statuses and environment, and one page per
//! subcommand (`aes-reader-list(1)` …) that it refers to.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::CommandFactory;
use clap_complete::Shell;
use clap_mangen::Man;
use roff::{Roff, bold, roman};

use super::args::{Args, ENVIRONMENT, EXIT_STATUSES};

/// The name the scripts and the pages are made for.
const BIN: &str = "aes-reader";

/// The command line as the manual describes it: every subcommand has a page, `help` is left out.
fn command() -> clap::Command {
    let mut cmd = Args::command().name(BIN).disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// Writes the completion script for `shell`.
pub(super) fn completions(shell: Shell, out: &mut impl Write) -> io::Result<()> {
    clap_complete::generate(shell, &mut Args::command(), BIN, out);
    Ok(())
}

/// Writes the manual page `aes-reader(1)` in roff: what clap knows (synopsis, options,
/// subcommands), then the exit statuses and the environment.
pub(super) fn man(out: &mut impl Write) -> io::Result<()> {
    let out: &mut dyn Write = out;
    let page = Man::new(command());
    page.render_title(out)?;
    page.render_name_section(out)?;
    page.render_synopsis_section(out)?;
    page.render_description_section(out)?;
    page.render_options_section(out)?;
    page.render_subcommands_section(out)?;
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for (code, what) in EXIT_STATUSES {
        roff.control("TP", [])
            .text([bold(code.to_string())])
            .text([roman(what)]);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, what) in ENVIRONMENT {
        roff.control("TP", [])
            .text([bold(name)])
            .text([roman(what)]);
    }
    roff.to_writer(out)?;
    page.render_version_section(out)
}

/// Writes `aes-reader.1` and one page per subcommand into `dir`; the files written.
pub(super) fn man_pages(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let fail = |path: &Path| {
        format!(
            "cannot write the manual page {}. Check that the folder exists and is writable",
            path.display()
        )
    };
    let mut written = Vec::new();
    for sub in command().get_subcommands() {
        let page = Man::new(sub.clone());
        let path = dir.join(page.get_filename());
        page.generate_to(dir).with_context(|| fail(&path))?;
        written.push(path);
    }
    let path = dir.join(format!("{BIN}.1"));
    File::create(&path)
        .and_then(|mut file| man(&mut file).and_then(|()| file.flush()))
        .with_context(|| fail(&path))?;
    written.insert(0, path);
    Ok(written)
}

#[cfg(test)]
mod tests {
    use clap::ValueEnum;

    use super::*;

    #[test]
    fn every_shell_gets_a_script_naming_the_subcommands() {
        for shell in Shell::value_variants() {
            let mut out = Vec::new();
            completions(*shell, &mut out).unwrap();
            let script = String::from_utf8(out).unwrap();
            assert!(
                script.contains("quotes") && script.contains("dir"),
                "{shell}"
            );
        }
    }

    #[test]
    fn the_manual_page_has_the_exit_statuses_and_environment() {
        let mut out = Vec::new();
        man(&mut out).unwrap();
        let page = String::from_utf8(out).unwrap();
        assert!(page.contains(".TH aes-reader 1"), "{page:.400}");
        assert!(page.contains(".SH \"EXIT STATUS\""), "{page}");
        assert!(page.contains("AES_READER_LOG"), "{page}");
        assert!(page.contains("aes\\-reader\\-quotes(1)"), "{page}");
        assert!(!page.contains("aes\\-reader\\-help(1)"), "{page}");
    }

    #[test]
    fn every_page_the_manual_names_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let written = man_pages(dir.path()).unwrap();
        let names: Vec<String> = written
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names[0], "aes-reader.1");
        for sub in [
            "list", "show", "check", "quotes", "speakers", "cite", "search",
        ] {
            let name = format!("aes-reader-{sub}.1");
            assert!(names.contains(&name), "{names:?}");
            let page = std::fs::read_to_string(dir.path().join(&name)).unwrap();
            assert!(page.contains(".TH aes-reader-"), "{name}: {page:.200}");
        }
    }
}
