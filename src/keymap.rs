//! Key bindings: the defaults of DESIGN.md, patched by the `[keys]` table of the config.
//! The help overlay and the status line read the keys in force from here.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Deserializer};

use crate::action::Action;
use crate::focus::Focus;

/// One key with its modifiers, as written in the config: `j`, `G`, `ctrl-d`, `shift-tab`,
/// `pagedown`, `space`, `f5`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    code: KeyCode,
    modifiers: KeyModifiers,
}

impl Key {
    /// The key of a terminal event. Shift is part of a character (`G`) and of BackTab, so it
    /// is dropped there to compare equal to the written form.
    pub fn from_event(event: KeyEvent) -> Self {
        let mut modifiers =
            event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Self {
            code: event.code,
            modifiers,
        }
    }
}

impl FromStr for Key {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (flag, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") && rest.len() > 6 {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            modifiers |= flag;
            rest = &rest[len..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            // Shift with a letter is the capital letter, as the terminal sends it.
            (Some(c), None) if modifiers.contains(KeyModifiers::SHIFT) && c.is_lowercase() => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
            }
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" | "pgdown" => KeyCode::PageDown,
                name => match name.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    Some(n @ 1..=12) => KeyCode::F(n),
                    _ => return Err(not_a_key(text, rest)),
                },
            },
        };
        Ok(Self::from_event(KeyEvent::new(code, modifiers)))
    }
}

/// The names of keys that are not one character, as the config writes them, then the
/// other names it reads.
const KEY_NAMES: [&str; 22] = [
    "space",
    "enter",
    "esc",
    "tab",
    "backspace",
    "delete",
    "insert",
    "up",
    "down",
    "left",
    "right",
    "home",
    "end",
    "pageup",
    "pagedown",
    "pgup",
    "pgdn",
    "pgdown",
    "return",
    "escape",
    "del",
    "backtab",
];

/// Why `text` is not a key, with the name nearest to a misspelt one (`ctrl-pgdwn`); `rest`
/// is what follows its modifiers.
fn not_a_key(text: &str, rest: &str) -> String {
    let modifiers = &text[..text.len() - rest.len()];
    match crate::suggest::nearest(rest, KEY_NAMES) {
        Some(near) => format!("\"{text}\" is not a key; did you mean \"{modifiers}{near}\"?"),
        None => format!(
            "\"{text}\" is not a key: write keys like j, G, ctrl-d, shift-tab, pagedown, space or f5"
        ),
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Parsed inside the visitor, so that an error is placed at the key in its list.
        struct KeyName;

        impl serde::de::Visitor<'_> for KeyName {
            type Value = Key;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Key, E> {
                text.parse().map_err(E::custom)
            }
        }

        deserializer.deserialize_str(KeyName)
    }
}

/// An action left with no key: the config bound every one of its default keys to other
/// actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Orphan {
    pub action: Action,
    /// Each default key, as the defaults write it (`ctrl-c`, `down`), and the action it went to.
    pub taken: Vec<(&'static str, Action)>,
}

impl Orphan {
    /// "n went to next_unread", "q and ctrl-c went to help", with actions named by `name`.
    pub fn describe(&self, name: impl Fn(Action) -> String) -> String {
        let mut takers: Vec<Action> = Vec::new();
        for &(_, taker) in &self.taken {
            if !takers.contains(&taker) {
                takers.push(taker);
            }
        }
        takers
            .iter()
            .map(|&taker| {
                let keys: Vec<&str> = self
                    .taken
                    .iter()
                    .filter(|&&(_, t)| t == taker)
                    .map(|&(key, _)| key)
                    .collect();
                format!("{} went to {}", keys.join(" and "), name(taker))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The name of an action in the `[keys]` table: `next_match`.
pub fn config_name(action: Action) -> String {
    serde_json::to_value(action)
        .ok()
        .and_then(|value| value.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The keys of every action, in force for this run.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: BTreeMap<Action, Vec<Key>>,
}

const DEFAULTS: &[(Action, &[&str])] = &[
    (Action::MoveDown, &["j", "down"]),
    (Action::MoveUp, &["k", "up"]),
    (Action::Top, &["g", "home"]),
    (Action::Bottom, &["G", "end"]),
    (Action::PageDown, &["pagedown", "space"]),
    (Action::PageUp, &["pageup"]),
    (Action::HalfPageDown, &["ctrl-d"]),
    (Action::HalfPageUp, &["ctrl-u"]),
    (Action::Open, &["enter", "l", "right"]),
    (Action::Back, &["esc", "h", "left"]),
    (Action::FocusNext, &["tab"]),
    (Action::FocusPrev, &["shift-tab"]),
    (Action::FocusNav, &["t"]),
    (Action::ToggleSelect, &["space"]),
    (Action::ToggleTagMode, &["a"]),
    (Action::ClearFilter, &["c"]),
    (Action::ToggleBookmark, &["b"]),
    (Action::ShowBookmarks, &["B"]),
    (Action::UnreadOnly, &["u"]),
    (Action::ToggleRead, &["m"]),
    (Action::MarkAllRead, &["A"]),
    (Action::UndoMarkAll, &["U"]),
    (Action::NextUnread, &["]"]),
    (Action::PrevUnread, &["["]),
    (Action::Search, &["/"]),
    (Action::NextMatch, &["n"]),
    (Action::PrevMatch, &["N"]),
    (Action::Refresh, &["r"]),
    (Action::RefreshFeed, &["R"]),
    (Action::ShowFeeds, &["F"]),
    (Action::AddFeed, &["+"]),
    (Action::OpenInBrowser, &["o"]),
    (Action::ShowLinks, &["L"]),
    (Action::CopyUrl, &["y"]),
    (Action::FullText, &["f"]),
    (Action::Help, &["?"]),
    (Action::Quit, &["q", "ctrl-c"]),
];

impl Default for Keymap {
    fn default() -> Self {
        let bindings = DEFAULTS
            .iter()
            .map(|(action, keys)| {
                let keys = keys.iter().filter_map(|k| k.parse().ok()).collect();
                (*action, keys)
            })
            .collect();
        Self { bindings }
    }
}

impl Keymap {
    /// The defaults with the config's bindings in place of an action's own. A key the config
    /// gives to an action is taken away from the defaults of every other action, so that
    /// what a person binds is what the key does.
    pub fn with_overrides(overrides: &BTreeMap<Action, Vec<Key>>) -> Self {
        let mut keymap = Self::default();
        for (action, keys) in &mut keymap.bindings {
            if let Some(own) = overrides.get(action) {
                keys.clone_from(own);
            } else {
                keys.retain(|key| !overrides.values().flatten().any(|taken| taken == key));
            }
        }
        keymap
    }

    /// The actions the config does not bind whose default keys all went to actions it binds,
    /// each with its keys (as the defaults write them) and the action that took each one.
    pub fn left_without_keys(overrides: &BTreeMap<Action, Vec<Key>>) -> Vec<Orphan> {
        DEFAULTS
            .iter()
            .filter(|(action, keys)| !overrides.contains_key(action) && !keys.is_empty())
            .filter_map(|&(action, keys)| {
                let taken = keys
                    .iter()
                    .map(|&written| {
                        let key = written.parse::<Key>().ok()?;
                        let (taker, _) = overrides.iter().find(|(_, own)| own.contains(&key))?;
                        Some((written, *taker))
                    })
                    .collect::<Option<Vec<_>>>()?;
                Some(Orphan { action, taken })
            })
            .collect()
    }

    /// The action a key does in a pane, if any.
    pub fn action_for(&self, event: KeyEvent, focus: Focus) -> Option<Action> {
        let key = Key::from_event(event);
        self.bindings
            .iter()
            .filter(|(action, keys)| keys.contains(&key) && action.applies_in(focus))
            .map(|(action, _)| *action)
            .next()
    }

    pub fn keys_for(&self, action: Action) -> &[Key] {
        self.bindings.get(&action).map_or(&[], Vec::as_slice)
    }

    /// The keys of an action as shown to a person: `j ↓`.
    pub fn describe_keys(&self, action: Action) -> String {
        let keys: Vec<String> = self.keys_for(action).iter().map(Key::to_string).collect();
        if keys.is_empty() {
            "(unbound)".to_string()
        } else {
            keys.join(" ")
        }
    }

    /// The first key of an action, for short hints; empty if it has none.
    pub fn first_key(&self, action: Action) -> String {
        self.keys_for(action)
            .first()
            .map(Key::to_string)
            .unwrap_or_default()
    }
}

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;
