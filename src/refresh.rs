//! Refreshing feeds: decides which feeds to ask for, fetches them on the worker pool,
//! parses what came and stores it, one transaction per feed, reporting each feed as it
//! finishes. `tidings refresh` runs it in the foreground, the reader on a thread of its own.

use std::sync::mpsc;
use std::thread;

use chrono::{DateTime, Local, Utc};

use crate::config::Config;
use crate::model::{Article, Subscription};
use crate::source::feed::{self, FeedSource};
use crate::source::fetch::{self, FetchSettings, Outcome, Request};
use crate::store::{FeedState, Store, StoreError};

/// What became of one feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedResult {
    Updated {
        new: usize,
        updated: usize,
    },
    NotModified,
    /// Not asked for: the feed said it is still fresh, or its server asked to wait.
    Skipped(String),
    Failed(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct FeedReport {
    pub url: String,
    /// The name to show: the reader's, else the feed's own title, else the address.
    pub name: String,
    pub result: FeedResult,
    /// The feed's articles as fetched now (empty unless it was updated).
    pub articles: Vec<Article>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub feeds: usize,
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub failed: usize,
    /// Cached articles removed by the retention settings.
    pub removed: usize,
}

impl Summary {
    fn count(&mut self, result: &FeedResult) {
        self.feeds += 1;
        match result {
            FeedResult::Updated { new, updated } => {
                self.new += new;
                self.updated += updated;
            }
            FeedResult::NotModified => self.unchanged += 1,
            FeedResult::Skipped(_) => self.skipped += 1,
            FeedResult::Failed(_) => self.failed += 1,
        }
    }

    /// Whether any feed answered: what `tidings refresh` exits 0 for.
    pub fn any_succeeded(&self) -> bool {
        self.failed < self.feeds
    }

    /// "+37 new · 2 updated · 2 failed · 1 skipped".
    pub fn describe(&self) -> String {
        let mut parts = vec![format!("+{} new", self.new)];
        if self.updated > 0 {
            parts.push(format!("{} updated", self.updated));
        }
        if self.failed > 0 {
            parts.push(format!("{} failed", self.failed));
        }
        if self.skipped > 0 {
            parts.push(format!("{} skipped", self.skipped));
        }
        parts.join(" · ")
    }
}

/// How a refresh goes.
#[derive(Debug, Clone)]
pub struct Options {
    pub fetch: FetchSettings,
    /// Ask even for feeds that said they are still fresh (never for those whose server
    /// asked to wait).
    pub force: bool,
    pub keep_days: Option<u32>,
    pub keep_per_feed: Option<usize>,
}

impl Options {
    pub fn from_config(config: &Config, force: bool) -> Self {
        let fetch = &config.fetch;
        Self {
            fetch: FetchSettings {
                workers: usize::from(fetch.workers.0),
                connect_timeout: std::time::Duration::from_secs(u64::from(fetch.connect_timeout.0)),
                timeout: std::time::Duration::from_secs(u64::from(fetch.timeout.0)),
                max_redirects: u32::from(fetch.max_redirects.0),
                max_bytes: u64::from(fetch.max_size_mb.0) * 1024 * 1024,
                ..FetchSettings::default()
            },
            force,
            keep_days: (config.keep_days > 0).then_some(config.keep_days),
            keep_per_feed: (config.keep_per_feed > 0).then_some(config.keep_per_feed as usize),
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

/// Refreshes `feeds`, storing what comes in `store` when there is one (without one, as
/// for feeds given on the command line for one run, nothing is kept). `progress` hears of
/// each feed as it finishes, with how many are done.
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
        let state = states.get(&feed.url).cloned().unwrap_or_else(|| FeedState {
            url: feed.url.clone(),
            ..FeedState::default()
        });
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
        })
        .collect();
    let (sender, outcomes) = mpsc::channel();
    thread::scope(|scope| {
        scope.spawn(|| {
            let sender = sender;
            fetch::fetch_all(&options.fetch, requests, |i, outcome| {
                let _ = sender.send((i, outcome));
            });
        });
        for (i, outcome) in outcomes {
            let (index, state) = &asked[i];
            let feed_report = settle(&feeds[*index], state.clone(), outcome, store);
            finish(feed_report, &mut summary);
        }
    });
    if let Some(store) = store
        && (options.keep_days.is_some() || options.keep_per_feed.is_some())
    {
        summary.removed = store
            .prune(options.keep_days, options.keep_per_feed, now)
            .unwrap_or(0);
    }
    summary
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

/// Turns what the server said into stored articles and state, and the report of it.
fn settle(
    feed: &Subscription,
    mut state: FeedState,
    outcome: Outcome,
    store: Option<&Store>,
) -> FeedReport {
    let now = Utc::now();
    state.last_attempt = Some(now);
    let fresh = |fresh_for: Option<std::time::Duration>| {
        fresh_for
            .and_then(|d| chrono::Duration::from_std(d).ok())
            .map(|d| now + d)
    };
    let (result, articles) = match outcome {
        Outcome::Fetched {
            body,
            etag,
            last_modified,
            fresh_for,
            ..
        } => {
            let source = FeedSource {
                url: &feed.url,
                name: feed.name.as_deref(),
                tags: &feed.tags,
            };
            match feed::parse(&body, source) {
                Ok(parsed) => {
                    state.title = parsed.title.clone();
                    state.etag = etag;
                    state.last_modified = last_modified;
                    state.last_success = Some(now);
                    state.last_error = None;
                    state.retry_after = None;
                    state.fresh_until = fresh(fresh_for.max(parsed.ttl));
                    let result =
                        match store.map(|s| s.ingest(&feed.url, &parsed.articles, &state, now)) {
                            Some(Err(e)) => FeedResult::Failed(format!("cannot save: {e}")),
                            Some(Ok(ingested)) => FeedResult::Updated {
                                new: ingested.new,
                                updated: ingested.updated,
                            },
                            None => FeedResult::Updated {
                                new: parsed.articles.len(),
                                updated: 0,
                            },
                        };
                    let name = display_name(feed, &state);
                    return FeedReport {
                        url: feed.url.clone(),
                        name,
                        result,
                        articles: parsed.articles,
                    };
                }
                Err(error) => (FeedResult::Failed(error), Vec::new()),
            }
        }
        Outcome::NotModified { fresh_for } => {
            state.last_success = Some(now);
            state.last_error = None;
            state.fresh_until = fresh(fresh_for);
            (FeedResult::NotModified, Vec::new())
        }
        Outcome::RetryLater { until, status } => {
            state.retry_after = Some(until);
            let wait = until.with_timezone(&Local).format("%H:%M");
            (
                FeedResult::Skipped(format!(
                    "HTTP {status}: the server asked to wait until {wait}"
                )),
                Vec::new(),
            )
        }
        Outcome::Failed(error) => (FeedResult::Failed(error.message), Vec::new()),
    };
    if let FeedResult::Failed(message) | FeedResult::Skipped(message) = &result {
        state.last_error = Some(message.clone());
    }
    let result = match store.map(|s| s.save_feed_state(&state)) {
        Some(Err(e)) => FeedResult::Failed(format!("cannot save: {e}")),
        _ => result,
    };
    let name = display_name(feed, &state);
    FeedReport {
        url: feed.url.clone(),
        name,
        result,
        articles,
    }
}

fn report(feed: &Subscription, name: String, result: FeedResult) -> FeedReport {
    FeedReport {
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
