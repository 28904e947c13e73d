//! What a news page says of its article in its JSON-LD (`<script type="application/ld+json">`):
//! the article's text (`articleBody`) and its summary (`description`), which many news
//! sites give whole, to check the block found against and to fall back on when the page
//! shows the text only to readers who run its scripts or pay.

use dom_query::Document;
use serde_json::Value;

/// JSON-LD larger than this is not read (an article's is some tens of KB).
const MAX_SCRIPT: usize = 2 * 1024 * 1024;

#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct LinkedData {
    /// The longest `articleBody` on the page.
    pub body: Option<String>,
    /// The `description` of the object that has the body, else the first `description`,
    /// else the page's `<meta>` description.
    pub description: Option<String>,
}

/// Reads the page's JSON-LD; scripts that do not parse are passed over.
pub(super) fn read(document: &Document) -> LinkedData {
    let mut found = LinkedData::default();
    for script in document
        .select(r#"script[type="application/ld+json"]"#)
        .nodes()
    {
        let text = script.text();
        if text.len() > MAX_SCRIPT {
            continue;
        }
        if let Ok(value) = serde_json::from_str::<Value>(text.trim()) {
            visit(&value, &mut found);
        }
    }
    if found.description.is_none() {
        found.description = document
            .select(
                r#"meta[property="og:description"], meta[name="description"], meta[name="twitter:description"]"#,
            )
            .nodes()
            .iter()
            .find_map(|meta| meta.attr("content"))
            .map(|content| content.to_string());
    }
    found
}

/// Walks the JSON with a stack of its own, so any depth of nesting is safe.
fn visit(root: &Value, found: &mut LinkedData) {
    let mut stack = vec![root];
    while let Some(value) = stack.pop() {
        match value {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(fields) => {
                let body = fields.get("articleBody").and_then(Value::as_str);
                let description = fields.get("description").and_then(Value::as_str);
                if let Some(body) = body
                    && found
                        .body
                        .as_ref()
                        .is_none_or(|known| known.len() < body.len())
                {
                    found.body = Some(body.to_string());
                    if let Some(description) = description {
                        found.description = Some(description.to_string());
                    }
                } else if found.description.is_none()
                    && let Some(description) = description
                {
                    found.description = Some(description.to_string());
                }
                stack.extend(fields.values().filter(|v| v.is_array() || v.is_object()));
            }
            _ => {}
        }
    }
}
