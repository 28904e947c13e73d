use super::parse;
use crate::query::{Compare, Field, Flag, Query, Term, Value};

fn text(word: &str) -> Query {
    Query::Term(Term::Text(word.to_string()))
}

fn field(field: Field, value: &str) -> Query {
    Query::Term(Term::Field {
        field,
        value: Value::Text(value.to_string()),
    })
}

fn is(flag: Flag) -> Query {
    Query::Term(Term::Is(flag))
}

fn error(query: &str) -> String {
    parse(query).unwrap_err().to_string()
}

#[test]
fn words_and_phrases_are_text_whatever_their_case() {
    assert_eq!(parse("").unwrap(), Query::All);
    assert_eq!(parse("  ").unwrap(), Query::All);
    assert_eq!(parse("ferry").unwrap(), text("ferry"));
    assert_eq!(
        parse("night ferry").unwrap(),
        Query::And(vec![text("night"), text("ferry")])
    );
    assert_eq!(parse("\"night ferry\"").unwrap(), text("night ferry"));
    assert_eq!(
        parse("cats and dogs or not").unwrap(),
        Query::And(vec![
            text("cats"),
            text("and"),
            text("dogs"),
            text("or"),
            text("not")
        ]),
        "lower-case words are text, as they were in the search box"
    );
    assert_eq!(parse("covid-19").unwrap(), text("covid-19"), "one term");
    assert_eq!(
        parse("https://x.example/a").unwrap(),
        text("https://x.example/a"),
        "an unknown field is text"
    );
    assert_eq!(parse("智能").unwrap(), text("智能"));
}

#[test]
fn every_field_flag_age_and_date() {
    assert_eq!(
        parse("title:iphone").unwrap(),
        field(Field::Title, "iphone")
    );
    assert_eq!(
        parse("author:\"Ada Editor\"").unwrap(),
        field(Field::Author, "Ada Editor")
    );
    assert_eq!(
        parse("feed:\"Daring Fireball\"").unwrap(),
        field(Field::Feed, "Daring Fireball")
    );
    assert_eq!(parse("tag:rust").unwrap(), field(Field::Tag, "rust"));
    assert_eq!(
        parse("link:example.com").unwrap(),
        field(Field::Link, "example.com")
    );
    let Query::Term(Term::Field {
        field: Field::Title,
        value: Value::Regex(pattern),
    }) = parse(r"title:/^\[sponsor\]/").unwrap()
    else {
        panic!("a title regex");
    };
    assert!(pattern.regex.is_match("[SPONSOR] Buy now"), "without case");
    assert!(!pattern.regex.is_match("A sponsor"));
    for (name, flag) in [
        ("unread", Flag::Unread),
        ("read", Flag::Read),
        ("bookmarked", Flag::Bookmarked),
        ("fulltext", Flag::FullText),
        ("hidden", Flag::Hidden),
    ] {
        assert_eq!(parse(&format!("is:{name}")).unwrap(), is(flag));
    }
    for (query, compare, hours) in [
        ("age<3d", Compare::Less, 72),
        ("age>=2w", Compare::AtLeast, 336),
        ("age<=12h", Compare::AtMost, 12),
        ("age>1d", Compare::More, 24),
    ] {
        assert_eq!(
            parse(query).unwrap(),
            Query::Term(Term::Age { compare, hours }),
            "{query}"
        );
    }
    assert_eq!(parse("ageing").unwrap(), text("ageing"));
    let date = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    assert_eq!(
        parse("after:2026-11-01 before:2026-12-01").unwrap(),
        Query::And(vec![
            Query::Term(Term::After(date("2026-11-01"))),
            Query::Term(Term::Before(date("2026-12-01"))),
        ])
    );
}

#[test]
fn not_binds_tightest_then_and_then_or() {
    assert_eq!(
        parse("a OR b c").unwrap(),
        Query::Or(vec![text("a"), Query::And(vec![text("b"), text("c")])])
    );
    assert_eq!(
        parse("a b | c").unwrap(),
        Query::Or(vec![Query::And(vec![text("a"), text("b")]), text("c")])
    );
    assert_eq!(
        parse("NOT a AND b").unwrap(),
        Query::And(vec![Query::Not(Box::new(text("a"))), text("b")])
    );
    assert_eq!(
        parse("-is:read tag:rust").unwrap(),
        Query::And(vec![
            Query::Not(Box::new(is(Flag::Read))),
            field(Field::Tag, "rust")
        ])
    );
    assert_eq!(
        parse("(a OR b) c").unwrap(),
        Query::And(vec![Query::Or(vec![text("a"), text("b")]), text("c")])
    );
    assert_eq!(
        parse("NOT (a OR b)").unwrap(),
        Query::Not(Box::new(Query::Or(vec![text("a"), text("b")])))
    );
    assert_eq!(
        parse("a - b").unwrap(),
        Query::And(vec![text("a"), text("-"), text("b")])
    );
}

#[test]
fn the_examples_of_design_md() {
    for query in [
        "is:unread tag:rust",
        "feed:\"Daring Fireball\" -is:read age<2d",
        r#"title:/^\[sponsor\]/ OR author:"Staff""#,
    ] {
        let parsed = parse(query).unwrap();
        assert_eq!(parse(&parsed.to_string()).unwrap(), parsed, "{query}");
    }
}

#[test]
fn errors_name_the_column_and_what_was_expected() {
    assert_eq!(
        error("is:unread tag:"),
        "query: expected a value after 'tag:' at column 15"
    );
    assert_eq!(
        error("(a OR b"),
        "query: expected ')' to close the '(' of column 1 at column 8"
    );
    assert_eq!(
        error("a)"),
        "query: a ')' without its '(' before it at column 2"
    );
    assert_eq!(
        error("a OR"),
        "query: expected a term after 'OR' at column 5"
    );
    assert_eq!(
        error("a AND OR b"),
        "query: expected a term after 'AND' at column 7"
    );
    assert_eq!(
        error("NOT"),
        "query: expected a term after 'NOT' at column 4"
    );
    assert_eq!(
        error("()"),
        "query: expected a term inside '( )' at column 2"
    );
    assert_eq!(
        error("\"half a phrase"),
        "query: expected a '\"' to end the phrase begun here at column 1"
    );
    assert_eq!(
        error("title:/open"),
        "query: expected a '/' to end the regex begun here at column 7"
    );
    assert!(error("title:/(/").starts_with("query: the regex is not valid:"));
    assert_eq!(
        error("is:starred"),
        "query: 'starred' is not a flag: use is:unread, is:read, is:bookmarked, is:fulltext \
         or is:hidden at column 4"
    );
    assert_eq!(
        error("age<3"),
        "query: expected a number and h, d or w after 'age<', like age<3d at column 5"
    );
    assert_eq!(
        error("after:yesterday"),
        "query: expected a date like 2026-11-01 after 'after:' at column 7"
    );
    assert_eq!(error("| a"), "query: expected a term, not 'OR' at column 1");
}

#[test]
fn a_query_written_out_reads_back_the_same() {
    for query in [
        "a OR b c",
        "(a OR b) c",
        "NOT (a OR b) -c",
        "title:\"two words\" feed:x tag:\"U.S.\" link:/a\\/b/",
        "age<1w age>=36h after:2026-01-02",
        "\"AND\" \"-x\" \"x:y\"",
    ] {
        let parsed = parse(query).unwrap();
        assert_eq!(
            parse(&parsed.to_string()).unwrap(),
            parsed,
            "{query} → {parsed}"
        );
    }
}

#[test]
fn a_quote_inside_a_phrase_is_written_with_a_backslash() {
    assert_eq!(
        parse(r#"feed:"A \"quoted\" name""#).unwrap(),
        field(Field::Feed, "A \"quoted\" name")
    );
    let query = field(Field::Feed, "A \"quoted\" name");
    assert_eq!(parse(&query.to_string()).unwrap(), query);
}
