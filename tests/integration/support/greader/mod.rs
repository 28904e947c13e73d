//! A small Google Reader API server for tests, on a real socket (`http_server`), with an
//! account of feeds and items. It has a FreshRSS mode and a Miniflux mode that differ as those
//! servers do (in their code): the API's address, decimal item ids as microsecond arrival
//! times with item-id continuations (FreshRSS) or small ids with offset continuations and hex
//! short ids in requests (Miniflux), `user/-/…` or `user/1/…` states, the last `a` and `r` of
//! an `edit-tag` (PHP keeps one of each) or all of them, mark-all-read with `ts` or a 200 `[]`
//! for it and every unknown endpoint, and POSTs authenticated by the `T` token alone
//! (Miniflux). Knobs make it page in small pieces, change its lists between pages, fail,
//! stall, send broken JSON or reject tokens.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use super::http_server::{ServerRequest, ServerResponse, TestServer};

mod api;

pub const USER: &str = "alice";
pub const PASSWORD: &str = "apipass123";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    FreshRss,
    Miniflux,
}

#[derive(Debug, Clone)]
pub struct Feed {
    pub id: i64,
    pub title: String,
    pub url: String,
    pub folder: String,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub id: i64,
    pub feed: i64,
    pub title: String,
    pub content: String,
    pub published: i64,
    pub crawl_usec: i64,
    pub read: bool,
    pub starred: bool,
}

/// A change made to the account while a client is working.
pub type AccountChange = Box<dyn FnOnce(&mut Account) + Send>;

/// What the server does besides answering.
#[derive(Default)]
pub struct Knobs {
    /// The most ids a page of `stream/items/ids` holds (0: as asked).
    pub page_cap: usize,
    /// Every request answers this status.
    pub fail_with: Option<u16>,
    /// Requests to a path ending so wait this long before answering.
    pub stall: Option<(String, Duration)>,
    /// JSON answers are cut short.
    pub malformed: bool,
    /// The next this many authenticated requests are refused with 401.
    pub reject_tokens: usize,
    /// `edit-tag` answers 200 with something other than `OK`.
    pub refuse_edits: bool,
    /// Runs once, after the first page of an id list that has a next page.
    pub between_pages: Option<AccountChange>,
}

#[derive(Default)]
pub struct Account {
    pub feeds: Vec<Feed>,
    pub items: Vec<Item>,
    next_item: i64,
    next_feed: i64,
}

/// Every API request as the server understood it: its endpoint (`edit-tag`) and parameters.
#[derive(Debug, Clone)]
pub struct Call {
    pub endpoint: String,
    pub params: Vec<(String, String)>,
}

impl Call {
    pub fn all(&self, key: &str) -> Vec<&str> {
        self.params
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

struct State {
    mode: Mode,
    account: Account,
    knobs: Knobs,
    calls: Vec<Call>,
    logins: usize,
}

pub struct GReader {
    server: TestServer,
    state: Arc<Mutex<State>>,
    mode: Mode,
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

impl GReader {
    pub fn start(mode: Mode) -> Self {
        let state = Arc::new(Mutex::new(State {
            mode,
            account: Account {
                next_item: 1,
                next_feed: 1,
                ..Account::default()
            },
            knobs: Knobs::default(),
            calls: Vec::new(),
            logins: 0,
        }));
        let shared = Arc::clone(&state);
        let server = TestServer::start(move |request| answer(&shared, request));
        Self {
            server,
            state,
            mode,
        }
    }

    /// The API's address, as `[sync] url` takes it.
    pub fn url(&self) -> String {
        match self.mode {
            Mode::FreshRss => self.server.url("/api/greader.php"),
            Mode::Miniflux => self.server.base_url().to_string(),
        }
    }

    pub fn add_feed(&self, title: &str, folder: &str) -> i64 {
        let mut state = lock(&self.state);
        let account = &mut state.account;
        let id = account.next_feed;
        account.next_feed += 1;
        account.feeds.push(Feed {
            id,
            title: title.to_string(),
            url: format!("https://feeds.example/{id}.xml"),
            folder: folder.to_string(),
        });
        id
    }

    /// Adds an item to a feed, newer than every other; returns its id.
    pub fn add_item(&self, feed: i64, title: &str) -> i64 {
        let mut state = lock(&self.state);
        let mode = state.mode;
        state.account.add_item(mode, feed, title)
    }

    /// Moves a feed to another folder, as from another device; its items are labelled with
    /// the new one from now on.
    pub fn move_feed(&self, id: i64, folder: &str) {
        let mut state = lock(&self.state);
        for feed in state.account.feeds.iter_mut().filter(|f| f.id == id) {
            feed.folder = folder.to_string();
        }
    }

    /// Unsubscribes from a feed, as from another device: it goes with its items.
    pub fn remove_feed(&self, id: i64) {
        let mut state = lock(&self.state);
        let account = &mut state.account;
        account.feeds.retain(|f| f.id != id);
        account.items.retain(|i| i.feed != id);
    }

    pub fn item(&self, id: i64) -> Item {
        let state = lock(&self.state);
        state
            .account
            .items
            .iter()
            .find(|i| i.id == id)
            .cloned()
            .expect("an item of the server")
    }

    pub fn set(&self, id: i64, read: Option<bool>, starred: Option<bool>) {
        let mut state = lock(&self.state);
        let item = state
            .account
            .items
            .iter_mut()
            .find(|i| i.id == id)
            .expect("an item of the server");
        item.read = read.unwrap_or(item.read);
        item.starred = starred.unwrap_or(item.starred);
    }

    pub fn feeds(&self) -> Vec<Feed> {
        lock(&self.state).account.feeds.clone()
    }

    pub fn knobs(&self, change: impl FnOnce(&mut Knobs)) {
        change(&mut lock(&self.state).knobs);
    }

    /// The API requests so far (logins aside).
    pub fn calls(&self) -> Vec<Call> {
        lock(&self.state).calls.clone()
    }

    pub fn calls_to(&self, endpoint: &str) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|c| c.endpoint == endpoint)
            .collect()
    }

    pub fn logins(&self) -> usize {
        lock(&self.state).logins
    }

    pub fn forget_calls(&self) {
        let mut state = lock(&self.state);
        state.calls.clear();
        state.logins = 0;
    }
}

impl Account {
    pub fn add_item(&mut self, mode: Mode, feed: i64, title: &str) -> i64 {
        let n = self.next_item;
        self.next_item += 1;
        // FreshRSS's ids are the microseconds of arrival; Miniflux counts.
        let crawl_usec = 1_796_000_000_000_000 + n * 1_000_003;
        let id = match mode {
            Mode::FreshRss => crawl_usec,
            Mode::Miniflux => n,
        };
        self.items.push(Item {
            id,
            feed,
            title: title.to_string(),
            content: format!("<p>The text of <b>{title}</b>.</p>"),
            published: 1_790_000_000 + n * 3600,
            crawl_usec,
            read: false,
            starred: false,
        });
        id
    }
}

/// Decodes an `application/x-www-form-urlencoded` text.
fn form(text: &str) -> Vec<(String, String)> {
    let decode = |part: &str| -> String {
        let bytes = part.replace('+', " ").into_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%'
                && let Some(hex) = bytes.get(i + 1..i + 3)
                && let Ok(byte) = u8::from_str_radix(std::str::from_utf8(hex).unwrap_or("zz"), 16)
            {
                out.push(byte);
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn answer(shared: &Mutex<State>, request: &ServerRequest) -> ServerResponse {
    let mut state = lock(shared);
    let (path, query) = request.path.split_once('?').unwrap_or((&request.path, ""));
    let prefix = match state.mode {
        Mode::FreshRss => "/api/greader.php",
        Mode::Miniflux => "",
    };
    let Some(path) = path.strip_prefix(prefix) else {
        return ServerResponse::new(404);
    };
    let mut params = form(query);
    params.extend(form(&String::from_utf8_lossy(&request.body)));
    let stall = match &state.knobs.stall {
        Some((end, wait)) if path.ends_with(end.as_str()) => *wait,
        _ => Duration::ZERO,
    };
    if let Some(status) = state.knobs.fail_with {
        return ServerResponse::new(status).body("trouble").stall(stall);
    }
    let get = |key: &str| {
        params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    if path == "/accounts/ClientLogin" {
        state.logins += 1;
        if get("Email") == USER && get("Passwd") == PASSWORD {
            let auth = format!("{USER}/{}", state.logins);
            return ServerResponse::ok(format!("SID={auth}\nLSID=null\nAuth={auth}\n"));
        }
        return ServerResponse::new(401).body("Unauthorized!");
    }
    let Some(endpoint) = path.strip_prefix("/reader/api/0/") else {
        return ServerResponse::new(404);
    };
    // The token of the latest login is the valid one.
    let valid = format!("{USER}/{}", state.logins);
    let header_ok = request
        .header("authorization")
        .is_some_and(|h| h == format!("GoogleLogin auth={valid}"));
    let authenticated = match (state.mode, request.method.as_str()) {
        (Mode::Miniflux, "POST") => get("T") == valid,
        (Mode::FreshRss, "POST") => header_ok && get("T") == fresh_token(&valid),
        _ => header_ok,
    };
    if !authenticated || state.knobs.reject_tokens > 0 {
        state.knobs.reject_tokens = state.knobs.reject_tokens.saturating_sub(1);
        return ServerResponse::new(401).body("Unauthorized!");
    }
    state.calls.push(Call {
        endpoint: endpoint.to_string(),
        params: params.clone(),
    });
    let response = api::route(&mut state, endpoint, &params, &get);
    response.stall(stall)
}

/// FreshRSS's action token: 57 characters made from the login.
fn fresh_token(auth: &str) -> String {
    format!("{auth:Z<57}")
}
