//! Markdown articles with front matter.
