//! Tests of drawing.

use super::*;

#[test]
fn truncate_counts_columns() {
    assert_eq!(truncate("hello", 10), "hello");
    assert_eq!(truncate("hello world", 6), "hello…");
    assert_eq!(truncate("東京の朝", 5), "東京…");
    assert_eq!(truncate("abc", 0), "");
    assert_eq!(truncate_start("the weather today", 8), "…r today");
    assert_eq!(truncate_start("short", 8), "short");
    assert_eq!(columns("الأخبار"), 7, "lam-alef takes two cells");
    assert_eq!(columns("👩‍🔬 ok"), 5);
    assert_eq!(truncate("الأخبار اليومية", 5), "الأخ…");
    assert_eq!(columns(&truncate("الأخبار اليومية", 5)), 5);
    assert_eq!(
        shorten_middle("https://example.com/a/very/long/path/story.html", 24),
        "https://exam…/story.html"
    );
    assert_eq!(shorten_middle("short", 24), "short");
    assert_eq!(columns(&shorten_middle("東京の朝のニュースです", 9)), 9);
}
