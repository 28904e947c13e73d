//! Start-up: building the list index from the cached articles, and reading them from the store.
#![allow(
    clippy::unwrap_used,
    reason = "a bench that cannot go on should stop loudly; Cargo.toml denies unwrap outside tests"
)]

mod common;

use common::SIZES;
use divan::Bencher;
use tidings::model::library::Library;
use tidings::store::{FeedState, Store};

fn main() {
    divan::main();
}

/// The list index of `n` cached articles without bodies (what the list needs), built as
/// start-up builds it from the feed cache: one `add_cached` each, one sort.
#[divan::bench(args = SIZES, max_time = 10)]
fn library_build(bencher: Bencher, n: usize) {
    let cached: Vec<(String, tidings::model::Article)> =
        common::by_feed(common::articles(n, false))
            .into_iter()
            .flat_map(|(url, articles)| articles.into_iter().map(move |a| (url.clone(), a)))
            .collect();
    bencher
        .with_inputs(|| cached.clone())
        .bench_local_values(|cached| {
            let mut library = Library::new(Vec::new());
            library.reserve(cached.len());
            for (url, article) in cached {
                library.add_cached(&url, article);
            }
            library.sort();
            library
        });
}

/// A store holding `n` articles with bodies (about 150 words each), ingested feed by feed.
fn filled_store(n: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    for (url, articles) in common::by_feed(common::articles(n, true)) {
        let state = FeedState {
            url: url.clone(),
            ..FeedState::default()
        };
        store
            .ingest(&url, &articles, &state, common::now())
            .unwrap();
    }
    (dir, store)
}

/// Every list row of the cache, as the background read takes them (`Store::each_cached`).
#[divan::bench(args = SIZES, max_time = 10)]
fn store_cached_articles(bencher: Bencher, n: usize) {
    let (_dir, store) = filled_store(n);
    assert_eq!(store.cached_articles().unwrap().0.len(), n);
    bencher.bench_local(|| store.cached_articles().unwrap());
}

/// The newest 500 list rows, what a large cache's first frame is drawn from.
#[divan::bench(args = SIZES, max_time = 10)]
fn store_newest_500(bencher: Bencher, n: usize) {
    let (_dir, store) = filled_store(n);
    bencher.bench_local(|| {
        let mut rows = 0;
        store.each_cached(Some(500), |_, _| rows += 1).unwrap();
        rows
    });
}
