//! The reader: the selected article laid out for the reading pane (`view.rs`), its scroll and
//! the search match last gone to; the laid-out articles kept, per article and width; its
//! full text or a linked page (`full_text.rs`); its pictures (`pictures.rs`); and what was
//! asked of the store for it (its body, its read mark).

mod full_text;
mod pictures;
mod view;

pub use full_text::{FullTextState, FullTexts, PageState};
pub use pictures::{Pictures, Shown};
pub use view::{ReaderView, match_lines};

use std::collections::HashMap;
use std::rc::Rc;

use ratatui::layout::Rect;

use super::cursor::offset_index;
use super::remap::Remap;
use super::settings::Settings;
use crate::model::library::{Entry, Library};
use crate::model::wrap::Wrapped;
use crate::model::{Article, ArticleId, Body, FullText};
use crate::store::StoredFullText;
use crate::worker::pictures::{Job, PictureReport};

/// Laid-out articles kept before the cache starts over; each is a few screens of text.
const WRAP_CACHE_LIMIT: usize = 64;

#[derive(Debug, Default)]
pub struct Reader {
    view: Option<ReaderView>,
    /// Laid-out articles by library index and width.
    wrap_cache: HashMap<(usize, usize), Rc<Wrapped>>,
    /// Full texts and linked pages read in this run, and which the reader shows.
    full_text: FullTexts,
    /// Pictures ready for the reading pane, and what the picture workers were asked for.
    pictures: Pictures,
    /// The article last marked read by opening it: opening marks an article read once, so
    /// that one marked unread again with the reader open stays unread.
    opened: Option<ArticleId>,
    /// The article whose body was last asked of the store, until it answers.
    loading: Option<ArticleId>,
}

impl Reader {
    /// A reader with pictures each at most `picture_rows` rows tall (`None`: pictures off,
    /// an image is then its label and caption).
    pub(super) fn new(picture_rows: Option<u16>) -> Self {
        Self {
            pictures: picture_rows.map_or_else(Pictures::default, Pictures::on),
            ..Self::default()
        }
    }

    /// The article shown, as laid out, if one is.
    pub fn view(&self) -> Option<&ReaderView> {
        self.view.as_ref()
    }

    pub fn pictures(&self) -> &Pictures {
        &self.pictures
    }

    pub fn full_text(&self) -> &FullTexts {
        &self.full_text
    }

    /// Shows the article at library index `article` (none: nothing) in `text`, the reading
    /// pane's text area: laid out for its width, or taken from those laid out before; its
    /// scroll kept if it was shown already, from the top if it is shown anew.
    pub(super) fn show(
        &mut self,
        article: Option<usize>,
        text: Rect,
        library: &Library,
        settings: &Settings,
    ) {
        let width = usize::from(text.width).max(1);
        let Some(article) = article else {
            self.view = None;
            return;
        };
        let (scroll, match_line) = match &self.view {
            Some(view) if view.article == article => (view.scroll, view.match_line),
            _ => {
                // An article shown anew asks again for pictures that failed for a passing
                // reason; laid out before, they would keep the one line of their note.
                if self.pictures.forget_passing() {
                    self.wrap_cache.clear();
                }
                (0, None)
            }
        };
        if let Some(from) = self.full_text.close_page_unless(article) {
            self.forget_layout(from);
        }
        let wrapped = match self.wrap_cache.get(&(article, width)) {
            Some(wrapped) => Rc::clone(wrapped),
            None => {
                let entry = library.entry(article);
                let wrapped =
                    (self.full_text).lay_out(entry, article, width, settings, &self.pictures);
                let wrapped = Rc::new(wrapped);
                if self.wrap_cache.len() >= WRAP_CACHE_LIMIT {
                    self.wrap_cache.clear();
                }
                self.wrap_cache
                    .insert((article, width), Rc::clone(&wrapped));
                wrapped
            }
        };
        let max_scroll = wrapped.lines.len().saturating_sub(usize::from(text.height));
        self.view = Some(ReaderView {
            article,
            scroll: scroll.min(max_scroll),
            match_line,
            wrapped,
        });
    }

    /// Scrolls by `delta` lines, within the article.
    pub(super) fn scroll_by(&mut self, delta: isize) {
        if let Some(view) = &mut self.view {
            view.scroll = offset_index(view.scroll, delta, view.wrapped.lines.len());
            view.match_line = None;
        }
    }

    /// Whether the end of the article shows in `height` lines: Space then goes on to the
    /// next unread one.
    pub(super) fn at_end(&self, height: usize) -> bool {
        self.view
            .as_ref()
            .is_some_and(|view| view.scroll + height >= view.wrapped.lines.len())
    }

    /// `n`/`N` within the article: to the next match below (above) the top of the view, or
    /// the last match gone to; false when there is none.
    pub(super) fn go_to_match(&mut self, words: &[String], forward: bool) -> bool {
        let Some(view) = &mut self.view else {
            return false;
        };
        let lines = match_lines(&view.wrapped, words);
        let next = match (forward, view.match_line) {
            (true, Some(at)) => lines.iter().find(|&&line| line > at),
            (true, None) => lines.iter().find(|&&line| line >= view.scroll),
            (false, Some(at)) => lines.iter().rev().find(|&&line| line < at),
            (false, None) => lines.iter().rev().find(|&&line| line < view.scroll),
        };
        let Some(&line) = next else {
            return false;
        };
        view.scroll = line;
        view.match_line = Some(line);
        true
    }

    /// In an article just shown: to its first match (`forward`) or its last.
    pub(super) fn go_to_first_match(&mut self, words: &[String], forward: bool) {
        if let Some(view) = &mut self.view {
            let lines = match_lines(&view.wrapped, words);
            let line = if forward { lines.first() } else { lines.last() };
            view.scroll = line.copied().unwrap_or(0);
            view.match_line = line.copied();
        }
    }

    /// Every article is laid out again when next shown (the library changed).
    pub(super) fn forget_layouts(&mut self) {
        self.wrap_cache.clear();
    }

    /// The article at library index `index` is laid out again when next shown (its body came).
    pub(super) fn forget_layout(&mut self, index: usize) {
        self.wrap_cache.retain(|&(article, _), _| article != index);
    }

    /// Lays the article out again from the top, as what it shows has changed.
    fn relayout(&mut self, index: usize) {
        self.forget_layout(index);
        if let Some(view) = &mut self.view
            && view.article == index
        {
            view.scroll = 0;
            view.match_line = None;
        }
    }

    /// The article shown carried into the library read in the background, where its index
    /// may differ; nothing laid out before is kept.
    pub(super) fn carry_into(&mut self, remap: &Remap) {
        self.wrap_cache.clear();
        if let Some(view) = &mut self.view {
            match remap.index(view.article) {
                Some(index) => view.article = index,
                None => self.view = None,
            }
        }
    }

    /// Whether to ask the store for this article's body: not while it is asked already.
    pub(super) fn ask_for_body(&mut self, id: &ArticleId) -> bool {
        if self.loading.as_ref() == Some(id) {
            return false;
        }
        self.loading = Some(id.clone());
        true
    }

    /// The store answered for this article (its body, or why not).
    pub(super) fn answered(&mut self, id: &ArticleId) {
        if self.loading.as_ref() == Some(id) {
            self.loading = None;
        }
    }

    /// The article is open in the reader: whether it was not just before, which marks it
    /// read once.
    pub(super) fn opened(&mut self, id: &ArticleId) -> bool {
        if self.opened.as_ref() == Some(id) {
            return false;
        }
        self.opened = Some(id.clone());
        true
    }

    /// No article is open in the reader (it does not have the focus).
    pub(super) fn closed(&mut self) {
        self.opened = None;
    }

    /// The address and body shown for `entry`, at library index `index`: the linked page's,
    /// the full text's, or the article's own.
    pub(super) fn shown<'a>(
        &'a self,
        entry: &'a Entry,
        index: usize,
    ) -> (Option<String>, &'a Body) {
        self.full_text.shown(entry, index)
    }

    /// Closes the linked page open over the article at `index`, if one is: whether one was.
    pub(super) fn close_page(&mut self, index: usize) -> bool {
        if !self.full_text.close_page() {
            return false;
        }
        self.relayout(index);
        true
    }

    /// `f` on the article at `index`, whose full text is here: its full text ↔ the feed's.
    pub(super) fn switch_text(&mut self, id: &ArticleId, index: usize) {
        self.full_text.switch_text(id);
        self.relayout(index);
    }

    /// The full text of the article at `index` is being read: shown once it comes.
    pub(super) fn reading_full_text(&mut self, id: ArticleId, index: usize) {
        self.full_text.fetching(id);
        self.relayout(index);
    }

    /// A page a link in the article at `from` points to is being read, over the article.
    pub(super) fn reading_page(&mut self, from: usize, url: String) {
        self.full_text.open_page(from, url);
        self.relayout(from);
    }

    /// An article's full text came, or why there is none; the article, at `index` if it is
    /// in the library, shows it.
    pub(super) fn full_text_read(
        &mut self,
        id: ArticleId,
        result: Result<FullText, String>,
        index: Option<usize>,
    ) {
        self.full_text.read(id, result);
        if let Some(index) = index {
            self.relayout(index);
        }
    }

    /// What the store keeps of the full text of the article at `index`, shown unless this
    /// run knows better.
    pub(super) fn full_text_kept(&mut self, id: ArticleId, kept: StoredFullText, index: usize) {
        if self.full_text.kept(id, kept) {
            self.relayout(index);
        }
    }

    /// The linked page at `url` came, or why it could not be read, if it is still open.
    pub(super) fn page_read(&mut self, url: &str, result: Result<Box<Article>, String>) {
        if let Some(from) = self.full_text.page_read(url, result) {
            self.relayout(from);
        }
    }

    /// Keeps what a worker made of a picture; the article shown, in `height` lines, is laid
    /// out again when the picture's room turns out wrong below the screen.
    pub(super) fn picture_arrived(&mut self, report: PictureReport, height: usize) {
        if self.pictures.arrived(report, self.view.as_ref(), height)
            && let Some(view) = &self.view
        {
            self.wrap_cache.remove(&(view.article, view.wrapped.width));
        }
    }

    /// The pictures of the article at `index`, if it is shown, to keep on disk with its
    /// bookmark.
    pub(super) fn pictures_to_keep(&self, index: usize) -> Option<Vec<String>> {
        let view = self.view.as_ref().filter(|view| view.article == index)?;
        self.pictures.to_keep(view)
    }

    /// The pictures to ask the workers for, when that changed: those on and near the screen
    /// of `height` lines, and the first of `next`, the next article of the list.
    pub(super) fn pictures_wanted(
        &mut self,
        next: Option<&Article>,
        height: usize,
    ) -> Option<Vec<Job>> {
        self.pictures.wanted(self.view.as_ref(), next, height)
    }
}
