//! The rules that compare messages, in a probe recording: the HS2 mock answering about
//! another reservation than asked trips `reservation-id-mismatch` on that step only (the HS4
//! price, guest and reservation cases are in `hs4`).

use super::*;

fn run_with(plan: &[(&str, Behaviour)]) -> (Run, Vec<String>) {
    let mock = Mock::start(plan);
    let run = probe(&scenario(&mock.url(), BOOKING), &[]);
    let found = run
        .findings()
        .into_iter()
        .filter(|f| !f.starts_with("endpoint-tls@"))
        .collect();
    (run, found)
}

#[test]
fn an_hs2_read_about_another_reservation() {
    let (run, found) = run_with(&[("read", Behaviour::OtherReservation)]);
    assert_eq!(
        found,
        ["reservation-id-mismatch@hs2.read"],
        "{}",
        run.stdout()
    );
}

#[test]
fn an_hs2_cancel_of_another_reservation() {
    let (run, found) = run_with(&[("cancel", Behaviour::OtherReservation)]);
    assert_eq!(
        found,
        ["reservation-id-mismatch@hs2.cancel"],
        "{}",
        run.stdout()
    );
}
