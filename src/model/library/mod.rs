//! The article index of one run: every article with its tag ids, source, search text and
//! read and bookmark flags; every tag and every source with its articles and their counts.

mod entry;
mod groups;
mod kept;
mod lookup;
mod moved;

pub use entry::{Entry, Origin, TagIds};
pub use groups::{Members, SourceInfo, SourceKey, TagInfo};
pub use lookup::LookupError;

use std::cell::OnceCell;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::{Article, ArticleId, Tag, TagKey};
use entry::entry_number;

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
    tags: Vec<TagInfo>,
    tag_ids: HashMap<TagKey, usize>,
    /// Each spelling of a tag met so far, to its id and the one copy articles share.
    spellings: HashMap<Box<str>, (usize, Tag)>,
    sources: Vec<SourceInfo>,
    source_ids: HashMap<SourceKey, usize>,
    positions: HashMap<ArticleId, usize>,
    /// Entries from this run's sources (not saved-only), for "12 of 40".
    source_count: usize,
    /// Entries that came from the feed cache, whose bodies the store's index searches.
    cached_count: usize,
    /// When each bookmark was saved, as far as this run knows, with a sequence number that
    /// orders bookmarks saved within one tick of the clock: the bookmarks view lists the
    /// newest first, as `tidings bookmarks` does.
    saved_at: HashMap<ArticleId, (DateTime<Utc>, u64)>,
    /// The next sequence number of a save.
    saves: u64,
}

impl Library {
    /// Builds the index of articles from article files. An article whose id was already
    /// seen (the same file given twice) is left out.
    pub fn new(articles: Vec<Article>) -> Self {
        let mut library = Self::default();
        library.merge(None, articles);
        library
    }

    /// Adds the bundled sample articles, as a source of their own.
    pub fn add_samples(&mut self, articles: Vec<Article>) {
        let source = self.source_id(SourceKey::Samples);
        for article in articles {
            if !self.positions.contains_key(&article.id) {
                self.push(article, Origin::Source, Some(source), false);
            }
        }
        self.sort();
    }

    /// Adds the articles of a source: `feed` is the feed's address, or `None` for files. An
    /// article of a feed seen before (same id) replaces its earlier copy and keeps its read
    /// and bookmark marks. Returns how many articles were new.
    pub fn merge(&mut self, feed: Option<&str>, articles: Vec<Article>) -> usize {
        let source = self.source_id(match feed {
            Some(url) => SourceKey::Feed(url.into()),
            None => SourceKey::Local,
        });
        let mut new = 0;
        for article in articles {
            match self.positions.get(&article.id) {
                Some(&index)
                    if feed.is_some() || self.entries[index].origin == Origin::SavedOnly =>
                {
                    self.replace(index, source, article);
                }
                Some(_) => {}
                None => {
                    self.push(article, Origin::Source, Some(source), false);
                    new += 1;
                }
            }
        }
        self.sort();
        new
    }

    /// Makes a feed known by its address, whether or not it has articles yet, with the name
    /// to show if there is one (the reader's name or the feed's title); a feed known
    /// already takes the name.
    pub fn add_feed(&mut self, url: &str, name: Option<&str>) {
        let id = self.source_id(SourceKey::Feed(url.into()));
        if let Some(name) = name {
            let source = &mut self.sources[id];
            name.clone_into(&mut source.name);
            source.named = true;
        }
    }

    /// Knows every feed `other` knows, by the names `other` gave them.
    pub fn add_feeds_of(&mut self, other: &Library) {
        for source in other.sources.iter().filter(|s| !s.dropped) {
            if let SourceKey::Feed(url) = &source.key {
                self.add_feed(url, source.named.then_some(source.name.as_str()));
            }
        }
    }

    /// The id of a source, registering it if it is new; a feed taken out of the run is back.
    fn source_id(&mut self, key: SourceKey) -> usize {
        if let Some(&id) = self.source_ids.get(&key) {
            self.sources[id].dropped = false;
            return id;
        }
        let id = self.sources.len();
        let name = groups::default_name(&key);
        self.source_ids.insert(key.clone(), id);
        self.sources.push(SourceInfo::new(key, name));
        id
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

    /// Tag ids of `tags`, registering new tags; each tag becomes the library's shared copy of
    /// its spelling.
    fn tag_ids_for(&mut self, tags: &mut [Tag]) -> TagIds {
        let mut ids = TagIds::with_capacity(tags.len());
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
                            members: Members::default(),
                        });
                    }
                    self.spellings
                        .insert(tag.as_str().into(), (id, tag.clone()));
                    id
                }
            };
            ids.push(id);
        }
        ids
    }

    /// Applies `change` to the members of each tag and of the source of an entry, with the
    /// entry's number, whether it is counted (from a source of this run) and whether unread.
    fn update_groups(&mut self, index: usize, change: impl Fn(&mut Members, u32, bool, bool)) {
        let number = entry_number(index);
        let entry = &self.entries[index];
        let (counted, unread) = (entry.origin == Origin::Source, !entry.read);
        for &tag in &entry.tag_ids {
            change(&mut self.tags[tag].members, number, counted, unread);
        }
        if let Some(source) = entry.source {
            change(&mut self.sources[source].members, number, counted, unread);
        }
    }

    /// Adds an entry; `from_cache` when it was read from the feed cache, with its body left
    /// in the store if it came without one.
    fn push(
        &mut self,
        mut article: Article,
        origin: Origin,
        source: Option<usize>,
        from_cache: bool,
    ) -> usize {
        let tag_ids = self.tag_ids_for(&mut article.tags);
        if origin == Origin::Source {
            self.source_count += 1;
        }
        if from_cache {
            self.cached_count += 1;
        }
        let index = self.entries.len();
        self.positions.insert(article.id.clone(), index);
        let feed = source.and_then(|id| self.feed_of(id, &article));
        let article_has_no_body = article.body.blocks.is_empty();
        self.entries.push(Entry {
            article,
            origin,
            tag_ids,
            source,
            read: false,
            bookmarked: false,
            feed,
            body_in_store: from_cache && article_has_no_body,
            from_cache,
        });
        self.update_groups(index, Members::add);
        if let Some(texts) = self.search_texts.get_mut() {
            texts.push(self.entries[index].search_text());
        }
        index
    }

    fn replace(&mut self, index: usize, source: usize, mut article: Article) {
        let tag_ids = self.tag_ids_for(&mut article.tags);
        let entry = &self.entries[index];
        // A feed sends most articles again as they were: their groups and counts stay, and
        // a large group's list of entries is not shifted twice for each of them.
        let same_groups = entry.origin == Origin::Source
            && entry.source == Some(source)
            && entry.tag_ids == tag_ids;
        if !same_groups {
            self.update_groups(index, Members::remove);
        }
        if self.entries[index].origin == Origin::SavedOnly {
            self.source_count += 1;
        }
        let feed = self.feed_of(source, &article);
        let entry = &mut self.entries[index];
        entry.article = article;
        entry.tag_ids = tag_ids;
        entry.origin = Origin::Source;
        entry.source = Some(source);
        entry.feed = feed;
        entry.body_in_store = false;
        entry.from_cache = false;
        if !same_groups {
            self.update_groups(index, Members::add);
        }
        if let Some(texts) = self.search_texts.get_mut() {
            texts[index] = self.entries[index].search_text();
        }
    }

    /// The shared address of a source that is a feed; a feed not yet named takes the
    /// source name of its first article (the feed's own title).
    fn feed_of(&mut self, source: usize, article: &Article) -> Option<Arc<str>> {
        let info = &mut self.sources[source];
        let SourceKey::Feed(url) = &info.key else {
            return None;
        };
        if !info.named && !article.source.is_empty() {
            info.name.clone_from(&article.source);
            info.named = true;
        }
        Some(Arc::clone(url))
    }

    /// Adds an article read from the feed cache without its body, with its feed's address;
    /// [`Library::sort`] puts the list in order once they are all in. An article already
    /// here from a source is left as it is; a saved-only copy becomes the cached article.
    pub fn add_cached(&mut self, feed: &str, article: Article) {
        match self.positions.get(&article.id) {
            None => {
                let source = self.source_id(SourceKey::Feed(feed.into()));
                self.push(article, Origin::Source, Some(source), true);
            }
            Some(&index) if self.entries[index].origin == Origin::SavedOnly => {
                self.cached_in_place_of_copy(index, feed, article);
            }
            Some(_) => {}
        }
    }

    /// Marks an entry read or unread, keeping the counts of its tags and source.
    pub fn set_read(&mut self, index: usize, read: bool) {
        let entry = &mut self.entries[index];
        if entry.read == read {
            return;
        }
        entry.read = read;
        self.update_groups(index, |members, _, counted, _| {
            if counted {
                members.mark(read);
            }
        });
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
        self.tags
            .get(tag)
            .map_or(&[], |info| info.members.entries())
    }

    pub fn tag_id(&self, key: &TagKey) -> Option<usize> {
        self.tag_ids.get(key).copied()
    }

    /// Tag ids that articles of this run's sources carry, most used first, then by name.
    pub fn tags_by_count(&self) -> Vec<usize> {
        let mut ids: Vec<usize> = (0..self.tags.len())
            .filter(|&id| self.tags[id].members.total > 0)
            .collect();
        ids.sort_by_cached_key(|&id| {
            let tag = &self.tags[id];
            (std::cmp::Reverse(tag.members.total), tag.tag.key())
        });
        ids
    }

    pub fn sources(&self) -> &[SourceInfo] {
        &self.sources
    }

    /// The id of a source known to the library.
    pub fn find_source(&self, key: &SourceKey) -> Option<usize> {
        self.source_ids.get(key).copied()
    }

    /// Source ids as the navigation pane lists them: feeds by name, then local articles,
    /// then the samples. Sources with no articles are listed when they are feeds (a feed
    /// not fetched yet) and left out otherwise.
    pub fn sources_by_name(&self) -> Vec<usize> {
        let rank = |key: &SourceKey| match key {
            SourceKey::Feed(_) => 0,
            SourceKey::Local => 1,
            SourceKey::Samples => 2,
        };
        let mut ids: Vec<usize> = (0..self.sources.len())
            .filter(|&id| {
                let source = &self.sources[id];
                !source.dropped
                    && (source.members.total > 0 || matches!(source.key, SourceKey::Feed(_)))
            })
            .collect();
        let names: Vec<String> = self.sources.iter().map(|s| s.name.to_lowercase()).collect();
        ids.sort_by(|&a, &b| {
            rank(&self.sources[a].key)
                .cmp(&rank(&self.sources[b].key))
                .then_with(|| names[a].cmp(&names[b]))
        });
        ids
    }

    /// How many articles of this run's sources are unread.
    pub fn unread_count(&self) -> usize {
        self.sources.iter().map(|s| s.members.unread).sum()
    }

    pub fn position(&self, id: &ArticleId) -> Option<usize> {
        self.positions.get(id).copied()
    }
}

#[cfg(test)]
pub(crate) mod tests;
