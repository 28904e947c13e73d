//! Tests of what the list shows.

use super::*;
use crate::model::TagKey;
use crate::model::library::tests::article;

fn library() -> Library {
    let mut a = article("a", "Storm over the harbour", "Climate, Cities", Some(3));
    a.body = crate::model::Body {
        blocks: vec![crate::model::Block::Paragraph(vec![
            crate::model::Span::plain("Ferries stayed in port."),
        ])],
    };
    Library::new(vec![
        a,
        article("b", "Budget talks", "Economy, Cities", Some(2)),
        article("c", "Comet seen", "Space, Science", Some(1)),
    ])
}

fn tag(library: &Library, name: &str) -> usize {
    library.tag_id(&TagKey::of(name)).unwrap()
}

#[test]
fn tags_any_and_all() {
    let library = library();
    let mut filter = Filter::default();
    assert_eq!(filter.apply(&library), [0, 1, 2]);
    filter.tags.insert(tag(&library, "climate"));
    filter.tags.insert(tag(&library, "economy"));
    assert_eq!(filter.apply(&library), [0, 1]);
    filter.mode = TagMode::All;
    assert!(filter.apply(&library).is_empty());
    filter.tags.remove(&tag(&library, "economy"));
    filter.tags.insert(tag(&library, "cities"));
    assert_eq!(filter.apply(&library), [0]);
}

#[test]
fn search_needs_every_word_in_title_or_body() {
    let library = library();
    let filter = Filter {
        search: "FERRIES harbour".into(),
        ..Filter::default()
    };
    assert_eq!(filter.apply(&library), [0]);
    let filter = Filter {
        search: "ferries comet".into(),
        ..Filter::default()
    };
    assert!(filter.apply(&library).is_empty());
}

#[test]
fn bookmarks_only_and_saved_snapshots() {
    let mut library = library();
    library.entry_mut(2).bookmarked = true;
    library.add_saved(vec![article("gone", "Gone", "", None)]);
    let everything = Filter::default();
    assert_eq!(
        everything.apply(&library),
        [0, 1, 2],
        "saved-only entries stay out of the main list"
    );
    let saved = Filter {
        bookmarks_only: true,
        ..Filter::default()
    };
    assert_eq!(saved.apply(&library), [2, 3]);
}

#[test]
fn unread_only() {
    let mut library = library();
    library.set_read(0, true);
    let filter = Filter {
        unread_only: true,
        ..Filter::default()
    };
    assert_eq!(filter.apply(&library), [1, 2]);
}

#[test]
fn sources_are_a_union_and_combine_with_tags() {
    let mut library = library();
    library.merge(
        Some("https://one.example/feed"),
        vec![article("d", "One", "Climate", Some(4))],
    );
    library.merge(
        Some("https://two.example/feed"),
        vec![article("e", "Two", "Economy", Some(5))],
    );
    let source = |url: &str| {
        library
            .find_source(&crate::model::library::SourceKey::Feed(url.into()))
            .unwrap()
    };
    let mut filter = Filter::default();
    filter.sources.insert(source("https://one.example/feed"));
    assert_eq!(filter.apply(&library), [3]);
    filter.sources.insert(source("https://two.example/feed"));
    assert_eq!(filter.apply(&library), [4, 3]);
    filter.tags.insert(tag(&library, "economy"));
    assert_eq!(filter.apply(&library), [4], "feeds AND tags");
    filter.sources.clear();
    assert_eq!(filter.apply(&library), [4, 1]);
}

#[test]
fn a_kept_entry_shows_in_the_unread_list_though_read() {
    let mut library = library();
    library.set_read(1, true);
    let filter = Filter {
        unread_only: true,
        ..Filter::default()
    };
    assert_eq!(filter.apply_with(&library, |_| false, Some(1)), [0, 1, 2]);
    assert_eq!(filter.apply_with(&library, |_| false, Some(0)), [0, 2]);
    let other_tag = Filter {
        tags: [tag(&library, "space")].into(),
        ..filter
    };
    assert_eq!(
        other_tag.apply_with(&library, |_| false, Some(1)),
        [2],
        "kept only from the unread criterion"
    );
}

#[test]
fn matches_are_found_ignoring_case() {
    let words = vec!["tok".to_string(), "東京".to_string()];
    let text = "TOKYO and 東京, tokens";
    let ranges = find_matches(text, &words);
    let found: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(found, ["TOK", "東京", "tok"]);
    assert!(find_matches(text, &[]).is_empty());
}
