//! The room a picture takes in a laid-out article, in character cells, decided before the
//! picture is fetched so that nothing moves when it arrives. A cell shows two pixels, one
//! above the other, so a pixel is about square and a picture `w` pixels wide takes `w`
//! columns and `h / 2` rows.

/// What is known of a picture before it is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// Nothing: the room is [`DEFAULT_ASPECT`] of the width, up to the most rows.
    Unknown,
    /// Its width and height in pixels (from the source, or from an earlier fetch).
    Size(u32, u32),
    /// It cannot be shown (an earlier fetch failed): one line for the note.
    Failed,
}

/// The shape assumed for a picture whose size is unknown, width to height: the usual shape
/// of a news photograph.
pub const DEFAULT_ASPECT: (u32, u32) = (3, 2);

/// The room for a picture: `cols` columns by `rows` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Room {
    pub cols: u16,
    pub rows: u16,
}

/// The room for a picture in a pane `width` columns wide with at most `max_rows` rows: as
/// wide as the pane (never wider than the picture: it is not enlarged) and as tall as its
/// shape then asks, narrower when that would be more than `max_rows`.
pub fn room(known: Known, width: u16, max_rows: u16) -> Room {
    let width = width.max(1);
    let max_rows = max_rows.max(1);
    let (w, h) = match known {
        Known::Failed => {
            return Room {
                cols: width,
                rows: 1,
            };
        }
        Known::Size(w, h) if w > 0 && h > 0 => (w, h),
        Known::Size(..) | Known::Unknown => {
            let (w, h) = DEFAULT_ASPECT;
            (w * u32::from(width), h * u32::from(width))
        }
    };
    let (w, h) = (u64::from(w), u64::from(h));
    let cols = w.min(u64::from(width));
    // The picture's height at that width, in whole pixels as it is scaled, two a row.
    let rows = (cols * h / w).max(1).div_ceil(2);
    if rows <= u64::from(max_rows) {
        return Room {
            cols: to_u16(cols),
            rows: to_u16(rows),
        };
    }
    let cols = (u64::from(max_rows) * 2 * w / h).clamp(1, u64::from(width));
    Room {
        cols: to_u16(cols),
        rows: max_rows,
    }
}

fn to_u16(n: u64) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

#[cfg(test)]
#[path = "room_tests.rs"]
mod tests;
