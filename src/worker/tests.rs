//! The worker shape: requests in order, reports back as events, stopping with a bound.

use std::sync::mpsc;
use std::time::Instant;

use super::*;

/// An event of a test's loop: what the workers reported.
#[derive(Debug, PartialEq)]
enum Heard {
    Echo(String),
    Slept(u64),
}

impl From<String> for Heard {
    fn from(text: String) -> Heard {
        Heard::Echo(text)
    }
}

impl From<u64> for Heard {
    fn from(millis: u64) -> Heard {
        Heard::Slept(millis)
    }
}

/// Answers each request with it, and with the thread it ran on.
struct Echo {
    reply: Reply<String>,
}

impl Worker for Echo {
    type Request = String;
    type Report = String;

    fn handle(&mut self, request: String) {
        let on = thread::current().name().unwrap_or("unnamed").to_string();
        self.reply.send(format!("{request} on {on}"));
    }
}

/// Sleeps as long as it is asked, then says so; waited for at exit at most 200 ms.
struct Sleeper {
    reply: Reply<u64>,
}

impl Worker for Sleeper {
    type Request = u64;
    type Report = u64;
    const AT_EXIT: Duration = Duration::from_millis(200);

    fn handle(&mut self, millis: u64) {
        thread::sleep(Duration::from_millis(millis));
        self.reply.send(millis);
    }
}

#[test]
fn a_worker_answers_each_request_in_order_as_an_event_of_the_loop() {
    let (events, inbox) = mpsc::channel::<Heard>();
    let worker = Handle::spawn(&events, |reply| Echo { reply });
    for n in 0..5 {
        worker.send(format!("request {n}"));
    }
    let heard: Vec<Heard> = (0..5)
        .map(|_| inbox.recv_timeout(Duration::from_secs(5)).unwrap())
        .collect();
    let expected: Vec<Heard> = (0..5)
        .map(|n| Heard::Echo(format!("request {n} on unnamed")))
        .collect();
    assert_eq!(heard, expected, "on a thread of its own, in order");
    worker.stop();
}

#[test]
fn an_inline_worker_works_on_the_callers_thread_and_answers_over_the_channel() {
    let (events, inbox) = mpsc::channel::<Heard>();
    let worker = Handle::inline(&events, |reply| Echo { reply });
    let name = thread::current().name().unwrap_or("unnamed").to_string();
    worker.send("open".to_string());
    // Done before `send` returned.
    assert_eq!(inbox.try_recv(), Ok(Heard::Echo(format!("open on {name}"))));
}

#[test]
fn stopping_waits_for_a_worker_at_most_its_bound_and_not_at_all_for_the_others() {
    let (events, inbox) = mpsc::channel::<Heard>();
    let quick = Handle::spawn(&events, |reply| Sleeper { reply });
    quick.send(20);
    let stopping = Instant::now();
    quick.stop();
    assert!(stopping.elapsed() < Duration::from_millis(200));
    assert_eq!(
        inbox.recv_timeout(Duration::from_secs(5)),
        Ok(Heard::Slept(20)),
        "what it was asked is done"
    );

    // A worker that does not answer in time is abandoned.
    let slow = Handle::spawn(&events, |reply| Sleeper { reply });
    slow.send(3_000);
    let stopping = Instant::now();
    drop(slow);
    let took = stopping.elapsed();
    assert!(took >= Duration::from_millis(200), "{took:?}");
    assert!(took < Duration::from_secs(2), "{took:?}");

    // A worker with no bound is not waited for.
    let echo = Handle::spawn(&events, |reply| Echo { reply });
    let stopping = Instant::now();
    echo.stop();
    assert!(stopping.elapsed() < Duration::from_millis(100));
}

/// Keeps the batches it was handed.
struct Batches {
    reply: Reply<String>,
}

impl Worker for Batches {
    type Request = u64;
    type Report = String;

    fn handle(&mut self, _: u64) {
        unreachable!("handed all together");
    }

    fn handle_all(&mut self, requests: Vec<u64>) {
        if requests.first() == Some(&0) {
            // The first holds the worker while the others queue up.
            thread::sleep(Duration::from_millis(200));
        }
        let stopping = if self.reply.is_stopping() {
            " stopping"
        } else {
            ""
        };
        self.reply.send(format!("{requests:?}{stopping}"));
    }
}

#[test]
fn requests_that_queued_up_are_handed_over_together() {
    let (events, inbox) = mpsc::channel::<Heard>();
    let worker = Handle::spawn(&events, |reply| Batches { reply });
    worker.send(0);
    thread::sleep(Duration::from_millis(50));
    for n in 1..4 {
        worker.send(n);
    }
    let heard = |inbox: &mpsc::Receiver<Heard>| inbox.recv_timeout(Duration::from_secs(5));
    assert_eq!(heard(&inbox), Ok(Heard::Echo("[0]".into())));
    assert_eq!(heard(&inbox), Ok(Heard::Echo("[1, 2, 3]".into())));
    worker.send(0);
    worker.stop();
    // Stopped: the worker hears that the reader is ending.
    assert_eq!(heard(&inbox), Ok(Heard::Echo("[0] stopping".into())));
}

#[test]
fn a_recording_handle_keeps_what_it_is_sent() {
    let (worker, sent) = Handle::<u64>::recording();
    worker.send(7);
    worker.send(8);
    assert_eq!(sent.try_iter().collect::<Vec<_>>(), [7, 8]);
}
