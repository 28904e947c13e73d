//! The config file: defaults in the binary, the person's `config.toml` patching them. Unknown
//! keys are errors, and every error names the file, line and column.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::format::{Item, StrftimeItems};
use ratatui::style::Color;
use serde::{Deserialize, Deserializer};

pub mod sync;

use crate::action::Action;
use crate::focus::Focus;
use crate::keymap::{Key, Keymap};

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
    #[serde(deserialize_with = "bindings")]
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

impl<'de> Deserialize<'de> for ThemeColor {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse::<Color>().map(ThemeColor).map_err(|_| {
            serde::de::Error::custom(format!(
                "unknown colour \"{text}\": use a name such as magenta or light-blue, #rrggbb, or 0-255"
            ))
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
                "{value} is out of range: use a number from {MIN} to {MAX}"
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

/// A config file that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
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
            Err(e) => Err(ConfigError(format!(
                "{}: cannot read the config: {e}",
                path.display()
            ))),
        }
    }

    /// Parses config text; `path` names the file in errors and anchors relative article paths.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let at = e
                .span()
                .map(|span| line_and_column(text, span.start))
                .map(|(line, column)| format!(":{line}:{column}"))
                .unwrap_or_default();
            ConfigError(format!("{}{at}: {}", path.display(), e.message().trim()))
        })?;
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

/// The `[keys]` table, refused when the reader could not be left (no key for `quit`) or when
/// one key is given to two actions and one of them could never get it.
fn bindings<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<Action, Vec<Key>>, D::Error> {
    use serde::de::Error;

    let bindings = BTreeMap::<Action, Vec<Key>>::deserialize(deserializer)?;
    let name = |action: &Action| {
        serde_json::to_value(action)
            .ok()
            .and_then(|value| value.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    let panes = [Focus::Nav, Focus::List, Focus::Reader];
    for (first, first_keys) in &bindings {
        for (second, second_keys) in bindings.range(first..).skip(1) {
            let shared = first_keys.iter().find(|key| second_keys.contains(key));
            // The earlier action wins where both apply (Space chooses a feed or tag in the
            // navigation pane and pages elsewhere); the later one must still have a pane of
            // its own.
            let shadowed = panes
                .iter()
                .filter(|&&pane| second.applies_in(pane))
                .all(|&pane| first.applies_in(pane));
            if let Some(key) = shared
                && shadowed
            {
                return Err(D::Error::custom(format!(
                    "the key {key} is bound to both {} and {}, so {} would never get it; \
                     give each its own",
                    name(first),
                    name(second),
                    name(second)
                )));
            }
        }
    }
    if Keymap::with_overrides(&bindings)
        .keys_for(Action::Quit)
        .is_empty()
    {
        return Err(D::Error::custom(
            "no key is left for quit, so the reader could not be left; bind one, such as \
             quit = [\"q\"]",
        ));
    }
    Ok(bindings)
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

fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("/home/reader/.config/tidings/config.toml"))
    }

    #[test]
    fn example_config_is_the_defaults() {
        let example = include_str!("../config.example.toml");
        assert_eq!(parse(example).unwrap(), Config::default());
    }

    #[test]
    fn the_example_sync_section_reads_as_shown() {
        let example = include_str!("../config.example.toml");
        let (_, section) = example.split_once("\n# [sync]").unwrap();
        let text: String = format!("[sync]{section}")
            .lines()
            .map(|line| line.trim_start_matches("# "))
            .collect::<Vec<_>>()
            .join("\n");
        let sync = parse(&text).unwrap().sync.unwrap();
        assert_eq!(sync.url, "https://rss.example.com/api/greader.php");
        assert_eq!(sync.username, "alice");
        assert_eq!(sync.every, 15);
        let home = dirs::home_dir().unwrap();
        assert_eq!(
            sync.password,
            sync::PasswordSource::File(home.join(".config/tidings/greader-password"))
        );
    }

    #[test]
    fn empty_file_is_the_defaults() {
        assert_eq!(parse("").unwrap(), Config::default());
    }

    #[test]
    fn a_partial_file_patches_the_defaults() {
        let config =
            parse("samples = true\n[layout]\nlist_percent = 55\n[keys]\nquit = [\"x\"]\n").unwrap();
        assert!(config.samples);
        assert_eq!(config.layout.list_percent, Bounded(55));
        assert_eq!(config.layout.nav_width, Layout::default().nav_width);
        assert_eq!(
            config.keys[&Action::Quit],
            vec!["x".parse::<Key>().unwrap()]
        );
    }

    #[test]
    fn feeds_and_fetching() {
        let config = parse(
            "keep_days = 30\n[fetch]\nworkers = 2\n[[feeds]]\nurl = \"https://a.example/rss\"\n\
             [[feeds]]\nurl = \"https://b.example/atom\"\nname = \"B\"\ntags = [\"News\"]\nevery = 10\n\
             full_text = true\n",
        )
        .unwrap();
        assert_eq!(config.keep_days, 30);
        assert_eq!(config.fetch.workers, Bounded(2));
        assert_eq!(config.fetch.timeout, Fetch::default().timeout);
        assert_eq!(
            config.feeds,
            [
                FeedConfig {
                    url: "https://a.example/rss".into(),
                    name: None,
                    tags: vec![],
                    full_text: false,
                    every: None,
                },
                FeedConfig {
                    url: "https://b.example/atom".into(),
                    name: Some("B".into()),
                    tags: vec!["News".into()],
                    full_text: true,
                    every: Some(Bounded(10)),
                },
            ]
        );
        let e = parse("[[feeds]]\nname = \"no url\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains(":1:1:") && e.contains("missing field `url`"),
            "{e}"
        );
        let e = parse("[[feeds]]\nurl = \"x\"\ncolor = 1\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains(":3:1:") && e.contains("unknown field `color`"),
            "{e}"
        );
    }

    #[test]
    fn article_paths_are_resolved() {
        let config = parse("articles = [\"news\", \"/srv/feeds\"]").unwrap();
        assert_eq!(
            config.articles,
            [
                PathBuf::from("/home/reader/.config/tidings/news"),
                PathBuf::from("/srv/feeds")
            ]
        );
    }

    fn error_of(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let e = error_of("samples = true\ncolour = 3\n");
        assert!(
            e.starts_with("/home/reader/.config/tidings/config.toml:2:1: unknown field `colour`"),
            "{e}"
        );
        let e = error_of("[theme]\naccent = \"purplish\"\n");
        assert!(e.contains(":2:10: unknown colour \"purplish\""), "{e}");
        let e = error_of("[keys]\nquit = [\"ctrl-\"]\n");
        assert!(
            e.contains(":2:") && e.contains("unknown key \"ctrl-\""),
            "{e}"
        );
        let e = error_of("[keys]\nfly = [\"f\"]\n");
        assert!(
            e.contains(":2:1:") && e.contains("unknown variant `fly`"),
            "{e}"
        );
        let e = error_of("[layout]\nlist_percent = 95\n");
        assert!(
            e.contains(":2:16: 95 is out of range: use a number from 20 to 80"),
            "{e}"
        );
        let e = error_of("mouse = \"yes\"\n");
        assert!(e.contains(":1:9:") && e.contains("invalid type"), "{e}");
        let e = error_of("date_format = \"%Q\"\n");
        assert!(e.contains("is not a date format"), "{e}");
        let e = error_of("samples = \n");
        assert!(e.contains(":1:"), "{e}");
    }

    #[test]
    fn bindings_that_leave_no_quit_or_clash_are_errors() {
        let e = error_of("[keys]\nquit = []\n");
        assert!(
            e.contains(":1:1:") && e.contains("no key is left for quit"),
            "{e}"
        );
        let e = error_of("[keys]\nhelp = [\"q\", \"ctrl-c\"]\n");
        assert!(e.contains("no key is left for quit"), "{e}");
        let e = error_of("[keys]\nquit = [\"b\"]\nhelp = [\"b\"]\n");
        assert!(
            e.contains("the key b is bound to both help and quit, so quit would never get it"),
            "{e}"
        );
        // One key for two actions is fine when each still gets it in some pane.
        parse("[keys]\ntoggle_select = [\"x\"]\nopen_in_browser = [\"o\"]\nquit = [\"q\"]\n")
            .unwrap();
        parse("[keys]\nopen = [\"x\"]\nback = [\"y\"]\n").unwrap();
        parse("[keys]\ntoggle_tag = [\"z\"]\nopen = [\"z\"]\n").unwrap();
        parse("[keys]\ntoggle_tag = [\"z\"]\npage_down = [\"z\"]\n").unwrap();
        let e = error_of("[keys]\nopen = [\"z\"]\ntoggle_tag = [\"z\"]\nmove_down = [\"z\"]\n");
        assert!(e.contains("so open would never get it"), "{e}");
    }

    #[test]
    fn picture_keys() {
        let config =
            parse("images = \"off\"\nimage_colors = \"256\"\nimage_rows = 8\nimage_cache_mb = 0\n")
                .unwrap();
        assert_eq!(config.images, Images::Off);
        assert_eq!(config.image_colors, ImageColors::Palette256);
        assert_eq!((config.image_rows.0, config.image_cache_mb.0), (8, 0));
        assert_eq!(
            parse("image_colors = \"truecolor\"").unwrap().image_colors,
            ImageColors::TrueColor
        );
        for bad in [
            "images = \"maybe\"",
            "image_colors = \"16\"",
            "image_rows = 1",
        ] {
            let error = error_of(bad);
            assert!(
                error.starts_with("/home/reader/.config/tidings/config.toml:1:"),
                "{error}"
            );
        }
    }

    #[test]
    fn an_explicit_missing_file_is_an_error() {
        let e = Config::load(Some(Path::new("/nonexistent/tidings.toml"))).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("/nonexistent/tidings.toml: cannot read the config"),
            "{e}"
        );
    }
}
