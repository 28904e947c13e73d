//! Sync with a Google Reader API server, through the binary, against the test server of
//! `support/greader.rs` in its FreshRSS and Miniflux modes: first and later syncs, paging,
//! read state and stars both ways, mark-all-read, a waiting change winning, subscriptions,
//! hostile text. The ways a sync fails are in `sync_failures.rs`.

use std::collections::BTreeSet;

use crate::support::devices::{account, device, id_of, listed, queued, sync};
use crate::support::greader::{GReader, Mode};

const MODES: [Mode; 2] = [Mode::FreshRss, Mode::Miniflux];

#[test]
fn a_first_sync_brings_the_feeds_their_articles_and_their_state() {
    for mode in MODES {
        let server = GReader::start(mode);
        let items = account(&server);
        let env = device(&server);
        let summary = sync(&env);
        assert_eq!(summary["new"], 5, "{mode:?}: {summary}");
        assert_eq!(summary["feeds"], 2);
        assert_eq!(summary["queued"], 0);
        let list = listed(&env);
        assert_eq!(list.len(), 5, "{mode:?}: {list:?}");
        let (_, read, starred, tags) = &list["Ferry timetable"];
        assert!(*read && !*starred);
        assert_eq!(tags, &["News"]);
        let (_, read, starred, tags) = &list["Comet seen"];
        assert!(!*read && *starred);
        assert_eq!(tags, &["Science"]);
        // The star became a bookmark with the whole article.
        let bookmarks = env.json(&["bookmarks", "--json"]);
        assert_eq!(bookmarks[0]["title"], "Comet seen");
        // Searched like any article, by the words of their text too.
        let found = env.json(&["list", "--search", "text", "--feed", "Lab notes", "--json"]);
        assert_eq!(found.as_array().expect("an array").len(), 2);
        let shown = env.ok(&["show", &list["Comet seen"].0]);
        assert!(shown.contains("The text of Comet seen."), "{shown}");
        // The feeds are the server's, and marked so.
        let feeds = env.json(&["feeds", "list", "--json"]);
        let origins: BTreeSet<(&str, &str)> = feeds
            .as_array()
            .expect("an array")
            .iter()
            .map(|f| {
                (
                    f["name"].as_str().unwrap_or(""),
                    f["origin"].as_str().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(
            origins,
            BTreeSet::from([("Lab notes", "server"), ("World", "server")])
        );
        // A second device sees the same articles under the same ids.
        let other = device(&server);
        sync(&other);
        assert_eq!(listed(&other), list, "{mode:?}");
        // No request per article: contents came in one page.
        assert_eq!(server.calls_to("stream/items/contents").len(), 2);
        assert_eq!(items.len(), 5);
    }
}

#[test]
fn a_later_sync_fetches_only_what_is_new_and_takes_changes_made_elsewhere() {
    for mode in MODES {
        let server = GReader::start(mode);
        let items = account(&server);
        let env = device(&server);
        sync(&env);
        let world = server.feeds()[0].id;
        let fresh = server.add_item(world, "Tide tables");
        // Read and unstarred on another device.
        server.set(items[0], Some(true), None);
        server.set(items[1], Some(false), None);
        server.set(items[3], None, Some(false));
        server.forget_calls();
        let summary = sync(&env);
        assert_eq!(summary["new"], 1, "{mode:?}: {summary}");
        assert_eq!(summary["pulled"], 3, "{mode:?}: {summary}");
        let contents = server.calls_to("stream/items/contents");
        assert_eq!(contents.len(), 1);
        assert_eq!(
            contents[0].all("i").len(),
            1,
            "only the new item is fetched"
        );
        // Few requests: a login, the token, the feeds, three id lists, one page of contents.
        let endpoints: Vec<String> = server.calls().into_iter().map(|c| c.endpoint).collect();
        assert_eq!(server.logins(), 1);
        assert_eq!(endpoints.len(), 6, "{endpoints:?}");
        let list = listed(&env);
        assert!(list["Harbour reopens"].1);
        assert!(!list["Ferry timetable"].1);
        assert!(!list["Tide tables"].1);
        assert!(!list["Comet seen"].2, "unstarred elsewhere");
        // The bookmark the star took away is kept, to restore.
        let unstarred = env.json(&["bookmarks", "--unstarred", "--json"]);
        assert_eq!(unstarred[0]["title"], "Comet seen");
        assert!(
            env.json(&["bookmarks", "--json"])
                .as_array()
                .expect("an array")
                .is_empty()
        );
        assert!(server.item(fresh).title == "Tide tables");
    }
}

#[test]
fn paging_across_a_list_that_changes_between_pages_loses_and_doubles_nothing() {
    for mode in MODES {
        let server = GReader::start(mode);
        account(&server);
        let world = server.feeds()[0].id;
        for n in 0..7 {
            server.add_item(world, &format!("Filler {n}"));
        }
        server.knobs(|k| {
            k.page_cap = 2;
            k.between_pages = Some(Box::new(move |account| {
                account.add_item(mode, world, "Arrived between pages");
                account.add_item(mode, world, "Arrived too");
            }));
        });
        let env = device(&server);
        let first = sync(&env);
        let list = listed(&env);
        // What the first pages listed is all here once; an item that arrived meanwhile may
        // wait for the next sync, which brings it.
        let titles: Vec<&String> = list.keys().collect();
        assert_eq!(titles.len(), list.len());
        assert!(
            first["new"].as_u64().expect("a count") >= 12,
            "{mode:?}: {first}"
        );
        sync(&env);
        let list = listed(&env);
        assert_eq!(list.len(), 14, "{mode:?}: {:?}", list.keys());
        assert!(list.contains_key("Arrived between pages") && list.contains_key("Arrived too"));
        // The read one is still read; everything else unread.
        let unread = list.values().filter(|(_, read, _, _)| !read).count();
        assert_eq!(unread, 13, "{mode:?}");
        assert!(server.calls_to("stream/items/ids").len() > 6);
    }
}

#[test]
fn local_reads_unreads_and_bookmarks_reach_the_server_as_absolute_edits() {
    for mode in MODES {
        let server = GReader::start(mode);
        let items = account(&server);
        let env = device(&server);
        sync(&env);
        let id = |title: &str| id_of(&env, title);
        env.ok(&["mark-read", &id("Harbour reopens"), &id("Bridge vote")]);
        env.ok(&["mark-unread", &id("Ferry timetable")]);
        env.ok(&["bookmark", "add", &id("Soil study")]);
        env.ok(&["bookmark", "remove", &id("Comet seen")]);
        assert_eq!(queued(&env), 5);
        server.forget_calls();
        let summary = sync(&env);
        assert_eq!(summary["pushed"], 5, "{mode:?}: {summary}");
        assert_eq!(summary["queued"], 0);
        assert!(server.item(items[0]).read && server.item(items[2]).read);
        assert!(!server.item(items[1]).read);
        assert!(server.item(items[4]).starred && !server.item(items[3]).starred);
        let edits = server.calls_to("edit-tag");
        assert_eq!(
            edits.len(),
            4,
            "read, unread, star, unstar: one request each"
        );
        for edit in &edits {
            assert_eq!(edit.all("a").len() + edit.all("r").len(), 1, "{edit:?}");
            let long = |i: &&str| i.starts_with("tag:google.com,2005:reader/item/");
            assert!(edit.all("i").iter().all(long), "{edit:?}");
        }
        // And back: unbookmarked here again, after the server agreed.
        env.ok(&["bookmark", "remove", &id("Soil study")]);
        sync(&env);
        assert!(!server.item(items[4]).starred);
        let other = device(&server);
        sync(&other);
        let seen = listed(&other);
        assert!(seen["Harbour reopens"].1 && seen["Bridge vote"].1 && !seen["Soil study"].2);
        assert!(!seen["Ferry timetable"].1);
    }
}

#[test]
fn mark_all_read_sends_the_time_of_the_newest_article_seen() {
    let server = GReader::start(Mode::FreshRss);
    let items = account(&server);
    let env = device(&server);
    sync(&env);
    let world = server.feeds()[0].clone();
    // The reader marks every article of World it has read; meanwhile a new one arrived on
    // the server.
    let late = server.add_item(world.id, "Late arrival");
    let marked = env.ok(&["mark-read", "--all", "--feed", "World"]);
    assert!(marked.contains("marked 2 articles read"), "{marked}");
    server.forget_calls();
    sync(&env);
    let marks = server.calls_to("mark-all-as-read");
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].all("s"), [format!("feed/{}", world.id)]);
    // The newest of those it saw, never the time of sending.
    assert_eq!(marks[0].all("ts"), [items[2].to_string()]);
    assert!(server.item(items[0]).read && server.item(items[2]).read);
    assert!(
        !server.item(late).read,
        "what arrived meanwhile stays unread"
    );
    // The read marks it covered were not sent one by one.
    assert!(server.calls_to("edit-tag").is_empty());
    assert!(!listed(&env)["Late arrival"].1);
    // A folder, as a tag.
    env.ok(&["mark-read", "--all", "--tag", "science"]);
    sync(&env);
    let marks = server.calls_to("mark-all-as-read");
    assert_eq!(marks[1].all("s"), ["user/-/label/Science"]);
    assert_eq!(marks[1].all("ts"), [items[4].to_string()]);
    assert!(server.item(items[4]).read);
}

#[test]
fn mark_all_read_on_a_server_without_it_goes_item_by_item() {
    let server = GReader::start(Mode::Miniflux);
    let items = account(&server);
    let env = device(&server);
    sync(&env);
    env.ok(&["mark-read", "--all", "--tag", "News"]);
    sync(&env);
    assert!(server.item(items[0]).read && server.item(items[2]).read);
    assert_eq!(server.calls_to("mark-all-as-read").len(), 1);
    assert_eq!(server.calls_to("edit-tag")[0].all("i").len(), 2);
    assert_eq!(queued(&env), 0);
}

#[test]
fn mark_all_read_of_a_folder_gone_from_the_server_goes_item_by_item() {
    let server = GReader::start(Mode::FreshRss);
    let items = account(&server);
    let env = device(&server);
    sync(&env);
    env.ok(&["mark-read", "--all", "--tag", "science"]);
    // Renamed on another device before this one synced: the server refuses the folder.
    let science = server.feeds()[1].clone();
    server.move_feed(science.id, "Physics");
    let summary = sync(&env);
    assert_eq!(summary["queued"], 0, "{summary}");
    assert_eq!(server.calls_to("mark-all-as-read").len(), 1);
    assert!(server.item(items[4]).read);
    // And the next sync is not stopped by it.
    sync(&env);
}

#[test]
fn a_change_waiting_in_the_queue_wins_over_the_server_until_it_is_sent() {
    for mode in MODES {
        let server = GReader::start(mode);
        let items = account(&server);
        let env = device(&server);
        sync(&env);
        env.ok(&["mark-read", &id_of(&env, "Harbour reopens")]);
        // The server answers the edit but does not take it: it stays queued, and the server's
        // "unread" does not undo it here.
        server.knobs(|k| k.refuse_edits = true);
        let summary = sync(&env);
        assert_eq!(summary["failed"], 1, "{mode:?}: {summary}");
        assert_eq!(summary["queued"], 1);
        assert!(listed(&env)["Harbour reopens"].1);
        assert!(!server.item(items[0]).read);
        server.knobs(|k| k.refuse_edits = false);
        sync(&env);
        assert!(server.item(items[0]).read);
        assert_eq!(queued(&env), 0);
    }
}

#[test]
fn hostile_titles_and_feed_names_never_reach_the_terminal() {
    let server = GReader::start(Mode::Miniflux);
    let feed = server.add_feed("Evil\u{1b}]0;pwned\u{7}\u{202e} feed", "Ne\u{1b}[31mws");
    server.add_item(
        feed,
        "Title \u{1b}[2J\u{1b}]8;;https://x\u{7}click\u{9b}31m",
    );
    let env = device(&server);
    sync(&env);
    for args in [
        &["list"][..],
        &["feeds", "list"],
        &["tags"],
        &["list", "--json"],
    ] {
        let out = env.ok(args);
        assert!(
            !out.contains('\u{1b}')
                && !out.contains('\u{7}')
                && !out.contains('\u{9b}')
                && !out.contains('\u{202e}'),
            "{args:?}: {out:?}"
        );
    }
}

#[test]
fn feeds_added_imported_and_removed_act_on_the_server_and_say_so() {
    for mode in MODES {
        let server = GReader::start(mode);
        account(&server);
        let env = device(&server);
        sync(&env);
        let added = env.ok(&[
            "feeds",
            "add",
            "https://new.example/rss",
            "--name",
            "New",
            "--tag",
            "Tech",
        ]);
        assert!(added.contains("on 127.0.0.1"), "{added}");
        let feed = server
            .feeds()
            .into_iter()
            .find(|f| f.url == "https://new.example/rss")
            .expect("subscribed");
        assert_eq!((feed.title.as_str(), feed.folder.as_str()), ("New", "Tech"));
        env.write(
            "subs.opml",
            "<opml version=\"2.0\"><body><outline text=\"Science\">\
             <outline type=\"rss\" text=\"Deep\" xmlUrl=\"https://deep.example/feed\"/></outline>\
             </body></opml>",
        );
        let imported = env.ok(&["import-opml", "subs.opml"]);
        assert!(
            imported.starts_with("imported 1 feed from ")
                && imported.contains(" (0 were already there); "),
            "{imported}"
        );
        assert!(
            server
                .feeds()
                .iter()
                .any(|f| f.url == "https://deep.example/feed" && f.folder == "Science")
        );
        let removed = env.ok(&["feeds", "remove", "World"]);
        assert!(
            removed.contains("unsubscribed from") && removed.contains("on 127.0.0.1"),
            "{removed}"
        );
        assert!(!server.feeds().iter().any(|f| f.title == "World"));
        assert!(!listed(&env).contains_key("Harbour reopens"));
        // Nothing is fetched here for the server's feeds.
        assert!(
            env.ok(&["refresh"])
                .contains("every feed comes from the sync server")
        );
    }
}

#[test]
fn a_feed_removed_on_the_server_goes_with_its_articles_and_its_bookmark_stays() {
    for mode in MODES {
        let server = GReader::start(mode);
        account(&server);
        let env = device(&server);
        sync(&env);
        let comet = id_of(&env, "Comet seen");
        let lab = server.feeds()[1].id;
        server.remove_feed(lab);
        sync(&env);
        let titles: BTreeSet<String> = listed(&env).into_keys().collect();
        assert_eq!(
            titles,
            BTreeSet::from(["Harbour reopens", "Ferry timetable", "Bridge vote"].map(String::from)),
            "{mode:?}"
        );
        let feeds = env.json(&["feeds", "list", "--json"]);
        let names: Vec<&str> = feeds
            .as_array()
            .expect("an array")
            .iter()
            .filter_map(|f| f["name"].as_str())
            .collect();
        assert_eq!(names, ["World"]);
        let tags = env.ok(&["tags"]);
        assert!(!tags.contains("Science"), "{tags}");
        // The star went with the feed on the server; the bookmark stays here, readable.
        let bookmarks = env.json(&["bookmarks", "--json"]);
        assert_eq!(bookmarks[0]["title"], "Comet seen");
        let shown = env.ok(&["show", &comet]);
        assert!(shown.contains("The text of Comet seen."), "{shown}");
    }
}

#[test]
fn a_feed_moved_to_another_folder_on_the_server_takes_its_articles_along() {
    for mode in MODES {
        let server = GReader::start(mode);
        account(&server);
        let env = device(&server);
        sync(&env);
        let lab = server.feeds()[1].id;
        server.move_feed(lab, "Space");
        server.add_item(lab, "Meteor shower");
        sync(&env);
        let tags = env.ok(&["tags"]);
        assert!(!tags.contains("Science"), "{mode:?}: {tags}");
        let in_space: BTreeSet<String> = env
            .ok(&["list", "--tag", "Space"])
            .lines()
            .map(String::from)
            .collect();
        assert_eq!(in_space.len(), 3, "{mode:?}: {in_space:?}");
        for title in ["Comet seen", "Soil study", "Meteor shower"] {
            assert!(
                in_space.iter().any(|line| line.contains(title)),
                "{mode:?}: {title} in {in_space:?}"
            );
        }
        let world = env.ok(&["list", "--tag", "News"]);
        assert_eq!(world.lines().count(), 3, "{mode:?}: {world}");
    }
}
