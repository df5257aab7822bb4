//! ## What it does
//! Reports an error `Type` other than the ones Concur supports: 1 (Unknown), 2 (No
//! implementation) and 13 (Application error). Type 4 is `authentication-type` instead.
//! Only the error Concur uses, the first, is checked.
//!
//! ## Why it matters
//! "SAP Concur supports the following Error Type Codes in any of the responses: 1, 2, 13"
//! (Hotel v2 - Error Handling, Error Types). Any other OTA error type (EWT), such as 3 Biz rule
//! or 12 Processing exception, is outside the contract.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelResRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Errors>
//!         <Error Type="3" Code="242" ShortText="Credit card number is missing"/>
//!       </Errors>
//!     </OTA_HotelResRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Use the type Concur lists the code under.
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
    name: "unsupported-type",
    group: Group::Errors,
    level: Level::Error,
    profiles: HS2,
    summary: "an Error Type Concur does not support (Authentication is authentication-type)",
    data: &["types", "errors.authentication_type"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(error) = cx.first_error() else {
        return;
    };
    let Some(ty) = error.attribute("Type") else {
        return;
    };
    if cx.facts.types.contains_key(ty) || cx.facts.errors.authentication_type.as_deref() == Some(ty) {
        return;
    }
    let supported = cx
        .facts
        .types
        .iter()
        .map(|(t, ty)| format!("{t} ({})", ty.name))
        .collect::<Vec<_>>()
        .join(", ");
    let help = match error
        .attribute("Code")
        .and_then(|c| cx.facts.code(c))
        .and_then(|c| c.error_type.as_deref())
    {
        Some(right) => format!("Concur supports Type {supported}; this code is listed under Type {right}"),
        None => format!("Concur supports Type {supported}"),
    };
    out.report(
        cx.attr_span(error, "Type"),
        format!("error Type `{ty}` is not one Concur supports"),
    )
    .label("unsupported Type")
    .help(help);
}
