//! What the text and Markdown parsers share: input preparation, header fields, dates and
//! the final assembly of an `Article`.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use super::{Origin, Parsed};
use crate::model::tag::parse_tag_list;
use crate::model::{Article, ArticleId, Body, Tag};
use crate::sanitize::{clean_line, clean_text};

/// Strips a UTF-8 byte order mark and sanitizes the whole input (which also turns `\r\n` and
/// `\r` into `\n`).
pub fn prepare(input: &str) -> String {
    clean_text(input.strip_prefix('\u{FEFF}').unwrap_or(input))
}

/// A header field both formats know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Source,
    Author,
    Date,
    Url,
    Tags,
}

/// The header fields of one article, as read from a header block or front matter.
#[derive(Debug, Default)]
pub struct Metadata {
    title: Option<String>,
    source: Option<String>,
    author: Option<String>,
    date: Option<String>,
    url: Option<String>,
    tags: Vec<Tag>,
}

impl Metadata {
    /// Records one field. A blank value leaves the field as it was; tags accumulate.
    pub fn set(&mut self, field: Field, value: &str) {
        let value = clean_line(value);
        let slot = match field {
            Field::Tags => {
                self.add_tags(parse_tag_list(&value));
                return;
            }
            Field::Title => &mut self.title,
            Field::Source => &mut self.source,
            Field::Author => &mut self.author,
            Field::Date => &mut self.date,
            Field::Url => &mut self.url,
        };
        if !value.is_empty() {
            *slot = Some(value);
        }
    }

    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// Adds tags, skipping those already present in any case.
    pub fn add_tags(&mut self, tags: Vec<Tag>) {
        // A set of the keys seen, so that thousands of tags are not quadratic.
        let mut seen: std::collections::HashSet<_> = self.tags.iter().map(Tag::key).collect();
        self.tags
            .extend(tags.into_iter().filter(|tag| seen.insert(tag.key())));
    }

    /// Builds the article. The header title wins over `found_title` (the title the parser
    /// found in the text), which wins over the file stem.
    pub fn finish(
        self,
        found_title: Option<String>,
        body: Body,
        origin: &Origin,
        mut warnings: Vec<String>,
    ) -> Parsed {
        let published = self.date.as_deref().and_then(|date| {
            let parsed = parse_date(date);
            if parsed.is_none() {
                warnings.push(format!("unrecognised date \"{date}\""));
            }
            parsed
        });
        let id = match &self.url {
            Some(url) => ArticleId::from_identity(&format!("url:{url}")),
            None => ArticleId::from_identity(origin.identity),
        };
        let title = self
            .title
            .or(found_title)
            .unwrap_or_else(|| title_from_stem(origin.file_stem));
        let article = Article {
            id,
            title,
            source: self
                .source
                .unwrap_or_else(|| clean_line(origin.default_source)),
            author: self.author,
            published,
            url: self.url,
            tags: self.tags,
            body,
        };
        Parsed { article, warnings }
    }
}

/// The article of an empty or whitespace-only file.
pub fn empty_article(origin: &Origin) -> Parsed {
    let warnings = vec!["the file is empty".to_string()];
    Metadata::default().finish(None, Body::default(), origin, warnings)
}

/// "my-notes_2026" -> "my notes 2026".
fn title_from_stem(stem: &str) -> String {
    let title = clean_line(&stem.replace(['-', '_'], " "));
    if title.is_empty() {
        "Untitled".to_string()
    } else {
        title
    }
}

/// Reads RFC 3339, `YYYY-MM-DD` (midnight UTC), RFC 2822, and the `YYYY-MM-DD HH:MM:SS`
/// form (with or without an offset) that static-site generators write in front matter.
pub fn parse_date(value: &str) -> Option<DateTime<Utc>> {
    let value = value.trim();
    if let Ok(date) = DateTime::parse_from_rfc3339(value) {
        return Some(date.with_timezone(&Utc));
    }
    if let Ok(date) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Some(date.and_time(chrono::NaiveTime::MIN).and_utc());
    }
    if let Ok(date) = DateTime::parse_from_rfc2822(value) {
        return Some(date.with_timezone(&Utc));
    }
    if let Ok(date) = DateTime::parse_from_str(value, "%Y-%m-%d %H:%M:%S %z") {
        return Some(date.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(value, "%Y-%m-%d %H:%M:%S")
        .ok()
        .map(|date| date.and_utc())
}

#[cfg(test)]
#[path = "common_tests.rs"]
mod tests;
