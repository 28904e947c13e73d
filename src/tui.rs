//! The reader's event loop: draw, wait for an event, update, carry out the effects (saving,
//! refreshing, opening), repeat. The terminal is restored on every way out, panics included.

use std::io::{IsTerminal, stdout};
use std::path::PathBuf;
use std::sync::mpsc::{self, Sender};
use std::sync::{Mutex, PoisonError};
use std::thread;

use anyhow::{Context, bail};
use chrono::Utc;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

use crate::app::App;
use crate::desktop;
use crate::effect::Effect;
use crate::event::{self, Event, FullTextEvent, RefreshEvent};
use crate::full_text;
use crate::model::Subscription;
use crate::persist::Persist;
use crate::picture::worker::{self, PictureWorker};
use crate::refresh::{self, Options};
use crate::source::fulltext::{self, Known};
use crate::store::Store;
use crate::ui;

/// The feeds this run refreshes, and how.
pub struct Refresher {
    pub feeds: Vec<Subscription>,
    pub options: Options,
    /// Where the store is, to keep what comes; `None` for feeds shown for one run only.
    pub data_dir: Option<PathBuf>,
    /// Refresh as the reader starts.
    pub on_start: bool,
    /// Syncs with the `[sync]` server, when there is one.
    pub sync: Option<crate::sync::Worker>,
}

impl Refresher {
    /// Refreshes on a thread of its own, which reports each feed as an event.
    fn start(&self, only: Option<&[String]>, force: bool, events: &Sender<Event>) {
        let feeds: Vec<Subscription> = self
            .feeds
            .iter()
            .filter(|f| only.is_none_or(|urls| urls.contains(&f.url)))
            .cloned()
            .collect();
        let options = Options {
            force,
            ..self.options.clone()
        };
        let data_dir = self.data_dir.clone();
        let events = events.clone();
        thread::spawn(move || {
            crate::isolate::test_crash("refresh");
            // Its own connection: SQLite in WAL mode lets it write while the reader saves.
            let store = data_dir.and_then(|dir| Store::open(&dir).ok());
            let summary = refresh::refresh(&feeds, store.as_ref(), &options, |done, report| {
                let report = report.clone();
                let _ = events.send(Event::Refresh(RefreshEvent::Feed { done, report }));
            });
            let _ = events.send(Event::Refresh(RefreshEvent::Finished(summary)));
            let Some(store) = store else { return };
            let texts = full_text::read_pending(&store, &feeds, &options.fetch, |job, result| {
                let _ = events.send(Event::FullText(FullTextEvent::Read {
                    id: job.id.clone(),
                    result: result.clone(),
                }));
            });
            if texts.read + texts.failed > 0 {
                let _ = events.send(Event::Notice {
                    text: texts.describe(),
                    is_error: false,
                });
            }
        });
    }

    /// Reads an article's full text (or takes the one kept) on a thread of its own.
    fn read_full_text(&self, job: full_text::Job, events: &Sender<Event>) {
        let settings = self.options.fetch.clone();
        let data_dir = self.data_dir.clone();
        let events = events.clone();
        thread::spawn(move || {
            let store = data_dir.and_then(|dir| Store::open(&dir).ok());
            let result = full_text::read_one(store.as_ref(), &settings, &job);
            let _ = events.send(Event::FullText(FullTextEvent::Read { id: job.id, result }));
        });
    }

    /// Reads the page a link points to as an article, on a thread of its own.
    fn read_page(&self, url: String, events: &Sender<Event>) {
        let settings = self.options.fetch.clone();
        let events = events.clone();
        thread::spawn(move || {
            let result = fulltext::read(&settings, &url, Known::default())
                .map(|page| Box::new(page.into_article(&url)))
                .map_err(|error| error.message);
            let _ = events.send(Event::FullText(FullTextEvent::Page { url, result }));
        });
    }
}

/// Long work started after the first frame, on a thread of its own, that reports as events:
/// reading the whole list for a reader that started on part of it, indexing the cache anew.
pub type Background = Box<dyn FnOnce(Sender<Event>) + Send>;

pub fn run(
    mut app: App,
    store: Option<Store>,
    mouse: bool,
    refresher: Refresher,
    background: Vec<Background>,
    pictures: Option<worker::Settings>,
) -> anyhow::Result<()> {
    if !stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "the reader needs a terminal; for plain output use `tidings list` or `tidings show ID`"
        );
    }
    let (events, inbox) = mpsc::channel();
    let persist = store.map(|store| Persist::spawn(store, events.clone()));
    let pictures = pictures.map(|settings| {
        let events = events.clone();
        PictureWorker::spawn(settings, move |report| {
            events.send(Event::Picture(Box::new(report))).is_ok()
        })
    });
    event::spawn_input(events.clone());
    event::spawn_clock(events.clone());
    let runtime = Runtime {
        persist: persist.as_ref(),
        pictures: pictures.as_ref(),
        refresher: &refresher,
        events: &events,
    };
    // As `ratatui::run`, but the terminal is not restored a second time after a panic on
    // another thread restored it to print the panic: leaving the alternate screen again
    // would put the cursor back at the top, over the panic.
    let mut terminal = ratatui::init();
    // Over ratatui's hook, which restores the terminal: installed once that one is.
    install_panic_hook(events.clone());
    let result = (|| {
        // Pastes arrive as one event, so pasted text never acts as keys.
        execute!(stdout(), EnableBracketedPaste).context("cannot set up the terminal")?;
        if mouse {
            execute!(stdout(), EnableMouseCapture).context("cannot turn on the mouse")?;
        }
        event_loop(&mut terminal, &mut app, &inbox, &runtime, background)
    })();
    if *SCREEN.lock().unwrap_or_else(PoisonError::into_inner) == Screen::Ours {
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        ratatui::restore();
    }
    // Dropping `persist` waits for every queued change to be saved, on a panic too, for at
    // most `persist::SAVE_AT_EXIT`. Nothing else is waited for: the threads that fetch,
    // read pages, draw pictures or sync end with the process, wherever they are.
    drop(persist);
    result
}

/// The reader's panic hooks, over those in place (ratatui's, which restores the terminal
/// and then prints the panic): the mouse and bracketed paste are turned off too; a panic on
/// a thread other than this one, once the terminal is restored to print it, ends the reader
/// (with its keys no longer raw, `q` would never arrive); and, in front of all, the hook
/// that stays quiet for a panic inside isolated work (a feed, a page or a picture that trips
/// the code reading it), which is only that one's error and touches none of this.
fn install_panic_hook(events: Sender<Event>) {
    let main = thread::current().id();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // On another thread: no frame is drawn over the panic once it is printed.
        let _screen = (thread::current().id() != main).then(|| {
            let mut screen = SCREEN.lock().unwrap_or_else(PoisonError::into_inner);
            *screen = Screen::Crashed;
            screen
        });
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
        if thread::current().id() != main {
            let _ = events.send(Event::Crashed);
        }
    }));
    crate::isolate::install_hook();
}

/// Whether the reader may draw: held while a frame is drawn, and by the panic hook of another
/// thread while it restores the terminal and prints, so that neither is drawn over.
static SCREEN: Mutex<Screen> = Mutex::new(Screen::Ours);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Screen {
    Ours,
    /// Another thread panicked: the terminal is restored and shows its panic.
    Crashed,
}

/// Why the reader ends when another of its threads panicked.
const CRASHED: &str = "the reader stopped: one of its threads failed (the message above says how)";

/// Where effects go.
struct Runtime<'a> {
    persist: Option<&'a Persist>,
    pictures: Option<&'a PictureWorker>,
    refresher: &'a Refresher,
    events: &'a Sender<Event>,
}

impl Runtime<'_> {
    /// Carries out an effect; what comes of opening or copying is told at once.
    fn carry_out(&self, effect: Effect) -> Option<Event> {
        let notice = |result: Result<String, String>| match result {
            Ok(text) => Event::Notice {
                text,
                is_error: false,
            },
            Err(text) => Event::Notice {
                text,
                is_error: true,
            },
        };
        match effect {
            Effect::Refresh { only, force } => {
                self.refresher.start(only.as_deref(), force, self.events);
                None
            }
            Effect::ReadFullText(job) => {
                self.refresher.read_full_text(*job, self.events);
                None
            }
            Effect::ReadPage(url) => {
                self.refresher.read_page(url, self.events);
                None
            }
            Effect::Pictures(jobs) => {
                if let Some(pictures) = self.pictures {
                    pictures.want(jobs);
                }
                None
            }
            Effect::KeepPictures(urls) => {
                if let Some(pictures) = self.pictures {
                    pictures.keep(urls);
                }
                None
            }
            Effect::Sync => {
                if let Some(worker) = &self.refresher.sync {
                    let events = self.events.clone();
                    worker.start(move |event| {
                        let _ = events.send(Event::Sync(event));
                    });
                }
                None
            }
            Effect::OpenUrl(url) => Some(notice(desktop::open(&url))),
            Effect::CopyUrl(url) => Some(notice(desktop::copy(&url))),
            store_change => {
                if let Some(persist) = self.persist {
                    persist.send(store_change);
                }
                None
            }
        }
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    inbox: &mpsc::Receiver<Event>,
    runtime: &Runtime,
    mut background: Vec<Background>,
) -> anyhow::Result<()> {
    let size = terminal.size().context("cannot read the terminal size")?;
    let mut effects = app.handle(Event::Resize(size.width, size.height));
    if runtime.refresher.on_start {
        effects.extend(app.refresh_on_start());
    }
    loop {
        for effect in effects.drain(..) {
            if let Some(answer) = runtime.carry_out(effect) {
                app.handle(answer);
            }
        }
        if app.should_quit {
            return Ok(());
        }
        app.now = Utc::now();
        {
            let screen = SCREEN.lock().unwrap_or_else(PoisonError::into_inner);
            if *screen == Screen::Crashed {
                bail!(CRASHED);
            }
            terminal
                .draw(|frame| ui::draw(frame, app))
                .context("cannot draw")?;
        }
        // After the first frame, so that the reader shows before the long work starts.
        for work in background.drain(..) {
            let events = runtime.events.clone();
            thread::spawn(move || work(events));
        }
        let Ok(first) = inbox.recv() else {
            return Ok(());
        };
        for event in std::iter::once(first).chain(inbox.try_iter()) {
            if matches!(event, Event::Crashed) {
                bail!(CRASHED);
            }
            effects.extend(app.handle(event));
        }
    }
}
