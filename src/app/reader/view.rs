//! The article the reading pane shows, as laid out: its lines at the pane's width, the first
//! line shown, and the search match `n`/`N` last went to; and the lines that hold a match.

use std::rc::Rc;

use crate::model::filter::find_matches;
use crate::model::wrap::Wrapped;

/// The selected article laid out for the reading pane.
#[derive(Debug, Clone)]
pub struct ReaderView {
    /// Index into the library.
    pub article: usize,
    pub wrapped: Rc<Wrapped>,
    /// First wrapped line shown.
    pub scroll: usize,
    /// The line of the search match `n`/`N` last went to; near the end of an article it can
    /// lie below the top of the view.
    pub match_line: Option<usize>,
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
