//! What a refresh reports: what became of each feed, and the words for the whole.

use crate::model::{Article, ArticleId};

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
    /// The feed's articles as fetched now (empty unless it was updated, and unless the
    /// options ask for them), as the rules left them: without the hidden ones, with the
    /// tags they gave.
    pub articles: Vec<Article>,
    /// The new articles the rules marked read, and bookmarked.
    pub read: Vec<ArticleId>,
    pub bookmarked: Vec<ArticleId>,
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
    pub(super) fn count(&mut self, result: &FeedResult) {
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

    /// Whether the refresh failed as a whole, what `tidings refresh` exits 1 for: some feed
    /// failed and none was refreshed. Feeds left alone (still fresh, or their server asked to
    /// wait) are not refreshed either; with no failure beside them, nothing went wrong.
    pub fn failed_wholly(&self) -> bool {
        self.failed > 0 && self.failed + self.skipped == self.feeds
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
