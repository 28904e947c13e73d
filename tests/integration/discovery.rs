//! `tidings feeds add URL` reads the address first: a feed is subscribed under its own title;
//! a web page's feed links are followed (one subscribed, several listed to choose from with
//! `--pick N` or `--all`), else the places sites usually keep a feed; and nothing is
//! subscribed when no feed is found or the address cannot be read. Pages and feeds are
//! served on 127.0.0.1 inside the test.

use crate::support::cli::Env;
use crate::support::feed_fixtures::fixture;
use crate::support::http_server::{ServerResponse, TestServer};
use serde_json::Value;

fn html(body: &str) -> ServerResponse {
    ServerResponse::ok(body.to_string()).header("Content-Type", "text/html; charset=utf-8")
}

/// The addresses subscribed, in order.
fn subscribed(env: &Env) -> Vec<String> {
    env.json(&["feeds", "list", "--json"])
        .as_array()
        .expect("an array")
        .iter()
        .map(|feed| feed["url"].as_str().expect("a url").to_string())
        .collect()
}

const THREE_FEEDS: &str = r#"<!doctype html><html><head><title>Harbour</title>
<link rel="alternate" type="application/rss+xml" title="Every story" href="/gazette.xml">
<link rel="alternate" type="application/atom+xml" href="ledger.atom">
<link rel="alternate" type="application/feed+json" title="JSON" href="/feed.json">
</head><body>Welcome</body></html>"#;

fn harbour_site() -> TestServer {
    TestServer::start(|request| match request.path.as_str() {
        "/gazette.xml" => ServerResponse::ok(fixture("rss2.xml")),
        "/news/ledger.atom" => ServerResponse::ok(fixture("atom.xml")),
        "/feed.json" => ServerResponse::ok(fixture("jsonfeed.json")),
        "/news/" => html(THREE_FEEDS),
        "/one/" => html(
            r#"<html><head><link rel="alternate" type="application/atom+xml" href="../news/ledger.atom" title="Ledger"></head></html>"#,
        ),
        "/moved" => ServerResponse::new(301).header("Location", "/one/"),
        "/plain/" => html("<html><head><title>No feed links</title></head></html>"),
        "/feed.xml" => ServerResponse::ok(fixture("rss2.xml")),
        "/logo.png" => ServerResponse::ok(vec![0x89, b'P', b'N', b'G', 0, 0])
            .header("Content-Type", "image/png"),
        _ => ServerResponse::new(404),
    })
}

#[test]
fn a_feed_is_subscribed_under_its_own_title() {
    let server = harbour_site();
    let env = Env::new();
    let url = server.url("/gazette.xml");
    let said = env.ok(&["feeds", "add", &url]);
    assert!(
        said.starts_with(&format!(
            "subscribed to \"Harbour Gazette\" (RSS, 3 articles) at {url}; "
        )),
        "{said}"
    );
    assert_eq!(subscribed(&env), [url]);
    // Known by its title before the first refresh.
    let feeds = env.json(&["feeds", "list", "--json"]);
    assert_eq!(feeds[0]["title"], "Harbour Gazette");
    assert!(
        env.ok(&["feeds", "list"]).starts_with("Harbour Gazette  "),
        "{}",
        env.ok(&["feeds", "list"])
    );
}

#[test]
fn a_page_with_one_feed_link_subscribes_it_resolved_after_a_redirect() {
    let server = harbour_site();
    let env = Env::new();
    let said = env.ok(&["feeds", "add", &server.url("/moved")]);
    let feed = server.url("/news/ledger.atom");
    assert!(
        said.starts_with(&format!(
            "subscribed to \"Open Ledger\" (Atom, 1 article) at {feed}, from the page's feed links"
        )),
        "{said}"
    );
    assert_eq!(subscribed(&env), [feed]);
}

#[test]
fn several_feed_links_are_listed_in_page_order_and_nothing_is_subscribed() {
    let server = harbour_site();
    let env = Env::new();
    let page = server.url("/news/");
    let run = env.run(&["feeds", "add", &page]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "1. Every story (RSS) {}\n2. Open Ledger (Atom) {}\n3. JSON (JSON Feed) {}\n",
            server.url("/gazette.xml"),
            server.url("/news/ledger.atom"),
            server.url("/feed.json"),
        )
    );
    assert_eq!(
        run.stderr,
        format!(
            "error: {page} names 3 feeds: choose one with --pick N, or take every one with --all\n"
        )
    );
    assert_eq!(subscribed(&env), Vec::<String>::new());

    let said = env.ok(&["feeds", "add", &page, "--pick", "2", "--tag", "Money"]);
    assert!(said.contains("\"Open Ledger\" (Atom, 1 article)"), "{said}");
    assert_eq!(subscribed(&env), [server.url("/news/ledger.atom")]);
    let feeds = env.json(&["feeds", "list", "--json"]);
    assert_eq!(feeds[0]["tags"], Value::from(vec!["Money"]));

    let line = env.error(&["feeds", "add", &page, "--pick", "4"]);
    assert_eq!(line, format!("error: --pick 4: {page} names 3 feeds"));
}

#[test]
fn all_subscribes_every_feed_of_the_page_and_skips_one_already_there() {
    let server = harbour_site();
    let env = Env::new();
    env.ok(&["feeds", "add", &server.url("/gazette.xml")]);
    let run = env.run(&["feeds", "add", &server.url("/news/"), "--all"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);
    assert!(run.stderr.contains("already subscribed"), "{}", run.stderr);
    assert_eq!(
        subscribed(&env),
        [
            server.url("/gazette.xml"),
            server.url("/news/ledger.atom"),
            server.url("/feed.json")
        ]
    );
}

#[test]
fn a_page_without_feed_links_is_looked_at_where_sites_keep_a_feed() {
    let server = harbour_site();
    let env = Env::new();
    let said = env.ok(&["feeds", "add", &server.url("/plain/")]);
    // `/feed` and `/rss` come first and are not there; `/rss.xml`, `/atom.xml` neither.
    assert!(said.contains("where sites usually keep a feed"), "{said}");
    assert_eq!(subscribed(&env), [server.url("/feed.xml")]);
}

#[test]
fn no_feed_anywhere_is_an_error_after_at_most_eight_requests() {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/" => html("<html><head><title>Just a page</title></head></html>"),
        _ => ServerResponse::new(404),
    });
    let env = Env::new();
    let url = server.url("/");
    let line = env.error(&["feeds", "add", &url]);
    assert_eq!(
        line,
        format!("error: no feed found at {url} (a web page with no feed links)")
    );
    assert_eq!(server.requests().len(), 8);
    assert_eq!(subscribed(&env), Vec::<String>::new());
}

#[test]
fn an_address_that_is_neither_a_feed_nor_a_page_or_cannot_be_read_subscribes_nothing() {
    let server = harbour_site();
    let env = Env::new();
    let logo = server.url("/logo.png");
    assert_eq!(
        env.error(&["feeds", "add", &logo]),
        format!("error: {logo}: not a feed, and not a web page (image/png)")
    );
    let gone = server.url("/gone.xml");
    let line = env.error(&["feeds", "add", &gone]);
    assert!(
        line.starts_with(&format!("error: {gone}: HTTP 404")),
        "{line}"
    );
    assert_eq!(subscribed(&env), Vec::<String>::new());
}

#[test]
fn no_check_subscribes_as_given_without_a_request() {
    let server = harbour_site();
    let env = Env::new();
    let gone = server.url("/gone.xml");
    let said = env.ok(&["feeds", "add", &gone, "--no-check"]);
    assert!(
        said.starts_with(&format!("subscribed to {gone};")),
        "{said}"
    );
    assert!(server.requests().is_empty());
    assert_eq!(subscribed(&env), [gone]);
}
