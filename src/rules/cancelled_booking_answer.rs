//! ## What it does
//! On an `otalint probe` recording: reports the `repeat-cancel` probe (the same cancel sent
//! again) not answered like a successful cancel, and the `read-cancelled` probe (a read after
//! the cancel) not answered with the reservation marked cancelled — `ResResponseType="Cancelled"`
//! on Hotel Service v2, `status: "CANCELLED"` on v4. Error code 95 ("Booking already
//! cancelled") on a repeat cancel is reported at info (data: `probe.expect.repeat-cancel`).
//!
//! ## Why it matters
//! "What is the expected response for an already cancelled workflow? A: The response should
//! match the response of a successful cancellation request." (HS2 FAQ); "The response content
//! for cancelled reservations still requires fields marked as Required" (HS2 Read Itinerary).
//! Concur retries a cancel it did not see confirmed, and shows a trip's state from the read:
//! an error there leaves the traveller with a booking they believe is still open.
//!
//! ## Example
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 300, "_otalint": {"version": 1, "step": "hs2.repeat-cancel", "service": "hs2", "profile": "hs2", "operation": "cancel", "probe": "repeat-cancel"},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "cancel"}]},
//!    "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {"mimeType": "text/xml", "text": "<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><Body><OTA_CancelRS xmlns=\"http://www.opentravel.org/OTA/2003/05\" Version=\"3\" EchoToken=\"1\" PrimaryLangID=\"en\" AltLangID=\"en\"><Errors><Error Type=\"3\" Code=\"188\" ShortText=\"Transaction error\"/></Errors></OTA_CancelRS></Body></Envelope>"}}}]}}
//! ```
//!
//! ## Fix
//! Answer a repeat cancel as the first one was answered:
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 300, "_otalint": {"version": 1, "step": "hs2.repeat-cancel", "service": "hs2", "profile": "hs2", "operation": "cancel", "probe": "repeat-cancel"},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "cancel"}]},
//!    "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {"mimeType": "text/xml", "text": "<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><Body><OTA_CancelRS xmlns=\"http://www.opentravel.org/OTA/2003/05\" Version=\"3\" EchoToken=\"1\" PrimaryLangID=\"en\" AltLangID=\"en\" Status=\"Cancelled\"><Success/><UniqueID Type=\"14\" ID=\"R1\"/><UniqueID Type=\"15\" ID=\"C1\"/></OTA_CancelRS></Body></Envelope>"}}}]}}
//! ```

use super::prelude::*;
use super::support::probe::{self, Answer};

pub static RULE: Rule = Rule {
    name: "cancelled-booking-answer",
    group: Group::Probe,
    level: Level::Warning,
    profiles: PROBED,
    summary: "a repeat cancel or a read of a cancelled booking was not answered as the contract says",
    data: &["probe.expect"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some((http, facts, expect)) = probe::negative(cx, &["repeat-cancel", "read-cancelled"]) else {
        return;
    };
    let answer = probe::answer(cx, http, facts);
    if matches!(answer, Answer::Reported) {
        return;
    }
    let repeat = facts.probe.as_deref() == Some("repeat-cancel");
    let cancelled = cancelled(cx, repeat);
    if matches!(answer, Answer::Success) && cancelled {
        return;
    }
    if matches!(answer, Answer::Success) && !cancelled && probe::accepted(cx, expect, &answer, http) && !expect.accept_success {
        return;
    }
    let tolerated = matches!(&answer, Answer::Error { code: Some(c), .. } if expect.tolerate_codes.iter().any(|t| t == c.trim()));
    let what = if repeat { "a repeat of a successful cancel" } else { "a read of a cancelled reservation" };
    let wanted = match (repeat, cx.profile) {
        (true, Profile::Hs4) => "the CancelDetails of a successful cancel",
        (true, _) => "the answer of a successful cancel (Status=\"Cancelled\", UniqueIDs 14 and 15)",
        (false, Profile::Hs4) => "the reservation with status \"CANCELLED\"",
        (false, _) => "a full OTA_HotelResRS with ResResponseType=\"Cancelled\"",
    };
    let message = match &answer {
        Answer::Success => format!("{what} was answered without the reservation marked cancelled; Concur expects {wanted}"),
        _ => format!("{what} was answered with {}; Concur expects {wanted}", probe::described(&answer, http)),
    };
    let finding = match &answer {
        Answer::Error { span, .. } if cx.json.is_none() => out.report(span.clone(), message),
        _ => out.report_http(probe::status_span(http), message),
    };
    finding
        .label("not the contract's answer")
        .help(format!("answer a cancelled reservation with its cancelled state, not an error; {}", probe::contract(expect)));
    if tolerated {
        finding.level(Level::Info);
    }
}

/// Whether the successful answer marks the reservation cancelled.
fn cancelled(cx: &Context, repeat: bool) -> bool {
    if let Some(value) = cx.json.and_then(|j| j.value.as_ref()) {
        return match repeat {
            true => value.get("confirmationCodes").is_some() || value.get("status").and_then(|s| s.as_str()) == Some("CANCELLED"),
            false => value.get("status").and_then(|s| s.as_str()) == Some("CANCELLED"),
        };
    }
    let Some(response) = cx.response() else {
        return false;
    };
    match repeat {
        true => response.attribute("Status") == Some("Cancelled"),
        false => response.attribute("ResResponseType") == Some("Cancelled"),
    }
}
