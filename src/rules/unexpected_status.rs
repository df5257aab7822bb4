//! ## What it does
//! Reports an HTTP status outside the contract's set (HTTP Status Codes: 200, 400, 401, 403, 404, 409,
//! 429, 500, 503; `hs4` adds 501; data: `http.statuses`), or a 2xx other than 200.
//!
//! ## Why it matters
//! Concur's web services document "a HTTP 2xx response code when the request was successful"
//! with 200 as the one success code, and the listed error codes. A `201 Created` for a booking
//! or a `502` from a proxy is outside what Concur handles, and a `204 No Content` carries no
//! answer at all.
//!
//! ## Example
//! ```http
//! HTTP/1.1 201 Created
//! Content-Type: text/xml
//!
//! ```
//!
//! ## Fix
//! ```http
//! HTTP/1.1 200 OK
//! Content-Type: text/xml
//!
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "unexpected-status",
    group: Group::Http,
    level: Level::Warning,
    profiles: HTTP,
    summary: "a status outside the contract's set, or a 2xx other than 200",
    data: &["http.statuses"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(http) = cx.http else {
        return;
    };
    let Some(status) = http.status else {
        return;
    };
    let allowed = &cx.facts.http.statuses;
    if allowed.is_empty() || allowed.contains(&status) {
        return;
    }
    let (message, help) = if (200..300).contains(&status) {
        (
            format!("HTTP {status}; Concur expects 200 for a successful response"),
            "answer every successful call with 200 OK and the response body".to_string(),
        )
    } else {
        (
            format!("HTTP {status} is not one of the statuses Concur handles"),
            format!(
                "use one of {}",
                allowed.iter().map(u16::to_string).collect::<Vec<_>>().join(", ")
            ),
        )
    };
    out.report_http(http.status_or_whole(), message)
        .label("unexpected status")
        .help(help);
}
