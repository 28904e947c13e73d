//! Tests of how the feed cache keeps an article's body.

use super::*;
use crate::model::Block;
use std::borrow::Cow;

#[test]
fn both_kinds_of_body_come_back() {
    let item = ItemBody {
        text: "<p>Late <b>sailings</b>.</p>".repeat(20),
        base: Some("https://e.com/a".into()),
        enclosures: vec![("https://e.com/a.mp3".into(), "Enclosure: audio".into())],
        lead: None,
    };
    let packed = pack(&json(&Stored::Item(Cow::Borrowed(&item))));
    assert!(
        packed.len() < item.text.len() / 4,
        "repetitive HTML shrinks"
    );
    assert_eq!(unpack(Some(&packed), "").unwrap(), item.to_body());
    let body = Body {
        blocks: vec![Block::Heading("Made".into())],
    };
    let packed = pack(&json(&Stored::Made(Cow::Borrowed(&body))));
    assert_eq!(unpack(Some(&packed), "").unwrap(), body);
    assert!(unpack(Some(b"not deflate"), "").is_err());
}

#[test]
fn a_body_whose_making_panics_is_the_articles_error() {
    crate::isolate::panic_in_tests("feed:https://e.com/body-panics");
    let item = ItemBody {
        text: "<p>Trips the converter.</p>".into(),
        base: Some("https://e.com/body-panics".into()),
        ..ItemBody::default()
    };
    let packed = pack(&json(&Stored::Item(Cow::Borrowed(&item))));
    assert_eq!(
        unpack(Some(&packed), ""),
        Err("internal error in the feed parser".to_string())
    );
}
