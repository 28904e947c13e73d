//! The app's side of pictures: what it asks the workers for, what it keeps, and that the
//! layout does not move when a picture arrives.

use chrono::TimeZone;
use ratatui::layout::Size;

use super::super::tests::{article, settings};
use super::*;
use crate::action::Action;
use crate::event::Event;
use crate::model::library::Library;
use crate::model::room::Room;
use crate::model::{Block, Picture};
use crate::picture::{Cell, Cells, Drawn};
use chrono::Utc;
use ratatui::style::Color;

fn picture(url: &str) -> Block {
    Block::Image {
        label: "image".into(),
        caption: format!("Caption of {url}"),
        picture: Some(Picture {
            src: url.into(),
            sizes: Vec::new(),
            dimensions: None,
        }),
    }
}

/// Three articles; the first two start with a picture each, the first has another far
/// down; the third has none.
fn app(pictures: bool) -> App {
    let mut first = article(0, "Space", "First");
    first
        .body
        .blocks
        .insert(0, picture("https://p.example/a.png"));
    first.body.blocks.push(picture("https://p.example/far.png"));
    let mut second = article(1, "Space", "Second");
    second
        .body
        .blocks
        .insert(0, picture("https://p.example/b.png"));
    let third = article(2, "Space", "Third");
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    let library = Library::new(vec![first, second, third]);
    let mut app = App::new(library, settings(), Size::new(120, 40), now);
    if pictures {
        app.show_pictures(20);
    }
    app
}

fn asked(effects: &[Effect]) -> Option<Vec<String>> {
    effects.iter().find_map(|effect| match effect {
        Effect::Pictures(PictureRequest::Want(jobs)) => {
            Some(jobs.iter().map(|j| j.url.clone()).collect())
        }
        _ => None,
    })
}

fn drawn(job: &Job, colour: Color) -> Event {
    let cells = vec![
        Cell {
            top: colour,
            bottom: colour,
        };
        usize::from(job.room.cols) * 3
    ];
    Event::Picture(Box::new(PictureReport {
        job: job.clone(),
        result: Ok(Drawn {
            cells: Cells::new(job.room.cols, 3, cells).unwrap(),
            width: u32::from(job.room.cols),
            height: 6,
        }),
        passing: false,
    }))
}

#[test]
fn with_pictures_off_nothing_is_fetched_and_images_are_their_caption() {
    let mut app = app(false);
    let effects = app.update(Action::Open);
    assert_eq!(asked(&effects), None);
    let reader = app.reader.as_ref().unwrap();
    assert!(reader.wrapped.pictures.is_empty());
    assert!(
        reader
            .wrapped
            .lines
            .iter()
            .any(|line| line.text == "[image]")
    );
}

#[test]
fn the_pictures_on_screen_and_the_next_articles_first_are_asked_for_once() {
    let mut app = app(true);
    let effects = app.update(Action::Open);
    assert_eq!(
        asked(&effects),
        Some(vec![
            "https://p.example/a.png".to_string(),
            "https://p.example/b.png".to_string()
        ]),
        "the far picture is not asked for until it comes near"
    );
    // Nothing changed: nothing more is asked.
    assert_eq!(asked(&app.update(Action::MoveDown)), None);
    let reader = app.reader.as_ref().unwrap();
    let slot = reader.wrapped.pictures[0].clone();
    assert_eq!(
        slot.room,
        Room { cols: 52, rows: 17 },
        "3:2 at the 52 columns of the pane"
    );
    assert_eq!(app.pictures.shown(&slot), Shown::Loading);
    let lines = reader.wrapped.lines.len();
    // It arrives: it is ready, the rest is asked for, and nothing moved.
    let job = Job {
        url: slot.url.clone(),
        room: slot.room,
    };
    let effects = app.handle(drawn(&job, Color::Rgb(1, 2, 3)));
    assert_eq!(
        asked(&effects),
        Some(vec!["https://p.example/b.png".to_string()])
    );
    assert!(matches!(app.pictures.shown(&slot), Shown::Ready(cells) if cells.rows == 3));
    assert_eq!(app.reader.as_ref().unwrap().wrapped.lines.len(), lines);
    // Scrolling to the end brings the far picture near.
    let effects = app.update(Action::Bottom);
    let far = asked(&effects).unwrap_or_default();
    assert!(
        far.contains(&"https://p.example/far.png".to_string()),
        "{far:?}"
    );
}

#[test]
fn a_picture_that_fails_is_a_note_and_is_not_asked_for_again() {
    let mut app = app(true);
    app.update(Action::Open);
    let slot = app.reader.as_ref().unwrap().wrapped.pictures[0].clone();
    let job = Job {
        url: slot.url.clone(),
        room: slot.room,
    };
    let effects = app.handle(Event::Picture(Box::new(PictureReport {
        job,
        result: Err("HTTP 404 Not Found\u{1b}[2J".into()),
        passing: false,
    })));
    assert_eq!(
        app.pictures.shown(&slot),
        Shown::Failed("HTTP 404 Not Found[2J")
    );
    assert_eq!(
        asked(&effects),
        Some(vec!["https://p.example/b.png".to_string()])
    );
    // Laid out again (another width), its room is one line for the note.
    app.handle(Event::Resize(100, 40));
    let reader = app.reader.as_ref().unwrap();
    assert_eq!(reader.wrapped.pictures[0].room.rows, 1);
    let effects = app.update(Action::MoveDown);
    assert!(!asked(&effects).unwrap_or_default().contains(&slot.url));
}

#[test]
fn a_picture_that_failed_for_a_passing_reason_is_asked_for_again_when_shown_anew() {
    let mut app = app(true);
    app.update(Action::Open);
    let slots = app.reader.as_ref().unwrap().wrapped.pictures.clone();
    let (lead, far) = (&slots[0], &slots[1]);
    let failed = |slot: &crate::model::wrap::Slot, note: &str, passing: bool| {
        Event::Picture(Box::new(PictureReport {
            job: Job {
                url: slot.url.clone(),
                room: slot.room,
            },
            result: Err(note.into()),
            passing,
        }))
    };
    app.handle(failed(lead, "timed out after 30 s", true));
    app.handle(failed(far, "HTTP 404 Not Found", false));
    assert_eq!(
        app.pictures.shown(lead),
        Shown::Failed("timed out after 30 s")
    );
    // Another article, then this one again: the picture that timed out is asked for again
    // in a room of its own shape; the one that is not there is not.
    app.update(Action::Back);
    app.update(Action::MoveDown);
    let effects = app.update(Action::MoveUp);
    let asked = asked(&effects).unwrap_or_default();
    assert!(asked.contains(&lead.url), "{asked:?}");
    assert!(!asked.contains(&far.url), "{asked:?}");
    let again = &app.reader.as_ref().unwrap().wrapped.pictures[0];
    assert_eq!(again.room, lead.room);
    assert_eq!(app.pictures.shown(again), Shown::Loading);
}

#[test]
fn a_size_learnt_is_used_the_next_time_the_article_is_laid_out() {
    let mut app = app(true);
    app.update(Action::Open);
    let slot = app.reader.as_ref().unwrap().wrapped.pictures[0].clone();
    let job = Job {
        url: slot.url.clone(),
        room: slot.room,
    };
    app.handle(drawn(&job, Color::Rgb(1, 2, 3)));
    assert_eq!(
        app.reader.as_ref().unwrap().wrapped.pictures[0].room,
        slot.room
    );
    app.handle(Event::Resize(110, 40));
    let room = app.reader.as_ref().unwrap().wrapped.pictures[0].room;
    // The picture said it is as wide as the first room and 6 pixels tall: 3 rows.
    assert_eq!(room.rows, 3);
}

#[test]
fn bookmarking_keeps_the_articles_pictures() {
    let mut app = app(true);
    app.update(Action::Open);
    let effects = app.update(Action::ToggleBookmark);
    let kept = effects.iter().find_map(|effect| match effect {
        Effect::Pictures(PictureRequest::Keep(urls)) => Some(urls.clone()),
        _ => None,
    });
    assert_eq!(
        kept,
        Some(vec![
            "https://p.example/a.png".to_string(),
            "https://p.example/far.png".to_string()
        ])
    );
}

#[test]
fn a_picture_below_the_screen_takes_its_own_shape_when_it_arrives() {
    let mut app = app(true);
    app.update(Action::Open);
    let before = app.reader.as_ref().unwrap().wrapped.clone();
    let far = before.pictures[1].clone();
    assert!(far.line > 40, "far below the screen");
    let job = Job {
        url: far.url.clone(),
        room: far.room,
    };
    app.handle(drawn(&job, Color::Rgb(9, 9, 9)));
    let after = &app.reader.as_ref().unwrap().wrapped;
    assert_eq!(
        after.pictures[1].room.rows, 3,
        "laid out again for its own shape"
    );
    assert_eq!(
        after.lines[..far.line],
        before.lines[..far.line],
        "the screen did not move"
    );
    // On screen, a picture that fails keeps its room: the note goes in the middle of it.
    let near = before.pictures[0].clone();
    app.handle(Event::Picture(Box::new(PictureReport {
        job: Job {
            url: near.url.clone(),
            room: near.room,
        },
        result: Err("HTTP 404 Not Found".into()),
        passing: false,
    })));
    assert_eq!(
        app.reader.as_ref().unwrap().wrapped.pictures[0].room,
        near.room
    );
}

#[test]
fn a_picture_below_the_screen_does_not_move_one_on_screen_that_arrived_before() {
    let mut app = app(true);
    app.update(Action::Open);
    let before = app.reader.as_ref().unwrap().wrapped.clone();
    let (near, far) = (before.pictures[0].clone(), before.pictures[1].clone());
    let job = |slot: &Slot| Job {
        url: slot.url.clone(),
        room: slot.room,
    };
    // The picture on screen turns out to be another shape: it keeps its room.
    app.handle(drawn(&job(&near), Color::Rgb(1, 1, 1)));
    // Then the one below the screen does too: laying the article out again would give the
    // one on screen its own shape as well, and move the text under it.
    app.handle(drawn(&job(&far), Color::Rgb(9, 9, 9)));
    let after = &app.reader.as_ref().unwrap().wrapped;
    assert_eq!(
        after.pictures[0].room, near.room,
        "the room on screen stays"
    );
    assert_eq!(after.lines[..far.line], before.lines[..far.line]);
}
