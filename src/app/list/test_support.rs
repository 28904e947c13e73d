//! For the tests of the app: the filter changed as no one key changes it (a state a person
//! reaches in several steps, set at once), then applied as a key would apply it.

use chrono::{DateTime, Utc};

use super::List;
use crate::model::filter::Filter;
use crate::model::library::Library;

impl List {
    pub(in crate::app) fn change_filter(
        &mut self,
        change: impl FnOnce(&mut Filter),
        library: &Library,
        now: DateTime<Utc>,
    ) {
        change(&mut self.filter);
        self.refilter(library, now);
    }
}
