//! Every byte the reader writes to its terminal, checked: the real binary runs in a
//! pseudo-terminal over a corpus of hostile articles and feeds, is driven through every
//! article, its links, the help, a search, the tag filter and the bookmarks (and over an
//! illustrated feed, whose pictures are SGR colours on half blocks), and its output is
//! parsed into escape sequences. Only those the renderer itself emits are allowed (cursor
//! moves, colours and attributes, erasing, and the mode switches for the alternate screen, the
//! cursor, the mouse and bracketed paste); any OSC, DCS, APC, PM or SOS, any C1 control, any
//! other CSI and any BEL, backspace or other control character outside a sequence fails.
//!
//! The pseudo-terminal is util-linux's `script` (in Debian's essential `bsdutils`, so present
//! wherever the tests run); no crate is needed. It is started at 120×40 with `stty`.

use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::cli::Env;
use crate::support::hostile::{fixture, s};
use crate::support::http_server::{ServerResponse, TestServer};

// ---------------------------------------------------------------------------------------
// The allow-list
// ---------------------------------------------------------------------------------------

/// Private modes (`CSI ? n h` / `CSI ? n l`) the renderer switches: cursor visibility (25),
/// the alternate screen (1049), mouse reporting (1000, 1002, 1003, 1006, 1015) and bracketed
/// paste (2004).
const MODES: [&str; 8] = ["25", "1049", "1000", "1002", "1003", "1006", "1015", "2004"];

/// Final bytes of the CSI sequences allowed with plain numeric parameters: cursor position
/// (H), cursor moves (A B C D), column (G), erase in display and line (J K) and SGR colours
/// and attributes (m).
const CSI_FINALS: &[u8] = b"HABCDGJKm";

/// What is wrong in a stream of terminal output: one line per forbidden sequence or
/// character, with its byte offset. Empty when all is allowed.
fn forbidden(output: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let text = String::from_utf8_lossy(output);
    if let std::borrow::Cow::Owned(_) = text {
        found.push("the output is not valid UTF-8".to_string());
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    while i < chars.len() {
        let (offset, c) = chars[i];
        match c {
            '\x1b' => match at(i + 1) {
                Some('[') => {
                    // CSI: parameter bytes 0x30-0x3F, intermediates 0x20-0x2F, a final byte.
                    let mut j = i + 2;
                    while at(j).is_some_and(|c| ('\x30'..='\x3f').contains(&c)) {
                        j += 1;
                    }
                    let params: String = chars[i + 2..j].iter().map(|&(_, c)| c).collect();
                    let intermediates_start = j;
                    while at(j).is_some_and(|c| ('\x20'..='\x2f').contains(&c)) {
                        j += 1;
                    }
                    let Some(last) = at(j).filter(|c| ('\x40'..='\x7e').contains(c)) else {
                        found.push(format!("{offset}: an unfinished CSI {params:?}"));
                        i = j;
                        continue;
                    };
                    let intermediates = j > intermediates_start;
                    let allowed = !intermediates
                        && if let Some(mode) = params.strip_prefix('?') {
                            matches!(last, 'h' | 'l') && MODES.contains(&mode)
                        } else {
                            last.is_ascii()
                                && CSI_FINALS.contains(&(last as u8))
                                && params.chars().all(|c| c.is_ascii_digit() || c == ';')
                        };
                    if !allowed {
                        let sequence: String = chars[i + 1..=j].iter().map(|&(_, c)| c).collect();
                        found.push(format!("{offset}: CSI ESC{sequence:?}"));
                    }
                    i = j + 1;
                }
                Some(']') => {
                    // OSC: only the renderer's own clipboard write, OSC 52 with base64 text.
                    let mut j = i + 2;
                    while at(j).is_some_and(|c| c != '\x07' && c != '\x1b') {
                        j += 1;
                    }
                    let body: String = chars[i + 2..j.min(chars.len())]
                        .iter()
                        .map(|&(_, c)| c)
                        .collect();
                    let ended_by_bel = at(j) == Some('\x07');
                    let clipboard = body.strip_prefix("52;c;").is_some_and(|data| {
                        !data.is_empty()
                            && data
                                .chars()
                                .all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c))
                    });
                    if !(ended_by_bel && clipboard) {
                        found.push(format!("{offset}: OSC {body:?}"));
                    }
                    i = j + 1;
                }
                Some(kind @ ('P' | '_' | '^' | 'X')) => {
                    found.push(format!(
                        "{offset}: a DCS, APC, PM or SOS string (ESC {kind})"
                    ));
                    i += 2;
                }
                other => {
                    found.push(format!("{offset}: ESC followed by {other:?}"));
                    i += 2;
                }
            },
            '\r' | '\n' => i += 1,
            c if c.is_control() => {
                found.push(format!("{offset}: control character {c:?}"));
                i += 1;
            }
            '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}' => {
                found.push(format!("{offset}: invisible or bidi character {c:?}"));
                i += 1;
            }
            _ => i += 1,
        }
    }
    found
}

#[test]
fn the_allow_list_catches_what_it_must() {
    let renderer = b"\x1b[?1049h\x1b[?25l\x1b[?1000h\x1b[?1002h\x1b[?1003h\x1b[?1015h\
        \x1b[?1006h\x1b[?2004h\x1b[1;1H\x1b[38;5;13m\x1b[1m\x1b[0mHello \xe2\x95\xad\r\n\x1b[2J\
        \x1b[K\x1b]52;c;aGk=\x07\x1b[?2004l\x1b[?1049l\x1b[?25h";
    assert_eq!(forbidden(renderer), Vec::<String>::new());
    for bad in [
        &b"\x1b]0;title\x07"[..],
        b"\x1b]8;;https://x\x1b\\link\x1b]8;;\x1b\\",
        b"\x1b]52;c;not base64!\x07",
        b"\x1bP1$r\x1b\\",
        b"\x1b_apc\x1b\\",
        b"\x1b^pm\x1b\\",
        b"\x1bXsos\x1b\\",
        "\u{9b}31m".as_bytes(),
        "\u{9d}0;t\u{9c}".as_bytes(),
        b"bell\x07",
        b"back\x08space",
        b"tab\there",
        b"\x7f",
        b"\x1b[2;3r",
        b"\x1b[6n",
        b"\x1b[>c",
        b"\x1b[?1l",
        b"\x1b[31 q",
        b"\x1bc",
        b"\x1b[",
        "\u{202e}gnp.exe".as_bytes(),
        "zero\u{200b}width".as_bytes(),
        b"\xff\xfe",
    ] {
        assert!(
            !forbidden(bad).is_empty(),
            "{:?} should be refused",
            String::from_utf8_lossy(bad)
        );
    }
}

// ---------------------------------------------------------------------------------------
// The pseudo-terminal
// ---------------------------------------------------------------------------------------

const TIMEOUT: Duration = Duration::from_secs(30);

/// tidings in a pseudo-terminal: keys written in, every byte it writes recorded.
struct Pty {
    child: Child,
    stdin: Option<ChildStdin>,
    output: Arc<Mutex<Vec<u8>>>,
}

fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

impl Pty {
    fn start(env: &Env, args: &[&str]) -> Self {
        Self::start_with(env, args, &[])
    }

    /// Starts it with more environment variables set.
    fn start_with(env: &Env, args: &[&str], vars: &[(&str, &str)]) -> Self {
        match Command::new("script").arg("--version").output() {
            Ok(output) if output.status.success() => {}
            _ => panic!(
                "this test needs `script` from util-linux on PATH (Debian: bsdutils); \
                 it is not skipped without it"
            ),
        }
        let mut line = format!(
            "stty cols 120 rows 40 && exec {}",
            quoted(env!("CARGO_BIN_EXE_tidings"))
        );
        for arg in args {
            line.push(' ');
            line.push_str(&quoted(arg));
        }
        let mut child = Command::new("script")
            .args(["-q", "-f", "-e", "-c", &line, "/dev/null"])
            .current_dir(env.root())
            .env_remove("TIDINGS_CONFIG")
            .env_remove("TIDINGS_DATA_DIR")
            .env("TIDINGS_CONFIG", env.config())
            .env("TIDINGS_DATA_DIR", env.data_dir())
            .env("HOME", env.root())
            .env("XDG_CONFIG_HOME", env.root().join(".config"))
            .env("XDG_DATA_HOME", env.root().join(".local/share"))
            .env("TERM", "xterm-256color")
            .env("LANG", "C.UTF-8")
            .env("SHELL", "/bin/sh")
            // No clipboard program is started: a copy goes through the terminal (OSC 52).
            .env("PATH", "/usr/bin:/bin")
            .env("WAYLAND_DISPLAY", "")
            .env_remove("DISPLAY")
            .env_remove("COLORTERM")
            .env_remove("NO_COLOR")
            .envs(vars.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start script");
        let output = Arc::new(Mutex::new(Vec::new()));
        let mut stdout = child.stdout.take().expect("stdout");
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(n) = stdout.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .expect("the output")
                    .extend_from_slice(&buffer[..n]);
            }
        });
        let stdin = child.stdin.take();
        Self {
            child,
            stdin,
            output,
        }
    }

    fn len(&self) -> usize {
        self.output.lock().expect("the output").len()
    }

    fn contains(&self, needle: &[u8]) -> bool {
        let output = self.output.lock().expect("the output");
        output.windows(needle.len()).any(|w| w == needle)
    }

    fn wait_for(&self, needle: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while !self.contains(needle.as_bytes()) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {needle:?}; output so far: {:?}",
                String::from_utf8_lossy(&self.output.lock().expect("the output"))
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the output has stopped growing for a moment, so each key is drawn before
    /// the next one is sent (not a timing assertion: it only paces the keys).
    fn settle(&self) {
        let deadline = Instant::now() + TIMEOUT;
        let mut last = self.len();
        loop {
            std::thread::sleep(Duration::from_millis(60));
            let now = self.len();
            if now == last || Instant::now() > deadline {
                return;
            }
            last = now;
        }
    }

    fn keys(&mut self, keys: &str) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(keys.as_bytes()).expect("write keys");
        stdin.flush().expect("flush keys");
        self.settle();
    }

    /// Waits for tidings to exit; returns its exit code and every byte it wrote.
    fn finish(mut self) -> (Option<i32>, Vec<u8>) {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait for script") {
                break status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("tidings did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        drop(self.stdin.take());
        // The reader thread ends at end of file; take what it has.
        std::thread::sleep(Duration::from_millis(100));
        let output = self.output.lock().expect("the output").clone();
        (status.code(), output)
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn report(problems: &[String], output: &[u8]) -> String {
    let shown: Vec<String> = problems
        .iter()
        .take(20)
        .map(|problem| {
            let offset: usize = problem
                .split(':')
                .next()
                .and_then(|o| o.parse().ok())
                .unwrap_or(0);
            let start = offset.saturating_sub(40);
            let end = (offset + 40).min(output.len());
            format!(
                "{problem}\n    around: {:?}",
                String::from_utf8_lossy(&output[start..end])
            )
        })
        .collect();
    format!(
        "{} forbidden sequences in {} bytes of output:\n{}",
        problems.len(),
        output.len(),
        shown.join("\n")
    )
}

// ---------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------

#[test]
fn only_the_renderers_own_sequences_reach_the_terminal() {
    let env = Env::new();
    let atom = format!("file://{}", s(&fixture("escapes-raw.atom")));
    let sources = [
        s(&fixture("escapes.txt")).to_string(),
        s(&fixture("escapes.md")).to_string(),
        s(&fixture("escapes-entities.rss")).to_string(),
        atom,
    ];
    let sources: Vec<&str> = sources.iter().map(String::as_str).collect();
    let mut list = vec!["list", "--json"];
    list.extend(&sources);
    let listed: serde_json::Value = serde_json::from_str(&env.ok(&list)).expect("JSON");
    let count = listed.as_array().expect("an array").len();
    assert!(count >= 5, "the corpus has {count} articles");

    let mut pty = Pty::start(&env, &sources);
    pty.wait_for("Articles");
    pty.settle();
    // Every article: open it, page down, show its links and close them, back to the list.
    for _ in 0..count {
        pty.keys("\r");
        pty.keys(" ");
        pty.keys("L");
        pty.keys("\x1b");
        pty.keys("y");
        pty.keys("h");
        pty.keys("b");
        pty.keys("j");
    }
    // The help, a search with its matches, the tag filter and the bookmarks.
    pty.keys("?");
    pty.keys("x");
    pty.keys("/");
    pty.keys("pwned");
    pty.keys("\r");
    pty.keys("n");
    pty.keys("c");
    pty.keys("t");
    pty.keys(" ");
    pty.keys("j");
    pty.keys(" ");
    pty.keys("\t");
    pty.keys("B");
    pty.keys("\r");
    pty.keys("B");
    pty.keys("q");
    let (code, output) = pty.finish();
    let text = String::from_utf8_lossy(&output);
    assert_eq!(code, Some(0), "tidings exits cleanly: {text:?}");

    // It was really driven: the articles, the help and the search were drawn.
    for drawn in ["pwned-title", "Keys", "pwned", "Bookmarks"] {
        assert!(text.contains(drawn), "{drawn:?} was never drawn");
    }
    let problems = forbidden(&output);
    assert!(problems.is_empty(), "{}", report(&problems, &output));
    // And the terminal is given back: the main screen and the cursor, after the last frame.
    let restored = text
        .rfind("\x1b[?1049l")
        .expect("the alternate screen is left");
    assert!(
        text[restored..].contains("\x1b[?25h"),
        "the cursor is shown again"
    );
}

/// A hostile web page read with `f`: escape sequences in its title, site name, byline,
/// text, captions and links, raw and as character references, in a page that declares a
/// character set of C1 controls. Its linked page is read too (`L`, then `f`).
#[test]
fn a_hostile_page_read_with_f_reaches_the_terminal_only_as_text() {
    let evil = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}P1$tpwned\u{1b}\\\u{9b}31m\u{7}\u{8}\u{202e}";
    let paragraph = |n: usize| {
        format!(
            "<p>Paragraph {n} of the hostile page {evil} with &#27;[31m and &#x9b;2J and \
             &#7; in it, and a <a href='https://evil.example/{evil}/{n}'>link {evil}</a> \
             that goes on long enough to be read as the article's text.</p>"
        )
    };
    let page = format!(
        "<html><head><meta charset='utf-8'><title>hostile-page {evil}</title>\
         <meta property='og:site_name' content='Site {evil}'>\
         <meta name='author' content='Author {evil}'></head><body><article>\
         <h1>hostile-page {evil}</h1>{}<figure><img src='/p.jpg' alt='alt {evil}'>\
         <figcaption>Caption {evil}</figcaption></figure>{}</article></body></html>",
        (0..3).map(paragraph).collect::<String>(),
        (3..6).map(paragraph).collect::<String>(),
    );
    let server = TestServer::start(move |_| {
        ServerResponse::ok(page.clone()).header("Content-Type", "text/html; charset=utf-8")
    });
    let env = Env::new();
    let feed = env.write(
        "hostile-link.rss",
        format!(
            "<?xml version='1.0'?><rss version='2.0'><channel><title>Links</title>\
             <item><title>hostile-item</title><link>{}</link><description>A teaser.\
             </description></item></channel></rss>",
            server.url("/story.html")
        ),
    );
    let feed = s(&feed);
    let mut pty = Pty::start(&env, &[feed]);
    pty.wait_for("hostile-item");
    pty.settle();
    pty.keys("\r");
    pty.keys("f");
    // Drawn word by word: a link number of the page's text means the full text is shown.
    pty.wait_for("[3]");
    pty.keys(" ");
    pty.keys("L");
    pty.keys("j");
    pty.keys("f");
    pty.keys("f");
    pty.keys("L");
    pty.keys("\x1b");
    pty.keys("q");
    let (code, output) = pty.finish();
    let text = String::from_utf8_lossy(&output);
    assert_eq!(code, Some(0), "tidings exits cleanly: {text:?}");
    assert!(text.contains("from 127.0.0.1"), "the full text was shown");
    let problems = forbidden(&output);
    assert!(problems.is_empty(), "{}", report(&problems, &output));
}

/// An illustrated feed whose pictures come from a real server on 127.0.0.1: good ones, a
/// bomb, a missing one and an SVG, in true colour and in 256 colours. The pictures are drawn,
/// and still only the renderer's own sequences (colours as SGR) reach the terminal.
#[test]
fn pictures_are_only_the_renderers_own_sequences() {
    use crate::support::http_server::{ServerResponse, TestServer};
    use crate::support::pictures;

    let server = TestServer::start(|request| match request.path.as_str() {
        "/a.png" => ServerResponse::ok(pictures::png(60, 40)),
        "/b.jpg" => ServerResponse::ok(pictures::jpeg(80, 40)),
        "/bomb.png" => ServerResponse::ok(pictures::bomb()),
        "/logo.svg" => ServerResponse::ok(&b"<svg xmlns='http://www.w3.org/2000/svg'/>"[..]),
        _ => ServerResponse::new(404),
    });
    let env = Env::new();
    let item = |n: usize, title: &str, body: &str| {
        format!(
            "<item><title>{title}</title><guid>p{n}</guid><link>{}</link>\
             <pubDate>Mon, {n:02} Nov 2026 10:00:00 GMT</pubDate>\
             <description><![CDATA[{body}]]></description></item>",
            server.url(&format!("/story{n}.html"))
        )
    };
    let feed = format!(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Pictures</title>{}{}{}</channel></rss>",
        item(
            23,
            "pictured-one",
            "<p>Before.</p><img src='/a.png' alt='A'><p>Between \u{1b}[31m.</p><img src='/b.jpg'>"
        ),
        item(
            22,
            "pictured-two",
            "<p>A bomb:</p><img src='/bomb.png'><p>An SVG:</p><img src='/logo.svg'><img src='/gone.png'>"
        ),
        item(21, "pictured-three", "<p>No pictures here.</p>"),
    );
    let path = env.root().join("pictures.xml");
    std::fs::write(&path, feed).unwrap();
    let path = path.to_str().unwrap();
    for (colorterm, sgr) in [("truecolor", "\x1b[38;2;"), ("", "\x1b[38;5;")] {
        let mut pty = Pty::start_with(&env, &[path], &[("COLORTERM", colorterm)]);
        pty.wait_for("pictured-one");
        pty.settle();
        pty.keys("\r");
        pty.wait_for("▀");
        pty.keys(" ");
        pty.keys("h");
        pty.keys("j");
        pty.wait_for("picture not shown: it is 30000×30000 pixels");
        pty.keys("\r");
        pty.keys(" ");
        pty.keys("h");
        pty.keys("j");
        pty.keys("q");
        let (code, output) = pty.finish();
        let text = String::from_utf8_lossy(&output);
        assert_eq!(code, Some(0), "tidings exits cleanly: {text:?}");
        assert!(text.contains(sgr), "pictures are drawn with {sgr:?}");
        assert!(text.contains("SVG pictures are not shown"));
        let problems = forbidden(&output);
        assert!(problems.is_empty(), "{}", report(&problems, &output));
    }
}

/// The reader over the hostile corpus in tmux, resized again and again between 1×1 and
/// 500×200 while keys keep coming: it keeps drawing, never panics, and still quits cleanly.
#[test]
fn resizing_between_1x1_and_500x200_while_working_keeps_it_working() {
    use crate::support::tmux::{Tmux, status_line};

    let sources = [
        s(&fixture("escapes.txt")).to_string(),
        s(&fixture("escapes.md")).to_string(),
        s(&fixture("escapes-entities.rss")).to_string(),
    ];
    let sources: Vec<&str> = sources.iter().map(String::as_str).collect();
    let tmux = Tmux::started(&sources, &[]);
    tmux.wait_for("╭ Articles ");
    let sizes: [(u16, u16); 12] = [
        (1, 1),
        (500, 200),
        (2, 1),
        (30, 8),
        (29, 7),
        (1, 200),
        (500, 1),
        (80, 24),
        (31, 9),
        (3, 3),
        (200, 60),
        (1, 1),
    ];
    let keys: [&[&str]; 6] = [
        &["j", "Enter"],
        &["Space", "h"],
        &["?"],
        &["x", "t", "Space"],
        &["/", "p", "w", "Enter"],
        &["c", "b", "k"],
    ];
    for round in 0..3 {
        for (n, &(width, height)) in sizes.iter().enumerate() {
            tmux.resize(width, height);
            tmux.keys(keys[(n + round) % keys.len()]);
        }
    }
    tmux.resize(120, 40);
    tmux.keys(&["Escape"]);
    tmux.keys(&["c"]);
    tmux.wait_until("all three panes and the status line", |screen| {
        screen.contains("╭ Feeds & tags ")
            && screen.contains("╭ Articles ")
            && screen.contains("╭ Reader ")
            && status_line(screen).contains(" of ")
    });
    tmux.quit();
}
