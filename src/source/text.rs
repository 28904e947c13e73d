//! The plain-text article format of DESIGN.md: a web page's text as copied, with an optional
//! `Key: value` header block, a title line, paragraphs, headings, image captions and tags.

use super::common::{Field, Metadata, empty_article, prepare};
use super::{Origin, Parsed};
use crate::model::tag::parse_tag_list;
use crate::model::{Block, Body, Span};
use crate::sanitize::{clean_line, fold_white_space};

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
#[path = "text_tests.rs"]
mod tests;
