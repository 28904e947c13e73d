//! The full-text worker: reads an article's full text from its web page (`f`), a page a link
//! points to as an article (from the links list), and, after each refresh, the full text of
//! the new articles of the feeds marked `full_text`; each on a thread of its own, so that a
//! slow page holds up nothing else. How a page is read is [`crate::full_text`]'s.

use std::path::PathBuf;
use std::thread;

use super::{Reply, Worker};
use crate::full_text::{self, Job, Summary};
use crate::model::{Article, ArticleId, FullText, Subscription};
use crate::net::FetchSettings;
use crate::source::full_text::{self as reader_mode, Known};
use crate::store::Store;

/// What the app asks of the full-text worker.
#[derive(Debug, Clone, PartialEq)]
pub enum FullTextRequest {
    /// Read an article's full text from its page (or take the one the store keeps).
    Article(Box<Job>),
    /// Read the page a link points to as an article.
    Page(String),
    /// A refresh of these feeds (`None`: all of them) ended: read the full text of the new
    /// articles of those marked `full_text`.
    AfterRefresh { only: Option<Vec<String>> },
}

/// What came of reading full texts and pages.
#[derive(Debug, Clone, PartialEq)]
pub enum FullTextReport {
    /// An article's full text was read from its page (asked for, or after a refresh), or
    /// why it could not be.
    Read {
        id: ArticleId,
        result: Result<FullText, String>,
    },
    /// A page a link points to, read as an article, or why it could not be.
    Page {
        url: String,
        result: Result<Box<Article>, String>,
    },
    /// The full texts read after a refresh, all of them: how many, and how many failed.
    AfterRefresh(Summary),
}

/// Reads pages for the reader, politely (see [`crate::full_text`]).
pub struct FullTextWorker {
    /// The feeds refreshed here, with whether each wants its full text read.
    feeds: Vec<Subscription>,
    fetch: FetchSettings,
    /// Where the store is, to keep what is read; `None` for feeds shown for one run only.
    data_dir: Option<PathBuf>,
    reply: Reply<FullTextReport>,
}

impl FullTextWorker {
    pub fn new(
        feeds: Vec<Subscription>,
        fetch: FetchSettings,
        data_dir: Option<PathBuf>,
        reply: Reply<FullTextReport>,
    ) -> Self {
        Self {
            feeds,
            fetch,
            data_dir,
            reply,
        }
    }
}

impl Worker for FullTextWorker {
    type Request = FullTextRequest;
    type Report = FullTextReport;

    fn handle(&mut self, request: FullTextRequest) {
        let fetch = self.fetch.clone();
        let data_dir = self.data_dir.clone();
        let reply = self.reply.clone();
        match request {
            FullTextRequest::Article(job) => {
                thread::spawn(move || {
                    let store = data_dir.and_then(|dir| Store::open(&dir).ok());
                    let result = full_text::read_one(store.as_ref(), &fetch, &job);
                    reply.send(FullTextReport::Read { id: job.id, result });
                });
            }
            FullTextRequest::Page(url) => {
                thread::spawn(move || {
                    let result = reader_mode::read(&fetch, &url, Known::default())
                        .map(|page| Box::new(page.into_article(&url)))
                        .map_err(|error| error.message);
                    reply.send(FullTextReport::Page { url, result });
                });
            }
            FullTextRequest::AfterRefresh { only } => {
                // Kept in the store only: feeds shown for one run have none.
                let Some(dir) = data_dir else { return };
                let feeds: Vec<Subscription> = self
                    .feeds
                    .iter()
                    .filter(|f| only.as_ref().is_none_or(|urls| urls.contains(&f.url)))
                    .cloned()
                    .collect();
                thread::spawn(move || {
                    let Ok(store) = Store::open(&dir) else { return };
                    let summary = full_text::read_pending(&store, &feeds, &fetch, |job, result| {
                        reply.send(FullTextReport::Read {
                            id: job.id.clone(),
                            result: result.clone(),
                        });
                    });
                    reply.send(FullTextReport::AfterRefresh(summary));
                });
            }
        }
    }
}
