//! An article's links as `L` lists them: numbered exactly as its text numbers them (`[1]` is
//! `1`), with the article's own address apart, as `0`; and the keys of that list.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{App, Effect};
use crate::action::Action;
use crate::model::Block;
use crate::worker::desktop::DesktopRequest;

/// The addresses of the article shown: its own, and those its text numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// The article's own address (its page, or the page its full text came from).
    pub own: Option<String>,
    /// The addresses of the text's `[1]`, `[2]`…, in that order: `numbered[0]` is `[1]`.
    pub numbered: Vec<String>,
}

impl Links {
    pub fn is_empty(&self) -> bool {
        self.own.is_none() && self.numbered.is_empty()
    }

    /// Rows of the list: the own address first, if there is one.
    pub fn len(&self) -> usize {
        usize::from(self.own.is_some()) + self.numbered.len()
    }

    /// Each row's number and address, in list order: `0` the article's own, then `1`, `2`…
    pub fn rows(&self) -> impl Iterator<Item = (usize, &str)> {
        self.own.iter().map(|own| (0, own.as_str())).chain(
            self.numbered
                .iter()
                .enumerate()
                .map(|(n, url)| (n + 1, url.as_str())),
        )
    }

    /// The address of a row of the list.
    pub fn at_row(&self, row: usize) -> Option<&str> {
        self.rows().nth(row).map(|(_, url)| url)
    }

    /// The address a number names: `0` the article's own, `n` the text's `[n]`.
    pub fn numbered_as(&self, number: usize) -> Option<&str> {
        match number {
            0 => self.own.as_deref(),
            n => self.numbered.get(n - 1).map(String::as_str),
        }
    }

    /// Where the list's cursor starts: on `1` when there is one, so that Enter opens the
    /// text's first link as `1` does; else on the article's own address.
    pub fn first_row(&self) -> usize {
        usize::from(self.own.is_some() && !self.numbered.is_empty())
    }
}

impl App {
    /// The links of the selected article, as the text shown numbers them.
    pub fn links(&self) -> Links {
        let Some(entry) = self.selected_entry() else {
            return Links::default();
        };
        let (own, body) = self.shown(entry);
        let numbered = body
            .blocks
            .iter()
            .filter_map(|block| match block {
                Block::Links(urls) => Some(urls.iter().cloned()),
                _ => None,
            })
            .flatten()
            .collect();
        Links { own, numbered }
    }

    /// Keys in the links list once it closes: Enter or `o` opens the row under the cursor,
    /// a digit the link of that number (`0` the article's own address), `y` copies the row,
    /// `f` reads it here.
    pub(super) fn on_links_key(
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
