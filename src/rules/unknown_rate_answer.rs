//! ## What it does
//! On an `otalint probe` recording: reports the `unknown-rate` probe (rate details for a
//! RatePlanID that does not exist) answered otherwise than with error code 438 (data:
//! `probe.expect.unknown-rate`): an **error** when the rate comes back as available, a
//! **warning** for another error or a bare status.
//!
//! ## Why it matters
//! "438 Requested rate not available: List of comma separated RatePlanID's" (HS2 Error
//! handling; HS4 supported error codes 438). A supplier that confirms a rate plan it never
//! offered will be asked to book it.
//!
//! ## Example
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 300, "_otalint": {"version": 1, "step": "hs2.unknown-rate", "service": "hs2", "profile": "hs2", "operation": "ratedetails", "probe": "unknown-rate", "sent": {"rate_plan": "NO-RATE", "fake": "NO-RATE"}},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "ratedetails"}]},
//!    "response": {"status": 500, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {"size": 0, "mimeType": "text/xml"}}}]}}
//! ```
//!
//! ## Fix
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 300, "_otalint": {"version": 1, "step": "hs2.unknown-rate", "service": "hs2", "profile": "hs2", "operation": "ratedetails", "probe": "unknown-rate", "sent": {"rate_plan": "NO-RATE", "fake": "NO-RATE"}},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "ratedetails"}], "postData": {"mimeType": "application/xml", "text": "<OTA_HotelAvailRQ xmlns=\"http://www.opentravel.org/OTA/2003/05\" EchoToken=\"1\"><RatePlanCandidates><RatePlanCandidate RatePlanID=\"NO-RATE\"/></RatePlanCandidates></OTA_HotelAvailRQ>"}},
//!    "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {"mimeType": "text/xml", "text": "<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><Body><OTA_HotelAvailRS xmlns=\"http://www.opentravel.org/OTA/2003/05\" Version=\"5\" EchoToken=\"1\" PrimaryLangID=\"en\" AltLangID=\"en\"><Errors><Error Type=\"13\" Code=\"438\" ShortText=\"Requested rate not available\">NO-RATE</Error></Errors></OTA_HotelAvailRS></Body></Envelope>"}}}]}}
//! ```

use serde_json::Value;

use super::prelude::*;
use super::support::probe::{self, Answer};

pub static RULE: Rule = Rule {
    name: "unknown-rate-answer",
    group: Group::Probe,
    level: Level::Warning,
    profiles: PROBED,
    summary: "a rate plan that does not exist was answered otherwise than with code 438",
    data: &["probe.expect"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some((http, facts, expect)) = probe::negative(cx, &["unknown-rate"]) else {
        return;
    };
    let Some(fake) = facts.sent_str("fake") else {
        return;
    };
    if let Some(span) = offered(cx, fake) {
        out.report(span, format!("rate plan {fake}, which does not exist, is answered as available"))
            .label("not a rate of yours")
            .help(format!("answer an unknown RatePlanID with code 438 naming it; {}", probe::contract(expect)))
            .level(Level::Error);
        return;
    }
    let answer = probe::answer(cx, http, facts);
    if matches!(answer, Answer::Reported) || probe::accepted(cx, expect, &answer, http) {
        return;
    }
    let message = format!("rate plan {fake}, which does not exist, was answered with {}; Concur expects error code 438", probe::described(&answer, http));
    match &answer {
        Answer::Error { span, .. } if cx.json.is_none() => out.report(span.clone(), message),
        _ => out.report_http(probe::status_span(http), message),
    }
    .label("not the contract's answer")
    .help(format!("name the RatePlanID in the error; {}", probe::contract(expect)));
}

/// Where the answer offers the fake rate plan: an HS2 `RatePlan` or `RoomRate`, an HS4
/// `roomRates` entry.
fn offered(cx: &Context, fake: &str) -> Option<std::ops::Range<usize>> {
    if let Some(json) = cx.json {
        let rates = json.value.as_ref()?.get("roomRates")?.as_array()?;
        let i = rates.iter().position(|r| r.get("ratePlanId").and_then(Value::as_str) == Some(fake))?;
        return json.span(cx.text, &format!("/roomRates/{i}"));
    }
    let response = cx.response()?;
    response
        .descendants()
        .find(|n| n.is_element() && matches!(local(*n), "RatePlan" | "RoomRate") && n.attribute("RatePlanID") == Some(fake))
        .map(|n| cx.name_span(n))
}
