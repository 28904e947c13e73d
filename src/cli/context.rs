//! What one run reads: the config, the data folder, the articles of its sources and the
//! feed cache, and the store's bookmarks and read marks; and the start of the reader.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use chrono::{Local, Offset};

use super::output::warn;
use super::{Cli, Sources};
use crate::app::{Settings, Start, SyncSetup};
use crate::config::Config;
use crate::keymap::Keymap;
use crate::model::library::Library;
use crate::model::{Article, Subscription};
use crate::refresh::{self, FeedResult};
use crate::source::load::{self, Loaded};
use crate::store::Store;
use crate::sync::SyncConfig;
use crate::theme::Theme;
use crate::worker::list::{FullLibrary, ListReport, ReadAll};

/// A feed cache larger than this is read in the background: the reader starts on its
/// newest [`FIRST_READ`] articles.
const READ_IN_BACKGROUND_ABOVE: usize = 5_000;
/// Enough for several pages of the list on the tallest terminal.
const FIRST_READ: usize = 500;

/// The config and data folder of one run.
pub struct Context {
    pub config: Config,
    pub data_dir: PathBuf,
}

/// What a run shows: articles from files and feed files, feeds named by address on the
/// command line, and whether the feed cache of the subscriptions belongs in it.
pub struct RunSources {
    pub loaded: Loaded,
    /// The bundled samples, when this run shows them.
    pub samples: Vec<Article>,
    /// Feeds given as SOURCE by address, for this run only, not yet fetched.
    pub remote: Vec<Subscription>,
    /// No SOURCE was given: the configured articles and the subscribed feeds are shown.
    pub subscribed: bool,
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

    /// The sources of this run: the SOURCEs given, else the configured articles and feeds,
    /// with the samples while nothing is configured or when `samples = true`. A SOURCE
    /// file that does not exist is an error; a bad file within a folder is a problem to
    /// report.
    pub fn sources(&self, sources: &Sources, store: Option<&Store>) -> anyhow::Result<RunSources> {
        if !sources.paths.is_empty() {
            let mut remote = Vec::new();
            let mut paths = Vec::new();
            for path in &sources.paths {
                let text = path.to_string_lossy();
                if crate::net::is_web(&text) || text.starts_with("file://") {
                    remote.push(Subscription {
                        full_text: false,
                        url: text.into_owned(),
                        name: None,
                        tags: Vec::new(),
                        every: None,
                    });
                } else if path.exists() {
                    paths.push(path.clone());
                } else {
                    let looks_like_a_command =
                        path.components().count() == 1 && path.extension().is_none();
                    let hint = if looks_like_a_command {
                        " (the commands are listed by tidings --help)"
                    } else {
                        ""
                    };
                    bail!("{}: no such file or folder{hint}", path.display());
                }
            }
            return Ok(RunSources {
                loaded: load::load_paths(&paths),
                samples: Vec::new(),
                remote,
                subscribed: false,
            });
        }
        let loaded = load::load_paths(&self.config.articles);
        let has_feeds = self.config.sync.is_some()
            || !refresh::subscriptions(&self.config, store)
                .unwrap_or_default()
                .is_empty();
        let samples = if (self.config.articles.is_empty() && !has_feeds) || self.config.samples {
            load::samples()
        } else {
            Vec::new()
        };
        Ok(RunSources {
            loaded,
            samples,
            remote: Vec::new(),
            subscribed: true,
        })
    }

    /// Fetches the feeds named by address for a command; one that fails is an error naming it.
    pub fn fetch_remote(&self, run: &mut RunSources) -> anyhow::Result<()> {
        let options = refresh::Options::from_config(&self.config, true);
        let mut failure = None;
        refresh::refresh(&run.remote, None, &options, |_, report| {
            match &report.result {
                FeedResult::Failed(error) | FeedResult::Skipped(error) => {
                    failure.get_or_insert_with(|| super::output::about(&report.url, error));
                }
                _ => run
                    .loaded
                    .feeds
                    .push((report.url.clone(), report.articles.clone())),
            }
        });
        run.remote.clear();
        match failure {
            Some(message) => bail!(message),
            None => Ok(()),
        }
    }

    /// The store, its cache indexed anew for search first if it was written before search
    /// covered every script (once; progress on stderr when long).
    pub fn open_store(&self) -> anyhow::Result<Store> {
        let store = Store::open(&self.data_dir)?;
        super::reindex::bring_up_to_date(&store);
        store.keep_config_rules(&self.config.rules())?;
        Ok(store)
    }
}

impl RunSources {
    /// The same sources for a second reading: the articles read from files, without the
    /// problems met reading them (already reported).
    fn again(&self) -> Self {
        Self {
            loaded: Loaded {
                articles: self.loaded.articles.clone(),
                feeds: self.loaded.feeds.clone(),
                problems: Vec::new(),
            },
            samples: self.samples.clone(),
            remote: self.remote.clone(),
            subscribed: self.subscribed,
        }
    }
}

/// Builds the library of a run and marks what the store knows: the cached articles of the
/// subscribed feeds (all of them, or only the newest `cache_limit`), bookmarks (adding saved
/// copies whose source is not loaded) and read articles. Problems reading the store are
/// returned to report, never fatal.
pub fn library(
    run: RunSources,
    config: &Config,
    store: Option<&Store>,
    cache_limit: Option<usize>,
) -> (Library, Vec<String>) {
    let mut library = Library::new(run.loaded.articles);
    library.add_samples(run.samples);
    let mut problems = run.loaded.problems;
    for (url, articles) in run.loaded.feeds {
        library.merge(Some(&url), articles);
    }
    let Some(store) = store else {
        return (library, problems);
    };
    if run.subscribed {
        let feeds = refresh::subscriptions(config, Some(store)).unwrap_or_default();
        let states = store.feed_states().unwrap_or_default();
        // Every feed is known, by the name the reader shows, whether or not it has articles.
        for feed in &feeds {
            let state = states.get(&feed.url).cloned().unwrap_or_default();
            library.add_feed(&feed.url, refresh::given_name(feed, &state).as_deref());
        }
        let subscribed: HashSet<&str> = feeds.iter().map(|s| s.url.as_str()).collect();
        if cache_limit.is_none()
            && let Ok(count) = store.cached_count()
        {
            library.reserve(count);
        }
        let read = store.each_cached(cache_limit, |feed_url, article| {
            if subscribed.contains(feed_url) {
                library.add_cached(feed_url, article);
            }
        });
        library.sort();
        match read {
            Ok(unreadable) => {
                if unreadable > 0 {
                    problems.push(format!(
                        "{unreadable} cached articles could not be read from the store"
                    ));
                }
            }
            Err(e) => problems.push(e.to_string()),
        }
    }
    match store.bookmarks() {
        Ok(bookmarks) => {
            library.add_bookmarks(
                bookmarks
                    .saved
                    .into_iter()
                    .map(|b| (b.article, b.saved_at))
                    .collect(),
            );
            problems.extend(bookmarks.unreadable.iter().map(ToString::to_string));
        }
        Err(e) => problems.push(e.to_string()),
    }
    // Bookmarks a star removed elsewhere took away: found by id, listed by the reader.
    match store.unstarred_bookmarks() {
        Ok(kept) => library.add_kept(kept.into_iter().map(|u| u.bookmark.article).collect()),
        Err(e) => problems.push(e.to_string()),
    }
    let read_ids = match cache_limit {
        Some(_) => store.read_among(library.entries().iter().map(|e| &e.article.id)),
        None => store.read_ids(),
    };
    // A bookmark whose copy cannot be read still marks its article when the source has it.
    for (ids, read) in [(store.bookmarked_ids(), false), (read_ids, true)] {
        match ids {
            Ok(ids) => {
                for id in &ids {
                    let Some(index) = library.position(id) else {
                        continue;
                    };
                    if read {
                        library.set_read(index, true);
                    } else {
                        library.entry_mut(index).bookmarked = true;
                    }
                }
            }
            Err(e) => problems.push(e.to_string()),
        }
    }
    (library, problems)
}

/// Loads the library for a command that only reads. Files that could not be read, and a
/// store that cannot be opened, are warnings: the command still answers.
pub fn read_library(
    context: &Context,
    sources: &Sources,
) -> anyhow::Result<(Library, Option<Store>)> {
    let store = match context.open_store() {
        Ok(store) => Some(store),
        Err(e) => {
            warn(&format!("bookmarks and read marks are not shown: {e:#}"));
            None
        }
    };
    let mut run = context.sources(sources, store.as_ref())?;
    context.fetch_remote(&mut run)?;
    let (library, problems) = library(run, &context.config, store.as_ref(), None);
    for problem in &problems {
        warn(problem);
    }
    Ok((library, store))
}

/// Starts the reader on the sources of this run.
pub fn reader(context: &Context, sources: &Sources) -> anyhow::Result<()> {
    // The cache is indexed anew (once, after an upgrade) while the reader runs.
    let opened = Store::open(&context.data_dir).and_then(|store| {
        store.keep_config_rules(&context.config.rules())?;
        Ok(store)
    });
    let (store, store_problem) = match opened {
        Ok(store) => (Some(store), None),
        Err(e) => (None, Some(format!("{:#}", anyhow::Error::from(e)))),
    };
    let reindex = store
        .as_ref()
        .and_then(|store| store.reindex_left().ok())
        .filter(|left| *left > 0);
    let run = context.sources(sources, store.as_ref())?;
    let config = &context.config;
    let feeds = if run.subscribed {
        refresh::subscriptions(config, store.as_ref()).unwrap_or_default()
    } else {
        run.remote.clone()
    };
    // Sync needs the store, for its queue, and is for the subscribed feeds.
    let sync = config
        .sync
        .as_ref()
        .filter(|_| run.subscribed && store.is_some());
    // Read before the screen is taken: a password_command may ask for a passphrase.
    let password = sync.map(SyncConfig::password);
    let syncing = matches!(password, Some(Ok(_)));
    let refresh_now = !run.remote.is_empty()
        || (run.subscribed && config.refresh_on_start && (!feeds.is_empty() || syncing));
    let keep_cache = run.subscribed;
    // Counting every cached article would cost start-up a pass over them all.
    let in_background = match &store {
        Some(store) if run.subscribed => store
            .cached_more_than(READ_IN_BACKGROUND_ABOVE)
            .unwrap_or(false),
        _ => false,
    };
    let read_all: Option<ReadAll> = in_background.then(|| {
        let (run, config, data_dir) = (run.again(), config.clone(), context.data_dir.clone());
        Box::new(move || read_everything(run, &config, &data_dir)) as ReadAll
    });
    let (library, problems) = library(
        run,
        config,
        store.as_ref(),
        in_background.then_some(FIRST_READ),
    );
    let settings = Settings {
        layout: config.layout.clone(),
        date_format: config.date_format.0.clone(),
        offset: Local::now().offset().fix(),
        theme: Theme::from_env(&config.theme),
        keymap: Keymap::with_overrides(&config.keys),
        refresh_every: u32::from(config.refresh_every.0),
    };
    let feed_states = store
        .as_ref()
        .and_then(|s| s.feed_states().ok())
        .unwrap_or_default();
    let (password, sync_problem) = match password {
        Some(Ok(password)) => (Some(password), None),
        Some(Err(problem)) => (None, Some(problem)),
        None => (None, None),
    };
    let sync_setup = match (sync, &store, &password) {
        (Some(sync), Some(store), Some(_)) => Some(SyncSetup {
            every: sync.every,
            server_feeds: (store.server_feeds().unwrap_or_default().into_iter())
                .map(|feed| feed.url)
                .collect(),
        }),
        _ => None,
    };
    let pictures = super::pictures::settings(config, &context.data_dir);
    let start = Start {
        library,
        settings,
        problems,
        store_problem,
        config_warnings: config.warnings.clone(),
        feeds: feeds.clone(),
        feed_states,
        queries: config
            .queries
            .iter()
            .map(|query| query.saved())
            .chain(
                store
                    .as_ref()
                    .and_then(|s| s.saved_queries().ok())
                    .unwrap_or_default(),
            )
            .collect(),
        sync: sync_setup,
        sync_problem,
        unstarred: (store.as_ref())
            .map(|store| store.unstarred_times().unwrap_or_default())
            .unwrap_or_default(),
        refresh: refresh_now,
        newest_only: in_background,
        reindex,
        picture_rows: pictures.as_ref().map(|&(_, rows)| rows),
    };
    let setup = crate::tui::Setup {
        feeds: refresh::fetched_here(config, store.as_ref(), feeds).unwrap_or_default(),
        options: refresh::Options::from_config(config, false),
        data_dir: keep_cache.then(|| context.data_dir.clone()),
        sync: password.map(|password| (config.clone(), context.data_dir.clone(), password)),
        store,
        pictures: pictures.map(|(settings, _)| settings),
        read_all,
        reindex: reindex.map(|_| context.data_dir.clone()),
    };
    crate::tui::run(start, config.mouse, setup)
}

/// The whole library of a run, on its own connection to the store, for a reader that
/// started on the newest articles.
fn read_everything(run: RunSources, config: &Config, data_dir: &Path) -> ListReport {
    let store = Store::open(data_dir).map_err(|e| e.to_string())?;
    let (library, problems) = library(run, config, Some(&store), None);
    library.prepare_search();
    Ok(Box::new(FullLibrary { library, problems }))
}
