//! The one-time reindex of a store written before search covered every script (schema
//! version 9), done before a command uses the store, with its progress on stderr when it is
//! long: a bar on a terminal, a line every tenth otherwise.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use super::output::warn;
use crate::store::{Reindexing, Store};

/// A reindex quicker than this says nothing.
const QUIET_FOR: Duration = Duration::from_millis(500);

/// Indexes anew what the store still holds from before; a failure is a warning (search
/// finds less), never the command's error.
pub fn bring_up_to_date(store: &Store) {
    if !matches!(store.reindex_left(), Ok(1..)) {
        return;
    }
    let started = Instant::now();
    let on_terminal = std::io::stderr().is_terminal();
    let mut shown_tenth = None;
    let result = store.reindex(|progress: Reindexing| {
        if started.elapsed() < QUIET_FOR {
            return;
        }
        let mut err = std::io::stderr().lock();
        let Reindexing { done, total } = progress;
        if on_terminal {
            let filled = usize::try_from(done * 24 / total.max(1)).unwrap_or(24);
            let bar = format!("{}{}", "█".repeat(filled), "░".repeat(24 - filled.min(24)));
            let _ = write!(
                err,
                "\r\x1b[K{bar} indexing the cache for search: {done}/{total} articles"
            );
        } else if shown_tenth != Some(progress.percent() / 10) {
            shown_tenth = Some(progress.percent() / 10);
            let _ = writeln!(
                err,
                "indexing the cache for search (once, after an upgrade): {done}/{total} articles"
            );
        }
    });
    if started.elapsed() >= QUIET_FOR {
        if on_terminal {
            eprint!("\r\x1b[K");
        }
        eprintln!(
            "the cache is indexed for search in every script ({:.1} s)",
            started.elapsed().as_secs_f64()
        );
    }
    if let Err(error) = result {
        warn(&format!(
            "search may miss Chinese, Japanese, Korean and Thai text in the cache: {error}"
        ));
    }
}
