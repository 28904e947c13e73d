//! Refreshing feeds: decides which feeds to ask for, fetches and reads them on the worker
//! pool, stores what came a run of items at a time, and reports each feed as it finishes. A
//! feed whose document is the one read last time (a 304, a file with the same size and
//! time, a body with the same hash) is not read again. `tidings refresh` runs it in the
//! foreground, the reader on a thread of its own.

mod read;
mod report;

use std::sync::mpsc;
use std::thread;

use chrono::{DateTime, Local, Utc};

use read::{Message, Read, Reader, Validators};
pub use report::{FeedReport, FeedResult, Summary};

use crate::config::Config;
use crate::digest::digest;
use crate::model::{Article, Subscription};
use crate::net::{self, FetchSettings, Request};
use crate::store::{CacheRow, FeedState, Ingested, Store, StoreError};

/// How a refresh goes.
#[derive(Debug, Clone)]
pub struct Options {
    pub fetch: FetchSettings,
    /// Ask even for feeds that said they are still fresh (never for those whose server
    /// asked to wait).
    pub force: bool,
    pub keep_days: Option<u32>,
    pub keep_per_feed: Option<usize>,
    /// Reports carry each refreshed feed's articles, bodies made (the reader merges them);
    /// `tidings refresh` needs none. Without a store they are always there.
    pub report_articles: bool,
}

impl Options {
    pub fn from_config(config: &Config, force: bool) -> Self {
        Self {
            fetch: config.fetch.settings(),
            force,
            keep_days: (config.keep_days > 0).then_some(config.keep_days),
            keep_per_feed: (config.keep_per_feed > 0).then_some(config.keep_per_feed as usize),
            report_articles: true,
        }
    }
}

/// The feeds of the config, then those added on the command line (the config's entry wins
/// when both name one address), then, while `[sync]` is set, those the sync server holds.
pub fn subscriptions(
    config: &Config,
    store: Option<&Store>,
) -> Result<Vec<Subscription>, StoreError> {
    let mut feeds: Vec<Subscription> = config
        .feeds
        .iter()
        .map(|f| Subscription {
            full_text: f.full_text,
            url: f.url.clone(),
            name: f.name.clone(),
            tags: f.tags.clone(),
            every: f.every.map(|every| u32::from(every.0)),
        })
        .collect();
    if let Some(store) = store {
        for added in store.subscriptions()? {
            if !feeds.iter().any(|f| f.url == added.url) {
                feeds.push(added);
            }
        }
        if config.sync.is_some() {
            for held in store.server_feeds()? {
                if !feeds.iter().any(|f| f.url == held.url) {
                    feeds.push(Subscription {
                        url: held.url,
                        name: Some(held.title).filter(|t| !t.is_empty()),
                        tags: held.tags,
                        // Never refreshed here: the sync brings its articles.
                        every: Some(0),
                        full_text: false,
                    });
                }
            }
        }
    }
    Ok(feeds)
}

/// The feeds fetched here: all of `feeds` but those the sync server holds, which it fetches.
pub fn fetched_here(
    config: &Config,
    store: Option<&Store>,
    feeds: Vec<Subscription>,
) -> Result<Vec<Subscription>, StoreError> {
    let held: Vec<String> = match (store, &config.sync) {
        (Some(store), Some(_)) => store.server_feeds()?.into_iter().map(|f| f.url).collect(),
        _ => return Ok(feeds),
    };
    Ok(feeds
        .into_iter()
        .filter(|feed| !held.contains(&feed.url))
        .collect())
}

/// How many runs of items may wait for the writing thread: enough to keep it busy, few
/// enough that a large feed is never in memory whole.
const QUEUE: usize = 8;

/// Refreshes `feeds`, storing what comes in `store` when there is one (without one, as
/// for feeds given on the command line for one run, nothing is kept). `progress` hears of
/// each feed as it finishes, with how many are done.
///
/// Feeds are fetched and read on the worker pool, each item made ready to store there (its
/// body packed, its words for the index), while this thread writes what they send, a run of
/// items at a time; so both cores work across feeds, and a large feed streams through.
pub fn refresh(
    feeds: &[Subscription],
    store: Option<&Store>,
    options: &Options,
    mut progress: impl FnMut(usize, &FeedReport),
) -> Summary {
    let now = Utc::now();
    let states = store.and_then(|s| s.feed_states().ok()).unwrap_or_default();
    let mut summary = Summary::default();
    let mut done = 0;
    let mut finish = |report: FeedReport, summary: &mut Summary| {
        summary.count(&report.result);
        done += 1;
        progress(done, &report);
    };
    let mut asked: Vec<(usize, FeedState)> = Vec::new();
    for (index, feed) in feeds.iter().enumerate() {
        let mut state = states.get(&feed.url).cloned().unwrap_or_else(|| FeedState {
            url: feed.url.clone(),
            ..FeedState::default()
        });
        if state.source_hash != Some(source_hash(feed)) {
            // Renamed or tagged anew: its articles are stored again, so its document is
            // asked for and read whole, even if it is the one read last time.
            state.etag = None;
            state.last_modified = None;
            state.file_stamp = None;
            state.content_hash = None;
        }
        match skip_reason(&state, options.force, now) {
            Some(reason) => {
                let name = display_name(feed, &state);
                finish(
                    report(feed, name, FeedResult::Skipped(reason)),
                    &mut summary,
                );
            }
            None => asked.push((index, state)),
        }
    }
    let requests: Vec<Request> = asked
        .iter()
        .map(|(index, state)| Request {
            url: feeds[*index].url.clone(),
            etag: state.etag.clone(),
            last_modified: state.last_modified.clone(),
            file_stamp: state.file_stamp,
        })
        .collect();
    let want_articles = options.report_articles || store.is_none();
    let reader = Reader {
        feeds,
        asked: &asked,
        keep_rows: store.is_some(),
        want_articles,
    };
    let (sender, messages) = mpsc::sync_channel(QUEUE);
    let mut stored: Vec<Stored> = asked.iter().map(|_| Stored::default()).collect();
    let write = || {
        thread::scope(|scope| {
            scope.spawn(|| {
                let sender = sender;
                net::fetch_all(&options.fetch, requests, |i, outcome| {
                    reader.read(i, outcome, &sender);
                });
            });
            // What has come while the last batch was written is written in one transaction.
            while let Ok(first) = messages.recv() {
                let mut batch = vec![first];
                batch.extend(messages.try_iter().take(QUEUE));
                let mut runs = Vec::new();
                let mut read = Vec::new();
                for message in batch {
                    match message {
                        Message::Items {
                            index,
                            rows,
                            articles,
                        } => runs.push((index, rows, articles)),
                        Message::Done { index, read: how } => read.push((index, how)),
                    }
                }
                store_runs(store, feeds, &asked, &mut stored, runs, now);
                for (index, how) in read {
                    let (feed_index, state) = &asked[index];
                    let items = std::mem::take(&mut stored[index]);
                    let feed_report =
                        settle(&feeds[*feed_index], state.clone(), how, items, store, now);
                    finish(feed_report, &mut summary);
                }
            }
        });
    };
    match store {
        Some(store) => store.with_cache_writes(write),
        None => write(),
    }
    if let Some(store) = store
        && (options.keep_days.is_some() || options.keep_per_feed.is_some())
    {
        summary.removed = store
            .prune(options.keep_days, options.keep_per_feed, now)
            .unwrap_or(0);
    }
    summary
}

/// What was stored of one feed so far.
#[derive(Default)]
struct Stored {
    ingested: Ingested,
    /// Why a run could not be stored; the runs after it are not tried.
    error: Option<String>,
    articles: Vec<Article>,
}

/// Stores runs of items, `(asked index, rows, articles)`, in one transaction, and notes
/// what each feed's runs did; a feed whose earlier run could not be stored stores no more.
fn store_runs(
    store: Option<&Store>,
    feeds: &[Subscription],
    asked: &[(usize, FeedState)],
    stored: &mut [Stored],
    runs: Vec<(usize, Vec<CacheRow>, Vec<Article>)>,
    at: DateTime<Utc>,
) {
    let writable: Vec<(usize, &str, &[CacheRow])> = runs
        .iter()
        .filter(|(index, _, _)| stored[*index].error.is_none())
        .map(|(index, rows, _)| (*index, feeds[asked[*index].0].url.as_str(), rows.as_slice()))
        .collect();
    if let Some(store) = store
        && !writable.is_empty()
    {
        let by_feed: Vec<(&str, &[CacheRow])> =
            writable.iter().map(|&(_, url, rows)| (url, rows)).collect();
        match store.store_runs(&by_feed, at) {
            Ok(ingested) => {
                for ((index, _, _), ingested) in writable.iter().zip(ingested) {
                    stored[*index].ingested.new += ingested.new;
                    stored[*index].ingested.updated += ingested.updated;
                    stored[*index].ingested.ruled.add(ingested.ruled);
                }
            }
            Err(error) => {
                for (index, _, _) in &writable {
                    stored[*index].error = Some(format!("cannot save: {error}"));
                }
            }
        }
    }
    for (index, _, articles) in runs {
        stored[index].articles.extend(articles);
    }
}

/// Which reading of feeds stored a feed's articles: when tidings reads feeds better (its own
/// readers in place of feed-rs, from 2), every feed is read whole once more, so that titles,
/// authors and addresses stored by the older reading are stored again as they read now.
const READER: &str = "reader 2";

/// A hash of what a feed's articles take from its subscription (its name and tags) and of
/// the reading that made them.
fn source_hash(feed: &Subscription) -> u64 {
    // A name given empty is not the same as none: the feed's own title is shown for none.
    let mut source = feed
        .name
        .as_ref()
        .map_or(String::new(), |name| format!("={name}"));
    source.push('\u{1e}');
    source.push_str(READER);
    for tag in &feed.tags {
        source.push('\u{1f}');
        source.push_str(tag);
    }
    digest(source.as_bytes())
}

fn skip_reason(state: &FeedState, force: bool, now: DateTime<Utc>) -> Option<String> {
    let until = |time: DateTime<Utc>| time.with_timezone(&Local).format("%H:%M").to_string();
    match (state.retry_after, state.fresh_until) {
        (Some(wait), _) if wait > now => {
            Some(format!("the server asked to wait until {}", until(wait)))
        }
        (_, Some(fresh)) if !force && fresh > now => {
            Some(format!("fresh until {}, as the feed asks", until(fresh)))
        }
        _ => None,
    }
}

/// Turns how reading a feed went into its stored state, and the report of it.
fn settle(
    feed: &Subscription,
    mut state: FeedState,
    read: Read,
    stored: Stored,
    store: Option<&Store>,
    refreshed_at: DateTime<Utc>,
) -> FeedReport {
    let now = Utc::now();
    state.last_attempt = Some(now);
    let fresh = |fresh_for: Option<std::time::Duration>| {
        fresh_for
            .and_then(|d| chrono::Duration::from_std(d).ok())
            .map(|d| now + d)
    };
    let succeeded = |state: &mut FeedState, validators: Validators| {
        state.etag = validators.etag;
        state.last_modified = validators.last_modified;
        state.file_stamp = validators.file_stamp;
        state.last_success = Some(now);
        state.last_error = None;
        // A wait the server asked for holds until its time, whatever answered meanwhile.
        state.retry_after = state.retry_after.filter(|until| *until > now);
        if let Some(max_age) = validators.fresh_for {
            state.max_age = Some(max_age).filter(|age| !age.is_zero());
        }
    };
    let result = match read {
        Read::Parsed {
            head,
            validators,
            hash,
        } => {
            succeeded(&mut state, validators);
            state.title = head.title;
            state.ttl = head.ttl;
            state.fresh_until = fresh(state.max_age.max(state.ttl));
            state.content_hash = Some(hash);
            state.source_hash = Some(source_hash(feed));
            match stored.error {
                Some(error) => {
                    // Read again next time: what is stored may be only part of it.
                    state.content_hash = None;
                    state.file_stamp = None;
                    FeedResult::Failed(error)
                }
                None if store.is_some() => FeedResult::Updated {
                    new: stored.ingested.new,
                    updated: stored.ingested.updated,
                },
                None => FeedResult::Updated {
                    new: stored.articles.len(),
                    updated: 0,
                },
            }
        }
        Read::Unchanged(validators) => {
            // The document read last time is still the feed's: its ttl holds, and so does
            // the max-age it came with unless this answer gave another.
            succeeded(&mut state, validators);
            state.fresh_until = fresh(state.max_age.max(state.ttl));
            FeedResult::NotModified
        }
        Read::RetryLater { until, status } => {
            state.retry_after = Some(until);
            let wait = until.with_timezone(&Local).format("%H:%M");
            FeedResult::Skipped(format!(
                "HTTP {status}: the server asked to wait until {wait}"
            ))
        }
        Read::Failed(error) => FeedResult::Failed(error),
    };
    if let FeedResult::Failed(message) | FeedResult::Skipped(message) = &result {
        state.last_error = Some(message.clone());
    }
    let saved = match store {
        Some(store) if matches!(result, FeedResult::Updated { .. }) => {
            store.finish_feed(&state, refreshed_at)
        }
        Some(store) => store.save_feed_state(&state),
        None => Ok(()),
    };
    let result = match saved {
        Err(e) => FeedResult::Failed(format!("cannot save: {e}")),
        Ok(()) => result,
    };
    let name = display_name(feed, &state);
    let mut articles = if matches!(result, FeedResult::Updated { .. }) {
        stored.articles
    } else {
        Vec::new()
    };
    let ruled = stored.ingested.ruled;
    ruled.apply(&mut articles);
    FeedReport {
        url: feed.url.clone(),
        name,
        result,
        articles,
        read: ruled.read,
        bookmarked: ruled.bookmarked,
    }
}

fn report(feed: &Subscription, name: String, result: FeedResult) -> FeedReport {
    FeedReport {
        read: Vec::new(),
        bookmarked: Vec::new(),
        url: feed.url.clone(),
        name,
        result,
        articles: Vec::new(),
    }
}

/// The reader's name for a feed, else its own title, else its address.
pub fn display_name(feed: &Subscription, state: &FeedState) -> String {
    given_name(feed, state).unwrap_or_else(|| feed.url.clone())
}

/// The reader's name for a feed, else the title the store has from its last refresh, made
/// safe to show; `None` for a feed never fetched and never named.
pub fn given_name(feed: &Subscription, state: &FeedState) -> Option<String> {
    let name = feed.name.as_deref().or(state.title.as_deref())?;
    Some(crate::sanitize::clean_line(name))
}
