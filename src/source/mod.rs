//! Sources turn bytes into `Article`s.

pub mod markdown;
pub mod text;
