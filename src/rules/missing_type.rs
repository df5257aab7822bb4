//! ## What it does
//! Reports an `Error` without a `Type` attribute (only the error Concur uses, the first, is
//! checked). The help names the type the error's code belongs to.
//!
//! ## Why it matters
//! "Any errors without a Type attribute will automatically be treated as 1 meaning Unknown."
//! (Hotel v2 - Error Handling). An application error such as 322 No availability
//! then reaches Concur as an unknown failure.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelResRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Errors>
//!         <Error Code="242" ShortText="Credit card number is missing"/>
//!       </Errors>
//!     </OTA_HotelResRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Give the type of the code: 13 (Application error) here.
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelResRS xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e1b2c3" PrimaryLangID="en" AltLangID="en" Version="1">
//!       <Errors>
//!         <Error Type="13" Code="242" ShortText="Credit card number is missing"/>
//!       </Errors>
//!     </OTA_HotelResRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```

use super::prelude::*;

pub static RULE: Rule = Rule {
    name: "missing-type",
    group: Group::Errors,
    level: Level::Warning,
    profiles: HS2,
    summary: "Error without Type; Concur treats it as its default type",
    data: &["errors.default_type", "types"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(error) = cx.first_error() else {
        return;
    };
    if error.has_attribute("Type") {
        return;
    }
    let default = cx.facts.errors.default_type.as_deref().unwrap_or("1");
    let default_name = cx.facts.type_name(default);
    let known = error
        .attribute("Code")
        .and_then(|code| cx.facts.code(code).map(|c| (code, c)));
    let help = match known.and_then(|(code, c)| Some((code, c.error_type.as_deref()?))) {
        Some((code, ty)) => format!(
            "Concur lists code {code} under Type {ty} ({}): add `Type=\"{ty}\"`",
            cx.facts.type_name(ty)
        ),
        None => format!(
            "add the error's type: {}",
            cx.facts
                .types
                .iter()
                .map(|(t, n)| format!("`Type=\"{t}\"` ({})", n.name))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    out.report(
        cx.name_span(error),
        format!("`Error` has no `Type`; Concur treats it as {default} ({default_name})"),
    )
    .label("no Type")
    .help(help);
}
