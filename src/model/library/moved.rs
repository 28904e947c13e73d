//! A feed moved to other folders on a sync server: its articles trade the old folders' tags
//! for the new, and the tags' lists and counts follow (the feed's own stay as they are).

use super::entry::entry_number;
use super::{Library, Origin, SourceKey};
use crate::model::tag::moved_folders;

impl Library {
    /// Tags the articles of the feed at `url` with the folders `to` in place of `from`.
    pub fn move_feed(&mut self, url: &str, from: &[String], to: &[String]) {
        let Some(&id) = self.source_ids.get(&SourceKey::Feed(url.into())) else {
            return;
        };
        let members: Vec<u32> = self.sources[id].members.entries().to_vec();
        for number in members {
            let index = number as usize;
            let mut tags = moved_folders(&self.entries[index].article.tags, from, to);
            if tags == self.entries[index].article.tags {
                continue;
            }
            let tag_ids = self.tag_ids_for(&mut tags);
            let entry = &mut self.entries[index];
            let (counted, unread) = (entry.origin == Origin::Source, !entry.is_read());
            let number = entry_number(index);
            let old_ids = std::mem::replace(&mut entry.tag_ids, tag_ids);
            entry.article.tags = tags;
            for tag in old_ids {
                self.tags[tag].members.remove(number, counted, unread);
            }
            for &tag in &self.entries[index].tag_ids {
                self.tags[tag].members.add(number, counted, unread);
            }
            if let Some(texts) = self.search_texts.get_mut() {
                texts[index] = self.entries[index].search_text();
            }
        }
    }
}
