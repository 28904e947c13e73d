//! Search in every script (issue 18): the query built from search words, and the cache's
//! articles found by any string of Chinese, Japanese, Korean or Thai in their titles, texts
//! and full texts, a character or more, and not by strings they do not hold; words of the
//! spaced scripts as before.

use super::feed::{FEED_A, FEED_B, blank_state, feed_article};
use super::{at, open};
use crate::model::{Article, Block, Body, Span};
use crate::store::search::{Queries, queries};
use crate::store::*;

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_lowercase).collect()
}

fn strings(terms: &[&str]) -> Vec<String> {
    terms.iter().map(|term| (*term).to_string()).collect()
}

#[test]
fn words_and_runs_become_terms_of_the_two_indexes() {
    assert_eq!(
        queries(&words("harbour EU e-mail")),
        Queries {
            words: strings(&["\"harbour\"*", "\"eu\"", "\"e\"", "\"mail\"*"]),
            grams: Vec::new(),
        },
        "words as before"
    );
    assert_eq!(
        queries(&words("智 智能 人工智能 서울에서")),
        Queries {
            words: strings(&["\"智\""]),
            grams: strings(&["\"智能\"", "\"人工 工智 智能\"", "\"서울 울에 에서\""]),
        }
    );
    assert_eq!(
        queries(&words("Rust 智能 iphone用户 東京・大阪")),
        Queries {
            words: strings(&["\"rust\"*", "\"iphone\"*"]),
            grams: strings(&["\"智能\"", "\"用户\"", "\"東京\"", "\"大阪\""]),
        },
        "a word splits where its script changes or at punctuation"
    );
    assert_eq!(queries(&words("ภาษาไทย")).grams, ["\"ภา าษ ษา าไ ไท ทย\""]);
    assert_eq!(queries(&words("- ・ ,")), Queries::default());
}

fn paragraph(text: &str) -> Block {
    Block::Paragraph(vec![Span::plain(text)])
}

/// Articles of feed A: Chinese in the body only, Japanese in the title and body, Korean,
/// Thai, and English.
fn articles() -> Vec<Article> {
    let mut chinese = feed_article(FEED_A, 1, Some(at(1)));
    chinese.title = "Delivery notes".into();
    chinese.body = Body {
        blocks: vec![
            paragraph("美团的智能配送系统正在改变外卖。"),
            paragraph("配送员说：智能调度很好用。"),
        ],
    };
    let mut japanese = feed_article(FEED_A, 2, Some(at(2)));
    japanese.title = "東京都の天気".into();
    japanese.body = Body {
        blocks: vec![paragraph("ひらがなとカタカナを学ぶ。")],
    };
    let mut korean = feed_article(FEED_A, 3, Some(at(3)));
    korean.title = "Seoul".into();
    korean.body = Body {
        blocks: vec![paragraph("우리는 서울에서 만났다.")],
    };
    let mut thai = feed_article(FEED_A, 4, Some(at(4)));
    thai.title = "Thai".into();
    thai.body = Body {
        blocks: vec![paragraph("ภาษาไทยง่ายมาก")],
    };
    let mut english = feed_article(FEED_A, 5, Some(at(5)));
    english.title = "Harbour".into();
    english.body = Body {
        blocks: vec![paragraph("The ferry left the harbour at dawn.")],
    };
    vec![chinese, japanese, korean, thai, english]
}

#[test]
fn any_string_of_an_unspaced_script_is_found_and_strings_not_held_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let articles = articles();
    store
        .ingest(FEED_A, &articles, &blank_state(FEED_A), at(10))
        .unwrap();
    let found = |query: &str| -> Vec<String> {
        let mut titles: Vec<String> = store
            .search_cached(&words(query))
            .unwrap()
            .iter()
            .map(|id| {
                let article = articles.iter().find(|a| a.id == *id).unwrap();
                article.title.clone()
            })
            .collect();
        titles.sort();
        titles
    };
    let only = |title: &str| vec![title.to_string()];
    for query in [
        "智",
        "能",
        "配",
        "智能",
        "配送",
        "能配",
        "智能配送",
        "美团的智能配送系统正在改变外卖",
        "智能调度",
    ] {
        assert_eq!(found(query), only("Delivery notes"), "{query}");
    }
    for query in [
        "東",
        "都",
        "天気",
        "東京都",
        "京都",
        "東京都の天気",
        "ひ",
        "が",
        "ひらがな",
        "カタカナ",
        "がなとカタ",
    ] {
        assert_eq!(found(query), only("東京都の天気"), "{query}");
    }
    for query in ["서", "울", "서울", "에서", "서울에서", "우리는"] {
        assert_eq!(found(query), only("Seoul"), "{query}");
    }
    for query in ["ภ", "ไท", "ไทย", "ภาษาไทย", "ง่าย"] {
        assert_eq!(found(query), only("Thai"), "{query}");
    }
    // Characters held apart, in another order, across punctuation or a paragraph; strings
    // of the same characters that are longer than what is held.
    for query in [
        "智配",
        "能智",
        "外卖配送",
        "卖配",
        "人工智能",
        "京大",
        "東都",
        "京都府",
        "天気予報",
        "ひらがなカタカナ",
        "서에",
        "서울은",
        "ษาษ",
        "ไทยไทย",
        "猫",
    ] {
        assert!(found(query).is_empty(), "{query}: {:?}", found(query));
    }
    // Mixed: every term must be held, words as words, runs as runs.
    assert_eq!(found("delivery 智能"), only("Delivery notes"));
    assert!(found("harbour 智能").is_empty());
    assert_eq!(found("ferry harb"), only("Harbour"), "words as before");
    assert!(found("erry").is_empty(), "a word from its start only");
}

#[test]
fn runs_that_meet_are_not_taken_for_one_string() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let mut article = feed_article(FEED_A, 1, Some(at(1)));
    article.title = "今天很好".into();
    article.body = Body {
        blocks: vec![paragraph("好天气。天气很好。好的，的确。")],
    };
    store
        .ingest(
            FEED_A,
            std::slice::from_ref(&article),
            &blank_state(FEED_A),
            at(2),
        )
        .unwrap();
    let found = |query: &str| store.search_cached(&words(query)).unwrap();
    for query in ["今天很好", "好天气", "天气很好", "好的", "的确", "很"] {
        assert_eq!(found(query), std::slice::from_ref(&article.id), "{query}");
    }
    // The title's end and the text's start, two sentences, meet on the same character.
    for query in ["很好天", "很好好", "很好的", "好的确", "气天"] {
        assert!(found(query).is_empty(), "{query}");
    }
}

#[test]
fn a_changed_removed_or_full_text_article_is_found_by_what_it_holds_now() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let found = |query: &str| store.search_cached(&words(query)).unwrap();
    let mut article = articles().remove(0);
    store
        .ingest(
            FEED_A,
            std::slice::from_ref(&article),
            &blank_state(FEED_A),
            at(10),
        )
        .unwrap();
    assert_eq!(found("智能"), std::slice::from_ref(&article.id));

    // The feed changes the article: its old text is no longer found.
    article.body = Body {
        blocks: vec![paragraph("新的外卖平台上线了。")],
    };
    store
        .ingest(
            FEED_A,
            std::slice::from_ref(&article),
            &blank_state(FEED_A),
            at(11),
        )
        .unwrap();
    assert!(found("智能").is_empty());
    assert_eq!(found("外卖平台"), std::slice::from_ref(&article.id));

    // Its full text, read from its page, is found the same way.
    let url = article.url.clone().unwrap();
    let full = Body {
        blocks: vec![paragraph("全文：人工智能的未来。ภาษาไทย")],
    };
    store
        .save_full_text(&article.id, &url, &Ok(full), at(12))
        .unwrap();
    for query in ["人工智能", "未来", "ไทย", "外卖平台", "全"] {
        assert_eq!(found(query), std::slice::from_ref(&article.id), "{query}");
    }
    assert!(
        found("了全").is_empty(),
        "not across the end of the feed's text"
    );

    // A title in Chinese is found too; an article of another feed beside it.
    let mut other = feed_article(FEED_B, 1, Some(at(13)));
    other.title = "人工智能周报".into();
    store
        .ingest(
            FEED_B,
            std::slice::from_ref(&other),
            &blank_state(FEED_B),
            at(13),
        )
        .unwrap();
    let mut both = vec![article.id.clone(), other.id.clone()];
    both.sort();
    let mut got = found("人工智能");
    got.sort();
    assert_eq!(got, both);
    assert_eq!(found("周报"), std::slice::from_ref(&other.id));

    // Removed with its feed: no longer found.
    let subscription = Subscription {
        url: FEED_B.to_string(),
        name: None,
        tags: Vec::new(),
        every: None,
        full_text: false,
    };
    store.add_subscription(&subscription, at(14)).unwrap();
    assert!(store.remove_subscription(FEED_B).unwrap());
    assert_eq!(found("人工智能"), std::slice::from_ref(&article.id));
    assert!(found("周报").is_empty());
}
