//! The help overlay: every key of the keymap in effect, by context, then the quote panel's
//! legend, in a box in the middle of the screen that scrolls.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::tui::action::Action;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::panes::truncate;
use crate::tui::theme::Theme;

/// Draws the help of `keymap` over `area`, from row `scroll` of it.
pub fn render(frame: &mut Frame<'_>, area: Rect, scroll: usize, keymap: &Keymap, theme: &Theme) {
    let rows = keymap.help_rows();
    let key_w = rows
        .iter()
        .filter_map(|(k, _)| k.as_ref().map(|k| k.width()))
        .max()
        .unwrap_or(8);
    let w = area.width.saturating_sub(4).min(70);
    let h = area
        .height
        .saturating_sub(2)
        .min(u16::try_from(rows.len() + 2).unwrap_or(u16::MAX));
    if w < 10 || h < 3 {
        return;
    }
    let popup = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    let inner_h = usize::from(h - 2);
    let scroll = scroll.min(rows.len().saturating_sub(inner_h));
    let text_w = usize::from(w - 2);
    let lines: Vec<Line<'_>> = rows
        .iter()
        .skip(scroll)
        .take(inner_h)
        .map(|(keys, help)| match keys {
            None => Line::from(Span::styled(truncate(help, text_w), theme.heading())),
            Some(k) => {
                let pad = " ".repeat(key_w.saturating_sub(k.width()));
                Line::from(vec![
                    Span::styled(format!("  {k}{pad}  "), theme.key()),
                    Span::raw(truncate(help, text_w.saturating_sub(key_w + 4))),
                ])
            }
        })
        .collect();
    // The keys that scroll and close it, as the keymap has them.
    let first = |action| keymap.first_label(Context::Help, action);
    let scroll_keys: Vec<String> = [first(Action::Down), first(Action::Up)]
        .into_iter()
        .flatten()
        .collect();
    let more = if scroll + inner_h < rows.len() && !scroll_keys.is_empty() {
        format!(" {} scroll ·", scroll_keys.join("/"))
    } else {
        String::new()
    };
    let close =
        first(Action::Back).map_or_else(|| "Ctrl-c quits".to_owned(), |k| format!("{k} closes"));
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.border_focused())
        .title(" Keys ")
        .title_bottom(Line::from(format!("{more} {close} ")).right_aligned());
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
