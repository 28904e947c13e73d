//! The reader's desktop: opening an address in the browser and copying it to the
//! clipboard, each answered with a message for the status line. Nothing here waits. It is
//! the one worker that is not a thread of its own: a copy may go through the terminal, which
//! only the event loop's thread writes to, between frames.

use std::io::Write;
use std::process::{Command, Stdio};
use std::thread;

use super::{Reply, Worker};

/// What the app asks of the desktop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DesktopRequest {
    /// Open this address in the browser.
    Open(String),
    /// Copy this address to the clipboard.
    Copy(String),
}

/// What came of it, for the status line: what was done, or why it could not be.
pub type DesktopReport = Result<String, String>;

/// Opens and copies for the reader.
pub struct Desktop {
    reply: Reply<DesktopReport>,
}

impl Desktop {
    pub fn new(reply: Reply<DesktopReport>) -> Self {
        Self { reply }
    }
}

impl Worker for Desktop {
    type Request = DesktopRequest;
    type Report = DesktopReport;

    fn handle(&mut self, request: DesktopRequest) {
        self.reply.send(match request {
            DesktopRequest::Open(url) => open(&url),
            DesktopRequest::Copy(url) => copy(&url),
        });
    }
}

/// Opens a web address with `$BROWSER` (a command, with arguments if any), else the
/// platform's opener. Only http and https addresses are opened.
pub fn open(url: &str) -> Result<String, String> {
    if !crate::net::is_web(url) {
        return Err(format!("only web addresses are opened, not {url}"));
    }
    let browser = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty());
    let command = browser.unwrap_or_else(|| {
        if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        }
        .to_string()
    });
    let mut words = command.split_whitespace();
    let program = words.next().unwrap_or("xdg-open");
    let spawned = Command::new(program)
        .args(words)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match spawned {
        Ok(mut child) => {
            thread::spawn(move || child.wait());
            Ok(format!("opened {url} with {program}"))
        }
        Err(e) => Err(format!(
            "cannot start {program} ({e}); set $BROWSER to your browser"
        )),
    }
}

/// Copies text to the clipboard with the first clipboard program found, else through the
/// terminal (OSC 52, which most terminals and tmux understand).
pub fn copy(text: &str) -> Result<String, String> {
    const PROGRAMS: [(&str, &[&str]); 4] = [
        ("wl-copy", &[]),
        ("xclip", &["-selection", "clipboard"]),
        ("xsel", &["--clipboard", "--input"]),
        ("pbcopy", &[]),
    ];
    for (program, args) in PROGRAMS {
        let spawned = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        if let Ok(mut child) = spawned {
            let copied = text.to_string();
            thread::spawn(move || {
                if let Some(mut stdin) = child.stdin.take() {
                    let _ = stdin.write_all(copied.as_bytes());
                }
                child.wait()
            });
            return Ok(format!("copied {text} ({program})"));
        }
    }
    let mut out = std::io::stdout().lock();
    write!(out, "\x1b]52;c;{}\x07", base64(text.as_bytes()))
        .and_then(|()| out.flush())
        .map(|()| format!("copied {text} (through the terminal)"))
        .map_err(|e| format!("cannot copy: {e}"))
}

/// Standard base64, for OSC 52: the text travels encoded, so nothing in it can act as a
/// control sequence.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "desktop_tests.rs"]
mod tests;
