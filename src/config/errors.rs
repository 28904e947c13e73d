//! Config errors in plain words, at the file, line and column of the value at fault. The TOML
//! parser and serde say what went wrong in their own terms (`invalid type: string "x",
//! expected a sequence`); here that is said again naming the key, what it must be, and the
//! known name nearest to a misspelt one.

use std::fmt;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::sanitize::fold_white_space;
use crate::suggest::nearest;

/// A config file that cannot be used, with where and why, on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(String);

impl ConfigError {
    /// An error about the whole file (it cannot be read), not a place in it.
    pub(super) fn file(path: &Path, message: &str) -> Self {
        Self(format!("{}: {message}", path.display()))
    }

    /// An error at a byte offset of the config text.
    pub(super) fn at(path: &Path, text: &str, offset: usize, message: &str) -> Self {
        Self(format!("{}: {message}", place(path, text, offset)))
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// `file:line:column` of a byte offset in the config text; lines and columns count from 1,
/// columns in characters.
pub(super) fn place(path: &Path, text: &str, offset: usize) -> String {
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{}:{line}:{column}", path.display())
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A file that is not TOML: the parser's words, which name what it expected, on one line.
pub(super) fn syntax(error: &toml::de::Error, path: &Path, text: &str) -> ConfigError {
    let message = fold_white_space(error.message());
    let span = error.span();
    let message = match message.as_str() {
        "" => "this is not TOML".to_string(),
        "duplicate key" => {
            let key = span
                .clone()
                .and_then(|span| text.get(span))
                .unwrap_or("a key");
            format!("{key} is given twice: keep one")
        }
        "missing value" | "string values must be quoted, expected literal string" => {
            "a value is missing or not written as TOML: quote text (\"like this\"), write \
             true or false, a number, or a list in [ ]"
                .to_string()
        }
        _ => format!("this is not TOML: {message}"),
    };
    at_span(path, text, span, &message)
}

/// An error of reading the parsed file into the config, in words. `tree` is the parsed file,
/// to find the key at the error's place.
pub(super) fn reading(
    error: &toml::de::Error,
    tree: &DeTable<'_>,
    path: &Path,
    text: &str,
) -> ConfigError {
    let found = error
        .span()
        .and_then(|span| find(tree, &span, &mut Vec::new()));
    let message = match &found {
        Some(found) => words(error.message(), found),
        None => error.message().to_string(),
    };
    at_span(path, text, error.span(), &message)
}

fn at_span(path: &Path, text: &str, span: Option<Range<usize>>, message: &str) -> ConfigError {
    match span {
        Some(span) => ConfigError::at(path, text, span.start, message),
        None => ConfigError::file(path, message),
    }
}

/// Where an error is: the keys down to it (an array's elements add none), whether it is about
/// the last key itself rather than its value, and the value there.
struct Found<'t> {
    keys: Vec<&'t str>,
    on_key: bool,
    value: &'t DeValue<'t>,
}

fn find<'t>(
    table: &'t DeTable<'t>,
    span: &Range<usize>,
    keys: &mut Vec<&'t str>,
) -> Option<Found<'t>> {
    for (key, value) in table {
        keys.push(key.get_ref());
        if covers(&key.span(), span) {
            return Some(Found {
                keys: keys.clone(),
                on_key: true,
                value: value.get_ref(),
            });
        }
        if let Some(found) = find_in(value, span, keys) {
            return Some(found);
        }
        keys.pop();
    }
    None
}

fn find_in<'t>(
    value: &'t Spanned<DeValue<'t>>,
    span: &Range<usize>,
    keys: &mut Vec<&'t str>,
) -> Option<Found<'t>> {
    // A table's own span may be its header only, so its keys are searched whatever it covers.
    let inner = match value.get_ref() {
        DeValue::Table(table) => find(table, span, keys),
        DeValue::Array(items) => items.iter().find_map(|item| find_in(item, span, keys)),
        _ => None,
    };
    inner.or_else(|| {
        covers(&value.span(), span).then(|| Found {
            keys: keys.clone(),
            on_key: false,
            value: value.get_ref(),
        })
    })
}

fn covers(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end && outer.start < outer.end
}

/// serde's message said again in words, for the place it is about.
fn words(message: &str, found: &Found<'_>) -> String {
    let keys = found.keys.as_slice();
    let name = keys.last().copied().unwrap_or_default();
    let parent = &keys[..keys.len().saturating_sub(1)];
    let listed = expected_names(message);
    if message.starts_with("unknown field `") {
        return unknown_key(name, parent, &listed);
    }
    if message.starts_with("unknown variant `") {
        if found.on_key && parent == ["keys"] {
            return not_an_action(name, &listed);
        }
        let written = match found.value {
            DeValue::String(text) => text.as_ref(),
            _ => "",
        };
        let mut text = format!(
            "{name} must be {}, not \"{written}\"",
            or_list(&listed, true)
        );
        if let Some(near) = nearest(written, listed.iter().copied()) {
            text.push_str(&format!("; did you mean \"{near}\"?"));
        }
        return text;
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let wanted = rest.split_once(", expected ").map_or("", |(_, e)| e);
        return format!("{name} must be {}", what_it_must_be(keys, wanted));
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (given, wanted) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let what = what_it_must_be(keys, wanted);
        let bound = match unsigned_max(wanted) {
            Some(_) if given.contains('-') => ", 0 or more".to_string(),
            Some(max) => format!(", at most {max}"),
            None => String::new(),
        };
        return format!("{name} must be {what}{bound}");
    }
    // toml's words for an enum given neither a string nor a table.
    if message == "wanted string or table" {
        return format!("{name} must be {}", what_it_must_be(keys, ""));
    }
    if message.contains(OUT_OF_RANGE) && !found.on_key {
        return format!("{name} = {message}");
    }
    if message.starts_with("missing field `") {
        let field = message
            .trim_start_matches("missing field `")
            .trim_end_matches('`');
        return missing(keys, field);
    }
    message.to_string()
}

/// How `Bounded` says a number is out of its range (`95 is out of range: use a number from
/// 20 to 80`); the key is named before it.
pub(super) const OUT_OF_RANGE: &str = " is out of range: ";

/// The names serde lists after "expected" (`expected one of `a`, `b``, `expected `a` or `b``).
fn expected_names(message: &str) -> Vec<&str> {
    let Some((_, list)) = message.split_once(", expected ") else {
        return Vec::new();
    };
    list.split('`').skip(1).step_by(2).collect()
}

/// "a, b or c", each quoted when `quoted`.
fn or_list(names: &[&str], quoted: bool) -> String {
    let names: Vec<String> = names
        .iter()
        .map(|n| {
            if quoted {
                format!("\"{n}\"")
            } else {
                n.to_string()
            }
        })
        .collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// How a table is named in messages: `[layout]`, `[[feeds]]`.
fn section(keys: &[&str]) -> String {
    match keys {
        ["feeds", ..] => "[[feeds]]".to_string(),
        keys => format!("[{}]", keys.join(".")),
    }
}

fn unknown_key(name: &str, parent: &[&str], known: &[&str]) -> String {
    let mut text = format!("unknown key \"{name}\"");
    if !parent.is_empty() {
        text.push_str(&format!(" in {}", section(parent)));
    }
    if let Some(near) = nearest(name, known.iter().copied()) {
        text.push_str(&format!("; did you mean \"{near}\"?"));
    } else if (1..=8).contains(&known.len()) {
        text.push_str(&format!(": use {}", or_list(known, false)));
    }
    text
}

fn not_an_action(name: &str, actions: &[&str]) -> String {
    match nearest(name, actions.iter().copied()) {
        Some(near) => format!("\"{name}\" is not an action; did you mean \"{near}\"?"),
        None => format!(
            "\"{name}\" is not an action: actions are named like move_down, open and quit \
             (config.example.toml lists them all)"
        ),
    }
}

fn missing(table: &[&str], field: &str) -> String {
    let example = match (table, field) {
        (["feeds"], "url") => "url = \"https://example.com/rss.xml\"",
        (["sync"], "server") => "server = \"greader\"",
        (["sync"], "url") => "url = \"https://rss.example.com/api/greader.php\"",
        (["sync"], "username") => "username = \"alice\"",
        _ => return format!("{} has no {field}", section(table)),
    };
    format!("{} has no {field}: add one, like {example}", section(table))
}

/// What the value at `keys` must be, in words; serde's own expectation (`wanted`) when the
/// key is not one of those below.
fn what_it_must_be(keys: &[&str], wanted: &str) -> String {
    let words = match keys {
        ["refresh_every"] | ["feeds", "every"] | ["sync", "every"] => "a whole number of minutes",
        ["keep_days"] => "a whole number of days",
        ["keep_per_feed"] => "a whole number of articles",
        ["image_rows"] => "a whole number of rows",
        ["image_cache_mb"] | ["fetch", "max_size_mb"] => "a whole number of megabytes",
        ["layout", "list_percent"] => "a whole number, a percentage",
        ["layout", _] => "a whole number of columns",
        ["fetch", "workers"] => "a whole number of feeds fetched at once",
        ["fetch", "connect_timeout" | "timeout"] => "a whole number of seconds",
        ["fetch", "max_redirects"] => "a whole number of redirects",
        ["samples" | "mouse" | "refresh_on_start"] | ["feeds", "full_text"] => "true or false",
        ["date_format"] => "text in quotes, like \"%Y-%m-%d\"",
        ["images"] => "\"on\" or \"off\"",
        ["image_colors"] => "\"auto\", \"truecolor\" or \"256\"",
        ["theme", _] => "a colour in quotes, like \"magenta\", \"#ff8800\" or \"208\"",
        ["articles"] => "a list of files and folders, like [\"~/news\"]",
        ["keys", _] => "a list of keys, like [\"q\", \"ctrl-c\"]",
        ["feeds", "tags"] => "a list of tags, like [\"News\", \"World\"]",
        ["feeds", "url"] => "an address in quotes, like \"https://example.com/rss.xml\"",
        ["sync", "url"] => "an address in quotes, like \"https://rss.example.com/api/greader.php\"",
        ["feeds", "name"] | ["sync", "username"] => "text in quotes",
        ["sync", "password_file"] => "a file name in quotes",
        ["sync", "password_command"] => "a command in quotes",
        ["sync", "server"] => "\"greader\"",
        ["feeds"] => "a list of [[feeds]] tables, each with a url",
        ["keys"] => "a table: a line [keys] with bindings below it, like quit = [\"q\"]",
        [table @ ("layout" | "theme" | "fetch" | "sync")] => {
            return format!("a table: a line [{table}] with its keys below it");
        }
        _ => return in_words(wanted),
    };
    words.to_string()
}

/// serde's name for what it expected, in words.
fn in_words(wanted: &str) -> String {
    match wanted {
        "a boolean" => "true or false".to_string(),
        "a string" | "a borrowed string" => "text in quotes".to_string(),
        "a sequence" => "a list, like [\"…\"]".to_string(),
        "a map" => "a table".to_string(),
        w if w.starts_with("struct ") => "a table".to_string(),
        w if unsigned_max(w).is_some() || w.starts_with('i') && w[1..].parse::<u8>().is_ok() => {
            "a whole number".to_string()
        }
        w => w.to_string(),
    }
}

/// The largest value of serde's unsigned integer types (`u32`).
fn unsigned_max(wanted: &str) -> Option<u64> {
    match wanted {
        "u8" => Some(u8::MAX.into()),
        "u16" => Some(u16::MAX.into()),
        "u32" => Some(u32::MAX.into()),
        "u64" => Some(u64::MAX),
        _ => None,
    }
}
