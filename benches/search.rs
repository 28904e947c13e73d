//! Search as you type in a feed cache of 100,000 articles, a fifth of them in Chinese: for
//! each letter of a word, the store's full-text index asked as the store worker asks it
//! (`store_answer`), and that answer put in the list as the reader takes it (`whole_answer`):
//! what stands between a letter and its whole answer on screen, but for drawing
//! (`keystrokes/draw_after_move`). The same for Chinese strings of one, two and four
//! characters (`chinese_store_answer`, `chinese_whole_answer`). The list's first answer to a
//! letter, from the titles, is `keystrokes/search_letter`.

mod common;

use std::cell::{OnceCell, RefCell};

use divan::Bencher;
use ratatui::crossterm::event::KeyCode;
use tidings::event::Event;
use tidings::store::{CacheRow, Store};
use tidings::worker::store::StoreReport;

const N: usize = 100_000;
/// Articles in a hundred written in Chinese.
const CHINESE: usize = 20;
/// Typed one letter more in each bench; its prefixes of three letters and more match most of
/// the English articles.
const WORD: &str = "market";
/// Chinese searches: a character in nearly every Chinese article, one in few, a word of two
/// characters and one of four, each in many.
const CHINESE_QUERIES: &[&str] = &["的", "港", "智能", "人工智能"];

fn main() {
    // Made before the benches, so that what each search finds is printed before their table.
    with_store(|_| ());
    divan::main();
}

thread_local! {
    /// The cache, made once for every bench of a run (it takes a while).
    static CACHE: OnceCell<(tempfile::TempDir, Store)> = const { OnceCell::new() };
}

fn with_store<T>(work: impl FnOnce(&Store) -> T) -> T {
    CACHE.with(|cache| {
        let (_, store) = cache.get_or_init(|| {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let store = Store::open(dir.path()).expect("a store");
            for (url, articles) in common::by_feed(common::chinese_articles(N, CHINESE)) {
                let rows: Vec<CacheRow> = articles.iter().map(CacheRow::from_article).collect();
                store
                    .store_rows(&url, &rows, common::now())
                    .expect("stored");
            }
            // What each search finds, for the record.
            let queries = (1..=WORD.len()).map(|n| &WORD[..n]);
            for query in queries.chain(CHINESE_QUERIES.iter().copied()) {
                let found = store.search_cached(&[query.to_string()]).expect("found");
                eprintln!("{query}: {} articles", found.len());
            }
            (dir, store)
        });
        work(store)
    })
}

#[divan::bench(args = [1, 2, 3, 4, 5, 6], sample_count = 20)]
fn store_answer(bencher: Bencher, letters: usize) {
    let words = vec![WORD[..letters].to_string()];
    with_store(|store| bencher.bench_local(|| store.search_cached(&words).expect("found")));
}

#[divan::bench(args = [1, 2, 3, 4, 5, 6], sample_count = 20)]
fn whole_answer(bencher: Bencher, letters: usize) {
    whole(bencher, &WORD[..letters]);
}

#[divan::bench(args = CHINESE_QUERIES, sample_count = 20)]
fn chinese_store_answer(bencher: Bencher, query: &str) {
    let words = vec![query.to_string()];
    with_store(|store| bencher.bench_local(|| store.search_cached(&words).expect("found")));
}

#[divan::bench(args = CHINESE_QUERIES, sample_count = 20)]
fn chinese_whole_answer(bencher: Bencher, query: &str) {
    whole(bencher, query);
}

/// The index's answer to `typed` put into a list of the cache's titles being searched for it.
fn whole(bencher: Bencher, typed: &str) {
    let app = RefCell::new(common::app(common::chinese_library(N, CHINESE)));
    {
        let mut app = app.borrow_mut();
        app.library.prepare_search();
        common::press(&mut app, KeyCode::Char('/'));
        common::type_keys(&mut app, typed);
    }
    with_store(|store| {
        bencher.bench_local(|| {
            let found = store.search_cached(&[typed.to_string()]).expect("found");
            app.borrow_mut()
                .handle(Event::Store(StoreReport::SearchHits {
                    query: typed.to_string(),
                    found,
                }));
        });
    });
}
