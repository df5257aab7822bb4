//! ## What it does
//! Reports an HS4 error's `otaCode` that is not on HS4's list of supported OTA codes (45
//! codes, data: `json.supported_codes` in `rules/hs4.toml`).
//!
//! ## Why it matters
//! Concur's "Hotel v4 Supported Error Codes" page lists the codes it maps to messages for the
//! traveler (35, 69, 70, … 890, 891). Any other code, even a valid OTA one, falls back to a
//! generic error.
//!
//! ## Example
//! ```json
//! {"otaCode": 322, "message": "No availability"}
//! ```
//!
//! ## Fix
//! Use the supported code closest to the cause.
//! ```json
//! {"otaCode": 424, "message": "No hotels found which match this input"}
//! ```

use super::support::hs4_json::{error_body, span};
use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "unsupported-ota-code",
    group: Group::Hs4,
    level: Level::Warning,
    profiles: HS4,
    summary: "otaCode outside HS4's supported list",
    data: &["json.supported_codes"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some((value, _)) = error_body(cx) else {
        return;
    };
    let Some(code) = value.get("otaCode").and_then(serde_json::Value::as_i64) else {
        return;
    };
    let supported = &cx.facts.json.supported_codes;
    if supported.is_empty() || supported.contains(&code) {
        return;
    }
    out.report(
        span(cx, "/otaCode"),
        format!("otaCode {code} is not one of HS4's supported codes"),
    )
    .label("unsupported")
    .help("Concur maps only the codes on its \"Hotel v4 Supported Error Codes\" page; others show a generic error");
}
