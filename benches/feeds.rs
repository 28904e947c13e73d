//! Feeds: parsing a 10,000-item RSS document, and ingesting its articles into the store.

mod common;

use divan::Bencher;
use tidings::source::feed::{self, FeedSource};
use tidings::store::{FeedState, Store};

const ITEMS: usize = 10_000;
const URL: &str = "https://bench.example/rss";

fn main() {
    divan::main();
}

fn source() -> FeedSource<'static> {
    FeedSource {
        url: URL,
        name: None,
        tags: &[],
    }
}

/// `feed::parse` of an RSS 2.0 document of 10,000 items with HTML descriptions.
#[divan::bench(sample_count = 10)]
fn parse_10k_items(bencher: Bencher) {
    let doc = common::rss(ITEMS);
    bencher.bench(|| feed::parse(&doc, source()).unwrap());
}

/// `Store::ingest` of those 10,000 articles into a new, empty store each time.
#[divan::bench(sample_count = 10)]
fn ingest_10k_items(bencher: Bencher) {
    let articles = feed::parse(&common::rss(ITEMS), source()).unwrap().articles;
    assert_eq!(articles.len(), ITEMS);
    let state = FeedState {
        url: URL.into(),
        ..FeedState::default()
    };
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().unwrap();
            // The store is closed before its folder is removed.
            (Store::open(dir.path()).unwrap(), dir)
        })
        .bench_local_refs(|(store, _dir)| {
            store.ingest(URL, &articles, &state, common::now()).unwrap()
        });
}
