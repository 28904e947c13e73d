//! The picture worker: the reader says which pictures it wants now, most wanted first, and
//! which to keep on disk with a bookmark; the picture threads ([`crate::picture::worker`])
//! fetch, decode and scale them, and report each.

use super::Worker;
pub use crate::picture::worker::{Job, PictureReport, PictureWorker};

/// What the app asks of the picture worker.
#[derive(Debug, Clone, PartialEq)]
pub enum PictureRequest {
    /// Fetch and draw these pictures, most wanted first, in place of those asked before.
    Want(Vec<Job>),
    /// Keep these pictures on disk (fetching those not there yet): a bookmark's.
    Keep(Vec<String>),
}

impl Worker for PictureWorker {
    type Request = PictureRequest;
    type Report = PictureReport;

    fn handle(&mut self, request: PictureRequest) {
        match request {
            PictureRequest::Want(jobs) => self.want(jobs),
            PictureRequest::Keep(urls) => self.keep(urls),
        }
    }
}
