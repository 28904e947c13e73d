//! Tests of actions and their names.

use super::*;

#[test]
fn every_action_is_listed_once() {
    let mut all = Action::ALL.to_vec();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), Action::ALL.len());
}

#[test]
fn names_are_snake_case_and_old_names_still_read() {
    let name = serde_json::to_string(&Action::HalfPageDown).unwrap();
    assert_eq!(name, "\"half_page_down\"");
    let old: Action = serde_json::from_str("\"toggle_tag\"").unwrap();
    assert_eq!(old, Action::ToggleSelect);
    let old: Action = serde_json::from_str("\"focus_tags\"").unwrap();
    assert_eq!(old, Action::FocusNav);
}
