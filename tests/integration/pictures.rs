//! Pictures fetched by the picture workers from a real HTTP server on 127.0.0.1: good PNG and
//! JPEG, a 404, one too slow, a bomb, wrong content types, one too large; kept on disk and not
//! fetched twice; every failure a one-line note.

use std::collections::{HashMap, HashSet};
use std::sync::mpsc;
use std::time::Duration;

use crate::support::http_server::{ServerResponse, TestServer};
use crate::support::pictures;
use tidings::model::room::Room;
use tidings::net::FetchSettings;
use tidings::picture::Colours;
use tidings::picture::worker::{Job, PictureReport, PictureWorker, Settings};

const ROOM: Room = Room { cols: 40, rows: 10 };

fn server() -> TestServer {
    TestServer::start(|request| {
        let png = |body: Vec<u8>| ServerResponse::ok(body).header("Content-Type", "image/png");
        match request.path.as_str() {
            "/good.png" => png(pictures::png(64, 32)),
            "/good.jpg" => {
                ServerResponse::ok(pictures::jpeg(64, 32)).header("Content-Type", "image/jpeg")
            }
            "/slow.png" | "/slow2.png" => png(pictures::png(8, 8)).stall(Duration::from_secs(3)),
            "/bomb.png" => png(pictures::bomb()),
            "/page.png" => png(b"<!DOCTYPE html><title>Sign in</title>".to_vec()),
            "/mislabelled" => {
                ServerResponse::ok(pictures::png(16, 16)).header("Content-Type", "text/html")
            }
            "/logo.svg" => ServerResponse::ok(&b"<svg xmlns='http://www.w3.org/2000/svg'/>"[..])
                .header("Content-Type", "image/svg+xml"),
            "/huge.png" => png(vec![0; 6 * 1024 * 1024]),
            _ => ServerResponse::new(404),
        }
    })
}

fn settings(cache: Option<&std::path::Path>) -> Settings {
    Settings {
        fetch: FetchSettings {
            connect_timeout: Duration::from_secs(1),
            timeout: Duration::from_secs(1),
            retry_backoff: Duration::from_millis(50),
            max_bytes: 5 * 1024 * 1024,
            ..FetchSettings::default()
        },
        cache: cache.map(|dir| (dir.to_path_buf(), 100 * 1024 * 1024)),
        colours: Colours::True,
        keep: Box::new(HashSet::new),
    }
}

/// Asks for `paths` and waits for a report on each.
fn fetch_all(
    worker: &PictureWorker,
    reports: &mpsc::Receiver<PictureReport>,
    server: &TestServer,
    paths: &[&str],
) -> HashMap<String, Result<(u16, u16), String>> {
    let jobs: Vec<Job> = paths
        .iter()
        .map(|path| Job {
            url: server.url(path),
            room: ROOM,
        })
        .collect();
    worker.want(jobs);
    let mut results = HashMap::new();
    while results.len() < paths.len() {
        let report = reports
            .recv_timeout(Duration::from_secs(30))
            .expect("a report for every picture");
        let path = report
            .job
            .url
            .trim_start_matches(server.base_url())
            .to_string();
        let result = report
            .result
            .map(|drawn| (drawn.cells.cols, drawn.cells.rows));
        results.insert(path, result);
    }
    results
}

fn start(settings: Settings) -> (PictureWorker, mpsc::Receiver<PictureReport>) {
    let (sender, reports) = mpsc::channel();
    let worker = PictureWorker::spawn(settings, move |report| sender.send(report).is_ok());
    (worker, reports)
}

#[test]
fn good_pictures_are_drawn_and_bad_ones_are_one_line_notes() {
    let server = server();
    let (worker, reports) = start(settings(None));
    let paths = [
        "/good.png",
        "/good.jpg",
        "/missing.png",
        "/slow.png",
        "/bomb.png",
        "/page.png",
        "/mislabelled",
        "/logo.svg",
        "/huge.png",
    ];
    let results = fetch_all(&worker, &reports, &server, &paths);
    // 64×32 pixels in 40×10 cells: 40 wide, 20 pixels tall, 10 rows.
    assert_eq!(results["/good.png"], Ok((40, 10)));
    assert_eq!(results["/good.jpg"], Ok((40, 10)));
    // The format comes from the bytes, not from what the server says.
    assert_eq!(results["/mislabelled"], Ok((16, 8)));
    let note = |path: &str| results[path].clone().expect_err(path);
    assert_eq!(note("/missing.png"), "HTTP 404 Not Found");
    assert_eq!(note("/slow.png"), "timed out after 1 s");
    assert_eq!(
        note("/bomb.png"),
        "it is 30000×30000 pixels, more than the 48 megapixels tidings decodes"
    );
    assert_eq!(
        note("/page.png"),
        "the address gave a web page, not a picture"
    );
    assert_eq!(note("/logo.svg"), "SVG pictures are not shown");
    assert_eq!(note("/huge.png"), "the response is larger than 5 MB");
    for path in paths {
        if let Err(note) = &results[path] {
            assert!(!note.contains('\n'), "{path}: {note:?} is one line");
        }
    }
    // Politely: with tidings' User-Agent.
    for recorded in server.requests() {
        let agent = recorded.request.header("user-agent").unwrap_or_default();
        assert!(agent.starts_with("tidings/"), "{agent:?}");
    }
}

#[test]
fn pictures_are_kept_on_disk_and_not_fetched_twice() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("pictures");
    let (worker, reports) = start(settings(Some(&cache)));
    let first = fetch_all(&worker, &reports, &server, &["/good.png", "/bomb.png"]);
    assert!(first["/good.png"].is_ok());
    // Kept: the good picture; not kept: the one that could not be shown.
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 1);
    let asked = server.requests().len();
    drop(worker);
    // Another run, another room: from the disk, without asking the server.
    let (worker, reports) = start(settings(Some(&cache)));
    worker.want(vec![Job {
        url: server.url("/good.png"),
        room: Room { cols: 8, rows: 8 },
    }]);
    let report = reports.recv_timeout(Duration::from_secs(30)).unwrap();
    let drawn = report.result.unwrap();
    assert_eq!((drawn.cells.cols, drawn.cells.rows), (8, 2));
    assert_eq!(server.requests().len(), asked);
}

#[test]
fn a_bookmarks_pictures_are_fetched_into_the_cache_without_being_drawn() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("pictures");
    let (worker, reports) = start(settings(Some(&cache)));
    worker.keep(vec![server.url("/good.jpg"), server.url("/missing.png")]);
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let files = || std::fs::read_dir(&cache).map_or(0, Iterator::count);
    while server.requests().len() < 2 || files() < 1 {
        assert!(
            std::time::Instant::now() < deadline,
            "both were asked for, one kept"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // The report of a kept picture is not sent: only drawn pictures are reported.
    worker.want(vec![Job {
        url: server.url("/good.jpg"),
        room: ROOM,
    }]);
    let report = reports.recv_timeout(Duration::from_secs(30)).unwrap();
    assert!(report.result.is_ok());
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 1);
    let jpeg_requests = server
        .requests()
        .iter()
        .filter(|r| r.request.path == "/good.jpg")
        .count();
    assert_eq!(jpeg_requests, 1, "drawn from the copy kept on disk");
}

#[test]
fn a_slow_host_does_not_hold_up_a_picture_kept_on_disk() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let (worker, reports) = start(settings(Some(dir.path())));
    let kept = fetch_all(&worker, &reports, &server, &["/good.png"]);
    assert_eq!(kept["/good.png"], Ok((40, 10)));
    // Two pictures from a host that never answers in time, asked first, take every thread
    // that fetches until their timeouts; the picture on disk is drawn meanwhile.
    let job = |path: &str| Job {
        url: server.url(path),
        room: ROOM,
    };
    worker.want(vec![job("/slow.png"), job("/slow2.png"), job("/good.png")]);
    let first = reports
        .recv_timeout(Duration::from_secs(30))
        .expect("a report");
    assert_eq!(first.job.url, server.url("/good.png"), "{:?}", first.result);
    assert!(first.result.is_ok(), "{:?}", first.result);
}

#[test]
fn a_timeout_is_a_failure_that_may_pass_and_a_404_or_a_bomb_is_not() {
    let server = server();
    let (worker, reports) = start(settings(None));
    let paths = ["/slow.png", "/missing.png", "/bomb.png"];
    worker.want(
        paths
            .iter()
            .map(|path| Job {
                url: server.url(path),
                room: ROOM,
            })
            .collect(),
    );
    let mut passing = HashMap::new();
    while passing.len() < paths.len() {
        let report = reports
            .recv_timeout(Duration::from_secs(30))
            .expect("a report for every picture");
        assert!(report.result.is_err(), "{:?}", report.job);
        let path = report
            .job
            .url
            .trim_start_matches(server.base_url())
            .to_string();
        passing.insert(path, report.passing);
    }
    assert!(passing["/slow.png"], "a timeout may pass");
    assert!(!passing["/missing.png"], "a 404 does not");
    assert!(!passing["/bomb.png"], "nor a picture too large");
}
