//! Helpers shared by the integration tests.

pub mod cli;
pub mod devices;
pub mod feed_fixtures;
pub mod greader;
pub mod hostile;
pub mod http_server;
pub mod pictures;
pub mod tmux;
