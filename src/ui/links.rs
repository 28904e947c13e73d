//! The links list (`L`): the article's own address as `0`, labelled, then the links of its
//! text numbered as the text numbers them (`[1]` is `1`); each address shortened in its
//! middle when the window is narrow, so that its number and label always show.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::window::{self, Listing};
use super::{columns, shorten_middle};
use crate::action::Action;
use crate::app::App;

/// The label of the article's own address.
const OWN: &str = "this article · ";

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.settings().theme;
    let width = usize::from(window::area_for(area).width.saturating_sub(2));
    let links = app.links();
    let digits = links.len().to_string().len().max(1);
    let rows = links
        .rows()
        .map(|(n, url)| {
            let label = if n == 0 { OWN } else { "" };
            let number = format!("{n:>digits$} ");
            let room = width.saturating_sub(columns(&number) + columns(label));
            vec![Line::from(vec![
                Span::styled(number, theme.accent()),
                Span::styled(label, theme.dim()),
                Span::raw(shorten_middle(url, room)),
            ])]
        })
        .collect();
    let keymap = &app.settings().keymap;
    let last = links.numbered.len().min(9);
    let first = if links.own.is_some() { 0 } else { 1 };
    let open = keymap.first_key(Action::OpenInBrowser);
    let open = if open.is_empty() {
        "Enter".to_string()
    } else {
        format!("Enter/{open}")
    };
    let mut hints = vec![match last {
        0 => format!("{open} or 0 open"),
        _ => format!("{open} or {first}-{last} open"),
    }];
    let read = keymap.first_key(Action::FullText);
    if !read.is_empty() {
        hints.push(format!("{read} read it here"));
    }
    let copy = keymap.first_key(Action::CopyUrl);
    if !copy.is_empty() {
        hints.push(format!("{copy} copy"));
    }
    hints.push("other keys close".to_string());
    let listing = Listing {
        title: " Links ".to_string(),
        rows,
        empty: "No links.",
        hints,
    };
    window::draw(frame, area, app, listing);
}
