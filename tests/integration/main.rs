//! The integration tests, in one binary: the CLI and the reader through the real binary
//! (by its arguments, in tmux, in a pseudo-terminal), the network, refresh and picture
//! workers against servers on loopback, and whole screens drawn to ratatui's `TestBackend`.
//! One binary links once, and every helper of `support` is used by some test here, which
//! the compiler checks.
#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot go on should fail loudly; Cargo.toml denies unwrap outside tests"
)]

mod support;

mod cli;
mod cli_words;
mod crash;
mod discovery;
mod e2e;
mod e2e_feeds;
mod e2e_robust;
mod e2e_sync;
mod e2e_unread;
mod feeds;
mod feeds_wild;
mod fetch;
mod freshness;
mod freshrss;
mod full_text;
mod hostile;
mod import;
mod legacy_store;
mod opml;
mod pictures;
mod queries;
mod refresh;
mod rules;
mod screens;
mod search;
mod shapes;
mod sync;
mod sync_failures;
mod terminal_output;
mod unread;
