//! ## What it does
//! On an `otalint probe` recording: reports the `bad-credentials` probe (a search sent with a
//! wrong password, in the Basic header and the SOAP header) answered with anything but the
//! contract's authentication failure — `403` on Hotel Service v2, `401` on v4 (data:
//! `http.auth_status`): a `200` with results ("the endpoint accepted a wrong password"), a `200`
//! with another OTA error, a `5xx`. A `401` on v2 (`auth-status`) and an `Error Type="4"`
//! (`authentication-type`) are reported by those rules, not again here.
//!
//! ## Why it matters
//! "If the username and password generates an authentication error, then SAP Concur expects
//! an HTTP 403 response." (HS2 Headers); "If the username and password generates an
//! authentication error, then there will be a HTTP 401 response." (HS4 Getting Started). An
//! endpoint that answers a wrong password with hotels has no authentication at all; one that
//! answers with an OTA error makes Concur show a business error for a credentials problem.
//!
//! ## Example
//! The wrong password was answered with a successful search:
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 120, "_otalint": {"version": 1, "step": "hs2.bad-credentials", "service": "hs2", "profile": "hs2", "operation": "search", "probe": "bad-credentials"},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "search"}]},
//!    "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {"mimeType": "text/xml", "text": "<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><Body><OTA_HotelSearchRS xmlns=\"http://www.opentravel.org/OTA/2003/05\" Version=\"4\" EchoToken=\"1\" PrimaryLangID=\"en\" AltLangID=\"en\"><Success/><Properties/></OTA_HotelSearchRS></Body></Envelope>"}}}]}}
//! ```
//!
//! ## Fix
//! Check the credentials of every request before anything else, and answer a failure with the
//! bare status:
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 120, "_otalint": {"version": 1, "step": "hs2.bad-credentials", "service": "hs2", "profile": "hs2", "operation": "search", "probe": "bad-credentials"},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "search"}]},
//!    "response": {"status": 403, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {"size": 0, "mimeType": "text/xml"}}}]}}
//! ```

use super::prelude::*;
use super::support::probe::{self, Answer};

pub static RULE: Rule = Rule {
    name: "credentials-not-rejected",
    group: Group::Probe,
    level: Level::Error,
    profiles: PROBED,
    summary: "the wrong-password probe was not answered with the contract's authentication failure",
    data: &["http.auth_status", "http.auth_sentence", "http.wrong_auth_statuses"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some((http, facts)) = probe::facts(cx) else {
        return;
    };
    if facts.probe.as_deref() != Some("bad-credentials") {
        return;
    }
    let (Some(status), Some(expected)) = (http.status, cx.facts.http.auth_status) else {
        return;
    };
    // One cause, one finding: the wrong status and Type 4 have rules of their own.
    if status == expected || cx.facts.http.wrong_auth_statuses.contains(&status) {
        return;
    }
    if let Some(error) = cx.first_error()
        && cx.error_type(error) == cx.facts.errors.authentication_type.as_deref()
    {
        return;
    }
    let answer = probe::answer(cx, http, facts);
    if matches!(answer, Answer::Reported) && status == 200 {
        return;
    }
    let message = match answer {
        Answer::Success => format!(
            "the endpoint accepted a wrong password: HTTP {status} with a successful answer; Concur expects HTTP {expected}"
        ),
        _ => format!(
            "a wrong password was answered with {}; Concur expects HTTP {expected}",
            probe::described(&answer, http)
        ),
    };
    let help = match cx.facts.http.auth_sentence.as_deref() {
        Some(sentence) => format!("check the credentials first and answer a failure with HTTP {expected}: \"{sentence}\""),
        None => format!("check the credentials first and answer a failure with HTTP {expected}"),
    };
    out.report_http(probe::status_span(http), message)
        .label(format!("should be {expected}"))
        .help(help);
}
