//! One attempt at a web address: the conditional GET, the redirects (followed here, so a
//! loop can be named), the body read within the size limit and decoded, and every failure
//! put into words, marked transient when trying once more could help.

use std::io::{self, Cursor, Read};
use std::time::{Duration, Instant};

use chrono::Utc;
use flate2::read::{DeflateDecoder, ZlibDecoder};
use ureq::config::ConfigBuilder;
use ureq::http::{HeaderName, Response, StatusCode, header};
use ureq::typestate::AgentScope;
use ureq::{Agent, Body};

use super::address::{self, Target};
use super::headers::{max_age, retry_after};
use super::hosts::HostSlot;
use super::request::{FetchError, FetchSettings, Outcome, Request};

const ACCEPT: &str = "application/rss+xml, application/atom+xml, application/feed+json, \
                      application/json, application/xml, text/xml;q=0.9, */*;q=0.8";

/// What one attempt came to, and whether a second one could go differently.
pub(super) struct Attempt {
    pub outcome: Outcome,
    pub transient: bool,
}

impl Attempt {
    fn done(outcome: Outcome) -> Attempt {
        Attempt {
            outcome,
            transient: false,
        }
    }

    /// A failure asking again would not change.
    fn failed(message: String) -> Attempt {
        Attempt::done(Outcome::Failed(FetchError {
            message,
            lasting: true,
        }))
    }

    /// A failure that may pass, though not in the moment a second attempt would take.
    fn passing(message: String) -> Attempt {
        Attempt::done(Outcome::Failed(FetchError {
            message,
            lasting: false,
        }))
    }

    /// A failure that may pass at once: worth a second attempt.
    fn transient(message: String) -> Attempt {
        Attempt {
            outcome: Outcome::Failed(FetchError {
                message,
                lasting: false,
            }),
            transient: true,
        }
    }
}

/// An agent with the settings' connect timeout and User-Agent that leaves statuses and
/// redirects to its caller: sync's, which speaks to one server, and the base of the one
/// that fetches feeds, pages and pictures.
pub fn agent(settings: &FetchSettings) -> Agent {
    builder(settings).build().new_agent()
}

/// The agent of `fetch` and `fetch_all`: [`agent`], asking for feeds and compressed bodies.
pub(super) fn fetch_agent(settings: &FetchSettings) -> Agent {
    builder(settings)
        .accept(ACCEPT)
        .accept_encoding("gzip, deflate")
        .build()
        .new_agent()
}

fn builder(settings: &FetchSettings) -> ConfigBuilder<AgentScope> {
    Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_connect(Some(settings.connect_timeout))
        .user_agent(settings.user_agent.as_str())
}

/// Fetches `request.url`, following redirects, within `settings.timeout` from the first send.
pub(super) fn attempt(agent: &Agent, settings: &FetchSettings, request: &Request) -> Attempt {
    let mut url = request.url.clone();
    let mut visited: Vec<String> = Vec::new();
    let mut slot: Option<HostSlot> = None;
    let mut started: Option<Instant> = None;
    loop {
        let Some(host) = address::host(&url) else {
            return Attempt::failed(format!("not a valid web address: {url}"));
        };
        if slot.as_ref().is_none_or(|slot| slot.host() != host) {
            // Give back the old host's slot before waiting for the new one's.
            drop(slot.take());
            slot = Some(HostSlot::acquire(&host, settings.per_host));
        }
        let started = *started.get_or_insert_with(Instant::now);
        let remaining = settings.timeout.saturating_sub(started.elapsed());
        if remaining.is_zero() {
            return timed_out(settings.timeout);
        }
        let response = match send(agent, &url, request, remaining) {
            Ok(response) => response,
            Err(error) => return describe(error, settings, &host, &url),
        };
        if !response.status().is_redirection() || response.status() == StatusCode::NOT_MODIFIED {
            return answer(response, settings, url);
        }
        let Some(location) = header_text(&response, header::LOCATION) else {
            return Attempt::failed(format!(
                "{} without a Location",
                status_words(response.status())
            ));
        };
        let next = address::redirect(&url, &location).unwrap_or(location);
        if address::target(&next) != Target::Web {
            return Attempt::failed(format!("redirected to something not on the web: {next}"));
        }
        visited.push(std::mem::replace(&mut url, next));
        if visited.contains(&url) {
            return Attempt::failed(format!("redirect loop at {url}"));
        }
        if visited.len() > settings.max_redirects as usize {
            return Attempt::failed(format!("more than {} redirects", settings.max_redirects));
        }
    }
}

fn send(
    agent: &Agent,
    url: &str,
    request: &Request,
    timeout: Duration,
) -> Result<Response<Body>, ureq::Error> {
    let mut builder = agent.get(url);
    if let Some(etag) = &request.etag {
        builder = builder.header(header::IF_NONE_MATCH, etag);
    }
    if let Some(last_modified) = &request.last_modified {
        builder = builder.header(header::IF_MODIFIED_SINCE, last_modified);
    }
    builder
        .config()
        .timeout_global(Some(timeout))
        .build()
        .call()
}

/// Turns a final (non-redirect) response into an outcome.
fn answer(response: Response<Body>, settings: &FetchSettings, final_url: String) -> Attempt {
    let status = response.status();
    let cache_control = header_text(&response, header::CACHE_CONTROL);
    let fresh_for = cache_control.as_deref().and_then(max_age);
    match status.as_u16() {
        // A 304's Cache-Control takes the place of the one stored with the document (one
        // without max-age, or with no-cache, leaves it none); a 304 without one changes nothing.
        304 => Attempt::done(Outcome::NotModified {
            fresh_for: cache_control.map(|_| fresh_for.unwrap_or_default()),
        }),
        200..=299 => {
            let etag = header_text(&response, header::ETAG);
            let last_modified = header_text(&response, header::LAST_MODIFIED);
            let content_type = header_text(&response, header::CONTENT_TYPE);
            let content_location = header_text(&response, header::CONTENT_LOCATION);
            match read_body(response, settings) {
                Ok(body) => Attempt::done(Outcome::Fetched {
                    body,
                    etag,
                    last_modified,
                    fresh_for,
                    final_url,
                    content_type,
                    content_location,
                    file_stamp: None,
                }),
                Err(failure) => *failure,
            }
        }
        429 | 503 => {
            let until = header_text(&response, header::RETRY_AFTER)
                .and_then(|value| retry_after(&value, Utc::now()));
            match until {
                Some(until) => Attempt::done(Outcome::RetryLater {
                    until,
                    status: status.as_u16(),
                }),
                None if status == StatusCode::SERVICE_UNAVAILABLE => {
                    Attempt::transient(status_words(status))
                }
                None => Attempt::passing(status_words(status)),
            }
        }
        502 | 504 => Attempt::transient(status_words(status)),
        408 => Attempt::passing(status_words(status)),
        _ if status.is_client_error() => Attempt::failed(status_words(status)),
        _ => Attempt::passing(status_words(status)),
    }
}

/// The decoded body, refused as soon as it (or its announced length) passes `max_bytes`.
/// The failure is boxed: an `Attempt` is large, and the body is what usually comes back.
fn read_body(response: Response<Body>, settings: &FetchSettings) -> Result<Vec<u8>, Box<Attempt>> {
    let max_bytes = settings.max_bytes;
    let too_large = || {
        Box::new(Attempt::failed(format!(
            "the response is larger than {}",
            size_words(max_bytes)
        )))
    };
    let announced =
        header_text(&response, header::CONTENT_LENGTH).and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|length| length > max_bytes) {
        return Err(too_large());
    }
    // ureq decodes gzip itself and then removes the Content-Encoding header.
    let encoding = header_text(&response, header::CONTENT_ENCODING)
        .map(|encoding| encoding.trim().to_ascii_lowercase())
        .filter(|encoding| !encoding.is_empty() && encoding != "identity");
    let raw = response.into_body().into_reader();
    let reader: Box<dyn Read> = match encoding.as_deref() {
        None => Box::new(raw),
        Some("deflate") => {
            inflate(raw).map_err(|error| Box::new(body_error(error, "deflate", settings)))?
        }
        Some(other) => {
            return Err(Box::new(Attempt::failed(format!(
                "the response is in an encoding tidings cannot read ({other})"
            ))));
        }
    };
    // Room for the whole announced body, so that a large one is not copied as it grows.
    let room = announced.map_or(0, |length| usize::try_from(length).unwrap_or(0));
    let mut body = Vec::with_capacity(room.min(usize::try_from(max_bytes).unwrap_or(0)));
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut body)
        // Without a header left, only ureq's gzip decoding can find the body malformed.
        .map_err(|error| {
            Box::new(body_error(
                error,
                encoding.as_deref().unwrap_or("gzip"),
                settings,
            ))
        })?;
    if body.len() as u64 > max_bytes {
        return Err(too_large());
    }
    Ok(body)
}

/// A decoder for `Content-Encoding: deflate`, which servers send both zlib-wrapped (as the
/// standard says) and raw; the first two bytes tell which.
fn inflate(mut raw: impl Read + 'static) -> io::Result<Box<dyn Read>> {
    let mut head = [0u8; 2];
    let mut filled = 0;
    while filled < head.len() {
        match raw.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(count) => filled += count,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    let zlib = filled == 2 && head[0] & 0x0F == 8 && u16::from_be_bytes(head).is_multiple_of(31);
    let stream = Cursor::new(head[..filled].to_vec()).chain(raw);
    Ok(if zlib {
        Box::new(ZlibDecoder::new(stream))
    } else {
        Box::new(DeflateDecoder::new(stream))
    })
}

/// A failure while reading the body: a network failure (carried inside the I/O error), or a
/// body that does not decode.
fn body_error(error: io::Error, encoding: &str, settings: &FetchSettings) -> Attempt {
    let decoding = matches!(
        error.kind(),
        io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput
    );
    match ureq::Error::from(error) {
        ureq::Error::Io(error) if decoding => Attempt::failed(format!(
            "the response is not valid {encoding} data ({error})"
        )),
        error => describe(error, settings, "", ""),
    }
}

fn describe(error: ureq::Error, settings: &FetchSettings, host: &str, url: &str) -> Attempt {
    match error {
        ureq::Error::Timeout(ureq::Timeout::Connect) => Attempt::transient(format!(
            "timed out after {} while connecting",
            duration_words(settings.connect_timeout)
        )),
        ureq::Error::Timeout(_) => timed_out(settings.timeout),
        ureq::Error::HostNotFound => Attempt::passing(format!("cannot resolve host {host}")),
        ureq::Error::Io(error) => describe_io(&error, settings, host),
        ureq::Error::Tls(message) => Attempt::passing(format!("TLS error: {message}")),
        ureq::Error::Rustls(error) => Attempt::passing(format!("TLS error: {error}")),
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => {
            Attempt::failed(format!("not a valid web address: {url}"))
        }
        ureq::Error::Protocol(error) => {
            Attempt::failed(format!("the server's answer is not valid HTTP ({error})"))
        }
        ureq::Error::LargeResponseHeader(..) => {
            Attempt::failed("the server's response headers are too large".to_string())
        }
        ureq::Error::Decompress(encoding, error) => Attempt::failed(format!(
            "the response is not valid {encoding} data ({error})"
        )),
        ureq::Error::ConnectionFailed => Attempt::transient(format!("cannot connect to {host}")),
        other => Attempt::passing(other.to_string()),
    }
}

fn describe_io(error: &io::Error, settings: &FetchSettings, host: &str) -> Attempt {
    use io::ErrorKind;
    match error.kind() {
        ErrorKind::ConnectionRefused => Attempt::transient("connection refused".to_string()),
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted => {
            Attempt::transient("connection reset".to_string())
        }
        ErrorKind::UnexpectedEof | ErrorKind::BrokenPipe => {
            Attempt::transient("the server closed the connection early".to_string())
        }
        ErrorKind::TimedOut | ErrorKind::WouldBlock => timed_out(settings.timeout),
        // The system resolver's failures carry no kind of their own.
        _ if error.to_string().contains("lookup address") => {
            Attempt::passing(format!("cannot resolve host {host}"))
        }
        _ => Attempt::passing(format!("network error: {error}")),
    }
}

fn timed_out(limit: Duration) -> Attempt {
    Attempt::transient(format!("timed out after {}", duration_words(limit)))
}

fn header_text(response: &Response<Body>, name: HeaderName) -> Option<String> {
    let value = response.headers().get(name)?.to_str().ok()?;
    Some(value.trim().to_string())
}

/// "HTTP 404 Not Found".
fn status_words(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("HTTP {} {reason}", status.as_u16()),
        None => format!("HTTP {}", status.as_u16()),
    }
}

/// "30 s", "1.5 s", "200 ms".
fn duration_words(duration: Duration) -> String {
    if duration.subsec_millis() == 0 {
        format!("{} s", duration.as_secs())
    } else if duration < Duration::from_secs(1) {
        format!("{} ms", duration.as_millis())
    } else {
        format!("{:.1} s", duration.as_secs_f64())
    }
}

/// "20 MB", "64 KB", "1000 bytes".
pub(super) fn size_words(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * KB;
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else if bytes >= KB && bytes.is_multiple_of(KB) {
        format!("{} KB", bytes / KB)
    } else {
        format!("{bytes} bytes")
    }
}
