//! Ways to index Chinese for search (issue 18), each given the same 20,000 Chinese articles
//! of about 2,800 characters (`common/zh.rs`), as a refresh writes them (transactions of 64):
//! the size of the index, the time to build it, and the time to answer searches of one, two,
//! four and five characters, with what each finds. Not a divan bench: each way is built once
//! and printed as one table (`cargo bench --bench grams`).
//!
//! - `pairs and run ends, positions`: overlapping pairs of characters in order, each run
//!   ending with its last character alone, `detail = full`; a string is a phrase of its pairs,
//!   one character the start of a pair (or a run's end).
//! - `pairs and run ends, positions, prefix 1`: the same with FTS5's index of one-character
//!   prefixes.
//! - `pairs, positions` (what tidings does, with `characters once` beside it in the word
//!   index for one character): the pairs alone, a break between two runs only where the
//!   second starts with the character the first ended with (`source::words`).
//! - `characters, positions`: each character a token, a string the phrase of its characters.
//! - `pairs once, no positions`: each pair of an article once, `detail = none` (the word
//!   index's way): a string is every pair of it, anywhere, so it finds articles that hold the
//!   pairs apart too (counted as wrong).
//! - `characters once, no positions`: each character of an article once, `detail = none`:
//!   one character only (tidings gives these to the word index beside its pairs).
//! - `trigram`: SQLite's trigram tokenizer over the runs: three characters or more only.

mod common;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use common::zh;
use rusqlite::{Connection, params};
use tidings::source::words::{Markup, index_text};

const ARTICLES: usize = 20_000;
const QUERIES: &[&str] = &["的", "港", "智能", "人工智能", "新能源汽车"];

struct Rng(u64);

impl zh::Draw for Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((u128::from(z ^ (z >> 31)) * n as u128) >> 64) as usize
    }
}

/// One way of indexing: its table, what it is given for a text, and its query for a string.
struct Way {
    name: &'static str,
    table: &'static str,
    tokens: fn(&str) -> String,
    query: fn(&str) -> Option<String>,
}

fn pairs(text: &str) -> String {
    index_text(text, Markup::Plain).grams
}

/// The pairs, each run ending with its last character alone (which keeps runs apart, and
/// lets one character be asked as the start of a pair).
fn pairs_and_run_ends(text: &str) -> String {
    let mut out = String::new();
    let mut run: Vec<char> = Vec::new();
    for c in text.chars().chain([' ']) {
        if tidings::source::words::unspaced(c) {
            run.push(c);
            continue;
        }
        for pair in run.windows(2) {
            out.extend(pair);
            out.push(' ');
        }
        if let Some(last) = run.last() {
            out.push(*last);
            out.push(' ');
        }
        run.clear();
    }
    out
}

/// Each character of each run, a run ended by a token no search has.
fn characters(text: &str) -> String {
    let mut out = String::new();
    let mut in_run = false;
    for c in text.chars() {
        if tidings::source::words::unspaced(c) {
            out.push(c);
            out.push(' ');
            in_run = true;
        } else if in_run {
            out.push_str("〓 ");
            in_run = false;
        }
    }
    out
}

fn pairs_once(text: &str) -> String {
    let mut seen = HashSet::new();
    let mut out = String::new();
    for pair in pairs(text).split(' ').filter(|p| !p.is_empty()) {
        if seen.insert(pair.to_string()) {
            out.push_str(pair);
            out.push(' ');
        }
    }
    out
}

/// Each character of the text once.
fn characters_once(text: &str) -> String {
    let mut seen = HashSet::new();
    let mut out = String::new();
    for c in text
        .chars()
        .filter(|c| tidings::source::words::unspaced(*c))
    {
        if seen.insert(c) {
            out.push(c);
            out.push(' ');
        }
    }
    out
}

fn one_character(query: &str) -> Option<String> {
    (query.chars().count() == 1).then(|| format!("\"{query}\""))
}

/// The runs, one a line.
fn runs(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if tidings::source::words::unspaced(c) {
            out.push(c);
        } else if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// Two characters or more: the phrase of their pairs.
fn pair_phrase(query: &str) -> Option<String> {
    let chars: Vec<char> = query.chars().collect();
    let pairs: Vec<String> = chars.windows(2).map(|p| p.iter().collect()).collect();
    (chars.len() > 1).then(|| format!("\"{}\"", pairs.join(" ")))
}

/// The same, and one character as the start of a pair.
fn pair_phrase_or_start(query: &str) -> Option<String> {
    match query.chars().count() {
        1 => Some(format!("\"{query}\"*")),
        _ => pair_phrase(query),
    }
}

fn char_phrase(query: &str) -> Option<String> {
    let chars: Vec<String> = query.chars().map(String::from).collect();
    Some(format!("\"{}\"", chars.join(" ")))
}

fn every_pair(query: &str) -> Option<String> {
    let chars: Vec<char> = query.chars().collect();
    Some(match chars.as_slice() {
        [c] => format!("\"{c}\"*"),
        _ => chars
            .windows(2)
            .map(|p| format!("\"{}\"", p.iter().collect::<String>()))
            .collect::<Vec<_>>()
            .join(" AND "),
    })
}

fn trigram(query: &str) -> Option<String> {
    (query.chars().count() >= 3).then(|| format!("\"{query}\""))
}

const WAYS: &[Way] = &[
    Way {
        name: "pairs and run ends, positions",
        table: "fts5(grams, content = '', contentless_delete = 1, tokenize = 'ascii')",
        tokens: pairs_and_run_ends,
        query: pair_phrase_or_start,
    },
    Way {
        name: "pairs and run ends, positions, prefix 1",
        table: "fts5(grams, content = '', contentless_delete = 1, tokenize = 'ascii', prefix = '1')",
        tokens: pairs_and_run_ends,
        query: pair_phrase_or_start,
    },
    Way {
        name: "pairs, positions",
        table: "fts5(grams, content = '', contentless_delete = 1, tokenize = 'ascii')",
        tokens: pairs,
        query: pair_phrase,
    },
    Way {
        name: "characters, positions",
        table: "fts5(grams, content = '', contentless_delete = 1, tokenize = 'ascii')",
        tokens: characters,
        query: char_phrase,
    },
    Way {
        name: "pairs once, no positions",
        table: "fts5(grams, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii')",
        tokens: pairs_once,
        query: every_pair,
    },
    Way {
        name: "characters once, no positions",
        table: "fts5(grams, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii')",
        tokens: characters_once,
        query: one_character,
    },
    Way {
        name: "trigram",
        table: "fts5(grams, content = '', contentless_delete = 1, tokenize = 'trigram case_sensitive 1')",
        tokens: runs,
        query: trigram,
    },
];

fn main() {
    let mut rng = Rng(0x7A68);
    let texts: Vec<String> = (0..ARTICLES)
        .map(|_| format!("{}\n{}", zh::title(&mut rng), zh::sentences(&mut rng, 900)))
        .collect();
    let characters: usize = texts
        .iter()
        .map(|t| {
            t.chars()
                .filter(|c| tidings::source::words::unspaced(*c))
                .count()
        })
        .sum();
    println!(
        "{ARTICLES} Chinese articles, {:.1} M characters of Chinese ({:.0} MB of UTF-8)\n",
        characters as f64 / 1e6,
        (characters * 3) as f64 / 1e6
    );
    print!("| way | build s | index MB | bytes a character |");
    for query in QUERIES {
        print!(" {query} ms (found) |");
    }
    println!();
    println!("|---|---:|---:|---:|{}", "---:|".repeat(QUERIES.len()));
    let mut truth: Vec<HashSet<i64>> = Vec::new();
    for way in WAYS {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let conn = Connection::open(dir.path().join("index.db")).expect("a database");
        conn.execute_batch(&format!(
            "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
             CREATE VIRTUAL TABLE idx USING {};",
            way.table
        ))
        .expect("the table");
        let started = Instant::now();
        for (run, texts) in texts.chunks(64).enumerate() {
            let transaction = conn.unchecked_transaction().expect("a transaction");
            let mut insert = transaction
                .prepare_cached("INSERT INTO idx (rowid, grams) VALUES (?1, ?2)")
                .expect("the insert");
            for (n, text) in texts.iter().enumerate() {
                let rowid = (run * 64 + n) as i64;
                insert
                    .execute(params![rowid, (way.tokens)(text)])
                    .expect("inserted");
            }
            drop(insert);
            transaction.commit().expect("committed");
        }
        let built = started.elapsed();
        let bytes: i64 = conn
            .query_row(
                "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'idx%'",
                [],
                |row| row.get(0),
            )
            .expect("dbstat");
        print!(
            "| {} | {:.1} | {:.1} | {:.2} |",
            way.name,
            built.as_secs_f64(),
            bytes as f64 / 1e6,
            bytes as f64 / characters as f64
        );
        for (q, query) in QUERIES.iter().enumerate() {
            let Some(fts) = (way.query)(query) else {
                print!(" – |");
                continue;
            };
            let mut statement = conn
                .prepare("SELECT rowid FROM idx WHERE idx MATCH ?1")
                .expect("the query");
            let mut times = Vec::new();
            let mut found = HashSet::new();
            for _ in 0..15 {
                let started = Instant::now();
                found = statement
                    .query_map([&fts], |row| row.get::<_, i64>(0))
                    .expect("asked")
                    .collect::<rusqlite::Result<_>>()
                    .expect("answered");
                times.push(started.elapsed());
            }
            times.sort();
            let median: Duration = times[times.len() / 2];
            // The first way that answers is exact: the others are told against it.
            if truth.len() <= q {
                truth.push(found.clone());
            }
            let wrong = found.symmetric_difference(&truth[q]).count();
            let note = if wrong > 0 {
                format!(", {wrong} wrong")
            } else {
                String::new()
            };
            print!(
                " {:.2} ({}{note}) |",
                median.as_secs_f64() * 1000.0,
                found.len()
            );
        }
        println!();
    }
}
