//! The picture workers: threads that take the pictures the reader wants now, get each from
//! the disk cache or the web (through `net`: per-host limit, User-Agent, timeouts,
//! size limit), decode and scale it for its room, and send what came of it. The reader says
//! what it wants as one list, most wanted first; whatever it no longer wants leaves the queue.

use std::collections::{HashSet, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;

use super::cache::DiskCache;
use super::{Colours, Drawn, decode};
use crate::isolate::{Part, isolated};
use crate::model::room::Room;
use crate::net::{self as fetch, FetchSettings, Outcome, Request};

/// The largest picture fetched, in bytes; the config's `max_size_mb` lowers it further.
pub const MAX_BYTES: u64 = 5 * 1024 * 1024;
/// Threads fetching and decoding (decoding itself is one at a time). One more, when there is
/// a disk cache, draws only pictures kept there: a slow host holding the others for their
/// timeouts does not hold up a picture that needs no network.
const FETCHING_THREADS: usize = 2;

/// One picture for one room.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Job {
    pub url: String,
    pub room: Room,
}

/// What came of a job: the picture ready to draw, or a one-line note saying why not.
#[derive(Debug, Clone, PartialEq)]
pub struct PictureReport {
    pub job: Job,
    pub result: Result<Drawn, String>,
    /// The failure may pass (a timeout, no network, a busy server): the picture is worth
    /// asking for again later, where a 404 or a damaged file is not.
    pub passing: bool,
}

/// How the workers fetch, keep and draw.
pub struct Settings {
    pub fetch: FetchSettings,
    /// The disk cache's folder and cap in bytes; `None` keeps nothing on disk.
    pub cache: Option<(PathBuf, u64)>,
    pub colours: Colours,
    /// The addresses of the pictures of bookmarked articles, asked when the cache is full.
    pub keep: Box<dyn Fn() -> HashSet<String> + Send + Sync>,
}

/// The handle on the workers. Dropping it lets them stop after the picture in hand.
pub struct PictureWorker {
    shared: Arc<Shared>,
}

struct Shared {
    state: Mutex<State>,
    wake: Condvar,
}

struct State {
    queue: VecDeque<Job>,
    /// Pictures to keep on disk, after every picture to draw.
    keeping: VecDeque<String>,
    /// The jobs in hand, not asked for twice.
    busy: Vec<Job>,
    stopped: bool,
}

enum Task {
    Draw(Job),
    Keep(String),
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl PictureWorker {
    /// Starts the workers; each report goes to `send`, which answers false once no one
    /// listens any more (the workers then stop).
    pub fn spawn(
        settings: Settings,
        send: impl Fn(PictureReport) -> bool + Send + Sync + 'static,
    ) -> Self {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                queue: VecDeque::new(),
                keeping: VecDeque::new(),
                busy: Vec::new(),
                stopped: false,
            }),
            wake: Condvar::new(),
        });
        let cache = settings
            .cache
            .as_ref()
            .map(|(dir, cap)| Mutex::new(DiskCache::new(dir.clone(), *cap)));
        let on_disk_thread = cache.is_some();
        let work = Arc::new((settings, cache, send));
        let threads =
            std::iter::repeat_n(true, FETCHING_THREADS).chain(on_disk_thread.then_some(false));
        for fetches in threads {
            let shared = Arc::clone(&shared);
            let work = Arc::clone(&work);
            thread::spawn(move || {
                let (settings, cache, send) = &*work;
                let on_disk =
                    |job: &Job| cache.as_ref().is_some_and(|c| lock(c).contains(&job.url));
                let takes = |job: &Job| fetches || on_disk(job);
                while let Some(task) = next(&shared, takes, fetches) {
                    let job = match task {
                        Task::Keep(url) => {
                            keep(settings, cache.as_ref(), &url);
                            continue;
                        }
                        Task::Draw(job) => job,
                    };
                    let (result, passing) = match picture(settings, cache.as_ref(), &job) {
                        Ok(drawn) => (Ok(drawn), false),
                        Err(Failure { note, passing }) => (Err(note), passing),
                    };
                    shared.lock().busy.retain(|busy| *busy != job);
                    if !send(PictureReport {
                        job,
                        result,
                        passing,
                    }) {
                        shared.lock().stopped = true;
                        shared.wake.notify_all();
                        return;
                    }
                }
            });
        }
        Self { shared }
    }

    /// Replaces what is waiting with `jobs`, most wanted first.
    pub fn want(&self, jobs: Vec<Job>) {
        let mut state = self.shared.lock();
        let busy = std::mem::take(&mut state.busy);
        state.queue = jobs.into_iter().filter(|job| !busy.contains(job)).collect();
        state.busy = busy;
        drop(state);
        self.shared.wake.notify_all();
    }

    /// Fetches into the disk cache those of `urls` it does not hold, when nothing is
    /// waiting to be drawn.
    pub fn keep(&self, urls: Vec<String>) {
        self.shared.lock().keeping.extend(urls);
        self.shared.wake.notify_all();
    }
}

impl Drop for PictureWorker {
    fn drop(&mut self) {
        let mut state = self.shared.lock();
        state.stopped = true;
        state.queue.clear();
        drop(state);
        self.shared.wake.notify_all();
    }
}

/// The next task, waiting for one: the first picture to draw that `takes` takes, else,
/// when `keeps`, a picture to keep; `None` once stopped.
fn next(shared: &Shared, takes: impl Fn(&Job) -> bool, keeps: bool) -> Option<Task> {
    let mut state = shared.lock();
    loop {
        if state.stopped {
            return None;
        }
        if let Some(job) = state
            .queue
            .iter()
            .position(&takes)
            .and_then(|at| state.queue.remove(at))
        {
            state.busy.push(job.clone());
            return Some(Task::Draw(job));
        }
        if keeps && let Some(url) = state.keeping.pop_front() {
            return Some(Task::Keep(url));
        }
        state = shared
            .wake
            .wait(state)
            .unwrap_or_else(PoisonError::into_inner);
    }
}

/// Fetches `url` into the disk cache unless it is there; what fails is left (the article is
/// still shown without it).
fn keep(settings: &Settings, cache: Option<&Mutex<DiskCache>>, url: &str) {
    let Some(cache) = cache else {
        return;
    };
    if lock(cache).contains(url) {
        return;
    }
    if let Outcome::Fetched { body, .. } = fetch::fetch(&settings.fetch, &Request::new(url))
        && decode::is_picture(&body)
    {
        let _ = lock(cache).put(url, &body, &*settings.keep);
    }
}

/// The disk cache is only files: one whose holder panicked mid-way is still usable.
fn lock(cache: &Mutex<DiskCache>) -> MutexGuard<'_, DiskCache> {
    cache.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Why a picture cannot be shown, and whether that may pass.
struct Failure {
    note: String,
    passing: bool,
}

impl Failure {
    fn lasting(note: String) -> Self {
        Self {
            note,
            passing: false,
        }
    }
}

/// One picture: from the disk cache, else fetched (and kept once it decodes), then drawn.
fn picture(
    settings: &Settings,
    cache: Option<&Mutex<DiskCache>>,
    job: &Job,
) -> Result<Drawn, Failure> {
    if let Some(bytes) = cache.and_then(|cache| lock(cache).get(&job.url)) {
        return draw(settings, job, &bytes);
    }
    let bytes = match fetch::fetch(&settings.fetch, &Request::new(job.url.clone())) {
        Outcome::Fetched { body, .. } => body,
        Outcome::Failed(error) => {
            return Err(Failure {
                note: error.message,
                passing: !error.lasting,
            });
        }
        Outcome::RetryLater { status, .. } => {
            return Err(Failure {
                note: format!("the server is busy (HTTP {status})"),
                passing: true,
            });
        }
        Outcome::NotModified { .. } => {
            return Err(Failure::lasting(
                "the server answered as if it had been asked before".to_string(),
            ));
        }
    };
    let drawn = draw(settings, job, &bytes)?;
    if let Some(cache) = cache {
        // A picture that cannot be kept is still shown.
        let _ = lock(cache).put(&job.url, &bytes, &*settings.keep);
    }
    Ok(drawn)
}

/// The picture in `bytes` decoded and scaled for the job's room. A panic in the decoders is
/// this picture's note, "internal error in the picture decoder", and prints nothing.
fn draw(settings: &Settings, job: &Job, bytes: &[u8]) -> Result<Drawn, Failure> {
    isolated(Part::Picture, &job.url, || {
        decode::decode(bytes, job.room, settings.colours)
    })
    .unwrap_or_else(|panicked| Err(panicked.to_string()))
    .map_err(Failure::lasting)
}

#[cfg(test)]
#[path = "worker_tests.rs"]
mod tests;
