//! The query language read into a [`Query`]: words and phrases searched as text, fields with
//! a word, a phrase or a `/regex/`, flags, ages and dates, joined by `NOT` (or a leading `-`),
//! `AND` (or nothing) and `OR` (or `|`), in that order of binding, with parentheses. Only the
//! upper-case `AND`, `OR` and `NOT` are operators: lower-case words are always text, so what
//! people typed into the search box keeps its meaning.

use chrono::NaiveDate;

use super::{Flag, Query, QueryError, Term, Value};

/// Reads a query. The empty query (nothing but white space) is [`Query::All`].
pub fn parse(text: &str) -> Result<Query, QueryError> {
    let tokens = tokens(text)?;
    if tokens.is_empty() {
        return Ok(Query::All);
    }
    let mut parser = Parser {
        tokens,
        at: 0,
        end_column: text.chars().count() + 1,
    };
    let query = parser.or()?;
    match parser.tokens.get(parser.at) {
        None => Ok(query),
        Some((Token::Close, column)) => Err(QueryError::new(
            *column,
            "a ')' without its '(' before it".to_string(),
        )),
        Some((token, column)) => Err(QueryError::new(
            *column,
            format!("unexpected {}", token.words()),
        )),
    }
}

/// What the query is made of, each with its column (from 1).
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    Not,
    Term(Term),
}

impl Token {
    fn words(&self) -> String {
        match self {
            Token::Open => "'('".to_string(),
            Token::Close => "')'".to_string(),
            Token::And => "'AND'".to_string(),
            Token::Or => "'OR'".to_string(),
            Token::Not => "'NOT'".to_string(),
            Token::Term(_) => "a term".to_string(),
        }
    }
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    at: usize,
    end_column: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at).map(|(token, _)| token)
    }

    fn column(&self) -> usize {
        self.tokens
            .get(self.at)
            .map_or(self.end_column, |(_, column)| *column)
    }

    fn or(&mut self) -> Result<Query, QueryError> {
        let mut parts = vec![self.and()?];
        while self.peek() == Some(&Token::Or) {
            let column = self.column();
            self.at += 1;
            parts.push(self.operand(column, "OR", Self::and)?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Query::Or(parts)
        })
    }

    fn and(&mut self) -> Result<Query, QueryError> {
        let mut parts = vec![self.not()?];
        loop {
            match self.peek() {
                Some(Token::And) => {
                    let column = self.column();
                    self.at += 1;
                    parts.push(self.operand(column, "AND", Self::not)?);
                }
                Some(Token::Open | Token::Not | Token::Term(_)) => parts.push(self.not()?),
                _ => break,
            }
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Query::And(parts)
        })
    }

    fn not(&mut self) -> Result<Query, QueryError> {
        if self.peek() == Some(&Token::Not) {
            let column = self.column();
            self.at += 1;
            let negated = self.operand(column, "NOT", Self::not)?;
            return Ok(Query::Not(Box::new(negated)));
        }
        self.atom()
    }

    /// What follows an operator written at `column`: a term is expected there.
    fn operand(
        &mut self,
        column: usize,
        operator: &str,
        next: fn(&mut Self) -> Result<Query, QueryError>,
    ) -> Result<Query, QueryError> {
        match self.peek() {
            None | Some(Token::Close | Token::Or | Token::And) => Err(QueryError::new(
                self.column().max(column),
                format!("expected a term after '{operator}'"),
            )),
            _ => next(self),
        }
    }

    fn atom(&mut self) -> Result<Query, QueryError> {
        let column = self.column();
        match self.tokens.get(self.at).cloned() {
            Some((Token::Open, _)) => {
                self.at += 1;
                if self.peek() == Some(&Token::Close) {
                    return Err(QueryError::new(
                        self.column(),
                        "expected a term inside '( )'".to_string(),
                    ));
                }
                let inner = self.or()?;
                if self.peek() != Some(&Token::Close) {
                    return Err(QueryError::new(
                        self.column(),
                        format!("expected ')' to close the '(' of column {column}"),
                    ));
                }
                self.at += 1;
                Ok(inner)
            }
            Some((Token::Term(term), _)) => {
                self.at += 1;
                Ok(Query::Term(term))
            }
            Some((token, _)) => Err(QueryError::new(
                column,
                format!("expected a term, not {}", token.words()),
            )),
            None => Err(QueryError::new(column, "expected a term".to_string())),
        }
    }
}

/// The tokens of a query, each with its column.
fn tokens(text: &str) -> Result<Vec<(Token, usize)>, QueryError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        let column = at + 1;
        if c.is_whitespace() {
            at += 1;
            continue;
        }
        match c {
            '(' => {
                out.push((Token::Open, column));
                at += 1;
                continue;
            }
            ')' => {
                out.push((Token::Close, column));
                at += 1;
                continue;
            }
            '|' => {
                out.push((Token::Or, column));
                at += 1;
                continue;
            }
            '-' if chars.get(at + 1).is_some_and(|n| starts_term(*n)) => {
                out.push((Token::Not, column));
                at += 1;
                continue;
            }
            _ => {}
        }
        let (term, next) = term(&chars, at)?;
        at = next;
        out.push((term, column));
    }
    Ok(out)
}

/// Whether a term can start with `c` (so a `-` before it negates it).
fn starts_term(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, ')' | '|' | '-')
}

/// The term starting at `at`: an operator word, a phrase, a regex, a field, a flag, an age,
/// a date or a word; and where it ends.
fn term(chars: &[char], at: usize) -> Result<(Token, usize), QueryError> {
    let column = at + 1;
    match chars[at] {
        '"' => {
            let (phrase, next) = quoted(chars, at)?;
            return Ok((Token::Term(Term::Text(phrase)), next));
        }
        '/' => {
            // A regex alone searches titles and text as a phrase would not: it is a title
            // regex, the field people mean most.
            let (regex, next) = regex(chars, at)?;
            return Ok((
                Token::Term(Term::Field {
                    field: super::Field::Title,
                    value: regex,
                }),
                next,
            ));
        }
        _ => {}
    }
    let end = word_end(chars, at);
    let word: String = chars[at..end].iter().collect();
    match word.as_str() {
        "AND" => return Ok((Token::And, end)),
        "OR" => return Ok((Token::Or, end)),
        "NOT" => return Ok((Token::Not, end)),
        _ => {}
    }
    if let Some((age, next)) = age(&word, column)? {
        return Ok((Token::Term(age), at + next.min(word.chars().count())));
    }
    let Some((name, rest)) = word.split_once(':') else {
        return Ok((Token::Term(Term::Text(word)), end));
    };
    let value_column = column + name.chars().count() + 1;
    let lower = name.to_ascii_lowercase();
    if lower == "is" {
        let flag = Flag::named(rest).ok_or_else(|| {
            QueryError::new(
                value_column,
                format!(
                    "'{rest}' is not a flag: use is:unread, is:read, is:bookmarked, \
                     is:fulltext or is:hidden"
                ),
            )
        })?;
        return Ok((Token::Term(Term::Is(flag)), end));
    }
    if lower == "after" || lower == "before" {
        let date = NaiveDate::parse_from_str(rest, "%Y-%m-%d").map_err(|_| {
            QueryError::new(
                value_column,
                format!("expected a date like 2026-11-01 after '{name}:'"),
            )
        })?;
        let term = if lower == "after" {
            Term::After(date)
        } else {
            Term::Before(date)
        };
        return Ok((Token::Term(term), end));
    }
    let Some(field) = super::Field::named(&lower) else {
        // `http://…` or `c++:` is text, as it was in the search box.
        return Ok((Token::Term(Term::Text(word)), end));
    };
    let value_at = at + name.chars().count() + 1;
    match chars.get(value_at) {
        Some('"') => {
            let (phrase, next) = quoted(chars, value_at)?;
            Ok((
                Token::Term(Term::Field {
                    field,
                    value: Value::Text(phrase),
                }),
                next,
            ))
        }
        Some('/') => {
            let (value, next) = regex(chars, value_at)?;
            Ok((Token::Term(Term::Field { field, value }), next))
        }
        _ if rest.is_empty() => Err(QueryError::new(
            value_column,
            format!("expected a value after '{name}:'"),
        )),
        _ => Ok((
            Token::Term(Term::Field {
                field,
                value: Value::Text(rest.to_string()),
            }),
            end,
        )),
    }
}

/// Where a bare word ends: at white space, a parenthesis or `|`.
fn word_end(chars: &[char], at: usize) -> usize {
    let mut end = at;
    while end < chars.len() && !chars[end].is_whitespace() && !matches!(chars[end], '(' | ')' | '|')
    {
        end += 1;
    }
    end
}

/// A `"phrase"` starting at `at` (a `\"` inside it is a quote), and where it ends.
fn quoted(chars: &[char], at: usize) -> Result<(String, usize), QueryError> {
    let mut phrase = String::new();
    let mut i = at + 1;
    while i < chars.len() {
        match chars[i] {
            '\\' if chars.get(i + 1) == Some(&'"') => {
                phrase.push('"');
                i += 2;
            }
            '"' => return Ok((phrase, i + 1)),
            c => {
                phrase.push(c);
                i += 1;
            }
        }
    }
    Err(QueryError::new(
        at + 1,
        "expected a '\"' to end the phrase begun here".to_string(),
    ))
}

/// A `/regex/` starting at `at` (a `\/` inside it is a slash), and where it ends.
fn regex(chars: &[char], at: usize) -> Result<(Value, usize), QueryError> {
    let mut pattern = String::new();
    let mut i = at + 1;
    while i < chars.len() {
        match chars[i] {
            '\\' if chars.get(i + 1) == Some(&'/') => {
                pattern.push('/');
                i += 2;
            }
            '/' => {
                let value = Value::regex(&pattern).map_err(|error| {
                    QueryError::new(at + 1, format!("the regex is not valid: {error}"))
                })?;
                return Ok((value, i + 1));
            }
            c => {
                pattern.push(c);
                i += 1;
            }
        }
    }
    Err(QueryError::new(
        at + 1,
        "expected a '/' to end the regex begun here".to_string(),
    ))
}

/// `age<3d`, `age>=2w`, `age<=12h`: the term, and how many characters of `word` it took;
/// `None` when the word is no age (`ageing`, `age`).
fn age(word: &str, column: usize) -> Result<Option<(Term, usize)>, QueryError> {
    let Some(rest) = word.strip_prefix("age") else {
        return Ok(None);
    };
    let (op, rest) = if let Some(rest) = rest.strip_prefix("<=") {
        (super::Compare::AtMost, rest)
    } else if let Some(rest) = rest.strip_prefix(">=") {
        (super::Compare::AtLeast, rest)
    } else if let Some(rest) = rest.strip_prefix('<') {
        (super::Compare::Less, rest)
    } else if let Some(rest) = rest.strip_prefix('>') {
        (super::Compare::More, rest)
    } else {
        return Ok(None);
    };
    let operator_len = word.len() - rest.len();
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let unit = rest[digits..].chars().next();
    let hours = match unit {
        Some('h') => 1,
        Some('d') => 24,
        Some('w') => 24 * 7,
        _ => 0,
    };
    let number: Option<u64> = rest[..digits].parse().ok();
    match (number, hours, rest.len() == digits + 1) {
        (Some(number), 1.., true) => Ok(Some((
            Term::Age {
                compare: op,
                hours: number.saturating_mul(hours),
            },
            word.chars().count(),
        ))),
        _ => Err(QueryError::new(
            column + operator_len,
            format!(
                "expected a number and h, d or w after '{}', like {}3d",
                &word[..operator_len],
                &word[..operator_len]
            ),
        )),
    }
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
