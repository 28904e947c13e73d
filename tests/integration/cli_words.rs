//! What the commands say, and when (issue 18, points 11 and 13): an unknown `--tag` is an
//! error like an unknown `--feed`, with the tag that may have been meant; usage lines show
//! what is required and nothing else (the global options set by their environment variables
//! included); `bookmarks` with none says so to a person at a terminal and nothing to a pipe;
//! and messages name a file once, a feed's address once, and count in words that agree.

use std::process::Command;

use crate::support::cli::Env;
use serde_json::json;

/// Two article files in `news/`, read through the config (`articles = ["news"]`), so that
/// every command sees them.
fn with_articles() -> Env {
    let env = Env::with_config("articles = [\"news\"]\n");
    env.write(
        "news/ferry.txt",
        "Title: Ferry strike ends\nTags: Transport, Cities\n\nThe ferries run again.\n",
    );
    env.write(
        "news/typos.txt",
        "Title: A column of typos\nTags: Typos\n\nTeh end.\n",
    );
    env
}

fn unread(env: &Env) -> String {
    env.ok(&["unread"])
}

// ---------------------------------------------------------------------------------------
// An unknown --tag
// ---------------------------------------------------------------------------------------

#[test]
fn list_with_an_unknown_tag_is_an_error_naming_the_tag_meant() {
    let env = with_articles();
    assert_eq!(
        env.error(&["list", "--tag", "Typo"]),
        "error: no tag \"Typo\" (did you mean \"Typos\"?)"
    );
    assert_eq!(
        env.error(&["list", "--json", "--tag", "transprt"]),
        "error: no tag \"transprt\" (did you mean \"Transport\"?)"
    );
    assert_eq!(
        env.error(&["list", "--tag", "Weather"]),
        "error: no tag \"Weather\" (see tidings tags)"
    );
    // Known tags, in any case, still list.
    assert_eq!(env.ok(&["list", "--tag", "typos"]).lines().count(), 1);
}

#[test]
fn mark_read_all_with_an_unknown_tag_is_an_error_and_marks_nothing() {
    let env = with_articles();
    assert_eq!(unread(&env), "2 unread\n");
    assert_eq!(
        env.error(&["mark-read", "--all", "--tag", "Typo"]),
        "error: no tag \"Typo\" (did you mean \"Typos\"?)"
    );
    assert_eq!(
        env.error(&["mark-read", "--all", "--tag", "Cities", "--tag", "Nowhere"]),
        "error: no tag \"Nowhere\" (see tidings tags)"
    );
    assert_eq!(unread(&env), "2 unread\n", "nothing was marked");
    assert_eq!(
        env.ok(&["mark-read", "--all", "--tag", "cities"]),
        "marked 1 article read\n"
    );
}

#[test]
fn an_unknown_feed_names_the_feed_meant_too() {
    let env = with_articles();
    assert_eq!(
        env.error(&["list", "--feed", "Local articels"]),
        "error: no feed has the address or name \"Local articels\" (did you mean \"Local \
         articles\"?)"
    );
    assert_eq!(
        env.error(&["mark-read", "--all", "--feed", "Daily Nonsense"]),
        "error: no feed has the address or name \"Daily Nonsense\" (see tidings feeds list)"
    );
}

// ---------------------------------------------------------------------------------------
// Usage lines
// ---------------------------------------------------------------------------------------

/// The `Usage:` line of a usage error (exit 2).
fn usage(env: &Env, args: &[&str]) -> String {
    let run = env.run(args);
    assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
    assert_eq!(run.stdout, "");
    run.stderr
        .lines()
        .find(|line| line.starts_with("Usage: "))
        .unwrap_or_else(|| panic!("{args:?}: a usage line in {}", run.stderr))
        .to_string()
}

#[test]
fn usage_lines_show_only_what_is_required() {
    // The environment gives --config and --data-dir, as it does in every test.
    let env = Env::new();
    assert_eq!(
        usage(&env, &["mark-read"]),
        "Usage: tidings mark-read <IDS>... | --all [--feed <FEED>]... [--tag <TAG>]... [--all-tags] [--query <QUERY>]"
    );
    for (args, expected) in [
        (&["mark-unread"][..], "Usage: tidings mark-unread <IDS>..."),
        (&["show"], "Usage: tidings show <ID> [SOURCE]..."),
        (
            &["bookmark", "add"],
            "Usage: tidings bookmark add <ID> [SOURCE]...",
        ),
        (&["feeds", "add"], "Usage: tidings feeds add <URL>"),
        (&["feeds", "remove"], "Usage: tidings feeds remove <FEED>"),
        (&["import-opml"], "Usage: tidings import-opml <FILE>"),
        (&["read"], "Usage: tidings read <PAGE>"),
        // A command of commands says it needs one (an error line, not its whole help).
        (&["feeds"], "Usage: tidings feeds [OPTIONS] <COMMAND>"),
        (&["bookmark"], "Usage: tidings bookmark [OPTIONS] <COMMAND>"),
    ] {
        assert_eq!(usage(&env, args), expected, "{args:?}");
    }
    // The same without the environment, and with the options given before the command.
    let config = env.config();
    let data = env.data_dir();
    let run = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["--config", config.to_str().expect("UTF-8")])
        .args(["--data-dir", data.to_str().expect("UTF-8"), "show"])
        .env_remove("TIDINGS_CONFIG")
        .env_remove("TIDINGS_DATA_DIR")
        .output()
        .expect("run tidings");
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8(run.stderr).expect("UTF-8");
    assert!(
        stderr.contains("\nUsage: tidings show <ID> [SOURCE]...\n"),
        "{stderr}"
    );
}

#[test]
fn mark_read_takes_ids_or_all_not_both_nor_neither() {
    let env = with_articles();
    let ids: Vec<String> = env
        .json(&["list", "--json"])
        .as_array()
        .expect("an array")
        .iter()
        .map(|a| a["id"].as_str().expect("an id").to_string())
        .collect();
    for args in [
        &["mark-read"][..],
        &["mark-read", &ids[0], "--all"],
        &["mark-read", "--tag", "Cities"],
    ] {
        assert!(usage(&env, args).starts_with("Usage: tidings mark-read <IDS>... | --all"));
    }
    assert_eq!(env.ok(&["mark-read", &ids[0]]), "marked 1 article read\n");
}

#[test]
fn the_environment_still_names_the_config_and_the_data_folder() {
    let env = with_articles();
    // Env passes only TIDINGS_CONFIG and TIDINGS_DATA_DIR: the articles come from that config.
    assert_eq!(unread(&env), "2 unread\n");
    env.ok(&["feeds", "add", "--no-check", "https://plain.example/rss"]);
    assert!(env.database().exists(), "the store is in TIDINGS_DATA_DIR");
    // An empty variable is none: the platform's folders, here under HOME.
    let run = env
        .command(&["check-config"])
        .env("TIDINGS_CONFIG", "")
        .output()
        .expect("run tidings");
    let stdout = String::from_utf8(run.stdout).expect("UTF-8");
    assert!(
        stdout.ends_with("tidings/config.toml: no such file, so the defaults are in force\n"),
        "{stdout}"
    );
}

// ---------------------------------------------------------------------------------------
// bookmarks with none
// ---------------------------------------------------------------------------------------

#[test]
fn bookmarks_with_none_print_nothing_to_a_pipe_and_an_empty_array_as_json() {
    let env = Env::new();
    assert_eq!(env.ok(&["bookmarks"]), "");
    assert_eq!(env.json(&["bookmarks", "--json"]), json!([]));
    assert_eq!(env.ok(&["bookmarks", "--unstarred"]), "");
    assert_eq!(env.json(&["bookmarks", "--unstarred", "--json"]), json!([]));
}

/// Runs tidings with stdout (and stderr) on a pseudo-terminal, through util-linux's
/// `script`; everything it wrote there.
fn on_a_terminal(env: &Env, args: &str) -> String {
    let line = format!("exec '{}' {args}", env!("CARGO_BIN_EXE_tidings"));
    let output = env
        .command(&[])
        .get_envs()
        .fold(Command::new("script"), |mut command, (key, value)| {
            match value {
                Some(value) => command.env(key, value),
                None => command.env_remove(key),
            };
            command
        })
        .args(["-q", "-e", "-c", &line, "/dev/null"])
        .current_dir(env.root())
        .output()
        .expect("this test needs `script` from util-linux (Debian: bsdutils)");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn bookmarks_with_none_say_so_at_a_terminal() {
    let env = Env::new();
    assert_eq!(
        on_a_terminal(&env, "bookmarks").trim_end(),
        "no bookmarks yet: b in the reader, or tidings bookmark add ID"
    );
    // With one, the list, and no such words.
    let id = env.json(&["list", "--json"]).as_array().expect("an array")[0]["id"]
        .as_str()
        .expect("an id")
        .to_string();
    env.ok(&["bookmark", "add", &id]);
    let listed = on_a_terminal(&env, "bookmarks");
    assert!(listed.starts_with(&id), "{listed}");
    assert!(!listed.contains("no bookmarks"), "{listed}");
}

// ---------------------------------------------------------------------------------------
// Messages of issue 18, point 13
// ---------------------------------------------------------------------------------------

#[test]
fn reading_a_missing_file_names_it_once() {
    let env = Env::new();
    let missing = env.root().join("nonexistent.html");
    let missing = missing.to_str().expect("UTF-8");
    let expected = format!("error: cannot read {missing}: no such file or folder");
    assert_eq!(env.error(&["read", missing]), expected);
    assert_eq!(env.error(&["read", &format!("file://{missing}")]), expected);
    // A feed file given by address as a SOURCE, the same.
    let feed = env.root().join("nonexistent.xml");
    let feed = feed.to_str().expect("UTF-8");
    assert_eq!(
        env.error(&["list", &format!("file://{feed}")]),
        format!("error: cannot read {feed}: no such file or folder")
    );
}

#[test]
fn feeds_list_writes_the_address_of_a_feed_never_fetched_once() {
    let env = Env::new();
    env.ok(&["feeds", "add", "--no-check", "https://plain.example/rss"]);
    env.ok(&[
        "feeds",
        "add",
        "--no-check",
        "https://named.example/rss",
        "--name",
        "Named",
    ]);
    assert_eq!(
        env.ok(&["feeds", "list"]),
        "https://plain.example/rss  [added]  never refreshed · 0 unread of 0 articles\n\
         Named  https://named.example/rss  [added]  never refreshed · 0 unread of 0 articles\n"
    );
}

#[test]
fn feeds_remove_of_a_name_not_subscribed_names_the_feed_meant() {
    let env = Env::new();
    env.ok(&[
        "feeds",
        "add",
        "--no-check",
        "https://gazette.example/rss",
        "--name",
        "Harbour Gazette",
    ]);
    assert_eq!(
        env.error(&["feeds", "remove", "Harbour Gazete"]),
        "error: no subscribed feed has the address or name \"Harbour Gazete\" (did you mean \
         \"Harbour Gazette\"?)"
    );
    assert_eq!(
        env.error(&["feeds", "remove", "Ledger"]),
        "error: no subscribed feed has the address or name \"Ledger\" (see tidings feeds list)"
    );
}
