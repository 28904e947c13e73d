//! Saved data against crashes and a second instance: the real binary in tmux, killed with
//! SIGKILL at seeded pseudo-random points during a stream of bookmark toggles, and two readers
//! and a CLI loop working on one data dir at once.

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use support::tmux::{Tmux, list_markers, status_line};

const ARTICLES: &str = "╭ Articles ";

/// The first characters of a title, as the list shows them before truncating.
fn start_of(title: &str) -> String {
    title.chars().take(24).collect()
}

/// (id, title) of every article `tidings list --json` prints, in list order.
fn listed(tmux: &Tmux) -> Vec<(String, String)> {
    let json: serde_json::Value =
        serde_json::from_str(&tmux.cli(&["list", "--json"])).expect("list --json is JSON");
    json.as_array()
        .expect("an array")
        .iter()
        .map(|a| {
            (
                a["id"].as_str().expect("an id").to_string(),
                a["title"].as_str().expect("a title").to_string(),
            )
        })
        .collect()
}

/// The titles of the saved bookmarks, as the CLI reads them from disk.
fn bookmarked_on_disk(tmux: &Tmux) -> BTreeSet<String> {
    let json: serde_json::Value = serde_json::from_str(&tmux.cli(&["bookmarks", "--json"]))
        .expect("bookmarks --json is JSON");
    json.as_array()
        .expect("an array")
        .iter()
        .map(|a| a["title"].as_str().expect("a title").to_string())
        .collect()
}

/// The titles whose list row shows ★ (saved, as the store confirmed), and those that show …
/// (a change on its way to the store).
fn stars_on_screen(screen: &str, titles: &[String]) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut saved = BTreeSet::new();
    let mut pending = BTreeSet::new();
    for title in titles {
        match list_markers(screen, &start_of(title)) {
            Some(markers) if markers.contains('★') => saved.insert(title.clone()),
            Some(markers) if markers.contains('…') => pending.insert(title.clone()),
            _ => false,
        };
    }
    (saved, pending)
}

fn integrity_check(database: &Path) -> String {
    let conn = rusqlite::Connection::open(database).expect("open the database");
    conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .expect("run the integrity check")
}

fn signal(pid: &str, signal: &str) {
    let status = Command::new("kill")
        .args([signal, pid])
        .status()
        .expect("run kill");
    assert!(status.success(), "kill {signal} {pid}");
}

/// The screen once tmux has drawn everything the (stopped) program wrote: two captures a
/// moment apart agree.
fn settled_screen(tmux: &Tmux) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut last = tmux.screen();
    loop {
        std::thread::sleep(Duration::from_millis(150));
        let now = tmux.screen();
        if now == last || Instant::now() > deadline {
            return now;
        }
        last = now;
    }
}

/// A small deterministic pseudo-random generator (xorshift64*), so every run makes the same
/// choices and a failure can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

const SEED: u64 = 0x7164_696e_6773_0005;
const ROUNDS: usize = 8;

/// Each round starts the reader on the samples, sends a seeded stream of moves and bookmark
/// toggles in bursts, stops the process at a seeded point (SIGSTOP, so the screen it last drew
/// can be read), then kills it with SIGKILL. Every article the screen showed with ★ must be in
/// the database, the database must pass `PRAGMA integrity_check`, and the next start shows
/// exactly what is on disk.
#[test]
fn bookmarks_shown_as_saved_survive_sigkill_at_random_points() {
    let mut tmux = Tmux::new("");
    tmux.start(&[], &[]);
    let titles: Vec<String> = listed(&tmux).into_iter().map(|(_, t)| t).collect();
    let database: PathBuf = tmux.data_dir().join("tidings.db");
    let mut rng = Rng(SEED);

    for round in 0..ROUNDS {
        if round > 0 {
            tmux.restart(&[]);
        }
        let on_disk = bookmarked_on_disk(&tmux);
        tmux.wait_until("the stars of what is on disk", |screen| {
            screen.contains(ARTICLES)
                && stars_on_screen(screen, &titles) == (on_disk.clone(), BTreeSet::new())
        });

        // A stream of keys in bursts: mostly toggles and moves, so toggles pile up.
        let bursts = 1 + rng.below(6);
        let mut sent = Vec::new();
        for burst_number in 1..=bursts {
            let burst: Vec<&str> = (0..1 + rng.below(8))
                .map(|_| match rng.below(5) {
                    0 | 1 => "b",
                    2 | 3 => "j",
                    _ => "k",
                })
                .collect();
            tmux.keys(&burst);
            sent.extend(burst);
            // No pause after the last burst: the process is stopped while it works.
            let pause = rng.below(40);
            if pause > 0 && burst_number < bursts {
                std::thread::sleep(Duration::from_millis(pause));
            }
        }

        let pid = tmux.tidings_pid();
        signal(&pid, "-STOP");
        let screen = settled_screen(&tmux);
        signal(&pid, "-KILL");
        assert_eq!(tmux.wait_exit(), 128 + 9, "killed by signal 9");

        let (saved, pending) = stars_on_screen(&screen, &titles);
        let on_disk = bookmarked_on_disk(&tmux);
        let context = format!(
            "seed {SEED:#x}, round {round}, keys {sent:?}\nshown saved: {saved:?}\n\
             pending: {pending:?}\non disk: {on_disk:?}\nthe last screen:\n{screen}\n\
             status: {}",
            status_line(&screen)
        );
        eprintln!(
            "round {round}: {} keys, {} shown saved, {} pending, {} on disk",
            sent.len(),
            saved.len(),
            pending.len(),
            on_disk.len()
        );
        let lost: Vec<&String> = saved.difference(&on_disk).collect();
        assert!(
            lost.is_empty(),
            "shown as saved but lost: {lost:?}; {context}"
        );
        assert_eq!(integrity_check(&database), "ok", "{context}");
    }
}

/// Two readers on one data dir, each bookmarking different articles while a CLI loop adds
/// bookmarks of others: everything is saved, nothing is refused as locked.
#[test]
fn two_readers_and_a_cli_loop_on_one_data_dir_lose_nothing() {
    let mut first = Tmux::new("");
    first.start(&[], &[]);
    let data_dir = first.data_dir();
    let data_dir_arg = data_dir.to_str().expect("a UTF-8 path").to_string();
    let mut second = Tmux::new("");
    second.start(&["--data-dir", &data_dir_arg], &[]);

    let articles = listed(&first);
    assert!(articles.len() >= 12, "the samples");
    first.wait_for(ARTICLES);
    second.wait_for(ARTICLES);

    // The CLI bookmarks articles 6 and on, one process after another, while the readers work.
    let cli_ids: Vec<String> = articles[6..].iter().map(|(id, _)| id.clone()).collect();
    let config = first.config();
    let home = first.root().to_path_buf();
    let loop_dir = data_dir.clone();
    let cli = std::thread::spawn(move || {
        for id in cli_ids {
            let output = Command::new(env!("CARGO_BIN_EXE_tidings"))
                .args(["bookmark", "add", &id])
                .env("TIDINGS_CONFIG", &config)
                .env("TIDINGS_DATA_DIR", &loop_dir)
                .env("HOME", &home)
                .output()
                .expect("run tidings");
            assert!(
                output.status.success(),
                "bookmark add {id}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    });

    // The first reader bookmarks articles 0, 2 and 4; the second 1, 3 and 5.
    first.keys(&["b"]);
    second.keys(&["j", "b"]);
    first.keys(&["j", "j", "b"]);
    second.keys(&["j", "j", "b"]);
    first.keys(&["j", "j", "b"]);
    second.keys(&["j", "j", "b"]);
    for (tmux, rows) in [(&first, [0, 2, 4]), (&second, [1, 3, 5])] {
        tmux.wait_until("three stars", |screen| {
            rows.iter().all(|&row| {
                list_markers(screen, &start_of(&articles[row].1)).is_some_and(|m| m.contains('★'))
            })
        });
    }
    cli.join().expect("the CLI loop");
    for tmux in [&first, &second] {
        let status = status_line(&tmux.screen()).to_string();
        assert!(!status.contains("could not"), "{status}");
        tmux.quit();
    }

    let saved = bookmarked_on_disk(&first);
    let all: BTreeSet<String> = articles.iter().map(|(_, t)| t.clone()).collect();
    assert_eq!(saved, all, "every bookmark of all three is on disk");
    assert_eq!(integrity_check(&data_dir.join("tidings.db")), "ok");
}
