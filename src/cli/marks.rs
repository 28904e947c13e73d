//! The commands on read marks: `unread`, `mark-read`, `mark-unread`.

use chrono::Utc;
use serde::Serialize;

use super::Sources;
use super::articles::{Query, matching, query_filter};
use super::context::{Context, library};
use super::output::{emit, print_json};
use crate::model::counted;
use crate::model::library::Library;
use crate::store::Store;

#[derive(Serialize)]
struct UnreadJson<'a> {
    /// Unread articles in all.
    total: usize,
    feeds: Vec<FeedUnreadJson<'a>>,
}

#[derive(Serialize)]
struct FeedUnreadJson<'a> {
    name: &'a str,
    /// `None` for local articles and the samples.
    url: Option<&'a str>,
    unread: usize,
    total: usize,
}

/// `unread`: "12 unread" on one line, the number first, for status bars.
pub fn unread(context: &Context, json: bool) -> anyhow::Result<()> {
    let (library, _) = super::context::read_library(context, &Sources::default())?;
    let total = library.unread_count();
    if !json {
        return emit([format!("{total} unread")]);
    }
    let feeds = library
        .sources_by_name()
        .into_iter()
        .map(|id| {
            let source = &library.sources()[id];
            FeedUnreadJson {
                name: &source.name,
                url: source.key.feed_url(),
                unread: source.members.unread,
                total: source.members.total,
            }
        })
        .collect();
    print_json(&UnreadJson { total, feeds })
}

/// The library of the configured sources with the store's marks, for a change to them.
fn library_and_store(context: &Context) -> anyhow::Result<(Library, Store)> {
    let store = context.open_store()?;
    let run = context.sources(&Sources::default(), Some(&store))?;
    let (library, problems) = library(run, &context.config, Some(&store), None);
    for problem in &problems {
        super::output::warn(problem);
    }
    Ok((library, store))
}

/// `mark-read ID...` and `mark-unread ID...`: every id is looked up before anything is
/// marked, so an unknown one marks nothing.
pub fn mark(context: &Context, ids: &[String], read: bool) -> anyhow::Result<()> {
    let (library, store) = library_and_store(context)?;
    let mut found = Vec::with_capacity(ids.len());
    // The same article named twice (by its id and by a prefix, say) is one article.
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        let index = library.find(id)?;
        if seen.insert(index) {
            found.push(library.entry(index).article.id.clone());
        }
    }
    store.set_read(&found, read, Utc::now())?;
    let what = if read { "read" } else { "unread" };
    emit([format!("marked {} {what}", counted(found.len(), "article"))])
}

/// `mark-read --all`: what `list` shows with the same options. With sync on, a list the
/// server knows as a whole (everything, one feed, one tag) is also queued as one
/// mark-all-read up to the newest of its articles.
pub fn mark_all_read(context: &Context, query: &Query) -> anyhow::Result<()> {
    let (library, store) = library_and_store(context)?;
    let ids: Vec<_> = matching(&library, Some(&store), query)?
        .into_iter()
        .map(|i| library.entry(i))
        .filter(|entry| !entry.is_read())
        .map(|entry| entry.article.id.clone())
        .collect();
    // A query narrows a list in ways the server cannot name: its articles are marked one by one.
    let scope = match &context.config.sync {
        Some(_) if query.query.is_none() => {
            crate::sync::read_scope(&query_filter(&library, query)?, &library)
        }
        _ => None,
    };
    match scope {
        Some(scope) => store.mark_all_read(&ids, &scope, Utc::now())?,
        None => store.set_read(&ids, true, Utc::now())?,
    };
    emit([format!("marked {} read", counted(ids.len(), "article"))])
}
