//! "Did you mean": the known name nearest to a word that is not one, by edit distance, for
//! the config's messages (keys, actions, choices, colours and key names) and the command
//! line's (tags and feeds).

/// The name among `names` nearest to `word`, if one is near enough to be what was meant:
/// one edit away for a word of up to four letters, two up to eight, three beyond. Case is
/// ignored in measuring (`QUIT` suggests `quit`); the first of equally near names wins.
pub fn nearest<'a>(word: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let written = word;
    let lowered = word.to_lowercase();
    let word: Vec<char> = lowered.chars().collect();
    let allowed = match word.len() {
        0 => return None,
        1..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    names
        .into_iter()
        .map(|name| {
            let lower: Vec<char> = name.to_lowercase().chars().collect();
            (distance(&word, &lower), name)
        })
        // A name as short as the edits it takes is no suggestion.
        .filter(|&(d, name)| d <= allowed && d < name.chars().count() && name != written)
        // Of equally near names, one the word begins ("of": "off" rather than "on").
        .min_by_key(|&(d, name)| (d, !name.to_lowercase().starts_with(&lowered)))
        .map(|(_, name)| name)
}

/// Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`: the optimal
/// string alignment distance, so that "qiut" is one edit from "quit".
fn distance(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    let mut rows = vec![0; (a.len() + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for i in 0..=a.len() {
        rows[at(i, 0)] = i;
    }
    for j in 0..=b.len() {
        rows[at(0, j)] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[at(i - 1, j)] + 1)
                .min(rows[at(i, j - 1)] + 1)
                .min(rows[at(i - 1, j - 1)] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[at(i - 2, j - 2)] + 1);
            }
            rows[at(i, j)] = best;
        }
    }
    rows[at(a.len(), b.len())]
}

#[cfg(test)]
#[path = "suggest_tests.rs"]
mod tests;
