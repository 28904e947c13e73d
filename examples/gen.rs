//! Deterministic test data for the benchmarks: feed files, one big feed, and a ready data dir.
//!
//! ```sh
//! cargo run --release --example gen -- --articles 10000 --out target/bench-data/10000
//! ```
//!
//! writes into `--out`:
//! - `feeds/feed-NNN.xml`: `--feeds` files (default one per 500 articles), RSS 2.0 and Atom
//!   in turn, `--articles` items in all, newest first;
//! - `single.xml`: one RSS 2.0 feed of `--single-feed-items` items, for the ingest comparison
//!   (it depends only on the seed, not on `--articles`);
//! - `data/`: a tidings data dir subscribed to every `feeds/` file by its `file://` address,
//!   with all their articles cached as a refresh caches them and each feed marked fresh for
//!   a century, so that the reader starts on the cache without fetching;
//! - `config.toml`: `refresh_on_start = false`, nothing else;
//! - `gen-done`: the summary line, written last (its absence means an unfinished run).
//!
//! The same seed (and `--until`) gives byte-identical feed files on every machine: the
//! random numbers come from splitmix64 and the skewed choices use integer weights only.
//! Dates lie in the three years before `--until` (a fixed day, not today, for that reason).
//!
//! Items: a title, link, guid/id, date, author, 1-4 categories from 60 tags with a Zipf-like
//! distribution, and an HTML body of 200-3,000 words (skewed short, about 900 on average):
//! paragraphs, `h2` headings, `b`/`i`/`a href`, now and then a list or a block quote. About
//! 5% of the items have CJK sentences and 5% emoji. RSS bodies are CDATA, Atom bodies escaped.
//! With `--chinese P`, P% of the items (each drawn apart, so the others stay as they were) are
//! written in Chinese, title and body, sentences of common words (`benches/common/zh.rs`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

use anyhow::{Context, bail};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use clap::Parser;
use tidings::model::Subscription;
use tidings::source::feed::{self, FeedHead, FeedSource};
use tidings::store::{CacheRow, FeedState, Store};

#[path = "../benches/common/zh.rs"]
mod zh;

/// One feed file written and read: its number, address, size, head and items to store.
type Generated = (usize, String, u64, FeedHead, Vec<CacheRow>);

#[derive(Parser)]
#[command(about = "Generate deterministic feeds and a ready tidings data dir for benchmarks")]
struct Args {
    /// Articles in all the feed files (and in the data dir's cache).
    #[arg(long)]
    articles: usize,
    /// Number of feed files [default: max(1, articles / 500)].
    #[arg(long)]
    feeds: Option<usize>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to write; must not hold a generated data dir already.
    #[arg(long)]
    out: PathBuf,
    /// Items in `single.xml`.
    #[arg(long, default_value_t = 10_000)]
    single_feed_items: usize,
    /// The newest possible date (YYYY-MM-DD); items are dated up to three years before it.
    #[arg(long, default_value = "2026-11-01")]
    until: NaiveDate,
    /// The share of items written in Chinese, in per cent.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=100))]
    chinese: u64,
}

/// splitmix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    /// A generator for one stream (a feed, an item) of a seed.
    fn stream(seed: u64, a: u64, b: u64) -> Self {
        let mut mixer = Rng(seed ^ a.wrapping_mul(0xA24B_AED4_963E_E407));
        let first = mixer.next();
        let mut rng = Rng(first ^ b.wrapping_mul(0x9FB2_1C65_1E98_DF25));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below((hi - lo + 1) as u64) as usize
    }

    /// True `per_mille` times in a thousand.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

impl zh::Draw for Rng {
    fn below(&mut self, n: usize) -> usize {
        Rng::below(self, n as u64) as usize
    }
}

/// Mixed into the seed of the stream that says whether an item is in Chinese, so that the
/// items' own streams are drawn from as they always were.
const CHINESE_STREAM: u64 = 0x7A68_7A68_7A68_7A68;

/// Zipf-like choice (weight 1/(rank + flatten)) of an index into a list ordered by
/// frequency, with integer weights so that every platform picks the same.
struct Zipf(Vec<u64>);

impl Zipf {
    fn new(len: usize, flatten: u64) -> Self {
        let mut total = 0;
        Zipf(
            (1..=len as u64)
                .map(|rank| {
                    total += 1_000_000_000 / (rank + flatten);
                    total
                })
                .collect(),
        )
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let point = rng.below(*self.0.last().unwrap_or(&1));
        self.0.partition_point(|&edge| edge <= point)
    }
}

/// Most frequent first. No digits anywhere, so no text can look like the status line's "N of M".
const FUNCTION_WORDS: &str = "the of and to a in that is for on it with as was by at from be \
have has are an this not but which their they his her its were who been will would also \
into than when some could about over after more most only other";

/// Most frequent first, likewise.
const CONTENT_WORDS: &str = "said new people year first two city government time years \
report local state week school world data study water market officials plans council \
energy workers power health residents river region project change companies rules \
program budget research support policy national future harbour service families money \
system coast community children growth prices streets industry history museum weather \
climate election festival village ferry station garden forest island bridge valley \
harvest library network storage battery software engine scientists doctors teachers \
farmers engineers volunteers tenants drivers musicians writers researchers committee \
minister mayor court judge agency union hospital university airport railway highway \
tunnel reservoir wetland shoreline orchard vineyard bakery square kitchen lantern \
lighthouse glacier desert monsoon drought flood storm heatwave wildfire earthquake tide \
current season winter spring summer autumn morning evening night quietly slowly sharply \
steadily suddenly recently finally largely nearly rarely often always never again \
already still perhaps however meanwhile instead rather further together across around \
along behind beyond inside outside toward within despite although unless whether every \
several few little much enough small large long short early late recent modern ancient \
rural urban coastal northern southern eastern western central remote crowded empty quiet \
busy bright dark warm cold green blue golden silver wooden careful clever honest patient \
curious stubborn generous nervous proud tired hungry lucky familiar strange ordinary rare \
common build open close move carry share count measure repair replace restore protect \
plant travel collect explain describe discover remember forget promise decide expect \
allow refuse welcome celebrate argue agree warn predict publish launch test record visit \
return arrive leave follow lead grow shrink rise fall climb cross reach";

#[rustfmt::skip]
const TAGS: [&str; 60] = [
    "Politics", "Economy", "Technology", "Science", "Climate", "Health", "World", "Culture",
    "Sport", "Business", "U.S.", "Europe", "Asia", "Education", "Cities", "Transport",
    "Energy", "Space", "Food", "Travel", "Music", "Books", "Film", "Open Source", "Security",
    "Privacy", "AI", "Housing", "Labour", "Law", "Media", "Finance", "Markets", "Startups",
    "Oceans", "Wildlife", "Agriculture", "Water", "Weather", "History", "Architecture",
    "Design", "Games", "Mobile", "Hardware", "Research", "Medicine", "Mental Health",
    "Religion", "Migration", "Africa", "Latin America", "Middle East", "Oceania",
    "Arts & Culture", "Explainer", "Opinion", "Interview", "Obituaries", "Fact Check",
];

#[rustfmt::skip]
const AUTHORS: [&str; 24] = [
    "Naomi Castellanos", "Ravi Menon", "Ingrid Solberg", "Tomás Ferreira", "Aiko Tanaka",
    "Samuel Okafor", "Lena Vogt", "Marek Nowak", "Priya Raman", "Owen Gallagher",
    "Chloé Martin", "Daniel Kim", "Fatima Haddad", "Jonas Berg", "Mei Lin", "Carlos Ruiz",
    "Hannah Weiss", "Kwame Mensah", "Sofia Russo", "Ethan Brooks", "Yusuf Demir", "Zoë Clarke",
    "Anika Patel", "Lucas Moreau",
];

#[rustfmt::skip]
const PAPER_ADJECTIVES: [&str; 16] = [
    "Harbour", "Northern", "Evening", "Open", "Quiet", "Meridian", "Coastal", "Daily",
    "Valley", "Granite", "Lantern", "Weekly", "Common", "Riverside", "Summit", "Long",
];
#[rustfmt::skip]
const PAPER_NOUNS: [&str; 12] = [
    "Gazette", "Ledger", "Courier", "Review", "Chronicle", "Dispatch", "Herald", "Post",
    "Observer", "View", "Record", "Bulletin",
];

#[rustfmt::skip]
const CJK: [&str; 10] = [
    "今年の夏は例年より雨が多く、川の水位が上がった。", "市場では新しい電池の価格が下がり続けている。", "図書館は週末も夜九時まで開館することになった。",
    "地元の漁師たちは朝早くから港に集まっていた。", "研究者たちは三年間にわたって森の変化を記録した。", "这座城市的新地铁线路将于明年春天开通。",
    "许多年轻人开始回到农村种植茶叶。", "科学家们在海边发现了一种罕见的鸟类。", "夜班渡轮重新开始运营，乘客们都很高兴。",
    "서울의 작은 서점들이 다시 문을 열고 있다.",
];

#[rustfmt::skip]
const EMOJI: [&str; 12] = [
    "🌍", "📈", "🔥", "🚀", "☕", "🎉", "⚡", "🌧️", "👍🏽", "🇯🇵", "🐟", "🌱",
];

/// The vocabulary and the skewed choosers, shared by every generator thread.
struct Lexicon {
    function: Vec<&'static str>,
    content: Vec<&'static str>,
    function_rank: Zipf,
    content_rank: Zipf,
    tag_rank: Zipf,
    /// Items in a hundred written in Chinese.
    chinese: u64,
}

impl Lexicon {
    fn new(chinese: u64) -> Self {
        let function: Vec<&str> = FUNCTION_WORDS.split_whitespace().collect();
        let content: Vec<&str> = CONTENT_WORDS.split_whitespace().collect();
        Lexicon {
            function_rank: Zipf::new(function.len(), 2),
            content_rank: Zipf::new(content.len(), 10),
            tag_rank: Zipf::new(TAGS.len(), 0),
            chinese,
            function,
            content,
        }
    }

    /// A content word (a noun, verb, adjective or adverb).
    fn word(&self, rng: &mut Rng) -> &'static str {
        self.content[self.content_rank.sample(rng)]
    }

    /// A function word `per_mille` times in a thousand, else a content word.
    fn any_word(&self, rng: &mut Rng, per_mille: u64) -> &'static str {
        if rng.chance(per_mille) {
            self.function[self.function_rank.sample(rng)]
        } else {
            self.word(rng)
        }
    }

    /// A sentence of plain words, capitalised, with a final stop.
    fn sentence(&self, rng: &mut Rng, words: usize) -> String {
        self.words(rng, words, 450)
    }

    /// `count` words, capitalised, with a final stop; `function` words in a thousand are
    /// function words.
    fn words(&self, rng: &mut Rng, count: usize, function: u64) -> String {
        let mut out = String::new();
        let mut last = "";
        for i in 0..count {
            let mut word = self.any_word(rng, function);
            if word == last {
                word = self.word(rng);
            }
            last = word;
            if i == 0 {
                let mut chars = word.chars();
                out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                out.push_str(chars.as_str());
            } else {
                out.push(if i > 3 && rng.chance(60) { ',' } else { ' ' });
                if out.ends_with(',') {
                    out.push(' ');
                }
                out.push_str(word);
            }
        }
        out.push(if rng.chance(40) { '?' } else { '.' });
        out
    }
}

/// What makes one item special.
#[derive(Clone, Copy)]
struct Flavour {
    cjk: bool,
    emoji: bool,
    /// Written in Chinese, title and body.
    chinese: bool,
}

struct Item {
    guid: String,
    link: String,
    title: String,
    author: &'static str,
    date: DateTime<Utc>,
    tags: Vec<&'static str>,
    html: String,
}

fn item(
    lex: &Lexicon,
    rng: &mut Rng,
    feed: usize,
    index: usize,
    seed: u64,
    until: DateTime<Utc>,
) -> Item {
    let chinese = lex.chinese > 0
        && Rng::stream(seed ^ CHINESE_STREAM, feed as u64 + 1, index as u64 + 1).below(100)
            < lex.chinese;
    let flavour = Flavour {
        cjk: rng.chance(50),
        emoji: rng.chance(50),
        chinese,
    };
    let three_years = 3 * 365 * 86_400;
    let date = until - TimeDelta::seconds(rng.below(three_years) as i64);
    let words = rng.range(5, 11);
    let mut title = lex.words(rng, words, 200);
    title.pop();
    if chinese {
        title = zh::title(rng);
    } else if rng.chance(60) {
        title.push_str(" & beyond");
    } else if rng.chance(40) {
        title = format!("Why \u{201c}{}\u{201d} matters: {title}", lex.word(rng));
    }
    if flavour.cjk && rng.chance(300) {
        title = format!("{title} {}", rng.pick(&CJK));
    }
    if flavour.emoji && rng.chance(400) {
        title = format!("{} {title}", rng.pick(&EMOJI));
    }
    let mut tags: Vec<&str> = Vec::new();
    for _ in 0..rng.range(1, 4) {
        let tag = TAGS[lex.tag_rank.sample(rng)];
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let slug: Vec<&str> = title.split(' ').take(5).collect();
    let slug: String = slug
        .join("-")
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphabetic() || *c == '-')
        .collect();
    let slug = if slug.is_empty() {
        "article".into()
    } else {
        slug
    };
    Item {
        guid: format!("tidings-gen:{seed}:{feed}:{index}"),
        link: format!(
            "https://feed{feed:03}.example.org/{}/{slug}-{index}",
            date.format("%Y/%m")
        ),
        title,
        author: rng.pick(&AUTHORS),
        date,
        tags,
        html: body(lex, rng, flavour),
    }
}

/// An HTML body of 200-3,000 words (200 + 2,800·u³: about 900 on average, most short).
fn body(lex: &Lexicon, rng: &mut Rng, flavour: Flavour) -> String {
    let u = rng.below(1_000_000);
    let target = 200 + (2_800 * u * u / 1_000_000 * u / 1_000_000 / 1_000_000) as usize;
    let mut html = String::new();
    let mut words = 0;
    let mut since_heading = 0;
    while words < target {
        // A sentence of about `n` words in the item's language.
        let sentence = |rng: &mut Rng, n: usize| {
            if flavour.chinese {
                zh::sentences(rng, n)
            } else {
                lex.sentence(rng, n)
            }
        };
        if since_heading >= rng.range(3, 7) {
            let n = rng.range(2, 6);
            let heading = if flavour.chinese {
                zh::heading(rng)
            } else {
                let heading = lex.sentence(rng, n);
                heading[..heading.len() - 1].to_string()
            };
            let _ = writeln!(html, "<h2>{heading}</h2>");
            since_heading = 0;
        }
        since_heading += 1;
        let kind = rng.below(100);
        if kind < 4 {
            html.push_str("<ul>\n");
            for _ in 0..rng.range(3, 5) {
                let n = rng.range(4, 12);
                words += n;
                let _ = writeln!(html, "<li>{}</li>", sentence(rng, n));
            }
            html.push_str("</ul>\n");
        } else if kind < 7 {
            let n = rng.range(12, 40);
            words += n;
            let _ = writeln!(html, "<blockquote><p>{}</p></blockquote>", sentence(rng, n));
        } else {
            html.push_str("<p>");
            for s in 0..rng.range(2, 6) {
                if s > 0 && !flavour.chinese {
                    html.push(' ');
                }
                let n = rng.range(6, 24);
                words += n;
                let sentence = sentence(rng, n);
                match rng.below(100) {
                    0..4 => {
                        let _ = write!(html, "<b>{sentence}</b>");
                    }
                    4..8 => {
                        let _ = write!(html, "<i>{sentence}</i>");
                    }
                    8..12 => {
                        let at = if flavour.chinese {
                            sentence.char_indices().nth(4).map_or(0, |(at, _)| at)
                        } else {
                            sentence.find(' ').unwrap_or(0)
                        };
                        let (head, tail) = sentence.split_at(at);
                        let path = lex.word(rng);
                        let _ = write!(
                            html,
                            "<a href=\"https://example.org/{path}?ref=gen&amp;n={words}\">{head}</a>{tail}"
                        );
                    }
                    _ => html.push_str(&sentence),
                }
                if flavour.cjk && rng.chance(300) {
                    html.push(' ');
                    html.push_str(rng.pick(&CJK));
                }
                if flavour.emoji && rng.chance(250) {
                    html.push(' ');
                    html.push_str(rng.pick(&EMOJI));
                }
            }
            html.push_str("</p>\n");
        }
    }
    html
}

/// Text escaped for XML character data and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn rss(title: &str, home: &str, about: &str, items: &[Item]) -> String {
    let mut xml = String::new();
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n\
         <title>{}</title>\n<link>{home}</link>\n<description>{}</description>\n<language>en</language>\n",
        escape(title),
        escape(about)
    );
    for item in items {
        let _ = write!(
            xml,
            "<item>\n<title>{}</title>\n<link>{}</link>\n<guid isPermaLink=\"false\">{}</guid>\n\
             <pubDate>{}</pubDate>\n<dc:creator>{}</dc:creator>\n",
            escape(&item.title),
            escape(&item.link),
            escape(&item.guid),
            item.date.to_rfc2822(),
            escape(item.author)
        );
        for tag in &item.tags {
            let _ = writeln!(xml, "<category>{}</category>", escape(tag));
        }
        debug_assert!(!item.html.contains("]]>"));
        let _ = write!(
            xml,
            "<description><![CDATA[{}]]></description>\n</item>\n",
            item.html
        );
    }
    xml.push_str("</channel>\n</rss>\n");
    xml
}

fn atom(title: &str, home: &str, id: &str, updated: DateTime<Utc>, items: &[Item]) -> String {
    let mut xml = String::new();
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n\
         <title>{}</title>\n<id>{}</id>\n<updated>{}</updated>\n<link href=\"{}\"/>\n",
        escape(title),
        escape(id),
        updated.to_rfc3339(),
        escape(home)
    );
    for item in items {
        let _ = write!(
            xml,
            "<entry>\n<title type=\"text\">{}</title>\n<id>{}</id>\n<link rel=\"alternate\" href=\"{}\"/>\n\
             <published>{}</published>\n<updated>{}</updated>\n<author><name>{}</name></author>\n",
            escape(&item.title),
            escape(&item.guid),
            escape(&item.link),
            item.date.to_rfc3339(),
            item.date.to_rfc3339(),
            escape(item.author)
        );
        for tag in &item.tags {
            let _ = writeln!(xml, "<category term=\"{}\"/>", escape(tag));
        }
        let _ = write!(
            xml,
            "<content type=\"html\">{}</content>\n</entry>\n",
            escape(&item.html)
        );
    }
    xml.push_str("</feed>\n");
    xml
}

/// The stream number of `single.xml`, beyond any feed number.
const SINGLE_FEED: usize = 999_999;

/// The first `count` items of a feed's stream, newest first.
fn items(lex: &Lexicon, seed: u64, feed: usize, count: usize, until: DateTime<Utc>) -> Vec<Item> {
    let mut items: Vec<Item> = (0..count)
        .map(|index| {
            let mut rng = Rng::stream(seed, feed as u64 + 1, index as u64 + 1);
            item(lex, &mut rng, feed, index, seed, until)
        })
        .collect();
    items.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.guid.cmp(&b.guid)));
    items
}

/// The XML of feed number `feed` (RSS for even numbers, Atom for odd).
fn feed_xml(lex: &Lexicon, seed: u64, feed: usize, count: usize, until: DateTime<Utc>) -> String {
    let mut rng = Rng::stream(seed, feed as u64 + 1, 0);
    let title = format!(
        "The {} {}",
        rng.pick(&PAPER_ADJECTIVES),
        rng.pick(&PAPER_NOUNS)
    );
    let home = format!("https://feed{feed:03}.example.org/");
    let items = items(lex, seed, feed, count, until);
    if feed.is_multiple_of(2) {
        rss(
            &title,
            &home,
            &format!("Generated test feed {feed} (seed {seed})"),
            &items,
        )
    } else {
        atom(
            &title,
            &home,
            &format!("urn:tidings-gen:{seed}:feed:{feed}"),
            until,
            &items,
        )
    }
}

/// `file://` and the path, with bytes other than unreserved ones and `/` percent-encoded.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            url.push(char::from(byte));
        } else {
            let _ = write!(url, "%{byte:02X}");
        }
    }
    url
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let started = Instant::now();
    let feeds = args.feeds.unwrap_or((args.articles / 500).max(1)).max(1);
    std::fs::create_dir_all(args.out.join("feeds"))
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let out = std::fs::canonicalize(&args.out)?;
    let data = out.join("data");
    if data.join(Store::FILE_NAME).exists() {
        bail!(
            "{} already holds a generated data dir; remove it first",
            out.display()
        );
    }
    let _ = std::fs::remove_file(out.join("gen-done"));
    let until = args
        .until
        .and_hms_opt(0, 0, 0)
        .context("bad --until")?
        .and_utc();
    let lex = Lexicon::new(args.chinese);

    // single.xml: its own stream, the same whatever --articles is.
    let single = {
        let items = items(&lex, args.seed, SINGLE_FEED, args.single_feed_items, until);
        rss(
            "The Single Feed",
            "https://single.example.org/",
            "One big generated feed",
            &items,
        )
    };
    std::fs::write(out.join("single.xml"), &single)?;
    let mut bytes = 0;

    std::fs::write(out.join("config.toml"), "refresh_on_start = false\n")?;
    let store = Store::open(&data)?;
    let now = Utc::now();
    let workers = std::thread::available_parallelism()
        .map_or(2, usize::from)
        .min(feeds);
    let (sender, received) = mpsc::channel::<anyhow::Result<Generated>>();
    std::thread::scope(|scope| -> anyhow::Result<()> {
        for worker in 0..workers {
            let (sender, lex, out) = (sender.clone(), &lex, &out);
            let (seed, articles) = (args.seed, args.articles);
            scope.spawn(move || {
                for feed in (worker..feeds).step_by(workers) {
                    let count = articles / feeds + usize::from(feed < articles % feeds);
                    let result = (|| -> anyhow::Result<_> {
                        let xml = feed_xml(lex, seed, feed, count, until);
                        let path = out.join("feeds").join(format!("feed-{feed:03}.xml"));
                        std::fs::write(&path, &xml)?;
                        let url = file_url(&path);
                        let source = FeedSource {
                            url: &url,
                            name: None,
                            tags: &[],
                            ..FeedSource::default()
                        };
                        // As a refresh reads a feed: its items ready to store as they are.
                        let mut rows = Vec::new();
                        let head = feed::read_items(
                            xml.as_bytes(),
                            source,
                            1,
                            |items| items.iter().map(CacheRow::from_item).collect::<Vec<_>>(),
                            |run| rows.extend(run),
                        )
                        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                        Ok((feed, url, xml.len() as u64, head, rows))
                    })();
                    if sender.send(result).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        // Ingested in feed order, so that the database is laid out the same on every run.
        let mut pending = std::collections::BTreeMap::new();
        let mut next = 0;
        for result in received {
            let (feed, url, size, head, rows) = result?;
            pending.insert(feed, (url, size, head, rows));
            while let Some((url, size, head, rows)) = pending.remove(&next) {
                bytes += size;
                let sub = Subscription {
                    full_text: false,
                    url: url.clone(),
                    name: None,
                    tags: Vec::new(),
                    every: None,
                };
                store.add_subscription(&sub, now)?;
                let state = FeedState {
                    url: url.clone(),
                    title: head.title.clone(),
                    last_attempt: Some(now),
                    last_success: Some(now),
                    fresh_until: Some(now + TimeDelta::days(36_500)),
                    ..FeedState::default()
                };
                store.store_rows(&url, &rows, now)?;
                store.finish_feed(&state, now)?;
                next += 1;
                if next % 20 == 0 || next == feeds {
                    eprint!(
                        "\r{next}/{feeds} feeds, {:.0} s",
                        started.elapsed().as_secs_f64()
                    );
                }
            }
        }
        eprintln!();
        Ok(())
    })?;
    drop(store);
    let summary = format!(
        "{} articles{} in {feeds} feeds ({:.1} MB) + single.xml ({} items, {:.1} MB), in {:.1} s: {}",
        args.articles,
        if args.chinese > 0 {
            format!(" ({}% in Chinese)", args.chinese)
        } else {
            String::new()
        },
        bytes as f64 / 1e6,
        args.single_feed_items,
        single.len() as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        out.display()
    );
    std::fs::write(out.join("gen-done"), format!("{summary}\n"))?;
    println!("{summary}");
    Ok(())
}
