//! How commands print: lines through one writer that takes a closed pipe as the end, JSON
//! shapes of the CLI contract, and `warning:` lines.

use std::io::Write;

use anyhow::Context as _;
use serde::Serialize;

use crate::model::Article;
use crate::model::library::Entry;

/// Prints lines to stdout. A reader that stops reading early (`| head`) is not an error.
pub fn emit(lines: impl IntoIterator<Item = String>) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let written = lines
        .into_iter()
        .try_for_each(|line| writeln!(out, "{line}"))
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}

pub fn print_json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    emit([serde_json::to_string_pretty(value)?])
}

pub fn warn(message: &str) {
    eprintln!("warning: {}", crate::sanitize::clean_line(message));
}

/// "did you mean "typo"?" when one of `known` is near `named`, else where to look
/// ("see tidings tags"): the end of an error about a name that names nothing.
pub fn hint<'a>(named: &str, known: impl IntoIterator<Item = &'a str>, look: &str) -> String {
    match crate::suggest::nearest(named.trim(), known) {
        Some(meant) => format!("did you mean \"{meant}\"?"),
        None => format!("see {look}"),
    }
}

/// An error about an address, naming it once: as it is when the error names it already (a
/// file's errors do: "cannot read /x.html: no such file or folder"), else before it
/// ("https://example.com/a: HTTP 404 Not Found").
pub fn about(address: &str, error: &str) -> String {
    let path = address.strip_prefix("file://").unwrap_or(address);
    if names(error, address) || names(error, path) {
        error.to_string()
    } else {
        format!("{address}: {error}")
    }
}

/// Whether `message` names `what` as the subject of what it says: as a word of its own (at
/// its start or after a space) that ends the message or comes before a colon or " is ".
fn names(message: &str, what: &str) -> bool {
    !what.is_empty()
        && message.match_indices(what).any(|(at, _)| {
            let before = message[..at].chars().next_back();
            let after = &message[at + what.len()..];
            matches!(before, None | Some(' '))
                && (after.is_empty() || after.starts_with(':') || after.starts_with(" is "))
        })
}

/// One article as `list` prints it: id, unread and bookmark marks, date, title, source, tags.
pub fn list_line(entry: &Entry) -> String {
    let article = &entry.article;
    let date = article
        .published
        .map_or_else(|| " ".repeat(10), |d| d.format("%Y-%m-%d").to_string());
    let tags: Vec<&str> = article.tags.iter().map(|t| t.as_str()).collect();
    let tags = if tags.is_empty() {
        String::new()
    } else {
        format!("  [{}]", tags.join(", "))
    };
    format!(
        "{}  {}{}  {date}  {}  ({}){tags}",
        article.id,
        if entry.is_read() { ' ' } else { '●' },
        if entry.bookmarked { '★' } else { ' ' },
        article.title,
        article.source
    )
}

/// The terminal's width up to 100 columns when printing to one, else 80.
pub fn default_width() -> usize {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal()
        && let Ok((columns, _)) = ratatui::crossterm::terminal::size()
    {
        return usize::from(columns).clamp(20, 100);
    }
    80
}

#[derive(Serialize)]
pub struct ArticleJson<'a> {
    id: &'a str,
    title: &'a str,
    source: &'a str,
    author: Option<&'a str>,
    published: Option<String>,
    url: Option<&'a str>,
    tags: Vec<&'a str>,
    bookmarked: bool,
    read: bool,
}

impl<'a> ArticleJson<'a> {
    pub fn new(article: &'a Article, bookmarked: bool, read: bool) -> Self {
        Self {
            id: article.id.as_str(),
            title: &article.title,
            source: &article.source,
            author: article.author.as_deref(),
            published: article.published.map(|d| d.to_rfc3339()),
            url: article.url.as_deref(),
            tags: article.tags.iter().map(|t| t.as_str()).collect(),
            bookmarked,
            read,
        }
    }

    pub fn of(entry: &'a Entry) -> Self {
        Self::new(&entry.article, entry.bookmarked, entry.is_read())
    }
}

#[derive(Serialize)]
pub struct BookmarkJson<'a> {
    #[serde(flatten)]
    pub article: ArticleJson<'a>,
    pub saved_at: String,
}

#[derive(Serialize)]
pub struct TagJson {
    pub tag: String,
    pub count: usize,
}

#[cfg(test)]
#[path = "output_tests.rs"]
mod tests;
