//! Full text in the reader: `f` reads the article's web page and shows its article in place
//! of the feed's text (and back); a page a link points to is read over the article from the
//! links list; and what the full-text worker and the store answer.

use super::App;
use super::reader::FullTextState;
use crate::effect::Effect;
use crate::focus::Focus;
use crate::full_text::Job;
use crate::model::ArticleId;
use crate::net;
use crate::store::StoredFullText;
use crate::worker::full_text::{FullTextReport, FullTextRequest};

impl App {
    /// `f`: closes a linked page; else shows the full text (reading it first), or the
    /// feed's text again.
    pub(super) fn toggle_full_text(&mut self) -> Vec<Effect> {
        let Some(index) = self.list.selected_index() else {
            return Vec::new();
        };
        if self.reader.close_page(index) {
            return Vec::new();
        }
        let article = &self.library.entry(index).article;
        let Some(url) = article.url.clone() else {
            self.set_info("this article has no address to read its full text from".to_string());
            return Vec::new();
        };
        if self.focus() == Focus::List {
            self.screen.focus_on(Focus::Reader);
        }
        let id = article.id.clone();
        match self.reader.full_text().state(&id) {
            Some(FullTextState::Ready(_)) => {
                self.reader.switch_text(&id, index);
                Vec::new()
            }
            Some(FullTextState::Fetching) => {
                let site = net::site(&url).unwrap_or(url);
                self.set_info(format!("still reading the full text from {site}"));
                Vec::new()
            }
            Some(FullTextState::Failed(_)) | None => {
                let job = Job {
                    id: id.clone(),
                    url,
                    title: article.title.clone(),
                    summary: article.body.plain_text(),
                };
                self.reader.reading_full_text(id, index);
                vec![Effect::FullText(FullTextRequest::Article(Box::new(job)))]
            }
        }
    }

    /// From the links list: reads the page a link points to over the article.
    pub(super) fn read_page(&mut self, url: String) -> Vec<Effect> {
        let Some(index) = self.list.selected_index() else {
            return Vec::new();
        };
        self.reader.reading_page(index, url.clone());
        self.screen.focus_on(Focus::Reader);
        vec![Effect::FullText(FullTextRequest::Page(url))]
    }

    pub(super) fn on_full_text(&mut self, report: FullTextReport) {
        match report {
            FullTextReport::Read { id, result } => {
                let index = self.library.position(&id);
                let asked = self.reader.full_text().state(&id) == Some(&FullTextState::Fetching);
                if let (Err(error), true, Some(index)) = (&result, asked, index) {
                    let title = &self.library.entry(index).article.title;
                    self.set_error(format!("no full text for “{title}”: {error}"));
                }
                self.reader.full_text_read(id, result, index);
            }
            FullTextReport::Page { url, result } => self.reader.page_read(&url, result),
            FullTextReport::AfterRefresh(summary) => {
                if summary.read + summary.failed > 0 {
                    self.set_info(summary.describe());
                }
            }
        }
    }

    /// What the store keeps of an article's full text, read with its body: shown as if it
    /// had been read now, unless the article's address changed since, or this run knows
    /// better.
    pub(super) fn on_full_text_kept(&mut self, id: ArticleId, kept: StoredFullText) {
        let Some(index) = self.library.position(&id) else {
            return;
        };
        if self.library.entry(index).article.url.as_deref() == Some(&kept.url) {
            self.reader.full_text_kept(id, kept, index);
        }
    }
}
