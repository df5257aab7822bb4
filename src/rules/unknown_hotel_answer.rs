//! ## What it does
//! On an `otalint probe` recording: reports the `unknown-hotel` probe (availability or
//! descriptive info for a hotel code that does not exist) and the `mixed-hotels` probe (real
//! codes plus the unknown one) answered otherwise than the contract says. An **error** when
//! rates or content come back for the code that does not exist; a **warning** when the
//! answer is another error than the accepted ones (data: `probe.expect.unknown-hotel`, hs2
//! `400` or `322` or a `Success` without `RoomStays`), or when the mixed request is answered
//! with an error, which makes Concur drop the real hotels' rates too.
//!
//! ## Why it matters
//! "RoomStays is optional. When not included, it indicates the hotel is not available." (HS2
//! FAQ); 400 "Invalid property code", 322 "No availability" (HS2 Error handling); "If an error
//! is present in any message, then the content of that message is discarded" (HS2 Error
//! handling). A supplier that prices a hotel it does not have will be asked to book it.
//!
//! ## Example
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 300, "_otalint": {"version": 1, "step": "hs2.unknown-hotel", "service": "hs2", "profile": "hs2", "operation": "availability", "probe": "unknown-hotel", "sent": {"hotel_codes": ["ZZOTALINT0000"], "fake": "ZZOTALINT0000"}},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "availability"}]},
//!    "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {"mimeType": "text/xml", "text": "<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><Body><OTA_HotelAvailRS xmlns=\"http://www.opentravel.org/OTA/2003/05\" Version=\"5\" EchoToken=\"1\" PrimaryLangID=\"en\" AltLangID=\"en\"><Success/><Errors><Error Type=\"3\" Code=\"450\" ShortText=\"Unable to process\"/></Errors></OTA_HotelAvailRS></Body></Envelope>"}}}]}}
//! ```
//!
//! ## Fix
//! Answer a code you do not have with error 400 and the code as the payload:
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 300, "_otalint": {"version": 1, "step": "hs2.unknown-hotel", "service": "hs2", "profile": "hs2", "operation": "availability", "probe": "unknown-hotel", "sent": {"hotel_codes": ["ZZOTALINT0000"], "fake": "ZZOTALINT0000"}},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "availability"}]},
//!    "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {"mimeType": "text/xml", "text": "<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><Body><OTA_HotelAvailRS xmlns=\"http://www.opentravel.org/OTA/2003/05\" Version=\"5\" EchoToken=\"1\" PrimaryLangID=\"en\" AltLangID=\"en\"><Errors><Error Type=\"13\" Code=\"400\" ShortText=\"Invalid property code\">ZZOTALINT0000</Error></Errors></OTA_HotelAvailRS></Body></Envelope>"}}}]}}
//! ```

use super::prelude::*;
use super::support::probe::{self, Answer};

pub static RULE: Rule = Rule {
    name: "unknown-hotel-answer",
    group: Group::Probe,
    level: Level::Warning,
    profiles: PROBED,
    summary: "a hotel code that does not exist was answered otherwise than the contract says",
    data: &["probe.expect"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some((http, facts, expect)) = probe::negative(cx, &["unknown-hotel", "mixed-hotels"]) else {
        return;
    };
    let Some(fake) = facts.sent_str("fake") else {
        return;
    };
    let priced = probe::priced(cx, fake);
    if let Some(span) = priced.first() {
        let what = if facts.operation.as_deref() == Some("detail") { "content" } else { "rates" };
        out.report(span.clone(), format!("{what} returned for hotel {fake}, which does not exist"))
            .label("not a hotel of yours")
            .help(format!("leave out, or answer with an error, a code you do not have; {}", probe::contract(expect)))
            .level(Level::Error);
        return;
    }
    let answer = probe::answer(cx, http, facts);
    if matches!(answer, Answer::Reported) || probe::accepted(cx, expect, &answer, http) {
        return;
    }
    let mixed = facts.probe.as_deref() == Some("mixed-hotels");
    let message = if mixed {
        format!(
            "real hotels asked together with {fake} were answered with {}; Concur discards the rates of an answer with an error",
            probe::described(&answer, http)
        )
    } else {
        format!("hotel {fake}, which does not exist, was answered with {}", probe::described(&answer, http))
    };
    let span = match &answer {
        Answer::Error { span, .. } if cx.json.is_none() => Some(span.clone()),
        _ => None,
    };
    let help = if mixed {
        format!("answer the hotels you have and leave the unknown one out; {}", probe::contract(expect))
    } else {
        format!("answer with one of the accepted codes ({}); {}", expect.accept_codes.join(", "), probe::contract(expect))
    };
    match span {
        Some(span) => out.report(span, message),
        None => out.report_http(probe::status_span(http), message),
    }
    .label("not the contract's answer")
    .help(help);
}
