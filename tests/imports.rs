//! The house is one-way: the words several layers share (focus, actions, keys, pane
//! geometry, the config) sit below the app and the drawing, the app never reaches into the
//! drawing, and no module of the crate imports back up into what imports it. Read from the
//! source.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The top-level modules of the crate: `src/name.rs` and `src/name/`, but for the roots.
fn modules(src: &Path) -> BTreeSet<String> {
    std::fs::read_dir(src)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter_map(|path| {
            let name = path.file_name()?.to_string_lossy().into_owned();
            let name = if path.is_dir() {
                name
            } else {
                name.strip_suffix(".rs")?.to_string()
            };
            (name != "main" && name != "lib").then_some(name)
        })
        .collect()
}

/// The `.rs` files of a module, its folder's at any depth.
fn files_of(src: &Path, module: &str) -> Vec<std::path::PathBuf> {
    let mut files = vec![src.join(format!("{module}.rs"))];
    files.retain(|file| file.exists());
    let mut folders = vec![src.join(module)];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for path in entries.map(|entry| entry.unwrap().path()) {
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}

/// The top-level modules each module names as `crate::…` outside its tests.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = modules(&src);
    let mut graph = BTreeMap::new();
    for module in &modules {
        let mut named = BTreeSet::new();
        for file in files_of(&src, module) {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with("tests.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap();
            let text = text.split("#[cfg(test)]").next().unwrap_or_default();
            for (at, _) in text.match_indices("crate::") {
                let rest = &text[at + "crate::".len()..];
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                let target = &rest[..end];
                if target != module && modules.contains(target) {
                    named.insert(target.to_string());
                }
            }
        }
        graph.insert(module.clone(), named);
    }
    graph
}

/// A path of imports from `from` back to `from`, if there is one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    let mut stack = vec![vec![from.to_string()]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        let last = path.last().unwrap();
        for next in &graph[last] {
            let mut longer = path.clone();
            longer.push(next.clone());
            if next == from {
                return Some(longer);
            }
            if seen.insert(next.clone()) {
                stack.push(longer);
            }
        }
    }
    None
}

#[test]
fn no_module_imports_back_into_what_imports_it() {
    let graph = imports();
    assert!(graph.len() > 20, "the modules were found: {graph:?}");
    assert!(
        graph["sync"].contains("store"),
        "imports were read: {graph:?}"
    );
    for module in graph.keys() {
        if let Some(path) = circle(&graph, module) {
            panic!("an import circle: {}", path.join(" → "));
        }
    }
}

#[test]
fn the_app_never_reaches_into_the_drawing() {
    let graph = imports();
    assert!(graph["ui"].contains("app"), "ui reads App: {graph:?}");
    assert!(!graph["app"].contains("ui"), "{graph:?}");
}

#[test]
fn the_network_is_below_everything_that_fetches() {
    let graph = imports();
    for user in ["source", "picture", "sync", "refresh", "full_text"] {
        assert!(
            graph[user].contains("net"),
            "{user} fetches through net: {graph:?}"
        );
    }
    let below: Vec<&String> = graph["net"].iter().collect();
    assert_eq!(below, ["sanitize"], "net imports only the sanitizer");
}
