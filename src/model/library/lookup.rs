//! Finding the one article an id typed by a person names: the whole id, or a prefix of it.

use super::Library;
use crate::model::ArticleId;

/// Why an id typed by a person does not name one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    TooShort(String),
    NotFound(String),
    Ambiguous(String, Vec<ArticleId>),
}

impl std::fmt::Display for LookupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooShort(id) => write!(
                f,
                "article id \"{id}\" is too short: give at least {} characters",
                ArticleId::MIN_PREFIX
            ),
            Self::NotFound(id) => write!(f, "no article has the id \"{id}\""),
            Self::Ambiguous(id, ids) => {
                let ids: Vec<&str> = ids.iter().map(ArticleId::as_str).collect();
                write!(
                    f,
                    "article id \"{id}\" matches {}: {}",
                    ids.len(),
                    ids.join(", ")
                )
            }
        }
    }
}

impl std::error::Error for LookupError {}

impl Library {
    /// Finds the one article whose id is, or starts with, `prefix`.
    pub fn find(&self, prefix: &str) -> Result<usize, LookupError> {
        let prefix = prefix.trim().to_lowercase();
        if let Some(index) = self.position(&ArticleId::from_stored(prefix.clone())) {
            return Ok(index);
        }
        if prefix.chars().count() < ArticleId::MIN_PREFIX {
            return Err(LookupError::TooShort(prefix));
        }
        let found: Vec<usize> = (0..self.entries.len())
            .filter(|&i| self.entries[i].article.id.as_str().starts_with(&prefix))
            .collect();
        match found.as_slice() {
            [one] => Ok(*one),
            [] => Err(LookupError::NotFound(prefix)),
            many => Err(LookupError::Ambiguous(
                prefix,
                many.iter()
                    .map(|&i| self.entries[i].article.id.clone())
                    .collect(),
            )),
        }
    }
}
