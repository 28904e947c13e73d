//! The feeds list's order, what is due, and what a refresh learns of each feed.

use super::*;

fn feed(url: &str, name: &str, every: Option<u32>) -> Subscription {
    Subscription {
        full_text: false,
        url: url.into(),
        name: Some(name.into()),
        tags: Vec::new(),
        every,
    }
}

#[test]
fn feeds_are_listed_by_name_and_due_by_their_interval() {
    let feeds = Feeds::new(
        &[feed("b", "beta", Some(10)), feed("a", "Alpha", Some(0))],
        &HashMap::new(),
        30,
        false,
    );
    let names: Vec<&str> = feeds.statuses().iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["Alpha", "beta"]);
    // Never checked: due at once, unless it is never refreshed by the clock.
    assert_eq!(feeds.due(DateTime::UNIX_EPOCH), ["b"]);
}

#[test]
fn a_refresh_counts_its_feeds_and_says_what_it_learnt_at_its_end() {
    let mut feeds = Feeds::new(&[feed("a", "A", None)], &HashMap::new(), 30, false);
    let asked = DateTime::UNIX_EPOCH;
    let answered = asked + TimeDelta::seconds(5);
    feeds.refresh_asked(Some(vec!["a".into()]), true, asked);
    assert_eq!(feeds.refreshing().map(|p| (p.done, p.total)), Some((0, 1)));
    feeds.feed_refreshed(
        1,
        "a",
        "Zed",
        FeedResult::Failed("HTTP 404".into()),
        answered,
    );
    let status = &feeds.statuses()[0];
    assert_eq!(status.name, "Zed");
    assert_eq!(status.last_checked, Some(asked), "checked when asked");
    assert_eq!(status.error.as_deref(), Some("HTTP 404"));
    let ended = feeds.refresh_ended();
    assert!(ended.by_the_clock);
    assert_eq!(ended.only, Some(vec!["a".to_string()]));
    assert_eq!(feeds.refreshing(), None);
}
