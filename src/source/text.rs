//! The plain-text article format of DESIGN.md: a web page's text as copied, with an optional
//! `Key: value` header block, a title line, paragraphs, headings, image captions and tags.

use super::common::{Field, Metadata, empty_article, prepare};
use super::{Origin, Parsed};
use crate::model::tag::parse_tag_list;
use crate::model::{Block, Body, Span};
use crate::sanitize::clean_line;

/// Credits that may appear anywhere in a caption line, compared without case.
const COLON_CREDITS: [&str; 7] = [
    "photograph:",
    "photo:",
    "photos:",
    "illustration:",
    "image:",
    "picture:",
    "credit:",
];
/// Agencies that end a caption line as its final word(s).
const AGENCY_CREDITS: [&str; 8] = [
    "Getty Images",
    "Reuters",
    "AP",
    "AFP",
    "EPA",
    "Shutterstock",
    "Alamy",
    "PA",
];
/// Longest image label, heading or section label, in characters (exclusive).
const SHORT_LINE: usize = 80;
/// Lines after the tag line shorter than this are a site's section labels.
const SITE_LABEL: usize = 60;
/// Longest line of a hard-wrapped paragraph (inclusive); longer lines are whole paragraphs.
const WRAPPED_LINE: usize = 100;
/// Longest single-line image caption (exclusive).
const CAPTION_LINE: usize = 300;

/// Parses a plain-text article. Never fails: any text gives an article.
pub fn parse(text: &str, origin: &Origin) -> Parsed {
    let text = prepare(text);
    if text.trim().is_empty() {
        return empty_article(origin);
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut meta = Metadata::default();
    let mut rest = read_header_block(&lines, &mut meta);

    let mut found_title = None;
    if let Some(first) = rest.iter().position(|line| !line.trim().is_empty()) {
        let line = clean_line(rest[first]);
        // The first line is the title unless a `Title:` header gave one; then it is dropped
        // only when it repeats that title.
        let repeats_header = meta
            .title()
            .is_some_and(|title| title.to_lowercase() == line.to_lowercase());
        if meta.title().is_none() || repeats_header {
            rest = &rest[first + 1..];
            found_title = Some(line);
        }
    }
    let body_lines = take_tags(rest, &mut meta);
    let body = Body {
        blocks: blocks(&body_lines),
    };
    meta.finish(found_title, body, origin, Vec::new())
}

/// Reads the header block at the top of the text into `meta` and returns the lines after it,
/// or all lines when the top block is not made only of known `Key: value` lines.
fn read_header_block<'a>(lines: &'a [&'a str], meta: &mut Metadata) -> &'a [&'a str] {
    let start = lines
        .iter()
        .position(|line| !line.trim().is_empty())
        .unwrap_or(lines.len());
    let end = lines[start..]
        .iter()
        .position(|line| line.trim().is_empty())
        .map_or(lines.len(), |len| start + len);
    let fields: Option<Vec<(Field, &str)>> = lines[start..end].iter().map(|l| header(l)).collect();
    match fields {
        Some(fields) if !fields.is_empty() => {
            for (field, value) in fields {
                meta.set(field, value);
            }
            &lines[end..]
        }
        _ => lines,
    }
}

/// A `Key: value` header line with one of the known keys.
fn header(line: &str) -> Option<(Field, &str)> {
    let (key, value) = line.split_once(':')?;
    let field = match key.trim().to_lowercase().as_str() {
        "title" => Field::Title,
        "source" => Field::Source,
        "author" => Field::Author,
        "date" => Field::Date,
        "url" => Field::Url,
        "tags" => Field::Tags,
        _ => return None,
    };
    Some((field, value))
}

/// Finds the last tag marker (a `Tags` line and the tag line after it, or one `Tags: a, b`
/// line), adds its tags to `meta`, and returns the body lines without the marker and the
/// short site labels after it.
fn take_tags<'a>(lines: &[&'a str], meta: &mut Metadata) -> Vec<&'a str> {
    let marker = lines.iter().enumerate().rev().find_map(|(i, line)| {
        let line = line.trim();
        if line.eq_ignore_ascii_case("tags") {
            let next = i + 1 + lines[i + 1..].iter().position(|l| !l.trim().is_empty())?;
            Some((i, next, lines[next]))
        } else {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case("tags")
                .then_some((i, i, value))
        }
    });
    let Some((start, tag_line, tags)) = marker else {
        return lines.to_vec();
    };
    meta.add_tags(parse_tag_list(&clean_line(tags)));
    let after = lines[tag_line + 1..]
        .iter()
        .filter(|line| line.trim().is_empty() || line.trim().chars().count() >= SITE_LABEL);
    lines[..start].iter().chain(after).copied().collect()
}

/// Turns body lines into blocks, one group of lines between blank lines at a time.
fn blocks(lines: &[&str]) -> Vec<Block> {
    let mut blocks = Vec::new();
    for group in lines.split(|line| line.trim().is_empty()) {
        let group: Vec<&str> = group.iter().map(|line| line.trim()).collect();
        match group.as_slice() {
            [] => {}
            [label, caption] if label.chars().count() < SHORT_LINE && has_credit(caption) => {
                blocks.push(Block::Image {
                    label: clean_line(label),
                    caption: clean_line(caption),
                    picture: None,
                });
            }
            [line] if has_colon_credit(line) && line.chars().count() < CAPTION_LINE => {
                blocks.push(Block::Image {
                    label: String::new(),
                    caption: clean_line(line),
                    picture: None,
                });
            }
            [line] if is_heading(line) => blocks.push(Block::Heading(clean_line(line))),
            _ => blocks.extend(paragraphs(&group)),
        }
    }
    blocks
}

/// One hard-wrapped paragraph when every line but the last is short, else one per line.
fn paragraphs(group: &[&str]) -> Vec<Block> {
    let paragraph = |text: &str| Block::Paragraph(vec![Span::plain(fold_white_space(text))]);
    let wrapped = &group[..group.len().saturating_sub(1)];
    if wrapped
        .iter()
        .all(|line| line.chars().count() <= WRAPPED_LINE)
    {
        vec![paragraph(&group.join(" "))]
    } else {
        group.iter().map(|line| paragraph(line)).collect()
    }
}

fn fold_white_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A short line that does not end like a sentence or a clause and has a letter in it.
fn is_heading(line: &str) -> bool {
    let unquoted = line.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', '}']);
    let ends_like_sentence = unquoted.ends_with(['.', '!', '?', ':', ',', ';', '…']);
    line.chars().count() < SHORT_LINE
        && !ends_like_sentence
        && line.chars().any(char::is_alphabetic)
}

/// Whether a line ends with, or contains, a photo credit.
fn has_credit(line: &str) -> bool {
    has_colon_credit(line) || {
        let end = line.trim_end().trim_end_matches([')', '.']);
        AGENCY_CREDITS.iter().any(|agency| {
            end.strip_suffix(agency).is_some_and(|before| {
                !before.ends_with(|c: char| c.is_alphanumeric() || c == '-' || c == '\'')
            })
        })
    }
}

fn has_colon_credit(line: &str) -> bool {
    let line = line.to_lowercase();
    COLON_CREDITS.iter().any(|credit| line.contains(credit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleId, Tag};
    use chrono::{DateTime, Utc};

    const ORIGIN: Origin = Origin {
        identity: "file:/news/storm-notes.txt",
        file_stem: "storm-notes_draft",
        default_source: "news",
    };

    fn parse_text(text: &str) -> Parsed {
        parse(text, &ORIGIN)
    }

    fn tags(parsed: &Parsed) -> Vec<&str> {
        parsed.article.tags.iter().map(Tag::as_str).collect()
    }

    fn para(text: &str) -> Block {
        Block::Paragraph(vec![Span::plain(text)])
    }

    fn heading(text: &str) -> Block {
        Block::Heading(text.to_string())
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    const WEB_COPY: &str = "\
Russia and China hold joint drills

Troops from both countries began exercises on Monday, officials said.

A soldier on the range
Soldiers take part in the drills near the border. Photograph: Ivan Petrov/Getty Images

What comes next

Analysts expect further exercises later this year.

Tags
Russia, China, Anti-Terrorism, U.S.
World news
Europe
";

    #[test]
    fn web_copy_gives_title_blocks_and_tags() {
        let parsed = parse_text(WEB_COPY);
        let article = &parsed.article;
        assert_eq!(article.title, "Russia and China hold joint drills");
        assert_eq!(
            article.body.blocks,
            vec![
                para("Troops from both countries began exercises on Monday, officials said."),
                Block::Image {
                    label: "A soldier on the range".into(),
                    caption: "Soldiers take part in the drills near the border. \
                              Photograph: Ivan Petrov/Getty Images"
                        .into(),
                    picture: None,
                },
                heading("What comes next"),
                para("Analysts expect further exercises later this year."),
            ]
        );
        assert_eq!(tags(&parsed), ["Russia", "China", "Anti-Terrorism", "U.S."]);
        assert_eq!(article.source, "news");
        assert_eq!(article.author, None);
        assert_eq!(article.url, None);
        assert_eq!(article.published, None);
        assert_eq!(article.id, ArticleId::from_identity(ORIGIN.identity));
        assert!(parsed.warnings.is_empty());
    }

    #[test]
    fn header_block_with_every_key() {
        let parsed = parse_text(
            "title: Storm season begins\n\
             Source:  The Coast Courier \n\
             AUTHOR: Ana Lima\n\
             Date: 2026-09-30T08:15:00+02:00\n\
             URL: https://example.com/storm\n\
             Tags: Weather, Coast\n\
             \n\
             The first storm reached the coast overnight.\n\
             \n\
             Tags: weather, Storms\n",
        );
        let article = &parsed.article;
        assert_eq!(article.title, "Storm season begins");
        assert_eq!(article.source, "The Coast Courier");
        assert_eq!(article.author.as_deref(), Some("Ana Lima"));
        assert_eq!(article.published, Some(utc("2026-09-30T06:15:00Z")));
        assert_eq!(article.url.as_deref(), Some("https://example.com/storm"));
        assert_eq!(
            article.id,
            ArticleId::from_identity("url:https://example.com/storm")
        );
        assert_eq!(tags(&parsed), ["Weather", "Coast", "Storms"]);
        assert_eq!(
            article.body.blocks,
            [para("The first storm reached the coast overnight.")]
        );
        assert!(parsed.warnings.is_empty());
    }

    #[test]
    fn header_title_repeated_as_first_line_is_dropped() {
        let parsed = parse_text("Title: Storm season\n\nStorm season\n\nIt rained.\n");
        assert_eq!(parsed.article.title, "Storm season");
        assert_eq!(parsed.article.body.blocks, [para("It rained.")]);
    }

    #[test]
    fn single_tags_line_and_site_labels() {
        let parsed = parse_text(
            "A title\n\nSome text here.\n\nTags: a, b, A\nOpinion\n\n\
             A long trailing line that is certainly longer than sixty characters stays.\n",
        );
        assert_eq!(tags(&parsed), ["a", "b"]);
        assert_eq!(
            parsed.article.body.blocks,
            [
                para("Some text here."),
                para("A long trailing line that is certainly longer than sixty characters stays."),
            ]
        );
    }

    #[test]
    fn last_tags_marker_wins() {
        let parsed = parse_text("Title\n\nTags: early\n\nText.\n\nTAGS\n\nlate, later\n");
        assert_eq!(tags(&parsed), ["late", "later"]);
        assert_eq!(
            parsed.article.body.blocks,
            [heading("Tags: early"), para("Text.")]
        );
    }

    #[test]
    fn title_that_looks_like_a_header_stays_the_title() {
        let parsed = parse_text(
            "Update: storms hit the coast\n\nWind and rain reached the town.\n\nMore to come.\n",
        );
        assert_eq!(parsed.article.title, "Update: storms hit the coast");
        assert_eq!(
            parsed.article.body.blocks,
            [
                para("Wind and rain reached the town."),
                para("More to come.")
            ]
        );
    }

    #[test]
    fn block_with_an_unknown_key_is_not_a_header_block() {
        let parsed = parse_text("Title: Storms\nMood: grim\n\nText follows.\n");
        assert_eq!(parsed.article.title, "Title: Storms");
        assert_eq!(parsed.article.author, None);
        assert_eq!(
            parsed.article.body.blocks,
            [heading("Mood: grim"), para("Text follows.")]
        );
    }

    #[test]
    fn heading_rules() {
        assert!(is_heading("What comes next"));
        assert!(is_heading("Storms in 2026"));
        for line in [
            "It ended.",
            "Really!",
            "Why?",
            "As follows:",
            "First,",
            "Then;",
            "He said \"stop.\"",
            "She asked “why?”",
            "(see below.)",
            "2026",
            "--",
        ] {
            assert!(!is_heading(line), "{line:?} is not a heading");
        }
        let long = "A".repeat(79);
        assert!(is_heading(&long));
        assert!(!is_heading(&"A".repeat(80)));
        let parsed = parse_text(&format!("T\n\n{}\n\nShort one\n", "B".repeat(80)));
        assert_eq!(
            parsed.article.body.blocks,
            [para(&"B".repeat(80)), heading("Short one")]
        );
    }

    #[test]
    fn credits() {
        assert!(has_credit("People gather. Photo: Jo Smith"));
        assert!(has_credit("A crowd (Reuters)"));
        assert!(has_credit("A crowd. AP."));
        assert!(has_credit("Boats in the harbour. Alex Doe/PA"));
        assert!(!has_credit("A map of Europe"));
        assert!(!has_credit("We went to SPA"));
    }

    #[test]
    fn single_line_colon_credit_is_an_image() {
        let parsed = parse_text("T\n\nIllustration: Guardian Design\n");
        assert_eq!(
            parsed.article.body.blocks,
            [Block::Image {
                label: String::new(),
                caption: "Illustration: Guardian Design".into(),
                picture: None,
            }]
        );
    }

    #[test]
    fn hard_wrapped_paragraph_is_joined() {
        let parsed = parse_text(
            "T\n\nThe storm reached the coast\n   late on Monday,   and the\nroads closed.\n",
        );
        assert_eq!(
            parsed.article.body.blocks,
            [para(
                "The storm reached the coast late on Monday, and the roads closed."
            )]
        );
    }

    #[test]
    fn long_lines_in_one_group_are_separate_paragraphs() {
        let first = format!("{}first.", "word ".repeat(20));
        let second = "Second paragraph.";
        let parsed = parse_text(&format!("T\n\n{first}\n{second}\n"));
        assert_eq!(parsed.article.body.blocks, [para(&first), para(second)]);
    }

    #[test]
    fn empty_and_blank_files() {
        for text in ["", " \n\t\r\n \u{feff}", "\u{feff}"] {
            let parsed = parse_text(text);
            assert_eq!(parsed.article.title, "storm notes draft");
            assert!(parsed.article.body.blocks.is_empty());
            assert_eq!(parsed.article.source, "news");
            assert_eq!(parsed.warnings, ["the file is empty"]);
        }
    }

    #[test]
    fn dates() {
        let date = |value: &str| {
            parse_text(&format!("Date: {value}\n\nT\n"))
                .article
                .published
        };
        assert_eq!(
            date("Tue, 1 Jul 2003 10:52:37 +0200"),
            Some(utc("2003-07-01T08:52:37Z"))
        );
        assert_eq!(
            date("2026-09-30T08:15:00Z"),
            Some(utc("2026-09-30T08:15:00Z"))
        );
        assert_eq!(date("2026-09-30"), Some(utc("2026-09-30T00:00:00Z")));
    }

    #[test]
    fn bad_date_warns() {
        let parsed = parse_text("Date: next Tuesday\n\nT\n");
        assert_eq!(parsed.article.published, None);
        assert_eq!(parsed.warnings, ["unrecognised date \"next Tuesday\""]);
        assert_eq!(parsed.article.title, "T");
    }

    #[test]
    fn escape_sequences_are_removed_everywhere() {
        let parsed = parse_text(
            "Author: \x1b[31mEve\x1b[0m\nSource: S\u{9b}2J\n\n\
             \x1b]0;evil\x07Title\n\nBody \x1b[2Jtext\u{202e}.\n\nTags: a\x1b[1m, b\x07\n",
        );
        let article = &parsed.article;
        assert_eq!(article.title, "]0;evilTitle");
        let mut all = vec![
            article.title.clone(),
            article.source.clone(),
            article.author.clone().unwrap(),
            article.body.plain_text(),
        ];
        all.extend(article.tags.iter().map(|t| t.to_string()));
        for field in all {
            assert!(
                !field.contains(['\x1b', '\x07', '\u{9b}', '\u{202e}']),
                "{field:?}"
            );
        }
        assert_eq!(tags(&parsed), ["a[1m", "b"]);
    }

    #[test]
    fn crlf_and_bom() {
        let parsed = parse_text("\u{feff}Title line\r\n\r\nOne\r\ntwo.\r\n\r\nTags\r\nx, y\r\n");
        assert_eq!(parsed.article.title, "Title line");
        assert_eq!(parsed.article.body.blocks, [para("One two.")]);
        assert_eq!(tags(&parsed), ["x", "y"]);
        let old_mac = parse_text("Title line\r\rOne.\r");
        assert_eq!(old_mac.article.body.blocks, [para("One.")]);
    }
}
