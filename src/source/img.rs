//! An `<img>`'s picture: its address from `src`, or from `data-src` and the like on pages that
//! load pictures lazily; its other sizes from `srcset`; its size from `width` and `height`.

use crate::model::Picture;

/// Attributes that hold the real address on pages that load pictures lazily (their `src` is
/// then a placeholder), in the order they are trusted.
const LAZY_SRC: [&str; 3] = ["data-src", "data-lazy-src", "data-original"];
const SRCSETS: [&str; 3] = ["data-srcset", "data-lazy-srcset", "srcset"];
/// Sizes kept of one picture: enough to fit any reading pane, few enough for the store.
const MAX_SIZES: usize = 8;
/// Addresses longer than this are not kept.
const MAX_ADDRESS: usize = 4096;
/// A picture this small on a side is a tracking pixel or a spacer, not a picture.
const MIN_SIDE: u32 = 3;

/// The picture of an `<img>` with the attributes `attr` gives, addresses made absolute with
/// `resolve`; `None` when it has no web address or is a tracking pixel.
pub fn picture(
    attr: impl Fn(&str) -> Option<String>,
    resolve: impl Fn(&str) -> Option<String>,
) -> Option<Picture> {
    let web = |href: &str| {
        resolve(href).filter(|url| url.len() <= MAX_ADDRESS && crate::net::is_web(url))
    };
    let dimensions = match (attr("width"), attr("height")) {
        (Some(width), Some(height)) => pixels(&width).zip(pixels(&height)),
        _ => None,
    };
    if let Some((width, height)) = dimensions
        && (width < MIN_SIDE || height < MIN_SIDE)
    {
        return None;
    }
    let src = LAZY_SRC
        .iter()
        .chain(["src"].iter())
        .find_map(|name| attr(name).and_then(|value| web(&value)));
    let candidates = SRCSETS
        .iter()
        .find_map(|name| attr(name).filter(|value| !value.trim().is_empty()))
        .map(|srcset| parse_srcset(&srcset))
        .unwrap_or_default();
    let mut sizes: Vec<(String, u32)> = Vec::new();
    let mut one_x = None;
    for (address, descriptor) in candidates {
        let Some(url) = web(&address) else {
            continue;
        };
        let width = match descriptor {
            Descriptor::Width(width) => Some(width),
            Descriptor::Density(density) => {
                if (density - 1.0).abs() < f32::EPSILON {
                    one_x.get_or_insert_with(|| url.clone());
                }
                dimensions.and_then(|(width, _)| scaled(width, density))
            }
        };
        if let Some(width) = width.filter(|&w| w > 0)
            && !sizes.iter().any(|(_, known)| *known == width)
        {
            sizes.push((url, width));
        }
    }
    sizes.sort_by_key(|(_, width)| *width);
    sizes.truncate(MAX_SIZES);
    let src = src
        .or(one_x)
        .or_else(|| sizes.last().map(|(url, _)| url.clone()))?;
    Some(Picture {
        src,
        sizes,
        dimensions,
    })
}

/// `width * density`, rounded, when it is a sane number of pixels.
fn scaled(width: u32, density: f32) -> Option<u32> {
    let pixels = (f64::from(width) * f64::from(density)).round();
    (pixels >= 1.0 && pixels <= f64::from(u32::MAX))
        .then(|| format!("{pixels:.0}").parse().ok())
        .flatten()
}

/// A length attribute in pixels ("600", "600px"); `None` for percentages and words.
fn pixels(value: &str) -> Option<u32> {
    let value = value.trim();
    let value = value.strip_suffix("px").unwrap_or(value).trim_end();
    value.parse().ok()
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Descriptor {
    /// `300w`: the picture is this many pixels wide.
    Width(u32),
    /// `2x` (or none, which is `1x`): for screens of this pixel density.
    Density(f32),
}

/// The candidates of a `srcset` value, as the HTML standard splits it: an address ends at
/// white space (trailing commas are not part of it) and its descriptor at the next comma
/// outside parentheses. Candidates with a descriptor that cannot be read are left out.
fn parse_srcset(srcset: &str) -> Vec<(String, Descriptor)> {
    let mut candidates = Vec::new();
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return candidates;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let (address, after) = rest.split_at(end);
        rest = after;
        let trimmed = address.trim_end_matches(',');
        let descriptor_text = if trimmed.len() < address.len() {
            ""
        } else {
            let mut depth = 0usize;
            let end = rest
                .char_indices()
                .find(|&(_, c)| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                    c == ',' && depth == 0
                })
                .map_or(rest.len(), |(at, _)| at);
            let (text, after) = rest.split_at(end);
            rest = after;
            text.trim()
        };
        if let Some(descriptor) = descriptor(descriptor_text) {
            candidates.push((trimmed.to_string(), descriptor));
        }
    }
}

fn descriptor(text: &str) -> Option<Descriptor> {
    let mut found = None;
    for part in text.split_ascii_whitespace() {
        let read = if let Some(width) = part.strip_suffix('w') {
            width.parse().ok().map(Descriptor::Width)
        } else if let Some(density) = part.strip_suffix('x') {
            density
                .parse()
                .ok()
                .filter(|d: &f32| d.is_finite() && *d > 0.0)
                .map(Descriptor::Density)
        } else if part.ends_with('h') {
            // A height descriptor says nothing about the width; it is allowed beside one.
            continue;
        } else {
            None
        };
        match (read, found) {
            (Some(read), None) => found = Some(read),
            _ => return None,
        }
    }
    Some(found.unwrap_or(Descriptor::Density(1.0)))
}

#[cfg(test)]
#[path = "img_tests.rs"]
mod tests;
