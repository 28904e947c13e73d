//! Helpers shared by the integration tests; each test binary uses only some of them.

#[allow(dead_code)]
pub mod cli;

#[allow(dead_code)]
pub mod devices;

#[allow(dead_code)]
pub mod feed_fixtures;

#[allow(dead_code)]
pub mod greader;

#[allow(dead_code)]
pub mod hostile;

#[allow(dead_code)]
pub mod http_server;

#[allow(dead_code)]
pub mod tmux;

#[allow(dead_code)]
pub mod pictures;
