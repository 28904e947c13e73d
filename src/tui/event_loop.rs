//! The event loop: carry out the effects asked for, draw, wait for events, hand each to the
//! app, repeat. Every effect the app returns is handed to a worker; the workers' answers come
//! back as events, whose effects are carried out in turn, so none is ever left behind.

use std::sync::mpsc::Receiver;

use anyhow::bail;
use ratatui::layout::Size;

use super::Dispatch;
use crate::app::App;
use crate::effect::Effect;
use crate::event::Event;

/// Why the reader ends when another of its threads panicked.
pub const CRASHED: &str =
    "the reader stopped: one of its threads failed (the message above says how)";

/// Runs the reader until it quits or its events end. `draw` draws a frame of the app. What
/// the app asks for as it starts is carried out once the first frame is drawn, so that the
/// reader shows before long work (reading a large cache, indexing it anew) begins.
pub fn run(
    app: &mut App,
    size: Size,
    inbox: &Receiver<Event>,
    workers: &impl Dispatch,
    mut draw: impl FnMut(&App) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut effects: Vec<Effect> = Vec::new();
    let mut on_start = Some(app.start(size));
    loop {
        for effect in effects.drain(..) {
            workers.carry_out(effect);
        }
        if app.quitting() {
            return Ok(());
        }
        app.set_clock(chrono::Utc::now());
        draw(app)?;
        if let Some(start) = on_start.take() {
            effects = start;
            continue;
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

#[cfg(test)]
#[path = "event_loop_tests.rs"]
mod tests;
