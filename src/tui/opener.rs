//! Opening an article's URL for `o`: with the commands `$BROWSER` names (its usual form: commands
//! separated by `:`, each split at white space, `%s` standing for the URL, else the URL added
//! last; the first that starts is used), else the platform's opener (`xdg-open`, `open` on
//! macOS). A process with arguments, never a shell; detached from the reader (its own process
//! group, so the terminal's Ctrl-c does not reach it; no standard input or output, so it cannot
//! draw over the screen), and waited for by a thread of its own so it leaves no zombie. Only
//! `http` and `https` URLs are opened.

use std::process::{Command, Stdio};

/// The environment variable naming the browser.
pub const BROWSER_VAR: &str = "BROWSER";

/// The commands to try for `url`, as (program, arguments), in order: those of `browser` (the
/// value of `$BROWSER`), then the platform's opener when it names none.
pub fn commands(browser: Option<&str>, url: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = browser
        .unwrap_or_default()
        .split(':')
        .filter_map(|entry| {
            let mut words = entry.split_whitespace().map(str::to_owned);
            let program = words.next()?;
            let mut args: Vec<String> = words.collect();
            if args.iter().any(|a| a.contains("%s")) {
                for a in &mut args {
                    *a = a.replace("%s", url).replace("%%", "%");
                }
            } else {
                args.push(url.to_owned());
            }
            Some((program, args))
        })
        .collect();
    if out.is_empty() {
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        out.push((opener.to_owned(), vec![url.to_owned()]));
    }
    out
}

/// Starts the browser on `url`, detached. `Ok`: the program started; `Err`: why none did, and
/// what to do.
pub fn open(url: &str) -> Result<String, String> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Err("only http and https addresses are opened".into());
    }
    let browser = std::env::var(BROWSER_VAR).ok();
    let mut failures = Vec::new();
    for (program, args) in commands(browser.as_deref(), url) {
        let mut command = Command::new(&program);
        command
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        match command.spawn() {
            Ok(mut child) => {
                // Reaped when it ends; the reader never waits for it.
                let _ = std::thread::Builder::new()
                    .name("browser".into())
                    .spawn(move || child.wait());
                return Ok(program);
            }
            Err(e) => failures.push(format!("{program}: {e}")),
        }
    }
    Err(format!(
        "{} (set {BROWSER_VAR} to your browser's command)",
        failures.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_variable_is_split_into_commands_without_a_shell() {
        let url = "https://example.org/a?b=1&c=$(x)";
        let cmds = commands(Some("firefox --new-tab:lynx %s"), url);
        assert_eq!(
            cmds,
            [
                (
                    "firefox".to_owned(),
                    vec!["--new-tab".to_owned(), url.to_owned()]
                ),
                ("lynx".to_owned(), vec![url.to_owned()]),
            ]
        );
    }

    #[test]
    fn without_a_browser_the_platform_opener_is_used() {
        let cmds = commands(None, "https://example.org");
        assert_eq!(cmds.len(), 1);
        assert!(["xdg-open", "open"].contains(&cmds[0].0.as_str()));
        assert_eq!(commands(Some(" : "), "https://example.org"), cmds);
    }

    #[test]
    fn only_web_addresses_are_opened() {
        assert!(open("-oProxyCommand=x").is_err());
        assert!(open("file:///etc/passwd").is_err());
    }
}
