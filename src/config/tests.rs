//! The config read from text: defaults, patches, and every error in words at its place.

use super::*;

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(text, Path::new("/home/reader/.config/tidings/config.toml"))
}

#[test]
fn example_config_is_the_defaults() {
    let example = include_str!("../../config.example.toml");
    assert_eq!(parse(example).unwrap(), Config::default());
}

#[test]
fn the_example_sync_section_reads_as_shown() {
    let example = include_str!("../../config.example.toml");
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
fn the_example_queries_and_rules_read_as_shown() {
    let example = include_str!("../../config.example.toml");
    let start = example.find("\n# [[queries]]").unwrap();
    let end = example.find("\n# Sync with a feed server").unwrap();
    let text: String = example[start..end]
        .lines()
        .map(|line| line.trim_start_matches("# "))
        // The tables and their keys; the prose around them is left out.
        .filter(|line| {
            line.starts_with('[')
                || line
                    .split_once(" = ")
                    .is_some_and(|(key, _)| key.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        })
        .collect::<Vec<_>>()
        .join("\n");
    let config = parse(&text).unwrap();
    assert_eq!(config.queries[0].name, "Unread Rust");
    assert_eq!(config.queries[0].query.0.to_string(), "is:unread tag:rust");
    let rules = config.rules();
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[1].action.to_string(), "tag \"Rust\"");
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
    assert_error(
        "[[feeds]]\nname = \"no url\"\n",
        "1:1: [[feeds]] has no url: add one, like url = \"https://example.com/rss.xml\"",
    );
    assert_error(
        "[[feeds]]\nurl = \"x\"\ncolor = 1\n",
        "3:1: unknown key \"color\" in [[feeds]]: use url, name, tags, full_text or every",
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

/// The file every test config is read as.
const FILE: &str = "/home/reader/.config/tidings/config.toml";

/// Reading `text` fails with exactly `FILE:` and `expected` (`line:column: words`).
#[track_caller]
fn assert_error(text: &str, expected: &str) {
    let error = error_of(text);
    assert_eq!(error, format!("{FILE}:{expected}"), "{text:?}");
    assert!(!error.contains('\n'), "one line: {error:?}");
}

#[test]
fn unknown_keys_are_named_with_the_nearest_known_one() {
    assert_error(
        "samples = true\nrefresh_evry = 5\n",
        "2:1: unknown key \"refresh_evry\"; did you mean \"refresh_every\"?",
    );
    assert_error(
        "[layout]\nwide_frm = 130\n",
        "2:1: unknown key \"wide_frm\" in [layout]; did you mean \"wide_from\"?",
    );
    assert_error(
        "[theme]\naccentt = \"red\"\n",
        "2:1: unknown key \"accentt\" in [theme]; did you mean \"accent\"?",
    );
    // Nothing near: the keys of a small table are listed; the top level's are too many.
    assert_error(
        "[fetch]\nthreads = 3\n",
        "2:1: unknown key \"threads\" in [fetch]: use workers, connect_timeout, timeout, \
         max_redirects or max_size_mb",
    );
    assert_error(
        "samples = true\ncolour = 3\n",
        "2:1: unknown key \"colour\"",
    );
}

#[test]
fn an_unknown_action_is_named_with_the_nearest_action() {
    assert_error(
        "[keys]\nhelp = [\"?\"]\nquitt = [\"q\"]\n",
        "3:1: \"quitt\" is not an action; did you mean \"quit\"?",
    );
    assert_error(
        "[keys]\nnext_unred = [\"n\"]\n",
        "2:1: \"next_unred\" is not an action; did you mean \"next_unread\"?",
    );
    assert_error(
        "[keys]\nfly = [\"f\"]\n",
        "2:1: \"fly\" is not an action: actions are named like move_down, open and quit \
         (config.example.toml lists them all)",
    );
}

#[test]
fn a_wrong_type_says_what_the_value_must_be() {
    // A number.
    assert_error(
        "samples = true\nrefresh_every = \"x\"\n",
        "2:17: refresh_every must be a whole number of minutes",
    );
    assert_error(
        "keep_days = 1.5\n",
        "1:13: keep_days must be a whole number of days",
    );
    assert_error(
        "[fetch]\nmax_size_mb = \"big\"\n",
        "2:15: max_size_mb must be a whole number of megabytes",
    );
    // Text.
    assert_error(
        "date_format = 3\n",
        "1:15: date_format must be text in quotes, like \"%Y-%m-%d\"",
    );
    assert_error("images = 3\n", "1:10: images must be \"on\" or \"off\"");
    assert_error(
        "[theme]\naccent = 7\n",
        "2:10: accent must be a colour in quotes, like \"magenta\", \"#ff8800\" or \"208\"",
    );
    // A list, and what is in it.
    assert_error(
        "[keys]\nquit = \"q\"\n",
        "2:8: quit must be a list of keys, like [\"q\", \"ctrl-c\"]",
    );
    assert_error(
        "[keys]\nquit = [\"q\", 1]\n",
        "2:14: quit must be a list of keys, like [\"q\", \"ctrl-c\"]",
    );
    assert_error(
        "articles = \"~/news\"\n",
        "1:12: articles must be a list of files and folders, like [\"~/news\"]",
    );
    assert_error(
        "[[feeds]]\nurl = \"x\"\ntags = \"News\"\n",
        "3:8: tags must be a list of tags, like [\"News\", \"World\"]",
    );
    // True or false.
    assert_error("mouse = \"yes\"\n", "1:9: mouse must be true or false");
    assert_error(
        "[[feeds]]\nurl = \"x\"\nfull_text = 1\n",
        "3:13: full_text must be true or false",
    );
    // A table.
    assert_error(
        "layout = 3\n",
        "1:10: layout must be a table: a line [layout] with its keys below it",
    );
    assert_error(
        "keys = [\"q\"]\n",
        "1:8: keys must be a table: a line [keys] with bindings below it, like quit = [\"q\"]",
    );
    assert_error(
        "feeds = \"https://example.com/rss.xml\"\n",
        "1:9: feeds must be a list of [[feeds]] tables, each with a url",
    );
}

#[test]
fn values_out_of_their_range_or_choices_are_named() {
    assert_error(
        "[layout]\nlist_percent = 95\n",
        "2:16: list_percent = 95 is out of range: use a number from 20 to 80",
    );
    assert_error(
        "keep_days = -5\n",
        "1:13: keep_days must be a whole number of days, 0 or more",
    );
    assert_error(
        "images = \"of\"\n",
        "1:10: images must be \"on\" or \"off\", not \"of\"; did you mean \"off\"?",
    );
    assert_error(
        "image_colors = \"16\"\n",
        "1:16: image_colors must be \"auto\", \"truecolor\" or \"256\", not \"16\"",
    );
    let e = error_of("date_format = \"%Q\"\n");
    assert!(e.contains(":1:15: \"%Q\" is not a date format"), "{e}");
    assert_error(
        "[sync]\nserver = \"greader\"\nusername = \"a\"\nurl = \"ftp://x\"\n",
        "4:7: sync url \"ftp://x\" is not a web address: give the API's address, such as \
         https://rss.example.com/api/greader.php",
    );
}

#[test]
fn colours_and_key_names_that_do_not_exist_are_named_with_a_suggestion() {
    assert_error(
        "[theme]\naccent = \"magneta\"\n",
        "2:10: unknown colour \"magneta\"; did you mean \"magenta\"?",
    );
    assert_error(
        "[theme]\nerror = \"ligth-red\"\n",
        "2:9: unknown colour \"ligth-red\"; did you mean \"light-red\"?",
    );
    assert_error(
        "[theme]\naccent = \"purplish\"\n",
        "2:10: unknown colour \"purplish\": use a name such as magenta or light-blue, \
         \"#rrggbb\", or 0-255",
    );
    assert_error(
        "[theme]\naccent = \"#12345\"\n",
        "2:10: unknown colour \"#12345\": write #rrggbb, six hex digits, like \"#ff8800\"",
    );
    assert_error(
        "[keys]\nquit = [\"q\", \"ctrl-\"]\n",
        "2:14: \"ctrl-\" is not a key: write keys like j, G, ctrl-d, shift-tab, pagedown, \
         space or f5",
    );
    assert_error(
        "[keys]\nbottom = [\"End\", \"ctrl-pagedwn\"]\n",
        "2:18: \"ctrl-pagedwn\" is not a key; did you mean \"ctrl-pagedown\"?",
    );
}

#[test]
fn a_file_that_is_not_toml_is_said_so_at_its_place() {
    assert_error(
        "samples = \n",
        "1:11: a value is missing or not written as TOML: quote text (\"like this\"), write \
         true or false, a number, or a list in [ ]",
    );
    assert_error(
        "mouse = true\nmouse = false\n",
        "2:1: mouse is given twice: keep one",
    );
    let e = error_of("samples = [\n");
    assert!(e.starts_with(&format!("{FILE}:1:")), "{e}");
    assert!(e.contains("this is not TOML"), "{e}");
}

#[test]
fn bindings_that_leave_no_quit_or_clash_are_errors_at_their_line() {
    assert_error(
        "[keys]\nhelp = [\"?\"]\nquit = []\n",
        "3:8: quit has no key here, so tidings could not be left: give it one, like \
         quit = [\"q\"]",
    );
    assert_error(
        "[keys]\nhelp = [\"q\", \"ctrl-c\"]\n",
        "2:14: quit has no key left, so tidings could not be left: q and ctrl-c went to \
         help; give quit a key of its own, like quit = [\"ctrl-q\"]",
    );
    // At the second binding, whichever of the two would never get the key.
    assert_error(
        "[keys]\nquit = [\"b\"]\nhelp = [\"x\", \"b\"]\n",
        "3:14: \"b\" is also bound to quit (line 2), and help takes it first, so quit would \
         never get it: give each its own key",
    );
    assert_error(
        "[keys]\nhelp = [\"b\"]\n\nquit = [\"b\"]\n",
        "4:9: \"b\" is also bound to help (line 2), and help takes it first, so quit would \
         never get it: give each its own key",
    );
    assert_error(
        "[keys]\ntoggle_tag = [\"z\"]\ntoggle_select = [\"x\"]\n",
        "3:1: toggle_select and toggle_tag (line 2) name the same action: keep one of them",
    );
    // One key for two actions is fine when each still gets it in some pane.
    parse("[keys]\ntoggle_select = [\"x\"]\nopen_in_browser = [\"o\"]\nquit = [\"q\"]\n").unwrap();
    parse("[keys]\nopen = [\"x\"]\nback = [\"y\"]\n").unwrap();
    parse("[keys]\ntoggle_tag = [\"z\"]\nopen = [\"z\"]\n").unwrap();
    parse("[keys]\ntoggle_tag = [\"z\"]\npage_down = [\"z\"]\n").unwrap();
    let e = error_of("[keys]\nopen = [\"z\"]\ntoggle_tag = [\"z\"]\nmove_down = [\"z\"]\n");
    assert!(
        e.contains(":4:14: \"z\" is also bound to open (line 2), and move_down takes it first, so open would never get it"),
        "{e}"
    );
}

#[test]
fn a_binding_that_takes_an_actions_last_key_is_a_warning_at_its_line() {
    let config = parse("mouse = false\n[keys]\nnext_unread = [\"]\", \"n\"]\n").unwrap();
    assert_eq!(
        config.warnings,
        [ConfigWarning {
            at: format!("{FILE}:3:21"),
            message: "next_match has no key: n went to next_unread; give next_match a key of \
                      its own in [keys] to use it"
                .into(),
            short: "next match has no key: n went to next unread".into(),
        }]
    );
    // The binding wins: n is next_unread's.
    assert_eq!(config.keys[&Action::NextUnread].len(), 2);
    // An action bound to nothing on purpose, or one that keeps a key, is no warning.
    let config = parse("[keys]\nhelp = []\nmove_down = [\"x\"]\nquit = [\"j\"]\n").unwrap();
    assert_eq!(config.warnings, []);
    assert_eq!(parse("").unwrap().warnings, []);
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
