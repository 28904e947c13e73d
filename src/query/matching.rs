//! Whether an article matches a query. A query is made ready once ([`Matcher::new`]: its
//! field words become case-insensitive patterns, its dates instants), then asked of each
//! article through what it looks at ([`Subject`]): an entry of the library, or an article
//! as it arrives, before it is stored.

use chrono::{DateTime, Duration, Local, NaiveDate, TimeZone, Utc};
use regex::{Regex, RegexBuilder};

use super::{Compare, Field, Flag, Query, Term, Value};
use crate::model::Tag;
use crate::source::words::unspaced;

/// What a query looks at in an article.
pub trait Subject {
    fn title(&self) -> &str;
    fn author(&self) -> Option<&str>;
    fn link(&self) -> Option<&str>;
    /// The feed's name as the pane shows it, and its address; `None` when the article
    /// comes from no feed.
    fn feed(&self) -> Option<(&str, &str)>;
    fn tags(&self) -> &[Tag];
    fn published(&self) -> Option<DateTime<Utc>>;
    fn has(&self, flag: Flag) -> bool;
    /// Whether its title or text has the words of text term `term` (numbered from 0 in the
    /// order [`Query::text_terms`] gives), each as the start of a word.
    fn has_words(&self, term: usize, words: &[String]) -> bool;
}

/// A query made ready to be asked of many articles.
#[derive(Debug)]
pub struct Matcher {
    root: Node,
}

#[derive(Debug)]
enum Node {
    All,
    Not(Box<Node>),
    And(Vec<Node>),
    Or(Vec<Node>),
    /// The `n`th text term, as lower-case words.
    Words(usize, Vec<String>),
    Field(Field, Pattern),
    Flag(Flag),
    /// Published at or after this instant.
    After(DateTime<Utc>),
    /// Published before this instant.
    Before(DateTime<Utc>),
}

/// A field's value as a pattern without regard to case: a word or phrase is part of the
/// field (title, author, link) or the whole of it (a feed's name or address, a tag).
#[derive(Debug)]
struct Pattern(Regex);

impl Matcher {
    /// `query` made ready; `now` is the instant ages are counted from.
    pub fn new(query: &Query, now: DateTime<Utc>) -> Matcher {
        let mut terms = 0;
        Matcher {
            root: node(query, now, &mut terms),
        }
    }

    pub fn matches(&self, subject: &impl Subject) -> bool {
        self.root.matches(subject)
    }
}

impl Query {
    /// The words of each text term, lower case, in the order the terms are written.
    pub fn text_terms(&self) -> Vec<Vec<String>> {
        let mut found = Vec::new();
        self.collect_text(&mut found);
        found
    }

    /// Whether the query is words alone (or nothing), as the search box always searched:
    /// every word in the title or text.
    pub fn is_words(&self) -> bool {
        match self {
            Query::All | Query::Term(Term::Text(_)) => true,
            Query::And(parts) => parts
                .iter()
                .all(|part| matches!(part, Query::Term(Term::Text(_)))),
            _ => false,
        }
    }

    /// Whether a term of the query asks for `flag`, as `is:hidden` asks for the articles
    /// that are otherwise left out.
    pub fn asks_for(&self, flag: Flag) -> bool {
        match self {
            Query::Term(Term::Is(asked)) => *asked == flag,
            Query::Term(_) | Query::All => false,
            Query::Not(inner) => inner.asks_for(flag),
            Query::And(parts) | Query::Or(parts) => parts.iter().any(|part| part.asks_for(flag)),
        }
    }

    fn collect_text(&self, found: &mut Vec<Vec<String>>) {
        match self {
            Query::All => {}
            Query::Term(Term::Text(text)) => found.push(words(text)),
            Query::Term(_) => {}
            Query::Not(inner) => inner.collect_text(found),
            Query::And(parts) | Query::Or(parts) => {
                for part in parts {
                    part.collect_text(found);
                }
            }
        }
    }
}

/// The words of a text term, lower case.
pub fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_lowercase).collect()
}

fn node(query: &Query, now: DateTime<Utc>, terms: &mut usize) -> Node {
    match query {
        Query::All => Node::All,
        Query::Not(inner) => Node::Not(Box::new(node(inner, now, terms))),
        Query::And(parts) => Node::And(parts.iter().map(|p| node(p, now, terms)).collect()),
        Query::Or(parts) => Node::Or(parts.iter().map(|p| node(p, now, terms)).collect()),
        Query::Term(term) => match term {
            Term::Text(text) => {
                *terms += 1;
                Node::Words(*terms - 1, words(text))
            }
            Term::Field { field, value } => Node::Field(*field, Pattern::of(*field, value)),
            Term::Is(flag) => Node::Flag(*flag),
            Term::Age { compare, hours } => {
                let then = now - Duration::hours(i64::try_from(*hours).unwrap_or(i64::MAX / 4));
                // Younger than `hours` is published after the instant `hours` ago; an
                // article without a date has no age.
                let just_after = then + Duration::nanoseconds(1);
                match compare {
                    Compare::Less => Node::After(just_after),
                    Compare::AtMost => Node::After(then),
                    Compare::More => Node::Before(then),
                    Compare::AtLeast => Node::Before(just_after),
                }
            }
            Term::After(day) => Node::After(start_of(*day)),
            Term::Before(day) => Node::Before(start_of(*day)),
        },
    }
}

/// Midnight at the start of `day`, in the reader's time zone.
fn start_of(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    Local
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |local| local.with_timezone(&Utc))
}

impl Pattern {
    fn of(field: Field, value: &Value) -> Pattern {
        let text = match value {
            Value::Regex(pattern) => return Pattern(pattern.regex.clone()),
            Value::Text(text) => regex::escape(text.trim()),
        };
        let source = match field {
            Field::Feed | Field::Tag => format!("^{text}$"),
            Field::Title | Field::Author | Field::Link => text,
        };
        // An escaped text always makes a pattern, well under any size limit.
        let regex = RegexBuilder::new(&source)
            .case_insensitive(true)
            .build()
            .unwrap_or_else(|_| Regex::new("$.^").expect("a pattern that matches nothing"));
        Pattern(regex)
    }
}

impl Node {
    fn matches(&self, subject: &impl Subject) -> bool {
        match self {
            Node::All => true,
            Node::Not(inner) => !inner.matches(subject),
            Node::And(parts) => parts.iter().all(|part| part.matches(subject)),
            Node::Or(parts) => parts.iter().any(|part| part.matches(subject)),
            Node::Words(term, words) => subject.has_words(*term, words),
            Node::Flag(flag) => subject.has(*flag),
            Node::After(instant) => subject.published().is_some_and(|at| at >= *instant),
            Node::Before(instant) => subject.published().is_some_and(|at| at < *instant),
            Node::Field(field, Pattern(regex)) => match field {
                Field::Title => regex.is_match(subject.title()),
                Field::Author => subject.author().is_some_and(|a| regex.is_match(a)),
                Field::Link => subject.link().is_some_and(|l| regex.is_match(l)),
                Field::Tag => subject.tags().iter().any(|t| regex.is_match(t.as_str())),
                Field::Feed => subject
                    .feed()
                    .is_some_and(|(name, url)| regex.is_match(name.trim()) || regex.is_match(url)),
            },
        }
    }
}

/// Whether `text` (lower case) has each of `words` (lower case) as the start of a word; a
/// word in a script written without spaces (Chinese, Japanese, Thai…) anywhere.
pub fn has_words(text: &str, words: &[String]) -> bool {
    words.iter().all(|word| has_word_start(text, word))
}

fn has_word_start(text: &str, word: &str) -> bool {
    let Some(first) = word.chars().next() else {
        return true;
    };
    let anywhere = !first.is_alphanumeric() || unspaced(first);
    text.match_indices(word).any(|(at, _)| {
        anywhere
            || text[..at]
                .chars()
                .next_back()
                .is_none_or(|before| !before.is_alphanumeric())
    })
}

#[cfg(test)]
#[path = "matching_tests.rs"]
mod tests;
