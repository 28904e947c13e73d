//! Laying out a long article for the reading pane.

mod common;

use divan::Bencher;
use tidings::model::wrap::wrap_article;
use tidings::model::{Block, Cell, Row, Span, Table};

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

/// `wrap_article` of a 1,000-word article with a table of 200 rows of 5 columns in it (one
/// column of sentences that wrap), at the same widths.
#[divan::bench(args = [40, 80, 120])]
fn wrap_table_of_200_rows(bencher: Bencher, width: usize) {
    let mut article = common::long_article(1_000);
    let cell = |text: String| Cell::new(vec![Span::plain(text)], 1);
    let rows = (0..200)
        .map(|n| Row {
            header: n == 0,
            cells: vec![
                cell(format!("Row {n}")),
                cell(format!("{}", n * 37 % 1000)),
                cell(format!("{}.{}%", n % 100, n % 10)),
                cell("A note of a few words that wraps in a narrow pane".into()),
                cell(if n % 3 == 0 { "yes" } else { "no" }.into()),
            ],
        })
        .collect();
    let table = Block::Table(Table {
        caption: vec![Span::plain("Two hundred rows")],
        rows,
    });
    article.body.blocks.insert(3, table);
    let byline = "Bench · A. Writer · 24 November 2026";
    bencher.bench(|| wrap_article(&article, byline, width));
}
