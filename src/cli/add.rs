//! `tidings feeds add`: the address read first, as `+` in the reader reads it
//! ([`crate::discovery`]): a feed subscribed, a page's feeds followed or offered to choose
//! from, or the address taken as given (`--no-check`, files, `[sync]`).

use std::path::Path;

use anyhow::{Context as _, anyhow, bail};
use chrono::Utc;

use super::context::Context;
use super::output::emit;
use super::sync;
use crate::discovery::{self, Found};
use crate::model::{Subscription, counted};
use crate::net;
use crate::sanitize::clean_line;
use crate::source::discover::Named;
use crate::store::FeedState;

/// An address as it is stored: http(s) and file:// as given, a path made absolute.
fn feed_address(url: &str) -> anyhow::Result<String> {
    let url = url.trim();
    if net::is_web(url) || url.starts_with("file://") {
        return Ok(url.to_string());
    }
    let path = Path::new(url);
    if !path.exists() {
        bail!("{url}: not a web address (http:// or https://) nor an existing file");
    }
    let absolute = std::fs::canonicalize(path).with_context(|| format!("{url}: cannot read it"))?;
    Ok(absolute.display().to_string())
}

/// What `feeds add` is asked for besides the address.
pub struct NewFeed {
    pub name: Option<String>,
    pub tags: Vec<String>,
    pub every: Option<u32>,
    pub full_text: bool,
}

/// Whether `feeds add` reads the address first, and which of a page's feeds it takes.
pub enum Look {
    /// Read it: a feed is taken, a page's feeds are found.
    Discover {
        /// Of a page's feeds, the Nth from 1.
        pick: Option<u32>,
        /// Every feed of the page.
        all: bool,
    },
    /// Subscribe to the address as given.
    AsGiven,
}

pub fn add(context: &Context, url: &str, look: Look, feed: NewFeed) -> anyhow::Result<()> {
    let url = feed_address(url)?;
    refuse_known(context, &url)?;
    let (pick, all) = match look {
        Look::Discover { pick, all } if net::is_web(&url) && context.config.sync.is_none() => {
            (pick, all)
        }
        // A file is subscribed as given: its errors show at refresh. A sync server reads
        // the address itself, and finds a site's feed as it does.
        _ => return subscribe(context, &url, &feed, None),
    };
    let settings = context.config.fetch.settings();
    let said = |found: &discovery::Feed, how: &str| {
        format!(
            "subscribed to {} at {}{how}",
            found.describe(),
            clean_line(&found.url)
        )
    };
    match discovery::discover(&settings, &url).map_err(anyhow::Error::msg)? {
        Found::Feed(found) => {
            let said = said(&found, "");
            subscribe(context, &found.url, &feed, Some((&found, said)))
        }
        Found::UsualPlace(found) => {
            let said = said(
                &found,
                ", where sites usually keep a feed (the page names none)",
            );
            subscribe(context, &found.url, &feed, Some((&found, said)))
        }
        Found::Named(named) => {
            let chosen: Vec<&Named> = match (pick, all) {
                (_, true) => named.iter().collect(),
                (None, false) if named.len() == 1 => vec![&named[0]],
                (Some(n), false) => vec![named.get(n as usize - 1).ok_or_else(|| {
                    anyhow!(
                        "--pick {n}: {} names {}",
                        clean_line(&url),
                        counted(named.len(), "feed")
                    )
                })?],
                (None, false) => {
                    emit(choices(&settings, &named))?;
                    bail!(
                        "{} names {}: choose one with --pick N, or take every one with --all",
                        clean_line(&url),
                        counted(named.len(), "feed")
                    );
                }
            };
            let mut failed = 0;
            for one in &chosen {
                let found = match discovery::read_feed(&settings, &one.url) {
                    Ok(found) => found,
                    Err(error) if chosen.len() > 1 => {
                        eprintln!("not subscribed: {error}");
                        failed += 1;
                        continue;
                    }
                    Err(error) => bail!("{error}"),
                };
                let said = said(&found, ", from the page's feed links");
                if let Err(error) = subscribe(context, &found.url, &feed, Some((&found, said))) {
                    eprintln!("not subscribed: {error:#}");
                    failed += 1;
                }
            }
            if failed == chosen.len() {
                bail!(
                    "none of the feeds {} names could be subscribed",
                    clean_line(&url)
                );
            }
            Ok(())
        }
    }
}

/// The feeds a page names, numbered from 1 in its order: each link's title, else the feed's
/// own (read for it), its format and its address.
fn choices(settings: &net::FetchSettings, named: &[Named]) -> Vec<String> {
    named
        .iter()
        .enumerate()
        .map(|(at, one)| {
            let title = match one.title.as_str() {
                "" => discovery::read_feed(settings, &one.url)
                    .ok()
                    .and_then(|feed| feed.title)
                    .map(|title| clean_line(&title))
                    .unwrap_or_else(|| "(no title)".to_string()),
                title => title.to_string(),
            };
            format!(
                "{}. {title} ({}) {}",
                at + 1,
                one.kind.name(),
                clean_line(&one.url)
            )
        })
        .collect()
}

/// Refuses an address already subscribed to, before anything is read.
fn refuse_known(context: &Context, url: &str) -> anyhow::Result<()> {
    if context.config.feeds.iter().any(|f| f.url == url) {
        bail!("{url} is already in the config file");
    }
    let store = context.open_store()?;
    if context.config.sync.is_some() && store.server_feeds()?.iter().any(|f| f.url == url) {
        bail!("{url} is already subscribed on the sync server");
    }
    if store.subscriptions()?.iter().any(|f| f.url == url) {
        bail!("{url} is already subscribed");
    }
    Ok(())
}

/// Subscribes to `url` here, or on the sync server when that holds the feeds; `said` is
/// what was found there, when it was read.
fn subscribe(
    context: &Context,
    url: &str,
    feed: &NewFeed,
    found: Option<(&discovery::Feed, String)>,
) -> anyhow::Result<()> {
    refuse_known(context, url)?;
    let store = context.open_store()?;
    let subscription = Subscription {
        full_text: feed.full_text,
        url: url.to_string(),
        name: feed.name.clone(),
        tags: feed.tags.clone(),
        every: feed.every,
    };
    if sync::add(context, &subscription)?.is_some() {
        return Ok(());
    }
    if !store.add_subscription(&subscription, Utc::now())? {
        bail!("{url} is already subscribed");
    }
    // The title read is known before the first refresh: lists show it, not the address.
    if let Some(title) = found.as_ref().and_then(|(feed, _)| feed.title.clone()) {
        store.save_feed_state(&FeedState {
            url: url.to_string(),
            title: Some(title),
            ..FeedState::default()
        })?;
    }
    let full_text = if feed.full_text {
        ", with the full text of its new articles"
    } else {
        ""
    };
    let said = found.map_or_else(
        || format!("subscribed to {}", clean_line(url)),
        |(_, said)| said,
    );
    emit([format!(
        "{said}{full_text}; `tidings refresh` or r in the reader fetches it"
    )])
}
