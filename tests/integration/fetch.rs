//! The network layer against a real HTTP server on loopback: conditional GET, politeness
//! (Retry-After, one retry, two requests at once per host), redirects, timeouts, size
//! limits, compressed bodies, files, and every failure's words.

use std::io::Write;
use std::net::TcpListener;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::support::http_server::{ServerResponse, TestServer};
use chrono::Utc;
use flate2::Compression;
use flate2::write::{DeflateEncoder, GzEncoder, ZlibEncoder};
use tidings::net::{FetchSettings, Outcome, Request, fetch, fetch_all};

/// Short timeouts and back-off, so failures fail fast.
fn quick() -> FetchSettings {
    FetchSettings {
        connect_timeout: Duration::from_secs(1),
        timeout: Duration::from_secs(2),
        retry_backoff: Duration::from_millis(100),
        ..FetchSettings::default()
    }
}

fn get(url: &str) -> Outcome {
    fetch(&quick(), &Request::new(url))
}

fn failure(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::Failed(error) => &error.message,
        other => panic!("expected a failure, got {other:?}"),
    }
}

fn body(outcome: &Outcome) -> &[u8] {
    match outcome {
        Outcome::Fetched { body, .. } => body,
        other => panic!("expected a body, got {other:?}"),
    }
}

fn compressed(encoding: &str, data: &[u8]) -> Vec<u8> {
    let result = match encoding {
        "gzip" => {
            let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
            encoder.write_all(data).and_then(|_| encoder.finish())
        }
        "zlib" => {
            let mut encoder = ZlibEncoder::new(Vec::new(), Compression::fast());
            encoder.write_all(data).and_then(|_| encoder.finish())
        }
        _ => {
            let mut encoder = DeflateEncoder::new(Vec::new(), Compression::fast());
            encoder.write_all(data).and_then(|_| encoder.finish())
        }
    };
    result.expect("compress")
}

const FEED: &str = "<rss version=\"2.0\"><channel><title>T</title></channel></rss>";

#[test]
fn second_fetch_with_validators_is_not_modified() {
    let etag = "\"v1\"";
    let date = "Wed, 01 Jan 2025 00:00:00 GMT";
    let server = TestServer::start(move |request| {
        if request.header("if-none-match") == Some(etag) {
            ServerResponse::new(304).header("Cache-Control", "max-age=300")
        } else {
            ServerResponse::ok(FEED)
                .header("ETag", etag)
                .header("Last-Modified", date)
        }
    });
    let url = server.url("/feed.xml");
    let Outcome::Fetched {
        body,
        etag: got_etag,
        last_modified,
        final_url,
        fresh_for,
        file_stamp,
        ..
    } = get(&url)
    else {
        panic!("first fetch should bring the feed");
    };
    assert_eq!(file_stamp, None, "only files have one");
    assert_eq!(body, FEED.as_bytes());
    assert_eq!(got_etag.as_deref(), Some(etag));
    assert_eq!(last_modified.as_deref(), Some(date));
    assert_eq!(final_url, url);
    assert_eq!(fresh_for, None);

    let again = Request {
        url,
        etag: got_etag,
        last_modified,
        file_stamp: None,
    };
    assert_eq!(
        fetch(&quick(), &again),
        Outcome::NotModified {
            fresh_for: Some(Duration::from_secs(300))
        }
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let first = &requests[0].request;
    assert_eq!(first.header("if-none-match"), None);
    assert_eq!(first.header("if-modified-since"), None);
    let second = &requests[1].request;
    assert_eq!(second.method, "GET");
    assert_eq!(second.path, "/feed.xml");
    assert_eq!(second.header("if-none-match"), Some(etag));
    assert_eq!(second.header("if-modified-since"), Some(date));
}

#[test]
fn user_agent_accept_and_encodings_are_sent() {
    let server = TestServer::start(|_| ServerResponse::ok(FEED));
    get(server.base_url());
    let request = server.requests().remove(0).request;
    let user_agent = request.header("user-agent").unwrap_or_default();
    assert_eq!(
        user_agent,
        format!(
            "tidings/{} (terminal news reader)",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert!(
        request
            .header("accept")
            .unwrap_or_default()
            .starts_with("application/rss+xml")
    );
    assert_eq!(request.header("accept-encoding"), Some("gzip, deflate"));
}

#[test]
fn too_many_requests_with_retry_after_waits_without_retrying() {
    let server = TestServer::start(|_| ServerResponse::new(429).header("Retry-After", "120"));
    let Outcome::RetryLater { until, status } = get(&server.url("/feed")) else {
        panic!("expected RetryLater");
    };
    assert_eq!(status, 429);
    let ahead = (until - Utc::now()).num_seconds();
    assert!((115..=120).contains(&ahead), "{ahead} s ahead");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn unavailable_with_retry_after_as_a_date_waits_until_then() {
    let then = Utc::now() + chrono::TimeDelta::minutes(10);
    let date = then.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    let server = TestServer::start(move |_| ServerResponse::new(503).header("Retry-After", &date));
    let Outcome::RetryLater { until, status } = get(server.base_url()) else {
        panic!("expected RetryLater");
    };
    assert_eq!(status, 503);
    assert_eq!(until.timestamp(), then.timestamp());
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn unavailable_without_retry_after_is_tried_twice() {
    let server = TestServer::start(|_| ServerResponse::new(503));
    assert_eq!(
        failure(&get(server.base_url())),
        "HTTP 503 Service Unavailable"
    );
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn bad_gateway_is_tried_twice_and_may_succeed() {
    let calls = AtomicUsize::new(0);
    let server = TestServer::start(move |_| match calls.fetch_add(1, Ordering::SeqCst) {
        0 => ServerResponse::new(502),
        _ => ServerResponse::ok(FEED),
    });
    assert_eq!(body(&get(server.base_url())), FEED.as_bytes());
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn too_many_requests_without_retry_after_fails_at_once() {
    let server = TestServer::start(|_| ServerResponse::new(429));
    assert_eq!(
        failure(&get(server.base_url())),
        "HTTP 429 Too Many Requests"
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn not_found_fails_without_retry() {
    let server = TestServer::start(|_| ServerResponse::new(404).body("gone"));
    assert_eq!(failure(&get(&server.url("/missing"))), "HTTP 404 Not Found");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn server_error_fails() {
    let server = TestServer::start(|_| ServerResponse::new(500));
    assert_eq!(
        failure(&get(server.base_url())),
        "HTTP 500 Internal Server Error"
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn redirects_are_followed() {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/old" => ServerResponse::new(301).header("Location", "/new/feed.xml"),
        "/new/feed.xml" => ServerResponse::new(302).header("Location", "final.xml?x=1"),
        "/new/final.xml?x=1" => ServerResponse::ok(FEED),
        _ => ServerResponse::new(404),
    });
    let Outcome::Fetched {
        body, final_url, ..
    } = get(&server.url("/old"))
    else {
        panic!("expected the feed");
    };
    assert_eq!(body, FEED.as_bytes());
    assert_eq!(final_url, server.url("/new/final.xml?x=1"));
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn redirect_loop_is_named() {
    let server = TestServer::start(|request| {
        let next = if request.path == "/a" { "/b" } else { "/a" };
        ServerResponse::new(302).header("Location", next)
    });
    let outcome = get(&server.url("/a"));
    assert_eq!(
        failure(&outcome),
        format!("redirect loop at {}", server.url("/a"))
    );
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn too_many_redirects_fail() {
    let server = TestServer::start(|request| {
        let step: u32 = request.path.trim_start_matches('/').parse().unwrap_or(0);
        ServerResponse::new(307).header("Location", &format!("/{}", step + 1))
    });
    let settings = FetchSettings {
        max_redirects: 3,
        ..quick()
    };
    let outcome = fetch(&settings, &Request::new(server.url("/0")));
    assert_eq!(failure(&outcome), "more than 3 redirects");
    assert_eq!(server.requests().len(), 4);
}

#[test]
fn redirect_to_a_file_is_refused() {
    let server =
        TestServer::start(|_| ServerResponse::new(302).header("Location", "file:///etc/passwd"));
    let outcome = get(server.base_url());
    assert!(failure(&outcome).contains("not on the web"), "{outcome:?}");
}

#[test]
fn stalled_server_times_out() {
    let server = TestServer::start(|_| ServerResponse::ok(FEED).stall(Duration::from_secs(3)));
    let settings = FetchSettings {
        timeout: Duration::from_secs(1),
        ..quick()
    };
    let outcome = fetch(&settings, &Request::new(server.base_url()));
    assert_eq!(failure(&outcome), "timed out after 1 s");
    assert_eq!(server.requests().len(), 2, "a timeout is tried once more");
}

#[test]
fn body_over_the_limit_fails_while_reading() {
    let server = TestServer::start(|_| ServerResponse::ok(vec![b'x'; 5000]).chunked());
    let settings = FetchSettings {
        max_bytes: 1000,
        ..quick()
    };
    let outcome = fetch(&settings, &Request::new(server.base_url()));
    assert_eq!(failure(&outcome), "the response is larger than 1000 bytes");
}

#[test]
fn announced_length_over_the_limit_fails_up_front() {
    // The body is short: only the Content-Length can have given it away.
    let server =
        TestServer::start(|_| ServerResponse::ok("tiny").header("Content-Length", "10485760"));
    let settings = FetchSettings {
        max_bytes: 1024 * 1024,
        ..quick()
    };
    let outcome = fetch(&settings, &Request::new(server.base_url()));
    assert_eq!(failure(&outcome), "the response is larger than 1 MB");
}

#[test]
fn body_at_the_limit_is_accepted() {
    let server = TestServer::start(|_| ServerResponse::ok(vec![b'x'; 1000]));
    let settings = FetchSettings {
        max_bytes: 1000,
        ..quick()
    };
    assert_eq!(
        body(&fetch(&settings, &Request::new(server.base_url()))).len(),
        1000
    );
}

#[test]
fn compressed_bodies_are_decoded() {
    let feed = FEED.repeat(50);
    for (encoding, header, chunked) in [
        ("gzip", "gzip", false),
        ("gzip", "gzip", true),
        ("zlib", "deflate", false),
        ("raw", "deflate", true),
    ] {
        let packed = compressed(encoding, feed.as_bytes());
        let server = TestServer::start(move |_| {
            let response = ServerResponse::ok(packed.clone()).header("Content-Encoding", header);
            if chunked {
                response.chunked()
            } else {
                response
            }
        });
        assert_eq!(body(&get(server.base_url())), feed.as_bytes(), "{encoding}");
    }
}

#[test]
fn compression_bombs_stop_at_the_limit() {
    let zeros = vec![0u8; 4 * 1024 * 1024];
    for (encoding, header) in [("gzip", "gzip"), ("zlib", "deflate"), ("raw", "deflate")] {
        let bomb = compressed(encoding, &zeros);
        assert!(bomb.len() < 64 * 1024);
        let server = TestServer::start(move |_| {
            ServerResponse::ok(bomb.clone()).header("Content-Encoding", header)
        });
        let settings = FetchSettings {
            max_bytes: 64 * 1024,
            ..quick()
        };
        let outcome = fetch(&settings, &Request::new(server.base_url()));
        assert_eq!(
            failure(&outcome),
            "the response is larger than 64 KB",
            "{encoding}"
        );
    }
}

#[test]
fn corrupt_deflate_body_fails_in_words() {
    let server = TestServer::start(|_| {
        ServerResponse::ok(vec![0xFFu8; 100]).header("Content-Encoding", "deflate")
    });
    let outcome = get(server.base_url());
    assert!(
        failure(&outcome).starts_with("the response is not valid deflate data"),
        "{outcome:?}"
    );
}

#[test]
fn cache_control_max_age_gives_freshness() {
    let server = TestServer::start(|request| {
        let cache_control = match request.path.as_str() {
            "/fresh" => "public, max-age=900",
            _ => "max-age=900, no-cache",
        };
        ServerResponse::ok(FEED).header("Cache-Control", cache_control)
    });
    for (path, expected) in [
        ("/fresh", Some(Duration::from_secs(900))),
        ("/no-cache", None),
    ] {
        let Outcome::Fetched { fresh_for, .. } = get(&server.url(path)) else {
            panic!("expected the feed");
        };
        assert_eq!(fresh_for, expected, "{path}");
    }
}

/// Runs `fetch_all` and returns the outcomes in request order.
fn fetch_all_in_order(settings: &FetchSettings, urls: &[String]) -> Vec<Outcome> {
    let outcomes = Mutex::new(vec![None; urls.len()]);
    let requests = urls.iter().map(Request::new).collect();
    fetch_all(settings, requests, |index, outcome| {
        outcomes.lock().unwrap()[index] = Some(outcome);
    });
    outcomes
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|o| o.expect("every request reported"))
        .collect()
}

fn slow_server(ip: &str) -> std::io::Result<TestServer> {
    TestServer::start_on(ip, |_| {
        ServerResponse::ok(FEED).stall(Duration::from_millis(150))
    })
}

#[test]
fn at_most_two_requests_at_once_to_one_host_while_other_hosts_proceed() {
    let busy = slow_server("127.0.0.1").expect("bind 127.0.0.1");
    let other = match slow_server("127.0.0.2") {
        Ok(server) => Some(server),
        Err(error) => {
            eprintln!("127.0.0.2 does not bind here ({error}); checking one host only");
            None
        }
    };
    let mut urls: Vec<String> = (0..10).map(|i| busy.url(&format!("/{i}"))).collect();
    if let Some(other) = &other {
        urls.extend((0..4).map(|i| other.url(&format!("/{i}"))));
    }
    let outcomes = fetch_all_in_order(&FetchSettings::default(), &urls);
    assert!(outcomes.iter().all(|o| body(o) == FEED.as_bytes()));
    assert_eq!(busy.requests().len(), 10);
    assert!(busy.most_at_once() <= 2, "{} at once", busy.most_at_once());
    if let Some(other) = other {
        assert_eq!(other.requests().len(), 4);
        assert_eq!(
            other.most_at_once(),
            2,
            "the second host runs its two at once"
        );
        let busy_last = busy.requests().iter().filter_map(|r| r.finished).max();
        let other_last = other.requests().iter().filter_map(|r| r.finished).max();
        assert!(
            other_last < busy_last,
            "the second host did not wait for the first"
        );
    }
}

#[test]
fn two_fetch_all_calls_together_still_respect_the_limit() {
    let server = slow_server("127.0.0.1").expect("bind 127.0.0.1");
    let urls: Vec<String> = (0..6).map(|i| server.url(&format!("/{i}"))).collect();
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                let outcomes = fetch_all_in_order(&FetchSettings::default(), &urls);
                assert!(outcomes.iter().all(|o| body(o) == FEED.as_bytes()));
            });
        }
    });
    assert_eq!(server.requests().len(), 12);
    assert!(
        server.most_at_once() <= 2,
        "{} at once",
        server.most_at_once()
    );
}

#[test]
fn files_are_read_by_address_and_by_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("my feed.xml");
    std::fs::write(&path, FEED).expect("write feed");
    let address = format!("file://{}", path.display().to_string().replace(' ', "%20"));
    let plain = path.display().to_string();
    for url in [address, plain] {
        let Outcome::Fetched {
            body, final_url, ..
        } = get(&url)
        else {
            panic!("expected the file {url}");
        };
        assert_eq!(body, FEED.as_bytes());
        assert_eq!(final_url, url);
    }
    let relative = Request::new("Cargo.toml");
    assert!(body(&fetch(&quick(), &relative)).starts_with(b"[package]"));
}

#[test]
fn a_file_with_the_stamp_it_had_is_not_read_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("feed.xml");
    std::fs::write(&path, FEED).expect("write feed");
    let url = path.display().to_string();
    let set_modified = |when: std::time::SystemTime| {
        std::fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|file| file.set_modified(when))
            .expect("touch the file");
    };
    // Written just now: it could be written again within the same tick of the file
    // system's clock, at the same size, so its stamp would not tell; none is kept.
    let Outcome::Fetched {
        file_stamp: None, ..
    } = get(&url)
    else {
        panic!("a file written just now is read, and no stamp is kept");
    };
    let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    set_modified(an_hour_ago);
    let Outcome::Fetched {
        file_stamp: Some(stamp),
        ..
    } = get(&url)
    else {
        panic!("a file read has a stamp");
    };
    assert_eq!(stamp.size, FEED.len() as u64);
    let known = Request {
        file_stamp: Some(stamp),
        ..Request::new(url.clone())
    };
    assert_eq!(
        fetch(&quick(), &known),
        Outcome::NotModified { fresh_for: None }
    );
    // Written again: another modification time, so it is read, though it is the same.
    set_modified(an_hour_ago + Duration::from_secs(60));
    let Outcome::Fetched {
        body,
        file_stamp: Some(new_stamp),
        ..
    } = fetch(&quick(), &known)
    else {
        panic!("a touched file is read");
    };
    assert_eq!(body, FEED.as_bytes());
    assert_ne!(new_stamp, stamp);
}

#[test]
fn file_over_the_limit_fails() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.xml");
    std::fs::write(&path, vec![b'x'; 2048]).expect("write");
    let settings = FetchSettings {
        max_bytes: 1024,
        ..quick()
    };
    let outcome = fetch(&settings, &Request::new(path.display().to_string()));
    assert_eq!(
        failure(&outcome),
        format!("{} is larger than 1 KB", path.display())
    );
}

#[test]
fn missing_file_fails_in_words() {
    let outcome = get("/nonexistent/tidings/feed.xml");
    assert_eq!(
        failure(&outcome),
        "cannot read /nonexistent/tidings/feed.xml: no such file or folder"
    );
    let folder = get("file:///tmp");
    assert_eq!(failure(&folder), "cannot read /tmp: it is a folder");
}

#[test]
fn unknown_scheme_fails() {
    let outcome = get("gopher://example.com/feed");
    assert_eq!(
        failure(&outcome),
        "not a web address or file: gopher://example.com/feed"
    );
}

#[test]
fn connection_refused_fails_after_one_retry() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("address").port()
    };
    let outcome = get(&format!("http://127.0.0.1:{port}/feed"));
    assert_eq!(failure(&outcome), "connection refused");
}

#[test]
fn unknown_host_fails_in_words() {
    let outcome = get("http://example.invalid/feed");
    assert_eq!(failure(&outcome), "cannot resolve host example.invalid");
}

#[test]
fn fetch_all_reports_every_kind_of_request() {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/ok" => ServerResponse::ok(FEED),
        _ => ServerResponse::new(404),
    });
    let urls = [
        server.url("/ok"),
        server.url("/gone"),
        "Cargo.toml".to_string(),
        "ftp://example.com/".to_string(),
    ];
    let outcomes = fetch_all_in_order(&quick(), &urls);
    assert_eq!(body(&outcomes[0]), FEED.as_bytes());
    assert_eq!(failure(&outcomes[1]), "HTTP 404 Not Found");
    assert!(body(&outcomes[2]).starts_with(b"[package]"));
    assert!(failure(&outcomes[3]).starts_with("not a web address or file"));
}
