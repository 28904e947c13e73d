//! The Google Reader API over HTTP: the login (`accounts/ClientLogin`), the action token that
//! every POST carries, GET and POST requests with both fetched again and the request tried
//! once more when the server rejects them, and every failure as one line naming the server.
//! The password goes into the login request and nowhere else.

use std::fmt;
use std::time::Duration;

use serde::de::DeserializeOwned;
use ureq::Agent;
use ureq::http::{Response, header};

use crate::config::sync::{Password, SyncConfig};
use crate::net::{self, FetchSettings};
use crate::sanitize::clean_line;

/// Why a sync failed, in one line for a person; it never holds the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncError(pub String);

impl fmt::Display for SyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&clean_line(&self.0))
    }
}

impl std::error::Error for SyncError {}

/// A server's answer: its status and body.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Answer {
    /// The body as text, trimmed.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).trim().to_string()
    }

    fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    Get,
    Post,
}

/// A connection to one server for one user. It logs in when first used and keeps its tokens
/// in memory only.
pub struct Client {
    agent: Agent,
    base: String,
    host: String,
    username: String,
    password: Password,
    timeout: Duration,
    max_bytes: u64,
    auth: Option<String>,
    token: Option<String>,
    requests: usize,
}

impl Client {
    pub fn new(config: &SyncConfig, password: Password, fetch: &FetchSettings) -> Self {
        Self {
            agent: net::agent(fetch),
            base: config.url.clone(),
            host: config.host(),
            username: config.username.clone(),
            password,
            timeout: fetch.timeout,
            max_bytes: fetch.max_bytes,
            auth: None,
            token: None,
            requests: 0,
        }
    }

    /// The server's address, as the config gives it.
    pub fn server(&self) -> &str {
        &self.base
    }

    /// How many requests this client has made.
    pub fn requests(&self) -> usize {
        self.requests
    }

    /// GETs `reader/api/0/<path>` and reads its JSON.
    pub fn get_json<T: DeserializeOwned>(
        &mut self,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<T, SyncError> {
        let answer = self.call(Method::Get, path, query)?;
        self.success(path, &answer)?;
        self.json(path, &answer)
    }

    /// POSTs a form to `reader/api/0/<path>`, with the action token; any status but a
    /// rejected login is handed back.
    pub fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Result<Answer, SyncError> {
        self.call(Method::Post, path, form)
    }

    /// Reads an answer's JSON, or says what is wrong with it.
    pub fn json<T: DeserializeOwned>(&self, path: &str, answer: &Answer) -> Result<T, SyncError> {
        serde_json::from_slice(&answer.body).map_err(|error| {
            SyncError(format!(
                "the answer of {} to {path} is not what a Google Reader API server sends ({error})",
                self.host
            ))
        })
    }

    /// An error for an answer that is not a success.
    pub fn success(&self, path: &str, answer: &Answer) -> Result<(), SyncError> {
        if answer.is_success() {
            return Ok(());
        }
        Err(SyncError(format!(
            "{} answered {path} with {}",
            self.host,
            status_words(answer.status)
        )))
    }

    /// Sends a request, logging in first if need be; when the server rejects the login or the
    /// action token, both are fetched again and the request is sent once more.
    fn call(
        &mut self,
        method: Method,
        path: &str,
        params: &[(&str, &str)],
    ) -> Result<Answer, SyncError> {
        for attempt in 0..2 {
            let auth = self.auth()?;
            let token = match method {
                Method::Post => self.token(&auth)?,
                Method::Get => None,
            };
            if method == Method::Get || token.is_some() {
                let answer = self.send(method, path, params, Some(&auth), token.as_deref())?;
                if !matches!(answer.status, 401 | 403) {
                    return Ok(answer);
                }
            }
            self.auth = None;
            self.token = None;
            if attempt == 1 {
                break;
            }
        }
        Err(SyncError(format!(
            "{} refused the login of {} twice for {path}; check the username and API password",
            self.host, self.username
        )))
    }

    fn auth(&mut self) -> Result<String, SyncError> {
        if let Some(auth) = &self.auth {
            return Ok(auth.clone());
        }
        let auth = self.login()?;
        self.auth = Some(auth.clone());
        Ok(auth)
    }

    /// The action token; `None` when the server rejects the login it is asked with.
    fn token(&mut self, auth: &str) -> Result<Option<String>, SyncError> {
        if let Some(token) = &self.token {
            return Ok(Some(token.clone()));
        }
        let answer = self.send(Method::Get, "token", &[], Some(auth), None)?;
        if matches!(answer.status, 401 | 403) {
            return Ok(None);
        }
        self.success("token", &answer)?;
        let token = answer.text();
        if token.is_empty() || token.contains(char::is_whitespace) {
            return Err(SyncError(format!(
                "{} sent no usable action token",
                self.host
            )));
        }
        self.token = Some(token.clone());
        Ok(Some(token))
    }

    /// `accounts/ClientLogin`: the Auth token for the username and password.
    fn login(&mut self) -> Result<String, SyncError> {
        let url = format!("{}/accounts/ClientLogin", self.base);
        let password = self.password.clone();
        let form = [
            ("Email", self.username.as_str()),
            ("Passwd", password.expose()),
        ];
        let request = self
            .agent
            .post(&url)
            .config()
            .timeout_global(Some(self.timeout))
            .build();
        self.requests += 1;
        let answer = self.read(request.send_form(form), "the login")?;
        match answer.status {
            200..=299 => {}
            401 | 403 => {
                return Err(SyncError(format!(
                    "{} refused the login of {}: check the username and the API password \
                     (FreshRSS and Miniflux have an API password of their own)",
                    self.host, self.username
                )));
            }
            status => {
                return Err(SyncError(format!(
                    "{} answered the login with {}: is {} a Google Reader API address? \
                     (FreshRSS: …/api/greader.php; Miniflux: the address of the Google Reader \
                     API in its settings)",
                    self.host,
                    status_words(status),
                    self.base
                )));
            }
        }
        let text = answer.text();
        text.lines()
            .find_map(|line| line.trim().strip_prefix("Auth="))
            .map(str::trim)
            .filter(|auth| !auth.is_empty())
            .map(ToString::to_string)
            .ok_or_else(|| {
                SyncError(format!(
                    "{} is not a Google Reader API server (its login answer has no Auth); \
                     check [sync] url (FreshRSS: …/api/greader.php)",
                    self.base
                ))
            })
    }

    fn send(
        &mut self,
        method: Method,
        path: &str,
        params: &[(&str, &str)],
        auth: Option<&str>,
        token: Option<&str>,
    ) -> Result<Answer, SyncError> {
        let url = format!("{}/reader/api/0/{path}", self.base);
        let authorization = auth.map(|auth| format!("GoogleLogin auth={auth}"));
        self.requests += 1;
        let result = match method {
            Method::Get => {
                let mut request = self.agent.get(&url).query("output", "json");
                for (key, value) in params {
                    request = request.query(key, value);
                }
                if let Some(authorization) = &authorization {
                    request = request.header(header::AUTHORIZATION, authorization);
                }
                request
                    .config()
                    .timeout_global(Some(self.timeout))
                    .build()
                    .call()
            }
            Method::Post => {
                let mut request = self.agent.post(&url).query("output", "json");
                if let Some(authorization) = &authorization {
                    request = request.header(header::AUTHORIZATION, authorization);
                }
                let mut form: Vec<(&str, &str)> = params.to_vec();
                form.extend(token.map(|token| ("T", token)));
                request
                    .config()
                    .timeout_global(Some(self.timeout))
                    .build()
                    .send_form(form)
            }
        };
        self.read(result, path)
    }

    /// The status and body of a response, within the size limit; a redirect is an error that
    /// says where to.
    fn read(
        &self,
        result: Result<Response<ureq::Body>, ureq::Error>,
        what: &str,
    ) -> Result<Answer, SyncError> {
        let response = result.map_err(|error| self.network_error(&error, what))?;
        let status = response.status().as_u16();
        if response.status().is_redirection() {
            let location = response
                .headers()
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("elsewhere");
            return Err(SyncError(format!(
                "{} redirects {what} to {}: put the address of the API in [sync] url",
                self.host,
                clean_line(location)
            )));
        }
        let body = response
            .into_body()
            .with_config()
            .limit(self.max_bytes)
            .read_to_vec()
            .map_err(|error| self.network_error(&error, what))?;
        Ok(Answer { status, body })
    }

    fn network_error(&self, error: &ureq::Error, what: &str) -> SyncError {
        let host = &self.host;
        let words = match error {
            ureq::Error::Timeout(_) => format!(
                "{host} did not answer within {} s ({what})",
                self.timeout.as_secs_f32()
            ),
            ureq::Error::HostNotFound => format!("cannot find the server {host}"),
            ureq::Error::ConnectionFailed => format!("cannot connect to {host}"),
            ureq::Error::Io(io) => match io.kind() {
                std::io::ErrorKind::ConnectionRefused => {
                    format!("cannot connect to {host} (connection refused)")
                }
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => format!(
                    "{host} did not answer within {} s ({what})",
                    self.timeout.as_secs_f32()
                ),
                // rustls's failures come through as invalid data or a connection cut
                // short: a server that does not speak https, a certificate refused.
                std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
                    if self.base.starts_with("https://") =>
                {
                    format!("TLS error with {host} ({io}): is it an https address?")
                }
                std::io::ErrorKind::UnexpectedEof => {
                    format!("{host} closed the connection early ({what})")
                }
                // The system resolver's failures carry no kind of their own.
                _ if io.to_string().contains("lookup address") => {
                    format!("cannot find the server {host}")
                }
                _ => format!("network error with {host}: {io}"),
            },
            ureq::Error::Tls(message) => format!("TLS error with {host}: {message}"),
            ureq::Error::Rustls(error) => format!("TLS error with {host}: {error}"),
            ureq::Error::BodyExceedsLimit(limit) => format!(
                "the answer of {host} to {what} is larger than {} MB",
                limit / (1024 * 1024)
            ),
            other => format!("{host}: {other}"),
        };
        SyncError(words)
    }
}

/// "HTTP 500 Internal Server Error".
fn status_words(status: u16) -> String {
    match ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
    {
        Some(reason) => format!("HTTP {status} {reason}"),
        None => format!("HTTP {status}"),
    }
}
