//! Reader-mode extraction of a news page made here: a typical one (a long head of scripts
//! and metadata, menus, a 1,200-word article with pictures and links, related stories,
//! comments, a footer; about 150 KB), and the same page grown to 5 MB with comments.

use divan::Bencher;
use tidings::source::full_text::{Known, extract};

fn main() {
    divan::main();
}

const URL: &str = "https://news.example/world/2026/11/24/harbour.html";

/// A news page of about `comments` comments under a 1,200-word article.
fn news_page(comments: usize) -> String {
    let script = format!(
        "<script>var config = {{{}}};</script>",
        "\"key\": \"value\", ".repeat(2_000)
    );
    let nav: String = (0..80)
        .map(|n| format!("<li><a href='/section/{n}'>Section {n}</a></li>"))
        .collect();
    let paragraphs: String = (0..20)
        .map(|n| {
            let figure = if n % 7 == 3 {
                format!(
                    "<figure><img data-src='/pictures/{n}.jpg' alt='Picture {n}'>\
                     <figcaption>The harbour at dawn, picture {n}. Photo: A. Diver</figcaption></figure>"
                )
            } else {
                String::new()
            };
            format!(
                "<p>Paragraph {n}: the harbour master said on Tuesday that the new breakwater, \
                 finished after twelve years of work and <a href='/story/{n}'>many delays</a>, \
                 had already kept three storms out of the old port this winter, and that the \
                 fishing fleet would return to its berths by spring, when the last of the \
                 cranes is taken down and the quay is opened to the public again.</p>{figure}"
            )
        })
        .collect();
    let related: String = (0..20)
        .map(|n| format!("<li><a href='/related/{n}'>Related story number {n} of the day</a></li>"))
        .collect();
    let comment: String = (0..comments)
        .map(|n| {
            format!(
                "<div class='comment'><span class='author'>Reader {n}</span><p>Comment {n}: \
                 I have lived by the harbour all my life and never seen the water so calm in a \
                 storm; well done to everyone who built the wall.</p></div>"
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Harbour wall holds | News</title>\
         <meta property='og:description' content='The storm wall has kept the old port safe.'>\
         {script}{script}</head><body><header><nav><ul>{nav}</ul></nav></header><main>\
         <article><h1>Harbour wall holds</h1><p class='byline'>By A. Reporter</p>{paragraphs}\
         </article><aside class='related'><h2>Related</h2><ul>{related}</ul></aside>\
         <section class='comments'>{comment}</section></main><footer><ul>{nav}</ul></footer>\
         </body></html>"
    )
}

/// A typical page, about 150 KB.
#[divan::bench]
fn typical_page(bencher: Bencher) {
    let page = news_page(100);
    assert!((100_000..300_000).contains(&page.len()), "{}", page.len());
    bencher.bench(|| extract(&page, Some(URL), Known::default()).expect("an article"));
}

/// A page of 5 MB: the same article under 24,000 comments.
#[divan::bench(sample_count = 10)]
fn five_megabyte_page(bencher: Bencher) {
    let page = news_page(24_000);
    assert!(
        (4_500_000..6_000_000).contains(&page.len()),
        "{}",
        page.len()
    );
    bencher.bench(|| extract(&page, Some(URL), Known::default()).expect("an article"));
}
