//! `Event`: everything the app reacts to, from the terminal, the clock and the workers, over
//! one channel; and the input and clock threads that feed it.

use std::sync::mpsc::Sender;
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{self as terminal, KeyEvent, MouseEvent};

use chrono::{DateTime, Utc};

use crate::worker::desktop::DesktopReport;
use crate::worker::discovery::DiscoveryReport;
use crate::worker::full_text::FullTextReport;
use crate::worker::list::ListReport;
use crate::worker::pictures::PictureReport;
use crate::worker::refresh::RefreshReport;
use crate::worker::reindex::ReindexReport;
use crate::worker::store::StoreReport;
use crate::worker::sync::SyncReport;

/// Everything the app reacts to: the terminal, the clock, and each worker's reports.
#[derive(Debug)]
pub enum Event {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    Paste(String),
    /// A minute has passed: feeds may be due for a refresh, relative dates move on.
    Tick(DateTime<Utc>),
    Store(StoreReport),
    Refresh(RefreshReport),
    /// What came of reading an article's full text, or a linked page.
    FullText(FullTextReport),
    /// A picture for the reading pane, ready to draw or with why it cannot be shown.
    Picture(Box<PictureReport>),
    /// Progress and end of a sync with the `[sync]` server.
    Sync(SyncReport),
    /// The whole list, read from a large feed cache in the background, or why it could not be.
    List(ListReport),
    /// Progress and end of indexing the cache anew for search, once after an upgrade.
    Reindex(ReindexReport),
    /// What came of opening or copying an address: a message for the status line.
    Desktop(DesktopReport),
    /// What came of reading an address typed after `+`.
    Discovery(DiscoveryReport),
    /// A thread of the reader panicked outside isolated work: the terminal was restored to
    /// print the panic, so the reader ends.
    Crashed,
}

/// Each worker's report reaches the app as its event.
macro_rules! from_report {
    ($($report:ty => $variant:ident),* $(,)?) => {
        $(impl From<$report> for Event {
            fn from(report: $report) -> Event {
                Event::$variant(report)
            }
        })*
    };
}

from_report! {
    StoreReport => Store,
    RefreshReport => Refresh,
    FullTextReport => FullText,
    SyncReport => Sync,
    ListReport => List,
    ReindexReport => Reindex,
    DesktopReport => Desktop,
    DiscoveryReport => Discovery,
}

impl From<PictureReport> for Event {
    fn from(report: PictureReport) -> Event {
        Event::Picture(Box::new(report))
    }
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
