//! ## What it does
//! On an `otalint probe` recording: reports an exchange that got no complete HTTP response —
//! connection refused or reset, a name that does not resolve, a malformed status line or head,
//! a head larger than the client accepts, a body cut short (closed before its
//! `Content-Length` or its last chunk), or the probe's own time-out when that is not past the
//! contract's time-out (a time-out past it is `slow-response`, measured).
//!
//! ## Why it matters
//! "All endpoints carry a timeout of 55 seconds. No endpoints will attempt a retry in the
//! event there is a timeout." (HS2 Introduction, HS4 Getting Started). What the probe could not
//! read, Concur cannot either: the request is lost and the traveller sees no hotel.
//!
//! ## Example
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 3, "_otalint": {"version": 1, "step": "hs2.search", "service": "hs2", "profile": "hs2", "operation": "search", "transport": {"error": "connection refused", "timed_out": false}},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "search"}]},
//!    "response": {"status": 0, "statusText": "", "headers": [], "content": {"size": 0, "mimeType": "x-unknown"}}}]}}
//! ```
//!
//! ## Fix
//! Keep the test endpoint up and reachable from where the probe runs, and answer every request
//! with a complete response:
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 3, "_otalint": {"version": 1, "step": "hs2.search", "service": "hs2", "profile": "hs2", "operation": "search", "transport": {"error": null, "timed_out": false}},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "search"}]},
//!    "response": {"status": 403, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {"size": 0, "mimeType": "text/xml"}}}]}}
//! ```

use super::prelude::*;
use super::support::probe;

pub static RULE: Rule = Rule {
    name: "no-response",
    group: Group::Probe,
    level: Level::Error,
    profiles: PROBED,
    summary: "an exchange of the probe got no complete HTTP response",
    data: &["http.timeout_seconds"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some((http, facts)) = probe::facts(cx) else {
        return;
    };
    let Some(error) = facts.transport_error.as_deref() else {
        return;
    };
    let contract = cx.facts.http.timeout_seconds;
    let client = facts.client_timeout_ms.map(|ms| ms as f64 / 1000.0);
    // Waited past the contract's time-out: slow-response judges the measured time.
    if facts.timed_out
        && let (Some(contract), Some(client)) = (contract, client)
        && client > contract
        && http.elapsed.is_some()
    {
        return;
    }
    let span = http.status_or_whole();
    let mut message = format!("no complete response: {error}");
    if !facts.blocked.is_empty() {
        message.push_str(&format!("; not run because of it: {}", facts.blocked.join(", ")));
    }
    let finding = out.report_http(span, message);
    finding.label("no response");
    match (facts.timed_out, client, contract) {
        (true, Some(client), Some(contract)) => finding.help(format!(
            "no answer within the probe's {} s; Concur waits {} s and does not retry: answer sooner, or raise the probe's `timeout` above {} s to measure how late the answer is",
            secs(client),
            secs(contract),
            secs(contract)
        )),
        _ => finding.help(
            "Concur does not retry: the endpoint must accept the connection and send a complete response (status line, headers, the whole body)",
        ),
    };
}

fn secs(s: f64) -> String {
    format!("{}", (s * 10.0).round() / 10.0)
}
