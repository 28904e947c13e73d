//! The list on its own: the article read in the unread-only list lingers until the selection
//! moves away, and a selection keeps its place on screen as articles come above it.

use chrono::{DateTime, TimeZone, Utc};

use super::*;
use crate::model::{Article, Body};
use crate::worker::store::ReadChange;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

/// Article `n`, published `n` hours before the others: the list shows 0 first.
fn article(n: usize) -> Article {
    Article {
        id: ArticleId::from_identity(&format!("list:{n}")),
        title: format!("Article {n}"),
        source: "List".into(),
        author: None,
        published: Some(now() - chrono::TimeDelta::hours(n as i64)),
        url: None,
        tags: Vec::new(),
        body: Body::default(),
    }
}

fn titles(list: &List, library: &Library) -> Vec<String> {
    let title = |&index: &usize| library.entry(index).article.title.clone();
    list.visible().iter().map(title).collect()
}

#[test]
fn a_read_article_lingers_in_the_unread_list_until_the_selection_moves_away() {
    let mut library = Library::new((0..3).map(article).collect());
    let mut list = List::new(&library, Vec::new(), now());
    assert!(list.toggle_unread_only(&library, now()));
    list.keep_selected_listed();
    let first = list.selected_index().unwrap();
    library.set_read(first, true);
    list.read_marks_saved(ReadChange::Toggle, &library, now());
    list.keep_in_view(10, &library);
    assert_eq!(
        titles(&list, &library),
        ["Article 0", "Article 1", "Article 2"]
    );
    assert_eq!(list.unread(), 2);
    list.move_selection(1);
    list.keep_in_view(10, &library);
    assert_eq!(titles(&list, &library), ["Article 1", "Article 2"]);
    assert_eq!(list.selected(), 0, "still on Article 1");
}

#[test]
fn the_selection_keeps_its_row_or_stays_on_the_newest_until_chosen() {
    let mut library = Library::new((1..30).map(article).collect());
    let mut list = List::new(&library, Vec::new(), now());
    let place = list.place();
    library.merge(None, vec![article(0)]);
    list.refilter_all(&library, now());
    list.keep_place(place);
    assert_eq!(list.selected(), 0, "on the newest, nothing chosen yet");

    list.move_selection(15);
    list.keep_in_view(10, &library);
    list.keep_selection_from_now();
    assert_eq!((list.selected(), list.offset()), (15, 6));
    let place = list.place();
    let mut newer = article(40);
    newer.published = Some(now() + chrono::TimeDelta::hours(1));
    library.merge(None, vec![newer]);
    list.refilter_all(&library, now());
    list.keep_place(place);
    assert_eq!(
        (list.selected(), list.offset()),
        (16, 7),
        "the same article, on the same row"
    );
}
