//! How much of one text another holds, by runs of three words: enough to tell whether the
//! block found is the article a summary or a page's own JSON-LD describes.

use std::collections::HashSet;

/// The share of `reference`'s three-word runs found in `text` (1 when `reference` has none).
pub(super) fn coverage(reference: &str, text: &str) -> f32 {
    let wanted = trigrams(reference);
    if wanted.is_empty() {
        return 1.0;
    }
    let found = trigrams(text);
    wanted.intersection(&found).count() as f32 / wanted.len() as f32
}

/// Words in lower case, without punctuation.
pub(super) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn trigrams(text: &str) -> HashSet<[String; 3]> {
    words(text)
        .windows(3)
        .map(|w| [w[0].clone(), w[1].clone(), w[2].clone()])
        .collect()
}
