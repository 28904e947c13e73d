//! Deterministic test data for the benchmarks: articles, a long article, an RSS 2.0 document,
//! and an `App` at 120x40 built as `tests/integration/screens/` builds one. Every bench
//! includes this module with `mod common;` and uses part of it.
#![allow(
    clippy::unwrap_used,
    reason = "a bench that cannot go on should stop loudly; Cargo.toml denies unwrap outside tests"
)]
#![allow(dead_code)]

pub mod zh;

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, TimeDelta, TimeZone, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;
use tidings::app::{App, Settings, Start};
use tidings::config::Config;
use tidings::event::Event;
use tidings::keymap::Keymap;
use tidings::model::library::Library;
use tidings::model::{Article, ArticleId, Block, Body, Span, SpanStyle, Subscription, Tag};
use tidings::theme::Theme;

/// Library sizes for the benches that grow with the number of articles.
pub const SIZES: &[usize] = &[1_000, 10_000, 100_000];

/// The articles of a library or store are spread over this many feeds.
pub const FEEDS: usize = 20;

const SEED: u64 = 0x7469_6469_6e67_7321;

/// SplitMix64: small, fast, and the same sequence on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// An index into `0..n` that favours the start: index 0 is drawn most often.
    pub fn skewed(&mut self, n: usize) -> usize {
        let unit = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        ((unit * unit * n as f64) as usize).min(n - 1)
    }
}

impl zh::Draw for Rng {
    fn below(&mut self, n: usize) -> usize {
        Rng::below(self, n)
    }
}

/// Sixty tags, most used first.
pub const TAGS: [&str; 60] = [
    "World",
    "Politics",
    "Economy",
    "Climate",
    "Technology",
    "Science",
    "Health",
    "Europe",
    "U.S.",
    "China",
    "Business",
    "Culture",
    "Sport",
    "Energy",
    "Cities",
    "Education",
    "Space",
    "Russia",
    "Africa",
    "Asia",
    "Elections",
    "Markets",
    "Transport",
    "Housing",
    "Food",
    "Music",
    "Film",
    "Books",
    "Law",
    "Security",
    "Migration",
    "Oceans",
    "Farming",
    "Weather",
    "Media",
    "Trade",
    "Labour",
    "AI",
    "Software",
    "Medicine",
    "India",
    "Japan",
    "Brazil",
    "Middle East",
    "Wildlife",
    "Archaeology",
    "Art",
    "Travel",
    "Football",
    "Tennis",
    "Opinion",
    "Obituaries",
    "Fashion",
    "Design",
    "Religion",
    "Startups",
    "Banking",
    "Rail",
    "Aviation",
    "Anti-Terrorism",
];

/// Words for titles and bodies, most used first; a few are CJK or emoji, two cells wide.
const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "on",
    "was",
    "with",
    "said",
    "city",
    "year",
    "new",
    "people",
    "government",
    "council",
    "week",
    "report",
    "water",
    "market",
    "plans",
    "local",
    "state",
    "minister",
    "after",
    "before",
    "during",
    "harbour",
    "storm",
    "bridge",
    "school",
    "budget",
    "energy",
    "prices",
    "workers",
    "union",
    "strike",
    "election",
    "vote",
    "court",
    "judge",
    "police",
    "station",
    "railway",
    "airport",
    "hospital",
    "doctors",
    "patients",
    "study",
    "research",
    "university",
    "scientists",
    "climate",
    "river",
    "flood",
    "drought",
    "farmers",
    "harvest",
    "festival",
    "music",
    "museum",
    "gallery",
    "library",
    "novel",
    "film",
    "director",
    "season",
    "team",
    "coach",
    "match",
    "league",
    "record",
    "company",
    "shares",
    "investors",
    "bank",
    "interest",
    "rates",
    "inflation",
    "housing",
    "rent",
    "tenants",
    "village",
    "mayor",
    "district",
    "northern",
    "southern",
    "coast",
    "island",
    "mountain",
    "valley",
    "forest",
    "wildlife",
    "ocean",
    "satellite",
    "launch",
    "rocket",
    "telescope",
    "software",
    "network",
    "phones",
    "data",
    "privacy",
    "startup",
    "factory",
    "exports",
    "imports",
    "tariffs",
    "border",
    "talks",
    "treaty",
    "summit",
    "leaders",
    "protest",
    "crowd",
    "evening",
    "morning",
    "quietly",
    "sharply",
    "slowly",
    "finally",
    "nearly",
    "almost",
    "although",
    "because",
    "however",
    "meanwhile",
    "東京",
    "市場",
    "天気",
    "🌊",
    "📈",
];

/// A few words with a random capital, as a title.
fn title(rng: &mut Rng) -> String {
    let mut words: Vec<String> = (0..rng.between(5, 12))
        .map(|_| WORDS[rng.skewed(WORDS.len())].to_string())
        .collect();
    if let Some(first) = words.first_mut() {
        let mut chars = first.chars();
        if let Some(c) = chars.next() {
            *first = c.to_uppercase().chain(chars).collect();
        }
    }
    words.join(" ")
}

/// A sentence-like run of `count` words ending with a full stop.
fn words(rng: &mut Rng, count: usize) -> String {
    let mut text = String::new();
    for i in 0..count {
        if i > 0 {
            text.push_str(if rng.below(12) == 0 { ", " } else { " " });
        }
        text.push_str(WORDS[rng.skewed(WORDS.len())]);
    }
    text.push('.');
    text
}

/// A paragraph of `count` words, some of them bold, emphasised or a link.
fn paragraph(rng: &mut Rng, count: usize) -> Block {
    let mut spans = Vec::new();
    let mut left = count;
    while left > 0 {
        let run = rng.between(4, 20).min(left);
        let style = match rng.below(10) {
            0 => SpanStyle {
                strong: true,
                ..SpanStyle::default()
            },
            1 => SpanStyle {
                emphasis: true,
                ..SpanStyle::default()
            },
            _ => SpanStyle::default(),
        };
        let mut text = words(rng, run);
        text.push(' ');
        spans.push(Span::styled(text, style));
        left -= run;
    }
    Block::Paragraph(spans)
}

/// 1–4 tags from the pool, the first ones far more often than the last.
fn tags(rng: &mut Rng) -> Vec<Tag> {
    let mut tags: Vec<Tag> = Vec::new();
    for _ in 0..rng.between(1, 4) {
        let tag = Tag::new(TAGS[rng.skewed(TAGS.len())]).expect("pool tags are not blank");
        if !tags.iter().any(|t| t.key() == tag.key()) {
            tags.push(tag);
        }
    }
    tags
}

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

pub fn feed_url(feed: usize) -> String {
    format!("https://news{feed}.example/rss")
}

/// `n` articles, newest first, article `i` from feed `i % FEEDS`. With `bodies`, each has 2–4
/// paragraphs of 20–60 words (about 150 words in all); without, an empty body, as the list
/// index needs it.
pub fn articles(n: usize, bodies: bool) -> Vec<Article> {
    let mut rng = Rng::new(SEED ^ n as u64);
    (0..n)
        .map(|i| {
            let feed = i % FEEDS;
            let minutes = i64::try_from(i * 5 + rng.below(5)).unwrap();
            let body = if bodies {
                Body {
                    blocks: (0..rng.between(2, 4))
                        .map(|_| {
                            let count = rng.between(20, 60);
                            paragraph(&mut rng, count)
                        })
                        .collect(),
                }
            } else {
                Body::default()
            };
            let url = format!("https://news{feed}.example/2026/{i}");
            Article {
                id: ArticleId::from_identity(&format!("feed:{}\n{url}", feed_url(feed))),
                title: title(&mut rng),
                source: format!("News {feed}"),
                author: (rng.below(3) > 0).then(|| format!("Reporter {}", rng.below(200))),
                published: Some(now() - TimeDelta::minutes(minutes)),
                url: Some(url),
                tags: tags(&mut rng),
                body,
            }
        })
        .collect()
}

/// Whether article `i` of [`chinese_articles`] and [`chinese_library`] is in Chinese: `share`
/// in a hundred, spread evenly.
fn in_chinese(i: usize, share: usize) -> bool {
    (i * share) % 100 < share
}

/// [`articles`] with bodies, `share` in a hundred of them (every fifth for 20) with a title and
/// body in Chinese of about as many words (`zh.rs`).
pub fn chinese_articles(n: usize, share: usize) -> Vec<Article> {
    let mut rng = Rng::new(SEED ^ 0x7A68 ^ n as u64);
    let mut articles = articles(n, true);
    for (i, article) in articles.iter_mut().enumerate() {
        if !in_chinese(i, share) {
            continue;
        }
        article.title = zh::title(&mut rng);
        article.body = Body {
            blocks: (0..rng.between(2, 4))
                .map(|_| {
                    let count = rng.between(20, 60);
                    Block::Paragraph(vec![Span::plain(zh::sentences(&mut rng, count))])
                })
                .collect(),
        };
    }
    articles
}

/// [`cached_library`] with the titles of [`chinese_articles`].
pub fn chinese_library(n: usize, share: usize) -> Library {
    let mut library = Library::new(Vec::new());
    library.reserve(n);
    for (i, mut article) in chinese_articles(n, share).into_iter().enumerate() {
        article.body = Body::default();
        library.add_cached(&feed_url(i % FEEDS), article);
    }
    library.sort();
    library
}

/// The articles grouped by feed, as the store hands them to start-up.
pub fn by_feed(articles: Vec<Article>) -> Vec<(String, Vec<Article>)> {
    let mut feeds: Vec<(String, Vec<Article>)> = (0..FEEDS)
        .map(|feed| (feed_url(feed), Vec::new()))
        .collect();
    for (i, article) in articles.into_iter().enumerate() {
        feeds[i % FEEDS].1.push(article);
    }
    feeds
}

/// A library of `n` cached articles as the reader holds a large feed cache: list rows
/// without bodies, read newest first and sorted once.
pub fn cached_library(n: usize) -> Library {
    let mut library = Library::new(Vec::new());
    library.reserve(n);
    for (i, article) in articles(n, false).into_iter().enumerate() {
        library.add_cached(&feed_url(i % FEEDS), article);
    }
    library.sort();
    library
}

/// Feeds and tags of the navigation benches: a reader who follows many feeds.
pub const MANY_FEEDS: usize = 500;
pub const MANY_TAGS: usize = 2_000;

/// `n` cached articles from [`MANY_FEEDS`] feeds, each with its pool tags and one of
/// [`MANY_TAGS`] topics, in an app at 120x40 that knows the feeds by name.
pub fn followed_app(n: usize) -> App {
    followed_app_with(n, Vec::new())
}

/// The same, with saved queries in the navigation pane.
pub fn followed_app_with(n: usize, queries: Vec<tidings::query::SavedQuery>) -> App {
    let mut library = Library::new(Vec::new());
    library.reserve(n);
    let mut rng = Rng::new(SEED ^ 0xfeed);
    for (i, mut article) in articles(n, false).into_iter().enumerate() {
        let topic = format!("Topic {}", rng.below(MANY_TAGS));
        article
            .tags
            .push(Tag::new(&topic).expect("a topic is not blank"));
        library.add_cached(&many_feed_url(i % MANY_FEEDS), article);
    }
    library.sort();
    let feeds: Vec<Subscription> = (0..MANY_FEEDS)
        .map(|feed| Subscription {
            full_text: false,
            url: many_feed_url(feed),
            name: Some(format!("Feed number {feed}")),
            tags: Vec::new(),
            every: None,
        })
        .collect();
    app_from(Start {
        feeds,
        queries,
        ..Start::new(library, settings())
    })
}

fn many_feed_url(feed: usize) -> String {
    format!("https://feed{feed}.example/rss")
}

/// A library of `n` articles with bodies in memory (articles from files, or a feed given on
/// the command line), merged feed by feed.
pub fn library(n: usize) -> Library {
    let mut library = Library::new(Vec::new());
    for (url, articles) in by_feed(articles(n, true)) {
        library.merge(Some(&url), articles);
    }
    library
}

/// An article of about `words` words: paragraphs of 40–120 words, a heading every few.
pub fn long_article(total: usize) -> Article {
    let mut rng = Rng::new(SEED ^ 0x10ad);
    let mut blocks = Vec::new();
    let mut left = total;
    while left > 0 {
        if blocks.len() % 6 == 5 {
            let count = rng.between(3, 7);
            let heading = words(&mut rng, count);
            blocks.push(Block::Heading(heading.trim_end_matches('.').to_string()));
        }
        let count = rng.between(40, 120).min(left);
        blocks.push(paragraph(&mut rng, count));
        left -= count;
    }
    Article {
        id: ArticleId::from_identity("bench:long"),
        title: title(&mut rng),
        source: "Bench".into(),
        author: Some("A. Writer".into()),
        published: Some(now()),
        url: Some("https://bench.example/long".into()),
        tags: tags(&mut rng),
        body: Body { blocks },
    }
}

/// An RSS 2.0 document of `items` items, each with 1–4 categories and an HTML description
/// of 150–400 words in paragraphs, with bold text and links.
pub fn rss(items: usize) -> Vec<u8> {
    let mut rng = Rng::new(SEED ^ 0x0055);
    let mut doc = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\
         <title>Bench News</title><link>https://bench.example/</link>\
         <description>Generated for benchmarks</description>\n",
    );
    for i in 0..items {
        let published = now() - TimeDelta::minutes(i64::try_from(i * 7).unwrap());
        let _ = write!(
            doc,
            "<item><title>{}</title><link>https://bench.example/2026/{i}</link>\
             <guid>https://bench.example/2026/{i}</guid><pubDate>{}</pubDate>",
            title(&mut rng),
            published.to_rfc2822(),
        );
        for tag in tags(&mut rng) {
            let _ = write!(doc, "<category>{}</category>", tag.as_str());
        }
        doc.push_str("<description><![CDATA[");
        let mut left = rng.between(150, 400);
        while left > 0 {
            let count = rng.between(30, 90).min(left);
            let bold = count.min(6);
            let lead = words(&mut rng, bold);
            let rest = words(&mut rng, (count - bold).max(1));
            let _ = write!(
                doc,
                "<p><b>{lead}</b> {rest} <a href=\"https://bench.example/ref/{i}\">more</a></p>"
            );
            left -= count;
        }
        doc.push_str("]]></description></item>\n");
    }
    doc.push_str("</channel></rss>\n");
    doc.into_bytes()
}

/// The settings of the screen tests.
pub fn settings() -> Settings {
    let config = Config::default();
    Settings {
        layout: config.layout.clone(),
        date_format: "%-d %B %Y".into(),
        offset: FixedOffset::east_opt(0).unwrap(),
        theme: Theme::new(&config.theme, true),
        keymap: Keymap::default(),
        refresh_every: 30,
    }
}

/// An app showing `library` at 120x40, set up as the screen tests set one up.
pub fn app(library: Library) -> App {
    app_from(Start::new(library, settings()))
}

/// An app started from `start` at 120x40.
pub fn app_from(start: Start) -> App {
    App::new(start, Size::new(120, 40), now())
}

/// Presses one key, as the terminal would report it.
pub fn press(app: &mut App, code: KeyCode) {
    app.handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Times `key` pressed in `app`, each press after `prepare` has run, untimed. Key benches
/// run one press per sample: divan makes a sample's inputs before timing it.
pub fn bench_key(bencher: divan::Bencher, app: App, prepare: impl Fn(&mut App), key: KeyCode) {
    let app = std::cell::RefCell::new(app);
    bencher
        .with_inputs(|| prepare(&mut app.borrow_mut()))
        .bench_local_values(|()| press(&mut app.borrow_mut(), key));
}

/// Presses each character of `keys` in turn.
pub fn type_keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        press(app, KeyCode::Char(c));
    }
}
