//! An article's full text: the article of its web page, found in reader mode, kept beside
//! the feed's own text of it.

use serde::{Deserialize, Serialize};

use super::Body;
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
        site_of(&self.url).unwrap_or_else(|| clean_line(&self.url))
    }
}

/// The name of a site in an address: `macworld.com` of
/// `https://www.macworld.com/article/1.html`; `None` for what is not a web address.
pub fn site_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| clean_line(&host.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites_are_hosts_without_www() {
        assert_eq!(
            site_of("https://www.macworld.com/a/1.html").as_deref(),
            Some("macworld.com")
        );
        assert_eq!(
            site_of("http://user@News.Example:8080?x").as_deref(),
            Some("news.example")
        );
        assert_eq!(site_of("/tmp/page.html"), None);
        assert_eq!(site_of("https:///x"), None);
    }
}
