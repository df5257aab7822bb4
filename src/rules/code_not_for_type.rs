//! ## What it does
//! Reports an error `Code` that Concur does not list under the error's type: Type 1 expects
//! 188; Type 2 expects 1; Type 13 expects 242, 320, 322, 424, 95, 438, 748, 400 or 385. An
//! error without `Type` counts as Type 1. Silent when the type is unsupported
//! (`unsupported-type`), the code is missing (`missing-code`) or malformed (`code-format`).
//! Only the error Concur uses, the first, is checked.
//!
//! ## Why it matters
//! "SAP Concur expects the following errors under the given error types" (Hotel v2 -
//! Error Handling). Concur reacts to the code, reading it within its type: a 322 sent as
//! Type 1, or without a Type, is an unknown failure to Concur, not "no availability".
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelAvailRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Errors>
//!         <Error Type="1" Code="322" ShortText="No availability">HTL4444</Error>
//!       </Errors>
//!     </OTA_HotelAvailRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Use the type the code is listed under (or the code listed for the type).
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelAvailRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1">
//!       <Errors>
//!         <Error Type="13" Code="322" ShortText="No availability">HTL4444</Error>
//!       </Errors>
//!     </OTA_HotelAvailRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "code-not-for-type",
    group: Group::Errors,
    level: Level::Error,
    profiles: HS2,
    summary: "Code not listed for its Type",
    data: &["errors.code_pattern", "errors.default_type", "types", "codes.*.type"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(error) = cx.first_error() else {
        return;
    };
    let Some(code) = error.attribute("Code") else {
        return;
    };
    if !cx.facts.errors.code_pattern.as_ref().is_some_and(|p| p.is_match(code)) {
        return;
    }
    let given = error.attribute("Type");
    let Some(ty) = cx.error_type(error) else {
        return;
    };
    let Some(type_name) = cx.facts.types.get(ty).map(|t| &t.name) else {
        return;
    };
    let expected: Vec<_> = cx.facts.codes_for_type(ty).collect();
    if expected.is_empty() || expected.contains(&code) {
        return;
    }
    let elsewhere = cx.facts.code(code).and_then(|c| c.error_type.as_deref());
    let help = match elsewhere {
        Some(right) => format!(
            "code {code} is listed under Type {right} ({}): set `Type=\"{right}\"`",
            cx.facts.type_name(right)
        ),
        None => format!(
            "Concur expects {} for Type {ty}; use the code that fits, or the type it belongs to",
            super::support::list_codes(cx.facts, &expected)
        ),
    };
    let counted = if given.is_none() {
        " (an error without Type counts as Type 1)"
    } else {
        ""
    };
    let d = out
        .report(
            cx.attr_span(error, "Code"),
            format!("code {code} is not a Type {ty} ({type_name}) code{counted}"),
        )
        .label(format!("not a Type {ty} code"))
        .help(help);
    if given.is_some() {
        d.related(cx.attr_span(error, "Type"), format!("Type {ty}"));
    }
}
