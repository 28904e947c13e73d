//! Reading what is new: unread only, marking read and unread, marking the whole list read
//! and undoing it, and going from unread article to unread article.

use super::App;
use crate::effect::Effect;
use crate::focus::Focus;
use crate::model::ArticleId;
use crate::worker::store::{ReadChange, StoreRequest};

impl App {
    /// `u`: only unread articles ↔ everything. The article under the cursor stays listed
    /// until the selection moves away, even if it is read.
    pub(super) fn toggle_unread_only(&mut self) {
        self.filter.unread_only = !self.filter.unread_only;
        if self.filter.unread_only {
            self.linger_selected();
            self.set_info("unread articles only".to_string());
        } else {
            self.lingering = None;
            self.set_info("all articles".to_string());
        }
        self.refilter();
    }

    /// `m`: the selected article read ↔ unread.
    pub(super) fn toggle_read(&mut self) -> Vec<Effect> {
        let Some(entry) = self.selected_entry() else {
            return Vec::new();
        };
        if let Some(problem) = &self.store_problem {
            self.set_error(format!("cannot save read marks: {problem}"));
            return Vec::new();
        }
        let read = !entry.is_read();
        let ids = vec![entry.article.id.clone()];
        if read {
            self.linger_selected();
        }
        self.marking = vec![self.visible[self.selected]];
        vec![Effect::Store(StoreRequest::SetRead {
            ids,
            read,
            change: ReadChange::Toggle,
        })]
    }

    /// `A`: every unread article of the list as shown, read; `U` undoes it.
    pub(super) fn mark_all_read(&mut self) -> Vec<Effect> {
        if let Some(problem) = &self.store_problem {
            self.set_error(format!("cannot save read marks: {problem}"));
            return Vec::new();
        }
        let library = &self.library;
        let (ids, indices): (Vec<ArticleId>, Vec<usize>) = self
            .visible
            .iter()
            .filter(|&&i| !library.entry(i).is_read())
            .map(|&i| (library.entry(i).article.id.clone(), i))
            .unzip();
        if ids.is_empty() {
            self.set_info("every article listed is read already".to_string());
            return Vec::new();
        }
        self.marking = indices;
        if let Some(scope) = self.server_scope() {
            return vec![Effect::Store(StoreRequest::MarkAllRead { ids, scope })];
        }
        vec![Effect::Store(StoreRequest::SetRead {
            ids,
            read: true,
            change: ReadChange::MarkAll,
        })]
    }

    pub(super) fn undo_mark_all(&mut self) -> Vec<Effect> {
        match self.last_marked.take() {
            Some((ids, indices)) => {
                self.marking = indices;
                vec![Effect::Store(StoreRequest::SetRead {
                    ids,
                    read: false,
                    change: ReadChange::Undo,
                })]
            }
            None => {
                let key = self
                    .settings
                    .keymap
                    .first_key(crate::action::Action::MarkAllRead);
                self.set_info(format!("nothing to undo: {key} marks the list read"));
                Vec::new()
            }
        }
    }

    /// What the store did with read marks: the counts and the list follow. The articles are
    /// where they were when the marks were asked for, unless the whole list was read since.
    pub(super) fn on_read_set(&mut self, ids: Vec<ArticleId>, read: bool, change: ReadChange) {
        let hints = std::mem::take(&mut self.marking);
        let mut indices = Vec::with_capacity(ids.len());
        for (k, id) in ids.iter().enumerate() {
            let library = &self.library;
            let hinted = hints
                .get(k)
                .filter(|&&i| i < library.len() && library.entry(i).article.id == *id);
            match hinted.copied().or_else(|| library.position(id)) {
                Some(index) => {
                    self.library.set_read(index, read);
                    indices.push(index);
                }
                None => indices.push(usize::MAX),
            }
        }
        let count = ids.len();
        match change {
            ReadChange::Toggle => {
                self.set_info(if read { "marked read" } else { "marked unread" }.to_string());
            }
            ReadChange::MarkAll => {
                let key = self
                    .settings
                    .keymap
                    .first_key(crate::action::Action::UndoMarkAll);
                self.set_info(format!("marked {count} read · {key} undoes"));
                self.last_marked = Some((ids, indices));
            }
            ReadChange::Undo => self.set_info(format!("marked {count} unread again")),
        }
        if self.filter.unread_only && change != ReadChange::Toggle {
            self.lingering = None;
            self.refilter_all();
        } else {
            self.count_visible_unread();
        }
    }

    /// `]` and `[`: the next (previous) unread article of the list, opened in the reader.
    /// From the list, the selected article counts when it is unread: it has not been read.
    pub(super) fn next_unread(&mut self, forward: bool) {
        let library = &self.library;
        let unread = |&(_, &index): &(usize, &usize)| !library.entry(index).is_read();
        let this_one = usize::from(self.focus != Focus::Reader);
        let found = if forward {
            self.visible
                .iter()
                .enumerate()
                .skip(self.selected + 1 - this_one)
                .find(unread)
        } else {
            self.visible
                .iter()
                .enumerate()
                .take(self.selected + this_one)
                .rev()
                .find(unread)
        };
        match found {
            Some((position, _)) => {
                self.selected = position;
                self.focus = Focus::Reader;
            }
            None if forward => self.set_info("no unread article below this one".to_string()),
            None => self.set_info("no unread article above this one".to_string()),
        }
    }

    /// Whether the reader shows the end of its article: Space then goes on to the next
    /// unread one.
    pub(super) fn reader_at_end(&self) -> bool {
        let height = usize::from(self.reader_text().height);
        self.reader
            .as_ref()
            .is_some_and(|reader| reader.scroll + height >= reader.wrapped.lines.len())
    }

    /// Keeps the selected article listed in the unread-only list once it is read.
    pub(super) fn linger_selected(&mut self) {
        if self.filter.unread_only {
            self.lingering = self.visible.get(self.selected).copied();
        }
    }

    /// Once the selection has moved away from the article that lingered, it leaves the
    /// unread-only list, if it is read.
    pub(super) fn let_go_of_lingering(&mut self) {
        let Some(kept) = self.lingering else {
            return;
        };
        if self.visible.get(self.selected) == Some(&kept) {
            return;
        }
        self.lingering = None;
        if !self.filter.unread_only || !self.library.entry(kept).is_read() {
            return;
        }
        if let Some(position) = self.visible.iter().position(|&i| i == kept) {
            self.visible.remove(position);
            if position < self.selected {
                self.selected -= 1;
                self.list_offset = self.list_offset.saturating_sub(1);
            }
        }
    }
}
