//! Moving in from newsboat: its `urls` file, the `ignore-article` lines of its `config`, and
//! its `cache.db`.

pub mod config;
pub mod urls;
