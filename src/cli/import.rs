//! `import-newsboat` and `import-newsraft`: another reader's subscriptions, articles, read
//! marks, stars, queries and killfile, brought in one transaction, or said and not written
//! with `--dry-run`.

use anyhow::bail;
use chrono::Utc;
use serde::Serialize;

use super::context::Context;
use super::output::{emit, print_json};
use crate::import::{Files, MoveIn, Summary, newsboat, newsraft};
use crate::sanitize::clean_line;

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
    move_in: MoveIn,
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
        let done = store.import(&move_in.import, Utc::now())?;
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
