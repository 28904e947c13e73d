//! newsboat's `config` file, for what moves in: its `ignore-article` lines (a feed's address,
//! or `*` for every feed, and an expression of newsboat's filter language), which become rules
//! that hide what they match. The rest of the file is newsboat's own and is left alone.

use super::urls::words;

/// One `ignore-article` line: which feeds (`None`: every feed) and newsboat's expression.
#[derive(Debug, PartialEq, Eq)]
pub struct Ignore {
    pub feed: Option<String>,
    pub expression: String,
    pub line: usize,
}

/// The `ignore-article` lines of a config file, with their line numbers.
pub fn ignores(text: &str) -> Vec<Ignore> {
    text.lines()
        .enumerate()
        .filter_map(|(number, line)| {
            let words = words(line);
            match words.as_slice() {
                [command, feed, expression] if command == "ignore-article" => Some(Ignore {
                    feed: (feed != "*").then(|| feed.clone()),
                    expression: expression.clone(),
                    line: number + 1,
                }),
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
