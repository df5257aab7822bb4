//! ## What it does
//! On an `otalint probe` recording: reports the `no-hotels` probe (a search where no hotel can
//! be, in the open ocean) answered without error code 424 (data: `probe.expect.no-hotels`):
//! with hotels, with another error, with only an HTTP status.
//!
//! ## Why it matters
//! "424 No hotels found which match this input … tokenized list: Latitude, Longitude, Radius,
//! Unit of Measure code" (HS2 Error handling; HS4 supported error codes 424). Concur tells "no
//! hotels here" from "the supplier failed" by this code alone: any other answer is shown as an
//! error of the supplier's.
//!
//! ## Example
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 300, "_otalint": {"version": 1, "step": "hs2.no-hotels", "service": "hs2", "profile": "hs2", "operation": "search", "probe": "no-hotels"},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "search"}]},
//!    "response": {"status": 500, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {"size": 0, "mimeType": "text/xml"}}}]}}
//! ```
//!
//! ## Fix
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 300, "_otalint": {"version": 1, "step": "hs2.no-hotels", "service": "hs2", "profile": "hs2", "operation": "search", "probe": "no-hotels"},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "search"}], "postData": {"mimeType": "application/xml", "text": "<OTA_HotelSearchRQ xmlns=\"http://www.opentravel.org/OTA/2003/05\" EchoToken=\"1\"><Criteria><Criterion><Position Latitude=\"0\" Longitude=\"-160\"/><Radius Distance=\"5\" UnitOfMeasureCode=\"1\"/></Criterion></Criteria></OTA_HotelSearchRQ>"}},
//!    "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {"mimeType": "text/xml", "text": "<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><Body><OTA_HotelSearchRS xmlns=\"http://www.opentravel.org/OTA/2003/05\" Version=\"4\" EchoToken=\"1\" PrimaryLangID=\"en\" AltLangID=\"en\"><Errors><Error Type=\"13\" Code=\"424\" ShortText=\"No hotels found which match this input\">0,-160,5,1</Error></Errors></OTA_HotelSearchRS></Body></Envelope>"}}}]}}
//! ```

use super::prelude::*;
use super::support::probe::{self, Answer};

pub static RULE: Rule = Rule {
    name: "no-hotels-answer",
    group: Group::Probe,
    level: Level::Warning,
    profiles: PROBED,
    summary: "a search where no hotel can be was answered otherwise than with code 424",
    data: &["probe.expect"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some((http, facts, expect)) = probe::negative(cx, &["no-hotels"]) else {
        return;
    };
    let answer = probe::answer(cx, http, facts);
    if matches!(answer, Answer::Reported) || probe::accepted(cx, expect, &answer, http) {
        return;
    }
    let message = format!("a search in the open ocean was answered with {}; Concur expects error code 424", probe::described(&answer, http));
    match &answer {
        Answer::Error { span, .. } if cx.json.is_none() => out.report(span.clone(), message),
        _ => out.report_http(probe::status_span(http), message),
    }
    .label("not the contract's answer")
    .help(format!("answer a search that finds nothing with code 424 and the request's position as the payload; {}", probe::contract(expect)));
}
