//! A piece of a feed document (one item, or what the feed says of itself) read into a small
//! tree of elements with quick-xml, leniently: end tags need not match, a bare `&` is text,
//! HTML's named references (`&eacute;`, which feeds write without declaring them) are read
//! as HTML reads them, and markup that cannot be read ends the piece where it stands, keeping
//! what came before. Each element knows its vocabulary ([`Ns`]) from the namespaces declared
//! around it, or, where a feed uses a prefix it never declared, from the prefix's usual
//! meaning. Nesting deeper than [`MAX_DEPTH`] keeps its text but not its elements.

use quick_xml::events::{BytesStart, Event};

pub use super::names::{Names, Ns};
use super::names::{canonical, split_name};
use super::references::{reference_text, unescape};

/// Elements deeper than this are read as text of the element that holds them.
const MAX_DEPTH: usize = 256;

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

#[cfg(test)]
#[path = "tree_tests.rs"]
mod tests;
