//! Moving in from newsboat: its `urls` file (feeds, tags, names, query feeds), the
//! `ignore-article` lines of its `config` (rules that hide), and its `cache.db` (every
//! article with its read mark, flags and deletion, and each feed's validators), found where
//! newsboat itself looks, and refused while newsboat runs.

pub mod cache;
pub mod config;
pub mod urls;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Files, MoveIn, Pending, flagged};
use crate::model::{Subscription, counted};
use crate::query::{self, Field, Query, RuleAction, Term, Value};
use crate::sanitize::clean_line;
use crate::source::feed::{Kept, kept_item};
use crate::store::{Arrived, CacheRow, Import, Validators};

/// newsboat's files, where it looks for them: `~/.newsboat/` when that folder exists, else
/// `$XDG_CONFIG_HOME/newsboat/` and `$XDG_DATA_HOME/newsboat/cache.db`. A file given
/// explicitly wins.
pub fn files(given: Files) -> Files {
    let home = dirs::home_dir().unwrap_or_default();
    let dotdir = home.join(".newsboat");
    let (config_dir, data_dir) = if dotdir.is_dir() {
        (dotdir.clone(), dotdir)
    } else {
        let xdg = |variable: &str, default: &str| {
            std::env::var_os(variable)
                .filter(|value| !value.is_empty())
                .map_or_else(|| home.join(default), PathBuf::from)
                .join("newsboat")
        };
        (
            xdg("XDG_CONFIG_HOME", ".config"),
            xdg("XDG_DATA_HOME", ".local/share"),
        )
    };
    Files {
        feeds: given.feeds.or_else(|| Some(config_dir.join("urls"))),
        database: given.database.or_else(|| Some(data_dir.join("cache.db"))),
        config: given.config.or_else(|| Some(config_dir.join("config"))),
    }
}

/// Refuses a cache newsboat holds: its `cache.db.lock` names a process that runs, or is
/// empty or unreadable (newsboat may be writing it). A lock whose process is gone is stale:
/// the words to say so come back.
pub fn check_lock(cache: &Path) -> Result<Option<String>, String> {
    let mut lock = cache.as_os_str().to_owned();
    lock.push(".lock");
    let lock = PathBuf::from(lock);
    let running = || "newsboat is running (cache.db.lock); quit it first".to_string();
    let text = match std::fs::read_to_string(&lock) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(_) => return Err(running()),
    };
    let Ok(pid) = text.trim().parse::<u32>() else {
        return Err(running());
    };
    // Linux shows every running process under /proc; elsewhere the lock is taken at its word.
    let proc = Path::new("/proc");
    if !proc.is_dir() || proc.join(pid.to_string()).exists() {
        return Err(running());
    }
    Ok(Some(format!(
        "{} is stale (process {pid} is not running): going on",
        lock.display()
    )))
}

/// What newsboat's files hold, made ready to store; `bookmark_flags` are the flag letters
/// that make a bookmark (every letter when `None`).
pub fn read(
    files: &Files,
    bookmark_flags: Option<&str>,
    keep_per_feed: u32,
) -> Result<MoveIn, String> {
    let read_text = |path: &Path| {
        std::fs::read_to_string(path)
            .map_err(|error| format!("{}: {}", path.display(), crate::net::io_words(&error)))
    };
    let urls_path = files.feeds.as_deref().ok_or("no urls file")?;
    let urls = urls::read(&read_text(urls_path)?);
    let mut move_in = MoveIn {
        import: Import {
            by: "newsboat".to_string(),
            ..Import::default()
        },
        left_out: urls.left_out.clone(),
        ..MoveIn::default()
    };
    // newsboat flags are letters; with none given, every letter makes a bookmark.
    let flags = bookmark_flags.unwrap_or("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    for feed in &urls.feeds {
        if feed.hidden {
            move_in.notes.push(format!(
                "{}: hidden in newsboat (!), subscribed here",
                clean_line(&feed.url)
            ));
        }
        move_in.import.feeds.push(Subscription {
            url: feed.url.clone(),
            // Names and tags from another program's files are made safe to show, as a
            // feed's own are.
            name: feed.name.as_deref().map(clean_line),
            tags: feed.tags.iter().map(|tag| clean_line(tag)).collect(),
            every: None,
            full_text: false,
        });
    }
    for (name, expression) in &urls.queries {
        match query::from_newsboat(expression, flags) {
            Ok(query) => move_in.import.queries.push((name.clone(), query)),
            Err(why) => move_in
                .left_out
                .push(format!("the query feed \"{name}\": {why}")),
        }
    }
    if let Some(config) = files.config.as_deref().filter(|path| path.exists()) {
        for ignore in config::ignores(&read_text(config)?) {
            match query::from_newsboat(&ignore.expression, flags) {
                Ok(query) => {
                    let query = match &ignore.feed {
                        Some(feed) => Query::and(vec![feed_term(feed), query]),
                        None => query,
                    };
                    move_in.import.rules.push((query, RuleAction::Hide));
                }
                Err(why) => move_in.left_out.push(format!(
                    "{} line {}: ignore-article: {why}",
                    config.display(),
                    ignore.line
                )),
            }
        }
    }
    let Some(cache_path) = files.database.as_deref().filter(|path| path.exists()) else {
        move_in
            .notes
            .push("no cache.db: feeds only, without their articles".to_string());
        return Ok(move_in);
    };
    let cache =
        cache::read(cache_path).map_err(|why| format!("{}: {why}", cache_path.display()))?;
    add_cache(&mut move_in, &urls, cache, bookmark_flags, keep_per_feed);
    Ok(move_in)
}

/// `feed:"address"`: the feed an `ignore-article` line names.
fn feed_term(url: &str) -> Query {
    Query::Term(Term::Field {
        field: Field::Feed,
        value: Value::Text(url.to_string()),
    })
}

fn add_cache(
    move_in: &mut MoveIn,
    urls: &urls::Urls,
    cache: cache::Cache,
    bookmark_flags: Option<&str>,
    keep_per_feed: u32,
) {
    let mut pending = Pending {
        total: 0,
        shown: 0,
        read: 0,
        bookmarked: 0,
        make: Box::new(|_| {}),
    };
    let mut feeds: Vec<(Vec<cache::CachedItem>, String, Vec<String>)> = Vec::new();
    let mut by_feed: HashMap<String, Vec<cache::CachedItem>> = HashMap::new();
    for item in cache.items {
        by_feed.entry(item.feed_url.clone()).or_default().push(item);
    }
    for feed in &urls.feeds {
        let cached = cache.feeds.iter().find(|cached| cached.url == feed.url);
        let title = cached.map_or("", |cached| cached.title.as_str());
        if let Some(cached) = cached {
            move_in.import.validators.push(Validators {
                url: feed.url.clone(),
                title: Some(clean_line(&cached.title)).filter(|title| !title.is_empty()),
                etag: cached.etag.clone(),
                last_modified: cached.last_modified.clone(),
            });
        }
        let source = feed.name.as_deref().unwrap_or(title);
        let items = by_feed.remove(&feed.url).unwrap_or_default();
        let count = items.len();
        for item in &items {
            pending.total += 1;
            pending.shown += usize::from(!item.deleted);
            pending.read += usize::from(!item.unread && !item.deleted);
            pending.bookmarked += usize::from(flagged(&item.flags, bookmark_flags));
        }
        feeds.push((items, source.to_string(), feed.tags.clone()));
        move_in
            .notes
            .extend(super::keep_per_feed_note(source, count, keep_per_feed));
    }
    // The articles are made ready on another thread while the import writes them; each
    // item is let go of as it is made ready, so a large cache is never whole twice.
    let flags = bookmark_flags.map(str::to_string);
    pending.make = Box::new(move |each: &mut dyn FnMut(Arrived)| {
        for (items, source, tags) in feeds {
            for item in items {
                each(arrived(&item, &source, &tags, flags.as_deref()));
            }
        }
    });
    move_in.pending = Some(pending);
    let elsewhere: usize = by_feed.values().map(Vec::len).sum();
    if elsewhere > 0 {
        move_in.left_out.push(format!(
            "{} of feeds no longer in the urls file",
            counted(elsewhere, "cached article")
        ));
    }
}

/// An item of the cache as tidings keeps it, with what newsboat knew of it.
fn arrived(
    item: &cache::CachedItem,
    source: &str,
    tags: &[String],
    flags: Option<&str>,
) -> Arrived {
    // newsboat makes a guid of the link and the date, else of the title, for an item that
    // has none: such an item is named by its link or its title and date, as a refresh names it.
    let made_up = (!item.url.is_empty() && item.guid.starts_with(&item.url))
        || (item.url.is_empty() && item.guid == item.title);
    let kept = kept_item(&Kept {
        feed_url: &item.feed_url,
        guid: (!made_up).then_some(item.guid.as_str()),
        link: Some(&item.url),
        title: &item.title,
        author: Some(&item.author),
        published: item.published,
        content: &item.content,
        enclosure: item
            .enclosure_url
            .as_deref()
            .map(|url| (url, item.enclosure_type.as_deref())),
        source,
        tags,
    });
    let starred = flagged(&item.flags, flags).then(|| kept.clone().into_article());
    Arrived {
        feed_url: item.feed_url.clone(),
        row: CacheRow::from_item(&kept),
        starred,
        read: !item.unread,
        hidden: item.deleted,
    }
}
