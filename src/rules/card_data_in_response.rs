//! ## What it does
//! On an `otalint probe` recording: reports a response that echoed the full test card number or
//! the CVV the booking request sent. The probe replaced each echo with a marker
//! (`[REDACTED:card-number]`, `[REDACTED:cvv]`) before anything was written and counted it;
//! the finding points at the marker.
//!
//! ## Why it matters
//! "As sensitive data and payment card details are transferred via API, the Hotel Suppliers
//! need to comply with PCI DSS standard." (HS2 Introduction, HS4 Getting Started). PCI DSS
//! forbids storing the CVV after authorisation and requires the card number masked wherever it
//! is shown: an answer that carries them back spreads them into every log on the way.
//!
//! ## Example
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 900, "_otalint": {"version": 1, "step": "hs2.book", "service": "hs2", "profile": "hs2", "operation": "book", "markers": {"card-number": 1, "cvv": 0}},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "book"}]},
//!    "response": {"status": 403, "headers": [{"name": "X-Card", "value": "[REDACTED:card-number]"}], "content": {"size": 0, "mimeType": "text/xml"}}}]}}
//! ```
//!
//! ## Fix
//! Answer with the masked number at most (`XXXXXXXXXXXX1111`), never the CVV:
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "otalint", "version": "0.2.0"}, "entries": [
//!   {"time": 900, "_otalint": {"version": 1, "step": "hs2.book", "service": "hs2", "profile": "hs2", "operation": "book", "markers": {"card-number": 0, "cvv": 0}},
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "soapaction", "value": "book"}]},
//!    "response": {"status": 403, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {"size": 0, "mimeType": "text/xml"}}}]}}
//! ```

use super::prelude::*;
use super::support::probe;

pub static RULE: Rule = Rule {
    name: "card-data-in-response",
    group: Group::Probe,
    level: Level::Error,
    profiles: PROBED,
    summary: "a response echoed the test card number or CVV the booking sent",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some((http, facts)) = probe::facts(cx) else {
        return;
    };
    for (kind, what) in [("card-number", "the full card number"), ("cvv", "the card's CVV")] {
        let count = facts.markers.get(kind).copied().unwrap_or(0);
        if count == 0 {
            continue;
        }
        let marker = format!("[REDACTED:{kind}]");
        let help = "PCI DSS: never send the CVV back, and mask the card number (at most the last four digits); the recording holds a marker instead of the value";
        let in_body: Vec<usize> = cx.text.match_indices(&marker).map(|(at, _)| at).collect();
        if in_body.is_empty() {
            // Echoed in a header: the header's span, else the entry.
            let span = http
                .headers
                .iter()
                .find(|h| h.value.contains(&marker))
                .and_then(|h| http.span_of(h))
                .or_else(|| http.span.clone());
            out.report_http(span, format!("the response echoes {what} the booking sent ({count}×)"))
                .label("echoed")
                .help(help);
            continue;
        }
        for at in in_body {
            out.report(at..at + marker.len(), format!("the response echoes {what} the booking sent"))
                .label("echoed")
                .help(help);
        }
    }
}
