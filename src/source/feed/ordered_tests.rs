//! Tests of work done on several threads and handed on in its order.

use super::in_order;

#[test]
fn outputs_come_in_the_order_of_the_inputs_however_long_each_takes() {
    let inputs: Vec<u64> = (0..200).collect();
    let mut out = Vec::new();
    in_order(
        inputs,
        3,
        |n| {
            // Later inputs finish sooner, so the threads finish out of order.
            std::thread::sleep(std::time::Duration::from_micros((200 - n) * 20));
            n * 2
        },
        |n| out.push(n),
    );
    assert_eq!(out, (0..200).map(|n| n * 2).collect::<Vec<_>>());
}

#[test]
fn a_panic_on_a_thread_ends_the_others_and_reaches_the_caller() {
    let caught = std::panic::catch_unwind(|| {
        in_order(
            (0..100).collect(),
            2,
            |n: u32| assert!(n != 37, "boom"),
            |()| {},
        );
    });
    assert!(caught.is_err());
}
