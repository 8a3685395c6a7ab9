//! The one event loop: reads terminal events, turns them into actions through the keymap in
//! effect (the App's), updates the [`App`], draws when something changed, asks for saves, and
//! copies what `y` asked for (the App says what; `tui::clipboard` writes it) and opens the URL `o`
//! asked for (`tui::opener`). Keys typed before the first list arrives wait for it, in order.

use std::collections::VecDeque;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event;

use crate::tui::action::Action;
use crate::tui::app::{App, BUSY_WAIT};
use crate::tui::test_hooks::Hooks;
use crate::tui::view;
use crate::tui::{clipboard, opener};

/// Most events taken before drawing again.
const MAX_BURST: usize = 64;

/// How long the loop waits for the next event of a burst before drawing. Not zero: with
/// crossterm's `use-dev-tty` event source a zero timeout never looks at the terminal, so each
/// event would cost a frame.
const BURST_WAIT: Duration = Duration::from_millis(1);

/// How long the idle event loop waits for a key before looking for a stop signal.
const IDLE_WAIT: Duration = Duration::from_millis(150);

/// Most events held while the first list is awaited; past it, the loop leaves the rest in the
/// terminal's queue until the list comes.
const MAX_HELD: usize = 4096;

/// What handling an event did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Handled {
    /// Nothing (an unbound key).
    Nothing,
    /// The state changed: redraw, and checkpoint it.
    Changed,
    /// The state changed and was saved at once: redraw.
    Saved,
}

/// Handles one terminal event: updates `app`, asks `keep` to save when an action wants it, copies
/// what `y` asked for (OSC 52 goes to `out`, the terminal), opens the URL `o` asked for.
fn handle(
    app: &mut App,
    ev: &event::Event,
    keep: &mut impl FnMut(&mut App, bool),
    hooks: &mut Hooks,
    out: &mut impl Write,
    copy_command: Option<&str>,
) -> Handled {
    let context = app.context();
    let action = app.screen().keymap().translate(ev, context);
    let mut handled = Handled::Nothing;
    if let Some(action) = action {
        app.update(action);
        handled = Handled::Changed;
    } else if let event::Event::Paste(text) = ev {
        app.paste(text);
        handled = Handled::Changed;
    }
    if let Some(clip) = app.take_clip() {
        let result = clipboard::copy(&clip.text, copy_command, out);
        app.copied(&clip, result);
    }
    if let Some(url) = app.take_url() {
        let result = opener::open(&url);
        app.opened(&url, result);
    }
    if app.take_save_request() {
        keep(app, true);
        handled = Handled::Saved;
    }
    let open = app.screen().reader.article.is_some();
    hooks.after(ev, action, context, open);
    handled
}

/// True for an event that is handled at once even while keys wait for the first list: a resize,
/// Ctrl-c, and `q` when nothing typed before waits (after a `/`, `q` is text).
fn urgent(app: &App, ev: &event::Event, nothing_held: bool) -> bool {
    match app.screen().keymap().translate(ev, app.context()) {
        Some(Action::Resize(..) | Action::ForceQuit) => true,
        Some(Action::Quit) => nothing_held,
        _ => false,
    }
}

/// The event loop: draw when something changed, wait for an event (or a stop signal), update, and
/// hand the state to `keep` after the events it changes: `keep(app, true)` when an action asks for
/// a save now, `keep(app, false)` otherwise (to checkpoint it). Returns when the user quits or
/// `stop` is set. Keys typed before the first list arrives wait for it, in order (see
/// [`App::first_list_pending`]). `copy_command` is the configuration file's copy command for `y`
/// (the environment's wins: see [`clipboard::copy`]).
pub fn run_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
    copy_command: Option<&str>,
    mut keep: impl FnMut(&mut App, bool),
) -> std::io::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let mut dirty = true;
    let mut hooks = Hooks::from_env();
    let mut held: VecDeque<event::Event> = VecDeque::new();
    app.note_warning();
    while !app.quit_asked() && !stop.load(Ordering::Relaxed) {
        if !held.is_empty() && !app.first_list_pending() {
            let mut changed = false;
            while let Some(ev) = held.pop_front() {
                match handle(
                    app,
                    &ev,
                    &mut keep,
                    &mut hooks,
                    terminal.backend_mut(),
                    copy_command,
                ) {
                    Handled::Nothing => {}
                    Handled::Changed => changed = true,
                    Handled::Saved => changed = false,
                }
                dirty = true;
                if app.quit_asked() {
                    break;
                }
            }
            if changed {
                keep(app, false);
            }
            app.note_warning();
            continue;
        }
        if dirty {
            terminal.draw(|f| view::render(f, app))?;
            dirty = false;
        }
        // A short timeout so a stop signal is noticed promptly, shorter while loading or
        // searching so results show as soon as they come.
        let wait = if app.busy() { BUSY_WAIT } else { IDLE_WAIT };
        if held.len() >= MAX_HELD {
            // Enough waits already: the rest stays in the terminal's queue meanwhile.
            std::thread::sleep(wait);
        } else if event::poll(wait)? {
            let mut changed = false;
            // Take the keys already typed before drawing (a burst costs one frame), but a bounded
            // number, so a stop signal is always noticed.
            let mut burst = 0;
            while burst < MAX_BURST && held.len() < MAX_HELD && event::poll(BURST_WAIT)? {
                burst += 1;
                let ev = event::read()?;
                if app.first_list_pending() && !urgent(app, &ev, held.is_empty()) {
                    held.push_back(ev);
                    continue;
                }
                match handle(
                    app,
                    &ev,
                    &mut keep,
                    &mut hooks,
                    terminal.backend_mut(),
                    copy_command,
                ) {
                    Handled::Nothing => {}
                    Handled::Changed => {
                        dirty = true;
                        changed = true;
                    }
                    Handled::Saved => {
                        dirty = true;
                        changed = false;
                    }
                }
                if app.quit_asked() {
                    break;
                }
            }
            if changed {
                keep(app, false);
            }
        }
        dirty |= app.pump();
        app.note_warning();
    }
    Ok(())
}
