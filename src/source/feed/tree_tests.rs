use super::*;

fn rss_names() -> Names {
    let mut names = Names::new(Ns::Rss);
    names.enter(
        "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:m=\"http://search.yahoo.com/mrss/\">",
    );
    names
}

#[test]
fn elements_know_their_vocabulary_however_prefixed() {
    let item = read(
        "<item><title>T</title><dc:creator>Ada</dc:creator><m:content url=\"u\"/>\
         <media:title>undeclared</media:title><x:odd xmlns:x=\"urn:x\">o</x:odd></item>",
        &rss_names(),
    )
    .unwrap();
    let kinds: Vec<(Option<Ns>, &str)> = item.elements().map(|e| (e.ns, e.name.as_str())).collect();
    assert_eq!(
        kinds,
        [
            (Some(Ns::Rss), "title"),
            (Some(Ns::Dc), "creator"),
            (Some(Ns::Media), "content"),
            (Some(Ns::Media), "title"),
            (Some(Ns::Other), "odd"),
        ]
    );
}

#[test]
fn the_roots_namespace_is_the_vocabulary_whatever_its_address() {
    let mut names = Names::new(Ns::Rss);
    names.enter("<r:rss xmlns:r=\"http://backend.example/rss-ish\" version=\"2.0\">");
    let item = read(
        "<r:item><r:title>x</r:title><title>y</title></r:item>",
        &names,
    )
    .unwrap();
    assert!(item.is(Ns::Rss, "item"));
    let titles: Vec<Option<Ns>> = item.elements().map(|e| e.ns).collect();
    assert_eq!(titles, [Some(Ns::Rss), Some(Ns::Rss)]);
    let mut names = Names::new(Ns::Rss);
    names.enter("<rss xmlns=\"http://backend.userland.com/rss2\">");
    assert!(read("<item/>", &names).unwrap().is(Ns::Rss, "item"));
}

#[test]
fn text_cdata_and_references_of_xml_and_html() {
    let item = read(
        "<item><title>caf&eacute; &amp; <![CDATA[<b>bold</b>]]> &#x263A; &bogus; a & b</title></item>",
        &rss_names(),
    )
    .unwrap();
    let title = item.elements().next().unwrap();
    assert_eq!(title.text(), "café & <b>bold</b> ☺ &bogus; a & b");
}

#[test]
fn markup_is_written_out_again_without_prefixes() {
    let item = read(
        "<description><xhtml:p class=\"a&amp;b\">One &lt;two&gt;<xhtml:br/>three</xhtml:p></description>",
        &rss_names(),
    )
    .unwrap();
    assert_eq!(
        item.inner_markup(),
        "<p class=\"a&amp;b\">One &lt;two&gt;<br>three</p>"
    );
}

#[test]
fn a_piece_cut_off_keeps_what_it_had_and_deep_nesting_its_text() {
    let item = read("<item><title>Kept</title><description>cut", &rss_names()).unwrap();
    assert_eq!(item.elements().count(), 2);
    assert_eq!(item.text(), "Keptcut");
    let deep = format!(
        "<item>{}deep{}</item>",
        "<d>".repeat(5000),
        "</d>".repeat(5000)
    );
    let item = read(&deep, &rss_names()).unwrap();
    assert_eq!(item.text(), "deep");
}

#[test]
fn attributes_by_local_name_and_leading_text() {
    let item = read(
        "<item rdf:about=\"https://x.example/1\" xml:base=\"https://b.example/\">lead<a/>tail</item>",
        &rss_names(),
    )
    .unwrap();
    assert_eq!(item.attr("about"), Some("https://x.example/1"));
    assert_eq!(item.base(), Some("https://b.example/"));
    assert_eq!(item.leading_text().as_deref(), Some("lead"));
}
