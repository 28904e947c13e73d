//! The reader in the terminal: the workers started, the terminal set up, the event loop run
//! (`event_loop.rs`), and the terminal restored on every way out, panics included.

use std::io::{IsTerminal, stdout};
use std::sync::mpsc::{self, Sender};
use std::sync::{Mutex, PoisonError};
use std::thread;

use anyhow::{Context, bail};
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

use crate::app::App;
use crate::event::{self, Event};
use crate::ui;

mod event_loop;
mod workers;

pub use workers::{Dispatch, Setup, Workers};

pub fn run(mut app: App, mouse: bool, setup: Setup) -> anyhow::Result<()> {
    if !stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "the reader needs a terminal; for plain output use `tidings list` or `tidings show ID`"
        );
    }
    let (events, inbox) = mpsc::channel();
    let workers = Workers::spawn(setup, &events);
    event::spawn_input(events.clone());
    event::spawn_clock(events.clone());
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
        let size = terminal.size().context("cannot read the terminal size")?;
        event_loop::run(&mut app, size, &inbox, &workers, |app| {
            let screen = SCREEN.lock().unwrap_or_else(PoisonError::into_inner);
            if *screen == Screen::Crashed {
                bail!(event_loop::CRASHED);
            }
            terminal
                .draw(|frame| ui::draw(frame, app))
                .context("cannot draw")?;
            Ok(())
        })
    })();
    if *SCREEN.lock().unwrap_or_else(PoisonError::into_inner) == Screen::Ours {
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        ratatui::restore();
    }
    // The store worker saves every queued change, on a panic too, for at most
    // `worker::store::SAVE_AT_EXIT`. Nothing else is waited for: the threads that fetch,
    // read pages, draw pictures or sync end with the process, wherever they are.
    workers.stop();
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
