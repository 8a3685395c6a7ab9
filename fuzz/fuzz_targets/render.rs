//! The whole screen at any size from 0x0 to 300x300, after any short sequence of keys, clicks,
//! wheel turns and resizes, over articles read from arbitrary bytes: nothing panics.
//!
//! Input layout: width (2 bytes, LE, mod 301), height (2 bytes, mod 301), event count (1 byte, mod
//! 33), the events (see `next_event`), then the article files, separated by NUL bytes (at most 4).
#![no_main]

use aes_reader::corpus::quote::extract_article;
use aes_reader::corpus::quote::people::Aliases;
use aes_reader::corpus::state::ReaderState;
use aes_reader::corpus::{Origin, Store};
use aes_reader::tui::action::Action;
use aes_reader::tui::app::App;
use aes_reader::tui::theme::Theme;
use aes_reader::tui::{keymap, view};
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The one place that knows how the reader is built: adapt it when `App::new` changes.
fn build_app(files: Vec<(String, Vec<u8>)>) -> Option<App> {
    let store = Store::from_files(Origin::Embedded, files);
    let aliases = Aliases::default();
    let quotes = store
        .articles()
        .iter()
        .map(|a| extract_article(a, &aliases))
        .collect();
    // `new` only fails when the search thread cannot start: not an input bug.
    App::new(store, quotes, ReaderState::default(), Theme::new(true)).ok()
}

const MAX_SIDE: u16 = 300;

/// The keys the reader binds, and a few it does not (typed into the filter).
const KEYS: &[(KeyCode, KeyModifiers)] = {
    const N: KeyModifiers = KeyModifiers::NONE;
    const C: KeyModifiers = KeyModifiers::CONTROL;
    const S: KeyModifiers = KeyModifiers::SHIFT;
    &[
        (KeyCode::Char('j'), N),
        (KeyCode::Char('k'), N),
        (KeyCode::Down, N),
        (KeyCode::Up, N),
        (KeyCode::Left, N),
        (KeyCode::Right, N),
        (KeyCode::Enter, N),
        (KeyCode::Tab, N),
        (KeyCode::BackTab, S),
        (KeyCode::Esc, N),
        (KeyCode::Backspace, N),
        (KeyCode::PageDown, N),
        (KeyCode::PageUp, N),
        (KeyCode::Home, N),
        (KeyCode::End, N),
        (KeyCode::Char(' '), N),
        (KeyCode::Char('/'), N),
        (KeyCode::Char('?'), N),
        (KeyCode::Char('n'), N),
        (KeyCode::Char('N'), S),
        (KeyCode::Char('g'), N),
        (KeyCode::Char('G'), S),
        (KeyCode::Char('m'), N),
        (KeyCode::Char('d'), C),
        (KeyCode::Char('u'), C),
        (KeyCode::Char('f'), C),
        (KeyCode::Char('b'), C),
        (KeyCode::Char('q'), N),
        (KeyCode::Char('e'), N),
        (KeyCode::Char('é'), N),
        (KeyCode::Char('a'), N),
        (KeyCode::Char('s'), N),
        (KeyCode::Char('’'), N),
        (KeyCode::Char('«'), N),
        (KeyCode::Char('\u{a0}'), N),
        (KeyCode::Char('x'), N),
    ]
};

/// A little-endian u16 from the input, 0 past its end.
fn take_u16(data: &mut &[u8]) -> u16 {
    let v = match *data {
        [a, b, ..] => u16::from_le_bytes([*a, *b]),
        [a] => u16::from(*a),
        [] => 0,
    };
    *data = data.get(2..).unwrap_or_default();
    v
}

fn take_side(data: &mut &[u8]) -> u16 {
    take_u16(data) % (MAX_SIDE + 1)
}

/// One terminal event: a key (most bytes), a resize, a click or a wheel turn.
fn next_event(data: &mut &[u8]) -> Option<Event> {
    let (&op, rest) = data.split_first()?;
    *data = rest;
    Some(match op {
        0xF0..=0xF7 => Event::Resize(take_side(data), take_side(data)),
        0xF8..=0xFF => {
            let kind = match op % 3 {
                0 => MouseEventKind::Down(MouseButton::Left),
                1 => MouseEventKind::ScrollDown,
                _ => MouseEventKind::ScrollUp,
            };
            Event::Mouse(MouseEvent {
                kind,
                column: take_side(data),
                row: take_side(data),
                modifiers: KeyModifiers::NONE,
            })
        }
        _ => {
            let (code, mods) = KEYS[usize::from(op) % KEYS.len()];
            Event::Key(KeyEvent::new(code, mods))
        }
    })
}

/// Draws a frame as the event loop does: the terminal keeps its previous frame to diff against.
fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|f| view::render(f, app))
        .expect("drawing into a TestBackend never fails");
}

fuzz_target!(|data: &[u8]| {
    let mut data = data;
    let size = (take_side(&mut data), take_side(&mut data));
    let count = data.split_first().map_or(0, |(n, _)| n % 33);
    data = data.get(1..).unwrap_or_default();
    let mut events = Vec::new();
    for _ in 0..count {
        match next_event(&mut data) {
            Some(e) => events.push(e),
            None => break,
        }
    }
    let files = data
        .split(|&b| b == 0)
        .take(4)
        .enumerate()
        .map(|(i, bytes)| (format!("{i}.txt"), bytes.to_vec()))
        .collect();

    let Some(mut app) = build_app(files) else {
        return;
    };
    // As the event loop does: the terminal's size first, a draw after every event.
    let mut terminal =
        Terminal::new(TestBackend::new(size.0, size.1)).expect("a TestBackend never fails");
    app.update(Action::Resize(size.0, size.1));
    draw(&mut terminal, &app);
    for event in events {
        if let Event::Resize(w, h) = event {
            terminal.backend_mut().resize(w, h);
        }
        if let Some(action) = keymap::translate(&event, app.context()) {
            app.update(action);
        }
        // Search results arrive from the search thread, as in the real loop.
        app.settle();
        if app.quit {
            break;
        }
        draw(&mut terminal, &app);
    }
});
