//! Tests of an `<img>`'s picture.

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
