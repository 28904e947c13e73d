//! The pictures of the reading pane as the app holds them: those ready to draw (a small cache
//! of cells), those that cannot be shown and why, the sizes learnt, and what the picture
//! workers were last asked for. The reader asks for the pictures on and near the screen, and
//! for the first of the next article's; drawing only reads what is here.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::App;
use crate::effect::Effect;
use crate::model::Article;
use crate::model::room::{Known, room};
use crate::model::wrap::{PictureLayout, Slot, Wrapped, picture_slots, wrap_article_with};
use crate::picture::Cells;
use crate::sanitize;
use crate::worker::pictures::{Job, PictureReport, PictureRequest};
use crate::worker::store::StoreRequest;

/// Pictures kept ready to draw, and the most cells they hold together (8 bytes a cell).
const READY_LIMIT: usize = 48;
const READY_CELLS_LIMIT: usize = 512 * 1024;
/// Addresses remembered as failed or with their size, before those maps start over.
const REMEMBERED_LIMIT: usize = 4096;
/// Pictures of the next article fetched ahead.
const AHEAD: usize = 2;

/// What the reading pane shows in a picture's room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown<'a> {
    Ready(&'a Cells),
    /// The picture cannot be shown; the note says why.
    Failed(&'a str),
    Loading,
}

#[derive(Debug, Default)]
pub struct Pictures {
    /// The most rows a picture takes; `None` while pictures are off (`images = "off"` or
    /// `NO_COLOR`): an image is then its label and caption.
    max_rows: Option<u16>,
    /// Ready to draw, the most recently wanted last.
    ready: Vec<(Job, Rc<Cells>)>,
    failed: HashMap<String, String>,
    /// Those of `failed` whose failure may pass: asked for again when an article is shown
    /// anew.
    passing: HashSet<String>,
    sizes: HashMap<String, (u32, u32)>,
    /// What the workers were last asked for.
    asked: Vec<Job>,
}

impl Pictures {
    /// Pictures shown, each at most `max_rows` rows tall.
    pub fn on(max_rows: u16) -> Self {
        Self {
            max_rows: Some(max_rows.max(1)),
            ..Self::default()
        }
    }

    pub fn is_on(&self) -> bool {
        self.max_rows.is_some()
    }

    /// What to draw in `slot`'s room.
    pub fn shown(&self, slot: &Slot) -> Shown<'_> {
        if let Some(note) = self.failed.get(&slot.url) {
            return Shown::Failed(note);
        }
        self.ready
            .iter()
            .find(|(job, _)| job.url == slot.url && job.room == slot.room)
            .map_or(Shown::Loading, |(_, cells)| Shown::Ready(cells))
    }

    fn known(&self, url: &str) -> Known {
        if self.failed.contains_key(url) {
            Known::Failed
        } else if let Some(&(w, h)) = self.sizes.get(url) {
            Known::Size(w, h)
        } else {
            Known::Unknown
        }
    }

    /// Lays out `article` with room for its pictures (their label and caption when off),
    /// with `note` under its byline.
    pub fn wrap(
        &self,
        article: &Article,
        byline: &str,
        note: Option<&str>,
        width: usize,
    ) -> Wrapped {
        let known = |url: &str| self.known(url);
        let layout = self.max_rows.map(|max_rows| PictureLayout {
            max_rows,
            known: &known,
        });
        wrap_article_with(article, byline, note, width, layout.as_ref())
    }

    /// Keeps what a worker made of a picture.
    pub fn arrived(&mut self, report: PictureReport) {
        let PictureReport {
            job,
            result,
            passing,
        } = report;
        match result {
            Ok(drawn) => {
                remember(
                    &mut self.sizes,
                    job.url.clone(),
                    (drawn.width, drawn.height),
                );
                self.ready.retain(|(known, _)| *known != job);
                self.ready.push((job, Rc::new(drawn.cells)));
                let mut cells: usize = self.ready.iter().map(|(_, c)| c.len()).sum();
                while self.ready.len() > READY_LIMIT
                    || (cells > READY_CELLS_LIMIT && self.ready.len() > 1)
                {
                    let (_, dropped) = self.ready.remove(0);
                    cells -= dropped.len();
                }
            }
            // The note can carry a server's words (an address it redirected to).
            Err(note) => {
                if passing {
                    self.passing.insert(job.url.clone());
                }
                remember(&mut self.failed, job.url, sanitize::clean_line(&note));
            }
        }
    }

    /// Forgets the failures that may pass (the network was down, a server busy), so that
    /// their pictures are asked for again; whether there were any.
    pub fn forget_passing(&mut self) -> bool {
        if self.passing.is_empty() {
            return false;
        }
        for url in self.passing.drain() {
            self.failed.remove(&url);
        }
        true
    }

    /// Moves a ready picture to the end of the queue for dropping; false when not ready.
    fn touch(&mut self, job: &Job) -> bool {
        let Some(at) = self.ready.iter().position(|(known, _)| known == job) else {
            return false;
        };
        let entry = self.ready.remove(at);
        self.ready.push(entry);
        true
    }
}

fn remember<V>(map: &mut HashMap<String, V>, url: String, value: V) {
    if map.len() >= REMEMBERED_LIMIT {
        map.clear();
    }
    map.insert(url, value);
}

impl App {
    /// Shows pictures in the reading pane, each at most `max_rows` rows tall.
    pub fn show_pictures(&mut self, max_rows: u16) {
        self.pictures = Pictures::on(max_rows);
        self.wrap_cache.clear();
        self.settle();
    }

    /// Keeps what a worker made of a picture. When the picture's room turns out wrong (it
    /// failed, or its shape differs from the room guessed for it) and all of it is below the
    /// screen, the article is laid out again, unless that would also change the room of a
    /// picture on or above the screen (one that arrived there earlier): what is on screen
    /// stays where it is.
    pub(super) fn picture_arrived(&mut self, report: PictureReport) {
        let url = report.job.url.clone();
        self.pictures.arrived(report);
        let (Some(reader), Some(max_rows)) = (&self.reader, self.pictures.max_rows) else {
            return;
        };
        let below = reader.scroll + usize::from(self.reader_text().height);
        let width = reader.wrapped.width;
        let fits = |slot: &Slot| {
            let width = u16::try_from(width).unwrap_or(u16::MAX);
            room(self.pictures.known(&slot.url), width, max_rows) == slot.room
        };
        let slots = &reader.wrapped.pictures;
        let Some(first) = slots.iter().find(|s| s.url == url) else {
            return;
        };
        let seen_stay = slots.iter().filter(|s| s.line < below).all(fits);
        if first.line >= below && !fits(first) && seen_stay {
            self.wrap_cache.remove(&(reader.article, width));
        }
    }

    /// The pictures to ask the workers for after an event, when that changed; and the
    /// pictures of an article being bookmarked, to keep on disk with it.
    pub(super) fn picture_effects(&mut self, effects: &[Effect]) -> Vec<Effect> {
        if !self.pictures.is_on() {
            return Vec::new();
        }
        let mut more = Vec::new();
        if let Some(reader) = &self.reader {
            let article = &self.library.entry(reader.article).article;
            let bookmarking = effects
                .iter()
                .any(|e| matches!(e, Effect::Store(StoreRequest::SaveBookmark(saved)) if saved.id == article.id));
            if bookmarking && !reader.wrapped.pictures.is_empty() {
                let urls = reader.wrapped.pictures.iter().map(|s| s.url.clone());
                more.push(Effect::Pictures(PictureRequest::Keep(urls.collect())));
            }
        }
        let wanted = self.wanted_pictures();
        if wanted != self.pictures.asked {
            self.pictures.asked.clone_from(&wanted);
            more.push(Effect::Pictures(PictureRequest::Want(wanted)));
        }
        more
    }

    /// The pictures on screen, then those a screen above and below, then the first of the
    /// next article's, that are neither ready nor failed. Those that are ready are kept.
    fn wanted_pictures(&mut self) -> Vec<Job> {
        let Some(reader) = &self.reader else {
            return Vec::new();
        };
        let height = usize::from(self.reader_text().height).max(1);
        let width = reader.wrapped.width;
        let screen = reader.scroll..reader.scroll + height;
        let near = reader.scroll.saturating_sub(height)..reader.scroll + 2 * height;
        let overlaps = |slot: &Slot, lines: &std::ops::Range<usize>| {
            slot.line < lines.end && slot.lines().end > lines.start
        };
        let job = |slot: &Slot| Job {
            url: slot.url.clone(),
            room: slot.room,
        };
        let slots = &reader.wrapped.pictures;
        let mut jobs: Vec<Job> = slots
            .iter()
            .filter(|slot| overlaps(slot, &screen))
            .chain(
                slots
                    .iter()
                    .filter(|slot| overlaps(slot, &near) && !overlaps(slot, &screen)),
            )
            .map(job)
            .collect();
        if let (Some(&next), Some(max_rows)) =
            (self.visible.get(self.selected + 1), self.pictures.max_rows)
        {
            let known = |url: &str| self.pictures.known(url);
            let layout = PictureLayout {
                max_rows,
                known: &known,
            };
            let article = &self.library.entry(next).article;
            jobs.extend(
                picture_slots(article, width, &layout)
                    .into_iter()
                    .take(AHEAD)
                    .map(|(url, room)| Job { url, room }),
            );
        }
        // No more than half of what is kept ready, so that what arrives never pushes out a
        // picture still wanted (which would then be asked for again, and again).
        let (mut count, mut cells) = (0, 0);
        let mut wanted: Vec<Job> = Vec::with_capacity(jobs.len());
        for job in jobs {
            if self.pictures.failed.contains_key(&job.url) || wanted.contains(&job) {
                continue;
            }
            count += 1;
            cells += usize::from(job.room.cols) * usize::from(job.room.rows);
            if count > READY_LIMIT / 2 || (cells > READY_CELLS_LIMIT / 2 && count > 1) {
                break;
            }
            if !self.pictures.touch(&job) {
                wanted.push(job);
            }
        }
        wanted
    }
}

#[cfg(test)]
#[path = "pictures_tests.rs"]
mod tests;
