//! The groups the navigation pane lists: tags and sources (feeds, local article files, the
//! bundled samples). Each knows its articles, and how many of them there are and how many
//! are unread, kept up to date entry by entry so that no key recounts the library.

use std::sync::Arc;

use crate::model::Tag;

/// The articles of one tag or one source.
#[derive(Debug, Clone, Default)]
pub struct Members {
    /// Articles of this run's sources (saved-only bookmarks are not counted).
    pub total: usize,
    /// Of those, the ones not read yet.
    pub unread: usize,
    /// Every entry index in the group, saved-only ones too, in increasing order.
    entries: Vec<u32>,
}

impl Members {
    /// Adds an entry; `counted` when it comes from a source of this run.
    pub(super) fn add(&mut self, index: u32, counted: bool, unread: bool) {
        match self.entries.last() {
            Some(&last) if last >= index => {
                if let Err(at) = self.entries.binary_search(&index) {
                    self.entries.insert(at, index);
                }
            }
            _ => self.entries.push(index),
        }
        if counted {
            self.total += 1;
            self.unread += usize::from(unread);
        }
    }

    pub(super) fn remove(&mut self, index: u32, counted: bool, unread: bool) {
        if let Ok(at) = self.entries.binary_search(&index) {
            self.entries.remove(at);
        }
        if counted {
            self.total -= 1;
            self.unread -= usize::from(unread);
        }
    }

    /// One counted entry became read (`read`) or unread again.
    pub(super) fn mark(&mut self, read: bool) {
        if read {
            self.unread -= 1;
        } else {
            self.unread += 1;
        }
    }

    /// The entry indices of the group, in increasing order.
    pub fn entries(&self) -> &[u32] {
        &self.entries
    }
}

#[derive(Debug, Clone)]
pub struct TagInfo {
    /// The first spelling met.
    pub tag: Tag,
    pub members: Members,
}

/// Where the articles of the list come from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SourceKey {
    /// A feed, by its address.
    Feed(Arc<str>),
    /// Article files and folders.
    Local,
    /// The articles bundled with tidings.
    Samples,
}

impl SourceKey {
    /// The feed's address, for a feed.
    pub fn feed_url(&self) -> Option<&str> {
        match self {
            Self::Feed(url) => Some(url),
            Self::Local | Self::Samples => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct SourceInfo {
    pub key: SourceKey,
    /// The name shown: the reader's name for a feed, else the feed's title, else its address.
    pub name: String,
    pub members: Members,
    /// The name was given (by the subscription or the feed's title in the store); until
    /// then a feed takes the source name of its first article.
    pub(super) named: bool,
    /// A feed taken out of the run (the sync server no longer holds it): not listed until it
    /// comes back.
    pub(super) dropped: bool,
}

impl SourceInfo {
    pub(super) fn new(key: SourceKey, name: String) -> Self {
        Self {
            named: !matches!(key, SourceKey::Feed(_)),
            key,
            name,
            members: Members::default(),
            dropped: false,
        }
    }
}

/// The name a source has until it is given one.
pub(super) fn default_name(key: &SourceKey) -> String {
    match key {
        SourceKey::Feed(url) => url.to_string(),
        SourceKey::Local => "Local articles".to_string(),
        SourceKey::Samples => "Samples".to_string(),
    }
}

#[cfg(test)]
#[path = "groups_tests.rs"]
mod tests;
