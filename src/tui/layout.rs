//! Geometry, and only geometry (ratatui's `Rect`): which view is shown and which pane has the
//! keyboard, where each part of the screen goes at a size (the Articles view's panes, the Quotes and
//! Speakers views' table), the tabs of the title row, the reading pane's text area, and which rows
//! of a scrolled list are in view. No state, no drawing.

use ratatui::layout::Constraint::{Fill, Length};
use ratatui::layout::{Layout, Rect};
use unicode_width::UnicodeWidthStr;

/// What the main area shows: one of three views over the same corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// The article list, the reading pane and the quote panel.
    #[default]
    Articles,
    /// Every quote of the corpus.
    Quotes,
    /// Everyone quoted.
    Speakers,
}

impl View {
    /// The three, in tab order.
    pub const ALL: [View; 3] = [View::Articles, View::Quotes, View::Speakers];

    /// The tab's name.
    pub fn name(self) -> &'static str {
        match self {
            View::Articles => "Articles",
            View::Quotes => "Quotes",
            View::Speakers => "Speakers",
        }
    }

    /// The key that shows it (`1`, `2`, `3`).
    pub fn key(self) -> char {
        match self {
            View::Articles => '1',
            View::Quotes => '2',
            View::Speakers => '3',
        }
    }
}

/// The tabs of a title row in a frame `width` columns wide, each with its text (spaces around it
/// included), drawn one after the other from the column after the frame's corner with one column
/// between them. `active` is marked `▶` when `marked` (its pane has the keyboard). Where the names
/// do not all fit, the other tabs shrink to their key, then go.
pub fn tabs(active: View, marked: bool, width: u16) -> Vec<(View, String)> {
    let label = |v: View, named: bool| {
        let marker = if v == active && marked { "▶ " } else { "" };
        if named || v == active {
            format!(" {marker}{} {} ", v.key(), v.name())
        } else {
            format!(" {} ", v.key())
        }
    };
    // The two corners and the column after the last tab.
    let room = usize::from(width).saturating_sub(3);
    let fits = |t: &[(View, String)]| {
        let w: usize = t.iter().map(|(_, l)| l.width() + 1).sum();
        w <= room + 1
    };
    let named: Vec<(View, String)> = View::ALL.iter().map(|&v| (v, label(v, true))).collect();
    if fits(&named) {
        return named;
    }
    let keys: Vec<(View, String)> = View::ALL.iter().map(|&v| (v, label(v, false))).collect();
    if fits(&keys) {
        return keys;
    }
    vec![(active, label(active, true))]
}

/// The tab at column `x` of a title row drawn in a frame at `frame` (see [`tabs`]).
pub fn tab_at(active: View, marked: bool, frame: Rect, x: u16) -> Option<View> {
    let mut at = usize::from(frame.x) + 1;
    for (v, label) in tabs(active, marked, frame.width) {
        let w = label.width();
        if (at..at + w).contains(&usize::from(x)) {
            return Some(v);
        }
        at += w + 1;
    }
    None
}

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
    /// The Quotes or Speakers view's table (with its frame and the tabs in its title row).
    pub view: Option<Rect>,
    /// The selected quote, whole, under the Quotes view's table (when there is room).
    pub detail: Option<Rect>,
    /// True when the terminal is too small for anything but a notice.
    pub too_small: bool,
}

/// From this many columns the reading pane and the quote panel sit side by side under the list;
/// narrower, the quote panel goes under the reading pane.
pub const SIDE_BY_SIDE: u16 = 120;

/// The quote panel's narrowest and widest widths beside the reading pane (past the widest, the
/// reading pane's margins take the rest: lines longer than a measure are tiring to read).
pub const QUOTES_BESIDE: (u16, u16) = (34, 84);

/// The layout preferences a configuration file may set (`[layout]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    /// From this many columns the reading pane and the quote panel sit side by side
    /// ([`SIDE_BY_SIDE`] by default).
    pub side_by_side: u16,
    /// The quote panel's share of the width beside the reading pane, in percent (40 by default),
    /// kept within [`QUOTES_BESIDE`].
    pub quotes_percent: u16,
}

impl Default for Panes {
    fn default() -> Panes {
        Panes {
            side_by_side: SIDE_BY_SIDE,
            quotes_percent: 40,
        }
    }
}

/// Lays the screen out. The list always runs the whole width on top, so titles and outlets read
/// whole (at 120 columns a title gets 80); under it, from [`SIDE_BY_SIDE`] columns, the reading
/// pane beside the quote panel, which takes two fifths of the width (up to a measure of its own)
/// and every row; narrower, the reading pane over the quote panel (which shows from 20 rows). The
/// focused pane gets the room: the list takes up to a third of the rows (half from 40 rows) while it has the
/// keyboard, and a fifth while reading (its selected row alone below 25 rows); the focused quote
/// panel under the reader takes half the rows.
/// Small: the focused pane alone. Tiny: a notice.
/// `list_rows` is how many rows the list would like (it gets no more);
/// `warning_rows` how many the warning would like (it gets a third of the screen at most).
pub fn layout(
    area: Rect,
    focus: Focus,
    filter_shown: bool,
    list_rows: usize,
    warning_rows: usize,
) -> Areas {
    layout_with(
        Panes::default(),
        area,
        focus,
        filter_shown,
        list_rows,
        warning_rows,
    )
}

/// [`layout`], with the configuration file's preferences: the width from which the reading pane
/// and the quote panel sit side by side, the quote panel's share of it.
pub fn layout_with(
    panes: Panes,
    area: Rect,
    focus: Focus,
    filter_shown: bool,
    list_rows: usize,
    warning_rows: usize,
) -> Areas {
    let (w, h) = (area.width, area.height);
    let Some((main, mut areas)) = rows(area, filter_shown, warning_rows) else {
        return Areas {
            too_small: true,
            ..Areas::default()
        };
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
        return areas;
    }
    let wanted = u16::try_from(list_rows.saturating_add(2)).unwrap_or(u16::MAX);
    let list_h = if focus == Focus::List {
        let share = if main.height >= 39 { 2 } else { 3 };
        wanted.min(main.height / share).max(3)
    } else if main.height >= 25 {
        // Reading: a fifth of the rows, the articles around the open one.
        wanted.min(main.height / 5).max(3)
    } else {
        3
    };
    let [l, rest] = Layout::vertical([Length(list_h), Fill(1)]).areas(main);
    areas.list = Some(l);
    if w >= panes.side_by_side {
        // Two fifths of the width for the quote panel (by default), the rest for the reader: a
        // measure of 68 columns at 120, the whole measure from 160. The same whatever the focus:
        // the reader's text is wrapped, and its place kept, at one measure.
        let share = u32::from(w) * u32::from(panes.quotes_percent) / 100;
        let q = u16::try_from(share)
            .unwrap_or(u16::MAX)
            .clamp(QUOTES_BESIDE.0, QUOTES_BESIDE.1)
            .min(w / 2);
        let [r, qa] = Layout::horizontal([Fill(1), Length(q)]).areas(rest);
        areas.reader = Some(r);
        areas.quotes = Some(qa);
    } else if main.height >= 20 {
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
    areas
}

/// The rows every view shares: the main area, then the filter line (when shown), the warning (a
/// third of the screen at most) and the status bar. `None` when the terminal is too small.
fn rows(area: Rect, filter_shown: bool, warning_rows: usize) -> Option<(Rect, Areas)> {
    let (w, h) = (area.width, area.height);
    if w < MIN_SIZE.0 || h < MIN_SIZE.1 {
        return None;
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
    let areas = Areas {
        status: Some(status),
        filter: filter_shown.then_some(filter),
        warning: (warning_rows > 0).then_some(warning),
        ..Areas::default()
    };
    Some((main, areas))
}

/// Lays out the Quotes or Speakers view: its table over the whole main area, and in the Quotes
/// view, when the screen has 20 rows for it, the selected quote under the table.
pub fn layout_view(area: Rect, view: View, filter_shown: bool, warning_rows: usize) -> Areas {
    let Some((main, mut areas)) = rows(area, filter_shown, warning_rows) else {
        return Areas {
            too_small: true,
            ..Areas::default()
        };
    };
    if view == View::Quotes && main.height >= 20 {
        let detail = (main.height / 4).clamp(6, 10);
        let [table, below] = Layout::vertical([Fill(1), Length(detail)]).areas(main);
        areas.view = Some(table);
        areas.detail = Some(below);
    } else {
        areas.view = Some(main);
    }
    areas
}

/// Columns inside the frame from which the Quotes and Speakers views give each row one line (in
/// columns, under a header line); narrower, a row takes two lines.
pub const WIDE_TABLE: u16 = 96;

/// Where the Quotes or Speakers view's table, drawn in `area` (with its frame), puts its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Table {
    /// One line per row, under a header line (else two lines per row, no header).
    pub wide: bool,
    /// The header line (wide only).
    pub header: Option<Rect>,
    /// The rows' lines.
    pub body: Rect,
}

/// The table of a view drawn in `area`, its frame included.
pub fn table(area: Rect) -> Table {
    let inner = Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    };
    let wide = inner.width >= WIDE_TABLE;
    if wide && inner.height > 1 {
        let [header, body] = Layout::vertical([Length(1), Fill(1)]).areas(inner);
        Table {
            wide,
            header: Some(header),
            body,
        }
    } else {
        Table {
            wide,
            header: None,
            body: inner,
        }
    }
}

/// Lines one row of a view's table takes: one in a wide table, two in a narrow one; `sub` rows (a
/// quote's printings) always one.
pub fn row_lines(wide: bool, sub: bool) -> usize {
    if wide || sub { 1 } else { 2 }
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

/// The quote panel beyond its [`Scroll`] (whose `selected` and `offset` are positions in the
/// panel, not quote numbers): the order the quotes are shown in, the speaker the filter names (whose
/// quotes come first, marked), the selected quote's "also in" list opened and the article selected
/// in it, and how many rows of a selected quote taller than the panel are scrolled past. Plain
/// data: the screen state moves it, the drawing reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PanelState {
    /// Quote numbers in the order shown; empty: the article's order.
    pub order: Vec<usize>,
    /// The speaker the filter names, if one of the article's quotes is theirs.
    pub named: Option<String>,
    /// The selected quote's "also in" list is open.
    pub open: bool,
    /// What is selected in the selected quote: 0 the quote, `k` the `k`-th "also in" article.
    pub sub: usize,
    /// Rows of the selected quote scrolled past (when it is taller than the panel).
    pub line: usize,
}

impl PanelState {
    /// The quote shown at position `pos`.
    pub fn quote_at(&self, pos: usize) -> usize {
        self.order.get(pos).copied().unwrap_or(pos)
    }

    /// The position quote `quote` is shown at.
    pub fn position_of(&self, quote: usize) -> usize {
        self.order.iter().position(|q| *q == quote).unwrap_or(quote)
    }

    /// True when `speaker` is the one the filter names.
    pub fn is_named(&self, speaker: Option<&str>) -> bool {
        self.named.is_some() && self.named.as_deref() == speaker
    }
}

/// One line of the Quotes view's table: a quote (a row of the book), or, under a quote printed by
/// several articles and opened, one of its printings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    /// Row `r` of the book.
    Row(u32),
    /// Printing `k` (0 the first) of row `r`.
    Printing(u32, u32),
}

impl Item {
    /// The book's row this item is about.
    pub fn row(self) -> u32 {
        match self {
            Item::Row(r) | Item::Printing(r, _) => r,
        }
    }
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
    fn tabs_shrink_to_their_keys_then_leave_only_the_active_one_when_narrow() {
        let labels = |width| -> Vec<String> {
            tabs(View::Quotes, true, width)
                .into_iter()
                .map(|(_, l)| l)
                .collect()
        };
        assert_eq!(labels(80), [" 1 Articles ", " ▶ 2 Quotes ", " 3 Speakers "]);
        assert_eq!(labels(30), [" 1 ", " ▶ 2 Quotes ", " 3 "]);
        assert_eq!(labels(12), [" ▶ 2 Quotes "]);
        // A click finds the tab drawn under it, at every width.
        for width in [80, 30, 12] {
            let frame = Rect::new(5, 0, width, 10);
            let mut x = frame.x + 1;
            for (view, label) in tabs(View::Quotes, true, width) {
                let w = label.width() as u16;
                assert_eq!(tab_at(View::Quotes, true, frame, x), Some(view));
                assert_eq!(tab_at(View::Quotes, true, frame, x + w - 1), Some(view));
                x += w + 1;
            }
        }
    }

    #[test]
    fn the_list_runs_the_whole_width_and_the_focused_pane_gets_the_room() {
        for (w, h) in [(80, 24), (100, 30), (120, 40), (160, 50), (200, 60)] {
            let area = Rect::new(0, 0, w, h);
            let listing = layout(area, Focus::List, false, 5000, 0);
            let reading = layout(area, Focus::Reader, false, 5000, 0);
            let quoting = layout(area, Focus::Quotes, false, 5000, 0);
            for areas in [listing, reading, quoting] {
                assert_eq!(areas.list.map(|l| l.width), Some(w), "{w}x{h}");
                assert!(areas.reader.is_some() && areas.quotes.is_some(), "{w}x{h}");
            }
            let (l, r) = (listing.list.unwrap(), reading.list.unwrap());
            // A third of the rows (half from 40) while listing, a fifth while reading (the
            // selected row alone at 80x24).
            assert!(l.height >= (h - 1) / 3, "{w}x{h}: {l:?}");
            assert_eq!(r.height, if h < 26 { 3 } else { (h - 1) / 5 }, "{w}x{h}");
            let (reader, quotes) = (reading.reader.unwrap(), reading.quotes.unwrap());
            if w >= SIDE_BY_SIDE {
                // Side by side: the reader keeps a comfortable measure, the quote panel every row.
                assert!(viewport(reader).measure >= 64, "{w}x{h}");
                assert_eq!(quotes.height, reader.height);
                assert_eq!(quoting.reader.unwrap().width, reader.width, "one measure");
            } else {
                assert!(quoting.quotes.unwrap().height > quotes.height, "{w}x{h}");
            }
        }
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
