//! Tests of HTML bodies.

use super::nesting::MAX_PARSED_DEPTH;
use super::*;

/// Line breaks, rules, superscripts, tables and definition lists.
mod shape;

fn blocks(html: &str) -> Vec<Block> {
    to_body(html, None).blocks
}

fn para(text: &str) -> Block {
    Block::Paragraph(vec![Span::plain(text)])
}

fn style(strong: bool, emphasis: bool, code: bool, link: bool) -> SpanStyle {
    SpanStyle {
        strong,
        emphasis,
        code,
        link,
        ..SpanStyle::default()
    }
}

fn item(depth: u8, number: Option<u64>, text: &str) -> ListItem {
    ListItem {
        depth,
        number,
        spans: vec![Span::plain(text)],
    }
}

fn link(text: &str) -> Span {
    Span::styled(text, style(false, false, false, true))
}

/// Runs `f` on a thread with the default 2 MB stack of test threads, no bigger.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    let thread = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .expect("spawn");
    thread.join().expect("no stack overflow or panic");
}

#[test]
fn headings_and_paragraphs() {
    let html = "<h1>Title</h1><p>First  para.</p><div>Loose text<p>inner</p>tail</div>\
                <section><h3> Sub <em>head</em> </h3></section>";
    assert_eq!(
        blocks(html),
        [
            Block::Heading("Title".into()),
            para("First para."),
            para("Loose text"),
            para("inner"),
            para("tail"),
            Block::Heading("Sub head".into()),
        ]
    );
}

#[test]
fn inline_styles_nest_and_combine() {
    let html = "<p>a <b>bold <i>both <code>all</code></i></b> <kbd>k</kbd> <cite>c</cite></p>";
    assert_eq!(
        blocks(html),
        [Block::Paragraph(vec![
            Span::plain("a "),
            Span::styled("bold ", style(true, false, false, false)),
            Span::styled("both ", style(true, true, false, false)),
            Span::styled("all", style(true, true, true, false)),
            Span::plain(" "),
            Span::styled("k", style(false, false, true, false)),
            Span::plain(" "),
            Span::styled("c", style(false, true, false, false)),
        ])]
    );
}

#[test]
fn links_are_numbered_with_a_closing_list() {
    let html = "<p>See <a href='https://a.example/x'>this</a>, \
                <a href=\"https://b.example/\">that <b>one</b></a> and \
                <a href='https://a.example/x'>again</a>.</p>";
    assert_eq!(
        blocks(html),
        [
            Block::Paragraph(vec![
                Span::plain("See "),
                link("this"),
                Span::plain(" [1], "),
                link("that "),
                Span::styled("one", style(true, false, false, true)),
                Span::plain(" [2] and "),
                link("again"),
                Span::plain(" [1]."),
            ]),
            Block::Links(vec![
                "https://a.example/x".into(),
                "https://b.example/".into()
            ]),
        ]
    );
}

#[test]
fn relative_links_resolve_against_the_base() {
    let html = "<a href='/root'>a</a> <a href='sub/page'>b</a> <a href='//cdn.example/c'>c</a> \
                <a href='../up?q=1#f'>d</a> <a href='?page=2'>e</a>";
    let body = to_body(html, Some("https://news.example/dir/post.html?x=1"));
    assert_eq!(
        body.blocks.last(),
        Some(&Block::Links(vec![
            "https://news.example/root".into(),
            "https://news.example/dir/sub/page".into(),
            "https://cdn.example/c".into(),
            "https://news.example/up?q=1#f".into(),
            "https://news.example/dir/post.html?page=2".into(),
        ]))
    );
    // Without a base a relative link cannot be opened: its text stays, unnumbered.
    assert_eq!(blocks("<a href='/root'>a</a>"), [para("a")]);
}

#[test]
fn a_base_with_control_characters_is_cleaned() {
    // Found by the `html` fuzz target: the base went into resolved addresses as it was.
    let body = to_body(
        "<a href='c?q'>c</a> <a href='/d'>d</a>",
        Some("https://example.org/a/\u{1b}[2Jb\r/\u{202E}x"),
    );
    assert_eq!(
        body.blocks.last(),
        Some(&Block::Links(vec![
            "https://example.org/a/[2Jb/c?q".into(),
            "https://example.org/d".into(),
        ]))
    );
}

#[test]
fn script_data_and_fragment_links_are_text_only() {
    let html = "<p><a href='javascript:alert(1)'>x</a> <a href=' JavaScript:alert(1)'>y</a> \
                <a href='data:text/html,hi'>z</a> <a href='#top'>t</a> <a href=''>e</a> \
                <a href='java\tscript:alert(1)'>w</a> <a>n</a></p>";
    assert_eq!(blocks(html), [para("x y z t e w n")]);
}

#[test]
fn nested_lists_with_numbers_and_start() {
    let html = "<ul><li>one <b>bold</b></li><li>two<ol start='5'><li>five</li>\
                <li>six<ul><li>deep</li></ul></li></ol>after</li></ul><ol><li>first</li></ol>";
    assert_eq!(
        blocks(html),
        [
            Block::List(vec![
                ListItem {
                    depth: 0,
                    number: None,
                    spans: vec![
                        Span::plain("one "),
                        Span::styled("bold", style(true, false, false, false)),
                    ],
                },
                item(0, None, "two"),
                item(1, Some(5), "five"),
                item(1, Some(6), "six"),
                item(2, None, "deep"),
                item(0, None, "after"),
            ]),
            Block::List(vec![item(0, Some(1), "first")]),
        ]
    );
}

#[test]
fn blockquotes_hold_paragraphs() {
    let html = "<p>before</p><blockquote><p>one</p><p>two <em>it</em></p></blockquote>";
    assert_eq!(
        blocks(html),
        [
            para("before"),
            Block::Quote(vec![
                vec![Span::plain("one")],
                vec![
                    Span::plain("two "),
                    Span::styled("it", style(false, true, false, false)),
                ],
            ]),
        ]
    );
}

#[test]
fn pre_keeps_newlines_and_tabs() {
    let html = "<pre>\nfn main() {\n\tgo(&amp;x);\n\n  <b>y</b>\n}\n</pre><p>after</p>";
    assert_eq!(
        blocks(html),
        [
            Block::Code("fn main() {\n\tgo(&x);\n\n  y\n}".into()),
            para("after"),
        ]
    );
}

#[test]
fn images_and_figures() {
    let html = "<p>text <img src='a.png' alt=' A  cat '> more</p><img src='b.png'>\
                <figure><img src='c.png' alt='alt'><figcaption>The <b>caption</b>. Photo: X</figcaption></figure>\
                <figure><figcaption>Only a caption</figcaption></figure>\
                <figure><img src='d.png' alt='just alt'></figure>";
    let image = |caption: &str| Block::Image {
        label: "image".into(),
        caption: caption.into(),
        picture: None,
    };
    assert_eq!(
        blocks(html),
        [
            para("text"),
            image("A cat"),
            para("more"),
            image("The caption. Photo: X"),
            image("Only a caption"),
            image("just alt"),
        ]
    );
}

#[test]
fn pictures_keep_their_address_beside_alt_and_caption() {
    let html = "<p>text <img src='/a.png' alt='A cat' width='600' height='400'></p>\
                <img data-src='lazy.jpg' src='data:image/gif;base64,R0lGOD' srcset='s.jpg 300w'>\
                <figure><img src='c.png' alt='alt'><figcaption>The caption</figcaption></figure>\
                <img src='pixel.gif' width='1' height='1'><img src='javascript:x'>\
                <ul><li>in a list <img src='d.png' alt='listed'></li></ul>";
    let body = to_body(html, Some("https://news.example/2026/story.html"));
    let picture = |src: &str, sizes: &[(&str, u32)], dimensions| {
        Some(Picture {
            src: src.into(),
            sizes: sizes.iter().map(|(u, w)| ((*u).to_string(), *w)).collect(),
            dimensions,
        })
    };
    let image = |caption: &str, picture| Block::Image {
        label: "image".into(),
        caption: caption.into(),
        picture,
    };
    assert_eq!(
        body.blocks,
        [
            para("text"),
            image(
                "A cat",
                picture("https://news.example/a.png", &[], Some((600, 400)))
            ),
            image(
                "",
                picture(
                    "https://news.example/2026/lazy.jpg",
                    &[("https://news.example/2026/s.jpg", 300)],
                    None
                )
            ),
            image(
                "The caption",
                picture("https://news.example/2026/c.png", &[], None)
            ),
            Block::List(vec![item(0, None, "in a list [image: listed]")]),
        ]
    );
}

#[test]
fn scripts_styles_and_comments_are_dropped_with_content() {
    let html = "<head><title>T</title><style>p{}</style></head><p>a<script>evil()</script>\
                <!-- hidden -->b<noscript>ns</noscript><svg><text>s</text></svg>\
                <iframe>f</iframe><form><input value=v><button>go</button></form></p>";
    assert_eq!(blocks(html), [para("ab")]);
}

#[test]
fn ruby_readings_are_left_out_of_the_text() {
    // A terminal cannot set a reading above its characters: in line, it doubles them.
    let html = "<p><ruby>子<rt>こ</rt></ruby>ども、<ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp>\
                </ruby>字</p>";
    assert_eq!(blocks(html), [para("子ども、漢字")]);
}

#[test]
fn entities_decode_and_controls_are_removed() {
    let html = "<p>a &amp; b &lt;c&gt; &#x1b;[31mred &#27;]0;t&#7; &#155;x \u{1b}[2J\u{202e}</p>";
    let body = to_body(html, None);
    for c in body.plain_text().chars() {
        assert!(c == '\n' || !c.is_control(), "{c:?} left in {body:?}");
    }
    assert_eq!(body.blocks, [para("a & b <c> [31mred ]0;t ›x [2J")]);
}

#[test]
fn white_space_is_normalised() {
    let html =
        "<p>\n  one\t two  <b>a</b> <i>b</i>\n</p><p> </p><p>&nbsp;</p><p>x<br>y<br><br>z</p>";
    assert_eq!(
        blocks(html),
        [
            Block::Paragraph(vec![
                Span::plain("one two "),
                Span::styled("a", style(true, false, false, false)),
                Span::plain(" "),
                Span::styled("b", style(false, true, false, false)),
            ]),
            para("x\ny\n\nz"),
        ]
    );
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    on_small_stack(|| {
        let html = format!(
            "{}deep text{}",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        );
        assert_eq!(to_body(&html, None).blocks, [para("deep text")]);
        let html = format!("{}bold", "<b>".repeat(10_000));
        assert_eq!(
            to_body(&html, None).blocks,
            [Block::Paragraph(vec![Span::styled(
                "bold",
                style(true, false, false, false)
            )])]
        );
        let html = format!("{}x", "<ul><li>".repeat(10_000));
        assert!(matches!(&to_body(&html, None).blocks[..], [Block::List(_)]));
        let html = "<blockquote><table><tr><td>".repeat(3_000);
        to_body(&html, None);
    });
}

#[test]
fn only_nesting_past_the_limit_is_flattened_before_parsing() {
    let shallow = "<div><p>a <b>b</b><br><img src=x><!-- <div> --><script>'<div>'</script>\
                   <p>unclosed<p>more<ul><li>one<li>two</ul></div>";
    assert!(matches!(
        flatten_deep_nesting(shallow),
        std::borrow::Cow::Borrowed(_)
    ));
    let deep = format!(
        "{}<a href='x>y'>text</a>{}",
        "<div>".repeat(300),
        "</div>".repeat(300)
    );
    let flat = flatten_deep_nesting(&deep);
    assert_eq!(flat.matches("<div>").count(), MAX_PARSED_DEPTH);
    assert_eq!(flat.matches("</div>").count(), MAX_PARSED_DEPTH);
    assert!(flat.contains("text"));
    // A thousand unclosed paragraphs and items do not count as nesting.
    let many = format!("<ul>{}</ul>", "<li><p>item".repeat(1_000));
    assert!(matches!(
        flatten_deep_nesting(&many),
        std::borrow::Cow::Borrowed(_)
    ));
}

#[test]
fn broken_html_still_gives_text() {
    assert_eq!(
        blocks("<p>one <b>two <i>three</p><p>four</b> five <a href='https://x.example'>six"),
        [
            Block::Paragraph(vec![
                Span::plain("one "),
                Span::styled("two ", style(true, false, false, false)),
                Span::styled("three", style(true, true, false, false)),
            ]),
            Block::Paragraph(vec![
                Span::styled("four", style(true, true, false, false)),
                Span::styled(" five ", style(false, true, false, false)),
                Span::styled("six", style(false, true, false, true)),
                Span::plain(" [1]"),
            ]),
            Block::Links(vec!["https://x.example".into()]),
        ]
    );
    assert_eq!(blocks("<<p>>x</div></span><"), [para("<"), para(">x<")]);
    assert_eq!(blocks(""), []);
}

#[test]
fn plain_text_becomes_paragraphs() {
    let text = "First line\nstill first.\n\n  \nSecond &amp; last.\n";
    assert_eq!(
        blocks(text),
        [para("First line still first."), para("Second & last.")]
    );
}

#[test]
fn an_element_closed_the_xml_way_does_not_swallow_the_rest() {
    let body = to_body(
        "<p>Watch:</p><iframe src=\"https://v.example/1\"/><p>The rest.</p>",
        None,
    );
    assert!(body.plain_text().contains("The rest."), "{body:?}");
    let body = to_body(
        "safe<iframe src=\"http://example.com/\"/> description",
        None,
    );
    assert_eq!(body.plain_text().trim(), "safe description");
    let body = to_body("<a name=\"top\"/>Not a link", None);
    assert_eq!(body.plain_text().trim(), "Not a link");
}

#[test]
fn a_formula_reads_as_its_text_without_its_source() {
    let body = to_body(
        "<p>Sum: <math><semantics><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow>\
         <annotation encoding=\"TeX\">a+b</annotation></semantics></math></p>",
        None,
    );
    assert_eq!(body.plain_text().trim(), "Sum: a+b");
}

#[test]
fn what_an_object_holds_is_shown_as_a_browser_without_its_player_shows_it() {
    let body = to_body(
        "<p>Before</p><object data=\"movie.swf\"><param name=\"q\" value=\"high\">\
         <p>Watch it <a href=\"https://v.example/1\">here</a>.</p></object>",
        None,
    );
    assert_eq!(
        body.plain_text(),
        "Before\nWatch it here [1].\nhttps://v.example/1\n"
    );
}
