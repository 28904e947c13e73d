//! The sync worker: each sync on a thread of its own with its own connection to the store,
//! reporting its progress and what it brought. The password is read before the screen is
//! taken (a `password_command` may ask for a passphrase), and the client, and so its login,
//! is kept from one sync to the next, to ask the server as little as can be.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

use super::{Reply, Worker};
use crate::config::Config;
use crate::store::Store;
use crate::sync::{Client, Outcome, Password, Progress, Retention, connect_with, sync};

/// Sync with the `[sync]` server now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncRequest {
    Now,
}

/// What a sync under way tells the reader.
#[derive(Debug)]
pub enum SyncReport {
    Progress(Progress),
    Finished(Result<Box<Outcome>, Failure>),
}

/// Why a sync failed, and how many changes still wait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub message: String,
    pub queued: usize,
}

/// Syncs for the reader.
pub struct SyncWorker {
    config: Config,
    data_dir: PathBuf,
    password: Password,
    client: Arc<Mutex<Option<Client>>>,
    reply: Reply<SyncReport>,
}

impl SyncWorker {
    pub fn new(
        config: Config,
        data_dir: PathBuf,
        password: Password,
        reply: Reply<SyncReport>,
    ) -> Self {
        Self {
            config,
            data_dir,
            password,
            client: Arc::new(Mutex::new(None)),
            reply,
        }
    }
}

impl Worker for SyncWorker {
    type Request = SyncRequest;
    type Report = SyncReport;

    /// Syncs on a thread of its own, which reports its progress and its end.
    fn handle(&mut self, SyncRequest::Now: SyncRequest) {
        let config = self.config.clone();
        let data_dir = self.data_dir.clone();
        let password = self.password.clone();
        let client = Arc::clone(&self.client);
        let reply = self.reply.clone();
        thread::spawn(move || {
            let report = |report| {
                reply.send(report);
            };
            let result = run(&config, &data_dir, password, &client, &report);
            reply.send(SyncReport::Finished(result));
        });
    }
}

fn run(
    config: &Config,
    data_dir: &Path,
    password: Password,
    slot: &Mutex<Option<Client>>,
    report: &dyn Fn(SyncReport),
) -> Result<Box<Outcome>, Failure> {
    let store = Store::open(data_dir).map_err(|error| Failure {
        message: error.to_string(),
        queued: 0,
    })?;
    let failure = |message: String| Failure {
        message,
        queued: store.queue_len().unwrap_or(0),
    };
    let mut kept = slot.lock().unwrap_or_else(PoisonError::into_inner);
    let mut client = match kept.take() {
        Some(client) => client,
        None => connect_with(config, password).map_err(|error| failure(error.to_string()))?,
    };
    let result = sync(
        &mut client,
        &store,
        Retention::from_config(config),
        |progress| report(SyncReport::Progress(progress)),
    );
    *kept = Some(client);
    result
        .map(Box::new)
        .map_err(|error| failure(error.to_string()))
}
