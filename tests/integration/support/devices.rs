//! Devices for the sync tests: a config and data dir syncing with the Google Reader API test
//! server, an account on it, and what the CLI says of the articles and the queue.

use std::collections::BTreeMap;

use serde_json::Value;

use super::cli::Env;
use super::greader::{GReader, PASSWORD};

/// A device: its own config and data dir, syncing with `server`.
pub fn device(server: &GReader) -> Env {
    device_with(server, 5)
}

/// A device whose requests give up after `timeout` seconds.
pub fn device_with(server: &GReader, timeout: u16) -> Env {
    let env = Env::with_config(&format!(
        "[fetch]\ntimeout = {timeout}\n\n[sync]\nserver = \"greader\"\nurl = \"{}\"\n\
         username = \"alice\"\npassword_file = \"password\"\n",
        server.url()
    ));
    env.write("password", format!("{PASSWORD}\n"));
    env
}

/// Two feeds in two folders, five items: the second read, the fourth starred.
pub fn account(server: &GReader) -> Vec<i64> {
    let world = server.add_feed("World", "News");
    let lab = server.add_feed("Lab notes", "Science");
    let items = vec![
        server.add_item(world, "Harbour reopens"),
        server.add_item(world, "Ferry timetable"),
        server.add_item(world, "Bridge vote"),
        server.add_item(lab, "Comet seen"),
        server.add_item(lab, "Soil study"),
    ];
    server.set(items[1], Some(true), None);
    server.set(items[3], None, Some(true));
    items
}

/// `list --json` by title: (id, read, bookmarked, tags).
pub fn listed(env: &Env) -> BTreeMap<String, (String, bool, bool, Vec<String>)> {
    let json = env.json(&["list", "--json"]);
    json.as_array()
        .expect("an array")
        .iter()
        .map(|a| {
            let tags = a["tags"]
                .as_array()
                .expect("tags")
                .iter()
                .map(|t| t.as_str().expect("a tag").to_string())
                .collect();
            (
                a["title"].as_str().expect("a title").to_string(),
                (
                    a["id"].as_str().expect("an id").to_string(),
                    a["read"].as_bool().expect("read"),
                    a["bookmarked"].as_bool().expect("bookmarked"),
                    tags,
                ),
            )
        })
        .collect()
}

pub fn id_of(env: &Env, title: &str) -> String {
    listed(env)[title].0.clone()
}

pub fn sync(env: &Env) -> Value {
    env.json(&["sync", "--json"])
}

pub fn queued(env: &Env) -> u64 {
    env.json(&["sync", "--status", "--json"])["queued"]
        .as_u64()
        .expect("a count")
}
