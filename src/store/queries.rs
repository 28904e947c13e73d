//! Queries kept under a name, rules, and hidden articles, as the store keeps them (the
//! config's own queries and rules are read from the config).

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::columns::{TAG_SEPARATOR, stored_time};
use super::{Store, StoreError};
use crate::model::{ArticleId, Tag, TagKey};
use crate::query::{self, Origin, Rule, RuleAction, SavedQuery};

impl Store {
    /// The queries kept here, by name.
    pub fn saved_queries(&self) -> Result<Vec<SavedQuery>, StoreError> {
        let rows = self.query_all(
            "SELECT name, query, origin FROM saved_queries ORDER BY name COLLATE NOCASE",
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get(2)?,
                ))
            },
        )?;
        rows.into_iter()
            .map(|(name, text, by)| {
                let query = self.readable(&text, &format!("the saved query \"{name}\""))?;
                Ok(SavedQuery {
                    name,
                    query,
                    origin: Origin::Store { number: 0, by },
                })
            })
            .collect()
    }

    /// Keeps a query under `name`; false, leaving the one there, if the name is taken.
    pub fn add_saved_query(
        &self,
        name: &str,
        query: &query::Query,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        self.change(|conn| add_saved_query(conn, name, query, by, at))
    }

    /// Forgets the query kept under `name` (without regard to case); false if none is.
    pub fn remove_saved_query(&self, name: &str) -> Result<bool, StoreError> {
        self.change(|conn| {
            conn.execute(
                "DELETE FROM saved_queries WHERE name = ?1 COLLATE NOCASE",
                [name],
            )
        })
        .map(|removed| removed > 0)
    }

    /// The rules kept here, in the order they were added (the config's own aside).
    pub fn rules(&self) -> Result<Vec<Rule>, StoreError> {
        let rows = self.query_all(
            "SELECT number, query, action, tag, origin FROM rules WHERE origin <> 'config'
             ORDER BY number",
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, Option<String>>(3)?,
                    row.get::<_, String>(4)?,
                ))
            },
        )?;
        rows.into_iter()
            .map(|(number, text, action, tag, by)| {
                let query = self.readable(&text, &format!("rule {number}"))?;
                let action = RuleAction::from_parts(&action, tag.as_deref()).map_err(|detail| {
                    StoreError::Database {
                        path: self.path.clone(),
                        detail: format!("rule {number}: {detail}"),
                    }
                })?;
                Ok(Rule {
                    query,
                    action,
                    origin: Origin::Store { number, by },
                })
            })
            .collect()
    }

    /// Keeps a rule; false if the same rule is kept already.
    pub fn add_rule(
        &self,
        query: &query::Query,
        action: &RuleAction,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        self.change(|conn| add_rule(conn, query, action, by, at))
    }

    /// Forgets rule `number`; false if there is none.
    pub fn remove_rule(&self, number: i64) -> Result<bool, StoreError> {
        self.change(|conn| conn.execute("DELETE FROM rules WHERE number = ?1", [number]))
            .map(|removed| removed > 0)
    }

    /// The articles a rule or an import hid.
    pub fn hidden_ids(&self) -> Result<HashSet<ArticleId>, StoreError> {
        self.ids_in("SELECT article_id FROM hidden_articles")
    }

    /// Hides articles: listed nowhere and counted nowhere but by `list --hidden` and
    /// `is:hidden`. Returns how many were not hidden before.
    pub fn hide(&self, ids: &[ArticleId], at: DateTime<Utc>) -> Result<usize, StoreError> {
        self.change(|conn| hide(conn, ids, at))
    }

    /// Gives a tag to cached articles that do not have it (without regard to case); returns
    /// how many got it. The row's hash stays: the feed sending the article again unchanged
    /// leaves the tag, and a changed one gets it again from the rule.
    pub fn add_tag(&self, ids: &[ArticleId], tag: &Tag) -> Result<usize, StoreError> {
        let key = TagKey::of(tag.as_str());
        self.change(|conn| {
            let mut read = conn.prepare_cached("SELECT tags FROM feed_articles WHERE id = ?1")?;
            let mut write =
                conn.prepare_cached("UPDATE feed_articles SET tags = ?2 WHERE id = ?1")?;
            let mut tagged = 0;
            for id in ids {
                let Some(tags) = read
                    .query_row([id.as_str()], |row| row.get::<_, String>(0))
                    .optional()?
                else {
                    continue;
                };
                if tags.split(TAG_SEPARATOR).any(|t| TagKey::of(t) == key) {
                    continue;
                }
                let joined = if tags.is_empty() {
                    tag.as_str().to_string()
                } else {
                    format!("{tags}{TAG_SEPARATOR}{tag}")
                };
                tagged += write.execute(params![id.as_str(), joined])?;
            }
            Ok(tagged)
        })
    }

    fn readable(&self, text: &str, what: &str) -> Result<query::Query, StoreError> {
        query::parse(text).map_err(|error| StoreError::Database {
            path: self.path.clone(),
            detail: format!("{what} cannot be read ({error}): remove it and add it again"),
        })
    }
}

pub(super) fn add_saved_query(
    conn: &Connection,
    name: &str,
    query: &query::Query,
    by: &str,
    at: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    let taken: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM saved_queries WHERE name = ?1 COLLATE NOCASE",
            [name],
            |row| row.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Ok(false);
    }
    conn.execute(
        "INSERT INTO saved_queries (name, query, origin, added_at) VALUES (?1, ?2, ?3, ?4)",
        params![name, query.to_string(), by, stored_time(at)],
    )?;
    Ok(true)
}

pub(super) fn add_rule(
    conn: &Connection,
    query: &query::Query,
    action: &RuleAction,
    by: &str,
    at: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    let tag = match action {
        RuleAction::Tag(tag) => Some(tag.as_str()),
        _ => None,
    };
    conn.execute(
        "INSERT INTO rules (query, action, tag, origin, added_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT DO NOTHING",
        params![query.to_string(), action.name(), tag, by, stored_time(at)],
    )
    .map(|added| added > 0)
}

fn hide(conn: &Connection, ids: &[ArticleId], at: DateTime<Utc>) -> rusqlite::Result<usize> {
    let at = stored_time(at);
    let mut hidden = 0;
    for id in ids {
        hidden += hide_one(conn, id.as_str(), &at)?;
    }
    Ok(hidden)
}

/// Hides one article; 1 if it was not hidden before, else 0.
pub(super) fn hide_one(conn: &Connection, id: &str, at: &str) -> rusqlite::Result<usize> {
    conn.prepare_cached(
        "INSERT INTO hidden_articles (article_id, hidden_at) VALUES (?1, ?2)
         ON CONFLICT DO NOTHING",
    )?
    .execute(params![id, at])
}
