//! The commands on articles: `list`, `show`, `tags`, `bookmarks`, `bookmark add|remove`.

use std::collections::HashSet;

use anyhow::{anyhow, bail};
use chrono::{Local, Offset, Utc};

use super::Sources;
use super::context::{Context, library, read_library};
use super::output::{
    ArticleJson, BookmarkJson, TagJson, default_width, emit, hint, list_line, print_json, warn,
};
use crate::full_text;
use crate::model::filter::{Filter, TagMode};
use crate::model::library::{Entry, Library, SourceKey};
use crate::model::wrap::{wrap_article, wrap_article_with};
use crate::model::{Article, ArticleId, TagKey};
use crate::query::{Beyond, Flag, InLibrary, Matcher};
use crate::store::Store;

/// What `list` narrows the articles to.
#[derive(Debug, Default)]
pub struct Query {
    pub feeds: Vec<String>,
    pub tags: Vec<String>,
    pub all_tags: bool,
    pub bookmarked: bool,
    pub unread: bool,
    pub search: Option<String>,
    /// A query in the query language.
    pub query: Option<String>,
    /// The hidden articles in place of the others.
    pub hidden: bool,
}

/// The library indices of the articles a query lets through, in list order. A feed that is
/// not subscribed, and a tag no article has, are errors.
pub fn matching(
    library: &Library,
    store: Option<&Store>,
    query: &Query,
) -> anyhow::Result<Vec<usize>> {
    let filter = query_filter(library, query)?;
    let asked = query
        .query
        .as_deref()
        .map(crate::query::parse)
        .transpose()?;
    let searched = found_by_index(library, store, &filter.search_words())?;
    let mut shown = filter.apply_with(library, |i| searched.contains(&i), None);
    if let Some(asked) = asked {
        narrow(library, store, &asked, &mut shown)?;
    }
    Ok(shown)
}

/// Keeps the entries of `shown` that `asked` matches, asking the store what the library
/// does not know: what its full-text index finds for each text term, the full texts read.
pub fn narrow(
    library: &Library,
    store: Option<&Store>,
    asked: &crate::query::Query,
    shown: &mut Vec<usize>,
) -> anyhow::Result<()> {
    let mut beyond = Beyond::default();
    for words in asked.text_terms() {
        beyond.found.push(found_by_index(library, store, &words)?);
    }
    if let Some(store) = store {
        let positions = |ids: &mut dyn Iterator<Item = &ArticleId>| -> HashSet<usize> {
            ids.filter_map(|id| library.position(id)).collect()
        };
        beyond.full_text = positions(&mut store.full_text_ids()?.iter());
        beyond.hidden = positions(&mut store.hidden_ids()?.iter());
    }
    let matcher = Matcher::new(asked, Utc::now());
    shown.retain(|&index| {
        matcher.matches(&InLibrary {
            library,
            index,
            beyond: &beyond,
        })
    });
    Ok(())
}

/// The entries whose cached text the store's index finds `words` in: cached articles are
/// listed without their bodies.
fn found_by_index(
    library: &Library,
    store: Option<&Store>,
    words: &[String],
) -> anyhow::Result<HashSet<usize>> {
    Ok(match store {
        Some(store) if !words.is_empty() => store
            .search_cached(words)?
            .iter()
            .filter_map(|id| library.position(id))
            .collect(),
        _ => HashSet::new(),
    })
}

/// The filter of a query. A feed or a tag that names nothing is an error, with the name that
/// may have been meant, as a typo in `--tag` would otherwise list nothing, or mark nothing
/// read, without a word.
pub fn query_filter(library: &Library, query: &Query) -> anyhow::Result<Filter> {
    let mut filter = Filter {
        mode: if query.all_tags {
            TagMode::All
        } else {
            TagMode::Any
        },
        search: query.search.clone().unwrap_or_default(),
        bookmarks_only: query.bookmarked,
        unread_only: query.unread,
        ..Filter::default()
    };
    for feed in &query.feeds {
        filter.sources.extend(find_feeds(library, feed)?);
    }
    for tag in &query.tags {
        match library.tag_id(&TagKey::of(tag)) {
            Some(id) => {
                filter.tags.insert(id);
            }
            None => {
                let known = library.tags().iter().map(|info| info.tag.as_str());
                bail!(
                    "no tag \"{}\" ({})",
                    tag.trim(),
                    hint(tag, known, "tidings tags")
                );
            }
        }
    }
    Ok(filter)
}

/// The sources a person names: a feed by its address, or every feed of a name (without
/// regard to case; two feeds may share one), or "Local articles" or "Samples".
fn find_feeds(library: &Library, named: &str) -> anyhow::Result<Vec<usize>> {
    let named = named.trim();
    if let Some(id) = library.find_source(&SourceKey::Feed(named.into())) {
        return Ok(vec![id]);
    }
    let lower = named.to_lowercase();
    let found: Vec<usize> = library
        .sources_by_name()
        .into_iter()
        .filter(|&id| library.sources()[id].name.to_lowercase() == lower)
        .collect();
    if found.is_empty() {
        let names = library.sources().iter().map(|source| source.name.as_str());
        bail!(
            "no feed has the address or name \"{named}\" ({})",
            hint(named, names, "tidings feeds list")
        );
    }
    Ok(found)
}

pub fn list(context: &Context, sources: &Sources, query: &Query, json: bool) -> anyhow::Result<()> {
    let asks_hidden = query
        .query
        .as_deref()
        .and_then(|text| crate::query::parse(text).ok())
        .is_some_and(|asked| asked.asks_for(Flag::Hidden));
    let (library, store) = if query.hidden {
        let store = context.open_store()?;
        (
            hidden_library(context, &store, Library::default())?,
            Some(store),
        )
    } else if asks_hidden {
        // `is:hidden` sees the hidden articles beside the others.
        let (library, store) = read_library(context, sources)?;
        match store {
            Some(store) => (hidden_library(context, &store, library)?, Some(store)),
            None => (library, None),
        }
    } else {
        read_library(context, sources)?
    };
    let entries: Vec<&Entry> = matching(&library, store.as_ref(), query)?
        .into_iter()
        .map(|i| library.entry(i))
        .collect();
    if json {
        print_json(
            &entries
                .iter()
                .map(|e| ArticleJson::of(e))
                .collect::<Vec<_>>(),
        )
    } else {
        emit(entries.into_iter().map(list_line))
    }
}

/// `library` with the hidden articles of the subscribed feeds added, under their feeds'
/// names, with their marks.
fn hidden_library(
    context: &Context,
    store: &Store,
    mut library: Library,
) -> anyhow::Result<Library> {
    let states = store.feed_states()?;
    let feeds = crate::refresh::subscriptions(&context.config, Some(store))?;
    for feed in &feeds {
        let state = states.get(&feed.url).cloned().unwrap_or_default();
        library.add_feed(
            &feed.url,
            crate::refresh::given_name(feed, &state).as_deref(),
        );
    }
    store.each_hidden(|feed_url, article| library.add_cached(feed_url, article))?;
    library.sort();
    let (read, bookmarked) = (store.read_ids()?, store.bookmarked_ids()?);
    for id in store.hidden_ids()? {
        let Some(index) = library.position(&id) else {
            continue;
        };
        library.set_read(index, read.contains(&id));
        library.entry_mut(index).bookmarked = bookmarked.contains(&id);
    }
    Ok(library)
}

pub fn show(
    context: &Context,
    sources: &Sources,
    id: &str,
    width: Option<u16>,
    full_text: bool,
) -> anyhow::Result<()> {
    let (mut library, store) = read_library(context, sources)?;
    let index = library.find(id)?;
    if let (true, Some(store)) = (library.entry(index).body_in_store, &store)
        && let Some(body) = store.cached_body(&library.entry(index).article.id)?
    {
        library.set_body(index, body);
    }
    let entry = library.entry(index);
    let width = width.map_or_else(default_width, usize::from);
    let byline = crate::app::byline(
        entry,
        &context.config.date_format.0,
        Local::now().offset().fix(),
    );
    if !full_text {
        let lines = wrap_article(&entry.article, &byline, width).lines;
        return emit(lines.into_iter().map(|line| line.text));
    }
    let article = &entry.article;
    let Some(url) = article.url.clone() else {
        bail!(
            "article {} has no address to read its full text from",
            article.id
        );
    };
    let job = full_text::Job {
        id: article.id.clone(),
        url: url.clone(),
        title: article.title.clone(),
        summary: article.body.plain_text(),
    };
    let settings = context.config.fetch.settings();
    let text = full_text::read_one(store.as_ref(), &settings, &job).map_err(|error| {
        anyhow!(
            "cannot read the full text of {} from {url}: {error}",
            article.id
        )
    })?;
    let note = format!("full text from {}", text.site());
    let shown = Article {
        body: text.body,
        ..article.clone()
    };
    let lines = wrap_article_with(&shown, &byline, Some(&note), width, None).lines;
    emit(lines.into_iter().map(|line| line.text))
}

pub fn tags(context: &Context, sources: &Sources, json: bool) -> anyhow::Result<()> {
    let (library, _) = read_library(context, sources)?;
    let tags: Vec<TagJson> = library
        .tags_by_count()
        .into_iter()
        .map(|id| TagJson {
            tag: library.tags()[id].tag.to_string(),
            count: library.tags()[id].members.total,
        })
        .collect();
    if json {
        return print_json(&tags);
    }
    emit(
        tags.iter()
            .map(|tag| format!("{:>5}  {}", tag.count, tag.tag)),
    )
}

pub fn bookmarks(context: &Context, json: bool) -> anyhow::Result<()> {
    let store = context.open_store()?;
    let bookmarks = store.bookmarks()?;
    for error in &bookmarks.unreadable {
        warn(&error.to_string());
    }
    let read = store.read_ids()?;
    if json {
        let items: Vec<BookmarkJson> = bookmarks
            .saved
            .iter()
            .map(|b| BookmarkJson {
                article: ArticleJson::new(&b.article, true, read.contains(&b.article.id)),
                saved_at: b.saved_at.to_rfc3339(),
            })
            .collect();
        return print_json(&items);
    }
    if bookmarks.saved.is_empty() && bookmarks.unreadable.is_empty() {
        say_none("no bookmarks yet: b in the reader, or tidings bookmark add ID");
        return Ok(());
    }
    // Snapshots come back from a file on disk: clean them again before printing.
    emit(bookmarks.saved.iter().map(|bookmark| {
        let article = &bookmark.article;
        let saved = bookmark
            .saved_at
            .with_timezone(&Local)
            .format("%Y-%m-%d %H:%M");
        let line = format!(
            "{}  saved {saved}  {}  ({})",
            article.id, article.title, article.source
        );
        crate::sanitize::clean_line(&line)
    }))
}

/// Says that a list is empty, to a person: on stderr when stdout is a terminal, and not at
/// all to a pipe, for which an empty list is no output.
pub(super) fn say_none(words: &str) {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        eprintln!("{words}");
    }
}

#[derive(serde::Serialize)]
struct UnstarredJson<'a> {
    #[serde(flatten)]
    article: ArticleJson<'a>,
    saved_at: String,
    unstarred_at: String,
}

/// The bookmarks a star removed on another device took away, most recent first.
pub fn unstarred(context: &Context, json: bool) -> anyhow::Result<()> {
    let store = context.open_store()?;
    let kept = store.unstarred_bookmarks()?;
    let read = store.read_ids()?;
    if json {
        let items: Vec<UnstarredJson> = kept
            .iter()
            .map(|u| UnstarredJson {
                article: ArticleJson::new(
                    &u.bookmark.article,
                    false,
                    read.contains(&u.bookmark.article.id),
                ),
                saved_at: u.bookmark.saved_at.to_rfc3339(),
                unstarred_at: u.unstarred_at.to_rfc3339(),
            })
            .collect();
        return print_json(&items);
    }
    if kept.is_empty() {
        say_none("no bookmarks were unstarred on another device");
        return Ok(());
    }
    emit(kept.iter().map(|u| {
        let article = &u.bookmark.article;
        let when = u
            .unstarred_at
            .with_timezone(&Local)
            .format("%Y-%m-%d %H:%M");
        let line = format!(
            "{}  unstarred {when}  {}  ({})",
            article.id, article.title, article.source
        );
        crate::sanitize::clean_line(&line)
    }))
}

pub fn bookmark(context: &Context, sources: &Sources, id: &str, add: bool) -> anyhow::Result<()> {
    let store = context.open_store()?;
    let mut run = context.sources(sources, Some(&store))?;
    context.fetch_remote(&mut run)?;
    let (library, _) = library(run, &context.config, Some(&store), None);
    let found = library.find(id);
    if !add && let Err(not_found) = &found {
        // A bookmark whose saved copy is damaged is in no library; it can still go.
        let matching: Vec<ArticleId> = store
            .bookmarked_ids()?
            .into_iter()
            .filter(|b| b.as_str().starts_with(&id.to_lowercase()))
            .collect();
        if let ([only], true) = (matching.as_slice(), id.len() >= ArticleId::MIN_PREFIX) {
            store.remove_bookmark(only)?;
            return emit([format!("removed the bookmark of {only}")]);
        }
        bail!("{not_found}");
    }
    let mut article = library.entry(found?).article.clone();
    if add {
        // A bookmark keeps the whole article; the list's copy of a cached one has no body.
        if article.body.blocks.is_empty()
            && let Some(body) = store.cached_body(&article.id)?
        {
            article.body = body;
        }
        store.add_bookmark(&article, Utc::now())?;
        emit([format!("bookmarked {}: {}", article.id, article.title)])
    } else if store.remove_bookmark(&article.id)? {
        emit([format!(
            "removed the bookmark of {}: {}",
            article.id, article.title
        )])
    } else {
        bail!("article {} is not bookmarked", article.id);
    }
}
