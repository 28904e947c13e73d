//! The process-wide count of requests in flight to each host, so that no caller, alone or
//! together with others, asks one host more than `per_host` things at once.

use std::collections::HashMap;
use std::sync::{Condvar, LazyLock, Mutex, MutexGuard, PoisonError};

static IN_FLIGHT: LazyLock<InFlight> = LazyLock::new(|| InFlight {
    counts: Mutex::new(HashMap::new()),
    freed: Condvar::new(),
});

struct InFlight {
    counts: Mutex<HashMap<String, usize>>,
    freed: Condvar,
}

impl InFlight {
    /// The counts stay consistent even if a holder panicked: every change is one statement.
    fn lock(&self) -> MutexGuard<'_, HashMap<String, usize>> {
        self.counts.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The right to send one request to `host`; given back when dropped, on every path.
#[derive(Debug)]
pub(super) struct HostSlot {
    host: String,
}

impl HostSlot {
    /// Waits until fewer than `limit` (at least 1) requests are in flight to `host`, then takes a slot.
    pub(super) fn acquire(host: &str, limit: usize) -> HostSlot {
        let mut counts = IN_FLIGHT.lock();
        while counts.get(host).copied().unwrap_or(0) >= limit.max(1) {
            counts = IN_FLIGHT
                .freed
                .wait(counts)
                .unwrap_or_else(PoisonError::into_inner);
        }
        *counts.entry(host.to_string()).or_insert(0) += 1;
        HostSlot {
            host: host.to_string(),
        }
    }

    pub(super) fn host(&self) -> &str {
        &self.host
    }
}

impl Drop for HostSlot {
    fn drop(&mut self) {
        let mut counts = IN_FLIGHT.lock();
        if let Some(count) = counts.get_mut(&self.host) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                counts.remove(&self.host);
            }
        }
        drop(counts);
        IN_FLIGHT.freed.notify_all();
    }
}

/// The position of the first host in `hosts` that has a free slot now (`None` stands for a
/// request that needs no slot, such as a file), so a pool of workers can pass over busy hosts.
pub(super) fn first_with_room<'a>(
    hosts: impl IntoIterator<Item = Option<&'a str>>,
    limit: usize,
) -> Option<usize> {
    let counts = IN_FLIGHT.lock();
    hosts.into_iter().position(|host| {
        host.is_none_or(|host| counts.get(host).copied().unwrap_or(0) < limit.max(1))
    })
}
