//! The house is one-way: the words several layers share (focus, actions, keys, pane
//! geometry, the config) sit below the app and the drawing, the app never reaches into the
//! drawing, and none of them imports back up into what imports it. Read from the source.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The modules of the reader's flow from keys to screen, whose imports must not go round.
const FLOW: &[&str] = &[
    "action", "app", "config", "effect", "event", "focus", "help", "keymap", "layout", "theme",
    "ui",
];

/// The top-level modules each module of `FLOW` names as `crate::…` outside its tests.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = BTreeMap::new();
    for module in FLOW {
        let mut named = BTreeSet::new();
        // `src/name.rs`, or the files of `src/name/`.
        let mut files = vec![src.join(format!("{module}.rs"))];
        files.retain(|file| file.exists());
        if let Ok(folder) = std::fs::read_dir(src.join(module)) {
            files.extend(folder.map(|entry| entry.unwrap().path()));
        }
        for file in files {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            if !name.ends_with(".rs") || name.ends_with("tests.rs") {
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
                if target != *module && FLOW.contains(&target) {
                    named.insert(target.to_string());
                }
            }
        }
        graph.insert((*module).to_string(), named);
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
fn no_module_of_the_flow_imports_back_into_what_imports_it() {
    let graph = imports();
    for module in FLOW {
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
