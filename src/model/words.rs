//! How many words a text has, in any script: the runs between spaces, and each character of
//! the scripts written without spaces between words (Chinese, Japanese, Thai...) as a word.

/// The words of `text`.
pub fn word_count(text: &str) -> usize {
    let unspaced = text.chars().filter(|&c| is_unspaced_script(c)).count();
    text.split_whitespace()
        .filter(|word| !word.chars().all(is_unspaced_script))
        .count()
        + unspaced
}

fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}'   // Thai, Lao
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1780}'..='\u{17FF}' // Khmer
        | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility
    )
}
