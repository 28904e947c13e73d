//! Following the news: choosing feeds in the navigation pane, unread only, marking read and
//! unread, mark-all-read and its undo, unread to unread, and refreshes by the clock.

use chrono::{TimeDelta, TimeZone};
use ratatui::crossterm::event::KeyCode;

use super::tests::{article, press, put_nav_cursor, selected_title, settings};
use super::*;
use crate::model::library::{Library, SourceKey};
use crate::model::{Article, Subscription};
use crate::refresh::{FeedReport, FeedResult, Summary};
use crate::worker::refresh::{RefreshReport, RefreshRequest};
use crate::worker::store::StoreRequest;
use crate::worker::store::{ReadChange, StoreReport};

const DARING: &str = "https://daring.example/feed";
const HARBOUR: &str = "https://harbour.example/feed";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

/// Articles `from..to` of the test numbering, tagged Rust on even numbers.
fn articles(from: usize, to: usize) -> Vec<Article> {
    (from..to)
        .map(|n| article(n, if n % 2 == 0 { "Rust" } else { "Go" }, "Text"))
        .collect()
}

/// Two subscribed feeds: Daring Fireball with articles 0..6, the Harbour with 6..10; and
/// local articles 10..12. Every feed refreshes every 10 minutes.
fn app() -> App {
    let feed = |url: &str, name: &str| Subscription {
        full_text: false,
        url: url.into(),
        name: Some(name.into()),
        tags: Vec::new(),
        every: Some(10),
    };
    app_with_feeds(vec![
        feed(DARING, "Daring Fireball"),
        feed(HARBOUR, "The Harbour"),
    ])
}

/// The same articles, with these feeds subscribed.
fn app_with_feeds(feeds: Vec<Subscription>) -> App {
    let mut library = Library::new(articles(10, 12));
    library.merge(Some(DARING), articles(0, 6));
    library.merge(Some(HARBOUR), articles(6, 10));
    let start = Start {
        feeds,
        ..Start::new(library, settings())
    };
    let mut app = App::new(start, Size::new(120, 40), now());
    app.handle(Event::Resize(120, 40));
    app
}

/// Carries out what the store worker would for read marks, as if it saved them.
fn saved(app: &mut App, effects: Vec<Effect>) {
    for effect in effects {
        let report = match effect {
            Effect::Store(StoreRequest::MarkRead(id)) => StoreReport::MarkedRead(id),
            Effect::Store(StoreRequest::SetRead { ids, read, change }) => {
                StoreReport::ReadSet { ids, read, change }
            }
            _ => continue,
        };
        let more = app.handle(Event::Store(report));
        saved(app, more);
    }
}

fn act(app: &mut App, action: Action) {
    let effects = app.update(action);
    saved(app, effects);
}

fn source(app: &App, url: &str) -> usize {
    app.library
        .find_source(&SourceKey::Feed(url.into()))
        .unwrap()
}

/// (unread, total) of a feed as the pane shows it.
fn counts(app: &App, url: &str) -> (usize, usize) {
    let members = &app.library.sources()[source(app, url)].members;
    (members.unread, members.total)
}

fn nav_to(app: &mut App, item: NavItem) {
    app.screen.focus_on(Focus::Nav);
    let position = (0..app.nav().len())
        .find(|&p| app.nav().item(p) == Some(item))
        .unwrap();
    put_nav_cursor(app, position);
}

/// A refresh of one feed brings `articles`.
fn brought(app: &mut App, url: &str, articles: Vec<Article>) {
    app.handle(Event::Refresh(RefreshReport::Feed {
        done: 1,
        report: FeedReport {
            read: Vec::new(),
            bookmarked: Vec::new(),
            url: url.into(),
            name: url.into(),
            result: FeedResult::Updated {
                new: articles.len(),
                updated: 0,
            },
            articles,
        },
    }));
}

fn titles(app: &App) -> Vec<String> {
    app.list()
        .visible()
        .iter()
        .map(|&i| app.library.entry(i).article.title.clone())
        .collect()
}

#[test]
fn the_pane_lists_feeds_by_name_then_local_articles_then_tags() {
    let app = app();
    let names: Vec<&str> = app
        .nav()
        .sources()
        .iter()
        .map(|&id| app.library.sources()[id].name.as_str())
        .collect();
    assert_eq!(names, ["Daring Fireball", "The Harbour", "Local articles"]);
    assert_eq!(app.nav().len(), 5, "three sources and two tags");
    assert_eq!(counts(&app, DARING), (6, 6));
}

#[test]
fn feeds_narrow_the_list_and_combine_with_tags_and_search() {
    let mut app = app();
    let feed = NavItem::Source(source(&app, HARBOUR));
    nav_to(&mut app, feed);
    app.update(Action::ToggleSelect);
    assert_eq!(
        titles(&app),
        ["Article 6", "Article 7", "Article 8", "Article 9"]
    );
    let feed = NavItem::Source(source(&app, DARING));
    nav_to(&mut app, feed);
    app.update(Action::ToggleSelect);
    assert_eq!(app.list().visible().len(), 10, "two feeds: their union");
    let rust = app
        .library
        .tag_id(&crate::model::TagKey::of("rust"))
        .unwrap();
    nav_to(&mut app, NavItem::Tag(rust));
    app.update(Action::ToggleSelect);
    assert_eq!(app.list().visible().len(), 5, "the feeds AND the tag");
    press(&mut app, KeyCode::Char('/'));
    for c in "article 8.".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(titles(&app), ["Article 8"]);
    app.update(Action::ClearFilter);
    assert_eq!(app.list().visible().len(), 12);
    assert!(app.list().filter().sources.is_empty() && app.list().filter().tags.is_empty());
}

#[test]
fn enter_on_a_feed_shows_only_it_and_goes_to_the_list() {
    let mut app = app();
    let rust = app
        .library
        .tag_id(&crate::model::TagKey::of("rust"))
        .unwrap();
    nav_to(&mut app, NavItem::Tag(rust));
    app.update(Action::ToggleSelect);
    let feed = NavItem::Source(source(&app, DARING));
    nav_to(&mut app, feed);
    app.update(Action::Open);
    assert_eq!(app.focus(), Focus::List);
    assert!(app.list().filter().tags.is_empty(), "only the feed");
    assert_eq!((app.list().visible().len(), app.list().unread()), (6, 6));
}

#[test]
fn an_article_read_in_the_unread_list_stays_until_the_selection_moves() {
    let mut app = app();
    act(&mut app, Action::UnreadOnly);
    assert_eq!(app.list().visible().len(), 12);
    act(&mut app, Action::Open);
    assert!(app.selected_entry().unwrap().is_read());
    assert_eq!(
        app.list().visible().len(),
        12,
        "the opened article stays under the cursor"
    );
    assert_eq!(selected_title(&app), "Article 0");
    act(&mut app, Action::Back);
    act(&mut app, Action::MoveDown);
    assert_eq!(
        selected_title(&app),
        "Article 1",
        "the selection does not jump"
    );
    assert_eq!(app.list().visible().len(), 11, "the read one has gone");
    assert_eq!(app.list().selected(), 0);
    act(&mut app, Action::UnreadOnly);
    assert_eq!(app.list().visible().len(), 12);
    assert_eq!(selected_title(&app), "Article 1");
}

#[test]
fn m_toggles_read_and_an_article_marked_unread_in_the_reader_stays_unread() {
    let mut app = app();
    act(&mut app, Action::Open);
    assert!(app.selected_entry().unwrap().is_read());
    assert_eq!(counts(&app, DARING), (5, 6));
    let effects = app.update(Action::ToggleRead);
    assert_eq!(
        effects,
        [Effect::Store(StoreRequest::SetRead {
            ids: vec![app.selected_entry().unwrap().article.id.clone()],
            read: false,
            change: ReadChange::Toggle
        })]
    );
    saved(&mut app, effects);
    assert!(!app.selected_entry().unwrap().is_read());
    assert_eq!(counts(&app, DARING), (6, 6));
    act(&mut app, Action::MoveDown);
    assert!(
        !app.selected_entry().unwrap().is_read(),
        "scrolling the reader does not mark it read again"
    );
    act(&mut app, Action::Back);
    act(&mut app, Action::Open);
    assert!(
        app.selected_entry().unwrap().is_read(),
        "opening it again does"
    );
}

#[test]
fn mark_all_read_marks_only_what_the_list_shows_and_undo_brings_it_back() {
    let mut app = app();
    let feed = NavItem::Source(source(&app, HARBOUR));
    nav_to(&mut app, feed);
    act(&mut app, Action::Open);
    act(&mut app, Action::UnreadOnly);
    let effects = app.update(Action::MarkAllRead);
    let [
        Effect::Store(StoreRequest::SetRead {
            ids,
            read: true,
            change: ReadChange::MarkAll,
        }),
    ] = effects.as_slice()
    else {
        panic!("one change of four articles: {effects:?}");
    };
    assert_eq!(ids.len(), 4);
    saved(&mut app, effects);
    assert_eq!(counts(&app, HARBOUR), (0, 4));
    assert_eq!(counts(&app, DARING), (6, 6), "other feeds are left alone");
    assert_eq!(app.status().unwrap().text, "marked 4 read · U undoes");
    assert!(
        app.list().visible().is_empty(),
        "nothing unread is left in the list"
    );
    act(&mut app, Action::UndoMarkAll);
    assert_eq!(counts(&app, HARBOUR), (4, 4));
    assert_eq!(app.list().visible().len(), 4);
    assert_eq!(app.status().unwrap().text, "marked 4 unread again");
    act(&mut app, Action::UndoMarkAll);
    assert!(app.status().unwrap().text.starts_with("nothing to undo"));
}

#[test]
fn mark_all_read_with_nothing_unread_asks_nothing() {
    let mut app = app();
    act(&mut app, Action::MarkAllRead);
    assert!(app.update(Action::MarkAllRead).is_empty());
    assert_eq!(
        app.status().unwrap().text,
        "every article listed is read already"
    );
}

#[test]
fn next_and_previous_unread_open_in_the_reader_and_space_goes_on_at_the_end() {
    let mut app = app();
    // Articles 1 and 2 read already.
    for n in [1, 2] {
        app.list.select(n);
        act(&mut app, Action::ToggleRead);
    }
    app.list.select(0);
    act(&mut app, Action::NextUnread);
    assert_eq!(
        selected_title(&app),
        "Article 0",
        "from the list, the unread article selected is the next one to read"
    );
    act(&mut app, Action::NextUnread);
    assert_eq!(selected_title(&app), "Article 3");
    assert_eq!(app.focus(), Focus::Reader);
    assert!(app.selected_entry().unwrap().is_read(), "opened, so read");
    act(&mut app, Action::PrevUnread);
    assert_eq!(selected_title(&app), "Article 3", "0, 1 and 2 are read");
    assert_eq!(
        app.status().unwrap().text,
        "no unread article above this one"
    );
    app.list.select(1);
    act(&mut app, Action::ToggleRead);
    app.list.select(3);
    act(&mut app, Action::PrevUnread);
    assert_eq!(selected_title(&app), "Article 1");
    app.list.select(3);
    // Space pages through the article, then goes on to the next unread one.
    act(&mut app, Action::NextUnread);
    assert_eq!(selected_title(&app), "Article 4");
    let mut presses = 0;
    while selected_title(&app) == "Article 4" {
        let effects = press(&mut app, KeyCode::Char(' '));
        saved(&mut app, effects);
        presses += 1;
        assert!(presses < 20, "Space never left the article");
    }
    assert!(presses > 1, "Space paged before it went on");
    assert_eq!(selected_title(&app), "Article 5");
    assert_eq!(app.reader().view().unwrap().scroll, 0);
}

#[test]
fn a_refresh_merges_new_and_updated_articles_into_the_counts_without_moving_the_selection() {
    let mut app = app();
    // A short terminal: five articles a screen, the list scrolled down to article 7.
    app.handle(Event::Resize(120, 12));
    app.list.select(7);
    act(&mut app, Action::MoveUp);
    act(&mut app, Action::MoveUp);
    act(&mut app, Action::MoveUp);
    act(&mut app, Action::MoveUp);
    act(&mut app, Action::MoveDown);
    assert_eq!(selected_title(&app), "Article 4");
    assert!(app.list().offset() > 0);
    let row = app.list().selected() - app.list().offset();
    act(&mut app, Action::Open);
    act(&mut app, Action::PageDown);
    let scroll = app.reader().view().unwrap().scroll;
    assert!(scroll > 0);
    // Article 4 is updated in place (still read); two new ones arrive at the top.
    let mut updated = article(4, "Rust", "Changed text");
    updated.title = "Article 4, updated".into();
    let mut fresh = articles(20, 22);
    for (n, article) in fresh.iter_mut().enumerate() {
        article.published = Some(now() - TimeDelta::minutes(i64::try_from(n).unwrap()));
    }
    fresh.push(updated);
    brought(&mut app, DARING, fresh);
    assert_eq!(selected_title(&app), "Article 4, updated");
    assert!(
        app.selected_entry().unwrap().is_read(),
        "its read mark is kept"
    );
    assert_eq!(
        app.list().selected() - app.list().offset(),
        row,
        "it stays on its row"
    );
    assert_eq!(app.reader().view().unwrap().scroll, scroll);
    assert_eq!(counts(&app, DARING), (7, 8));
    assert_eq!(app.library.unread_count(), 13);

    // At the top of the list, what arrives shows above the selection.
    act(&mut app, Action::Back);
    act(&mut app, Action::Top);
    act(&mut app, Action::MoveDown);
    let mut newest = article(30, "Go", "Newest");
    newest.published = Some(now() + TimeDelta::minutes(1));
    brought(&mut app, HARBOUR, vec![newest]);
    assert_eq!(app.list().offset(), 0);
    assert_eq!(
        app.list().selected(),
        2,
        "the selection stays on its article"
    );
}

#[test]
fn until_an_article_is_chosen_the_selection_stays_on_the_newest() {
    let mut app = app();
    let newest = |n: usize, minutes: i64| {
        let mut newest = article(n, "Go", "Newest");
        newest.published = Some(now() + TimeDelta::minutes(minutes));
        vec![newest]
    };
    brought(&mut app, HARBOUR, newest(30, 1));
    assert_eq!(
        selected_title(&app),
        "Article 30",
        "the first refresh fills the list"
    );
    act(&mut app, Action::MoveDown);
    act(&mut app, Action::MoveUp);
    brought(&mut app, HARBOUR, newest(31, 2));
    assert_eq!(
        selected_title(&app),
        "Article 30",
        "once a person has moved, the selection keeps its article"
    );
}

#[test]
fn feeds_are_refreshed_by_the_clock_when_their_time_has_come() {
    let mut app = app();
    let effects = app.handle(Event::Tick(now()));
    assert_eq!(
        effects,
        [Effect::Refresh(RefreshRequest {
            add: Vec::new(),
            only: Some(vec![DARING.into(), HARBOUR.into()]),
            force: false
        })],
        "never refreshed: both are due"
    );
    assert!(
        app.handle(Event::Tick(now())).is_empty(),
        "not while a refresh is under way"
    );
    for (done, url) in [(1, DARING), (2, HARBOUR)] {
        app.handle(Event::Refresh(RefreshReport::Feed {
            done,
            report: FeedReport {
                read: Vec::new(),
                bookmarked: Vec::new(),
                url: url.into(),
                name: url.into(),
                result: FeedResult::NotModified,
                articles: Vec::new(),
            },
        }));
    }
    app.handle(Event::Refresh(RefreshReport::Finished(Summary {
        feeds: 2,
        unchanged: 2,
        ..Summary::default()
    })));
    assert_eq!(
        app.status(),
        None,
        "a refresh by the clock that brought nothing is quiet"
    );
    assert!(
        app.handle(Event::Tick(now() + TimeDelta::minutes(9)))
            .is_empty()
    );
    assert_eq!(
        app.handle(Event::Tick(now() + TimeDelta::minutes(10)))
            .len(),
        1,
        "ten minutes later they are due again"
    );
    app.handle(Event::Refresh(RefreshReport::Finished(Summary {
        feeds: 2,
        new: 3,
        ..Summary::default()
    })));
    assert_eq!(app.status().unwrap().text, "refreshed 2 feeds: +3 new");
}

#[test]
fn a_feed_refreshed_only_when_asked_is_never_due() {
    let feed = Subscription {
        full_text: false,
        url: DARING.into(),
        name: None,
        tags: Vec::new(),
        every: Some(0),
    };
    let mut app = app_with_feeds(vec![feed]);
    assert!(app.handle(Event::Tick(now())).is_empty());
    let mut settings = settings();
    settings.refresh_every = 0;
    let feed = Subscription {
        full_text: false,
        url: DARING.into(),
        name: None,
        tags: Vec::new(),
        every: None,
    };
    let start = Start {
        feeds: vec![feed],
        ..Start::new(Library::default(), settings)
    };
    let mut app = App::new(start, Size::new(120, 40), now());
    assert!(app.handle(Event::Tick(now())).is_empty());
}

#[test]
fn when_the_article_read_leaves_the_list_the_reader_does_not_open_the_next_one() {
    let mut app = app();
    let feed = NavItem::Source(source(&app, HARBOUR));
    nav_to(&mut app, feed);
    act(&mut app, Action::Open);
    act(&mut app, Action::UnreadOnly);
    act(&mut app, Action::NextUnread);
    act(&mut app, Action::NextUnread);
    assert_eq!(selected_title(&app), "Article 7");
    assert_eq!(counts(&app, HARBOUR), (2, 4));
    act(&mut app, Action::MarkAllRead);
    act(&mut app, Action::UndoMarkAll);
    assert_eq!(
        counts(&app, HARBOUR),
        (2, 4),
        "the two marked by A are unread again, and stay so"
    );
    assert_eq!(app.focus(), Focus::List);
    act(&mut app, Action::MoveDown);
    assert_eq!(counts(&app, HARBOUR), (2, 4));
}

#[test]
fn a_feed_name_from_the_config_reaches_the_pane_clean() {
    let feed = Subscription {
        full_text: false,
        url: DARING.into(),
        name: Some("Evil\u{1b}]0;pwned\u{7} News\u{202e}".into()),
        tags: Vec::new(),
        every: None,
    };
    let app = app_with_feeds(vec![feed]);
    let name = &app.library.sources()[source(&app, DARING)].name;
    assert_eq!(name, "Evil]0;pwned News");
    assert_eq!(app.feeds().statuses()[0].name, "Evil]0;pwned News");
}

#[test]
fn a_feed_is_due_again_a_whole_interval_after_the_tick_that_refreshed_it() {
    let mut app = app();
    assert_eq!(app.handle(Event::Tick(now())).len(), 1);
    // The reports come in a moment after the tick, as the event loop has moved on.
    app.set_clock(now() + TimeDelta::seconds(2));
    for (done, url) in [(1, DARING), (2, HARBOUR)] {
        app.handle(Event::Refresh(RefreshReport::Feed {
            done,
            report: FeedReport {
                read: Vec::new(),
                bookmarked: Vec::new(),
                url: url.into(),
                name: url.into(),
                result: FeedResult::NotModified,
                articles: Vec::new(),
            },
        }));
    }
    app.handle(Event::Refresh(RefreshReport::Finished(Summary::default())));
    // Ticks come a minute apart (or a little more): the tenth after is ten minutes on.
    assert_eq!(
        app.handle(Event::Tick(now() + TimeDelta::minutes(10)))
            .len(),
        1,
        "every 10 minutes means every 10 minutes, not every 11"
    );
}
