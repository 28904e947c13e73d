//! Sync's own state: one sync at a time, due by the clock, and failures told once.

use super::*;

#[test]
fn one_sync_at_a_time_and_the_clock_syncs_every_interval() {
    let start = DateTime::UNIX_EPOCH;
    let mut sync = SyncView::new(15, []);
    assert!(sync.is_due(start), "never synced");
    assert!(sync.start(start, true));
    assert!(!sync.start(start, false), "one is under way");
    assert_eq!(sync.activity().as_deref(), Some("syncing…"));
    assert!(
        !sync.succeeded(false),
        "a sync of the clock that brought nothing says nothing"
    );
    assert!(!sync.is_due(start + TimeDelta::minutes(14)));
    assert!(sync.is_due(start + TimeDelta::minutes(15)));
    assert!(!SyncView::new(0, []).is_due(start), "0: only when asked");
}

#[test]
fn a_failure_of_the_clock_is_told_once_while_the_server_is_away() {
    let start = DateTime::UNIX_EPOCH;
    let mut sync = SyncView::new(15, []);
    sync.start(start, true);
    assert!(sync.failed(2), "the first failure is told");
    assert_eq!(
        sync.offline_text().as_deref(),
        Some("offline: 2 changes waiting")
    );
    sync.start(start, true);
    assert!(!sync.failed(3), "not again");
    sync.queued(4);
    assert_eq!(sync.offline(), Some(4));
    sync.start(start, true);
    assert!(sync.succeeded(false), "back: told, though nothing came");
    assert_eq!(sync.offline(), None);
}
