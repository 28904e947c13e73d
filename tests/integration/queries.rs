//! The query language through the binary: `list --query` and `mark-read --all --query`
//! on feeds refreshed into the store (their bodies found through the full-text index), and
//! a query that does not parse as one error naming the column.

use crate::support::cli::Env;
use crate::support::feed_fixtures::{GAZETTE, LEDGER};

fn fixture_path(name: &str) -> String {
    format!("{}/tests/fixtures/feeds/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Two feeds refreshed into the store: the Harbour Gazette's three articles and the Open
/// Ledger's one.
fn refreshed() -> Env {
    let env = Env::new();
    for name in ["rss2.xml", "atom.xml"] {
        env.ok(&["feeds", "add", &format!("file://{}", fixture_path(name))]);
    }
    let run = env.run(&["refresh"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    env
}

/// The titles `list --query` gives, newest first.
fn titles(env: &Env, query: &str) -> Vec<String> {
    env.json(&["list", "--query", query, "--json"])
        .as_array()
        .expect("an array")
        .iter()
        .map(|article| article["title"].as_str().expect("a title").to_string())
        .collect()
}

#[test]
fn list_query_takes_every_kind_of_term() {
    let env = refreshed();
    let [ferry, clock, notes] = GAZETTE;
    // Words of a cached article's body are found through the index.
    assert_eq!(titles(&env, "sailings"), [ferry]);
    assert_eq!(titles(&env, "fourt"), [ferry], "a word from its start");
    assert_eq!(titles(&env, "ourteen"), Vec::<String>::new());
    assert_eq!(titles(&env, "title:CLOCK"), [clock]);
    assert_eq!(titles(&env, "title:/^(night|harbour)/"), [ferry, notes]);
    assert_eq!(titles(&env, "author:okafor"), [ferry]);
    assert_eq!(titles(&env, "tag:transport"), [ferry]);
    assert_eq!(titles(&env, "feed:\"open ledger\""), [LEDGER]);
    assert_eq!(titles(&env, "feed:/gazette/ -title:notes"), [ferry, clock]);
    assert_eq!(
        titles(&env, "link:example.com/clock OR sailings"),
        [ferry, clock]
    );
    assert_eq!(titles(&env, "before:2026-10-13"), [notes]);
    assert_eq!(titles(&env, "after:2026-10-14 feed:/gazette/"), [ferry]);
    assert_eq!(titles(&env, "age>1w is:unread").len(), 4);
    assert_eq!(titles(&env, "is:read"), Vec::<String>::new());
}

#[test]
fn a_query_combines_with_the_other_options_and_marks_read() {
    let env = refreshed();
    let [ferry, clock, notes] = GAZETTE;
    let listed = env.json(&[
        "list",
        "--feed",
        "Harbour Gazette",
        "--query",
        "-tag:cities",
        "--json",
    ]);
    let listed: Vec<&str> = listed
        .as_array()
        .expect("an array")
        .iter()
        .map(|article| article["title"].as_str().expect("a title"))
        .collect();
    assert_eq!(listed, [clock, notes]);
    let said = env.ok(&[
        "mark-read",
        "--all",
        "--query",
        "title:clock OR title:notes",
    ]);
    assert_eq!(said, "marked 2 articles read\n");
    assert_eq!(titles(&env, "is:read"), [clock, notes]);
    assert_eq!(titles(&env, "is:unread feed:/gazette/"), [ferry]);
}

#[test]
fn a_query_that_does_not_parse_is_one_error_naming_the_column() {
    let env = refreshed();
    assert_eq!(
        env.error(&["list", "--query", "is:unread tag:"]),
        "error: query: expected a value after 'tag:' at column 15"
    );
    let line = env.error(&["mark-read", "--all", "--query", "(ferry"]);
    assert!(line.starts_with("error: query: "), "{line}");
    assert!(line.contains("column"), "{line}");
    assert_eq!(
        titles(&env, "is:read"),
        Vec::<String>::new(),
        "nothing was marked"
    );
}
