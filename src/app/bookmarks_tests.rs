//! The bookmarks view lists the newest saved first, as `tidings bookmarks` does, whatever
//! the articles' own dates.

use super::tests::{article, press, selected_title, settings};
use super::*;
use crate::worker::store::StoreReport;
use chrono::TimeZone;
use ratatui::crossterm::event::KeyCode;

fn titles(app: &App) -> Vec<String> {
    app.visible
        .iter()
        .map(|&i| app.library.entry(i).article.title.clone())
        .collect()
}

#[test]
fn bookmarks_are_listed_by_when_they_were_saved() {
    let articles: Vec<_> = (1..=4).map(|n| article(n, "News", "text")).collect();
    let saved = |n: usize, day: u32| {
        (
            articles[n - 1].clone(),
            Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap(),
        )
    };
    let mut library = Library::new(articles.clone());
    // As the store lists them: newest saved first. Article 1 is the newest article.
    library.add_bookmarks(vec![saved(3, 20), saved(1, 12), saved(2, 5)]);
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    let mut app = App::new(library, settings(), Size::new(120, 40), now);
    app.update(Action::ShowBookmarks);
    assert_eq!(titles(&app), ["Article 3", "Article 1", "Article 2"]);

    // One saved now goes first; one removed goes.
    app.update(Action::ShowBookmarks);
    while selected_title(&app) != "Article 4" {
        app.update(Action::MoveDown);
    }
    let effects = press(&mut app, KeyCode::Char('b'));
    assert!(matches!(
        effects[..],
        [Effect::Store(StoreRequest::SaveBookmark(_))]
    ));
    let id = app.selected_entry().unwrap().article.id.clone();
    app.handle(Event::Store(StoreReport::BookmarkSaved(id)));
    app.update(Action::ShowBookmarks);
    assert_eq!(
        titles(&app),
        ["Article 4", "Article 3", "Article 1", "Article 2"]
    );
    let id = articles[2].id.clone();
    app.handle(Event::Store(StoreReport::BookmarkRemoved(id)));
    assert_eq!(titles(&app), ["Article 4", "Article 1", "Article 2"]);
}

#[test]
fn a_save_confirmed_after_b_joins_the_bookmarks_view_at_the_top() {
    let articles: Vec<_> = (1..=3).map(|n| article(n, "News", "text")).collect();
    let mut library = Library::new(articles.clone());
    let saved = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
    library.add_bookmarks(vec![(articles[0].clone(), saved)]);
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    let mut app = App::new(library, settings(), Size::new(120, 40), now);
    app.update(Action::Bottom);
    assert_eq!(selected_title(&app), "Article 3");
    press(&mut app, KeyCode::Char('b'));
    // B before the store has answered: the save is not shown yet.
    app.update(Action::ShowBookmarks);
    assert_eq!(titles(&app), ["Article 1"]);
    app.handle(Event::Store(StoreReport::BookmarkSaved(
        articles[2].id.clone(),
    )));
    assert_eq!(titles(&app), ["Article 3", "Article 1"]);
}
