//! `export-opml` and `import-opml` through the binary (issue 18, point 8): an export writes
//! each feed under the name the reader shows (its own title, from its last refresh, when it
//! was given none) and nests the folders an import found it in, as other readers expect; an
//! import of that export gives the same folders as tags, and the names.

use crate::support::cli::Env;
use crate::support::feed_fixtures::fixture;
use crate::support::http_server::{ServerResponse, TestServer};
use serde_json::{Value, json};

/// `feeds list --json` as (url, name, tags), by address.
fn subscriptions(env: &Env) -> Vec<(String, Value, Value)> {
    let mut feeds: Vec<(String, Value, Value)> = env
        .json(&["feeds", "list", "--json"])
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|f| {
            (
                f["url"].as_str().expect("a url").to_string(),
                f["name"].clone(),
                f["tags"].clone(),
            )
        })
        .collect();
    feeds.sort_by(|a, b| a.0.cmp(&b.0));
    feeds
}

/// Imports `opml` into `env` from a file; what it said.
fn import(env: &Env, opml: &str) -> String {
    let file = env.write("subscriptions.opml", opml);
    env.ok(&["import-opml", file.to_str().expect("a UTF-8 path")])
}

/// An OPML file as another reader writes it: folders in folders, feeds with no name (their
/// address as their text), one with a category of its own.
fn nested(server: &TestServer) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>from another reader</title></head>
  <body>
    <outline text="News">
      <outline text="Europe">
        <outline type="rss" text="{gazette}" xmlUrl="{gazette}" category="/Harbour"/>
        <outline text="Science">
          <outline type="rss" text="{notes}" title="{notes}" xmlUrl="{notes}"/>
        </outline>
      </outline>
      <outline type="rss" text="Ledger" xmlUrl="{ledger}"/>
    </outline>
    <outline type="rss" xmlUrl="{sats}"/>
  </body>
</opml>
"#,
        gazette = server.url("/rss2.xml"),
        notes = server.url("/rss1.rdf"),
        ledger = server.url("/atom.xml"),
        sats = server.url("/feed.json"),
    )
}

#[test]
fn an_export_nests_folders_and_names_feeds_by_their_titles_and_an_import_reads_both_back() {
    let server = TestServer::start(|request| {
        let name = match request.path.as_str() {
            "/rss2.xml" => "rss2.xml",
            "/rss1.rdf" => "rss1.rdf",
            "/atom.xml" => "atom.xml",
            "/feed.json" => "jsonfeed.json",
            _ => return ServerResponse::new(404),
        };
        ServerResponse::ok(fixture(name))
    });
    let (gazette, notes, ledger, sats) = (
        server.url("/rss2.xml"),
        server.url("/rss1.rdf"),
        server.url("/atom.xml"),
        server.url("/feed.json"),
    );
    let env = Env::new();
    let said = import(&env, &nested(&server));
    assert!(
        said.starts_with("imported 4 feeds from ")
            && said.ends_with(" (0 were already subscribed)\n"),
        "{said}"
    );
    let imported = subscriptions(&env);
    let mut expected = vec![
        (ledger.clone(), json!("Ledger"), json!(["News"])),
        (
            gazette.clone(),
            Value::Null,
            json!(["News", "Europe", "Harbour"]),
        ),
        (
            notes.clone(),
            Value::Null,
            json!(["News", "Europe", "Science"]),
        ),
        (sats.clone(), Value::Null, json!([])),
    ];
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(imported, expected);

    // Before a refresh, a feed with no name is known by its address only.
    let before = env.ok(&["export-opml"]);
    assert!(
        before.contains(&format!(
            "<outline type=\"rss\" text=\"{sats}\" title=\"{sats}\" xmlUrl=\"{sats}\"/>"
        )),
        "{before}"
    );

    let refresh = env.run(&["refresh"]);
    assert_eq!(refresh.code, Some(0), "{}", refresh.stderr);
    let exported = env.ok(&["export-opml"]);
    let expected = format!(
        r#"  <body>
    <outline type="rss" text="Tiny Satellites" title="Tiny Satellites" xmlUrl="{sats}"/>
    <outline text="News" title="News">
      <outline type="rss" text="Ledger" title="Ledger" xmlUrl="{ledger}"/>
      <outline text="Europe" title="Europe">
        <outline type="rss" text="Harbour Gazette" title="Harbour Gazette" xmlUrl="{gazette}" category="/Harbour"/>
        <outline text="Science" title="Science">
          <outline type="rss" text="Science Notes" title="Science Notes" xmlUrl="{notes}"/>
        </outline>
      </outline>
    </outline>
  </body>
</opml>
"#
    );
    assert!(exported.ends_with(&expected), "{exported}");
    assert!(!exported.contains("category=\"/Europe"), "{exported}");

    // Read back: the same folders as tags, and the titles as names.
    let fresh = Env::new();
    let said = import(&fresh, &exported);
    assert!(said.starts_with("imported 4 feeds from "), "{said}");
    let named = |title: &str| json!(title);
    let expected: Vec<(String, Value, Value)> = imported
        .iter()
        .map(|(url, name, tags)| {
            let title = match url.as_str() {
                u if u == gazette => "Harbour Gazette",
                u if u == notes => "Science Notes",
                u if u == sats => "Tiny Satellites",
                _ => "Ledger",
            };
            assert!(name.is_null() || name == &named(title));
            (url.clone(), named(title), tags.clone())
        })
        .collect();
    assert_eq!(subscriptions(&fresh), expected);

    // And an export of that import is the same document.
    let again = fresh.ok(&["export-opml"]);
    let body = |text: &str| text[text.find("<body>").expect("a body")..].to_string();
    assert_eq!(body(&again), body(&exported));
}

#[test]
fn feeds_tagged_on_the_command_line_are_written_under_their_first_tag() {
    let env = Env::new();
    env.ok(&[
        "feeds",
        "add",
        "--no-check",
        "https://rust.example/feed",
        "--name",
        "Rust Blog",
        "--tag",
        "Rust",
        "--tag",
        "Programming",
    ]);
    let exported = env.ok(&["export-opml"]);
    assert!(
        exported.contains(
            "    <outline text=\"Rust\" title=\"Rust\">\n      <outline type=\"rss\" \
             text=\"Rust Blog\" title=\"Rust Blog\" xmlUrl=\"https://rust.example/feed\" \
             category=\"/Programming\"/>\n    </outline>\n"
        ),
        "{exported}"
    );
    let fresh = Env::new();
    import(&fresh, &exported);
    assert_eq!(subscriptions(&fresh), subscriptions(&env));
}

#[test]
fn an_import_says_how_many_were_already_subscribed_in_words_that_agree() {
    let env = Env::new();
    let one = r#"<opml version="2.0"><body>
        <outline text="A" xmlUrl="https://a.example/feed"/></body></opml>"#;
    assert!(
        import(&env, one).starts_with("imported 1 feed from "),
        "one feed"
    );
    let said = import(&env, one);
    assert!(
        said.starts_with("imported 0 feeds from ")
            && said.ends_with(" (1 was already subscribed)\n"),
        "{said}"
    );
}
