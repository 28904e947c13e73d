use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use super::*;

#[test]
fn work_that_does_not_panic_gives_its_result() {
    assert_eq!(isolated(Part::Feed, "a", || 42), Ok(42));
    assert!(!is_quiet(), "quiet only inside");
}

#[test]
fn a_panic_is_the_error_of_the_part_in_words() {
    let caught = isolated(Part::Feed, "https://example.com/feed", || -> u32 {
        panic!("quick-xml fell over")
    })
    .expect_err("a panic is an error");
    assert_eq!(caught.part, Part::Feed);
    assert_eq!(caught.detail, "quick-xml fell over");
    assert_eq!(caught.to_string(), "internal error in the feed parser");
    assert_eq!(
        unreadable_feed(&caught),
        "could not be read: internal error in the feed parser"
    );
    let page = isolated(Part::Page, "p", || panic!("{}", String::from("owned"))).unwrap_err();
    assert_eq!(page.detail, "owned");
    assert_eq!(page.to_string(), "internal error in the page reader");
    let picture = isolated(Part::Picture, "p", || std::panic::panic_any(7_u8)).unwrap_err();
    assert_eq!(picture.detail, "");
    assert_eq!(picture.to_string(), "internal error in the picture decoder");
}

#[test]
fn the_thread_is_quiet_inside_an_isolated_call_only_and_after_a_panic_no_longer() {
    assert!(!is_quiet());
    let inside = isolated(Part::Page, "p", || {
        let nested = isolated(Part::Picture, "q", is_quiet).unwrap();
        (
            is_quiet(),
            nested,
            isolated(Part::Picture, "q", || panic!()).is_err(),
            is_quiet(),
        )
    });
    assert_eq!(
        inside,
        Ok((true, true, true, true)),
        "nested calls keep it quiet"
    );
    assert!(!is_quiet());
    let _ = isolated(Part::Feed, "f", || panic!("gone"));
    assert!(!is_quiet(), "a caught panic leaves the thread as it was");
}

#[test]
fn carried_work_is_quiet_on_its_thread_when_its_caller_was() {
    let on_other_thread = |work: Box<dyn FnOnce() -> bool + Send>| {
        thread::scope(|scope| scope.spawn(work).join().unwrap())
    };
    assert!(!on_other_thread(Box::new(carry(is_quiet))), "not inside");
    let inside = isolated(Part::Feed, "f", || {
        on_other_thread(Box::new(carry(is_quiet)))
    });
    assert_eq!(inside, Ok(true));
    // Not carried: another thread knows nothing of the caller.
    let plain = isolated(Part::Feed, "f", || on_other_thread(Box::new(is_quiet)));
    assert_eq!(plain, Ok(false));
}

/// As the feed parser reads a large feed: parts on scoped threads, each joined and its
/// panic raised again on the caller.
fn read_in_parts(parts: usize, work: impl Fn(usize) -> usize + Sync) -> usize {
    let work = &work;
    thread::scope(|scope| {
        let others: Vec<_> = (1..parts)
            .map(|part| scope.spawn(carry(move || work(part))))
            .collect();
        let mut total = work(0);
        for other in others {
            total += other
                .join()
                .unwrap_or_else(|panic| panic::resume_unwind(panic));
        }
        total
    })
}

#[test]
fn a_panic_on_a_scoped_thread_raised_again_on_the_caller_is_caught() {
    assert_eq!(isolated(Part::Feed, "f", || read_in_parts(4, |n| n)), Ok(6));
    let caught = isolated(Part::Feed, "f", || {
        read_in_parts(4, |n| if n == 2 { panic!("part {n}") } else { n })
    })
    .unwrap_err();
    assert_eq!(caught.detail, "part 2");
    assert!(!is_quiet());
}

/// Panics with this in their message are counted by the hook under the quiet one.
const MARK: &str = "isolate-hook-test";
static HEARD: AtomicUsize = AtomicUsize::new(0);

#[test]
fn the_hook_hears_nothing_of_isolated_panics_and_everything_of_the_others() {
    // The only test of this binary that sets hooks: the one under counts ours and hands
    // every panic on to the one that was there (the test harness's).
    let harness = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if info.to_string().contains(MARK) {
            HEARD.fetch_add(1, Ordering::SeqCst);
        }
        harness(info);
    }));
    install_hook();

    let caught = isolated(Part::Feed, "f", || {
        read_in_parts(3, |n| if n > 0 { panic!("{MARK} {n}") } else { n })
    });
    assert!(caught.is_err());
    assert!(isolated(Part::Picture, "p", || panic!("{MARK} here")).is_err());
    assert_eq!(
        HEARD.load(Ordering::SeqCst),
        0,
        "isolated panics are not heard"
    );

    // Outside, on this thread's children: heard, as ever.
    let outside = thread::spawn(|| panic!("{MARK} outside")).join();
    assert!(outside.is_err());
    // Inside, on a thread that was not carried: heard too (the parser must carry).
    let uncarried = isolated(Part::Feed, "f", || {
        thread::spawn(|| panic!("{MARK} uncarried")).join().is_err()
    });
    assert_eq!(uncarried, Ok(true));
    assert_eq!(HEARD.load(Ordering::SeqCst), 2);
}

#[test]
fn the_test_variable_names_a_part_and_part_of_an_address() {
    let url = "http://127.0.0.1:4000/bad.xml";
    assert!(wants_panic("feed:bad.xml", Part::Feed, url));
    assert!(wants_panic(
        "feed:http://127.0.0.1:4000/bad",
        Part::Feed,
        url
    ));
    assert!(!wants_panic("feed:good.xml", Part::Feed, url));
    assert!(!wants_panic("page:bad.xml", Part::Feed, url));
    assert!(wants_panic("page:x.html;feed:bad", Part::Feed, url));
    assert!(wants_panic("picture:.png", Part::Picture, "http://h/a.png"));
    assert!(
        !wants_panic("feed:", Part::Feed, url),
        "an empty text matches nothing"
    );
    assert!(!wants_panic("", Part::Feed, url));
    assert!(!wants_panic("feed", Part::Feed, url));
}

/// A feed of `items` items, enough for the parser to read it on several threads.
fn large_feed(items: usize) -> String {
    let items: String = (0..items)
        .map(|n| format!("<item><title>Item {n}</title><guid>g{n}</guid></item>"))
        .collect();
    format!(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Big</title>{items}</channel></rss>"
    )
}

fn source() -> crate::source::feed::FeedSource<'static> {
    crate::source::feed::FeedSource::new("https://big.example/feed")
}

#[test]
fn a_panic_on_the_feed_parsers_threads_is_caught() {
    let feed = large_feed(1000);
    let caught = isolated(Part::Feed, "https://big.example/feed", || {
        crate::source::feed::read_items(
            feed.as_bytes(),
            source(),
            4,
            |items| {
                assert!(items.len() < 64, "a fault in reading run after the first");
                items.len()
            },
            |_| {},
        )
    });
    assert!(caught.is_err(), "{caught:?}");
}

/// The feed parser reads a large feed on scoped threads of its own: for a panic there to
/// print nothing, it starts each with [`carry`].
#[test]
fn the_feed_parsers_threads_are_quiet_inside_an_isolated_call() {
    let feed = large_feed(1000);
    let quiet = std::sync::Mutex::new(Vec::new());
    let read = isolated(Part::Feed, "https://big.example/feed", || {
        crate::source::feed::read_items(
            feed.as_bytes(),
            source(),
            4,
            |_| {
                quiet
                    .lock()
                    .unwrap()
                    .push((thread::current().id(), is_quiet()))
            },
            |()| {},
        )
    });
    assert!(read.is_ok());
    let quiet = quiet.into_inner().unwrap();
    let threads: std::collections::HashSet<_> = quiet.iter().map(|(id, _)| *id).collect();
    assert!(threads.len() > 1, "read on several threads");
    assert!(quiet.iter().all(|(_, quiet)| *quiet), "{quiet:?}");
}
