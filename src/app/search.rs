//! Search: typing the search text, and `n`/`N` from match to match.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::App;
use crate::action::Action;
use crate::model::filter::find_matches;
use crate::model::wrap::Wrapped;
use crate::sanitize;
use crate::worker::reindex::ReindexReport;

impl App {
    pub(super) fn on_search_key(&mut self, key: KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => self.search_before = None,
            KeyCode::Esc => {
                self.filter.search = self.search_before.take().unwrap_or_default();
                self.refilter();
            }
            KeyCode::Char('c') if ctrl => {
                self.filter.search = self.search_before.take().unwrap_or_default();
                self.refilter();
            }
            KeyCode::Char('u') if ctrl => {
                self.filter.search.clear();
                self.refilter();
            }
            KeyCode::Backspace => {
                self.filter.search.pop();
                self.refilter();
            }
            KeyCode::Down => self.move_selection(1),
            KeyCode::Up => self.move_selection(-1),
            KeyCode::Char(c) if !ctrl => {
                let typed = sanitize::clean_text(&c.to_string()).replace(['\n', '\t'], " ");
                self.filter.search.push_str(&typed);
                self.refilter();
            }
            _ => {}
        }
    }

    /// Indexing the cache anew came further or ended; at its end, the search on screen is
    /// asked of the index again, which now has every article.
    pub(super) fn on_reindex(&mut self, event: ReindexReport) {
        match event {
            ReindexReport::Progress(progress) => self.reindexing = Some(progress),
            ReindexReport::Finished(result) => {
                self.reindexing = None;
                if let Err(error) = result {
                    self.set_error(format!(
                        "search may miss Chinese, Japanese, Korean and Thai text in the cache: {error}"
                    ));
                }
                // Asked again by `finish`, which asks what differs from the last asked.
                self.searched.clear();
            }
        }
    }

    /// `n`/`N`: the next match below (above) the top of the reader, else the first (last)
    /// match of the next (previous) article in the list.
    pub(super) fn jump_to_match(&mut self, forward: bool) {
        let words = self.filter.search_words();
        if words.is_empty() {
            let key = self.settings.keymap.first_key(Action::Search);
            self.set_info(format!("nothing to find: press {key} to search"));
            return;
        }
        if let Some(reader) = &mut self.reader {
            let lines = match_lines(&reader.wrapped, &words);
            let next = match (forward, reader.match_line) {
                (true, Some(at)) => lines.iter().find(|&&line| line > at),
                (true, None) => lines.iter().find(|&&line| line >= reader.scroll),
                (false, Some(at)) => lines.iter().rev().find(|&&line| line < at),
                (false, None) => lines.iter().rev().find(|&&line| line < reader.scroll),
            };
            if let Some(&line) = next {
                reader.scroll = line;
                reader.match_line = Some(line);
                return;
            }
        }
        let at_end = if forward {
            self.selected + 1 >= self.visible.len()
        } else {
            self.selected == 0
        };
        if at_end {
            self.set_info(format!("no more matches for “{}”", self.filter.search));
            return;
        }
        self.move_selection(if forward { 1 } else { -1 });
        self.settle();
        if let Some(reader) = &mut self.reader {
            let lines = match_lines(&reader.wrapped, &words);
            let line = if forward { lines.first() } else { lines.last() };
            reader.scroll = line.copied().unwrap_or(0);
            reader.match_line = line.copied();
        }
    }
}

/// Lines of a laid-out article that hold a search match.
pub fn match_lines(wrapped: &Wrapped, words: &[String]) -> Vec<usize> {
    wrapped
        .lines
        .iter()
        .enumerate()
        .filter(|(_, line)| !find_matches(&line.text, words).is_empty())
        .map(|(n, _)| n)
        .collect()
}
