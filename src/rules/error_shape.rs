//! ## What it does
//! Reports an HS4 error body (HTTP 4xx/5xx, or without a known status a JSON object with
//! `otaCode` or `message`) that is not `{"otaCode": <int32>, "message": "<string>"}` with
//! `message` present: not an object, no `message`, a `message` that is not a string, or an
//! `otaCode` that is not a 32-bit integer. A response of a status the OpenAPI answers with
//! an Error object (400 and 500; data: `json.error_body_statuses`) that has no body at all is
//! reported too.
//!
//! ## Why it matters
//! The HS4 OpenAPI defines one Error schema for every 4xx and 5xx: `message` (string,
//! required) and `otaCode` (integer, int32). Concur shows the traveler its own message, picked
//! by the code; a body of another shape is an unknown failure, and "If otaCode is missing in an
//! error, then only generic error is displayed to user."
//!
//! ## Example
//! ```http
//! HTTP/1.1 400 Bad Request
//! Content-Type: application/json
//!
//! {"error": {"code": "NO_AVAILABILITY", "detail": "No rooms left"}}
//! ```
//!
//! ## Fix
//! ```http
//! HTTP/1.1 400 Bad Request
//! Content-Type: application/json
//!
//! {"otaCode": 424, "message": "No hotels found which match this input"}
//! ```

use serde_json::Value;

use super::support::hs4_json::{error_body, opening, span};
use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "error-shape",
    group: Group::Hs4,
    level: Level::Error,
    profiles: HS4,
    summary: "an error body that is not {\"otaCode\": int32, \"message\": string}",
    data: &["json.error_body_statuses"],
    check,
};

const HELP_BODY: &str = "`{\"otaCode\": <OTA error code>, \"message\": \"<text>\"}`";
const HELP: &str = "HS4 errors are `{\"otaCode\": <OTA error code>, \"message\": \"<text>\"}`, \
                    with `message` required (the OpenAPI's Error schema)";

fn check(cx: &Context, out: &mut Findings) {
    if let Some(http) = cx.http
        && let Some(status) = http.status
        && !cx.has_body
        && cx.facts.json.error_body_statuses.contains(&status)
    {
        out.report_http(
            http.status_or_whole(),
            format!("the {status} response has no body; HS4 answers it with an Error object"),
        )
        .label("no Error body")
        .help(format!(
            "\"Response should follow Error schema\" (HS4 OpenAPI): send {HELP_BODY}"
        ));
        return;
    }
    let Some((value, _)) = error_body(cx) else {
        return;
    };
    let Some(object) = value.as_object() else {
        out.report(span(cx, ""), "the error body is not a JSON object")
            .label("not an object")
            .help(HELP);
        return;
    };
    match object.get("message") {
        None => {
            out.report(opening(cx, ""), "the error body has no `message`")
                .label("no message")
                .help(HELP);
        }
        Some(Value::String(_)) => {}
        Some(_) => {
            out.report(span(cx, "/message"), "`message` is not a string")
                .label("not a string")
                .help(HELP);
        }
    }
    if let Some(code) = object.get("otaCode")
        && code.as_i64().is_none_or(|c| i32::try_from(c).is_err())
    {
        out.report(
            span(cx, "/otaCode"),
            format!("`otaCode` {code} is not a 32-bit integer"),
        )
        .label("not an int32")
        .help(HELP);
    }
}
