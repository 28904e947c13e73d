//! The endpoints of the test server, as FreshRSS and Miniflux answer them.

use serde_json::{Value, json};

use super::super::http_server::ServerResponse;
use super::{Feed, Item, Mode, State, USER, fresh_token};

fn json_answer(state: &State, value: &Value) -> ServerResponse {
    let text = value.to_string();
    let body = if state.knobs.malformed {
        text[..text.len() / 2].to_string()
    } else {
        text
    };
    ServerResponse::ok(body).header("Content-Type", "application/json")
}

pub(super) fn route(
    state: &mut State,
    endpoint: &str,
    params: &[(String, String)],
    get: &dyn Fn(&str) -> String,
) -> ServerResponse {
    let mode = state.mode;
    let all = |key: &str| -> Vec<String> {
        params
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let state_prefix = match mode {
        Mode::FreshRss => "user/-/",
        Mode::Miniflux => "user/1/",
    };
    match endpoint {
        "token" => match mode {
            Mode::FreshRss => ServerResponse::ok(format!(
                "{}\n",
                fresh_token(&format!("{USER}/{}", state.logins))
            )),
            Mode::Miniflux => ServerResponse::ok(format!("{USER}/{}", state.logins)),
        },
        "subscription/list" => {
            let subscriptions: Vec<Value> = state
                .account
                .feeds
                .iter()
                .map(|f| {
                    json!({"id": format!("feed/{}", f.id), "title": f.title, "url": f.url,
                           "categories": [{"id": format!("{state_prefix}label/{}", f.folder), "label": f.folder}]})
                })
                .collect();
            json_answer(state, &json!({ "subscriptions": subscriptions }))
        }
        "stream/items/ids" => item_ids(state, get),
        "stream/items/contents" => {
            let wanted: Vec<i64> = all("i").iter().filter_map(|i| parse_id(mode, i)).collect();
            let items: Vec<Value> = state
                .account
                .items
                .iter()
                .filter(|item| wanted.contains(&item.id))
                .map(|item| item_json(state, item, state_prefix))
                .collect();
            if items.is_empty() && mode == Mode::Miniflux {
                return ServerResponse::new(400).body("{\"error_message\":\"no items\"}");
            }
            json_answer(
                state,
                &json!({ "id": "user/-/state/com.google/reading-list", "items": items }),
            )
        }
        "edit-tag" => {
            if state.knobs.refuse_edits {
                return ServerResponse::ok("Error!");
            }
            let ids: Vec<i64> = all("i").iter().filter_map(|i| parse_id(mode, i)).collect();
            // PHP's $_POST keeps the last of repeated keys; Miniflux reads them all.
            let (adds, removes) = match mode {
                Mode::FreshRss => (
                    all("a").into_iter().last().into_iter().collect(),
                    all("r").into_iter().last().into_iter().collect(),
                ),
                Mode::Miniflux => (all("a"), all("r")),
            };
            for item in state
                .account
                .items
                .iter_mut()
                .filter(|i| ids.contains(&i.id))
            {
                for (tags, on) in [(&adds, true), (&removes, false)] {
                    for tag in tags.iter() {
                        if tag.ends_with("/state/com.google/read") {
                            item.read = on;
                        } else if tag.ends_with("/state/com.google/starred") {
                            item.starred = on;
                        }
                    }
                }
            }
            ServerResponse::ok("OK")
        }
        "mark-all-as-read" if mode == Mode::FreshRss => {
            let stream = get("s");
            let Ok(ts) = get("ts").parse::<i64>() else {
                return ServerResponse::new(400).body("Bad Request!");
            };
            let feeds = state.account.feeds.clone();
            // FreshRSS refuses a folder it does not have (renamed or gone elsewhere).
            if let Some(folder) = stream.strip_prefix("user/-/label/")
                && !feeds.iter().any(|f| f.folder == folder)
            {
                return ServerResponse::new(400).body("Bad Request!");
            }
            for item in &mut state.account.items {
                let folder = &feeds
                    .iter()
                    .find(|f| f.id == item.feed)
                    .expect("its feed")
                    .folder;
                let in_stream = stream == "user/-/state/com.google/reading-list"
                    || stream == format!("feed/{}", item.feed)
                    || stream == format!("user/-/label/{folder}");
                if in_stream && item.id <= ts {
                    item.read = true;
                }
            }
            ServerResponse::ok("OK")
        }
        "subscription/quickadd" => {
            let url = get("quickadd");
            let account = &mut state.account;
            let id = account.next_feed;
            account.next_feed += 1;
            account.feeds.push(Feed {
                id,
                title: format!("Feed {id}"),
                url: url.clone(),
                folder: "Uncategorized".into(),
            });
            json_answer(
                state,
                &json!({"numResults": 1, "query": url, "streamId": format!("feed/{id}"), "streamName": format!("Feed {id}")}),
            )
        }
        "subscription/edit" => subscription_edit(state, &get),
        // Miniflux answers every endpoint it does not know with an empty list.
        _ if mode == Mode::Miniflux => ServerResponse::ok("[]"),
        _ => ServerResponse::new(400).body("Bad Request!"),
    }
}

fn subscription_edit(state: &mut State, get: &dyn Fn(&str) -> String) -> ServerResponse {
    let stream = get("s");
    let folder = get("a")
        .rsplit("/label/")
        .next()
        .map(ToString::to_string)
        .filter(|f| !f.is_empty() && get("a").contains("/label/"));
    let account = &mut state.account;
    match get("ac").as_str() {
        "subscribe" => {
            let url = stream.trim_start_matches("feed/").to_string();
            let id = account.next_feed;
            account.next_feed += 1;
            let title = Some(get("t"))
                .filter(|t| !t.is_empty())
                .unwrap_or(format!("Feed {id}"));
            account.feeds.push(Feed {
                id,
                title,
                url,
                folder: folder.unwrap_or("Uncategorized".into()),
            });
        }
        "unsubscribe" => {
            let before = account.feeds.len();
            account.feeds.retain(|f| format!("feed/{}", f.id) != stream);
            if account.feeds.len() == before {
                return ServerResponse::new(400).body("Bad Request!");
            }
            let feeds: Vec<i64> = account.feeds.iter().map(|f| f.id).collect();
            account.items.retain(|i| feeds.contains(&i.feed));
        }
        "edit" => {
            let Some(feed) = account
                .feeds
                .iter_mut()
                .find(|f| format!("feed/{}", f.id) == stream)
            else {
                return ServerResponse::new(400).body("Bad Request!");
            };
            if !get("t").is_empty() {
                feed.title = get("t");
            }
            if let Some(folder) = folder {
                feed.folder = folder;
            }
        }
        _ => return ServerResponse::new(400).body("Bad Request!"),
    }
    ServerResponse::ok("OK")
}

/// An item id of a request: FreshRSS reads digits not starting with 0 as decimal and anything
/// else as hex after the last `/`; Miniflux reads a long id, else hex.
fn parse_id(mode: Mode, id: &str) -> Option<i64> {
    let hex = |text: &str| u64::from_str_radix(text, 16).ok().map(|n| n as i64);
    match mode {
        Mode::FreshRss if id.bytes().all(|b| b.is_ascii_digit()) && !id.starts_with('0') => {
            id.parse().ok()
        }
        Mode::FreshRss => hex(id.rsplit('/').next().unwrap_or(id)),
        Mode::Miniflux => hex(id
            .strip_prefix("tag:google.com,2005:reader/item/")
            .unwrap_or(id)),
    }
}

fn item_ids(state: &mut State, get: &dyn Fn(&str) -> String) -> ServerResponse {
    let stream = get("s");
    let exclude_read = get("xt").ends_with("/state/com.google/read");
    let mut items: Vec<&Item> = state
        .account
        .items
        .iter()
        .filter(|i| !(exclude_read && i.read))
        .filter(|i| !stream.ends_with("/starred") || i.starred)
        .collect();
    // Newest first: by id (arrival) on FreshRSS, by publication on Miniflux.
    match state.mode {
        Mode::FreshRss => items.sort_by_key(|i| std::cmp::Reverse(i.id)),
        Mode::Miniflux => items.sort_by_key(|i| std::cmp::Reverse(i.published)),
    }
    let asked: usize = get("n").parse().unwrap_or(20);
    let n = match state.knobs.page_cap {
        0 => asked,
        cap => asked.min(cap),
    };
    let continuation = get("c");
    let (page, next): (Vec<i64>, Option<String>) = match state.mode {
        Mode::FreshRss => {
            let after: Option<i64> = continuation.parse().ok();
            let rest: Vec<i64> = items
                .iter()
                .map(|i| i.id)
                .filter(|&id| after.is_none_or(|c| id < c))
                .collect();
            let page: Vec<i64> = rest.iter().take(n).copied().collect();
            let next = (rest.len() > n)
                .then(|| page.last().map(ToString::to_string))
                .flatten();
            (page, next)
        }
        Mode::Miniflux => {
            let offset: usize = continuation.parse().unwrap_or(0);
            let page: Vec<i64> = items.iter().skip(offset).take(n).map(|i| i.id).collect();
            let next =
                (offset + page.len() < items.len()).then(|| (offset + page.len()).to_string());
            (page, next)
        }
    };
    let refs: Vec<Value> = page
        .iter()
        .map(|id| json!({"id": id.to_string()}))
        .collect();
    let mut body = json!({ "itemRefs": refs });
    if let Some(next) = &next {
        body["continuation"] = json!(next);
    }
    let response = json_answer(state, &body);
    if next.is_some()
        && let Some(change) = state.knobs.between_pages.take()
    {
        change(&mut state.account);
    }
    response
}

fn item_json(state: &State, item: &Item, prefix: &str) -> Value {
    let feed = state
        .account
        .feeds
        .iter()
        .find(|f| f.id == item.feed)
        .expect("its feed");
    let mut categories = vec![
        format!("{prefix}state/com.google/reading-list"),
        format!("{prefix}label/{}", feed.folder),
    ];
    if item.read {
        categories.push(format!("{prefix}state/com.google/read"));
    }
    if item.starred {
        categories.push(format!("{prefix}state/com.google/starred"));
    }
    let link = format!("https://news.example/{}", item.id);
    json!({
        "id": format!("tag:google.com,2005:reader/item/{:016x}", item.id),
        "crawlTimeMsec": (item.crawl_usec / 1000).to_string(),
        "timestampUsec": item.crawl_usec.to_string(),
        "published": item.published,
        "title": item.title,
        "canonical": [{"href": link}],
        "alternate": [{"href": link}],
        "categories": categories,
        "origin": {"streamId": format!("feed/{}", item.feed), "title": feed.title},
        "summary": {"content": item.content},
    })
}
