//! tidings: a terminal news reader. The binary's `main.rs` only parses arguments and hands
//! over to `cli` or `tui`; everything else lives in these modules.

pub mod model;
pub mod sanitize;
pub mod source;
pub mod store;
