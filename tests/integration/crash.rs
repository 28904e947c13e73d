//! Saved data against crashes and a second instance: the real binary in tmux, killed with
//! SIGKILL at seeded pseudo-random points during a stream of bookmark toggles, and two readers
//! and a CLI loop working on one data dir at once.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::tmux::{Tmux, list_markers, status_line};

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
const ROUNDS: usize = 10;

/// Each round starts the reader on the samples and sends a seeded stream of moves and
/// bookmark toggles in bursts, each article toggled at most once in a round; then it stops
/// the process at that point (SIGSTOP, so the screen it last drew can be read) and kills it
/// with SIGKILL. Each toggled article the screen shows in its new state (★ for a bookmark
/// added, no ★ for one removed) must be so on disk: the screen shows a change only once the
/// store has it on disk, and nothing in the round changes it back. (The screen may lag
/// behind, showing the old state of a change already saved; that is not checked.) Articles not
/// toggled are unchanged, and the database passes `PRAGMA integrity_check`.
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
        let before = bookmarked_on_disk(&tmux);
        tmux.wait_until(
            "the stars of what is on disk, the first row selected",
            |screen| {
                screen.contains(ARTICLES)
                    && stars_on_screen(screen, &titles) == (before.clone(), BTreeSet::new())
                    && list_markers(screen, &start_of(&titles[0]))
                        .is_some_and(|m| m.starts_with('▌'))
            },
        );

        // Bursts of moves, each ending on an article not yet toggled in this round, and toggles.
        let mut row = 0usize;
        let mut toggled = BTreeSet::new();
        let mut sent = Vec::new();
        let bursts = 1 + rng.below(5);
        for burst_number in 1..=bursts {
            let mut burst = Vec::new();
            for _ in 0..1 + rng.below(4) {
                let untoggled: Vec<usize> =
                    (0..titles.len()).filter(|r| !toggled.contains(r)).collect();
                if untoggled.is_empty() {
                    break;
                }
                let target = untoggled[rng.below(untoggled.len() as u64) as usize];
                while row < target {
                    burst.push("j");
                    row += 1;
                }
                while row > target {
                    burst.push("k");
                    row -= 1;
                }
                burst.push("b");
                toggled.insert(target);
            }
            if burst.is_empty() {
                break;
            }
            tmux.keys(&burst);
            sent.extend(burst);
            // Pauses between bursts, and a longer one (or none) before the stop, so that the
            // stop falls before, while and after the toggles are saved.
            let pause = if burst_number < bursts {
                rng.below(40)
            } else {
                rng.below(300)
            };
            std::thread::sleep(Duration::from_millis(pause));
        }

        let pid = tmux.tidings_pid();
        signal(&pid, "-STOP");
        let screen = settled_screen(&tmux);
        signal(&pid, "-KILL");
        assert_eq!(tmux.wait_exit(), 128 + 9, "killed by signal 9");

        let (saved, pending) = stars_on_screen(&screen, &titles);
        let after = bookmarked_on_disk(&tmux);
        let context = format!(
            "seed {SEED:#x}, round {round}, keys {sent:?}\nbefore: {before:?}\n\
             shown saved: {saved:?}\npending: {pending:?}\non disk: {after:?}\n\
             the last screen:\n{screen}\nstatus: {}",
            status_line(&screen)
        );
        let mut shown_changed = 0;
        for (r, title) in titles.iter().enumerate() {
            let was = before.contains(title);
            let is = after.contains(title);
            if !toggled.contains(&r) {
                assert_eq!(was, is, "{title:?} was not toggled; {context}");
            } else if !pending.contains(title) && saved.contains(title) != was {
                shown_changed += 1;
                assert_eq!(
                    is,
                    !was,
                    "{title:?} was shown {} but that is not on disk; {context}",
                    if was { "removed" } else { "saved" }
                );
            }
        }
        eprintln!(
            "round {round}: {} keys, {} toggles, {} shown changed, {} pending, {} on disk",
            sent.len(),
            toggled.len(),
            shown_changed,
            pending.len(),
            after.len()
        );
        assert_eq!(integrity_check(&database), "ok", "{context}");
    }
}

/// Two readers on one data dir, each bookmarking different articles and marking one read,
/// while a CLI loop adds bookmarks of others: everything is saved, nothing is refused as locked.
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
    // Each reader opens the article it is on (4 and 5), which marks it read.
    for (tmux, row) in [(&first, 4), (&second, 5)] {
        tmux.keys(&["Enter"]);
        tmux.wait_until("the opened article read", |screen| {
            list_markers(screen, &start_of(&articles[row].1)).is_some_and(|m| !m.contains('●'))
        });
    }
    for tmux in [&first, &second] {
        let status = status_line(&tmux.screen()).to_string();
        assert!(!status.contains("could not"), "{status}");
        tmux.quit();
    }

    let saved = bookmarked_on_disk(&first);
    let all: BTreeSet<String> = articles.iter().map(|(_, t)| t.clone()).collect();
    assert_eq!(saved, all, "every bookmark of all three is on disk");
    let unread = first.cli_titles(&["--unread"]);
    assert_eq!(unread.len(), articles.len() - 2, "{unread:?}");
    assert!(!unread.contains(&articles[4].1) && !unread.contains(&articles[5].1));
    assert_eq!(integrity_check(&data_dir.join("tidings.db")), "ok");
}
