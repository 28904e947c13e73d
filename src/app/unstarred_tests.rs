//! The bookmarks view's recently un-starred articles: listed below the bookmarks after a sync
//! takes a star away, filtered like the rest, readable, bookmarked again with `b`, gone from
//! the view after [`RECENTLY_UNSTARRED_DAYS`] days.

use chrono::{TimeDelta, TimeZone};

use super::tests::{article, settings};
use super::*;
use crate::model::Body;
use crate::store::StateChanges;
use crate::sync::Outcome;
use crate::worker::store::StoreReport;
use crate::worker::sync::SyncReport;

const FEED: &str = "https://server.example/feed";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

fn id(n: usize) -> ArticleId {
    article(n, "", "").id
}

fn index(app: &App, n: usize) -> usize {
    app.library.position(&id(n)).unwrap()
}

fn titles(app: &App) -> Vec<String> {
    app.visible
        .iter()
        .map(|&i| app.library.entry(i).article.title.clone())
        .collect()
}

/// A reader syncing with a server whose feed has articles 0..4 (0 and 1 bookmarked), and
/// two copies kept of articles whose feed's cache is gone: 8 un-starred 5 days ago, 9 40
/// days ago.
fn app() -> App {
    let mut library = Library::new(Vec::new());
    library.merge(
        Some(FEED),
        (0..4).map(|n| article(n, "News", "Text")).collect(),
    );
    library.add_kept(vec![
        article(8, "Science", "Kept"),
        article(9, "Science", "Old"),
    ]);
    let mut app = App::new(library, settings(), Size::new(120, 40), now());
    for n in [0, 1] {
        let index = index(&app, n);
        app.library.entry_mut(index).bookmarked = true;
    }
    app.enable_sync(0, [FEED.to_string()]);
    app.set_unstarred([
        (id(8), now() - TimeDelta::days(5)),
        (id(9), now() - TimeDelta::days(40)),
    ]);
    app.handle(Event::Resize(120, 40));
    app
}

/// A sync that took away the star of article 1.
fn unstar_one(app: &mut App) {
    app.update(Action::Refresh);
    let outcome = Outcome {
        changes: StateChanges {
            unstarred: vec![id(1)],
            ..StateChanges::default()
        },
        ..Outcome::default()
    };
    app.handle(Event::Sync(SyncReport::Finished(Ok(Box::new(outcome)))));
}

#[test]
fn articles_unstarred_elsewhere_are_listed_below_the_bookmarks_most_recent_first() {
    let mut app = app();
    unstar_one(&mut app);
    assert!(!app.library.entry(index(&app, 1)).bookmarked);
    // The main list: article 1 as any other article; the kept copies not at all.
    assert_eq!(
        titles(&app),
        ["Article 0", "Article 1", "Article 2", "Article 3"]
    );
    assert_eq!(app.unstarred_shown(), 0);
    assert_eq!(
        app.unstarred_at(index(&app, 1)),
        None,
        "marked only as bookmarks"
    );

    app.update(Action::ShowBookmarks);
    assert_eq!(
        titles(&app),
        ["Article 0", "Article 1", "Article 8"],
        "the bookmark, then un-starred now, then 5 days ago; not 40 days ago"
    );
    assert_eq!(app.unstarred_shown(), 2);
    assert_eq!(app.unstarred_at(index(&app, 1)), Some(now()));
    assert_eq!(
        app.unstarred_at(index(&app, 8)),
        Some(now() - TimeDelta::days(5))
    );
    assert_eq!(app.unstarred_at(index(&app, 0)), None);
    assert_eq!(app.unstarred_at(index(&app, 9)), None);

    // After 30 days they are no longer recent.
    app.now = now() + TimeDelta::days(RECENTLY_UNSTARRED_DAYS);
    app.refilter_all();
    assert_eq!(titles(&app), ["Article 0", "Article 1"]);
    app.now += TimeDelta::seconds(1);
    app.refilter_all();
    assert_eq!(titles(&app), ["Article 0"]);
}

#[test]
fn the_unstarred_are_filtered_like_the_bookmarks() {
    let mut app = app();
    unstar_one(&mut app);
    app.update(Action::ShowBookmarks);
    app.filter.search = "kept".into();
    app.refilter();
    assert_eq!(titles(&app), ["Article 8"], "searched by their text");
    app.filter.search.clear();
    let news = app
        .library
        .tag_id(&crate::model::TagKey::of("news"))
        .unwrap();
    app.filter.tags.insert(news);
    app.refilter();
    assert_eq!(titles(&app), ["Article 0", "Article 1"], "by tag");
    app.filter.tags.clear();
    let one = index(&app, 1);
    app.library.set_read(one, true);
    app.update(Action::UnreadOnly);
    assert_eq!(titles(&app), ["Article 0", "Article 8"], "unread only");
}

#[test]
fn a_saved_copy_unstarred_elsewhere_is_read_in_the_reader_and_b_bookmarks_it_again() {
    let mut app = app();
    app.update(Action::ShowBookmarks);
    app.update(Action::Bottom);
    assert_eq!(titles(&app)[app.selected], "Article 8");
    let effects = app.update(Action::Open);
    assert_eq!(app.focus, Focus::Reader);
    let reader = app.reader.as_ref().unwrap();
    assert_eq!(reader.article, index(&app, 8));
    let text: String = reader
        .wrapped
        .lines
        .iter()
        .map(|line| line.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("Kept paragraph 0 of article 8"), "{text}");
    assert!(text.contains("saved copy"), "{text}");
    assert_eq!(effects, [Effect::Store(StoreRequest::MarkRead(id(8)))]);

    app.update(Action::Back);
    let effects = app.update(Action::ToggleBookmark);
    let [Effect::Store(StoreRequest::SaveBookmark(saved))] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(saved.id, id(8));
    assert!(!saved.body.blocks.is_empty(), "the whole snapshot");
    app.handle(Event::Store(StoreReport::BookmarkSaved(id(8))));
    // The newest bookmark: listed first.
    assert_eq!(titles(&app), ["Article 8", "Article 0", "Article 1"]);
    assert_eq!(app.unstarred_shown(), 0, "a bookmark again");
    assert_eq!(titles(&app)[app.selected], "Article 8", "still selected");
    // Un-bookmarked here: a local change, not one made elsewhere.
    app.update(Action::ToggleBookmark);
    app.handle(Event::Store(StoreReport::BookmarkRemoved(id(8))));
    assert_eq!(titles(&app), ["Article 0", "Article 1"]);
}

#[test]
fn b_on_an_article_unstarred_elsewhere_bookmarks_the_cached_article_and_it_moves_up() {
    let mut app = app();
    unstar_one(&mut app);
    app.update(Action::ShowBookmarks);
    app.update(Action::MoveDown);
    assert_eq!(titles(&app)[app.selected], "Article 1");
    let effects = app.update(Action::ToggleBookmark);
    assert!(
        matches!(effects.as_slice(), [Effect::Store(StoreRequest::SaveBookmark(a))] if a.id == id(1)),
        "{effects:?}"
    );
    app.handle(Event::Store(StoreReport::BookmarkSaved(id(1))));
    // Up among the bookmarks, as the newest saved, first.
    assert_eq!(titles(&app), ["Article 1", "Article 0", "Article 8"]);
    assert_eq!(app.unstarred_shown(), 1);
}

#[test]
fn a_star_given_back_elsewhere_makes_it_a_bookmark_again() {
    let mut app = app();
    unstar_one(&mut app);
    app.update(Action::ShowBookmarks);
    app.update(Action::Refresh);
    let outcome = Outcome {
        changes: StateChanges {
            starred: vec![id(1)],
            ..StateChanges::default()
        },
        ..Outcome::default()
    };
    app.handle(Event::Sync(SyncReport::Finished(Ok(Box::new(outcome)))));
    assert!(app.library.entry(index(&app, 1)).bookmarked);
    // Starred again just now: the newest bookmark.
    assert_eq!(titles(&app), ["Article 1", "Article 0", "Article 8"]);
    assert_eq!(app.unstarred_shown(), 1);
}

#[test]
fn a_cached_article_unstarred_elsewhere_loads_its_body_when_selected() {
    let mut library = Library::new(Vec::new());
    let mut cached = article(1, "News", "Text");
    cached.body = Body::default();
    library.add_cached(FEED, cached);
    library.sort();
    let mut app = App::new(library, settings(), Size::new(120, 40), now());
    app.set_unstarred([(id(1), now())]);
    let effects = app.update(Action::ShowBookmarks);
    assert_eq!(titles(&app), ["Article 1"]);
    assert_eq!(effects, [Effect::Store(StoreRequest::LoadBody(id(1)))]);
}
