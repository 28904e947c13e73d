//! An article's full text: the article of its web page, found in reader mode, kept beside
//! the feed's own text of it.

use serde::{Deserialize, Serialize};

use super::Body;
use crate::net;
use crate::sanitize::clean_line;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FullText {
    /// The address the page was read from: the article's own address when it was fetched.
    pub url: String,
    pub body: Body,
}

impl FullText {
    /// The site the text came from, as a person reads it: `macworld.com`.
    pub fn site(&self) -> String {
        net::site(&self.url).unwrap_or_else(|| clean_line(&self.url))
    }
}
