//! The reader's event loop: draw, wait for an event, update, hand effects to the store
//! worker, repeat. The terminal is restored on every way out, panics included.

use std::io::{IsTerminal, stdout};
use std::sync::mpsc;

use anyhow::{Context, bail};
use chrono::Utc;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

use crate::app::App;
use crate::event::{self, Event};
use crate::persist::Persist;
use crate::store::Store;
use crate::ui;

pub fn run(mut app: App, store: Option<Store>, mouse: bool) -> anyhow::Result<()> {
    if !stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "the reader needs a terminal; for plain output use `tidings list` or `tidings show ID`"
        );
    }
    let (events, inbox) = mpsc::channel();
    let persist = store.map(|store| Persist::spawn(store, events.clone()));
    event::spawn_input(events);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
    }));
    let result = ratatui::run(|terminal| {
        // Pastes arrive as one event, so pasted text never acts as keys.
        execute!(stdout(), EnableBracketedPaste).context("cannot set up the terminal")?;
        if mouse {
            execute!(stdout(), EnableMouseCapture).context("cannot turn on the mouse")?;
        }
        let result = event_loop(terminal, &mut app, &inbox, persist.as_ref());
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        result
    });
    // Dropping `persist` waits for every queued change to be saved, on a panic too.
    drop(persist);
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    inbox: &mpsc::Receiver<Event>,
    persist: Option<&Persist>,
) -> anyhow::Result<()> {
    let size = terminal.size().context("cannot read the terminal size")?;
    app.handle(Event::Resize(size.width, size.height));
    loop {
        app.now = Utc::now();
        terminal
            .draw(|frame| ui::draw(frame, app))
            .context("cannot draw")?;
        let Ok(first) = inbox.recv() else {
            return Ok(());
        };
        let mut effects = app.handle(first);
        while let Ok(next) = inbox.try_recv() {
            effects.extend(app.handle(next));
        }
        if let Some(persist) = persist {
            for effect in effects {
                persist.send(effect);
            }
        }
        if app.should_quit {
            return Ok(());
        }
    }
}
