//! tidings: a terminal news reader. `main.rs` parses arguments and hands over to `cli`, which
//! runs one command or starts the reader (`tui`). Input flows one way:
//! terminal and worker events → `App::handle` → state → `ui::draw`, with `Effect`s to the
//! workers (`worker/`).

pub mod action;
pub mod app;
pub mod cli;
pub mod config;
pub mod dates;
pub mod digest;
pub mod discovery;
pub mod effect;
pub mod event;
pub mod focus;
pub mod full_text;
pub mod help;
pub mod import;
pub mod isolate;
pub mod keymap;
pub mod layout;
pub mod model;
pub mod net;
pub mod picture;
pub mod query;
pub mod refresh;
pub mod sanitize;
pub mod source;
pub mod store;
pub mod suggest;
pub mod sync;
pub mod theme;
pub mod tui;
pub mod ui;
pub mod worker;
