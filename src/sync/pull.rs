//! Taking the server's side: its feeds, the ids it lists (every unread and starred item, and
//! the newest of the rest), the contents of the items not here yet in pages, and its read and
//! starred state, which the store applies where no local change waits.
//!
//! New items are found by comparing id lists rather than by time (`ot`): FreshRSS compares
//! `ot` with when an item arrived and Miniflux with when it was published, so a time would
//! miss late arrivals on one of them. Lists are paged with whatever continuation the server
//! sends (an item id or an offset), and an id seen twice, as an offset page that shifted
//! under new arrivals shows it, counts once.

use std::collections::{HashMap, HashSet};

use chrono::Utc;

use super::client::{Client, SyncError};
use super::greader::{
    self, Contents, FeedInfo, ItemIds, READ, READING_LIST, STARRED, Subscription, SubscriptionList,
    item_number, long_id,
};
use super::push::store_error;
use super::{Progress, Stage};
use crate::isolate::{Part, isolated};
use crate::model::{Article, Body};
use crate::sanitize::clean_line;
use crate::store::{
    FeedState, MovedFeed, Ruled, ServerFeed, ServerItem, ServerState, StateChanges, Store,
};

/// Ids asked for per page (servers may send fewer).
const ID_PAGE: usize = 10_000;
/// The newest items of the reading list kept here, read or not, besides every unread and
/// starred one.
pub const RECENT: usize = 1_000;
/// Items whose contents are asked for at once.
pub const CONTENTS_BATCH: usize = 100;
/// Contents fetched in one sync at most; the rest come with the next.
const MOST_NEW: usize = 20_000;
/// Pages of one id list at most, against a server whose continuations never end.
const MOST_PAGES: usize = 1_000;

/// What the server's side brought.
#[derive(Debug, Default)]
pub struct Pulled {
    pub feeds: Vec<ServerFeed>,
    /// Addresses of feeds the server no longer holds, whose cached articles went.
    pub removed_feeds: Vec<String>,
    /// Feeds moved to other folders, whose cached articles were tagged anew.
    pub moved_feeds: Vec<MovedFeed>,
    /// New articles by feed address, without their bodies (the store has them).
    pub new: Vec<(String, Vec<Article>)>,
    pub new_count: usize,
    pub changes: StateChanges,
}

pub fn pull(
    client: &mut Client,
    store: &Store,
    progress: &mut dyn FnMut(Progress),
) -> Result<Pulled, SyncError> {
    let server = client.server().to_string();
    let listing = |done| Progress {
        stage: Stage::Listing,
        done,
        total: 4,
    };
    progress(listing(0));
    let list: SubscriptionList = client.get_json("subscription/list", &[])?;
    let feeds: Vec<ServerFeed> = list
        .subscriptions
        .iter()
        .filter(|s| s.id.starts_with("feed/"))
        .map(|s| server_feed(&server, s))
        .collect();
    let listed = store.set_server_feeds(&feeds).map_err(store_error)?;
    let now = Utc::now();
    for feed in &feeds {
        let state = feed_state(feed, now);
        store.save_feed_state(&state).map_err(store_error)?;
    }
    progress(listing(1));
    let unread = ids(client, &[("s", READING_LIST), ("xt", READ)], usize::MAX)?;
    progress(listing(2));
    let starred = ids(client, &[("s", STARRED)], usize::MAX)?;
    progress(listing(3));
    let recent = ids(client, &[("s", READING_LIST)], RECENT)?;
    let state = ServerState {
        listed: unread
            .iter()
            .chain(&starred)
            .chain(&recent)
            .copied()
            .collect(),
        unread: unread.into_iter().collect(),
        starred: starred.into_iter().collect(),
    };
    let known = store.known_items(&state.listed).map_err(store_error)?;
    let mut wanted: Vec<i64> = state.listed.difference(&known).copied().collect();
    // Newest first (ids grow with time on every server seen), so a cut keeps the newest.
    wanted.sort_unstable_by(|a, b| b.cmp(a));
    wanted.truncate(MOST_NEW);

    let infos: HashMap<String, FeedInfo> = feeds
        .iter()
        .map(|f| {
            let info = FeedInfo {
                url: f.url.clone(),
                name: if f.title.is_empty() {
                    f.url.clone()
                } else {
                    f.title.clone()
                },
                folders: f.tags.clone(),
            };
            (f.stream.clone(), info)
        })
        .collect();
    let mut pulled = Pulled {
        removed_feeds: listed.removed,
        moved_feeds: listed.moved,
        ..Pulled::default()
    };
    let mut new: HashMap<String, Vec<Article>> = HashMap::new();
    let mut ruled = Ruled::default();
    let total = wanted.len();
    progress(Progress {
        stage: Stage::Fetching,
        done: 0,
        total,
    });
    for (index, batch) in wanted.chunks(CONTENTS_BATCH).enumerate() {
        let ids: Vec<String> = batch.iter().map(|&item| long_id(item)).collect();
        let form: Vec<(&str, &str)> = ids.iter().map(|id| ("i", id.as_str())).collect();
        let answer = client.post("stream/items/contents", &form)?;
        // Miniflux answers 400 when none of the items is there any more.
        if answer.status != 400 {
            client.success("stream/items/contents", &answer)?;
            let contents: Contents = client.json("stream/items/contents", &answer)?;
            let stored = store_items(store, &server, &contents, &infos, &mut new, &mut ruled)?;
            pulled.new_count += stored;
        }
        progress(Progress {
            stage: Stage::Fetching,
            done: (index * CONTENTS_BATCH + batch.len()).min(total),
            total,
        });
    }
    pulled.changes = store
        .apply_server_state(&state, Utc::now())
        .map_err(store_error)?;
    // What the rules did to the new articles is shown as the server's changes are: read,
    // starred. (They are queued for the server, which hears of them at the next sync.)
    pulled.changes.read.extend(ruled.read);
    pulled.changes.starred.extend(ruled.bookmarked);
    pulled.new = new.into_iter().collect();
    pulled.feeds = feeds;
    Ok(pulled)
}

/// Caches a page of items, feed by feed, and records which articles they are; returns how
/// many were new here.
fn store_items(
    store: &Store,
    server: &str,
    contents: &Contents,
    feeds: &HashMap<String, FeedInfo>,
    new: &mut HashMap<String, Vec<Article>>,
    ruled: &mut Ruled,
) -> Result<usize, SyncError> {
    let mut by_feed: HashMap<String, Vec<greader::Converted>> = HashMap::new();
    for item in &contents.items {
        // An item whose text trips the converter (a panic) is left out, as one without a
        // readable id is; the others are kept.
        let converted = isolated(Part::Feed, &item.id, || {
            greader::convert(item, server, feeds)
        });
        if let Ok(Some(converted)) = converted {
            by_feed
                .entry(converted.feed_url.clone())
                .or_default()
                .push(converted);
        }
    }
    let now = Utc::now();
    let mut count = 0;
    for (url, converted) in by_feed {
        let articles: Vec<Article> = converted.iter().map(|c| c.article.clone()).collect();
        let title = feeds
            .values()
            .find(|f| f.url == url)
            .map_or_else(|| articles[0].source.clone(), |f| f.name.clone());
        let state = FeedState {
            url: url.clone(),
            title: Some(title),
            last_attempt: Some(now),
            last_success: Some(now),
            ..FeedState::default()
        };
        let items: Vec<ServerItem> = converted
            .iter()
            .map(|c| ServerItem {
                article: c.article.id.clone(),
                item: c.item,
                stream: c.stream.clone(),
                crawl_usec: c.crawl_usec,
            })
            .collect();
        // The items first, so that what rules do to the articles as they are stored (a read
        // mark, a star) is queued for the server rather than undone by its read state.
        store.record_items(&items).map_err(store_error)?;
        let ingested = store
            .ingest(&url, &articles, &state, now)
            .map_err(store_error)?;
        count += ingested.new;
        // The reader shows what the rules left: not the hidden ones, with the tags given.
        let mut articles = articles;
        ingested.ruled.apply(&mut articles);
        ruled.add(ingested.ruled);
        new.entry(url)
            .or_default()
            .extend(articles.into_iter().map(|mut a| {
                a.body = Body::default();
                a
            }));
    }
    Ok(count)
}

/// A subscription as a feed here: cached under its address, else under one made of the
/// server's and its id (which may then name it, so it is cleaned as its title is).
fn server_feed(server: &str, subscription: &Subscription) -> ServerFeed {
    let url = clean_line(subscription.url.trim());
    ServerFeed {
        url: if url.is_empty() {
            format!("{server}#{}", clean_line(&subscription.id))
        } else {
            url
        },
        title: greader::text_of(&subscription.title),
        tags: subscription.folders(),
        stream: subscription.id.clone(),
    }
}

fn feed_state(feed: &ServerFeed, now: chrono::DateTime<Utc>) -> FeedState {
    FeedState {
        url: feed.url.clone(),
        title: Some(feed.title.clone()).filter(|t| !t.is_empty()),
        last_attempt: Some(now),
        last_success: Some(now),
        ..FeedState::default()
    }
}

/// Every id of a stream, page after page, up to `limit`, in the server's order.
fn ids(client: &mut Client, params: &[(&str, &str)], limit: usize) -> Result<Vec<i64>, SyncError> {
    let mut seen = HashSet::new();
    let mut order = Vec::new();
    let mut continuation: Option<String> = None;
    for _ in 0..MOST_PAGES {
        let count = ID_PAGE.min(limit - order.len()).to_string();
        let mut query: Vec<(&str, &str)> = params.to_vec();
        query.push(("n", &count));
        if let Some(from) = &continuation {
            query.push(("c", from));
        }
        let page: ItemIds = client.get_json("stream/items/ids", &query)?;
        for item in &page.item_refs {
            if let Some(number) = item_number(&item.id.text())
                && seen.insert(number)
            {
                order.push(number);
            }
        }
        match page.next() {
            Some(next)
                if order.len() < limit
                    && !page.item_refs.is_empty()
                    && continuation.as_ref() != Some(&next) =>
            {
                continuation = Some(next);
            }
            _ => break,
        }
    }
    order.truncate(limit);
    Ok(order)
}

#[cfg(test)]
#[path = "pull_tests.rs"]
mod tests;
