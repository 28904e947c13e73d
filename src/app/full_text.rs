//! Full text in the reader: `f` reads the article's web page and shows its article in place
//! of the feed's text (and back), with a line under the byline that says which is shown,
//! that the page is being read, or why it could not be; and a page a link points to, read
//! over the article from the links list.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::{App, Effect, Focus};
use crate::action::Action;
use crate::full_text::Job;
use crate::model::library::Entry;
use crate::model::wrap::Wrapped;
use crate::model::{Article, ArticleId, Body, FullText};
use crate::net::site as site_of;
use crate::store::StoredFullText;
use crate::worker::full_text::{FullTextReport, FullTextRequest};

/// What is known in this run of an article's full text.
#[derive(Debug, Clone, PartialEq)]
pub enum FullTextState {
    Fetching,
    Ready(Rc<FullText>),
    /// Why there is none, in words.
    Failed(String),
}

/// A page a link points to, read over the article it was opened from.
#[derive(Debug, Clone, PartialEq)]
pub enum PageState {
    Fetching,
    Ready(Rc<Article>),
    Failed(String),
}

#[derive(Debug, Clone, PartialEq)]
struct LinkedPage {
    /// The library index of the article the link is in.
    from: usize,
    url: String,
    state: PageState,
}

#[derive(Debug, Clone, Default)]
pub struct FullTexts {
    states: HashMap<ArticleId, FullTextState>,
    /// Articles shown with the feed's text although their full text is here.
    feed_text: HashSet<ArticleId>,
    page: Option<LinkedPage>,
}

impl FullTexts {
    pub fn state(&self, id: &ArticleId) -> Option<&FullTextState> {
        self.states.get(id)
    }

    /// The state of the linked page open over the article at library index `from`.
    pub fn page(&self, from: usize) -> Option<&PageState> {
        self.page
            .as_ref()
            .filter(|page| page.from == from)
            .map(|page| &page.state)
    }
}

impl App {
    /// Closes a linked page once another article than its own is selected.
    pub(super) fn close_page_unless(&mut self, selected: usize) {
        if let Some(page) = &self.full_text.page
            && page.from != selected
        {
            let from = page.from;
            self.full_text.page = None;
            self.wrap_cache.retain(|&(article, _), _| article != from);
        }
    }

    /// `f`: closes a linked page; else shows the full text (reading it first), or the
    /// feed's text again.
    pub(super) fn toggle_full_text(&mut self) -> Vec<Effect> {
        let Some(&index) = self.visible.get(self.selected) else {
            return Vec::new();
        };
        if self.full_text.page.take().is_some() {
            self.relayout(index);
            return Vec::new();
        }
        let entry = self.library.entry(index);
        let article = &entry.article;
        let Some(url) = article.url.clone() else {
            self.set_info("this article has no address to read its full text from".to_string());
            return Vec::new();
        };
        if self.focus == Focus::List {
            self.focus = Focus::Reader;
        }
        let id = article.id.clone();
        let effects = match self.full_text.states.get(&id) {
            Some(FullTextState::Ready(_)) => {
                if !self.full_text.feed_text.remove(&id) {
                    self.full_text.feed_text.insert(id);
                }
                Vec::new()
            }
            Some(FullTextState::Fetching) => {
                let site = site_of(&url).unwrap_or(url);
                self.set_info(format!("still reading the full text from {site}"));
                return Vec::new();
            }
            Some(FullTextState::Failed(_)) | None => {
                let job = Job {
                    id: id.clone(),
                    url,
                    title: article.title.clone(),
                    summary: article.body.plain_text(),
                };
                self.full_text.feed_text.remove(&id);
                self.full_text.states.insert(id, FullTextState::Fetching);
                vec![Effect::FullText(FullTextRequest::Article(Box::new(job)))]
            }
        };
        self.relayout(index);
        effects
    }

    /// From the links list: reads the page a link points to over the article.
    pub(super) fn read_page(&mut self, url: String) -> Vec<Effect> {
        let Some(&index) = self.visible.get(self.selected) else {
            return Vec::new();
        };
        self.full_text.page = Some(LinkedPage {
            from: index,
            url: url.clone(),
            state: PageState::Fetching,
        });
        self.focus = Focus::Reader;
        self.relayout(index);
        vec![Effect::FullText(FullTextRequest::Page(url))]
    }

    pub(super) fn on_full_text(&mut self, event: FullTextReport) {
        match event {
            FullTextReport::Read { id, result } => {
                let asked = self.full_text.states.get(&id) == Some(&FullTextState::Fetching);
                let state = match result {
                    Ok(text) => FullTextState::Ready(Rc::new(text)),
                    Err(error) => {
                        if asked && let Some(index) = self.library.position(&id) {
                            let title = &self.library.entry(index).article.title;
                            self.set_error(format!("no full text for “{title}”: {error}"));
                        }
                        FullTextState::Failed(error)
                    }
                };
                self.full_text.states.insert(id.clone(), state);
                self.relayout_article(&id);
            }
            FullTextReport::Page { url, result } => {
                let Some(page) = self.full_text.page.as_mut().filter(|page| page.url == url) else {
                    return;
                };
                page.state = match result {
                    Ok(article) => PageState::Ready(Rc::from(*article)),
                    Err(error) => PageState::Failed(error),
                };
                let from = page.from;
                self.relayout(from);
            }
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
        let current = self.library.entry(index).article.url.as_deref() == Some(&kept.url);
        if !current || self.full_text.states.contains_key(&id) {
            return;
        }
        let state = match kept.text() {
            Some(text) => FullTextState::Ready(Rc::new(text)),
            None => FullTextState::Failed(kept.result.err().unwrap_or_default()),
        };
        self.full_text.states.insert(id.clone(), state);
        self.relayout_article(&id);
    }

    /// The address and body the reader shows for an entry: the linked page's, the full
    /// text's, or the article's own.
    pub(super) fn shown<'a>(&'a self, entry: &'a Entry) -> (Option<String>, &'a Body) {
        let own = entry.article.url.clone();
        let index = self.library.position(&entry.article.id);
        if let Some(PageState::Ready(page)) = index.and_then(|i| self.full_text.page(i)) {
            return (page.url.clone(), &page.body);
        }
        match self.full_text.states.get(&entry.article.id) {
            Some(FullTextState::Ready(text))
                if !self.full_text.feed_text.contains(&entry.article.id) =>
            {
                (own, &text.body)
            }
            _ => (own, &entry.article.body),
        }
    }

    /// Lays out the article at library index `index` as the reader shows it now.
    pub(super) fn lay_out(&self, index: usize, width: usize) -> Wrapped {
        let entry = self.library.entry(index);
        let byline = self.byline(entry);
        let article = &entry.article;
        let key = self.settings.keymap.first_key(Action::FullText);
        let hint = |words: &str| {
            if key.is_empty() {
                String::new()
            } else {
                format!(" · {key} {words}")
            }
        };
        let site = |url: &str| site_of(url).unwrap_or_else(|| url.to_string());
        let from = article.url.as_deref().map(site).unwrap_or_default();
        let (shown, note) = match self.full_text.states.get(&article.id) {
            None => (None, None),
            Some(FullTextState::Ready(text)) if !self.full_text.feed_text.contains(&article.id) => {
                let shown = Article {
                    body: text.body.clone(),
                    ..article.clone()
                };
                let hint = hint("shows the feed's text");
                (
                    Some(shown),
                    Some(format!("full text from {}{hint}", text.site())),
                )
            }
            Some(FullTextState::Ready(text)) => {
                let hint = hint(&format!("shows the full text from {}", text.site()));
                (None, Some(format!("the feed's text{hint}")))
            }
            Some(FullTextState::Fetching) => {
                (None, Some(format!("reading the full text from {from}…")))
            }
            Some(FullTextState::Failed(error)) => (
                None,
                Some(format!("no full text: {error}{}", hint("tries again"))),
            ),
        };
        let shown = shown.as_ref().unwrap_or(article);
        let Some(page) = self
            .full_text
            .page
            .as_ref()
            .filter(|page| page.from == index)
        else {
            return self.pictures.wrap(shown, &byline, note.as_deref(), width);
        };
        let linked = site(&page.url);
        let back = hint("goes back to the article");
        match &page.state {
            PageState::Ready(page) => {
                let mut byline = vec![page.source.clone()];
                byline.extend(page.author.clone().filter(|author| *author != page.source));
                let note = format!("linked page from {linked}{back}");
                self.pictures
                    .wrap(page, &byline.join(" · "), Some(&note), width)
            }
            PageState::Fetching => {
                let note = format!("reading the linked page from {linked}…{back}");
                self.pictures.wrap(shown, &byline, Some(&note), width)
            }
            PageState::Failed(error) => {
                let note = format!("cannot read the linked page from {linked}: {error}{back}");
                self.pictures.wrap(shown, &byline, Some(&note), width)
            }
        }
    }

    fn relayout_article(&mut self, id: &ArticleId) {
        if let Some(index) = self.library.position(id) {
            self.relayout(index);
        }
    }

    /// Lays the article out again from the top, as what it shows has changed.
    fn relayout(&mut self, index: usize) {
        self.wrap_cache.retain(|&(article, _), _| article != index);
        if let Some(reader) = &mut self.reader
            && reader.article == index
        {
            reader.scroll = 0;
            reader.match_line = None;
        }
    }
}
