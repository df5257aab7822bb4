#![no_main]

//! The probe reads carried values (hotel codes, the rate to book, reservation and
//! cancellation numbers) from whatever a supplier answers: arbitrary bodies must never panic.

use libfuzzer_sys::fuzz_target;
use otalint::probe::hs2::carry;
use otalint::probe::hs2::requests::Hotel;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = roxmltree::Document::parse(text) else {
        return;
    };
    let Some((payload, _)) = carry::payload(&doc) else {
        return;
    };
    let (hotels, _) = carry::search(payload, 100);
    let asked = [hotels, vec![Hotel { code: "H".into(), chain: None }]].concat();
    let _ = carry::choose(payload, &asked, None);
    let _ = carry::choose(payload, &asked, Some("RP"));
    let _ = carry::rate_details_ind(payload);
    let _ = carry::booked(payload);
    let _ = carry::cancelled(payload);
    let _ = carry::values(payload, "HotelReservations/HotelReservation/UniqueID[@Type='14']/@ID");
});
