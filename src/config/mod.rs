//! The config file: defaults in the binary, the person's `config.toml` patching them. Unknown
//! keys are errors, and every error names the file, line and column, in plain words
//! (`errors.rs`); the `[keys]` table is checked where it is written (`bindings.rs`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::format::{Item, StrftimeItems};
use ratatui::style::Color;
use serde::{Deserialize, Deserializer};

mod bindings;
mod errors;
mod queries;
pub mod sync;

pub use bindings::ConfigWarning;
pub use errors::ConfigError;
pub use queries::{QueryConfig, RuleConfig};

use crate::action::Action;
use crate::keymap::Key;
use crate::net::FetchSettings;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Article files and folders read on every run that is given no SOURCE.
    pub articles: Vec<PathBuf>,
    /// Show the bundled sample articles even when `articles` are configured.
    pub samples: bool,
    /// How the reading pane writes an article's date (chrono strftime).
    pub date_format: DateFormat,
    /// Capture the mouse: wheel scrolls, click selects.
    pub mouse: bool,
    pub layout: Layout,
    pub theme: Theme,
    /// Bindings that replace an action's default keys.
    pub keys: BTreeMap<Action, Vec<Key>>,
    /// Feeds declared in the config (`[[feeds]]`); more can be added with `tidings feeds add`.
    pub feeds: Vec<FeedConfig>,
    /// Refresh the feeds when the reader starts.
    pub refresh_on_start: bool,
    /// Minutes between refreshes while the reader runs (0: only when asked); a feed's own
    /// `every` takes its place.
    pub refresh_every: Bounded<0, 10080>,
    /// Cached feed articles older than this many days are removed (0: kept however old).
    pub keep_days: u32,
    /// At most this many cached articles are kept for each feed, the newest (0: no limit).
    pub keep_per_feed: u32,
    pub fetch: Fetch,
    /// Pictures in the reading pane, drawn with half blocks; off: a line with the alt text.
    pub images: Images,
    /// How pictures' colours are written: as they are, or the nearest of 256.
    pub image_colors: ImageColors,
    /// The most rows a picture takes in the reading pane.
    pub image_rows: Bounded<2, 200>,
    /// The disk cache of pictures in the data dir, in megabytes (0: nothing kept on disk).
    pub image_cache_mb: Bounded<0, 60000>,
    /// A feed server to sync subscriptions, read state and bookmarks with (`[sync]`).
    pub sync: Option<sync::SyncConfig>,
    /// Queries kept under a name (`[[queries]]`), shown in the Queries section.
    pub queries: Vec<QueryConfig>,
    /// Rules applied to articles as they first arrive (`[[rules]]`).
    pub rules: Vec<RuleConfig>,
    /// Not a key of the file: actions its bindings left with no key, found as it was read.
    #[serde(skip)]
    pub warnings: Vec<ConfigWarning>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Images {
    On,
    Off,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum ImageColors {
    /// 24-bit when `COLORTERM` is `truecolor` or `24bit`, else 256.
    #[serde(rename = "auto")]
    Auto,
    #[serde(rename = "truecolor")]
    TrueColor,
    #[serde(rename = "256")]
    Palette256,
}

/// A feed declared in the config.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedConfig {
    pub url: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Fetch the full text of new articles from their pages after each refresh.
    #[serde(default)]
    pub full_text: bool,
    /// Minutes between refreshes of this feed while the reader runs, in place of
    /// `refresh_every` (0: only when asked).
    #[serde(default)]
    pub every: Option<Bounded<0, 10080>>,
}

/// How feeds are fetched.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Fetch {
    /// Feeds fetched at once (never more than two at once from one host).
    pub workers: Bounded<1, 64>,
    /// Seconds to wait for a connection.
    pub connect_timeout: Bounded<1, 600>,
    /// Seconds a whole request may take.
    pub timeout: Bounded<1, 3600>,
    /// Redirects followed before giving up.
    pub max_redirects: Bounded<0, 20>,
    /// The largest response accepted, in megabytes.
    pub max_size_mb: Bounded<1, 1000>,
}

impl Default for Fetch {
    fn default() -> Self {
        Self {
            workers: Bounded(8),
            connect_timeout: Bounded(10),
            timeout: Bounded(30),
            max_redirects: Bounded(5),
            max_size_mb: Bounded(20),
        }
    }
}

impl Fetch {
    /// The settings every fetch takes (feeds, pages, pictures, sync): these values, and the
    /// network's own for the rest (the per-host limit, the User-Agent, the retry's pause).
    pub fn settings(&self) -> FetchSettings {
        FetchSettings {
            workers: usize::from(self.workers.0),
            connect_timeout: Duration::from_secs(u64::from(self.connect_timeout.0)),
            timeout: Duration::from_secs(u64::from(self.timeout.0)),
            max_redirects: u32::from(self.max_redirects.0),
            max_bytes: u64::from(self.max_size_mb.0) * 1024 * 1024,
            ..FetchSettings::default()
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            articles: Vec::new(),
            samples: false,
            date_format: DateFormat("%-d %B %Y".into()),
            mouse: true,
            layout: Layout::default(),
            theme: Theme::default(),
            keys: BTreeMap::new(),
            feeds: Vec::new(),
            refresh_on_start: true,
            refresh_every: Bounded(30),
            keep_days: 0,
            keep_per_feed: 1000,
            fetch: Fetch::default(),
            images: Images::On,
            image_colors: ImageColors::Auto,
            image_rows: Bounded(20),
            image_cache_mb: Bounded(200),
            sync: None,
            queries: Vec::new(),
            rules: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Layout {
    /// Width of the navigation pane (feeds and tags), in columns.
    #[serde(alias = "tags_width")]
    pub nav_width: Bounded<12, 60>,
    /// Share of the width left of the reader that the article list takes, in percent.
    pub list_percent: Bounded<20, 80>,
    /// From this width on, the navigation pane, list and reader are shown together.
    pub wide_from: Bounded<60, 1000>,
    /// Below this width one pane is shown at a time.
    pub narrow_below: Bounded<30, 1000>,
    /// The longest line of article text, however wide the reading pane.
    pub reader_max_width: Bounded<20, 1000>,
}

impl Default for Layout {
    fn default() -> Self {
        Self {
            nav_width: Bounded(26),
            list_percent: Bounded(40),
            wide_from: Bounded(120),
            narrow_below: Bounded(80),
            reader_max_width: Bounded(90),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Theme {
    /// Headings, the focused pane's border, unread markers, tag counts.
    pub accent: ThemeColor,
    /// The bookmark star.
    pub bookmark: ThemeColor,
    /// Inline code and code blocks.
    pub code: ThemeColor,
    /// Search matches: text and background.
    pub match_fg: ThemeColor,
    pub match_bg: ThemeColor,
    /// Error messages in the status line.
    pub error: ThemeColor,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            accent: ThemeColor(Color::Magenta),
            bookmark: ThemeColor(Color::Red),
            code: ThemeColor(Color::Green),
            match_fg: ThemeColor(Color::Black),
            match_bg: ThemeColor(Color::Yellow),
            error: ThemeColor(Color::Red),
        }
    }
}

/// A colour written as a name (`magenta`, `light-blue`), `#rrggbb`, or a 0–255 index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThemeColor(pub Color);

/// The colour names of `config.example.toml`, for suggestions.
const COLOUR_NAMES: [&str; 16] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "dark-gray",
    "light-red",
    "light-green",
    "light-yellow",
    "light-blue",
    "light-magenta",
    "light-cyan",
    "white",
];

impl<'de> Deserialize<'de> for ThemeColor {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse::<Color>().map(ThemeColor).map_err(|_| {
            let message = if text.starts_with('#') {
                format!(
                    "unknown colour \"{text}\": write #rrggbb, six hex digits, like \"#ff8800\""
                )
            } else if let Some(near) = crate::suggest::nearest(&text, COLOUR_NAMES) {
                format!("unknown colour \"{text}\"; did you mean \"{near}\"?")
            } else {
                format!(
                    "unknown colour \"{text}\": use a name such as magenta or light-blue, \
                     \"#rrggbb\", or 0-255"
                )
            };
            serde::de::Error::custom(message)
        })
    }
}

/// A whole number that must lie in `MIN..=MAX`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounded<const MIN: u16, const MAX: u16>(pub u16);

impl<'de, const MIN: u16, const MAX: u16> Deserialize<'de> for Bounded<MIN, MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = i64::deserialize(deserializer)?;
        match u16::try_from(value) {
            Ok(n) if (MIN..=MAX).contains(&n) => Ok(Self(n)),
            _ => Err(serde::de::Error::custom(format!(
                "{value}{}use a number from {MIN} to {MAX}",
                errors::OUT_OF_RANGE
            ))),
        }
    }
}

/// A strftime format checked when the config is read, since chrono fails only when printing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFormat(pub String);

impl<'de> Deserialize<'de> for DateFormat {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if StrftimeItems::new(&text).any(|item| matches!(item, Item::Error)) {
            return Err(serde::de::Error::custom(format!(
                "\"{text}\" is not a date format: use strftime fields such as %Y-%m-%d or %-d %B %Y"
            )));
        }
        Ok(Self(text))
    }
}

impl Config {
    /// The rules of `[[rules]]`, in their order.
    pub fn rules(&self) -> Vec<crate::query::Rule> {
        self.rules.iter().map(|rule| rule.0.clone()).collect()
    }

    /// Where the config is read from when no `--config` or `TIDINGS_CONFIG` is given.
    pub fn default_path() -> Option<PathBuf> {
        dirs::config_dir().map(|dir| dir.join("tidings").join("config.toml"))
    }

    /// Reads the config: `explicit` must exist; the default file may be missing (defaults).
    pub fn load(explicit: Option<&Path>) -> Result<Self, ConfigError> {
        let (path, required) = match explicit {
            Some(path) => (path.to_path_buf(), true),
            None => match Self::default_path() {
                Some(path) => (path, false),
                None => return Ok(Self::default()),
            },
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::parse(&text, &path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(Self::default()),
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => Err(ConfigError::file(
                &path,
                "cannot read the config: it is not UTF-8 text",
            )),
            Err(e) => Err(ConfigError::file(
                &path,
                &format!("cannot read the config: {}", crate::net::io_words(&e)),
            )),
        }
    }

    /// Parses config text; `path` names the file in errors and anchors relative article paths.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let tree = toml::de::DeTable::parse(text).map_err(|e| errors::syntax(&e, path, text))?;
        let mut config = Config::deserialize(toml::de::Deserializer::from(tree.clone()))
            .map_err(|e| errors::reading(&e, tree.get_ref(), path, text))?;
        config.warnings = bindings::check(tree.get_ref(), path, text)?;
        let base = path.parent().unwrap_or(Path::new("."));
        config.articles = config
            .articles
            .iter()
            .map(|p| resolve_path(p, base))
            .collect();
        if let Some(sync) = &mut config.sync {
            sync.resolve_paths(|p| resolve_path(p, base));
        }
        Ok(config)
    }
}

/// Expands `~/` and makes a relative path relative to the config file's folder.
fn resolve_path(path: &Path, base: &Path) -> PathBuf {
    if let Ok(rest) = path.strip_prefix("~")
        && let Some(home) = dirs::home_dir()
    {
        return home.join(rest);
    }
    if path.is_relative() {
        base.join(path)
    } else {
        path.to_path_buf()
    }
}

#[cfg(test)]
mod tests;
