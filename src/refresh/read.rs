//! The workers' part of a refresh: what was fetched for a feed, read a run of items at a time,
//! each run made ready to store (and made into articles when the report wants them) and sent
//! to the thread that writes; and how reading the feed went.

use std::sync::mpsc::SyncSender;

use chrono::{DateTime, Utc};

use crate::digest::digest;
use crate::isolate::{Part, isolated, unreadable_feed};
use crate::model::{Article, Subscription};
use crate::net::{FileStamp, Outcome};
use crate::source::feed::{self, FeedHead, FeedSource, Item};
use crate::store::{CacheRow, FeedState};

/// What a worker sends the thread that writes to the store.
pub(super) enum Message {
    /// Items of the feed `asked[index]`, ready to store, and as articles when those are wanted.
    Items {
        index: usize,
        rows: Vec<CacheRow>,
        articles: Vec<Article>,
    },
    /// The feed `asked[index]` is read (its items all sent): how it went.
    Done { index: usize, read: Read },
}

/// How reading one feed went.
pub(super) enum Read {
    /// Read whole: what it says of itself, and what to keep for the next refresh.
    Parsed {
        head: FeedHead,
        validators: Validators,
        hash: u64,
    },
    /// The same document as last time (a 304, the same file, the same body): not read.
    Unchanged(Validators),
    RetryLater {
        until: DateTime<Utc>,
        status: u16,
    },
    Failed(String),
}

/// What the answer says about asking again.
#[derive(Default)]
pub(super) struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// The answer's `max-age` (zero for none); `None` when the answer says nothing of it (a
    /// 304 without `Cache-Control`, a file), so that what was known stays in force.
    pub fresh_for: Option<std::time::Duration>,
    pub file_stamp: Option<FileStamp>,
}

/// What the workers need to read a feed.
pub(super) struct Reader<'a> {
    pub feeds: &'a [Subscription],
    pub asked: &'a [(usize, FeedState)],
    /// Items are made ready for the store.
    pub keep_rows: bool,
    /// Items are made into whole articles for the report.
    pub want_articles: bool,
}

impl Reader<'_> {
    /// On a worker: reads what was fetched for `asked[index]` and sends it on, run by run.
    pub fn read(&self, index: usize, outcome: Outcome, sender: &SyncSender<Message>) {
        let (feed_index, state) = &self.asked[index];
        let feed = &self.feeds[*feed_index];
        let read = match outcome {
            Outcome::Fetched {
                body,
                etag,
                last_modified,
                fresh_for,
                file_stamp,
                final_url,
                content_type,
                content_location,
            } => {
                let validators = Validators {
                    etag,
                    last_modified,
                    // A whole answer says all there is: no max-age is none.
                    fresh_for: Some(fresh_for.unwrap_or_default()),
                    file_stamp,
                };
                let hash = digest(&body);
                if state.content_hash == Some(hash) {
                    Read::Unchanged(validators)
                } else {
                    let source = FeedSource {
                        url: &feed.url,
                        name: feed.name.as_deref(),
                        tags: &feed.tags,
                        location: Some(&final_url),
                        content_type: content_type.as_deref(),
                        content_location: content_location.as_deref(),
                    };
                    // A panic in the parser (or in making the articles) is this feed's
                    // error: the runs it sent before are whole, and the others go on.
                    let read = isolated(Part::Feed, &feed.url, || {
                        feed::read_items(
                            &body,
                            source,
                            feed::cores(),
                            |items| self.prepare(items),
                            |(rows, articles)| {
                                let _ = sender.send(Message::Items {
                                    index,
                                    rows,
                                    articles,
                                });
                            },
                        )
                    });
                    match read {
                        Ok(Ok(head)) => Read::Parsed {
                            head,
                            validators,
                            hash,
                        },
                        Ok(Err(error)) => Read::Failed(error),
                        Err(panicked) => Read::Failed(unreadable_feed(&panicked)),
                    }
                }
            }
            Outcome::NotModified { fresh_for } => Read::Unchanged(Validators {
                etag: state.etag.clone(),
                last_modified: state.last_modified.clone(),
                fresh_for,
                file_stamp: state.file_stamp,
            }),
            Outcome::RetryLater { until, status } => Read::RetryLater { until, status },
            Outcome::Failed(error) => Read::Failed(error.message),
        };
        let _ = sender.send(Message::Done { index, read });
    }

    fn prepare(&self, items: Vec<Item>) -> (Vec<CacheRow>, Vec<Article>) {
        let rows = if self.keep_rows {
            items.iter().map(CacheRow::from_item).collect()
        } else {
            Vec::new()
        };
        let articles = if self.want_articles {
            items.into_iter().map(Item::into_article).collect()
        } else {
            Vec::new()
        };
        (rows, articles)
    }
}
