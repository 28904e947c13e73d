//! Reading articles' full text from their web pages and keeping it: one article now, for a
//! person (`f` in the reader, `tidings show ID --full-text`), and the new articles of the
//! feeds marked `full_text` after each refresh, in the background. Politely: a few pages at
//! once, each fetch under the per-host limit, User-Agent, timeouts and size limit of the
//! fetch settings, and a host that asks to wait (`Retry-After`) is left alone for the rest
//! of the run. What came (a text, or why there is none) is kept, so no page is read twice.

use std::collections::{HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError, mpsc};
use std::thread;

use chrono::Utc;

use crate::model::{ArticleId, FullText, Subscription};
use crate::net::{self, FetchSettings};
use crate::source::full_text::{self as reader_mode, Known, ReadError};
use crate::store::{PendingFullText, Store};

/// Pages read at once in the background, however many feeds are fetched at once.
pub const PAGE_WORKERS: usize = 3;
/// The newest articles of each feed whose full text one run reads.
pub const PER_FEED: usize = 30;

/// A background run is under way in this process; a second one waits for the next refresh.
static RUNNING: AtomicBool = AtomicBool::new(false);

/// An article whose full text is wanted.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub id: ArticleId,
    pub url: String,
    pub title: String,
    /// The feed's text of it, to check the page's article against.
    pub summary: String,
}

impl From<PendingFullText> for Job {
    fn from(pending: PendingFullText) -> Job {
        Job {
            id: pending.id,
            url: pending.url,
            title: pending.title,
            summary: pending.summary,
        }
    }
}

/// What a background run came to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub read: usize,
    pub failed: usize,
}

impl Summary {
    /// "full text of 12 articles read, 2 failed".
    pub fn describe(&self) -> String {
        let read = crate::model::counted(self.read, "article");
        match self.failed {
            0 => format!("full text of {read} read"),
            failed => format!("full text of {read} read, {failed} failed"),
        }
    }
}

/// The full text of one article: the one kept, if it was read from the article's address,
/// else read now from its page and kept (a failure too, in words).
pub fn read_one(
    store: Option<&Store>,
    settings: &FetchSettings,
    job: &Job,
) -> Result<FullText, String> {
    if let Some(kept) = store.and_then(|store| store.full_text(&job.id).ok().flatten())
        && kept.url == job.url
        && let Some(text) = kept.text()
    {
        return Ok(text);
    }
    let result = read_page(settings, job);
    if let Some(store) = store
        && result.as_ref().err().is_none_or(|error| !error.later)
    {
        let kept = result
            .as_ref()
            .map(|text| text.body.clone())
            .map_err(|error| error.message.clone());
        // A text that cannot be kept is still worth showing; the store's trouble is told
        // where it is met (bookmarks, read marks).
        let _ = store.save_full_text(&job.id, &job.url, &kept, Utc::now());
    }
    result.map_err(|error| error.message)
}

fn read_page(settings: &FetchSettings, job: &Job) -> Result<FullText, ReadError> {
    let known = Known {
        title: &job.title,
        summary: &job.summary,
    };
    let page = reader_mode::read(settings, &job.url, known)?;
    Ok(FullText {
        url: job.url.clone(),
        body: page.body,
    })
}

/// Reads the full text of the newest articles of the `full_text` feeds among `feeds` that
/// have none kept, [`PAGE_WORKERS`] pages at once, keeping each in `store` and telling
/// `progress` of each as it comes. Returns at once when another run is under way.
pub fn read_pending(
    store: &Store,
    feeds: &[Subscription],
    settings: &FetchSettings,
    mut progress: impl FnMut(&Job, &Result<FullText, String>),
) -> Summary {
    let urls: Vec<String> = feeds
        .iter()
        .filter(|feed| feed.full_text)
        .map(|feed| feed.url.clone())
        .collect();
    let mut summary = Summary::default();
    if urls.is_empty() || RUNNING.swap(true, Ordering::AcqRel) {
        return summary;
    }
    let jobs: VecDeque<Job> = store
        .pending_full_texts(&urls, PER_FEED)
        .unwrap_or_default()
        .into_iter()
        .map(Job::from)
        .collect();
    let jobs = Mutex::new(jobs);
    let waiting_hosts: Mutex<HashSet<String>> = Mutex::new(HashSet::new());
    let (sender, results) = mpsc::channel::<(Job, Result<FullText, ReadError>)>();
    thread::scope(|scope| {
        for _ in 0..PAGE_WORKERS {
            let sender = sender.clone();
            let (jobs, waiting_hosts) = (&jobs, &waiting_hosts);
            scope.spawn(move || {
                loop {
                    let job = jobs
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .pop_front();
                    let Some(job) = job else { break };
                    let host = net::site(&job.url).unwrap_or_default();
                    let waiting = waiting_hosts.lock().unwrap_or_else(PoisonError::into_inner);
                    if waiting.contains(&host) {
                        continue;
                    }
                    drop(waiting);
                    let result = read_page(settings, &job);
                    if result.as_ref().is_err_and(|error| error.later) {
                        waiting_hosts
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .insert(host);
                    }
                    if sender.send((job, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        for (job, result) in results {
            if result.as_ref().is_err_and(|error| error.later) {
                continue;
            }
            let kept = result
                .as_ref()
                .map(|text| text.body.clone())
                .map_err(|error| error.message.clone());
            let saved = store.save_full_text(&job.id, &job.url, &kept, Utc::now());
            let result = match (result, saved) {
                (Ok(text), Ok(())) => Ok(text),
                (Ok(_), Err(error)) => Err(format!("cannot keep it: {error}")),
                (Err(error), _) => Err(error.message),
            };
            if result.is_ok() {
                summary.read += 1;
            } else {
                summary.failed += 1;
            }
            progress(&job, &result);
        }
    });
    RUNNING.store(false, Ordering::Release);
    summary
}
