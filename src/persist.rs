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
                // When the screen is gone the send fails; saving goes on all the same.
                if let Some(report) = apply(&store, effect) {
                    let _ = events.send(Event::Store(report));
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

/// Saves one change. Effects that are not changes to the store never reach the worker.
fn apply(store: &Store, effect: Effect) -> Option<StoreReport> {
    let now = Utc::now();
    Some(match effect {
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
        Effect::Refresh { .. } | Effect::OpenUrl(_) | Effect::CopyUrl(_) => return None,
    })
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
