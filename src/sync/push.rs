//! Sending the queue: mark-all-read requests first, then every other change as absolute
//! `edit-tag` operations, in batches of one `a` or one `r` each (FreshRSS reads only one of
//! each per request). A change leaves the queue when the server has answered `OK` to it.

use super::client::{Client, SyncError};
use super::greader::{READ, STARRED, long_id};
use super::{Progress, Stage};
use crate::store::{Change, MarkKind, Store};

/// Items per `edit-tag` request: well within the 1 MB FreshRSS reads of a request.
const BATCH: usize = 500;

/// What sending the queue came to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pushed {
    /// Changes the server accepted.
    pub accepted: usize,
    /// Changes the server answered but did not accept; they stay queued.
    pub refused: usize,
}

pub fn push(
    client: &mut Client,
    store: &Store,
    progress: &mut dyn FnMut(Progress),
) -> Result<Pushed, SyncError> {
    let queued = store.queued_changes().map_err(store_error)?;
    let mut pushed = Pushed::default();
    if queued.is_empty() {
        return Ok(pushed);
    }
    let total = queued.len();
    let mut done = 0;
    progress(Progress {
        stage: Stage::Pushing,
        done,
        total,
    });
    // Mark-all-read first, so that the read marks it covers need not be sent one by one.
    for entry in &queued {
        let Change::ReadAll { stream, ts_usec } = &entry.change else {
            continue;
        };
        let ts = ts_usec.to_string();
        let answer = client.post(
            "mark-all-as-read",
            &[("s", stream.as_str()), ("ts", ts.as_str())],
        )?;
        // A server error may pass: the change waits. A request refused (FreshRSS answers 400
        // for a folder renamed or gone since) would be refused at every sync.
        if answer.status >= 500 {
            client.success("mark-all-as-read", &answer)?;
        }
        if answer.status < 300 && answer.text() == "OK" {
            store.read_all_accepted(entry.seq).map_err(store_error)?;
            pushed.accepted += 1;
        } else {
            // Refused, or a server without mark-all-read (Miniflux answers `[]`): the read
            // marks queued with it are sent one by one.
            store.unqueue(&[entry.seq]).map_err(store_error)?;
        }
        done += 1;
    }
    let marks = store.queued_changes().map_err(store_error)?;
    // One group per tag and direction, as the server takes one `a` or one `r` a request.
    for (kind, on, tag) in [
        (MarkKind::Read, true, READ),
        (MarkKind::Read, false, READ),
        (MarkKind::Starred, true, STARRED),
        (MarkKind::Starred, false, STARRED),
    ] {
        let group: Vec<(i64, i64)> = marks
            .iter()
            .filter_map(|entry| match entry.change {
                Change::Mark {
                    item,
                    kind: k,
                    on: o,
                } if k == kind && o == on => Some((entry.seq, item)),
                _ => None,
            })
            .collect();
        for batch in group.chunks(BATCH) {
            let ids: Vec<String> = batch.iter().map(|&(_, item)| long_id(item)).collect();
            let mut form: Vec<(&str, &str)> = ids.iter().map(|id| ("i", id.as_str())).collect();
            form.push((if on { "a" } else { "r" }, tag));
            let answer = client.post("edit-tag", &form)?;
            client.success("edit-tag", &answer)?;
            if answer.text() == "OK" {
                let seqs: Vec<i64> = batch.iter().map(|&(seq, _)| seq).collect();
                store.unqueue(&seqs).map_err(store_error)?;
                pushed.accepted += batch.len();
            } else {
                pushed.refused += batch.len();
            }
            done += batch.len();
            progress(Progress {
                stage: Stage::Pushing,
                done: done.min(total),
                total,
            });
        }
    }
    Ok(pushed)
}

pub fn store_error(error: crate::store::StoreError) -> SyncError {
    SyncError(error.to_string())
}
