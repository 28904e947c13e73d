//! The discovery worker: `+` in the reader. It reads an address as `tidings feeds add` does
//! ([`crate::discovery`]): a feed, or the feeds a page names, or one where sites usually keep
//! theirs, and subscribes to what was found (or chosen among several), each on a thread of
//! its own so that a slow site holds up nothing else.

use std::path::PathBuf;
use std::thread;

use chrono::Utc;

use super::{Reply, Worker};
use crate::discovery::{self, Found};
use crate::isolate::{Part, isolated};
use crate::model::Subscription;
use crate::net::FetchSettings;
use crate::source::discover::Named;
use crate::store::{FeedState, Store};

/// What the app asks of the discovery worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiscoveryRequest {
    /// Read this address typed after `+`.
    Look(String),
    /// Subscribe to this feed, chosen among those a page names.
    Take(String),
}

/// What came of it.
#[derive(Debug, Clone, PartialEq)]
pub enum DiscoveryReport {
    /// Subscribed, with the words that say to what.
    Subscribed {
        subscription: Subscription,
        said: String,
    },
    /// The page names several feeds, in its order: one is to be chosen.
    Choices { page: String, found: Vec<Named> },
    /// Nothing subscribed, and why, in one line.
    Failed(String),
}

pub struct DiscoveryWorker {
    fetch: FetchSettings,
    /// Where the store is; `None` when it cannot be written.
    data_dir: Option<PathBuf>,
    /// The feeds of the config, which the config holds and the store may not.
    in_config: Vec<String>,
    reply: Reply<DiscoveryReport>,
}

impl DiscoveryWorker {
    pub fn new(
        fetch: FetchSettings,
        data_dir: Option<PathBuf>,
        in_config: Vec<String>,
        reply: Reply<DiscoveryReport>,
    ) -> Self {
        Self {
            fetch,
            data_dir,
            in_config,
            reply,
        }
    }
}

impl Worker for DiscoveryWorker {
    type Request = DiscoveryRequest;
    type Report = DiscoveryReport;

    fn handle(&mut self, request: DiscoveryRequest) {
        let (fetch, data_dir, reply) = (
            self.fetch.clone(),
            self.data_dir.clone(),
            self.reply.clone(),
        );
        let in_config = self.in_config.clone();
        thread::spawn(move || {
            let subject = match &request {
                DiscoveryRequest::Look(url) | DiscoveryRequest::Take(url) => url.clone(),
            };
            let report = isolated(Part::Page, &subject, || {
                answer(&fetch, data_dir, &in_config, request)
            })
            .unwrap_or_else(|panicked| DiscoveryReport::Failed(format!("{subject}: {panicked}")));
            reply.send(report);
        });
    }
}

fn answer(
    fetch: &FetchSettings,
    data_dir: Option<PathBuf>,
    in_config: &[String],
    request: DiscoveryRequest,
) -> DiscoveryReport {
    let found = match request {
        DiscoveryRequest::Take(url) => discovery::read_feed(fetch, &url).map(|feed| (feed, "")),
        DiscoveryRequest::Look(url) => match discovery::discover(fetch, url.trim()) {
            Ok(Found::Feed(feed)) => Ok((feed, "")),
            Ok(Found::UsualPlace(feed)) => Ok((feed, ", where sites usually keep a feed")),
            Ok(Found::Named(named)) if named.len() == 1 => {
                discovery::read_feed(fetch, &named[0].url)
                    .map(|feed| (feed, ", from the page's feed links"))
            }
            Ok(Found::Named(found)) => return DiscoveryReport::Choices { page: url, found },
            Err(error) => Err(error),
        },
    };
    let (feed, how) = match found {
        Ok(found) => found,
        Err(error) => return DiscoveryReport::Failed(error),
    };
    if in_config.contains(&feed.url) {
        return DiscoveryReport::Failed(format!("{} is already in the config file", feed.url));
    }
    let Some(store) = data_dir.and_then(|dir| Store::open(&dir).ok()) else {
        return DiscoveryReport::Failed("the store cannot be written: nothing subscribed".into());
    };
    let subscription = Subscription {
        url: feed.url.clone(),
        name: None,
        tags: Vec::new(),
        every: None,
        full_text: false,
    };
    let subscribed = store
        .add_subscription(&subscription, Utc::now())
        .and_then(|added| {
            if added && let Some(title) = &feed.title {
                store.save_feed_state(&FeedState {
                    url: feed.url.clone(),
                    title: Some(title.clone()),
                    ..FeedState::default()
                })?;
            }
            Ok(added)
        });
    match subscribed {
        Ok(true) => DiscoveryReport::Subscribed {
            said: format!("subscribed to {}{how}", feed.describe()),
            subscription,
        },
        Ok(false) => DiscoveryReport::Failed(format!("{} is already subscribed", feed.url)),
        Err(error) => DiscoveryReport::Failed(error.to_string()),
    }
}
