//! The feeds of this run as the feeds list shows them, and the refresh under way: how far it
//! got, the feeds it asked for, and what it has learnt of each for the words at its end.

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};

use super::refreshed::Tally;
use crate::model::Subscription;
use crate::refresh::{FeedResult, display_name};
use crate::sanitize;
use crate::store::FeedState;

/// One feed as the feeds list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedStatus {
    pub url: String,
    pub name: String,
    pub last_refresh: Option<DateTime<Utc>>,
    /// When it was last asked for or left alone by a refresh, successful or not.
    pub last_checked: Option<DateTime<Utc>>,
    /// How often it is refreshed while the reader runs; `None`: only when asked.
    pub every: Option<TimeDelta>,
    /// Why the last refresh failed, in words.
    pub error: Option<String>,
    /// Why the last refresh left it alone (still fresh, the server asked to wait).
    pub note: Option<String>,
}

impl FeedStatus {
    /// A feed as the store last knew it; refreshed every `default_every` minutes (0: never)
    /// unless it names an interval of its own.
    fn of(feed: &Subscription, state: &FeedState, default_every: u32) -> Self {
        let minutes = |every: u32| (every > 0).then(|| TimeDelta::minutes(i64::from(every)));
        FeedStatus {
            url: feed.url.clone(),
            name: sanitize::clean_line(&display_name(feed, state)),
            last_refresh: state.last_success,
            last_checked: state.last_attempt,
            every: minutes(feed.every.unwrap_or(default_every)),
            error: state
                .last_error
                .clone()
                .filter(|_| state.retry_after.is_none()),
            note: None,
        }
    }

    /// Whether the clock says it is time to refresh it.
    fn is_due(&self, now: DateTime<Utc>) -> bool {
        self.every
            .is_some_and(|every| self.last_checked.is_none_or(|last| now - last >= every))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    /// Started by the clock rather than by a person: it tells only of what it brought.
    pub by_the_clock: bool,
    /// When it was asked for: the feeds it checks are due again an interval after that.
    pub started: DateTime<Utc>,
}

/// A refresh that ended: whether the clock started it, what it learnt, the feeds it asked.
pub(super) struct Ended {
    pub(super) by_the_clock: bool,
    pub(super) tally: Tally,
    pub(super) only: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct Feeds {
    /// In the navigation pane's order: by name, whatever the case.
    statuses: Vec<FeedStatus>,
    /// The refresh under way, if one is.
    refreshing: Option<Progress>,
    /// What the refresh under way has learnt of each feed, for the words at its end.
    tally: Tally,
    /// The feeds the refresh under way asked for (`None`: all of them).
    only: Option<Vec<String>>,
    /// Refresh as the reader starts.
    refresh_at_start: bool,
    /// Feeds added in this run (`+`) that the refresh worker is not told of yet.
    added: Vec<Subscription>,
}

impl Feeds {
    /// The feeds of this run with what the store knows of them, refreshed every
    /// `default_every` minutes unless they say otherwise; and whether they are refreshed as
    /// the reader starts.
    pub(super) fn new(
        feeds: &[Subscription],
        states: &HashMap<String, FeedState>,
        default_every: u32,
        refresh_at_start: bool,
    ) -> Self {
        let mut this = Self {
            statuses: feeds
                .iter()
                .map(|feed| {
                    let state = states.get(&feed.url).cloned().unwrap_or_default();
                    FeedStatus::of(feed, &state, default_every)
                })
                .collect(),
            refresh_at_start,
            ..Self::default()
        };
        this.sort();
        this
    }

    /// A feed subscribed to in this run (`+`): listed, and handed to the refresh worker with
    /// the next refresh asked ([`Feeds::take_added`]).
    pub(super) fn add(&mut self, feed: &Subscription, default_every: u32) {
        if self.statuses.iter().any(|status| status.url == feed.url) {
            return;
        }
        self.statuses
            .push(FeedStatus::of(feed, &FeedState::default(), default_every));
        self.sort();
        self.added.push(feed.clone());
    }

    /// The feeds added since the refresh worker was last told.
    pub(super) fn take_added(&mut self) -> Vec<Subscription> {
        std::mem::take(&mut self.added)
    }

    pub fn statuses(&self) -> &[FeedStatus] {
        &self.statuses
    }

    pub fn len(&self) -> usize {
        self.statuses.len()
    }

    pub fn is_empty(&self) -> bool {
        self.statuses.is_empty()
    }

    /// The refresh under way, if one is.
    pub fn refreshing(&self) -> Option<Progress> {
        self.refreshing
    }

    /// Whether the feeds are refreshed as the reader starts.
    pub(super) fn refresh_at_start(&self) -> bool {
        self.refresh_at_start
    }

    pub(super) fn urls(&self) -> Vec<String> {
        self.statuses.iter().map(|f| f.url.clone()).collect()
    }

    /// The feeds at these addresses, in the feeds list's order.
    pub(super) fn among(&self, urls: &[&str]) -> Vec<&FeedStatus> {
        self.statuses
            .iter()
            .filter(|feed| urls.contains(&feed.url.as_str()))
            .collect()
    }

    /// The feeds whose time has come.
    pub(super) fn due(&self, now: DateTime<Utc>) -> Vec<String> {
        self.statuses
            .iter()
            .filter(|feed| feed.is_due(now))
            .map(|feed| feed.url.clone())
            .collect()
    }

    /// A refresh of the feeds at `only` (`None`: all of them) was asked for `now`.
    pub(super) fn refresh_asked(
        &mut self,
        only: Option<Vec<String>>,
        by_the_clock: bool,
        now: DateTime<Utc>,
    ) {
        let total = only.as_ref().map_or(self.statuses.len(), Vec::len);
        self.tally = Tally::default();
        self.only = only;
        self.refreshing = Some(Progress {
            done: 0,
            total,
            by_the_clock,
            started: now,
        });
    }

    /// A feed of the refresh under way was done, `done` of them so far: its name as it
    /// says, and what came of it `now`.
    pub(super) fn feed_refreshed(
        &mut self,
        done: usize,
        url: &str,
        name: &str,
        result: FeedResult,
        now: DateTime<Utc>,
    ) {
        // Counted from the tick that asked, not from the answer a moment later: a feed due
        // every N minutes is then due on the Nth tick after, not the N+1th.
        let mut checked = now;
        if let Some(progress) = &mut self.refreshing {
            progress.done = done;
            checked = progress.started;
        }
        self.tally.add(name, &result);
        let Some(status) = self.statuses.iter_mut().find(|f| f.url == url) else {
            return;
        };
        let renamed = status.name != name;
        status.name = name.to_string();
        status.last_checked = Some(checked);
        status.note = None;
        match result {
            FeedResult::Failed(error) => status.error = Some(error),
            FeedResult::Skipped(reason) => status.note = Some(reason),
            FeedResult::Updated { .. } | FeedResult::NotModified => {
                status.error = None;
                status.last_refresh = Some(now);
            }
        }
        if renamed {
            self.sort();
        }
    }

    /// The refresh under way ended.
    pub(super) fn refresh_ended(&mut self) -> Ended {
        Ended {
            by_the_clock: self.refreshing.take().is_some_and(|p| p.by_the_clock),
            tally: std::mem::take(&mut self.tally),
            only: self.only.take(),
        }
    }

    /// A feed the sync server holds, by the name it gives, brought `now`.
    pub(super) fn synced(&mut self, url: &str, name: &str, now: DateTime<Utc>) {
        match self.statuses.iter_mut().find(|f| f.url == url) {
            Some(status) => {
                status.name = name.to_string();
                status.last_refresh = Some(now);
                status.last_checked = Some(now);
                status.error = None;
            }
            None => self.statuses.push(FeedStatus {
                url: url.to_string(),
                name: name.to_string(),
                last_refresh: Some(now),
                last_checked: Some(now),
                every: None,
                error: None,
                note: None,
            }),
        }
    }

    /// A feed that left (the sync server stopped holding it).
    pub(super) fn remove(&mut self, url: &str) {
        self.statuses.retain(|feed| feed.url != url);
    }

    /// The feeds list in the navigation pane's order: by name, whatever the case.
    fn sort(&mut self) {
        self.statuses
            .sort_by_cached_key(|feed| (feed.name.to_lowercase(), feed.url.clone()));
    }
}

#[cfg(test)]
#[path = "feeds_tests.rs"]
mod tests;
