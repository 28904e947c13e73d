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
    clean_text(input)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
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
mod tests {
    use super::*;

    fn assert_safe(s: &str) {
        for c in s.chars() {
            assert!(
                c == '\n' || c == '\t' || !c.is_control(),
                "control character {:?} left in {s:?}",
                c
            );
        }
    }

    #[test]
    fn escape_sequences_lose_their_escape() {
        let hostile = "a\x1b[2J\x1b]0;pwned\x07b\x1bP1$r\x1b\\c\u{9b}31md\x7fe\x08f";
        let cleaned = clean_text(hostile);
        assert_safe(&cleaned);
        assert!(!cleaned.contains('\x1b'));
        assert_eq!(cleaned, "a[2J]0;pwnedbP1$r\\c31mdef");
    }

    #[test]
    fn carriage_returns_become_newlines() {
        assert_eq!(clean_text("one\r\ntwo\rthree"), "one\ntwo\nthree");
        assert_eq!(clean_line("over\rwrite"), "over write");
    }

    #[test]
    fn bidi_overrides_and_invisible_characters_that_disguise_are_removed() {
        let hostile =
            "safe\u{202E}txt.exe\u{2066}x\u{2069}\u{200B}y\u{FEFF}\u{E0041}\u{2060}z\u{206A}";
        assert_eq!(clean_text(hostile), "safetxt.exexyz");
    }

    #[test]
    fn characters_that_carry_meaning_stay() {
        for kept in [
            "👨\u{200D}👩\u{200D}👧",
            "می\u{200C}خواهم",
            "क्\u{200D}ष",
            "\u{200F}שלום\u{200E} ok",
            "\u{061C}١٢",
            "Donau\u{00AD}dampf\u{00AD}schiff",
            "❤\u{FE0F} ✌\u{1F3FD}",
            "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} Scotland",
            "Монгол \u{180E}",
        ] {
            assert_eq!(clean_text(kept), kept);
        }
        assert_eq!(clean_line("a\u{200D}\u{A0}b"), "a\u{200D} b");
    }

    #[test]
    fn tag_characters_are_kept_only_in_a_flag() {
        assert_eq!(clean_text("x\u{E0067}\u{E007F}y"), "xy");
        assert_eq!(
            clean_text("🏴\u{E0067}\u{E007F}\u{E0067}"),
            "🏴\u{E0067}\u{E007F}"
        );
    }

    #[test]
    fn a_text_of_marks_alone_shows_nothing() {
        assert!(!has_visible("\u{200D}\u{200E}\u{00AD}\u{FE0F} "));
        assert!(has_visible("\u{200D}a"));
    }

    #[test]
    fn cjk_emoji_and_accents_pass_through() {
        let text = "東京の朝 🌍 café naïve 👍🏽";
        assert_eq!(clean_text(text), text);
    }

    #[test]
    fn one_line_fields_fold_white_space() {
        assert_eq!(
            clean_line("  A\n\ttitle \x1b[31m here "),
            "A title [31m here"
        );
    }

    #[test]
    fn every_char_that_is_kept_is_safe() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        assert_safe(&clean_text(&all));
        assert_safe(&clean_line(&all));
    }
}
