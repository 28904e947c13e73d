//! Laying out a long article for the reading pane.

mod common;

use divan::Bencher;
use tidings::model::wrap::wrap_article;

fn main() {
    divan::main();
}

/// `wrap_article` of a 3,000-word article at a narrow, a medium and a wide reading pane.
#[divan::bench(args = [40, 80, 120])]
fn wrap_3000_words(bencher: Bencher, width: usize) {
    let article = common::long_article(3_000);
    let byline = "Bench · A. Writer · 24 November 2026";
    bencher.bench(|| wrap_article(&article, byline, width));
}
