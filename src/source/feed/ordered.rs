//! Work done on several threads and handed on in its order: the runs of a large feed are read
//! on every core, each thread taking the next run as soon as it is done with one (no thread
//! waits for the slowest of a round), and never more than a few runs ahead of what has been
//! handed on, so that a large feed is never in memory as articles all at once.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError, mpsc};

/// How many inputs each thread may be ahead of the one handed on last.
const AHEAD: usize = 2;

/// `work` done on each input, on `threads` threads, and `each` given what comes of them in
/// their order, on the calling thread. A panic in `work` on another thread ends the others
/// and is raised again on the calling thread.
pub fn in_order<I: Send, T: Send>(
    inputs: Vec<I>,
    threads: usize,
    work: impl Fn(I) -> T + Sync,
    mut each: impl FnMut(T),
) {
    if threads < 2 || inputs.len() < 2 {
        inputs.into_iter().map(work).for_each(each);
        return;
    }
    let window = threads * AHEAD;
    let queue = Mutex::new(inputs.into_iter().enumerate());
    // How many outputs have been handed on, and a wake-up for threads waiting to be let on.
    let handed = (Mutex::new(0usize), Condvar::new());
    let failed = AtomicBool::new(false);
    let (work, queue, handed, failed) = (&work, &queue, &handed, &failed);
    std::thread::scope(|scope| {
        let (sender, outputs) = mpsc::channel::<(usize, T)>();
        for _ in 0..threads {
            let sender = sender.clone();
            scope.spawn(crate::isolate::carry(move || {
                let _stop = StopOthersOnPanic { failed, handed };
                loop {
                    let Some((index, input)) = lock(queue).next() else {
                        return;
                    };
                    let mut done = lock(&handed.0);
                    while index >= *done + window && !failed.load(Ordering::SeqCst) {
                        done = handed.1.wait(done).unwrap_or_else(PoisonError::into_inner);
                    }
                    drop(done);
                    if failed.load(Ordering::SeqCst) || sender.send((index, work(input))).is_err() {
                        return;
                    }
                }
            }));
        }
        drop(sender);
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for (index, output) in outputs {
            waiting.insert(index, output);
            while let Some(output) = waiting.remove(&next) {
                each(output);
                next += 1;
                *lock(&handed.0) = next;
                handed.1.notify_all();
            }
        }
    });
}

/// Wakes the other threads when this one unwinds, so that none waits for an output that
/// will never come.
struct StopOthersOnPanic<'a> {
    failed: &'a AtomicBool,
    handed: &'a (Mutex<usize>, Condvar),
}

impl Drop for StopOthersOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.failed.store(true, Ordering::SeqCst);
            let _done = lock(&self.handed.0);
            self.handed.1.notify_all();
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
#[path = "ordered_tests.rs"]
mod tests;
