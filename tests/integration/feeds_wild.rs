//! Feeds as servers in the wild send them, served on 127.0.0.1 with their headers, read
//! through the binary (`refresh`, `list --json`, `show`): the character set in the HTTP
//! header, UTF-16 big-endian without a byte order mark, Atom 0.3, RSS without a version and
//! in a namespace, relative links resolved against the address after a redirect and against
//! `Content-Location`, and ids that hold across refreshes.

use std::collections::BTreeMap;

use crate::support::cli::Env;
use crate::support::http_server::{ServerResponse, TestServer};
use serde_json::Value;

/// Windows-1252, for the characters these feeds use.
fn cp1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '£' => 0xA3,
            '“' => 0x93,
            '”' => 0x94,
            '’' => 0x92,
            'é' => 0xE9,
            c if c.is_ascii() => c as u8,
            c => panic!("{c} is not in this test's Windows-1252"),
        })
        .collect()
}

fn utf16_big_endian(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

const RELATIVE: &str = "<rss version=\"2.0\"><channel><title>Relative Times</title>\
    <item><guid>rel-1</guid><title>A relative story</title><link>/sub/story-1</link>\
    <description>See &lt;a href=\"about\"&gt;about&lt;/a&gt; and &lt;a href=\"/other\"&gt;other&lt;/a&gt;.</description>\
    </item></channel></rss>";

fn serve() -> TestServer {
    TestServer::start(|request| {
        match request.path.as_str() {
        "/cp1252" => ServerResponse::ok(cp1252(
            "<rss version=\"2.0\"><channel><title>Caf\u{e9} Prices</title>\
             <item><guid>p-1</guid><title>Tea now £5, “dear”</title>\
             <description>It’s dearer.</description></item></channel></rss>",
        ))
        .header("Content-Type", "text/xml; charset=windows-1252"),
        "/utf16" => ServerResponse::ok(utf16_big_endian(
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel>\
             <title>Big End</title><item><guid>u-1</guid><title>Read at last</title></item></channel></rss>",
        ))
        .header("Content-Type", "application/rss+xml"),
        "/atom03" => ServerResponse::ok(
            "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>Old Atom</title>\
             <entry><title>Still read</title><id>tag:old,1</id>\
             <link rel=\"alternate\" type=\"text/html\" href=\"/old/1\"/>\
             <issued>2004-02-03T10:00:00Z</issued>\
             <content type=\"text/html\" mode=\"escaped\">&lt;p&gt;Escaped&lt;/p&gt;</content></entry></feed>",
        ),
        "/namespaced" => ServerResponse::ok(
            "<rss xmlns=\"http://backend.userland.com/rss2\"><channel><title>Spaced</title>\
             <item><title>In a namespace</title><guid>n-1</guid></item></channel></rss>",
        ),
        "/moved" => ServerResponse::new(301).header("Location", "/real/feed.xml"),
        "/real/feed.xml" => ServerResponse::ok(RELATIVE),
        "/located" => {
            ServerResponse::ok(RELATIVE.replace("Relative Times", "Located Times"))
                .header("Content-Location", "/elsewhere/feed.xml")
        }
        _ => ServerResponse::new(404),
    }
    })
}

/// Each article by its feed and title.
fn by_title(list: &Value) -> BTreeMap<(String, String), Value> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let key = (a["source"].as_str().unwrap(), a["title"].as_str().unwrap());
            ((key.0.to_string(), key.1.to_string()), a.clone())
        })
        .collect()
}

#[test]
fn feeds_of_every_kind_read_right_through_the_command_line() {
    let server = serve();
    let base = server.base_url().to_string();
    let env = Env::new();
    for path in [
        "cp1252",
        "utf16",
        "atom03",
        "namespaced",
        "moved",
        "located",
    ] {
        env.ok(&["feeds", "add", &format!("{base}/{path}")]);
    }
    let refresh = env.run(&["refresh"]);
    assert_eq!(
        refresh.code,
        Some(0),
        "{}{}",
        refresh.stdout,
        refresh.stderr
    );
    assert!(
        !refresh.stdout.contains('✗'),
        "every feed read: {}",
        refresh.stdout
    );

    let list = by_title(&env.json(&["list", "--json"]));
    let article = |title: &str| {
        list.iter()
            .find(|((_, known), _)| known == title)
            .map(|(_, article)| article)
            .unwrap_or_else(|| panic!("{title} in {:?}", list.keys()))
    };
    assert_eq!(article("Tea now £5, “dear”")["source"], "Café Prices");
    assert_eq!(article("Read at last")["source"], "Big End");
    assert_eq!(article("In a namespace")["source"], "Spaced");
    let old = article("Still read");
    assert_eq!(old["url"], format!("{base}/old/1"));
    assert_eq!(old["published"], "2004-02-03T10:00:00+00:00");

    // After the redirect, against the address the feed came from.
    let moved = list
        .values()
        .find(|a| a["source"] == "Relative Times")
        .expect("the moved feed's story");
    assert_eq!(moved["url"], format!("{base}/sub/story-1"));
    let shown = env.ok(&["show", moved["id"].as_str().unwrap(), "--width", "100"]);
    assert!(shown.contains(&format!("[1] {base}/sub/about")), "{shown}");
    assert!(shown.contains(&format!("[2] {base}/other")), "{shown}");

    // Content-Location names the document's own address.
    let located = list
        .values()
        .find(|a| a["source"] == "Located Times")
        .expect("the located feed's story");
    assert_eq!(located["url"], format!("{base}/sub/story-1"));

    let shown = env.ok(&[
        "show",
        article("Tea now £5, “dear”")["id"].as_str().unwrap(),
    ]);
    assert!(shown.contains("It’s dearer."), "{shown}");

    // The same documents read again give the same ids: nothing new, nothing doubled.
    let again = env.run(&["refresh", "--force"]);
    assert_eq!(again.code, Some(0));
    assert_eq!(by_title(&env.json(&["list", "--json"])).len(), list.len());
}
