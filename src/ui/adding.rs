//! The `+` window: the address typed, what became of reading it, and the feeds a page named
//! to choose among, each with its title, format and address.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::window::{self, Listing};
use super::{shorten_middle, truncate_start};
use crate::app::App;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.settings().theme;
    let width = usize::from(window::area_for(area).width.saturating_sub(2));
    let adding = app.window().adding();
    let (title, rows, hints) = if adding.choices.is_empty() {
        let mut lines = vec![Line::from(vec![
            Span::raw("Address: "),
            Span::raw(truncate_start(&adding.text, width.saturating_sub(11))),
            Span::styled("▏", theme.accent()),
        ])];
        if adding.busy {
            lines.push(Line::styled("reading it…", theme.dim()));
        }
        if let Some(error) = &adding.error {
            lines.push(Line::styled(truncate_start(error, width), theme.error()));
        }
        let hints = vec![
            "a feed's or a site's address".to_string(),
            "Enter read it".to_string(),
            "Esc cancel".to_string(),
        ];
        (" Add a feed ".to_string(), vec![lines], hints)
    } else {
        let rows = adding
            .choices
            .iter()
            .enumerate()
            .map(|(at, named)| {
                let title = if named.title.is_empty() {
                    "(no title)"
                } else {
                    &named.title
                };
                vec![
                    Line::raw(format!("{}. {title} ({})", at + 1, named.kind.name())),
                    Line::styled(
                        format!("   {}", shorten_middle(&named.url, width.saturating_sub(3))),
                        theme.dim(),
                    ),
                ]
            })
            .collect();
        let hints = vec![
            "j k move".to_string(),
            "Enter subscribe".to_string(),
            "Esc cancel".to_string(),
        ];
        (
            format!(" The site names {} feeds ", adding.choices.len()),
            rows,
            hints,
        )
    };
    let listing = Listing {
        title,
        rows,
        empty: "",
        hints,
    };
    window::draw(frame, area, app, listing);
}
