//! Tags: shown as written, compared without regard to case (`U.S.` and `u.s.` are one tag).

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::sanitize::fold_white_space;

/// A tag as written in its article. The text is shared: the library keeps one copy of each
/// spelling for all the articles that carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Tag(Arc<str>);

/// The case-folded form of a tag, used for every comparison.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TagKey(String);

impl Tag {
    /// Makes a tag from text that has already been sanitized; `None` for a blank one.
    pub fn new(text: &str) -> Option<Self> {
        let text = fold_white_space(text);
        (!text.is_empty()).then(|| Self(text.into()))
    }

    /// A tag as it was stored, already made by [`Tag::new`] once.
    pub fn from_stored(text: &str) -> Option<Self> {
        (!text.is_empty()).then(|| Self(text.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn key(&self) -> TagKey {
        TagKey(self.0.to_lowercase())
    }
}

impl TagKey {
    pub fn of(text: &str) -> Self {
        TagKey(text.trim().to_lowercase())
    }
}

impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Splits a comma-separated tag line, keeping the first spelling of tags that differ only in case.
pub fn parse_tag_list(line: &str) -> Vec<Tag> {
    // A set of the keys seen, so that an item with thousands of tags is not quadratic.
    let mut seen = std::collections::HashSet::new();
    line.split(',')
        .filter_map(Tag::new)
        .filter(|tag| seen.insert(tag.key()))
        .collect()
}

/// The tags of an article whose feed moved from the folders `from` to the folders `to` on a
/// sync server (folders are tags): the tags of `from` that `to` does not name go, and those
/// of `to` it lacks come after the others.
pub fn moved_folders(tags: &[Tag], from: &[String], to: &[String]) -> Vec<Tag> {
    let kept: std::collections::HashSet<TagKey> = to.iter().map(|f| TagKey::of(f)).collect();
    let left: std::collections::HashSet<TagKey> = from
        .iter()
        .map(|f| TagKey::of(f))
        .filter(|key| !kept.contains(key))
        .collect();
    let mut seen = std::collections::HashSet::new();
    tags.iter()
        .filter(|tag| !left.contains(&tag.key()))
        .cloned()
        .chain(to.iter().filter_map(|folder| Tag::new(folder)))
        .filter(|tag| seen.insert(tag.key()))
        .collect()
}

#[cfg(test)]
#[path = "tag_tests.rs"]
mod tests;
