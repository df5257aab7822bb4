//! ## What it does
//! Reports an error `Code` that does not match the OTA code pattern: one to four characters
//! from `0-9` and `A-Z` for `hs2` (Concur's widening of `OTA_CodeType`), one to three for
//! `hs1`. The pattern is data (`errors.code_pattern`). For `hs2` only the error Concur uses,
//! the first, is checked; for `hs1` every error.
//!
//! ## Why it matters
//! Concur's HotelService2.xsd types `Code` as `[0-9A-Z]{1,4}` and OTA 2011B as
//! `[0-9A-Z]{1,3}`: a code such as `ERR-42` or `no_avail` fails schema validation, and
//! Concur cannot map it to anything.
//!
//! ## Example
//! ```xml
//! <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
//!   <soap:Body>
//!     <OTA_HotelAvailRS xmlns="http://www.opentravel.org/OTA/2003/05" Version="1">
//!       <Errors>
//!         <Error Type="13" Code="NOAVAIL" ShortText="No availability">HTL4444</Error>
//!       </Errors>
//!     </OTA_HotelAvailRS>
//!   </soap:Body>
//! </soap:Envelope>
//! ```
//!
//! ## Fix
//! Use the OTA error code (OTA ERR code list) that Concur expects.
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
    name: "code-format",
    group: Group::Errors,
    level: Level::Error,
    profiles: HS2_HS1,
    summary: "Code not matching the profile's code pattern",
    data: &["errors.code_pattern"],
    check,
};

fn check(cx: &Context, out: &mut Findings) {
    let Some(shape) = cx.shape else {
        return;
    };
    let errors: Vec<_> = match cx.profile {
        Profile::Hs2 => shape.first_error().into_iter().collect(),
        _ => shape.all_errors().collect(),
    };
    let Some(pattern) = &cx.facts.errors.code_pattern else {
        return;
    };
    for error in errors {
        let Some(code) = error.attribute("Code") else {
            continue;
        };
        if pattern.is_match(code) {
            continue;
        }
        out.report(
            cx.attr_span(error, "Code"),
            format!(
                "error code `{}` does not match `{}`",
                super::support::shown(code),
                cx.facts.errors.code_pattern.as_ref().map_or("", |p| p.source.as_str())
            ),
        )
        .label("not an OTA code")
        .help("use the numeric code from the OTA Error Codes (ERR) list, e.g. `322` No availability");
    }
}
