//! The navigation pane: the saved queries (when there are any), the sources (feeds, local
//! articles, samples), then the tags, each row chosen to narrow the list. The cursor moves over the rows that can be chosen; the
//! section headings are rows too, for scrolling and clicks.

use super::cursor::offset_index;
use crate::model::library::Library;

/// A row the cursor can be on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavItem {
    /// A saved query, by its place among the queries.
    Query(usize),
    Source(usize),
    Tag(usize),
}

/// A row of the pane as drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavRow {
    QueriesHeading,
    SourcesHeading,
    /// Shown in a section with nothing in it.
    Nothing,
    Gap,
    TagsHeading,
    /// An item, with its position among the items (the cursor's unit).
    Item(usize, NavItem),
}

#[derive(Debug, Clone, Default)]
pub struct Nav {
    /// How many saved queries head the pane.
    queries: usize,
    /// Source ids in the order the pane lists them.
    sources: Vec<usize>,
    /// Tag ids in the order the pane lists them: most used first.
    tags: Vec<usize>,
    /// Position among the items (queries, sources, then tags) of the cursor.
    cursor: usize,
    /// First row on screen.
    offset: usize,
}

impl Nav {
    pub fn new(library: &Library, queries: usize) -> Self {
        Self {
            queries,
            sources: library.sources_by_name(),
            tags: library.tags_by_count(),
            cursor: 0,
            offset: 0,
        }
    }

    /// Lists the library's sources and tags again (after a refresh or a new library),
    /// keeping the cursor on the item it was on; a cursor on the first item stays first.
    pub(super) fn relist(&mut self, library: &Library, same: impl Fn(NavItem) -> Option<NavItem>) {
        let under_cursor = (self.cursor > 0)
            .then(|| self.item(self.cursor))
            .flatten()
            .and_then(same);
        self.sources = library.sources_by_name();
        self.tags = library.tags_by_count();
        if let Some(item) = under_cursor {
            self.cursor = self.position_of(item).unwrap_or(self.cursor);
        }
        self.cursor = self.cursor.min(self.len().saturating_sub(1));
    }

    pub fn is_empty(&self) -> bool {
        self.queries == 0 && self.sources.is_empty() && self.tags.is_empty()
    }

    /// Source ids in the order the pane lists them.
    pub fn sources(&self) -> &[usize] {
        &self.sources
    }

    /// Tag ids in the order the pane lists them: most used first.
    pub fn tags(&self) -> &[usize] {
        &self.tags
    }

    /// Position among the items (queries, sources, then tags) of the cursor.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// First row on screen.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The item under the cursor.
    pub fn under_cursor(&self) -> Option<NavItem> {
        self.item(self.cursor)
    }

    /// Moves the cursor by `delta` items, within the items.
    pub(super) fn move_cursor(&mut self, delta: isize) {
        self.cursor = offset_index(self.cursor, delta, self.len());
    }

    /// A click on the row `row` of the pane as shown: the cursor goes to the item there, if
    /// there is one, which is returned.
    pub(super) fn click(&mut self, row: usize) -> Option<NavItem> {
        let Some(NavRow::Item(position, item)) = self.row(self.offset + row) else {
            return None;
        };
        self.cursor = position;
        Some(item)
    }

    /// How many items the cursor can be on.
    pub fn len(&self) -> usize {
        self.queries + self.sources.len() + self.tags.len()
    }

    pub fn item(&self, position: usize) -> Option<NavItem> {
        if position < self.queries {
            return Some(NavItem::Query(position));
        }
        let position = position - self.queries;
        match position.checked_sub(self.sources.len()) {
            None => Some(NavItem::Source(self.sources[position])),
            Some(tag) => self.tags.get(tag).map(|&id| NavItem::Tag(id)),
        }
    }

    fn position_of(&self, item: NavItem) -> Option<usize> {
        match item {
            NavItem::Query(query) => (query < self.queries).then_some(query),
            NavItem::Source(id) => self
                .sources
                .iter()
                .position(|&s| s == id)
                .map(|p| p + self.queries),
            NavItem::Tag(id) => self
                .tags
                .iter()
                .position(|&t| t == id)
                .map(|p| p + self.queries + self.sources.len()),
        }
    }

    /// Rows the Queries section takes, its heading and the gap after it included: none
    /// without saved queries.
    fn query_rows(&self) -> usize {
        if self.queries == 0 {
            0
        } else {
            self.queries + 2
        }
    }

    /// Rows the sources take: their own, or one saying there are none.
    fn source_rows(&self) -> usize {
        self.sources.len().max(1)
    }

    /// Every row of the pane, headings included.
    pub fn row_count(&self) -> usize {
        self.query_rows() + 3 + self.source_rows() + self.tags.len().max(1)
    }

    /// What the pane shows at a row.
    pub fn row(&self, row: usize) -> Option<NavRow> {
        let queries = self.query_rows();
        if row < queries {
            return Some(match row {
                0 => NavRow::QueriesHeading,
                _ if row <= self.queries => NavRow::Item(row - 1, NavItem::Query(row - 1)),
                _ => NavRow::Gap,
            });
        }
        let (row, before) = (row - queries, self.queries);
        let sources = self.source_rows();
        let tags_from = 3 + sources;
        Some(match row {
            0 => NavRow::SourcesHeading,
            _ if row <= sources => match self.sources.get(row - 1) {
                Some(&id) => NavRow::Item(before + row - 1, NavItem::Source(id)),
                None => NavRow::Nothing,
            },
            _ if row == sources + 1 => NavRow::Gap,
            _ if row == sources + 2 => NavRow::TagsHeading,
            _ if row + queries < self.row_count() => match self.tags.get(row - tags_from) {
                Some(&id) => NavRow::Item(
                    before + self.sources.len() + row - tags_from,
                    NavItem::Tag(id),
                ),
                None => NavRow::Nothing,
            },
            _ => return None,
        })
    }

    /// The row of an item position.
    fn row_of(&self, position: usize) -> usize {
        if position < self.queries {
            return position + 1;
        }
        let (position, queries) = (position - self.queries, self.query_rows());
        if position < self.sources.len() {
            queries + position + 1
        } else {
            queries + position - self.sources.len() + 3 + self.source_rows()
        }
    }

    /// Keeps the cursor among `rows` rows on screen, with its section's heading when the
    /// cursor is on the section's first item.
    pub(super) fn keep_in_view(&mut self, rows: usize) {
        self.cursor = self.cursor.min(self.len().saturating_sub(1));
        let row = self.row_of(self.cursor);
        let heading_above = matches!(
            row.checked_sub(1).and_then(|r| self.row(r)),
            Some(NavRow::QueriesHeading | NavRow::SourcesHeading | NavRow::TagsHeading)
        );
        let top = if heading_above { row - 1 } else { row };
        // The offsets that show the cursor's row: it at the bottom, ..., it at the top.
        let lowest = (row + 1).saturating_sub(rows);
        self.offset = self.offset.clamp(lowest, row);
        if self.offset > top {
            self.offset = top.max(lowest);
        }
        self.offset = self.offset.min(self.row_count().saturating_sub(rows));
    }
}

#[cfg(test)]
#[path = "nav_tests.rs"]
mod tests;
