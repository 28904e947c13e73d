//! newsboat's `urls` file: a feed a line, its address then its tags, a tag `~Name` naming the
//! feed and a tag `!` hiding it; `"query:Name:expression"` lines are query feeds; `exec:` and
//! `filter:` lines are feeds made by commands, which tidings does not run. Words are split as
//! newsboat splits them: at white space, `"…"` quoting (with backslash escapes), `#` starting
//! a comment.

/// What a `urls` file holds.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Urls {
    pub feeds: Vec<UrlsFeed>,
    /// Query feeds: name and newsboat's expression.
    pub queries: Vec<(String, String)>,
    /// What is left out, in words, a line each.
    pub left_out: Vec<String>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct UrlsFeed {
    pub url: String,
    pub tags: Vec<String>,
    /// The name a `~Name` tag gives it.
    pub name: Option<String>,
    /// A `!` tag: newsboat does not list it.
    pub hidden: bool,
}

/// Reads a `urls` file. A feed listed twice has its tags merged, as newsboat does.
pub fn read(text: &str) -> Urls {
    let mut urls = Urls::default();
    for (number, line) in text.lines().enumerate() {
        let mut words = words(line).into_iter();
        let Some(address) = words.next() else {
            continue;
        };
        if let Some(query) = address.strip_prefix("query:") {
            match query.split_once(':') {
                Some((name, expression)) if !name.is_empty() => {
                    urls.queries
                        .push((name.to_string(), expression.to_string()));
                }
                _ => urls.left_out.push(format!(
                    "line {}: a query feed without a name and an expression",
                    number + 1
                )),
            }
            continue;
        }
        if address.starts_with("exec:") || address.starts_with("filter:") {
            urls.left_out.push(format!(
                "{address}: a command feed, not imported (tidings does not run commands from \
                 a urls file)"
            ));
            continue;
        }
        let mut feed = UrlsFeed {
            url: address,
            ..UrlsFeed::default()
        };
        for word in words {
            if word == "!" {
                feed.hidden = true;
            } else if let Some(name) = word.strip_prefix('~') {
                feed.name = Some(name.to_string()).filter(|name| !name.is_empty());
            } else if !word.is_empty() {
                feed.tags.push(word);
            }
        }
        match urls.feeds.iter_mut().find(|known| known.url == feed.url) {
            Some(known) => {
                for tag in feed.tags {
                    if !known.tags.contains(&tag) {
                        known.tags.push(tag);
                    }
                }
                known.name = known.name.take().or(feed.name);
                known.hidden |= feed.hidden;
            }
            None => urls.feeds.push(feed),
        }
    }
    urls
}

/// A line's words as newsboat splits them.
pub fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars
            .next_if(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
            .is_some()
        {}
        match chars.peek() {
            None | Some('#') => return words,
            Some('"') => {
                chars.next();
                let mut word = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => match chars.next() {
                            Some('n') => word.push('\n'),
                            Some('r') => word.push('\r'),
                            Some('t') => word.push('\t'),
                            Some('`') => word.push_str("\\`"),
                            Some(other) => word.push(other),
                            None => {}
                        },
                        c => word.push(c),
                    }
                }
                words.push(word);
            }
            Some(_) => {
                let mut word = String::new();
                while let Some(c) = chars.next_if(|c| !matches!(c, ' ' | '\t' | '\r' | '\n')) {
                    word.push(c);
                }
                words.push(word);
            }
        }
    }
}

#[cfg(test)]
#[path = "urls_tests.rs"]
mod tests;
