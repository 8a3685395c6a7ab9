//! The panes of the screen, each with its state and its drawing: the article list, the reading pane,
//! the quote panel and the filter line.

pub mod filter;
pub mod list;
pub mod quotes;
pub mod reader;

use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType};
use unicode_width::UnicodeWidthStr;

use crate::tui::theme::Theme;

/// A pane's frame: thick and bright when focused (so focus shows without colour too).
pub fn pane_block<'a>(title: &'a str, focused: bool, theme: &Theme) -> Block<'a> {
    let (style, kind, marker) = if focused {
        (theme.border_focused(), BorderType::Thick, "▶ ")
    } else {
        (theme.border(), BorderType::Plain, "")
    };
    Block::bordered()
        .border_type(kind)
        .border_style(style)
        .title(Line::from(format!(" {marker}{title} ")))
}

pub use crate::corpus::text::truncate;

/// `s` padded with spaces to `width` display columns (truncated first when wider).
pub fn fit(s: &str, width: usize) -> String {
    let t = truncate(s, width);
    let pad = width.saturating_sub(t.width());
    format!("{t}{}", " ".repeat(pad))
}

/// The first row to show so that rows `selected` (with the given heights) is visible, moving the
/// previous `offset` as little as possible.
pub fn keep_visible(heights: &[usize], selected: usize, offset: usize, height: usize) -> usize {
    keep_visible_by(
        heights.len(),
        |i| heights.get(i).copied().unwrap_or(0),
        selected,
        offset,
        height,
    )
}

/// [`keep_visible`] for `n` rows whose heights `height_of` gives on demand: it asks only for the
/// rows around the window (about a screenful), never for all of them, so moving in a long list or
/// a long quote panel costs the same as in a short one.
pub fn keep_visible_by(
    n: usize,
    mut height_of: impl FnMut(usize) -> usize,
    selected: usize,
    offset: usize,
    height: usize,
) -> usize {
    if n == 0 || height == 0 {
        return 0;
    }
    let selected = selected.min(n - 1);
    let mut offset = offset.min(selected);
    // The highest first row that still shows `selected` whole: rows above it, up from `selected`,
    // as long as they fit (or `selected` alone).
    let mut lowest = selected;
    let mut used = height_of(selected);
    while lowest > offset {
        let h = height_of(lowest - 1);
        if used + h > height {
            break;
        }
        used += h;
        lowest -= 1;
    }
    if used > height || lowest > offset {
        offset = lowest;
    }
    // Never leave empty rows at the bottom while rows above are hidden: the rows from `offset`
    // down, measured only until they fill the height.
    let mut below = 0;
    for i in offset..n {
        below += height_of(i);
        if below > height {
            return offset;
        }
    }
    while offset > 0 {
        let h = height_of(offset - 1);
        if below + h > height {
            break;
        }
        below += h;
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_pads_by_display_width() {
        assert_eq!(fit("é", 3), "é  ");
    }

    #[test]
    fn the_selected_row_stays_in_view() {
        assert_eq!(keep_visible(&[1; 10], 9, 0, 4), 6);
        assert_eq!(keep_visible(&[1; 10], 2, 6, 4), 2);
        assert_eq!(keep_visible(&[3, 3, 3], 2, 0, 4), 2);
        assert_eq!(keep_visible(&[], 2, 5, 4), 0);
        // Room below pulls hidden rows back into view.
        assert_eq!(keep_visible(&[1; 5], 2, 2, 10), 0);
    }

    /// The first version, which summed the heights again at every step: the reference.
    fn keep_visible_by_sums(
        heights: &[usize],
        selected: usize,
        offset: usize,
        height: usize,
    ) -> usize {
        if heights.is_empty() || height == 0 {
            return 0;
        }
        let selected = selected.min(heights.len() - 1);
        let mut offset = offset.min(selected);
        while offset < selected && heights[offset..=selected].iter().sum::<usize>() > height {
            offset += 1;
        }
        while offset > 0 && heights[offset - 1..].iter().sum::<usize>() <= height {
            offset -= 1;
        }
        offset
    }

    #[test]
    fn keeping_a_row_visible_on_demand_matches_summing_every_height() {
        // Every small case: heights 1 to 3, up to 6 rows, every selection, offset and height.
        let mut cases = 0;
        for n in 0..=6usize {
            for code in 0..3usize.pow(u32::try_from(n).unwrap()) {
                let heights: Vec<usize> = (0..n)
                    .map(|i| code / 3usize.pow(u32::try_from(i).unwrap()) % 3 + 1)
                    .collect();
                for selected in 0..=n {
                    for offset in 0..=n {
                        for height in 0..=8 {
                            assert_eq!(
                                keep_visible(&heights, selected, offset, height),
                                keep_visible_by_sums(&heights, selected, offset, height),
                                "{heights:?} selected {selected} offset {offset} height {height}"
                            );
                            cases += 1;
                        }
                    }
                }
            }
        }
        assert!(cases > 10_000);
    }

    #[test]
    fn keeping_a_row_visible_measures_about_a_screenful_of_rows() {
        let mut asked = 0;
        let offset = keep_visible_by(
            1_000_000,
            |_| {
                asked += 1;
                1
            },
            500_000,
            0,
            40,
        );
        assert_eq!(offset, 500_000 - 39);
        assert!(asked < 100, "{asked} rows measured");
    }
}
