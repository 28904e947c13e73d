//! Tests of the groups the navigation pane lists.

use super::*;

#[test]
fn members_stay_in_order_and_counted() {
    let mut members = Members::default();
    members.add(3, true, true);
    members.add(1, true, false);
    members.add(7, false, true);
    assert_eq!(members.entries(), [1, 3, 7]);
    assert_eq!((members.total, members.unread), (2, 1));
    members.mark(false);
    assert_eq!(members.unread, 2);
    members.remove(1, true, true);
    members.remove(7, false, true);
    assert_eq!(members.entries(), [3]);
    assert_eq!((members.total, members.unread), (1, 1));
}
