//! Saved queries and rules through the binary: `queries` with their counts, a saved query's
//! name where a query goes, and rules applied to articles as a refresh first stores them
//! (hidden ones listed nowhere and counted nowhere but by `list --hidden` and `is:hidden`),
//! never to articles already stored unless `rules apply` is asked.

use crate::support::cli::Env;
use crate::support::devices::{account, device, listed, sync};
use crate::support::feed_fixtures::GAZETTE;
use crate::support::greader::{GReader, Mode};
use chrono::Utc;
use serde_json::{Value, json};
use tidings::query::{self, RuleAction};
use tidings::store::Store;

fn feed(name: &str) -> String {
    format!(
        "file://{}/tests/fixtures/feeds/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn refresh(env: &Env) {
    let run = env.run(&["refresh"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

fn titles(env: &Env, args: &[&str]) -> Vec<String> {
    let mut all = vec!["list", "--json"];
    all.extend_from_slice(args);
    env.json(&all)
        .as_array()
        .expect("an array")
        .iter()
        .map(|article| article["title"].as_str().expect("a title").to_string())
        .collect()
}

const RULES: &str = r#"
[[rules]]
query = "title:clock"
action = "hide"

[[rules]]
query = "title:ferry"
action = "tag"
tag = "Boats"

[[rules]]
query = "title:notes OR tag:boats"
action = "read"
"#;

#[test]
fn rules_act_on_articles_as_they_arrive_and_hidden_ones_stay_out_of_sight() {
    let env = Env::with_config(RULES);
    env.ok(&["feeds", "add", &feed("rss2.xml")]);
    refresh(&env);
    let [ferry, clock, notes] = GAZETTE;

    assert_eq!(titles(&env, &[]), [ferry, notes], "the clock is hidden");
    let listed = env.json(&["list", "--json"]);
    assert_eq!(listed[0]["tags"], json!(["Cities", "Transport", "Boats"]));
    // A later rule sees the tag an earlier one gave.
    assert_eq!(listed[0]["read"], true);
    assert_eq!(listed[1]["read"], true);
    assert_eq!(env.ok(&["unread"]), "0 unread\n");
    let feeds = env.json(&["feeds", "list", "--json"]);
    assert_eq!(feeds[0]["articles"], 2);

    assert_eq!(titles(&env, &["--hidden"]), [clock]);
    assert_eq!(titles(&env, &["--query", "is:hidden"]), [clock]);
    assert_eq!(
        titles(&env, &["--query", "is:hidden OR title:ferry"]),
        [ferry, clock]
    );

    // Sent again, the hidden article stays hidden.
    refresh(&env);
    let forced = env.run(&["refresh", "--force"]);
    assert_eq!(forced.code, Some(0), "{}", forced.stderr);
    assert_eq!(titles(&env, &[]), [ferry, notes]);
}

#[test]
fn rules_leave_stored_articles_alone_until_applied() {
    let env = Env::new();
    env.ok(&["feeds", "add", &feed("rss2.xml")]);
    refresh(&env);
    env.write("config.toml", RULES);
    refresh(&env);
    assert_eq!(
        titles(&env, &["--query", "is:unread"]).len(),
        3,
        "nothing changed"
    );

    let said = env.ok(&["rules", "apply", "--dry-run"]);
    assert_eq!(
        said,
        "1. hide: title:clock matched 1 article\n\
         2. tag \"Boats\": title:ferry matched 1 article\n\
         3. read: title:notes OR tag:boats matched 1 article\n\
         nothing was changed (--dry-run)\n"
    );
    assert_eq!(titles(&env, &[]).len(), 3);

    env.ok(&["rules", "apply"]);
    let [ferry, clock, notes] = GAZETTE;
    assert_eq!(titles(&env, &[]), [ferry, notes]);
    assert_eq!(titles(&env, &["--hidden"]), [clock]);
    assert_eq!(titles(&env, &["--query", "tag:boats"]), [ferry]);
    assert_eq!(titles(&env, &["--query", "is:read"]), [notes]);
}

#[test]
fn rules_are_listed_numbered_and_only_kept_ones_can_be_removed() {
    let env = Env::with_config(RULES);
    env.ok(&["feeds", "list"]);
    let store = Store::open(&env.data_dir()).expect("the store");
    let parsed = query::parse("author:/bot$/").expect("a query");
    assert!(
        store
            .add_rule(&parsed, &RuleAction::Hide, "newsboat", Utc::now())
            .expect("kept")
    );
    drop(store);

    let rules = env.json(&["rules", "--json"]);
    assert_eq!(rules.as_array().map(Vec::len), Some(4));
    assert_eq!(
        rules[1],
        json!({"number": 2, "query": "title:ferry", "action": "tag", "tag": "Boats", "origin": "config"})
    );
    assert_eq!(rules[3]["origin"], "newsboat");
    assert_eq!(
        env.ok(&["rules"]).lines().last(),
        Some("4. hide: author:/bot$/ [newsboat]")
    );
    assert_eq!(
        env.error(&["rules", "remove", "1"]),
        "error: rule 1 is in the config file: remove its [[rules]] table there"
    );
    assert_eq!(
        env.error(&["rules", "remove", "9"]),
        "error: no rule 9: there are 4 (see tidings rules)"
    );
    env.ok(&["rules", "remove", "4"]);
    assert_eq!(
        env.json(&["rules", "--json"]).as_array().map(Vec::len),
        Some(3)
    );
}

#[test]
fn saved_queries_are_counted_and_their_names_work_where_a_query_goes() {
    let env = Env::with_config(
        "[[queries]]\nname = \"Harbour unread\"\nquery = \"is:unread feed:/gazette/\"\n",
    );
    env.ok(&["feeds", "add", &feed("rss2.xml")]);
    env.ok(&["feeds", "add", &feed("atom.xml")]);
    refresh(&env);
    let said = env.ok(&[
        "queries",
        "add",
        "Old news",
        "before:2026-10-14 -tag:cities",
    ]);
    assert_eq!(said, "saved \"Old news\": before:2026-10-14 -tag:cities\n");
    assert_eq!(
        env.error(&["queries", "add", "old NEWS", "x"]),
        "error: a query named \"Old news\" is saved already (added): remove it first"
    );
    assert_eq!(
        env.error(&["queries", "add", "Broken", "title:"]),
        "error: query: expected a value after 'title:' at column 7"
    );

    let [ferry, clock, notes] = GAZETTE;
    env.ok(&["mark-read", "--all", "--query", "Old news"]);
    assert_eq!(titles(&env, &["--query", "is:read"]), [clock, notes]);
    assert_eq!(titles(&env, &["--query", "Harbour unread"]), [ferry]);

    let listed: Value = env.json(&["queries", "--json"]);
    assert_eq!(
        listed,
        json!([
            {"name": "Harbour unread", "query": "is:unread feed:/gazette/", "unread": 1, "total": 1, "origin": "config"},
            {"name": "Old news", "query": "before:2026-10-14 -tag:cities", "unread": 0, "total": 2, "origin": "added"}
        ])
    );
    assert_eq!(
        env.error(&["queries", "remove", "Harbour unread"]),
        "error: \"Harbour unread\" is in the config file: remove its [[queries]] table there"
    );
    env.ok(&["queries", "remove", "old news"]);
    assert_eq!(
        env.json(&["queries", "--json"]).as_array().map(Vec::len),
        Some(1)
    );
}

#[test]
fn a_tag_a_rule_gave_stays_when_the_feed_changes_the_article() {
    let env = Env::with_config(RULES);
    let original = std::fs::read_to_string(format!(
        "{}/tests/fixtures/feeds/rss2.xml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("the fixture");
    let path = env.write("harbour.xml", &original);
    env.ok(&["feeds", "add", &path.display().to_string()]);
    refresh(&env);
    env.write(
        "harbour.xml",
        original.replace("after fourteen years", "after fifteen years"),
    );
    let run = env.run(&["refresh", "--force"]);
    assert!(run.stdout.contains("0 new, 1 updated"), "{}", run.stdout);
    let listed = env.json(&["list", "--json", "--query", "title:ferry"]);
    assert_eq!(listed[0]["tags"], json!(["Cities", "Transport", "Boats"]));
}

#[test]
fn rules_act_on_what_a_sync_brings_and_the_server_hears_of_the_reads_and_stars() {
    let server = GReader::start(Mode::FreshRss);
    let items = account(&server);
    let env = device(&server);
    let config = std::fs::read_to_string(env.config()).expect("the config");
    env.write(
        "config.toml",
        format!(
            "{config}\n[[rules]]\nquery = \"title:harbour\"\naction = \"read\"\n\n\
             [[rules]]\nquery = \"feed:\\\"lab notes\\\" soil\"\naction = \"bookmark\"\n\n\
             [[rules]]\nquery = \"title:bridge\"\naction = \"hide\"\n"
        ),
    );
    let summary = sync(&env);
    // The server's read and starred item, and the rules' read mark and star: all four
    // reach the reader as the sync's changes.
    assert_eq!(summary["pulled"], 4, "{summary}");
    let list = listed(&env);
    assert!(list["Harbour reopens"].1, "read by the rule: {list:?}");
    assert!(list["Soil study"].2, "bookmarked by the rule");
    assert!(!list.contains_key("Bridge vote"), "hidden by the rule");
    // The next sync sends them, and the server's state does not undo them.
    sync(&env);
    assert!(server.item(items[0]).read);
    assert!(server.item(items[4]).starred);
    assert!(listed(&env)["Harbour reopens"].1);
}

#[test]
fn a_refresh_reports_what_the_rules_left_for_the_reader_to_show() {
    use tidings::model::Subscription;
    use tidings::refresh::{self, Options};
    let dir = tempfile::tempdir().expect("a folder");
    let store = Store::open(&dir.path().join("data")).expect("the store");
    let config = tidings::config::Config::parse(RULES, std::path::Path::new("config.toml"))
        .expect("the rules");
    store.keep_config_rules(&config.rules()).expect("kept");
    let feeds = [Subscription {
        url: feed("rss2.xml"),
        name: None,
        tags: Vec::new(),
        every: None,
        full_text: false,
    }];
    let options = Options {
        report_articles: true,
        ..Options::from_config(&config, false)
    };
    let mut reports = Vec::new();
    refresh::refresh(&feeds, Some(&store), &options, |_, report| {
        reports.push(report.clone())
    });
    let report = &reports[0];
    let [ferry, clock, notes] = GAZETTE;
    let titles: Vec<&str> = report.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, [ferry, notes], "the hidden clock is not shown");
    let tags: Vec<&str> = report.articles[0].tags.iter().map(|t| t.as_str()).collect();
    assert_eq!(tags, ["Cities", "Transport", "Boats"]);
    let id_of = |title: &str| {
        report
            .articles
            .iter()
            .find(|a| a.title == title)
            .map(|a| a.id.clone())
            .unwrap()
    };
    assert_eq!(report.read, [id_of(ferry), id_of(notes)]);
    assert!(report.bookmarked.is_empty());
    let _ = clock;
}
