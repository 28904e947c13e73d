//! Article bodies that keep their shape, as `tidings show` prints them: verse with its line
//! breaks, a rule, a table with its columns aligned, superscripts; the same from a bookmark's
//! saved copy. Run against the real binary, as the CLI tests are.

use std::path::PathBuf;

use crate::support::cli::Env;
use unicode_width::UnicodeWidthStr;

fn feed() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds/shapes.xml")
}

/// The id of the one article of the shapes feed.
fn id(env: &Env) -> String {
    let listed = env.json(&["list", "--json", feed().to_str().unwrap()]);
    let articles = listed.as_array().expect("a JSON array");
    assert_eq!(articles.len(), 1, "{listed}");
    articles[0]["id"].as_str().expect("an id").to_string()
}

/// The display columns at which `│` stands in `line`.
fn bars(line: &str) -> Vec<usize> {
    line.match_indices('│')
        .map(|(at, _)| line[..at].width())
        .collect()
}

fn line_starting<'a>(out: &'a str, start: &str) -> &'a str {
    out.lines()
        .find(|line| line.starts_with(start))
        .unwrap_or_else(|| panic!("no line starts with {start:?} in\n{out}"))
}

#[test]
fn show_prints_verse_line_by_line_and_a_table_with_its_columns_aligned() {
    let env = Env::new();
    let id = id(&env);
    let out = env.ok(&["show", &id, "--width", "60", feed().to_str().unwrap()]);
    let lines: Vec<&str> = out.lines().collect();
    let verse = lines
        .iter()
        .position(|line| *line == "The harbour master's verse:")
        .unwrap_or_else(|| panic!("{out}"));
    assert_eq!(
        lines[verse..verse + 5],
        [
            "The harbour master's verse:",
            "High tide at the pier,",
            "low tide at the bar,",
            "",
            "and the ferry waits.",
        ],
        "{out}"
    );
    assert!(lines.contains(&"─".repeat(60).as_str()), "a rule: {out}");
    assert!(
        out.contains("10³ m³ a minute, for the 2^(nd) time; H₂O"),
        "{out}"
    );
    // Every row's cells start where the heading's do.
    let heading = line_starting(&out, "Port ");
    assert_eq!(bars(heading).len(), 2, "{heading}");
    for row in ["Ashby", "Port Elspeth"] {
        assert_eq!(bars(line_starting(&out, row)), bars(heading), "{out}");
    }
    let rule = out
        .lines()
        .find(|line| line.contains('┼'))
        .unwrap_or_else(|| panic!("no rule under the heading in\n{out}"));
    assert_eq!(
        rule.match_indices('┼')
            .map(|(at, _)| rule[..at].width())
            .collect::<Vec<_>>(),
        bars(heading)
    );
    for cell in ["Port", "Ferries", "Notes"] {
        assert!(heading.contains(cell), "{heading}");
    }
    assert!(line_starting(&out, "Ashby").contains("Two were cancelled"));

    // Narrower, the table still fits, and its columns still line up.
    let narrow = env.ok(&["show", &id, "--width", "30", feed().to_str().unwrap()]);
    for line in narrow.lines() {
        assert!(line.width() <= 30, "{line:?} in\n{narrow}");
    }
    let heading = line_starting(&narrow, "Port ");
    for row in ["Ashby", "Elspeth"] {
        assert_eq!(bars(line_starting(&narrow, row)), bars(heading), "{narrow}");
    }
    assert!(narrow.contains("│ 12 "), "{narrow}");
}

#[test]
fn a_bookmark_keeps_the_shape() {
    let env = Env::new();
    let id = id(&env);
    let from_feed = env.ok(&["show", &id, "--width", "60", feed().to_str().unwrap()]);
    env.ok(&["bookmark", "add", &id, feed().to_str().unwrap()]);
    let from_copy = env.ok(&["show", &id, "--width", "60"]);
    assert!(from_copy.contains("saved copy"), "{from_copy}");
    let body = |out: &str| -> Vec<String> {
        out.lines()
            .skip_while(|line| !line.is_empty())
            .map(str::to_string)
            .collect()
    };
    assert_eq!(body(&from_copy), body(&from_feed));
}
