//! Every way a sync can fail, through the binary against the Google Reader API test server:
//! the queue intact after a failed sync and after SIGKILL during the push, a rejected token
//! tried once more, a wrong password, a server down, slow, broken or not a Google Reader API
//! at all; one `error:` line each, and reading goes on from the store.

use std::time::Duration;

use crate::support::cli::Env;
use crate::support::devices::{account, device, device_with, id_of, listed, queued, sync};
use crate::support::greader::{GReader, Knobs, Mode, PASSWORD};

const MODES: [Mode; 2] = [Mode::FreshRss, Mode::Miniflux];

/// A change to how the test server behaves.
type KnobChange = fn(&mut Knobs);

#[test]
fn the_queue_survives_a_failed_sync_and_goes_with_the_next() {
    for status in [500, 503] {
        let server = GReader::start(Mode::FreshRss);
        let items = account(&server);
        let env = device(&server);
        sync(&env);
        env.ok(&["bookmark", "add", &id_of(&env, "Harbour reopens")]);
        server.knobs(|k| k.fail_with = Some(status));
        let error = env.error(&["sync"]);
        assert!(error.contains(&format!("HTTP {status}")), "{error}");
        assert!(
            error.contains("1 change waits for the next sync"),
            "{error}"
        );
        assert_eq!(queued(&env), 1);
        let status_text = env.ok(&["sync", "--status"]);
        assert!(
            status_text.contains("queued changes: 1 (offline)"),
            "{status_text}"
        );
        server.knobs(|k| k.fail_with = None);
        sync(&env);
        assert!(server.item(items[0]).starred);
        assert_eq!(queued(&env), 0);
    }
}

#[test]
fn the_queue_survives_a_sigkill_while_the_change_is_on_its_way() {
    let server = GReader::start(Mode::FreshRss);
    let items = account(&server);
    let env = device_with(&server, 60);
    sync(&env);
    env.ok(&["bookmark", "add", &id_of(&env, "Bridge vote")]);
    server.knobs(|k| k.stall = Some(("edit-tag".into(), Duration::from_secs(30))));
    let mut child = env.command(&["sync"]).spawn().expect("start tidings sync");
    // Killed once the server holds the edit it has not answered.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while server.calls_to("edit-tag").is_empty() {
        assert!(std::time::Instant::now() < deadline, "the edit never came");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    assert_eq!(queued(&env), 1);
    server.knobs(|k| k.stall = None);
    sync(&env);
    assert!(server.item(items[2]).starred);
    assert_eq!(queued(&env), 0);
}

#[test]
fn a_rejected_token_is_fetched_again_once() {
    for mode in MODES {
        let server = GReader::start(mode);
        account(&server);
        let env = device(&server);
        server.knobs(|k| k.reject_tokens = 1);
        sync(&env);
        assert_eq!(server.logins(), 2, "{mode:?}");
        assert_eq!(listed(&env).len(), 5);
        // Rejected again after the new login: one clear error, no loop.
        server.forget_calls();
        server.knobs(|k| k.reject_tokens = 100);
        let error = env.error(&["sync"]);
        assert!(
            error.contains("refused the login of alice twice"),
            "{error}"
        );
        assert_eq!(server.logins(), 2);
    }
}

#[test]
fn a_login_rejected_as_the_action_token_is_asked_for_is_made_again_once() {
    for mode in MODES {
        let server = GReader::start(mode);
        let items = account(&server);
        let env = device(&server);
        sync(&env);
        env.ok(&["mark-read", &id_of(&env, "Harbour reopens")]);
        // The first request sends the queue, so asks for the action token first.
        server.knobs(|k| k.reject_tokens = 1);
        let summary = sync(&env);
        assert_eq!(summary["pushed"], 1, "{mode:?}: {summary}");
        assert!(server.item(items[0]).read, "{mode:?}");
        assert_eq!(queued(&env), 0);
    }
}

#[test]
fn a_wrong_password_is_one_clear_error_that_never_shows_it() {
    let server = GReader::start(Mode::FreshRss);
    account(&server);
    let env = device(&server);
    env.write("password", "hunter2-wrong\n");
    let run = env.run(&["sync"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("refused the login of alice"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("hunter2") && !run.stdout.contains("hunter2"));
    // From the environment, too, and from a command.
    let by_env = env
        .command(&["sync", "--json"])
        .env("TIDINGS_SYNC_PASSWORD", PASSWORD)
        .output()
        .expect("run");
    assert!(
        by_env.status.success(),
        "{}",
        String::from_utf8_lossy(&by_env.stderr)
    );
    let commanded = device_with(&server, 5);
    let config = std::fs::read_to_string(commanded.config()).expect("the config");
    std::fs::write(
        commanded.config(),
        config.replace(
            "password_file = \"password\"",
            &format!("password_command = \"echo {PASSWORD}\""),
        ),
    )
    .expect("write the config");
    sync(&commanded);
}

#[test]
fn a_server_down_slow_or_broken_leaves_everything_working_from_the_store() {
    let server = GReader::start(Mode::FreshRss);
    account(&server);
    let env = device_with(&server, 1);
    sync(&env);
    // Broken JSON: one error line; the articles stay.
    server.knobs(|k| k.malformed = true);
    let error = env.error(&["sync"]);
    assert!(
        error.contains("not what a Google Reader API server sends"),
        "{error}"
    );
    assert_eq!(listed(&env).len(), 5);
    server.knobs(|k| k.malformed = false);
    // Slow past the timeout, failing, gone: the change waits, reading goes on.
    env.ok(&["bookmark", "add", &id_of(&env, "Soil study")]);
    let cases: [(&str, KnobChange); 2] = [
        ("did not answer within 1 s", |k| {
            k.stall = Some((String::new(), Duration::from_secs(3)));
        }),
        ("HTTP 500", |k| {
            k.stall = None;
            k.fail_with = Some(500);
        }),
    ];
    for (expected, knob) in cases {
        server.knobs(knob);
        let error = env.error(&["sync"]);
        assert!(error.contains(expected), "{expected}: {error}");
        assert_eq!(queued(&env), 1);
        assert_eq!(listed(&env).len(), 5);
    }
    drop(server);
    let error = env.error(&["sync"]);
    assert!(error.contains("cannot connect"), "{error}");
    assert!(
        env.ok(&["sync", "--status"])
            .contains("queued changes: 1 (offline)")
    );
    assert!(listed(&env)["Soil study"].2);
}

#[test]
fn an_address_that_is_not_a_google_reader_server_says_so() {
    let server = GReader::start(Mode::FreshRss);
    let env = Env::with_config(&format!(
        "[sync]\nserver = \"greader\"\nurl = \"{}/not-the-api\"\nusername = \"alice\"\n",
        server.url()
    ));
    let run = env
        .command(&["sync"])
        .env("TIDINGS_SYNC_PASSWORD", PASSWORD)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr.contains("Google Reader API address"), "{stderr}");
    // TLS spoken to a server that does not: one line that says so.
    let https = server.url().replace("http://", "https://");
    let config = std::fs::read_to_string(env.config()).expect("the config");
    std::fs::write(
        env.config(),
        config.replace(&format!("{}/not-the-api", server.url()), &https),
    )
    .expect("write the config");
    let run = env
        .command(&["sync"])
        .env("TIDINGS_SYNC_PASSWORD", PASSWORD)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.starts_with("error: cannot sync: TLS error with 127.0.0.1"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);
    let unset = Env::new();
    assert!(unset.error(&["sync"]).contains("sync is not set up"));
}
