//! The reader's pictures as the config and the environment want them: whether they are
//! drawn, in which colours, how tall, and where fetched pictures are kept.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::config::{Config, ImageColors, Images};
use crate::picture::Colours;
use crate::picture::worker::{self, MAX_BYTES};
use crate::store::Store;

/// The folder of the data dir that pictures are kept in.
pub const FOLDER: &str = "pictures";

/// The picture workers' settings and the most rows a picture takes, or `None` when pictures
/// are off (`images = "off"`, or `NO_COLOR` set to anything but an empty string).
pub fn settings(config: &Config, data_dir: &Path) -> Option<(worker::Settings, u16)> {
    let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if config.images == Images::Off || no_colour {
        return None;
    }
    let colours = match config.image_colors {
        ImageColors::Auto => Colours::detect(std::env::var("COLORTERM").ok().as_deref()),
        ImageColors::TrueColor => Colours::True,
        ImageColors::Palette256 => Colours::Palette256,
    };
    let mut fetch = config.fetch.settings();
    fetch.max_bytes = fetch.max_bytes.min(MAX_BYTES);
    let cap = u64::from(config.image_cache_mb.0) * 1024 * 1024;
    let store_dir: PathBuf = data_dir.to_path_buf();
    let settings = worker::Settings {
        fetch,
        cache: (cap > 0).then(|| (data_dir.join(FOLDER), cap)),
        colours,
        keep: Box::new(move || bookmarked_pictures(&store_dir)),
    };
    Some((settings, config.image_rows.0))
}

/// Every address of every picture of the bookmarked articles; none when the store cannot be
/// read (the cache then keeps only by age).
fn bookmarked_pictures(data_dir: &Path) -> HashSet<String> {
    let Ok(store) = Store::open(data_dir) else {
        return HashSet::new();
    };
    let Ok(bookmarks) = store.bookmarks() else {
        return HashSet::new();
    };
    bookmarks
        .saved
        .iter()
        .flat_map(|bookmark| bookmark.article.body.pictures())
        .flat_map(|picture| picture.addresses().map(str::to_string))
        .collect()
}
