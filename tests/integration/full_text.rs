//! Full text against a real HTTP server on loopback: `tidings read` (pages, saved files,
//! every way a page can fail), the `full_text = true` feeds read after a refresh (politely,
//! once), `show ID --full-text`, and the text kept through refreshes, searches and
//! bookmarks; and `f` in the reader, in tmux.

use std::time::Duration;

use crate::support::cli::Env;
use crate::support::http_server::{ServerRequest, ServerResponse, TestServer};
use crate::support::tmux::{Tmux, status_line};
use serde_json::Value;

/// A news page: menus, the article (its paragraphs name `topic`), related links, a footer.
fn news_page(title: &str, topic: &str) -> String {
    let paragraphs: String = (1..=6)
        .map(|n| {
            format!(
                "<p>Paragraph {n} about {topic}: the council said on Tuesday that the work, \
                 begun {n} years ago, would go on through the winter, and that the town would \
                 hear more of the plans at its meeting in the spring.</p>"
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} | Town News</title>\
         </head><body><header><nav><a href='/'>Home</a> <a href='/town'>Town</a> \
         <a href='/sport'>Sport</a></nav></header><main><article><h1>{title}</h1>\
         <p class='byline'>By A. Reporter</p>{paragraphs}\
         <p>Read the <a href='/council/minutes.html'>minutes of the meeting</a>.</p>\
         </article><div class='related-links'><h3>Related</h3><ul>\
         <li><a href='/a'>Ferry fares rise</a></li><li><a href='/b'>Storm warning</a></li>\
         </ul></div></main><footer>© Town News. All rights reserved.</footer></body></html>"
    )
}

/// An RSS feed of teasers whose links are the given paths on `base`.
fn teaser_feed(base: &str, items: &[(&str, &str)]) -> String {
    let items: String = items
        .iter()
        .enumerate()
        .map(|(n, (title, path))| {
            // Newest first, as the list shows them.
            let day = 28 - n;
            format!(
                "<item><title>{title}</title><link>{base}{path}</link><guid>{path}</guid>\
                 <pubDate>{day} Nov 2026 10:00:00 GMT</pubDate><description>The first \
                 lines only. To read this article in full, please click here.</description></item>"
            )
        })
        .collect();
    format!(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Town News</title>\
         <link>{base}/</link><description>teasers</description>{items}</channel></rss>"
    )
}

fn page_response(html: String) -> ServerResponse {
    ServerResponse::ok(html).header("Content-Type", "text/html; charset=utf-8")
}

fn json_of(env: &Env, args: &[&str]) -> Value {
    env.json(args)
}

/// The id of the listed article whose title starts with `title`.
fn id_of(env: &Env, title: &str) -> String {
    let list = json_of(env, &["list", "--json"]);
    list.as_array()
        .expect("an array")
        .iter()
        .find(|article| {
            article["title"]
                .as_str()
                .is_some_and(|t| t.starts_with(title))
        })
        .and_then(|article| article["id"].as_str())
        .unwrap_or_else(|| panic!("{title} is listed: {list}"))
        .to_string()
}

fn hits(server: &TestServer, path: &str) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.request.path == path)
        .count()
}

// ---------------------------------------------------------------------------------------
// tidings read
// ---------------------------------------------------------------------------------------

fn read_server() -> TestServer {
    TestServer::start(|request: &ServerRequest| match request.path.as_str() {
        "/story.html" => page_response(news_page("Bridge reopens", "the bridge")),
        "/old-story" => ServerResponse::new(301).header("Location", "/story.html"),
        "/forbidden.html" => ServerResponse::new(403),
        "/stall.html" => page_response(news_page("Slow", "the wait")).stall(Duration::from_secs(4)),
        "/huge.html" => page_response(format!(
            "<html><body><p>{}</p></body></html>",
            "big page ".repeat(250_000)
        )),
        "/data.json" => ServerResponse::ok("{\"story\": \"not a page\"}")
            .header("Content-Type", "application/json"),
        "/cyrillic.html" => {
            let text = "<html><body><article><p>Правительство объявило о новых мерах \
                        поддержки малого бизнеса в регионах страны, сообщили в министерстве \
                        экономики во вторник.</p></article></body></html>";
            let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
            ServerResponse::ok(bytes.into_owned())
                .header("Content-Type", "text/html; charset=windows-1251")
        }
        _ => ServerResponse::new(404),
    })
}

#[test]
fn read_prints_a_pages_article_as_show_does() {
    let server = read_server();
    let env = Env::new();
    let out = env.ok(&["read", &server.url("/story.html"), "--width", "60"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Bridge reopens | Town News", "{out}");
    assert!(lines[1].starts_with("127.0.0.1"), "{out}");
    assert!(out.contains("Paragraph 6 about the bridge"), "{out}");
    assert!(lines.iter().all(|line| line.chars().count() <= 60), "{out}");
    for unwanted in [
        "Home",
        "Sport",
        "Ferry fares",
        "All rights reserved",
        "By A. Reporter",
    ] {
        assert!(!out.contains(unwanted), "{unwanted:?} in {out}");
    }
    assert!(out.contains("minutes of the meeting [1]"), "{out}");
    assert!(
        out.contains(&format!("[1] {}", server.url("/council/minutes.html"))),
        "{out}"
    );
    // The page is asked for as a reader asks for it.
    let request = &server.requests()[0].request;
    assert!(
        request
            .header("user-agent")
            .is_some_and(|agent| agent.starts_with("tidings/")),
        "{request:?}"
    );
}

#[test]
fn read_json_has_the_fields_and_plain_paragraphs() {
    let server = read_server();
    let env = Env::new();
    let page = json_of(&env, &["read", "--json", &server.url("/old-story")]);
    let keys: Vec<&str> = page
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        [
            "byline",
            "links",
            "published",
            "site",
            "text",
            "title",
            "url"
        ]
    );
    // The redirect was followed: the address is the page's own.
    assert_eq!(page["url"], server.url("/story.html"));
    assert_eq!(page["links"][0], server.url("/council/minutes.html"));
    let text = page["text"].as_str().unwrap();
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 7, "{text}");
    assert!(
        paragraphs[0].starts_with("Paragraph 1 about the bridge"),
        "{text}"
    );
    assert_eq!(paragraphs[6], "Read the minutes of the meeting.");
    assert!(!text.contains('[') && !text.contains("http"), "{text}");
}

#[test]
fn read_says_in_words_why_a_page_could_not_be_read() {
    let server = read_server();
    let env = Env::with_config("[fetch]\ntimeout = 1\nmax_size_mb = 1\n");
    for (path, expected) in [
        ("/missing.html", "HTTP 404 Not Found"),
        ("/forbidden.html", "HTTP 403 Forbidden"),
        ("/stall.html", "timed out after 1 s"),
        ("/huge.html", "the response is larger than 1 MB"),
        ("/data.json", "not a web page (application/json)"),
    ] {
        let url = server.url(path);
        let line = env.error(&["read", &url]);
        assert_eq!(line, format!("error: {url}: {expected}"), "{path}");
    }
}

#[test]
fn read_decodes_a_page_in_its_declared_character_set() {
    let server = read_server();
    let env = Env::new();
    let page = json_of(&env, &["read", "--json", &server.url("/cyrillic.html")]);
    assert!(
        page["text"]
            .as_str()
            .unwrap()
            .starts_with("Правительство объявило"),
        "{page}"
    );
}

#[test]
fn read_takes_a_saved_file_and_names_one_that_is_missing() {
    let env = Env::new();
    let undeclared = {
        let text = format!("<html><body><article>{}</article></body></html>", {
            let p = "<p>東京都は新しい防災計画を発表し、住民に避難経路の確認を呼びかけた。</p>";
            p.repeat(4)
        });
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
        bytes.into_owned()
    };
    let path = env.write("saved/story.html", news_page("Saved story", "the archive"));
    let sjis = env.write("saved/tokyo.html", undeclared);
    let page = json_of(&env, &["read", "--json", path.to_str().unwrap()]);
    assert!(
        page["text"]
            .as_str()
            .unwrap()
            .contains("Paragraph 1 about the archive")
    );
    assert_eq!(page["url"], Value::Null);
    let page = json_of(&env, &["read", "--json", sjis.to_str().unwrap()]);
    assert!(
        page["text"]
            .as_str()
            .unwrap()
            .starts_with("東京都は新しい防災計画"),
        "{page}"
    );
    // Named once (issue 18): the file's own error says which.
    assert_eq!(
        env.error(&["read", "no-such-page.html"]),
        "error: cannot read no-such-page.html: no such file or folder"
    );
    let listing = env.write("links.html", {
        let links: String = (0..40)
            .map(|n| format!("<li><a href='/{n}'>Story {n}</a></li>"))
            .collect();
        format!("<html><body><ul>{links}</ul></body></html>")
    });
    let line = env.error(&["read", listing.to_str().unwrap()]);
    assert!(line.ends_with(": no article found on the page"), "{line}");
}

// ---------------------------------------------------------------------------------------
// Feeds with full_text = true, show --full-text, what is kept
// ---------------------------------------------------------------------------------------

fn feed_server(items: Vec<(&'static str, &'static str)>) -> TestServer {
    TestServer::start(move |request: &ServerRequest| {
        let base = format!("http://{}", request.header("host").unwrap_or_default());
        match request.path.split('?').next().unwrap_or_default() {
            "/feed.xml" => ServerResponse::ok(teaser_feed(&base, &items)),
            "/bridge.html" => page_response(news_page("Bridge reopens", "the bridge")),
            "/ferry.html" => page_response(news_page("Ferry returns", "the zeppelin ferry")),
            "/slow.html" => {
                page_response(news_page("Slow page", "patience")).stall(Duration::from_millis(300))
            }
            "/busy.html" => ServerResponse::new(429).header("Retry-After", "3600"),
            _ => ServerResponse::new(404),
        }
    })
}

#[test]
fn a_full_text_feed_is_read_after_the_refresh_once_and_kept() {
    let server = feed_server(vec![
        ("Bridge reopens", "/bridge.html"),
        ("Ferry returns", "/ferry.html"),
        ("Gone", "/gone.html"),
    ]);
    let env = Env::with_config(&format!(
        "[[feeds]]\nurl = \"{}\"\nfull_text = true\n",
        server.url("/feed.xml")
    ));
    let run = env.run(&["refresh"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("full text of 2 articles read, 1 failed"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains(&format!(
            "full text of {}: HTTP 404 Not Found",
            server.url("/gone.html")
        )),
        "{}",
        run.stderr
    );
    assert_eq!(hits(&server, "/bridge.html"), 1);

    // Shown from the store, without asking again; found by words only the page has.
    let bridge = id_of(&env, "Bridge reopens");
    let out = env.ok(&["show", &bridge, "--full-text", "--width", "70"]);
    assert!(out.contains("full text from 127.0.0.1"), "{out}");
    assert!(out.contains("Paragraph 6 about the bridge"), "{out}");
    assert!(!out.contains("please click here"), "{out}");
    let plain = env.ok(&["show", &bridge]);
    assert!(plain.contains("please click here"), "{plain}");
    let found = json_of(&env, &["list", "--json", "--search", "zeppelin"]);
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    assert_eq!(found[0]["title"], "Ferry returns");

    // A second refresh reads no page again, failed ones included.
    assert_eq!(env.run(&["refresh", "--force"]).code, Some(0));
    assert_eq!(hits(&server, "/bridge.html"), 1);
    assert_eq!(hits(&server, "/gone.html"), 1);

    // A bookmark keeps the full text when the feed is gone.
    env.ok(&["bookmark", "add", &bridge]);
    std::fs::write(env.config(), "").unwrap();
    let out = env.ok(&["show", &bridge, "--full-text"]);
    assert!(out.contains("Paragraph 6 about the bridge"), "{out}");
    assert_eq!(hits(&server, "/bridge.html"), 1);

    // Asked for in person, a failed page is tried again and the failure named.
    env.write(
        "config.toml",
        format!("[[feeds]]\nurl = \"{}\"\n", server.url("/feed.xml")),
    );
    let gone = id_of(&env, "Gone");
    let line = env.error(&["show", &gone, "--full-text"]);
    assert_eq!(
        line,
        format!(
            "error: cannot read the full text of {gone} from {}: HTTP 404 Not Found",
            server.url("/gone.html")
        )
    );
    assert_eq!(hits(&server, "/gone.html"), 2);
}

#[test]
fn pages_are_read_a_few_at_once_and_a_host_that_asks_to_wait_is_left_alone() {
    let server = feed_server(vec![
        ("Slow one", "/slow.html?1"),
        ("Slow two", "/slow.html?2"),
        ("Slow three", "/slow.html?3"),
        ("Slow four", "/slow.html?4"),
        ("Slow five", "/slow.html?5"),
    ]);
    let env = Env::new();
    env.ok(&[
        "feeds",
        "add",
        "--no-check",
        &server.url("/feed.xml"),
        "--full-text",
    ]);
    let feeds = json_of(&env, &["feeds", "list", "--json"]);
    assert_eq!(feeds[0]["full_text"], true);
    let run = env.run(&["refresh"]);
    assert!(
        run.stdout.contains("full text of 5 articles read"),
        "{}",
        run.stdout
    );
    // The feed, then the pages: never more than two at once from one host.
    assert!(server.most_at_once() <= 2, "{}", server.most_at_once());
    assert_eq!(server.requests().len(), 6);

    let busy = feed_server(vec![
        ("Busy one", "/busy.html?1"),
        ("Busy two", "/busy.html?2"),
        ("Busy three", "/busy.html?3"),
        ("Busy four", "/busy.html?4"),
    ]);
    let env = Env::new();
    env.ok(&[
        "feeds",
        "add",
        "--no-check",
        &busy.url("/feed.xml"),
        "--full-text",
    ]);
    let run = env.run(&["refresh"]);
    assert!(
        !run.stdout.contains("full text of"),
        "nothing read, nothing failed: {}",
        run.stdout
    );
    let asked = busy
        .requests()
        .iter()
        .filter(|r| r.request.path.starts_with("/busy"))
        .count();
    assert!(
        asked < 4,
        "the host asked to wait, yet was asked {asked} times"
    );
    // Nothing was kept: the next refresh asks again.
    assert_eq!(env.run(&["refresh", "--force"]).code, Some(0));
    let again = busy
        .requests()
        .iter()
        .filter(|r| r.request.path.starts_with("/busy"))
        .count();
    assert!(again > asked);
}

// ---------------------------------------------------------------------------------------
// f in the reader
// ---------------------------------------------------------------------------------------

#[test]
fn f_in_the_reader_shows_the_full_text_says_why_not_and_goes_back() {
    let server = feed_server(vec![
        ("Bridge reopens", "/bridge.html"),
        ("Gone", "/gone.html"),
    ]);
    let mut tmux = Tmux::new("");
    tmux.cli(&["feeds", "add", "--no-check", &server.url("/feed.xml")]);
    tmux.start(&[], &[]);
    tmux.wait_until("the refresh on start", |s| {
        status_line(s).contains("Town News: +")
    });
    tmux.keys(&["Enter"]);
    tmux.wait_for("please click here");
    tmux.keys(&["f"]);
    // The line under the byline may wrap: its start is looked for.
    let screen = tmux.wait_for("full text from 127.0.0.1 · f shows the");
    assert!(screen.contains("Paragraph 1 about the bridge"), "{screen}");
    assert!(!screen.contains("please click here"), "{screen}");
    tmux.keys(&["f"]);
    let screen = tmux.wait_for("the feed's text · f shows the full text");
    assert!(screen.contains("please click here"), "{screen}");
    assert_eq!(hits(&server, "/bridge.html"), 1);

    // Back to the list (h, as Esc followed at once by a key reads as Alt), the next article.
    tmux.keys(&["h"]);
    tmux.keys(&["j"]);
    tmux.keys(&["f"]);
    let screen = tmux.wait_for("no full text: HTTP 404 Not Found · f");
    assert!(
        screen.contains("please click here"),
        "the summary stays: {screen}"
    );
    tmux.quit();
}

/// `tidings ARGS` with `TIDINGS_TEST_PANIC=panic` (the debug binary honours it) and
/// `RUST_BACKTRACE=1`, so that a panic that reached the terminal would show its backtrace.
fn run_with_panic(env: &Env, panic: &str, args: &[&str]) -> crate::support::cli::Run {
    let output = env
        .command(args)
        .env("TIDINGS_TEST_PANIC", panic)
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("run tidings");
    let run = crate::support::cli::Run::from(output);
    for sign in ["panicked at", "stack backtrace", "TIDINGS_TEST_PANIC"] {
        assert!(
            !run.stdout.contains(sign) && !run.stderr.contains(sign),
            "{sign:?} printed:\n{}\n{}",
            run.stdout,
            run.stderr
        );
    }
    run
}

#[test]
fn a_page_whose_reader_panics_is_that_pages_error_in_words() {
    let server = read_server();
    let env = Env::new();
    let url = server.url("/story.html");
    let run = run_with_panic(&env, "page:/story.html", &["read", &url]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert_eq!(
        run.stderr,
        format!("error: {url}: internal error in the page reader\n")
    );
    // A saved page, read from its file, the same.
    let saved = env.write(
        "saved-story.html",
        news_page("Bridge reopens", "the bridge"),
    );
    let saved = saved.to_str().expect("UTF-8");
    let run = run_with_panic(&env, "page:saved-story", &["read", saved]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(
        run.stderr
            .ends_with(": internal error in the page reader\n"),
        "{}",
        run.stderr
    );

    // After a refresh, one page panics and the others are read and kept.
    let server = feed_server(vec![
        ("Bridge reopens", "/bridge.html"),
        ("Ferry returns", "/ferry.html"),
    ]);
    let env = Env::with_config(&format!(
        "[[feeds]]\nurl = \"{}\"\nfull_text = true\n",
        server.url("/feed.xml")
    ));
    let run = run_with_panic(&env, "page:/ferry.html", &["refresh"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains("full text of 1 article read, 1 failed"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains(&format!(
            "full text of {}: internal error in the page reader",
            server.url("/ferry.html")
        )),
        "{}",
        run.stderr
    );
    let bridge = id_of(&env, "Bridge reopens");
    let out = env.ok(&["show", &bridge, "--full-text", "--width", "70"]);
    assert!(out.contains("Paragraph 6 about the bridge"), "{out}");
}
