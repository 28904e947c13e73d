//! A cursor over rows, as the list, the navigation pane, the reader and the windows have one:
//! moved within its rows, and the first row shown chosen so that it stays in view.

/// `index + delta`, kept within `0..len`.
pub(super) fn offset_index(index: usize, delta: isize, len: usize) -> usize {
    index
        .saturating_add_signed(delta)
        .min(len.saturating_sub(1))
}

/// The first row to show so that `cursor` is among `rows` rows starting there.
pub(super) fn keep_in_view(offset: usize, cursor: usize, rows: usize) -> usize {
    if cursor < offset {
        cursor
    } else if cursor >= offset + rows {
        cursor + 1 - rows
    } else {
        offset
    }
}
