//! A piece of a feed document (one item, or what the feed says of itself) read into a small
//! tree of elements with quick-xml, leniently: end tags need not match, a bare `&` is text,
//! HTML's named references (`&eacute;`, which feeds write without declaring them) are read
//! as HTML reads them, and markup that cannot be read ends the piece where it stands, keeping
//! what came before. Each element knows its vocabulary ([`Ns`]) from the namespaces declared
//! around it, or, where a feed uses a prefix it never declared, from the prefix's usual
//! meaning. Nesting deeper than [`MAX_DEPTH`] keeps its text but not its elements.

use quick_xml::events::{BytesStart, Event};

use crate::source::entities;

/// Elements deeper than this are read as text of the element that holds them.
const MAX_DEPTH: usize = 256;

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
    declared: Vec<(String, String)>,
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

    fn declare(&mut self, tag: &BytesStart) {
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

    fn ns_of(&self, prefix: &str) -> Ns {
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

/// An element: its vocabulary, its local name, its attributes (qualified names, values
/// with references read) and what it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    pub ns: Option<Ns>,
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
    /// Whether its end was read: an element cut off with its document is not whole.
    pub closed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// Whether this is `name` in the vocabulary `ns`.
    pub fn is(&self, ns: Ns, name: &str) -> bool {
        self.ns == Some(ns) && self.name == name
    }

    /// An attribute by its local name, without regard to case or prefix (`isPermaLink`,
    /// `rdf:about`); `xmlns` declarations are not attributes.
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(name, _)| {
                let (prefix, name) = split_name(name);
                prefix != "xmlns" && name != "xmlns" && name.eq_ignore_ascii_case(local)
            })
            .map(|(_, value)| value.as_str())
    }

    /// `xml:base`, when the element has one.
    pub fn base(&self) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(name, _)| name == "xml:base")
            .map(|(_, value)| value.as_str())
    }

    /// The elements it holds.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
    }

    pub fn has_elements(&self) -> bool {
        self.elements().next().is_some()
    }

    /// All the text it holds, its elements' included, as written.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.push_text(&mut out);
        out
    }

    fn push_text(&self, out: &mut String) {
        for node in &self.children {
            match node {
                Node::Text(text) => out.push_str(text),
                Node::Element(element) => element.push_text(out),
            }
        }
    }

    /// The text before its first element, as an XML reader that reads text only up to the
    /// first tag gives it.
    pub fn leading_text(&self) -> Option<String> {
        let mut out: Option<String> = None;
        for node in &self.children {
            match node {
                Node::Text(text) => out.get_or_insert_with(String::new).push_str(text),
                Node::Element(_) => break,
            }
        }
        out
    }

    /// What it holds written out again as markup (HTML or XHTML written into a feed),
    /// without namespace prefixes.
    pub fn inner_markup(&self) -> String {
        let mut out = String::new();
        for node in &self.children {
            write_node(node, &mut out);
        }
        out
    }
}

fn write_node(node: &Node, out: &mut String) {
    match node {
        Node::Text(text) => escape_into(text, false, out),
        Node::Element(element) => {
            out.push('<');
            out.push_str(&element.name);
            for (name, value) in &element.attrs {
                let (prefix, local) = split_name(name);
                if prefix == "xmlns" || name == "xmlns" {
                    continue;
                }
                out.push(' ');
                out.push_str(if prefix == "xml" { name } else { local });
                out.push_str("=\"");
                escape_into(value, true, out);
                out.push('"');
            }
            out.push('>');
            for child in &element.children {
                write_node(child, out);
            }
            if !is_void(&element.name) {
                out.push_str("</");
                out.push_str(&element.name);
                out.push('>');
            }
        }
    }
}

fn is_void(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "br" | "hr"
            | "img"
            | "input"
            | "meta"
            | "link"
            | "area"
            | "base"
            | "col"
            | "embed"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

fn escape_into(text: &str, attribute: bool, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// `prefix:local` as its two parts; the prefix is empty when there is none.
fn split_name(name: &str) -> (&str, &str) {
    name.split_once(':').unwrap_or(("", name))
}

/// Reads a piece into its first element. `names` holds the declarations of the elements
/// around the piece; the piece's own are added as they come.
pub fn read(piece: &str, names: &Names) -> Option<Element> {
    let mut reader = quick_xml::Reader::from_str(piece);
    let config = reader.config_mut();
    config.allow_dangling_amp = true;
    config.allow_unmatched_ends = true;
    config.check_end_names = false;
    config.check_comments = false;
    let mut names = names.clone();
    // Open elements, each with how many declarations it added.
    let mut open: Vec<(Element, usize)> = Vec::new();
    // Start tags too deep to be kept, whose ends are then passed over too.
    let mut too_deep = 0usize;
    let mut root: Option<Element> = None;
    // Markup that cannot be read ends the piece.
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(_) if open.len() >= MAX_DEPTH => too_deep += 1,
            Event::Empty(_) if open.len() >= MAX_DEPTH => {}
            Event::Start(tag) => {
                let declared = names.declared.len();
                names.declare(&tag);
                let element = element_of(&tag, &names);
                open.push((element, names.declared.len() - declared));
            }
            Event::Empty(tag) => {
                let declared = names.declared.len();
                names.declare(&tag);
                let element = Element {
                    closed: true,
                    ..element_of(&tag, &names)
                };
                names.declared.truncate(declared);
                if attach(&mut open, element, &mut root) {
                    break;
                }
            }
            Event::End(_) if too_deep > 0 => too_deep -= 1,
            Event::End(_) => {
                let Some((mut element, declared)) = open.pop() else {
                    continue;
                };
                element.closed = true;
                let keep = names.declared.len().saturating_sub(declared);
                names.declared.truncate(keep);
                if attach(&mut open, element, &mut root) {
                    break;
                }
            }
            Event::Text(text) => push_text(&mut open, &text.xml10_content()),
            Event::CData(data) => push_text(&mut open, &data),
            Event::GeneralRef(reference) => {
                push_text(&mut open, &reference_text(&reference));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A piece cut off keeps what it had: the open elements close where it ends.
    while let Some((element, _)) = open.pop() {
        if attach(&mut open, element, &mut root) {
            break;
        }
    }
    root
}

/// Puts a finished element into the one that holds it; `true` when it was the piece's
/// first element, which ends the reading.
fn attach(open: &mut [(Element, usize)], element: Element, root: &mut Option<Element>) -> bool {
    match open.last_mut() {
        Some((parent, _)) => {
            parent.children.push(Node::Element(element));
            false
        }
        None => {
            *root = Some(element);
            true
        }
    }
}

fn push_text(open: &mut [(Element, usize)], text: &str) {
    let Some((element, _)) = open.last_mut() else {
        return;
    };
    match element.children.last_mut() {
        Some(Node::Text(last)) => last.push_str(text),
        _ => element.children.push(Node::Text(text.to_string())),
    }
}

fn element_of(tag: &BytesStart, names: &Names) -> Element {
    let qualified = tag.name();
    let (prefix, local) = split_name(qualified.as_ref());
    let attrs = tag
        .html_attributes()
        .flatten()
        .map(|attr| {
            let name: &str = attr.key.as_ref();
            let name = name.to_string();
            let value = unescape(&attr.value);
            (name, value)
        })
        .collect();
    let ns = names.ns_of(prefix);
    Element {
        ns: Some(ns),
        name: canonical(ns, local),
        attrs,
        children: Vec::new(),
        closed: false,
    }
}

/// RSS's names as RSS spells them, whatever case a feed wrote them in (iTunes reads
/// `<TITLE>` as `<title>`, and CDF, RSS's forerunner, wrote every name in capitals).
fn canonical(ns: Ns, local: &str) -> String {
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

/// The text a reference stands for: XML's five, a character by its number, or one of
/// HTML's names; a name no one knows stays as it was written.
fn reference_text(name: &str) -> String {
    match name {
        "amp" => return "&".into(),
        "lt" => return "<".into(),
        "gt" => return ">".into(),
        "quot" => return "\"".into(),
        "apos" => return "'".into(),
        // As XHTML 1.0 defines them, for feeds are XML: HTML5 moved them to other brackets.
        "lang" => return "\u{2329}".into(),
        "rang" => return "\u{232A}".into(),
        _ => {}
    }
    let written = format!("&{name};");
    match entities::at(written.as_bytes()) {
        Some((first, second, _)) => {
            first.to_string() + &second.map(String::from).unwrap_or_default()
        }
        None => written,
    }
}

/// An attribute value with its references read.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match after.find(';').filter(|&end| end <= 32) {
            Some(end) if !after[..end].contains(['&', ' ']) => {
                out.push_str(&reference_text(&after[..end]));
                rest = &after[end + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
#[path = "tree_tests.rs"]
mod tests;
