//! ## What it does
//! Reports a Hotel Service v4 reservation, read or modify response whose `confirmationCodes`
//! hold no `SUPPLIER_CONFIRMATION` code, and a cancel response without a `CANCELLATION` code
//! (data: `contract.confirmation_codes`). A response without `confirmationCodes` at all is
//! `missing-required-content`'s.
//!
//! ## Why it matters
//! "SUPPLIER_CONFIRMATION: (Required) … This also be provided in all subsequent
//! read/modify/cancel request"; "CANCELLATION: (Required) … must be provided as a part of
//! CancelDetails response object." (HS4 Getting Started, Confirmation Codes). Without the
//! supplier's confirmation Concur cannot read, change or cancel the booking; without the
//! cancellation code the traveller has no proof of the cancellation.
//!
//! ## Example
//! ```json
//! {"confirmationCodes": [{"code": "1785118482", "codeType": "HOTEL_CONFIRMATION"}], "cancellationRemarks": "Cancelled with no penalty"}
//! ```
//!
//! ## Fix
//! ```json
//! {"confirmationCodes": [{"code": "CXL-1785118482", "codeType": "CANCELLATION"}], "cancellationRemarks": "Cancelled with no penalty"}
//! ```

use serde_json::Value;

use super::prelude::*;
use super::support::hs4_contract;

pub static RULE: Rule = Rule {
    name: "missing-confirmation-code",
    group: Group::Hs4,
    level: Level::Error,
    profiles: HS4,
    summary: "a booking answer without the confirmation code its operation requires",
    data: &["contract.confirmation_codes"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    // The same gate as the contract rules: a successful answer of a known operation.
    if !hs4_contract::successful(cx) {
        return;
    }
    let Some(rule) = cx.operation.and_then(|op| cx.facts.contract.confirmation_codes.get(op)) else {
        return;
    };
    let Some(codes) = cx.json.and_then(|j| j.value.as_ref()).and_then(|v| v.get("confirmationCodes")).and_then(Value::as_array) else {
        return;
    };
    let has = codes.iter().any(|c| c.get("codeType").and_then(Value::as_str) == Some(rule.code_type.as_str()));
    if has {
        return;
    }
    let (span, _) = hs4_contract::place(cx, "/confirmationCodes");
    let kinds: Vec<&str> = codes.iter().filter_map(|c| c.get("codeType").and_then(Value::as_str)).collect();
    let had = match kinds.as_slice() {
        [] => "no code".to_string(),
        k => format!("only {}", k.join(", ")),
    };
    out.report(span, format!("the {} answer's confirmationCodes hold {had}: no {} code", cx.operation.unwrap_or("booking"), rule.code_type))
        .label(format!("no {}", rule.code_type))
        .help(format!("add {{\"codeType\": \"{}\", \"code\": …}}: \"{}\"", rule.code_type, rule.sentence));
}
