//! `App`: the state the screen shows, as a few states with one owner each, and `update`,
//! where every key is handled. No drawing and no blocking I/O here: what only a worker can
//! do is asked for with `Effect`s, made where their cause is handled (what the screen shows
//! is asked for by the one step after every event, `view.rs`), and what the workers answer
//! comes back as events.
//!
//! The states, each changed only through its own methods, each in files that know nothing
//! of `App`:
//! - the library (`model::library`): every article of the run and its marks;
//! - the list (`list/`): the articles shown, the filter and search, the selection and
//!   scroll, the marks in flight, the bookmarks view's recently un-starred;
//! - the reader (`reader/`): the open article laid out, its scroll, its full text or linked
//!   page, its pictures;
//! - the navigation pane (`nav.rs`) and its saved queries (`queries.rs`), the window over
//!   the panes (`window.rs`);
//! - the feeds and the refresh under way (`feeds.rs`), sync (`sync.rs`), the other
//!   background work (`jobs.rs`);
//! - the status line (`status.rs`), the settings (`settings.rs`), the screen (`screen.rs`).
//!
//! `App` is built once from what start-up read (`start.rs`). The other files are `App`'s
//! own: each hands the keys and reports of one concern to the states they change.

mod adding;
mod cursor;
mod empty;
mod feeds;
mod full_list;
mod full_text;
mod jobs;
mod links;
mod list;
mod mouse;
mod moving;
mod narrowing;
mod nav;
mod queries;
mod reader;
mod reading;
mod refreshed;
mod refreshing;
mod remap;
mod saving;
mod screen;
mod search;
mod settings;
mod start;
mod status;
mod sync;
mod syncing;
mod view;
mod window;
mod window_keys;

pub use empty::EmptyList;
pub use feeds::{FeedStatus, Feeds, Progress};
pub use jobs::Jobs;
pub use links::Links;
pub use list::{List, RECENTLY_UNSTARRED_DAYS};
pub use nav::{Nav, NavItem, NavRow};
pub use queries::Queries;
pub use reader::{
    FullTextState, FullTexts, PageState, Pictures, Reader, ReaderView, Shown, match_lines,
};
pub use settings::{Settings, byline};
pub use start::{Start, SyncSetup};
pub use status::Status;
pub use sync::SyncView;
pub use window::{Overlay, Window};

use screen::Screen;

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};
use ratatui::layout::{Rect, Size};

use crate::action::Action;
use crate::effect::Effect;
use crate::event::Event;
use crate::focus::Focus;
use crate::layout::Panes;
use crate::model::filter::TagMode;
use crate::model::library::{Entry, Library};
use crate::refresh::given_name;
use crate::store::Reindexing;
use crate::worker::desktop::DesktopRequest;
use crate::worker::list::ListRequest;
use crate::worker::reindex::ReindexRequest;

pub struct App {
    /// Every article of this run with its tags and read and bookmark flags.
    library: Library,
    /// The articles the filter lets through, the selection, the search, marks in flight.
    list: List,
    /// The selected article as the reading pane shows it, its full text and pictures.
    reader: Reader,
    /// The navigation pane: saved queries, sources and tags, its cursor and scroll.
    nav: Nav,
    /// The saved queries, the articles each matches and their counts.
    queries: Queries,
    /// The window over the panes, if one is open.
    window: Window,
    /// The feeds of this run, and the refresh under way.
    feeds: Feeds,
    /// Sync with the `[sync]` server, when it is on.
    sync: Option<SyncView>,
    /// Whether the store can save, the whole list read in the background, reindexing.
    jobs: Jobs,
    /// The message of the status line.
    status: status::StatusLine,
    /// How the config shapes this run's screen.
    settings: Settings,
    /// The terminal's size, the focus, the time, and whether the reader ends.
    screen: Screen,
}

impl App {
    /// The reader as it starts, from what start-up read, on a terminal of `size`, `now`.
    pub fn new(start: Start, size: Size, now: DateTime<Utc>) -> Self {
        let status = status::StatusLine::at_start(&start);
        let Start {
            mut library,
            settings,
            store_problem,
            feeds,
            feed_states,
            queries,
            sync,
            unstarred,
            refresh,
            newest_only,
            reindex,
            picture_rows,
            ..
        } = start;
        // Each feed of the run is listed in the navigation pane, with no articles yet if it
        // has none, by the name it was given.
        for feed in &feeds {
            let state = feed_states.get(&feed.url).cloned().unwrap_or_default();
            library.add_feed(&feed.url, given_name(feed, &state).as_deref());
        }
        let reindexing = reindex.map(|total| Reindexing { done: 0, total });
        let mut app = Self {
            list: List::new(&library, unstarred, now),
            reader: Reader::new(picture_rows),
            nav: Nav::new(&library, queries.len()),
            queries: {
                let mut queries = Queries::new(queries, now);
                queries.recount(&library);
                queries
            },
            window: Window::default(),
            feeds: Feeds::new(&feeds, &feed_states, settings.refresh_every, refresh),
            sync: sync.map(|sync| SyncView::new(sync.every, sync.server_feeds)),
            jobs: Jobs::new(store_problem, newest_only, reindexing),
            status,
            settings,
            screen: Screen::new(size, now),
            library,
        };
        app.lay_out_view();
        app
    }

    pub fn queries(&self) -> &Queries {
        &self.queries
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    pub fn list(&self) -> &List {
        &self.list
    }

    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    pub fn nav(&self) -> &Nav {
        &self.nav
    }

    pub fn window(&self) -> &Window {
        &self.window
    }

    pub fn feeds(&self) -> &Feeds {
        &self.feeds
    }

    /// Sync with the `[sync]` server, when it is on.
    pub fn sync(&self) -> Option<&SyncView> {
        self.sync.as_ref()
    }

    pub fn jobs(&self) -> &Jobs {
        &self.jobs
    }

    /// The message of the status line, until the next key.
    pub fn status(&self) -> Option<&Status> {
        self.status.message()
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn focus(&self) -> Focus {
        self.screen.focus()
    }

    /// The time now, for the dates shown and what is due.
    pub fn now(&self) -> DateTime<Utc> {
        self.screen.now()
    }

    pub fn size(&self) -> Size {
        self.screen.size()
    }

    /// Whether the reader is to end.
    pub fn quitting(&self) -> bool {
        self.screen.quitting()
    }

    /// The time now, for the dates shown and what is due: the event loop sets it before
    /// each frame.
    pub fn set_clock(&mut self, now: DateTime<Utc>) {
        self.screen.set_clock(now);
    }

    pub fn panes(&self) -> Panes {
        self.screen.panes(&self.settings.layout)
    }

    /// Articles the list shows at once (each takes two rows).
    pub fn list_rows(&self) -> usize {
        self.screen.list_rows(&self.settings.layout)
    }

    fn nav_rows(&self) -> usize {
        self.screen.nav_rows(&self.settings.layout)
    }

    fn reader_text(&self) -> Rect {
        self.screen.reader_text(&self.settings.layout)
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        self.list.selected_index().map(|i| self.library.entry(i))
    }

    /// The links of the selected article, as the text shown numbers them.
    pub fn links(&self) -> Links {
        let Some(index) = self.list.selected_index() else {
            return Links::default();
        };
        let (own, body) = self.reader.shown(self.library.entry(index), index);
        Links::of(own, body)
    }

    /// Why the list is empty; `None` when it is not.
    pub fn why_empty(&self) -> Option<EmptyList> {
        let syncing = self.sync.as_ref().is_some_and(SyncView::is_running);
        EmptyList::of(&self.list, &self.library, &self.feeds, syncing)
    }

    /// What the reader asks for once its first frame is drawn: the refresh at start, the
    /// whole list of a large cache, the cache indexed anew, and what the screen shows (a
    /// body, pictures).
    pub fn start(&mut self) -> Vec<Effect> {
        let mut effects = Vec::new();
        if self.feeds.refresh_at_start() {
            effects.extend(self.refresh_on_start());
        }
        if self.jobs.loading_list() {
            effects.push(Effect::List(ListRequest::ReadAll));
        }
        if self.jobs.reindexing().is_some() {
            effects.push(Effect::Reindex(ReindexRequest::Start));
        }
        effects.extend(self.ask_query_facts());
        self.update_view(effects)
    }

    /// Hands an event to the state it concerns; what it asks of the workers is returned.
    pub fn handle(&mut self, event: Event) -> Vec<Effect> {
        let from_person = matches!(
            event,
            Event::Key(_) | Event::Mouse(_) | Event::Paste(_) | Event::Resize(..)
        );
        let selected = self.list.selected_index();
        let reading = self.focus() == Focus::Reader;
        let now = self.now();
        let effects = match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => self.on_key(key),
            Event::Key(_) => Vec::new(),
            Event::Mouse(mouse) => {
                self.on_mouse(mouse);
                Vec::new()
            }
            Event::Resize(width, height) => {
                self.screen.resize(Size::new(width, height));
                Vec::new()
            }
            Event::Paste(text) => {
                if !self.paste_address(&text) {
                    self.list.paste(&text, &self.library, now);
                }
                Vec::new()
            }
            Event::Discovery(report) => self.on_discovery(report),
            Event::Store(report) => {
                self.on_store(report);
                Vec::new()
            }
            Event::Refresh(report) => self.on_refresh(report),
            Event::List(report) => {
                self.on_whole_list(report);
                self.ask_query_facts().into_iter().collect()
            }
            Event::FullText(report) => {
                self.on_full_text(report);
                Vec::new()
            }
            Event::Picture(report) => {
                let height = usize::from(self.reader_text().height);
                self.reader.picture_arrived(*report, height);
                Vec::new()
            }
            Event::Tick(now) => self.on_tick(now),
            Event::Sync(report) => {
                self.on_sync(report);
                Vec::new()
            }
            Event::Reindex(report) => {
                self.on_reindex(report);
                Vec::new()
            }
            Event::Desktop(answer) => {
                match answer {
                    Ok(text) => self.set_info(text),
                    Err(text) => self.set_error(text),
                }
                Vec::new()
            }
            Event::Crashed => {
                self.screen.quit();
                Vec::new()
            }
        };
        if from_person {
            self.keep_selection_if_chosen(selected);
        } else if reading && self.list.selected_index() != selected {
            // The list changed under the reader by itself (marks saved, a search's results,
            // the whole list read): the reader does not go on to another article unasked.
            self.screen.focus_on(Focus::List);
        }
        self.update_view(effects)
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        self.status.clear();
        if self.window.is_open() {
            return self.on_window_key(key);
        }
        if self.list.is_typing_search() {
            self.on_search_key(key);
            return Vec::new();
        }
        match self.settings.keymap.action_for(key, self.focus()) {
            Some(action) => self.apply(action),
            None => Vec::new(),
        }
    }

    /// Does what an action asks, as its key would. Tested directly.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let selected = self.list.selected_index();
        let effects = self.apply(action);
        self.keep_selection_if_chosen(selected);
        self.update_view(effects)
    }

    /// After a person's key or click: when it moved the selection from `before`, or the
    /// reader shows the article, the person chose it, and a refresh keeps it selected from
    /// now on.
    fn keep_selection_if_chosen(&mut self, before: Option<usize>) {
        if self.focus() == Focus::Reader || self.list.selected_index() != before {
            self.list.keep_selection_from_now();
        }
    }

    /// Hands an action to the state it belongs to.
    fn apply(&mut self, action: Action) -> Vec<Effect> {
        let focus = self.focus();
        let now = self.now();
        match action {
            Action::MoveDown => self.move_in(focus, 1),
            Action::MoveUp => self.move_in(focus, -1),
            Action::Top => self.move_in(focus, isize::MIN / 2),
            Action::Bottom => self.move_in(focus, isize::MAX / 2),
            Action::PageDown if focus == Focus::Reader && self.reader_at_end() => {
                self.next_unread(true);
            }
            Action::PageDown => self.move_in(focus, self.page(1)),
            Action::PageUp => self.move_in(focus, self.page(-1)),
            Action::HalfPageDown => self.move_in(focus, self.page(1) / 2),
            Action::HalfPageUp => self.move_in(focus, self.page(-1) / 2),
            Action::Open if focus == Focus::Nav => self.show_only_nav_item(),
            Action::Open => self.open(),
            Action::Back => self.screen.focus_on(Focus::List),
            Action::FocusNext => self.screen.cycle_focus(true),
            Action::FocusPrev => self.screen.cycle_focus(false),
            Action::FocusNav => self.screen.toggle_nav(),
            Action::ToggleSelect => self.toggle_nav_item(),
            Action::ToggleTagMode => {
                let mode = self.list.toggle_tag_mode(&self.library, now);
                self.set_info(match mode {
                    TagMode::Any => "tags: articles with any selected tag".to_string(),
                    TagMode::All => "tags: articles with all selected tags".to_string(),
                });
            }
            Action::ClearFilter => {
                self.list.clear_filter(&self.library, now);
                self.set_info("filter cleared".to_string());
            }
            Action::ToggleBookmark => return self.toggle_bookmark(),
            Action::ShowBookmarks => self.list.toggle_bookmarks_only(&self.library, now),
            Action::UnreadOnly => self.toggle_unread_only(),
            Action::ToggleRead => return self.toggle_read(),
            Action::MarkAllRead => return self.mark_all_read(),
            Action::UndoMarkAll => return self.undo_mark_all(),
            Action::NextUnread => self.next_unread(true),
            Action::PrevUnread => self.next_unread(false),
            Action::Search => self.list.start_search(),
            Action::NextMatch => self.jump_to_match(true),
            Action::PrevMatch => self.jump_to_match(false),
            Action::Refresh => return self.start_refresh(None),
            Action::RefreshFeed => match self.selected_entry().and_then(|e| e.feed.as_deref()) {
                Some(url) => return self.start_refresh(Some(vec![url.to_string()])),
                None => self.set_info("this article is not from a feed".to_string()),
            },
            Action::ShowFeeds => self.open_window(Overlay::Feeds),
            Action::AddFeed => self.start_adding(),
            Action::OpenInBrowser => return self.ask_desktop(DesktopRequest::Open),
            Action::ShowLinks if self.links().is_empty() => {
                self.set_info("this article has no links".to_string());
            }
            Action::ShowLinks => self.open_window(Overlay::Links),
            Action::CopyUrl => return self.ask_desktop(DesktopRequest::Copy),
            Action::FullText => return self.toggle_full_text(),
            Action::Help => self.open_window(Overlay::Help),
            Action::Quit => self.screen.quit(),
        }
        Vec::new()
    }

    /// A message for the status line, until the next key; made safe to show there.
    fn set_info(&mut self, text: String) {
        self.status.info(&text);
    }

    fn set_error(&mut self, text: String) {
        self.status.error(&text);
    }
}

#[cfg(test)]
mod bookmarks_tests;
#[cfg(test)]
mod empty_tests;
#[cfg(test)]
mod full_list_tests;
#[cfg(test)]
mod full_text_tests;
#[cfg(test)]
mod links_tests;
#[cfg(test)]
mod pictures_tests;
#[cfg(test)]
mod search_tests;
#[cfg(test)]
mod syncing_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod unread_tests;
#[cfg(test)]
mod unstarred_tests;
