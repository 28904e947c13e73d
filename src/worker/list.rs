//! The list loader: a feed cache too large to read before the first frame is read here, on
//! a thread of its own, while the reader shows its newest articles; the whole list then
//! takes their place.

use super::{Reply, Worker};
use crate::model::library::Library;

/// Read the whole list now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListRequest {
    ReadAll,
}

/// The whole list, or why it could not be read.
pub type ListReport = Result<Box<FullLibrary>, String>;

/// The whole library of a run, read on a thread of its own.
#[derive(Debug)]
pub struct FullLibrary {
    pub library: Library,
    /// What could not be read on the way.
    pub problems: Vec<String>,
}

/// How the whole list is read: as start-up reads a run's library, with nothing left out.
pub type ReadAll = Box<dyn FnOnce() -> ListReport + Send>;

/// Reads the whole list once.
pub struct ListLoader {
    read: Option<ReadAll>,
    reply: Reply<ListReport>,
}

impl ListLoader {
    pub fn new(read: ReadAll, reply: Reply<ListReport>) -> Self {
        Self {
            read: Some(read),
            reply,
        }
    }
}

impl Worker for ListLoader {
    type Request = ListRequest;
    type Report = ListReport;

    /// Reads the list, the first time it is asked; it is read once in a run.
    fn handle(&mut self, ListRequest::ReadAll: ListRequest) {
        if let Some(read) = self.read.take() {
            self.reply.send(read());
        }
    }
}
