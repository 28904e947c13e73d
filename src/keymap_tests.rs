//! Tests of key bindings.

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
    assert_eq!(
        "ctrl-".parse::<Key>().unwrap_err(),
        "\"ctrl-\" is not a key: write keys like j, G, ctrl-d, shift-tab, pagedown, space or f5"
    );
    assert_eq!(
        "ctrl-pgdwn".parse::<Key>().unwrap_err(),
        "\"ctrl-pgdwn\" is not a key; did you mean \"ctrl-pgdn\"?"
    );
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

fn keys(names: &[&str]) -> Vec<Key> {
    names.iter().map(|k| k.parse().unwrap()).collect()
}

#[test]
fn a_default_key_taken_by_a_binding_leaves_its_action_without_a_key() {
    // n goes to next_unread: next_match had only n, so it is left with no key.
    let overrides = BTreeMap::from([(Action::NextUnread, keys(&["n"]))]);
    let keymap = Keymap::with_overrides(&overrides);
    assert_eq!(keymap.describe_keys(Action::NextMatch), "(unbound)");
    let left = Keymap::left_without_keys(&overrides);
    assert_eq!(
        left,
        [Orphan {
            action: Action::NextMatch,
            taken: vec![("n", Action::NextUnread)],
        }]
    );
    assert_eq!(left[0].describe(config_name), "n went to next_unread");
}

#[test]
fn an_action_that_keeps_one_key_or_is_bound_itself_is_not_left_without() {
    // move_down keeps ↓ when j is taken; quit is bound by the config, so it is its own.
    let overrides = BTreeMap::from([
        (Action::Help, keys(&["j", "ctrl-c"])),
        (Action::Quit, keys(&["x"])),
    ]);
    assert_eq!(Keymap::left_without_keys(&overrides), []);
    assert_eq!(Keymap::left_without_keys(&BTreeMap::new()), []);
    // Binding an action to nothing is a choice, not a key taken away.
    let overrides = BTreeMap::from([(Action::Help, vec![])]);
    assert_eq!(Keymap::left_without_keys(&overrides), []);
}

#[test]
fn keys_taken_by_several_bindings_are_told_by_taker() {
    let overrides = BTreeMap::from([
        (Action::Help, keys(&["q"])),
        (Action::Search, keys(&["ctrl-c"])),
        (Action::Refresh, keys(&["j", "down"])),
    ]);
    let left = Keymap::left_without_keys(&overrides);
    let told: Vec<(Action, String)> = left
        .iter()
        .map(|o| (o.action, o.describe(config_name)))
        .collect();
    assert_eq!(
        told,
        [
            (Action::MoveDown, "j and down went to refresh".to_string()),
            (
                Action::Quit,
                "q went to help, ctrl-c went to search".to_string()
            ),
        ]
    );
}
