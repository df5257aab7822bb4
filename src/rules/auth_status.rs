//! ## What it does
//! Reports an authentication failure answered with the wrong HTTP status: `401` from Hotel
//! Service v2, which expects `403`; `403` from Hotel Service v4, which expects `401` (data:
//! `http.auth_status` and `http.wrong_auth_statuses`). Runs where the HTTP status is known:
//! a raw HTTP response, a HAR entry, or `--status`.
//!
//! ## Why it matters
//! "If the username and password generates an authentication error, then SAP Concur expects
//! an HTTP 403 response." (Hotel v2 - Error Handling); v4 documents "401 Request unauthorized".
//! Concur tells credential problems from other failures by that status alone, and a supplier
//! that follows a framework's default (401 with `WWW-Authenticate`) on v2 fails certification.
//!
//! ## Example
//! ```http
//! HTTP/1.1 401 Unauthorized
//! Content-Type: text/xml; charset=utf-8
//! WWW-Authenticate: Basic realm="hotel"
//!
//! ```
//!
//! ## Fix
//! ```http
//! HTTP/1.1 403 Forbidden
//! Content-Type: text/xml; charset=utf-8
//!
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "auth-status",
    group: Group::Http,
    level: Level::Error,
    profiles: HTTP,
    summary: "an authentication failure answered with another HTTP status than the contract's",
    data: &["http.auth_status", "http.auth_sentence", "http.wrong_auth_statuses"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(http) = cx.http else {
        return;
    };
    let (Some(status), Some(expected)) = (http.status, cx.facts.http.auth_status) else {
        return;
    };
    if !cx.facts.http.wrong_auth_statuses.contains(&status) {
        return;
    }
    let contract = match cx.profile {
        Profile::Hs4 => "Hotel Service v4",
        _ => "Hotel Service v2",
    };
    out.report_http(
        http.status_or_whole(),
        format!("HTTP {status} for an authentication failure; {contract} expects {expected}"),
    )
    .label(format!("should be {expected}"))
    .help(match cx.facts.http.auth_sentence.as_deref() {
        Some(sentence) => match sentence.rsplit_once(" (") {
            Some((quote, source)) => format!(
                "answer failed credentials with HTTP {expected}: \"{quote}\" ({source}"
            ),
            None => format!("answer failed credentials with HTTP {expected}: \"{sentence}\""),
        },
        None => format!("answer failed credentials with HTTP {expected}"),
    });
}
