//! The commands on saved queries: `queries [--json]`, `queries add NAME QUERY`,
//! `queries remove NAME`; and a saved query's name where a query is expected.

use anyhow::bail;
use chrono::Utc;
use serde::Serialize;

use super::Sources;
use super::articles::{narrow, say_none};
use super::context::{Context, read_library};
use super::output::{emit, hint, print_json};
use crate::model::library::Origin as EntryOrigin;
use crate::query::{self, SavedQuery};
use crate::sanitize::clean_line;
use crate::store::Store;

/// The saved queries: the config's, then the store's.
pub fn saved(context: &Context, store: &Store) -> anyhow::Result<Vec<SavedQuery>> {
    let mut all: Vec<SavedQuery> = context.config.queries.iter().map(|q| q.saved()).collect();
    all.extend(store.saved_queries()?);
    Ok(all)
}

/// A query as a person gave it: a saved query's exact name means that query; anything else
/// is query text.
pub fn resolve(context: &Context, given: &str) -> anyhow::Result<String> {
    let store = context.open_store()?;
    Ok(saved(context, &store)?
        .into_iter()
        .find(|saved| saved.name == given.trim())
        .map_or_else(|| given.to_string(), |saved| saved.query.to_string()))
}

#[derive(Serialize)]
struct QueryJson {
    name: String,
    query: String,
    unread: usize,
    total: usize,
    /// "config", "added", "newsboat" or "newsraft".
    origin: String,
}

pub fn list(context: &Context, json: bool) -> anyhow::Result<()> {
    let (library, store) = read_library(context, &Sources::default())?;
    let Some(store) = store else {
        bail!("saved queries need the store");
    };
    let mut rows = Vec::new();
    for saved in saved(context, &store)? {
        let mut shown: Vec<usize> = library
            .order()
            .iter()
            .copied()
            .filter(|&i| library.entry(i).origin == EntryOrigin::Source)
            .collect();
        narrow(&library, Some(&store), &saved.query, &mut shown)?;
        rows.push(QueryJson {
            unread: shown
                .iter()
                .filter(|&&i| !library.entry(i).is_read())
                .count(),
            total: shown.len(),
            query: saved.query.to_string(),
            origin: saved.origin.describe(),
            name: saved.name,
        });
    }
    if json {
        return print_json(&rows);
    }
    if rows.is_empty() {
        say_none("no saved queries: tidings queries add NAME QUERY, or [[queries]] in the config");
        return Ok(());
    }
    emit(rows.iter().map(|row| {
        clean_line(&format!(
            "{}: {} ({} unread of {}) [{}]",
            row.name, row.query, row.unread, row.total, row.origin
        ))
    }))
}

pub fn add(context: &Context, name: &str, text: &str) -> anyhow::Result<()> {
    let name = name.trim();
    if name.is_empty() {
        bail!("a saved query needs a name");
    }
    let parsed = query::parse(text)?;
    let store = context.open_store()?;
    if let Some(taken) = saved(context, &store)?
        .iter()
        .find(|saved| saved.name.eq_ignore_ascii_case(name))
    {
        bail!(
            "a query named \"{}\" is saved already ({}): remove it first",
            clean_line(&taken.name),
            taken.origin.describe()
        );
    }
    store.add_saved_query(name, &parsed, "added", Utc::now())?;
    emit([clean_line(&format!("saved \"{name}\": {parsed}"))])
}

pub fn remove(context: &Context, name: &str) -> anyhow::Result<()> {
    let store = context.open_store()?;
    if context
        .config
        .queries
        .iter()
        .any(|q| q.name.trim().eq_ignore_ascii_case(name.trim()))
    {
        bail!(
            "\"{}\" is in the config file: remove its [[queries]] table there",
            clean_line(name.trim())
        );
    }
    if !store.remove_saved_query(name.trim())? {
        let all = saved(context, &store)?;
        bail!(
            "no saved query is named \"{}\" ({})",
            clean_line(name.trim()),
            hint(name, all.iter().map(|s| s.name.as_str()), "tidings queries")
        );
    }
    emit([clean_line(&format!(
        "removed the query \"{}\"",
        name.trim()
    ))])
}
