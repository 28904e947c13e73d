//! The network, used by feeds, full-text pages, pictures and sync: what is asked and what
//! comes back (`request.rs`), HTTP and politeness (`fetch.rs`: a bounded pool of workers,
//! at most `per_host` requests at once to one host in the whole process, conditional GET,
//! `Retry-After` honoured, at most one retry, every failure in one line of words), files and
//! paths read the same way (`file.rs`), and addresses on `url::Url` (`address.rs`: one
//! resolver, one host, one site, one test of a web address). It sits below everything that
//! uses it and imports none of it: only the sanitizer.

mod address;
mod fetch;
mod file;
mod headers;
mod hosts;
mod http;
mod request;

pub use address::{host, is_web, link, resolve, server, site, web_base, written};
pub use fetch::{fetch, fetch_all};
pub use file::io_words;
pub use http::agent;
pub use request::{FetchError, FetchSettings, FileStamp, Outcome, Request};
