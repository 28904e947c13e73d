//! Whole screens drawn to ratatui's `TestBackend` and compared with snapshots, at 120x40,
//! 80x24 and 50x16, driven by the same keys a person presses.

mod newcomer;

use chrono::{FixedOffset, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;
use ratatui::style::{Color, Modifier};

use tidings::app::{App, Settings, Start, SyncSetup};
use tidings::config::Config;

use tidings::event::Event;
use tidings::keymap::Keymap;
use tidings::model::library::Library;
use tidings::model::{Block, Body, FullText, Span, Subscription};
use tidings::picture::Colours;
use tidings::picture::decode;
use tidings::picture::worker::PictureReport;
use tidings::query::{self, Origin, SavedQuery};
use tidings::refresh::{FeedReport, FeedResult, Summary};
use tidings::source::discover::Named;
use tidings::source::feed::{self, FeedSource, Kind};
use tidings::source::load;
use tidings::theme::Theme;
use tidings::ui;
use tidings::worker::discovery::DiscoveryReport;
use tidings::worker::full_text::{FullTextReport, FullTextRequest};
use tidings::worker::pictures::PictureRequest;
use tidings::worker::refresh::RefreshReport;
use tidings::worker::store::{StoreReport, StoreRequest};

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (50, 16)];

fn settings(colour: bool) -> Settings {
    let config = Config::default();
    Settings {
        layout: config.layout.clone(),
        date_format: "%-d %B %Y".into(),
        offset: FixedOffset::east_opt(0).unwrap(),
        theme: Theme::new(&config.theme, colour),
        keymap: Keymap::default(),
        refresh_every: 30,
    }
}

fn app_with(library: Library, width: u16, height: u16, colour: bool) -> App {
    app_from(Start::new(library, settings(colour)), width, height)
}

/// The app as it starts from `start`, at `width` x `height`.
fn app_from(start: Start, width: u16, height: u16) -> App {
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    App::new(start, Size::new(width, height), now)
}

/// The bundled samples, as the reader shows them on a fresh machine.
fn samples() -> Library {
    let mut library = Library::default();
    library.add_samples(load::samples());
    library
}

fn app(width: u16, height: u16) -> App {
    app_with(samples(), width, height, true)
}

/// The samples app, with what start-up read changed by `adjust`.
fn app_starting(adjust: impl Fn(&mut Start), width: u16, height: u16) -> App {
    let mut start = Start::new(samples(), settings(true));
    adjust(&mut start);
    app_from(start, width, height)
}

/// Sync on, every `every` minutes, with no feeds on the server yet.
fn syncing(every: u16) -> impl Fn(&mut Start) {
    move |start| {
        start.sync = Some(SyncSetup {
            every,
            server_feeds: Vec::new(),
        });
    }
}

fn keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        for effect in app.handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE))) {
            // Confirm what the store worker would have saved.
            let report = match effect {
                tidings::effect::Effect::Store(StoreRequest::SaveBookmark(article)) => {
                    StoreReport::BookmarkSaved(article.id)
                }
                tidings::effect::Effect::Store(StoreRequest::RemoveBookmark(id)) => {
                    StoreReport::BookmarkRemoved(id)
                }
                tidings::effect::Effect::Store(StoreRequest::MarkRead(id)) => {
                    StoreReport::MarkedRead(id)
                }
                tidings::effect::Effect::Store(StoreRequest::SetRead { ids, read, change }) => {
                    StoreReport::ReadSet { ids, read, change }
                }
                _ => continue,
            };
            app.handle(Event::Store(report));
        }
    }
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size().width, app.size().height)).unwrap();
    terminal.draw(|frame| ui::draw(frame, app)).unwrap();
    terminal
}

/// Snapshots one screen state at every size; `setup` presses the keys that lead there.
fn snapshot_at_every_size(name: &str, setup: impl Fn(&mut App)) {
    snapshot_at_every_size_starting(name, |_| {}, setup);
}

/// The same, from a start changed by `adjust`.
fn snapshot_at_every_size_starting(
    name: &str,
    adjust: impl Fn(&mut Start),
    setup: impl Fn(&mut App),
) {
    for (width, height) in SIZES {
        let mut app = app_starting(&adjust, width, height);
        setup(&mut app);
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), draw(&app).backend());
    }
}

#[test]
fn list_and_reader() {
    snapshot_at_every_size("list_and_reader", |app| keys(app, "jj"));
}

#[test]
fn article_opened_and_scrolled() {
    snapshot_at_every_size("article_opened", |app| keys(app, "j\n  "));
}

#[test]
fn tag_filter_with_selections() {
    // Culture and Cities (below the samples), then ALL mode: the one article with both.
    snapshot_at_every_size("tag_filter", |app| keys(app, "tj j a"));
}

#[test]
fn saved_queries_head_the_pane_and_one_is_chosen() {
    let queries = |start: &mut Start| {
        start.queries = [
            "Unread culture:tag:culture is:unread",
            "Cities or transit:tag:cities OR title:/transit|tram/",
        ]
        .iter()
        .map(|line| {
            let (name, query) = line.split_once(':').unwrap();
            SavedQuery {
                name: name.to_string(),
                query: query::parse(query).unwrap(),
                origin: Origin::Config,
            }
        })
        .collect();
    };
    // Into the pane, the first query chosen.
    snapshot_at_every_size_starting("saved_queries", queries, |app| keys(app, "t "));
}

#[test]
fn a_query_being_typed_says_what_is_missing() {
    snapshot_at_every_size("search_query_unfinished", |app| {
        keys(app, "/is:unread tag:")
    });
}

#[test]
fn a_query_typed_in_the_search_box() {
    snapshot_at_every_size("search_query", |app| keys(app, "/tag:culture -tag:food"));
}

#[test]
fn a_feed_being_added_by_its_address() {
    snapshot_at_every_size("add_feed_typed", |app| keys(app, "+https://blog.example/"));
}

#[test]
fn a_site_names_several_feeds_to_choose_from() {
    snapshot_at_every_size("add_feed_choices", |app| {
        keys(app, "+https://blog.example/\n");
        let named = |url: &str, title: &str, kind| Named {
            url: url.to_string(),
            title: title.to_string(),
            kind,
        };
        app.handle(Event::Discovery(DiscoveryReport::Choices {
            page: "https://blog.example/".into(),
            found: vec![
                named("https://blog.example/feed.xml", "All posts", Kind::Rss),
                named("https://blog.example/comments/atom.xml", "", Kind::Atom),
                named(
                    "https://blog.example/feed.json",
                    "JSON Feed",
                    Kind::JsonFeed,
                ),
            ],
        }));
        keys(app, "j");
    });
}

#[test]
fn search_being_typed() {
    snapshot_at_every_size("search", |app| keys(app, "/noodle"));
}

#[test]
fn help_overlay() {
    snapshot_at_every_size("help", |app| keys(app, "?"));
}

#[test]
fn help_scrolled_to_its_end_on_a_short_terminal() {
    let mut app = app(80, 24);
    keys(&mut app, "?jjjjjjjjjjjjjjjjjjjjjjjjjjjjj");
    insta::assert_snapshot!("help_scrolled_80x24", draw(&app).backend());
}

#[test]
fn bookmarks_view() {
    snapshot_at_every_size("bookmarks", |app| keys(app, "bjjbB"));
}

#[test]
fn empty_bookmarks_view() {
    snapshot_at_every_size("no_bookmarks", |app| keys(app, "B"));
}

#[test]
fn too_small_terminal() {
    for (width, height) in [(29, 10), (40, 7), (1, 1), (0, 0)] {
        let app = app(width, height);
        let terminal = draw(&app);
        if width >= 20 {
            insta::assert_snapshot!(format!("too_small_{width}x{height}"), terminal.backend());
        }
    }
}

#[test]
fn every_size_from_tiny_to_huge_draws() {
    let library = samples();
    for (width, height) in [
        (1, 1),
        (2, 30),
        (30, 8),
        (31, 9),
        (79, 24),
        (80, 5),
        (119, 40),
        (250, 80),
        (500, 200),
    ] {
        let mut app = app_with(library.clone(), width, height, true);
        keys(&mut app, "jt \t\n G?");
        draw(&app);
    }
}

#[test]
fn search_matches_are_highlighted_in_colour() {
    let mut app = app(120, 40);
    keys(&mut app, "/noodle\n\n");
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let highlighted = buffer
        .content()
        .iter()
        .filter(|cell| cell.bg == Color::Yellow)
        .count();
    assert!(
        highlighted >= "noodle".len() * 2,
        "{highlighted} highlighted cells"
    );
}

#[test]
fn no_colour_means_no_colour_but_selection_still_shows() {
    let mut app = app_with(samples(), 120, 40, false);
    keys(&mut app, "/noodle\n");
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert_eq!(
            (cell.fg, cell.bg),
            (Color::Reset, Color::Reset),
            "cell {:?}",
            cell.symbol()
        );
    }
    let reversed = buffer
        .content()
        .iter()
        .filter(|cell| cell.modifier.contains(ratatui::style::Modifier::REVERSED))
        .count();
    assert!(
        reversed > 30,
        "the selection and matches are in reverse video"
    );
}

#[test]
fn escape_sequences_from_articles_never_reach_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.txt");
    std::fs::write(
        &path,
        "Source: Bad\x1b]0;owned\x07 Source\nAuthor: \x1b[2JEve\nTags: a\x1b[31mb, \u{9b}c\n\nEvil \x1b]0;pwned\x07 title\n\nBody \x1b]52;c;aGk=\x07 with \x1b[5mblink and \x08\x08 back\rspace.\n",
    )
    .unwrap();
    let loaded = load::load_paths(&[path]);
    let mut app = app_with(Library::new(loaded.articles), 120, 40, true);
    keys(&mut app, "\n");
    let terminal = draw(&app);
    for cell in terminal.backend().buffer().content() {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control()),
            "control character in cell {:?}",
            cell.symbol()
        );
    }
    insta::assert_snapshot!("hostile_article", terminal.backend());
}

/// The HTML-heavy fixture feed plus two more feeds, as the reader shows them.
fn feed_app(width: u16, height: u16) -> App {
    let fixture = |name: &str| {
        std::fs::read(format!(
            "{}/tests/fixtures/feeds/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    let feeds = [
        ("https://example.com/long", "html-heavy.xml"),
        ("https://example.com/harbour", "rss2.xml"),
        ("https://example.net/ledger", "atom.xml"),
    ];
    let mut library = Library::new(Vec::new());
    let mut subscriptions = Vec::new();
    for (url, file) in feeds {
        let source = FeedSource {
            url,
            name: None,
            tags: &[],
            ..FeedSource::default()
        };
        library.merge(
            Some(url),
            feed::parse(&fixture(file), source).unwrap().articles,
        );
        subscriptions.push(Subscription {
            full_text: false,
            url: url.into(),
            name: None,
            tags: Vec::new(),
            every: None,
        });
    }
    let start = Start {
        feeds: subscriptions,
        ..Start::new(library, settings(true))
    };
    app_from(start, width, height)
}

fn report(done: usize, url: &str, name: &str, result: FeedResult) -> Event {
    let report = FeedReport {
        read: Vec::new(),
        bookmarked: Vec::new(),
        url: url.into(),
        name: name.into(),
        result,
        articles: Vec::new(),
    };
    Event::Refresh(RefreshReport::Feed { done, report })
}

#[test]
fn an_html_article_from_a_feed() {
    for (width, height) in [(120, 40), (80, 24)] {
        let mut app = feed_app(width, height);
        // The HTML-heavy item is the second newest.
        keys(&mut app, "j\n");
        insta::assert_snapshot!(
            format!("html_article_{width}x{height}"),
            draw(&app).backend()
        );
    }
}

/// The one article of the shapes fixture (verse, a rule, a table, superscripts), opened.
fn shapes_app(width: u16, height: u16) -> App {
    let bytes = std::fs::read(format!(
        "{}/tests/fixtures/feeds/shapes.xml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let url = "https://shapes.example/feed.xml";
    let source = FeedSource::new(url);
    let mut library = Library::new(Vec::new());
    library.merge(Some(url), feed::parse(&bytes, source).unwrap().articles);
    let mut app = app_with(library, width, height, true);
    keys(&mut app, "\n");
    app
}

#[test]
fn an_article_with_verse_a_rule_a_table_and_superscripts() {
    for (width, height) in SIZES {
        let app = shapes_app(width, height);
        insta::assert_snapshot!(format!("shapes_{width}x{height}"), draw(&app).backend());
    }
    // The table, below the first screen on a small terminal.
    let mut app = shapes_app(50, 16);
    keys(&mut app, "jjjjjjjjjjj");
    insta::assert_snapshot!("shapes_scrolled_50x16", draw(&app).backend());
}

#[test]
fn refresh_progress_in_the_status_line() {
    let mut app = feed_app(120, 40);
    keys(&mut app, "r");
    app.handle(report(
        1,
        "https://example.com/long",
        "Long Reads",
        FeedResult::NotModified,
    ));
    app.handle(Event::Refresh(RefreshReport::Feed {
        done: 2,
        report: FeedReport {
            read: Vec::new(),
            bookmarked: Vec::new(),
            url: "https://example.com/harbour".into(),
            name: "Harbour Gazette".into(),
            result: FeedResult::Failed("HTTP 404 Not Found".into()),
            articles: Vec::new(),
        },
    }));
    insta::assert_snapshot!("refresh_progress", draw(&app).backend());
    let summary = Summary {
        feeds: 3,
        new: 5,
        failed: 1,
        ..Summary::default()
    };
    app.handle(Event::Refresh(RefreshReport::Finished(summary)));
    let status = app.status().cloned().unwrap();
    assert!(status.is_error);
    assert_eq!(
        status.text,
        "refreshed 3 feeds: +5 new · 1 failed (HTTP 404 Not Found)"
    );
}

/// The last row of the screen, the status line, as text.
fn status_row(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let y = buffer.area.height - 1;
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect::<String>()
        .trim()
        .to_string()
}

/// A config whose binding takes the only key of next_match: the reader says so as it starts,
/// in the status line, until a key is pressed; the help still marks the action unbound.
#[test]
fn an_action_left_without_a_key_is_said_in_the_status_line_at_start() {
    let config = Config::parse(
        "[keys]\nnext_unread = [\"n\"]\n",
        std::path::Path::new("config.toml"),
    )
    .unwrap();
    let start = |store_problem: Option<String>| {
        let adjust = |start: &mut Start| {
            start.settings.keymap = Keymap::with_overrides(&config.keys);
            start.store_problem.clone_from(&store_problem);
            start.config_warnings.clone_from(&config.warnings);
        };
        app_starting(adjust, 120, 40)
    };
    let mut app = start(None);
    let status = status_row(&draw(&app));
    assert!(
        status.ends_with("next match has no key: n went to next unread · see tidings check-config"),
        "{status}"
    );
    assert!(status.starts_with("14 unread of 14"), "{status}");
    keys(&mut app, "?");
    let screen = format!("{:?}", draw(&app).backend());
    assert!(screen.contains("(unbound)   next search match"), "{screen}");
    // A store that cannot keep bookmarks is graver: it is what the status line says.
    let app = start(Some("database is locked".into()));
    let status = status_row(&draw(&app));
    assert!(
        status.contains("bookmarks and read marks are off"),
        "{status}"
    );
}

#[test]
fn the_feeds_list_with_errors() {
    for (width, height) in [(120, 40), (50, 16)] {
        let mut app = feed_app(width, height);
        keys(&mut app, "r");
        app.handle(report(
            1,
            "https://example.com/long",
            "Long Reads",
            FeedResult::NotModified,
        ));
        app.handle(report(
            2,
            "https://example.com/harbour",
            "Harbour Gazette",
            FeedResult::Failed("HTTP 404 Not Found".into()),
        ));
        app.handle(report(
            3,
            "https://example.net/ledger",
            "Open Ledger",
            FeedResult::Skipped("HTTP 429: the server asked to wait until 12:30".into()),
        ));
        keys(&mut app, "Fj");
        insta::assert_snapshot!(format!("feeds_list_{width}x{height}"), draw(&app).backend());
    }
}

#[test]
fn the_links_of_an_article() {
    let mut app = feed_app(80, 24);
    keys(&mut app, "L");
    insta::assert_snapshot!("links_80x24", draw(&app).backend());
}

#[test]
fn the_newest_articles_while_the_whole_list_is_read() {
    snapshot_at_every_size_starting(
        "reading_the_whole_list",
        |start| start.newest_only = true,
        |_| {},
    );
}

/// The feed app with its newest article's full text asked for with `f`.
fn full_text_app(width: u16, height: u16) -> (App, tidings::model::ArticleId, String) {
    let mut app = feed_app(width, height);
    let effects = app.handle(Event::Key(KeyEvent::new(
        KeyCode::Char('f'),
        KeyModifiers::NONE,
    )));
    let job = effects
        .into_iter()
        .find_map(|effect| match effect {
            tidings::effect::Effect::FullText(FullTextRequest::Article(job)) => Some(job),
            _ => None,
        })
        .expect("f asks for the full text");
    (app, job.id, job.url)
}

#[test]
fn the_full_text_of_an_article_and_its_states() {
    for (width, height) in SIZES {
        let (mut app, id, url) = full_text_app(width, height);
        insta::assert_snapshot!(
            format!("full_text_reading_{width}x{height}"),
            draw(&app).backend()
        );
        let paragraphs = [
            "The whole story, from the page: the harbour wall held through the night, \
             and the fleet stayed in port until the wind dropped at dawn.",
            "The harbour master said the new gates had been tested twice this winter.",
        ];
        let body = Body {
            blocks: paragraphs
                .iter()
                .map(|text| Block::Paragraph(vec![Span::plain(*text)]))
                .collect(),
        };
        app.handle(Event::FullText(FullTextReport::Read {
            id: id.clone(),
            result: Ok(FullText { url, body }),
        }));
        insta::assert_snapshot!(format!("full_text_{width}x{height}"), draw(&app).backend());
        let (mut app, id, _) = full_text_app(width, height);
        app.handle(Event::FullText(FullTextReport::Read {
            id,
            result: Err("HTTP 403 Forbidden".into()),
        }));
        insta::assert_snapshot!(
            format!("full_text_failed_{width}x{height}"),
            draw(&app).backend()
        );
    }
}

/// Feeds as a reader follows them: one with unread articles, one read out, one with a very
/// long name, one named right to left, one not fetched yet; and the samples.
fn following_app(width: u16, height: u16) -> App {
    let feeds: [(&str, &str, usize); 5] = [
        ("https://daring.example/feed", "Daring Fireball", 12),
        ("https://harbour.example/feed", "The Harbour Gazette", 5),
        (
            "https://long.example/feed",
            "The Extraordinarily Long Name of a Regional Newspaper's Weekend Edition",
            3,
        ),
        ("https://rtl.example/feed", "الأخبار اليومية", 4),
        ("https://new.example/feed", "Not Fetched Yet", 0),
    ];
    let mut library = samples();
    let mut subscriptions = Vec::new();
    let base = Utc.with_ymd_and_hms(2026, 11, 24, 11, 0, 0).unwrap();
    for (f, (url, name, count)) in feeds.into_iter().enumerate() {
        let articles = (0..count)
            .map(|n| tidings::model::Article {
                id: tidings::model::ArticleId::from_identity(&format!("{url}\n{n}")),
                title: format!("{name}: story {}", n + 1),
                source: name.to_string(),
                author: None,
                published: Some(base - chrono::Duration::minutes((n * 7 + f) as i64)),
                url: None,
                tags: tidings::model::tag::parse_tag_list("News"),
                body: tidings::model::Body::default(),
            })
            .collect();
        library.merge(Some(url), articles);
        subscriptions.push(Subscription {
            url: url.into(),
            name: Some(name.into()),
            tags: Vec::new(),
            every: None,
            full_text: false,
        });
    }
    let start = Start {
        feeds: subscriptions,
        ..Start::new(library, settings(true))
    };
    app_from(start, width, height)
}

#[test]
fn navigation_pane_with_feeds_counts_and_a_selection() {
    for (width, height) in SIZES {
        let mut app = following_app(width, height);
        // The Harbour Gazette read out (A on it alone), then Daring Fireball chosen, one of
        // its stories opened and the pane shown again.
        keys(&mut app, "tjjj\nA");
        keys(&mut app, "tg\n\nt");
        insta::assert_snapshot!(format!("navigation_{width}x{height}"), draw(&app).backend());
    }
}

#[test]
fn marking_the_list_read_says_how_to_undo() {
    for (width, height) in SIZES {
        let mut app = following_app(width, height);
        keys(&mut app, "t\nuA");
        let status = draw(&app).backend().buffer().content()[usize::from((height - 1) * width)..]
            .iter()
            .map(ratatui::buffer::Cell::symbol)
            .collect::<String>();
        assert!(
            status.trim_end().ends_with("marked 12 read · U undoes"),
            "the message keeps its words at {width}x{height}: {status}"
        );
        insta::assert_snapshot!(
            format!("marked_all_read_{width}x{height}"),
            draw(&app).backend()
        );
    }
}

/// The illustrated fixture feed, pictures on, with each picture the reader asks for given as
/// the workers would: `halves.png` a 64×32 picture, half red and half blue; anything else
/// not found.
fn pictures_app(width: u16, height: u16, keys: &str) -> App {
    let bytes = std::fs::read(format!(
        "{}/tests/fixtures/feeds/pictures.xml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let url = "https://pictures.example/feed.xml";
    let source = FeedSource {
        url,
        name: None,
        tags: &[],
        ..FeedSource::default()
    };
    let mut library = Library::new(Vec::new());
    library.merge(Some(url), feed::parse(&bytes, source).unwrap().articles);
    let start = Start {
        picture_rows: Some(20),
        ..Start::new(library, settings(true))
    };
    let mut app = app_from(start, width, height);
    let png = crate::support::pictures::png(64, 32);
    let mut effects = app.handle(Event::Resize(width, height));
    for c in keys.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        effects.extend(app.handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE))));
    }
    while let Some(effect) = effects.pop() {
        let tidings::effect::Effect::Pictures(PictureRequest::Want(jobs)) = effect else {
            continue;
        };
        for job in jobs {
            let result = if job.url.ends_with("/halves.png") {
                decode::decode(&png, job.room, Colours::True)
            } else {
                Err("HTTP 404 Not Found".to_string())
            };
            let report = PictureReport {
                job,
                result,
                passing: false,
            };
            effects.extend(app.handle(Event::Picture(Box::new(report))));
        }
    }
    app
}

#[test]
fn an_article_with_pictures() {
    for (width, height) in SIZES {
        let app = pictures_app(width, height, "\n");
        insta::assert_snapshot!(format!("pictures_{width}x{height}"), draw(&app).backend());
    }
}

#[test]
fn pictures_are_half_blocks_in_their_own_colours() {
    let app = pictures_app(120, 40, "\n");
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let blocks: Vec<_> = buffer
        .content()
        .iter()
        .filter(|cell| cell.symbol() == "▀")
        .collect();
    // 64×32 pixels in the 52 columns of the pane: 52 by 26 pixels, 13 rows; half red and
    // half blue, each cell of one colour above and below.
    assert_eq!(blocks.len(), 52 * 13);
    let red = Color::Rgb(220, 20, 20);
    let blue = Color::Rgb(20, 20, 220);
    for colour in [red, blue] {
        let full = blocks.iter().filter(|c| c.fg == colour && c.bg == colour);
        assert_eq!(full.count(), 26 * 13);
    }
}

#[test]
fn before_a_picture_arrives_its_room_is_kept() {
    let bytes = std::fs::read(format!(
        "{}/tests/fixtures/feeds/pictures.xml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let url = "https://pictures.example/feed.xml";
    let source = FeedSource {
        url,
        name: None,
        tags: &[],
        ..FeedSource::default()
    };
    let mut library = Library::new(Vec::new());
    library.merge(Some(url), feed::parse(&bytes, source).unwrap().articles);
    let start = Start {
        picture_rows: Some(20),
        ..Start::new(library, settings(true))
    };
    let mut app = app_from(start, 80, 24);
    keys(&mut app, "j");
    insta::assert_snapshot!("picture_loading_80x24", draw(&app).backend());
}

#[test]
fn sync_progress_and_offline_in_the_status_line() {
    use tidings::sync::{Progress, Stage};
    use tidings::worker::sync::{Failure, SyncReport};
    let mut app = app_starting(syncing(15), 120, 40);
    keys(&mut app, "r");
    app.handle(Event::Sync(SyncReport::Progress(Progress {
        stage: Stage::Fetching,
        done: 1200,
        total: 5000,
    })));
    insta::assert_snapshot!("sync_progress", draw(&app).backend());
    snapshot_at_every_size_starting("sync_offline", syncing(15), |app| {
        keys(app, "r");
        app.handle(Event::Sync(SyncReport::Finished(Err(Failure {
            message: "cannot connect to rss.example.com (connection refused)".into(),
            queued: 2,
        }))));
        // A change made offline is counted; a key clears the message, not the count.
        keys(app, "b");
        app.handle(Event::Store(StoreReport::Queued(3)));
        keys(app, "j");
    });
}

/// Two bookmarks, sent with a sync (on, in a start changed by `syncing(0)`); the next says
/// the star of the second went on another device. The bookmarks view, with that one selected
/// below the bookmark.
fn unstar_the_second_bookmark(app: &mut App) {
    use tidings::store::StateChanges;
    use tidings::sync::Outcome;
    use tidings::worker::sync::SyncReport;
    keys(app, "bjjbr");
    app.handle(Event::Sync(SyncReport::Finished(Ok(Box::default()))));
    let second = app.selected_entry().unwrap().article.id.clone();
    keys(app, "r");
    app.handle(Event::Sync(SyncReport::Finished(Ok(Box::new(Outcome {
        changes: StateChanges {
            unstarred: vec![second],
            ..StateChanges::default()
        },
        ..Outcome::default()
    })))));
    keys(app, "Bj");
}

#[test]
fn articles_unstarred_elsewhere_below_the_bookmarks() {
    snapshot_at_every_size_starting(
        "bookmarks_and_unstarred",
        syncing(0),
        unstar_the_second_bookmark,
    );
    // Dim, with a hollow star.
    let mut app = app_starting(syncing(0), 50, 16);
    unstar_the_second_bookmark(&mut app);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    assert_eq!(buffer[(3, 3)].symbol(), "☆");
    assert_eq!(buffer[(5, 3)].symbol(), "H");
    assert!(buffer[(5, 3)].modifier.contains(Modifier::DIM));
    assert!(
        !buffer[(5, 1)].modifier.contains(Modifier::DIM),
        "a bookmark is not"
    );
}
