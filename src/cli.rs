//! The command line of DESIGN.md: the reader and the `list`, `show`, `tags`, `bookmarks` and
//! `bookmark` commands, all reading the same sources and the same store.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use chrono::{Local, Offset, Utc};
use clap::{Args, Parser, Subcommand};
use serde::Serialize;

use crate::app::{App, Settings};
use crate::config::Config;
use crate::keymap::Keymap;
use crate::model::filter::{Filter, TagMode};
use crate::model::library::{Entry, Library};
use crate::model::wrap::wrap_article;
use crate::model::{Article, ArticleId, TagKey};
use crate::source::load::{self, Loaded};
use crate::store::Store;
use crate::ui::theme::Theme;

#[derive(Debug, Parser)]
#[command(name = "tidings", version, about = "A terminal news reader")]
pub struct Cli {
    /// Config file [default: the platform's config folder/tidings/config.toml]
    #[arg(
        long,
        global = true,
        env = "TIDINGS_CONFIG",
        hide_env_values = true,
        value_name = "FILE"
    )]
    pub config: Option<PathBuf>,
    /// Folder of the bookmark and read-state database [default: the platform's data folder/tidings]
    #[arg(
        long,
        global = true,
        env = "TIDINGS_DATA_DIR",
        hide_env_values = true,
        value_name = "DIR"
    )]
    pub data_dir: Option<PathBuf>,
    #[command(flatten)]
    pub sources: Sources,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct Sources {
    /// Article files or folders of them; when given, only they are read in this run
    #[arg(value_name = "SOURCE")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List articles, newest first
    List {
        /// Only articles with this tag (repeat for several: any of them, or all with --all-tags)
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// With several --tag: only articles that have all of them
        #[arg(long)]
        all_tags: bool,
        /// Only bookmarked articles
        #[arg(long)]
        bookmarked: bool,
        /// Only articles not yet opened
        #[arg(long)]
        unread: bool,
        /// Only articles whose title or text holds every word of TEXT
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Print one JSON array
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        sources: Sources,
    },
    /// Print one article as plain text, wrapped
    Show {
        /// Article id, or a unique prefix of at least 4 characters
        id: String,
        /// Wrap at this many columns [default: the terminal's width up to 100, else 80]
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(10..))]
        width: Option<u16>,
        #[command(flatten)]
        sources: Sources,
    },
    /// Tags with their article counts, most used first
    Tags {
        /// Print one JSON array of {tag, count}
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        sources: Sources,
    },
    /// Saved bookmarks, newest first
    Bookmarks {
        /// Print one JSON array, each article with its saved_at time
        #[arg(long)]
        json: bool,
    },
    /// Add or remove a bookmark
    Bookmark {
        #[command(subcommand)]
        change: BookmarkChange,
    },
}

#[derive(Debug, Subcommand)]
pub enum BookmarkChange {
    /// Bookmark an article (keeps a full copy of it)
    Add {
        /// Article id, or a unique prefix of at least 4 characters
        id: String,
        #[command(flatten)]
        sources: Sources,
    },
    /// Remove a bookmark
    Remove {
        /// Article id, or a unique prefix of at least 4 characters
        id: String,
        #[command(flatten)]
        sources: Sources,
    },
}

/// The config and data folder of one run.
pub struct Context {
    pub config: Config,
    pub data_dir: PathBuf,
}

impl Context {
    pub fn new(cli: &Cli) -> anyhow::Result<Self> {
        let config = Config::load(cli.config.as_deref())?;
        let data_dir = match &cli.data_dir {
            Some(dir) => dir.clone(),
            None => dirs::data_dir().map(|dir| dir.join("tidings")).context(
                "this system has no data folder: give --data-dir or set TIDINGS_DATA_DIR",
            )?,
        };
        Ok(Self { config, data_dir })
    }

    /// The articles of this run: the SOURCEs given, else the configured articles, with the
    /// samples while none are configured or when `samples = true`. A SOURCE that does not
    /// exist is an error; a bad file within one is a problem to report.
    pub fn load(&self, sources: &Sources) -> anyhow::Result<Loaded> {
        if !sources.paths.is_empty() {
            for path in &sources.paths {
                let text = path.to_string_lossy();
                if text.contains("://") {
                    bail!(
                        "{text}: feed URLs are not supported by this version of tidings; give article files or folders"
                    );
                }
                if !path.exists() {
                    let looks_like_a_command =
                        path.components().count() == 1 && path.extension().is_none();
                    let hint = if looks_like_a_command {
                        " (the commands are list, show, tags, bookmarks and bookmark; see tidings --help)"
                    } else {
                        ""
                    };
                    bail!("{}: no such file or folder{hint}", path.display());
                }
            }
            return Ok(load::load_paths(&sources.paths));
        }
        let mut loaded = load::load_paths(&self.config.articles);
        if self.config.articles.is_empty() || self.config.samples {
            loaded.articles.extend(load::samples());
        }
        Ok(loaded)
    }

    pub fn open_store(&self) -> anyhow::Result<Store> {
        Ok(Store::open(&self.data_dir)?)
    }
}

/// Builds the library of this run and marks what the store knows: bookmarks (adding saved
/// copies whose source is not loaded) and read articles. Problems reading the store are
/// returned to report, never fatal.
pub fn library(articles: Vec<Article>, store: Option<&Store>) -> (Library, Vec<String>) {
    let mut library = Library::new(articles);
    let mut problems = Vec::new();
    let Some(store) = store else {
        return (library, problems);
    };
    match store.bookmarks() {
        Ok(bookmarks) => {
            library.add_saved(bookmarks.saved.into_iter().map(|b| b.article).collect());
            problems.extend(bookmarks.unreadable.iter().map(ToString::to_string));
        }
        Err(e) => problems.push(e.to_string()),
    }
    // A bookmark whose copy cannot be read still marks its article when the source has it.
    match store.bookmarked_ids() {
        Ok(ids) => {
            for id in ids {
                if let Some(index) = library.position(&id) {
                    library.entry_mut(index).bookmarked = true;
                }
            }
        }
        Err(e) => problems.push(e.to_string()),
    }
    match store.read_ids() {
        Ok(read) => {
            for id in read {
                if let Some(index) = library.position(&id) {
                    library.entry_mut(index).read = true;
                }
            }
        }
        Err(e) => problems.push(e.to_string()),
    }
    (library, problems)
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let context = Context::new(&cli)?;
    match cli.command {
        None => reader(&context, &cli.sources),
        Some(Command::List {
            tags,
            all_tags,
            bookmarked,
            unread,
            search,
            json,
            sources,
        }) => {
            let (library, _) = read_library(&context, &sources)?;
            let mut filter = Filter {
                mode: if all_tags { TagMode::All } else { TagMode::Any },
                search: search.unwrap_or_default(),
                bookmarks_only: bookmarked,
                unread_only: unread,
                ..Filter::default()
            };
            let mut unknown_tag = false;
            for tag in &tags {
                match library.tag_id(&TagKey::of(tag)) {
                    Some(id) => {
                        filter.tags.insert(id);
                    }
                    None => unknown_tag = true,
                }
            }
            // A tag no article has matches nothing: alone, or in --all-tags mode, nothing shows.
            let nothing = unknown_tag && (all_tags || filter.tags.is_empty());
            let entries: Vec<&Entry> = if nothing {
                Vec::new()
            } else {
                filter
                    .apply(&library)
                    .into_iter()
                    .map(|i| library.entry(i))
                    .collect()
            };
            if json {
                print_json(
                    &entries
                        .iter()
                        .map(|e| ArticleJson::of(e))
                        .collect::<Vec<_>>(),
                )
            } else {
                emit(entries.into_iter().map(list_line))
            }
        }
        Some(Command::Show { id, width, sources }) => {
            let (library, _) = read_library(&context, &sources)?;
            let entry = library.entry(library.find(&id)?);
            let width = width.map_or_else(default_width, usize::from);
            let byline = crate::app::byline(
                entry,
                &context.config.date_format.0,
                Local::now().offset().fix(),
            );
            emit(
                wrap_article(&entry.article, &byline, width)
                    .lines
                    .into_iter()
                    .map(|line| line.text),
            )
        }
        Some(Command::Tags { json, sources }) => {
            let (library, _) = read_library(&context, &sources)?;
            let tags: Vec<TagJson> = library
                .tags_by_count()
                .into_iter()
                .map(|id| TagJson {
                    tag: library.tags()[id].tag.to_string(),
                    count: library.tags()[id].count,
                })
                .collect();
            if json {
                return print_json(&tags);
            }
            emit(
                tags.iter()
                    .map(|tag| format!("{:>5}  {}", tag.count, tag.tag)),
            )
        }
        Some(Command::Bookmarks { json }) => {
            let store = context.open_store()?;
            let bookmarks = store.bookmarks()?;
            for error in &bookmarks.unreadable {
                warn(&error.to_string());
            }
            let read = store.read_ids()?;
            if json {
                let items: Vec<BookmarkJson> = bookmarks
                    .saved
                    .iter()
                    .map(|b| BookmarkJson {
                        article: ArticleJson::new(&b.article, true, read.contains(&b.article.id)),
                        saved_at: b.saved_at.to_rfc3339(),
                    })
                    .collect();
                return print_json(&items);
            }
            // Snapshots come back from a file on disk: clean them again before printing.
            emit(bookmarks.saved.iter().map(|bookmark| {
                let article = &bookmark.article;
                let saved = bookmark
                    .saved_at
                    .with_timezone(&Local)
                    .format("%Y-%m-%d %H:%M");
                let line = format!(
                    "{}  saved {saved}  {}  ({})",
                    article.id, article.title, article.source
                );
                crate::sanitize::clean_line(&line)
            }))
        }
        Some(Command::Bookmark { change }) => {
            let (id, sources, add) = match &change {
                BookmarkChange::Add { id, sources } => (id, sources, true),
                BookmarkChange::Remove { id, sources } => (id, sources, false),
            };
            let store = context.open_store()?;
            let loaded = context.load(sources)?;
            let (library, _) = library(loaded.articles, Some(&store));
            let found = library.find(id);
            if !add && let Err(not_found) = &found {
                // A bookmark whose saved copy is damaged is in no library; it can still go.
                let matching: Vec<_> = store
                    .bookmarked_ids()?
                    .into_iter()
                    .filter(|b| b.as_str().starts_with(&id.to_lowercase()))
                    .collect();
                if let ([only], true) = (matching.as_slice(), id.len() >= ArticleId::MIN_PREFIX) {
                    store.remove_bookmark(only)?;
                    return emit([format!("removed the bookmark of {only}")]);
                }
                bail!("{not_found}");
            }
            let entry = library.entry(found?);
            let article = &entry.article;
            if add {
                store.add_bookmark(article, Utc::now())?;
                emit([format!("bookmarked {}: {}", article.id, article.title)])
            } else if store.remove_bookmark(&article.id)? {
                emit([format!(
                    "removed the bookmark of {}: {}",
                    article.id, article.title
                )])
            } else {
                bail!("article {} is not bookmarked", article.id);
            }
        }
    }
}

/// Loads sources and the store's marks for a command that only reads. Files that could not
/// be read, and a store that cannot be opened, are warnings: the command still answers.
fn read_library(context: &Context, sources: &Sources) -> anyhow::Result<(Library, Option<Store>)> {
    let loaded = context.load(sources)?;
    for problem in &loaded.problems {
        warn(problem);
    }
    let store = match context.open_store() {
        Ok(store) => Some(store),
        Err(e) => {
            warn(&format!("bookmarks and read marks are not shown: {e:#}"));
            None
        }
    };
    let (library, problems) = library(loaded.articles, store.as_ref());
    for problem in &problems {
        warn(problem);
    }
    Ok((library, store))
}

fn warn(message: &str) {
    eprintln!("warning: {}", crate::sanitize::clean_line(message));
}

fn reader(context: &Context, sources: &Sources) -> anyhow::Result<()> {
    let loaded = context.load(sources)?;
    let (store, store_problem) = match context.open_store() {
        Ok(store) => (Some(store), None),
        Err(e) => (None, Some(format!("{e:#}"))),
    };
    let (library, mut problems) = library(loaded.articles, store.as_ref());
    problems.splice(0..0, loaded.problems);
    let config = &context.config;
    let settings = Settings {
        layout: config.layout.clone(),
        date_format: config.date_format.0.clone(),
        offset: Local::now().offset().fix(),
        theme: Theme::from_env(&config.theme),
        keymap: Keymap::with_overrides(&config.keys),
    };
    let mut app = App::new(
        library,
        settings,
        ratatui::layout::Size::new(80, 24),
        Utc::now(),
    );
    app.report_start(&problems, store_problem);
    crate::tui::run(app, store, config.mouse)
}

fn default_width() -> usize {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal()
        && let Ok((columns, _)) = ratatui::crossterm::terminal::size()
    {
        return usize::from(columns).clamp(20, 100);
    }
    80
}

fn list_line(entry: &Entry) -> String {
    let article = &entry.article;
    let date = article
        .published
        .map_or_else(|| " ".repeat(10), |d| d.format("%Y-%m-%d").to_string());
    let tags: Vec<&str> = article.tags.iter().map(|t| t.as_str()).collect();
    let tags = if tags.is_empty() {
        String::new()
    } else {
        format!("  [{}]", tags.join(", "))
    };
    format!(
        "{}  {}{}  {date}  {}  ({}){tags}",
        article.id,
        if entry.read { ' ' } else { '●' },
        if entry.bookmarked { '★' } else { ' ' },
        article.title,
        article.source
    )
}

fn print_json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    emit([serde_json::to_string_pretty(value)?])
}

/// Prints lines to stdout. A reader that stops reading early (`| head`) is not an error.
fn emit(lines: impl IntoIterator<Item = String>) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let written = lines
        .into_iter()
        .try_for_each(|line| writeln!(out, "{line}"))
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}

#[derive(Serialize)]
struct ArticleJson<'a> {
    id: &'a str,
    title: &'a str,
    source: &'a str,
    author: Option<&'a str>,
    published: Option<String>,
    url: Option<&'a str>,
    tags: Vec<&'a str>,
    bookmarked: bool,
    read: bool,
}

impl<'a> ArticleJson<'a> {
    fn new(article: &'a Article, bookmarked: bool, read: bool) -> Self {
        Self {
            id: article.id.as_str(),
            title: &article.title,
            source: &article.source,
            author: article.author.as_deref(),
            published: article.published.map(|d| d.to_rfc3339()),
            url: article.url.as_deref(),
            tags: article.tags.iter().map(|t| t.as_str()).collect(),
            bookmarked,
            read,
        }
    }

    fn of(entry: &'a Entry) -> Self {
        Self::new(&entry.article, entry.bookmarked, entry.read)
    }
}

#[derive(Serialize)]
struct BookmarkJson<'a> {
    #[serde(flatten)]
    article: ArticleJson<'a>,
    saved_at: String,
}

#[derive(Serialize)]
struct TagJson {
    tag: String,
    count: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use std::path::Path;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sources_and_commands_parse() {
        let cli = Cli::try_parse_from(["tidings", "news/", "more.txt"]).unwrap();
        assert_eq!(
            cli.sources.paths,
            [Path::new("news/"), Path::new("more.txt")]
        );
        let cli = Cli::try_parse_from([
            "tidings",
            "list",
            "--tag",
            "a",
            "--tag",
            "b",
            "--all-tags",
            "x.txt",
        ])
        .unwrap();
        assert!(
            matches!(cli.command, Some(Command::List { ref tags, all_tags: true, .. }) if tags.len() == 2)
        );
        assert!(Cli::try_parse_from(["tidings", "show"]).is_err());
        assert!(Cli::try_parse_from(["tidings", "show", "abcd", "--width", "5"]).is_err());
    }
}
