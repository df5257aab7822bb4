//! ## What it does
//! Reports a booking or read answer that names another guest than the booking request did:
//! an HS4 reservation or read answer's `guests[]` (`firstname`, `lastname`), an HS2
//! `OTA_HotelResRS`'s `ResGuest … PersonName` (`GivenName`, `Surname`), each compared, case
//! and outer spaces aside, with the guests of the booking request — the answer's own request
//! for a booking, and for a read the earlier booking in the same recording whose answer gave
//! the codes the read asks about. Runs in a HAR (an `otalint probe` recording or any capture)
//! and where a booking answer is checked with its request.
//!
//! ## Why it matters
//! "SAP Concur recommends the Hotel Supplier auto-cancel the reservation if a corresponding
//! ReadRQ message is not sent by SAP Concur within 5 minutes" (HS2 Introduction): Concur
//! reads every booking back and keeps what the read says. A reservation under another
//! name is one the traveller cannot check in to. Concur's kit checks each answer alone and
//! never compares its guests with the request's.
//!
//! ## Example
//! ```json-request
//! {"bookingUuid": "b1", "tripUuid": "t1", "checkin": "2026-12-01", "checkout": "2026-12-03", "customFields": [], "guests": [{"firstname": "Janelle", "lastname": "Doherty"}], "hotelPropertyRef": {"propertyCode": "HTL4444"}, "ratePlanId": "RP1", "requestorInfo": {"posRequestorId": "p"}}
//! ```
//! ```json
//! {"basicHotelProperty": {"propertyCode": "HTL4444", "hotelName": "Harbor View", "cityCode": "SEA", "contactInfo": {"emails": ["desk@hotel.example"], "phoneNumbers": ["+1 206 555 0100"]}}, "confirmationCodes": [{"codeType": "SUPPLIER_CONFIRMATION", "code": "SUP-1"}], "guests": [{"firstname": "Test", "lastname": "Guest"}], "roomDescription": ["King"], "status": "RESERVED", "checkin": "2026-12-01", "checkout": "2026-12-03", "roomRate": {"ratePlanId": "RP1", "rateChangesOverStay": false, "rateDescription": ["Best Available Rate"], "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED", "acceptedPayments": ["VISA", "MC"]}, "cancelPenalties": {"penalties": [{"refundableStatus": "FULLY_REFUNDABLE"}]}, "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.0}}}
//! ```
//!
//! ## Fix
//! ```json
//! {"basicHotelProperty": {"propertyCode": "HTL4444", "hotelName": "Harbor View", "cityCode": "SEA", "contactInfo": {"emails": ["desk@hotel.example"], "phoneNumbers": ["+1 206 555 0100"]}}, "confirmationCodes": [{"codeType": "SUPPLIER_CONFIRMATION", "code": "SUP-1"}], "guests": [{"firstname": "Janelle", "lastname": "Doherty"}], "roomDescription": ["King"], "status": "RESERVED", "checkin": "2026-12-01", "checkout": "2026-12-03", "roomRate": {"ratePlanId": "RP1", "rateChangesOverStay": false, "rateDescription": ["Best Available Rate"], "guarantee": {"guaranteeType": "GUARANTEE_REQUIRED", "acceptedPayments": ["VISA", "MC"]}, "cancelPenalties": {"penalties": [{"refundableStatus": "FULLY_REFUNDABLE"}]}, "totalPrice": {"currencyCode": "USD", "totalBeforeTax": 378.0}}}
//! ```

use serde_json::Value;

use super::prelude::*;
use super::support::price::{hs4_body, json_span, text_span};
use super::support::session::{hs2_guests, hs4_codes, hs4_guest};
use crate::session::Guest;

pub static RULE: Rule = Rule {
    name: "guest-mismatch",
    group: Group::Pairing,
    level: Level::Warning,
    profiles: HS2_HS4,
    summary: "a booking or read answer names another guest than the booking request",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    match cx.profile {
        Profile::Hs4 => hs4(cx, out),
        _ => hs2(cx, out),
    }
}

fn hs4(cx: &Context, out: &mut Findings) {
    let (Some(request), Some(value)) = (cx.paired_json.and_then(|j| j.value.as_ref()), hs4_body(cx)) else {
        return;
    };
    let Some(answered) = value.get("guests").and_then(Value::as_array) else {
        return;
    };
    let asked: Vec<Guest> = match request.get("guests").and_then(Value::as_array) {
        Some(guests) => guests.iter().filter_map(hs4_guest).collect(),
        None => match cx.session.booking(&hs4_codes(request)) {
            Some(booking) => booking.guests.clone(),
            None => return,
        },
    };
    for (i, guest) in answered.iter().enumerate() {
        let Some(named) = hs4_guest(guest).filter(|g| !asked.is_empty() && !asked.iter().any(|a| a.same(g))) else {
            continue;
        };
        let key = if asked.iter().any(|a| a.surname.trim().eq_ignore_ascii_case(named.surname.trim())) { "firstname" } else { "lastname" };
        report(out, json_span(cx, &format!("/guests/{i}/{key}")), &named, &asked);
    }
}

fn hs2(cx: &Context, out: &mut Findings) {
    let (Some(request), Some(response)) = (cx.paired_request, cx.response()) else {
        return;
    };
    if local(response) != "OTA_HotelResRS" || cx.shape.is_none_or(|s| s.success.is_none()) {
        return;
    }
    let asked: Vec<Guest> = match local(request) {
        "OTA_HotelResRQ" => hs2_guests(request).into_iter().map(|(g, _)| g).collect(),
        "OTA_ReadRQ" => {
            let ids: Vec<String> = request
                .descendants()
                .filter(|n| n.is_element() && local(*n) == "UniqueID")
                .filter_map(|n| n.attribute("ID").map(str::to_string))
                .collect();
            match cx.session.booking(&ids) {
                Some(booking) => booking.guests.clone(),
                None => return,
            }
        }
        _ => return,
    };
    if asked.is_empty() {
        return;
    }
    for (named, node) in hs2_guests(response) {
        if asked.iter().any(|a| a.same(&named)) {
            continue;
        }
        let same_surname = asked.iter().any(|a| a.surname.trim().eq_ignore_ascii_case(named.surname.trim()));
        let part = child(node, if same_surname { "GivenName" } else { "Surname" }).unwrap_or(node);
        report(out, text_span(cx, part), &named, &asked);
    }
}

fn report(out: &mut Findings, span: std::ops::Range<usize>, named: &Guest, asked: &[Guest]) {
    let list: Vec<String> = asked.iter().map(ToString::to_string).collect();
    out.report(span, format!("the answer names guest {named}; the booking request named {}", list.join(", ")))
        .label("another guest")
        .help("book and answer for the guest of the booking request: the traveller checks in under that name");
}
