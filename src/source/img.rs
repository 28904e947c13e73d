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
mod tests {
    use super::*;

    fn from(attrs: &[(&str, &str)]) -> Option<Picture> {
        let attrs: Vec<(String, String)> = attrs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        picture(
            |name| {
                attrs
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
            },
            |href| {
                if crate::net::is_web(href) || href.starts_with("data:") {
                    Some(href.to_string())
                } else {
                    Some(format!(
                        "https://news.example/{}",
                        href.trim_start_matches('/')
                    ))
                }
            },
        )
    }

    #[test]
    fn srcset_candidates_are_split_as_the_standard_says() {
        assert_eq!(
            parse_srcset(" a.jpg 300w , b.jpg  600w,c.jpg 2x,d.jpg, e,f.jpg 1.5x,"),
            [
                ("a.jpg".to_string(), Descriptor::Width(300)),
                ("b.jpg".to_string(), Descriptor::Width(600)),
                ("c.jpg".to_string(), Descriptor::Density(2.0)),
                ("d.jpg".to_string(), Descriptor::Density(1.0)),
                // A comma inside an address is part of it.
                ("e,f.jpg".to_string(), Descriptor::Density(1.5)),
            ]
        );
        // Image services put commas in addresses; bad descriptors drop their candidate.
        assert_eq!(
            parse_srcset("https://cdn.example/w_300,h_200/p.jpg 300w, x.jpg 300q, y.jpg 1x 2x"),
            [(
                "https://cdn.example/w_300,h_200/p.jpg".to_string(),
                Descriptor::Width(300)
            )]
        );
        assert_eq!(parse_srcset(""), []);
        assert_eq!(parse_srcset(" , ,"), []);
    }

    #[test]
    fn the_best_size_for_the_pane_is_the_narrowest_that_fills_it() {
        let picture = from(&[
            ("src", "fallback.jpg"),
            ("srcset", "big.jpg 1600w, small.jpg 320w, mid.jpg 800w"),
        ])
        .unwrap();
        assert_eq!(
            picture.sizes,
            [
                ("https://news.example/small.jpg".to_string(), 320),
                ("https://news.example/mid.jpg".to_string(), 800),
                ("https://news.example/big.jpg".to_string(), 1600),
            ]
        );
        assert_eq!(picture.address_for(88), "https://news.example/small.jpg");
        assert_eq!(picture.address_for(320), "https://news.example/small.jpg");
        assert_eq!(picture.address_for(321), "https://news.example/mid.jpg");
        // Wider than every size: the widest, since nothing says how wide `src` is.
        assert_eq!(picture.address_for(2000), "https://news.example/big.jpg");
        // No srcset: src whatever the width.
        let plain = from(&[("src", "p.png")]).unwrap();
        assert_eq!(plain.address_for(88), "https://news.example/p.png");
    }

    #[test]
    fn densities_become_widths_when_the_width_is_known() {
        let picture = from(&[
            ("src", "a.jpg"),
            ("width", "400"),
            ("height", "300px"),
            ("srcset", "a.jpg 1x, a2.jpg 2x"),
        ])
        .unwrap();
        assert_eq!(picture.dimensions, Some((400, 300)));
        assert_eq!(
            picture.sizes,
            [
                ("https://news.example/a.jpg".to_string(), 400),
                ("https://news.example/a2.jpg".to_string(), 800),
            ]
        );
        assert_eq!(picture.address_for(600), "https://news.example/a2.jpg");
        // Without a width the density candidates are no sizes, but `1x` can stand for `src`.
        let picture = from(&[("srcset", "b.jpg 2x, a.jpg 1x")]).unwrap();
        assert_eq!(picture.src, "https://news.example/a.jpg");
        assert!(picture.sizes.is_empty());
    }

    #[test]
    fn lazy_pictures_give_their_real_address() {
        let picture = from(&[
            ("src", "data:image/gif;base64,R0lGODlhAQABAAAAACw="),
            ("data-src", "/real.jpg"),
            ("data-srcset", "/real-400.jpg 400w"),
        ])
        .unwrap();
        assert_eq!(picture.src, "https://news.example/real.jpg");
        assert_eq!(
            picture.sizes,
            [("https://news.example/real-400.jpg".to_string(), 400)]
        );
        // A data: address alone is no picture to fetch.
        assert_eq!(from(&[("src", "data:image/png;base64,AAAA")]), None);
        assert_eq!(from(&[("alt", "no address")]), None);
    }

    #[test]
    fn tracking_pixels_are_no_pictures() {
        assert_eq!(
            from(&[("src", "pixel.gif"), ("width", "1"), ("height", "1")]),
            None
        );
        assert!(from(&[("src", "p.gif"), ("width", "100%"), ("height", "1")]).is_some());
    }

    #[test]
    fn sizes_are_bounded() {
        let srcset: Vec<String> = (1..=50).map(|n| format!("p{n}.jpg {}w", n * 100)).collect();
        let long = format!("{}.jpg", "x".repeat(MAX_ADDRESS));
        let picture = from(&[("src", &long), ("srcset", &srcset.join(", "))]).unwrap();
        assert_eq!(picture.sizes.len(), MAX_SIZES);
        assert_eq!(picture.sizes[0].1, 100);
        assert_eq!(
            picture.src, "https://news.example/p8.jpg",
            "the long src is dropped"
        );
    }
}
