//! The `[keys]` table checked where it is written. A binding that leaves tidings with no key
//! to quit, or gives one key to two actions so that one of them never gets it, is an error at
//! its line. A key bound to one action is taken from the defaults of the others: the binding
//! wins, since what a person binds is what the key does. An action that loses its last key
//! that way is a warning, said by `tidings check-config` and on the reader's status line.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::IntoDeserializer;
use serde::de::value::Error as ValueError;
use toml::de::{DeTable, DeValue};

use super::errors::{ConfigError, place};
use crate::action::Action;
use crate::focus::Focus;
use crate::keymap::{Key, Keymap, config_name};

/// An action the config's bindings left with no key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigWarning {
    /// `file:line:column` of the binding that took the action's last key.
    pub at: String,
    /// What happened, in the config's names, for `tidings check-config`.
    pub message: String,
    /// The same in a few words, for the reader's status line.
    pub short: String,
}

impl fmt::Display for ConfigWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// A binding as the file writes it: its name, and where its name, its list and each key are
/// (byte offsets).
struct Written<'t> {
    name: &'t str,
    action: Action,
    name_at: usize,
    list_at: usize,
    keys: Vec<(Key, &'t str, usize)>,
}

/// Checks the `[keys]` table of a parsed config whose values serde has already read, so each
/// name is an action and each key a key. Returns the warnings, or the first error.
pub(super) fn check(
    tree: &DeTable<'_>,
    path: &Path,
    text: &str,
) -> Result<Vec<ConfigWarning>, ConfigError> {
    let written = written(tree);
    let error = |offset: usize, message: String| ConfigError::at(path, text, offset, &message);
    let line = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let mut overrides = BTreeMap::new();
    for (i, binding) in written.iter().enumerate() {
        let earlier = &written[..i];
        if let Some(same) = earlier.iter().find(|e| e.action == binding.action) {
            return Err(error(
                binding.name_at,
                format!(
                    "{} and {} (line {}) name the same action: keep one of them",
                    binding.name,
                    same.name,
                    line(same.name_at)
                ),
            ));
        }
        if binding.action == Action::Quit && binding.keys.is_empty() {
            return Err(error(
                binding.list_at,
                "quit has no key here, so tidings could not be left: give it one, like \
                 quit = [\"q\"]"
                    .to_string(),
            ));
        }
        for other in earlier {
            for &(key, shown, at) in &binding.keys {
                if !other.keys.iter().any(|&(k, ..)| k == key) {
                    continue;
                }
                // The action first in `Action`'s order gets a key where both apply (Space
                // chooses a feed or tag in the navigation pane and pages elsewhere); the
                // other must still have a pane of its own.
                let (first, second) = if other.action < binding.action {
                    (other, binding)
                } else {
                    (binding, other)
                };
                let panes = [Focus::Nav, Focus::List, Focus::Reader];
                let shadowed = panes
                    .iter()
                    .filter(|&&pane| second.action.applies_in(pane))
                    .all(|&pane| first.action.applies_in(pane));
                if shadowed {
                    return Err(error(
                        at,
                        format!(
                            "\"{shown}\" is also bound to {} (line {}), and {} takes it first, \
                             so {} would never get it: give each its own key",
                            other.name,
                            line(other.name_at),
                            first.name,
                            second.name
                        ),
                    ));
                }
            }
        }
        overrides.insert(
            binding.action,
            binding
                .keys
                .iter()
                .map(|&(key, ..)| key)
                .collect::<Vec<_>>(),
        );
    }
    let mut warnings = Vec::new();
    for orphan in Keymap::left_without_keys(&overrides) {
        // Said at the last key in the file that took one of the action's keys.
        let at = orphan
            .taken
            .iter()
            .filter_map(|&(default, taker)| {
                let key = default.parse::<Key>().ok()?;
                let binding = written.iter().find(|b| b.action == taker)?;
                binding
                    .keys
                    .iter()
                    .find(|&&(k, ..)| k == key)
                    .map(|&(.., at)| at)
            })
            .max()
            .unwrap_or_default();
        let name = config_name(orphan.action);
        let told = orphan.describe(config_name);
        if orphan.action == Action::Quit {
            return Err(error(
                at,
                format!(
                    "quit has no key left, so tidings could not be left: {told}; give quit a \
                     key of its own, like quit = [\"ctrl-q\"]"
                ),
            ));
        }
        warnings.push(ConfigWarning {
            at: place(path, text, at),
            message: format!(
                "{name} has no key: {told}; give {name} a key of its own in [keys] to use it"
            ),
            short: format!(
                "{} has no key: {}",
                in_words(orphan.action),
                orphan.describe(in_words)
            ),
        });
    }
    Ok(warnings)
}

/// An action named for a person: `next match`.
fn in_words(action: Action) -> String {
    config_name(action).replace('_', " ")
}

/// The bindings of the `[keys]` table, in the order the file writes them.
fn written<'t>(tree: &'t DeTable<'t>) -> Vec<Written<'t>> {
    let Some(DeValue::Table(table)) = tree.get("keys").map(|keys| keys.get_ref()) else {
        return Vec::new();
    };
    let mut written: Vec<Written<'t>> = table
        .iter()
        .filter_map(|(name, list)| {
            let name_text: &str = name.get_ref();
            let deserializer = IntoDeserializer::<ValueError>::into_deserializer(name_text);
            let action = Action::deserialize(deserializer).ok()?;
            let DeValue::Array(items) = list.get_ref() else {
                return None;
            };
            let keys = items
                .iter()
                .filter_map(|item| match item.get_ref() {
                    DeValue::String(text) => {
                        let text: &str = text;
                        Some((text.parse().ok()?, text, item.span().start))
                    }
                    _ => None,
                })
                .collect();
            Some(Written {
                name: name_text,
                action,
                name_at: name.span().start,
                list_at: list.span().start,
                keys,
            })
        })
        .collect();
    written.sort_by_key(|binding| binding.name_at);
    written
}
