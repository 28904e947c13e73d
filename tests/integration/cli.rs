//! The CLI contract of DESIGN.md, checked against the real binary.
//!
//! Every test runs in its own temporary folder: an empty config file (defaults) named by
//! `TIDINGS_CONFIG`, a data dir named by `TIDINGS_DATA_DIR`, and `HOME` and the XDG folders
//! pointed there too, so the developer's own config and bookmarks are never read or written.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::support::cli::Env;
use serde_json::Value;

// ---------------------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------------------

impl Env {
    /// The ids `list --json` prints, in order.
    fn list_ids(&self, args: &[&str]) -> Vec<String> {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        articles(&self.json(&all))
            .iter()
            .map(|a| a["id"].as_str().expect("a string id").to_string())
            .collect()
    }

    /// The titles `list --json` prints, in order.
    fn list_titles(&self, args: &[&str]) -> Vec<String> {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        articles(&self.json(&all))
            .iter()
            .map(|a| a["title"].as_str().expect("a string title").to_string())
            .collect()
    }

    /// The id of the one article a file gives.
    fn id_of(&self, file: &Path) -> String {
        let ids = self.list_ids(&[s(file)]);
        assert_eq!(ids.len(), 1, "{} gives one article", file.display());
        ids.into_iter().next().expect("one id")
    }
}

/// A fixture path as an argument; the temporary folders are UTF-8.
fn s(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

fn articles(value: &Value) -> &Vec<Value> {
    value.as_array().expect("a JSON array")
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

/// The id a `list` line starts with.
fn line_id(line: &str) -> &str {
    line.split_whitespace().next().expect("an id first")
}

fn is_id(text: &str) -> bool {
    text.len() == 12
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

/// Text with every run of white space made one space, to compare wrapped output.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------

const STORM: &str = "\
Harbour storm closes the ferry

A storm closed the harbour ferry on Monday and the quay flooded with seawater.

The council said the service would return within a week once the pontoons are repaired.

Tags
Weather, Cities, U.S.
";

const BAKERY: &str = "\
Source: Gazette
Date: 2026-03-01
Author: Ann Baker

Bakery wins a prize

The bakery on the corner won a national prize for its rye loaf, baked in a wood oven since 1921.

Tags: Food, cities, u.s.
";

const MOON: &str = "\
---
title: Markdown moon news
source: Night Sky
date: 2026-04-02
tags: [Space, Science]
---

The moon is **bright** tonight and the telescope club meets at the pier to watch a zebrafinch.

## Where to look

Face south after ten o'clock.
";

const EXTRA: &str = "Not given\n\nThis file is in the folder above and is never named.\n";

/// Three articles: two text files in the folder `news` (and a file that is not an article),
/// and a Markdown file given on its own; one more text file that no test names.
struct Fixtures {
    news: PathBuf,
    storm: PathBuf,
    bakery: PathBuf,
    moon: PathBuf,
}

impl Fixtures {
    fn new(env: &Env) -> Self {
        env.write("extra.txt", EXTRA);
        env.write("news/notes.json", "{\"not\": \"an article\"}");
        Self {
            storm: env.write("news/storm.txt", STORM),
            bakery: env.write("news/bakery.txt", BAKERY),
            moon: env.write("moon.md", MOON),
            news: env.root().join("news"),
        }
    }

    /// The SOURCE arguments that name all three articles.
    fn sources(&self) -> [&str; 2] {
        [s(&self.news), s(&self.moon)]
    }

    /// `args` followed by the SOURCEs.
    fn with<'a>(&'a self, args: &[&'a str]) -> Vec<&'a str> {
        let mut all = args.to_vec();
        all.extend(self.sources());
        all
    }
}

/// Raw escape sequences an article must never pass to a terminal: CSI, OSC window title,
/// OSC 52 clipboard write, BEL and the one-byte C1 CSI.
const HOSTILE: &str = "\
Source: Bad\x1b[31mSite\x07

Evil \x1b]0;pwned\x07 headline \x1b[2J\u{9b}31m here

Body \x1b]52;c;aGk=\x07 text \x1b[31mred\x07 and a bell\x07 and a C1\u{9b}2J csi.

Tags: Ev\x1b[1mil, \x1b]0;x\x07Bell\x07, Plain
";

fn assert_terminal_safe(what: &str, text: &str) {
    for (forbidden, name) in [('\x1b', "ESC"), ('\x07', "BEL"), ('\u{9b}', "C1 CSI")] {
        assert!(!text.contains(forbidden), "{what} holds {name}: {text:?}");
    }
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{what} holds a control character: {text:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Version and help
// ---------------------------------------------------------------------------------------

#[test]
fn version_prints_name_and_version() {
    let env = Env::new();
    assert_eq!(env.ok(&["--version"]), "tidings 0.1.0\n");
}

#[test]
fn help_of_every_command_exits_0_and_names_its_options() {
    let env = Env::new();
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["--help"],
            &[
                "--config",
                "--data-dir",
                "[SOURCE]",
                "list",
                "show",
                "tags",
                "bookmarks",
                "bookmark",
            ],
        ),
        (
            &["list", "--help"],
            &[
                "--tag",
                "--all-tags",
                "--bookmarked",
                "--unread",
                "--search",
                "--json",
                "[SOURCE]",
            ],
        ),
        (&["show", "--help"], &["<ID>", "--width", "[SOURCE]"]),
        (&["tags", "--help"], &["--json", "[SOURCE]"]),
        (&["bookmarks", "--help"], &["--json"]),
        (&["bookmark", "--help"], &["add", "remove"]),
        (&["bookmark", "add", "--help"], &["<ID>", "[SOURCE]"]),
        (&["bookmark", "remove", "--help"], &["<ID>"]),
    ];
    for (args, wanted) in cases {
        let help = env.ok(args);
        for word in *wanted {
            assert!(
                help.contains(word),
                "tidings {args:?} lacks {word}:\n{help}"
            );
        }
        assert!(help.contains("--help"), "{args:?}");
    }
}

// ---------------------------------------------------------------------------------------
// list
// ---------------------------------------------------------------------------------------

#[test]
fn list_without_sources_shows_the_14_bundled_samples() {
    let env = Env::new();
    let out = env.ok(&["list"]);
    let rows = lines(&out);
    assert_eq!(rows.len(), 14, "{out}");
    let ids: BTreeSet<&str> = rows.iter().map(|l| line_id(l)).collect();
    assert_eq!(ids.len(), 14, "sample ids are unique");
    assert!(ids.iter().all(|id| is_id(id)), "{ids:?}");
    assert!(
        rows.iter().all(|l| l.contains('●')),
        "nothing is read yet: {out}"
    );
    assert_eq!(env.list_ids(&[]).len(), 14);
}

#[test]
fn list_json_objects_have_exactly_the_contract_keys() {
    let env = Env::new();
    let fixtures = Fixtures::new(&env);
    let samples = env.json(&["list", "--json"]);
    let mine = env.json(&fixtures.with(&["list", "--json"]));
    let wanted: BTreeSet<&str> = [
        "id",
        "title",
        "source",
        "author",
        "published",
        "url",
        "tags",
        "bookmarked",
        "read",
    ]
    .into();
    for article in articles(&samples).iter().chain(articles(&mine)) {
        let object = article.as_object().expect("an object");
        let keys: BTreeSet<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(keys, wanted, "{article}");
        assert!(is_id(article["id"].as_str().expect("id")), "{article}");
        assert!(article["title"].is_string() && article["source"].is_string());
        assert!(article["author"].is_string() || article["author"].is_null());
        assert!(article["url"].is_string() || article["url"].is_null());
        assert!(article["bookmarked"].is_boolean() && article["read"].is_boolean());
        assert!(
            article["tags"]
                .as_array()
                .expect("tags")
                .iter()
                .all(Value::is_string)
        );
        match &article["published"] {
            Value::Null => {}
            Value::String(date) => {
                chrono::DateTime::parse_from_rfc3339(date)
                    .unwrap_or_else(|e| panic!("{date} is not RFC 3339: {e}"));
            }
            other => panic!("published is {other}"),
        }
    }
    assert_eq!(articles(&samples).len(), 14);
    // Newest first, undated last.
    let mine = articles(&mine);
    assert_eq!(mine.len(), 3);
    assert_eq!(mine[0]["title"], "Markdown moon news");
    assert_eq!(mine[0]["source"], "Night Sky");
    assert_eq!(mine[0]["published"], "2026-04-02T00:00:00+00:00");
    assert_eq!(mine[0]["tags"], serde_json::json!(["Space", "Science"]));
    assert_eq!(mine[1]["title"], "Bakery wins a prize");
    assert_eq!(mine[1]["author"], "Ann Baker");
    assert_eq!(mine[1]["published"], "2026-03-01T00:00:00+00:00");
    assert_eq!(mine[2]["title"], "Harbour storm closes the ferry");
    assert_eq!(mine[2]["source"], "news", "the folder names the source");
    assert_eq!(mine[2]["author"], Value::Null);
    assert_eq!(mine[2]["published"], Value::Null);
    assert_eq!(mine[2]["url"], Value::Null);
    assert_eq!(
        mine[2]["tags"],
        serde_json::json!(["Weather", "Cities", "U.S."])
    );
    assert!(
        mine.iter()
            .all(|a| a["bookmarked"] == false && a["read"] == false)
    );
}

#[test]
fn list_with_sources_shows_only_them() {
    let env = Env::new();
    let fixtures = Fixtures::new(&env);
    let out = env.ok(&fixtures.with(&["list"]));
    let rows = lines(&out);
    assert_eq!(rows.len(), 3, "{out}");
    assert!(rows[0].contains("Markdown moon news"), "{out}");
    assert!(rows[1].contains("Bakery wins a prize"), "{out}");
    assert!(rows[2].contains("Harbour storm closes the ferry"), "{out}");
    assert!(!out.contains("Not given"), "extra.txt was not named");
    assert!(!out.contains("Tidings Samples"), "no samples with SOURCEs");
    assert_eq!(
        env.list_titles(&[s(&fixtures.storm)]),
        ["Harbour storm closes the ferry"]
    );
}

#[test]
fn list_tag_is_case_insensitive() {
    let env = Env::new();
    let fixtures = Fixtures::new(&env);
    for spelling in ["CITIES", "cities", "Cities"] {
        assert_eq!(
            env.list_titles(&fixtures.with(&["--tag", spelling])),
            ["Bakery wins a prize", "Harbour storm closes the ferry"],
            "--tag {spelling}"
        );
    }
    assert_eq!(
        env.list_titles(&fixtures.with(&["--tag", "U.S."])),
        env.list_titles(&fixtures.with(&["--tag", "u.s."]))
    );
}

#[test]
fn list_repeated_tags_match_any_of_them() {
    let env = Env::new();
    let fixtures = Fixtures::new(&env);
    assert_eq!(
        env.list_titles(&fixtures.with(&["--tag", "space", "--tag", "weather"])),
        ["Markdown moon news", "Harbour storm closes the ferry"]
    );
    // A tag no article has is an error, among others too: a typo is not a tag.
    let error = env.error(&fixtures.with(&["list", "--tag", "nowhere", "--tag", "food"]));
    assert!(error.starts_with("error: no tag \"nowhere\""), "{error}");
}

#[test]
fn list_all_tags_matches_articles_with_every_tag() {
    let env = Env::new();
    let fixtures = Fixtures::new(&env);
    assert_eq!(
        env.list_titles(&fixtures.with(&["--all-tags", "--tag", "cities", "--tag", "FOOD"])),
        ["Bakery wins a prize"]
    );
    assert_eq!(
        env.list_titles(&fixtures.with(&["--all-tags", "--tag", "cities", "--tag", "space"])),
        Vec::<String>::new()
    );
    let error =
        env.error(&fixtures.with(&["list", "--all-tags", "--tag", "cities", "--tag", "nowhere"]));
    assert!(error.starts_with("error: no tag \"nowhere\""), "{error}");
}

#[test]
fn list_unread_leaves_out_articles_marked_read() {
    let env = Env::new();
    let fixtures = Fixtures::new(&env);
    let bakery = env.id_of(&fixtures.bakery);
    // Read marks are only made by the reader; set one up through the library's store.
    {
        let store = tidings::store::Store::open(&env.data_dir()).expect("open the store");
        store
            .mark_read(
                &tidings::model::ArticleId::from_stored(bakery.clone()),
                chrono::Utc::now(),
            )
            .expect("mark read");
    }
    assert_eq!(
        env.list_titles(&fixtures.with(&["--unread"])),
        ["Markdown moon news", "Harbour storm closes the ferry"]
    );
    let all = env.json(&fixtures.with(&["list", "--json"]));
    let read: Vec<bool> = articles(&all)
        .iter()
        .map(|a| a["read"].as_bool().expect("read"))
        .collect();
    assert_eq!(read, [false, true, false]);
    let text = env.ok(&fixtures.with(&["list"]));
    let bakery_row = lines(&text)
        .into_iter()
        .find(|l| l.starts_with(&bakery))
        .expect("the bakery row");
    assert!(
        !bakery_row.contains('●'),
        "a read article has no marker: {bakery_row}"
    );
}

#[test]
fn list_search_matches_titles_and_body_text() {
    let env = Env::new();
    let fixtures = Fixtures::new(&env);
    let search = |text: &str| env.list_titles(&fixtures.with(&["--search", text]));
    assert_eq!(
        search("zebrafinch"),
        ["Markdown moon news"],
        "a body-only word"
    );
    assert_eq!(search("PRIZE"), ["Bakery wins a prize"], "any case");
    assert_eq!(
        search("storm quay"),
        ["Harbour storm closes the ferry"],
        "every word, title and body"
    );
    assert!(
        search("storm bakery").is_empty(),
        "every word must be there"
    );
    assert!(search("nothing-like-this").is_empty());
}

#[test]
fn list_of_an_unknown_tag_is_an_error() {
    let env = Env::new();
    let fixtures = Fixtures::new(&env);
    for args in [
        &["list", "--tag", "nowhere"][..],
        &["list", "--json", "--tag", "nowhere"],
    ] {
        assert_eq!(
            env.error(&fixtures.with(args)),
            "error: no tag \"nowhere\" (see tidings tags)"
        );
    }
    assert_eq!(
        env.error(&["list", "--tag", "nowhere"]),
        "error: no tag \"nowhere\" (see tidings tags)",
        "samples too"
    );
}

// ---------------------------------------------------------------------------------------
// Ids and show
// ---------------------------------------------------------------------------------------

#[test]
fn ids_are_stable_across_runs_and_path_spellings() {
    let env = Env::new();
    let fixtures = Fixtures::new(&env);
    let first = env.list_ids(&fixtures.sources());
    let second = env.list_ids(&fixtures.sources());
    assert_eq!(first, second);
    assert!(first.iter().all(|id| is_id(id)), "{first:?}");
    let by_file = env.id_of(&fixtures.storm);
    let dotted = env.root().join("news/./storm.txt");
    assert_eq!(env.id_of(&dotted), by_file);
    // Relative to the working directory (the temporary folder).
    assert_eq!(env.id_of(Path::new("news/storm.txt")), by_file);
    assert_eq!(env.list_ids(&[]), env.list_ids(&[]), "sample ids too");
}

#[test]
fn show_prints_the_title_first_and_wraps_the_body_at_width() {
    let env = Env::new();
    let fixtures = Fixtures::new(&env);
    let id = env.id_of(&fixtures.storm);
    let storm = s(&fixtures.storm);
    for width in [30usize, 33, 45, 80] {
        let out = env.ok(&["show", &id, "--width", &width.to_string(), storm]);
        let rows = lines(&out);
        assert_eq!(rows[0], "Harbour storm closes the ferry", "width {width}");
        for row in &rows {
            assert!(
                row.chars().count() <= width,
                "line wider than {width}: {row:?}"
            );
        }
        let text = words(&out);
        assert!(text.contains(
            "A storm closed the harbour ferry on Monday and the quay flooded with seawater. \
             The council said the service would return within a week once the pontoons are repaired."
        ), "the whole body, in order: {out}");
        assert!(text.contains("Weather, Cities, U.S."), "{out}");
        assert!(
            !text.contains("Tags Weather"),
            "the tag lines are not body: {out}"
        );
    }
    // Narrower than the title: the title wraps too, and starts the output.
    let out = env.ok(&["show", &id, "--width", "12", storm]);
    assert!(out.starts_with("Harbour"), "{out}");
    assert!(lines(&out).iter().all(|l| l.chars().count() <= 12), "{out}");
}

#[test]
fn show_accepts_a_unique_prefix_of_4_or_more_characters() {
    let env = Env::new();
    let fixtures = Fixtures::new(&env);
    let id = env.id_of(&fixtures.bakery);
    let whole = env.ok(&fixtures.with(&["show", &id, "--width", "60"]));
    assert!(whole.starts_with("Bakery wins a prize\n"), "{whole}");
    assert!(words(&whole).contains("Gazette · Ann Baker"), "{whole}");
    let upper = id[..6].to_uppercase();
    for prefix in [&id[..4], &id[..5], &id[..11], upper.as_str()] {
        assert_eq!(
            env.ok(&fixtures.with(&["show", prefix, "--width", "60"])),
            whole,
            "prefix {prefix}"
        );
    }
    // A sample is found without any SOURCE.
    let sample = env.list_ids(&[])[0].clone();
    let out = env.ok(&["show", &sample[..4], "--width", "70"]);
    assert!(out.starts_with("The last summer of Kestrel-3"), "{out}");
}

#[test]
fn show_of_an_unknown_id_names_it() {
    let env = Env::new();
    let fixtures = Fixtures::new(&env);
    let line = env.error(&fixtures.with(&["show", "abcdef012345"]));
    assert!(line.contains("abcdef012345"), "{line}");
    let line = env.error(&["show", "ffff0000"]);
    assert!(line.contains("ffff0000"), "{line}");
}

#[test]
fn show_of_a_3_character_prefix_asks_for_at_least_4() {
    let env = Env::new();
    let fixtures = Fixtures::new(&env);
    let id = env.id_of(&fixtures.storm);
    let line = env.error(&fixtures.with(&["show", &id[..3]]));
    assert!(line.contains("at least 4"), "{line}");
    assert!(line.contains(&id[..3]), "{line}");
}

#[test]
fn show_of_an_ambiguous_prefix_names_every_match() {
    let env = Env::new();
    let folder = env.root().join("many");
    // Ids are hashes of the file's path: add files until two ids share 4 characters.
    let mut written = 0;
    let shared = loop {
        for n in written..written + 500 {
            env.write(
                &format!("many/article-{n}.txt"),
                format!("Article {n}\n\nBody.\n"),
            );
        }
        written += 500;
        let mut by_prefix: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for id in env.list_ids(&[s(&folder)]) {
            by_prefix.entry(id[..4].to_string()).or_default().push(id);
        }
        if let Some(ids) = by_prefix.into_values().find(|ids| ids.len() >= 2) {
            break ids;
        }
        assert!(written < 5000, "no two of {written} ids share 4 characters");
    };
    let prefix = &shared[0][..4];
    let line = env.error(&["show", prefix, s(&folder)]);
    for id in &shared {
        assert!(line.contains(id.as_str()), "{line} should name {id}");
    }
    assert!(line.contains(prefix), "{line}");
    // The whole id still finds one.
    let out = env.ok(&["show", &shared[0], s(&folder)]);
    assert!(out.starts_with("Article "), "{out}");
}

// ---------------------------------------------------------------------------------------
// tags
// ---------------------------------------------------------------------------------------

#[test]
fn tags_are_counted_case_insensitively_most_used_first() {
    let env = Env::new();
    let fixtures = Fixtures::new(&env);
    // "cities"/"Cities" and "u.s."/"U.S." are one tag each; the spelling of the first
    // article in list order (the newer bakery) is kept; ties go by name.
    let expected = serde_json::json!([
        {"tag": "cities", "count": 2},
        {"tag": "u.s.", "count": 2},
        {"tag": "Food", "count": 1},
        {"tag": "Science", "count": 1},
        {"tag": "Space", "count": 1},
        {"tag": "Weather", "count": 1},
    ]);
    assert_eq!(env.json(&fixtures.with(&["tags", "--json"])), expected);
    let text = env.ok(&fixtures.with(&["tags"]));
    let rows: Vec<(usize, String)> = lines(&text)
        .iter()
        .map(|l| {
            let (count, tag) = l.trim_start().split_once("  ").expect("count  tag");
            (count.parse().expect("a count"), tag.to_string())
        })
        .collect();
    assert_eq!(
        rows,
        [
            (2, "cities".to_string()),
            (2, "u.s.".to_string()),
            (1, "Food".to_string()),
            (1, "Science".to_string()),
            (1, "Space".to_string()),
            (1, "Weather".to_string()),
        ]
    );
}

#[test]
fn tags_of_the_samples_are_sorted_by_count() {
    let env = Env::new();
    let tags = env.json(&["tags", "--json"]);
    let counts: Vec<u64> = articles(&tags)
        .iter()
        .map(|t| {
            let keys: BTreeSet<&str> = t
                .as_object()
                .expect("object")
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(keys, BTreeSet::from(["tag", "count"]));
            t["count"].as_u64().expect("a count")
        })
        .collect();
    assert!(!counts.is_empty());
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
}

// ---------------------------------------------------------------------------------------
// Bookmarks
// ---------------------------------------------------------------------------------------

#[test]
fn a_bookmark_outlives_its_source_file() {
    let env = Env::new();
    let fixtures = Fixtures::new(&env);
    let id = env.id_of(&fixtures.storm);
    let news = s(&fixtures.news);

    assert_eq!(env.ok(&["bookmarks"]), "", "no bookmarks yet");
    let added = env.ok(&["bookmark", "add", &id, news]);
    assert_eq!(
        added,
        format!("bookmarked {id}: Harbour storm closes the ferry\n")
    );

    let listed = env.ok(&["bookmarks"]);
    assert_eq!(lines(&listed).len(), 1, "{listed}");
    assert!(listed.starts_with(&id), "{listed}");
    assert!(
        listed.contains("Harbour storm closes the ferry"),
        "{listed}"
    );
    let saved = env.json(&["bookmarks", "--json"]);
    let saved = articles(&saved);
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0]["id"], id.as_str());
    assert_eq!(saved[0]["bookmarked"], true);
    let saved_at = saved[0]["saved_at"].as_str().expect("saved_at");
    chrono::DateTime::parse_from_rfc3339(saved_at).expect("saved_at is RFC 3339");
    assert_eq!(env.list_ids(&["--bookmarked", news]), [id.as_str()]);

    let with_source = env.ok(&["show", &id, "--width", "60", news]);
    fs::remove_file(&fixtures.storm).expect("delete the source");

    assert_eq!(env.ok(&["bookmarks"]), listed, "still listed");
    // No SOURCE: found among the bookmarks, shown from the saved copy.
    let from_copy = env.ok(&["show", &id, "--width", "60"]);
    assert!(
        from_copy.starts_with("Harbour storm closes the ferry\n"),
        "{from_copy}"
    );
    assert!(from_copy.contains("saved copy"), "{from_copy}");
    assert_eq!(
        words(&from_copy).replace(" · saved copy", ""),
        words(&with_source),
        "the same article"
    );
    // With the file gone, the saved copy is what --bookmarked lists, with or without SOURCEs;
    // a plain list does not show it.
    assert_eq!(env.list_ids(&["--bookmarked"]), [id.as_str()]);
    assert_eq!(env.list_ids(&["--bookmarked", news]), [id.as_str()]);
    assert!(!env.list_ids(&[news]).contains(&id));
    assert!(!env.list_ids(&[]).contains(&id));

    let removed = env.ok(&["bookmark", "remove", &id]);
    assert_eq!(
        removed,
        format!("removed the bookmark of {id}: Harbour storm closes the ferry\n")
    );
    assert_eq!(env.ok(&["bookmarks"]), "");
    assert_eq!(env.json(&["bookmarks", "--json"]), serde_json::json!([]));
    let line = env.error(&["bookmark", "remove", &id]);
    assert!(line.contains(&id), "{line}");
}

#[test]
fn removing_a_bookmark_that_was_never_added_names_the_article() {
    let env = Env::new();
    let fixtures = Fixtures::new(&env);
    let id = env.id_of(&fixtures.bakery);
    let line = env.error(&["bookmark", "remove", &id, s(&fixtures.bakery)]);
    assert!(
        line.contains(&id) && line.contains("not bookmarked"),
        "{line}"
    );
}

#[test]
fn adding_a_bookmark_twice_keeps_one() {
    let env = Env::new();
    let fixtures = Fixtures::new(&env);
    let id = env.id_of(&fixtures.moon);
    let first = env.ok(&["bookmark", "add", &id[..6], s(&fixtures.moon)]);
    let saved = env.json(&["bookmarks", "--json"]);
    env.ok(&["bookmark", "add", &id, s(&fixtures.moon)]);
    assert!(first.contains(&id), "{first}");
    assert_eq!(env.json(&["bookmarks", "--json"]), saved, "unchanged");
}

#[test]
fn data_dir_flag_chooses_the_database() {
    let env = Env::new();
    let other = env.root().join("elsewhere");
    let sample = env.list_ids(&[])[0].clone();
    env.ok(&["bookmark", "add", "--data-dir", s(&other), &sample]);
    assert_eq!(env.ok(&["bookmarks"]), "", "not in TIDINGS_DATA_DIR");
    let there = env.ok(&["bookmarks", "--data-dir", s(&other)]);
    assert!(there.starts_with(&sample), "{there}");
    assert!(other.join("tidings.db").is_file());
}

/// DESIGN.md: "Global: --config FILE, --data-dir DIR". Written before the command, as
/// global options usually are, they turn the command into a SOURCE today:
/// `tidings --data-dir /tmp/d list` fails with "list: no such file or folder".
#[test]

fn global_options_may_come_before_the_command() {
    let env = Env::new();
    let other = env.root().join("elsewhere");
    let sample = env.list_ids(&[])[0].clone();
    env.ok(&["--data-dir", s(&other), "bookmark", "add", &sample]);
    let there = env.ok(&["--data-dir", s(&other), "bookmarks"]);
    assert!(there.starts_with(&sample), "{there}");
    let config = s(&env.config()).to_string();
    assert_eq!(env.ok(&["--config", &config, "list"]), env.ok(&["list"]));
}

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

#[test]
fn a_missing_source_is_an_error_naming_it() {
    let env = Env::new();
    let missing = env.root().join("no-such-folder/nothing.txt");
    for command in [&["list"][..], &["tags"], &["show", "abcd"]] {
        let mut args = command.to_vec();
        args.push(s(&missing));
        let line = env.error(&args);
        assert!(line.contains(s(&missing)), "{line}");
        assert!(line.contains("no such file or folder"), "{line}");
    }
}

#[test]
fn a_broken_config_is_an_error_naming_file_line_and_column() {
    let env = Env::new();
    fs::write(env.config(), "colour = 3\n").expect("write the config");
    let line = env.error(&["list"]);
    assert_eq!(
        line,
        format!(
            "error: {}:1:1: unknown key \"colour\"",
            env.config().display()
        )
    );

    let other = env.write(
        "other.toml",
        "samples = true\n[layout]\nlist_percent = 95\n",
    );
    let line = env.error(&["--config", s(&other), "tags"]);
    assert_eq!(
        line,
        format!(
            "error: {}:3:16: list_percent = 95 is out of range: use a number from 20 to 80",
            other.display()
        )
    );
}

/// `tidings check-config`: the config's error, as every command says it (exit 1); else the
/// actions its bindings leave with no key (exit 0); else that it is fine.
#[test]
fn check_config_says_errors_warnings_or_fine() {
    let env = Env::with_config("mouse = false\n[keys]\nquitt = [\"q\"]\n");
    let line = env.error(&["check-config"]);
    assert_eq!(
        line,
        format!(
            "error: {}:3:1: \"quitt\" is not an action; did you mean \"quit\"?",
            env.config().display()
        )
    );

    let stealing = env.write("steal.toml", "[keys]\nnext_unread = [\"]\", \"n\"]\n");
    let out = env.ok(&["check-config", "--config", s(&stealing)]);
    assert_eq!(
        out,
        format!(
            "warning: {}:2:21: next_match has no key: n went to next_unread; give next_match a \
             key of its own in [keys] to use it\n",
            stealing.display()
        )
    );

    let fine = env.write(
        "fine.toml",
        "mouse = false\n[keys]\nquit = [\"q\", \"x\"]\n",
    );
    let out = env.ok(&["check-config", "--config", s(&fine)]);
    assert_eq!(out, format!("{}: fine\n", fine.display()));
    assert!(!env.data_dir().exists(), "checking writes nothing");

    // The other commands have no use for keys and say nothing of them.
    assert_eq!(
        env.ok(&["tags", "--config", s(&stealing)]),
        env.ok(&["tags", "--config", s(&fine)])
    );
}

#[test]
fn check_config_without_a_config_file_says_the_defaults_are_in_force() {
    let env = Env::new();
    let run = env
        .command(&["check-config"])
        .env_remove("TIDINGS_CONFIG")
        .output()
        .expect("run tidings");
    let stdout = String::from_utf8(run.stdout).expect("UTF-8");
    assert_eq!(run.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.ends_with("tidings/config.toml: no such file, so the defaults are in force\n"),
        "{stdout}"
    );
}

#[test]
fn a_missing_explicit_config_is_an_error() {
    let env = Env::new();
    let missing = env.root().join("missing.toml");
    let line = env.error(&["--config", s(&missing), "list"]);
    assert!(line.contains(s(&missing)), "{line}");
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    for args in [
        &["list", "--no-such-flag"][..],
        &["show"],
        &["show", "abcd", "--width", "5"],
        &["bookmark"],
        &["bookmarks", "extra-argument"],
    ] {
        let run = env.run(args);
        assert_eq!(run.code, Some(2), "tidings {args:?}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("error: "),
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(run.stdout, "", "{args:?}");
    }
}

#[test]
fn a_corrupt_database_is_refused_and_left_untouched() {
    let env = Env::new();
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7 + 13) as u8).collect();
    fs::create_dir_all(env.data_dir()).expect("data dir");
    fs::write(env.database(), &garbage).expect("write garbage");

    let line = env.error(&["bookmarks"]);
    assert!(line.contains(s(&env.database())), "{line}");

    // Commands that only read still answer, with a warning.
    let run = env.run(&["list"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(lines(&run.stdout).len(), 14);
    let warning = lines(&run.stderr);
    assert_eq!(warning.len(), 1, "{}", run.stderr);
    assert!(warning[0].starts_with("warning: "), "{}", run.stderr);
    assert!(warning[0].contains(s(&env.database())), "{}", run.stderr);

    // Writing is refused too.
    let sample = line_id(lines(&run.stdout)[0]).to_string();
    let line = env.error(&["bookmark", "add", &sample]);
    assert!(line.contains(s(&env.database())), "{line}");

    assert_eq!(
        fs::read(env.database()).expect("read"),
        garbage,
        "bytes unchanged"
    );
    let left: Vec<_> = fs::read_dir(env.data_dir())
        .expect("list the data dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left, ["tidings.db"], "no journal or WAL files were made");
}

// ---------------------------------------------------------------------------------------
// Terminal safety
// ---------------------------------------------------------------------------------------

#[test]
fn escape_sequences_from_an_article_never_reach_stdout() {
    let env = Env::new();
    let evil = env.write("evil/evil.txt", HOSTILE);
    let evil_folder = env.root().join("evil");
    let id = env.id_of(&evil);
    for args in [
        vec!["list", s(&evil_folder)],
        vec!["list", "--json", s(&evil_folder)],
        vec!["show", &id, s(&evil)],
        vec!["tags", s(&evil)],
        vec!["tags", "--json", s(&evil)],
    ] {
        let out = env.ok(&args);
        assert_terminal_safe(&format!("tidings {args:?}"), &out);
        assert!(!out.is_empty(), "{args:?}");
    }
    let listed = env.json(&["list", "--json", s(&evil)]);
    let article = &articles(&listed)[0];
    assert_eq!(article["title"], "Evil ]0;pwned headline [2J31m here");
    assert_eq!(article["source"], "Bad[31mSite");
    assert_eq!(
        article["tags"],
        serde_json::json!(["Ev[1mil", "]0;xBell", "Plain"])
    );
    let shown = words(&env.ok(&["show", &id, "--width", "100", s(&evil)]));
    assert!(
        shown.contains("Body ]52;c;aGk= text [31mred and a bell and a C12J csi."),
        "{shown}"
    );

    // The same through a bookmark's saved copy.
    env.ok(&["bookmark", "add", &id, s(&evil)]);
    assert_terminal_safe("bookmarks", &env.ok(&["bookmarks"]));
    assert_terminal_safe("bookmarks --json", &env.ok(&["bookmarks", "--json"]));
}

#[test]
fn an_error_about_a_file_name_with_an_escape_holds_no_escape() {
    let env = Env::new();
    let name = env.root().join("no\x1b]0;pwned\x07such\x1b[2J.txt");
    let line = env.error(&["list", s(&name)]);
    assert_terminal_safe("the error line", &line);
    assert!(line.contains("no]0;pwnedsuch[2J.txt"), "{line}");
}

#[test]
fn warnings_about_badly_named_files_hold_no_escape() {
    let env = Env::new();
    env.write("odd\x1b[31m/binary\x1b]0;x\x07.txt", b"\x00\x01binary");
    env.write("odd\x1b[31m/fine.txt", "Fine\n\nBody.\n");
    let run = env.run(&["list", s(&env.root().join("odd\x1b[31m"))]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_terminal_safe("stdout", &run.stdout);
    assert_terminal_safe("stderr", &run.stderr);
    assert!(run.stderr.starts_with("warning: "), "{}", run.stderr);
    assert!(
        run.stdout.contains("(odd[31m)"),
        "the folder names the source: {}",
        run.stdout
    );
}
