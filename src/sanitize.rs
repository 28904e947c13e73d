//! The one terminal-safe text filter. Every string from a source passes through here before it
//! is stored for display, so nothing from an article can reach the terminal as a control
//! sequence, or hide or reorder text with invisible characters.

/// Cleans text that keeps its lines (a whole file, a code block): removes every control
/// character but newline and tab, ESC and DEL included, C1 controls, bidi overrides and
/// isolates, and invisible characters that can disguise text. `\r\n` and lone `\r` become `\n`.
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
    let mut previous = None;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if next != Some('\n') => out.push('\n'),
            '\r' => {}
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\u{200C}' | '\u{200D}' => {
                // Joiners shape emoji sequences and many scripts; alone, beside ASCII, white
                // space or another joiner they only serve to disguise text.
                let joins = |n: Option<char>| {
                    n.is_some_and(|n| {
                        !n.is_ascii()
                            && !n.is_whitespace()
                            && !matches!(n, '\u{200C}' | '\u{200D}')
                            && is_visible(n)
                    })
                };
                if joins(previous) && joins(next) {
                    out.push(c);
                }
            }
            c if is_visible(c) => out.push(c),
            _ => {}
        }
        previous = Some(c);
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

/// Whether a character may be shown as it is. Newline, tab and the joiners are decided by the
/// callers above.
fn is_visible(c: char) -> bool {
    !(c.is_control()
        || matches!(c,
            '\u{061C}'                  // Arabic letter mark
            | '\u{00AD}'                // soft hyphen
            | '\u{180E}'                // Mongolian vowel separator
            | '\u{200B}'                // zero-width space
            | '\u{200E}' | '\u{200F}'   // left-to-right and right-to-left marks
            | '\u{202A}'..='\u{202E}'   // bidi embeddings and overrides
            | '\u{2060}'..='\u{206F}'   // word joiner, invisible operators, bidi isolates
            | '\u{FEFF}'                // byte order mark, zero-width no-break space
            | '\u{FFF9}'..='\u{FFFB}'   // interlinear annotation controls
            | '\u{E0000}'..='\u{E007F}' // tag characters, which can smuggle hidden ASCII
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
    fn bidi_and_invisible_characters_are_removed() {
        let hostile = "safe\u{202E}txt.exe\u{2066}x\u{2069}\u{200B}y\u{FEFF}\u{E0041}";
        assert_eq!(clean_text(hostile), "safetxt.exexy");
    }

    #[test]
    fn joiners_stay_inside_emoji_and_scripts_only() {
        let family = "👨\u{200D}👩\u{200D}👧";
        assert_eq!(clean_text(family), family);
        let persian = "می\u{200C}خواهم";
        assert_eq!(clean_text(persian), persian);
        assert_eq!(clean_text("pay\u{200D}pal"), "paypal");
        assert_eq!(clean_text("\u{200D}👍"), "👍");
    }

    #[test]
    fn joiners_beside_joiners_or_white_space_are_removed() {
        // Found by the `sanitize` fuzz target: the middle joiner of a run counted its
        // neighbours as visible letters, so one survived beside ASCII.
        assert_eq!(clean_text("pay\u{200D}\u{200D}\u{200D}pal"), "paypal");
        assert_eq!(clean_text("👨\u{200D}\u{200C}👩"), "👨👩");
        assert_eq!(clean_text("é\u{200D}\u{2028}é"), "é\né");
        assert_eq!(clean_line("é\u{200D}\u{A0}é"), "é é");
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
