//! The status line's message: what answers a key or tells of work done, until the next key;
//! made safe to show, since messages can name files, whose names may hold anything.

use super::start::Start;
use crate::sanitize;

/// A message for the status line, until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

#[derive(Debug, Clone, Default)]
pub struct StatusLine {
    message: Option<Status>,
}

impl StatusLine {
    /// As the reader starts: the first problem start-up met, in this order: sync that is off,
    /// a store that cannot save, files that could not be read (with how many more), then
    /// actions the config left with no key (`tidings check-config` lists them all).
    pub(super) fn at_start(start: &Start) -> Self {
        let mut line = Self::default();
        let more = |count: usize| match count {
            0 | 1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        if let Some(problem) = &start.sync_problem {
            line.error(&format!("sync is off in this run: {problem}"));
        } else if let Some(problem) = &start.store_problem {
            line.error(&format!("bookmarks and read marks are off: {problem}"));
        } else if let Some(first) = start.problems.first() {
            line.error(&format!("{first}{}", more(start.problems.len())));
        } else if let Some(first) = start.config_warnings.first() {
            let more = more(start.config_warnings.len());
            line.error(&format!("{}{more} · see tidings check-config", first.short));
        }
        line
    }

    pub fn message(&self) -> Option<&Status> {
        self.message.as_ref()
    }

    pub(super) fn info(&mut self, text: &str) {
        self.set(text, false);
    }

    pub(super) fn error(&mut self, text: &str) {
        self.set(text, true);
    }

    fn set(&mut self, text: &str, is_error: bool) {
        self.message = Some(Status {
            text: sanitize::clean_line(text),
            is_error,
        });
    }

    /// A key takes the message away.
    pub(super) fn clear(&mut self) {
        self.message = None;
    }
}

#[cfg(test)]
#[path = "status_tests.rs"]
mod tests;
