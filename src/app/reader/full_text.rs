//! Full text in the reader: the full texts read in this run, which articles show the feed's
//! text instead, and a page a link points to, read over the article it was opened from; and
//! how an article is laid out with them: its own text, its full text or the linked page, with
//! a line under the byline that says which is shown, that it is being read, or why it could
//! not be.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::pictures::Pictures;
use crate::action::Action;
use crate::app::settings::Settings;
use crate::model::library::Entry;
use crate::model::wrap::Wrapped;
use crate::model::{Article, ArticleId, Body, FullText};
use crate::net;
use crate::store::StoredFullText;

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

impl FullTexts {
    /// Closes a linked page opened over another article than `selected`: the library index
    /// of the article it was opened over, if one was closed.
    pub(super) fn close_page_unless(&mut self, selected: usize) -> Option<usize> {
        let from = self.page.as_ref()?.from;
        if from == selected {
            return None;
        }
        self.page = None;
        Some(from)
    }

    /// Closes the linked page, if one is open: whether one was.
    pub(super) fn close_page(&mut self) -> bool {
        self.page.take().is_some()
    }

    /// `f` on an article whose full text is here: its full text ↔ the feed's text.
    pub(super) fn switch_text(&mut self, id: &ArticleId) {
        if !self.feed_text.remove(id) {
            self.feed_text.insert(id.clone());
        }
    }

    /// The article's full text is being read: shown once it comes.
    pub(super) fn fetching(&mut self, id: ArticleId) {
        self.feed_text.remove(&id);
        self.states.insert(id, FullTextState::Fetching);
    }

    /// A page a link in the article at `from` points to is being read, over the article.
    pub(super) fn open_page(&mut self, from: usize, url: String) {
        self.page = Some(LinkedPage {
            from,
            url,
            state: PageState::Fetching,
        });
    }

    /// An article's full text came, or why there is none.
    pub(super) fn read(&mut self, id: ArticleId, result: Result<FullText, String>) {
        let state = match result {
            Ok(text) => FullTextState::Ready(Rc::new(text)),
            Err(error) => FullTextState::Failed(error),
        };
        self.states.insert(id, state);
    }

    /// What the store keeps of an article's full text, taken unless this run knows better:
    /// whether it was taken.
    pub(super) fn kept(&mut self, id: ArticleId, kept: StoredFullText) -> bool {
        if self.states.contains_key(&id) {
            return false;
        }
        let state = match kept.text() {
            Some(text) => FullTextState::Ready(Rc::new(text)),
            None => FullTextState::Failed(kept.result.err().unwrap_or_default()),
        };
        self.states.insert(id, state);
        true
    }

    /// The linked page at `url` came, or why it could not be read: if it is still open, the
    /// library index of the article it is over.
    pub(super) fn page_read(
        &mut self,
        url: &str,
        result: Result<Box<Article>, String>,
    ) -> Option<usize> {
        let page = self.page.as_mut().filter(|page| page.url == url)?;
        page.state = match result {
            Ok(article) => PageState::Ready(Rc::from(*article)),
            Err(error) => PageState::Failed(error),
        };
        Some(page.from)
    }

    /// The address and body the reader shows for `entry`, at library index `index`: the
    /// linked page's, the full text's, or the article's own.
    pub(super) fn shown<'a>(
        &'a self,
        entry: &'a Entry,
        index: usize,
    ) -> (Option<String>, &'a Body) {
        let own = entry.article.url.clone();
        if let Some(PageState::Ready(page)) = self.page(index) {
            return (page.url.clone(), &page.body);
        }
        match self.states.get(&entry.article.id) {
            Some(FullTextState::Ready(text)) if !self.feed_text.contains(&entry.article.id) => {
                (own, &text.body)
            }
            _ => (own, &entry.article.body),
        }
    }

    /// Lays out `entry`, at library index `index`, as the reader shows it now, with room for
    /// its `pictures`.
    pub(super) fn lay_out(
        &self,
        entry: &Entry,
        index: usize,
        width: usize,
        settings: &Settings,
        pictures: &Pictures,
    ) -> Wrapped {
        let byline = settings.byline(entry);
        let article = &entry.article;
        let key = settings.keymap.first_key(Action::FullText);
        let hint = |words: &str| {
            if key.is_empty() {
                String::new()
            } else {
                format!(" · {key} {words}")
            }
        };
        let site = |url: &str| net::site(url).unwrap_or_else(|| url.to_string());
        // The site only when it is shown: parsing an address on every layout costs a key.
        let from = || article.url.as_deref().map(site).unwrap_or_default();
        let (shown, note) = match self.states.get(&article.id) {
            None => (None, None),
            Some(FullTextState::Ready(text)) if !self.feed_text.contains(&article.id) => {
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
            Some(FullTextState::Fetching) => (
                None,
                Some(format!("reading the full text from {}…", from())),
            ),
            Some(FullTextState::Failed(error)) => (
                None,
                Some(format!("no full text: {error}{}", hint("tries again"))),
            ),
        };
        let shown = shown.as_ref().unwrap_or(article);
        let Some(page) = self.page.as_ref().filter(|page| page.from == index) else {
            return pictures.wrap(shown, &byline, note.as_deref(), width);
        };
        let linked = site(&page.url);
        let back = hint("goes back to the article");
        match &page.state {
            PageState::Ready(page) => {
                let mut byline = vec![page.source.clone()];
                byline.extend(page.author.clone().filter(|author| *author != page.source));
                let note = format!("linked page from {linked}{back}");
                pictures.wrap(page, &byline.join(" · "), Some(&note), width)
            }
            PageState::Fetching => {
                let note = format!("reading the linked page from {linked}…{back}");
                pictures.wrap(shown, &byline, Some(&note), width)
            }
            PageState::Failed(error) => {
                let note = format!("cannot read the linked page from {linked}: {error}{back}");
                pictures.wrap(shown, &byline, Some(&note), width)
            }
        }
    }
}
