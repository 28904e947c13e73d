//! The words at the end of a refresh: why feeds failed, and a feed refreshed alone named.

use super::*;

fn refreshed(results: &[(&str, FeedResult)]) -> (Summary, Tally) {
    let mut tally = Tally::default();
    let mut summary = Summary::default();
    for (name, result) in results {
        tally.add(name, result);
        summary.feeds += 1;
        match result {
            FeedResult::Updated { new, updated } => {
                summary.new += new;
                summary.updated += updated;
            }
            FeedResult::NotModified => summary.unchanged += 1,
            FeedResult::Skipped(_) => summary.skipped += 1,
            FeedResult::Failed(_) => summary.failed += 1,
        }
    }
    (summary, tally)
}

fn refused() -> FeedResult {
    FeedResult::Failed("connection refused".into())
}

#[test]
fn every_feed_failed_says_why_in_words() {
    let results: Vec<_> = (0..17).map(|_| ("Feed", refused())).collect();
    let (summary, tally) = refreshed(&results);
    assert_eq!(
        message(&summary, &tally, "F"),
        ("17 feeds failed: connection refused".to_string(), true)
    );
    let mut results = results;
    results.push(("Other", FeedResult::Failed("HTTP 404 Not Found".into())));
    let (summary, tally) = refreshed(&results);
    assert_eq!(
        message(&summary, &tally, "F").0,
        "18 feeds failed, mostly connection refused; F shows each"
    );
}

#[test]
fn some_failed_names_the_commonest_error_after_the_count() {
    let mut results = vec![
        ("A", FeedResult::Updated { new: 2, updated: 0 }),
        ("B", FeedResult::Updated { new: 1, updated: 0 }),
        ("C", refused()),
        ("D", FeedResult::Failed("timed out after 30 s".into())),
        ("E", refused()),
    ];
    results.extend((0..12).map(|_| ("F", FeedResult::NotModified)));
    let (summary, tally) = refreshed(&results);
    assert_eq!(
        message(&summary, &tally, "F"),
        (
            "refreshed 17 feeds: +3 new · 3 failed (mostly connection refused; F shows each)"
                .to_string(),
            true
        )
    );
    results.remove(3);
    results.push(("G", FeedResult::Skipped("the server asked to wait".into())));
    let (summary, tally) = refreshed(&results);
    assert_eq!(
        message(&summary, &tally, "F").0,
        "refreshed 17 feeds: +3 new · 2 failed (connection refused) · 1 skipped"
    );
    let (summary, tally) = refreshed(&results[..2]);
    assert_eq!(
        message(&summary, &tally, "F"),
        ("refreshed 2 feeds: +3 new".to_string(), false)
    );
}

#[test]
fn a_refresh_of_one_feed_names_it() {
    let updated = FeedResult::Updated { new: 2, updated: 0 };
    let (summary, tally) = refreshed(&[("Daring Fireball", updated)]);
    assert_eq!(
        message(&summary, &tally, "F"),
        ("Daring Fireball: +2 new".to_string(), false)
    );
    let (summary, tally) = refreshed(&[("Daring Fireball", refused())]);
    assert_eq!(
        message(&summary, &tally, "F"),
        (
            "Daring Fireball failed: connection refused".to_string(),
            true
        )
    );
    let (summary, tally) = refreshed(&[("Daring Fireball", FeedResult::NotModified)]);
    assert_eq!(
        message(&summary, &tally, "F").0,
        "Daring Fireball: nothing new"
    );
    let wait = FeedResult::Skipped("the server asked to wait until 12:30".into());
    let (summary, tally) = refreshed(&[("Daring Fireball", wait)]);
    assert_eq!(
        message(&summary, &tally, "F").0,
        "Daring Fireball left alone: the server asked to wait until 12:30"
    );
}
