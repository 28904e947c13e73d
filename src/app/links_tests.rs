//! `L`: the links numbered as the article's text numbers them, the article's own address
//! apart as `0`; and what `1`, `0`, Enter, `o` and `y` do there and outside.

use super::tests::{article, press, settings};
use super::*;
use crate::model::Block;
use chrono::TimeZone;
use ratatui::crossterm::event::KeyCode;

const OWN: &str = "https://news.example/2026/11/a-very-long-address-of-the-article-itself.html";

/// One article whose text shows `[1]`…`[4]`, the fourth its own address again, with or
/// without an address of its own.
fn app(own: Option<&str>) -> App {
    let mut item = article(1, "News", "See [1] and [2], [3], [4].");
    item.url = own.map(String::from);
    item.body.blocks.push(Block::Links(
        (1..=3)
            .map(|n| format!("https://ref.example/{n}"))
            .chain([OWN.to_string()])
            .collect(),
    ));
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    App::new(
        Library::new(vec![item]),
        settings(),
        Size::new(120, 40),
        now,
    )
}

fn open(url: &str) -> Vec<Effect> {
    vec![Effect::Desktop(DesktopRequest::Open(url.to_string()))]
}

#[test]
fn the_numbers_are_the_texts_and_the_own_address_is_zero() {
    let mut app = app(Some(OWN));
    let links = app.links();
    assert_eq!(links.own.as_deref(), Some(OWN));
    assert_eq!(links.numbered_as(1), Some("https://ref.example/1"));
    assert_eq!(links.numbered_as(4), Some(OWN), "the text's [4] is 4");
    assert_eq!(links.numbered_as(0), Some(OWN));
    let rows: Vec<usize> = links.rows().map(|(n, _)| n).collect();
    assert_eq!(rows, [0, 1, 2, 3, 4]);

    app.update(Action::ShowLinks);
    assert_eq!(
        press(&mut app, KeyCode::Char('1')),
        open("https://ref.example/1"),
        "1 opens [1], not the article's page"
    );
    app.update(Action::ShowLinks);
    assert_eq!(
        press(&mut app, KeyCode::Char('3')),
        open("https://ref.example/3")
    );
    app.update(Action::ShowLinks);
    assert_eq!(press(&mut app, KeyCode::Char('0')), open(OWN));
}

#[test]
fn enter_and_o_open_the_row_under_the_cursor_and_y_copies_it() {
    let mut app = app(Some(OWN));
    app.update(Action::ShowLinks);
    assert_eq!(app.overlay_cursor, 1, "the cursor starts on 1");
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        open("https://ref.example/1")
    );
    app.update(Action::ShowLinks);
    assert_eq!(
        press(&mut app, KeyCode::Char('o')),
        open("https://ref.example/1")
    );
    // Up to the article's own address: y and o serve it.
    app.update(Action::ShowLinks);
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(
        press(&mut app, KeyCode::Char('y')),
        [Effect::Desktop(DesktopRequest::Copy(OWN.to_string()))]
    );
    app.update(Action::ShowLinks);
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(press(&mut app, KeyCode::Char('o')), open(OWN));
    // Outside the list, y and o serve the article's own address as ever.
    assert_eq!(app.overlay, None);
    assert_eq!(
        app.update(Action::CopyUrl),
        [Effect::Desktop(DesktopRequest::Copy(OWN.into()))]
    );
    assert_eq!(app.update(Action::OpenInBrowser), open(OWN));
}

#[test]
fn without_an_address_of_its_own_there_is_no_zero() {
    let mut app = app(None);
    let links = app.links();
    assert_eq!(links.own, None);
    assert_eq!(links.rows().next(), Some((1, "https://ref.example/1")));
    app.update(Action::ShowLinks);
    assert_eq!(app.overlay_cursor, 0, "row 0 is [1]");
    assert!(press(&mut app, KeyCode::Char('0')).is_empty());
    app.update(Action::ShowLinks);
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        open("https://ref.example/1")
    );
    app.update(Action::ShowLinks);
    assert_eq!(
        press(&mut app, KeyCode::Char('2')),
        open("https://ref.example/2")
    );
}
