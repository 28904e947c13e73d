//! The one step after every event, whatever its cause: the view brought in line with the
//! state, and what the view now shows asked of the workers when only they have it. A move, a
//! filter, a refresh, a resize or the whole list arriving can each change what is shown, so
//! this is done once for all of them here rather than at each.

use super::App;
use crate::effect::Effect;
use crate::focus::Focus;
use crate::worker::pictures::PictureRequest;
use crate::worker::store::StoreRequest;

impl App {
    /// After an event, with the `effects` it asked for: the view brought in line, and what
    /// it shows asked for.
    pub(super) fn update_view(&mut self, mut effects: Vec<Effect>) -> Vec<Effect> {
        self.lay_out_view();
        effects.extend(self.ask_for_what_is_shown());
        effects
    }

    /// Brings what the panes show in line with the state: the list and the navigation pane
    /// scrolled to keep their cursors in view (once an article that lingered in the
    /// unread-only list is let go of), and the selected article laid out for the reader.
    pub(super) fn lay_out_view(&mut self) {
        let rows = self.list_rows();
        self.list.keep_in_view(rows, &self.library);
        let nav_rows = self.nav_rows();
        self.nav.keep_in_view(nav_rows);
        let text = self.reader_text();
        let selected = self.list.selected_index();
        self.reader
            .show(selected, text, &self.library, &self.settings);
    }

    /// What the view shows and only a worker has: the pictures on and near the screen, the
    /// selected article's body from the store, the index's answer to the search as typed,
    /// and, once the reader has the focus (by Enter, Tab, a click, `n` or `]`), the article it
    /// shows marked read, once.
    fn ask_for_what_is_shown(&mut self) -> Vec<Effect> {
        let mut effects = Vec::new();
        // The reader's size is laid out only when there are pictures to ask for.
        let height = if self.reader.pictures().is_on() {
            usize::from(self.reader_text().height)
        } else {
            0
        };
        let next = self
            .list
            .next_index()
            .map(|i| &self.library.entry(i).article);
        if let Some(jobs) = self.reader.pictures_wanted(next, height) {
            effects.push(Effect::Pictures(PictureRequest::Want(jobs)));
        }
        let can_save = self.jobs.can_save();
        if let Some(entry) = self.selected_entry()
            && entry.body_in_store
            && can_save
        {
            let id = entry.article.id.clone();
            if self.reader.ask_for_body(&id) {
                effects.push(Effect::Store(StoreRequest::LoadBody(id)));
            }
        }
        if can_save && let Some(request) = self.list.search_to_ask(&self.library) {
            effects.push(Effect::Store(request));
        }
        if self.focus() != Focus::Reader || !can_save {
            self.reader.closed();
            return effects;
        }
        if let Some(entry) = self.selected_entry() {
            let (id, read) = (entry.article.id.clone(), entry.is_read());
            if self.reader.opened(&id) && !read {
                self.list.keep_selected_listed();
                effects.push(self.save(StoreRequest::MarkRead(id)));
            }
        }
        effects
    }
}
