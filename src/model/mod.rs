//! The article model shared by every source, the store and the screen.

pub mod article;
pub mod filter;
pub mod full_text;
pub mod library;
pub mod room;
pub mod span;
pub mod subscription;
pub mod table;
pub mod tag;
pub mod words;
pub mod wrap;

pub use article::{Article, ArticleId, Block, Body, Definition, ListItem, Picture};
pub use full_text::FullText;
pub use span::{Script, Span, SpanStyle};
pub use subscription::Subscription;
pub use table::{Cell, Row, Table};

/// "1 article", "3 articles".
pub fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
pub use tag::{Tag, TagKey};
