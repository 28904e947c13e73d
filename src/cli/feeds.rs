//! The commands on feeds: `refresh`, `feeds list|remove`, `import-opml`, `export-opml`
//! (`feeds add` is `add.rs`).

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::bail;
use chrono::{Local, Utc};
use serde::Serialize;

use super::context::Context;
use super::output::{emit, hint, print_json};
use super::sync;
use crate::full_text;
use crate::model::{Subscription, counted};
use crate::net;
use crate::refresh::{self, FeedResult, Options};
use crate::sanitize::clean_line;
use crate::source::opml;

pub fn refresh(context: &Context, force: bool) -> anyhow::Result<()> {
    let store = context.open_store()?;
    let all = refresh::subscriptions(&context.config, Some(&store))?;
    let held = all.len();
    let feeds = refresh::fetched_here(&context.config, Some(&store), all)?;
    if feeds.is_empty() && held > 0 {
        return emit([
            "every feed comes from the sync server: `tidings sync` brings their articles"
                .to_string(),
        ]);
    }
    if feeds.is_empty() {
        return emit(["no feeds are subscribed: add one with `tidings feeds add URL`".to_string()]);
    }
    let total = feeds.len();
    let on_terminal = std::io::stderr().is_terminal();
    let mut lines = Vec::new();
    let options = Options {
        report_articles: false,
        ..Options::from_config(&context.config, force)
    };
    let summary = refresh::refresh(&feeds, Some(&store), &options, |done, report| {
        let name = clean_line(&report.name);
        let outcome = describe(&report.result);
        let mut err = std::io::stderr().lock();
        let _ = if on_terminal {
            let filled = done * 24 / total;
            let bar = format!("{}{}", "█".repeat(filled), "░".repeat(24 - filled));
            let name: String = name.chars().take(40).collect();
            write!(err, "\r\x1b[K{bar} {done}/{total} {name}")
        } else {
            writeln!(err, "[{done}/{total}] {name}: {outcome}")
        };
        let mark = match report.result {
            FeedResult::Failed(_) => "✗",
            FeedResult::Skipped(_) => "–",
            _ => "✓",
        };
        lines.push(format!("{mark} {name}: {outcome}"));
    });
    if on_terminal {
        eprint!("\r\x1b[K");
    }
    lines.push(summary.describe());
    let settings = context.config.fetch.settings();
    let texts = full_text::read_pending(&store, &feeds, &settings, |job, result| {
        if let Err(error) = result {
            eprintln!(
                "full text of {}: {}",
                clean_line(&job.url),
                clean_line(error)
            );
        }
    });
    if texts.read + texts.failed > 0 {
        lines.push(texts.describe());
    }
    emit(lines)?;
    if summary.failed_wholly() {
        bail!("no feed could be refreshed: {}", summary.describe());
    }
    Ok(())
}

fn describe(result: &FeedResult) -> String {
    match result {
        FeedResult::Updated { new, updated } => format!("{new} new, {updated} updated"),
        FeedResult::NotModified => "unchanged".to_string(),
        FeedResult::Skipped(reason) => format!("skipped: {}", clean_line(reason)),
        FeedResult::Failed(error) => clean_line(error),
    }
}

#[derive(Serialize)]
struct FeedJson {
    url: String,
    name: Option<String>,
    title: Option<String>,
    tags: Vec<String>,
    /// The full text of its new articles is fetched after each refresh.
    full_text: bool,
    /// "config", "added" or "server" (held by the sync server).
    origin: &'static str,
    articles: usize,
    unread: usize,
    /// Minutes between refreshes in the reader, when the feed names its own.
    every: Option<u32>,
    last_refresh: Option<String>,
    last_attempt: Option<String>,
    last_error: Option<String>,
    retry_after: Option<String>,
}

pub fn list(context: &Context, json: bool) -> anyhow::Result<()> {
    let store = context.open_store()?;
    let states = store.feed_states()?;
    let counts = store.feed_counts()?;
    let all = refresh::subscriptions(&context.config, Some(&store))?;
    let here: Vec<String> = refresh::fetched_here(&context.config, Some(&store), all.clone())?
        .into_iter()
        .map(|f| f.url)
        .collect();
    let feeds: Vec<FeedJson> = all
        .into_iter()
        .map(|feed| {
            let state = states.get(&feed.url);
            let time = |t: Option<chrono::DateTime<Utc>>| t.map(|t| t.to_rfc3339());
            FeedJson {
                origin: if !here.contains(&feed.url) {
                    "server"
                } else if context.config.feeds.iter().any(|f| f.url == feed.url) {
                    "config"
                } else {
                    "added"
                },
                articles: counts.get(&feed.url).map_or(0, |c| c.total),
                unread: counts.get(&feed.url).map_or(0, |c| c.unread),
                title: state.and_then(|s| s.title.clone()),
                last_refresh: time(state.and_then(|s| s.last_success)),
                last_attempt: time(state.and_then(|s| s.last_attempt)),
                last_error: state.and_then(|s| s.last_error.clone()),
                retry_after: time(state.and_then(|s| s.retry_after)),
                every: feed.every,
                url: feed.url,
                name: feed.name,
                tags: feed.tags,
                full_text: feed.full_text,
            }
        })
        .collect();
    if json {
        return print_json(&feeds);
    }
    let mut lines = Vec::new();
    for feed in &feeds {
        // A feed never named nor fetched is known by its address alone: written once. Each
        // part is cleaned on its own, so that the two spaces between them stay two.
        let name = match feed.name.as_ref().or(feed.title.as_ref()) {
            Some(name) => format!("{}  {}", clean_line(name), clean_line(&feed.url)),
            None => clean_line(&feed.url),
        };
        let refreshed = match &feed.last_refresh {
            Some(time) => match chrono::DateTime::parse_from_rfc3339(time) {
                Ok(t) => format!(
                    "refreshed {}",
                    t.with_timezone(&Local).format("%Y-%m-%d %H:%M")
                ),
                Err(_) => "refreshed".to_string(),
            },
            None => "never refreshed".to_string(),
        };
        let every = match feed.every {
            Some(0) => " · refreshed only when asked".to_string(),
            Some(minutes) => format!(" · every {minutes} min"),
            None => String::new(),
        };
        let full_text = if feed.full_text { " · full text" } else { "" };
        lines.push(format!(
            "{name}  [{}]  {refreshed} · {} unread of {}{every}{full_text}",
            feed.origin,
            feed.unread,
            counted(feed.articles, "article")
        ));
        if let Some(error) = &feed.last_error {
            lines.push(format!("    last error: {}", clean_line(error)));
        }
    }
    if lines.is_empty() {
        lines.push("no feeds are subscribed: add one with `tidings feeds add URL`".to_string());
    }
    emit(lines)
}

pub fn remove(context: &Context, feed: &str) -> anyhow::Result<()> {
    let store = context.open_store()?;
    if sync::remove(context, &store, feed)?.is_some() {
        return Ok(());
    }
    let named = |s: &Subscription| {
        s.url == feed
            || s.name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(feed))
    };
    let subscriptions = store.subscriptions()?;
    if let Some(found) = subscriptions.iter().find(|s| named(s)) {
        store.remove_subscription(&found.url)?;
        return emit([format!(
            "unsubscribed from {}; its cached articles are gone, bookmarks stay",
            found.url
        )]);
    }
    let in_config = context.config.feeds.iter().any(|f| {
        f.url == feed
            || f.name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(feed))
    });
    if in_config {
        bail!("{feed} is listed in the config file; remove its [[feeds]] entry there");
    }
    let names = subscriptions
        .iter()
        .filter_map(|s| s.name.as_deref())
        .chain(
            context
                .config
                .feeds
                .iter()
                .filter_map(|f| f.name.as_deref()),
        );
    bail!(
        "no subscribed feed has the address or name \"{feed}\" ({})",
        hint(feed, names, "tidings feeds list")
    );
}

pub fn import_opml(context: &Context, file: &Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| anyhow::anyhow!("{}: {}", file.display(), net::io_words(&e)))?;
    let outlined =
        opml::parse_outlined(&text).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let folders: HashMap<String, Vec<String>> = outlined
        .iter()
        .map(|o| (o.feed.url.clone(), o.folders.clone()))
        .collect();
    let feeds: Vec<Subscription> = outlined.into_iter().map(|o| o.feed).collect();
    let store = context.open_store()?;
    let feeds = if context.config.sync.is_some() {
        let here = sync::import(context, &store, feeds, file)?;
        if here.is_empty() {
            return Ok(());
        }
        here
    } else {
        feeds
    };
    let now = Utc::now();
    let mut added = 0;
    for feed in &feeds {
        let in_config = context.config.feeds.iter().any(|f| f.url == feed.url);
        let in_folders = folders.get(&feed.url).map_or(&[][..], Vec::as_slice);
        if !in_config && store.add_subscription_in(feed, in_folders, now)? {
            added += 1;
        }
    }
    let known = feeds.len() - added;
    emit([format!(
        "imported {} from {} ({known} {} already subscribed)",
        counted(added, "feed"),
        file.display(),
        if known == 1 { "was" } else { "were" }
    )])
}

/// Every subscription as OPML, each under the name the reader shows for it (its own title
/// when it was given none), nested in the folders an import found it in.
pub fn export_opml(context: &Context) -> anyhow::Result<()> {
    let store = context.open_store()?;
    let feeds = refresh::subscriptions(&context.config, Some(&store))?;
    let states = store.feed_states()?;
    let folders = store.subscription_folders()?;
    // Folders are kept for feeds an import added; a config feed at the same address is not one.
    let imported = |url: &str| !context.config.feeds.iter().any(|f| f.url == url);
    let exports: Vec<opml::Export> = feeds
        .iter()
        .map(|feed| opml::Export {
            feed,
            name: refresh::given_name(feed, &states.get(&feed.url).cloned().unwrap_or_default()),
            folders: folders
                .get(&feed.url)
                .filter(|_| imported(&feed.url))
                .map_or(&[][..], Vec::as_slice),
        })
        .collect();
    let document = opml::write(&exports, &Utc::now().to_rfc2822());
    // `emit` ends the last line itself: no blank line after the document.
    emit([document.trim_end().to_string()])
}
