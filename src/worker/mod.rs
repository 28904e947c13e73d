//! The reader's workers, all of one shape. A worker takes one kind of request (its
//! `…Request`, beside it in its module) and answers with one kind of report (its `…Report`),
//! which reaches the event loop over the same channel as the terminal's events. Every
//! worker is:
//!
//! - **spawned** the same way, by [`Handle::spawn`]: a thread of its own is started, the
//!   worker is built on it from what it needs and a [`Reply`], and it waits for requests;
//! - **asked** the same way, by [`Handle::send`], which never waits: the requests that
//!   queued up while the worker was busy are handed to it together
//!   ([`Worker::handle_all`]), so that it can leave out what a later one makes moot;
//! - **stopped** the same way, by [`Handle::stop`] (or by dropping the handle): its inbox
//!   closes and the reader waits for it at most its [`Worker::AT_EXIT`], which is no time at
//!   all but for the store worker, which finishes the changes queued for at most two
//!   seconds. A worker still busy then is abandoned to the end of the process.
//!
//! A worker may hand a request to a thread of its own (a refresh, a page, a sync), so that
//! a long one does not hold up the next. A panic in a worker, outside the isolated work of
//! [`crate::isolate`], reaches the reader's panic hook as any panic does.
//!
//! The desktop worker alone is not a thread: what it does may write to the terminal (a copy
//! through the terminal), which only the event loop's thread may do between frames. It has
//! the same handle, built by [`Handle::inline`], and answers over the same channel.

pub mod desktop;
pub mod discovery;
pub mod full_text;
pub mod list;
pub mod pictures;
pub mod refresh;
pub mod reindex;
pub mod store;
pub mod sync;

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// What every worker is: one request type in, one report type out.
pub trait Worker: Sized + 'static {
    type Request: Send + 'static;
    type Report: Send + 'static;

    /// The longest the reader waits for the worker as it ends, for the requests it was sent
    /// before: none but the store's.
    const AT_EXIT: Duration = Duration::ZERO;

    /// Carries out one request; what comes of it goes to the reply the worker was built with.
    fn handle(&mut self, request: Self::Request);

    /// Carries out the requests that waited together, oldest first. A worker whose later
    /// requests make earlier ones moot leaves those out here.
    fn handle_all(&mut self, requests: Vec<Self::Request>) {
        for request in requests {
            self.handle(request);
        }
    }
}

/// The way a worker's reports reach the event loop: each becomes an event on its channel.
pub struct Reply<T> {
    send: Arc<dyn Fn(T) -> bool + Send + Sync>,
    stopping: Arc<AtomicBool>,
}

impl<T> Clone for Reply<T> {
    fn clone(&self) -> Self {
        Self {
            send: Arc::clone(&self.send),
            stopping: Arc::clone(&self.stopping),
        }
    }
}

impl<T: Send + 'static> Reply<T> {
    fn to<E: From<T> + Send + 'static>(events: &Sender<E>, stopping: Arc<AtomicBool>) -> Self {
        let events = events.clone();
        Self {
            send: Arc::new(move |report| events.send(E::from(report)).is_ok()),
            stopping,
        }
    }

    /// Sends a report; false once no one listens (the reader has ended).
    pub fn send(&self, report: T) -> bool {
        (self.send)(report)
    }

    /// Whether the reader is ending: a worker then only finishes what must not be lost.
    pub fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::Relaxed)
    }
}

/// The event loop's hold on a worker: where its requests go, and how it is stopped.
pub struct Handle<R> {
    inbox: Inbox<R>,
    stopping: Arc<AtomicBool>,
}

enum Inbox<R> {
    Thread {
        requests: Option<Sender<R>>,
        thread: Option<JoinHandle<()>>,
        /// Closed when the thread ends, however it ends: a wait for it with a bound.
        ended: Receiver<()>,
        at_exit: Duration,
    },
    /// Carried out on the caller's thread, at once.
    Inline(RefCell<Box<dyn FnMut(R)>>),
}

impl<R: Send + 'static> Handle<R> {
    /// Starts a worker on a thread of its own: `build` makes it there, from the way back to
    /// `events`, and it then takes requests until it is stopped.
    pub fn spawn<W, E>(
        events: &Sender<E>,
        build: impl FnOnce(Reply<W::Report>) -> W + Send + 'static,
    ) -> Self
    where
        W: Worker<Request = R>,
        E: From<W::Report> + Send + 'static,
    {
        let stopping = Arc::new(AtomicBool::new(false));
        let reply = Reply::to(events, Arc::clone(&stopping));
        let (requests, inbox) = mpsc::channel::<R>();
        let (ends, ended) = mpsc::channel::<()>();
        let thread = thread::spawn(move || {
            let _ends = ends;
            let mut worker = build(reply);
            while let Ok(first) = inbox.recv() {
                let mut waiting = vec![first];
                waiting.extend(inbox.try_iter());
                worker.handle_all(waiting);
            }
        });
        Self {
            inbox: Inbox::Thread {
                requests: Some(requests),
                thread: Some(thread),
                ended,
                at_exit: W::AT_EXIT,
            },
            stopping,
        }
    }

    /// A worker that does its work on the caller's thread, as it is asked; it answers over
    /// `events` as the others do.
    pub fn inline<W, E>(events: &Sender<E>, build: impl FnOnce(Reply<W::Report>) -> W) -> Self
    where
        W: Worker<Request = R>,
        E: From<W::Report> + Send + 'static,
    {
        let stopping = Arc::new(AtomicBool::new(false));
        let mut worker = build(Reply::to(events, Arc::clone(&stopping)));
        Self {
            inbox: Inbox::Inline(RefCell::new(Box::new(move |request| {
                worker.handle(request)
            }))),
            stopping,
        }
    }

    /// A handle whose requests are only kept, for tests: what reaches the worker is read
    /// from the receiver.
    pub fn recording() -> (Self, Receiver<R>) {
        let (requests, inbox) = mpsc::channel::<R>();
        let (_ends, ended) = mpsc::channel::<()>();
        let handle = Self {
            inbox: Inbox::Thread {
                requests: Some(requests),
                thread: None,
                ended,
                at_exit: Duration::ZERO,
            },
            stopping: Arc::new(AtomicBool::new(false)),
        };
        (handle, inbox)
    }

    /// Hands the worker a request; never waits for it.
    pub fn send(&self, request: R) {
        match &self.inbox {
            // The worker only stops once this sender is dropped, so the send cannot fail
            // but for a worker that panicked, whose panic has ended the reader.
            Inbox::Thread { requests, .. } => {
                if let Some(requests) = requests {
                    let _ = requests.send(request);
                }
            }
            Inbox::Inline(worker) => (worker.borrow_mut())(request),
        }
    }

    /// Stops the worker: its inbox closes, and it is waited for at most its
    /// [`Worker::AT_EXIT`]; a worker still busy then is abandoned to the end of the process.
    /// Dropping the handle does the same.
    pub fn stop(self) {
        drop(self);
    }
}

impl<R> Drop for Handle<R> {
    /// However the reader ends, a panic included, a worker is stopped as [`Handle::stop`]
    /// stops it.
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::Relaxed);
        if let Inbox::Thread {
            requests,
            thread,
            ended,
            at_exit,
        } = &mut self.inbox
        {
            drop(requests.take());
            if at_exit.is_zero() {
                return;
            }
            match ended.recv_timeout(*at_exit) {
                Err(RecvTimeoutError::Disconnected) | Ok(()) => {
                    if let Some(thread) = thread.take() {
                        let _ = thread.join();
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests;
