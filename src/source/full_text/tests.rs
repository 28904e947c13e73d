//! Reader mode on small pages written for these tests.

use super::*;
use crate::model::SpanStyle;

const URL: &str = "https://news.example/world/2026/harbour.html";

/// A paragraph of news, `n` making each one different.
fn paragraph(n: usize) -> String {
    format!(
        "<p>Paragraph {n} of the story: the harbour master said on Tuesday that the new \
         breakwater, finished after {n} years of work, had already kept three storms out of \
         the old port, and that the fishing fleet would return to its berths by spring.</p>"
    )
}

fn paragraphs(range: std::ops::Range<usize>) -> String {
    range.map(paragraph).collect()
}

fn page(head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Harbour wall holds - Example News</title>{head}</head>\
         <body>{body}</body></html>"
    )
}

fn extracted(html: &str) -> Page {
    extract(html, Some(URL), Known::default()).expect("an article")
}

#[test]
fn menus_asides_footers_and_share_boxes_are_left_out() {
    let html = page(
        "",
        &format!(
            "<header class='site-header'><nav><a href='/'>Home</a> <a href='/world'>World</a> \
             <a href='/sport'>Sport</a></nav></header>\
             <main><article><h1>Harbour wall holds</h1>\
             <div class='share-tools'><a href='https://social.example/share'>Share on Social</a> \
             <a href='mailto:x'>Email this story</a></div>\
             {}\
             <div class='newsletter-signup'><p>Sign up to our morning newsletter for the \
             day's news, delivered free to your inbox every day of the week.</p></div>\
             <div id='login-modal'><p>Log in to your account to keep reading the stories \
             you follow, on every device you use, wherever you are.</p></div>\
             <aside><h3>Most read</h3><ul><li><a href='/a'>Storm warning for the coast</a></li>\
             <li><a href='/b'>Ferry fares rise again</a></li></ul></aside>\
             <div class='related-stories'><h3>Related stories</h3><ul>\
             <li><a href='/c'>Fishing fleet back at sea after a long winter</a></li>\
             <li><a href='/d'>Port authority names new harbour master</a></li></ul></div>\
             </article></main>\
             <footer><p>© Example News. All rights reserved. Contact us.</p></footer>",
            paragraphs(0..6)
        ),
    );
    let found = extracted(&html);
    let text = found.text();
    assert!(text.starts_with("Paragraph 0 of the story"), "{text}");
    assert!(text.ends_with("by spring."), "{text}");
    for unwanted in [
        "Home",
        "Share on",
        "Email this",
        "newsletter",
        "Log in",
        "Most read",
        "Storm warning",
        "Related stories",
        "Fishing fleet back",
        "All rights reserved",
        "Harbour wall holds",
    ] {
        assert!(!text.contains(unwanted), "{unwanted:?} in {text}");
    }
    assert_eq!(text.matches("Paragraph ").count(), 6);
    assert!(
        found
            .title
            .is_some_and(|title| title.starts_with("Harbour wall holds"))
    );
}

#[test]
fn an_article_split_by_advertisements_is_read_whole() {
    let ad = "<div class='ad-slot'><p>Advertisement</p><a href='https://ads.example/click'>\
              Buy the best boots now</a></div><p>ADVERTISEMENT</p>";
    let html = page(
        "",
        &format!(
            "<div id='story'><div class='story-body'>{}{ad}{}{ad}{}</div></div>",
            paragraphs(0..3),
            paragraphs(3..6),
            paragraphs(6..8),
        ),
    );
    let text = extracted(&html).text();
    assert_eq!(text.matches("Paragraph ").count(), 8, "{text}");
    assert!(!text.to_lowercase().contains("advertisement"), "{text}");
    assert!(!text.contains("boots"), "{text}");
}

#[test]
fn a_page_of_links_has_no_article() {
    let links: String = (0..60)
        .map(|n| format!("<li><a href='/story/{n}'>Headline number {n} of the day's news</a></li>"))
        .collect();
    let html = page(
        "",
        &format!("<nav><a href='/'>Home</a></nav><ul class='stories'>{links}</ul>"),
    );
    assert_eq!(
        extract(&html, Some(URL), Known::default()),
        Err(NO_ARTICLE.to_string())
    );
    let menus = page(
        "",
        "<div class='menu'><a href='/'>Home</a> <a href='/a'>About</a></div>",
    );
    assert_eq!(
        extract(&menus, Some(URL), Known::default()),
        Err(NO_ARTICLE.to_string())
    );
    assert_eq!(
        extract("", None, Known::default()),
        Err(NO_ARTICLE.to_string())
    );
}

#[test]
fn an_article_shorter_than_the_feeds_text_is_not_shown() {
    let html = page("", &paragraphs(0..2));
    let summary = "word ".repeat(500);
    let known = Known {
        title: "Harbour wall holds",
        summary: &summary,
    };
    assert_eq!(
        extract(&html, Some(URL), known),
        Err(NO_ARTICLE.to_string())
    );
    assert!(extract(&html, Some(URL), Known::default()).is_ok());
}

#[test]
fn relative_links_and_lazy_pictures_are_resolved_against_the_page() {
    let html = page(
        "",
        &format!(
            "<article>{}<p>See <a href='../2025/wall.html'>last year's report</a> and \
             <a href='/about'>about us</a>.</p>\
             <figure><img data-src='/pictures/wall.jpg' src='data:image/gif;base64,R0lGOD'>\
             <figcaption>The new breakwater at dawn. Photo: A. Diver</figcaption></figure>\
             <figure><img class='lazy' data-srcset='/pictures/fleet-640.jpg 640w, \
             /pictures/fleet-1280.jpg 1280w' alt='The fleet'>\
             <figcaption>The fleet in the old port.</figcaption></figure>{}\
             <figure><img src='/pictures/wall.jpg'><figcaption>The wall again.</figcaption>\
             </figure></article>",
            paragraphs(0..3),
            paragraphs(3..5)
        ),
    );
    let found = extracted(&html);
    let links = found.body.blocks.iter().find_map(|block| match block {
        Block::Links(urls) => Some(urls.clone()),
        _ => None,
    });
    assert_eq!(
        links,
        Some(vec![
            "https://news.example/world/2025/wall.html".to_string(),
            "https://news.example/about".to_string(),
        ])
    );
    let captions: Vec<&str> = found
        .body
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Image { caption, .. } => Some(caption.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        captions,
        [
            "The new breakwater at dawn. Photo: A. Diver",
            "The fleet in the old port."
        ]
    );
    // The pictures' addresses are where `to_body` reads them, absolute.
    assert!(
        found
            .html
            .contains("src=\"https://news.example/pictures/wall.jpg\""),
        "{}",
        found.html
    );
    assert!(
        found
            .html
            .contains("https://news.example/pictures/fleet-640.jpg 640w"),
        "{}",
        found.html
    );
    let text = found.text();
    assert!(text.contains("The fleet in the old port."), "{text}");
    assert!(
        !text.contains("[1]") && !text.contains("https://"),
        "{text}"
    );
}

#[test]
fn plain_text_is_paragraphs_with_blank_lines_and_no_link_numbers() {
    let html = page(
        "",
        &format!(
            "<article>{}<h2>What comes next</h2><p>The council meets on <a href='/council'>\
             Friday</a> to decide, and <b>everyone</b> is invited to say what they think of \
             the plans for the new quay.</p><ul><li>First point of the plan, on the quay.</li>\
             <li>Second point of the plan, on the fleet.</li></ul>{}</article>",
            paragraphs(0..3),
            paragraphs(3..4)
        ),
    );
    let text = extracted(&html).text();
    let expected = String::from(
        "What comes next\n\nThe council meets on Friday to decide, and everyone is invited \
         to say what they think of the plans for the new quay.\n\nFirst point of the plan, \
         on the quay.\n\nSecond point of the plan, on the fleet.\n\nParagraph 3 of the story",
    );
    assert!(text.contains(&expected), "{text}");
    assert!(text.starts_with("Paragraph 0"), "{text}");
    assert!(!text.contains("\n\n\n"), "{text:?}");
    let found = extracted(&html);
    let link = found.body.blocks.iter().any(|block| match block {
        Block::Paragraph(spans) => spans.iter().any(|span| {
            span.style
                == SpanStyle {
                    link: true,
                    ..SpanStyle::default()
                }
        }),
        _ => false,
    });
    assert!(link, "the body keeps its links: {:?}", found.body);
}

#[test]
fn the_lede_beside_the_article_is_kept_and_the_byline_lines_are_not() {
    let lede = "The storm wall built over twelve years has kept the old port safe all winter, \
                the harbour master says.";
    let html = page(
        &format!("<meta property='og:description' content=\"{lede}\">"),
        &format!(
            "<div class='article-header'><h1>Harbour wall holds</h1><p class='standfirst'>{lede}</p>\
             <p class='byline'>By Ann Reporter</p><p>23 November 2026</p></div>\
             <div class='article-body'><p>By Ann Reporter</p><p>Updated 10:04</p>{}</div>",
            paragraphs(0..6)
        ),
    );
    let found = extracted(&html);
    let text = found.text();
    assert!(text.starts_with(lede), "{text}");
    assert!(
        !text.contains("Ann Reporter") && !text.contains("10:04"),
        "{text}"
    );
    assert_eq!(text.matches(lede).count(), 1, "{text}");

    // In the page's header, outside the block found, for a feed whose summary is a teaser
    // of it: the page's description finds it.
    let html = page(
        &format!("<meta property='og:description' content=\"{lede}\">"),
        &format!(
            "<article><header><h1>Harbour wall holds</h1><p class='standfirst'>{lede}</p>\
             </header><div class='body'>{}</div></article>",
            paragraphs(0..6)
        ),
    );
    let teaser = Known {
        title: "Harbour wall holds",
        summary: "The storm wall has kept the old port safe. Read more...",
    };
    let found = extract(&html, Some(URL), teaser).expect("an article");
    assert!(found.text().starts_with(lede), "{}", found.text());
}

#[test]
fn the_json_ld_text_stands_in_for_a_page_that_shows_a_teaser() {
    let body_text: Vec<String> = (0..5)
        .map(|n| format!("Sentence {n} of the whole story, which the page shows only to readers who run its scripts and pay for it."))
        .collect();
    let json = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Harbour wall holds",
        "articleBody": body_text.join("\n"),
    });
    let html = page(
        &format!("<script type='application/ld+json'>{json}</script>"),
        "<article><h1>Harbour wall holds</h1><p>The storm wall has kept the port safe, the \
         harbour master says, in a story that the page shows only in part to those who do not \
         pay for it: subscribe to read more of it, and of every other story we publish.</p>\
         <div class='paywall'>Subscribe now for one euro a week.</div></article>",
    );
    let text = extracted(&html).text();
    assert_eq!(text, body_text.join("\n\n"));
}

#[test]
fn hostile_pages_neither_hang_nor_panic_nor_reach_the_terminal() {
    let thread = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            let deep = format!(
                "{}{}{}",
                "<div><span>".repeat(20_000),
                paragraphs(0..4),
                "</span></div>".repeat(20_000)
            );
            let found = extract(&page("", &deep), Some(URL), Known::default());
            assert!(found.is_ok_and(|page| page.text().contains("Paragraph 3")));
            let tables = "<table><tr><td>".repeat(5_000);
            let _ = extract(&page("", &tables), Some(URL), Known::default());
            let escapes = page(
                "<title>\u{1b}]0;owned\u{7}Harbour \u{1b}[31mwall</title>",
                &format!(
                    "<article>{}<p>Bell \u{7} and \u{1b}[2J clear and \u{9b}31m red and \
                     &#27;[1m bold and \u{202e}reversed and more words to make it long enough \
                     to count as a paragraph of the story.</p></article>",
                    paragraphs(0..3)
                ),
            );
            let found = extract(&escapes, Some(URL), Known::default()).expect("an article");
            let all = format!("{:?}{}{:?}", found.title, found.text(), found.body);
            for c in all.chars() {
                assert!(
                    c == '\n' || !(c.is_control() || c == '\u{202e}'),
                    "{c:?} in {all}"
                );
            }
        })
        .expect("spawn");
    thread.join().expect("no stack overflow or panic");
}

#[test]
fn a_page_without_an_address_reads_and_bad_addresses_are_ignored() {
    let html = page(
        "",
        &format!(
            "<article>{}<a href='/x'>a link</a></article>",
            paragraphs(0..4)
        ),
    );
    for url in [
        None,
        Some("not a url"),
        Some("https://"),
        Some("file:///tmp/page.html"),
    ] {
        let found = extract(&html, url, Known::default()).expect("an article");
        assert_eq!(found.url, None);
        assert!(found.text().contains("Paragraph 3"));
    }
}

#[test]
fn a_caption_said_again_is_left_out() {
    let html = page(
        "",
        &format!(
            "<article>{}<figure><img src='/wall.jpg' alt='The harbour master on the new wall.'>\
             </figure><ul class='caption-tools'><li>The harbour master on the new wall</li></ul>\
             <figure><img src='/fleet.jpg'><figcaption>The fleet back in port, at dawn.</figcaption>\
             </figure><p>The fleet back in port, at dawn</p>{}</article>",
            paragraphs(0..3),
            paragraphs(3..5)
        ),
    );
    let found = extracted(&html);
    let text = found.text();
    assert_eq!(
        text.matches("The harbour master on the new wall").count(),
        1,
        "{text}"
    );
    assert_eq!(text.matches("The fleet back in port").count(), 1, "{text}");
    let shown = found.body.plain_text();
    assert_eq!(
        shown.matches("The harbour master on the new wall").count(),
        1,
        "{shown}"
    );
    assert_eq!(
        shown.matches("The fleet back in port").count(),
        1,
        "{shown}"
    );
}

/// The addresses of the pictures of `found`'s body, in order.
fn picture_addresses(found: &Page) -> Vec<String> {
    found
        .body
        .pictures()
        .map(|picture| picture.src.clone())
        .collect()
}

#[test]
fn the_lead_picture_above_the_article_is_shown_first_and_once_and_is_not_text() {
    let lead = "https://cdn.news.example/2026/harbour-at-dawn.jpg";
    let header = "<div class='article-header'><h1>Harbour wall holds</h1>\
         <figure><img src='/2026/harbour-at-dawn.jpg?w=800' alt='The harbour'>\
         <figcaption>The harbour at dawn. Photo: A. Person</figcaption></figure></div>";
    let named = format!("<meta property='og:image' content='{lead}?w=1200'>");
    let html = page(
        &named,
        &format!(
            "{header}<div class='article-body'>{}</div>",
            paragraphs(0..6)
        ),
    );
    let found = extracted(&html);
    assert_eq!(
        picture_addresses(&found),
        ["https://news.example/2026/harbour-at-dawn.jpg?w=800"]
    );
    let Some(Block::Image { caption, .. }) = found.body.blocks.first() else {
        panic!("the picture first: {:?}", found.body.blocks.first());
    };
    assert_eq!(caption, "The harbour at dawn. Photo: A. Person");
    assert!(
        !found.text().contains("Photo: A. Person"),
        "{}",
        found.text()
    );

    // Within the article already: once.
    let inside = page(
        &named,
        &format!(
            "<div class='article-body'>{}<figure><img src='{lead}'></figure>{}</div>",
            paragraphs(0..3),
            paragraphs(3..6)
        ),
    );
    assert_eq!(picture_addresses(&extracted(&inside)), [lead]);

    // Named for social sites but not shown on the page: not taken.
    let card = page(
        &named,
        &format!("<div class='article-body'>{}</div>", paragraphs(0..6)),
    );
    assert!(picture_addresses(&extracted(&card)).is_empty());

    // Shown only below the text: not put first.
    let below = page(
        &named,
        &format!(
            "<div class='article-body'>{}</div><div class='gallery'>             <figure><img src='{lead}'><figcaption>More pictures</figcaption></figure></div>",
            paragraphs(0..6)
        ),
    );
    let found = extracted(&below);
    assert!(
        !matches!(found.body.blocks.first(), Some(Block::Image { .. })),
        "{:?}",
        found.body.blocks.first()
    );
}

#[test]
fn the_text_has_captions_but_no_picture_labels() {
    let html = page(
        "",
        &format!(
            "<article>{}<ul><li><figure><img src='/p/boats.jpg' alt='Boats'><figcaption>The \
             fleet at its berths</figcaption></figure> Boats are back.</li></ul>{}\
             <figure><img src='/p/wall.jpg' alt='A wall'><figcaption>The new breakwater\
             </figcaption></figure>{}</article>",
            paragraphs(0..3),
            paragraphs(3..5),
            paragraphs(5..7)
        ),
    );
    let text = extracted(&html).text();
    assert!(!text.contains("image"), "{text}");
    assert!(
        text.contains("The fleet at its berths Boats are back."),
        "{text}"
    );
    assert!(text.contains("\n\nThe new breakwater\n\n"), "{text}");
}

#[test]
fn a_page_whose_reading_panics_is_its_error_in_words() {
    crate::isolate::panic_in_tests("page:/reading-panics.html");
    let html = page("", &format!("<article>{}</article>", paragraphs(0..6)));
    assert_eq!(
        extract(
            &html,
            Some("https://news.example/reading-panics.html"),
            Known::default()
        ),
        Err("internal error in the page reader".to_string())
    );
    assert!(extract(&html, Some(URL), Known::default()).is_ok());
}
