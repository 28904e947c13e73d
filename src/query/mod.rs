//! The one query language of the search box, `list --query`, saved queries and rules (see
//! DESIGN.md, "The query language"): what a query is ([`Query`]), reading one from text
//! (`parse`), and writing one back as text that reads the same (its `Display`).

mod library;
mod matching;
mod newsboat;
mod parse;
mod saved;

use std::fmt;

use chrono::NaiveDate;

pub use library::{Beyond, InLibrary};
pub use matching::{Matcher, Subject, has_words, words};
pub use newsboat::translate as from_newsboat;
pub use parse::parse;
pub use saved::{Origin, Rule, RuleAction, SavedQuery};

/// A query: terms joined by `NOT`, `AND` and `OR`.
#[derive(Debug, Clone, PartialEq)]
pub enum Query {
    /// The empty query: every article.
    All,
    Term(Term),
    Not(Box<Query>),
    And(Vec<Query>),
    Or(Vec<Query>),
}

impl Query {
    /// The parts joined by `AND`, parts that are `AND`s themselves taken apart.
    pub fn and(parts: Vec<Query>) -> Query {
        Query::joined(parts, true)
    }

    /// The parts joined by `OR`, parts that are `OR`s themselves taken apart.
    pub fn or(parts: Vec<Query>) -> Query {
        Query::joined(parts, false)
    }

    fn joined(parts: Vec<Query>, and: bool) -> Query {
        let mut flat = Vec::with_capacity(parts.len());
        for part in parts {
            match part {
                Query::And(inner) if and => flat.extend(inner),
                Query::Or(inner) if !and => flat.extend(inner),
                part => flat.push(part),
            }
        }
        match flat.len() {
            1 => flat.remove(0),
            _ if and => Query::And(flat),
            _ => Query::Or(flat),
        }
    }
}

/// One condition on an article.
#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    /// Words or a phrase searched in the title and text, as the search box searches.
    Text(String),
    Field {
        field: Field,
        value: Value,
    },
    Is(Flag),
    /// How long ago the article was published, against a number of hours.
    Age {
        compare: Compare,
        hours: u64,
    },
    /// Published on that day or later.
    After(NaiveDate),
    /// Published before that day.
    Before(NaiveDate),
}

/// A field an article is matched on by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Author,
    /// A feed's name as the pane shows it, or its address: whole, without regard to case.
    Feed,
    /// A whole tag name, without regard to case.
    Tag,
    Link,
}

impl Field {
    fn named(name: &str) -> Option<Field> {
        Some(match name {
            "title" => Field::Title,
            "author" => Field::Author,
            "feed" => Field::Feed,
            "tag" => Field::Tag,
            "link" => Field::Link,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Author => "author",
            Field::Feed => "feed",
            Field::Tag => "tag",
            Field::Link => "link",
        }
    }
}

/// What a field is matched against.
#[derive(Debug, Clone)]
pub enum Value {
    /// A word or phrase: part of the field (title, author, link) or the whole of it (feed,
    /// tag), without regard to case.
    Text(String),
    /// A regular expression, without regard to case.
    Regex(Pattern),
}

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Text(a), Value::Text(b)) => a == b,
            (Value::Regex(a), Value::Regex(b)) => a.source == b.source,
            _ => false,
        }
    }
}

impl Value {
    fn regex(source: &str) -> Result<Value, String> {
        let regex = regex::RegexBuilder::new(source)
            .case_insensitive(true)
            .size_limit(1 << 20)
            .build()
            .map_err(|error| last_line(&error.to_string()))?;
        Ok(Value::Regex(Pattern {
            source: source.to_string(),
            regex,
        }))
    }
}

/// A regular expression with the text it was written as.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub source: String,
    pub regex: regex::Regex,
}

/// What an article is, beyond its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    Unread,
    Read,
    Bookmarked,
    /// Its full text has been read from its page.
    FullText,
    Hidden,
}

impl Flag {
    fn named(name: &str) -> Option<Flag> {
        Some(match name.to_ascii_lowercase().as_str() {
            "unread" => Flag::Unread,
            "read" => Flag::Read,
            "bookmarked" => Flag::Bookmarked,
            "fulltext" => Flag::FullText,
            "hidden" => Flag::Hidden,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Flag::Unread => "unread",
            Flag::Read => "read",
            Flag::Bookmarked => "bookmarked",
            Flag::FullText => "fulltext",
            Flag::Hidden => "hidden",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compare {
    Less,
    AtMost,
    More,
    AtLeast,
}

impl Compare {
    fn symbol(self) -> &'static str {
        match self {
            Compare::Less => "<",
            Compare::AtMost => "<=",
            Compare::More => ">",
            Compare::AtLeast => ">=",
        }
    }
}

/// Why a query cannot be read: what was expected, and where (a column, from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub column: usize,
    pub message: String,
}

impl QueryError {
    fn new(column: usize, message: String) -> QueryError {
        QueryError { column, message }
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "query: {} at column {}", self.message, self.column)
    }
}

impl std::error::Error for QueryError {}

/// The last line of a regex error, which says what is wrong (the lines above repeat the
/// pattern and point at the place).
fn last_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .rfind(|line| !line.is_empty())
        .unwrap_or(text)
        .to_string()
}

/// The query as text that reads back as the same query, with parentheses wherever `OR`
/// sits inside `AND` or `NOT`.
impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Query::All => Ok(()),
            Query::Term(term) => write!(f, "{term}"),
            Query::Not(inner) => match **inner {
                Query::Term(_) => write!(f, "-{inner}"),
                _ => write!(f, "NOT ({inner})"),
            },
            Query::And(parts) => {
                for (n, part) in parts.iter().enumerate() {
                    if n > 0 {
                        f.write_str(" ")?;
                    }
                    match part {
                        Query::Or(_) => write!(f, "({part})")?,
                        _ => write!(f, "{part}")?,
                    }
                }
                Ok(())
            }
            Query::Or(parts) => {
                for (n, part) in parts.iter().enumerate() {
                    if n > 0 {
                        f.write_str(" OR ")?;
                    }
                    write!(f, "{part}")?;
                }
                Ok(())
            }
        }
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Term::Text(text) => write_text(f, text),
            Term::Field { field, value } => {
                write!(f, "{}:", field.name())?;
                match value {
                    Value::Text(text) => write_text(f, text),
                    Value::Regex(pattern) => {
                        write!(f, "/{}/", pattern.source.replace('/', "\\/"))
                    }
                }
            }
            Term::Is(flag) => write!(f, "is:{}", flag.name()),
            Term::Age { compare, hours } => {
                let (number, unit) = if hours % (24 * 7) == 0 && *hours > 0 {
                    (hours / (24 * 7), 'w')
                } else if hours % 24 == 0 {
                    (hours / 24, 'd')
                } else {
                    (*hours, 'h')
                };
                write!(f, "age{}{number}{unit}", compare.symbol())
            }
            Term::After(date) => write!(f, "after:{}", date.format("%Y-%m-%d")),
            Term::Before(date) => write!(f, "before:{}", date.format("%Y-%m-%d")),
        }
    }
}

/// A word as it is, or a phrase in quotes when it holds what would end or change a word.
fn write_text(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    let plain = !text.is_empty()
        && !text.contains(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '|' | '"'))
        && !matches!(text, "AND" | "OR" | "NOT")
        && !text.starts_with(['-', '/'])
        && !text.contains(':');
    if plain {
        f.write_str(text)
    } else {
        write!(f, "\"{}\"", text.replace('"', "\\\""))
    }
}
