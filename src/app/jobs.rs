//! Work of this run beside the feeds: whether the store can save at all, the whole list read
//! in the background for a large cache, and the cache indexed anew for search.

use crate::store::Reindexing;

#[derive(Debug, Clone, Default)]
pub struct Jobs {
    /// Why bookmarks and read marks cannot be saved in this run, if they cannot.
    store_problem: Option<String>,
    /// The list holds only the newest cached articles while the rest are read.
    loading_list: bool,
    /// How far indexing the cache anew for search has come, while it runs (once, after an
    /// upgrade): until it ends, the index may miss Chinese, Japanese, Korean and Thai text.
    reindexing: Option<Reindexing>,
}

impl Jobs {
    pub(super) fn new(
        store_problem: Option<String>,
        loading_list: bool,
        reindexing: Option<Reindexing>,
    ) -> Self {
        Self {
            store_problem,
            loading_list,
            reindexing,
        }
    }

    pub fn store_problem(&self) -> Option<&str> {
        self.store_problem.as_deref()
    }

    /// Whether the store takes bookmarks and read marks in this run.
    pub fn can_save(&self) -> bool {
        self.store_problem.is_none()
    }

    pub fn loading_list(&self) -> bool {
        self.loading_list
    }

    pub fn reindexing(&self) -> Option<Reindexing> {
        self.reindexing
    }

    /// The whole list arrived, or could not be read.
    pub(super) fn list_loaded(&mut self) {
        self.loading_list = false;
    }

    pub(super) fn reindexed_so_far(&mut self, progress: Reindexing) {
        self.reindexing = Some(progress);
    }

    pub(super) fn reindexed(&mut self) {
        self.reindexing = None;
    }
}
