//! The names in a feed document: which vocabulary an element belongs to, from the namespaces
//! declared around it (by their addresses, whatever prefix a feed chose), or, where a feed
//! uses a prefix it never declared, from the prefix's usual meaning; and RSS's names in
//! whatever case a feed wrote them.

use quick_xml::events::{BytesStart, Event};

use super::references::unescape;

/// The vocabularies a feed reader knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// RSS, whichever version, and whatever namespace a feed put it in.
    Rss,
    /// Atom 1.0 and 0.3.
    Atom,
    Dc,
    DcTerms,
    Content,
    Media,
    Itunes,
    Xhtml,
    Rdf,
    Wfw,
    Feedburner,
    Other,
}

impl Ns {
    fn of_uri(uri: &str) -> Ns {
        let uri = uri.trim().trim_end_matches(['/', '#']).to_ascii_lowercase();
        let uri = uri
            .strip_prefix("http://")
            .or_else(|| uri.strip_prefix("https://"))
            .unwrap_or(&uri);
        match uri {
            "purl.org/rss/1.0"
            | "my.netscape.com/rdf/simple/0.9"
            | "backend.userland.com/rss2"
            | "backend.userland.com/rss"
            | "blogs.law.harvard.edu/tech/rss" => Ns::Rss,
            "www.w3.org/2005/atom" | "purl.org/atom/ns" => Ns::Atom,
            "purl.org/dc/elements/1.1" => Ns::Dc,
            "purl.org/dc/terms" => Ns::DcTerms,
            "purl.org/rss/1.0/modules/content" => Ns::Content,
            "search.yahoo.com/mrss" | "video.search.yahoo.com/mrss" => Ns::Media,
            "www.itunes.com/dtds/podcast-1.0.dtd" => Ns::Itunes,
            "www.w3.org/1999/xhtml" => Ns::Xhtml,
            "www.w3.org/1999/02/22-rdf-syntax-ns" => Ns::Rdf,
            "wellformedweb.org/commentapi" => Ns::Wfw,
            "rssnamespace.org/feedburner/ext/1.0" => Ns::Feedburner,
            _ => Ns::Other,
        }
    }

    /// What a prefix a feed never declared usually stands for.
    fn of_prefix(prefix: &str) -> Ns {
        match prefix.to_ascii_lowercase().as_str() {
            "dc" => Ns::Dc,
            "dcterms" => Ns::DcTerms,
            "content" => Ns::Content,
            "media" => Ns::Media,
            "itunes" => Ns::Itunes,
            "atom" | "atom10" | "atom03" => Ns::Atom,
            "xhtml" | "html" => Ns::Xhtml,
            "rdf" => Ns::Rdf,
            "wfw" => Ns::Wfw,
            "feedburner" => Ns::Feedburner,
            _ => Ns::Other,
        }
    }
}

/// How the names of a document are read: its own vocabulary (RSS for `rss` and `RDF`
/// roots, Atom for `feed`), and the namespaces declared on the elements around a piece.
#[derive(Debug, Clone)]
pub struct Names {
    vocabulary: Ns,
    /// The namespace of the root element, which is the vocabulary whatever its address
    /// (but RDF's, which holds RSS 1.0 in a namespace of its own).
    root_uri: Option<String>,
    /// Whether the root's start tag has been taken.
    rooted: bool,
    /// Declarations in scope, innermost last: prefix (empty for the default) and address.
    pub(super) declared: Vec<(String, String)>,
}

impl Names {
    pub fn new(vocabulary: Ns) -> Names {
        Names {
            vocabulary,
            root_uri: None,
            rooted: false,
            declared: Vec::new(),
        }
    }

    /// Takes the declarations of an element around the piece (the root, the channel), given
    /// as its start tag; the first one given is the root.
    pub fn enter(&mut self, start_tag: &str) {
        let mut reader = quick_xml::Reader::from_str(start_tag);
        let Ok(Event::Start(tag) | Event::Empty(tag)) = reader.read_event() else {
            return;
        };
        let name = tag.name();
        let (prefix, local) = split_name(name.as_ref());
        self.declare(&tag);
        if !self.rooted {
            self.rooted = true;
            if local != "RDF" {
                self.root_uri = Some(self.uri_of(prefix).unwrap_or_default().to_string());
            }
        }
    }

    pub(super) fn declare(&mut self, tag: &BytesStart) {
        for attr in tag.html_attributes().flatten() {
            let key: &str = attr.key.as_ref();
            let prefix = match key.strip_prefix("xmlns") {
                Some("") => "",
                Some(rest) => match rest.strip_prefix(':') {
                    Some(prefix) => prefix,
                    None => continue,
                },
                None => continue,
            };
            let value = unescape(&attr.value);
            self.declared.push((prefix.to_string(), value));
        }
    }

    fn uri_of(&self, prefix: &str) -> Option<&str> {
        self.declared
            .iter()
            .rev()
            .find(|(known, _)| known == prefix)
            .map(|(_, uri)| uri.as_str())
    }

    pub(super) fn ns_of(&self, prefix: &str) -> Ns {
        match self.uri_of(prefix) {
            Some(uri) if Some(uri) == self.root_uri.as_deref() => self.vocabulary,
            Some("") if prefix.is_empty() => self.vocabulary,
            Some(uri) => match Ns::of_uri(uri) {
                // A vocabulary's other version is still that vocabulary: an RSS 1.0 channel
                // may hold Atom links, but an Atom 0.3 feed's elements are Atom.
                Ns::Other if prefix.is_empty() => Ns::Other,
                ns => ns,
            },
            None if prefix.is_empty() => self.vocabulary,
            None => Ns::of_prefix(prefix),
        }
    }
}

/// `prefix:local` as its two parts; the prefix is empty when there is none.
pub(super) fn split_name(name: &str) -> (&str, &str) {
    name.split_once(':').unwrap_or(("", name))
}

/// RSS's names as RSS spells them, whatever case a feed wrote them in (iTunes reads
/// `<TITLE>` as `<title>`, and CDF, RSS's forerunner, wrote every name in capitals).
pub(super) fn canonical(ns: Ns, local: &str) -> String {
    const RSS: [&str; 21] = [
        "channel",
        "item",
        "title",
        "link",
        "description",
        "guid",
        "pubDate",
        "author",
        "category",
        "enclosure",
        "comments",
        "ttl",
        "body",
        "fullitem",
        "abstract",
        "image",
        "url",
        "lastBuildDate",
        "updated",
        "rss",
        "tags",
    ];
    if ns == Ns::Rss
        && let Some(known) = RSS.iter().find(|known| known.eq_ignore_ascii_case(local))
    {
        return (*known).to_string();
    }
    local.to_string()
}
