//! ## What it does
//! Reports a response slower than the contract allows: an **error** past the time-out
//! (`hs2` and `hs4` 55 s, `hs1` 30 s, `concur-ws` 60 s), a **warning** (one level below the
//! rule's) past the ideal time of the message's operation: search 4 s, availability 10 s,
//! rate details 2 s, descriptive info 1 s, reservation 10 s, read 1 s, cancel 10 s. The
//! operation is the one an `otalint probe` recording names, else read from the request's
//! `SOAPAction`, else from the request's or the
//! response's root. Times and operations are data (`[http]`). The response time comes from a
//! HAR entry's `time` or from `--elapsed`.
//!
//! ## Why it matters
//! "Timeout 55 seconds, no retry" (HS2 Introduction): a late answer is lost, as if the
//! supplier had not answered. Past the ideal time Concur's users wait, and search results
//! from faster suppliers are shown first.
//!
//! ## Example
//! A search answered in 61 seconds (`--elapsed 61`, here in a HAR):
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "example", "version": "1"}, "entries": [
//!   {"time": 61000,
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "SOAPAction", "value": "search"}]},
//!    "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {}}}]}}
//! ```
//!
//! ## Fix
//! Answer within the time-out, and within the ideal time where you can: page large searches,
//! cache rates, and time out your own backend calls before Concur times out on you.
//! ```json
//! {"log": {"version": "1.2", "creator": {"name": "example", "version": "1"}, "entries": [
//!   {"time": 3200,
//!    "request": {"method": "POST", "url": "https://hotel.example/hs2", "headers": [{"name": "SOAPAction", "value": "search"}]},
//!    "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "text/xml"}], "content": {}}}]}}
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "slow-response",
    group: Group::Http,
    level: Level::Error,
    profiles: HTTP,
    summary: "an error past the time-out, a warning past the operation's ideal time",
    data: &["http.timeout_seconds", "http.ideal_seconds", "http.operations"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(http) = cx.http else {
        return;
    };
    let Some(elapsed) = http.elapsed else {
        return;
    };
    let span = http.elapsed_span.clone().or_else(|| http.span.clone());
    let facts = &cx.facts.http;
    // The probe got no complete answer: that is `no-response`'s. Only a time-out past the
    // contract's is this rule's too; after any other failure (a body past the probe's limit,
    // a reset) the time says how long the probe read, not when the supplier answered.
    if let Some(p) = http.probe.as_ref().filter(|p| p.transport_error.is_some())
        && (!p.timed_out || facts.timeout_seconds.is_none_or(|t| elapsed <= t))
    {
        return;
    }
    if let Some(timeout) = facts.timeout_seconds
        && elapsed > timeout
    {
        out.report_http(
            span,
            format!("the response took {} s; Concur gives up after {} s", secs(elapsed), secs(timeout)),
        )
        .label("too late")
        .help("a response after the time-out is lost: answer sooner, or fail fast with an OTA error");
        return;
    }
    let Some(operation) = operation(cx) else {
        return;
    };
    let Some(ideal) = facts.ideal_seconds.get(&operation) else {
        return;
    };
    if elapsed <= *ideal {
        return;
    }
    let level = out.level().lower();
    out.report_http(
            span,
            format!(
                "the {operation} response took {} s; the ideal is under {} s",
                secs(elapsed),
                secs(*ideal)
            ),
        )
        .label("slower than ideal")
        .help("Concur's users wait for this answer: cache, page or parallelise the backend calls")
        .level(level);
}

/// The operation of the exchange: from SOAPAction, the request's root, or the response's.
fn operation(cx: &Context) -> Option<String> {
    let ops = &cx.facts.http.operations;
    // Recorded by otalint probe.
    if let Some(op) = cx.http.and_then(|h| h.probe.as_ref()).and_then(|p| p.operation.as_deref())
        && cx.facts.http.ideal_seconds.contains_key(op)
    {
        return Some(op.to_string());
    }
    // hs4: from the request URL, --operation, the request or the body.
    if let Some(op) = cx.operation.filter(|op| cx.facts.http.ideal_seconds.contains_key(*op)) {
        return Some(op.to_string());
    }
    let from_action = cx
        .http
        .and_then(|h| h.request_header("SOAPAction"))
        .map(|a| a.trim().trim_matches('"'))
        .and_then(|a| a.rsplit(['/', '#']).next())
        .and_then(|a| ops.get(a));
    let from_request = cx.paired_request.and_then(|r| ops.get(local(r)));
    let from_response = cx.shape.and_then(|s| s.payload).and_then(|p| ops.get(local(p)));
    from_action.or(from_request).or(from_response).cloned()
}

fn secs(s: f64) -> String {
    let rounded = (s * 10.0).round() / 10.0;
    format!("{rounded}")
}
