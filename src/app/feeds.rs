//! Feeds in the reader: refreshes under way and what they bring, the feeds list, an
//! article's links, and the keys of the windows over the panes.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{App, Effect, Focus, offset_index};
use crate::action::Action;
use crate::event::RefreshEvent;
use crate::model::{Block, Subscription};
use crate::refresh::{FeedResult, display_name};
use crate::store::FeedState;

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
    pub articles: usize,
    pub last_refresh: Option<DateTime<Utc>>,
    /// Why the last refresh failed, in words.
    pub error: Option<String>,
    /// Why the last refresh left it alone (still fresh, the server asked to wait).
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

impl App {
    /// The feeds of this run with what the store knows of them.
    pub fn set_feeds(
        &mut self,
        feeds: &[Subscription],
        states: &HashMap<String, FeedState>,
        counts: &HashMap<String, usize>,
    ) {
        self.feeds = feeds
            .iter()
            .map(|feed| {
                let state = states.get(&feed.url).cloned().unwrap_or_default();
                FeedStatus {
                    url: feed.url.clone(),
                    name: display_name(feed, &state),
                    articles: counts.get(&feed.url).copied().unwrap_or(0),
                    last_refresh: state.last_success,
                    error: state.last_error.filter(|_| state.retry_after.is_none()),
                    note: None,
                }
            })
            .collect();
    }

    pub(super) fn open_overlay(&mut self, overlay: Overlay) {
        self.overlay = Some(overlay);
        self.overlay_cursor = 0;
    }

    /// Asks for a refresh of every feed, or of the one at `only`; forced, since a person
    /// asked: feeds that said they are fresh are asked too.
    pub fn start_refresh(&mut self, only: Option<String>) -> Vec<Effect> {
        self.refresh_effect(only, true)
    }

    /// The refresh as the reader starts, which leaves feeds that are still fresh alone.
    pub fn refresh_on_start(&mut self) -> Vec<Effect> {
        self.refresh_effect(None, false)
    }

    fn refresh_effect(&mut self, only: Option<String>, force: bool) -> Vec<Effect> {
        if self.refreshing.is_some() {
            self.set_info("a refresh is already under way".to_string());
            return Vec::new();
        }
        if self.feeds.is_empty() {
            self.set_info("no feeds to refresh: add one with `tidings feeds add URL`".to_string());
            return Vec::new();
        }
        let total = if only.is_some() { 1 } else { self.feeds.len() };
        self.refreshing = Some(Progress { done: 0, total });
        vec![Effect::Refresh { only, force }]
    }

    pub(super) fn on_refresh(&mut self, event: RefreshEvent) {
        match event {
            RefreshEvent::Feed { done, report } => {
                if let Some(progress) = &mut self.refreshing {
                    progress.done = done;
                }
                let new = if report.articles.is_empty() {
                    0
                } else {
                    self.merge_feed(&report.url, report.articles)
                };
                let now = self.now;
                if let Some(status) = self.feeds.iter_mut().find(|f| f.url == report.url) {
                    status.name = report.name;
                    status.articles += new;
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
            }
            RefreshEvent::Finished(summary) => {
                self.refreshing = None;
                let feeds = crate::model::counted(summary.feeds, "feed");
                let text = format!("refreshed {feeds}: {}", summary.describe());
                if summary.failed > 0 {
                    let key = self.settings.keymap.first_key(Action::ShowFeeds);
                    self.set_error(format!("{text} ({key} shows why)"));
                } else {
                    self.set_info(text);
                }
            }
        }
    }

    /// Puts a feed's new copy into the library, keeping the selection, the tag cursor and
    /// the filter; returns how many articles were new.
    fn merge_feed(&mut self, url: &str, articles: Vec<crate::model::Article>) -> usize {
        let cursor_tag = self.tag_order.get(self.tag_cursor).copied();
        let new = self.library.merge(Some(url), articles);
        self.tag_order = self.library.tags_by_count();
        self.tag_cursor = cursor_tag
            .and_then(|tag| self.tag_order.iter().position(|&t| t == tag))
            .unwrap_or(0);
        self.refilter_all();
        // Replaced articles must be laid out again.
        self.wrap_cache.clear();
        new
    }

    /// The addresses of the selected article: its own, then the links in its text.
    pub fn links(&self) -> Vec<String> {
        let Some(entry) = self.selected_entry() else {
            return Vec::new();
        };
        let mut links: Vec<String> = entry.article.url.iter().cloned().collect();
        for block in &entry.article.body.blocks {
            if let Block::Links(urls) = block {
                links.extend(
                    urls.iter()
                        .filter(|u| !links.contains(u))
                        .cloned()
                        .collect::<Vec<_>>(),
                );
            }
        }
        links
    }

    /// Keys in a window: the moving keys move or scroll; in the links list Enter, `o` or a
    /// digit opens a link and `y` copies it; in the feeds list `r` refreshes; any other
    /// key closes the window.
    pub(super) fn on_overlay_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let action = self.settings.keymap.action_for(key, Focus::Reader);
        let rows = match self.overlay {
            Some(Overlay::Help) => crate::keymap::HELP_LINES,
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
            Some(Overlay::Links) => {
                let links = self.links();
                let chosen = match key.code {
                    KeyCode::Enter => Some(cursor),
                    KeyCode::Char(digit @ '1'..='9') => digit.to_digit(10).map(|d| d as usize - 1),
                    _ if action == Some(Action::OpenInBrowser) => Some(cursor),
                    _ => None,
                };
                if let Some(url) = chosen.and_then(|i| links.get(i)) {
                    return vec![Effect::OpenUrl(url.clone())];
                }
                if action == Some(Action::CopyUrl)
                    && let Some(url) = links.get(cursor)
                {
                    return vec![Effect::CopyUrl(url.clone())];
                }
                Vec::new()
            }
            Some(Overlay::Feeds) if action == Some(Action::Refresh) => self.start_refresh(None),
            _ => Vec::new(),
        }
    }
}
