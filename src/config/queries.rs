//! `[[queries]]` and `[[rules]]`: queries kept under a name, and rules applied to articles
//! as they first arrive. A query that does not parse is an error at its line, never a rule
//! that silently matches nothing.

use serde::{Deserialize, Deserializer};

use crate::query::{self, Origin, Query, Rule, RuleAction, SavedQuery};

/// A query as the config writes it, read when the config is.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryText(pub Query);

impl<'de> Deserialize<'de> for QueryText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        query::parse(&text)
            .map(QueryText)
            .map_err(|error| serde::de::Error::custom(error.to_string()))
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueryConfig {
    pub name: String,
    pub query: QueryText,
}

impl QueryConfig {
    pub fn saved(&self) -> SavedQuery {
        SavedQuery {
            name: self.name.trim().to_string(),
            query: self.query.0.clone(),
            origin: Origin::Config,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, try_from = "RuleTable")]
pub struct RuleConfig(pub Rule);

/// A `[[rules]]` table as written, before its action and tag are checked together.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleTable {
    query: QueryText,
    action: String,
    tag: Option<String>,
}

impl TryFrom<RuleTable> for RuleConfig {
    type Error = String;

    fn try_from(table: RuleTable) -> Result<Self, String> {
        Ok(RuleConfig(Rule {
            query: table.query.0,
            action: RuleAction::from_parts(table.action.trim(), table.tag.as_deref())?,
            origin: Origin::Config,
        }))
    }
}
