//! `App::update` and `App::handle`, action by action, without a terminal.

use super::*;
use crate::config::Config;
use crate::keymap::Keymap;
use crate::model::Article;
use crate::model::ArticleId;
use crate::model::filter::Filter;
use crate::model::tag::parse_tag_list;
use crate::model::{Block, Body, Span};
use crate::refresh::{FeedReport, FeedResult, Summary};
use crate::theme::Theme;
use crate::worker::refresh::{RefreshReport, RefreshRequest};
use crate::worker::store::StoreReport;
use crate::worker::store::StoreRequest;
use chrono::FixedOffset;
use chrono::TimeZone;
use ratatui::crossterm::event::{
    KeyCode, KeyEventState, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

pub(super) fn article(n: usize, tags: &str, text: &str) -> Article {
    Article {
        id: ArticleId::from_identity(&format!("test:{n}")),
        title: format!("Article {n}"),
        source: "Test".into(),
        author: None,
        published: Some(
            Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap()
                + chrono::Duration::hours(100 - n as i64),
        ),
        url: None,
        tags: parse_tag_list(tags),
        body: Body {
            blocks: (0..60)
                .map(|line| {
                    Block::Paragraph(vec![Span::plain(format!(
                        "{text} paragraph {line} of article {n}."
                    ))])
                })
                .collect(),
        },
    }
}

pub(super) fn settings() -> Settings {
    let config = Config::default();
    Settings {
        layout: config.layout.clone(),
        date_format: "%Y-%m-%d".into(),
        offset: FixedOffset::east_opt(0).unwrap(),
        theme: Theme::new(&config.theme, true),
        keymap: Keymap::default(),
        refresh_every: 30,
    }
}

/// 30 articles, newest first: 0..10 tagged Space, 10..20 Space and Science, 20..30 Food;
/// article 7 mentions a comet.
fn app() -> App {
    app_with(|_| {})
}

/// The same, with what start-up read changed by `adjust`.
fn app_with(adjust: impl FnOnce(&mut Start)) -> App {
    let mut app = started(adjust);
    app.handle(Event::Resize(120, 40));
    app
}

/// The same as start-up leaves it, before any event has asked the workers for anything.
fn started(adjust: impl FnOnce(&mut Start)) -> App {
    let articles = (0..30)
        .map(|n| {
            let tags = match n {
                0..10 => "Space",
                10..20 => "Space, Science",
                _ => "Food",
            };
            let text = if n == 7 { "A comet passed" } else { "Plain" };
            article(n, tags, text)
        })
        .collect();
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    let mut start = Start::new(Library::new(articles), settings());
    adjust(&mut start);
    App::new(start, Size::new(120, 40), now)
}

pub(super) fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn typing(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

pub(super) fn selected_title(app: &App) -> String {
    app.selected_entry()
        .map(|e| e.article.title.clone())
        .unwrap_or_default()
}

/// Puts the navigation pane's cursor on the item at `position`, as moving there would.
pub(super) fn put_nav_cursor(app: &mut App, position: usize) {
    let delta = position as isize - app.nav().cursor() as isize;
    app.nav.move_cursor(delta);
}

/// Changes the filter as no one key does (a state a person reaches in several steps, set at
/// once), then filters the list again as a key would.
pub(super) fn change_filter(app: &mut App, change: impl FnOnce(&mut Filter)) {
    let now = app.now();
    app.list.change_filter(change, &app.library, now);
}

fn tag_position(app: &App, name: &str) -> usize {
    let id = app.library.tag_id(&crate::model::TagKey::of(name)).unwrap();
    app.nav().sources().len() + app.nav().tags().iter().position(|&t| t == id).unwrap()
}

#[test]
fn moves_in_the_list() {
    let mut app = app();
    assert_eq!(selected_title(&app), "Article 0");
    app.update(Action::MoveDown);
    app.update(Action::MoveDown);
    assert_eq!(selected_title(&app), "Article 2");
    app.update(Action::MoveUp);
    assert_eq!(selected_title(&app), "Article 1");
    app.update(Action::Bottom);
    assert_eq!(selected_title(&app), "Article 29");
    app.update(Action::MoveDown);
    assert_eq!(selected_title(&app), "Article 29", "stays at the end");
    app.update(Action::Top);
    assert_eq!(selected_title(&app), "Article 0");
    app.update(Action::MoveUp);
    assert_eq!(selected_title(&app), "Article 0", "stays at the top");
}

#[test]
fn pages_in_the_list_keep_the_selection_in_view() {
    let mut app = app();
    let rows = app.list_rows();
    assert_eq!(rows, 18, "38 inner rows at 120x40, two an article");
    app.update(Action::PageDown);
    assert_eq!(app.list().selected(), rows);
    assert_eq!(app.list().offset(), 1);
    app.update(Action::HalfPageUp);
    assert_eq!(app.list().selected(), rows - rows / 2);
    app.update(Action::PageUp);
    assert_eq!((app.list().selected(), app.list().offset()), (0, 0));
    app.update(Action::HalfPageDown);
    assert_eq!(app.list().selected(), rows / 2);
}

#[test]
fn opening_focuses_the_reader_and_marks_read_once() {
    let mut app = app();
    let id = app.selected_entry().unwrap().article.id.clone();
    let effects = app.update(Action::Open);
    assert_eq!(app.focus(), Focus::Reader);
    assert_eq!(effects, [Effect::Store(StoreRequest::MarkRead(id.clone()))]);
    assert!(
        !app.selected_entry().unwrap().is_read(),
        "read only once the store says so"
    );
    app.handle(Event::Store(StoreReport::MarkedRead(id)));
    assert!(app.selected_entry().unwrap().is_read());
    app.update(Action::Back);
    assert_eq!(app.focus(), Focus::List);
    assert!(app.update(Action::Open).is_empty(), "already read");
}

#[test]
fn the_reader_scrolls_and_pages() {
    let mut app = app();
    app.update(Action::Open);
    let height = usize::from(app.reader_text().height);
    app.update(Action::MoveDown);
    assert_eq!(app.reader().view().unwrap().scroll, 1);
    app.update(Action::PageDown);
    assert_eq!(app.reader().view().unwrap().scroll, height);
    app.update(Action::Bottom);
    let reader = app.reader().view().unwrap();
    assert_eq!(
        reader.scroll,
        reader.wrapped.lines.len() - height,
        "the last line at the bottom"
    );
    app.update(Action::Top);
    assert_eq!(app.reader().view().unwrap().scroll, 0);
    assert_eq!(
        selected_title(&app),
        "Article 0",
        "the list selection did not move"
    );
}

#[test]
fn space_pages_the_reader_and_selects_in_the_navigation_pane() {
    let mut app = app();
    app.update(Action::Open);
    press(&mut app, KeyCode::Char(' '));
    assert!(app.reader().view().unwrap().scroll > 0);
    app.update(Action::FocusNav);
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.list().filter().sources.len(), 1, "the local articles");
    let food = tag_position(&app, "food");
    put_nav_cursor(&mut app, food);
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.list().filter().tags.len(), 1);
    assert_eq!(app.list().visible().len(), 10);
}

#[test]
fn the_reader_follows_the_selection_from_the_top() {
    let mut app = app();
    app.update(Action::Open);
    app.update(Action::PageDown);
    app.update(Action::Back);
    app.update(Action::MoveDown);
    let reader = app.reader().view().unwrap();
    assert_eq!(app.library.entry(reader.article).article.title, "Article 1");
    assert_eq!(reader.scroll, 0);
}

#[test]
fn focus_cycles_and_tags_toggle() {
    let mut app = app();
    app.update(Action::FocusNext);
    assert_eq!(app.focus(), Focus::Reader);
    app.update(Action::FocusNext);
    assert_eq!(app.focus(), Focus::Nav);
    app.update(Action::FocusNext);
    assert_eq!(app.focus(), Focus::List);
    app.update(Action::FocusPrev);
    assert_eq!(app.focus(), Focus::Nav);
    app.update(Action::FocusPrev);
    assert_eq!(app.focus(), Focus::Reader);
    app.update(Action::FocusNav);
    assert_eq!(app.focus(), Focus::Nav);
    app.update(Action::FocusNav);
    assert_eq!(app.focus(), Focus::List);
    app.update(Action::FocusNav);
    app.update(Action::Back);
    assert_eq!(app.focus(), Focus::List);
    app.update(Action::FocusNav);
    app.update(Action::Open);
    assert_eq!(
        app.focus(),
        Focus::List,
        "open in the navigation pane goes to the list"
    );
}

#[test]
fn tags_filter_any_and_all() {
    let mut app = app();
    assert_eq!(app.nav().tags().len(), 3);
    app.update(Action::FocusNav);
    let science = tag_position(&app, "science");
    put_nav_cursor(&mut app, science);
    app.update(Action::ToggleSelect);
    assert_eq!(app.list().visible().len(), 10);
    let food = tag_position(&app, "food");
    put_nav_cursor(&mut app, food);
    app.update(Action::ToggleSelect);
    assert_eq!(app.list().visible().len(), 20, "science or food");
    app.update(Action::ToggleTagMode);
    assert_eq!(app.list().filter().mode, crate::model::filter::TagMode::All);
    assert!(app.list().visible().is_empty(), "science and food");
    assert!(app.reader().view().is_none());
    app.update(Action::ToggleSelect);
    assert_eq!(app.list().visible().len(), 10, "food unselected again");
    app.update(Action::ClearFilter);
    assert_eq!(app.list().visible().len(), 30);
    assert!(app.list().filter().tags.is_empty());
}

#[test]
fn the_tag_cursor_moves_and_stays_in_range() {
    let mut app = app();
    app.update(Action::FocusNav);
    app.update(Action::MoveDown);
    assert_eq!(app.nav().cursor(), 1);
    app.update(Action::Bottom);
    assert_eq!(app.nav().cursor(), 3, "one source and three tags");
    app.update(Action::PageDown);
    assert_eq!(app.nav().cursor(), 3);
    app.update(Action::Top);
    assert_eq!(app.nav().cursor(), 0);
    assert_eq!(selected_title(&app), "Article 0", "the list did not move");
}

#[test]
fn bookmarks_are_saved_through_the_store() {
    let mut app = app();
    app.update(Action::MoveDown);
    let article = app.selected_entry().unwrap().article.clone();
    let effects = app.update(Action::ToggleBookmark);
    assert_eq!(
        effects,
        [Effect::Store(StoreRequest::SaveBookmark(Box::new(
            article.clone()
        )))]
    );
    assert!(app.list().is_pending(&article.id));
    assert!(
        app.update(Action::ToggleBookmark).is_empty(),
        "no second change while one is saving"
    );
    app.handle(Event::Store(StoreReport::BookmarkSaved(article.id.clone())));
    assert!(app.selected_entry().unwrap().bookmarked);
    assert!(app.list().pending().is_empty());
    assert!(app.status().unwrap().text.contains("bookmarked"));

    app.update(Action::ShowBookmarks);
    assert_eq!(app.list().visible().len(), 1);
    assert_eq!(selected_title(&app), "Article 1");
    let effects = app.update(Action::ToggleBookmark);
    assert_eq!(
        effects,
        [Effect::Store(StoreRequest::RemoveBookmark(
            article.id.clone()
        ))]
    );
    app.handle(Event::Store(StoreReport::BookmarkRemoved(article.id)));
    assert!(
        app.list().visible().is_empty(),
        "gone from the bookmarks view"
    );
    app.update(Action::ShowBookmarks);
    assert_eq!(app.list().visible().len(), 30);
}

#[test]
fn a_failed_save_is_reported_and_not_shown_as_saved() {
    let mut app = app();
    let id = app.selected_entry().unwrap().article.id.clone();
    app.update(Action::ToggleBookmark);
    app.handle(Event::Store(StoreReport::Failed {
        id,
        what: "save the bookmark",
        error: "the database is locked".into(),
    }));
    assert!(!app.selected_entry().unwrap().bookmarked);
    let status = app.status().cloned().unwrap();
    assert!(status.is_error);
    assert!(status.text.contains("could not save the bookmark") && status.text.contains("locked"));
    assert!(app.list().pending().is_empty());
}

#[test]
fn without_a_store_nothing_is_asked_and_the_reader_is_told() {
    let mut app = app_with(|start| start.store_problem = Some("the database is damaged".into()));
    assert!(app.status().unwrap().is_error);
    assert!(app.update(Action::ToggleBookmark).is_empty());
    assert!(
        app.status()
            .unwrap()
            .text
            .contains("the database is damaged")
    );
    assert!(app.update(Action::Open).is_empty());
}

#[test]
fn load_problems_show_until_a_key() {
    let problems = vec![
        "a\x1b]0;x\x07.txt: not a text file".to_string(),
        "b.txt: x".to_string(),
    ];
    let mut app = app_with(|start| start.problems = problems);
    assert_eq!(
        app.status().unwrap().text,
        "a]0;x.txt: not a text file (and 1 more)",
        "file names are sanitized"
    );
    press(&mut app, KeyCode::Char('j'));
    assert!(app.status().is_none());
}

#[test]
fn search_narrows_as_you_type_and_esc_restores() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    assert!(app.list().is_typing_search());
    typing(&mut app, "COMET");
    assert_eq!(app.list().visible().len(), 1);
    assert_eq!(selected_title(&app), "Article 7");
    typing(&mut app, "x");
    assert!(app.list().visible().is_empty());
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.list().visible().len(), 1);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.list().visible().len(), 30);
    assert!(app.list().filter().search.is_empty());

    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "article 1");
    press(&mut app, KeyCode::Enter);
    assert!(!app.list().is_typing_search());
    assert_eq!(app.list().filter().search, "article 1");
    assert_eq!(
        app.list().visible().len(),
        30,
        "every body says 'article N', every title too"
    );
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quitting(), "keys act again once the search is kept");
}

#[test]
fn keys_typed_in_search_are_text_not_actions() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "qbjt");
    assert!(!app.quitting());
    assert_eq!(app.list().filter().search, "qbjt");
    assert_eq!(app.focus(), Focus::List);
}

#[test]
fn next_and_previous_match() {
    let mut app = app();
    press(&mut app, KeyCode::Char('n'));
    assert!(app.status().unwrap().text.contains("press / to search"));
    change_filter(&mut app, |filter| filter.search = "paragraph 5".into());
    app.update(Action::Open);
    let lines_with = |app: &App| {
        let reader = app.reader().view().unwrap();
        match_lines(&reader.wrapped, &app.list().filter().search_words())
    };
    let matches = lines_with(&app);
    assert!(matches.len() >= 11, "paragraph 5 and 50..59");
    let match_line = |app: &App| app.reader().view().unwrap().match_line;
    app.update(Action::NextMatch);
    assert_eq!(app.reader().view().unwrap().scroll, matches[0]);
    app.update(Action::NextMatch);
    assert_eq!(app.reader().view().unwrap().scroll, matches[1]);
    app.update(Action::PrevMatch);
    assert_eq!(app.reader().view().unwrap().scroll, matches[0]);
    assert_eq!(match_line(&app), Some(matches[0]));
    for _ in 1..matches.len() {
        app.update(Action::NextMatch);
    }
    assert_eq!(
        match_line(&app),
        matches.last().copied(),
        "the last match, though the view stops short of it"
    );
    app.update(Action::NextMatch);
    assert_eq!(
        selected_title(&app),
        "Article 1",
        "past the last match: the next article"
    );
    let first = lines_with(&app)[0];
    assert_eq!(
        app.reader().view().unwrap().scroll,
        first,
        "at its first match"
    );
    app.update(Action::PrevMatch);
    assert_eq!(
        selected_title(&app),
        "Article 0",
        "before the first match: the previous article"
    );
    assert_eq!(match_line(&app), matches.last().copied());
}

#[test]
fn help_scrolls_with_the_moving_keys_and_other_keys_close_it() {
    let mut app = app();
    app.update(Action::Help);
    assert_eq!(app.window().open(), Some(Overlay::Help));
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.window().cursor(), 0, "at 120x40 the help shows whole");
    app.handle(Event::Resize(80, 24));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(app.window().cursor(), 1);
    for _ in 0..100 {
        press(&mut app, KeyCode::Char('j'));
    }
    let end = crate::help::HelpLayout::new(&app.settings().keymap, app.size()).last_scroll();
    assert_eq!(app.window().cursor(), end, "no further than its last line");
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(app.window().cursor(), end - 1, "and back at once");
    assert_eq!(app.window().open(), Some(Overlay::Help));
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(app.window().open(), None);
    assert!(!app.quitting(), "the closing key does nothing else");
    assert_eq!((app.list().selected(), app.window().cursor()), (0, 0));
}

#[test]
fn focusing_the_reader_in_any_way_marks_the_article_read() {
    let mut app = app();
    let id = app.selected_entry().unwrap().article.id.clone();
    let effects = app.update(Action::FocusNext);
    assert_eq!(app.focus(), Focus::Reader);
    assert_eq!(effects, [Effect::Store(StoreRequest::MarkRead(id.clone()))]);
    assert!(
        app.update(Action::MoveDown).is_empty(),
        "asked once, while the store answers"
    );
    app.handle(Event::Store(StoreReport::MarkedRead(id)));
    app.update(Action::Back);
    app.update(Action::MoveDown);
    assert!(
        app.update(Action::FocusNext).len() == 1,
        "the next article, when the reader takes focus"
    );
}

#[test]
fn narrowing_a_search_gives_what_a_fresh_search_gives() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    for (typed, _) in "paragraph 5".char_indices() {
        typing(&mut app, &"paragraph 5"[typed..=typed]);
        assert_eq!(
            app.list().visible(),
            app.list().filter().apply(&app.library),
            "after {:?}",
            app.list().filter().search
        );
    }
    press(&mut app, KeyCode::Backspace);
    typing(&mut app, "comet");
    assert_eq!(
        app.list().visible(),
        app.list().filter().apply(&app.library)
    );
    assert_eq!(selected_title(&app), "Article 7");
    assert_eq!(app.list().visible().len(), 1);
}

#[test]
fn quit() {
    let mut app = app();
    app.update(Action::Quit);
    assert!(app.quitting());
}

#[test]
fn only_key_presses_act() {
    let mut app = app();
    for kind in [
        KeyEventKind::Press,
        KeyEventKind::Release,
        KeyEventKind::Repeat,
    ] {
        app.handle(Event::Key(KeyEvent {
            code: KeyCode::Char('j'),
            modifiers: KeyModifiers::NONE,
            kind,
            state: KeyEventState::NONE,
        }));
    }
    assert_eq!(app.list().selected(), 1);
}

fn mouse(app: &mut App, kind: MouseEventKind, column: u16, row: u16) -> Vec<Effect> {
    app.handle(Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }))
}

#[test]
fn mouse_clicks_select_and_open_and_the_wheel_scrolls() {
    let mut app = app();
    let list = app.panes().list.unwrap();
    let row_of = |n: u16| list.y + 1 + 2 * n;
    mouse(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        list.x + 5,
        row_of(3),
    );
    assert_eq!(selected_title(&app), "Article 3");
    let effects = mouse(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        list.x + 5,
        row_of(3) + 1,
    );
    assert_eq!(
        app.focus(),
        Focus::Reader,
        "a click on the selected article opens it"
    );
    assert_eq!(effects.len(), 1);
    mouse(&mut app, MouseEventKind::ScrollDown, list.x + 5, row_of(1));
    assert_eq!(selected_title(&app), "Article 4");
    let reader = app.panes().reader.unwrap();
    mouse(
        &mut app,
        MouseEventKind::ScrollDown,
        reader.x + 5,
        reader.y + 5,
    );
    assert_eq!(app.reader().view().unwrap().scroll, 3);
    assert_eq!(
        app.focus(),
        Focus::Reader,
        "the wheel does not move the focus"
    );
    let nav = app.panes().nav.unwrap();
    // Inside the border: the feeds heading, local articles, a gap, the tags heading, a tag.
    mouse(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        nav.x + 3,
        nav.y + 3,
    );
    assert!(
        app.list().filter().tags.is_empty(),
        "a click on a heading selects nothing"
    );
    mouse(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        nav.x + 3,
        nav.y + 5,
    );
    assert_eq!(
        app.list().filter().tags.len(),
        1,
        "a click on a tag toggles it"
    );
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 119, 39);
    assert_eq!(
        app.list().filter().tags.len(),
        1,
        "a click on the status line does nothing"
    );
    let tags_border = nav.bottom() - 1;
    mouse(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        nav.x + 3,
        tags_border,
    );
    assert_eq!(
        app.list().filter().tags.len(),
        1,
        "a click on the tag pane's border toggles nothing"
    );
    app.update(Action::FocusNav);
    let selected = app.list().selected();
    let list_border = list.bottom() - 1;
    mouse(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        list.x + 5,
        list_border,
    );
    assert_eq!(
        app.list().selected(),
        selected,
        "a click on the list's border selects nothing"
    );
    assert_eq!(app.list().offset(), 0);
}

#[test]
fn narrow_terminals_show_one_pane_and_resizes_relayout() {
    let mut app = app();
    app.handle(Event::Resize(50, 16));
    let panes = app.panes();
    assert!(panes.list.is_some() && panes.reader.is_none() && panes.nav.is_none());
    assert_eq!(app.list_rows(), 6);
    app.update(Action::Open);
    let panes = app.panes();
    assert!(panes.reader.is_some() && panes.list.is_none());
    assert_eq!(app.reader().view().unwrap().wrapped.width, 46);
    app.handle(Event::Resize(3, 2));
    app.update(Action::MoveDown);
    app.handle(Event::Resize(300, 40));
    assert_eq!(
        app.reader().view().unwrap().wrapped.width,
        90,
        "capped at reader_max_width"
    );
}

#[test]
fn pasted_text_goes_into_the_search_only() {
    let mut app = app();
    app.handle(Event::Paste("comet".into()));
    assert!(app.list().filter().search.is_empty());
    press(&mut app, KeyCode::Char('/'));
    app.handle(Event::Paste("com\x1b[31met".into()));
    assert_eq!(app.list().filter().search, "com[31met");
}

/// The app with two articles of a feed merged in and the feed subscribed.
fn app_with_a_feed() -> App {
    let mut first = article(100, "News", "A feed item");
    first.url = Some("https://example.com/item".into());
    first.body.blocks.push(Block::Links(vec![
        "https://example.com/more".into(),
        "https://example.com/item".into(),
    ]));
    first.published = Some(Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap());
    let feed = crate::model::Subscription {
        full_text: false,
        url: "https://example.com/feed".into(),
        name: Some("Example".into()),
        tags: Vec::new(),
        every: None,
    };
    app_with(|start| {
        start
            .library
            .merge(Some("https://example.com/feed"), vec![first]);
        start.feeds = vec![feed];
    })
}

#[test]
fn refresh_asks_once_and_reports_progress_and_the_end() {
    let mut app = app_with_a_feed();
    let effects = app.update(Action::Refresh);
    assert_eq!(
        effects,
        [Effect::Refresh(RefreshRequest {
            add: Vec::new(),
            only: None,
            force: true
        })]
    );
    assert_eq!(
        app.feeds().refreshing(),
        Some(Progress {
            done: 0,
            total: 1,
            by_the_clock: false,
            started: app.now(),
        })
    );
    assert!(
        app.update(Action::Refresh).is_empty(),
        "one refresh at a time"
    );
    let mut item = article(101, "News, World", "Fresh");
    item.published = Some(Utc.with_ymd_and_hms(2026, 11, 20, 0, 0, 0).unwrap());
    let report = FeedReport {
        read: Vec::new(),
        bookmarked: Vec::new(),
        url: "https://example.com/feed".into(),
        name: "Example".into(),
        result: FeedResult::Updated { new: 1, updated: 0 },
        articles: vec![item],
    };
    app.update(Action::MoveDown);
    let selected = selected_title(&app);
    app.handle(Event::Refresh(RefreshReport::Feed { done: 1, report }));
    assert_eq!(
        app.feeds().refreshing(),
        Some(Progress {
            done: 1,
            total: 1,
            by_the_clock: false,
            started: app.now(),
        })
    );
    assert_eq!(
        app.list().visible().len(),
        32,
        "the new article is in the list"
    );
    assert_eq!(
        selected_title(&app),
        selected,
        "the selection stays on its article"
    );
    assert!(
        app.nav()
            .tags()
            .iter()
            .any(|&t| app.library.tags()[t].tag.as_str() == "World")
    );
    let summary = Summary {
        feeds: 1,
        new: 1,
        ..Summary::default()
    };
    app.handle(Event::Refresh(RefreshReport::Finished(summary)));
    assert_eq!(app.feeds().refreshing(), None);
    assert_eq!(app.status().unwrap().text, "Example: +1 new");
}

#[test]
fn refresh_of_the_selected_articles_feed_only() {
    let mut app = app_with_a_feed();
    app.update(Action::MoveDown);
    assert!(
        app.update(Action::RefreshFeed).is_empty(),
        "a sample is from no feed"
    );
    assert!(app.status().unwrap().text.contains("not from a feed"));
    app.update(Action::Top);
    change_filter(&mut app, |filter| filter.search = "a feed item".into());
    app.update(Action::Top);
    let effects = app.update(Action::RefreshFeed);
    assert_eq!(
        effects,
        [Effect::Refresh(RefreshRequest {
            add: Vec::new(),
            only: Some(vec!["https://example.com/feed".into()]),
            force: true
        })]
    );
}

#[test]
fn without_feeds_refresh_says_how_to_add_one() {
    let mut app = app();
    assert!(app.update(Action::Refresh).is_empty());
    assert!(app.status().unwrap().text.contains("tidings feeds add"));
}

#[test]
fn a_failed_feed_shows_in_the_feeds_list() {
    let mut app = app_with_a_feed();
    app.update(Action::Refresh);
    let report = FeedReport {
        read: Vec::new(),
        bookmarked: Vec::new(),
        url: "https://example.com/feed".into(),
        name: "Example".into(),
        result: FeedResult::Failed("HTTP 404 Not Found".into()),
        articles: Vec::new(),
    };
    app.handle(Event::Refresh(RefreshReport::Feed { done: 1, report }));
    assert_eq!(
        app.feeds().statuses()[0].error.as_deref(),
        Some("HTTP 404 Not Found")
    );
    app.update(Action::ShowFeeds);
    assert_eq!(app.window().open(), Some(Overlay::Feeds));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.window().open(), None);
}

#[test]
fn open_copy_and_links() {
    let mut app = app_with_a_feed();
    app.update(Action::MoveDown);
    assert!(
        app.update(Action::OpenInBrowser).is_empty(),
        "a sample has no address"
    );
    change_filter(&mut app, |filter| filter.search = "a feed item".into());
    app.update(Action::Top);
    assert_eq!(
        app.update(Action::OpenInBrowser),
        [Effect::Desktop(DesktopRequest::Open(
            "https://example.com/item".into()
        ))]
    );
    assert_eq!(
        app.update(Action::CopyUrl),
        [Effect::Desktop(DesktopRequest::Copy(
            "https://example.com/item".into()
        ))]
    );
    let links = app.links();
    assert_eq!(links.own.as_deref(), Some("https://example.com/item"));
    assert_eq!(
        links.numbered,
        ["https://example.com/more", "https://example.com/item"],
        "numbered as the text numbers them"
    );
    app.update(Action::ShowLinks);
    assert_eq!(app.window().open(), Some(Overlay::Links));
    assert_eq!(app.window().cursor(), 1, "on the text's first link");
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        [Effect::Desktop(DesktopRequest::Open(
            "https://example.com/item".into()
        ))],
        "the text's second link"
    );
    assert_eq!(app.window().open(), None);
    app.update(Action::ShowLinks);
    assert_eq!(
        press(&mut app, KeyCode::Char('1')),
        [Effect::Desktop(DesktopRequest::Open(
            "https://example.com/more".into()
        ))]
    );
    app.update(Action::ShowLinks);
    assert_eq!(
        press(&mut app, KeyCode::Char('y')),
        [Effect::Desktop(DesktopRequest::Copy(
            "https://example.com/more".into()
        ))]
    );
    app.handle(Event::Desktop(Err("cannot start xdg-open".into())));
    assert!(app.status().unwrap().is_error);
}

#[test]
fn a_cached_articles_body_is_asked_for_once_and_laid_out_when_it_comes() {
    let mut cached = article(200, "News", "unused");
    cached.published = Some(Utc.with_ymd_and_hms(2026, 11, 2, 0, 0, 0).unwrap());
    let body = std::mem::take(&mut cached.body);
    let mut app = started(|start| add_cached(&mut start.library, &cached));
    let effects = app.update(Action::Top);
    assert_eq!(
        effects,
        [Effect::Store(StoreRequest::LoadBody(cached.id.clone()))]
    );
    assert!(
        app.update(Action::Top).is_empty(),
        "asked once, while the store answers"
    );
    let lines_before = app.reader().view().unwrap().wrapped.lines.len();
    app.handle(Event::Store(StoreReport::BodyLoaded(
        cached.id.clone(),
        Box::new(body),
    )));
    assert!(!app.selected_entry().unwrap().body_in_store);
    assert!(
        app.reader().view().unwrap().wrapped.lines.len() > lines_before + 50,
        "laid out again with its body"
    );
    change_filter(&mut app, |filter| {
        filter.search = "paragraph 59 of article 200".into()
    });
    assert!(
        app.list().visible().is_empty(),
        "a cached body is searched by the store's index, not in memory"
    );
}

/// Adds an article to the library as start-up does from the feed cache.
fn add_cached(library: &mut Library, article: &Article) {
    library.add_cached("https://example.com/feed", article.clone());
    library.sort();
}

#[test]
fn a_body_that_cannot_be_read_is_reported_and_not_asked_again() {
    let mut cached = article(200, "News", "unused");
    cached.published = Some(Utc.with_ymd_and_hms(2026, 11, 2, 0, 0, 0).unwrap());
    cached.body = Body::default();
    let mut app = started(|start| add_cached(&mut start.library, &cached));
    assert_eq!(app.update(Action::Top).len(), 1);
    app.handle(Event::Store(StoreReport::Failed {
        id: cached.id.clone(),
        what: "read the article",
        error: "it is no longer in the cache".into(),
    }));
    assert!(app.status().unwrap().is_error);
    assert!(app.update(Action::Top).is_empty());
}

#[test]
fn a_search_asks_the_index_for_cached_bodies_and_adds_what_it_finds() {
    let mut cached = article(300, "Archive", "unused");
    cached.title = "Harbour works".into();
    cached.body = Body::default();
    let mut app = started(|start| add_cached(&mut start.library, &cached));
    press(&mut app, KeyCode::Char('/'));
    let effects = app.handle(Event::Key(KeyEvent::new(
        KeyCode::Char('d'),
        KeyModifiers::NONE,
    )));
    assert!(effects.contains(&Effect::Store(StoreRequest::Search("d".into()))));
    let effects = app.handle(Event::Key(KeyEvent::new(
        KeyCode::Char('r'),
        KeyModifiers::NONE,
    )));
    assert!(effects.contains(&Effect::Store(StoreRequest::Search("dr".into()))));
    assert!(app.list().visible().is_empty(), "no title has 'dr'");
    // An answer for an older search is ignored.
    app.handle(Event::Store(StoreReport::SearchHits {
        query: "d".into(),
        found: vec![cached.id.clone()],
    }));
    assert!(app.list().visible().is_empty());
    app.handle(Event::Store(StoreReport::SearchHits {
        query: "dr".into(),
        found: vec![cached.id.clone()],
    }));
    assert_eq!(
        selected_title(&app),
        "Harbour works",
        "found in its body by the index"
    );
    typing(&mut app, "x");
    assert!(
        app.list().visible().is_empty(),
        "the hits were for 'dr', not 'drx'"
    );
}
