//! Hostile and broken input through the real binary: articles and feeds full of terminal escape
//! sequences, entity bombs, huge and deeply nested documents, broken files, bad configs, data
//! dirs that cannot be used and databases that must be refused. Each gives a clear message
//! (`warning:` or `error: …` naming what is at fault) and everything else keeps working.
//!
//! The fixtures are in `tests/fixtures/hostile/`; the large ones are made here.

use std::fs;
use std::path::Path;

use crate::support::cli::Env;
use crate::support::hostile::{fixture, s};
use serde_json::Value;

/// Characters that must never reach a terminal from an article: every control character but
/// newline (ESC, BEL, BS, CR, DEL, the C1 controls such as U+009B CSI), and the invisible
/// characters that reorder or hide text (bidi overrides and isolates, zero-width characters).
fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c,
            '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

fn assert_terminal_safe(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| forbidden(c)) {
        panic!("{what} holds {c:?}: {text:?}");
    }
}

/// Every string anywhere in a JSON value, so that the decoded text is checked, not only the
/// escaped JSON.
fn strings(value: &Value) -> Vec<&str> {
    match value {
        Value::String(text) => vec![text],
        Value::Array(items) => items.iter().flat_map(strings).collect(),
        Value::Object(map) => map.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

fn articles(env: &Env, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["list", "--json"];
    all.extend_from_slice(args);
    env.json(&all).as_array().expect("a JSON array").clone()
}

fn text_of(value: &Value, key: &str) -> String {
    value[key].as_str().unwrap_or_default().to_string()
}

const GOOD: &str = "Good article\n\nThis one is fine and must still be listed.\n\nTags: Fine\n";

// ---------------------------------------------------------------------------------------
// Escape sequences
// ---------------------------------------------------------------------------------------

/// CSI, OSC 0 (window title), OSC 52 (clipboard), OSC 8 (hyperlink), DCS, APC, PM, SOS, the C1
/// controls, BEL, backspace and carriage-return tricks, bidi overrides and zero-width
/// characters, raw and as numeric entities, in title, author, tags, body, link text and feed
/// name, in every article format.
#[test]
fn escape_sequences_in_every_field_of_every_format_never_reach_the_output() {
    let env = Env::new();
    let mut saved = 0;
    for name in [
        "escapes.txt",
        "escapes.md",
        "escapes-entities.rss",
        "escapes-raw.atom",
    ] {
        let file = fixture(name);
        let source = s(&file);
        for args in [
            vec!["list", source],
            vec!["list", "--json", source],
            vec!["tags", source],
            vec!["tags", "--json", source],
        ] {
            let out = env.ok(&args);
            assert!(!out.trim().is_empty(), "{args:?} printed nothing");
            assert_terminal_safe(&format!("{name}: tidings {args:?}"), &out);
        }
        let listed = articles(&env, &[source]);
        assert!(!listed.is_empty(), "{name} gives articles");
        for article in &listed {
            for text in strings(article) {
                assert_terminal_safe(&format!("{name}: a JSON field"), text);
            }
            let id = text_of(article, "id");
            let shown = env.ok(&["show", &id, "--width", "60", source]);
            assert_terminal_safe(&format!("{name}: show {id}"), &shown);
            assert!(
                shown.lines().all(|line| line.chars().count() <= 60),
                "{name}: show {id} wraps at 60:\n{shown}"
            );
            env.ok(&["bookmark", "add", &id, source]);
            saved += 1;
        }
    }
    // The saved copies print as safely as the sources did.
    let bookmarks = env.ok(&["bookmarks"]);
    assert_terminal_safe("bookmarks", &bookmarks);
    assert_eq!(bookmarks.lines().count(), saved, "{bookmarks}");
    let json = env.json(&["bookmarks", "--json"]);
    for text in strings(&json) {
        assert_terminal_safe("bookmarks --json", text);
    }
}

#[test]
fn escapes_are_removed_and_the_text_around_them_kept() {
    let env = Env::new();
    let feed = fixture("escapes-entities.rss");
    let listed = articles(&env, &[s(&feed)]);
    let first = listed
        .iter()
        .find(|a| text_of(a, "title").starts_with("Entity title"))
        .expect("the first item");
    let title = text_of(first, "title");
    for kept in [
        "csi[2J[31mred[0m",
        "osc0]0;pwned-title",
        "osc52]52;c;aGk=",
        "osc8]8;;https://evil.example/\\hyperlink",
        "dcsP1$r\\",
        "c1csi31m",
        "bel bs-trick",
        // Backspaces cannot rub out text; a carriage return cannot hide what came before.
        "safeevil",
        "innocent EVIL",
        // Bidi overrides and zero-width characters are gone; the letters stay in their order.
        "bidignp.exe",
        "zerowidth",
        "isolate",
    ] {
        assert!(title.contains(kept), "{kept:?} not in {title:?}");
    }
    assert_eq!(text_of(first, "source"), "Feed ]0;feedname name [31m");
    assert_eq!(text_of(first, "author"), "Author ]52;c;aGk= 31m");
    assert_eq!(
        first["tags"],
        serde_json::json!(["cat[31m", "osc]0;x", "c12J"])
    );
    let id = text_of(first, "id");
    let shown = env.ok(&["show", &id, "--width", "200", s(&feed)]);
    assert!(
        shown.contains("link ]8;;https://evil.example/\\text31m"),
        "{shown}"
    );

    // An id typed with escapes is named in the error without them.
    let line = env.error(&["show", "\x1b]0;x\x07abcd\u{9b}2J", s(&feed)]);
    assert_terminal_safe("the error line", &line);
    assert!(line.contains("]0;xabcd"), "{line}");
}

// ---------------------------------------------------------------------------------------
// Entities, size and nesting
// ---------------------------------------------------------------------------------------

#[test]
fn entity_bombs_and_external_entities_are_not_expanded() {
    let env = Env::new();
    let laughs = fixture("billion-laughs.rss");
    let listed = articles(&env, &[s(&laughs)]);
    assert_eq!(listed.len(), 1);
    let id = text_of(&listed[0], "id");
    let shown = env.ok(&["show", &id, s(&laughs)]);
    assert!(shown.len() < 10_000, "the entities were expanded");
    assert!(!shown.contains("lollollol"), "{shown}");

    let external = fixture("external-entity.rss");
    let passwd = fs::read_to_string("/etc/passwd").unwrap_or_default();
    let secret = passwd.lines().next().unwrap_or("root:x:0:0");
    let listed = articles(&env, &[s(&external)]);
    assert_eq!(listed.len(), 1);
    let id = text_of(&listed[0], "id");
    for out in [
        env.ok(&["list", "--json", s(&external)]),
        env.ok(&["show", &id, s(&external)]),
    ] {
        assert!(!out.contains(secret), "/etc/passwd was read: {out}");
        assert!(!out.contains("root:"), "/etc/passwd was read: {out}");
    }
}

/// A 100 KB word and 10,000 tags on one item, in a feed and in a text file; 10,000 levels of
/// Markdown quotes and lists.
#[test]
fn huge_words_and_thousands_of_tags_are_handled() {
    let env = Env::new();
    let word = "w".repeat(100_000);
    let categories: String = (0..10_000)
        .map(|i| format!("<category>tag{i}</category>"))
        .collect();
    let feed = env.write(
        "huge.rss",
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Huge</title>\
             <item><title>Long {word}</title><guid>long</guid>\
             <description><![CDATA[<p>Start {word} end</p>]]></description>{categories}</item>\
             </channel></rss>"
        ),
    );
    let tags_line: Vec<String> = (0..10_000).map(|i| format!("tag{i}")).collect();
    let text = env.write(
        "huge.txt",
        format!(
            "Text {word}\n\nBody {word} end.\n\nTags: {}\n",
            tags_line.join(", ")
        ),
    );
    let markdown = env.write(
        "nested.md",
        format!(
            "# Nested quotes\n\n{}quoted\n\n{}listed\n",
            "> ".repeat(10_000),
            "- ".repeat(10_000)
        ),
    );

    for file in [&feed, &text, &markdown] {
        let listed = articles(&env, &[s(file)]);
        assert_eq!(listed.len(), 1, "{}", file.display());
        let id = text_of(&listed[0], "id");
        let shown = env.ok(&["show", &id, "--width", "80", s(file)]);
        if let Some(line) = shown.lines().find(|line| line.chars().count() > 80) {
            panic!("{}: show {id} is wider than 80: {line:?}", file.display());
        }
        if file != &markdown {
            assert_eq!(listed[0]["tags"].as_array().expect("tags").len(), 10_000);
            assert!(shown.contains(&"w".repeat(70)), "the long word is shown");
        } else {
            assert!(
                shown.contains("quoted") && shown.contains("listed"),
                "{shown}"
            );
        }
    }
    let tags = env.json(&["tags", "--json", s(&text)]);
    assert_eq!(tags.as_array().expect("tags").len(), 10_000);
}

/// An RSS feed of one item with this title (in lower case, its guid) and HTML.
fn one_item_feed(title: &str, html: &str) -> String {
    let guid = title.to_lowercase();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Deep</title>\
         <item><title>{title}</title><guid>{guid}</guid>\
         <description><![CDATA[{html}]]></description></item></channel></rss>"
    )
}

/// 10,000 levels of HTML nesting in a feed item (divs; and divs, quotes and lists): no stack
/// overflow, and the text in the depths is still shown, within the width.
#[test]
fn ten_thousand_levels_of_html_nesting_are_handled() {
    let env = Env::new();
    let nested = format!(
        "{}deep inside{}",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    let feed = env.write("nested.rss", one_item_feed("Nested", &nested));
    let mixed = format!(
        "{}deep inside{}",
        "<div><blockquote><ul><li>".repeat(2_500),
        "</li></ul></blockquote></div>".repeat(2_500)
    );
    let mixed_feed = env.write("mixed.rss", one_item_feed("Mixed", &mixed));
    for file in [&feed, &mixed_feed] {
        let listed = articles(&env, &[s(file)]);
        assert_eq!(listed.len(), 1);
        let id = text_of(&listed[0], "id");
        let shown = env.ok(&["show", &id, "--width", "80", s(file)]);
        assert!(shown.contains("deep inside"), "{shown}");
        assert!(shown.lines().all(|line| line.chars().count() <= 80));
    }
}

/// The fetch size limit bounds a feed named by a `file://` address or fetched over HTTP.
#[test]
fn a_feed_over_the_size_limit_is_refused_in_words() {
    let env = Env::with_config("[fetch]\nmax_size_mb = 1\n");
    let item = format!(
        "<item><title>Big</title><description>{}</description></item>",
        "x".repeat(1000)
    );
    let big = env.write(
        "big.rss",
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>{}\
             </channel></rss>",
            item.repeat(1_500)
        ),
    );
    let url = format!("file://{}", s(&big));
    let line = env.error(&["list", &url]);
    assert!(line.contains("larger than 1 MB"), "{line}");
    assert!(line.contains(s(&big)), "{line}");

    let server = crate::support::http_server::TestServer::start({
        let body = fs::read(&big).expect("read the feed");
        move |_| crate::support::http_server::ServerResponse::ok(body.clone())
    });
    let line = env.error(&["list", &server.url("/big.rss")]);
    assert!(line.contains("larger than 1 MB"), "{line}");
}

// ---------------------------------------------------------------------------------------
// Broken and odd feeds
// ---------------------------------------------------------------------------------------

#[test]
fn broken_feed_files_are_named_in_a_warning_and_the_rest_still_works() {
    let env = Env::new();
    let good = env.write("good.txt", GOOD);
    let broken = [("empty.rss", "not a feed"), ("garbage.rss", "not a feed")];
    // Damaged but not empty: what can be read of them is kept.
    let salvaged = [
        ("invalid-utf8.rss", "Bad \u{FFFD} bytes"),
        ("wrong-encoding.rss", "Café déjà vu"),
        ("truncated.rss", "Whole item"),
    ];
    let mut args = vec!["list".to_string()];
    args.extend(broken.iter().map(|(name, _)| s(&fixture(name)).to_string()));
    args.extend(
        salvaged
            .iter()
            .map(|(name, _)| s(&fixture(name)).to_string()),
    );
    args.push(s(&good).to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = env.run(&args);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_terminal_safe("stderr", &run.stderr);
    assert_terminal_safe("stdout", &run.stdout);
    assert!(run.stdout.contains("Good article"), "{}", run.stdout);
    for (name, title) in salvaged {
        assert!(run.stdout.contains(title), "{name}: {}", run.stdout);
    }
    assert!(
        !run.stdout.contains("Cut item"),
        "the item cut off is left out"
    );
    assert_eq!(run.stdout.lines().count(), 4, "{}", run.stdout);
    let warnings: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(warnings.len(), broken.len(), "{}", run.stderr);
    for (name, why) in broken {
        let path = fixture(name);
        let warning = warnings
            .iter()
            .find(|w| w.contains(s(&path)))
            .unwrap_or_else(|| panic!("no warning names {name}: {}", run.stderr));
        assert!(warning.starts_with("warning: "), "{warning}");
        assert!(warning.contains(why), "{warning}");
    }

    // Bookmarking works beside them.
    let id = text_of(&articles(&env, &[s(&good)])[0], "id");
    let run = env.run(&["bookmark", "add", &id, s(&fixture("garbage.rss")), s(&good)]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(env.ok(&["bookmarks"]).contains("Good article"));
}

#[test]
fn items_without_title_link_or_date_impossible_dates_and_duplicate_ids_still_list() {
    let env = Env::new();
    let bare = articles(&env, &[s(&fixture("no-title-link-date.rss"))]);
    assert_eq!(
        bare.len(),
        3,
        "items with nothing to name them are told apart by their text"
    );
    for article in &bare {
        assert_eq!(text_of(article, "title"), "(no title)");
        assert_eq!(article["published"], Value::Null);
        env.ok(&[
            "show",
            &text_of(article, "id"),
            s(&fixture("no-title-link-date.rss")),
        ]);
    }

    let dated = articles(&env, &[s(&fixture("impossible-dates.rss"))]);
    assert_eq!(dated.len(), 6, "every item is kept");
    for article in &dated {
        assert_eq!(article["published"], Value::Null, "{article}");
    }

    let duplicates = articles(&env, &[s(&fixture("duplicate-ids.rss"))]);
    let mut ids: Vec<String> = duplicates.iter().map(|a| text_of(a, "id")).collect();
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "ids are unique: {duplicates:?}");
    assert_eq!(
        count, 2,
        "one article per guid and per link: {duplicates:?}"
    );
    for id in &ids {
        env.ok(&["show", id, s(&fixture("duplicate-ids.rss"))]);
    }
}

// ---------------------------------------------------------------------------------------
// Config, data dir and database
// ---------------------------------------------------------------------------------------

#[test]
fn a_bad_config_is_one_error_line_for_every_command_and_the_reader() {
    for (config, expected) in [
        (
            "samples = \"yes\"\n",
            ":1:11: samples must be true or false",
        ),
        (
            "keep_days = -5\n",
            ":1:13: keep_days must be a whole number of days, 0 or more",
        ),
        ("colour = 3\n", ":1:1: unknown key \"colour\""),
        (
            "[layout]\nwide = 3\n",
            ":2:1: unknown key \"wide\" in [layout]: use ",
        ),
        ("[keys]\nfly = [\"f\"]\n", ":2:1: \"fly\" is not an action"),
        (
            "[keys]\nquit = \"q\"\n",
            ":2:8: quit must be a list of keys, like [\"q\", \"ctrl-c\"]",
        ),
        (
            "[keys]\nquit = [\"ctrl-\"]\n",
            ":2:9: \"ctrl-\" is not a key",
        ),
        (
            "[keys]\nquit = [\"\\u001b[A\"]\n",
            ":2:9: \"[A\" is not a key",
        ),
        // Bindings that would leave the reader impossible to quit, or a key one action never
        // gets: at the binding's own line.
        (
            "[keys]\nquit = []\n",
            ":2:8: quit has no key here, so tidings could not be left",
        ),
        (
            "[keys]\nhelp = [\"q\", \"ctrl-c\"]\n",
            ":2:14: quit has no key left, so tidings could not be left",
        ),
        (
            "[keys]\nquit = [\"b\"]\nhelp = [\"b\"]\n",
            ":3:9: \"b\" is also bound to quit (line 2), and help takes it first, so quit would never get it",
        ),
        (
            "[theme]\naccent = \"purplish\"\n",
            ":2:10: unknown colour \"purplish\"",
        ),
        ("[theme]\naccent = \"#12345\"\n", ":2:10: unknown colour"),
        (
            "[theme]\naccent = \"\\u001b]0;x\\u0007\"\n",
            "unknown colour \"]0;x\"",
        ),
        (
            "[theme]\naccent = 7\n",
            ":2:10: accent must be a colour in quotes",
        ),
        (
            "[fetch]\nmax_size_mb = -1\n",
            ":2:15: max_size_mb = -1 is out of range",
        ),
        ("samples = [\n", ":1:"),
    ] {
        let env = Env::with_config(config);
        let path = env.config();
        for args in [
            &["list"][..],
            &["bookmarks"],
            &["tags"],
            &["bookmark", "add", "abcd"],
            &["check-config"],
            // The reader itself: the config is read before the terminal is touched.
            &[],
        ] {
            let line = env.error(args);
            assert_terminal_safe("the error line", &line);
            assert!(
                line.starts_with(&format!("error: {}:", s(&path))),
                "{config:?}, {args:?}: {line}"
            );
            assert!(line.contains(expected), "{config:?}, {args:?}: {line}");
        }
        assert!(!env.data_dir().exists(), "nothing was written");
    }
}

#[test]
fn a_data_dir_that_cannot_be_made_is_named_and_reading_still_works() {
    let env = Env::new();
    let file = env.write("plain-file", "not a folder");
    let data_dir = file.join("tidings");
    let dir = s(&data_dir);
    let line = env.error(&["--data-dir", dir, "bookmarks"]);
    assert!(line.contains(&format!("cannot write {dir} (")), "{line}");

    let run = env.run(&["--data-dir", dir, "list"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 14, "the samples are listed");
    assert!(
        run.stderr.starts_with("warning: ") && run.stderr.contains(dir),
        "{}",
        run.stderr
    );
    let id = run.stdout.split_whitespace().next().expect("an id");
    let line = env.error(&["--data-dir", dir, "bookmark", "add", id]);
    assert!(line.contains(dir), "{line}");
    assert_eq!(fs::read_to_string(&file).expect("read"), "not a folder");

    // A data dir that does not exist yet, folders and all, is made on the first change.
    let fresh = env.root().join("a/b/c");
    env.ok(&["--data-dir", s(&fresh), "bookmark", "add", id]);
    assert_eq!(
        env.ok(&["--data-dir", s(&fresh), "bookmarks"])
            .lines()
            .count(),
        1
    );
}

/// Sets up a real database with a bookmark, then damages it with `damage`; every command that
/// writes or reads the store is refused with a message naming the file, reading articles still
/// works, and the file is left byte for byte as it was, with no journal or WAL file beside it.
fn assert_refused_untouched(damage: impl Fn(&Path), expected: &str) {
    let env = Env::new();
    let list = env.ok(&["list"]);
    let id = list.split_whitespace().next().expect("an id").to_string();
    env.ok(&["bookmark", "add", &id]);
    damage(&env.database());
    let before = fs::read(env.database()).expect("read the database");

    for args in [
        &["bookmarks"][..],
        &["bookmark", "add", &id],
        &["bookmark", "remove", &id],
    ] {
        let line = env.error(args);
        assert!(line.contains(s(&env.database())), "{args:?}: {line}");
        assert!(line.contains(expected), "{args:?}: {line}");
        assert!(line.contains("left as it is"), "{args:?}: {line}");
    }
    let run = env.run(&["list"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 14);
    assert!(run.stderr.starts_with("warning: "), "{}", run.stderr);

    assert_eq!(
        fs::read(env.database()).expect("read"),
        before,
        "the database changed"
    );
    let left: Vec<_> = fs::read_dir(env.data_dir())
        .expect("list the data dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left, ["tidings.db"], "no journal or WAL files were made");
}

/// Makes the database a single file again (no WAL), as it would be after a clean exit.
fn checkpoint(database: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(database).expect("open the database");
    conn.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))
        .expect("leave WAL");
    conn
}

#[test]
fn a_database_from_a_newer_build_is_refused_and_left_untouched() {
    assert_refused_untouched(
        |database| {
            let conn = checkpoint(database);
            conn.pragma_update(None, "user_version", 9_999)
                .expect("set the version");
        },
        "was written by a newer tidings (schema 9999",
    );
}

#[test]
fn a_truncated_database_is_refused_and_left_untouched() {
    assert_refused_untouched(
        |database| {
            drop(checkpoint(database));
            let bytes = fs::read(database).expect("read");
            assert!(bytes.len() > 8192, "a database of several pages");
            fs::write(database, &bytes[..bytes.len() / 2 + 100]).expect("truncate");
        },
        "is not a tidings database or is damaged",
    );
}

/// A data dir that exists but that even root cannot write in: `/proc/self`.
#[cfg(target_os = "linux")]
#[test]
fn a_data_dir_nobody_can_write_is_named_and_reading_still_works() {
    let env = Env::new();
    let line = env.error(&["--data-dir", "/proc/self", "bookmarks"]);
    assert!(
        line.contains("cannot write /proc/self/tidings.db ("),
        "{line}"
    );
    let run = env.run(&["--data-dir", "/proc/self", "list"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 14, "the samples are listed");
    assert!(
        run.stderr.contains("/proc/self/tidings.db"),
        "{}",
        run.stderr
    );
}

/// In the reader, a refused database and an unwritable data dir are said in the status line;
/// the articles are still listed and read; a bookmark is refused in words; the file is left
/// as it was.
#[test]
fn the_reader_says_why_bookmarks_cannot_be_saved_and_keeps_working() {
    use crate::support::tmux::{Tmux, status_line};

    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 31 + 7) as u8).collect();
    for data_dir in [None, Some("/proc/self")] {
        let mut tmux = Tmux::new("");
        let expected = match data_dir {
            None => {
                fs::create_dir_all(tmux.data_dir()).expect("the data dir");
                fs::write(tmux.data_dir().join("tidings.db"), &garbage).expect("garbage");
                "is not a tidings database or is damaged"
            }
            Some(_) => "cannot write /proc/self/tidings.db",
        };
        let args: Vec<&str> = data_dir.map_or(vec![], |dir| vec!["--data-dir", dir]);
        tmux.start(&args, &[]);
        // Wide enough for the whole message after the temporary folder's name.
        tmux.resize(250, 40);
        tmux.wait_until("the problem in the status line", |screen| {
            screen.contains("╭ Articles ")
                && status_line(screen).contains("bookmarks and read marks are off: ")
                && status_line(screen).contains(expected)
        });
        tmux.keys(&["j", "Enter"]);
        tmux.wait_for("╭ Reader ");
        tmux.keys(&["b"]);
        tmux.wait_until("the bookmark refused in words", |screen| {
            status_line(screen).contains("cannot save bookmarks: ")
                && status_line(screen).contains(expected)
        });
        tmux.quit();
        if data_dir.is_none() {
            let path = tmux.data_dir().join("tidings.db");
            assert_eq!(fs::read(&path).expect("read"), garbage, "bytes unchanged");
            assert_eq!(
                fs::read_dir(tmux.data_dir()).expect("list").count(),
                1,
                "no journal or WAL files"
            );
        }
    }
}

/// A hostile feed subscribed to, refreshed over HTTP into the cache and listed from there:
/// the feed's name and every field stay clean, in `feeds list` too.
#[test]
fn a_hostile_feed_refreshed_into_the_cache_stays_clean() {
    let env = Env::new();
    let body = fs::read(fixture("escapes-entities.rss")).expect("the fixture");
    let server = crate::support::http_server::TestServer::start(move |_| {
        crate::support::http_server::ServerResponse::ok(body.clone())
            .header("Content-Type", "application/rss+xml")
    });
    let url = server.url("/feed.rss");
    env.ok(&["feeds", "add", &url]);
    let run = env.run(&["refresh"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_terminal_safe("refresh", &run.stdout);
    assert_terminal_safe("refresh stderr", &run.stderr);
    for args in [
        &["feeds", "list"][..],
        &["feeds", "list", "--json"],
        &["list"],
        &["tags"],
    ] {
        assert_terminal_safe(&format!("{args:?}"), &env.ok(args));
    }
    let cached = articles(&env, &[]);
    let from_feed: Vec<&Value> = cached
        .iter()
        .filter(|a| text_of(a, "title").starts_with("Entity title"))
        .collect();
    assert_eq!(from_feed.len(), 1, "the cached article is listed");
    for text in strings(from_feed[0]) {
        assert_terminal_safe("a cached field", text);
    }
    let shown = env.ok(&["show", &text_of(from_feed[0], "id")]);
    assert_terminal_safe("show from the cache", &shown);
    assert!(shown.contains("pwned-title"), "{shown}");
}
