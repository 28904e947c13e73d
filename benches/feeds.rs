//! Feeds: reading a 10,000-item RSS document, making its items ready to store and storing
//! them as a refresh does; and the full-text index's options, each given the same text.
#![allow(
    clippy::unwrap_used,
    reason = "a bench that cannot go on should stop loudly; Cargo.toml denies unwrap outside tests"
)]

mod common;

use std::cell::Cell;

use divan::Bencher;
use rusqlite::{Connection, params};
use tidings::source::feed::{self, FeedSource, Item};
use tidings::source::words::{Markup, index_text};
use tidings::store::{CacheRow, Store};

const ITEMS: usize = 10_000;
const URL: &str = "https://bench.example/rss";

thread_local! {
    /// The size of each index `fts_index` made, printed after the table.
    static SIZES: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn main() {
    divan::main();
    SIZES.with_borrow(|sizes| {
        for size in sizes {
            println!("{size}");
        }
    });
}

fn source() -> FeedSource<'static> {
    FeedSource {
        url: URL,
        name: None,
        tags: &[],
        ..FeedSource::default()
    }
}

/// The items of the document, as the refresh reads them (bodies not made).
fn items(doc: &[u8]) -> Vec<Item> {
    let mut items = Vec::new();
    feed::read_items(
        doc,
        source(),
        feed::cores(),
        |run| run,
        |run| items.extend(run),
    )
    .unwrap();
    items
}

/// `feed::read_items` of an RSS 2.0 document of 10,000 items with HTML descriptions.
#[divan::bench(sample_count = 10)]
fn read_10k_items(bencher: Bencher) {
    let doc = common::rss(ITEMS);
    bencher.bench(|| items(&doc).len());
}

/// `feed::parse`, the same with every body made (a feed given on the command line).
#[divan::bench(sample_count = 10)]
fn parse_10k_items(bencher: Bencher) {
    let doc = common::rss(ITEMS);
    bencher.bench(|| feed::parse(&doc, source()).unwrap());
}

/// `CacheRow::from_item` for the 10,000 items: body packed, words for the index.
#[divan::bench(sample_count = 10)]
fn rows_10k_items(bencher: Bencher) {
    let items = items(&common::rss(ITEMS));
    bencher.bench(|| items.iter().map(CacheRow::from_item).collect::<Vec<_>>());
}

/// `Store::store_runs` of those rows, in runs of 64 as a refresh hands them on, into a new,
/// empty store each time.
#[divan::bench(sample_count = 10)]
fn store_10k_items(bencher: Bencher) {
    let rows: Vec<CacheRow> = items(&common::rss(ITEMS))
        .iter()
        .map(CacheRow::from_item)
        .collect();
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().unwrap();
            // The store is closed before its folder is removed.
            (Store::open(dir.path()).unwrap(), dir)
        })
        .bench_local_refs(|(store, _dir)| {
            store.with_cache_writes(|| {
                for run in rows.chunks(feed::RUN) {
                    store.store_runs(&[(URL, run)], common::now()).unwrap();
                }
            });
        });
}

/// Options of the full-text index, each indexing the titles and texts of the 10,000 items
/// in transactions of 64, as a refresh writes them: `detail=full` (positions, as before
/// schema version 4), `detail=column`, `detail=none`, and `detail=none` given each word of a
/// text once (what tidings does). The size of each index is printed after the table.
#[divan::bench(args = ["full", "column", "none", "none, words once", "none, words once, prefix 3"], sample_count = 5)]
fn fts_index(bencher: Bencher, option: &str) {
    let items = items(&common::rss(ITEMS));
    let once = option.contains("words once");
    let texts: Vec<(String, String)> = items
        .iter()
        .map(|item| {
            let words = if once {
                index_text(&item.body.text, Markup::Html).words
            } else {
                item.clone().into_article().body.plain_text()
            };
            (item.article.title.clone(), words)
        })
        .collect();
    let detail = option.split(',').next().unwrap_or(option);
    let prefix = if option.ends_with("prefix 3") {
        ", prefix = '3'"
    } else {
        ""
    };
    let printed = Cell::new(false);
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().unwrap();
            let conn = Connection::open(dir.path().join("index.db")).unwrap();
            conn.execute_batch(&format!(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
                 CREATE VIRTUAL TABLE feed_text USING fts5(
                     title, body, content = '', contentless_delete = 1, detail = {detail}{prefix},
                     tokenize = 'unicode61 remove_diacritics 2');"
            ))
            .unwrap();
            (conn, dir)
        })
        .bench_local_refs(|(conn, _dir)| {
            for (run, texts) in texts.chunks(feed::RUN).enumerate() {
                let transaction = conn.unchecked_transaction().unwrap();
                let mut insert = transaction
                    .prepare_cached(
                        "INSERT INTO feed_text (rowid, title, body) VALUES (?1, ?2, ?3)",
                    )
                    .unwrap();
                for (n, (title, text)) in texts.iter().enumerate() {
                    let rowid = i64::try_from(run * feed::RUN + n).unwrap();
                    insert.execute(params![rowid, title, text]).unwrap();
                }
                drop(insert);
                transaction.commit().unwrap();
            }
            if !printed.replace(true) {
                let pages: i64 = conn
                    .query_row("PRAGMA page_count", [], |row| row.get(0))
                    .unwrap();
                let size: i64 = conn
                    .query_row("PRAGMA page_size", [], |row| row.get(0))
                    .unwrap();
                let megabytes = (pages * size) as f64 / 1e6;
                SIZES.with_borrow_mut(|sizes| {
                    sizes.push(format!("fts_index {option}: {megabytes:.1} MB"));
                });
            }
        });
}
