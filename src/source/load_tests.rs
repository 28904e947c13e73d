//! Tests of finding and reading a run's articles.

use super::*;
use std::collections::HashSet;

#[test]
fn samples_meet_the_promise_of_the_issue() {
    let samples = samples();
    assert!(samples.len() >= 12, "{} samples", samples.len());
    let ids: HashSet<_> = samples.iter().map(|a| a.id.clone()).collect();
    assert_eq!(ids.len(), samples.len(), "sample ids are unique");
    let library = crate::model::library::Library::new(samples.clone());
    let shared = library
        .tags()
        .iter()
        .filter(|t| t.members.total >= 2)
        .count();
    assert!(shared >= 8, "{shared} tags shared by two or more samples");
    let has = |f: &dyn Fn(char) -> bool| samples.iter().any(|a| a.body.plain_text().chars().any(f));
    assert!(
        has(&|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
        "a sample with CJK text"
    );
    assert!(
        has(&|c| ('\u{1F300}'..='\u{1FAFF}').contains(&c)),
        "a sample with emoji"
    );
    assert!(
        samples.iter().any(|a| a.body.word_count() >= 3000),
        "a long sample"
    );
    for article in &samples {
        let headings = article
            .body
            .blocks
            .iter()
            .filter(|b| matches!(b, crate::model::Block::Heading(_)))
            .count();
        assert!(headings >= 2, "{} has {headings} headings", article.title);
        assert!(!article.tags.is_empty(), "{} has tags", article.title);
    }
}

#[test]
fn folders_load_articles_and_report_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("world");
    fs::create_dir(&nested).unwrap();
    fs::write(dir.path().join("a.txt"), "First\n\nBody.\n").unwrap();
    fs::write(nested.join("b.md"), "# Second\n\nBody.\n").unwrap();
    fs::write(dir.path().join("binary.txt"), b"\x00\x01\x02").unwrap();
    fs::write(dir.path().join("latin1.txt"), b"Caf\xe9\n\nBody.\n").unwrap();
    fs::write(dir.path().join("notes.json"), "{}").unwrap();
    fs::write(
        dir.path().join("sats.json"),
        include_str!("../../tests/fixtures/feeds/jsonfeed.json"),
    )
    .unwrap();
    fs::write(
        dir.path().join("feed.rss"),
        include_str!("../../tests/fixtures/feeds/rss2.xml"),
    )
    .unwrap();
    fs::write(dir.path().join(".hidden.txt"), "Hidden").unwrap();
    let missing = dir.path().join("missing.txt");
    let loaded = load_paths(&[dir.path().to_path_buf(), missing]);
    let mut titles: Vec<&str> = loaded.articles.iter().map(|a| a.title.as_str()).collect();
    titles.sort();
    assert_eq!(titles, ["Caf�", "First", "Second"]);
    assert_eq!(
        loaded.feeds.len(),
        2,
        "feed files are read as feeds, other JSON is not"
    );
    assert!(loaded.feeds[0].0.starts_with("file:///") && loaded.feeds[0].0.ends_with("feed.rss"));
    assert_eq!(loaded.feeds[0].1.len(), 3);
    assert_eq!(loaded.feeds[1].1[0].title, "A cubesat phones home");
    assert_eq!(loaded.problems.len(), 3, "{:?}", loaded.problems);
    assert!(loaded.problems[0].ends_with("binary.txt: not a text file (it holds binary data)"));
    assert!(loaded.problems[1].contains("latin1.txt: not valid UTF-8 at byte 3"));
    assert!(loaded.problems[2].ends_with("missing.txt: no such file or folder"));
    let second = loaded
        .articles
        .iter()
        .find(|a| a.title == "Second")
        .unwrap();
    assert_eq!(second.source, "world", "the folder names the source");
}

#[test]
fn the_same_file_keeps_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    fs::write(&file, "Title\n\nBody.\n").unwrap();
    let first = load_paths(std::slice::from_ref(&file)).articles[0]
        .id
        .clone();
    let again = load_paths(&[dir.path().join(".").join("a.txt")]).articles[0]
        .id
        .clone();
    assert_eq!(first, again);
}
