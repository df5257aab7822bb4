//! ## What it does
//! Reports a JSON body (`hs4`) that is not valid JSON, at the line and column where the parser
//! stopped. The rest of the body cannot be checked. This rule cannot be turned off.
//!
//! ## Why it matters
//! Hotel Service v4 is JSON; Concur cannot read a body it cannot parse, and the call fails.
//! Trailing commas, single quotes and unescaped control characters are the usual causes, from
//! hand-built JSON strings.
//!
//! ## Example
//! ```json
//! {"otaCode": 424, "message": "No hotels found",}
//! ```
//!
//! ## Fix
//! Serialize with a JSON library.
//! ```json
//! {"otaCode": 424, "message": "No hotels found"}
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "malformed-json",
    group: Group::Hs4,
    level: Level::Error,
    profiles: HS4,
    summary: "the body is not valid JSON",
    data: &[],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(failure) = cx.json.and_then(|j| j.error.as_ref()) else {
        return;
    };
    out.report(
        failure.span.clone(),
        format!("not valid JSON: {}", failure.message),
    )
    .label("the parser stopped here")
    .help("serialize responses with a JSON library: no trailing commas, double quotes only, control characters escaped");
}
