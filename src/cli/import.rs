//! `import-newsboat` and `import-newsraft`: another reader's subscriptions, articles, read
//! marks, stars, queries and killfile, brought in one transaction, or said and not written
//! with `--dry-run`.

use anyhow::bail;
use chrono::Utc;
use serde::Serialize;

use super::context::Context;
use super::output::{emit, print_json};
use crate::import::{Files, MoveIn, Pending, Summary, newsboat, newsraft};
use crate::sanitize::clean_line;
use crate::store::Arrived;

/// What `import-newsboat` is given.
pub struct NewsboatFiles {
    pub files: Files,
    pub bookmark_flags: Option<String>,
}

pub fn from_newsboat(
    context: &Context,
    given: NewsboatFiles,
    dry_run: bool,
    json: bool,
) -> anyhow::Result<()> {
    let files = newsboat::files(given.files);
    let urls = files.feeds.clone().unwrap_or_default();
    if !urls.exists() {
        bail!(
            "no newsboat urls file at {} (give one with --urls)",
            urls.display()
        );
    }
    let mut notes = Vec::new();
    if let Some(cache) = files.database.as_deref().filter(|cache| cache.exists())
        && let Some(stale) = newsboat::check_lock(cache).map_err(anyhow::Error::msg)?
    {
        notes.push(stale);
    }
    let move_in = newsboat::read(
        &files,
        given.bookmark_flags.as_deref(),
        context.config.keep_per_feed,
    )
    .map_err(anyhow::Error::msg)?;
    finish(context, move_in, notes, dry_run, json)
}

pub fn from_newsraft(
    context: &Context,
    given: Files,
    dry_run: bool,
    json: bool,
) -> anyhow::Result<()> {
    let files = newsraft::files(given);
    let feeds = files.feeds.clone().unwrap_or_default();
    if !feeds.exists() {
        bail!(
            "no newsraft feeds file at {} (give one with --feeds)",
            feeds.display()
        );
    }
    let move_in =
        newsraft::read(&files, context.config.keep_per_feed).map_err(anyhow::Error::msg)?;
    finish(context, move_in, Vec::new(), dry_run, json)
}

#[derive(Serialize)]
struct SummaryJson {
    #[serde(flatten)]
    summary: Summary,
    notes: Vec<String>,
    dry_run: bool,
}

/// Stores what moves in (unless `dry_run`) and says what it was.
fn finish(
    context: &Context,
    mut move_in: MoveIn,
    mut notes: Vec<String>,
    dry_run: bool,
    json: bool,
) -> anyhow::Result<()> {
    let summary = Summary::of(&move_in);
    notes.extend(move_in.notes.iter().cloned());
    let mut lines = Vec::new();
    if dry_run {
        lines.push(summary.describe("would import"));
        lines.push("nothing was written (--dry-run)".to_string());
    } else {
        let store = context.open_store()?;
        let pending = move_in.pending.take();
        let done = store.import(&move_in.import, made_alongside(pending), Utc::now())?;
        lines.push(summary.describe("imported"));
        if done.is_nothing() {
            lines.push("nothing new: all of it was here already".to_string());
        }
    }
    if json {
        return print_json(&SummaryJson {
            summary,
            notes,
            dry_run,
        });
    }
    lines.extend(
        move_in
            .left_out
            .iter()
            .map(|line| format!("left out: {line}")),
    );
    lines.extend(notes.iter().map(|line| format!("note: {line}")));
    emit(lines.into_iter().map(|line| clean_line(&line)))
}

/// The pending articles, made ready on a thread of their own while the store writes the ones
/// before them; if that thread stops short (a panic), the last item is an error, and the
/// store writes nothing of the import.
fn made_alongside(pending: Option<Pending>) -> impl Iterator<Item = Result<Arrived, String>> {
    let (send, receive) = std::sync::mpsc::sync_channel::<Arrived>(256);
    let expected = pending.as_ref().map_or(0, |pending| pending.total);
    if let Some(pending) = pending {
        std::thread::spawn(move || {
            (pending.make)(&mut |arrived| {
                let _ = send.send(arrived);
            });
        });
    }
    let mut received = 0;
    let mut ended = false;
    std::iter::from_fn(move || {
        if ended {
            return None;
        }
        match receive.recv() {
            Ok(arrived) => {
                received += 1;
                Some(Ok(arrived))
            }
            Err(_) => {
                ended = true;
                (received < expected).then(|| {
                    Err(format!(
                        "the import stopped after {received} of {expected} articles"
                    ))
                })
            }
        }
    })
}
