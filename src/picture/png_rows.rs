//! A PNG too large to decode whole, read a row at a time and shrunk as it is read: each
//! square of `factor × factor` pixels becomes one, so a screenshot of several megapixels
//! costs a few rows of memory and the smaller picture, not its whole size. An interlaced
//! PNG comes in seven passes over the whole picture, so it cannot be read this way.

use std::io::Cursor;

use png::{BitDepth, ColorType, Decoder, DecodingError, Limits, Transformations};

use super::scale::{Decoded, Layout};

/// The most pixels of a PNG read row by row: its time follows its size, its memory does not.
pub const MAX_PIXELS: u64 = 48 * 1024 * 1024;
/// What the decoder may allocate: its row buffers and the chunks it keeps.
const DECODER_BYTES: usize = 4 * 1024 * 1024;
/// The most bytes of shrunk pixels.
const MAX_OUTPUT: u64 = 8 * 1024 * 1024;

/// Decodes `bytes` (of at most [`MAX_PIXELS`], as the caller checked from the header)
/// shrunk by the largest whole factor that leaves it at least `target`
/// (width, height) both ways, or its own size when it is smaller.
pub fn decode(bytes: &[u8], target: (u16, u16)) -> Result<Decoded, String> {
    let mut decoder = Decoder::new_with_limits(
        Cursor::new(bytes),
        Limits {
            bytes: DECODER_BYTES,
        },
    );
    decoder.set_transformations(Transformations::normalize_to_color8());
    decoder.set_ignore_text_chunk(true);
    decoder.set_ignore_iccp_chunk(true);
    let mut reader = decoder.read_info().map_err(|e| describe(&e))?;
    let info = reader.info();
    let (width, height, interlaced) = (info.width, info.height, info.interlaced);
    if interlaced {
        return Err(format!(
            "it is an interlaced PNG of {width}×{height} pixels, more than tidings decodes"
        ));
    }
    let (colour, depth) = reader.output_color_type();
    let read: fn(&[u8]) -> [u8; 4] = match (colour, depth) {
        (ColorType::Grayscale, BitDepth::Eight) => |p| [p[0], p[0], p[0], 255],
        (ColorType::GrayscaleAlpha, BitDepth::Eight) => |p| [p[0], p[0], p[0], p[1]],
        (ColorType::Rgb, BitDepth::Eight) => |p| [p[0], p[1], p[2], 255],
        (ColorType::Rgba, BitDepth::Eight) => |p| [p[0], p[1], p[2], p[3]],
        _ => return Err("its colours are in a form tidings cannot read".to_string()),
    };
    let factor = (width / u32::from(target.0.max(1)))
        .min(height / u32::from(target.1.max(1)))
        .max(1);
    let scaled = (width.div_ceil(factor), height.div_ceil(factor));
    if u64::from(scaled.0) * u64::from(scaled.1) * 4 > MAX_OUTPUT {
        return Err(format!(
            "it is {width}×{height} pixels, of a shape tidings cannot shrink to the pane"
        ));
    }
    let mut shrunk = Shrink::new(width, factor);
    let mut rows = 0;
    while let Some(row) = reader.next_row().map_err(|e| describe(&e))? {
        shrunk.add_row(row.data().chunks_exact(colour.samples()).map(read));
        rows += 1;
        if rows % factor == 0 {
            shrunk.end_band();
        }
    }
    if rows < height {
        return Err("the picture is cut short".to_string());
    }
    shrunk.end_band();
    Ok(Decoded {
        width,
        height,
        scaled,
        layout: Layout::Rgba8,
        data: shrunk.data,
    })
}

/// The running sums of a band of `factor` rows, one for each square of it, and the shrunk
/// rows made so far (RGBA).
struct Shrink {
    width: u32,
    factor: u32,
    /// For each square: red, green and blue weighed by opacity, and opacity.
    sums: Vec<[u64; 4]>,
    rows_in_band: u32,
    data: Vec<u8>,
}

impl Shrink {
    fn new(width: u32, factor: u32) -> Self {
        let squares = width.div_ceil(factor) as usize;
        Self {
            width,
            factor,
            sums: vec![[0; 4]; squares],
            rows_in_band: 0,
            data: Vec::new(),
        }
    }

    fn add_row(&mut self, pixels: impl Iterator<Item = [u8; 4]>) {
        let factor = self.factor as usize;
        for (x, [r, g, b, a]) in pixels.enumerate() {
            let a = u64::from(a);
            let sum = &mut self.sums[x / factor];
            sum[0] += u64::from(r) * a;
            sum[1] += u64::from(g) * a;
            sum[2] += u64::from(b) * a;
            sum[3] += a;
        }
        self.rows_in_band += 1;
    }

    /// Turns the band's sums into a row of shrunk pixels, each the mean of its square.
    fn end_band(&mut self) {
        if self.rows_in_band == 0 {
            return;
        }
        for (square, sum) in self.sums.iter_mut().enumerate() {
            let first = square as u32 * self.factor;
            let cols = (self.width - first).min(self.factor);
            let count = u64::from(cols * self.rows_in_band);
            let channel = |total: u64| u8::try_from(total / sum[3].max(1)).unwrap_or(u8::MAX);
            let alpha = u8::try_from(sum[3] / count).unwrap_or(u8::MAX);
            self.data.extend_from_slice(&[
                channel(sum[0]),
                channel(sum[1]),
                channel(sum[2]),
                alpha,
            ]);
            *sum = [0; 4];
        }
        self.rows_in_band = 0;
    }
}

fn describe(error: &DecodingError) -> String {
    match error {
        DecodingError::LimitsExceeded => "it is larger than tidings decodes".to_string(),
        DecodingError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            "the picture is cut short".to_string()
        }
        _ => "the picture is damaged".to_string(),
    }
}
