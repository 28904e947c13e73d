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
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn samples_meet_the_promise_of_the_issue() {
        let samples = samples();
        assert!(samples.len() >= 12, "{} samples", samples.len());
        let ids: HashSet<_> = samples.iter().map(|a| a.id.clone()).collect();
        assert_eq!(ids.len(), samples.len(), "sample ids are unique");
        let library = crate::model::library::Library::new(samples.clone());
        let shared = library
            .tags()
            .iter()
            .filter(|t| t.members.total >= 2)
            .count();
        assert!(shared >= 8, "{shared} tags shared by two or more samples");
        let has =
            |f: &dyn Fn(char) -> bool| samples.iter().any(|a| a.body.plain_text().chars().any(f));
        assert!(
            has(&|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
            "a sample with CJK text"
        );
        assert!(
            has(&|c| ('\u{1F300}'..='\u{1FAFF}').contains(&c)),
            "a sample with emoji"
        );
        assert!(
            samples.iter().any(|a| a.body.word_count() >= 3000),
            "a long sample"
        );
        for article in &samples {
            let headings = article
                .body
                .blocks
                .iter()
                .filter(|b| matches!(b, crate::model::Block::Heading(_)))
                .count();
            assert!(headings >= 2, "{} has {headings} headings", article.title);
            assert!(!article.tags.is_empty(), "{} has tags", article.title);
        }
    }

    #[test]
    fn folders_load_articles_and_report_bad_files() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("world");
        fs::create_dir(&nested).unwrap();
        fs::write(dir.path().join("a.txt"), "First\n\nBody.\n").unwrap();
        fs::write(nested.join("b.md"), "# Second\n\nBody.\n").unwrap();
        fs::write(dir.path().join("binary.txt"), b"\x00\x01\x02").unwrap();
        fs::write(dir.path().join("latin1.txt"), b"Caf\xe9\n\nBody.\n").unwrap();
        fs::write(dir.path().join("notes.json"), "{}").unwrap();
        fs::write(
            dir.path().join("sats.json"),
            include_str!("../../tests/fixtures/feeds/jsonfeed.json"),
        )
        .unwrap();
        fs::write(
            dir.path().join("feed.rss"),
            include_str!("../../tests/fixtures/feeds/rss2.xml"),
        )
        .unwrap();
        fs::write(dir.path().join(".hidden.txt"), "Hidden").unwrap();
        let missing = dir.path().join("missing.txt");
        let loaded = load_paths(&[dir.path().to_path_buf(), missing]);
        let mut titles: Vec<&str> = loaded.articles.iter().map(|a| a.title.as_str()).collect();
        titles.sort();
        assert_eq!(titles, ["Caf�", "First", "Second"]);
        assert_eq!(
            loaded.feeds.len(),
            2,
            "feed files are read as feeds, other JSON is not"
        );
        assert!(
            loaded.feeds[0].0.starts_with("file:///") && loaded.feeds[0].0.ends_with("feed.rss")
        );
        assert_eq!(loaded.feeds[0].1.len(), 3);
        assert_eq!(loaded.feeds[1].1[0].title, "A cubesat phones home");
        assert_eq!(loaded.problems.len(), 3, "{:?}", loaded.problems);
        assert!(loaded.problems[0].ends_with("binary.txt: not a text file (it holds binary data)"));
        assert!(loaded.problems[1].contains("latin1.txt: not valid UTF-8 at byte 3"));
        assert!(loaded.problems[2].ends_with("missing.txt: no such file or folder"));
        let second = loaded
            .articles
            .iter()
            .find(|a| a.title == "Second")
            .unwrap();
        assert_eq!(second.source, "world", "the folder names the source");
    }

    #[test]
    fn the_same_file_keeps_its_id() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        fs::write(&file, "Title\n\nBody.\n").unwrap();
        let first = load_paths(std::slice::from_ref(&file)).articles[0]
            .id
            .clone();
        let again = load_paths(&[dir.path().join(".").join("a.txt")]).articles[0]
            .id
            .clone();
        assert_eq!(first, again);
    }
}
