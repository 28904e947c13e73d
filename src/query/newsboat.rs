//! newsboat's filter language (its `query:` feeds and `ignore-article` lines) written in
//! ours. newsboat compares an attribute with a value (`unread = "yes"`, `title =~ "rust"`,
//! `tags # "news"`, `age between 0:7`) and joins comparisons with `and` and `or`, which it
//! groups to the right whatever they are (`a and b or c` is `a and (b or c)`): the
//! translation writes that grouping out. A comparison with no counterpart in ours (on an
//! article's `guid` or `content` regex, a flag that is not a bookmark's) makes the whole
//! expression untranslatable, so that nothing is imported meaning something else.

use super::{Compare, Field, Flag, Query, Term, Value};

/// newsboat's expression as one of ours; `bookmark_flags` are the flag letters that mean a
/// bookmark. The error says, in words, what could not be translated.
pub fn translate(expression: &str, bookmark_flags: &str) -> Result<Query, String> {
    let tokens = tokens(expression)?;
    let mut reader = Reader {
        tokens: &tokens,
        at: 0,
        bookmark_flags,
    };
    let query = reader.expression()?;
    if reader.at < tokens.len() {
        return Err(format!(
            "unexpected {} in \"{expression}\"",
            tokens[reader.at].words()
        ));
    }
    Ok(query)
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    Word(String),
    Operator(&'static str),
    Quoted(String),
}

impl Token {
    fn words(&self) -> String {
        match self {
            Token::Open => "'('".into(),
            Token::Close => "')'".into(),
            Token::And => "'and'".into(),
            Token::Or => "'or'".into(),
            Token::Word(word) => format!("'{word}'"),
            Token::Operator(op) => format!("'{op}'"),
            Token::Quoted(text) => format!("\"{text}\""),
        }
    }
}

const OPERATORS: [&str; 11] = [
    "!=", "=~", "!~", "!#", "<=", ">=", "=", "#", "<", ">", "between",
];

fn tokens(text: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        if c.is_whitespace() {
            at += 1;
        } else if c == '(' {
            out.push(Token::Open);
            at += 1;
        } else if c == ')' {
            out.push(Token::Close);
            at += 1;
        } else if c == '"' {
            let mut value = String::new();
            at += 1;
            loop {
                match chars.get(at) {
                    None => return Err(format!("a quoted value is not closed in \"{text}\"")),
                    Some('"') => break,
                    Some('\\') if chars.get(at + 1) == Some(&'"') => {
                        value.push('"');
                        at += 2;
                    }
                    Some(&c) => {
                        value.push(c);
                        at += 1;
                    }
                }
            }
            at += 1;
            out.push(Token::Quoted(value));
        } else if let Some(op) = OPERATORS
            .iter()
            .filter(|op| !op.starts_with('b'))
            .find(|op| chars[at..].iter().take(op.len()).copied().eq(op.chars()))
        {
            out.push(Token::Operator(op));
            at += op.len();
        } else {
            let end = (at..chars.len())
                .find(|&i| {
                    chars[i].is_whitespace()
                        || matches!(chars[i], '(' | ')' | '"' | '=' | '!' | '#' | '<' | '>')
                })
                .unwrap_or(chars.len());
            let word: String = chars[at..end].iter().collect();
            at = end;
            out.push(match word.as_str() {
                "and" => Token::And,
                "or" => Token::Or,
                "between" => Token::Operator("between"),
                _ => Token::Word(word),
            });
        }
    }
    Ok(out)
}

struct Reader<'a> {
    tokens: &'a [Token],
    at: usize,
    bookmark_flags: &'a str,
}

impl Reader<'_> {
    fn next(&mut self) -> Option<&Token> {
        let token = self.tokens.get(self.at);
        self.at += 1;
        token
    }

    /// A comparison or a group, and, to the right, `and`/`or` and the rest of the
    /// expression, which it takes whole (newsboat's grouping).
    fn expression(&mut self) -> Result<Query, String> {
        let left = self.primary()?;
        let joined = match self.tokens.get(self.at) {
            Some(Token::And) => true,
            Some(Token::Or) => false,
            _ => return Ok(left),
        };
        self.at += 1;
        let right = self.expression()?;
        Ok(if joined {
            Query::and(vec![left, right])
        } else {
            Query::or(vec![left, right])
        })
    }

    fn primary(&mut self) -> Result<Query, String> {
        match self.next().cloned() {
            Some(Token::Open) => {
                let inner = self.expression()?;
                match self.next() {
                    Some(Token::Close) => Ok(inner),
                    _ => Err("a '(' is not closed".to_string()),
                }
            }
            Some(Token::Word(attribute)) => {
                let op = match self.next() {
                    Some(Token::Operator(op)) => *op,
                    other => {
                        let seen = other.map_or("the end".to_string(), Token::words);
                        return Err(format!(
                            "expected an operator after '{attribute}', not {seen}"
                        ));
                    }
                };
                let value = match self.next() {
                    Some(Token::Quoted(value) | Token::Word(value)) => value.clone(),
                    other => {
                        let seen = other.map_or("the end".to_string(), Token::words);
                        return Err(format!(
                            "expected a value after '{attribute} {op}', not {seen}"
                        ));
                    }
                };
                comparison(&attribute, op, &value, self.bookmark_flags)
            }
            Some(token) => Err(format!("expected a comparison, not {}", token.words())),
            None => Err("expected a comparison".to_string()),
        }
    }
}

/// One comparison of newsboat's in ours.
fn comparison(
    attribute: &str,
    op: &str,
    value: &str,
    bookmark_flags: &str,
) -> Result<Query, String> {
    let written = format!("{attribute} {op} \"{value}\"");
    let untranslatable = || {
        Err(format!(
            "`{written}` has no counterpart in tidings' queries"
        ))
    };
    let negated = |query: Query| Query::Not(Box::new(query));
    let term = Query::Term;
    match attribute {
        "unread" => {
            let unread = match (op, value) {
                ("=", "yes") | ("!=", "no") => true,
                ("=", "no") | ("!=", "yes") => false,
                _ => return untranslatable(),
            };
            Ok(term(Term::Is(if unread {
                Flag::Unread
            } else {
                Flag::Read
            })))
        }
        "title" | "author" | "link" | "feedtitle" | "rssurl" | "feedurl" | "feedlink" | "tags" => {
            let field = match attribute {
                "title" => Field::Title,
                "author" => Field::Author,
                "link" => Field::Link,
                "tags" => Field::Tag,
                _ => Field::Feed,
            };
            let matched = match op {
                "=" | "!=" if matches!(field, Field::Feed | Field::Tag) => {
                    Value::Text(value.into())
                }
                "=" | "!=" => Value::regex(&format!("^{}$", regex::escape(value)))?,
                "=~" | "!~" => Value::regex(value)?,
                "#" | "!#" => Value::Text(value.into()),
                _ => return untranslatable(),
            };
            let query = term(Term::Field {
                field,
                value: matched,
            });
            Ok(if op.starts_with('!') {
                negated(query)
            } else {
                query
            })
        }
        "age" => {
            let days = |text: &str| {
                text.trim()
                    .parse::<u64>()
                    .map_err(|_| format!("`{written}`: an age is a whole number of days"))
            };
            let age = |compare, days: u64| {
                term(Term::Age {
                    compare,
                    hours: days * 24,
                })
            };
            match op {
                "<" => Ok(age(Compare::Less, days(value)?)),
                "<=" => Ok(age(Compare::AtMost, days(value)?)),
                ">" => Ok(age(Compare::More, days(value)?)),
                ">=" => Ok(age(Compare::AtLeast, days(value)?)),
                "=" => {
                    let n = days(value)?;
                    Ok(Query::and(vec![
                        age(Compare::AtLeast, n),
                        age(Compare::Less, n + 1),
                    ]))
                }
                "between" => {
                    let (from, to) = value
                        .split_once(':')
                        .ok_or_else(|| format!("`{written}`: between takes from:to"))?;
                    Ok(Query::and(vec![
                        age(Compare::AtLeast, days(from)?),
                        age(Compare::AtMost, days(to)?),
                    ]))
                }
                _ => untranslatable(),
            }
        }
        "flags"
            if matches!(op, "#" | "!#")
                && !value.is_empty()
                && value.chars().all(|c| bookmark_flags.contains(c)) =>
        {
            let query = term(Term::Is(Flag::Bookmarked));
            Ok(if op == "!#" { negated(query) } else { query })
        }
        "content" | "description"
            if matches!(op, "#" | "=~")
                && !value.is_empty()
                && value
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == ' ' || c == '-') =>
        {
            Ok(term(Term::Text(value.into())))
        }
        _ => untranslatable(),
    }
}

#[cfg(test)]
#[path = "newsboat_tests.rs"]
mod tests;
