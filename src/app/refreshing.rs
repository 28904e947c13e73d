//! Refreshing feeds: asked for by a person, as the reader starts, or due by the clock (which
//! also says when a sync is due); what each feed's refresh brings joins the library; and the
//! words at the end.

use chrono::{DateTime, Utc};

use super::App;
use super::refreshed;
use crate::action::Action;
use crate::effect::Effect;
use crate::model::{Article, ArticleId};
use crate::refresh::FeedReport;
use crate::sanitize;
use crate::worker::full_text::FullTextRequest;
use crate::worker::refresh::{RefreshReport, RefreshRequest};

impl App {
    /// Asks for a refresh of every feed, or of those at `only`; forced, since a person
    /// asked: feeds that said they are fresh are asked too.
    pub(super) fn start_refresh(&mut self, only: Option<Vec<String>>) -> Vec<Effect> {
        self.refresh(only, true, false)
    }

    /// The refresh as the reader starts, which leaves feeds that are still fresh alone.
    pub(super) fn refresh_on_start(&mut self) -> Vec<Effect> {
        self.refresh(None, false, false)
    }

    /// Every minute, `now`: the feeds and the sync whose time has come.
    pub(super) fn on_tick(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        self.screen.set_clock(now);
        let mut effects = self.refresh_due();
        effects.extend(self.sync_due());
        effects
    }

    /// The feeds whose time has come are refreshed (unless a refresh is under way); those
    /// that said they are still fresh are left alone by the refresh.
    fn refresh_due(&mut self) -> Vec<Effect> {
        if self.feeds.refreshing().is_some() {
            return Vec::new();
        }
        let due = self.feeds.due(self.now());
        if due.is_empty() {
            return Vec::new();
        }
        self.refresh(Some(due), false, true)
    }

    /// A refresh asked for by a person (or as the reader starts) syncs too; the feeds of the
    /// sync server are left to the sync.
    fn refresh(
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

    /// Asks the refresh worker for the feeds at `only` (`None`: all of them), unless a
    /// refresh is under way or there are no feeds.
    fn refresh_here(
        &mut self,
        only: Option<Vec<String>>,
        force: bool,
        by_the_clock: bool,
    ) -> Vec<Effect> {
        if self.feeds.refreshing().is_some() {
            self.set_info("a refresh is already under way".to_string());
            return Vec::new();
        }
        if self.feeds.is_empty() {
            self.set_info("no feeds to refresh: add one with `tidings feeds add URL`".to_string());
            return Vec::new();
        }
        let now = self.now();
        self.feeds.refresh_asked(only.clone(), by_the_clock, now);
        vec![Effect::Refresh(RefreshRequest {
            only,
            force,
            add: self.feeds.take_added(),
        })]
    }

    pub(super) fn on_refresh(&mut self, report: RefreshReport) -> Vec<Effect> {
        match report {
            RefreshReport::Feed { done, report } => {
                self.feed_refreshed(done, report);
                Vec::new()
            }
            RefreshReport::Finished(summary) => {
                let ended = self.feeds.refresh_ended();
                // Articles a feed changed in place are asked again now, once.
                self.recount_queries();
                // The new articles of the feeds that want their full text have it read.
                let mut after = vec![Effect::FullText(FullTextRequest::AfterRefresh {
                    only: ended.only,
                })];
                after.extend(self.ask_query_facts());
                if ended.by_the_clock && summary.new == 0 && summary.failed == 0 {
                    return after;
                }
                let key = self.settings.keymap.first_key(Action::ShowFeeds);
                match refreshed::message(&summary, &ended.tally, &key) {
                    (text, true) => self.set_error(text),
                    (text, false) => self.set_info(text),
                }
                after
            }
        }
    }

    /// One feed of the refresh under way is done, `done` of them so far: what it brought
    /// joins the library, and the feeds list and the navigation pane learn its name.
    fn feed_refreshed(&mut self, done: usize, report: FeedReport) {
        if !report.articles.is_empty() {
            self.merge_feed(&report.url, report.articles);
        }
        self.ruled_on_arrival(&report.read, &report.bookmarked);
        let name = sanitize::clean_line(&report.name);
        if report.name != report.url {
            self.library.add_feed(&report.url, Some(&name));
            self.nav.relist(&self.library, Some);
        }
        let now = self.now();
        (self.feeds).feed_refreshed(done, &report.url, &name, report.result, now);
    }

    /// What the rules did to new articles as they were stored, shown: read, bookmarked.
    fn ruled_on_arrival(&mut self, read: &[ArticleId], bookmarked: &[ArticleId]) {
        if read.is_empty() && bookmarked.is_empty() {
            return;
        }
        let now = self.now();
        for id in read {
            if let Some(index) = self.library.position(id) {
                self.library.set_read(index, true);
                self.queries.entry_changed(&self.library, index);
            }
        }
        for id in bookmarked {
            if let Some(index) = self.library.position(id) {
                self.library.entry_mut(index).bookmarked = true;
                self.library.saved_now(id, now);
                self.queries.entry_changed(&self.library, index);
            }
        }
        self.list.count_unread(&self.library);
    }

    /// Puts a feed's new copy into the library, keeping the filter, the navigation cursor
    /// and the selected article where they were on screen.
    fn merge_feed(&mut self, url: &str, articles: Vec<Article>) {
        let place = self.list.place();
        self.library.merge(Some(url), articles);
        self.nav.relist(&self.library, Some);
        self.list.refilter_all(&self.library, self.screen.now());
        self.count_new_for_queries();
        self.list.keep_place(place);
        // Replaced articles must be laid out again.
        self.reader.forget_layouts();
    }
}
