//! Geometry, and only geometry (ratatui's `Rect`): which pane has the keyboard, where each part of
//! the screen goes at a size, the reading pane's text area, and which rows of a scrolled list are
//! in view. No state, no drawing.

use ratatui::layout::Constraint::{Fill, Length};
use ratatui::layout::{Layout, Rect};

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The article list.
    List,
    /// The reading pane.
    Reader,
    /// The quote panel.
    Quotes,
}

impl Focus {
    const ORDER: [Focus; 3] = [Focus::List, Focus::Reader, Focus::Quotes];

    /// The next pane (or the previous one), in the order list, reader, quotes, round.
    pub fn step(self, forward: bool) -> Focus {
        let i = Focus::ORDER.iter().position(|f| *f == self).unwrap_or(0);
        let n = Focus::ORDER.len();
        Focus::ORDER[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// The widest the reading pane's text gets, in columns: lines longer than this are tiring to read.
pub const MEASURE: usize = 80;

/// Below this many columns or rows, only a notice is drawn.
pub const MIN_SIZE: (u16, u16) = (20, 5);
/// Below this many columns or rows, only the focused pane is drawn.
pub const SINGLE_PANE: (u16, u16) = (40, 10);

/// Where each part of the screen goes; `None` for parts that do not fit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    /// Article list.
    pub list: Option<Rect>,
    /// Reading pane.
    pub reader: Option<Rect>,
    /// Quote panel.
    pub quotes: Option<Rect>,
    /// Filter line.
    pub filter: Option<Rect>,
    /// The warning, above the status bar.
    pub warning: Option<Rect>,
    /// Status bar.
    pub status: Option<Rect>,
    /// True when the terminal is too small for anything but a notice.
    pub too_small: bool,
}

/// Lays the screen out. Wide: list | reader | quotes. Medium: list | reader over quotes. Narrow:
/// list over reader over quotes. Small: the focused pane alone. Tiny: a notice.
/// `list_rows` is how many rows the list would like (the stacked layout gives it no more);
/// `warning_rows` how many the warning would like (it gets a third of the screen at most).
pub fn layout(
    area: Rect,
    focus: Focus,
    filter_shown: bool,
    list_rows: usize,
    warning_rows: usize,
) -> Areas {
    let (w, h) = (area.width, area.height);
    if w < MIN_SIZE.0 || h < MIN_SIZE.1 {
        return Areas {
            too_small: true,
            ..Areas::default()
        };
    }
    let warning_rows = u16::try_from(warning_rows)
        .unwrap_or(u16::MAX)
        .min((h / 3).max(1));
    let [main, filter, warning, status] = Layout::vertical([
        Fill(1),
        Length(u16::from(filter_shown)),
        Length(warning_rows),
        Length(1),
    ])
    .areas(area);
    let mut areas = Areas {
        status: Some(status),
        filter: filter_shown.then_some(filter),
        warning: (warning_rows > 0).then_some(warning),
        ..Areas::default()
    };
    // The reader or the quotes in one region, as focus says (quotes replace the reader when there
    // is no room for both).
    let one_of = |areas: &mut Areas, r: Rect| {
        if focus == Focus::Quotes {
            areas.quotes = Some(r);
        } else {
            areas.reader = Some(r);
        }
    };
    if w < SINGLE_PANE.0 || h < SINGLE_PANE.1 {
        match focus {
            Focus::List => areas.list = Some(main),
            _ => one_of(&mut areas, main),
        }
    } else if w < 100 {
        // The focused pane gets the room: the list shrinks to its selected row while reading.
        let wanted = u16::try_from(list_rows.saturating_add(2)).unwrap_or(u16::MAX);
        let list_h = if focus == Focus::List {
            wanted.min(main.height / 3).max(3)
        } else {
            3
        };
        let [l, rest] = Layout::vertical([Length(list_h), Fill(1)]).areas(main);
        areas.list = Some(l);
        if main.height >= 20 {
            let q = if focus == Focus::Quotes {
                rest.height / 2
            } else {
                (rest.height / 3).clamp(4, 10)
            };
            let [r, qa] = Layout::vertical([Fill(1), Length(q)]).areas(rest);
            areas.reader = Some(r);
            areas.quotes = Some(qa);
        } else {
            one_of(&mut areas, rest);
        }
    } else if w < 160 {
        let [l, right] =
            Layout::horizontal([Length((w * 2 / 5).clamp(30, 60)), Fill(1)]).areas(main);
        areas.list = Some(l);
        if main.height >= 18 {
            let q = (main.height / 3).clamp(5, 14);
            let [r, qa] = Layout::vertical([Fill(1), Length(q)]).areas(right);
            areas.reader = Some(r);
            areas.quotes = Some(qa);
        } else {
            one_of(&mut areas, right);
        }
    } else {
        // The reader needs its measure plus margins and borders; the list takes what is left.
        let q = (w / 4).clamp(34, 56);
        let reader_w = u16::try_from(MEASURE + 6).unwrap_or(86);
        let list_w = w.saturating_sub(q + reader_w).clamp(36, 72);
        let [l, r, qa] = Layout::horizontal([Length(list_w), Fill(1), Length(q)]).areas(main);
        areas.list = Some(l);
        areas.reader = Some(r);
        areas.quotes = Some(qa);
    }
    areas
}

/// The text area of the reading pane: the measure, how far it is indented to be centred, its height.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Viewport {
    /// Columns of text.
    pub measure: usize,
    /// Columns before the text (centring).
    pub left: u16,
    /// Rows.
    pub height: usize,
}

/// The viewport of a reading pane drawn in `area` (with its border).
pub fn viewport(area: Rect) -> Viewport {
    let inner_w = area.width.saturating_sub(2);
    let usable = inner_w.saturating_sub(2).max(1);
    let measure = usable.min(MEASURE as u16);
    Viewport {
        measure: usize::from(measure),
        left: inner_w.saturating_sub(measure) / 2,
        height: usize::from(area.height.saturating_sub(2)),
    }
}

/// A list that scrolls (the article list, the quote panel): its selected row and the first row
/// shown. Plain data (public fields): the screen state moves it, the drawing reads it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    /// Index of the selected row.
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
}

/// `current` moved by `delta` within `0..n` (`isize::MIN`/`MAX` mean first/last).
pub fn step(current: usize, delta: isize, n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    match delta {
        isize::MIN => 0,
        isize::MAX => n - 1,
        d => current.saturating_add_signed(d).min(n - 1),
    }
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
