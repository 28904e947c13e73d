//! What a feed says of itself: its title, how long it asks to be left alone (`ttl`), and the
//! authors of items that name none; read from the root (and an RSS channel) without its items.

use super::atom;
use super::entry::{Kind, Text};
use super::tree::{Element, Ns};

#[derive(Debug, Default)]
pub struct Head {
    pub title: Option<Text>,
    /// Minutes.
    pub ttl: Option<u32>,
    pub authors: Vec<Text>,
}

/// Reads the head of a document whose root is `root`.
pub fn read(root: &Element) -> Head {
    let mut head = Head::default();
    let channel = root
        .elements()
        .find(|e| e.is(Ns::Rss, "channel"))
        .unwrap_or(root);
    // What the channel says comes first; an RDF root holds the channel's image and items
    // beside it, and careless RSS puts its title after the channel.
    let mut titles: Vec<(u8, Text)> = Vec::new();
    for element in channel.elements().chain(
        if std::ptr::eq(channel, root) {
            None
        } else {
            Some(root.elements())
        }
        .into_iter()
        .flatten(),
    ) {
        let text = || element.text();
        match (element.ns, element.name.as_str()) {
            (Some(Ns::Rss), "title") => titles.push((0, Text::new(text(), Kind::Either))),
            (Some(Ns::Atom), "title") => titles.push((1, atom::construct(element))),
            (Some(Ns::Dc), "title") => titles.push((2, Text::new(text(), Kind::Either))),
            (Some(Ns::Itunes), "title") => titles.push((3, Text::new(text(), Kind::Plain))),
            (Some(Ns::Rss), "ttl") => {
                head.ttl = head.ttl.or(text().trim().parse().ok());
            }
            (Some(Ns::Atom), "author") => {
                let name = element
                    .elements()
                    .find(|e| e.name == "name")
                    .map(|e| e.text())
                    .unwrap_or_default();
                head.authors.push(Text::new(name, Kind::Plain));
            }
            (Some(Ns::Dc), "creator") | (Some(Ns::Itunes), "author") => {
                head.authors.push(Text::new(text(), Kind::Either));
            }
            _ => {}
        }
    }
    titles.retain(|(_, title)| !title.content.trim().is_empty());
    titles.sort_by_key(|(rank, _)| *rank);
    head.title = titles.into_iter().next().map(|(_, title)| title);
    head.authors
        .retain(|author| !author.content.trim().is_empty());
    head
}
