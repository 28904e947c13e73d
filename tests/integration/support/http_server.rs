//! A small real HTTP/1.1 server for tests: binds port 0 on a loopback address, answers each
//! connection on its own thread with a handler closure (`Connection: close`), records every
//! request with its arrival and finish, tracks how many it was answering at once, and shuts
//! down when dropped.

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// A request as the server read it.
#[derive(Debug, Clone)]
pub struct ServerRequest {
    pub method: String,
    /// The request target as sent: path and query.
    pub path: String,
    /// Header names lower-cased.
    pub headers: HashMap<String, String>,
    /// The body sent with a Content-Length (a form), empty otherwise.
    pub body: Vec<u8>,
}

impl ServerRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }
}

/// A request the server got, with when the server began to send the answer (`None` until
/// then), a moment inside the client's own view of the request.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub request: ServerRequest,
    pub finished: Option<Instant>,
}

/// What the handler answers.
#[derive(Debug, Clone)]
pub struct ServerResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Send the body with `Transfer-Encoding: chunked` instead of `Content-Length`.
    pub chunked: bool,
    /// Sleep this long before answering.
    pub stall: Duration,
}

impl ServerResponse {
    pub fn new(status: u16) -> Self {
        ServerResponse {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            chunked: false,
            stall: Duration::ZERO,
        }
    }

    /// 200 with this body.
    pub fn ok(body: impl Into<Vec<u8>>) -> Self {
        ServerResponse::new(200).body(body)
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn chunked(mut self) -> Self {
        self.chunked = true;
        self
    }

    pub fn stall(mut self, stall: Duration) -> Self {
        self.stall = stall;
        self
    }

    fn has_header(&self, name: &str) -> bool {
        self.headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
    }
}

type Handler = dyn Fn(&ServerRequest) -> ServerResponse + Send + Sync;

struct Shared {
    handler: Box<Handler>,
    log: Mutex<Vec<Recorded>>,
    answering: AtomicUsize,
    most_at_once: AtomicUsize,
}

pub struct TestServer {
    base_url: String,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
}

impl TestServer {
    /// A server on 127.0.0.1; panics if it cannot bind.
    pub fn start(
        handler: impl Fn(&ServerRequest) -> ServerResponse + Send + Sync + 'static,
    ) -> Self {
        TestServer::start_on("127.0.0.1", handler).expect("bind 127.0.0.1")
    }

    /// A server on another loopback address (Linux routes all of 127/8 to loopback).
    pub fn start_on(
        ip: &str,
        handler: impl Fn(&ServerRequest) -> ServerResponse + Send + Sync + 'static,
    ) -> io::Result<Self> {
        let listener = TcpListener::bind((ip, 0))?;
        listener.set_nonblocking(true)?;
        let base_url = format!("http://{}", listener.local_addr()?);
        let shared = Arc::new(Shared {
            handler: Box::new(handler),
            log: Mutex::new(Vec::new()),
            answering: AtomicUsize::new(0),
            most_at_once: AtomicUsize::new(0),
        });
        let stop = Arc::new(AtomicBool::new(false));
        let acceptor = {
            let (shared, stop) = (Arc::clone(&shared), Arc::clone(&stop));
            thread::spawn(move || accept_until_stopped(&listener, &shared, &stop))
        };
        Ok(TestServer {
            base_url,
            shared,
            stop,
            acceptor: Some(acceptor),
        })
    }

    /// `http://127.0.0.1:PORT`, without a final slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The address of `path` (which starts with `/`) on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// Every request so far, in order of arrival.
    pub fn requests(&self) -> Vec<Recorded> {
        lock(&self.shared.log).clone()
    }

    /// The most requests this server was answering at the same time.
    pub fn most_at_once(&self) -> usize {
        self.shared.most_at_once.load(Ordering::SeqCst)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn accept_until_stopped(listener: &TcpListener, shared: &Arc<Shared>, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        match listener.accept() {
            Ok((stream, _)) => {
                let shared = Arc::clone(shared);
                thread::spawn(move || {
                    let _ = serve(stream, &shared);
                });
            }
            Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                thread::sleep(Duration::from_millis(5));
            }
            Err(_) => thread::sleep(Duration::from_millis(5)),
        }
    }
}

fn serve(stream: TcpStream, shared: &Shared) -> io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let Some(request) = read_request(&mut reader)? else {
        return Ok(());
    };
    let entry = {
        let mut log = lock(&shared.log);
        log.push(Recorded {
            request: request.clone(),
            finished: None,
        });
        log.len() - 1
    };
    let now = shared.answering.fetch_add(1, Ordering::SeqCst) + 1;
    shared.most_at_once.fetch_max(now, Ordering::SeqCst);

    let response = (shared.handler)(&request);
    thread::sleep(response.stall);

    shared.answering.fetch_sub(1, Ordering::SeqCst);
    lock(&shared.log)[entry].finished = Some(Instant::now());
    write_response(stream, &response)
}

/// Reads the request line, the headers and a body with a Content-Length; `None` if the
/// client went away first.
fn read_request(reader: &mut impl BufRead) -> io::Result<Option<ServerRequest>> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let path = parts.next().unwrap_or_default().to_string();
    let mut headers = HashMap::new();
    let mut header_bytes = 0;
    loop {
        line.clear();
        let read = reader.read_line(&mut line)?;
        header_bytes += read;
        if read == 0 || line.trim_end().is_empty() || header_bytes > 64 * 1024 {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
        }
    }
    let body_length: u64 = headers
        .get("content-length")
        .and_then(|v: &String| v.parse().ok())
        .unwrap_or(0);
    let mut body = Vec::new();
    reader
        .take(body_length.min(64 << 20))
        .read_to_end(&mut body)?;
    Ok(Some(ServerRequest {
        method,
        path,
        headers,
        body,
    }))
}

fn write_response(mut stream: TcpStream, response: &ServerResponse) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if response.chunked {
        head.push_str("Transfer-Encoding: chunked\r\n");
    } else if !response.has_header("content-length") {
        head.push_str(&format!("Content-Length: {}\r\n", response.body.len()));
    }
    head.push_str("Connection: close\r\n\r\n");
    stream.write_all(head.as_bytes())?;
    if response.chunked {
        for chunk in response.body.chunks(1000) {
            stream.write_all(format!("{:x}\r\n", chunk.len()).as_bytes())?;
            stream.write_all(chunk)?;
            stream.write_all(b"\r\n")?;
        }
        stream.write_all(b"0\r\n\r\n")?;
    } else {
        stream.write_all(&response.body)?;
    }
    stream.flush()?;
    stream.shutdown(std::net::Shutdown::Write)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Whatever",
    }
}
