//! ## What it does
//! On an `otalint probe` recording: reports a step of Concur's flow that did not succeed — no
//! HTTP 200 with a successful answer, or the answer lacks the value the next step needs (a
//! hotel code, a bookable rate, the reservation ID). The message lists the steps that could
//! not run because of it, and a failed booking step names the reservation that may still be
//! active at the supplier. The rules that say *why* the answer is wrong (`auth-status`,
//! `soap-fault`, `missing-required-content`, …) report on the same entry; an exchange that got
//! no response at all is `no-response`'s alone.
//!
//! ## Why it matters
//! "To allow SAP Concur performing testing, the Hotel Supplier needs to provide testing URL …
//! SAP Concur needs to be able to perform test bookings with testing credit cards." (HS2
//! Introduction; HS4 Getting Started "Testing Environment"). Certification walks the same
//! chain: a step that fails stops everything after it.
//!
//! ## Example
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 800, "_otalint": {"version": 1, "step": "hs2.availability", "service": "hs2", "profile": "hs2", "operation": "availability", "failed": "the answer has no bookable rate for the 2 hotels asked", "blocked": ["hs2.book", "hs2.read", "hs2.cancel"]},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "availability"}]},
//!    "response": {"status": 403, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {"size": 0, "mimeType": "text/xml"}}}]}}
//! ```
//!
//! ## Fix
//! Make the test endpoint answer the flow Concur runs, with test properties that have
//! bookable rates (`hotel_codes` in the scenario names them):
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 800, "_otalint": {"version": 1, "step": "hs2.bad-credentials", "service": "hs2", "profile": "hs2", "operation": "search", "probe": "bad-credentials"},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "search"}]},
//!    "response": {"status": 403, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {"size": 0, "mimeType": "text/xml"}}}]}}
//! ```

use super::prelude::*;
use super::support::probe;

pub static RULE: Rule = Rule {
    name: "flow-step-failed",
    group: Group::Probe,
    level: Level::Error,
    profiles: PROBED,
    summary: "a step of Concur's flow did not succeed, and the steps after it could not run",
    data: &["http.auth_status"],
    check,
};

/// Concur's published source ranges (the HS1 docs); an endpoint that admits only them answers
/// the probe with 403.
const CONCUR_RANGES: &str = "12.129.29.0/24, 12.129.32.0/22, 84.14.175.224/27, 62.23.83.128/25";

fn check(cx: &Context, out: &mut Findings) {
    let Some((http, facts)) = probe::facts(cx) else {
        return;
    };
    let Some(why) = facts.failed.as_deref() else {
        return;
    };
    // No answer at all: `no-response` reports it, with the steps it blocked.
    if facts.transport_error.is_some() {
        return;
    }
    let mut message = format!("{} failed: {why}", facts.step);
    if !facts.blocked.is_empty() {
        message.push_str(&format!("; not run because of it: {}", facts.blocked.join(", ")));
    }
    let finding = out.report_http(probe::status_span(http), message);
    finding.label("step failed");
    let forbidden = http.status.is_some_and(|s| s == 403 || Some(s) == cx.facts.http.auth_status);
    let help = match (&facts.left_active, forbidden) {
        (Some(id), _) => format!(
            "reservation {id} may still be active at the supplier; cancel it by hand"
        ),
        (None, true) => format!(
            "HTTP {} on valid credentials: are the credentials right, or does the endpoint only admit Concur's IP ranges ({CONCUR_RANGES})?",
            http.status.unwrap_or(403)
        ),
        (None, false) => "the other findings on this entry say what is wrong with the answer; each later step needs a value from it".to_string(),
    };
    finding.help(help);
}
