//! The house is one-way: the words several layers share (focus, actions, keys, pane
//! geometry, the config) sit below the app and the drawing, the app never reaches into the
//! drawing, and no file or folder of the crate imports back into what imports it, at any
//! depth: not between the top-level modules, not between the files and folders of one
//! folder. Read from the source: `use` declarations and paths written inline
//! (`crate::a::b::f()`, `super::x`, a child module's `x::f()`), outside tests and comments.
//!
//! A folder is one node among its siblings (`source/feed/` beside `source/html/`), and its
//! `mod.rs` is the folder itself: a file that uses its own folder's `mod.rs` (or the
//! reverse) does not make a circle, as a folder holds its files.
#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot go on should fail loudly; Cargo.toml denies unwrap outside tests"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module of the crate as its path of names: `["store", "feeds"]` for `src/store/feeds.rs`,
/// `["store"]` for `src/store/mod.rs` and the folder it heads.
type Module = Vec<String>;

/// The modules of a crate, each with its file (relative to `src/`) and text.
type Sources = BTreeMap<Module, (PathBuf, String)>;

/// Where one module names another, for the message.
#[derive(Debug, Clone)]
struct Import {
    from: Module,
    to: Module,
    file: PathBuf,
    written: String,
}

/// Every module of `src/`, but for the crate roots and test files.
fn sources(src: &Path) -> Sources {
    let mut sources = BTreeMap::new();
    let mut folders = vec![src.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for path in std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
        {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "tests" {
                    folders.push(path);
                }
                continue;
            }
            let Some(stem) = name.strip_suffix(".rs") else {
                continue;
            };
            if stem.ends_with("tests") || (folder == src && (stem == "lib" || stem == "main")) {
                continue;
            }
            let relative = path.strip_prefix(src).unwrap().to_path_buf();
            let mut module: Module = relative
                .with_extension("")
                .iter()
                .map(|part| part.to_string_lossy().into_owned())
                .collect();
            if stem == "mod" {
                module.pop();
            }
            let text = std::fs::read_to_string(&path).unwrap();
            sources.insert(module, (relative, text));
        }
    }
    sources
}

/// The code of a file: comments, strings and character literals blanked, and every item
/// under `#[cfg(test)]` left out.
fn code(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    while at < chars.len() {
        let c = chars[at];
        let next = chars.get(at + 1).copied().unwrap_or(' ');
        if c == '/' && next == '/' {
            while at < chars.len() && chars[at] != '\n' {
                at += 1;
            }
        } else if c == '/' && next == '*' {
            let mut depth = 0;
            while at < chars.len() {
                if chars[at] == '/' && chars.get(at + 1) == Some(&'*') {
                    depth += 1;
                    at += 2;
                } else if chars[at] == '*' && chars.get(at + 1) == Some(&'/') {
                    depth -= 1;
                    at += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    at += 1;
                }
            }
            out.push(' ');
        } else if c == 'r'
            && (next == '"' || next == '#')
            && !at.checked_sub(1).is_some_and(|b| ident(chars[b]))
        {
            let hashes = chars[at + 1..].iter().take_while(|&&h| h == '#').count();
            if chars.get(at + 1 + hashes) != Some(&'"') {
                out.push(c);
                at += 1;
                continue;
            }
            at += hashes + 2;
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            while at < chars.len() && !chars[at..].starts_with(&close) {
                at += 1;
            }
            at += close.len();
            out.push_str("\"\"");
        } else if c == '"' {
            at += 1;
            while at < chars.len() && chars[at] != '"' {
                at += if chars[at] == '\\' { 2 } else { 1 };
            }
            at += 1;
            out.push_str("\"\"");
        } else if c == '\'' && (next == '\\' || chars.get(at + 2) == Some(&'\'')) {
            // A character (`'x'`, `'\''`, `'\u{a0}'`), not a lifetime: past its closing quote.
            at += if next == '\\' { 3 } else { 2 };
            while at < chars.len() && chars[at] != '\'' {
                at += 1;
            }
            at += 1;
            out.push_str("' '");
        } else {
            out.push(c);
            at += 1;
        }
    }
    without_tests(&out)
}

/// `code` without the items marked `#[cfg(test)]`: a `mod x;`, a `use …;` or anything with
/// a body in braces.
fn without_tests(code: &str) -> String {
    const MARK: &str = "#[cfg(test)]";
    let mut out = String::new();
    let mut rest = code;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at]);
        rest = &rest[at + MARK.len()..];
        let end = rest.find([';', '{']).unwrap_or(rest.len());
        if rest[end..].starts_with('{') {
            let mut depth = 0;
            for (i, c) in rest[end..].char_indices() {
                depth += match c {
                    '{' => 1,
                    '}' => -1,
                    _ => 0,
                };
                if depth == 0 {
                    rest = &rest[end + i + 1..];
                    break;
                }
            }
        } else {
            rest = &rest[(end + 1).min(rest.len())..];
        }
    }
    out.push_str(rest);
    out
}

/// The words and punctuation of code, as far as paths need: identifiers, `::`, braces,
/// commas and `*`; anything else is a break (`;`).
fn tokens(code: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '_' {
            let mut word = c.to_string();
            while let Some(&n) = chars.peek().filter(|n| n.is_alphanumeric() || **n == '_') {
                word.push(n);
                chars.next();
            }
            tokens.push(word);
        } else if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            tokens.push("::".into());
        } else if matches!(c, '{' | '}' | ',' | '*') {
            tokens.push(c.to_string());
        } else if !c.is_whitespace() {
            tokens.push(";".into());
        }
    }
    tokens
}

/// The paths written from `tokens[at]` on: `a::b::c`, and each branch of a use tree
/// `a::{b, c::{d as e, f}}`. Returns the paths and the index after them.
fn paths_at(tokens: &[String], mut at: usize) -> (Vec<Vec<String>>, usize) {
    let mut prefix = Vec::new();
    while let Some(word) = tokens.get(at).filter(|token| is_word(token)) {
        prefix.push(word.clone());
        at += 1;
        if tokens.get(at).map(String::as_str) != Some("::") {
            break;
        }
        at += 1;
        if tokens.get(at).map(String::as_str) == Some("{") {
            let mut paths = Vec::new();
            at += 1;
            while at < tokens.len() && tokens[at] != "}" {
                let (branch, after) = paths_at(tokens, at);
                paths.extend(
                    branch
                        .into_iter()
                        .map(|tail| [prefix.clone(), tail].concat()),
                );
                at = after.max(at + 1);
                // A comma, a `*`, or `as name`, before the next branch.
                while at < tokens.len()
                    && tokens[at] != "}"
                    && (!is_word(&tokens[at]) || tokens[at] == "as" || tokens[at - 1] == "as")
                {
                    at += 1;
                }
            }
            return (paths, at + 1);
        }
    }
    let paths = if prefix.is_empty() {
        Vec::new()
    } else {
        vec![prefix]
    };
    (paths, at)
}

fn is_word(token: &str) -> bool {
    token.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// The module a path written in `module` names, if it is one of the crate's: the longest
/// start of the path that is a module (a folder is one). A path that starts with a name
/// (`feeds::f()`) names a child module of `module`, or nothing of the crate.
fn resolve(module: &Module, path: &[String], modules: &BTreeSet<Module>) -> Option<Module> {
    let (mut target, mut rest) = match path[0].as_str() {
        "crate" => (Vec::new(), &path[1..]),
        "self" => (module.clone(), &path[1..]),
        "super" => (module[..module.len() - 1].to_vec(), &path[1..]),
        _ => (module.clone(), path),
    };
    while rest.first().is_some_and(|name| name == "super") {
        target.pop();
        rest = &rest[1..];
    }
    let mut found = (rest.len() < path.len() && modules.contains(&target)).then(|| target.clone());
    for name in rest {
        target.push(name.clone());
        if !modules.contains(&target) {
            break;
        }
        found = Some(target.clone());
    }
    found
}

/// Every place a module names another, outside tests.
fn imports(sources: &Sources) -> Vec<Import> {
    let mut modules = BTreeSet::new();
    for module in sources.keys() {
        for end in 1..=module.len() {
            modules.insert(module[..end].to_vec());
        }
    }
    let mut imports = Vec::new();
    for (module, (file, text)) in sources {
        let tokens = tokens(&code(text));
        let mut at = 0;
        while at < tokens.len() {
            if !is_word(&tokens[at]) || (at > 0 && tokens[at - 1] == "::") {
                at += 1;
                continue;
            }
            let (paths, after) = paths_at(&tokens, at);
            for path in paths {
                if let Some(to) = resolve(module, &path, &modules).filter(|to| to != module) {
                    imports.push(Import {
                        from: module.clone(),
                        to,
                        file: file.clone(),
                        written: path
                            .iter()
                            .filter(|name| *name != "self")
                            .cloned()
                            .collect::<Vec<_>>()
                            .join("::"),
                    });
                }
            }
            at = after.max(at + 1);
        }
    }
    imports
}

/// The modules of this crate.
fn this_crate() -> Sources {
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

/// The imports between the nodes of each folder (`[]` for `src/` itself): for an import
/// from `a` to `b`, the children of their deepest common folder that hold them. A module
/// naming its own folder, or a folder naming its own files, is left out.
fn folders(imports: &[Import]) -> BTreeMap<Module, BTreeMap<(String, String), Import>> {
    let mut folders: BTreeMap<Module, BTreeMap<(String, String), Import>> = BTreeMap::new();
    for import in imports {
        let common = import
            .from
            .iter()
            .zip(&import.to)
            .take_while(|(a, b)| a == b)
            .count();
        if common == import.from.len() || common == import.to.len() {
            continue;
        }
        let edge = (import.from[common].clone(), import.to[common].clone());
        folders
            .entry(import.from[..common].to_vec())
            .or_default()
            .entry(edge)
            .or_insert_with(|| import.clone());
    }
    folders
}

/// The circles among the nodes of one folder: each set of nodes that reach one another.
fn circles(edges: &BTreeMap<(String, String), Import>) -> Vec<BTreeSet<String>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (from, to) in edges.keys() {
        next.entry(from).or_default().push(to);
    }
    let reach = |from: &str| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut queue = vec![from];
        while let Some(node) = queue.pop() {
            for &to in next.get(node).into_iter().flatten() {
                if seen.insert(to.to_string()) {
                    queue.push(to);
                }
            }
        }
        seen
    };
    let mut circles: Vec<BTreeSet<String>> = Vec::new();
    for &node in next.keys() {
        if circles.iter().any(|circle| circle.contains(node)) {
            continue;
        }
        let circle: BTreeSet<String> = reach(node)
            .into_iter()
            .filter(|other| reach(other).contains(node))
            .collect();
        if !circle.is_empty() {
            circles.push(circle);
        }
    }
    circles
}

/// Every circle among files and folders, in words: its nodes as paths of `src/`
/// (`store/feeds.rs`, `source/feed/`), and each import between them with where it is written.
fn every_circle(sources: &Sources) -> Vec<String> {
    let folder_modules: BTreeSet<&[String]> = sources
        .keys()
        .flat_map(|module| (1..module.len()).map(|end| &module[..end]))
        .collect();
    let mut found = Vec::new();
    for (folder, edges) in folders(&imports(sources)) {
        let shown = |node: &str| {
            let mut module = folder.clone();
            module.push(node.to_string());
            let path = module.join("/");
            if folder_modules.contains(module.as_slice()) {
                format!("{path}/")
            } else {
                format!("{path}.rs")
            }
        };
        for circle in circles(&edges) {
            let names: Vec<String> = circle.iter().map(|node| shown(node)).collect();
            let mut lines = vec![format!("{} name one another:", names.join(", "))];
            for ((from, to), import) in &edges {
                if circle.contains(from) && circle.contains(to) {
                    lines.push(format!(
                        "    {} → {}: {} in {}",
                        shown(from),
                        shown(to),
                        import.written,
                        import.file.display()
                    ));
                }
            }
            found.push(lines.join("\n"));
        }
    }
    found
}

/// The top-level modules each top-level module names.
fn top_level(imports: &[Import]) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for import in imports {
        let entry = graph.entry(import.from[0].clone()).or_default();
        if import.to[0] != import.from[0] {
            entry.insert(import.to[0].clone());
        }
    }
    graph
}

#[test]
fn no_file_or_folder_imports_back_into_what_imports_it() {
    let sources = this_crate();
    let graph = top_level(&imports(&sources));
    assert!(graph.len() > 20, "the modules were found: {graph:?}");
    assert!(
        graph["sync"].contains("store"),
        "imports were read: {graph:?}"
    );
    let circles = every_circle(&sources);
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

/// The check itself, on a made-up crate: a circle of two files of a folder closed by an
/// inline path, and one of two folders; names in comments, strings and tests are no imports.
#[test]
fn circles_are_found_through_use_and_inline_paths_at_every_depth() {
    let crate_of = |files: &[(&str, &str)]| -> Sources {
        files
            .iter()
            .map(|(module, text)| {
                let module: Module = module.split('/').map(String::from).collect();
                let file = PathBuf::from(format!("{}.rs", module.join("/")));
                (module, (file, text.to_string()))
            })
            .collect()
    };
    let sources = crate_of(&[
        ("store", "mod feeds; mod rows; pub use feeds::State;"),
        ("store/feeds", "use super::{Store, rows::{self, Row}};"),
        ("store/rows", "fn f() { super::feeds::write(); }"),
        ("source", "pub mod feed; pub mod html;"),
        (
            "source/feed/atom",
            "fn f() -> crate::source::html::Body { todo!() }",
        ),
        ("source/html/flow", "use crate::source::feed::atom::Entry;"),
        (
            "model",
            "// crate::net::x\nconst A: &str = \"crate::net::y\";",
        ),
        (
            "model/tag",
            "#[cfg(test)]\nmod tests { use crate::net::z; }",
        ),
        ("net", "use crate::model::tag::Tag;"),
    ]);
    assert_eq!(
        every_circle(&sources),
        [
            "source/feed/, source/html/ name one another:\n    \
             source/feed/ → source/html/: crate::source::html::Body in source/feed/atom.rs\n    \
             source/html/ → source/feed/: crate::source::feed::atom::Entry in source/html/flow.rs",
            "store/feeds.rs, store/rows.rs name one another:\n    \
             store/feeds.rs → store/rows.rs: super::rows in store/feeds.rs\n    \
             store/rows.rs → store/feeds.rs: super::feeds::write in store/rows.rs",
        ]
    );
}

#[test]
fn the_app_never_reaches_into_the_drawing() {
    let graph = top_level(&imports(&this_crate()));
    assert!(graph["ui"].contains("app"), "ui reads App: {graph:?}");
    assert!(!graph["app"].contains("ui"), "{graph:?}");
}

#[test]
fn the_network_is_below_everything_that_fetches() {
    let graph = top_level(&imports(&this_crate()));
    for user in ["source", "picture", "sync", "refresh", "full_text"] {
        assert!(
            graph[user].contains("net"),
            "{user} fetches through net: {graph:?}"
        );
    }
    let below: Vec<&String> = graph["net"].iter().collect();
    assert_eq!(below, ["sanitize"], "net imports only the sanitizer");
}
