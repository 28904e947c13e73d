//! Reading: opening the selected article (or its address, in the browser or the
//! clipboard), what is new (unread only, marking read and unread, marking the whole list
//! read and undoing it, what the store did with those marks), and going from unread article
//! to unread article.

use super::App;
use crate::action::Action;
use crate::effect::Effect;
use crate::focus::Focus;
use crate::model::ArticleId;
use crate::worker::desktop::DesktopRequest;
use crate::worker::store::{ReadChange, StoreRequest};

impl App {
    /// Opens the selected article: the reader takes the focus, which marks it read.
    pub(super) fn open(&mut self) {
        if self.selected_entry().is_some() {
            self.screen.focus_on(Focus::Reader);
        }
    }

    /// Opens or copies the selected article's address, if it has one.
    pub(super) fn ask_desktop(&mut self, request: fn(String) -> DesktopRequest) -> Vec<Effect> {
        match self.selected_entry().and_then(|e| e.article.url.clone()) {
            Some(url) => vec![Effect::Desktop(request(url))],
            None => {
                self.set_info("this article has no address".to_string());
                Vec::new()
            }
        }
    }

    /// `u`: only unread articles ↔ everything. The article under the cursor stays listed
    /// until the selection moves away, even if it is read.
    pub(super) fn toggle_unread_only(&mut self) {
        let now = self.now();
        let unread_only = self.list.toggle_unread_only(&self.library, now);
        self.set_info(
            if unread_only {
                "unread articles only"
            } else {
                "all articles"
            }
            .to_string(),
        );
    }

    /// `m`: the selected article read ↔ unread.
    pub(super) fn toggle_read(&mut self) -> Vec<Effect> {
        let Some(index) = self.list.selected_index() else {
            return Vec::new();
        };
        if let Some(problem) = self.jobs.store_problem() {
            self.set_error(format!("cannot save read marks: {problem}"));
            return Vec::new();
        }
        let entry = self.library.entry(index);
        let read = !entry.is_read();
        let ids = vec![entry.article.id.clone()];
        if read {
            self.list.keep_selected_listed();
        }
        self.list.read_marks_asked_for(vec![index]);
        let change = ReadChange::Toggle;
        vec![self.save(StoreRequest::SetRead { ids, read, change })]
    }

    /// `A`: every unread article of the list as shown, read; `U` undoes it. With sync on, a
    /// list the server knows is marked there as one request.
    pub(super) fn mark_all_read(&mut self) -> Vec<Effect> {
        if let Some(problem) = self.jobs.store_problem() {
            self.set_error(format!("cannot save read marks: {problem}"));
            return Vec::new();
        }
        let (ids, indices) = self.list.unread_listed(&self.library);
        if ids.is_empty() {
            self.set_info("every article listed is read already".to_string());
            return Vec::new();
        }
        self.list.read_marks_asked_for(indices);
        let request = match self.server_scope() {
            Some(scope) => StoreRequest::MarkAllRead { ids, scope },
            None => StoreRequest::SetRead {
                ids,
                read: true,
                change: ReadChange::MarkAll,
            },
        };
        vec![self.save(request)]
    }

    /// `U`: the articles the last `A` marked read, unread again.
    pub(super) fn undo_mark_all(&mut self) -> Vec<Effect> {
        let Some((ids, indices)) = self.list.take_last_marked_all() else {
            let key = self.settings.keymap.first_key(Action::MarkAllRead);
            self.set_info(format!("nothing to undo: {key} marks the list read"));
            return Vec::new();
        };
        self.list.read_marks_asked_for(indices);
        let change = ReadChange::Undo;
        vec![self.save(StoreRequest::SetRead {
            ids,
            read: false,
            change,
        })]
    }

    /// What the store did with read marks: the library, the counts and the list follow. The
    /// articles are where they were when the marks were asked for, unless the whole list was
    /// read since.
    pub(super) fn on_read_set(&mut self, ids: Vec<ArticleId>, read: bool, change: ReadChange) {
        let hints = self.list.take_read_marks_asked();
        let mut indices = Vec::with_capacity(ids.len());
        for (k, id) in ids.iter().enumerate() {
            let library = &self.library;
            let hinted = hints
                .get(k)
                .filter(|&&i| i < library.len() && library.entry(i).article.id == *id);
            match hinted.copied().or_else(|| library.position(id)) {
                Some(index) => {
                    self.library.set_read(index, read);
                    self.queries.entry_changed(&self.library, index);
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
                let key = self.settings.keymap.first_key(Action::UndoMarkAll);
                self.set_info(format!("marked {count} read · {key} undoes"));
                self.list.marked_all_read(ids, indices);
            }
            ReadChange::Undo => self.set_info(format!("marked {count} unread again")),
        }
        let now = self.now();
        self.list.read_marks_saved(change, &self.library, now);
    }

    /// `]` and `[`: the next (previous) unread article of the list, opened in the reader.
    /// From the list, the selected article counts when it is unread: it has not been read.
    pub(super) fn next_unread(&mut self, forward: bool) {
        let counting_selected = self.focus() != Focus::Reader;
        match (self.list).find_unread(forward, counting_selected, &self.library) {
            Some(position) => {
                self.list.select(position);
                self.screen.focus_on(Focus::Reader);
            }
            None if forward => self.set_info("no unread article below this one".to_string()),
            None => self.set_info("no unread article above this one".to_string()),
        }
    }

    /// Whether the reader shows the end of its article: Space then goes on to the next
    /// unread one.
    pub(super) fn reader_at_end(&self) -> bool {
        self.reader.at_end(usize::from(self.reader_text().height))
    }
}
