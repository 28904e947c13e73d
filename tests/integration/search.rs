//! Search in every script through the binary (issue 18): `tidings list --search` finds
//! Chinese and Japanese strings of any length in the titles and bodies of cached articles
//! (feeds refreshed from files) and in a feed given as a SOURCE, not strings they do not hold,
//! and English words as before; a store written before search covered every script is
//! indexed anew when a command opens it, keeping its read marks and bookmarks.

use std::collections::BTreeSet;

use crate::support::cli::Env;
use serde_json::Value;

/// An RSS 2.0 feed of `items` (title, HTML body), newest first, its links at `slug`.
fn rss(title: &str, slug: &str, items: &[(&str, &str)]) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\
         <title>{title}</title><link>https://{slug}.example/</link>"
    );
    for (n, (title, body)) in items.iter().enumerate() {
        xml.push_str(&format!(
            "<item><title>{title}</title><link>https://{slug}.example/{n}</link>\
             <guid>{slug}-{n}</guid><pubDate>{day:02} Nov 2026 08:00:00 +0000</pubDate>\
             <description><![CDATA[{body}]]></description></item>\n",
            day = 28 - n,
        ));
    }
    xml.push_str("</channel></rss>\n");
    xml
}

const CHINESE: &[(&str, &str)] = &[
    (
        "配送系统的新设计",
        "<p>我们用<b>智能</b>调度减少了骑手的等待。</p>",
    ),
    ("智能手机上的新功能", "<p>用户可以更快地下单。</p>"),
    ("数据库迁移", "<p>我们把数据搬到了新的集群，没有停机。</p>"),
    (
        "推荐算法的一年",
        "<p>算法团队说：<a href=\"https://e.example\">智能推荐</a>仍然很难。</p>",
    ),
    ("Rust 在美团", "<p>我们用 Rust 重写了智能网关。</p>"),
    ("前端性能", "<p>页面加载时间减少了一半。</p>"),
    ("一次故障复盘", "<p>凌晨三点，监控报警了。</p>"),
    ("招聘", "<p>欢迎加入我们的团队。</p>"),
    ("开源项目", "<p>我们开源了新的日志系统。</p>"),
    ("测试平台", "<p>测试覆盖率提高了。</p>"),
];

const JAPANESE: &[(&str, &str)] = &[
    ("東京都の天気", "<p>明日は晴れるでしょう。</p>"),
    (
        "ことばの話",
        "<p>子どもはまず<i>ひらがな</i>を学び、次にカタカナを学ぶ。</p>",
    ),
    ("大阪の夜", "<p>東京都から新幹線で来た人も多い。</p>"),
    (
        "Harbour notes",
        "<p>The ferry left the harbour at dawn.</p>",
    ),
];

/// An environment whose config subscribes to the Chinese and the Japanese feed files, both
/// refreshed into the cache.
fn refreshed() -> Env {
    let env = Env::new();
    let zh = env.write("feeds/zh.xml", rss("美团技术团队", "meituan", CHINESE));
    let ja = env.write("feeds/ja.xml", rss("日本のニュース", "nihon", JAPANESE));
    env.write(
        "config.toml",
        format!(
            "[[feeds]]\nurl = \"file://{}\"\nname = \"美团技术团队\"\n\n\
             [[feeds]]\nurl = \"file://{}\"\nname = \"日本のニュース\"\n",
            zh.display(),
            ja.display()
        ),
    );
    let refresh = env.run(&["refresh"]);
    assert_eq!(refresh.code, Some(0), "{}", refresh.stderr);
    env
}

fn titles(list: &Value) -> BTreeSet<String> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|a| a["title"].as_str().expect("a title").to_string())
        .collect()
}

fn found(env: &Env, args: &[&str]) -> BTreeSet<String> {
    let mut all = vec!["list", "--json"];
    all.extend_from_slice(args);
    titles(&env.json(&all))
}

fn set(titles: &[&str]) -> BTreeSet<String> {
    titles.iter().map(|t| (*t).to_string()).collect()
}

#[test]
fn list_search_finds_chinese_in_the_titles_and_bodies_of_a_cached_feed() {
    let env = refreshed();
    let with_zhineng = set(&[
        "配送系统的新设计",
        "智能手机上的新功能",
        "推荐算法的一年",
        "Rust 在美团",
    ]);
    assert_eq!(
        found(&env, &["--search", "智能", "--feed", "美团技术团队"]),
        with_zhineng,
        "three bodies (one across a <b>, one inside a link) and a title"
    );
    assert_eq!(found(&env, &["--search", "智能"]), with_zhineng);
    assert_eq!(
        found(&env, &["--search", "智"]),
        with_zhineng,
        "one character"
    );
    let mut with_neng = with_zhineng.clone();
    with_neng.insert("前端性能".to_string());
    assert_eq!(
        found(&env, &["--search", "能"]),
        with_neng,
        "the last character of a word or a title"
    );
    assert_eq!(
        found(&env, &["--search", "智能调度"]),
        set(&["配送系统的新设计"])
    );
    assert_eq!(
        found(&env, &["--search", "我们用智能调度减少了骑手的等待"]),
        set(&["配送系统的新设计"])
    );
    assert_eq!(
        found(&env, &["--search", "rust 智能"]),
        set(&["Rust 在美团"]),
        "a word and a Chinese string: both"
    );
    for absent in ["智调", "能智", "人工智能", "智能智能", "猫"] {
        assert_eq!(
            found(&env, &["--search", absent]),
            BTreeSet::new(),
            "{absent}"
        );
    }
    // The text-only listing says the same.
    let plain = env.ok(&["list", "--search", "智能调度"]);
    assert!(plain.contains("配送系统的新设计"), "{plain}");
    assert_eq!(plain.lines().count(), 1, "{plain}");
}

#[test]
fn list_search_finds_japanese_in_titles_and_bodies_and_english_words_as_before() {
    let env = refreshed();
    assert_eq!(
        found(&env, &["--search", "東京都"]),
        set(&["東京都の天気", "大阪の夜"]),
        "a title and a body"
    );
    assert_eq!(
        found(&env, &["--search", "京"]),
        set(&["東京都の天気", "大阪の夜"])
    );
    assert_eq!(found(&env, &["--search", "ひらがな"]), set(&["ことばの話"]));
    assert_eq!(found(&env, &["--search", "がな"]), set(&["ことばの話"]));
    assert_eq!(
        found(&env, &["--search", "カタカナを学ぶ"]),
        set(&["ことばの話"])
    );
    assert_eq!(
        found(&env, &["--search", "天気", "--feed", "日本のニュース"]),
        set(&["東京都の天気"])
    );
    for absent in ["京都府", "東都", "ひらがなカタカナ", "大阪都"] {
        assert_eq!(
            found(&env, &["--search", absent]),
            BTreeSet::new(),
            "{absent}"
        );
    }
    // Words of the text from their start, as before (titles match any part in memory).
    assert_eq!(found(&env, &["--search", "dawn"]), set(&["Harbour notes"]));
    assert_eq!(found(&env, &["--search", "ferr"]), set(&["Harbour notes"]));
    assert_eq!(found(&env, &["--search", "erry"]), BTreeSet::new());
}

#[test]
fn list_search_of_a_feed_given_as_a_source_agrees_with_the_cache() {
    let env = Env::new();
    let zh = env.write("zh.xml", rss("美团技术团队", "meituan", CHINESE));
    let ja = env.write("ja.xml", rss("日本のニュース", "nihon", JAPANESE));
    let zh = zh.to_str().expect("a UTF-8 path");
    let ja = ja.to_str().expect("a UTF-8 path");
    assert_eq!(found(&env, &["--search", "智能调度", zh]).len(), 1);
    assert_eq!(found(&env, &["--search", "智能", zh]).len(), 4);
    assert_eq!(
        found(&env, &["--search", "ひらがな", ja]),
        set(&["ことばの話"])
    );
    assert_eq!(found(&env, &["--search", "智调", zh]), BTreeSet::new());
}

/// Puts the store back as schema version 8 left it: no pairs, the words of every article in
/// `feed_text` as version 8 indexed them (a run of Chinese or Japanese a word of its own), and
/// none of the columns of version 10 nor the tables of version 11.
fn as_version_8(env: &Env) {
    let conn = rusqlite::Connection::open(env.database()).expect("the store");
    conn.execute_batch(
        "ALTER TABLE feed_state DROP COLUMN ttl;
         ALTER TABLE feed_state DROP COLUMN max_age;
         ALTER TABLE subscriptions DROP COLUMN folders;
         DROP TRIGGER feed_articles_forget_grams;
         DROP TABLE feed_grams;
         DROP TABLE search_reindex;
         DROP TABLE saved_queries;
         DROP TABLE rules;
         DROP TABLE hidden_articles;
         INSERT INTO feed_text (feed_text) VALUES ('delete-all');
         PRAGMA user_version = 8;",
    )
    .expect("made version 8");
    let rows: Vec<(i64, String)> = conn
        .prepare("SELECT rowid, title FROM feed_articles")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for (rowid, title) in rows {
        let (_, body) = CHINESE
            .iter()
            .chain(JAPANESE)
            .find(|(t, _)| *t == title)
            .expect("an item of the feeds");
        // unicode61 splits the text where version 8 did: at punctuation and markup.
        let text = body.replace(['<', '>'], " ");
        conn.execute(
            "INSERT INTO feed_text (rowid, title, body) VALUES (?1, ?2, ?3)",
            rusqlite::params![rowid, title, text],
        )
        .unwrap();
    }
}

#[test]
fn a_store_from_before_is_indexed_anew_when_a_command_opens_it_keeping_marks() {
    let env = refreshed();
    let all = env.json(&["list", "--json"]);
    let id_of = |title: &str| {
        all.as_array()
            .unwrap()
            .iter()
            .find(|a| a["title"] == title)
            .map(|a| a["id"].as_str().unwrap().to_string())
            .unwrap()
    };
    let (delivery, phones) = (id_of("配送系统的新设计"), id_of("智能手机上的新功能"));
    env.ok(&["mark-read", &delivery]);
    env.ok(&["bookmark", "add", &phones]);
    as_version_8(&env);

    // The first command indexes the cache anew (quickly here, so quietly) and finds.
    let run = env.run(&["list", "--json", "--search", "智能调度"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stderr, "", "a short reindex says nothing");
    assert_eq!(
        titles(&serde_json::from_str(&run.stdout).unwrap()),
        set(&["配送系统的新设计"])
    );
    assert_eq!(found(&env, &["--search", "ひらがな"]), set(&["ことばの話"]));
    assert_eq!(
        found(&env, &["--search", "harbour"]),
        set(&["Harbour notes"])
    );
    let conn = rusqlite::Connection::open(env.database()).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(version, 11, "the current schema");
    let left: i64 = conn
        .query_row("SELECT count(*) FROM search_reindex", [], |row| row.get(0))
        .unwrap();
    assert_eq!(left, 0, "done once");

    let read = found(&env, &["--unread"]);
    assert!(!read.contains("配送系统的新设计"), "still read");
    assert_eq!(read.len(), CHINESE.len() + JAPANESE.len() - 1);
    assert_eq!(found(&env, &["--bookmarked"]), set(&["智能手机上的新功能"]));
}
