//! Moving in from newsboat and newsraft through the binary: a newsboat set-up made by the
//! real program (tests/fixtures/newsboat, its feeds served here on 127.0.0.1) and a
//! newsraft database made by the test in newsraft's schema. What comes in, a refresh after
//! it that duplicates nothing and turns nothing unread, a second import that changes
//! nothing, newsboat's lock, a damaged cache, `--dry-run` and `--json`.

use std::path::PathBuf;

use crate::support::cli::Env;
use crate::support::feed_fixtures::{GAZETTE, LEDGER, fixture};
use crate::support::http_server::{ServerResponse, TestServer};
use rusqlite::Connection;
use serde_json::{Value, json};

const RELATIVE: &str = "<rss version=\"2.0\"><channel><title>Relative Times</title><item>\
    <guid>rel-1</guid><title>A relative story</title><link>/sub/story-1</link>\
    <pubDate>Thu, 03 Dec 2026 11:00:00 GMT</pubDate><description>See it.</description>\
    </item></channel></rss>";

fn feeds_server() -> TestServer {
    TestServer::start(|request| match request.path.as_str() {
        "/feeds/rss2.xml" => ServerResponse::ok(fixture("rss2.xml")),
        "/feeds/atom.xml" => ServerResponse::ok(fixture("atom.xml")),
        "/feeds/relative.xml" => ServerResponse::ok(RELATIVE),
        _ => ServerResponse::new(404),
    })
}

/// newsboat's files in `~/.newsboat` of the test's home, the addresses made the server's.
fn newsboat_home(env: &Env, server: &TestServer) -> PathBuf {
    let dir = env.root().join(".newsboat");
    std::fs::create_dir_all(&dir).expect("a folder");
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/newsboat");
    let here = server.base_url();
    for name in ["urls", "config"] {
        let text = std::fs::read_to_string(fixtures.join(name)).expect("a fixture");
        std::fs::write(dir.join(name), text.replace("http://127.0.0.1:8765", here)).expect("write");
    }
    std::fs::copy(fixtures.join("cache.db"), dir.join("cache.db")).expect("copy the cache");
    let cache = Connection::open(dir.join("cache.db")).expect("the cache");
    cache
        .execute_batch(&format!(
            "UPDATE rss_feed SET rssurl = replace(rssurl, 'http://127.0.0.1:8765', '{here}'),
                                 url = replace(url, 'http://127.0.0.1:8765', '{here}');
             UPDATE rss_item SET feedurl = replace(feedurl, 'http://127.0.0.1:8765', '{here}'),
                                 url = replace(url, 'http://127.0.0.1:8765', '{here}');"
        ))
        .expect("rewrite the addresses");
    dir
}

/// (title, read, bookmarked) of every article `list` shows.
fn articles(env: &Env, extra: &[&str]) -> Vec<(String, bool, bool)> {
    let mut args = vec!["list", "--json"];
    args.extend_from_slice(extra);
    env.json(&args)
        .as_array()
        .expect("an array")
        .iter()
        .map(|a| {
            (
                a["title"].as_str().expect("a title").to_string(),
                a["read"].as_bool().expect("read"),
                a["bookmarked"].as_bool().expect("bookmarked"),
            )
        })
        .collect()
}

#[test]
fn a_newsboat_set_up_moves_in_whole_and_a_refresh_duplicates_nothing() {
    let server = feeds_server();
    let env = Env::new();
    newsboat_home(&env, &server);
    let said = env.ok(&["import-newsboat"]);
    assert_eq!(
        said.lines().next(),
        Some("imported 3 feeds (2 tags), 4 articles (1 read, 1 bookmarked), 1 query, 1 rule")
    );

    let feeds = env.json(&["feeds", "list", "--json"]);
    assert_eq!(feeds[0]["name"], "Harbour");
    assert_eq!(feeds[0]["tags"], json!(["news"]));
    assert_eq!(feeds[1]["tags"], json!(["tech"]));
    let [ferry, clock, notes] = GAZETTE;
    let before = articles(&env, &[]);
    assert_eq!(
        before,
        [
            (LEDGER.to_string(), false, true),
            (ferry.to_string(), true, false),
            (clock.to_string(), false, false),
            (notes.to_string(), false, false),
        ]
    );
    // The deleted one came in hidden.
    assert_eq!(articles(&env, &["--hidden"]).len(), 1);
    assert_eq!(
        env.json(&["queries", "--json"])[0],
        json!({"name": "Unread news", "query": "is:unread tag:news", "unread": 2, "total": 2, "origin": "newsboat"})
    );
    let rules = env.json(&["rules", "--json"]);
    assert_eq!(rules[0]["query"], "title:/Sponsored/");
    assert_eq!(rules[0]["action"], "hide");

    let refreshed = env.run(&["refresh"]);
    assert_eq!(refreshed.code, Some(0), "{}", refreshed.stderr);
    assert!(refreshed.stdout.contains("+0 new"), "{}", refreshed.stdout);
    assert_eq!(
        articles(&env, &[]),
        before,
        "no duplicate, nothing unread again"
    );
    assert_eq!(
        articles(&env, &["--hidden"]).len(),
        1,
        "the deleted one stays hidden"
    );

    let again = env.ok(&["import-newsboat"]);
    assert!(
        again.contains("nothing new: all of it was here already"),
        "{again}"
    );
    assert_eq!(articles(&env, &[]), before);
}

#[test]
fn a_running_newsboat_is_left_alone_and_a_stale_lock_is_not() {
    let server = feeds_server();
    let env = Env::new();
    let dir = newsboat_home(&env, &server);
    let lock = dir.join("cache.db.lock");
    std::fs::write(&lock, std::process::id().to_string()).expect("a lock");
    assert_eq!(
        env.error(&["import-newsboat"]),
        "error: newsboat is running (cache.db.lock); quit it first"
    );
    std::fs::write(&lock, "").expect("an empty lock");
    assert_eq!(
        env.error(&["import-newsboat"]),
        "error: newsboat is running (cache.db.lock); quit it first"
    );
    assert_eq!(env.json(&["feeds", "list", "--json"]), json!([]));

    // No process has this number on Linux (it is above pid_max's largest value).
    std::fs::write(&lock, "4194305").expect("a stale lock");
    let said = env.ok(&["import-newsboat"]);
    assert!(
        said.contains("is stale (process 4194305 is not running): going on"),
        "{said}"
    );
}

#[test]
fn a_damaged_cache_is_named_and_nothing_is_half_imported() {
    let server = feeds_server();
    let env = Env::new();
    let dir = newsboat_home(&env, &server);
    std::fs::write(
        dir.join("cache.db"),
        b"this is not a database, at all, not even close",
    )
    .expect("damage");
    let line = env.error(&["import-newsboat"]);
    assert!(
        line.starts_with(&format!("error: {}", dir.join("cache.db").display())),
        "{line}"
    );
    assert!(line.contains("not a newsboat cache"), "{line}");
    assert_eq!(env.json(&["feeds", "list", "--json"]), json!([]));
}

#[test]
fn dry_run_and_json_say_what_would_come_and_write_nothing() {
    let server = feeds_server();
    let env = Env::new();
    let dir = newsboat_home(&env, &server);
    std::fs::write(
        dir.join("urls"),
        format!(
            "{}/feeds/rss2.xml news\n\"exec:~/bin/weather\"\n",
            server.base_url()
        ),
    )
    .expect("urls");
    let report: Value = env.json(&[
        "import-newsboat",
        "--dry-run",
        "--json",
        "--bookmark-flags",
        "x",
    ]);
    assert_eq!(report["feeds"], 1);
    assert_eq!(report["articles"], 3);
    assert_eq!(report["read"], 1);
    assert_eq!(
        report["bookmarked"], 0,
        "flag s is not among the letters given"
    );
    assert_eq!(report["dry_run"], true);
    let left_out = report["left_out"].as_array().expect("left out");
    assert!(
        left_out.iter().any(|line| line
            .as_str()
            .is_some_and(|l| l.contains("a command feed, not imported"))),
        "{left_out:?}"
    );
    assert!(
        left_out.iter().any(|line| line
            .as_str()
            .is_some_and(|l| l.contains("2 cached articles of feeds no longer in the urls file"))),
        "{left_out:?}"
    );
    assert_eq!(env.json(&["feeds", "list", "--json"]), json!([]));
}

/// newsraft's schema, as its db.c creates it.
const NEWSRAFT_SCHEMA: &str = "
    CREATE TABLE feeds(feed_url TEXT NOT NULL UNIQUE, title TEXT, link TEXT, content TEXT,
        attachments TEXT, persons TEXT, extras TEXT, download_date INTEGER NOT NULL DEFAULT 0,
        update_date INTEGER NOT NULL DEFAULT 0, time_to_live INTEGER NOT NULL DEFAULT 0,
        http_header_etag TEXT, http_header_last_modified INTEGER NOT NULL DEFAULT 0,
        http_header_expires INTEGER NOT NULL DEFAULT 0, user_data TEXT);
    CREATE TABLE items(feed_url TEXT NOT NULL, guid TEXT NOT NULL, title TEXT, link TEXT,
        content TEXT, attachments TEXT, persons TEXT, extras TEXT,
        download_date INTEGER NOT NULL DEFAULT 0, publication_date INTEGER NOT NULL DEFAULT 0,
        update_date INTEGER NOT NULL DEFAULT 0, unread INTEGER NOT NULL DEFAULT 0,
        important INTEGER NOT NULL DEFAULT 0, user_data TEXT);";

#[test]
fn a_newsraft_set_up_moves_in_with_sections_as_tags_and_important_items_as_bookmarks() {
    let server = feeds_server();
    let env = Env::new();
    let feed = server.url("/feeds/rss2.xml");
    let dir = env.root().join(".config/newsraft");
    std::fs::create_dir_all(&dir).expect("a folder");
    std::fs::write(
        dir.join("feeds"),
        format!("@ Harbour news < reload-period 60\n{feed} \"Gazette\"\n$(curl gopher://x)\n"),
    )
    .expect("feeds");
    let data = env.root().join(".local/share/newsraft");
    std::fs::create_dir_all(&data).expect("a folder");
    let db = Connection::open(data.join("newsraft.sqlite3")).expect("a database");
    db.execute_batch(NEWSRAFT_SCHEMA).expect("the schema");
    db.execute(
        "INSERT INTO feeds (feed_url, title, http_header_etag) VALUES (?1, 'Harbour Gazette', '\"v1\"')",
        [&feed],
    )
    .expect("a feed");
    let sep = '\u{1f}';
    for (guid, title, link, date, unread, important) in [
        (
            "gazette-ferry-1",
            "Night ferry returns",
            "https://example.com/ferry",
            1_791_964_800,
            0,
            1,
        ),
        (
            "https://example.com/clock",
            "Market hall clock ticks again",
            "https://example.com/clock",
            1_791_883_800,
            1,
            0,
        ),
    ] {
        db.execute(
            "INSERT INTO items (feed_url, guid, title, link, content, persons, publication_date, unread, important)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            rusqlite::params![
                feed,
                guid,
                title,
                link,
                format!("{sep}type=text/html{sep}text=<p>Kept by newsraft</p>"),
                format!("{sep}type=author{sep}name=Mirela Okafor"),
                date,
                unread,
                important
            ],
        )
        .expect("an item");
    }
    drop(db);

    let said = env.ok(&["import-newsraft"]);
    assert_eq!(
        said.lines().next(),
        Some("imported 1 feed (1 tag), 2 articles (1 read, 1 bookmarked), 0 queries, 0 rules")
    );
    assert!(
        said.contains("left out: $(curl gopher://x): a command feed"),
        "{said}"
    );
    let feeds = env.json(&["feeds", "list", "--json"]);
    assert_eq!(feeds[0]["name"], "Gazette");
    assert_eq!(feeds[0]["tags"], json!(["Harbour news"]));
    let [ferry, clock, _] = GAZETTE;
    assert_eq!(
        articles(&env, &[]),
        [
            (ferry.to_string(), true, true),
            (clock.to_string(), false, false)
        ]
    );
    let refreshed = env.run(&["refresh"]);
    assert_eq!(refreshed.code, Some(0), "{}", refreshed.stderr);
    let after = articles(&env, &[]);
    assert_eq!(
        after.len(),
        3,
        "the one newsraft did not keep comes: {after:?}"
    );
    assert_eq!(after[0], (ferry.to_string(), true, true));
}

#[test]
fn a_second_import_keeps_what_a_refresh_stored() {
    let server = feeds_server();
    let env = Env::new();
    let dir = newsboat_home(&env, &server);
    // newsboat kept an older title than the feed now gives.
    Connection::open(dir.join("cache.db"))
        .expect("the cache")
        .execute(
            "UPDATE rss_item SET title = 'Night ferry (old title)' WHERE guid = 'gazette-ferry-1'",
            [],
        )
        .expect("an older title");
    env.ok(&["import-newsboat"]);
    let title = |env: &Env| -> Vec<String> {
        articles(env, &["--query", "author:okafor"])
            .into_iter()
            .map(|(title, _, _)| title)
            .collect()
    };
    assert_eq!(title(&env), ["Night ferry (old title)"]);
    let refreshed = env.run(&["refresh"]);
    assert_eq!(refreshed.code, Some(0), "{}", refreshed.stderr);
    assert_eq!(title(&env), [GAZETTE[0]]);
    env.ok(&["import-newsboat"]);
    assert_eq!(
        title(&env),
        [GAZETTE[0]],
        "the cache's older copy does not come back"
    );
}

#[test]
fn text_newsboat_kept_in_another_encoding_is_read_as_windows_1252() {
    let server = feeds_server();
    let env = Env::new();
    let dir = newsboat_home(&env, &server);
    // "Tea now £5" with the pound sign as one byte, as a feed newsboat did not convert.
    Connection::open(dir.join("cache.db"))
        .expect("the cache")
        .execute(
            "UPDATE rss_item SET title = CAST(X'546561206E6F7720A335' AS TEXT) WHERE guid = 'gazette-ferry-1'",
            [],
        )
        .expect("a title in windows-1252");
    env.ok(&["import-newsboat"]);
    let titles: Vec<String> = articles(&env, &["--query", "author:okafor"])
        .into_iter()
        .map(|(title, _, _)| title)
        .collect();
    assert_eq!(titles, ["Tea now £5"]);
}

#[test]
fn names_titles_and_tags_from_newsboat_s_files_never_reach_the_terminal_as_escapes() {
    let server = feeds_server();
    let env = Env::new();
    let dir = newsboat_home(&env, &server);
    std::fs::write(
        dir.join("urls"),
        format!(
            "{}/feeds/rss2.xml \"news\u{1b}[2J\" \"~Evil\u{1b}]0;pwned\u{7}\"\n",
            server.base_url()
        ),
    )
    .expect("urls");
    Connection::open(dir.join("cache.db"))
        .expect("the cache")
        .execute("UPDATE rss_feed SET title = 'Gazette\u{1b}[31m' ", [])
        .expect("a hostile title");
    env.ok(&["import-newsboat"]);
    for args in [
        &["feeds", "list"][..],
        &["feeds", "list", "--json"],
        &["tags"],
        &["list"],
    ] {
        let shown = env.ok(args);
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
            "{args:?}: {shown:?}"
        );
    }
}
