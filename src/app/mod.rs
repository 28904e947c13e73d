//! `App`: all the state the screen shows, and `update`, where every key is handled. No
//! drawing and no blocking I/O here: saving is asked for with `Effect`s, which the event loop
//! hands to the store worker, whose answers come back as events.

mod empty;
mod feeds;
mod filtering;
mod full_list;
mod full_text;
mod links;
mod messages;
mod mouse;
mod moving;
mod nav;
mod pictures;
mod reading;
mod refreshed;
mod saving;
mod search;
mod sync;
mod unstarred;

use moving::{keep_in_view, offset_index};

pub use empty::EmptyList;
pub use feeds::{FeedStatus, Overlay, Progress};
pub use full_text::{FullTextState, FullTexts, PageState};
pub use links::Links;
pub use messages::Status;
pub use nav::{Nav, NavItem, NavRow};
pub use pictures::{Pictures, Shown};
pub use sync::SyncView;
pub use unstarred::RECENTLY_UNSTARRED_DAYS;

pub use search::match_lines;

use std::collections::HashMap;
use std::rc::Rc;

use chrono::{DateTime, FixedOffset, Utc};
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};
use ratatui::layout::{Position, Rect, Size};

use crate::action::Action;
use crate::config;
use crate::dates;
use crate::effect::Effect;
use crate::event::Event;
use crate::focus::Focus;
use crate::keymap::Keymap;
use crate::layout::{self, Panes};
use crate::model::ArticleId;
use crate::model::filter::{Filter, TagMode};
use crate::model::library::{Entry, Library, Origin};
use crate::model::wrap::Wrapped;
use crate::sanitize;
use crate::theme::Theme;
use crate::worker::desktop::DesktopRequest;
use crate::worker::list::ListRequest;
use crate::worker::reindex::ReindexRequest;
use crate::worker::store::StoreRequest;

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

/// How the config shapes this run's screen.
#[derive(Debug, Clone)]
pub struct Settings {
    pub layout: config::Layout,
    pub date_format: String,
    /// The reader's time zone, for dates.
    pub offset: FixedOffset,
    pub theme: Theme,
    pub keymap: Keymap,
    /// Minutes between refreshes of a feed that names no interval of its own (0: never).
    pub refresh_every: u32,
}

/// Laid-out articles kept before the cache starts over; each is a few screens of text.
const WRAP_CACHE_LIMIT: usize = 64;

pub struct App {
    /// Every article of this run with its tags and read and bookmark flags.
    pub library: Library,
    /// Library indices the filter lets through, in list order.
    pub visible: Vec<usize>,
    pub filter: Filter,
    /// The filter `visible` was made with, so a search typed on narrows `visible` alone.
    filtered_by: Filter,
    /// Position in `visible` of the selected article.
    pub selected: usize,
    /// First list row on screen, kept so the selection stays in view.
    pub list_offset: usize,
    /// How many articles of `visible` are unread, for the status line.
    pub visible_unread: usize,
    /// An article read while the list shows only unread ones: it stays listed until the
    /// selection moves away, so that it does not vanish under the cursor.
    lingering: Option<usize>,
    /// The articles the last "mark all read" marked, for undo, with where they were in the
    /// library.
    last_marked: Option<(Vec<ArticleId>, Vec<usize>)>,
    /// Where the articles of the read marks last asked of the store were in the library,
    /// in the order of their ids: found again without a lookup when the store answers.
    marking: Vec<usize>,
    /// A person has moved the selection or opened an article: from then on a refresh keeps
    /// the selection on its article.
    article_chosen: bool,
    /// The navigation pane: sources and tags, its cursor and scroll.
    pub nav: Nav,
    pub focus: Focus,
    /// The window over the panes, if one is open.
    pub overlay: Option<Overlay>,
    /// In the help: the first line shown; in the feeds and links lists: the selected row.
    pub overlay_cursor: usize,
    /// The feeds of this run, for the feeds list.
    pub feeds: Vec<FeedStatus>,
    /// The refresh under way, if one is.
    pub refreshing: Option<Progress>,
    /// What the refresh under way has learnt of each feed, for the words at its end.
    refresh_tally: refreshed::Tally,
    /// The feeds the refresh under way asks for (`None`: all of them).
    refresh_only: Option<Vec<String>>,
    /// Refresh as the reader starts.
    refresh_at_start: bool,
    /// Sync with the `[sync]` server, when it is on.
    pub sync: Option<SyncView>,
    /// While search text is being typed: the search as it was before `/`, for Esc.
    pub search_before: Option<String>,
    pub reader: Option<ReaderView>,
    wrap_cache: HashMap<(usize, usize), Rc<Wrapped>>,
    /// Pictures ready for the reading pane, and what the picture workers were asked for.
    pub pictures: Pictures,
    pub size: Size,
    pub status: Option<Status>,
    /// Bookmark changes sent to the store and not yet confirmed.
    pub pending: Vec<ArticleId>,
    /// Bookmarks a star removed on another device took away: the bookmarks view lists the
    /// recent ones below the bookmarks.
    unstarred: unstarred::Unstarred,
    /// The article last marked read by opening it: opening marks an article read once, so
    /// that one marked unread again with the reader open stays unread.
    opened: Option<ArticleId>,
    /// The article whose body was last asked of the store, until it answers.
    loading: Option<ArticleId>,
    /// The last search asked of the store's full-text index.
    searched: String,
    /// What the index found for a search: by library index, whether it found the article.
    cache_hits: Option<(String, Vec<bool>)>,
    /// The list holds only the newest cached articles while the rest are read.
    pub loading_list: bool,
    /// How far indexing the cache anew for search has come, while it runs (once, after an
    /// upgrade): until it ends, the index may miss Chinese, Japanese, Korean and Thai text.
    pub reindexing: Option<crate::store::Reindexing>,
    /// Full texts and linked pages read in this run, and which the reader shows.
    pub full_text: FullTexts,
    /// Why bookmarks and read marks cannot be saved in this run, if they cannot.
    pub store_problem: Option<String>,
    pub settings: Settings,
    pub now: DateTime<Utc>,
    pub should_quit: bool,
}

impl App {
    pub fn new(library: Library, settings: Settings, size: Size, now: DateTime<Utc>) -> Self {
        let mut app = Self {
            nav: Nav::new(&library),
            library,
            visible: Vec::new(),
            filter: Filter::default(),
            filtered_by: Filter::default(),
            selected: 0,
            list_offset: 0,
            visible_unread: 0,
            lingering: None,
            last_marked: None,
            article_chosen: false,
            marking: Vec::new(),
            focus: Focus::List,
            overlay: None,
            overlay_cursor: 0,
            feeds: Vec::new(),
            refreshing: None,
            refresh_tally: refreshed::Tally::default(),
            refresh_only: None,
            refresh_at_start: false,
            sync: None,
            search_before: None,
            reader: None,
            wrap_cache: HashMap::new(),
            pictures: Pictures::default(),
            size,
            status: None,
            pending: Vec::new(),
            unstarred: unstarred::Unstarred::default(),
            opened: None,
            loading: None,
            searched: String::new(),
            cache_hits: None,
            loading_list: false,
            reindexing: None,
            full_text: FullTexts::default(),
            store_problem: None,
            settings,
            now,
            should_quit: false,
        };
        app.refilter_all();
        app.settle();
        app
    }

    pub fn panes(&self) -> Panes {
        layout::panes(
            Rect::from((Position::ORIGIN, self.size)),
            self.focus,
            &self.settings.layout,
        )
    }

    /// The rectangle a pane has when it is shown, whether or not it is shown now.
    fn pane_rect(&self, pane: Focus) -> Rect {
        let pick = |p: Panes| match pane {
            Focus::Nav => p.nav,
            Focus::List => p.list,
            Focus::Reader => p.reader,
        };
        let area = Rect::from((Position::ORIGIN, self.size));
        pick(self.panes())
            .or_else(|| pick(layout::panes(area, pane, &self.settings.layout)))
            .unwrap_or_default()
    }

    /// Articles the list shows at once (each takes two rows).
    pub fn list_rows(&self) -> usize {
        (usize::from(layout::inner(self.pane_rect(Focus::List)).height) / 2).max(1)
    }

    fn reader_text(&self) -> Rect {
        layout::reader_text(
            self.pane_rect(Focus::Reader),
            self.settings.layout.reader_max_width.0,
        )
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        self.visible
            .get(self.selected)
            .map(|&i| self.library.entry(i))
    }

    pub fn byline(&self, entry: &Entry) -> String {
        byline(entry, &self.settings.date_format, self.settings.offset)
    }

    /// As the reader starts, at the terminal's size: what it asks for once its first frame
    /// is drawn: what the screen shows (a body, pictures), the refresh at start, the whole
    /// list of a large cache, the cache indexed anew.
    pub fn start(&mut self, size: Size) -> Vec<Effect> {
        self.size = size;
        let mut effects = Vec::new();
        if self.refresh_at_start {
            effects.extend(self.refresh_on_start());
        }
        if self.loading_list {
            effects.push(Effect::List(ListRequest::ReadAll));
        }
        if self.reindexing.is_some() {
            effects.push(Effect::Reindex(ReindexRequest::Start));
        }
        let effects = self.finish(effects);
        self.remember_changes(&effects);
        effects
    }

    /// Refresh as the reader starts.
    pub fn refresh_when_started(&mut self) {
        self.refresh_at_start = true;
    }

    /// Whether the reader is to end.
    pub fn quitting(&self) -> bool {
        self.should_quit
    }

    /// The time now, for the dates shown and what is due.
    pub fn set_clock(&mut self, now: DateTime<Utc>) {
        self.now = now;
    }

    pub fn handle(&mut self, event: Event) -> Vec<Effect> {
        let from_person = matches!(
            event,
            Event::Key(_) | Event::Mouse(_) | Event::Paste(_) | Event::Resize(..)
        );
        let reading =
            (self.focus == Focus::Reader).then(|| self.visible.get(self.selected).copied());
        let selected = self.visible.get(self.selected).copied();
        let effects = match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => self.on_key(key),
            Event::Key(_) => Vec::new(),
            Event::Mouse(mouse) => {
                self.on_mouse(mouse);
                Vec::new()
            }
            Event::Resize(width, height) => {
                self.size = Size::new(width, height);
                Vec::new()
            }
            Event::Paste(text) => {
                if self.search_before.is_some() {
                    self.filter.search.push_str(&sanitize::clean_line(&text));
                    self.refilter();
                }
                Vec::new()
            }
            Event::Store(report) => {
                self.on_store(report);
                Vec::new()
            }
            Event::Refresh(progress) => self.on_refresh(progress),
            Event::List(Ok(full)) => {
                self.on_full_library(*full);
                Vec::new()
            }
            Event::List(Err(problem)) => {
                self.loading_list = false;
                self.set_error(format!("only the newest articles are listed: {problem}"));
                Vec::new()
            }
            Event::FullText(event) => {
                self.on_full_text(event);
                Vec::new()
            }
            Event::Picture(report) => {
                self.picture_arrived(*report);
                Vec::new()
            }
            Event::Tick(now) => {
                let mut effects = self.on_tick(now);
                effects.extend(self.sync_due(now));
                effects
            }
            Event::Sync(event) => {
                self.on_sync(event);
                Vec::new()
            }
            Event::Reindex(event) => {
                self.on_reindex(event);
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
                self.should_quit = true;
                Vec::new()
            }
        };
        if from_person {
            self.note_choice(selected);
        }
        // The list changed under the reader by itself (marks saved, a search's results, the
        // whole list read): the reader does not go on to another article unasked.
        if !from_person
            && let Some(before) = reading
            && self.visible.get(self.selected).copied() != before
        {
            self.focus = Focus::List;
        }
        let effects = self.finish(effects);
        self.remember_changes(&effects);
        effects
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        self.status = None;
        if self.overlay.is_some() {
            return self.on_overlay_key(key);
        }
        if self.search_before.is_some() {
            self.on_search_key(key);
            return Vec::new();
        }
        match self.settings.keymap.action_for(key, self.focus) {
            Some(action) => self.apply(action),
            None => Vec::new(),
        }
    }

    /// Does what an action asks, as its key would. Tested directly.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let selected = self.visible.get(self.selected).copied();
        let effects = self.apply(action);
        self.note_choice(selected);
        let effects = self.finish(effects);
        self.remember_changes(&effects);
        effects
    }

    /// Whether a person's key or click chose an article: moved the selection from
    /// `before`, or has the reader open.
    fn note_choice(&mut self, before: Option<usize>) {
        if self.focus == Focus::Reader || self.visible.get(self.selected).copied() != before {
            self.article_chosen = true;
        }
    }

    fn apply(&mut self, action: Action) -> Vec<Effect> {
        let mut effects = Vec::new();
        match action {
            Action::MoveDown => self.move_by(1),
            Action::MoveUp => self.move_by(-1),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::PageDown if self.focus == Focus::Reader && self.reader_at_end() => {
                self.next_unread(true);
            }
            Action::PageDown => self.move_by(self.page(1)),
            Action::PageUp => self.move_by(self.page(-1)),
            Action::HalfPageDown => self.move_by(self.page(1) / 2),
            Action::HalfPageUp => self.move_by(self.page(-1) / 2),
            Action::Open => match self.focus {
                Focus::Nav => self.show_only_nav_item(),
                _ => self.open(),
            },
            Action::Back => self.focus = Focus::List,
            Action::FocusNext => {
                self.focus = match self.focus {
                    Focus::Nav => Focus::List,
                    Focus::List => Focus::Reader,
                    Focus::Reader => Focus::Nav,
                }
            }
            Action::FocusPrev => {
                self.focus = match self.focus {
                    Focus::Nav => Focus::Reader,
                    Focus::List => Focus::Nav,
                    Focus::Reader => Focus::List,
                }
            }
            Action::FocusNav => {
                self.focus = if self.focus == Focus::Nav {
                    Focus::List
                } else {
                    Focus::Nav
                }
            }
            Action::ToggleSelect => self.toggle_nav_item(),
            Action::ToggleTagMode => {
                self.filter.mode = self.filter.mode.toggled();
                self.refilter();
                self.set_info(match self.filter.mode {
                    TagMode::Any => "tags: articles with any selected tag".to_string(),
                    TagMode::All => "tags: articles with all selected tags".to_string(),
                });
            }
            Action::ClearFilter => {
                self.filter.sources.clear();
                self.filter.tags.clear();
                self.filter.search.clear();
                self.refilter();
                self.set_info("filter cleared".to_string());
            }
            Action::ToggleBookmark => effects.extend(self.toggle_bookmark()),
            Action::ShowBookmarks => {
                self.filter.bookmarks_only = !self.filter.bookmarks_only;
                self.refilter();
            }
            Action::UnreadOnly => self.toggle_unread_only(),
            Action::ToggleRead => effects.extend(self.toggle_read()),
            Action::MarkAllRead => effects.extend(self.mark_all_read()),
            Action::UndoMarkAll => effects.extend(self.undo_mark_all()),
            Action::NextUnread => self.next_unread(true),
            Action::PrevUnread => self.next_unread(false),
            Action::Search => self.search_before = Some(self.filter.search.clone()),
            Action::NextMatch => self.jump_to_match(true),
            Action::PrevMatch => self.jump_to_match(false),
            Action::Refresh => effects.extend(self.start_refresh(None)),
            Action::RefreshFeed => match self.selected_entry().and_then(|e| e.feed.as_deref()) {
                Some(url) => effects.extend(self.start_refresh(Some(vec![url.to_string()]))),
                None => self.set_info("this article is not from a feed".to_string()),
            },
            Action::ShowFeeds => self.open_overlay(Overlay::Feeds),
            Action::OpenInBrowser => {
                match self.selected_entry().and_then(|e| e.article.url.clone()) {
                    Some(url) => effects.push(Effect::Desktop(DesktopRequest::Open(url))),
                    None => self.set_info("this article has no address".to_string()),
                }
            }
            Action::ShowLinks => {
                if self.links().is_empty() {
                    self.set_info("this article has no links".to_string());
                } else {
                    self.open_overlay(Overlay::Links);
                }
            }
            Action::CopyUrl => match self.selected_entry().and_then(|e| e.article.url.clone()) {
                Some(url) => effects.push(Effect::Desktop(DesktopRequest::Copy(url))),
                None => self.set_info("this article has no address".to_string()),
            },
            Action::FullText => effects.extend(self.toggle_full_text()),
            Action::Help => self.open_overlay(Overlay::Help),
            Action::Quit => self.should_quit = true,
        }
        effects
    }

    /// After every event: brings derived state in line, and marks the article in the
    /// reader read once the reader has the focus (by Enter, Tab, a click, `n` or `]`).
    fn finish(&mut self, mut effects: Vec<Effect>) -> Vec<Effect> {
        self.settle();
        let pictures = self.picture_effects(&effects);
        effects.extend(pictures);
        if let Some(entry) = self.selected_entry()
            && entry.body_in_store
            && self.store_problem.is_none()
            && self.loading.as_ref() != Some(&entry.article.id)
        {
            let id = entry.article.id.clone();
            self.loading = Some(id.clone());
            effects.push(Effect::Store(StoreRequest::LoadBody(id)));
        }
        let search = &self.filter.search;
        if *search != self.searched && self.store_problem.is_none() {
            self.searched = search.clone();
            if !search.trim().is_empty() && self.library.has_cached() {
                effects.push(Effect::Store(StoreRequest::Search(search.clone())));
            }
        }
        if self.focus != Focus::Reader || self.store_problem.is_some() {
            self.opened = None;
            return effects;
        }
        if let Some(entry) = self.selected_entry()
            && self.opened.as_ref() != Some(&entry.article.id)
        {
            let (id, read) = (entry.article.id.clone(), entry.is_read());
            self.opened = Some(id.clone());
            if !read {
                self.linger_selected();
                effects.push(Effect::Store(StoreRequest::MarkRead(id)));
            }
        }
        effects
    }

    /// Opens the selected article: the reader takes the focus, which marks it read.
    fn open(&mut self) {
        if self.selected_entry().is_some() {
            self.focus = Focus::Reader;
        }
    }

    /// Brings derived state in line after any change: clamps cursors, scrolls the list and
    /// the navigation pane to keep their cursors in view, and lays out the selected article
    /// for the reader.
    fn settle(&mut self) {
        self.let_go_of_lingering();
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
        self.list_offset = keep_in_view(self.list_offset, self.selected, self.list_rows());
        let nav_rows = self.nav_rows();
        self.nav.keep_in_view(nav_rows);
        let text = self.reader_text();
        let width = usize::from(text.width).max(1);
        let Some(&article) = self.visible.get(self.selected) else {
            self.reader = None;
            return;
        };
        let (scroll, match_line) = match &self.reader {
            Some(reader) if reader.article == article => (reader.scroll, reader.match_line),
            _ => {
                // An article shown anew asks again for pictures that failed for a passing
                // reason; laid out before, they would keep the one line of their note.
                if self.pictures.forget_passing() {
                    self.wrap_cache.clear();
                }
                (0, None)
            }
        };
        self.close_page_unless(article);
        let wrapped = match self.wrap_cache.get(&(article, width)) {
            Some(wrapped) => Rc::clone(wrapped),
            None => {
                let wrapped = Rc::new(self.lay_out(article, width));
                if self.wrap_cache.len() >= WRAP_CACHE_LIMIT {
                    self.wrap_cache.clear();
                }
                self.wrap_cache
                    .insert((article, width), Rc::clone(&wrapped));
                wrapped
            }
        };
        let max_scroll = wrapped.lines.len().saturating_sub(usize::from(text.height));
        self.reader = Some(ReaderView {
            article,
            scroll: scroll.min(max_scroll),
            match_line,
            wrapped,
        });
    }
}

/// Source, author and date, as the reader's second line.
pub fn byline(entry: &Entry, date_format: &str, offset: FixedOffset) -> String {
    let article = &entry.article;
    let mut parts = vec![article.source.clone()];
    parts.extend(article.author.clone());
    if let Some(date) = article.published {
        parts.push(dates::absolute(date, date_format, offset));
    }
    if entry.origin == Origin::SavedOnly {
        parts.push("saved copy".to_string());
    }
    parts.join(" · ")
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
mod search_tests;
#[cfg(test)]
mod sync_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod unread_tests;
#[cfg(test)]
mod unstarred_tests;
