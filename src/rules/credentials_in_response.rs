//! ## What it does
//! On an `otalint probe` recording: reports a response that sent back a credential the probe
//! sent — the user id, the password (or the deliberately wrong one of a negative probe), or the
//! Basic credential — in a header, the body or a comment, in any encoding. The probe removed
//! each echo before anything was written, left a marker (`[REDACTED:password]`) in its place
//! and counted it in the entry's `_otalint.markers`; the finding points at the marker, so
//! `otalint check run.har` reports it offline from the redacted recording.
//!
//! ## Why it matters
//! "As sensitive data and payment card details are transferred via API, the Hotel Suppliers
//! need to comply with PCI DSS standard." (HS2 Introduction, HS4 Getting Started). Concur's
//! traffic is logged, and so is every proxy's on the way: a response is no place for a password.
//! A supplier that echoes one (a debug header, an error text quoting the request) spreads it
//! into every log that keeps the answer.
//!
//! ## Example
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 900, "_otalint": {"version": 1, "step": "hs2.search", "service": "hs2", "profile": "hs2", "operation": "search", "markers": {"card-number": 0, "cvv": 0, "password": 1}},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "search"}]},
//!    "response": {"status": 403, "headers": [{"name": "X-Debug", "value": "pass=[REDACTED:password]"}], "content": {"size": 0, "mimeType": "text/xml"}}}]}}
//! ```
//!
//! ## Fix
//! Never send a credential back; name the failure, not the value:
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 900, "_otalint": {"version": 1, "step": "hs2.search", "service": "hs2", "profile": "hs2", "operation": "search", "markers": {"card-number": 0, "cvv": 0}},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "search"}]},
//!    "response": {"status": 403, "headers": [{"name": "X-Debug", "value": "authentication failed"}], "content": {"size": 0, "mimeType": "text/xml"}}}]}}
//! ```

use super::prelude::*;
use super::support::probe;

pub static RULE: Rule = Rule {
    name: "credentials-in-response",
    group: Group::Probe,
    level: Level::Error,
    profiles: PROBED,
    summary: "a response sent back a credential (user id, password, Basic credential) the probe sent",
    data: &[],
    check,
};

/// The credential markers the probe writes, and what each stands for.
const KINDS: &[(&str, &str)] = &[
    ("authorization", "the Basic credential"),
    ("bad-password", "the wrong password"),
    ("password", "the password"),
    ("user", "the user id"),
];

fn check(cx: &Context, out: &mut Findings) {
    let Some((http, facts)) = probe::facts(cx) else {
        return;
    };
    let help = "a response is no place for a credential (Concur's traffic is logged): name the failure, never the value; the recording holds a marker instead of it";
    for (kind, what) in KINDS {
        let count = facts.markers.get(*kind).copied().unwrap_or(0);
        if count == 0 {
            continue;
        }
        let marker = format!("[REDACTED:{kind}]");
        let in_headers: Vec<_> = http
            .headers
            .iter()
            .filter(|h| h.value.contains(&marker))
            .collect();
        for h in &in_headers {
            out.report_http(
                http.span_of(h).or_else(|| http.span.clone()),
                format!("the response sends back {what} the probe sent, in header `{}`", h.name),
            )
            .label("echoed")
            .help(help);
        }
        let in_body: Vec<usize> = cx.text.match_indices(&marker).map(|(at, _)| at).collect();
        for at in &in_body {
            out.report(*at..*at + marker.len(), format!("the response sends back {what} the probe sent"))
                .label("echoed")
                .help(help);
        }
        if in_headers.is_empty() && in_body.is_empty() {
            out.report_http(
                http.span.clone(),
                format!("the response sent back {what} the probe sent ({count}×)"),
            )
            .label("echoed")
            .help(help);
        }
    }
}
