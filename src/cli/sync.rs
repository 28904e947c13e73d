//! `tidings sync [--json] [--status]`, and the feed commands' side of sync: subscribing and
//! unsubscribing on the server while `[sync]` is set.

use std::io::IsTerminal;

use anyhow::bail;
use chrono::{DateTime, Local, Utc};
use serde::Serialize;

use super::context::Context;
use super::output::{emit, print_json, warn};
use crate::model::Subscription;
use crate::net;
use crate::store::Store;
use crate::sync::{self, Retention, Summary, SyncConfig, subscriptions};

#[derive(Serialize)]
struct SyncJson<'a> {
    server: &'a str,
    #[serde(flatten)]
    summary: Summary,
}

#[derive(Serialize)]
struct StatusJson<'a> {
    server: &'a str,
    username: &'a str,
    last_attempt: Option<String>,
    last_success: Option<String>,
    last_error: Option<String>,
    queued: usize,
}

/// The `[sync]` section, or an error that says how to set it up.
fn configured(context: &Context) -> anyhow::Result<&SyncConfig> {
    match &context.config.sync {
        Some(sync) => Ok(sync),
        None => bail!(
            "sync is not set up: add a [sync] section with the server's url, username and \
             password_file to the config (see config.example.toml)"
        ),
    }
}

/// Sends the queue and takes the server's side. A failure is one error line, with the queue
/// intact.
pub fn run(context: &Context, json: bool) -> anyhow::Result<()> {
    let config = configured(context)?;
    let store = context.open_store()?;
    let mut client = sync::connect(&context.config)?;
    let on_terminal = std::io::stderr().is_terminal();
    let result = sync::sync(
        &mut client,
        &store,
        Retention::from_config(&context.config),
        |progress| {
            if on_terminal {
                eprint!("\r\x1b[K{}", progress.describe());
            }
        },
    );
    if on_terminal {
        eprint!("\r\x1b[K");
    }
    let outcome = match result {
        Ok(outcome) => outcome,
        Err(error) => {
            let waiting = match store.queue_len()? {
                0 => String::new(),
                1 => "; 1 change waits for the next sync".to_string(),
                n => format!("; {n} changes wait for the next sync"),
            };
            bail!("cannot sync: {error}{waiting}");
        }
    };
    if json {
        return print_json(&SyncJson {
            server: &config.url,
            summary: outcome.summary,
        });
    }
    emit([format!(
        "synced with {}: {} ({} on the server)",
        config.host(),
        outcome.summary.describe(),
        crate::model::counted(outcome.summary.feeds, "feed")
    )])
}

/// The server, the last sync and what waits to be sent; no network.
pub fn status(context: &Context, json: bool) -> anyhow::Result<()> {
    let config = configured(context)?;
    let store = context.open_store()?;
    let status = store.sync_status(&config.url)?.unwrap_or_default();
    let queued = store.queue_len()?;
    let time = |t: Option<DateTime<Utc>>| t.map(|t| t.to_rfc3339());
    if json {
        return print_json(&StatusJson {
            server: &config.url,
            username: &config.username,
            last_attempt: time(status.last_attempt),
            last_success: time(status.last_success),
            last_error: status.last_error,
            queued,
        });
    }
    let local = |t: DateTime<Utc>| t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string();
    let mut lines = vec![format!("server: {} ({})", config.url, config.username)];
    lines.push(match (status.last_success, status.last_attempt) {
        (None, None) => "last sync: never".to_string(),
        (Some(success), _) => format!("last sync: {}", local(success)),
        (None, Some(_)) => "last sync: never succeeded".to_string(),
    });
    if let (Some(error), Some(attempt)) = (&status.last_error, status.last_attempt) {
        lines.push(format!("last attempt: {} failed: {error}", local(attempt)));
    }
    lines.push(format!(
        "queued changes: {queued}{}",
        if queued > 0 && status.last_error.is_some() {
            " (offline)"
        } else {
            ""
        }
    ));
    emit(lines.into_iter().map(|l| crate::sanitize::clean_line(&l)))
}

/// `feeds add` while sync is on: a web address is subscribed on the server; a feed file
/// cannot be, so `None` hands it back to be kept here.
pub fn add(context: &Context, feed: &Subscription) -> anyhow::Result<Option<()>> {
    let Some(config) = &context.config.sync else {
        return Ok(None);
    };
    if !net::is_web(&feed.url) {
        warn(&format!(
            "{} is not a web address, so it is kept here rather than on {}",
            feed.url,
            config.host()
        ));
        return Ok(None);
    }
    let mut client = sync::connect(&context.config)?;
    if feed.tags.len() > 1 {
        warn(&format!(
            "{} keeps one folder a feed: {} is used",
            config.host(),
            feed.tags[0]
        ));
    }
    let stream = subscriptions::subscribe(
        &mut client,
        &feed.url,
        feed.name.as_deref(),
        feed.tags.first().map(String::as_str),
    )?;
    emit([format!(
        "subscribed to {} on {} ({stream}); `tidings sync` or r in the reader brings its articles",
        feed.url,
        config.host()
    )])?;
    Ok(Some(()))
}

/// `feeds remove` of a feed the server holds: unsubscribed there and forgotten here.
pub fn remove(context: &Context, store: &Store, feed: &str) -> anyhow::Result<Option<()>> {
    let Some(config) = &context.config.sync else {
        return Ok(None);
    };
    let feeds = store.server_feeds()?;
    let Some(found) = feeds
        .iter()
        .find(|f| f.url == feed || f.stream == feed || f.title.eq_ignore_ascii_case(feed))
    else {
        return Ok(None);
    };
    let mut client = sync::connect(&context.config)?;
    subscriptions::unsubscribe(&mut client, &found.stream)?;
    let rest: Vec<_> = feeds
        .iter()
        .filter(|f| f.stream != found.stream)
        .cloned()
        .collect();
    store.set_server_feeds(&rest)?;
    emit([format!(
        "unsubscribed from {} on {}; its cached articles are gone, bookmarks stay",
        found.url,
        config.host()
    )])?;
    Ok(Some(()))
}

/// `import-opml` while sync is on: each web feed not already on the server is subscribed
/// there, in its first folder. Returns the feeds that stay here (feed files).
pub fn import(
    context: &Context,
    store: &Store,
    feeds: Vec<Subscription>,
    file: &std::path::Path,
) -> anyhow::Result<Vec<Subscription>> {
    let Some(config) = &context.config.sync else {
        return Ok(feeds);
    };
    let (web, here): (Vec<_>, Vec<_>) = feeds.into_iter().partition(|f| net::is_web(&f.url));
    let on_server = store.server_feeds()?;
    let mut client = sync::connect(&context.config)?;
    let (mut added, mut known) = (0, 0);
    let mut failures = Vec::new();
    for feed in &web {
        if on_server.iter().any(|f| f.url == feed.url) {
            known += 1;
            continue;
        }
        let folder = feed.tags.first().map(String::as_str);
        match subscriptions::subscribe_in_folder(
            &mut client,
            &feed.url,
            feed.name.as_deref(),
            folder,
        ) {
            Ok(()) => added += 1,
            Err(error) => failures.push(format!("{}: {error}", feed.url)),
        }
    }
    if added == 0
        && let Some(first) = failures.first()
    {
        bail!("cannot subscribe on {}: {first}", config.host());
    }
    for failure in &failures {
        warn(failure);
    }
    let failed_words = if failures.is_empty() {
        String::new()
    } else {
        format!(", {} failed", failures.len())
    };
    emit([format!(
        "imported {} from {} on {} ({known} {} already there{failed_words}); \
         `tidings sync` brings their articles",
        crate::model::counted(added, "feed"),
        file.display(),
        config.host(),
        if known == 1 { "was" } else { "were" }
    )])?;
    Ok(here)
}
