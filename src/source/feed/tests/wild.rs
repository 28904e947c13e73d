//! Feeds as servers in the wild send them: every version and spelling of RSS and Atom, every
//! encoding, links to resolve, titles that are text, the fields real feeds use, and the
//! invisible characters that carry meaning. Each document is small and written for this
//! project.

use crate::source::feed::*;

const URL: &str = "https://news.example/feeds/main.xml";

fn read_with(doc: &[u8], source: FeedSource) -> ParsedFeed {
    parse(doc, source).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(doc)))
}

fn read(doc: &str) -> ParsedFeed {
    read_with(doc.as_bytes(), FeedSource::new(URL))
}

fn one(doc: &str) -> Article {
    let mut feed = read(doc);
    assert_eq!(feed.articles.len(), 1, "{doc}");
    feed.articles.remove(0)
}

fn rss(items: &str) -> String {
    format!(
        "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:media=\"http://search.yahoo.com/mrss/\" \
         xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"><channel><title>Wild</title>{items}</channel></rss>"
    )
}

fn text(article: &Article) -> String {
    article.body.plain_text()
}

fn links(article: &Article) -> Vec<String> {
    article
        .body
        .blocks
        .iter()
        .find_map(|block| match block {
            Block::Links(urls) => Some(urls.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

#[test]
fn every_version_of_rss_and_none() {
    for version in [
        "",
        " version=\"0.91\"",
        " version=\"0.92\"",
        " version=\"0.93\"",
        " version=\"0.94\"",
        " version=\"1.0\"",
        " version=\"2.0\"",
        " version=\"2.0.1\"",
        " version=\"2\"",
    ] {
        let doc = format!(
            "<rss{version}><channel><title>V</title><item><title>Item</title>\
             <link>https://x.example/1</link></item></channel></rss>"
        );
        let feed = read(&doc);
        assert_eq!(feed.title.as_deref(), Some("V"), "{version}");
        assert_eq!(feed.articles[0].title, "Item", "{version}");
    }
}

#[test]
fn rss_in_a_namespace_with_or_without_a_prefix() {
    for doc in [
        "<rss xmlns=\"http://backend.userland.com/rss2\" version=\"2.0\"><channel><title>N</title>\
         <item><title>Item</title><link>https://x.example/1</link></item></channel></rss>",
        "<r:rss xmlns:r=\"http://backend.userland.com/rss2\"><r:channel><r:title>N</r:title>\
         <r:item><r:title>Item</r:title><r:link>https://x.example/1</r:link></r:item></r:channel></r:rss>",
        "<rss xmlns=\"urn:someone:rss\"><channel><title>N</title><item><title>Item</title>\
         <link>https://x.example/1</link></item></channel></rss>",
    ] {
        let feed = read(doc);
        assert_eq!(feed.title.as_deref(), Some("N"), "{doc}");
        assert_eq!(feed.articles[0].title, "Item", "{doc}");
        assert_eq!(feed.articles[0].url.as_deref(), Some("https://x.example/1"));
    }
}

#[test]
fn rss_0_90_and_rss_1_0_items_without_a_link_are_kept() {
    let doc = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" \
        xmlns=\"http://my.netscape.com/rdf/simple/0.9/\"><channel><title>Ninety</title></channel>\
        <item><title>Old</title><link>https://x.example/old</link></item></rdf:RDF>";
    assert_eq!(
        read(doc).articles[0].url.as_deref(),
        Some("https://x.example/old")
    );
    let doc = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" \
        xmlns=\"http://purl.org/rss/1.0/\"><channel rdf:about=\"https://x.example/\"><title>One</title></channel>\
        <item rdf:about=\"https://x.example/about-only\"><title>No link</title></item>\
        <item><title>Nothing at all</title><description>Text.</description></item></rdf:RDF>";
    let feed = read(doc);
    assert_eq!(feed.articles.len(), 2);
    assert_eq!(
        feed.articles[0].url.as_deref(),
        Some("https://x.example/about-only")
    );
    assert_eq!(feed.articles[1].title, "Nothing at all");
}

#[test]
fn atom_0_3_in_every_mode() {
    let doc = "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\">\
        <title>Old Blog</title><tagline>A tagline</tagline>\
        <entry><title>Escaped</title><link rel=\"alternate\" type=\"text/html\" href=\"https://old.example/1\"/>\
        <id>tag:old.example,2004:1</id><issued>2004-02-03T10:00:00-05:00</issued><modified>2004-02-04T10:00:00Z</modified>\
        <author><name>Old Author</name></author>\
        <content type=\"text/html\" mode=\"escaped\">&lt;p&gt;Escaped &lt;b&gt;HTML&lt;/b&gt;&lt;/p&gt;</content></entry>\
        <entry><title>Base64</title><id>tag:old.example,2004:2</id><created>2004-02-02T10:00:00Z</created>\
        <content type=\"text/html\" mode=\"base64\">PHA+RnJvbSBiYXNlNjQ8L3A+</content></entry>\
        <entry><title>Inline</title><id>tag:old.example,2004:3</id>\
        <content type=\"application/xhtml+xml\" mode=\"xml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Inline <em>XHTML</em></p></div></content></entry>\
        </feed>";
    let feed = read(doc);
    assert_eq!(feed.title.as_deref(), Some("Old Blog"));
    let [escaped, base64, inline] = &feed.articles[..] else {
        panic!("three entries: {:?}", feed.articles);
    };
    assert_eq!(escaped.url.as_deref(), Some("https://old.example/1"));
    assert_eq!(escaped.author.as_deref(), Some("Old Author"));
    assert_eq!(
        escaped.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2004-02-03T15:00:00+00:00")
    );
    assert_eq!(text(escaped).trim(), "Escaped HTML");
    assert_eq!(text(base64).trim(), "From base64");
    assert!(base64.published.is_some(), "created is a date");
    assert_eq!(text(inline).trim(), "Inline XHTML");
}

#[test]
fn unknown_or_empty_types_read_as_text_and_never_drop_an_entry() {
    let doc = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title>\
        <entry><id>1</id><title type=\"\">Empty type</title><content type=\"\">Plain &lt;b&gt; text</content></entry>\
        <entry><id>2</id><title type=\"nonsense/thing\">Odd type</title><summary type=\"bogus\">Summary</summary></entry>\
        <entry><id>3</id><title type=\"text\">History of the &lt;blink&gt; tag</title></entry>\
        <entry><id>4</id><title type=\"html\">Linked &lt;a href=\"http://x.example/a\"&gt;headline&lt;/a&gt; &amp;amp; more</title></entry>\
        <entry><id>5</id><title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">An <b>XHTML</b> title</div></title></entry>\
        </feed>";
    let feed = read(doc);
    let titles: Vec<&str> = feed.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Empty type",
            "Odd type",
            "History of the <blink> tag",
            "Linked headline & more",
            "An XHTML title"
        ]
    );
    assert_eq!(text(&feed.articles[0]).trim(), "Plain <b> text");
    assert_eq!(text(&feed.articles[1]).trim(), "Summary");
}

#[test]
fn rss_titles_are_text_unless_they_are_html() {
    let feed = read(&rss(
        "<item><guid>1</guid><title>Linked &lt;a href=\"http://x.example/a\"&gt;headline&lt;/a&gt; &amp;amp; more</title></item>\
         <item><guid>2</guid><title>History of the &lt;blink&gt; tag</title></item>\
         <item><guid>3</guid><title>AT&amp;T and 3 &lt; 4</title></item>",
    ));
    let titles: Vec<&str> = feed.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Linked headline & more",
            "History of the <blink> tag",
            "AT&T and 3 < 4"
        ]
    );
}

#[test]
fn utf16_big_and_little_endian_with_or_without_a_mark_and_utf32_refused() {
    let doc = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel>\
        <title>Sixteen</title><item><title>Ça marche</title><link>https://x.example/1</link></item></channel></rss>";
    for big in [true, false] {
        let units: Vec<u8> = doc
            .encode_utf16()
            .flat_map(|u| {
                if big {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect();
        let bom: &[u8] = if big { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] };
        for bytes in [units.clone(), [bom, &units].concat()] {
            let feed = read_with(&bytes, FeedSource::new(URL));
            assert_eq!(feed.articles[0].title, "Ça marche");
        }
    }
    let utf32: Vec<u8> = [0, 0, 0xFE, 0xFF]
        .into_iter()
        .chain(doc.chars().flat_map(|c| u32::from(c).to_be_bytes()))
        .collect();
    let error = parse(&utf32, FeedSource::new(URL)).unwrap_err();
    assert!(error.contains("UTF-32"), "{error}");
}

#[test]
fn the_http_charset_then_the_declaration_and_windows_1252_for_latin_1() {
    let cp1252 = |text: &str| encoding_rs::WINDOWS_1252.encode(text).0.into_owned();
    let doc = cp1252(&rss(
        "<item><guid>1</guid><title>£5 for “quotes”</title></item>",
    ));
    let source = FeedSource {
        content_type: Some("text/xml; charset=windows-1252"),
        ..FeedSource::new(URL)
    };
    assert_eq!(read_with(&doc, source).articles[0].title, "£5 for “quotes”");
    let declared = [
        b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>".as_slice(),
        &cp1252(&rss("<item><guid>1</guid><title>don’t stop</title></item>")),
    ]
    .concat();
    assert_eq!(
        read_with(&declared, FeedSource::new(URL)).articles[0].title,
        "don’t stop"
    );
}

#[test]
fn text_encoded_twice_is_repaired_when_the_whole_field_is_unambiguous() {
    let feed = read(&rss(
        "<item><guid>1</guid><title>Wait for itâ€¦ cafÃ©</title>\
         <description>itâ€™s here</description><dc:creator>RenÃ©e</dc:creator></item>\
         <item><guid>2</guid><title>Café and Ã as written</title></item>",
    ));
    assert_eq!(feed.articles[0].title, "Wait for it… café");
    assert_eq!(text(&feed.articles[0]).trim(), "it’s here");
    assert_eq!(feed.articles[0].author.as_deref(), Some("Renée"));
    assert_eq!(feed.articles[1].title, "Café and Ã as written");
}

#[test]
fn links_resolve_against_xml_base_content_location_and_the_feed() {
    let doc = rss(
        "<item><guid>1</guid><title>Relative</title><link>/sub/story-1</link>\
         <description>See &lt;a href=\"about\"&gt;about&lt;/a&gt; and &lt;a href=\"/other\"&gt;other&lt;/a&gt;.</description>\
         <enclosure url=\"/audio/1.mp3\" type=\"audio/mpeg\" length=\"1000\"/></item>\
         <item xml:base=\"https://base.example/dir/\"><guid>2</guid><title>Based</title><link>story-2.html</link>\
         <description>&lt;a href=\"pic\"&gt;pic&lt;/a&gt;</description></item>",
    );
    let feed = read(&doc);
    let relative = &feed.articles[0];
    assert_eq!(
        relative.url.as_deref(),
        Some("https://news.example/sub/story-1")
    );
    assert_eq!(
        links(relative),
        [
            "https://news.example/sub/about",
            "https://news.example/other",
            "https://news.example/audio/1.mp3"
        ]
    );
    let based = &feed.articles[1];
    assert_eq!(
        based.url.as_deref(),
        Some("https://base.example/dir/story-2.html")
    );
    assert_eq!(links(based), ["https://base.example/dir/pic"]);

    let located = FeedSource {
        location: Some("https://cdn.example/redirected/feed.xml"),
        content_location: Some("/en/feed.xml"),
        ..FeedSource::new(URL)
    };
    let feed = read_with(doc.as_bytes(), located);
    assert_eq!(
        feed.articles[0].url.as_deref(),
        Some("https://cdn.example/sub/story-1")
    );
    let redirected = FeedSource {
        location: Some("https://cdn.example/redirected/feed.xml"),
        ..FeedSource::new(URL)
    };
    let feed = read_with(doc.as_bytes(), redirected);
    assert_eq!(links(&feed.articles[0])[0], "https://cdn.example/sub/about");
}

#[test]
fn the_fields_real_feeds_use() {
    let feed = read(&rss(
        "<item><dc:title>From dc:title</dc:title><guid isPermaLink=\"true\">https://x.example/permalink</guid>\
         <dc:creator>Ada Creator</dc:creator><dc:subject>Subject</dc:subject>\
         <dc:date>2026-11-30T08:00:00Z</dc:date><media:category>Media cat</media:category>\
         <itunes:category text=\"Podcasting\"/><xhtml:body><xhtml:p>From <xhtml:b>xhtml:body</xhtml:b></xhtml:p></xhtml:body>\
         <media:thumbnail url=\"https://img.example/t.jpg\" width=\"150\" height=\"100\"/></item>\
         <item><guid isPermaLink=\"false\">no-link</guid><media:title>From media:title</media:title>\
         <media:description>From media:description</media:description>\
         <dcterms:issued>2026-11-29</dcterms:issued><itunes:author>Pod Caster</itunes:author>\
         <itunes:image href=\"https://img.example/i.jpg\"/></item>\
         <item><guid>3</guid><title>fullitem</title><fullitem>&lt;p&gt;From fullitem&lt;/p&gt;</fullitem>\
         <author>editor@example.com (Ada Editor)</author><dcterms:modified>2026-11-28T00:00:00Z</dcterms:modified></item>\
         <item><guid>4</guid><title>Naked markup</title><description><p>Markup <b>straight</b> in</p></description>\
         <author>Ada Editor &lt;editor@example.com&gt;</author><itunes:summary>Not this</itunes:summary></item>",
    ));
    let [first, second, third, fourth] = &feed.articles[..] else {
        panic!("four items");
    };
    assert_eq!(first.title, "From dc:title");
    assert_eq!(first.url.as_deref(), Some("https://x.example/permalink"));
    assert_eq!(first.author.as_deref(), Some("Ada Creator"));
    let tags: Vec<&str> = first.tags.iter().map(Tag::as_str).collect();
    assert_eq!(tags, ["Subject", "Media cat", "Podcasting"]);
    assert_eq!(
        first.published.unwrap().to_rfc3339(),
        "2026-11-30T08:00:00+00:00"
    );
    assert!(text(first).contains("From xhtml:body"), "{}", text(first));
    assert!(
        first.body.pictures().next().is_some(),
        "the thumbnail leads"
    );

    assert_eq!(second.title, "From media:title");
    assert_eq!(second.url, None, "a guid that is no permalink is no link");
    assert!(text(second).contains("From media:description"));
    assert_eq!(
        second.published.unwrap().to_rfc3339(),
        "2026-11-29T00:00:00+00:00"
    );
    assert_eq!(second.author.as_deref(), Some("Pod Caster"));

    assert!(text(third).contains("From fullitem"));
    assert_eq!(third.author.as_deref(), Some("Ada Editor"));
    assert_eq!(
        third.published.unwrap().to_rfc3339(),
        "2026-11-28T00:00:00+00:00"
    );

    assert_eq!(text(fourth).trim(), "Markup straight in");
    assert_eq!(fourth.author.as_deref(), Some("Ada Editor"));
}

#[test]
fn items_are_told_apart_by_their_guid_even_with_one_link() {
    let feed = read(&rss(
        "<item><guid>a</guid><title>One</title><link>https://x.example/same</link></item>\
         <item><guid>b</guid><title>Two</title><link>https://x.example/same</link></item>",
    ));
    assert_eq!(feed.articles.len(), 2);
    assert_ne!(feed.articles[0].id, feed.articles[1].id);
}

#[test]
fn invisible_characters_that_carry_meaning_stay_in_titles() {
    let feed = read(&rss(
        "<item><guid>1</guid><title>👨&#x200D;👩&#x200D;👧 family می&#x200C;خواهم</title></item>\
         <item><guid>2</guid><title>&#x200F;שלום&#x200E; Donau&#xAD;dampf ❤&#xFE0F;</title></item>\
         <item><guid>3</guid><title>&#x200D;&#x200E;&#xAD;</title></item>\
         <item><guid>4</guid><title>safe&#x202E;gnp.exe&#x1b;[2J</title></item>",
    ));
    let titles: Vec<&str> = feed.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "👨\u{200D}👩\u{200D}👧 family می\u{200C}خواهم",
            "\u{200F}שלום\u{200E} Donau\u{AD}dampf ❤\u{FE0F}",
            "(no title)",
            "safegnp.exe[2J",
        ]
    );
}

#[test]
fn an_atom_entry_document_is_one_item() {
    let doc = "<entry xmlns=\"http://www.w3.org/2005/Atom\"><title>Alone</title>\
        <id>urn:x:1</id><link href=\"https://x.example/alone\"/><updated>2026-11-30T00:00:00Z</updated></entry>";
    assert_eq!(read(doc).title, None);
    let article = one(doc);
    assert_eq!(article.title, "Alone");
    assert_eq!(article.url.as_deref(), Some("https://x.example/alone"));
}

#[test]
fn cdf_and_names_in_any_case() {
    let doc = "<CHANNEL><TITLE>Channel Definition</TITLE>\
        <ITEM HREF=\"https://x.example/cdf\" LASTMOD=\"2004-04-06T23:05:43-05:00\">\
        <TITLE>A CDF item</TITLE><ABSTRACT>Its abstract</ABSTRACT></ITEM></CHANNEL>";
    let feed = read(doc);
    assert_eq!(feed.title.as_deref(), Some("Channel Definition"));
    let item = &feed.articles[0];
    assert_eq!(item.title, "A CDF item");
    assert_eq!(item.url.as_deref(), Some("https://x.example/cdf"));
    assert_eq!(
        item.published.unwrap().to_rfc3339(),
        "2004-04-07T04:05:43+00:00"
    );
    assert_eq!(text(item).trim(), "Its abstract");
    let shouting =
        "<rss><channel><TiTlE>Loud</TiTlE><Item><Title>Also loud</Title></Item></channel></rss>";
    let feed = read(shouting);
    assert_eq!(feed.title.as_deref(), Some("Loud"));
    assert_eq!(feed.articles[0].title, "Also loud");
}

#[test]
fn files_in_base64_escaped_html_in_a_div_and_references_of_xhtml_1_0() {
    let doc = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title>\
        <entry><id>1</id><title>File</title><content type=\"application/octet-stream\">\
        RXhhbXBsZSA8Yj5BdG9tPC9iPg==</content></entry>\
        <entry><id>2</id><title>TypePad</title><content type=\"html\">\
        <div xmlns=\"http://www.w3.org/1999/xhtml\">Example &lt;b&gt;Atom&lt;/b&gt;</div></content></entry>\
        <entry><id>3</id><title>not a control&#x9b;[2J &lang;x&rang;</title></entry></feed>";
    let feed = read(doc);
    assert_eq!(text(&feed.articles[0]).trim(), "Example Atom");
    assert_eq!(text(&feed.articles[1]).trim(), "Example Atom");
    assert_eq!(feed.articles[2].title, "not a control[2J \u{2329}x\u{232A}");
}

#[test]
fn nested_podcast_categories_and_a_tags_element() {
    let feed = read(&rss(
        "<item><guid>1</guid><tags>tag one, tag two</tags><category>category one</category>\
         <itunes:category text=\"Technology\"><itunes:category text=\"Gadgets\"/></itunes:category></item>",
    ));
    let tags: Vec<&str> = feed.articles[0].tags.iter().map(Tag::as_str).collect();
    assert_eq!(
        tags,
        [
            "tag one",
            "tag two",
            "category one",
            "Technology",
            "Gadgets"
        ]
    );
}
