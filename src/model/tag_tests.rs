//! Tests of tags.

use super::*;

#[test]
fn tags_compare_without_case_and_keep_spelling() {
    let tags = parse_tag_list(" Russia, China ,u.s., U.S., , Anti-Terrorism");
    let shown: Vec<&str> = tags.iter().map(Tag::as_str).collect();
    assert_eq!(shown, ["Russia", "China", "u.s.", "Anti-Terrorism"]);
    assert_eq!(Tag::new("U.S.").unwrap().key(), TagKey::of("u.s."));
}

#[test]
fn blank_tags_are_dropped() {
    assert!(Tag::new("   ").is_none());
    assert_eq!(Tag::new(" Open   Source ").unwrap().as_str(), "Open Source");
}

#[test]
fn a_feed_moved_to_other_folders_trades_the_old_folders_tags_for_the_new() {
    let tags: Vec<Tag> = ["Rust", "News", "release"]
        .iter()
        .filter_map(|t| Tag::new(t))
        .collect();
    let folders = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    let moved = moved_folders(
        &tags,
        &folders(&["news", "Tech"]),
        &folders(&["Tech", "Reading"]),
    );
    let names: Vec<&str> = moved.iter().map(Tag::as_str).collect();
    assert_eq!(names, ["Rust", "release", "Tech", "Reading"]);
    // Nothing moved: the same tags.
    assert_eq!(
        moved_folders(&tags, &folders(&["News"]), &folders(&["news"])),
        tags
    );
}
