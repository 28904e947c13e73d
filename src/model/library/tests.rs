//! The library: order, merging, tags and sources with their counts, lookups.

use super::*;
use crate::model::Body;
use crate::model::tag::parse_tag_list;
use chrono::{TimeZone, Utc};

pub(crate) fn article(identity: &str, title: &str, tags: &str, day: Option<u32>) -> Article {
    Article {
        id: ArticleId::from_identity(identity),
        title: title.into(),
        source: "Test".into(),
        author: None,
        published: day.map(|d| Utc.with_ymd_and_hms(2026, 10, d, 9, 0, 0).unwrap()),
        url: None,
        tags: parse_tag_list(tags),
        body: Body::default(),
    }
}

#[test]
fn newest_first_then_undated_in_order() {
    let library = Library::new(vec![
        article("a", "Undated one", "", None),
        article("b", "Older", "", Some(1)),
        article("c", "Newer", "", Some(9)),
        article("d", "Undated two", "", None),
    ]);
    let titles: Vec<&str> = library
        .order()
        .iter()
        .map(|&i| library.entry(i).article.title.as_str())
        .collect();
    assert_eq!(titles, ["Newer", "Older", "Undated one", "Undated two"]);
}

#[test]
fn tags_are_counted_case_insensitively() {
    let library = Library::new(vec![
        article("a", "A", "China, Russia", Some(3)),
        article("b", "B", "china, U.S.", Some(2)),
        article("c", "C", "u.s., CHINA", Some(1)),
    ]);
    let ranked: Vec<(String, usize)> = library
        .tags_by_count()
        .into_iter()
        .map(|id| {
            (
                library.tags()[id].tag.to_string(),
                library.tags()[id].members.total,
            )
        })
        .collect();
    assert_eq!(
        ranked,
        [
            ("China".into(), 3),
            ("U.S.".into(), 2),
            ("Russia".into(), 1)
        ]
    );
}

#[test]
fn saved_snapshots_join_without_duplicates_or_counts() {
    let mut library = Library::new(vec![article("a", "A", "Space", Some(1))]);
    library.add_saved(vec![
        article("a", "A", "Space", Some(1)),
        article("gone", "Gone", "Space, Lost", Some(2)),
    ]);
    assert_eq!(library.len(), 2);
    assert!(library.entries().iter().all(|e| e.bookmarked));
    assert_eq!(library.entry(1).origin, Origin::SavedOnly);
    assert_eq!(library.source_count(), 1);
    library.merge(
        Some("https://f.example/rss"),
        vec![article("gone", "Back", "", Some(2))],
    );
    assert_eq!(
        library.source_count(),
        2,
        "a saved copy whose feed came back counts"
    );
    assert_eq!(
        library.tags_by_count().len(),
        1,
        "a tag only on a saved snapshot is not listed"
    );
}

#[test]
fn a_refreshed_feed_replaces_its_articles_in_place() {
    let mut library = Library::new(vec![article("file", "File", "Local", Some(5))]);
    let new = library.merge(
        Some("https://f.example/rss"),
        vec![article("a", "A", "News", Some(1))],
    );
    assert_eq!(new, 1);
    let a = library.position(&ArticleId::from_identity("a")).unwrap();
    library.set_read(a, true);
    let new = library.merge(
        Some("https://f.example/rss"),
        vec![
            article("a", "A, updated", "World", Some(1)),
            article("b", "B", "News", Some(9)),
        ],
    );
    assert_eq!(new, 1);
    let entry = library.entry(a);
    assert_eq!(
        (entry.article.title.as_str(), entry.is_read()),
        ("A, updated", true)
    );
    assert_eq!(entry.feed.as_deref(), Some("https://f.example/rss"));
    let counts: Vec<(String, usize)> = library
        .tags_by_count()
        .into_iter()
        .map(|id| {
            (
                library.tags()[id].tag.to_string(),
                library.tags()[id].members.total,
            )
        })
        .collect();
    assert_eq!(
        counts,
        [("Local".into(), 1), ("News".into(), 1), ("World".into(), 1)]
    );
    let titles: Vec<&str> = library
        .order()
        .iter()
        .map(|&i| library.entry(i).article.title.as_str())
        .collect();
    assert_eq!(titles, ["B", "File", "A, updated"]);
    assert_eq!(
        library.merge(None, vec![article("file", "File again", "", Some(5))]),
        0
    );
    assert_eq!(
        library.entry(0).article.title,
        "File",
        "a file given twice keeps its first copy"
    );
}

#[test]
fn the_entries_of_each_tag_follow_replacements() {
    let mut library = Library::new(vec![
        article("a", "A", "News", Some(1)),
        article("b", "B", "News, World", Some(2)),
    ]);
    let news = library.tag_id(&TagKey::of("news")).unwrap();
    let world = library.tag_id(&TagKey::of("world")).unwrap();
    assert_eq!(library.tagged(news), [0, 1]);
    assert_eq!(library.tagged(world), [1]);
    library.merge(
        Some("https://f.example/rss"),
        vec![article("a", "A", "World", Some(1))],
    );
    assert_eq!(library.tagged(news), [1]);
    assert_eq!(library.tagged(world), [0, 1]);
    assert!(library.tagged(99).is_empty());
}

#[test]
fn ids_are_found_by_unique_prefix() {
    let library = Library::new(vec![
        article("a", "A", "", None),
        article("b", "B", "", None),
    ]);
    let id = library.entry(1).article.id.to_string();
    assert_eq!(library.find(&id), Ok(1));
    assert_eq!(library.find(&id[..5].to_uppercase()), Ok(1));
    assert!(matches!(
        library.find(&id[..3]),
        Err(LookupError::TooShort(_))
    ));
    assert!(matches!(
        library.find("zzzzzz"),
        Err(LookupError::NotFound(_))
    ));
}

const FEED: &str = "https://f.example/rss";

fn counts(members: &Members) -> (usize, usize) {
    (members.unread, members.total)
}

fn source_counts(library: &Library, key: &SourceKey) -> (usize, usize) {
    counts(&library.sources()[library.find_source(key).unwrap()].members)
}

#[test]
fn sources_count_their_articles_and_the_unread_ones() {
    let mut library = Library::new(vec![article("file", "File", "News", Some(5))]);
    library.add_samples(vec![article("sample", "Sample", "News", Some(4))]);
    library.merge(
        Some(FEED),
        vec![
            article("a", "A", "News, World", Some(3)),
            article("b", "B", "World", Some(2)),
        ],
    );
    let feed = SourceKey::Feed(FEED.into());
    assert_eq!(source_counts(&library, &feed), (2, 2));
    assert_eq!(source_counts(&library, &SourceKey::Local), (1, 1));
    assert_eq!(source_counts(&library, &SourceKey::Samples), (1, 1));
    let a = library.position(&ArticleId::from_identity("a")).unwrap();
    library.set_read(a, true);
    library.set_read(a, true);
    assert_eq!(
        source_counts(&library, &feed),
        (1, 2),
        "marking twice counts once"
    );
    let news = library.tag_id(&TagKey::of("news")).unwrap();
    let world = library.tag_id(&TagKey::of("world")).unwrap();
    assert_eq!(counts(&library.tags()[news].members), (2, 3));
    assert_eq!(counts(&library.tags()[world].members), (1, 2));
    assert_eq!(library.unread_count(), 3);
    library.set_read(a, false);
    assert_eq!(source_counts(&library, &feed), (2, 2));
    assert_eq!(library.unread_count(), 4);
}

#[test]
fn a_replaced_article_keeps_its_mark_and_moves_its_counts() {
    let mut library = Library::default();
    library.merge(Some(FEED), vec![article("a", "A", "News", Some(1))]);
    library.set_read(0, true);
    library.merge(Some(FEED), vec![article("a", "A again", "World", Some(1))]);
    let news = library.tag_id(&TagKey::of("news")).unwrap();
    let world = library.tag_id(&TagKey::of("world")).unwrap();
    assert_eq!(counts(&library.tags()[news].members), (0, 0));
    assert_eq!(counts(&library.tags()[world].members), (0, 1));
    assert!(library.entry(0).is_read());
    assert_eq!(
        source_counts(&library, &SourceKey::Feed(FEED.into())),
        (0, 1)
    );
}

#[test]
fn saved_copies_belong_to_no_source_and_are_not_counted() {
    let mut library = Library::new(vec![article("a", "A", "Space", Some(1))]);
    library.add_saved(vec![article("gone", "Gone", "Space", Some(2))]);
    let space = library.tag_id(&TagKey::of("space")).unwrap();
    assert_eq!(counts(&library.tags()[space].members), (1, 1));
    assert_eq!(
        library.tagged(space),
        [0, 1],
        "the bookmarks view filters them by tag"
    );
    assert_eq!(library.entry(1).source, None);
    library.set_read(1, true);
    assert_eq!(counts(&library.tags()[space].members), (1, 1));
}

#[test]
fn feeds_are_named_by_subscription_else_by_their_articles_and_listed_by_name() {
    let mut library = Library::new(vec![article("file", "File", "", Some(5))]);
    library.add_feed("https://z.example/feed", Some("zebra news"));
    library.add_feed("https://empty.example/feed", Some("Empty"));
    library.add_feed("https://unnamed.example/feed", None);
    let mut titled = article("b", "B", "", Some(1));
    titled.source = "Alpha Weekly".into();
    library.merge(Some("https://a.example/feed"), vec![titled]);
    let names: Vec<(&str, (usize, usize))> = library
        .sources_by_name()
        .into_iter()
        .map(|id| {
            let source = &library.sources()[id];
            (source.name.as_str(), counts(&source.members))
        })
        .collect();
    assert_eq!(
        names,
        [
            ("Alpha Weekly", (1, 1)),
            ("Empty", (0, 0)),
            ("https://unnamed.example/feed", (0, 0)),
            ("zebra news", (0, 0)),
            ("Local articles", (1, 1)),
        ],
        "feeds by name (empty ones too), then local articles; no samples were loaded"
    );
    library.add_feed("https://a.example/feed", Some("A, renamed"));
    let a = library
        .find_source(&SourceKey::Feed("https://a.example/feed".into()))
        .unwrap();
    assert_eq!(library.sources()[a].name, "A, renamed");
}

#[test]
fn kept_copies_are_found_by_id_but_not_bookmarked_nor_counted() {
    let mut library = Library::new(vec![article("a", "A", "Space", Some(1))]);
    library.add_kept(vec![
        article("a", "A kept", "Space", Some(1)),
        article("kept", "Kept", "Space", Some(2)),
    ]);
    assert_eq!(library.len(), 2);
    assert_eq!(
        library.entry(0).article.title,
        "A",
        "the article here stays"
    );
    let id = ArticleId::from_identity("kept");
    let index = library.find(&id.as_str()[..6]).unwrap();
    assert_eq!(library.entry(index).origin, Origin::SavedOnly);
    assert!(!library.entry(index).bookmarked);
    let space = library.tag_id(&TagKey::of("space")).unwrap();
    assert_eq!(counts(&library.tags()[space].members), (1, 1));
    assert_eq!(library.source_count(), 1);
}

#[test]
fn a_dropped_feed_leaves_the_counts_and_the_sources_until_it_comes_back() {
    const OTHER: &str = "https://other.example/rss";
    let mut library = Library::new(Vec::new());
    library.merge(
        Some(FEED),
        vec![
            article("a", "A", "News", Some(3)),
            article("b", "B", "News, World", Some(2)),
        ],
    );
    library.merge(Some(OTHER), vec![article("c", "C", "News", Some(1))]);
    library.entry_mut(1).bookmarked = true;
    library.set_read(0, true);
    let feed = library.find_source(&SourceKey::Feed(FEED.into()));
    assert_eq!(library.drop_feed(FEED), feed);
    assert_eq!(library.drop_feed("https://unknown.example/rss"), None);
    let news = library.tag_id(&TagKey::of("news")).unwrap();
    let world = library.tag_id(&TagKey::of("world")).unwrap();
    assert_eq!(counts(&library.tags()[news].members), (1, 1));
    assert_eq!(library.tags_by_count(), [news], "World has nothing counted");
    assert_eq!(
        library.tagged(world),
        [1],
        "the bookmark is still found by tag"
    );
    assert_eq!(library.unread_count(), 1);
    assert_eq!(library.source_count(), 1);
    let listed: Vec<&str> = library
        .sources_by_name()
        .into_iter()
        .filter_map(|id| library.sources()[id].key.feed_url())
        .collect();
    assert_eq!(listed, [OTHER]);
    for index in [0, 1] {
        let entry = library.entry(index);
        assert_eq!((entry.origin, entry.source), (Origin::SavedOnly, None));
        assert_eq!(entry.feed, None);
    }
    assert!(library.entry(1).bookmarked, "a bookmark stays one");
    // Knowing another library's feeds does not bring it back.
    let mut other = Library::new(Vec::new());
    other.add_feeds_of(&library);
    assert_eq!(other.sources_by_name().len(), 1);
    // Its articles coming again from the cache do.
    library.add_cached(FEED, article("a", "A", "News", Some(3)));
    assert_eq!(
        source_counts(&library, &SourceKey::Feed(FEED.into())),
        (0, 1)
    );
    let entry = library.entry(0);
    assert_eq!(entry.origin, Origin::Source);
    assert!(entry.is_read() && entry.body_in_store && entry.from_cache);
    assert_eq!(library.sources_by_name().len(), 2);
}
