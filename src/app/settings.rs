//! How the config shapes this run's screen: the layout, dates, colours and keys; and the
//! byline, the reader's second line, dated as the config says.

use chrono::FixedOffset;

use crate::config;
use crate::dates;
use crate::keymap::Keymap;
use crate::model::library::{Entry, Origin};
use crate::theme::Theme;

/// How the config shapes this run's screen; the same for the whole run.
#[derive(Debug, Clone)]
pub struct Settings {
    pub layout: config::Layout,
    pub date_format: String,
    /// The reader's time zone, for dates.
    pub offset: FixedOffset,
    pub theme: Theme,
    pub keymap: Keymap,
    /// Minutes between refreshes of a feed that names no interval of its own (0: never).
    pub refresh_every: u32,
}

impl Settings {
    /// Source, author and date, as the reader's second line.
    pub fn byline(&self, entry: &Entry) -> String {
        byline(entry, &self.date_format, self.offset)
    }
}

/// Source, author and date, as the reader's second line.
pub fn byline(entry: &Entry, date_format: &str, offset: FixedOffset) -> String {
    let article = &entry.article;
    let mut parts = vec![article.source.clone()];
    parts.extend(article.author.clone());
    if let Some(date) = article.published {
        parts.push(dates::absolute(date, date_format, offset));
    }
    if entry.origin == Origin::SavedOnly {
        parts.push("saved copy".to_string());
    }
    parts.join(" · ")
}
