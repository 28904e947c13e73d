//! The one terminal-safe text filter. Every string from a source passes through here before it
//! is stored for display, so nothing from an article can reach the terminal as a control
//! sequence, or reorder or hide text with invisible characters. Characters that carry meaning
//! stay: the joiners (ZWJ and ZWNJ shape emoji sequences, Persian and Indic scripts), the
//! directional marks (LRM, RLM, ALM), soft hyphens, variation selectors, and the tag
//! characters of a subdivision flag (🏴 followed by tags, as Scotland's is written).

/// Cleans text that keeps its lines (a whole file, a code block): removes every control
/// character but newline and tab, ESC and DEL included, C1 controls, bidi embeddings,
/// overrides and isolates, and invisible characters that only disguise text. `\r\n` and lone
/// `\r` become `\n`.
pub fn clean_text(input: &str) -> String {
    // Most text is printable ASCII, which has nothing to remove.
    if input
        .bytes()
        .all(|b| matches!(b, b' '..=b'~' | b'\n' | b'\t'))
    {
        return input.to_string();
    }
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    // Whether the characters just kept are a flag and its tags.
    let mut in_flag = false;
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if chars.peek() != Some(&'\n') => out.push('\n'),
            '\r' => {}
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\u{E0020}'..='\u{E007F}' if in_flag => {
                out.push(c);
                in_flag = c != '\u{E007F}';
                continue;
            }
            c if is_visible(c) => out.push(c),
            _ => {}
        }
        in_flag = c == '\u{1F3F4}';
    }
    out
}

/// Cleans a one-line field (title, author, tag, source name): like [`clean_text`], then every
/// run of white space, newlines and tabs included, becomes one space, trimmed at both ends.
pub fn clean_line(input: &str) -> String {
    fold_white_space(&clean_text(input))
}

/// Text on one line: every run of white space, newlines and tabs included, becomes one
/// space, trimmed at both ends.
pub fn fold_white_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether text shows anything: a title made only of joiners or marks is as good as none.
pub fn has_visible(text: &str) -> bool {
    text.chars()
        .any(|c| !c.is_whitespace() && unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > 0)
}

/// Whether a character may be shown as it is. Newline and tab are decided by the caller.
fn is_visible(c: char) -> bool {
    !(c.is_control()
        || matches!(c,
            '\u{200B}'                  // zero-width space
            | '\u{202A}'..='\u{202E}'   // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}'   // word joiner and invisible operators
            | '\u{2066}'..='\u{206F}'   // bidi isolates, deprecated format controls
            | '\u{FEFF}'                // byte order mark, zero-width no-break space
            | '\u{FFF9}'..='\u{FFFB}'   // interlinear annotation controls
            | '\u{E0000}'..='\u{E007F}' // tag characters (outside a flag), which can smuggle hidden ASCII
        ))
}

#[cfg(test)]
#[path = "sanitize_tests.rs"]
mod tests;
