//! `Action`: what a key asks for. Named in snake_case in the `[keys]` table of the config.

use serde::{Deserialize, Serialize};

use crate::focus::Focus;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    // Earlier variants win when one key is bound to several actions that apply in the same
    // pane: Space selects a feed or tag in the navigation pane and pages everywhere else.
    // Older names of actions are still read from config files.
    #[serde(alias = "toggle_tag")]
    ToggleSelect,
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
    #[serde(alias = "focus_tags")]
    FocusNav,
    ToggleTagMode,
    ClearFilter,
    ToggleBookmark,
    ShowBookmarks,
    UnreadOnly,
    ToggleRead,
    MarkAllRead,
    UndoMarkAll,
    NextUnread,
    PrevUnread,
    Search,
    NextMatch,
    PrevMatch,
    Refresh,
    RefreshFeed,
    ShowFeeds,
    AddFeed,
    OpenInBrowser,
    ShowLinks,
    CopyUrl,
    FullText,
    Help,
    Quit,
}

impl Action {
    pub const ALL: [Action; 37] = [
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
        Action::FocusNav,
        Action::ToggleSelect,
        Action::ToggleTagMode,
        Action::ClearFilter,
        Action::ToggleBookmark,
        Action::ShowBookmarks,
        Action::UnreadOnly,
        Action::ToggleRead,
        Action::MarkAllRead,
        Action::UndoMarkAll,
        Action::NextUnread,
        Action::PrevUnread,
        Action::Search,
        Action::NextMatch,
        Action::PrevMatch,
        Action::Refresh,
        Action::RefreshFeed,
        Action::ShowFeeds,
        Action::AddFeed,
        Action::OpenInBrowser,
        Action::ShowLinks,
        Action::CopyUrl,
        Action::FullText,
        Action::Help,
        Action::Quit,
    ];

    /// Whether the action means anything in a pane; a key bound to several actions does the
    /// first one that does.
    pub fn applies_in(self, focus: Focus) -> bool {
        match self {
            Action::ToggleSelect => focus == Focus::Nav,
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
            Action::Open => "open; in feeds & tags: show only this",
            Action::Back => "back to the list",
            Action::FocusNext => "next pane: feeds & tags → list → reader",
            Action::FocusPrev => "previous pane",
            Action::FocusNav => "show / focus the feeds and tags",
            Action::ToggleSelect => "feeds & tags: select / unselect one",
            Action::ToggleTagMode => "tags: match any ↔ all selected tags",
            Action::ClearFilter => "clear the feeds, tags and search chosen",
            Action::ToggleBookmark => "bookmark / unbookmark the article",
            Action::ShowBookmarks => "bookmarks only ↔ everything",
            Action::UnreadOnly => "unread articles only ↔ everything",
            Action::ToggleRead => "mark the article read ↔ unread",
            Action::MarkAllRead => "mark every article listed read",
            Action::UndoMarkAll => "undo the last mark-all-read",
            Action::NextUnread => "next unread article",
            Action::PrevUnread => "previous unread article",
            Action::Search => "search titles and text",
            Action::NextMatch => "next search match",
            Action::PrevMatch => "previous search match",
            Action::Refresh => "refresh every feed",
            Action::RefreshFeed => "refresh the feed of the selected article",
            Action::ShowFeeds => "feeds, with their last refresh and errors",
            Action::AddFeed => "add a feed by its address",
            Action::OpenInBrowser => "open the article in the browser",
            Action::ShowLinks => "the article's links, to open one",
            Action::CopyUrl => "copy the article's address",
            Action::FullText => "full text from the page ↔ the feed's text",
            Action::Help => "this help",
            Action::Quit => "quit",
        }
    }
}

#[cfg(test)]
#[path = "action_tests.rs"]
mod tests;
