//! The navigation pane: the sources (feeds, local articles, samples), then the tags, each
//! row chosen to narrow the list. The cursor moves over the rows that can be chosen; the
//! section headings are rows too, for scrolling and clicks.

use super::App;
use crate::model::library::Library;

/// A row the cursor can be on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavItem {
    Source(usize),
    Tag(usize),
}

/// A row of the pane as drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavRow {
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
    /// Source ids in the order the pane lists them.
    pub sources: Vec<usize>,
    /// Tag ids in the order the pane lists them: most used first.
    pub tags: Vec<usize>,
    /// Position among the items (sources, then tags) of the cursor.
    pub cursor: usize,
    /// First row on screen.
    pub offset: usize,
}

impl Nav {
    pub fn new(library: &Library) -> Self {
        Self {
            sources: library.sources_by_name(),
            tags: library.tags_by_count(),
            cursor: 0,
            offset: 0,
        }
    }

    /// Lists the library's sources and tags again (after a refresh or a new library),
    /// keeping the cursor on the item it was on; a cursor on the first item stays first.
    pub fn relist(&mut self, library: &Library, same: impl Fn(NavItem) -> Option<NavItem>) {
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
        self.sources.is_empty() && self.tags.is_empty()
    }

    /// How many items the cursor can be on.
    pub fn len(&self) -> usize {
        self.sources.len() + self.tags.len()
    }

    pub fn item(&self, position: usize) -> Option<NavItem> {
        match position.checked_sub(self.sources.len()) {
            None => Some(NavItem::Source(self.sources[position])),
            Some(tag) => self.tags.get(tag).map(|&id| NavItem::Tag(id)),
        }
    }

    fn position_of(&self, item: NavItem) -> Option<usize> {
        match item {
            NavItem::Source(id) => self.sources.iter().position(|&s| s == id),
            NavItem::Tag(id) => self
                .tags
                .iter()
                .position(|&t| t == id)
                .map(|p| p + self.sources.len()),
        }
    }

    /// Rows the sources take: their own, or one saying there are none.
    fn source_rows(&self) -> usize {
        self.sources.len().max(1)
    }

    /// Every row of the pane, headings included.
    pub fn row_count(&self) -> usize {
        3 + self.source_rows() + self.tags.len().max(1)
    }

    /// What the pane shows at a row.
    pub fn row(&self, row: usize) -> Option<NavRow> {
        let sources = self.source_rows();
        let tags_from = 3 + sources;
        Some(match row {
            0 => NavRow::SourcesHeading,
            _ if row <= sources => match self.sources.get(row - 1) {
                Some(&id) => NavRow::Item(row - 1, NavItem::Source(id)),
                None => NavRow::Nothing,
            },
            _ if row == sources + 1 => NavRow::Gap,
            _ if row == sources + 2 => NavRow::TagsHeading,
            _ if row < self.row_count() => match self.tags.get(row - tags_from) {
                Some(&id) => NavRow::Item(self.sources.len() + row - tags_from, NavItem::Tag(id)),
                None => NavRow::Nothing,
            },
            _ => return None,
        })
    }

    /// The row of an item position.
    fn row_of(&self, position: usize) -> usize {
        if position < self.sources.len() {
            position + 1
        } else {
            position - self.sources.len() + 3 + self.source_rows()
        }
    }

    /// Keeps the cursor among `rows` rows on screen, with its section's heading when the
    /// cursor is on the section's first item.
    pub fn keep_in_view(&mut self, rows: usize) {
        self.cursor = self.cursor.min(self.len().saturating_sub(1));
        let row = self.row_of(self.cursor);
        let heading_above = matches!(
            row.checked_sub(1).and_then(|r| self.row(r)),
            Some(NavRow::SourcesHeading | NavRow::TagsHeading)
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

impl App {
    /// Rows of the navigation pane on screen.
    pub(crate) fn nav_rows(&self) -> usize {
        usize::from(crate::layout::inner(self.pane_rect(crate::focus::Focus::Nav)).height).max(1)
    }

    /// Selects or unselects the item under the cursor: a source or a tag.
    pub(super) fn toggle_nav_item(&mut self) {
        let Some(item) = self.nav.item(self.nav.cursor) else {
            return;
        };
        let toggle = |set: &mut std::collections::BTreeSet<usize>, id: usize| {
            if !set.remove(&id) {
                set.insert(id);
            }
        };
        match item {
            NavItem::Source(id) => toggle(&mut self.filter.sources, id),
            NavItem::Tag(id) => toggle(&mut self.filter.tags, id),
        }
        self.refilter();
    }

    /// Shows only the item under the cursor, and goes to the list.
    pub(super) fn show_only_nav_item(&mut self) {
        let Some(item) = self.nav.item(self.nav.cursor) else {
            return;
        };
        self.filter.sources.clear();
        self.filter.tags.clear();
        match item {
            NavItem::Source(id) => self.filter.sources.insert(id),
            NavItem::Tag(id) => self.filter.tags.insert(id),
        };
        self.refilter();
        self.focus = crate::focus::Focus::List;
    }

    /// A click on a row of the pane: the item there is selected or unselected.
    pub(super) fn click_nav_row(&mut self, row: usize) {
        self.focus = crate::focus::Focus::Nav;
        if row >= self.nav_rows() {
            return;
        }
        if let Some(NavRow::Item(position, _)) = self.nav.row(self.nav.offset + row) {
            self.nav.cursor = position;
            self.toggle_nav_item();
        }
    }

    /// Lists the sources and tags again after the library changed, keeping the cursor's
    /// item (the ids stay the same within one library).
    pub(super) fn relist_nav(&mut self) {
        self.nav.relist(&self.library, Some);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nav(sources: usize, tags: usize) -> Nav {
        Nav {
            sources: (0..sources).collect(),
            tags: (0..tags).collect(),
            cursor: 0,
            offset: 0,
        }
    }

    #[test]
    fn rows_are_headings_items_and_a_gap() {
        let nav = nav(2, 2);
        let rows: Vec<NavRow> = (0..nav.row_count()).filter_map(|r| nav.row(r)).collect();
        assert_eq!(
            rows,
            [
                NavRow::SourcesHeading,
                NavRow::Item(0, NavItem::Source(0)),
                NavRow::Item(1, NavItem::Source(1)),
                NavRow::Gap,
                NavRow::TagsHeading,
                NavRow::Item(2, NavItem::Tag(0)),
                NavRow::Item(3, NavItem::Tag(1)),
            ]
        );
        assert_eq!(nav.row(7), None);
        let empty = tests::nav(0, 0);
        let rows: Vec<NavRow> = (0..empty.row_count())
            .filter_map(|r| empty.row(r))
            .collect();
        assert_eq!(
            rows,
            [
                NavRow::SourcesHeading,
                NavRow::Nothing,
                NavRow::Gap,
                NavRow::TagsHeading,
                NavRow::Nothing
            ]
        );
        assert_eq!(empty.item(0), None);
    }

    #[test]
    fn the_cursor_stays_in_view_with_its_heading() {
        let mut nav = nav(10, 10);
        nav.cursor = 15;
        nav.keep_in_view(5);
        // Tag 5 is at row 3 + 10 + 5 = 18.
        assert_eq!(nav.offset, 14);
        nav.cursor = 10;
        nav.keep_in_view(5);
        assert_eq!(nav.offset, 12, "the tags heading shows above the first tag");
        nav.cursor = 0;
        nav.keep_in_view(5);
        assert_eq!(nav.offset, 0);
        nav.cursor = 99;
        nav.keep_in_view(5);
        assert_eq!((nav.cursor, nav.offset), (19, 18));
    }
}
