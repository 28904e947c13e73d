//! Superscripts and subscripts written on the line. When every character of one has a
//! superscript or subscript form in Unicode's block of them (digits, `+ − = ( )`, and `n`,
//! `i` above or `a e o x ə h k l m n p s t` below), it is written in those: `E = mc²`,
//! `H₂O`, `x⁻¹`, a footnote's `¹`. Otherwise a caret (`^`) or an underscore (`_`) comes
//! before it, with parentheses around it when it is longer than one character and not in
//! brackets already: `2^(nd)`, `x_(min)`, `claim^[1]`, `note^*`.

use crate::model::{Script, Span, SpanStyle};

const SUPERSCRIPTS: &[(char, char)] = &[
    ('0', '⁰'),
    ('1', '¹'),
    ('2', '²'),
    ('3', '³'),
    ('4', '⁴'),
    ('5', '⁵'),
    ('6', '⁶'),
    ('7', '⁷'),
    ('8', '⁸'),
    ('9', '⁹'),
    ('+', '⁺'),
    ('-', '⁻'),
    ('−', '⁻'),
    ('=', '⁼'),
    ('(', '⁽'),
    (')', '⁾'),
    ('n', 'ⁿ'),
    ('i', 'ⁱ'),
];

const SUBSCRIPTS: &[(char, char)] = &[
    ('0', '₀'),
    ('1', '₁'),
    ('2', '₂'),
    ('3', '₃'),
    ('4', '₄'),
    ('5', '₅'),
    ('6', '₆'),
    ('7', '₇'),
    ('8', '₈'),
    ('9', '₉'),
    ('+', '₊'),
    ('-', '₋'),
    ('−', '₋'),
    ('=', '₌'),
    ('(', '₍'),
    (')', '₎'),
    ('a', 'ₐ'),
    ('e', 'ₑ'),
    ('o', 'ₒ'),
    ('x', 'ₓ'),
    ('ə', 'ₔ'),
    ('h', 'ₕ'),
    ('k', 'ₖ'),
    ('l', 'ₗ'),
    ('m', 'ₘ'),
    ('n', 'ₙ'),
    ('p', 'ₚ'),
    ('s', 'ₛ'),
    ('t', 'ₜ'),
];

/// Writes `spans`, all set in `script`, on the line: each part with its style, through
/// `push`.
pub(super) fn write(spans: &[Span], script: Script, mut push: impl FnMut(&str, SpanStyle)) {
    let (table, mark) = match script {
        Script::Normal => (&[][..], ""),
        Script::Super => (SUPERSCRIPTS, "^"),
        Script::Sub => (SUBSCRIPTS, "_"),
    };
    let text: String = spans.iter().map(|span| span.text.as_str()).collect();
    let text = text.trim();
    if mark.is_empty() || text.is_empty() {
        for span in spans {
            push(&span.text, span.style);
        }
        return;
    }
    let form = |c: char| table.iter().find(|(plain, _)| *plain == c).map(|(_, f)| *f);
    if text.chars().all(|c| form(c).is_some()) {
        for span in spans {
            let raised: String = span.text.chars().filter_map(form).collect();
            push(&raised, span.style);
        }
        return;
    }
    let enclosed = text.chars().count() <= 1
        || (text.starts_with('(') && text.ends_with(')'))
        || (text.starts_with('[') && text.ends_with(']'));
    let (open, close) = if enclosed { ("", "") } else { ("(", ")") };
    push(&format!("{mark}{open}"), SpanStyle::default());
    for span in spans {
        push(&span.text, span.style);
    }
    push(close, SpanStyle::default());
}
