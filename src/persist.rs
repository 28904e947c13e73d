//! The store worker: applies the app's `Effect`s to the store on a thread of its own, so the
//! screen never waits on the disk or a lock, and reports each outcome as an event.

use std::sync::mpsc::{self, Sender};
use std::thread::{self, JoinHandle};

use chrono::Utc;

use crate::app::Effect;
use crate::event::{Event, StoreReport};
use crate::store::Store;

/// The handle on the worker. Dropping it waits until every change asked for is saved,
/// however the reader ends.
pub struct Persist {
    effects: Option<Sender<Effect>>,
    worker: Option<JoinHandle<()>>,
}

impl Persist {
    pub fn spawn(store: Store, events: Sender<Event>) -> Self {
        let (effects, inbox) = mpsc::channel::<Effect>();
        let worker = thread::spawn(move || {
            for effect in inbox {
                let report = apply(&store, effect);
                if events.send(Event::Store(report)).is_err() {
                    // The screen is gone; keep saving what was asked for.
                    continue;
                }
            }
        });
        Self {
            effects: Some(effects),
            worker: Some(worker),
        }
    }

    pub fn send(&self, effect: Effect) {
        if let Some(effects) = &self.effects {
            // The worker only stops once this sender is dropped, so the send cannot fail.
            let _ = effects.send(effect);
        }
    }
}

impl Drop for Persist {
    fn drop(&mut self) {
        drop(self.effects.take());
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

fn apply(store: &Store, effect: Effect) -> StoreReport {
    let now = Utc::now();
    match effect {
        Effect::SaveBookmark(article) => match store.add_bookmark(&article, now) {
            Ok(()) => StoreReport::BookmarkSaved(article.id),
            Err(e) => failed(article.id, "save the bookmark", &e),
        },
        Effect::RemoveBookmark(id) => match store.remove_bookmark(&id) {
            Ok(_) => StoreReport::BookmarkRemoved(id),
            Err(e) => failed(id, "remove the bookmark", &e),
        },
        Effect::MarkRead(id) => match store.mark_read(&id, now) {
            Ok(()) => StoreReport::MarkedRead(id),
            Err(e) => failed(id, "mark the article read", &e),
        },
    }
}

fn failed(
    id: crate::model::ArticleId,
    what: &'static str,
    error: &dyn std::fmt::Display,
) -> StoreReport {
    StoreReport::Failed {
        id,
        what,
        error: error.to_string(),
    }
}
