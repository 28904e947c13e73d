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
                    _ => {
                        return Err(format!(
                            "unknown key \"{text}\" (try j, G, ctrl-d, shift-tab, pagedown, space, f5)"
                        ));
                    }
                },
            },
        };
        Ok(Self::from_event(KeyEvent::new(code, modifiers)))
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
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
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
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn every_action_has_a_default_key() {
        let keymap = Keymap::default();
        for action in Action::ALL {
            assert!(!keymap.keys_for(action).is_empty(), "{action:?} has no key");
        }
    }

    #[test]
    fn key_names_parse() {
        assert_eq!(
            "ctrl-d".parse::<Key>().unwrap(),
            Key::from_event(press(KeyCode::Char('d'), KeyModifiers::CONTROL))
        );
        assert_eq!(
            "G".parse::<Key>().unwrap(),
            Key::from_event(press(KeyCode::Char('G'), KeyModifiers::SHIFT))
        );
        assert_eq!(
            "shift-tab".parse::<Key>().unwrap(),
            Key::from_event(press(KeyCode::BackTab, KeyModifiers::SHIFT))
        );
        assert_eq!("PageDown".parse::<Key>().unwrap().to_string(), "PgDn");
        assert_eq!("f5".parse::<Key>().unwrap().to_string(), "F5");
        assert_eq!(
            "shift-j".parse::<Key>().unwrap(),
            "J".parse::<Key>().unwrap()
        );
        assert!("ctrl-".parse::<Key>().is_err());
        assert!("hyper-x".parse::<Key>().is_err());
        assert!("f13".parse::<Key>().is_err());
    }

    #[test]
    fn one_key_does_what_applies_in_the_pane() {
        let keymap = Keymap::default();
        let space = press(KeyCode::Char(' '), KeyModifiers::NONE);
        assert_eq!(
            keymap.action_for(space, Focus::Nav),
            Some(Action::ToggleSelect)
        );
        assert_eq!(
            keymap.action_for(space, Focus::Reader),
            Some(Action::PageDown)
        );
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(keymap.action_for(enter, Focus::List), Some(Action::Open));
        assert_eq!(
            keymap.action_for(press(KeyCode::Esc, KeyModifiers::NONE), Focus::List),
            None
        );
        assert_eq!(
            keymap.action_for(press(KeyCode::Char('x'), KeyModifiers::NONE), Focus::List),
            None
        );
    }

    #[test]
    fn overrides_replace_and_take_keys_away() {
        let overrides = BTreeMap::from([(
            Action::Quit,
            vec!["x".parse().unwrap(), "j".parse().unwrap()],
        )]);
        let keymap = Keymap::with_overrides(&overrides);
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(keymap.action_for(j, Focus::List), Some(Action::Quit));
        assert_eq!(keymap.describe_keys(Action::MoveDown), "↓");
        assert_eq!(
            keymap.action_for(press(KeyCode::Char('q'), KeyModifiers::NONE), Focus::List),
            None
        );
    }
}
