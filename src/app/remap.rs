//! Where the articles, tags and sources of one library are in another: the library of the
//! start, with the newest cached articles, and the whole list read in the background, which
//! takes its place. Indices and ids differ between the two; ids of articles, tag keys and
//! source keys do not.

use super::nav::NavItem;
use crate::model::library::Library;

pub(super) struct Remap<'a> {
    before: &'a Library,
    after: &'a Library,
}

impl<'a> Remap<'a> {
    pub(super) fn new(before: &'a Library, after: &'a Library) -> Self {
        Self { before, after }
    }

    /// The library index in `after` of the article at `index` in `before`.
    pub(super) fn index(&self, index: usize) -> Option<usize> {
        self.after.position(&self.before.entry(index).article.id)
    }

    pub(super) fn tag(&self, id: usize) -> Option<usize> {
        self.after.tag_id(&self.before.tags()[id].tag.key())
    }

    pub(super) fn source(&self, id: usize) -> Option<usize> {
        self.after.find_source(&self.before.sources()[id].key)
    }

    /// The same query, feed or tag of the navigation pane.
    pub(super) fn item(&self, item: NavItem) -> Option<NavItem> {
        match item {
            NavItem::Tag(id) => self.tag(id).map(NavItem::Tag),
            NavItem::Source(id) => self.source(id).map(NavItem::Source),
            NavItem::Query(query) => Some(NavItem::Query(query)),
        }
    }
}
