//! A window over the panes opened, and the keys while it is open: the moving keys move its
//! cursor or scroll the help; any other key closes it, and in the links list Enter, `o` or a
//! digit opens a link, `f` reads it here and `y` copies it; in the feeds list `r` refreshes.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{App, Overlay};
use crate::action::Action;
use crate::effect::Effect;
use crate::focus::Focus;
use crate::help::HelpLayout;
use crate::worker::desktop::DesktopRequest;

impl App {
    /// Opens a window over the panes: the links list with its cursor on the first link.
    pub(super) fn open_window(&mut self, overlay: Overlay) {
        let row = match overlay {
            Overlay::Links => self.links().first_row(),
            Overlay::Help | Overlay::Feeds | Overlay::AddFeed => 0,
        };
        self.window.show(overlay, row);
    }

    pub(super) fn on_window_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if self.window.open() == Some(Overlay::AddFeed) {
            return self.on_adding_key(key);
        }
        let action = self.settings.keymap.action_for(key, Focus::Reader);
        let step = match action {
            Some(Action::MoveDown) => 1,
            Some(Action::MoveUp) => -1,
            Some(Action::PageDown | Action::HalfPageDown) => 10,
            Some(Action::PageUp | Action::HalfPageUp) => -10,
            _ => 0,
        };
        if step != 0 {
            let rows = match self.window.open() {
                Some(Overlay::Help) => {
                    HelpLayout::new(&self.settings.keymap, self.size()).last_scroll() + 1
                }
                Some(Overlay::Feeds) => self.feeds.len(),
                Some(Overlay::Links) => self.links().len(),
                Some(Overlay::AddFeed) | None => 0,
            };
            self.window.move_cursor(step, rows);
            return Vec::new();
        }
        match self.window.close() {
            Some((Overlay::Links, cursor)) => self.on_links_key(key, action, cursor),
            Some((Overlay::Feeds, _)) if action == Some(Action::Refresh) => {
                self.start_refresh(None)
            }
            _ => Vec::new(),
        }
    }

    /// Keys in the links list once it closes: Enter or `o` opens the row under the cursor,
    /// a digit the link of that number (`0` the article's own address), `y` copies the row,
    /// `f` reads it here.
    fn on_links_key(
        &mut self,
        key: KeyEvent,
        action: Option<Action>,
        cursor: usize,
    ) -> Vec<Effect> {
        let links = self.links();
        let chosen = match key.code {
            KeyCode::Char(digit @ '0'..='9') => {
                let number = digit.to_digit(10).map_or(0, |d| d as usize);
                links.numbered_as(number)
            }
            KeyCode::Enter => links.at_row(cursor),
            _ if action == Some(Action::OpenInBrowser) => links.at_row(cursor),
            _ => None,
        };
        if let Some(url) = chosen {
            return vec![Effect::Desktop(DesktopRequest::Open(url.to_string()))];
        }
        let Some(url) = links.at_row(cursor).map(str::to_string) else {
            return Vec::new();
        };
        match action {
            Some(Action::CopyUrl) => vec![Effect::Desktop(DesktopRequest::Copy(url))],
            Some(Action::FullText) => self.read_page(url),
            _ => Vec::new(),
        }
    }
}
