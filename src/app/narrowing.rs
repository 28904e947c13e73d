//! Narrowing the list from the navigation pane: Space (or a click) chooses the feed or tag
//! under the cursor, or no longer; Enter shows only it.

use super::{App, NavItem};
use crate::effect::Effect;
use crate::focus::Focus;
use crate::worker::store::StoreRequest;

impl App {
    /// Chooses the item under the cursor, a query, a source or a tag, or no longer.
    pub(super) fn toggle_nav_item(&mut self) {
        let now = self.now();
        match self.nav.under_cursor() {
            Some(NavItem::Query(query)) => {
                let mut chosen = self.list.filter().queries.clone();
                if !chosen.remove(&query) {
                    chosen.insert(query);
                }
                let members = self.queries.members_of(&chosen);
                self.list.use_queries(chosen, members, &self.library, now);
            }
            Some(item) => self.list.toggle_item(item, &self.library, now),
            None => {}
        }
    }

    /// Shows only the item under the cursor, and goes to the list.
    pub(super) fn show_only_nav_item(&mut self) {
        if let Some(item) = self.nav.under_cursor() {
            let now = self.now();
            let queries = &self.queries;
            let members = || match item {
                NavItem::Query(query) => queries.members_of(&[query].into()),
                _ => Vec::new(),
            };
            self.list.show_only(item, members, &self.library, now);
            self.screen.focus_on(Focus::List);
        }
    }

    /// What the saved queries need of the store, asked when there are some and the store is
    /// there: at start, and after a refresh or the whole list brought articles.
    pub(super) fn ask_query_facts(&self) -> Option<Effect> {
        (!self.queries.is_empty() && self.jobs.can_save())
            .then(|| Effect::Store(StoreRequest::QueryFacts(self.queries.words_to_find())))
    }

    /// The saved queries asked of the library again, after it changed, and the list of the
    /// chosen ones with them.
    pub(super) fn recount_queries(&mut self) {
        if self.queries.is_empty() {
            return;
        }
        self.queries.recount(&self.library);
        self.show_chosen_queries();
    }

    /// The saved queries asked of the articles a feed's refresh added, not of the whole
    /// library: a refresh of many feeds reports one feed at a time.
    pub(super) fn count_new_for_queries(&mut self) {
        if self.queries.is_empty() {
            return;
        }
        self.queries.count_new(&self.library);
        self.show_chosen_queries();
    }

    fn show_chosen_queries(&mut self) {
        let chosen = self.list.filter().queries.clone();
        if !chosen.is_empty() {
            let members = self.queries.members_of(&chosen);
            let now = self.now();
            self.list.use_queries(chosen, members, &self.library, now);
        }
    }

    /// A click on a row of the pane: the item there is chosen, or no longer.
    pub(super) fn click_nav_row(&mut self, row: usize) {
        self.screen.focus_on(Focus::Nav);
        if row < self.nav_rows() && self.nav.click(row).is_some() {
            self.toggle_nav_item();
        }
    }
}
