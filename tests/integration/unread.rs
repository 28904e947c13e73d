//! Following the news from the command line: `list --feed`, `unread`, `mark-read`,
//! `mark-unread`, and the unread counts of `feeds list`, against the real binary.

use crate::support::cli::Env;
use serde_json::Value;

const GAZETTE: &str = "Harbour Gazette";
const LEDGER: &str = "Open Ledger";

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/feeds/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Two feeds subscribed and refreshed: the Harbour Gazette (three articles, tagged Cities
/// and Transport on one) and the Open Ledger (one article, tagged Open Source).
fn subscribed() -> Env {
    let env = Env::new();
    env.ok(&["feeds", "add", &format!("file://{}", fixture("rss2.xml"))]);
    env.ok(&[
        "feeds",
        "add",
        &format!("file://{}", fixture("atom.xml")),
        "--every",
        "15",
    ]);
    let refreshed = env.run(&["refresh"]);
    assert_eq!(refreshed.code, Some(0), "{}", refreshed.stderr);
    env
}

fn listed(env: &Env, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["list", "--json"];
    all.extend_from_slice(args);
    env.json(&all).as_array().expect("an array").clone()
}

fn ids(env: &Env, args: &[&str]) -> Vec<String> {
    listed(env, args)
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

fn sources(articles: &[Value]) -> Vec<&str> {
    articles
        .iter()
        .map(|a| a["source"].as_str().unwrap())
        .collect()
}

/// The unread count `tidings unread` prints first.
fn unread(env: &Env) -> usize {
    let out = env.ok(&["unread"]);
    assert_eq!(out.lines().count(), 1, "{out}");
    out.split_whitespace().next().unwrap().parse().unwrap()
}

#[test]
fn list_by_feed_name_or_address_as_a_union_and_with_tags() {
    let env = subscribed();
    assert_eq!(sources(&listed(&env, &["--feed", GAZETTE])), [GAZETTE; 3]);
    assert_eq!(
        sources(&listed(&env, &["--feed", "open ledger"])),
        [LEDGER],
        "names compare without case"
    );
    let by_address = format!("file://{}", fixture("atom.xml"));
    assert_eq!(sources(&listed(&env, &["--feed", &by_address])), [LEDGER]);
    assert_eq!(
        listed(&env, &["--feed", GAZETTE, "--feed", LEDGER]).len(),
        4,
        "several feeds: their union"
    );
    assert_eq!(
        listed(&env, &["--feed", GAZETTE, "--tag", "transport"]).len(),
        1,
        "feeds and tags combine"
    );
    assert!(listed(&env, &["--feed", LEDGER, "--tag", "transport"]).is_empty());
    assert_eq!(
        listed(&env, &["--feed", GAZETTE, "--search", "ferry"]).len(),
        1
    );
    let error = env.error(&["list", "--feed", "Daily Nonsense"]);
    assert!(
        error.contains("no feed has the address or name \"Daily Nonsense\""),
        "{error}"
    );
}

#[test]
fn unread_counts_first_on_one_line_and_per_feed_in_json() {
    let env = subscribed();
    assert_eq!(env.ok(&["unread"]), "4 unread\n");
    let json = env.json(&["unread", "--json"]);
    assert_eq!(json["total"], 4);
    let feeds = json["feeds"].as_array().unwrap();
    let gazette = feeds.iter().find(|f| f["name"] == GAZETTE).unwrap();
    assert_eq!(
        (gazette["unread"].as_u64(), gazette["total"].as_u64()),
        (Some(3), Some(3))
    );
    assert_eq!(
        gazette["url"],
        format!("file://{}", fixture("rss2.xml")).as_str()
    );
    assert_eq!(feeds.len(), 2, "{feeds:?}");
}

#[test]
fn mark_read_and_unread_by_id_or_prefix() {
    let env = subscribed();
    let gazette = ids(&env, &["--feed", GAZETTE]);
    assert_eq!(
        env.ok(&["mark-read", &gazette[0], &gazette[1][..6]]),
        "marked 2 articles read\n"
    );
    assert_eq!(unread(&env), 2);
    assert_eq!(ids(&env, &["--unread"]).len(), 2);
    let read: Vec<bool> = listed(&env, &["--feed", GAZETTE])
        .iter()
        .map(|a| a["read"].as_bool().unwrap())
        .collect();
    assert_eq!(read, [true, true, false]);
    assert_eq!(
        env.ok(&["mark-unread", &gazette[1]]),
        "marked 1 article unread\n"
    );
    assert_eq!(unread(&env), 3);
}

#[test]
fn an_unknown_id_marks_nothing_and_says_which() {
    let env = subscribed();
    let gazette = ids(&env, &["--feed", GAZETTE]);
    let error = env.error(&["mark-read", &gazette[0], "ffffffffffff"]);
    assert!(
        error.contains("no article has the id \"ffffffffffff\""),
        "{error}"
    );
    assert_eq!(unread(&env), 4, "nothing was marked");
    let error = env.error(&["mark-unread", "ab"]);
    assert!(error.contains("too short"), "{error}");
    let usage = env.run(&["mark-read"]);
    assert_eq!(usage.code, Some(2), "no id and no --all is a usage error");
    let usage = env.run(&["mark-read", &gazette[0], "--all"]);
    assert_eq!(usage.code, Some(2), "ids and --all together");
    let usage = env.run(&["mark-read", "--feed", GAZETTE]);
    assert_eq!(usage.code, Some(2), "--feed only with --all");
}

#[test]
fn mark_read_all_marks_what_list_shows_with_the_same_options() {
    let env = subscribed();
    assert_eq!(
        env.ok(&["mark-read", "--all", "--feed", GAZETTE, "--tag", "cities"]),
        "marked 1 article read\n"
    );
    assert_eq!(unread(&env), 3);
    assert_eq!(
        env.ok(&["mark-read", "--all", "--feed", LEDGER]),
        "marked 1 article read\n"
    );
    assert_eq!(unread(&env), 2);
    assert_eq!(env.ok(&["mark-read", "--all"]), "marked 2 articles read\n");
    assert_eq!(env.ok(&["unread"]), "0 unread\n");
    assert_eq!(env.ok(&["mark-read", "--all"]), "marked 0 articles read\n");
}

#[test]
fn feeds_list_shows_unread_of_total_and_the_interval() {
    let env = subscribed();
    let first = ids(&env, &["--feed", GAZETTE]);
    env.ok(&["mark-read", &first[0]]);
    let text = env.ok(&["feeds", "list"]);
    assert!(text.contains("2 unread of 3 articles"), "{text}");
    assert!(text.contains("1 unread of 1 article"), "{text}");
    let json = env.json(&["feeds", "list", "--json"]);
    let feeds = json.as_array().unwrap();
    let gazette = feeds.iter().find(|f| f["title"] == GAZETTE).unwrap();
    assert_eq!(
        (gazette["unread"].as_u64(), gazette["articles"].as_u64()),
        (Some(2), Some(3))
    );
    assert_eq!(gazette["every"], Value::Null);
    let ledger = feeds.iter().find(|f| f["title"] == LEDGER).unwrap();
    assert_eq!(ledger["every"], 15);
}

#[test]
fn feeds_add_refuses_an_interval_out_of_range() {
    let env = Env::new();
    let run = env.run(&[
        "feeds",
        "add",
        &format!("file://{}", fixture("rss2.xml")),
        "--every",
        "20000",
    ]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_eq!(
        env.ok(&["feeds", "list"]).lines().count(),
        1,
        "nothing added"
    );
}

#[test]
fn a_subscribed_feed_with_no_articles_is_known_by_name_and_address() {
    let env = subscribed();
    let quiet = format!("file://{}", fixture("empty.xml"));
    env.ok(&["feeds", "add", "--no-check", &quiet]);
    assert_eq!(env.run(&["refresh"]).code, Some(0));
    let never_fetched = "https://never.example/feed";
    env.ok(&["feeds", "add", "--no-check", never_fetched]);
    assert!(listed(&env, &["--feed", "Quiet Feed"]).is_empty());
    assert!(listed(&env, &["--feed", &quiet, "--unread"]).is_empty());
    assert!(listed(&env, &["--feed", never_fetched]).is_empty());
    assert_eq!(
        env.ok(&["mark-read", "--all", "--feed", "quiet feed"]),
        "marked 0 articles read\n"
    );
    let json = env.json(&["unread", "--json"]);
    let feeds = json["feeds"].as_array().unwrap();
    let quiet = feeds.iter().find(|f| f["url"] == quiet.as_str()).unwrap();
    assert_eq!(quiet["name"], "Quiet Feed");
    assert_eq!(
        (quiet["unread"].as_u64(), quiet["total"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(
        feeds.len(),
        4,
        "every subscribed feed, as feeds list has them: {feeds:?}"
    );
}

#[test]
fn an_article_named_twice_is_marked_and_counted_once() {
    let env = subscribed();
    let gazette = ids(&env, &["--feed", GAZETTE]);
    assert_eq!(
        env.ok(&["mark-read", &gazette[0], &gazette[1], &gazette[0][..6]]),
        "marked 2 articles read\n"
    );
    assert_eq!(unread(&env), 2);
}

#[test]
fn a_name_two_feeds_share_names_both() {
    let env = Env::new();
    for file in ["rss2.xml", "atom.xml"] {
        env.ok(&[
            "feeds",
            "add",
            &format!("file://{}", fixture(file)),
            "--name",
            "Morning",
        ]);
    }
    let refreshed = env.run(&["refresh"]);
    assert_eq!(refreshed.code, Some(0), "{}", refreshed.stderr);
    assert_eq!(listed(&env, &["--feed", "morning"]).len(), 4);
}
