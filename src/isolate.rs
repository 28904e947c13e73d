//! Isolation of the work that reads what others wrote: a feed, a web page, a picture. Such
//! work runs in [`isolated`], so that a panic in it (a fault of ours, or of a library below
//! us, on a document no test foresaw) becomes that document's error, in words, and the
//! refresh, the command or the reader goes on with the others.
//!
//! A panic caught this way prints nothing: the panic hook that [`install_hook`] puts in front
//! of the others stays quiet while the panicking thread is inside an isolated call. Every
//! other panic prints as it did and still reaches the hooks that restore the terminal.
//!
//! Work that an isolated call hands to threads of its own (the feed parser reads a large
//! feed on several scoped threads, and re-raises their panics with `resume_unwind`) wraps
//! each thread's work in [`carry`], so that a panic there is as quiet as on the caller.

use std::cell::Cell;
use std::fmt;
use std::panic::{self, AssertUnwindSafe};

/// The part of tidings whose work is isolated, named in the error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Reading a feed: its items, and the articles made of them.
    Feed,
    /// Reading a web page for its article, and making its body.
    Page,
    /// Decoding and scaling a picture.
    Picture,
}

impl Part {
    /// What failed, in words.
    fn name(self) -> &'static str {
        match self {
            Part::Feed => "the feed parser",
            Part::Page => "the page reader",
            Part::Picture => "the picture decoder",
        }
    }

    /// The word that names it in `TIDINGS_TEST_PANIC`.
    #[cfg(any(debug_assertions, test))]
    fn key(self) -> &'static str {
        match self {
            Part::Feed => "feed",
            Part::Page => "page",
            Part::Picture => "picture",
        }
    }
}

/// Isolated work that panicked. It reads "internal error in the feed parser".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panicked {
    pub part: Part,
    /// The panic's message, when it had one: for tests and debugging, never shown (it may
    /// hold what the document said).
    pub detail: String,
}

impl fmt::Display for Panicked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "internal error in {}", self.part.name())
    }
}

impl std::error::Error for Panicked {}

/// How a feed that panicked is reported: "could not be read: internal error in the feed
/// parser", where other feeds say "not a feed: …" or "HTTP 404 Not Found".
pub fn unreadable_feed(panicked: &Panicked) -> String {
    format!("could not be read: {panicked}")
}

thread_local! {
    /// How many isolated calls (or carried works) this thread is inside.
    static QUIET: Cell<usize> = const { Cell::new(0) };
}

/// While alive, panics on this thread print nothing.
struct Quiet;

impl Quiet {
    fn enter() -> Quiet {
        QUIET.with(|quiet| quiet.set(quiet.get() + 1));
        Quiet
    }
}

impl Drop for Quiet {
    fn drop(&mut self) {
        QUIET.with(|quiet| quiet.set(quiet.get().saturating_sub(1)));
    }
}

/// Whether a panic on this thread now would be caught by an isolated call (or re-raised
/// into one), and so is not printed.
pub fn is_quiet() -> bool {
    QUIET.with(|quiet| quiet.get() > 0)
}

/// Runs `work`, reading the document at `subject` (a feed's or a page's address, a
/// picture's), as `part`: a panic in it, on this thread or on a thread it [`carry`]s its
/// work to, is returned as [`Panicked`], and prints nothing. The caller makes that the
/// document's error; nothing else of the run is touched.
///
/// What `work` was changing when it panicked may be half done: it should only build what it
/// returns, or send what it made whole (as the feed reader sends runs of items).
pub fn isolated<T>(part: Part, subject: &str, work: impl FnOnce() -> T) -> Result<T, Panicked> {
    let _quiet = Quiet::enter();
    panic::catch_unwind(AssertUnwindSafe(|| {
        test_panic(part, subject);
        work()
    }))
    .map_err(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|text| (*text).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        // A payload whose drop panics in turn is let go of inside the isolation too.
        let _ = panic::catch_unwind(AssertUnwindSafe(|| drop(payload)));
        Panicked { part, detail }
    })
}

/// Wraps work that the current thread hands to another thread (a scoped thread that reads
/// part of a feed, whose panic the current thread re-raises with `resume_unwind`): on that
/// thread, it is as quiet as the current one, so a panic there prints nothing when the
/// current thread is inside an isolated call, and prints as ever when it is not. The
/// thread that starts the other must call `carry` itself, before the other starts:
///
/// ```
/// # let work = |n: u32| n * 2;
/// std::thread::scope(|scope| {
///     let other = scope.spawn(tidings::isolate::carry(move || work(21)));
///     let result = other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
///     assert_eq!(result, 42);
/// });
/// ```
pub fn carry<T, F>(work: F) -> impl FnOnce() -> T + Send
where
    F: FnOnce() -> T + Send,
{
    let quiet = is_quiet();
    move || {
        let _quiet = quiet.then(Quiet::enter);
        work()
    }
}

/// Puts a hook in front of the panic hook in place: it stays quiet for a panic inside an
/// isolated call and hands every other to the hook that was there (which prints it, and,
/// in the reader, restores the terminal). Install it after the hooks it must silence: the
/// reader installs it again once the terminal is set up. Installing it twice is harmless.
pub fn install_hook() {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if !is_quiet() {
            previous(info);
        }
    }));
}

/// The variable that debug builds read to make an isolated call panic (see [`test_panic`]).
pub const TEST_PANIC: &str = "TIDINGS_TEST_PANIC";

/// Debug builds only (the integration and end-to-end tests run the debug binary): with
/// `TIDINGS_TEST_PANIC=feed:TEXT` in the environment, reading a feed whose address contains
/// `TEXT` panics inside its isolated call, as a fault of the parser would; `page:TEXT` does
/// the same for a web page read for its full text, `picture:TEXT` for a picture. Several
/// are separated by `;`. Release builds have no such variable: this does nothing there.
#[cfg(debug_assertions)]
fn test_panic(part: Part, subject: &str) {
    let from_env = std::env::var_os(TEST_PANIC)
        .is_some_and(|wanted| wants_panic(&wanted.to_string_lossy(), part, subject));
    #[cfg(test)]
    let from_env = from_env
        || IN_TESTS
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .any(|wanted| wants_panic(wanted, part, subject));
    if from_env {
        panic!("{TEST_PANIC} asked for a panic reading {subject}");
    }
}

/// What unit tests ask to panic, as `TIDINGS_TEST_PANIC` would (the environment of the
/// test process is shared by every test in it): each test names subjects of its own.
#[cfg(test)]
static IN_TESTS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// In unit tests: from now on, isolated work on what `wanted` names panics (`feed:TEXT`).
#[cfg(test)]
pub(crate) fn panic_in_tests(wanted: &str) {
    IN_TESTS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(wanted.to_string());
}

#[cfg(not(debug_assertions))]
#[inline(always)]
fn test_panic(_: Part, _: &str) {}

/// Debug builds only: with `TIDINGS_TEST_PANIC=crash:PLACE`, panics here, outside any
/// isolated call, as a fault of ours would, so that tests can show that such a panic still
/// prints and restores the terminal. The reader's refresh thread is the one `PLACE`,
/// `refresh`. Release builds do nothing.
#[cfg(debug_assertions)]
pub fn test_crash(place: &str) {
    if std::env::var_os(TEST_PANIC).is_some_and(|wanted| {
        wanted
            .to_string_lossy()
            .split(';')
            .any(|entry| entry.strip_prefix("crash:") == Some(place))
    }) {
        panic!("{TEST_PANIC} asked for a crash in {place}");
    }
}

#[cfg(not(debug_assertions))]
#[inline(always)]
pub fn test_crash(_: &str) {}

/// Whether `wanted`, the value of `TIDINGS_TEST_PANIC`, asks `part` to panic on `subject`.
#[cfg(any(debug_assertions, test))]
fn wants_panic(wanted: &str, part: Part, subject: &str) -> bool {
    wanted.split(';').any(|entry| {
        entry.split_once(':').is_some_and(|(key, text)| {
            key == part.key() && !text.is_empty() && subject.contains(text)
        })
    })
}

#[cfg(test)]
#[path = "isolate_tests.rs"]
mod tests;
