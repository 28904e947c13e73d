//! What the status line is told: problems found as the reader starts, and the messages
//! that answer a key or tell of work done, made safe to show.

use super::App;
use crate::sanitize;

/// A message for the status line, until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

impl App {
    /// Tells the reader, until the next key, about files that could not be read and whether
    /// bookmarks can be saved.
    pub fn report_start(&mut self, problems: &[String], store_problem: Option<String>) {
        if let Some(problem) = &store_problem {
            self.set_error(format!("bookmarks and read marks are off: {problem}"));
        } else if let Some(first) = problems.first() {
            let more = match problems.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            self.set_error(format!("{first}{more}"));
        }
        self.store_problem = store_problem;
    }

    /// Actions the config's bindings left with no key, said at start unless a problem above
    /// is (`tidings check-config` lists them all).
    pub fn report_config_warnings(&mut self, warnings: &[crate::config::ConfigWarning]) {
        if self.status.is_some() {
            return;
        }
        if let Some(first) = warnings.first() {
            let more = match warnings.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            self.set_error(format!("{}{more} · see tidings check-config", first.short));
        }
    }

    /// Messages can name files, whose names may hold anything: they are sanitized here.
    pub(crate) fn set_info(&mut self, text: String) {
        self.status = Some(Status {
            text: sanitize::clean_line(&text),
            is_error: false,
        });
    }

    pub(crate) fn set_error(&mut self, text: String) {
        self.status = Some(Status {
            text: sanitize::clean_line(&text),
            is_error: true,
        });
    }
}
