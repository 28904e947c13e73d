//! `+`: a feed added from the reader by its address, as `tidings feeds add` adds one. The
//! address is typed in a window and read by the discovery worker: a feed is subscribed, a
//! page's feeds are offered to choose from in the window; the new feed joins the feeds of the
//! run and is refreshed at once.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{App, Overlay};
use crate::effect::Effect;
use crate::model::Subscription;
use crate::worker::discovery::{DiscoveryReport, DiscoveryRequest};
use crate::worker::refresh::RefreshRequest;

impl App {
    /// `+`: the window to type an address in; with `[sync]` set, the server holds the feeds.
    pub(super) fn start_adding(&mut self) {
        if self.sync.is_some() {
            self.set_info(
                "with [sync] set, the server holds the feeds: tidings feeds add URL".to_string(),
            );
            return;
        }
        self.open_window(Overlay::AddFeed);
    }

    /// A key in the `+` window: typing, or moving among the feeds a page named; Enter reads
    /// the address or takes the feed chosen; Esc closes it.
    pub(super) fn on_adding_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let cursor = self.window.cursor();
        let adding = self.window.adding_mut();
        if key.code == KeyCode::Esc {
            self.window.close();
            return Vec::new();
        }
        if adding.busy {
            return Vec::new();
        }
        let choosing = !adding.choices.is_empty();
        match key.code {
            KeyCode::Enter if choosing => {
                let url = adding.choices[cursor].url.clone();
                adding.busy = true;
                vec![Effect::Discovery(DiscoveryRequest::Take(url))]
            }
            KeyCode::Enter if !adding.text.trim().is_empty() => {
                adding.busy = true;
                adding.error = None;
                vec![Effect::Discovery(DiscoveryRequest::Look(
                    adding.text.trim().to_string(),
                ))]
            }
            KeyCode::Down | KeyCode::Char('j') if choosing => {
                let rows = adding.choices.len();
                self.window.move_cursor(1, rows);
                Vec::new()
            }
            KeyCode::Up | KeyCode::Char('k') if choosing => {
                let rows = adding.choices.len();
                self.window.move_cursor(-1, rows);
                Vec::new()
            }
            KeyCode::Backspace if !choosing => {
                adding.text.pop();
                Vec::new()
            }
            KeyCode::Char(c) if !choosing && !c.is_control() => {
                adding.text.push(c);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Pasted text, into the address while the `+` window is open.
    pub(super) fn paste_address(&mut self, text: &str) -> bool {
        if self.window.open() != Some(Overlay::AddFeed) {
            return false;
        }
        let adding = self.window.adding_mut();
        if adding.choices.is_empty() && !adding.busy {
            adding
                .text
                .push_str(crate::sanitize::clean_line(text).trim());
        }
        true
    }

    pub(super) fn on_discovery(&mut self, report: DiscoveryReport) -> Vec<Effect> {
        let open = self.window.open() == Some(Overlay::AddFeed);
        match report {
            DiscoveryReport::Subscribed { subscription, said } => {
                if open {
                    self.window.close();
                }
                self.feed_added(subscription, &said)
            }
            DiscoveryReport::Choices { page, found } if open => {
                let adding = self.window.adding_mut();
                adding.busy = false;
                adding.choices = found;
                adding.error = None;
                self.window.first_row();
                let _ = page;
                Vec::new()
            }
            DiscoveryReport::Choices { page, found } => {
                self.set_info(format!(
                    "{} names {} feeds: + and the address again to choose one",
                    page,
                    found.len()
                ));
                Vec::new()
            }
            DiscoveryReport::Failed(error) if open => {
                let adding = self.window.adding_mut();
                adding.busy = false;
                adding.error = Some(error);
                Vec::new()
            }
            DiscoveryReport::Failed(error) => {
                self.set_error(error);
                Vec::new()
            }
        }
    }

    /// A feed subscribed to by `+`: one of the run's feeds from now on, in the pane, and
    /// refreshed now (or with the refresh under way's successor).
    fn feed_added(&mut self, subscription: Subscription, said: &str) -> Vec<Effect> {
        self.library.add_feed(&subscription.url, None);
        self.nav.relist(&self.library, Some);
        let every = self.settings.refresh_every;
        self.feeds.add(&subscription, every);
        if self.feeds.refreshing().is_some() {
            self.set_info(format!("{said}; the next refresh brings its articles"));
            return Vec::new();
        }
        self.set_info(format!("{said}; refreshing it"));
        let only = Some(vec![subscription.url.clone()]);
        let now = self.now();
        self.feeds.refresh_asked(only.clone(), false, now);
        vec![Effect::Refresh(RefreshRequest {
            only,
            force: false,
            add: self.feeds.take_added(),
        })]
    }
}

#[cfg(test)]
#[path = "adding_tests.rs"]
mod tests;
