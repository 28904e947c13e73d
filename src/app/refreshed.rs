//! What the status line says when a refresh ends: what came, and when feeds failed, why in
//! words (the commonest error); a refresh of one feed names it.

use crate::model::counted;
use crate::refresh::{FeedResult, Summary};

/// What one refresh learnt of its feeds, feed by feed, for the words at its end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// The name of each feed reported, in the order of the reports.
    names: Vec<String>,
    /// The error of each feed that failed, in the order of the reports.
    errors: Vec<String>,
    /// Why each feed left alone was left alone.
    notes: Vec<String>,
}

impl Tally {
    /// Notes a feed's report.
    pub fn add(&mut self, name: &str, result: &FeedResult) {
        self.names.push(name.to_string());
        match result {
            FeedResult::Failed(error) => self.errors.push(error.clone()),
            FeedResult::Skipped(note) => self.notes.push(note.clone()),
            FeedResult::Updated { .. } | FeedResult::NotModified => {}
        }
    }

    /// The error most feeds failed with (the first seen of those as common), and whether
    /// every failed feed failed with it.
    fn commonest_error(&self) -> Option<(&str, bool)> {
        let mut best: Option<(&str, usize)> = None;
        for error in &self.errors {
            let count = self.errors.iter().filter(|e| *e == error).count();
            if best.is_none_or(|(_, most)| count > most) {
                best = Some((error, count));
            }
        }
        best.map(|(error, count)| (error, count == self.errors.len()))
    }
}

/// The words for the end of a refresh, and whether they tell of a failure. `feeds_key` is
/// the key of the feeds list, which shows each feed's error.
///
/// - all failed: "17 feeds failed: connection refused";
/// - some failed: "refreshed 17 feeds: +3 new · 2 failed (connection refused)";
/// - one feed: "Daring Fireball: +2 new", "Daring Fireball: nothing new",
///   "Daring Fireball failed: connection refused".
pub fn message(summary: &Summary, tally: &Tally, feeds_key: &str) -> (String, bool) {
    let failed = summary.failed > 0;
    let why = |error: &str, alone: bool| {
        if alone || feeds_key.is_empty() {
            error.to_string()
        } else {
            format!("mostly {error}; {feeds_key} shows each")
        }
    };
    if summary.feeds == 1
        && let [name] = tally.names.as_slice()
    {
        let text = if let Some(error) = tally.errors.first() {
            format!("{name} failed: {error}")
        } else if let Some(note) = tally.notes.first() {
            format!("{name} left alone: {note}")
        } else if summary.new + summary.updated == 0 {
            format!("{name}: nothing new")
        } else {
            format!("{name}: {}", summary.describe())
        };
        return (text, failed);
    }
    let error = tally.commonest_error();
    if failed && summary.failed == summary.feeds {
        let feeds = counted(summary.feeds, "feed");
        let text = match error {
            Some((error, true)) => format!("{feeds} failed: {error}"),
            Some((error, false)) => format!("{feeds} failed, {}", why(error, false)),
            None => format!("{feeds} failed"),
        };
        return (text, true);
    }
    let mut text = format!(
        "refreshed {}: {}",
        counted(summary.feeds, "feed"),
        summary.describe()
    );
    if let Some((error, alone)) = error.filter(|_| failed) {
        // After "N failed", which describe() ends with or puts before "N skipped".
        let failed_words = format!("{} failed", summary.failed);
        let with_why = format!("{failed_words} ({})", why(error, alone));
        text = text.replacen(&failed_words, &with_why, 1);
    }
    (text, failed)
}

#[cfg(test)]
#[path = "refreshed_tests.rs"]
mod tests;
