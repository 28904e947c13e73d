//! `Event`: everything the app reacts to, from the terminal and from the store worker, over
//! one channel; and the input thread that feeds terminal events into it.

use std::sync::mpsc::Sender;
use std::thread;

use ratatui::crossterm::event::{self as terminal, KeyEvent, MouseEvent};

use crate::app::FullLibrary;
use crate::model::{ArticleId, Body};
use crate::picture::worker::PictureReport;
use crate::refresh::{FeedReport, Summary};

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
    /// A picture for the reading pane, ready to draw or with why it cannot be shown.
    Picture(Box<PictureReport>),
    /// What came of opening or copying an address: a message for the status line.
    Notice {
        text: String,
        is_error: bool,
    },
}

/// Progress of a refresh running on its own thread.
#[derive(Debug, Clone, PartialEq)]
pub enum RefreshEvent {
    Feed { done: usize, report: FeedReport },
    Finished(Summary),
}

/// What the store worker did with an `Effect`.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreReport {
    BookmarkSaved(ArticleId),
    BookmarkRemoved(ArticleId),
    MarkedRead(ArticleId),
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
