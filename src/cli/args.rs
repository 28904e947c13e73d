//! The command line's words: the global options, the commands and their arguments, as clap
//! reads them (DESIGN.md's CLI contract).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

// The global options read their environment variables in `Cli::with_env`, not through
// clap's `env`: clap counts an option set by its variable as given, and writes it into the
// usage line of every usage error (`Usage: tidings mark-read --config <FILE> --data-dir <DIR>
// <IDS>...`), as if it were required there.
#[derive(Debug, Parser)]
#[command(name = "tidings", version, about = "A terminal news reader")]
pub struct Cli {
    /// Config file, else TIDINGS_CONFIG [default: the platform's config folder/tidings/config.toml]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Folder of the bookmark and read-state database, else TIDINGS_DATA_DIR [default: the
    /// platform's data folder/tidings]
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    #[command(flatten)]
    pub sources: Sources,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args, Default)]
pub struct Sources {
    /// Article files or folders of them; when given, only they are read in this run
    #[arg(value_name = "SOURCE")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List articles, newest first
    List {
        /// Only articles of this feed, by name or address (repeat for several: any of them)
        #[arg(long = "feed", value_name = "FEED")]
        feeds: Vec<String>,
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
        /// Only articles the query matches, or a saved query's name (see "The query
        /// language" in the README)
        #[arg(long, value_name = "QUERY", allow_hyphen_values = true)]
        query: Option<String>,
        /// Only the articles rules or an import hid
        #[arg(long)]
        hidden: bool,
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
        /// Show the full text from the article's web page (fetched and kept, if it is not yet)
        #[arg(long)]
        full_text: bool,
        #[command(flatten)]
        sources: Sources,
    },
    /// A web page's article in reader mode: fetched (or read from a saved HTML file) and
    /// printed as `show` prints an article
    Read {
        /// The page's web address (http or https), or a saved HTML file
        page: String,
        /// Wrap at this many columns [default: the terminal's width up to 100, else 80]
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(10..))]
        width: Option<u16>,
        /// Print one JSON object: title, byline, site, published, url, text, links
        #[arg(long)]
        json: bool,
    },
    /// Tags with their article counts, most used first
    Tags {
        /// Print one JSON array of {tag, count}
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        sources: Sources,
    },
    /// The number of unread articles, first on one line (for status bars)
    Unread {
        /// Print one JSON object: the total and each feed's unread and total
        #[arg(long)]
        json: bool,
    },
    /// Mark articles read: by id, or with --all every article `list` would show
    #[command(
        group = clap::ArgGroup::new("which").args(["ids", "all"]).required(true),
        override_usage = "tidings mark-read <IDS>... | --all [--feed <FEED>]... [--tag <TAG>]... [--all-tags] [--query <QUERY>]"
    )]
    MarkRead {
        /// Article ids, or unique prefixes of at least 4 characters
        ids: Vec<String>,
        /// Every article `list` shows with the same --feed and --tag options
        #[arg(long)]
        all: bool,
        /// With --all: only articles of this feed, by name or address (repeatable)
        #[arg(long = "feed", value_name = "FEED", requires = "all")]
        feeds: Vec<String>,
        /// With --all: only articles with this tag (repeatable: any of them)
        #[arg(long = "tag", value_name = "TAG", requires = "all")]
        tags: Vec<String>,
        /// With several --tag: only articles that have all of them
        #[arg(long, requires = "all")]
        all_tags: bool,
        /// With --all: only articles the query matches
        #[arg(
            long,
            value_name = "QUERY",
            requires = "all",
            allow_hyphen_values = true
        )]
        query: Option<String>,
    },
    /// Mark articles unread again
    MarkUnread {
        /// Article ids, or unique prefixes of at least 4 characters
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Saved bookmarks, newest first
    Bookmarks {
        /// Print one JSON array, each article with its saved_at time
        #[arg(long)]
        json: bool,
        /// Instead, the bookmarks whose star was removed on another device (with [sync]),
        /// most recent first; `bookmark add ID` brings one back
        #[arg(long)]
        unstarred: bool,
    },
    /// Add or remove a bookmark
    // Without a subcommand: an `error:` line and the usage, not the whole help.
    #[command(arg_required_else_help = false)]
    Bookmark {
        #[command(subcommand)]
        change: BookmarkChange,
    },
    /// Fetch every subscribed feed now, without the reader
    Refresh {
        /// Ask even feeds that said they are still fresh (their ttl or max-age)
        #[arg(long)]
        force: bool,
    },
    /// Feed subscriptions: add, list, remove
    #[command(arg_required_else_help = false)]
    Feeds {
        #[command(subcommand)]
        change: FeedsCommand,
    },
    /// Queries saved under a name, with their unread and total counts; or add or remove one
    #[command(args_conflicts_with_subcommands = true)]
    Queries {
        #[command(subcommand)]
        change: Option<QueriesCommand>,
        /// Print one JSON array of {name, query, unread, total, origin}
        #[arg(long)]
        json: bool,
    },
    /// Rules applied to articles as they arrive, numbered; or remove or apply them
    #[command(args_conflicts_with_subcommands = true)]
    Rules {
        #[command(subcommand)]
        change: Option<RulesCommand>,
        /// Print one JSON array of {number, query, action, tag, origin}
        #[arg(long)]
        json: bool,
    },
    /// Move in from newsboat: feeds with their tags and names, query feeds, the killfile,
    /// and every cached article with its read mark and flags (found where newsboat keeps them)
    ImportNewsboat {
        /// newsboat's urls file [default: ~/.newsboat/urls, else $XDG_CONFIG_HOME/newsboat/urls]
        #[arg(long, value_name = "FILE")]
        urls: Option<PathBuf>,
        /// newsboat's cache.db [default: ~/.newsboat/cache.db, else $XDG_DATA_HOME/newsboat/cache.db]
        #[arg(long, value_name = "FILE")]
        cache: Option<PathBuf>,
        /// newsboat's config, for its ignore-article lines [default: where newsboat keeps it]
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// The flag letters that make a bookmark [default: any flag]
        #[arg(long, value_name = "LETTERS")]
        bookmark_flags: Option<String>,
        /// Say what would be imported, and write nothing
        #[arg(long)]
        dry_run: bool,
        /// Print one JSON object: feeds, tags, articles, read, bookmarked, queries, rules, left_out
        #[arg(long)]
        json: bool,
    },
    /// Move in from newsraft: its feeds file (sections become tags) and its database (read
    /// marks, important items as bookmarks)
    ImportNewsraft {
        /// newsraft's feeds file [default: where newsraft looks]
        #[arg(long, value_name = "FILE")]
        feeds: Option<PathBuf>,
        /// newsraft's newsraft.sqlite3 [default: where newsraft looks]
        #[arg(long, value_name = "FILE")]
        db: Option<PathBuf>,
        /// Say what would be imported, and write nothing
        #[arg(long)]
        dry_run: bool,
        /// Print one JSON object, as import-newsboat does
        #[arg(long)]
        json: bool,
    },
    /// Subscribe to the feeds of an OPML file (folders become tags)
    ImportOpml {
        /// The OPML file, as other readers export it
        file: PathBuf,
    },
    /// Print every subscription as OPML 2.0
    ExportOpml,
    /// Sync feeds, read state and bookmarks with the [sync] server (Google Reader API)
    Sync {
        /// Print the summary (pushed, pulled, new, failed) as one JSON object
        #[arg(long)]
        json: bool,
        /// Show the server, the last sync and the changes waiting, without syncing
        #[arg(long)]
        status: bool,
    },
    /// Check the config file: its error (exit 1), the actions its [keys] leave with no key,
    /// or that it is fine
    CheckConfig,
}

#[derive(Debug, Subcommand)]
pub enum FeedsCommand {
    /// Subscribe to a feed, or to the feed of a web page (kept in the store; feeds can also be
    /// listed in the config)
    Add {
        /// http(s) address of a feed or of a web page whose feeds are found; or a file://
        /// address or path of an RSS, Atom or JSON Feed
        url: String,
        /// The name to show in place of the feed's own title
        #[arg(long, conflicts_with = "all")]
        name: Option<String>,
        /// Of the feeds a page names, subscribe to the Nth (from 1)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        pick: Option<u32>,
        /// Subscribe to every feed the page names
        #[arg(long, conflicts_with = "pick")]
        all: bool,
        /// Subscribe to the address as given, without reading it first (offline)
        #[arg(long, conflicts_with_all = ["pick", "all"])]
        no_check: bool,
        /// A tag for every article of the feed (repeat for several)
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Minutes between refreshes while the reader runs, in place of refresh_every (0: only
        /// when asked)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=10080))]
        every: Option<u32>,
        /// Fetch the full text of new articles from their web pages after each refresh
        #[arg(long)]
        full_text: bool,
    },
    /// Every feed, with its last refresh, unread and total articles and last error
    List {
        /// Print one JSON array
        #[arg(long)]
        json: bool,
    },
    /// Unsubscribe from a feed added with `feeds add` or `import-opml`
    Remove {
        /// The feed's address or name
        feed: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum QueriesCommand {
    /// Save a query under a name (kept in the store)
    Add {
        /// The name the navigation pane shows; it also stands for the query where one goes
        name: String,
        /// The query, in the query language
        #[arg(allow_hyphen_values = true)]
        query: String,
    },
    /// Forget a saved query (one added here; the config's are removed in the config)
    Remove {
        /// The saved query's name, without regard to case
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Forget rule N (an imported one; the config's are removed in the config)
    Remove {
        #[arg(value_parser = clap::value_parser!(u32).range(1..))]
        number: u32,
    },
    /// Apply the rules to the articles already stored, and say how many each matched
    Apply {
        /// Say what would be done, and change nothing
        #[arg(long)]
        dry_run: bool,
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

impl Cli {
    /// The arguments, with `TIDINGS_CONFIG` and `TIDINGS_DATA_DIR` standing in for the
    /// options not given (an empty variable is none).
    #[must_use]
    pub fn with_env(mut self) -> Self {
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|value| !value.is_empty())
                .map(PathBuf::from)
        };
        self.config = self.config.or_else(|| var("TIDINGS_CONFIG"));
        self.data_dir = self.data_dir.or_else(|| var("TIDINGS_DATA_DIR"));
        self
    }
}
