use super::*;

fn base(address: &str) -> Url {
    Url::parse(address).unwrap()
}

/// `href` resolved against `base` (none when empty), written out.
fn resolved(href: &str, against: &str) -> Option<String> {
    let against = (!against.is_empty()).then(|| base(against));
    resolve(href, against.as_ref()).map(String::from)
}

fn linked(href: &str, against: &str) -> Option<String> {
    let against = (!against.is_empty()).then(|| base(against));
    link(href, against.as_ref())
}

#[test]
fn sorts_addresses() {
    assert_eq!(target("https://example.com/feed"), Target::Web);
    assert_eq!(target("HTTP://example.com/feed"), Target::Web);
    assert_eq!(
        target("file:///tmp/a%20b.xml"),
        Target::File("/tmp/a b.xml".into())
    );
    assert_eq!(
        target("file://localhost/tmp/a.xml"),
        Target::File("/tmp/a.xml".into())
    );
    assert_eq!(target("file://elsewhere/tmp/a.xml"), Target::Unsupported);
    assert_eq!(target("feeds/a.xml"), Target::File("feeds/a.xml".into()));
    assert_eq!(
        target("C:\\feeds\\a.xml"),
        Target::File("C:\\feeds\\a.xml".into())
    );
    assert_eq!(target("ftp://example.com/a.xml"), Target::Unsupported);
}

#[test]
fn file_addresses_are_the_paths_they_name() {
    assert_eq!(
        target("file:///tmp/caf%C3%A9.xml"),
        Target::File("/tmp/café.xml".into())
    );
    assert_eq!(
        target("file:///tmp/a.xml?x=1#top"),
        Target::File("/tmp/a.xml".into()),
        "a query or fragment is not part of the path"
    );
    assert_eq!(target("file:/tmp/a.xml"), Target::File("/tmp/a.xml".into()));
    assert_eq!(target("/tmp/a.xml"), Target::File("/tmp/a.xml".into()));
    assert_eq!(
        target("my feeds/a b.xml"),
        Target::File("my feeds/a b.xml".into()),
        "a relative path is taken as written, spaces and all"
    );
    assert_eq!(target("./a:b.xml"), Target::File("./a:b.xml".into()));
    assert_eq!(target("ab:c.xml"), Target::Unsupported, "ab: is a scheme");
    assert_eq!(
        target("a:b.xml"),
        Target::File("a:b.xml".into()),
        "a: is a drive"
    );
    assert_eq!(
        target("C:/feeds/a.xml"),
        Target::File("C:/feeds/a.xml".into())
    );
    assert_eq!(target("gopher://example.com/feed"), Target::Unsupported);
    // Not valid, but a web address: it fails as one, in words.
    assert_eq!(target("http://a b/feed"), Target::Web);
}

#[cfg(unix)]
#[test]
fn a_drive_letter_in_a_file_address_is_a_path_on_unix() {
    assert_eq!(
        target("file:///C:/feeds/a.xml"),
        Target::File("/C:/feeds/a.xml".into())
    );
}

#[test]
fn finds_hosts() {
    assert_eq!(
        host("https://Example.COM:8443/a?b").as_deref(),
        Some("example.com")
    );
    assert_eq!(host("http://user@127.0.0.2/").as_deref(), Some("127.0.0.2"));
    assert_eq!(host("http://[::1]:80/").as_deref(), Some("[::1]"));
    assert_eq!(host("http:///nothing"), None);
}

#[test]
fn hosts_of_international_and_odd_addresses() {
    assert_eq!(
        host("https://Bücher.example/a").as_deref(),
        Some("xn--bcher-kva.example")
    );
    assert_eq!(host("http:/x.example/"), None, "no // before the host");
    assert_eq!(host("/tmp/feed.xml"), None);
    assert_eq!(host("file:///tmp/feed.xml"), None);
    assert_eq!(host("http://a b/"), None);
}

#[test]
fn sites_are_hosts_without_www() {
    assert_eq!(
        site("https://www.macworld.com/a/1.html").as_deref(),
        Some("macworld.com")
    );
    assert_eq!(
        site("http://user@News.Example:8080?x").as_deref(),
        Some("news.example")
    );
    assert_eq!(site("/tmp/page.html"), None);
    assert_eq!(site("https:///x"), None);
}

#[test]
fn a_site_is_in_its_own_letters() {
    assert_eq!(
        site("https://www.xn--bcher-kva.example/a").as_deref(),
        Some("bücher.example")
    );
    assert_eq!(
        site("https://Bücher.example/").as_deref(),
        Some("bücher.example")
    );
    assert_eq!(site("https://www./"), None);
}

#[test]
fn servers_keep_a_port_of_their_own() {
    assert_eq!(
        server("https://rss.example.com/api/greader.php").as_deref(),
        Some("rss.example.com")
    );
    assert_eq!(
        server("http://127.0.0.1:8080/api").as_deref(),
        Some("127.0.0.1:8080")
    );
    assert_eq!(
        server("https://rss.example.com:443/").as_deref(),
        Some("rss.example.com"),
        "the scheme's own port is not named"
    );
    assert_eq!(server("not an address"), None);
}

#[test]
fn web_addresses_are_http_and_https_in_any_case() {
    assert!(is_web("http://example.com"));
    assert!(is_web("HTTPS://example.com/a"));
    assert!(!is_web("https:example.com"));
    assert!(!is_web("ftp://example.com"));
    assert!(!is_web("file:///tmp/a.xml"));
    assert!(!is_web("/tmp/a.xml"));
    assert!(!is_web("httpé"));
    assert!(!is_web(""));
}

/// What a redirect's `Location` comes to.
fn location(from: &str, location: &str) -> String {
    redirect(from, location).unwrap()
}

#[test]
fn resolves_locations() {
    let base = "http://a.example/b/c/d?q";
    assert_eq!(location(base, "https://x.example/y"), "https://x.example/y");
    assert_eq!(location(base, "//x.example/y"), "http://x.example/y");
    assert_eq!(location(base, "/g"), "http://a.example/g");
    assert_eq!(location(base, "g"), "http://a.example/b/c/g");
    assert_eq!(location(base, "../g?x"), "http://a.example/b/g?x");
    assert_eq!(location(base, "./"), "http://a.example/b/c/");
    assert_eq!(location(base, ".."), "http://a.example/b/");
    assert_eq!(location(base, "?y"), "http://a.example/b/c/d?y");
    assert_eq!(location(base, "#frag"), "http://a.example/b/c/d?q");
    assert_eq!(location("http://a.example", "g"), "http://a.example/g");
    assert_eq!(location(base, "../../../../g"), "http://a.example/g");
}

#[test]
fn scheme_relative_addresses_take_the_base_s_scheme() {
    assert_eq!(
        resolved("//cdn.example/a.png", "http://news.example/").as_deref(),
        Some("http://cdn.example/a.png")
    );
    assert_eq!(
        resolved("//cdn.example/a.png", "https://news.example/").as_deref(),
        Some("https://cdn.example/a.png")
    );
    assert_eq!(
        resolved("//cdn.example/a.png", "").as_deref(),
        Some("https://cdn.example/a.png"),
        "with no base, https"
    );
    assert_eq!(
        linked("//cdn.example/a", "http://news.example/").as_deref(),
        Some("http://cdn.example/a")
    );
}

#[test]
fn a_bare_www_link_is_that_host_over_https() {
    for against in ["", "http://news.example/dir/post.html"] {
        assert_eq!(
            resolved("www.example.com/a?b", against).as_deref(),
            Some("https://www.example.com/a?b"),
            "{against}"
        );
        assert_eq!(
            linked("WWW.Example.com", against).as_deref(),
            Some("https://www.example.com/"),
            "{against}"
        );
    }
    assert_eq!(
        resolved("www.html", "http://news.example/dir/post.html").as_deref(),
        Some("http://news.example/dir/www.html"),
        "a file called www.something is a path"
    );
    assert_eq!(resolved("www.html", ""), None);
}

#[test]
fn dot_segments_queries_and_fragments_resolve_as_the_standard_says() {
    let page = "https://news.example/a/b/post.html?x=1";
    assert_eq!(
        resolved("../c/./d", page).as_deref(),
        Some("https://news.example/a/c/d")
    );
    assert_eq!(
        resolved("../../../../up", page).as_deref(),
        Some("https://news.example/up")
    );
    assert_eq!(
        resolved("?page=2", page).as_deref(),
        Some("https://news.example/a/b/post.html?page=2")
    );
    assert_eq!(
        resolved("other.html#part", page).as_deref(),
        Some("https://news.example/a/b/other.html#part")
    );
    assert_eq!(
        resolved("#part", page).as_deref(),
        Some("https://news.example/a/b/post.html?x=1#part")
    );
    assert_eq!(
        linked("#part", page),
        None,
        "a place in the page is no link"
    );
    assert_eq!(resolved("relative", ""), None, "no base, no address");
    assert_eq!(resolved("", page), None, "an empty href names nothing");
}

#[test]
fn links_keep_web_ftp_and_mail_addresses_as_written() {
    let page = "https://news.example/post";
    assert_eq!(
        linked("mailto:Someone@Example.com", page).as_deref(),
        Some("mailto:Someone@Example.com")
    );
    assert_eq!(
        linked("https://x.example", page).as_deref(),
        Some("https://x.example"),
        "as written, not as the standard writes it"
    );
    assert_eq!(
        linked("ftp://files.example/a", page).as_deref(),
        Some("ftp://files.example/a")
    );
    for refused in [
        "javascript:alert(1)",
        "JavaScript:void(0)",
        "data:text/html,<b>x</b>",
        "file:///etc/passwd",
        "",
        "   ",
    ] {
        assert_eq!(linked(refused, page), None, "{refused}");
    }
    assert_eq!(linked("relative", ""), None, "no base, no link");
    assert_eq!(
        resolved("javascript:alert(1)", page).as_deref(),
        Some("javascript:alert(1)"),
        "the resolver itself refuses no scheme: links do"
    );
}

#[test]
fn spaces_tabs_and_newlines_in_hrefs() {
    let page = "https://news.example/dir/post";
    assert_eq!(
        linked(" https://x.example/a b\t", page).as_deref(),
        Some("https://x.example/a%20b")
    );
    assert_eq!(
        linked("sub/\tpage\n one", page).as_deref(),
        Some("https://news.example/dir/sub/page%20one")
    );
    assert_eq!(
        resolved("\n https://x.example/a b \t", "").as_deref(),
        Some("https://x.example/a%20b")
    );
    assert_eq!(written(" a\tb\nc \u{1b}"), "abc");
}

#[test]
fn international_hosts_are_written_in_ascii() {
    assert_eq!(
        resolved("https://Bücher.example/é", "").as_deref(),
        Some("https://xn--bcher-kva.example/%C3%A9")
    );
    assert_eq!(
        linked("/a", "https://bücher.example/x").as_deref(),
        Some("https://xn--bcher-kva.example/a")
    );
}

#[test]
fn only_web_addresses_are_bases() {
    assert_eq!(
        web_base(" HTTPS://News.Example/a\t/b").map(String::from),
        Some("https://news.example/a/b".to_string())
    );
    assert_eq!(web_base("file:///tmp/feed.xml"), None);
    assert_eq!(web_base("/tmp/feed.xml"), None);
}
