//! The colours a picture is drawn in: the picture's own (24-bit) where the terminal says it
//! shows them, else the nearest of the 240 fixed colours of the 256-colour palette (the 16
//! system colours are left out: terminal themes change them).

use ratatui::style::Color;

/// How the terminal is told a picture's colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colours {
    /// 24-bit colour (`ESC[38;2;r;g;bm`).
    True,
    /// The nearest of the 256-colour palette (`ESC[38;5;nm`).
    Palette256,
}

impl Colours {
    /// True colour when `COLORTERM` says the terminal has it (`truecolor` or `24bit`, as
    /// terminals that do set it), else the 256-colour palette, which every terminal of the
    /// last twenty years and tmux show.
    pub fn detect(colorterm: Option<&str>) -> Self {
        match colorterm.map(str::to_ascii_lowercase).as_deref() {
            Some("truecolor" | "24bit") => Self::True,
            _ => Self::Palette256,
        }
    }

    pub fn colour(self, [r, g, b]: [u8; 3]) -> Color {
        match self {
            Self::True => Color::Rgb(r, g, b),
            Self::Palette256 => Color::Indexed(nearest_256([r, g, b])),
        }
    }
}

/// The levels of each channel in the palette's 6×6×6 colour cube (indices 16–231).
const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// The index of the palette colour nearest to `rgb`: the nearest in the colour cube or the
/// nearest of the 24 greys (232–255, from 8 to 238 by 10), whichever is closer.
pub fn nearest_256(rgb: [u8; 3]) -> u8 {
    let level = |c: u8| -> usize {
        CUBE.iter()
            .enumerate()
            .min_by_key(|&(_, &l)| l.abs_diff(c))
            .map_or(0, |(i, _)| i)
    };
    let [r, g, b] = rgb.map(level);
    let cube = [CUBE[r], CUBE[g], CUBE[b]];
    let cube_index = 16 + 36 * r + 6 * g + b;
    let mean = (u16::from(rgb[0]) + u16::from(rgb[1]) + u16::from(rgb[2])) / 3;
    let step = (mean.saturating_sub(3) / 10).min(23);
    let grey = 8 + 10 * step;
    let grey = u8::try_from(grey).unwrap_or(238);
    let grey_index = 232 + usize::from(step);
    let index = if distance(rgb, [grey; 3]) < distance(rgb, cube) {
        grey_index
    } else {
        cube_index
    };
    u8::try_from(index).unwrap_or(u8::MAX)
}

fn distance(a: [u8; 3], b: [u8; 3]) -> u32 {
    a.iter()
        .zip(b)
        .map(|(&x, y)| u32::from(x.abs_diff(y)).pow(2))
        .sum()
}

#[cfg(test)]
#[path = "palette_tests.rs"]
mod tests;
