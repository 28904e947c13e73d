//! Queries kept under a name (smart feeds), and rules: a query and what is done to the
//! articles it matches as they first arrive.

use std::fmt;

use super::Query;
use crate::model::Tag;

/// A query kept under a name, shown in the navigation pane's Queries section.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedQuery {
    pub name: String,
    pub query: Query,
    pub origin: Origin,
}

/// What a rule does to an article it matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleAction {
    Read,
    Hide,
    Bookmark,
    Tag(Tag),
}

impl RuleAction {
    /// The action as the config and the store write it, with the tag apart.
    pub fn name(&self) -> &'static str {
        match self {
            RuleAction::Read => "read",
            RuleAction::Hide => "hide",
            RuleAction::Bookmark => "bookmark",
            RuleAction::Tag(_) => "tag",
        }
    }

    /// The action from its name and, for `tag`, the tag; the error says what is missing.
    pub fn from_parts(name: &str, tag: Option<&str>) -> Result<RuleAction, String> {
        let tag = tag.map(str::trim).filter(|tag| !tag.is_empty());
        match (name, tag) {
            ("tag", Some(tag)) => Tag::new(tag)
                .map(RuleAction::Tag)
                .ok_or_else(|| "a rule's tag must have a letter".to_string()),
            ("tag", None) => Err("action \"tag\" needs tag = \"…\": the tag to give".to_string()),
            ("read" | "hide" | "bookmark", Some(_)) => Err(format!(
                "tag = … goes only with action = \"tag\", not \"{name}\""
            )),
            ("read", None) => Ok(RuleAction::Read),
            ("hide", None) => Ok(RuleAction::Hide),
            ("bookmark", None) => Ok(RuleAction::Bookmark),
            _ => Err(format!(
                "unknown action \"{name}\": it must be \"read\", \"hide\", \"bookmark\" or \"tag\""
            )),
        }
    }
}

impl fmt::Display for RuleAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleAction::Tag(tag) => write!(f, "tag \"{tag}\""),
            other => f.write_str(other.name()),
        }
    }
}

/// A query and what is done to the articles it matches as they first arrive.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub query: Query,
    pub action: RuleAction,
    pub origin: Origin,
}

/// Where a saved query or a rule comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The config file; it is changed there.
    Config,
    /// Kept in the store (by `queries add`, or an import), with the store's number for a
    /// rule and what brought it (`"added"`, `"newsboat"`, `"newsraft"`).
    Store { number: i64, by: String },
}

impl Origin {
    pub fn describe(&self) -> String {
        match self {
            Origin::Config => "config".to_string(),
            Origin::Store { by, .. } => by.clone(),
        }
    }
}
