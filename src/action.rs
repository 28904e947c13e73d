//! `Action`: what a key asks for. Named in snake_case in the `[keys]` table of the config.

use serde::{Deserialize, Serialize};

use crate::layout::Focus;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    // Earlier variants win when one key is bound to several actions that apply in the same
    // pane: Space toggles a tag in the tag filter and pages everywhere else.
    ToggleTag,
    MoveDown,
    MoveUp,
    Top,
    Bottom,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Open,
    Back,
    FocusNext,
    FocusPrev,
    FocusTags,
    ToggleTagMode,
    ClearFilter,
    ToggleBookmark,
    ShowBookmarks,
    Search,
    NextMatch,
    PrevMatch,
    Refresh,
    RefreshFeed,
    ShowFeeds,
    OpenInBrowser,
    ShowLinks,
    CopyUrl,
    Help,
    Quit,
}

impl Action {
    pub const ALL: [Action; 29] = [
        Action::MoveDown,
        Action::MoveUp,
        Action::Top,
        Action::Bottom,
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::Open,
        Action::Back,
        Action::FocusNext,
        Action::FocusPrev,
        Action::FocusTags,
        Action::ToggleTag,
        Action::ToggleTagMode,
        Action::ClearFilter,
        Action::ToggleBookmark,
        Action::ShowBookmarks,
        Action::Search,
        Action::NextMatch,
        Action::PrevMatch,
        Action::Refresh,
        Action::RefreshFeed,
        Action::ShowFeeds,
        Action::OpenInBrowser,
        Action::ShowLinks,
        Action::CopyUrl,
        Action::Help,
        Action::Quit,
    ];

    /// Whether the action means anything in a pane; a key bound to several actions does the
    /// first one that does.
    pub fn applies_in(self, focus: Focus) -> bool {
        match self {
            Action::ToggleTag => focus == Focus::Nav,
            Action::Open => focus != Focus::Reader,
            Action::Back => focus != Focus::List,
            _ => true,
        }
    }

    /// What the help overlay says the action does.
    pub fn describe(self) -> &'static str {
        match self {
            Action::MoveDown => "move down",
            Action::MoveUp => "move up",
            Action::Top => "jump to the top",
            Action::Bottom => "jump to the end",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::HalfPageDown => "half a page down",
            Action::HalfPageUp => "half a page up",
            Action::Open => "open the selected article",
            Action::Back => "back to the list",
            Action::FocusNext => "next pane: tags → list → reader",
            Action::FocusPrev => "previous pane",
            Action::FocusTags => "show / focus the tag filter",
            Action::ToggleTag => "tag filter: select / unselect the tag",
            Action::ToggleTagMode => "tag filter: match any ↔ all selected tags",
            Action::ClearFilter => "clear the tag filter and search",
            Action::ToggleBookmark => "bookmark / unbookmark the article",
            Action::ShowBookmarks => "bookmarks only ↔ everything",
            Action::Search => "search titles and text",
            Action::NextMatch => "next search match",
            Action::PrevMatch => "previous search match",
            Action::Refresh => "refresh every feed",
            Action::RefreshFeed => "refresh the feed of the selected article",
            Action::ShowFeeds => "feeds, with their last refresh and errors",
            Action::OpenInBrowser => "open the article in the browser",
            Action::ShowLinks => "the article's links, to open one",
            Action::CopyUrl => "copy the article's address",
            Action::Help => "this help",
            Action::Quit => "quit",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_listed_once() {
        let mut all = Action::ALL.to_vec();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), Action::ALL.len());
    }

    #[test]
    fn names_are_snake_case() {
        let name = serde_json::to_string(&Action::HalfPageDown).unwrap();
        assert_eq!(name, "\"half_page_down\"");
    }
}
