//! Which pane takes the keys: a word the actions, the keymap, the config, the app and the
//! drawing all use, below them all.

/// The pane that takes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The navigation pane: feeds and tags.
    Nav,
    List,
    Reader,
}
