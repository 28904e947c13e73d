//! Fetching: one request, or many on a bounded pool of workers, politely — at most
//! `per_host` requests at once to one host in the whole process, conditional GET,
//! `Retry-After` honoured, at most one retry — with every failure in one line of words for a
//! person. Web addresses go to `http.rs`, files and paths to `file.rs`.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};
use std::thread;

use super::address::{self, Target};
use super::file::read_file;
use super::request::{FetchSettings, Outcome, Request, failed};
use super::{hosts, http};

/// One request, blocking; at most one retry, after `settings.retry_backoff`, and only for
/// transient failures (connection reset/refused, timeouts, 502/504, 503 without Retry-After);
/// never retries 4xx.
pub fn fetch(settings: &FetchSettings, request: &Request) -> Outcome {
    match address::target(&request.url) {
        Target::Web => fetch_web(&http::fetch_agent(settings), settings, request),
        Target::File(path) => read_file(&path, request, settings.max_bytes),
        Target::Unsupported => failed(format!("not a web address or file: {}", request.url)),
    }
}

/// Fetches every request on `settings.workers` threads and calls `done(index, outcome)` as
/// each finishes (from worker threads); returns when all are done. Respects the per-host
/// limit, and a free worker takes the first waiting request whose host has room, so one busy
/// host does not hold up the others.
pub fn fetch_all(
    settings: &FetchSettings,
    requests: Vec<Request>,
    done: impl Fn(usize, Outcome) + Send + Sync,
) {
    let hosts: Vec<Option<String>> = requests
        .iter()
        .map(|request| match address::target(&request.url) {
            Target::Web => address::host(&request.url),
            Target::File(_) | Target::Unsupported => None,
        })
        .collect();
    let waiting = Mutex::new((0..requests.len()).collect::<VecDeque<usize>>());
    let agent = http::fetch_agent(settings);
    let next = || {
        let mut waiting = waiting.lock().unwrap_or_else(PoisonError::into_inner);
        let with_room = hosts::first_with_room(
            waiting.iter().map(|&index| hosts[index].as_deref()),
            settings.per_host,
        );
        waiting.remove(with_room.unwrap_or(0))
    };
    let workers = settings.workers.clamp(1, requests.len().max(1));
    thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(index) = next() {
                    let request = &requests[index];
                    let outcome = match address::target(&request.url) {
                        Target::Web => fetch_web(&agent, settings, request),
                        Target::File(_) | Target::Unsupported => fetch(settings, request),
                    };
                    done(index, outcome);
                }
            });
        }
    });
}

fn fetch_web(agent: &ureq::Agent, settings: &FetchSettings, request: &Request) -> Outcome {
    let first = http::attempt(agent, settings, request);
    if !first.transient {
        return first.outcome;
    }
    thread::sleep(settings.retry_backoff);
    http::attempt(agent, settings, request).outcome
}
