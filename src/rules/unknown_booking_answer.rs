//! ## What it does
//! On an `otalint probe` recording: reports the `unknown-booking` probe (a read of a
//! reservation that does not exist) answered otherwise than the contract says — error code 385
//! on Hotel Service v2, HTTP 404 (or 400 with code 385) on v4 (data:
//! `probe.expect.unknown-booking`): an **error** when a reservation comes back, a **warning**
//! otherwise.
//!
//! ## Why it matters
//! "385 Invalid confirmation or cancellation number: Reservation ID should be provided in
//! content of the element." (HS2 Error handling); "404 Reservation record not found" (HS4
//! OpenAPI, read and cancel). A supplier that finds a reservation for a number it never issued
//! shows travellers bookings that are not theirs.
//!
//! ## Example
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 300, "_otalint": {"version": 1, "step": "hs2.unknown-booking", "service": "hs2", "profile": "hs2", "operation": "read", "probe": "unknown-booking", "sent": {"reservation_id": "NO-RES", "fake": "NO-RES"}},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "read"}]},
//!    "response": {"status": 500, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {"size": 0, "mimeType": "text/xml"}}}]}}
//! ```
//!
//! ## Fix
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 300, "_otalint": {"version": 1, "step": "hs2.unknown-booking", "service": "hs2", "profile": "hs2", "operation": "read", "probe": "unknown-booking", "sent": {"reservation_id": "NO-RES", "fake": "NO-RES"}},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "read"}]},
//!    "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {"mimeType": "text/xml", "text": "<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><Body><OTA_HotelResRS xmlns=\"http://www.opentravel.org/OTA/2003/05\" Version=\"5\" EchoToken=\"1\" PrimaryLangID=\"en\" AltLangID=\"en\"><Errors><Error Type=\"13\" Code=\"385\" ShortText=\"Invalid confirmation or cancellation number\">NO-RES</Error></Errors></OTA_HotelResRS></Body></Envelope>"}}}]}}
//! ```

use super::prelude::*;
use super::support::probe::{self, Answer};

pub static RULE: Rule = Rule {
    name: "unknown-booking-answer",
    group: Group::Probe,
    level: Level::Warning,
    profiles: PROBED,
    summary: "a reservation that does not exist was answered otherwise than the contract says",
    data: &["probe.expect"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some((http, facts, expect)) = probe::negative(cx, &["unknown-booking"]) else {
        return;
    };
    let fake = facts.sent_str("fake").unwrap_or("the reservation");
    let answer = probe::answer(cx, http, facts);
    if matches!(answer, Answer::Reported) || probe::accepted(cx, expect, &answer, http) {
        return;
    }
    let wanted = match cx.profile {
        Profile::Hs4 => "HTTP 404 (or 400 with otaCode 385)",
        _ => "error code 385",
    };
    if matches!(answer, Answer::Success) {
        out.report_http(probe::status_span(http), format!("reservation {fake}, which does not exist, was found; Concur expects {wanted}"))
            .label("a reservation that is not there")
            .help(format!("look the reservation up by the number Concur sends and answer that it is unknown; {}", probe::contract(expect)))
            .level(Level::Error);
        return;
    }
    let message = format!("reservation {fake}, which does not exist, was answered with {}; Concur expects {wanted}", probe::described(&answer, http));
    match &answer {
        Answer::Error { span, .. } if cx.json.is_none() => out.report(span.clone(), message),
        _ => out.report_http(probe::status_span(http), message),
    }
    .label("not the contract's answer")
    .help(format!("name the reservation ID in the error; {}", probe::contract(expect)));
}
