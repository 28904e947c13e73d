//! The article index of one run: every article with its tag ids, search text and read and
//! bookmark flags, and every tag with its article count.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::sync::Arc;

use super::{Article, ArticleId, Tag, TagKey};

/// Where an entry of the library comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A source of this run: samples, article files.
    Source,
    /// Only a bookmark's snapshot: its source is not part of this run, or is gone.
    SavedOnly,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub article: Article,
    pub origin: Origin,
    /// Indices into [`Library::tags`].
    pub tag_ids: Vec<usize>,
    pub read: bool,
    pub bookmarked: bool,
    /// The address of the feed the article came from, if it came from one; one copy shared
    /// by every article of the feed.
    pub feed: Option<Arc<str>>,
    /// The article came from the feed cache without its body, which the store has.
    pub body_in_store: bool,
    /// The article came from the feed cache: the store's full-text index searches its body.
    pub from_cache: bool,
}

impl Entry {
    /// The title and text in lower case, for search; for an article from the feed cache, the
    /// title alone, whether or not its body has been read.
    fn search_text(&self) -> Box<str> {
        if self.from_cache {
            let mut text = self.article.title.to_lowercase();
            text.push('\n');
            text.into()
        } else {
            self.article.search_text().into()
        }
    }
}

#[derive(Debug, Clone)]
pub struct TagInfo {
    /// The first spelling met.
    pub tag: Tag,
    /// How many articles from this run's sources carry it.
    pub count: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Library {
    entries: Vec<Entry>,
    /// Entry indices newest first, undated ones last in the order they came.
    order: Vec<usize>,
    /// Each entry's title and text in lower case, by entry index, built on the first search
    /// (or by [`Library::prepare_search`]) so that start-up does no work that grows with the
    /// size of the bodies. A cached article's text is its title alone: the store's full-text
    /// index searches its body.
    search_texts: OnceCell<Vec<Box<str>>>,
    /// The address of each feed met, shared by its entries.
    feed_urls: HashMap<Box<str>, Arc<str>>,
    tags: Vec<TagInfo>,
    /// For each tag id, the indices of the entries that carry it, in order.
    tagged: Vec<Vec<u32>>,
    tag_ids: HashMap<TagKey, usize>,
    /// Each spelling of a tag met so far, to its id and the one copy articles share.
    spellings: HashMap<Box<str>, (usize, Tag)>,
    positions: HashMap<ArticleId, usize>,
    /// Entries from this run's sources (not saved-only), for "12 of 40".
    source_count: usize,
    /// Entries that came from the feed cache, whose bodies the store's index searches.
    cached_count: usize,
}

/// Why an id typed by a person does not name one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    TooShort(String),
    NotFound(String),
    Ambiguous(String, Vec<ArticleId>),
}

impl std::fmt::Display for LookupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooShort(id) => write!(
                f,
                "article id \"{id}\" is too short: give at least {} characters",
                ArticleId::MIN_PREFIX
            ),
            Self::NotFound(id) => write!(f, "no article has the id \"{id}\""),
            Self::Ambiguous(id, ids) => {
                let ids: Vec<&str> = ids.iter().map(ArticleId::as_str).collect();
                write!(
                    f,
                    "article id \"{id}\" matches {}: {}",
                    ids.len(),
                    ids.join(", ")
                )
            }
        }
    }
}

impl std::error::Error for LookupError {}

impl Library {
    /// Builds the index of articles from files and samples. An article whose id was already
    /// seen (the same file given twice) is left out.
    pub fn new(articles: Vec<Article>) -> Self {
        let mut library = Self::default();
        library.merge(None, articles);
        library
    }

    /// Adds the articles of a source: `feed` is the feed's address, or `None` for files. An
    /// article of a feed seen before (same id) replaces its earlier copy and keeps its read
    /// and bookmark marks. Returns how many articles were new.
    pub fn merge(&mut self, feed: Option<&str>, articles: Vec<Article>) -> usize {
        let mut new = 0;
        for article in articles {
            match self.positions.get(&article.id) {
                Some(&index)
                    if feed.is_some() || self.entries[index].origin == Origin::SavedOnly =>
                {
                    self.replace(index, feed, article);
                }
                Some(_) => {}
                None => {
                    self.push(article, Origin::Source, feed, false);
                    new += 1;
                }
            }
        }
        self.sort();
        new
    }

    /// Adds bookmarked snapshots whose article is not already here, marked as bookmarked.
    pub fn add_saved(&mut self, saved: Vec<Article>) {
        for article in saved {
            let index = match self.positions.get(&article.id) {
                Some(&index) => index,
                None => self.push(article, Origin::SavedOnly, None, false),
            };
            self.entries[index].bookmarked = true;
        }
        self.sort();
    }

    /// Puts the list in order: newest first, undated last. Entries added in that order
    /// (as the store hands out the cache) cost one pass.
    pub fn sort(&mut self) {
        let entries = &self.entries;
        self.order = (0..entries.len()).collect();
        self.order
            .sort_by_key(|&i| std::cmp::Reverse(entries[i].article.published));
    }

    /// Makes room for `more` entries, so that a large load does not copy the entries as it
    /// grows.
    pub fn reserve(&mut self, more: usize) {
        self.entries.reserve_exact(more);
        self.order.reserve_exact(more);
        self.positions.reserve(more);
    }

    fn shared_feed(&mut self, feed: Option<&str>) -> Option<Arc<str>> {
        let feed = feed?;
        if let Some(shared) = self.feed_urls.get(feed) {
            return Some(Arc::clone(shared));
        }
        let shared: Arc<str> = Arc::from(feed);
        self.feed_urls.insert(feed.into(), Arc::clone(&shared));
        Some(shared)
    }

    /// Tag ids of `tags`, registering new tags and counting them for articles of a source;
    /// each tag becomes the library's shared copy of its spelling.
    fn tag_ids_for(&mut self, tags: &mut [Tag], counted: bool) -> Vec<usize> {
        let mut ids = Vec::with_capacity(tags.len());
        for tag in tags {
            // Most tags recur with the same spelling: found without lower-casing them.
            let id = match self.spellings.get(tag.as_str()) {
                Some((id, shared)) => {
                    *tag = shared.clone();
                    *id
                }
                None => {
                    let next = self.tags.len();
                    let id = *self.tag_ids.entry(tag.key()).or_insert(next);
                    if id == next {
                        self.tags.push(TagInfo {
                            tag: tag.clone(),
                            count: 0,
                        });
                        self.tagged.push(Vec::new());
                    }
                    self.spellings
                        .insert(tag.as_str().into(), (id, tag.clone()));
                    id
                }
            };
            if counted {
                self.tags[id].count += 1;
            }
            ids.push(id);
        }
        ids
    }

    /// Adds an entry; `from_cache` when it was read from the feed cache, with its body left
    /// in the store if it came without one.
    fn push(
        &mut self,
        mut article: Article,
        origin: Origin,
        feed: Option<&str>,
        from_cache: bool,
    ) -> usize {
        let tag_ids = self.tag_ids_for(&mut article.tags, origin == Origin::Source);
        if origin == Origin::Source {
            self.source_count += 1;
        }
        if from_cache {
            self.cached_count += 1;
        }
        let index = self.entries.len();
        self.positions.insert(article.id.clone(), index);
        for &id in &tag_ids {
            self.tagged[id].push(entry_number(index));
        }
        let feed = self.shared_feed(feed);
        let article_has_no_body = article.body.blocks.is_empty();
        self.entries.push(Entry {
            article,
            origin,
            tag_ids,
            read: false,
            bookmarked: false,
            feed,
            body_in_store: from_cache && article_has_no_body,
            from_cache,
        });
        if let Some(texts) = self.search_texts.get_mut() {
            texts.push(self.entries[index].search_text());
        }
        index
    }

    fn replace(&mut self, index: usize, feed: Option<&str>, mut article: Article) {
        let number = entry_number(index);
        for &id in &self.entries[index].tag_ids {
            if self.entries[index].origin == Origin::Source {
                self.tags[id].count -= 1;
            }
            let tagged = &mut self.tagged[id];
            if let Ok(at) = tagged.binary_search(&number) {
                tagged.remove(at);
            }
        }
        if self.entries[index].origin == Origin::SavedOnly {
            self.source_count += 1;
        }
        let tag_ids = self.tag_ids_for(&mut article.tags, true);
        for &id in &tag_ids {
            let tagged = &mut self.tagged[id];
            if let Err(at) = tagged.binary_search(&number) {
                tagged.insert(at, number);
            }
        }
        let feed = self.shared_feed(feed);
        let entry = &mut self.entries[index];
        entry.article = article;
        entry.tag_ids = tag_ids;
        entry.origin = Origin::Source;
        entry.feed = feed;
        entry.body_in_store = false;
        entry.from_cache = false;
        if let Some(texts) = self.search_texts.get_mut() {
            texts[index] = entry.search_text();
        }
    }

    /// Adds an article read from the feed cache without its body, with its feed's address;
    /// [`Library::sort`] puts the list in order once they are all in. An article already
    /// here is left as it is.
    pub fn add_cached(&mut self, feed: &str, article: Article) {
        if !self.positions.contains_key(&article.id) {
            self.push(article, Origin::Source, Some(feed), true);
        }
    }

    /// Whether articles came from the feed cache: a search then asks the store's index.
    pub fn has_cached(&self) -> bool {
        self.cached_count > 0
    }

    /// Puts in the body of an article read from the store. Its search text stays its title:
    /// the store's full-text index searches the body.
    pub fn set_body(&mut self, index: usize, body: crate::model::Body) {
        let entry = &mut self.entries[index];
        entry.article.body = body;
        entry.body_in_store = false;
    }

    /// Builds the search texts now rather than on the first search.
    pub fn prepare_search(&self) {
        if !self.entries.is_empty() {
            self.search_text(0);
        }
    }

    /// How many articles come from this run's sources (saved-only bookmarks aside).
    pub fn source_count(&self) -> usize {
        self.source_count
    }

    /// Entry indices in list order: newest first.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// The title and text of an entry in lower case, for search.
    pub fn search_text(&self, index: usize) -> &str {
        let texts = self
            .search_texts
            .get_or_init(|| self.entries.iter().map(Entry::search_text).collect());
        &texts[index]
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn entry(&self, index: usize) -> &Entry {
        &self.entries[index]
    }

    pub fn entry_mut(&mut self, index: usize) -> &mut Entry {
        &mut self.entries[index]
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn tags(&self) -> &[TagInfo] {
        &self.tags
    }

    /// The indices of the entries that carry a tag, in order.
    pub fn tagged(&self, tag: usize) -> &[u32] {
        self.tagged.get(tag).map_or(&[], Vec::as_slice)
    }

    pub fn tag_id(&self, key: &TagKey) -> Option<usize> {
        self.tag_ids.get(key).copied()
    }

    /// Tag ids that articles of this run's sources carry, most used first, then by name.
    pub fn tags_by_count(&self) -> Vec<usize> {
        let mut ids: Vec<usize> = (0..self.tags.len())
            .filter(|&id| self.tags[id].count > 0)
            .collect();
        ids.sort_by(|&a, &b| {
            let (a, b) = (&self.tags[a], &self.tags[b]);
            b.count
                .cmp(&a.count)
                .then_with(|| a.tag.key().cmp(&b.tag.key()))
        });
        ids
    }

    pub fn position(&self, id: &ArticleId) -> Option<usize> {
        self.positions.get(id).copied()
    }

    /// Finds the one article whose id is, or starts with, `prefix`.
    pub fn find(&self, prefix: &str) -> Result<usize, LookupError> {
        let prefix = prefix.trim().to_lowercase();
        if let Some(index) = self.position(&ArticleId::from_stored(prefix.clone())) {
            return Ok(index);
        }
        if prefix.chars().count() < ArticleId::MIN_PREFIX {
            return Err(LookupError::TooShort(prefix));
        }
        let found: Vec<usize> = (0..self.entries.len())
            .filter(|&i| self.entries[i].article.id.as_str().starts_with(&prefix))
            .collect();
        match found.as_slice() {
            [one] => Ok(*one),
            [] => Err(LookupError::NotFound(prefix)),
            many => Err(LookupError::Ambiguous(
                prefix,
                many.iter()
                    .map(|&i| self.entries[i].article.id.clone())
                    .collect(),
            )),
        }
    }
}

/// An entry index as the lists of entries per tag keep it: four bytes, as a library holds
/// far fewer than four billion articles.
fn entry_number(index: usize) -> u32 {
    u32::try_from(index).expect("fewer than 2^32 articles")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::Body;
    use crate::model::tag::parse_tag_list;
    use chrono::{TimeZone, Utc};

    pub(crate) fn article(identity: &str, title: &str, tags: &str, day: Option<u32>) -> Article {
        Article {
            id: ArticleId::from_identity(identity),
            title: title.into(),
            source: "Test".into(),
            author: None,
            published: day.map(|d| Utc.with_ymd_and_hms(2026, 10, d, 9, 0, 0).unwrap()),
            url: None,
            tags: parse_tag_list(tags),
            body: Body::default(),
        }
    }

    #[test]
    fn newest_first_then_undated_in_order() {
        let library = Library::new(vec![
            article("a", "Undated one", "", None),
            article("b", "Older", "", Some(1)),
            article("c", "Newer", "", Some(9)),
            article("d", "Undated two", "", None),
        ]);
        let titles: Vec<&str> = library
            .order()
            .iter()
            .map(|&i| library.entry(i).article.title.as_str())
            .collect();
        assert_eq!(titles, ["Newer", "Older", "Undated one", "Undated two"]);
    }

    #[test]
    fn tags_are_counted_case_insensitively() {
        let library = Library::new(vec![
            article("a", "A", "China, Russia", Some(3)),
            article("b", "B", "china, U.S.", Some(2)),
            article("c", "C", "u.s., CHINA", Some(1)),
        ]);
        let ranked: Vec<(String, usize)> = library
            .tags_by_count()
            .into_iter()
            .map(|id| (library.tags()[id].tag.to_string(), library.tags()[id].count))
            .collect();
        assert_eq!(
            ranked,
            [
                ("China".into(), 3),
                ("U.S.".into(), 2),
                ("Russia".into(), 1)
            ]
        );
    }

    #[test]
    fn saved_snapshots_join_without_duplicates_or_counts() {
        let mut library = Library::new(vec![article("a", "A", "Space", Some(1))]);
        library.add_saved(vec![
            article("a", "A", "Space", Some(1)),
            article("gone", "Gone", "Space, Lost", Some(2)),
        ]);
        assert_eq!(library.len(), 2);
        assert!(library.entries().iter().all(|e| e.bookmarked));
        assert_eq!(library.entry(1).origin, Origin::SavedOnly);
        assert_eq!(library.source_count(), 1);
        library.merge(
            Some("https://f.example/rss"),
            vec![article("gone", "Back", "", Some(2))],
        );
        assert_eq!(
            library.source_count(),
            2,
            "a saved copy whose feed came back counts"
        );
        assert_eq!(
            library.tags_by_count().len(),
            1,
            "a tag only on a saved snapshot is not listed"
        );
    }

    #[test]
    fn a_refreshed_feed_replaces_its_articles_in_place() {
        let mut library = Library::new(vec![article("file", "File", "Local", Some(5))]);
        let new = library.merge(
            Some("https://f.example/rss"),
            vec![article("a", "A", "News", Some(1))],
        );
        assert_eq!(new, 1);
        let a = library.position(&ArticleId::from_identity("a")).unwrap();
        library.entry_mut(a).read = true;
        let new = library.merge(
            Some("https://f.example/rss"),
            vec![
                article("a", "A, updated", "World", Some(1)),
                article("b", "B", "News", Some(9)),
            ],
        );
        assert_eq!(new, 1);
        let entry = library.entry(a);
        assert_eq!(
            (entry.article.title.as_str(), entry.read),
            ("A, updated", true)
        );
        assert_eq!(entry.feed.as_deref(), Some("https://f.example/rss"));
        let counts: Vec<(String, usize)> = library
            .tags_by_count()
            .into_iter()
            .map(|id| (library.tags()[id].tag.to_string(), library.tags()[id].count))
            .collect();
        assert_eq!(
            counts,
            [("Local".into(), 1), ("News".into(), 1), ("World".into(), 1)]
        );
        let titles: Vec<&str> = library
            .order()
            .iter()
            .map(|&i| library.entry(i).article.title.as_str())
            .collect();
        assert_eq!(titles, ["B", "File", "A, updated"]);
        assert_eq!(
            library.merge(None, vec![article("file", "File again", "", Some(5))]),
            0
        );
        assert_eq!(
            library.entry(0).article.title,
            "File",
            "a file given twice keeps its first copy"
        );
    }

    #[test]
    fn the_entries_of_each_tag_follow_replacements() {
        let mut library = Library::new(vec![
            article("a", "A", "News", Some(1)),
            article("b", "B", "News, World", Some(2)),
        ]);
        let news = library.tag_id(&TagKey::of("news")).unwrap();
        let world = library.tag_id(&TagKey::of("world")).unwrap();
        assert_eq!(library.tagged(news), [0, 1]);
        assert_eq!(library.tagged(world), [1]);
        library.merge(
            Some("https://f.example/rss"),
            vec![article("a", "A", "World", Some(1))],
        );
        assert_eq!(library.tagged(news), [1]);
        assert_eq!(library.tagged(world), [0, 1]);
        assert!(library.tagged(99).is_empty());
    }

    #[test]
    fn ids_are_found_by_unique_prefix() {
        let library = Library::new(vec![
            article("a", "A", "", None),
            article("b", "B", "", None),
        ]);
        let id = library.entry(1).article.id.to_string();
        assert_eq!(library.find(&id), Ok(1));
        assert_eq!(library.find(&id[..5].to_uppercase()), Ok(1));
        assert!(matches!(
            library.find(&id[..3]),
            Err(LookupError::TooShort(_))
        ));
        assert!(matches!(
            library.find("zzzzzz"),
            Err(LookupError::NotFound(_))
        ));
    }
}
