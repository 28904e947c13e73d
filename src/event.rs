//! `Event`: everything the app reacts to, from the terminal and from the store worker, over
//! one channel; and the input thread that feeds terminal events into it.

use std::sync::mpsc::Sender;
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{self as terminal, KeyEvent, MouseEvent};

use chrono::{DateTime, Utc};

use crate::effect::ReadChange;
use crate::model::library::Library;
use crate::model::{Article, ArticleId, Body, FullText};
use crate::picture::worker::PictureReport;
use crate::refresh::{FeedReport, Summary};
use crate::store::{Reindexing, StoredFullText};
use crate::sync::SyncEvent;

#[derive(Debug)]
pub enum Event {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    Paste(String),
    Store(StoreReport),
    Refresh(RefreshEvent),
    /// The whole list, read from a large feed cache in the background, or why it could not be.
    FullLibrary(Result<Box<FullLibrary>, String>),
    /// What came of reading an article's full text, or a linked page.
    FullText(FullTextEvent),
    /// A picture for the reading pane, ready to draw or with why it cannot be shown.
    Picture(Box<PictureReport>),
    /// A minute has passed: feeds may be due for a refresh, relative dates move on.
    Tick(DateTime<Utc>),
    /// Progress and end of a sync with the `[sync]` server.
    Sync(SyncEvent),
    /// Progress and end of indexing the cache anew for search, once after an upgrade.
    Reindex(ReindexEvent),
    /// What came of opening or copying an address: a message for the status line.
    Notice {
        text: String,
        is_error: bool,
    },
    /// A thread of the reader panicked outside isolated work: the terminal was restored to
    /// print the panic, so the reader ends.
    Crashed,
}

/// The whole library of a run, read on a thread of its own.
#[derive(Debug)]
pub struct FullLibrary {
    pub library: Library,
    /// What could not be read on the way.
    pub problems: Vec<String>,
}

/// Progress of a refresh running on its own thread.
#[derive(Debug, Clone, PartialEq)]
pub enum RefreshEvent {
    Feed { done: usize, report: FeedReport },
    Finished(Summary),
}

/// Indexing the cache anew on its own thread (schema version 9, search in every script).
#[derive(Debug, Clone, PartialEq)]
pub enum ReindexEvent {
    /// A batch of articles was done.
    Progress(Reindexing),
    /// Every article is done, or why not.
    Finished(Result<(), String>),
}

/// Full texts and pages read off the UI thread.
#[derive(Debug, Clone, PartialEq)]
pub enum FullTextEvent {
    /// An article's full text was read from its page (asked for, or after a refresh), or
    /// why it could not be.
    Read {
        id: ArticleId,
        result: Result<FullText, String>,
    },
    /// What the store keeps of an article's full text, read when its body was.
    Kept { id: ArticleId, kept: StoredFullText },
    /// A page a link points to, read as an article, or why it could not be.
    Page {
        url: String,
        result: Result<Box<Article>, String>,
    },
}

/// What the store worker did with an `Effect`.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreReport {
    BookmarkSaved(ArticleId),
    BookmarkRemoved(ArticleId),
    MarkedRead(ArticleId),
    /// Read marks set or cleared by [`crate::effect::Effect::SetRead`].
    ReadSet {
        ids: Vec<ArticleId>,
        read: bool,
        change: ReadChange,
    },
    /// Read marks that could not be saved.
    ReadSetFailed {
        read: bool,
        error: String,
    },
    /// How many changes wait to be sent to the sync server, after a change was saved.
    Queued(usize),
    /// The body of a cached article, read when it was opened.
    BodyLoaded(ArticleId, Box<Body>),
    /// The cached articles the full-text index found for a search.
    SearchHits {
        query: String,
        found: Vec<ArticleId>,
    },
    /// A change could not be saved; `what` says which ("save the bookmark").
    Failed {
        id: ArticleId,
        what: &'static str,
        error: String,
    },
}

/// How often the clock ticks: refreshes are due by the minute.
const TICK: Duration = Duration::from_secs(60);

/// Sends the time every minute, on a thread of its own, until the channel closes.
pub fn spawn_clock(events: Sender<Event>) {
    thread::spawn(move || {
        loop {
            thread::sleep(TICK);
            if events.send(Event::Tick(Utc::now())).is_err() {
                break;
            }
        }
    });
}

/// Reads terminal events on a thread of its own until the channel closes.
pub fn spawn_input(events: Sender<Event>) {
    thread::spawn(move || {
        while let Ok(event) = terminal::read() {
            let event = match event {
                terminal::Event::Key(key) => Event::Key(key),
                terminal::Event::Mouse(mouse) => Event::Mouse(mouse),
                terminal::Event::Resize(width, height) => Event::Resize(width, height),
                terminal::Event::Paste(text) => Event::Paste(text),
                terminal::Event::FocusGained | terminal::Event::FocusLost => continue,
            };
            if events.send(event).is_err() {
                break;
            }
        }
    });
}
