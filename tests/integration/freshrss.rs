//! Sync against a real FreshRSS, opt in: `TIDINGS_TEST_FRESHRSS=DIR cargo test --test
//! integration freshrss -- --ignored`, with DIR a checkout of github.com/FreshRSS/FreshRSS
//! and PHP 8.2 with its sqlite3, curl, xml, mbstring, intl, gmp and zip modules (see README,
//! "Sync").
//! The test installs FreshRSS in a temporary data folder (`DATA_PATH`; the checkout is left
//! as it is), serves it with PHP's built-in server and a feed from a test server on
//! 127.0.0.1, and plays two devices: read on one, sync both, the other agrees; the server
//! stopped, read and bookmark, start it again, sync, nothing lost.

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::cli::Env;
use crate::support::http_server::{ServerResponse, TestServer};

const API_PASSWORD: &str = "apipass123";

/// FreshRSS on PHP's built-in server, stopped when dropped.
struct FreshRss {
    checkout: PathBuf,
    data: PathBuf,
    port: u16,
    php: Option<Child>,
}

impl FreshRss {
    fn install(checkout: &Path, data: &Path) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        std::fs::create_dir_all(data).expect("the data folder");
        let cli = |args: &[&str]| {
            let status = Command::new("php")
                .args(args)
                .current_dir(checkout)
                .env("DATA_PATH", data)
                .stdout(Stdio::null())
                .status()
                .expect("run php (is php8.2-cli installed?)");
            assert!(status.success(), "php {args:?} failed");
        };
        cli(&["cli/prepare.php"]);
        let base = format!("http://127.0.0.1:{port}/");
        cli(&[
            "cli/do-install.php",
            "--default-user",
            "alice",
            "--base-url",
            &base,
            "--api-enabled",
            "--db-type",
            "sqlite",
        ]);
        // No default feeds: an empty OPML in place of `--no-default-feeds`.
        std::fs::write(
            data.join("opml.xml"),
            "<opml version=\"2.0\"><head/><body/></opml>",
        )
        .expect("write opml.xml");
        cli(&[
            "cli/create-user.php",
            "--user",
            "alice",
            "--password",
            "alicepass1",
            "--api-password",
            API_PASSWORD,
        ]);
        cli(&[
            "cli/update-user.php",
            "--user",
            "alice",
            "--feed-ttl-default",
            "1",
        ]);
        let mut server = Self {
            checkout: checkout.to_path_buf(),
            data: data.to_path_buf(),
            port,
            php: None,
        };
        server.start();
        server
    }

    fn api(&self) -> String {
        format!("http://127.0.0.1:{}/api/greader.php", self.port)
    }

    fn start(&mut self) {
        let child = Command::new("php")
            .args(["-S", &format!("127.0.0.1:{}", self.port), "-t", "p"])
            .current_dir(&self.checkout)
            .env("DATA_PATH", &self.data)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start php -S");
        self.php = Some(child);
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "FreshRSS did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn stop(&mut self) {
        if let Some(mut php) = self.php.take() {
            let _ = php.kill();
            let _ = php.wait();
        }
    }
}

impl Drop for FreshRss {
    fn drop(&mut self) {
        self.stop();
    }
}

fn device(api: &str) -> Env {
    let env = Env::with_config(&format!(
        "[sync]\nserver = \"greader\"\nurl = \"{api}\"\nusername = \"alice\"\n\
         password_file = \"password\"\nevery = 0\n"
    ));
    env.write("password", format!("{API_PASSWORD}\n"));
    env
}

/// Title → (id, read, bookmarked).
fn listed(env: &Env) -> BTreeMap<String, (String, bool, bool)> {
    env.json(&["list", "--json"])
        .as_array()
        .expect("an array")
        .iter()
        .map(|a| {
            (
                a["title"].as_str().expect("a title").to_string(),
                (
                    a["id"].as_str().expect("an id").to_string(),
                    a["read"].as_bool().expect("read"),
                    a["bookmarked"].as_bool().expect("bookmarked"),
                ),
            )
        })
        .collect()
}

fn feed() -> String {
    let items: String = (0..6)
        .map(|n| {
            format!(
                "<item><title>Story {n}</title><link>https://news.example/{n}</link>\
                 <guid>story-{n}</guid><pubDate>Mon, 0{} Nov 2026 10:00:00 +0000</pubDate>\
                 <description>&lt;p&gt;Text of story {n}.&lt;/p&gt;</description></item>",
                n + 1
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Harbour News</title>\
         <link>https://news.example/</link>{items}</channel></rss>"
    )
}

#[test]
#[ignore = "needs PHP and a FreshRSS checkout: TIDINGS_TEST_FRESHRSS=DIR, run with --ignored"]
fn two_devices_agree_through_a_real_freshrss_and_lose_nothing_offline() {
    let checkout = std::env::var_os("TIDINGS_TEST_FRESHRSS")
        .map(PathBuf::from)
        .expect("set TIDINGS_TEST_FRESHRSS to a FreshRSS checkout");
    let body = feed();
    let feeds = TestServer::start(move |_| {
        ServerResponse::ok(body.clone()).header("Content-Type", "application/rss+xml")
    });
    let data = tempfile::tempdir().expect("a temporary folder");
    let mut freshrss = FreshRss::install(&checkout, &data.path().join("data"));
    let (one, two) = (device(&freshrss.api()), device(&freshrss.api()));

    let added = one.ok(&["feeds", "add", &feeds.url("/harbour.xml")]);
    assert!(added.contains("on 127.0.0.1"), "{added}");
    one.ok(&["sync"]);
    two.ok(&["sync"]);
    let first = listed(&one);
    assert_eq!(first.len(), 6, "{first:?}");
    assert_eq!(listed(&two), first, "the same articles under the same ids");

    // Read and bookmark on one; sync both; two agrees.
    let id = |title: &str| first[title].0.clone();
    one.ok(&["mark-read", &id("Story 5"), &id("Story 4")]);
    one.ok(&["bookmark", "add", &id("Story 3")]);
    one.ok(&["sync"]);
    two.ok(&["sync"]);
    assert_eq!(listed(&two), listed(&one));
    assert!(listed(&two)["Story 3"].2);

    // The server stopped: changes wait, and go with the next sync.
    freshrss.stop();
    one.ok(&["mark-unread", &id("Story 5")]);
    one.ok(&["mark-read", &id("Story 0")]);
    one.ok(&["bookmark", "remove", &id("Story 3")]);
    one.ok(&["bookmark", "add", &id("Story 1")]);
    let error = one.error(&["sync"]);
    assert!(error.contains("4 changes wait"), "{error}");
    freshrss.start();
    one.ok(&["sync"]);
    two.ok(&["sync"]);
    let agreed = listed(&two);
    assert_eq!(agreed, listed(&one));
    assert!(!agreed["Story 5"].1 && agreed["Story 0"].1 && agreed["Story 1"].2);
    assert!(!agreed["Story 3"].2);
    // The star removed on one keeps its copy on two.
    let unstarred = two.json(&["bookmarks", "--unstarred", "--json"]);
    assert_eq!(unstarred[0]["title"], "Story 3");

    // Mark-all-read of the feed on two: FreshRSS takes it with the newest time seen.
    two.ok(&["mark-read", "--all", "--feed", "Harbour News"]);
    two.ok(&["sync"]);
    one.ok(&["sync"]);
    assert!(listed(&one).values().all(|(_, read, _)| *read));
    assert_eq!(
        one.json(&["sync", "--status", "--json"])["queued"],
        serde_json::json!(0)
    );
}
