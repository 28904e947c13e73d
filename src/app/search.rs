//! Search: the keys while search text is typed, `n`/`N` from match to match, and the cache
//! indexed anew for search.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::App;
use crate::action::Action;
use crate::worker::reindex::ReindexReport;

impl App {
    pub(super) fn on_search_key(&mut self, key: KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let (library, now) = (&self.library, self.screen.now());
        match key.code {
            KeyCode::Enter => self.list.keep_search(),
            KeyCode::Esc => self.list.cancel_search(library, now),
            KeyCode::Char('c') if ctrl => self.list.cancel_search(library, now),
            KeyCode::Char('u') if ctrl => self.list.clear_search(library, now),
            KeyCode::Backspace => self.list.erase_in_search(library, now),
            KeyCode::Down => self.list.move_selection(1),
            KeyCode::Up => self.list.move_selection(-1),
            KeyCode::Char(c) if !ctrl => self.list.type_in_search(c, library, now),
            _ => {}
        }
    }

    /// Indexing the cache anew came further or ended; at its end, the search on screen is
    /// asked of the index again, which now has every article.
    pub(super) fn on_reindex(&mut self, report: ReindexReport) {
        match report {
            ReindexReport::Progress(progress) => self.jobs.reindexed_so_far(progress),
            ReindexReport::Finished(result) => {
                self.jobs.reindexed();
                if let Err(error) = result {
                    self.set_error(format!(
                        "search may miss Chinese, Japanese, Korean and Thai text in the cache: {error}"
                    ));
                }
                self.list.ask_search_again();
            }
        }
    }

    /// `n`/`N`: the next match below (above) the top of the reader, else the first (last)
    /// match of the next (previous) article in the list.
    pub(super) fn jump_to_match(&mut self, forward: bool) {
        let words = self.list.filter().search_words();
        if words.is_empty() {
            let key = self.settings.keymap.first_key(Action::Search);
            self.set_info(format!("nothing to find: press {key} to search"));
            return;
        }
        if self.reader.go_to_match(&words, forward) {
            return;
        }
        if self.list.at_end(forward) {
            let search = &self.list.filter().search;
            self.set_info(format!("no more matches for “{search}”"));
            return;
        }
        self.list.move_selection(if forward { 1 } else { -1 });
        // The next article is laid out to find its matches.
        self.lay_out_view();
        self.reader.go_to_first_match(&words, forward);
    }
}
