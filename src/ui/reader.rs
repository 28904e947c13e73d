//! The reading pane: the visible lines of the laid-out article, styled, with search matches
//! marked, its pictures painted in, and the scroll position in the bottom border.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{highlighted, pane_block, picture};
use crate::app::App;
use crate::focus::Focus;
use crate::layout::reader_text;
use crate::model::filter::find_matches;
use crate::model::wrap;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let mut block = pane_block("Reader".to_string(), Focus::Reader, app);
    let text_area = reader_text(area, app.settings().layout.reader_max_width.0);
    let Some(reader) = app.reader().view() else {
        frame.render_widget(block, area);
        let hint = Paragraph::new("No article to show.")
            .style(app.settings().theme.dim())
            .wrap(Wrap { trim: true });
        frame.render_widget(hint, text_area);
        return;
    };
    let height = usize::from(text_area.height);
    let total = reader.wrapped.lines.len();
    let position = if total <= height {
        "all".to_string()
    } else if reader.scroll == 0 {
        "top".to_string()
    } else if reader.scroll + height >= total {
        "end".to_string()
    } else {
        format!("{}%", (reader.scroll + height) * 100 / total)
    };
    block = block.title_bottom(Line::from(format!(" {position} ")).right_aligned());
    frame.render_widget(block, area);

    let words = app.list().filter().search_words();
    let mut lines: Vec<Line> = reader.wrapped.lines[reader.scroll.min(total)..]
        .iter()
        .take(height)
        .map(|line| styled(line, &words, app))
        .collect();
    if app.library().entry(reader.article).body_in_store && lines.len() < height {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            "loading the article…",
            app.settings().theme.dim(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), text_area);
    picture::draw(
        frame.buffer_mut(),
        text_area,
        &reader.wrapped,
        reader.scroll,
        app.reader().pictures(),
        &app.settings().theme,
    );
}

fn styled<'a>(line: &wrap::Line, words: &[String], app: &App) -> Line<'a> {
    let theme = &app.settings().theme;
    let has_match = !words.is_empty() && !find_matches(&line.text, words).is_empty();
    let mut spans: Vec<Span> = Vec::new();
    for (range, role, style) in line.segments() {
        let style = theme.text(role, style);
        let text = &line.text[range];
        if has_match {
            spans.extend(highlighted(text, style, words, theme));
        } else {
            spans.push(Span::styled(text.to_string(), style));
        }
    }
    Line::from(spans)
}
