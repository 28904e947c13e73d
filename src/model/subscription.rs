//! A feed the reader subscribes to: from the config's `[[feeds]]`, or added on the command
//! line or by an OPML import (kept in the store).

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub url: String,
    /// The reader's name for the feed, shown in place of the feed's own title.
    pub name: Option<String>,
    /// Tags given to every article of the feed.
    pub tags: Vec<String>,
    /// The full text of its articles is fetched from their pages after each refresh.
    pub full_text: bool,
    /// Minutes between refreshes while the reader runs, in place of the config's
    /// `refresh_every` (0: only when asked).
    pub every: Option<u32>,
}
