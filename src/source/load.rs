//! Finds and reads the articles of a run: the bundled samples, article files and folders of
//! them. A file that cannot be used gives one message naming it; the rest load.

use std::fs;
use std::path::{Path, PathBuf};

use super::feed::{self, FeedSource};
use super::{Origin, Parsed, markdown, text};
use crate::isolate::{Part, isolated, unreadable_feed};
use crate::model::Article;
use crate::net::io_words;

include!(concat!(env!("OUT_DIR"), "/samples.rs"));

/// The source name of the bundled samples.
pub const SAMPLES_SOURCE: &str = "Tidings Samples";

/// Folders deeper than this below a given folder are not read.
const MAX_DEPTH: usize = 8;

/// Articles read for a run and what went wrong on the way, one message per file.
#[derive(Debug, Default)]
pub struct Loaded {
    pub articles: Vec<Article>,
    /// Articles of feed files, with each feed's address (`file:` and its path).
    pub feeds: Vec<(String, Vec<Article>)>,
    pub problems: Vec<String>,
}

/// The bundled sample articles.
pub fn samples() -> Vec<Article> {
    SAMPLES
        .iter()
        .map(|(name, text)| {
            let identity = format!("sample:{name}");
            let origin = Origin {
                identity: &identity,
                file_stem: stem(Path::new(name)),
                default_source: SAMPLES_SOURCE,
            };
            parse(name, text, &origin).article
        })
        .collect()
}

/// Reads every article file and folder named. A path that does not exist or cannot be read
/// is a problem; so is a file that is not text. Warnings of the parsers (an unknown date)
/// are problems too, so the reader hears of them, but the article still loads.
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let mut loaded = Loaded::default();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => load_folder(path, 0, &mut loaded),
            Ok(_) => load_file(path, &mut loaded),
            Err(e) => loaded
                .problems
                .push(format!("{}: {}", path.display(), io_words(&e))),
        }
    }
    loaded
}

fn load_folder(folder: &Path, depth: usize, loaded: &mut Loaded) {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) => {
            loaded
                .problems
                .push(format!("{}: {}", folder.display(), io_words(&e)));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            if depth < MAX_DEPTH {
                load_folder(&path, depth + 1, loaded);
            }
        } else if is_article_file(&path) || is_json_feed(&path) {
            load_file(&path, loaded);
        }
    }
}

/// Files in folders are read when they look like articles; a file named on its own is read
/// whatever its name.
fn is_article_file(path: &Path) -> bool {
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    matches!(
        extension.as_deref(),
        Some("txt" | "text" | "md" | "markdown" | "xml" | "rss" | "atom" | "rdf")
    )
}

/// A `.json` file in a folder is read only when it is a JSON Feed.
fn is_json_feed(path: &Path) -> bool {
    let json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    json && fs::read(path).is_ok_and(|bytes| feed::sniff(&bytes) == Some(feed::Format::Json))
}

/// Whether a file holds a feed: by its name, else by what it is.
fn is_feed(path: &Path, bytes: &[u8]) -> bool {
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    matches!(extension.as_deref(), Some("xml" | "rss" | "atom" | "rdf"))
        || feed::sniff(bytes).is_some()
}

fn load_file(path: &Path, loaded: &mut Loaded) {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            loaded
                .problems
                .push(format!("{}: {}", path.display(), io_words(&e)));
            return;
        }
    };
    let absolute = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if is_feed(path, &bytes) {
        let url = format!("file://{}", absolute.display());
        let source = FeedSource::new(&url);
        match isolated(Part::Feed, &url, || feed::parse(&bytes, source)) {
            Ok(Ok(parsed)) => loaded.feeds.push((url, parsed.articles)),
            Ok(Err(e)) => loaded.problems.push(format!("{}: {e}", path.display())),
            Err(panicked) => loaded.problems.push(format!(
                "{}: {}",
                path.display(),
                unreadable_feed(&panicked)
            )),
        }
        return;
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        loaded.problems.push(format!(
            "{}: not a text file (it holds binary data)",
            path.display()
        ));
        return;
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            loaded.problems.push(format!(
                "{}: not valid UTF-8 at byte {}; unreadable characters are shown as �",
                path.display(),
                e.utf8_error().valid_up_to()
            ));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let identity = format!("file:{}", absolute.display());
    let parent = absolute
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Articles".to_string());
    let origin = Origin {
        identity: &identity,
        file_stem: stem(path),
        default_source: &parent,
    };
    let parsed = parse(&path.to_string_lossy(), &text, &origin);
    for warning in parsed.warnings {
        loaded
            .problems
            .push(format!("{}: {warning}", path.display()));
    }
    loaded.articles.push(parsed.article);
}

fn parse(name: &str, text: &str, origin: &Origin) -> Parsed {
    let lower = name.to_lowercase();
    if lower.ends_with(".md") || lower.ends_with(".markdown") {
        markdown::parse(text, origin)
    } else {
        text::parse(text, origin)
    }
}

fn stem(path: &Path) -> &str {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or("")
}

#[cfg(test)]
#[path = "load_tests.rs"]
mod tests;
