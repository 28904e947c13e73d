//! Feeds in the reader: refreshes asked for and due by the clock, what they bring, the
//! feeds list, an article's links, and the keys of the windows over the panes.

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};
use ratatui::crossterm::event::KeyEvent;

use super::refreshed::{self, Tally};
use super::{App, Effect, Focus, offset_index};
use crate::action::Action;
use crate::model::Subscription;
use crate::refresh::{FeedResult, display_name, given_name};
use crate::sanitize;
use crate::store::FeedState;
use crate::worker::full_text::FullTextRequest;
use crate::worker::refresh::{RefreshReport, RefreshRequest};

/// A window over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Feeds,
    Links,
}

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

impl App {
    /// The feeds of this run with what the store knows of them; each is listed in the
    /// navigation pane, with no articles yet if it has none.
    pub fn set_feeds(&mut self, feeds: &[Subscription], states: &HashMap<String, FeedState>) {
        let minutes = |every: u32| (every > 0).then(|| TimeDelta::minutes(i64::from(every)));
        let default_every = self.settings.refresh_every;
        self.feeds = feeds
            .iter()
            .map(|feed| {
                let state = states.get(&feed.url).cloned().unwrap_or_default();
                let named = given_name(feed, &state);
                self.library.add_feed(&feed.url, named.as_deref());
                FeedStatus {
                    url: feed.url.clone(),
                    name: sanitize::clean_line(&display_name(feed, &state)),
                    last_refresh: state.last_success,
                    last_checked: state.last_attempt,
                    every: minutes(feed.every.unwrap_or(default_every)),
                    error: state.last_error.filter(|_| state.retry_after.is_none()),
                    note: None,
                }
            })
            .collect();
        self.sort_feeds();
        self.relist_nav();
    }

    pub(super) fn open_overlay(&mut self, overlay: Overlay) {
        self.overlay = Some(overlay);
        self.overlay_cursor = match overlay {
            Overlay::Links => self.links().first_row(),
            Overlay::Help | Overlay::Feeds => 0,
        };
    }

    /// The feeds list in the navigation pane's order: by name, whatever the case.
    fn sort_feeds(&mut self) {
        self.feeds
            .sort_by_cached_key(|feed| (feed.name.to_lowercase(), feed.url.clone()));
    }

    /// Asks for a refresh of every feed, or of those at `only`; forced, since a person
    /// asked: feeds that said they are fresh are asked too.
    pub fn start_refresh(&mut self, only: Option<Vec<String>>) -> Vec<Effect> {
        self.refresh_effect(only, true, false)
    }

    /// The refresh as the reader starts, which leaves feeds that are still fresh alone.
    pub fn refresh_on_start(&mut self) -> Vec<Effect> {
        self.refresh_effect(None, false, false)
    }

    /// Every minute: the feeds whose time has come are refreshed (unless a refresh is
    /// under way); those that said they are still fresh are left alone by the refresh.
    pub(super) fn on_tick(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        self.now = now;
        if self.refreshing.is_some() {
            return Vec::new();
        }
        let due: Vec<String> = self
            .feeds
            .iter()
            .filter(|feed| feed.is_due(now))
            .map(|feed| feed.url.clone())
            .collect();
        if due.is_empty() {
            return Vec::new();
        }
        self.refresh_effect(Some(due), false, true)
    }

    /// A refresh asked for by a person (or as the reader starts) syncs too; the feeds of the
    /// sync server are left to the sync.
    fn refresh_effect(
        &mut self,
        only: Option<Vec<String>>,
        force: bool,
        by_the_clock: bool,
    ) -> Vec<Effect> {
        let mut effects = if by_the_clock {
            Vec::new()
        } else {
            self.start_sync(false)
        };
        match self.fetched_here(only) {
            Some(urls) if urls.is_empty() => {}
            only => effects.extend(self.refresh_here(only, force, by_the_clock)),
        }
        effects
    }

    fn refresh_here(
        &mut self,
        only: Option<Vec<String>>,
        force: bool,
        by_the_clock: bool,
    ) -> Vec<Effect> {
        if self.refreshing.is_some() {
            self.set_info("a refresh is already under way".to_string());
            return Vec::new();
        }
        if self.feeds.is_empty() {
            self.set_info("no feeds to refresh: add one with `tidings feeds add URL`".to_string());
            return Vec::new();
        }
        let total = only.as_ref().map_or(self.feeds.len(), Vec::len);
        self.refresh_tally = Tally::default();
        self.refresh_only.clone_from(&only);
        self.refreshing = Some(Progress {
            done: 0,
            total,
            by_the_clock,
            started: self.now,
        });
        vec![Effect::Refresh(RefreshRequest { only, force })]
    }

    pub(super) fn on_refresh(&mut self, event: RefreshReport) -> Vec<Effect> {
        match event {
            RefreshReport::Feed { done, report } => {
                // Counted from the tick that asked, not from the answer a moment later: a
                // feed due every N minutes is then due on the Nth tick after, not the N+1th.
                let mut checked = self.now;
                if let Some(progress) = &mut self.refreshing {
                    progress.done = done;
                    checked = progress.started;
                }
                if !report.articles.is_empty() {
                    self.merge_feed(&report.url, report.articles);
                }
                let name = sanitize::clean_line(&report.name);
                self.refresh_tally.add(&name, &report.result);
                if report.name != report.url {
                    self.library.add_feed(&report.url, Some(&name));
                    self.relist_nav();
                }
                let now = self.now;
                let mut renamed = false;
                if let Some(status) = self.feeds.iter_mut().find(|f| f.url == report.url) {
                    renamed = status.name != name;
                    status.name = name;
                    status.last_checked = Some(checked);
                    status.note = None;
                    match report.result {
                        FeedResult::Failed(error) => status.error = Some(error),
                        FeedResult::Skipped(reason) => status.note = Some(reason),
                        FeedResult::Updated { .. } | FeedResult::NotModified => {
                            status.error = None;
                            status.last_refresh = Some(now);
                        }
                    }
                }
                if renamed {
                    self.sort_feeds();
                }
            }
            RefreshReport::Finished(summary) => {
                let by_the_clock = self.refreshing.take().is_some_and(|p| p.by_the_clock);
                // The new articles of the feeds that want their full text have it read.
                let only = self.refresh_only.take();
                let after = vec![Effect::FullText(FullTextRequest::AfterRefresh { only })];
                if by_the_clock && summary.new == 0 && summary.failed == 0 {
                    return after;
                }
                let key = self.settings.keymap.first_key(Action::ShowFeeds);
                let tally = std::mem::take(&mut self.refresh_tally);
                match refreshed::message(&summary, &tally, &key) {
                    (text, true) => self.set_error(text),
                    (text, false) => self.set_info(text),
                }
                return after;
            }
        }
        Vec::new()
    }

    /// Puts a feed's new copy into the library, keeping the filter, the navigation cursor
    /// and the selected article; a list scrolled down keeps the selection on its row, a
    /// list at its top shows what came above it. A selection on the newest article, with
    /// no article chosen yet (as while the first refresh fills the list), stays on the
    /// newest.
    fn merge_feed(&mut self, url: &str, articles: Vec<crate::model::Article>) {
        let row = self.selected.saturating_sub(self.list_offset);
        let on_the_newest = self.selected == 0 && !self.article_chosen;
        self.library.merge(Some(url), articles);
        self.relist_nav();
        self.refilter_all();
        if on_the_newest {
            self.selected = 0;
        } else if self.list_offset > 0 {
            self.list_offset = self.selected.saturating_sub(row);
        }
        // Replaced articles must be laid out again.
        self.wrap_cache.clear();
    }

    /// Keys in a window: the moving keys move or scroll; in the links list Enter, `o` or a
    /// digit opens a link, `f` reads it here and `y` copies it; in the feeds list `r`
    /// refreshes; any other key closes the window.
    pub(super) fn on_overlay_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let action = self.settings.keymap.action_for(key, Focus::Reader);
        let rows = match self.overlay {
            Some(Overlay::Help) => {
                crate::help::HelpLayout::new(&self.settings.keymap, self.size).last_scroll() + 1
            }
            Some(Overlay::Feeds) => self.feeds.len(),
            Some(Overlay::Links) => self.links().len(),
            None => 0,
        };
        let step = match action {
            Some(Action::MoveDown) => 1,
            Some(Action::MoveUp) => -1,
            Some(Action::PageDown | Action::HalfPageDown) => 10,
            Some(Action::PageUp | Action::HalfPageUp) => -10,
            _ => 0,
        };
        if step != 0 {
            self.overlay_cursor = offset_index(self.overlay_cursor, step, rows);
            return Vec::new();
        }
        let overlay = self.overlay.take();
        let cursor = std::mem::take(&mut self.overlay_cursor);
        match overlay {
            Some(Overlay::Links) => self.on_links_key(key, action, cursor),
            Some(Overlay::Feeds) if action == Some(Action::Refresh) => self.start_refresh(None),
            _ => Vec::new(),
        }
    }
}
