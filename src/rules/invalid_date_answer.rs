//! ## What it does
//! On an `otalint probe` recording: reports the `invalid-date` probe (availability for a
//! check-in on the 33rd of the month) answered otherwise than the contract says: an **error**
//! when rates come back for the impossible date, a **warning** when the answer is not error
//! code 320 on Hotel Service v2 or HTTP 400 on v4 (data: `probe.expect.invalid-date`). A SOAP
//! Fault (the supplier's XSD validation) is `soap-fault`'s alone.
//!
//! ## Why it matters
//! "320 Invalid value … Example: `<Error Code="320" ShortText="Invalid value"
//! Type="13">StayDateRange:2019-11-33</Error>`" (HS2 Error handling); dates are `xs:date`
//! (HS2 Introduction); HS4 answers a bad request with "400 Invalid client request". Rates for a
//! day that does not exist mean the supplier's date handling rolls over silently.
//!
//! ## Example
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 300, "_otalint": {"version": 1, "step": "hs2.invalid-date", "service": "hs2", "profile": "hs2", "operation": "availability", "probe": "invalid-date", "sent": {"stay": ["2027-03-33", "2027-03-02"]}},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "availability"}]},
//!    "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {"mimeType": "text/xml", "text": "<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><Body><OTA_HotelAvailRS xmlns=\"http://www.opentravel.org/OTA/2003/05\" Version=\"5\" EchoToken=\"1\" PrimaryLangID=\"en\" AltLangID=\"en\"><Errors><Error Type=\"13\" Code=\"322\" ShortText=\"No availability\">HTL1</Error></Errors></OTA_HotelAvailRS></Body></Envelope>"}}}]}}
//! ```
//!
//! ## Fix
//! Validate the dates and answer with code 320 naming the value:
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 300, "_otalint": {"version": 1, "step": "hs2.invalid-date", "service": "hs2", "profile": "hs2", "operation": "availability", "probe": "invalid-date", "sent": {"stay": ["2027-03-33", "2027-03-02"]}},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "availability"}]},
//!    "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {"mimeType": "text/xml", "text": "<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><Body><OTA_HotelAvailRS xmlns=\"http://www.opentravel.org/OTA/2003/05\" Version=\"5\" EchoToken=\"1\" PrimaryLangID=\"en\" AltLangID=\"en\"><Errors><Error Type=\"13\" Code=\"320\" ShortText=\"Invalid value\">StayDateRange:2027-03-33</Error></Errors></OTA_HotelAvailRS></Body></Envelope>"}}}]}}
//! ```

use super::prelude::*;
use super::support::probe::{self, Answer};

pub static RULE: Rule = Rule {
    name: "invalid-date-answer",
    group: Group::Probe,
    level: Level::Warning,
    profiles: PROBED,
    summary: "an impossible stay date was answered otherwise than the contract says",
    data: &["probe.expect"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some((http, facts, expect)) = probe::negative(cx, &["invalid-date"]) else {
        return;
    };
    let date = facts
        .sent_list("stay")
        .into_iter()
        .next()
        .unwrap_or_else(|| "the 33rd".to_string());
    if let Some(span) = probe::rates(cx) {
        out.report(span, format!("rates returned for check-in {date}, a date that does not exist"))
            .label("rates for an impossible date")
            .help(format!("validate the stay dates before pricing; {}", probe::contract(expect)))
            .level(Level::Error);
        return;
    }
    let answer = probe::answer(cx, http, facts);
    if matches!(answer, Answer::Reported) || probe::accepted(cx, expect, &answer, http) {
        return;
    }
    let wanted = match (expect.accept_codes.is_empty(), expect.accept_statuses.is_empty()) {
        (false, _) => format!("error code {}", expect.accept_codes.join(" or ")),
        (true, false) => format!("HTTP {}", expect.accept_statuses.iter().map(u16::to_string).collect::<Vec<_>>().join(" or ")),
        (true, true) => "an error".to_string(),
    };
    let message = format!(
        "check-in {date}, a date that does not exist, was answered with {}; Concur expects {wanted}",
        probe::described(&answer, http)
    );
    match &answer {
        Answer::Error { span, .. } if cx.json.is_none() => out.report(span.clone(), message),
        _ => out.report_http(probe::status_span(http), message),
    }
    .label("not the contract's answer")
    .help(format!("name the bad value in the answer; {}", probe::contract(expect)));
}
