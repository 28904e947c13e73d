//! Tests of the words of the search index.

use super::*;

fn words(text: &str, markup: Markup) -> String {
    index_text(text, markup).words
}

fn grams(text: &str, markup: Markup) -> String {
    index_text(text, markup).grams
}

#[test]
fn words_of_html_come_once_each_without_markup() {
    let html = "<p>The <b>Harbour</b> ferry &amp; the harbour's caf&eacute;.</p>\
            <script>var hidden = 1;</script><style>p { color: red }</style><!-- secret -->\
            <a href=\"https://e.com/x\">Café</a> Caf&amp;#233; 東京 a&lt;b";
    assert_eq!(
        index_text(html, Markup::Html),
        IndexText {
            words: "the harbour ferry s café 東 京 a b ".into(),
            grams: "東京 ".into(),
        }
    );
}

#[test]
fn plain_text_keeps_what_looks_like_markup_as_text() {
    assert_eq!(words("x<y and &amp;", Markup::Plain), "x y and amp ");
    assert_eq!(words("x <b> 3 < 4", Markup::Html), "x 3 4 ");
}

#[test]
fn runs_of_unspaced_scripts_are_their_pairs_in_order() {
    // Chinese, with an inline tag inside the run and punctuation ending it; a run of one
    // character has no pair (it is a word).
    assert_eq!(
        grams("<p>人工<b>智能</b>很重要。</p><p>的</p>", Markup::Html),
        "人工 工智 智能 能很 很重 重要 "
    );
    assert_eq!(
        words("<p>人工智能。的</p>", Markup::Html),
        "人 工 智 能 的 "
    );
    // Every pair, also those met before: the index keeps their positions.
    assert_eq!(grams("智能，智能", Markup::Plain), "智能 智能 ");
    // A run that starts with the character the last one ended with is kept apart.
    assert_eq!(
        grams("很好。好的，的确", Markup::Plain),
        "很好 〓 好的 〓 的确 "
    );
    assert_eq!(grams("很好。是的。好的", Markup::Plain), "很好 是的 好的 ");
    // Japanese kanji and kana are one run; the middle dot ends it.
    assert_eq!(
        grams("東京都のひらがな・カタカナー", Markup::Plain),
        "東京 京都 都の のひ ひら らが がな カタ タカ カナ ナー "
    );
    // Korean words with their particles, spaced.
    assert_eq!(
        grams("서울에서 만나요", Markup::Plain),
        "서울 울에 에서 만나 나요 "
    );
    // Thai, its vowel signs and tone marks inside the run.
    assert_eq!(
        grams("ภาษาไทย ง่าย", Markup::Plain),
        "ภา าษ ษา าไ ไท ทย ง่ ่า าย "
    );
    // A tag that is not inline ends a run, as the end of a line does.
    assert_eq!(
        grams("<li>北京</li><li>上海</li>北京\n上海", Markup::Html),
        "北京 上海 北京 上海 "
    );
    // A variation selector inside a run is not a character of it.
    assert_eq!(grams("葛\u{E0100}城", Markup::Plain), "葛城 ");
    assert_eq!(grams("the harbour, ferries", Markup::Html), "");
}

#[test]
fn words_and_runs_side_by_side_split_where_the_script_changes() {
    assert_eq!(
        index_text("Rust 1.80 用于智能手机 iPhone用户", Markup::Plain),
        IndexText {
            words: "rust 1 80 用 于 智 能 手 机 iphone 户 ".into(),
            grams: "用于 于智 智能 能手 手机 用户 ".into(),
        }
    );
    assert_eq!(
        index_text("caf&eacute;東京&#x4EAC;都", Markup::Html),
        IndexText {
            words: "café 東 京 都 ".into(),
            grams: "東京 京京 京都 ".into(),
        }
    );
}
