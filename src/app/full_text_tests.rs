//! `f` and the full text in the reader, without a terminal: the effects asked for, what the
//! reader shows on each answer, and linked pages read from the links list.

use super::tests::{article, press, settings};
use super::*;
use crate::model::{Article, Block, Body, FullText, Span};
use crate::store::StoredFullText;
use crate::worker::full_text::{FullTextReport, FullTextRequest};
use crate::worker::store::StoreReport;
use chrono::TimeZone;
use ratatui::crossterm::event::KeyCode;

fn body(text: &str) -> Body {
    Body {
        blocks: vec![
            Block::Paragraph(vec![Span::plain(text)]),
            Block::Links(vec!["https://other.example/linked".into()]),
        ],
    }
}

/// Three articles, the first two with an address.
fn app() -> App {
    let articles: Vec<Article> = (0..3)
        .map(|n| {
            let mut article = article(n, "News", "Teaser");
            if n < 2 {
                article.url = Some(format!("https://www.macworld.com/story/{n}.html"));
            }
            article
        })
        .collect();
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    let mut app = App::new(Library::new(articles), settings(), Size::new(120, 40), now);
    app.handle(Event::Resize(120, 40));
    app
}

fn id(app: &App, n: usize) -> ArticleId {
    app.library.entry(app.visible[n]).article.id.clone()
}

/// The reader's lines from the title down, as text.
fn reader_lines(app: &App) -> Vec<String> {
    let reader = app.reader.as_ref().expect("an article in the reader");
    reader
        .wrapped
        .lines
        .iter()
        .map(|line| line.text.trim_end().to_string())
        .collect()
}

/// The line under the byline (wrapped lines joined), or "" when there is none.
fn note(app: &App) -> String {
    reader_lines(app)[2..]
        .iter()
        .take_while(|line| !line.is_empty() && !line.starts_with("Tags:"))
        .cloned()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first line of the article's text.
fn first_text(app: &App) -> String {
    let lines = reader_lines(app);
    let blank = lines
        .iter()
        .position(String::is_empty)
        .expect("a blank line");
    lines[blank + 1].clone()
}

fn read(app: &mut App, n: usize, result: Result<FullText, String>) {
    let id = id(app, n);
    app.handle(Event::FullText(FullTextReport::Read { id, result }));
}

fn text(url: &str, words: &str) -> FullText {
    FullText {
        url: url.into(),
        body: body(words),
    }
}

#[test]
fn f_asks_for_the_full_text_and_shows_it_under_a_line_that_says_so() {
    let mut app = app();
    let effects = press(&mut app, KeyCode::Char('f'));
    let [
        Effect::FullText(FullTextRequest::Article(job)),
        Effect::Store(StoreRequest::MarkRead(_)),
    ] = effects.as_slice()
    else {
        panic!("a request, and the article opened is read: {effects:?}");
    };
    assert_eq!(job.url, "https://www.macworld.com/story/0.html");
    assert_eq!(job.title, "Article 0");
    assert!(job.summary.contains("Teaser paragraph 0 of article 0."));
    assert_eq!(app.focus, Focus::Reader, "f opens the article");
    assert_eq!(note(&app), "reading the full text from macworld.com…");
    assert!(first_text(&app).starts_with("Teaser paragraph 0"));
    // A second f while it is read asks nothing more.
    assert!(press(&mut app, KeyCode::Char('f')).is_empty());

    read(&mut app, 0, Ok(text(&job.url, "The whole story.")));
    assert_eq!(
        note(&app),
        "full text from macworld.com · f shows the feed's text"
    );
    assert_eq!(first_text(&app), "The whole story.");
    assert_eq!(
        app.links().numbered_as(1),
        Some("https://other.example/linked")
    );

    assert!(press(&mut app, KeyCode::Char('f')).is_empty());
    assert_eq!(
        note(&app),
        "the feed's text · f shows the full text from macworld.com"
    );
    assert!(first_text(&app).starts_with("Teaser paragraph 0"));
    assert!(press(&mut app, KeyCode::Char('f')).is_empty());
    assert_eq!(first_text(&app), "The whole story.");
}

#[test]
fn a_failure_says_why_keeps_the_feeds_text_and_f_tries_again() {
    let mut app = app();
    press(&mut app, KeyCode::Char('f'));
    read(&mut app, 0, Err("HTTP 403 Forbidden".into()));
    assert_eq!(
        note(&app),
        "no full text: HTTP 403 Forbidden · f tries again"
    );
    assert!(first_text(&app).starts_with("Teaser paragraph 0"));
    let status = app.status.clone().expect("a message");
    assert!(status.is_error);
    assert_eq!(
        status.text,
        "no full text for “Article 0”: HTTP 403 Forbidden"
    );
    let effects = press(&mut app, KeyCode::Char('f'));
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::FullText(FullTextRequest::Article(_))]
        ),
        "{effects:?}"
    );
}

#[test]
fn an_article_without_an_address_has_no_full_text() {
    let mut app = app();
    press(&mut app, KeyCode::Char('G'));
    assert!(press(&mut app, KeyCode::Char('f')).is_empty());
    let status = app.status.clone().expect("a message");
    assert_eq!(
        status.text,
        "this article has no address to read its full text from"
    );
}

#[test]
fn a_kept_full_text_comes_with_the_body_and_a_stale_one_is_passed_over() {
    let mut app = app();
    let kept = |url: &str, result: Result<Body, String>| StoredFullText {
        url: url.into(),
        fetched_at: Utc::now(),
        result,
    };
    let first = id(&app, 0);
    app.handle(Event::Store(StoreReport::FullTextKept {
        id: first.clone(),
        kept: kept("https://elsewhere.example/old", Ok(body("Stale."))),
    }));
    assert_eq!(app.full_text.state(&first), None);
    app.handle(Event::Store(StoreReport::FullTextKept {
        id: first.clone(),
        kept: kept("https://www.macworld.com/story/0.html", Ok(body("Kept."))),
    }));
    assert_eq!(first_text(&app), "Kept.");
    let second = id(&app, 1);
    app.handle(Event::Store(StoreReport::FullTextKept {
        id: second.clone(),
        kept: kept(
            "https://www.macworld.com/story/1.html",
            Err("no article found on the page".into()),
        ),
    }));
    assert!(matches!(
        app.full_text.state(&second),
        Some(FullTextState::Failed(error)) if error == "no article found on the page"
    ));
    assert!(
        app.status.is_none(),
        "a failure nobody asked for now is not shouted"
    );
}

#[test]
fn a_link_is_read_over_the_article_and_f_goes_back() {
    let mut app = app();
    press(&mut app, KeyCode::Char('f'));
    read(
        &mut app,
        0,
        Ok(text("https://www.macworld.com/story/0.html", "Story.")),
    );
    press(&mut app, KeyCode::Char('L'));
    press(&mut app, KeyCode::Char('j'));
    let effects = press(&mut app, KeyCode::Char('f'));
    assert_eq!(
        effects,
        [Effect::FullText(FullTextRequest::Page(
            "https://other.example/linked".into()
        ))]
    );
    assert_eq!(app.overlay, None);
    assert_eq!(
        note(&app),
        "reading the linked page from other.example… · f goes back to the article"
    );
    let page = Article {
        title: "The linked page".into(),
        source: "Other".into(),
        url: Some("https://other.example/linked".into()),
        body: body("Linked text."),
        ..article(9, "", "")
    };
    app.handle(Event::FullText(FullTextReport::Page {
        url: "https://other.example/linked".into(),
        result: Ok(Box::new(page)),
    }));
    assert_eq!(reader_lines(&app)[0], "The linked page");
    assert_eq!(
        note(&app),
        "linked page from other.example · f goes back to the article"
    );
    assert_eq!(first_text(&app), "Linked text.");
    assert!(press(&mut app, KeyCode::Char('f')).is_empty());
    assert_eq!(first_text(&app), "Story.");

    // A page that fails says so; another article closes it.
    press(&mut app, KeyCode::Char('L'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('f'));
    app.handle(Event::FullText(FullTextReport::Page {
        url: "https://other.example/linked".into(),
        result: Err("HTTP 404 Not Found".into()),
    }));
    assert_eq!(
        note(&app),
        "cannot read the linked page from other.example: HTTP 404 Not Found · f goes back to \
         the article"
    );
    press(&mut app, KeyCode::Char('h'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(first_text(&app), "Story.");
}
