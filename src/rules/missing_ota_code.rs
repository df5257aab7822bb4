//! ## What it does
//! Reports an HS4 error body without `otaCode` where the status requires one: HTTP 400 (data:
//! `json.ota_code_required_statuses`). Runs where the status is known.
//!
//! ## Why it matters
//! HS4 documents 400 "Invalid client request … Response should follow Error schema and
//! include OTA Code" and "If otaCode is missing in an error, then only generic error is
//! displayed to user." (500 "OTA Code is optional".) Without the code the traveler sees
//! "something went wrong" instead of "no availability".
//!
//! ## Example
//! ```http
//! HTTP/1.1 400 Bad Request
//! Content-Type: application/json
//!
//! {"message": "Check-in date is in the past"}
//! ```
//!
//! ## Fix
//! ```http
//! HTTP/1.1 400 Bad Request
//! Content-Type: application/json
//!
//! {"otaCode": 321, "message": "Check-in date is in the past"}
//! ```

use super::support::hs4_json::{error_body, opening};
use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "missing-ota-code",
    group: Group::Hs4,
    level: Level::Warning,
    profiles: HS4,
    summary: "an error body without otaCode where its status requires one",
    data: &["json.ota_code_required_statuses"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some((value, Some(status))) = error_body(cx) else {
        return;
    };
    if !cx.facts.json.ota_code_required_statuses.contains(&status) {
        return;
    }
    let Some(object) = value.as_object() else {
        return;
    };
    if object.contains_key("otaCode") {
        return;
    }
    out.report(
        opening(cx, ""),
        format!("the HTTP {status} error body has no `otaCode`"),
    )
    .label("no otaCode")
    .help("\"Response should follow Error schema and include OTA Code\": add the OTA error code, e.g. `\"otaCode\": 321`");
}
