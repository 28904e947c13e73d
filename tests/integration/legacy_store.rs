//! A store made by the reader before it read feeds itself (with feed-rs), upgraded: every
//! article keeps its id, its read mark and its bookmark, and a refresh that reads the feeds
//! again whole makes no duplicate. The store (`store-v8.sql`, a dump of its tables) and the
//! list it gave (`articles-v8.json`) were made by that reader from the feeds beside them,
//! which hold items named every way the old reader named them: a guid, a permalink, a link
//! (odd spellings, spaces, `xml:base`, a relative one, comments before it), a title and a
//! date, a title alone, a text alone; Atom ids and links of every `rel`; RDF; JSON Feed.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::support::cli::Env;
use serde_json::Value;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/legacy")
        .join(name);
    fs::read_to_string(path).expect("a legacy fixture")
}

/// One more item in each feed, so that the refresh reads every feed whole again.
fn with_one_more_item(name: &str) -> String {
    let feed = fixture(name);
    let (end, item) = match name {
        "rss2.xml" => (
            "</channel>",
            "<item><title>New since</title><guid>new-rss</guid></item>",
        ),
        "atom.xml" => (
            "</feed>",
            "<entry><title>New since</title><id>new-atom</id></entry>",
        ),
        "rdf.xml" => (
            "</rdf:RDF>",
            "<item rdf:about=\"https://rdf.example/3\"><title>New since</title>\
             <link>https://rdf.example/3</link></item>",
        ),
        _ => (
            "\n ]}",
            ",\n  {\"id\": \"new-json\", \"title\": \"New since\"}",
        ),
    };
    assert!(feed.contains(end), "{name} ends with {end}");
    feed.replacen(end, &format!("{item}{end}"), 1)
}

/// Each article's id with its title, read mark and bookmark.
fn listed(env: &Env) -> BTreeMap<String, (String, bool, bool)> {
    let list = env.json(&["list", "--json"]);
    list.as_array()
        .expect("a list")
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_string(),
                (
                    a["title"].as_str().unwrap().to_string(),
                    a["read"].as_bool().unwrap(),
                    a["bookmarked"].as_bool().unwrap(),
                ),
            )
        })
        .collect()
}

#[test]
fn a_store_from_before_keeps_every_id_read_mark_and_bookmark_and_gains_no_duplicate() {
    let env = Env::with_config(&fixture("config.toml"));
    // rss2.xml as it was: read whole again all the same, as the old reading stored it.
    env.write("rss2.xml", fixture("rss2.xml"));
    for name in ["atom.xml", "rdf.xml", "json.json"] {
        env.write(name, with_one_more_item(name));
    }
    fs::create_dir_all(env.data_dir()).unwrap();
    rusqlite::Connection::open(env.database())
        .unwrap()
        .execute_batch(&fixture("store-v8.sql"))
        .expect("the old store loads");
    let before: Vec<Value> = serde_json::from_str(&fixture("articles-v8.json")).unwrap();
    assert_eq!(before.len(), 24);

    // Without --force: the feeds were stored by the older reading, and that alone has them
    // read whole again.
    let refresh = env.run(&["refresh"]);
    assert_eq!(refresh.code, Some(0), "{}", refresh.stderr);
    assert!(
        refresh.stdout.contains("Legacy Atom: 1 new"),
        "{}",
        refresh.stdout
    );
    assert!(
        refresh.stdout.contains("Legacy Gazette: 0 new, 4 updated"),
        "the unchanged feed is read again and the articles it reads otherwise now stored \
         again: {}",
        refresh.stdout
    );

    let after = listed(&env);
    for old in &before {
        let id = old["id"].as_str().unwrap();
        let (_, read, bookmarked) = after
            .get(id)
            .unwrap_or_else(|| panic!("{id} ({}) kept its id", old["title"]));
        assert_eq!(*read, old["read"].as_bool().unwrap(), "{id}: read mark");
        assert_eq!(
            *bookmarked,
            old["bookmarked"].as_bool().unwrap(),
            "{id}: bookmark"
        );
    }
    let new: Vec<&String> = after
        .values()
        .map(|(title, _, _)| title)
        .filter(|title| *title == "New since")
        .collect();
    assert_eq!(new.len(), 3, "one new article in each feed that has one");
    assert_eq!(after.len(), before.len() + 3, "no duplicate: {after:#?}");
    assert_eq!(env.ok(&["unread"]).trim(), "17 unread");
    let titles: Vec<&str> = after.values().map(|(title, _, _)| title.as_str()).collect();
    assert!(titles.contains(&"Linked headline & more"), "{titles:?}");
    assert_eq!(
        env.json(&["bookmarks", "--json"]).as_array().unwrap().len(),
        5
    );
}
